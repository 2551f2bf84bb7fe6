//! `--format human`: rustc/ruff-style findings with the source line and an underline.

use std::io::{self, Write};

use surveylint::{Diagnostic, Language, Severity};

use super::FileReport;

/// ANSI styling, or none when the output is not a terminal.
#[derive(Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn severity(self, severity: Severity) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Hint => "1;32",
        };
        self.paint(code, severity.as_str())
    }
}

pub fn render(reports: &[FileReport], style: Style, out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        for diagnostic in &report.diagnostics {
            render_one(report, diagnostic, style, out)?;
        }
    }
    let summary = summary_line(reports);
    writeln!(out, "{}", style.paint("1", &summary))
}

fn render_one(report: &FileReport, diagnostic: &Diagnostic, style: Style, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}{} {}",
        style.severity(diagnostic.severity),
        style.paint("1", &format!("[{}]:", diagnostic.rule)),
        diagnostic.message
    )?;
    let index = report.index_of(diagnostic);
    let (start, end) = report.range_of(diagnostic);
    let gutter = " ".repeat(end.line.to_string().len());
    writeln!(out, "{gutter}{} {}", style.paint("1;34", "-->"), report.location_label(diagnostic))?;
    writeln!(out, "{gutter} {}", style.paint("1;34", "|"))?;
    for line in start.line..=end.line {
        let line_text = index.line_text(line);
        let line_start = index.line_start(line);
        let from = diagnostic.span.start.max(line_start) - line_start;
        let to = (diagnostic.span.end.min(line_start + line_text.len())).saturating_sub(line_start).max(from);
        let (from, to) = (from.min(line_text.len()), to.min(line_text.len()));
        let (Some(before), Some(marked), Some(after)) =
            (line_text.get(..from), line_text.get(from..to), line_text.get(to..))
        else {
            continue;
        };
        let (before, after) = (clip_before(before), clip_after(after));
        let number = format!("{line:>width$}", width = gutter.len());
        writeln!(out, "{} {} {before}{marked}{after}", style.paint("1;34", &number), style.paint("1;34", "|"))?;
        let underline = "^".repeat(display_width(marked).max(1));
        writeln!(
            out,
            "{gutter} {} {}{}",
            style.paint("1;34", "|"),
            " ".repeat(display_width(&before)),
            style.paint(severity_color(diagnostic.severity), &underline)
        )?;
    }
    let help = help_label(diagnostic.language);
    for suggestion in &diagnostic.suggestions {
        // An empty replacement deletes (an unused suppression's line); say so instead of showing nothing.
        let replacement = match (suggestion.replacement.is_empty(), diagnostic.language) {
            (false, _) => suggestion.replacement.as_str(),
            (true, Language::Dutch) => "(verwijderen)",
            (true, Language::English) => "(remove)",
        };
        writeln!(out, "{gutter} {} {help}: {replacement}", style.paint("1;34", "="))?;
    }
    writeln!(out)
}

/// Context kept on each side of the flagged words. Survey exports often hold a
/// whole questionnaire on one line; printing all of it would bury the finding.
const CONTEXT_CHARS: usize = 60;

/// The end of the text before the flagged words, cut to [`CONTEXT_CHARS`] with an ellipsis.
fn clip_before(text: &str) -> String {
    let count = text.chars().count();
    if count <= CONTEXT_CHARS {
        return text.to_owned();
    }
    let kept: String = text.chars().skip(count - CONTEXT_CHARS).collect();
    format!("…{kept}")
}

/// The start of the text after the flagged words, cut to [`CONTEXT_CHARS`] with an ellipsis.
fn clip_after(text: &str) -> String {
    if text.chars().count() <= CONTEXT_CHARS {
        return text.to_owned();
    }
    let kept: String = text.chars().take(CONTEXT_CHARS).collect();
    format!("{kept}…")
}

fn help_label(language: Language) -> &'static str {
    match language {
        Language::Dutch => "suggestie",
        Language::English => "suggestion",
    }
}

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
        Severity::Hint => "1;32",
    }
}

/// Terminal columns of a text: combining marks take none, emoji and wide
/// East Asian characters take two, so the underline lines up.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c as u32 {
            0x0300..=0x036F | 0x200B..=0x200D | 0xFE00..=0xFE0F | 0xFEFF => 0,
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F => 2,
            0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

fn summary_line(reports: &[FileReport]) -> String {
    let files_with_findings = reports.iter().filter(|report| !report.diagnostics.is_empty()).count();
    let mut counts = Vec::new();
    for severity in Severity::ALL.into_iter().rev() {
        let count = reports.iter().flat_map(|report| &report.diagnostics).filter(|d| d.severity == severity).count();
        if count > 0 {
            let noun = match (severity, count) {
                (Severity::Info, _) => "info".to_owned(),
                (_, 1) => severity.as_str().to_owned(),
                _ => format!("{}s", severity.as_str()),
            };
            counts.push(format!("{count} {noun}"));
        }
    }
    let total: usize = reports.iter().map(|report| report.diagnostics.len()).sum();
    let files = reports.len();
    let file_noun = if files == 1 { "file" } else { "files" };
    if total == 0 {
        format!("No problems found in {files} {file_noun}.")
    } else {
        let problem_noun = if total == 1 { "problem" } else { "problems" };
        format!("Found {total} {problem_noun} ({}) in {files_with_findings} of {files} {file_noun}.", counts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_clipped_around_the_finding() {
        let long = "x".repeat(100);
        assert_eq!(clip_before(&long).chars().count(), CONTEXT_CHARS + 1);
        assert!(clip_before(&long).starts_with('…'));
        assert!(clip_after(&long).ends_with('…'));
        assert_eq!(clip_before("kort"), "kort");
    }

    #[test]
    fn emoji_take_two_columns() {
        assert_eq!(display_width("😀 a"), 4);
        assert_eq!(display_width("e\u{301}"), 1);
    }
}
