//! `long-question` (SL112): a question stem of more than 25 words, or with
//! more than one subordinate clause.
//!
//! ## Why it is bad
//! Long and nested questions are read partly, misread, or answered on their
//! last words; the CBS guidelines for questionnaire design (Giesen et al.)
//! and Dillman's Tailored Design method advise short stems with one idea.
//!
//! ## How it decides
//! The words of the stem are counted (help text apart). Subordinate clauses
//! are counted by the conjunctions that open them (`<@subordinator>`); a
//! conjunction that opens the stem ("Wanneer…", "When…", "Which…") asks and
//! is not counted, nor is one that stands for a whole clause ("if any",
//! "indien mogelijk").

use super::classes::find_all;
use super::words::word_count;
use super::{Fact, SurveyContext, SurveyFinding};

/// More words than this make a stem long.
pub(crate) const MAX_WORDS: usize = 25;
/// More subordinate clauses than this make a stem nested.
const MAX_CLAUSES: usize = 1;

const SUBORDINATOR: &str = r"\b(?:<@subordinator>)\b";
/// A conjunction with nothing after it but a word that stands for the clause
/// ("if any", "if so", "indien mogelijk") opens no clause to hold in mind.
const ELLIPTICAL: &str = r"\b(?:<@subordinator>) (?:any|so|not|at all|applicable|possible|necessary|needed|relevant|yes|no|van toepassing|mogelijk|nodig)\b";

/// The words of a stem and its subordinate clauses (those not opening it),
/// remembered per unit text.
static LENGTH: Fact<(usize, usize)> = Fact::new(|text, view, language| {
    let inside = |pattern| find_all(language, pattern, view).iter().filter(|range| range.start > 0).count();
    (word_count(text), inside(SUBORDINATOR).saturating_sub(inside(ELLIPTICAL)))
});

pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let mut findings = Vec::new();
    for question in context.answerable() {
        let (words, clauses) = context.fact_of(question.text, &LENGTH);
        if words > MAX_WORDS || clauses > MAX_CLAUSES {
            let arguments = vec![("words", words.to_string()), ("clauses", clauses.to_string())];
            findings.push(context.finding_on(question.text, arguments));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::QuestionKind;
    use crate::language::Language;
    use crate::survey_rules::SurveyLimits;

    fn arguments(language: Language, stem: &str) -> Option<Vec<(&'static str, String)>> {
        let document = crate::survey_rules::one_question_document(QuestionKind::Open, stem, &[], &[]);
        let languages = vec![language; document.units.len()];
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(&document, &languages, &limits);
        check(&context).pop().map(|finding| finding.arguments)
    }

    #[test]
    fn long_or_nested_stems() {
        let nested =
            "Als u terugdenkt aan uw laatste bezoek, omdat u toen hulp nodig had, wat vond u ervan terwijl u wachtte?";
        assert_eq!(
            arguments(Language::Dutch, nested),
            Some(vec![("words", "20".to_owned()), ("clauses", "2".to_owned())])
        );
        assert_eq!(arguments(Language::English, "When did you last visit us, and which branch was it?"), None);
        // "if any" stands for a clause without opening one.
        assert_eq!(arguments(Language::English, "What changes have you noticed since the merger, if any?"), None);
        assert_eq!(
            arguments(Language::English, "What changes have you noticed since the merger, if you noticed any?"),
            Some(vec![("words", "12".to_owned()), ("clauses", "2".to_owned())])
        );
        let long = "Please think about all the different ways in which our staff, our website, our shops and our delivery partners helped you with your order this year?";
        assert_eq!(
            arguments(Language::English, long),
            Some(vec![("words", "26".to_owned()), ("clauses", "1".to_owned())])
        );
    }
}
