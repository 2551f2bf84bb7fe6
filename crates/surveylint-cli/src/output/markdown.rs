//! `--format markdown`: a compact summary for a pull-request comment or
//! `$GITHUB_STEP_SUMMARY`: one line of totals, a table per rule, and every
//! finding in a folded table below it.
//!
//! GitHub-flavoured Markdown: table cells escape `|`, and line breaks inside
//! a message become spaces, so a message can never break the table.

use std::collections::BTreeMap;
use std::io::{self, Write};

use surveylint::{Rule, Severity};

use super::FileReport;

/// The most findings listed one by one; a larger run keeps its per-rule
/// table and says how many were left out (a step summary holds 1 MiB).
const MAX_LISTED: usize = 200;

pub fn render(reports: &[FileReport], rules: &[&Rule], out: &mut dyn Write) -> io::Result<()> {
    let diagnostics: Vec<_> =
        reports.iter().flat_map(|report| report.diagnostics.iter().map(move |d| (report, d))).collect();
    let files = reports.len();
    let files_word = if files == 1 { "file" } else { "files" };
    if diagnostics.is_empty() {
        writeln!(out, "### surveylint: no findings in {files} {files_word}")?;
        return Ok(());
    }
    let mut per_severity: BTreeMap<Severity, usize> = BTreeMap::new();
    // Per rule: severity, count and the files it was found in.
    let mut per_rule: BTreeMap<(&str, &str, Severity), (usize, Vec<&str>)> = BTreeMap::new();
    for (report, diagnostic) in &diagnostics {
        *per_severity.entry(diagnostic.severity).or_default() += 1;
        let entry = per_rule.entry((&diagnostic.code, &diagnostic.rule, diagnostic.severity)).or_default();
        entry.0 += 1;
        if entry.1.last() != Some(&report.path.as_str()) {
            entry.1.push(&report.path);
        }
    }
    let severities: Vec<String> =
        per_severity.iter().rev().map(|(severity, count)| format!("{count} {}", plural(*severity, *count))).collect();
    let with_findings = reports.iter().filter(|report| !report.diagnostics.is_empty()).count();
    writeln!(
        out,
        "### surveylint: {} finding{} in {with_findings} of {files} {files_word} ({})",
        diagnostics.len(),
        if diagnostics.len() == 1 { "" } else { "s" },
        severities.join(", ")
    )?;
    writeln!(out)?;
    writeln!(out, "| severity | rule | what it catches | findings | files |")?;
    writeln!(out, "|---|---|---|--:|--:|")?;
    let mut rows: Vec<_> = per_rule.into_iter().collect();
    // Most serious first, then most frequent, then by code: stable output.
    rows.sort_by(|((a_code, _, a_severity), (a_count, _)), ((b_code, _, b_severity), (b_count, _))| {
        b_severity.cmp(a_severity).then(b_count.cmp(a_count)).then(a_code.cmp(b_code))
    });
    for ((code, slug, severity), (count, paths)) in rows {
        let summary = rules.iter().find(|rule| rule.slug == slug).map_or("", |rule| rule.summary.as_str());
        writeln!(
            out,
            "| {} {severity} | `{slug}` {code} | {} | {count} | {} |",
            icon(severity),
            cell(summary),
            paths.len()
        )?;
    }
    writeln!(out)?;
    writeln!(out, "<details><summary>Every finding</summary>")?;
    writeln!(out)?;
    writeln!(out, "| where | rule | message |")?;
    writeln!(out, "|---|---|---|")?;
    for (report, diagnostic) in diagnostics.iter().take(MAX_LISTED) {
        writeln!(
            out,
            "| `{}` | {} `{}` | {} |",
            cell(&report.location_label(diagnostic)).replace('`', "'"),
            icon(diagnostic.severity),
            diagnostic.rule,
            cell(&diagnostic.message)
        )?;
    }
    if diagnostics.len() > MAX_LISTED {
        writeln!(out)?;
        writeln!(out, "… and {} more; run `surveylint check` for all of them.", diagnostics.len() - MAX_LISTED)?;
    }
    writeln!(out)?;
    writeln!(out, "</details>")
}

/// A severity shown with a symbol, so it does not rest on colour alone.
fn icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "🛑",
        Severity::Warning => "⚠️",
        Severity::Info => "ℹ️",
        Severity::Hint => "💡",
    }
}

fn plural(severity: Severity, count: usize) -> String {
    let name = severity.as_str();
    if count == 1 || severity == Severity::Info {
        name.to_owned()
    } else {
        format!("{name}s")
    }
}

/// Text safe inside a table cell: one line, `|` escaped, and no HTML tags
/// (a message quotes the survey's own words, which may hold markup).
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_in_their_table() {
        assert_eq!(cell("a | b\nc <b>d</b>"), "a \\| b c &lt;b&gt;d&lt;/b&gt;");
    }
}
