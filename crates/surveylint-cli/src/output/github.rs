//! `--format github`: GitHub Actions workflow commands, which GitHub shows as
//! annotations on the pull request's changed lines.
//!
//! `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::message`
//! Values are escaped as GitHub's toolkit does (`@actions/core`, `command.ts`):
//! in the message `%`, CR and LF; in properties also `:` and `,`.

use std::io::{self, Write};

use surveylint::Severity;

use super::FileReport;

pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        for diagnostic in &report.diagnostics {
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            let (start, end) = report.range_of(diagnostic);
            let title = format!("{} ({})", diagnostic.rule, diagnostic.code);
            // A spreadsheet cell has no line in the file; name the cell in the message instead.
            let (position, message) = match &diagnostic.location {
                Some(cell) => (String::new(), format!("{cell}: {}", diagnostic.message)),
                None => (
                    format!(",line={},col={},endLine={},endColumn={}", start.line, start.column, end.line, end.column),
                    diagnostic.message.clone(),
                ),
            };
            writeln!(
                out,
                "::{command} file={}{position},title={}::{}",
                escape_property(&report.path),
                escape_property(&title),
                escape_data(&message)
            )?;
        }
    }
    Ok(())
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("50% off\r\nnow: yes, really"), "50%25 off%0D%0Anow: yes, really");
        assert_eq!(escape_property("C:\\a,b%.md"), "C%3A\\a%2Cb%25.md");
    }
}
