//! Asides between two commas in the middle of a sentence: "als u daarin,
//! mits u tevreden bent, voor de hoogste score kiest", "our volunteers, who
//! are there day and night, count on you". Real invitations put such a
//! clause between the request and the top score, between a crowd and its
//! verdict, between a score and a bonus, where a pattern that allows a few
//! words between them cannot reach. The phrase rules therefore also read a
//! unit without its asides (see `Linter::lint_unit`); what they find in the
//! whole unit stays.
//!
//! Which words open an aside, and which keep one (a negation, "or": read
//! past, they could turn a neutral sentence into a manipulative one), is
//! data: `rules/lexicon/<language>/asides.tsv`.

use std::ops::Range;

use crate::language::Language;
use crate::word_list;

const DUTCH: &str = include_str!("../rules/lexicon/nl/asides.tsv");
const ENGLISH: &str = include_str!("../rules/lexicon/en/asides.tsv");

/// The most words an aside may have: a longer stretch between two commas is
/// more likely a clause of its own than a remark inside one.
const LONGEST_ASIDE: usize = 12;

/// The words of one language.
struct Entries {
    /// Words (or phrases) that open an aside, the longest first.
    openers: Vec<&'static str>,
    /// Words that keep an aside in place.
    keepers: Vec<&'static str>,
}

fn entries(language: Language) -> &'static Entries {
    static ENTRIES: word_list::PerLanguage<Entries> = word_list::PerLanguage::new();
    ENTRIES.get(language, DUTCH, ENGLISH, |source| {
        let mut openers = Vec::new();
        let mut keepers = Vec::new();
        for (entry, role) in word_list::pairs(source) {
            match role {
                "opent" | "opens" => openers.push(entry),
                "houdt" | "keeps" => keepers.push(entry),
                // The list's test names a line with another role.
                _ => {}
            }
        }
        openers.sort_by_key(|entry| std::cmp::Reverse(entry.len()));
        Entries { openers, keepers }
    })
}

/// The byte ranges of `view` to read past, each an aside with both its
/// commas: in "daarin, mits u tevreden bent, voor", the range
/// ", mits u tevreden bent,". Linear in the view: each comma is looked at
/// once as an opening and at most once as a closing.
pub(crate) fn find(view: &str, language: Language) -> Vec<Range<usize>> {
    let entries = entries(language);
    let bytes = view.as_bytes();
    let mut cuts: Vec<Range<usize>> = Vec::new();
    let mut from = 0;
    while let Some(offset) = memchr::memchr(b',', &bytes[from..]) {
        let open = from + offset;
        from = open + 1;
        // A comma inside a sentence, followed by a space ("8,9" is a number).
        if bytes.get(open + 1) != Some(&b' ') || open == 0 || sentence_end(bytes[open - 1]) {
            continue;
        }
        let words_from = open + 2;
        if !entries.openers.iter().any(|opener| starts_with_words(view, words_from, opener)) {
            continue;
        }
        let Some(close) = closing_comma(bytes, words_from) else { continue };
        let aside = &view[words_from..close];
        if word_list::words(aside).any(|word| entries.keepers.contains(&word)) {
            continue;
        }
        // Two asides in a row ("…, die u hielp, zoals altijd, …") read as one.
        match cuts.last_mut() {
            Some(last) if last.end == open + 1 => last.end = close + 1,
            _ => cuts.push(open..close + 1),
        }
        from = close;
    }
    cuts
}

/// The comma that closes an aside whose words start at `start`: the next
/// comma followed by a space, within [`LONGEST_ASIDE`] words and before the
/// sentence ends.
fn closing_comma(bytes: &[u8], start: usize) -> Option<usize> {
    let mut words = 1;
    for (at, &byte) in bytes.iter().enumerate().skip(start) {
        match byte {
            b',' if bytes.get(at + 1) == Some(&b' ') => return Some(at),
            b' ' => {
                words += 1;
                if words > LONGEST_ASIDE {
                    return None;
                }
            }
            byte if sentence_end(byte) => return None,
            _ => {}
        }
    }
    None
}

/// Bytes after which a new sentence or clause of its own begins.
fn sentence_end(byte: u8) -> bool {
    matches!(byte, b'.' | b'!' | b'?' | b';' | b':' | b'\n' | b'"' | b'(' | b')')
}

/// True when `view` holds the words `entry` at `at`, followed by a space or
/// a comma ("…, natuurlijk, …").
fn starts_with_words(view: &str, at: usize, entry: &str) -> bool {
    view.get(at..)
        .is_some_and(|rest| rest.starts_with(entry) && matches!(rest.as_bytes().get(entry.len()), Some(b' ' | b',')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_a_word_a_tab_and_its_role() {
        for (list, roles) in [(DUTCH, ["opent", "houdt"]), (ENGLISH, ["opens", "keeps"])] {
            for line in word_list::entry_lines(list) {
                let (entry, role) = line.split_once('\t').unwrap_or_else(|| panic!("no tab in {line:?}"));
                assert!(roles.contains(&role.trim()), "{line:?}: the role is one of {roles:?}");
                assert!(
                    entry.bytes().all(|byte| byte.is_ascii_lowercase() || byte == b' ' || byte == b'\''),
                    "{entry:?}"
                );
            }
        }
    }

    fn read_past(view: &str, language: Language) -> String {
        word_list::without(view, &find(view, language))
    }

    #[test]
    fn an_aside_between_two_commas_is_read_past() {
        for (view, language, read) in [
            (
                "als u daarin, mits u tevreden bent natuurlijk, voor de hoogste score kiest.",
                Language::Dutch,
                "als u daarin voor de hoogste score kiest.",
            ),
            (
                "we would be grateful if, assuming you were happy, you chose a 10.",
                Language::English,
                "we would be grateful if you chose a 10.",
            ),
            // Two asides in a row read as one.
            (
                "onze vrijwilligers, die u kent, zoals altijd, rekenen op u.",
                Language::Dutch,
                "onze vrijwilligers rekenen op u.",
            ),
            // A decimal comma is no comma of an aside.
            ("gemiddeld een 8,9, als u het ons vraagt, of meer.", Language::Dutch, "gemiddeld een 8,9 of meer."),
            // An aside of one word.
            ("wij hopen, natuurlijk, op een 10.", Language::Dutch, "wij hopen op een 10."),
            // Two sentences with an aside each.
            ("a, which b, c. d, who e, f.", Language::English, "a c. d f."),
        ] {
            assert_eq!(read_past(view, language), read, "{view:?}");
        }
    }

    #[test]
    fn what_is_no_aside_stays() {
        for (view, language) in [
            // A negation or the other pole in the aside.
            ("uw score, die nooit naar de medewerker gaat, telt mee.", Language::Dutch),
            ("your score, which doesn't go to the agent, counts.", Language::English),
            ("we hope, whether or not you liked it, for a 10.", Language::English),
            // No closing comma in the sentence, or only after it ended.
            ("we hope, if you were happy. for a 10, and more.", Language::English),
            ("wij hopen, als u tevreden was op een 10.", Language::Dutch),
            // A list, a number with a decimal comma, a comma at the start.
            ("de prijs, de service, de levering.", Language::Dutch),
            (", die u hielp, hoopt.", Language::Dutch),
            // Too long to be an aside.
            ("we ask, if you have one two three four five six seven eight nine ten eleven, a 10.", Language::English),
        ] {
            assert_eq!(read_past(view, language), view, "{view:?}");
        }
    }
}
