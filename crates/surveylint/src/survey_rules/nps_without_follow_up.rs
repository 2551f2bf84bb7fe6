//! `nps-without-follow-up` (SL106): a "how likely are you to recommend us"
//! question that is not followed, within the next two questions, by an open
//! question asking why.
//!
//! ## Why it is bad
//! A recommend score alone says how many customers are unhappy, not why, so
//! nobody can act on it. Reichheld, who introduced the Net Promoter Score,
//! pairs the score with one open question about its reason; without it the
//! score becomes a target to chase (and to beg for) instead of a signal
//! (seed article: NPS dashboards without insight; Keiningham et al., 2007).
//!
//! ## Example
//! ```markdown
//! Hoe waarschijnlijk is het dat u ons aanbeveelt bij vrienden?
//! - 0
//! - 5
//! - 10
//! Hoe bent u bij ons terechtgekomen?
//! - Via internet
//! - Via vrienden
//! ```
//! Follow the score with "Wat is de belangrijkste reden voor uw score?".
//!
//! ## How it decides
//! A recommend question is a closed question (rating, single choice, yes/no
//! or matrix) whose stem mentions recommending ("aanbevelen", "aanraden",
//! "recommend") and asks how likely, or that takes a rating. A follow-up is an
//! open question among the next two answerable questions that asks for a
//! reason or an improvement ("waarom", "reden", "toelichting", "verbeteren",
//! "why", "reason", "improve").

use crate::document::{Question, QuestionKind};

use super::option_class::OptionClass;
use super::topics::{LIKELIHOOD, REASON, RECOMMENDING};
use super::{SurveyContext, SurveyFinding};

/// How many of the following questions may hold the follow-up.
const FOLLOW_UP_WINDOW: usize = 2;

/// Finds recommend questions without an open "why" after them.
pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let questions: Vec<&Question> = context.answerable().collect();
    let mut findings = Vec::new();
    for (index, question) in questions.iter().enumerate() {
        if !is_recommend_question(context, question) {
            continue;
        }
        let followed_up = questions
            .iter()
            .skip(index + 1)
            .take(FOLLOW_UP_WINDOW)
            .any(|next| next.kind == QuestionKind::Open && context.test_of(next.text, &REASON));
        if !followed_up {
            findings.push(context.finding_on(question.text, Vec::new()));
        }
    }
    findings
}

/// True for a closed question about the likelihood to recommend.
fn is_recommend_question(context: &SurveyContext<'_>, question: &Question) -> bool {
    let closed = matches!(
        question.kind,
        QuestionKind::Rating | QuestionKind::SingleChoice | QuestionKind::Boolean | QuestionKind::Matrix
    );
    if !closed || !context.test_of(question.text, &RECOMMENDING) {
        return false;
    }
    let numeric = !question.options.is_empty()
        && question.options.iter().all(|&unit| context.option_class(unit) == OptionClass::Number);
    context.test_of(question.text, &LIKELIHOOD)
        || question.kind == QuestionKind::Rating
        || question.scale.is_some()
        || numeric
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Scale, Unit, UnitKind};
    use crate::language::Language;
    use crate::survey_rules::SurveyLimits;

    fn flagged(questions: &[(QuestionKind, &str)]) -> Vec<usize> {
        let mut document = Document::new();
        for (kind, stem) in questions {
            let text = document.push_unit(Unit::verbatim(*stem, UnitKind::Question, 0));
            let mut question = Question::new(*kind, text);
            if *kind == QuestionKind::Rating {
                question.scale = Some(Scale { min: 0, max: 10, min_label: None, max_label: None });
            }
            document.push_question(question);
        }
        let languages = vec![Language::Dutch; document.units.len()];
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(&document, &languages, &limits);
        check(&context).into_iter().map(|finding| finding.unit).collect()
    }

    #[test]
    fn rating_without_why_is_flagged() {
        let survey = [
            (QuestionKind::Rating, "Hoe waarschijnlijk is het dat u ons aanbeveelt?"),
            (QuestionKind::SingleChoice, "Hoe vaak koopt u bij ons?"),
            (QuestionKind::Open, "Heeft u nog andere opmerkingen?"),
        ];
        assert_eq!(flagged(&survey), vec![0]);
    }

    #[test]
    fn why_within_two_questions_passes() {
        let survey = [
            (QuestionKind::Rating, "How likely are you to recommend us to a friend?"),
            (QuestionKind::Display, "Thank you!"),
            (QuestionKind::SingleChoice, "How often do you shop with us?"),
            (QuestionKind::Open, "What is the main reason for your score?"),
        ];
        assert_eq!(flagged(&survey), Vec::<usize>::new());
    }

    #[test]
    fn why_too_late_or_closed_does_not_count() {
        let survey = [
            (QuestionKind::Rating, "How likely are you to recommend us to a friend?"),
            (QuestionKind::SingleChoice, "Why? Pick one."),
            (QuestionKind::Boolean, "Did you order online?"),
            (QuestionKind::Open, "What is the main reason for your score?"),
        ];
        assert_eq!(flagged(&survey), vec![0]);
    }

    #[test]
    fn open_recommend_questions_are_not_scores() {
        let survey = [(QuestionKind::Open, "Which product would you recommend to a friend?")];
        assert_eq!(flagged(&survey), Vec::<usize>::new());
    }
}
