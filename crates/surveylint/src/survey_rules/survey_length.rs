//! `survey-length` (SL104): a questionnaire with more questions, or a longer
//! estimated completion time, than the limits allow (by default 25 questions
//! and 10 minutes; `LintOptions::limits`).
//!
//! ## Why it is bad
//! Every extra question costs respondents. Completion rates fall with length,
//! and those who stay answer later questions faster and more carelessly:
//! straight-lining, shorter open answers, more "weet niet" (Galesic &
//! Bosnjak, 2009). The people who finish a long survey are also the most
//! loyal customers, so the results lean positive.
//!
//! ## Example
//! A customer survey of 40 questions, or of 14 open questions (about 11
//! minutes), is flagged on its title. Keep what you will act on.
//!
//! ## The time model
//! The estimate adds reading and answering time. Reading: every word of the
//! survey (titles, introductions, stems, help texts, answer options, matrix
//! rows) at 200 words per minute, a careful reading pace. Answering, per
//! question kind: 3 seconds for yes/no, 4 for a single choice or a rating,
//! 6 for a multiple choice, 4 per row of a matrix, and 45 for an open
//! question (thinking and typing a sentence or two). Text blocks only cost
//! reading time. The model is deliberately simple and errs on the short side;
//! it flags surveys that are long by any measure.

use crate::document::{Question, QuestionKind};
use crate::language::Language;

use super::words::word_count;
use super::{Fact, SurveyContext, SurveyFinding};

/// Reading pace, in words per minute.
const READING_WORDS_PER_MINUTE: f64 = 200.0;

/// Finds surveys over the question or time limit.
pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let questions = context.answerable().count();
    let minutes = estimated_minutes(context);
    let limits = context.limits;
    if questions <= limits.max_questions && minutes <= limits.max_minutes {
        return Vec::new();
    }
    let Some(anchor) = context.survey_anchor() else { return Vec::new() };
    let arguments = vec![
        ("questions", questions.to_string()),
        ("minutes", format_minutes(minutes.ceil())),
        ("max_questions", limits.max_questions.to_string()),
        ("max_minutes", format_minutes(limits.max_minutes)),
    ];
    vec![context.finding_on(anchor, arguments)]
}

/// The estimated completion time in minutes (see the module documentation).
/// The words of a unit's text, remembered per unit text (asked in one
/// language: the count does not depend on it).
static WORDS: Fact<usize> = Fact::new(|text, _, _| word_count(text));

pub(crate) fn estimated_minutes(context: &SurveyContext<'_>) -> f64 {
    // A respondent reads one language version: translations do not add time.
    let all_questions = context.document.questions.iter().filter(|question| question.kind != QuestionKind::Display);
    let has_translations = context.answerable().count() < all_questions.count();
    let language = context.reading_language().filter(|_| has_translations);
    let words: usize = context
        .document
        .units
        .iter()
        .enumerate()
        .zip(context.languages)
        .filter(|(_, unit_language)| language.is_none_or(|language| **unit_language == language))
        .map(|((index, _), _)| context.fact(index, Language::Dutch, &WORDS))
        .sum();
    let reading_seconds = words as f64 * 60.0 / READING_WORDS_PER_MINUTE;
    let answering_seconds: f64 = context.answerable().map(answering_seconds).sum();
    (reading_seconds + answering_seconds) / 60.0
}

/// Seconds to answer one question once it is read.
fn answering_seconds(question: &Question) -> f64 {
    match question.kind {
        QuestionKind::Open => 45.0,
        QuestionKind::SingleChoice | QuestionKind::Rating => 4.0,
        QuestionKind::MultipleChoice => 6.0,
        QuestionKind::Boolean => 3.0,
        QuestionKind::Matrix => 4.0 * question.rows.len().max(1) as f64,
        QuestionKind::Display => 0.0,
    }
}

/// "10" for whole minutes, "7.5" otherwise.
fn format_minutes(minutes: f64) -> String {
    if minutes.fract() == 0.0 {
        format!("{minutes:.0}")
    } else {
        format!("{minutes:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Unit, UnitKind};
    use crate::language::Language;
    use crate::survey_rules::SurveyLimits;

    /// A survey with a title and `count` questions of `kind`, each with a
    /// four-word stem; matrices get `rows` rows.
    fn survey(kind: QuestionKind, count: usize, rows: usize) -> Document {
        let mut document = Document::new();
        document.push_unit(Unit::verbatim("Klantonderzoek", UnitKind::Title, 0));
        for _ in 0..count {
            let text = document.push_unit(Unit::verbatim("Hoe vond u dit?", UnitKind::Question, 0));
            let mut question = Question::new(kind, text);
            for _ in 0..rows {
                question.rows.push(document.push_unit(Unit::verbatim("Onderdeel", UnitKind::Option, 0)));
            }
            document.push_question(question);
        }
        document
    }

    /// A finding as (unit, arguments).
    type Found = (usize, Vec<(&'static str, String)>);

    fn run(document: &Document, limits: &SurveyLimits) -> (f64, Vec<Found>) {
        let languages = vec![Language::Dutch; document.units.len()];
        let context = SurveyContext::new(document, &languages, limits);
        let findings = check(&context).into_iter().map(|finding| (finding.unit, finding.arguments)).collect();
        (estimated_minutes(&context), findings)
    }

    #[test]
    fn time_model_per_kind() {
        // 20 open questions: 20 × 45 s answering + 81 words at 200 per minute.
        let (minutes, _) = run(&survey(QuestionKind::Open, 20, 0), &SurveyLimits::default());
        assert!((minutes - (900.0 + 81.0 * 0.3) / 60.0).abs() < 1e-9, "{minutes}");
        // A matrix of 10 rows: 40 s answering + 4 + 10 words of reading.
        let (minutes, _) = run(&survey(QuestionKind::Matrix, 1, 10), &SurveyLimits::default());
        assert!((minutes - (40.0 + 15.0 * 0.3) / 60.0).abs() < 1e-9, "{minutes}");
    }

    #[test]
    fn too_many_questions_is_flagged_on_the_title() {
        let (_, findings) = run(&survey(QuestionKind::SingleChoice, 26, 0), &SurveyLimits::default());
        let expected = vec![
            ("questions", "26".to_owned()),
            ("minutes", "3".to_owned()),
            ("max_questions", "25".to_owned()),
            ("max_minutes", "10".to_owned()),
        ];
        assert_eq!(findings, vec![(0, expected)]);
        let (_, findings) = run(&survey(QuestionKind::SingleChoice, 25, 0), &SurveyLimits::default());
        assert_eq!(findings, vec![]);
    }

    #[test]
    fn too_long_is_flagged_and_limits_are_configurable() {
        let (_, findings) = run(&survey(QuestionKind::Open, 14, 0), &SurveyLimits::default());
        assert_eq!(findings.len(), 1);
        let (_, findings) = run(&survey(QuestionKind::Open, 12, 0), &SurveyLimits::default());
        assert_eq!(findings, vec![]);
        let strict = SurveyLimits { max_questions: 5, max_minutes: 7.5 };
        let (_, findings) = run(&survey(QuestionKind::Boolean, 6, 0), &strict);
        assert_eq!(findings.first().map(|(_, arguments)| arguments[3].1.as_str()), Some("7.5"));
    }

    #[test]
    fn translations_of_a_question_count_once() {
        let mut document = Document::new();
        for (language, stem) in [(Language::Dutch, "Hoe vond u dit?"), (Language::English, "How was this?")] {
            for number in 0..20 {
                let text = document
                    .push_unit(Unit { language: Some(language), ..Unit::verbatim(stem, UnitKind::Question, 0) });
                let mut question = Question::new(QuestionKind::SingleChoice, text);
                question.name = Some(format!("q{number}"));
                document.push_question(question);
            }
        }
        let languages: Vec<Language> = document.units.iter().filter_map(|unit| unit.language).collect();
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(&document, &languages, &limits);
        assert_eq!(context.answerable().count(), 20);
        assert!(check(&context).is_empty(), "20 questions in two languages stay under the limit of 25");
    }
}
