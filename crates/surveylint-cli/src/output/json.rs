//! `--format json`: one versioned JSON document (documented in README.md).

use std::io::{self, Write};

use serde::Serialize;
use surveylint::{Diagnostic, Severity, Span};

use super::FileReport;
use crate::positions::LineColumn;

/// Bumped whenever a field changes meaning or disappears; adding fields does not bump it.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    code: &'a str,
    severity: Severity,
    language: surveylint::Language,
    message: &'a str,
    start: LineColumn,
    end: LineColumn,
    span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    suggestions: Vec<JsonSuggestion<'a>>,
}

#[derive(Serialize)]
struct JsonSuggestion<'a> {
    replacement: &'a str,
    safe: bool,
    start: LineColumn,
    end: LineColumn,
    span: Span,
}

/// The JSON form of one diagnostic (also used by `--format json-lines`).
pub fn json_diagnostic<'a>(report: &'a FileReport, diagnostic: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let index = report.index_of(diagnostic);
    JsonDiagnostic {
        path: &report.path,
        rule: &diagnostic.rule,
        code: &diagnostic.code,
        severity: diagnostic.severity,
        language: diagnostic.language,
        message: &diagnostic.message,
        start: index.position(diagnostic.span.start),
        end: index.position(diagnostic.span.end),
        span: diagnostic.span,
        location: diagnostic.location.as_deref(),
        suggestions: diagnostic
            .suggestions
            .iter()
            .map(|suggestion| JsonSuggestion {
                replacement: &suggestion.replacement,
                safe: suggestion.safe,
                start: index.position(suggestion.span.start),
                end: index.position(suggestion.span.end),
                span: suggestion.span,
            })
            .collect(),
    }
}

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let diagnostics = reports
        .iter()
        .flat_map(|report| report.diagnostics.iter().map(move |diagnostic| json_diagnostic(report, diagnostic)))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &Output { version: JSON_VERSION, diagnostics })?;
    writeln!(out)
}
