//! `--statistics`: how many findings each rule produced, most frequent first.

use std::collections::BTreeMap;
use std::io::{self, Write};

use surveylint::Severity;

use crate::output::FileReport;

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let mut counts: BTreeMap<(&str, &str, Severity), usize> = BTreeMap::new();
    for diagnostic in reports.iter().flat_map(|report| &report.diagnostics) {
        *counts.entry((diagnostic.code.as_str(), diagnostic.rule.as_str(), diagnostic.severity)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    // Most frequent first; ties in code order, so the output is stable.
    rows.sort_by(|(a_key, a_count), (b_key, b_count)| b_count.cmp(a_count).then(a_key.cmp(b_key)));
    let width = rows.iter().map(|((_, rule, _), _)| rule.len()).max().unwrap_or(4);
    let mut per_severity: BTreeMap<Severity, usize> = BTreeMap::new();
    for ((code, rule, severity), count) in &rows {
        writeln!(out, "{count:>5}  {code:<7} {rule:<width$}  {severity}")?;
        *per_severity.entry(*severity).or_default() += count;
    }
    let total: usize = per_severity.values().sum();
    let by_severity: Vec<String> =
        per_severity.iter().rev().map(|(severity, count)| format!("{count} {severity}")).collect();
    if by_severity.is_empty() {
        writeln!(out, "{total:>5}  findings")
    } else {
        writeln!(out, "{total:>5}  findings ({})", by_severity.join(", "))
    }
}
