//! The conversion layer: between the protocol's types and the server's own.
//!
//! With the handlers ([`crate::server`]) this is the only code that knows
//! the protocol's types. Findings become diagnostics here, hover text a
//! hover, byte edits workspace edits, URIs paths and the client's positions
//! byte offsets ([`positions`]); documents, hover and code actions work in
//! bytes and paths only.

mod code_actions;
mod positions;

use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, Hover, HoverContents, MarkupContent, MarkupKind, NumberOrString,
    Range, TextDocumentContentChangeEvent, TextEdit, Uri,
};

use crate::document::OpenDocument;
use crate::hover::HoverText;
use surveylint::position::LineIndex;

pub(crate) use code_actions::code_actions;
pub(crate) use positions::{offset, Encoding};

/// The `source` of every diagnostic.
pub(crate) const SOURCE: &str = "surveylint";

/// The `data` of a diagnostic: what a client needs to build the fixes itself
/// (the server's own code actions recompute them from the current text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DiagnosticData {
    /// The rule's slug.
    pub(crate) rule: String,
    /// The rule's code, e.g. `SL001`.
    pub(crate) code: String,
    /// The language of the flagged text, `nl` or `en`.
    pub(crate) language: String,
    /// The rule's suggested rewrites, as edits of this document version.
    pub(crate) fixes: Vec<Fix>,
}

/// One suggested rewrite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Fix {
    /// The edit that applies it.
    pub(crate) edit: TextEdit,
    /// True when applying it cannot change what the question asks.
    pub(crate) safe: bool,
}

/// The documentation page of a rule.
fn rule_docs_uri(slug: &str) -> Option<Uri> {
    Uri::from_str(&surveylint::rule_docs_url(slug)).ok()
}

/// Maps the core's severity to the protocol's.
fn severity(severity: surveylint::Severity) -> DiagnosticSeverity {
    match severity {
        surveylint::Severity::Error => DiagnosticSeverity::ERROR,
        surveylint::Severity::Warning => DiagnosticSeverity::WARNING,
        surveylint::Severity::Info => DiagnosticSeverity::INFORMATION,
        surveylint::Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The range of a finding in `document`. A finding with a non-text location
/// (a spreadsheet cell) has no place in the text and sits at its start.
pub(crate) fn finding_range(document: &OpenDocument, finding: &surveylint::Diagnostic, encoding: Encoding) -> Range {
    range_in(&document.text, &document.lines, finding, encoding)
}

fn range_in(text: &str, lines: &LineIndex, finding: &surveylint::Diagnostic, encoding: Encoding) -> Range {
    if finding.location.is_some() {
        return Range::default();
    }
    positions::range(lines, text, finding.span.start, finding.span.end, encoding)
}

/// The protocol diagnostic for one finding.
pub(crate) fn diagnostic(document: &OpenDocument, finding: &surveylint::Diagnostic, encoding: Encoding) -> Diagnostic {
    diagnostic_in(&document.text, &document.lines, finding, encoding)
}

/// The protocol diagnostic for one finding in `text`, whose line index is `lines`.
fn diagnostic_in(text: &str, lines: &LineIndex, finding: &surveylint::Diagnostic, encoding: Encoding) -> Diagnostic {
    let fixes = finding
        .suggestions
        .iter()
        .filter(|_| finding.location.is_none())
        .map(|suggestion| Fix {
            edit: TextEdit {
                range: positions::range(lines, text, suggestion.span.start, suggestion.span.end, encoding),
                new_text: suggestion.replacement.clone(),
            },
            safe: suggestion.safe,
        })
        .collect();
    let data = DiagnosticData {
        rule: finding.rule.clone(),
        code: finding.code.clone(),
        language: finding.language.code().to_owned(),
        fixes,
    };
    let message = match &finding.location {
        Some(location) => format!("{location}: {}", finding.message),
        None => finding.message.clone(),
    };
    Diagnostic {
        range: range_in(text, lines, finding, encoding),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.clone())),
        code_description: rule_docs_uri(&finding.rule).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message,
        related_information: None,
        tags: None,
        data: serde_json::to_value(data).ok(),
    }
}

/// The protocol diagnostics of `findings` in `text`, whose line index is
/// `lines`. The server converts a lint's findings with this before taking
/// the state lock, from its own copy of the text.
pub(crate) fn diagnostics_of(
    text: &str,
    lines: &LineIndex,
    findings: &[surveylint::Diagnostic],
    encoding: Encoding,
) -> Vec<Diagnostic> {
    findings.iter().map(|finding| diagnostic_in(text, lines, finding, encoding)).collect()
}

/// The hover the protocol shows for `text`, over its finding's words.
pub(crate) fn hover(document: &OpenDocument, text: HoverText<'_>, encoding: Encoding) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text.markdown }),
        range: Some(finding_range(document, text.finding, encoding)),
    }
}

/// Applies the client's changes to `document` in order, then marks it as
/// `version`. Each change's range refers to the text as the previous change
/// left it, so it is converted to bytes just before it is applied.
/// Out-of-range positions clamp (see [`offset`]) instead of failing.
pub(crate) fn apply_changes(
    document: &mut OpenDocument,
    version: i32,
    changes: Vec<TextDocumentContentChangeEvent>,
    encoding: Encoding,
) {
    for change in changes {
        let range = change.range.map(|range| {
            let start = offset(&document.lines, &document.text, range.start, encoding);
            let end = offset(&document.lines, &document.text, range.end, encoding).max(start);
            start..end
        });
        document.replace(range, change.text);
    }
    document.changed(version);
}

/// The path a document's format is told from: its file path, or the path
/// part of a URI that names no file (`untitled:Untitled-1`).
pub(crate) fn document_path(uri: &Uri) -> String {
    uri.to_file_path().map_or_else(|| uri.path().to_string(), |path| path.display().to_string())
}

/// The `file://` URI of an absolute path, which may not exist yet. A
/// relative path gets `None`: making its URI would resolve it against the
/// file system, which the handlers do not touch while they hold the state lock.
pub(crate) fn file_uri(path: &Path) -> Option<Uri> {
    path.is_absolute().then(|| Uri::from_file_path(path)).flatten()
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::Position;

    use super::*;

    fn document(text: &str) -> OpenDocument {
        OpenDocument::new("/tmp/vragen.txt".to_owned(), 1, text.to_owned(), "plaintext".to_owned())
    }

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(start.0, start.1), Position::new(end.0, end.1))),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_order_after_an_emoji() {
        let mut doc = document("😀 Hoe was het?\nGeef ons een 8!\n");
        let changes = vec![
            change((1, 13), (1, 14), "10"),
            change((0, 3), (0, 6), "Hoe tevreden"),
            change((2, 0), (2, 0), "Einde"),
        ];
        apply_changes(&mut doc, 2, changes, Encoding::Utf16);
        assert_eq!(doc.text, "😀 Hoe tevreden was het?\nGeef ons een 10!\nEinde");
        assert_eq!(doc.version, 2);
    }

    #[test]
    fn a_change_past_the_end_appends_instead_of_failing() {
        let mut doc = document("Vraag?");
        apply_changes(&mut doc, 3, vec![change((0, 99), (7, 3), " Ja.")], Encoding::Utf8);
        assert_eq!(doc.text, "Vraag? Ja.");
    }

    #[test]
    fn a_change_without_range_replaces_everything() {
        let mut doc = document("oud");
        let full = TextDocumentContentChangeEvent { range: None, range_length: None, text: "nieuw".to_owned() };
        apply_changes(&mut doc, 4, vec![full], Encoding::Utf16);
        assert_eq!(doc.text, "nieuw");
        assert_eq!(doc.lines, LineIndex::new("nieuw"));
    }

    #[test]
    fn file_uris_are_made_from_absolute_paths_only() {
        let uri = file_uri(Path::new("/tmp/nieuw map/surveylint.toml")).map(|uri| uri.as_str().to_owned());
        assert_eq!(uri.as_deref(), Some("file:///tmp/nieuw%20map/surveylint.toml"));
        assert_eq!(file_uri(Path::new("surveylint.toml")), None);
    }
}
