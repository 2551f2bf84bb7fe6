//! `overlapping-options` (SL103): numeric answer ranges that overlap or
//! leave a gap, such as "0-12, 12-20, 20-35, 50+".
//!
//! ## Why it is bad
//! A twelve-year-old fits both "0-12" and "12-20" and picks either; a
//! forty-year-old fits none of "20-35" and "50+" and picks the nearest, skips
//! the question or quits. Both make the counts per category unreliable, and
//! the survey looks careless (Dillman, Smyth & Christian, 2014: answer
//! categories must be mutually exclusive and exhaustive).
//!
//! ## Example
//! ```markdown
//! Wat is uw leeftijd?
//! - 0-12 jaar
//! - 12-20 jaar
//! - 20-35 jaar
//! - 50+
//! ```
//! Use ranges that meet exactly: "0-11, 12-19, 20-34, 35-49, 50+".
//!
//! ## How it decides
//! Every answer (apart from opt-outs such as "weet niet") must read as a
//! number or a range in one unit, and at least one must be a real range;
//! otherwise the question is skipped. Wording read two ways ("12 tot 20",
//! "over 65") only counts as an overlap when both readings overlap and as a
//! gap when both readings leave one; see [`super::ranges`].

use crate::document::QuestionKind;
use crate::language::Language;

use super::option_class::OptionClass;
use super::ranges::{find_issues, IssueKind, NumericRange, NUMERIC_RANGE};
use super::{SurveyContext, SurveyFinding};

/// Finds overlapping and missing values between numeric answer options.
pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let mut findings = Vec::new();
    for question in context.answerable() {
        if matches!(question.kind, QuestionKind::Open) {
            continue;
        }
        let answers: Vec<usize> = question
            .options
            .iter()
            .copied()
            .filter(|&unit| context.option_class(unit) != OptionClass::OptOut)
            .collect();
        let Some(ranges) =
            answers.iter().map(|&unit| context.fact_of(unit, &NUMERIC_RANGE)).collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        if ranges.len() < 2 || !ranges.iter().any(NumericRange::is_interval) || !one_unit(&ranges) {
            continue;
        }
        for issue in find_issues(&ranges) {
            let (earlier, later) = (answers[issue.earlier], answers[issue.later]);
            let language = context.language(later);
            let values = issue.values(&ranges, language);
            let problem = match (issue.kind, language) {
                (IssueKind::Overlap, Language::Dutch) => format!("beide bevatten {values}"),
                (IssueKind::Overlap, Language::English) => format!("both include {values}"),
                (IssueKind::Gap, Language::Dutch) => format!("er is geen antwoord voor {values}"),
                (IssueKind::Gap, Language::English) => format!("there is no answer for {values}"),
            };
            let arguments = vec![
                ("previous", context.text(earlier).trim().to_owned()),
                ("option", context.text(later).trim().to_owned()),
                ("problem", problem),
            ];
            findings.push(context.finding_on(later, arguments));
        }
    }
    findings
}

/// True when the options name at most one unit between them.
fn one_unit(ranges: &[NumericRange]) -> bool {
    let mut units = ranges.iter().filter_map(|range| range.unit);
    let first = units.next();
    units.all(|unit| Some(unit) == first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Question, Unit, UnitKind};
    use crate::survey_rules::SurveyLimits;

    fn problems(kind: QuestionKind, options: &[&str], language: Language) -> Vec<(String, String)> {
        let mut document = Document::new();
        let text = document.push_unit(Unit::verbatim("Leeftijd?", UnitKind::Question, 0));
        let mut question = Question::new(kind, text);
        for option in options {
            question.options.push(document.push_unit(Unit::verbatim(*option, UnitKind::Option, 0)));
        }
        document.push_question(question);
        let languages = vec![language; document.units.len()];
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(&document, &languages, &limits);
        check(&context)
            .into_iter()
            .map(|finding| {
                let argument = |name| finding.arguments.iter().find(|(key, _)| *key == name).map(|(_, value)| value);
                (document.units[finding.unit].text.clone(), argument("problem").cloned().unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn overlaps_and_gaps_are_named_on_the_later_option() {
        let options = ["0-12 jaar", "12-20 jaar", "20-35 jaar", "50+", "Weet ik niet"];
        assert_eq!(
            problems(QuestionKind::SingleChoice, &options, Language::Dutch),
            vec![
                ("12-20 jaar".to_owned(), "beide bevatten 12".to_owned()),
                ("20-35 jaar".to_owned(), "beide bevatten 20".to_owned()),
                ("50+".to_owned(), "er is geen antwoord voor 36 tot en met 49".to_owned()),
            ]
        );
    }

    #[test]
    fn money_matrix_columns_are_checked_too() {
        let columns = ["€ 0 - € 1.000", "€ 1.000 - € 2.000", "€ 2.001 or more"];
        assert_eq!(
            problems(QuestionKind::Matrix, &columns, Language::English),
            vec![("€ 1.000 - € 2.000".to_owned(), "both include €1,000".to_owned())]
        );
    }

    #[test]
    fn proper_ranges_scales_and_mixed_units_pass() {
        let ages = ["Jonger dan 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65 jaar of ouder"];
        assert_eq!(problems(QuestionKind::SingleChoice, &ages, Language::Dutch), vec![]);
        let scale = ["1", "2", "3", "4", "5"];
        assert_eq!(problems(QuestionKind::Rating, &scale, Language::Dutch), vec![]);
        let mixed = ["Minder dan 6 maanden", "1-2 jaar", "Meer dan 2 jaar"];
        assert_eq!(problems(QuestionKind::SingleChoice, &mixed, Language::Dutch), vec![]);
        let words = ["0-12", "Anders"];
        assert_eq!(problems(QuestionKind::SingleChoice, &words, Language::Dutch), vec![]);
    }
}
