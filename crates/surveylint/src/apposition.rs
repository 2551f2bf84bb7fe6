//! A company's name after "we": "Wij van Garage De Vries hopen op een 10",
//! "We at Acme Motors would love a 10". The phrase rules read such a
//! sentence without the name ("wij hopen op een 10"), so a pattern written
//! with "we" need not allow a name of any length after it.
//!
//! The pronouns and prepositions are data
//! (`rules/lexicon/<language>/apposition.tsv`); what follows counts as a name
//! only when its words are capitalised in the original text ("Garage", not
//! "GARAGE"), which the lowercase matching view cannot show, so the caller
//! says which view bytes start a capitalised word.

use std::ops::Range;

use crate::language::Language;
use crate::word_list;

const DUTCH: &str = include_str!("../rules/lexicon/nl/apposition.tsv");
const ENGLISH: &str = include_str!("../rules/lexicon/en/apposition.tsv");

/// Lowercase words that may stand between the capitalised words of a name.
const NAME_PARTICLES: &[&str] = &["van", "de", "der", "den", "het", "en", "of", "and", "the", "&"];

/// The most words a name may have.
const LONGEST_NAME: usize = 5;

/// The entries of one language.
struct Entries {
    /// The pronoun with its preposition, and what stays of it; the longest
    /// first, so "we here at" wins over a shorter entry.
    list: Vec<(&'static str, &'static str)>,
    /// Whether an entry starts with this byte: most words of a text are
    /// passed over on their first byte.
    first_bytes: [bool; 256],
}

/// The entries of `language`.
fn entries(language: Language) -> &'static Entries {
    static ENTRIES: word_list::PerLanguage<Entries> = word_list::PerLanguage::new();
    ENTRIES.get(language, DUTCH, ENGLISH, |source| {
        let mut list: Vec<(&str, &str)> = word_list::pairs(source).collect();
        list.sort_by_key(|(entry, _)| std::cmp::Reverse(entry.len()));
        let mut first_bytes = [false; 256];
        for (entry, _) in &list {
            if let Some(&first) = entry.as_bytes().first() {
                first_bytes[usize::from(first)] = true;
            }
        }
        Entries { list, first_bytes }
    })
}

/// The byte ranges of `view` to read past: in "wij van garage de vries
/// hopen", the range " van garage de vries". `capitalised(at)` says whether
/// the view byte `at` starts a capitalised word in the original.
pub(crate) fn names_after_we(view: &str, language: Language, capitalised: impl Fn(usize) -> bool) -> Vec<Range<usize>> {
    let mut cuts = Vec::new();
    let entries = entries(language);
    let bytes = view.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let word_start = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let found = (word_start && entries.first_bytes[usize::from(bytes[at])])
            .then(|| entries.list.iter().find(|(entry, _)| at_words(view, at, entry)))
            .flatten();
        let Some((entry, stays)) = found else {
            at += 1;
            continue;
        };
        let after = at + entry.len();
        if let Some(name_end) = name_end(view, after + 1, &capitalised) {
            cuts.push(at + stays.len()..name_end);
            at = name_end;
        } else {
            at = after;
        }
    }
    cuts
}

/// True when `view` holds the words `entry` at `at`, followed by a space.
fn at_words(view: &str, at: usize, entry: &str) -> bool {
    view.get(at..).is_some_and(|rest| rest.starts_with(entry) && rest.as_bytes().get(entry.len()) == Some(&b' '))
}

/// Where the name that starts at `start` ends: after its last capitalised
/// word, particles only between capitalised words. `None` when no name
/// starts there.
fn name_end(view: &str, start: usize, capitalised: &impl Fn(usize) -> bool) -> Option<usize> {
    let bytes = view.as_bytes();
    let mut at = start;
    let mut end = None;
    for _ in 0..LONGEST_NAME {
        let word_end = at
            + bytes
                .get(at..)?
                .iter()
                .take_while(|&&byte| byte.is_ascii_alphanumeric() || byte == b'&' || byte == b'-')
                .count();
        if word_end == at {
            break;
        }
        let word = &view[at..word_end];
        if capitalised(at) {
            end = Some(word_end);
        } else if end.is_none() || !NAME_PARTICLES.contains(&word) {
            break;
        }
        if bytes.get(word_end) != Some(&b' ') {
            break;
        }
        at = word_end + 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_a_pronoun_with_its_preposition_a_tab_and_what_stays_of_it() {
        for list in [DUTCH, ENGLISH] {
            for line in word_list::entry_lines(list) {
                let (entry, stays) = line.split_once('\t').unwrap_or_else(|| panic!("no tab in {line:?}"));
                assert!(entry.bytes().all(|byte| byte.is_ascii_lowercase() || byte == b' '), "{entry:?}");
                // What stays is where the entry starts: the cut reads past the rest.
                assert!(entry.starts_with(stays.trim()) && entry.len() > stays.trim().len(), "{line:?}");
            }
        }
    }

    fn cut(original: &str, language: Language) -> String {
        let view = original.to_lowercase();
        let cuts = names_after_we(&view, language, |at| original[at..].starts_with(char::is_uppercase));
        crate::word_list::without(&view, &cuts)
    }

    #[test]
    fn a_capitalised_name_after_we_is_read_past() {
        assert_eq!(cut("Wij van Garage De Vries hopen op een 10", Language::Dutch), "wij hopen op een 10");
        assert_eq!(cut("Geef ons van Bakkerij Jansen een 10", Language::Dutch), "geef ons een 10");
        assert_eq!(cut("we here at Acme & Sons would love a 10", Language::English), "we would love a 10");
        assert_eq!(cut("We at Acme Motors'd love a 10", Language::English), "we'd love a 10");
        // Not a name: lowercase words, or a particle without a name before it.
        assert_eq!(cut("Wij van de redactie hopen", Language::Dutch), "wij van de redactie hopen");
        assert_eq!(cut("We at least tried", Language::English), "we at least tried");
        assert_eq!(cut("Wij van de Bakkerij hopen", Language::Dutch), "wij van de bakkerij hopen");
    }
}
