//! Abbreviations a reader may not know, for `plain-language`: a word of two
//! to six capitals ("WMO", "ZZP", "RSE") that the questionnaire never spells
//! out ("Wet maatschappelijke ondersteuning (WMO)" or "WMO (Wet …)") and that
//! is not one every reader knows (`<@known-abbreviation>`: "EU", "TV", "GP").
//!
//! Only questions, help texts and free texts are searched: answer options are
//! often names ("LUMC", "TNO") and headings shout. Capitals next to other
//! capitals are shouting too ("CARE PROVIDER"), a word before a colon is a
//! label ("NOTE:"), and Roman numerals are numbers; all are left alone.
//! Each abbreviation is reported once, where it first appears.

use std::collections::HashSet;
use std::ops::Range;

use crate::document::UnitKind;
use crate::language::Language;

use super::classes::matches;
use super::{Fact, SurveyContext};

const KNOWN: &str = r"^(?:<@known-abbreviation>)$";

/// One abbreviation to report: its unit and bytes there.
pub(crate) struct Abbreviation {
    pub(crate) unit: usize,
    pub(crate) range: Range<usize>,
}

/// The unexplained abbreviations of the document, each at its first use.
pub(crate) fn unexplained(context: &SurveyContext<'_>) -> Vec<Abbreviation> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut found = Vec::new();
    for (unit, text) in context.document.units.iter().enumerate().filter_map(|(index, unit)| {
        // Answer options are often names ("LUMC", "TNO") and titles shout.
        matches!(unit.kind, UnitKind::Question | UnitKind::Text | UnitKind::Description)
            .then_some((index, unit.text.as_str()))
    }) {
        for range in context.fact(unit, Language::Dutch, &CANDIDATES) {
            let Some(word) = text.get(range.clone()) else { continue };
            if !seen.insert(word) {
                continue;
            }
            let known = matches(context.language(unit), KNOWN, &word.to_ascii_lowercase());
            if !known && !is_explained(context, word) {
                found.push(Abbreviation { unit, range });
            }
        }
    }
    found
}

/// The words of a text that look like abbreviations wherever the text
/// stands (see [`candidates`]), remembered per unit text (asked in one
/// language: they do not depend on it).
static CANDIDATES: Fact<Vec<Range<usize>>> = Fact::new(|text, _, _| candidates(text));

/// The words of `text` that look like abbreviations, by their byte ranges:
/// capitals that are not a Roman numeral, a label before a colon ("NOTE:"),
/// or next to other capitals (shouting). A text without a lower-case letter
/// shouts as a whole ("### NUMBER").
fn candidates(text: &str) -> Vec<Range<usize>> {
    if !text.chars().any(char::is_lowercase) {
        return Vec::new();
    }
    let words = words_with_ranges(text);
    let shouted = |neighbour: Option<&(&str, Range<usize>)>| {
        neighbour.is_some_and(|(other, _)| {
            other.chars().filter(char::is_ascii_uppercase).count() >= 2 && other.chars().all(|c| !c.is_lowercase())
        })
    };
    words
        .iter()
        .enumerate()
        .filter(|(index, (word, range))| {
            let label = text[range.end..].starts_with(':');
            is_capitals(word)
                && !is_roman_numeral(word)
                && !label
                && !shouted(index.checked_sub(1).and_then(|before| words.get(before)))
                && !shouted(words.get(index + 1))
        })
        .map(|(_, (_, range))| range.clone())
        .collect()
}

/// The words of `text` (runs of letters and digits) with their byte ranges.
fn words_with_ranges(text: &str) -> Vec<(&str, Range<usize>)> {
    let mut words = Vec::new();
    let mut start = None;
    for (offset, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(offset),
            (false, Some(begin)) => {
                words.push((&text[begin..offset], begin..offset));
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// True for two to six ASCII capitals and nothing else.
fn is_capitals(word: &str) -> bool {
    (2..=6).contains(&word.len()) && word.bytes().all(|byte| byte.is_ascii_uppercase())
}

fn is_roman_numeral(word: &str) -> bool {
    word.bytes().all(|byte| matches!(byte, b'I' | b'V' | b'X' | b'L' | b'C' | b'D' | b'M'))
}

/// True when some text of the document spells the abbreviation out: it
/// stands in brackets after the words ("… (WMO)") or before them ("WMO (…").
fn is_explained(context: &SurveyContext<'_>, word: &str) -> bool {
    let bracketed = format!("({word})");
    let followed = format!("{word} (");
    context.document.units.iter().any(|unit| unit.text.contains(&bracketed) || unit.text.contains(&followed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::QuestionKind;
    use crate::language::Language;
    use crate::survey_rules::SurveyLimits;

    fn flagged(stem: &str, options: &[&str]) -> Vec<String> {
        let document = crate::survey_rules::one_question_document(QuestionKind::SingleChoice, stem, options, &[]);
        let languages = vec![Language::Dutch; document.units.len()];
        let limits = SurveyLimits::default();
        let context = SurveyContext::new(&document, &languages, &limits);
        unexplained(&context).iter().map(|found| context.text(found.unit)[found.range.clone()].to_owned()).collect()
    }

    #[test]
    fn unexplained_abbreviations_once_each() {
        assert_eq!(flagged("Heeft u een WMO-indicatie of een PGB? En welk PGB?", &["Ja", "Nee"]), vec!["WMO", "PGB"]);
        assert!(flagged("Heeft u een indicatie voor de Wet maatschappelijke ondersteuning (WMO)?", &[]).is_empty());
        assert!(flagged("Kijkt u weleens TV of NOS-journaal?", &[]).is_empty());
        assert!(flagged("Waar werkt u?", &["LUMC", "TNO"]).is_empty());
        assert!(flagged("NB: de vragen gaan over uw BSN.", &[]).is_empty());
        assert!(flagged("ZORGVERLENER - Wie heeft u geholpen?", &[]).is_empty());
        assert!(flagged("DE HUISARTS EN DE ZORG", &[]).is_empty());
        assert!(flagged("### DATUM", &[]).is_empty());
        assert!(flagged("Deel II van de vragenlijst", &[]).is_empty());
    }
}
