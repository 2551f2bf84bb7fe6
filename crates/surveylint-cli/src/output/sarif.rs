//! `--format sarif`: SARIF 2.1.0, the format GitHub code scanning and other
//! CI dashboards import. Rules carry their metadata; results carry 1-based
//! lines and columns in UTF-16 code units (SARIF's default `columnKind`),
//! and suggestions become `fixes`. Checked against the official schema by
//! `.ci/sarif.sh`.

use std::io::{self, Write};

use serde_json::{json, Value};
use surveylint::{Diagnostic, Language, Rule, Severity, Span};

use super::FileReport;
use crate::positions::TextPositions;

pub fn render(reports: &[FileReport], rules: &[&Rule], out: &mut dyn Write) -> io::Result<()> {
    // Only the rules that have results are described, as most SARIF
    // producers do: the log stays small and every `ruleIndex` points into it.
    let found = |rule: &&&Rule| reports.iter().flat_map(|report| &report.diagnostics).any(|d| d.rule == rule.slug);
    let rules: Vec<&Rule> = rules.iter().filter(found).copied().collect();
    let driver_rules: Vec<Value> = rules.iter().map(|rule| rule_descriptor(rule)).collect();
    let mut results = Vec::new();
    for report in reports {
        for diagnostic in &report.diagnostics {
            let rule_index = rules.iter().position(|rule| rule.slug == diagnostic.rule);
            // The report's index is built once per file: per finding it is quadratic on long files.
            results.push(result(report, diagnostic, rule_index, &report.index_of(diagnostic)));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "surveylint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://surveylint.invalid/",
                    "rules": driver_rules,
                }
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn rule_descriptor(rule: &Rule) -> Value {
    let english = rule.text(Language::English);
    json!({
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": english.rationale.trim() },
        "help": { "text": english.advice.trim() },
        "helpUri": surveylint::rule_docs_url(&rule.slug),
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "tags": ["survey", "wording"] },
    })
}

fn result(report: &FileReport, diagnostic: &Diagnostic, rule_index: Option<usize>, index: &TextPositions) -> Value {
    let uri = uri_reference(&report.path);
    let artifact = json!({ "uri": uri });
    let mut result = json!({
        "ruleId": diagnostic.code,
        "level": level(diagnostic.severity),
        "message": { "text": diagnostic.message },
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    match &diagnostic.location {
        // A spreadsheet cell has no line in the file: point at the file and name the cell.
        Some(cell) => {
            result["locations"] = json!([{
                "physicalLocation": { "artifactLocation": artifact },
                "logicalLocations": [{ "name": cell, "fullyQualifiedName": cell }],
            }]);
        }
        None => {
            result["locations"] = json!([{
                "physicalLocation": { "artifactLocation": artifact, "region": region(index, diagnostic.span) }
            }]);
            let fixes: Vec<Value> = diagnostic
                .suggestions
                .iter()
                .map(|suggestion| {
                    let description = if suggestion.safe {
                        "Safe rewrite"
                    } else {
                        "Rewrite that may change the question; review it"
                    };
                    json!({
                        "description": { "text": description },
                        "artifactChanges": [{
                            "artifactLocation": { "uri": uri },
                            "replacements": [{
                                "deletedRegion": region(index, suggestion.span),
                                "insertedContent": { "text": suggestion.replacement },
                            }],
                        }],
                    })
                })
                .collect();
            if !fixes.is_empty() {
                result["fixes"] = json!(fixes);
            }
        }
    }
    result
}

/// A SARIF region: 1-based lines, 1-based columns in UTF-16 code units.
fn region(index: &TextPositions, span: Span) -> Value {
    let start = index.utf16_position(span.start);
    let end = index.utf16_position(span.end);
    json!({ "startLine": start.line, "startColumn": start.column, "endLine": end.line, "endColumn": end.column })
}

/// A relative URI reference for a path: `/` separators, and everything but
/// unreserved characters percent-encoded (RFC 3986), so spaces and `é` are valid.
fn uri_reference(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_utf16_code_units() {
        let text = "\u{feff}é😀 geef\nx";
        let geef = text.find("geef").unwrap_or_default();
        let index = TextPositions::new(text);
        // é is one code unit, 😀 two, the space one: `geef` starts at column 5.
        let region = region(&index, Span::new(geef, text.len()));
        assert_eq!(region, json!({ "startLine": 1, "startColumn": 5, "endLine": 2, "endColumn": 2 }));
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri_reference("enquêtes/mijn vragen.md"), "enqu%C3%AAtes/mijn%20vragen.md");
    }
}
