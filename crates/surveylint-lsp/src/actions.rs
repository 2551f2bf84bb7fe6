//! Code actions: apply a rule's rewrite, ignore one occurrence with an
//! inline comment, or disable the rule for the workspace in `surveylint.toml`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use surveylint::Language;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions, DocumentChangeOperation,
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, Position, Range, ResourceOp, TextDocumentEdit,
    TextEdit, Uri, WorkspaceEdit,
};

use crate::convert;
use crate::document::OpenDocument;
use surveylint::position::{ceil_char_boundary, floor_char_boundary, LineIndex};

use crate::encoding::{self, Encoding};

/// Where "disable this rule for the workspace" writes, and what the client can do.
#[derive(Debug, Clone)]
pub struct WorkspaceTarget {
    /// The folder whose configuration file is edited.
    pub folder: PathBuf,
    /// The current text of its configuration file and where it is, if it exists.
    pub existing: Option<(PathBuf, String)>,
    /// True when the client accepts a create-file operation in a workspace edit.
    pub can_create_files: bool,
}

/// The code actions for the findings of `document` that touch bytes `start..end`.
pub fn code_actions(
    document: &OpenDocument,
    start: usize,
    end: usize,
    encoding: Encoding,
    workspace: Option<&WorkspaceTarget>,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    let mut disabled_rules: Vec<&str> = Vec::new();
    for finding in &document.findings {
        // A cursor resting right before or after the flagged words still counts.
        let touches = finding.span.start <= end && start <= finding.span.end;
        if !touches || finding.location.is_some() {
            continue;
        }
        let diagnostic = convert::diagnostic(document, finding, encoding);
        let texts = ActionTexts::of(finding.language);
        let preferred = finding.suggestions.len() == 1;
        for suggestion in &finding.suggestions {
            let range =
                encoding::range(&document.lines, &document.text, suggestion.span.start, suggestion.span.end, encoding);
            let edit = TextEdit { range, new_text: suggestion.replacement.clone() };
            // An empty replacement deletes (an unused suppression comment, say).
            let title = if suggestion.replacement.is_empty() {
                texts.remove.to_owned()
            } else {
                texts.replace.replace("{}", &shorten(&suggestion.replacement))
            };
            actions.push(quick_fix(title, &diagnostic, edit_of(&document.uri, vec![edit]), preferred));
        }
        // Silencing the report about a useless suppression with another one makes no sense.
        let suppressible = finding.rule != surveylint::UNUSED_SUPPRESSION;
        if let Some(edit) = suppression_edit(document, finding, encoding).filter(|_| suppressible) {
            let title = texts.ignore.replace("{}", &finding.rule);
            actions.push(quick_fix(title, &diagnostic, edit_of(&document.uri, vec![edit]), false));
        }
        if disabled_rules.contains(&finding.rule.as_str()) {
            continue;
        }
        if let Some(edit) = workspace.and_then(|target| disable_rule_edit(target, &finding.rule, encoding)) {
            disabled_rules.push(&finding.rule);
            let title = texts.disable.replace("{}", &finding.rule);
            actions.push(quick_fix(title, &diagnostic, edit, false));
        }
    }
    actions
}

/// Action titles in the language of the flagged text.
struct ActionTexts {
    replace: &'static str,
    remove: &'static str,
    ignore: &'static str,
    disable: &'static str,
}

impl ActionTexts {
    fn of(language: Language) -> ActionTexts {
        match language {
            Language::Dutch => ActionTexts {
                replace: "Vervang door “{}”",
                remove: "Verwijder deze regel",
                ignore: "Negeer {} hier (commentaar erboven)",
                disable: "Zet {} uit voor de hele werkmap (surveylint.toml)",
            },
            Language::English => ActionTexts {
                replace: "Replace with “{}”",
                remove: "Remove this line",
                ignore: "Ignore {} here (comment above)",
                disable: "Disable {} for the workspace (surveylint.toml)",
            },
        }
    }
}

/// Long rewrites are cut in the title; the edit itself is complete.
fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    if text.chars().count() <= MAX_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

fn quick_fix(
    title: String,
    diagnostic: &tower_lsp_server::ls_types::Diagnostic,
    edit: WorkspaceEdit,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(edit),
        command: None,
        is_preferred: preferred.then_some(true),
        disabled: None,
        data: None,
    })
}

fn edit_of(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..WorkspaceEdit::default() }
}

/// Inserts `<indent><comment>surveylint-disable-next-line SLUG` on its own
/// line above the line where the finding starts. `None` for formats without
/// comments (JSON, CSV).
fn suppression_edit(document: &OpenDocument, finding: &surveylint::Diagnostic, encoding: Encoding) -> Option<TextEdit> {
    let (open, close) = document.format.comment_delimiters()?;
    let line = document.lines.line_of(finding.span.start);
    let line_start = document.lines.line_start(line);
    let rest = &document.text[line_start..];
    let indent = &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()];
    let line_break = if document.text.contains("\r\n") { "\r\n" } else { "\n" };
    let position = Position::new(encoding::position(&document.lines, &document.text, line_start, encoding).line, 0);
    Some(TextEdit {
        range: Range::new(position, position),
        new_text: format!("{indent}{open}surveylint-disable-next-line {}{close}{line_break}", finding.rule),
    })
}

/// The edit that adds `slug` to `ignore = [...]` in the folder's
/// configuration file, keeping the rest of the file as it is, or creates the
/// file. `None` when the rule is already ignored, the file cannot be parsed
/// (the user must fix it first), or the file is missing and the client cannot
/// create files.
fn disable_rule_edit(target: &WorkspaceTarget, slug: &str, encoding: Encoding) -> Option<WorkspaceEdit> {
    match &target.existing {
        Some((path, text)) => {
            let updated = add_to_ignore(text, slug)?;
            let uri = Uri::from_file_path(path)?;
            Some(edit_of(&uri, vec![minimal_edit(text, &updated, encoding)]))
        }
        None if target.can_create_files => {
            let path = target.folder.join(crate::config::EDITABLE_CONFIG_FILE_NAMES[0]);
            let uri = file_uri(&path)?;
            let text = add_to_ignore("", slug)?;
            let create = ResourceOp::Create(CreateFile {
                uri: uri.clone(),
                options: Some(CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
                annotation_id: None,
            });
            let insert = TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: vec![OneOf::Left(TextEdit { range: Range::default(), new_text: text })],
            };
            Some(WorkspaceEdit {
                document_changes: Some(DocumentChanges::Operations(vec![
                    DocumentChangeOperation::Op(create),
                    DocumentChangeOperation::Edit(insert),
                ])),
                ..WorkspaceEdit::default()
            })
        }
        None => None,
    }
}

/// A `file://` URI for a path that may not exist yet (so it cannot be canonicalised).
fn file_uri(path: &Path) -> Option<Uri> {
    if path.is_absolute() {
        let parent = Uri::from_file_path(path.parent()?)?;
        let name = path.file_name()?.to_str()?;
        let separator = if parent.as_str().ends_with('/') { "" } else { "/" };
        format!("{}{separator}{name}", parent.as_str()).parse().ok()
    } else {
        None
    }
}

/// Adds `slug` to the top-level `ignore` array of a TOML text, keeping its
/// formatting and comments. `None` when it is already there or the text is
/// not valid TOML or `ignore` is not an array.
pub fn add_to_ignore(text: &str, slug: &str) -> Option<String> {
    let mut document: toml_edit::DocumentMut = text.parse().ok()?;
    match document.get_mut("ignore") {
        None => {
            let mut array = toml_edit::Array::new();
            array.push(slug);
            document.insert("ignore", toml_edit::value(array));
        }
        Some(item) => {
            let array = item.as_array_mut()?;
            if array.iter().any(|value| value.as_str() == Some(slug)) {
                return None;
            }
            // Copy the layout of the last element, so a one-per-line array
            // stays one per line, and keep a comment after the last element
            // on that element's line instead of moving it after the new one.
            let last_prefix = array.iter().last().and_then(|last| last.decor().prefix()).and_then(|raw| raw.as_str());
            let last_prefix = last_prefix.filter(|prefix| prefix.starts_with('\n')).unwrap_or(" ").to_owned();
            let trailing = array.trailing().as_str().unwrap_or_default().to_owned();
            let (comment, rest) = match trailing.rfind('\n') {
                Some(newline) if last_prefix.starts_with('\n') => trailing.split_at(newline),
                _ => ("", trailing.as_str()),
            };
            array.push(slug);
            if let Some(pushed) = array.iter_mut().last() {
                pushed.decor_mut().set_prefix(format!("{comment}{last_prefix}"));
                pushed.decor_mut().set_suffix("");
            }
            array.set_trailing(rest);
        }
    }
    Some(document.to_string())
}

/// One edit that turns `old` into `new`: only the differing middle is replaced,
/// so the cursor and undo history of an open file are disturbed as little as possible.
fn minimal_edit(old: &str, new: &str, encoding: Encoding) -> TextEdit {
    // Both texts share the bytes before `prefix` and after `suffix`, and
    // whether an offset is a char boundary depends only on the bytes around
    // it in valid UTF-8, so a boundary of `old` there is one of `new` too.
    let same_start = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    let prefix = floor_char_boundary(old, same_start);
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let same_end = old.bytes().rev().zip(new.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    let suffix = old.len() - ceil_char_boundary(old, old.len() - same_end);
    let lines = LineIndex::new(old);
    TextEdit {
        range: encoding::range(&lines, old, prefix, old.len() - suffix, encoding),
        new_text: new[prefix..new.len() - suffix].to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_is_created_or_extended_keeping_comments_and_layout() {
        assert_eq!(add_to_ignore("", "score-begging").as_deref(), Some("ignore = [\"score-begging\"]\n"));
        let file = "# Team settings\nlanguage = \"nl\" # we write Dutch\n\n[severity]\npraise = \"warning\"\n";
        assert_eq!(
            add_to_ignore(file, "score-begging").as_deref(),
            Some("# Team settings\nlanguage = \"nl\" # we write Dutch\nignore = [\"score-begging\"]\n\n[severity]\npraise = \"warning\"\n")
        );
        assert_eq!(
            add_to_ignore("ignore = [\"praise\"]  # later\n", "score-begging").as_deref(),
            Some("ignore = [\"praise\", \"score-begging\"]  # later\n")
        );
        let listed = "ignore = [\n    \"praise\", # too strict for us\n]\n";
        assert_eq!(
            add_to_ignore(listed, "score-begging").as_deref(),
            Some("ignore = [\n    \"praise\", # too strict for us\n    \"score-begging\",\n]\n")
        );
    }

    #[test]
    fn nothing_to_do_when_already_ignored_or_unreadable() {
        assert_eq!(add_to_ignore("ignore = [\"score-begging\"]\n", "score-begging"), None);
        assert_eq!(add_to_ignore("ignore = [\n", "score-begging"), None);
        assert_eq!(add_to_ignore("ignore = \"score-begging\"\n", "praise"), None);
    }

    #[test]
    fn minimal_edit_replaces_only_the_difference() {
        let edit = minimal_edit("a = 1\nignore = []\n", "a = 1\nignore = [\"x\"]\n", Encoding::Utf16);
        assert_eq!(edit.range, Range::new(Position::new(1, 10), Position::new(1, 10)));
        assert_eq!(edit.new_text, "\"x\"");
        let same = minimal_edit("é", "é", Encoding::Utf16);
        assert_eq!((same.range, same.new_text.as_str()), (Range::new(Position::new(0, 1), Position::new(0, 1)), ""));
    }
}
