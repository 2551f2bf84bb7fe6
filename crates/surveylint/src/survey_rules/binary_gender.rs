//! `binary-gender` (SL110): a question whose only answers are two sexes or
//! genders ("Man / Vrouw", "Male / Female"), with nothing else.
//!
//! ## Why it is bad
//! Non-binary, intersex and transgender respondents find no true answer and
//! either lie, skip or quit; others do not want to say. The GOV.UK design
//! system's "Gender or sex" pattern and Dutch tests run with Transgender
//! Netwerk Nederland advise an extra option and a way to decline.
//!
//! ## How it decides
//! A closed question counts when it has exactly two answers and both are,
//! on their own, a sex or gender (`<@sex-option>`). A third answer of any
//! kind ("Anders", "Zeg ik liever niet", "Non-binary") keeps it quiet, as
//! does an open question.

use crate::document::QuestionKind;

use super::classes::matches;
use super::{SurveyContext, SurveyFinding};

const SEX_OPTION: &str = r"^(?:<@sex-option>)$";

pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let mut findings = Vec::new();
    for question in context.answerable() {
        let closed =
            matches!(question.kind, QuestionKind::SingleChoice | QuestionKind::Boolean | QuestionKind::MultipleChoice);
        if !closed || question.options.len() != 2 {
            continue;
        }
        let language = context.language(question.text);
        let labels: Vec<String> = question.options.iter().map(|&unit| context.view(unit).to_owned()).collect();
        let both_sexes = labels.iter().all(|label| matches(language, SEX_OPTION, label.trim_end_matches('.')))
            && labels.first() != labels.get(1);
        if both_sexes {
            findings.push(context.finding_on(question.text, Vec::new()));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(stem: &str, options: &[&str]) -> bool {
        crate::survey_rules::flags_dutch_question(check, stem, options)
    }

    #[test]
    fn two_sexes_and_nothing_else() {
        assert!(flagged("Wat is uw geslacht?", &["Man", "Vrouw"]));
        assert!(flagged("Geslacht", &["M", "V"]));
        assert!(!flagged("Wat is uw geslacht?", &["Man", "Vrouw", "Anders"]));
        assert!(!flagged("Wie heeft u geholpen?", &["Een man", "Een vrouw"]));
        assert!(!flagged("Aanhef", &["Man", "Man"]));
    }
}
