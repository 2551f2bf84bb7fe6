//! `sensitive-without-opt-out` (SL111): a closed question about income,
//! sexuality, religion, voting, ethnic background, mental health, drugs or
//! crime without "zeg ik liever niet" / "prefer not to say".
//!
//! ## Why it is bad
//! Respondents who do not want to disclose such things misreport or quit
//! when they must pick an answer (Tourangeau & Yan 2007); AAPOR and the ESS
//! ask for a way to decline. Unlike `missing-opt-out` (opinion questions,
//! where the research is mixed, so a tip) this is a warning: the harm is to
//! the respondent, not only to the data.
//!
//! ## Why a rule of its own
//! `missing-opt-out` covered sensitive subjects too, as a tip. The subjects
//! in `<@sensitive-topic>` are now this rule's, at a higher severity, and
//! `missing-opt-out` leaves the questions this rule flags alone, so one
//! question never gets both findings. General health and age stay with
//! `missing-opt-out`: good questionnaires ask them without an opt-out.
//!
//! ## How it decides
//! A single-choice, rating, yes/no or matrix question whose stem (or a
//! matrix row) names a sensitive subject, with at least two answers, not all
//! bare numbers, none of them an opt-out. Money counts only as the
//! respondent's own ("uw inkomen"); a yes/no question counts only for the
//! subjects where the yes itself discloses (`<@sensitive-identity>`), so
//! "Heeft u inkomensondersteuning aangevraagd? Ja / Nee" stays quiet. Multiple-choice questions are left
//! alone: ticking nothing is possible.

use crate::document::{Question, QuestionKind};

use super::option_class::{OptionClass, YES_OR_NO};
use super::{SurveyContext, SurveyFinding, Test};

static SENSITIVE: Test = Test::pattern(r"\b(?:<@sensitive-topic>)\b");
/// The subjects where a plain yes or no is itself a disclosure.
static DISCLOSED_BY_YES: Test = Test::pattern(r"\b(?:<@sensitive-identity>)\b");

pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    context
        .answerable()
        .filter(|question| flags(context, question))
        .map(|question| context.finding_on(question.text, Vec::new()))
        .collect()
}

/// True when this rule flags `question`; `missing-opt-out` then leaves it alone.
pub(crate) fn flags(context: &SurveyContext<'_>, question: &Question) -> bool {
    let closed = matches!(
        question.kind,
        QuestionKind::SingleChoice | QuestionKind::Rating | QuestionKind::Matrix | QuestionKind::Boolean
    );
    if !closed || question.options.len() < 2 {
        return false;
    }
    let classes: Vec<OptionClass> = question.options.iter().map(|&unit| context.option_class(unit)).collect();
    if classes.contains(&OptionClass::OptOut) || classes.iter().all(|class| *class == OptionClass::Number) {
        return false;
    }
    let language = context.language(question.text);
    // "Heeft u inkomensondersteuning aangevraagd? Ja / Nee" is a factual
    // question; "Heeft u een migratieachtergrond? Ja / Nee" is a disclosure.
    let yes_or_no = question.options.iter().filter(|&&unit| context.test_of(unit, &YES_OR_NO)).count();
    let subject = if question.kind == QuestionKind::Boolean || yes_or_no * 2 > question.options.len() {
        &DISCLOSED_BY_YES
    } else {
        &SENSITIVE
    };
    std::iter::once(question.text)
        .chain(question.rows.iter().copied())
        .any(|unit| context.test(unit, language, subject))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(stem: &str, options: &[&str]) -> bool {
        crate::survey_rules::flags_dutch_question(check, stem, options)
    }

    #[test]
    fn sensitive_subjects_need_a_way_to_decline() {
        let brackets = ["Minder dan € 20.000", "€ 20.000 - € 40.000", "Meer dan € 40.000"];
        assert!(flagged("Wat is het bruto inkomen van uw huishouden?", &brackets));
        let declined = ["Minder dan € 20.000", "Meer dan € 20.000", "Zeg ik liever niet"];
        assert!(!flagged("Wat is het bruto inkomen van uw huishouden?", &declined));
        assert!(flagged("Op welke partij heeft u gestemd?", &["VVD", "GroenLinks-PvdA", "Anders"]));
        assert!(!flagged("Hoe is over het algemeen uw gezondheid?", &["Slecht", "Matig", "Goed"]));
        assert!(flagged("Heeft u een migratieachtergrond?", &["Ja", "Nee"]));
        assert!(!flagged("Heeft u inkomensondersteuning aangevraagd?", &["Ja", "Nee"]));
        assert!(!flagged("Krijgt u in een nieuwe baan meer salaris?", &["Minder", "Evenveel", "Meer"]));
    }
}
