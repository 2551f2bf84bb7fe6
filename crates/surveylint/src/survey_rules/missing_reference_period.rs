//! `missing-reference-period` (SL108): a question how often something
//! happens, without the period it is counted over ("Hoe vaak sport u?").
//!
//! ## Why it is bad
//! Without a reference period every respondent picks one: last week, a
//! typical month, their whole life. The answers then count different things
//! (Willis & Lessler, QAS-99, step 3d; Choi & Pak 2005).
//!
//! ## How it decides
//! A question counts when its stem asks how often or how many times
//! (`<@frequency-ask>`) about something done, not wished for
//! (`<@preference-verb>`: "Hoe vaak wilt u…" asks a preference). It is left
//! alone when a time frame or rate (`<@time-frame>`) stands in its stem, its
//! answer options ("Wekelijks", "In de afgelopen maand"), its help text, or
//! a text above it in the same section, and when its answers run to "Altijd"
//! or "Always" (`<@proportion-scale>`): such a scale asks for a share of
//! occasions, not a count.

use super::frame::intro_units;
use super::{SurveyContext, SurveyFinding, Test};

static ASKS_FREQUENCY: Test = Test::pattern(r"\b(?:<@frequency-ask>)\b");
static PREFERENCE: Test = Test::pattern(r"\b(?:<@preference-verb>)\b");
static TIME_FRAME: Test = Test::pattern(r"\b(?:<@time-frame>)\b");
static SHARE_OF_OCCASIONS: Test = Test::pattern(r"\b(?:<@proportion-scale>)\b");

pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let mut findings = Vec::new();
    for question in context.answerable() {
        let language = context.language(question.text);
        let stem = question.text;
        if !context.test(stem, language, &ASKS_FREQUENCY) || context.test(stem, language, &PREFERENCE) {
            continue;
        }
        let share = question.options.iter().any(|&unit| context.test(unit, language, &SHARE_OF_OCCASIONS));
        if share {
            continue;
        }
        let mut around = question
            .options
            .iter()
            .chain(&question.rows)
            .copied()
            .chain(intro_units(context, question))
            .chain([question.text]);
        if around.any(|unit| context.test(unit, language, &TIME_FRAME)) {
            continue;
        }
        findings.push(context.finding_on(question.text, Vec::new()));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::QuestionKind;
    use crate::language::Language;
    use crate::survey_rules::SurveyLimits;

    fn flagged(language: Language, stem: &str, options: &[&str]) -> bool {
        let document = crate::survey_rules::one_question_document(QuestionKind::SingleChoice, stem, options, &[]);
        let languages = vec![language; document.units.len()];
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(&document, &languages, &limits);
        !check(&context).is_empty()
    }

    #[test]
    fn a_frequency_needs_a_period_in_the_stem_or_the_options() {
        assert!(flagged(Language::Dutch, "Hoe vaak sport u?", &["Vaak", "Soms", "Nooit"]));
        assert!(!flagged(Language::Dutch, "Hoe vaak sportte u in de afgelopen vier weken?", &["Vaak", "Nooit"]));
        assert!(!flagged(Language::Dutch, "Hoe vaak sport u?", &["Elke dag", "Een keer per week", "Nooit"]));
        assert!(flagged(Language::English, "How many times have you visited the library?", &[]));
        assert!(!flagged(Language::English, "How often would you like to hear from us?", &[]));
        assert!(!flagged(Language::English, "How often do you test your code?", &["Never", "Sometimes", "Always"]));
    }
}
