//! Code actions: apply a rule's rewrite, ignore one occurrence with an
//! inline comment, or disable the rule for the workspace in `surveylint.toml`.
//!
//! Protocol-free: actions are worked out as byte edits of the texts they
//! change; [`crate::convert`] turns them into the protocol's workspace edits.

use std::path::PathBuf;

use surveylint::position::{ceil_char_boundary, floor_char_boundary};
use surveylint::{Language, Span};

use crate::document::OpenDocument;

/// Where "disable this rule for the workspace" writes, and what the client can do.
#[derive(Debug, Clone)]
pub(crate) struct WorkspaceTarget {
    /// The folder whose configuration file is edited.
    pub(crate) folder: PathBuf,
    /// The current text of its configuration file and where it is, if it exists.
    pub(crate) existing: Option<(PathBuf, String)>,
    /// True when the client accepts a create-file operation in a workspace edit.
    pub(crate) can_create_files: bool,
}

/// Bytes `span` of a text replaced by `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ByteEdit {
    pub(crate) span: Span,
    pub(crate) text: String,
}

/// What an action changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    /// One edit of the open document.
    Document(ByteEdit),
    /// One edit of the configuration file at `path`, whose current text is `old`.
    File { path: PathBuf, old: String, edit: ByteEdit },
    /// A new configuration file at `path` holding `text`.
    Create { path: PathBuf, text: String },
}

/// One quick fix for one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Action {
    /// What the editor shows, in the language of the flagged text.
    pub(crate) title: String,
    /// The finding it fixes: an index into the document's findings.
    pub(crate) finding: usize,
    /// True for the one rewrite of a finding that has exactly one.
    pub(crate) preferred: bool,
    pub(crate) change: Change,
}

/// The code actions for the findings of `document` that touch bytes `start..end`.
pub(crate) fn code_actions(
    document: &OpenDocument,
    start: usize,
    end: usize,
    workspace: Option<&WorkspaceTarget>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut disabled_rules: Vec<&str> = Vec::new();
    for (index, finding) in document.findings.iter().enumerate() {
        // A cursor resting right before or after the flagged words still counts.
        let touches = finding.span.start <= end && start <= finding.span.end;
        if !touches || finding.location.is_some() {
            continue;
        }
        let texts = ActionTexts::of(finding.language);
        let action =
            |title: String, preferred: bool, change: Change| Action { title, finding: index, preferred, change };
        let preferred = finding.suggestions.len() == 1;
        for suggestion in &finding.suggestions {
            let edit = ByteEdit { span: suggestion.span, text: suggestion.replacement.clone() };
            // An empty replacement deletes (an unused suppression comment, say).
            let title = if suggestion.replacement.is_empty() {
                texts.remove.to_owned()
            } else {
                texts.replace.replace("{}", &shorten(&suggestion.replacement))
            };
            actions.push(action(title, preferred, Change::Document(edit)));
        }
        // Silencing the report about a useless suppression with another one makes no sense.
        let suppressible = finding.rule != surveylint::UNUSED_SUPPRESSION;
        if let Some(edit) = suppression_edit(document, finding).filter(|_| suppressible) {
            let title = texts.ignore.replace("{}", &finding.rule);
            actions.push(action(title, false, Change::Document(edit)));
        }
        if disabled_rules.contains(&finding.rule.as_str()) {
            continue;
        }
        if let Some(change) = workspace.and_then(|target| disable_rule_change(target, &finding.rule)) {
            disabled_rules.push(&finding.rule);
            let title = texts.disable.replace("{}", &finding.rule);
            actions.push(action(title, false, change));
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

/// Inserts `<indent><comment>surveylint-disable-next-line SLUG` on its own
/// line above the line where the finding starts. `None` for formats without
/// comments (JSON, CSV).
fn suppression_edit(document: &OpenDocument, finding: &surveylint::Diagnostic) -> Option<ByteEdit> {
    let (open, close) = document.format.comment_delimiters()?;
    let line = document.lines.line_of(finding.span.start);
    let line_start = document.lines.line_start(line);
    let rest = document.text.get(line_start..)?;
    let indent = &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()];
    let line_break = if document.text.contains("\r\n") { "\r\n" } else { "\n" };
    Some(ByteEdit {
        span: Span::new(line_start, line_start),
        text: format!("{indent}{open}surveylint-disable-next-line {}{close}{line_break}", finding.rule),
    })
}

/// The change that adds `slug` to `ignore = [...]` in the folder's
/// configuration file, keeping the rest of the file as it is, or creates the
/// file. `None` when the rule is already ignored, the file cannot be parsed
/// (the user must fix it first), or the file is missing and the client cannot
/// create files.
fn disable_rule_change(target: &WorkspaceTarget, slug: &str) -> Option<Change> {
    match &target.existing {
        Some((path, old)) => {
            let updated = add_to_ignore(old, slug)?;
            let edit = minimal_edit(old, &updated);
            Some(Change::File { path: path.clone(), old: old.clone(), edit })
        }
        None if target.can_create_files => {
            let path = target.folder.join(crate::config::EDITABLE_CONFIG_FILE_NAMES[0]);
            Some(Change::Create { path, text: add_to_ignore("", slug)? })
        }
        None => None,
    }
}

/// Adds `slug` to the top-level `ignore` array of a TOML text, keeping its
/// formatting and comments. `None` when it is already there or the text is
/// not valid TOML or `ignore` is not an array.
pub(crate) fn add_to_ignore(text: &str, slug: &str) -> Option<String> {
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
fn minimal_edit(old: &str, new: &str) -> ByteEdit {
    // Both texts share the bytes before `prefix` and after `suffix`, and
    // whether an offset is a char boundary depends only on the bytes around
    // it in valid UTF-8, so a boundary of `old` there is one of `new` too.
    let same_start = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    let prefix = floor_char_boundary(old, same_start);
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let same_end = old.bytes().rev().zip(new.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    let suffix = old.len() - ceil_char_boundary(old, old.len() - same_end);
    ByteEdit { span: Span::new(prefix, old.len() - suffix), text: new[prefix..new.len() - suffix].to_owned() }
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
        let edit = minimal_edit("a = 1\nignore = []\n", "a = 1\nignore = [\"x\"]\n");
        assert_eq!(edit, ByteEdit { span: Span::new(16, 16), text: "\"x\"".to_owned() });
        assert_eq!(minimal_edit("é", "é"), ByteEdit { span: Span::new(2, 2), text: String::new() });
        // A difference inside a character replaces the whole character.
        assert_eq!(minimal_edit("é", "è"), ByteEdit { span: Span::new(0, 2), text: "è".to_owned() });
    }
}
