//! `presumed-behaviour` (SL109): a question that takes for granted that the
//! respondent does or uses something, with no filter question before it
//! ("Hoe vaak gebruikt u onze nieuwe app?" with no "Gebruikt u onze app?").
//!
//! ## Why it is bad
//! Someone who never uses the app cannot answer truthfully; they guess,
//! pick the lowest option or quit, and their answers mix with real users'
//! (Willis & Lessler, QAS-99, steps 4a and 4b: inappropriate assumptions and
//! assumed constant behaviour).
//!
//! ## How it decides
//! A stem counts when it asks how often (`<@frequency-ask>`), or which one
//! most ("het meest", "most"), or which of our things were used ("welke van
//! onze acties heeft u gebruikt", "which of our offers did you use"; the
//! present "which of our services do you use" is answered with "none" as
//! easily), with a verb
//! of using, visiting or owning
//! (`<@use-verb>`) addressed to the reader; an open question counts only when
//! it names a thing of ours or the respondent's ("onze app", "uw fiets"),
//! since its answer box takes "nooit" as well. It is left alone when an answer
//! lets the respondent say they do not (`<@zero-answer>`: "Nooit", "Never",
//! "N.v.t."), when an earlier yes/no question shares a word with it (the
//! filter), or when a text above it says who should answer ("Alleen als u
//! de app gebruikt").

use crate::document::Question;
use crate::language::Language;

use super::frame::intro_units;
use super::{SurveyContext, SurveyFinding, Test};

static PRESUMES_NL: Test = Test::pattern(
    r"\b(?:<@frequency-ask>)(?: \w+){0,3}? (?:<@use-verb>) (?:u|je|jij)\b|\b(?:<@frequency-ask>) (?:heeft|hebt|had) (?:u|je|jij)\b.*\b(?:<@use-verb>)\b|\b(?:<@use-verb>) (?:u|je|jij)\b.*\bhet (?:meest|vaakst)\b|\bwelke (?:van )?(?:onze|uw) \w+ (?:heeft|hebt) (?:u|je|jij)\b.*\b(?:<@use-verb>)\b",
);
static PRESUMES_EN: Test = Test::pattern(
    r"\b(?:<@frequency-ask>)(?: \w+){0,3}? (?:do|did|have|does) you (?:\w+ )?(?:<@use-verb>)\b|\b(?:<@use-verb>) (?:the )?most\b|\bwhich (?:of )?(?:our|your) \w+ (?:did|have) you (?:\w+ )?(?:<@use-verb>)\b",
);
/// An open question presumes only when it names a thing of ours or the
/// respondent's ("onze app", "uw fiets"); "Hoe vaak nam u de bus?" can be
/// answered with "nooit" in the box.
static OWN_OBJECT: Test = Test::pattern(r"\b(?:onze|ons|uw|jouw|je|our|your)\b");
static ZERO_ANSWER: Test = Test::pattern(r"(?:^|\W)(?:<@zero-answer>)(?:\W|$)");
static FILTER_START_NL: Test = Test::pattern(r"^(?:\w+) (?:u|je|jij)\b");
static FILTER_START_EN: Test = Test::pattern(r"^(?:do|did|does|have|has|are|were|is|was) you\b");
static WHO_ANSWERS_NL: Test =
    Test::pattern(r"\b(?:alleen|indien|als u|als je|voor wie|wie (?:\w+ )?(?:gebruikt|heeft))\b");
static WHO_ANSWERS_EN: Test = Test::pattern(r"\b(?:only|if you|for those|those who|answer if)\b");

pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let mut findings = Vec::new();
    let questions: Vec<&Question> = context.answerable().collect();
    for (index, question) in questions.iter().enumerate() {
        let language = context.language(question.text);
        let (presumes, filter_start, who_answers) = match language {
            Language::Dutch => (&PRESUMES_NL, &FILTER_START_NL, &WHO_ANSWERS_NL),
            Language::English => (&PRESUMES_EN, &FILTER_START_EN, &WHO_ANSWERS_EN),
        };
        let stem = context.view(question.text).to_owned();
        if !context.test(question.text, language, presumes) {
            continue;
        }
        if question.options.is_empty() && !context.test(question.text, language, &OWN_OBJECT) {
            continue;
        }
        let offers_zero = question.options.iter().any(|&unit| context.test(unit, language, &ZERO_ANSWER));
        let filtered = questions[..index].iter().any(|earlier| {
            context.test(earlier.text, language, filter_start) && shares_a_word(context.view(earlier.text), &stem)
        });
        let told_who = intro_units(context, question).into_iter().any(|unit| context.test(unit, language, who_answers));
        if !(offers_zero || filtered || told_who) {
            findings.push(context.finding_on(question.text, Vec::new()));
        }
    }
    findings
}

/// Words every question has, which say nothing about its subject.
const FUNCTION_WORDS: &[&str] = &[
    "hoe", "vaak", "keer", "hoeveel", "heeft", "hebt", "bent", "uw", "jouw", "onze", "ons", "een", "het", "de", "van",
    "wat", "welke", "meest", "how", "often", "many", "times", "do", "did", "does", "have", "has", "you", "your", "our",
    "the", "and", "what", "which", "most", "are", "were",
];

/// True when two stems share a word that is not a function word ("app",
/// "gebruikt", "website"): the later question is then about what the
/// earlier one asked.
fn shares_a_word(earlier: &str, later: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| word.len() >= 3 && !FUNCTION_WORDS.contains(word))
            .map(str::to_owned)
            .collect()
    };
    let earlier = words(earlier);
    words(later).iter().any(|word| earlier.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, QuestionKind, Unit, UnitKind};
    use crate::survey_rules::SurveyLimits;

    fn flagged_stems(questions: &[(&str, &[&str])]) -> Vec<String> {
        let mut document = Document::new();
        for (stem, options) in questions {
            let text = document.push_unit(Unit::verbatim(*stem, UnitKind::Question, 0));
            let mut question = Question::new(QuestionKind::SingleChoice, text);
            for option in *options {
                question.options.push(document.push_unit(Unit::verbatim(*option, UnitKind::Option, 0)));
            }
            document.push_question(question);
        }
        let languages = vec![Language::Dutch; document.units.len()];
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(&document, &languages, &limits);
        check(&context).iter().map(|finding| context.text(finding.unit).to_owned()).collect()
    }

    #[test]
    fn a_use_question_needs_a_filter_or_a_never() {
        let stem = "Hoe vaak gebruikt u onze nieuwe app?";
        assert_eq!(flagged_stems(&[(stem, &["Dagelijks", "Wekelijks"])]), vec![stem]);
        assert!(flagged_stems(&[(stem, &["Dagelijks", "Wekelijks", "Nooit"])]).is_empty());
        let which = "Welke van onze acties heeft u deze maand gebruikt?";
        assert_eq!(flagged_stems(&[(which, &[])]), vec![which]);
        assert!(flagged_stems(&[("Welke van de volgende diensten heeft u gebruikt?", &[])]).is_empty());
        assert!(flagged_stems(&[("Gebruikt u onze app?", &["Ja", "Nee"]), (stem, &["Dagelijks"])]).is_empty());
        assert_eq!(flagged_stems(&[("Heeft u een auto?", &["Ja", "Nee"]), (stem, &["Dagelijks"])]), vec![stem]);
    }
}
