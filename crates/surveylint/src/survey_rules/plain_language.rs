//! `plain-language` (SL115): a word above reading level B1 (Dutch) or a
//! piece of jargon or a Latinism (English) where a plain word means the same
//! ("middels" → "met", "utilize" → "use").
//!
//! ## Why it is bad
//! About 2.5 million Dutch adults have difficulty reading (Stichting Lezen &
//! Schrijven); a word they do not know makes them guess what is asked.
//! Direct Duidelijk (Rijksoverheid), plainlanguage.gov and Choi & Pak (2005)
//! all advise the everyday word.
//!
//! ## How it decides
//! Every unit is searched for the entries of `rules/lexicon/<language>/plain-words.tsv`:
//! words and their plain alternative per line, matched as whole words on the
//! matching view (the longest entry where two start at the same word). The
//! entries are plain words, not regexes, so the list costs a small trie at
//! the first lint instead of compiling an automaton (issue 9). Each
//! occurrence is one finding whose message names the alternative. It is a survey rule, not a phrase rule, so that the
//! message can carry each word's own alternative. Abbreviations that the
//! questionnaire never spells out are reported too (see [`abbreviations`]).

use crate::language::Language;
use crate::literal_trie::LiteralTrie;
use crate::normalize::Normalized;

use super::{abbreviations, Fact, SurveyContext, SurveyFinding};

const DUTCH_WORDS: &str = include_str!("../../rules/lexicon/nl/plain-words.tsv");
const ENGLISH_WORDS: &str = include_str!("../../rules/lexicon/en/plain-words.tsv");

/// One language's list: its entries in a trie, and the alternative of each
/// by entry number.
struct PlainWords {
    entries: LiteralTrie<'static>,
    alternatives: Vec<&'static str>,
}

impl PlainWords {
    fn parse(list: &'static str) -> PlainWords {
        let entries: Vec<(&str, &str)> = crate::word_list::pairs(list).collect();
        let words: Vec<&str> = entries.iter().map(|(word, _)| *word).collect();
        PlainWords {
            entries: LiteralTrie::new(&words),
            alternatives: entries.iter().map(|(_, plain)| *plain).collect(),
        }
    }

    fn of(language: Language) -> &'static PlainWords {
        static WORDS: crate::word_list::PerLanguage<PlainWords> = crate::word_list::PerLanguage::new();
        WORDS.get(language, DUTCH_WORDS, ENGLISH_WORDS, PlainWords::parse)
    }

    /// The entries in `view` as whole words, each with its alternative: from
    /// left to right, the longest where several start at one place, none
    /// overlapping another.
    fn find(&self, view: &str) -> Vec<(std::ops::Range<usize>, &'static str)> {
        let bytes = view.as_bytes();
        let is_word = |index: usize| bytes.get(index).is_some_and(u8::is_ascii_alphanumeric);
        let mut longest_at: Vec<(usize, usize, usize)> = Vec::new();
        // Matches come by start and then end, so the last at a start is the longest.
        self.entries.for_each_match(bytes, |entry, start, end| {
            if (start > 0 && is_word(start - 1)) || is_word(end) {
                return;
            }
            match longest_at.last_mut() {
                Some(last) if last.1 == start => *last = (entry, start, end),
                _ => longest_at.push((entry, start, end)),
            }
        });
        let mut found = Vec::new();
        let mut free_from = 0;
        for (entry, start, end) in longest_at {
            if start < free_from {
                continue;
            }
            if let Some(plain) = self.alternatives.get(entry) {
                found.push((start..end, *plain));
                free_from = end;
            }
        }
        found
    }
}

/// Each word of the list in a unit's text, with its plain alternative,
/// remembered per unit text.
static HARD_WORDS: Fact<Vec<(std::ops::Range<usize>, &'static str)>> = Fact::new(|text, _, language| {
    let normalized = Normalized::new(text);
    let found = PlainWords::of(language).find(&normalized.text);
    found.into_iter().map(|(range, plain)| (normalized.to_original(range), plain)).collect()
});

pub(crate) fn check(context: &SurveyContext<'_>) -> Vec<SurveyFinding> {
    let mut findings = Vec::new();
    for unit in 0..context.document.units.len() {
        let text = context.text(unit);
        for (range, plain) in context.fact_of(unit, &HARD_WORDS) {
            let word = text.get(range.clone()).unwrap_or_default().to_owned();
            let instead = match context.language(unit) {
                Language::Dutch => format!("schrijf \"{plain}\""),
                Language::English => format!("write \"{plain}\""),
            };
            findings.push(SurveyFinding { unit, range, arguments: vec![("match", word), ("instead", instead)] });
        }
    }
    for abbreviation in abbreviations::unexplained(context) {
        let word = context.text(abbreviation.unit).get(abbreviation.range.clone()).unwrap_or_default().to_owned();
        let instead = match context.language(abbreviation.unit) {
            Language::Dutch => "schrijf de afkorting de eerste keer voluit, met de afkorting tussen haakjes erachter",
            Language::English => {
                "spell the abbreviation out the first time, with the abbreviation in brackets after it"
            }
        };
        findings.push(SurveyFinding {
            unit: abbreviation.unit,
            range: abbreviation.range,
            arguments: vec![("match", word), ("instead", instead.to_owned())],
        });
    }
    findings.sort_by_key(|finding| (finding.unit, finding.range.start));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_words_of_the_matching_view_with_an_alternative() {
        for (language, list) in [(Language::Dutch, DUTCH_WORDS), (Language::English, ENGLISH_WORDS)] {
            let words = PlainWords::of(language);
            assert!(words.alternatives.len() >= 40, "{language}: {} entries", words.alternatives.len());
            assert!(words.alternatives.iter().all(|plain| !plain.is_empty()));
            for line in crate::word_list::entry_lines(list) {
                let Some((entry, _)) = line.split_once('\t') else { panic!("{language}: no tab in {line:?}") };
                // An entry is found as written in the matching view, so it must look like it.
                let view = crate::survey_rules::words::matching_view(entry);
                assert_eq!(entry, view, "{language}: write {entry:?} as the matching view would");
                assert!(entry.bytes().all(|byte| byte.is_ascii_lowercase() || byte == b' '), "{language}: {entry:?}");
            }
        }
    }

    #[test]
    fn entries_are_found_as_whole_words_longest_first() {
        let dutch = PlainWords::of(Language::Dutch);
        let text = "middels dit formulier, door middel van een brief of middelste";
        let found: Vec<(&str, &str)> =
            dutch.find(text).into_iter().map(|(range, plain)| (&text[range], plain)).collect();
        assert_eq!(found, [("middels", "met"), ("door middel van", "met, door")]);
        let english = PlainWords::of(Language::English);
        let text = "we utilised it, then utilize";
        let found: Vec<&str> = english.find(text).into_iter().map(|(range, _)| &text[range]).collect();
        assert_eq!(found, ["utilised", "utilize"]);
    }

    #[test]
    fn of_two_entries_at_one_word_the_longer_is_reported() {
        let words = PlainWords::parse("met betrekking\tshort\nmet betrekking tot\tlong\ntot\tuntil\n");
        let text = "met betrekking tot het formulier, met betrekking";
        let found: Vec<(&str, &str)> =
            words.find(text).into_iter().map(|(range, plain)| (&text[range], plain)).collect();
        assert_eq!(found, [("met betrekking tot", "long"), ("met betrekking", "short")]);
    }
}
