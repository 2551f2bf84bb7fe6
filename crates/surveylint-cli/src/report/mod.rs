//! `surveylint report`: one self-contained HTML page for the people who
//! decide whether a survey goes out. Each questionnaire as respondents see
//! it, with the flagged words marked, explained and rewritten, and a summary
//! (counts, chart, limits, verdict, the blind spot no wording check sees).
//!
//! The inputs are read, configured and linted exactly as `surveylint check`
//! does ([`check::lint_inputs`]); this module only decides what the page
//! says ([`Review`]) and [`html`] how it looks.

mod html;
mod labels;
mod sha256;

use std::io::Write;
use std::ops::Range;

use anyhow::{Context as _, Result};
use surveylint::{Diagnostic, Language, Rule, Severity, SurveyOverview};

use crate::check::{self, Job, Linted};
use crate::output::FileReport;
use crate::{ExitStatus, ReportArgs};

pub fn run(args: &ReportArgs) -> Result<ExitStatus> {
    let Linted { files, failures, .. } = check::lint_inputs(&args.input)?;
    let reviews: Vec<Review<'_>> = files.iter().map(|(job, report)| Review::new(job, report, &args.input)).collect();
    let language = args.report_lang.language().unwrap_or_else(|| page_language(&reviews));
    let date = args.date.then(today);
    let page = html::render(&html::Page { language, reviews: &reviews, failures: &failures, date });
    let findings: usize = reviews.iter().map(|review| review.findings.len()).sum();
    if args.output.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(page.as_bytes())?;
        out.flush()?;
    } else {
        std::fs::write(&args.output, page).with_context(|| format!("cannot write {}", args.output.display()))?;
        eprintln!("surveylint: wrote {} ({findings} finding(s) in {} file(s))", args.output.display(), reviews.len());
    }
    Ok(if failures.is_empty() { ExitStatus::Clean } else { ExitStatus::Error })
}

/// One questionnaire and what the page says about it.
pub struct Review<'a> {
    pub report: &'a FileReport,
    pub overview: SurveyOverview,
    /// Its findings, in source order.
    pub findings: Vec<Finding<'a>>,
}

/// One finding, ready to show next to the words it is about.
pub struct Finding<'a> {
    pub diagnostic: &'a Diagnostic,
    /// The rule, for its title and advice; `None` only if the linter lost it.
    pub rule: Option<&'a Rule>,
    /// The flagged bytes of the unit's decoded text (the words to mark);
    /// `None` when the finding is not inside the unit's text.
    pub marked: Option<Range<usize>>,
    /// The preferred rewrite as the reader sees it: before and after.
    pub rewrite: Option<(String, String)>,
    /// Where it is in the source: `path:line:column`, or `path survey!C7` for a cell.
    pub location: String,
}

/// Units up to this many bytes are shown whole before and after a rewrite;
/// in longer ones only the rewritten part.
const WHOLE_UNIT_REWRITE: usize = 240;

impl<'a> Review<'a> {
    fn new(job: &'a Job, report: &'a FileReport, input: &crate::InputArgs) -> Review<'a> {
        let options = job.options(input);
        let linter = &job.setup.linter;
        let overview = linter.overview(&report.source.document, &options);
        let findings = report
            .diagnostics
            .iter()
            .map(|diagnostic| Finding::new(report, diagnostic, linter.rule(&diagnostic.rule)))
            .collect();
        Review { report, overview, findings }
    }

    /// The findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|finding| finding.diagnostic.severity == severity).count()
    }

    /// The first title of the questionnaire, if it has one.
    pub fn title(&self) -> Option<&str> {
        let units = &self.report.source.document.units;
        units
            .iter()
            .find(|unit| unit.kind == surveylint::UnitKind::Title && !unit.text.trim().is_empty())
            .map(|unit| unit.text.trim())
    }
}

impl<'a> Finding<'a> {
    fn new(report: &'a FileReport, diagnostic: &'a Diagnostic, rule: Option<&'a Rule>) -> Finding<'a> {
        let unit = diagnostic.unit.and_then(|unit| report.source.document.units.get(unit));
        let marked = unit
            .and_then(|unit| unit.map.to_decoded(diagnostic.span).map(|span| (unit, span)))
            .map(|(unit, span)| clamp(&unit.text, span.start..span.end));
        let rewrite = unit.and_then(|unit| {
            let suggestion = diagnostic.suggestions.first()?;
            let span = unit.map.to_decoded(suggestion.span)?;
            let range = clamp(&unit.text, span.start..span.end);
            let replacement = unit.escape.decode(&suggestion.replacement);
            if unit.text.len() <= WHOLE_UNIT_REWRITE {
                let after = format!("{}{replacement}{}", &unit.text[..range.start], &unit.text[range.end..]);
                Some((tidy(&unit.text), tidy(&after)))
            } else {
                Some((tidy(&unit.text[range]), tidy(&replacement)))
            }
        });
        let location = match &diagnostic.location {
            Some(cell) => format!("{} {cell}", report.path),
            None => {
                let (start, _) = report.range_of(diagnostic);
                format!("{}:{}:{}", report.path, start.line, start.column)
            }
        };
        Finding { diagnostic, rule, marked, rewrite, location }
    }

    /// The rule's short title in `language`, or its slug for a rule the linter does not know.
    pub fn title(&self, language: Language) -> &str {
        self.rule.map_or(self.diagnostic.rule.as_str(), |rule| rule.text(language).title.as_str())
    }
}

/// A range inside `text` on character boundaries.
fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let start = surveylint::position::floor_char_boundary(text, range.start.min(text.len()));
    let end = surveylint::position::ceil_char_boundary(text, range.end.min(text.len()).max(start));
    start..end
}

/// One line of text: a rewrite shown inline should not keep the source's line wrapping.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The language most of the questionnaires' units are in (English for none).
fn page_language(reviews: &[Review<'_>]) -> Language {
    let dutch: usize = reviews
        .iter()
        .flat_map(|review| &review.overview.languages)
        .filter(|language| **language == Language::Dutch)
        .count();
    let all: usize = reviews.iter().map(|review| review.overview.languages.len()).sum();
    if all > 0 && dutch * 2 >= all {
        Language::Dutch
    } else {
        Language::English
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, for `--date`.
fn today() -> String {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_date(seconds / 86_400)
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_day_counts() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_782), "2024-02-29");
        assert_eq!(civil_date(20_787), "2026-11-30");
    }

    #[test]
    fn ranges_stay_on_characters() {
        assert_eq!(clamp("één", 1..3), 0..4);
        assert_eq!(clamp("ab", 1..9), 1..2);
    }
}
