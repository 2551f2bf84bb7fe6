//! Chat shorthand read as the words it stands for: "could u give us a 10 pls"
//! is matched as "could you give us a 10 please", "mn bonus hangt af van t
//! cijfer" as "mijn bonus hangt af van het cijfer".
//!
//! Review requests and staff messages are often typed like chat, and a phrase
//! rule written with "you" or "mijn" should not need a second spelling of every
//! pattern. The lists are data (`rules/lexicon/<language>/shorthand.tsv`) and
//! language-bound: "u" is English chat for "you" but the polite "you" of Dutch,
//! so it is read as "you" only in a unit read as English.

use std::collections::HashMap;

use crate::language::Language;
use crate::word_list;

const DUTCH: &str = include_str!("../rules/lexicon/nl/shorthand.tsv");
const ENGLISH: &str = include_str!("../rules/lexicon/en/shorthand.tsv");

/// The shorthand forms of one language.
pub(crate) struct Shorthand {
    words_of: HashMap<&'static str, &'static str>,
    /// The longest form, so a longer word is passed over without a lookup.
    longest: usize,
}

impl Shorthand {
    /// What `form` stands for, if it is shorthand.
    pub(crate) fn words_of(&self, form: &str) -> Option<&'static str> {
        if form.len() > self.longest {
            return None;
        }
        self.words_of.get(form).copied()
    }
}

/// The shorthand of `language`.
pub(crate) fn table(language: Language) -> &'static Shorthand {
    static TABLES: word_list::PerLanguage<Shorthand> = word_list::PerLanguage::new();
    TABLES.get(language, DUTCH, ENGLISH, parse)
}

/// The forms of a [`word_list`] with what each stands for.
fn parse(list: &'static str) -> Shorthand {
    let words_of: HashMap<&'static str, &'static str> = word_list::pairs(list).collect();
    let longest = words_of.keys().map(|form| form.len()).max().unwrap_or(0);
    Shorthand { words_of, longest }
}

/// True for the bytes a shorthand word is made of in the matching view.
pub(crate) const fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'\''
}

/// Whether the word at `start..end` of `view` stands on its own: not part of
/// "u.s.", "u-turn" or "a/u", only between spaces, brackets, quotes and the
/// punctuation that ends a clause.
pub(crate) fn stands_alone(view: &[u8], start: usize, end: usize) -> bool {
    let before_ok = start == 0 || matches!(view.get(start - 1), Some(b' ' | b'(' | b'"'));
    let after_ok = match view.get(end) {
        None | Some(b' ' | b',' | b'!' | b'?' | b';' | b':' | b')' | b'"') => true,
        Some(b'.') => matches!(view.get(end + 1), None | Some(b' ' | b'.')),
        Some(_) => false,
    };
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_a_form_a_tab_and_words_and_no_form_reads_as_another_form() {
        for (language, list) in [(Language::Dutch, DUTCH), (Language::English, ENGLISH)] {
            let table = table(language);
            for line in word_list::entry_lines(list) {
                let (form, words) = line.split_once('\t').unwrap_or_else(|| panic!("no tab in {line:?}"));
                assert!(form.bytes().all(is_word_byte) && form == form.to_ascii_lowercase(), "{form:?}");
                assert!(words.is_ascii() && words == words.to_ascii_lowercase(), "{words:?}");
                // Reading twice gives what reading once gives.
                assert!(words.split(' ').all(|word| table.words_of(word).is_none()), "{words:?} is itself shorthand");
            }
        }
    }

    #[test]
    fn u_is_you_in_english_and_stays_u_in_dutch() {
        assert_eq!(table(Language::English).words_of("u"), Some("you"));
        assert_eq!(table(Language::Dutch).words_of("u"), None);
        assert_eq!(table(Language::Dutch).words_of("mn"), Some("mijn"));
        assert_eq!(table(Language::English).words_of("pleeeeeeeeeease"), None);
    }

    #[test]
    fn a_word_stands_alone_between_spaces_and_clause_punctuation_only() {
        let view = b"u.s. u-turn (u) u. u, a/u u";
        let at = |needle: usize| stands_alone(view, needle, needle + 1);
        assert!(!at(0), "u.s.");
        assert!(!at(5), "u-turn");
        assert!(at(13), "(u)");
        assert!(at(16), "u. at the end of a sentence");
        assert!(at(19), "u,");
        assert!(!at(24), "a/u");
        assert!(at(26), "at the end");
    }
}
