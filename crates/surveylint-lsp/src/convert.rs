//! Turns the core's findings into LSP diagnostics.

use std::str::FromStr;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Range, TextEdit, Uri,
};

use crate::document::OpenDocument;
use surveylint::position::LineIndex;

use crate::encoding::{self, Encoding};

/// The `source` of every diagnostic.
pub const SOURCE: &str = "surveylint";

/// The `data` of a diagnostic: what a client needs to build the fixes itself
/// (the server's own code actions recompute them from the current text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticData {
    /// The rule's slug.
    pub rule: String,
    /// The rule's code, e.g. `SL001`.
    pub code: String,
    /// The language of the flagged text, `nl` or `en`.
    pub language: String,
    /// The rule's suggested rewrites, as edits of this document version.
    pub fixes: Vec<Fix>,
}

/// One suggested rewrite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    /// The edit that applies it.
    pub edit: TextEdit,
    /// True when applying it cannot change what the question asks.
    pub safe: bool,
}

/// The documentation page of a rule.
pub fn rule_docs_uri(slug: &str) -> Option<Uri> {
    Uri::from_str(&surveylint::rule_docs_url(slug)).ok()
}

/// Maps the core's severity to the protocol's.
pub fn severity(severity: surveylint::Severity) -> DiagnosticSeverity {
    match severity {
        surveylint::Severity::Error => DiagnosticSeverity::ERROR,
        surveylint::Severity::Warning => DiagnosticSeverity::WARNING,
        surveylint::Severity::Info => DiagnosticSeverity::INFORMATION,
        surveylint::Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The range of a finding in `document`. A finding with a non-text location
/// (a spreadsheet cell) has no place in the text and sits at its start.
pub fn finding_range(document: &OpenDocument, finding: &surveylint::Diagnostic, encoding: Encoding) -> Range {
    range_in(&document.text, &document.lines, finding, encoding)
}

fn range_in(text: &str, lines: &LineIndex, finding: &surveylint::Diagnostic, encoding: Encoding) -> Range {
    if finding.location.is_some() {
        return Range::default();
    }
    encoding::range(lines, text, finding.span.start, finding.span.end, encoding)
}

/// The protocol diagnostic for one finding.
pub fn diagnostic(document: &OpenDocument, finding: &surveylint::Diagnostic, encoding: Encoding) -> Diagnostic {
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
                range: encoding::range(lines, text, suggestion.span.start, suggestion.span.end, encoding),
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

/// The protocol diagnostics of the document's latest findings.
pub fn diagnostics(document: &OpenDocument, encoding: Encoding) -> Vec<Diagnostic> {
    diagnostics_of(&document.text, &document.lines, &document.findings, encoding)
}

/// The protocol diagnostics of `findings` in `text`, whose line index is
/// `lines`. The server converts a lint's findings with this before taking
/// the state lock, from its own copy of the text.
pub fn diagnostics_of(
    text: &str,
    lines: &LineIndex,
    findings: &[surveylint::Diagnostic],
    encoding: Encoding,
) -> Vec<Diagnostic> {
    findings.iter().map(|finding| diagnostic_in(text, lines, finding, encoding)).collect()
}
