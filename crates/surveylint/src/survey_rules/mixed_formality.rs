//! `mixed-formality` (SL107): a Dutch questionnaire that addresses the reader
//! both as "u" and as "je/jij". Dutch only: English has one "you".
//!
//! ## Why it is bad
//! Switching between the formal and the informal form reads as careless and
//! changes the distance between asker and respondent halfway through (e-ANS
//! 5.2.4.2 on "u" and "je"). Survey platforms warn about it for that reason.
//!
//! ## How it decides
//! Every Dutch unit is searched for the forms of address (`<@formal-you>`,
//! `<@informal-you>`). The form used most in the whole questionnaire is the
//! norm (on a tie, the form that came first); each unit that uses the other
//! form gets one finding, on its first such word. "u" after a number ("om 9 u")
//! is an hour, not a reader; "je" in an answer option or after "als",
//! "waarbij" and the like usually means "one" and is not counted (see
//! [`is_generic`]).

use crate::document::UnitKind;
use crate::language::Language;
use crate::normalize::Normalized;

use super::classes::find_all;
use super::{Fact, SurveyContext, SurveyFinding};

const FORMAL: &str = r"\b(?:<@formal-you>)\b";
const INFORMAL: &str = r"\b(?:<@informal-you>)\b";
/// "Je" after these words is the generic "one" ("een test waarbij je…",
/// "als je ziek bent"), not the reader.
const GENERIC_AFTER: &str = r"\b(?:<@generic-you-after>) $";
/// A generic "je" earlier in the sentence keeps the later ones generic
/// ("waarbij je … over je neus gaat").
const GENERIC_BEFORE: &str = r"\b(?:<@generic-you-after>) je\b";

/// A form of address in a unit's text, as far as the text alone tells.
#[derive(Debug, Clone)]
struct Form {
    formal: bool,
    /// The bytes of the word in the unit's text.
    range: std::ops::Range<usize>,
    /// A "je" that the words before it make generic.
    generic: bool,
    /// A "je" that is generic in an answer option.
    generic_in_option: bool,
}

/// The forms of address in a Dutch text (a formal "u" after a number is a
/// time, "9 u"), remembered per unit text.
static FORMS: Fact<Vec<Form>> = Fact::new(|text, _, _| {
    let normalized = Normalized::new(text);
    let view = normalized.text.as_str();
    let mut forms = Vec::new();
    for (pattern, formal) in [(FORMAL, true), (INFORMAL, false)] {
        for range in find_all(Language::Dutch, pattern, view) {
            if formal && follows_a_number(view, range.start) {
                continue;
            }
            let generic_in_option = !formal && is_je(view, &range);
            let generic = generic_in_option && generic_by_sentence(view, &range);
            forms.push(Form { formal, range: normalized.to_original(range), generic, generic_in_option });
        }
    }
    forms
});

/// One form of address found in a unit.
struct Address {
    unit: usize,
    formal: bool,
    /// The bytes of the word in the unit's text.
    range: std::ops::Range<usize>,
}

pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let mut found: Vec<Address> = Vec::new();
    for unit in 0..context.document.units.len() {
        if context.language(unit) != Language::Dutch {
            continue;
        }
        let in_option = context.document.units.get(unit).is_some_and(|unit| unit.kind == UnitKind::Option);
        for form in context.fact(unit, Language::Dutch, &FORMS) {
            // A generic "je" in an answer option means "one", not the reader.
            if form.generic || (form.generic_in_option && in_option) {
                continue;
            }
            found.push(Address { unit, formal: form.formal, range: form.range });
        }
    }
    found.sort_by_key(|address| (address.unit, address.range.start));
    let formal = found.iter().filter(|address| address.formal).count();
    let informal = found.len() - formal;
    let Some(first) = found.first() else { return Vec::new() };
    let norm_is_formal = match formal.cmp(&informal) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => first.formal,
    };
    let norm = if norm_is_formal { "u" } else { "je" };
    let mut findings: Vec<SurveyFinding> = Vec::new();
    for address in found.iter().filter(|address| address.formal != norm_is_formal) {
        if findings.last().is_some_and(|last| last.unit == address.unit) {
            continue;
        }
        let word = context.text(address.unit).get(address.range.clone()).unwrap_or_default().to_owned();
        findings.push(SurveyFinding {
            unit: address.unit,
            range: address.range.clone(),
            arguments: vec![("match", word), ("norm", norm.to_owned())],
        });
    }
    findings
}

/// True for a "je" or "jezelf", which can mean "one" rather than the
/// reader: in an answer option or statement ("Je kunt bijwerkingen krijgen",
/// "Werken op je werkplek mag…"), or after a conjunction that opens a
/// general clause (`<@generic-you-after>`: "waarbij je", "als je"). "Jij",
/// "jou" and "jouw" always address the reader.
fn is_je(view: &str, range: &std::ops::Range<usize>) -> bool {
    matches!(view.get(range.clone()), Some("je" | "jezelf"))
}

/// True when the words before the "je" at `range` open a general clause.
fn generic_by_sentence(view: &str, range: &std::ops::Range<usize>) -> bool {
    let before = view.get(..range.start).unwrap_or_default();
    let sentence = before.rfind(['.', '?', '!', ':']).map_or(before, |end| &before[end + 1..]);
    super::classes::matches(Language::Dutch, GENERIC_AFTER, sentence)
        || super::classes::matches(Language::Dutch, GENERIC_BEFORE, sentence)
}

/// True when the word at `start` comes right after a number ("9 u", "10u").
fn follows_a_number(view: &str, start: usize) -> bool {
    view[..start].trim_end().ends_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::QuestionKind;
    use crate::survey_rules::SurveyLimits;

    fn flagged_words(stem: &str, options: &[&str]) -> Vec<String> {
        let document = crate::survey_rules::one_question_document(QuestionKind::SingleChoice, stem, options, &[]);
        let languages = vec![Language::Dutch; document.units.len()];
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(&document, &languages, &limits);
        check(&context).iter().map(|finding| context.text(finding.unit)[finding.range.clone()].to_owned()).collect()
    }

    #[test]
    fn the_minority_form_is_flagged_once_per_unit() {
        assert_eq!(flagged_words("Heeft u je pakket op tijd ontvangen?", &["Ja", "Nee"]), vec!["je"]);
        let options = ["Ja, jij was op tijd", "Nee, u was te laat", "Dat weet u zelf wel", "Je weet het niet"];
        assert_eq!(flagged_words("Was jouw bezorger op tijd?", &options), vec!["u", "u"]);
        assert_eq!(
            flagged_words("Hoe tevreden ben je over jouw bestelling en jezelf?", &["Tevreden"]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn an_hour_is_not_a_reader_nor_a_generic_je() {
        assert_eq!(flagged_words("Kun je om 9 u langskomen?", &["Ja", "Nee"]), Vec::<String>::new());
        let stem = "Heeft u een zelftest gedaan, een test waarbij je met een wattenstaafje in je neus gaat?";
        assert_eq!(flagged_words(stem, &["Ja", "Nee", "Je kunt dat niet zelf"]), Vec::<String>::new());
        assert_eq!(flagged_words("Heeft u een zelftest gedaan? Waar heb je die gekocht?", &[]), vec!["je"]);
    }
}
