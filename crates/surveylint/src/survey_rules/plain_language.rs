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
//! a regex fragment and its plain alternative per line, matched as whole
//! words on the matching view. Each occurrence is one finding whose message
//! names the alternative. It is a survey rule, not a phrase rule, so that the
//! message can carry each word's own alternative. Abbreviations that the
//! questionnaire never spells out are reported too (see [`abbreviations`]).

use std::sync::OnceLock;

use regex_automata::meta::Regex;
use regex_automata::util::syntax;

use crate::language::Language;
use crate::normalize::Normalized;

use super::{abbreviations, Fact, SurveyContext, SurveyFinding};

const DUTCH_WORDS: &str = include_str!("../../rules/lexicon/nl/plain-words.tsv");
const ENGLISH_WORDS: &str = include_str!("../../rules/lexicon/en/plain-words.tsv");

/// One language's list: every entry as a pattern of one regex, and the
/// alternative of each by pattern index.
struct PlainWords {
    regex: Option<Regex>,
    alternatives: Vec<&'static str>,
}

impl PlainWords {
    fn parse(list: &'static str) -> PlainWords {
        let entries: Vec<(&str, &str)> = list
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .filter_map(|line| line.split_once('\t'))
            .map(|(word, plain)| (word.trim(), plain.trim()))
            .collect();
        let patterns: Vec<String> = entries.iter().map(|(word, _)| format!(r"\b(?:{word})\b")).collect();
        let config = syntax::Config::new().unicode(false).utf8(false);
        let regex = Regex::builder().syntax(config).build_many(&patterns).ok();
        PlainWords { regex, alternatives: entries.iter().map(|(_, plain)| *plain).collect() }
    }

    fn of(language: Language) -> &'static PlainWords {
        static DUTCH: OnceLock<PlainWords> = OnceLock::new();
        static ENGLISH: OnceLock<PlainWords> = OnceLock::new();
        match language {
            Language::Dutch => DUTCH.get_or_init(|| PlainWords::parse(DUTCH_WORDS)),
            Language::English => ENGLISH.get_or_init(|| PlainWords::parse(ENGLISH_WORDS)),
        }
    }
}

/// Each word of the list in a unit's text, with its plain alternative,
/// remembered per unit text.
static HARD_WORDS: Fact<Vec<(std::ops::Range<usize>, &'static str)>> = Fact::new(|text, _, language| {
    let words = PlainWords::of(language);
    let Some(regex) = &words.regex else { return Vec::new() };
    let normalized = Normalized::new(text);
    regex
        .find_iter(&normalized.text)
        .filter_map(|found| {
            let plain = words.alternatives.get(found.pattern().as_usize())?;
            Some((normalized.to_original(found.range()), *plain))
        })
        .collect()
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
    fn every_list_compiles_and_pairs_each_word_with_an_alternative() {
        for language in Language::ALL {
            let words = PlainWords::of(language);
            let regex = words.regex.as_ref();
            assert!(regex.is_some(), "{language}: the list does not compile");
            assert_eq!(regex.map(Regex::pattern_len), Some(words.alternatives.len()));
            assert!(words.alternatives.len() >= 40, "{language}: {} entries", words.alternatives.len());
            assert!(words.alternatives.iter().all(|plain| !plain.is_empty()));
        }
    }
}
