//! `unbalanced-scale` (SL101): an answer scale with more favourable than
//! unfavourable options, or whose end labels lean the same way.
//!
//! ## Why it is bad
//! Respondents read a scale's middle as "normal" and spread their answers
//! around it (Schwarz et al., 1985). "Uitstekend, Zeer goed, Goed, Redelijk,
//! Slecht" has three favourable answers and one unfavourable one, so a merely
//! average experience ends up as "Goed" and the results look better than the
//! experience was. A scale from "Goed" to "Uitstekend" leaves no way to be
//! negative at all.
//!
//! ## Example
//! ```markdown
//! Hoe beoordeelt u onze service?
//! - Uitstekend
//! - Zeer goed
//! - Goed
//! - Redelijk
//! - Slecht
//! ```
//! Use as many steps on each side: "Zeer slecht, Slecht, Neutraal, Goed, Zeer goed".
//!
//! ## How it decides
//! Only questions whose answers are all scale labels (or bare scale points)
//! are checked, so a list of reasons such as "Good price, Good location" is
//! never mistaken for a scale. One-sided scales that run from "Helemaal niet
//! belangrijk" up to "Zeer belangrijk" are balanced by design and pass. Mild
//! labels such as "Redelijk", "Matig" or "Fair" have no agreed side, so a
//! difference of one is tolerated when the scale holds one.

use crate::document::{Question, QuestionKind};

use super::option_class::OptionClass;
use super::{SurveyContext, SurveyFinding};

/// Finds unbalanced answer scales.
pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let mut findings = Vec::new();
    for question in context.answerable() {
        if matches!(question.kind, QuestionKind::Open | QuestionKind::MultipleChoice | QuestionKind::Boolean) {
            continue;
        }
        let labels = scale_labels(question);
        let classes: Vec<OptionClass> = labels
            .iter()
            .map(|&unit| context.option_class(unit))
            .filter(|class| *class != OptionClass::OptOut)
            .collect();
        if let Some((positive, negative)) = imbalance(&classes) {
            let arguments = vec![("positive", positive.to_string()), ("negative", negative.to_string())];
            findings.push(context.finding_on(question.text, arguments));
        }
    }
    findings
}

/// The units that label the question's scale: its options (a matrix's
/// columns), or else the end labels of its numeric scale.
fn scale_labels(question: &Question) -> Vec<usize> {
    if !question.options.is_empty() {
        return question.options.clone();
    }
    question.scale.iter().flat_map(|scale| scale.min_label.into_iter().chain(scale.max_label)).collect()
}

/// The numbers of favourable and unfavourable labels, when they are out of
/// balance; `None` for a balanced scale or one that is not a scale.
fn imbalance(classes: &[OptionClass]) -> Option<(usize, usize)> {
    let count = |wanted: OptionClass| classes.iter().filter(|class| **class == wanted).count();
    let all_scale = classes.iter().all(|class| class.is_scale_label() || *class == OptionClass::Number);
    let polar = classes.iter().filter(|class| class.is_polar()).count();
    if !all_scale || polar < 2 {
        return None;
    }
    let (positive, negative, absent) =
        (count(OptionClass::Positive), count(OptionClass::Negative), count(OptionClass::Absent));
    // A scale that starts at "not at all" and has no negative labels is one-sided.
    if absent > 0 && negative == 0 {
        return None;
    }
    let negative = negative + absent;
    let tolerance = usize::from(classes.contains(&OptionClass::Mild));
    (positive.abs_diff(negative) > tolerance).then_some((positive, negative))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Scale, Unit, UnitKind};
    use crate::language::Language;
    use crate::survey_rules::SurveyLimits;

    use OptionClass::{Absent, Mild, Negative, Neutral, Number, Other, Positive};

    #[test]
    fn counts_sides() {
        assert_eq!(imbalance(&[Positive, Positive, Positive, Mild, Negative]), Some((3, 1)));
        assert_eq!(imbalance(&[Positive, Positive, Negative]), Some((2, 1)));
        assert_eq!(imbalance(&[Positive, Number, Number, Positive]), Some((2, 0)));
        assert_eq!(imbalance(&[Negative, Negative, Neutral, Positive, Positive]), None);
        assert_eq!(imbalance(&[Negative, Mild, Mild, Positive, Positive]), None);
        assert_eq!(imbalance(&[Absent, Positive, Positive, Positive]), None);
        assert_eq!(imbalance(&[Absent, Negative, Neutral, Positive, Positive]), None);
        assert_eq!(imbalance(&[Positive, Other, Positive, Positive]), None);
        assert_eq!(imbalance(&[Number, Number, Number]), None);
    }

    /// A document with one question of `kind` whose stem is unit 0.
    fn document(kind: QuestionKind, stem: &str, options: &[&str], rows: &[&str]) -> Document {
        crate::survey_rules::one_question_document(kind, stem, options, rows)
    }

    fn run(document: &Document) -> Vec<(usize, Vec<(&'static str, String)>)> {
        let languages = vec![Language::English; document.units.len()];
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(document, &languages, &limits);
        check(&context).into_iter().map(|finding| (finding.unit, finding.arguments)).collect()
    }

    #[test]
    fn matrix_columns_are_the_scale() {
        let columns = ["Excellent", "Very good", "Good", "Fair", "Poor"];
        let document = document(QuestionKind::Matrix, "Please rate:", &columns, &["Staff", "Price"]);
        assert_eq!(run(&document), vec![(0, vec![("positive", "3".to_owned()), ("negative", "1".to_owned())])]);
        let balanced = ["Very poor", "Poor", "Neither good nor poor", "Good", "Very good"];
        assert_eq!(run(&self::document(QuestionKind::Matrix, "Please rate:", &balanced, &["Staff"])), vec![]);
    }

    #[test]
    fn rating_scale_end_labels_are_checked() {
        let mut document = document(QuestionKind::Rating, "How was your visit?", &[], &[]);
        let low = document.push_unit(Unit::verbatim("Good", UnitKind::Option, 0));
        let high = document.push_unit(Unit::verbatim("Excellent", UnitKind::Option, 0));
        document.questions[0].scale = Some(Scale { min: 1, max: 5, min_label: Some(low), max_label: Some(high) });
        assert_eq!(run(&document), vec![(0, vec![("positive", "2".to_owned()), ("negative", "0".to_owned())])]);
        let very_poor = document.push_unit(Unit::verbatim("Very poor", UnitKind::Option, 0));
        document.questions[0].scale = Some(Scale { min: 1, max: 5, min_label: Some(very_poor), max_label: Some(high) });
        assert_eq!(run(&document), vec![]);
    }

    #[test]
    fn choice_lists_and_multiple_choice_are_left_alone() {
        let reasons = ["Good price", "Good location", "Friendly staff"];
        assert_eq!(run(&document(QuestionKind::SingleChoice, "Why did you choose us?", &reasons, &[])), vec![]);
        let leaning = ["Good", "Very good", "Excellent"];
        assert_eq!(run(&document(QuestionKind::MultipleChoice, "Which apply?", &leaning, &[])), vec![]);
        assert_eq!(run(&document(QuestionKind::Rating, "Score?", &["1", "2", "3", "4", "5"], &[])), vec![]);
    }
}
