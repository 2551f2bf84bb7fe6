//! `missing-opt-out` (SL102): an opinion question or a question about a
//! sensitive subject whose answers offer no way out ("weet niet", "n.v.t.",
//! "geen mening", "zeg ik liever niet", "prefer not to say").
//!
//! ## Why it is bad
//! Someone without an opinion, without experience of the thing asked about,
//! or unwilling to disclose their income or health, must still pick an
//! answer when the question is required. They pick the middle or a polite
//! positive answer, or they quit the survey. Either way the results hold
//! answers that nobody meant (Converse, 1964, on non-attitudes; Tourangeau &
//! Yan, 2007, on sensitive questions). Research on "no opinion" options for
//! questions everyone can answer is mixed (Krosnick et al., 2002), which is
//! why the rule is informational.
//!
//! ## Example
//! ```markdown
//! Hoe tevreden bent u over onze klantenservice?
//! - Zeer ontevreden
//! - Ontevreden
//! - Neutraal
//! - Tevreden
//! - Zeer tevreden
//! ```
//! Add "Weet niet / geen ervaring" (or "Zeg ik liever niet" for sensitive subjects).
//!
//! ## How it decides
//! A closed question (single choice, labelled rating or matrix) counts when
//! its answers form an evaluative scale (satisfaction, agreement, quality
//! labels) or its stem asks for an opinion or touches income, health,
//! politics, religion, sexuality or ethnicity (unless it is a yes/no question,
//! which is factual). Purely numeric scales such as
//! 0–10 are left alone: survey tools usually let respondents skip them, and
//! a "weet niet" beside a 0–10 scale is rare in good questionnaires. Multiple
//! choice questions are left alone too, since ticking nothing is possible.

use crate::document::QuestionKind;

use super::option_class::{is_evaluative_scale, OptionClass, YES_OR_NO};
use super::sensitive_without_opt_out;
use super::topics::{OPINION_STEM, SENSITIVE_STEM};
use super::{SurveyContext, SurveyFinding};

/// Finds opinion and sensitive questions without an opt-out answer.
pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let mut findings = Vec::new();
    for question in context.answerable() {
        let closed = matches!(question.kind, QuestionKind::SingleChoice | QuestionKind::Rating | QuestionKind::Matrix);
        // Sensitive subjects without an opt-out are sensitive-without-opt-out's, as a warning.
        if !closed || question.options.len() < 2 || sensitive_without_opt_out::flags(context, question) {
            continue;
        }
        let classes: Vec<OptionClass> = question.options.iter().map(|&unit| context.option_class(unit)).collect();
        if classes.contains(&OptionClass::OptOut) || classes.iter().all(|class| *class == OptionClass::Number) {
            continue;
        }
        let rows_ask_opinion = question.rows.iter().any(|&row| context.test_of(row, &OPINION_STEM));
        let asks_opinion =
            is_evaluative_scale(&classes) || context.test_of(question.text, &OPINION_STEM) || rows_ask_opinion;
        // A sensitive subject asked as a yes/no question ("Heeft u een
        // aanvraag voor inkomensondersteuning ingediend? Ja, toegekend / Nee /
        // Ik wist niet dat die regeling er is") is factual.
        let yes_or_no = question.options.iter().filter(|&&unit| context.test_of(unit, &YES_OR_NO)).count();
        let yes_no = yes_or_no * 2 > question.options.len();
        if asks_opinion || (context.test_of(question.text, &SENSITIVE_STEM) && !yes_no) {
            findings.push(context.finding_on(question.text, Vec::new()));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;
    use crate::survey_rules::SurveyLimits;

    fn flagged(kind: QuestionKind, stem: &str, options: &[&str], rows: &[&str]) -> bool {
        let document = crate::survey_rules::one_question_document(kind, stem, options, rows);
        let languages = vec![Language::Dutch; document.units.len()];
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(&document, &languages, &limits);
        let findings = check(&context);
        assert!(findings.iter().all(|finding| finding.unit == 0 && finding.range == (0..stem.len())));
        !findings.is_empty()
    }

    #[test]
    fn matrix_of_agreement_without_opt_out_is_flagged() {
        let columns = ["Helemaal oneens", "Oneens", "Neutraal", "Eens", "Helemaal eens"];
        assert!(flagged(
            QuestionKind::Matrix,
            "Geef aan in hoeverre u het eens bent.",
            &columns,
            &["De prijs is eerlijk"]
        ));
        let with_opt_out = ["Helemaal oneens", "Oneens", "Neutraal", "Eens", "Helemaal eens", "Weet niet"];
        assert!(!flagged(QuestionKind::Matrix, "Geef aan in hoeverre u het eens bent.", &with_opt_out, &["De prijs"]));
    }

    #[test]
    fn sensitive_subjects_need_a_way_out() {
        let health = ["Slecht", "Matig", "Goed", "Zeer goed"];
        assert!(flagged(QuestionKind::SingleChoice, "Hoe is over het algemeen uw gezondheid?", &health, &[]));
        // Income is sensitive-without-opt-out's, so this rule stays quiet on it.
        let brackets = ["Minder dan € 20.000", "€ 20.000 - € 40.000", "Meer dan € 40.000"];
        assert!(!flagged(QuestionKind::SingleChoice, "Wat is het bruto inkomen van uw huishouden?", &brackets, &[]));
        let declined = ["Minder dan € 20.000", "Meer dan € 20.000", "Zeg ik liever niet"];
        assert!(!flagged(QuestionKind::SingleChoice, "Wat is het bruto inkomen van uw huishouden?", &declined, &[]));
    }

    #[test]
    fn factual_numeric_and_multiple_choice_questions_pass() {
        assert!(!flagged(QuestionKind::SingleChoice, "Hoe vaak bezoekt u ons?", &["Wekelijks", "Maandelijks"], &[]));
        assert!(!flagged(QuestionKind::Rating, "Hoe tevreden bent u?", &["1", "2", "3", "4", "5"], &[]));
        assert!(!flagged(QuestionKind::MultipleChoice, "Wat vindt u goed?", &["De prijs", "De service"], &[]));
        assert!(!flagged(QuestionKind::Boolean, "Bent u tevreden?", &["Ja", "Nee"], &[]));
        let applied = ["Ja, toegekend", "Ja, maar afgewezen", "Nee", "Ik wist niet dat die regeling er is"];
        assert!(!flagged(QuestionKind::SingleChoice, "Vroeg u inkomensondersteuning aan?", &applied, &[]));
    }
}
