//! `no-open-question` (SL105): a questionnaire of three or more questions,
//! asking for opinions, without a single open question.
//!
//! ## Why it is bad
//! Closed questions only measure what the author already thought of. The
//! frustrations, obstacles and annoyances that make customers leave are
//! exactly what nobody thought of, and they only surface when people can say
//! it in their own words (seed article "Alsjeblieft, lieg tegen ons!": look
//! for the frustrations along the customer journey, not for a higher score).
//! A survey of scores alone yields a number and no idea what to change.
//!
//! ## Example
//! ```markdown
//! Hoe tevreden bent u over de levering?
//! - Ontevreden
//! - Neutraal
//! - Tevreden
//! Hoe tevreden bent u over de prijs?
//! - Ontevreden
//! - Neutraal
//! - Tevreden
//! Welk cijfer geeft u ons?
//! - 1
//! - 2
//! - 3
//! ```
//! Add one to three open questions: "Wat ergerde u het meest?", "Wat had u
//! bijna doen afhaken?".
//!
//! ## How it decides
//! The survey needs at least three questions a respondent answers, none of
//! them open, and at least one that asks for an opinion (a rating, a matrix,
//! an evaluative scale, or a stem about satisfaction, agreement or
//! recommending). Registration forms and purely factual questionnaires pass.

use crate::document::QuestionKind;

use super::option_class::{is_evaluative_scale, OptionClass};
use super::topics::{OPINION_STEM, RECOMMENDING};
use super::{SurveyContext, SurveyFinding};

/// The fewest questions for which the rule applies.
const MIN_QUESTIONS: usize = 3;

/// Finds opinion surveys without any open question.
pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let questions = context.answerable().count();
    let any_open = context.answerable().any(|question| question.kind == QuestionKind::Open);
    if questions < MIN_QUESTIONS || any_open {
        return Vec::new();
    }
    let asks_opinion = context.answerable().any(|question| {
        let classes: Vec<OptionClass> = question.options.iter().map(|&unit| context.option_class(unit)).collect();
        matches!(question.kind, QuestionKind::Rating | QuestionKind::Matrix)
            || is_evaluative_scale(&classes)
            || context.test_of(question.text, &OPINION_STEM)
            || context.test_of(question.text, &RECOMMENDING)
    });
    if !asks_opinion {
        return Vec::new();
    }
    let Some(anchor) = context.survey_anchor() else { return Vec::new() };
    vec![context.finding_on(anchor, vec![("questions", questions.to_string())])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Question, Unit, UnitKind};
    use crate::language::Language;
    use crate::survey_rules::SurveyLimits;

    fn flagged_unit(kinds: &[(QuestionKind, &str)]) -> Option<usize> {
        let mut document = Document::new();
        for (kind, stem) in kinds {
            let text = document.push_unit(Unit::verbatim(*stem, UnitKind::Question, 0));
            document.push_question(Question::new(*kind, text));
        }
        let languages = vec![Language::English; document.units.len()];
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(&document, &languages, &limits);
        check(&context).first().map(|finding| finding.unit)
    }

    #[test]
    fn ratings_without_open_question_are_flagged_on_the_first_question() {
        let survey = [
            (QuestionKind::Display, "Welcome!"),
            (QuestionKind::Rating, "How would you rate the delivery?"),
            (QuestionKind::Matrix, "Please rate our staff."),
            (QuestionKind::Boolean, "Did you order online?"),
        ];
        assert_eq!(flagged_unit(&survey), Some(1));
    }

    #[test]
    fn one_open_question_factual_forms_and_short_surveys_pass() {
        let with_open = [
            (QuestionKind::Rating, "How would you rate the delivery?"),
            (QuestionKind::Rating, "How would you rate the price?"),
            (QuestionKind::Open, "What nearly made you give up?"),
        ];
        assert_eq!(flagged_unit(&with_open), None);
        let factual = [
            (QuestionKind::SingleChoice, "What is your age?"),
            (QuestionKind::Boolean, "Do you own a car?"),
            (QuestionKind::SingleChoice, "Which region do you live in?"),
        ];
        assert_eq!(flagged_unit(&factual), None);
        let short = [(QuestionKind::Rating, "Rate us?"), (QuestionKind::Rating, "Rate the app?")];
        assert_eq!(flagged_unit(&short), None);
    }
}
