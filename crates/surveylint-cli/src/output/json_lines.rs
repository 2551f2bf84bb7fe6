//! `--format json-lines`: one JSON object per finding and line, in the same
//! shape as the entries of `--format json`, so a stream can be processed
//! before the run ends (`jq -c`, log shippers).

use std::io::{self, Write};

use super::json::json_diagnostic;
use super::FileReport;

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        for diagnostic in &report.diagnostics {
            serde_json::to_writer(&mut *out, &json_diagnostic(report, diagnostic))?;
            writeln!(out)?;
        }
    }
    Ok(())
}
