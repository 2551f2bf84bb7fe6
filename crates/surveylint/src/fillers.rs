//! Filler words and the quote marks around a number, which the phrase rules
//! also read past:
//! "Geeft u ons toch even een 10?", "could you just possibly give us a 10",
//! "we hope for a \"10\"". Real invitations scatter particles, politeness
//! words, hedges and time words between a request and its top score, where a
//! pattern that allows a few words between them no longer reaches. The
//! phrase rules therefore also read a unit without them (see
//! `Linter::lint_unit`); what they find in the whole unit stays, and a
//! rule's exceptions still hold in the whole sentence.
//!
//! Which words are fillers is data: `rules/lexicon/<language>/fillers.tsv`.
//! Only words that never carry a negation, a pole, a condition or a degree
//! are there ("zeer tevreden" and "rate us highly" keep their words), so
//! reading past one never turns a neutral sentence into a manipulative one.

use std::ops::Range;

use crate::language::Language;
use crate::word_list;

const DUTCH: &str = include_str!("../rules/lexicon/nl/fillers.tsv");
const ENGLISH: &str = include_str!("../rules/lexicon/en/fillers.tsv");

/// The words of one language's list, each sorted for a binary search.
struct Words {
    /// Words read past.
    fillers: Vec<&'static str>,
    /// For each first byte, the lengths of the fillers that begin with it
    /// (bit `n` for length `n`): most words are ruled out by their first byte
    /// and length without a search.
    filler_shapes: [u32; 256],
    /// Number words, whose quote marks are read past (the kind "getal" or
    /// "number").
    numbers: Vec<&'static str>,
}

fn words(language: Language) -> &'static Words {
    static WORDS: word_list::PerLanguage<Words> = word_list::PerLanguage::new();
    WORDS.get(language, DUTCH, ENGLISH, |source| {
        let (mut numbers, mut fillers): (Vec<_>, Vec<_>) =
            word_list::pairs(source).partition(|(_, kind)| matches!(*kind, "getal" | "number"));
        fillers.sort_unstable();
        numbers.sort_unstable();
        let fillers: Vec<&str> = fillers.into_iter().map(|(word, _)| word).collect();
        let mut filler_shapes = [0; 256];
        for filler in &fillers {
            // The list's test keeps every filler shorter than 32 bytes.
            if let Some(&first) = filler.as_bytes().first() {
                filler_shapes[usize::from(first)] |= 1 << filler.len().min(31);
            }
        }
        Words { fillers, filler_shapes, numbers: numbers.into_iter().map(|(word, _)| word).collect() }
    })
}

/// True when `word` (one lowercase word of a matching view) is a filler of
/// `language`.
pub(crate) fn is_filler(word: &str, language: Language) -> bool {
    words(language).fillers.binary_search(&word).is_ok()
}

/// The byte ranges of `view` to read past, ascending and not overlapping:
/// each filler word with the space or comma that would be left doubled, and
/// the quote marks around a number. Linear: the view's spaces and quote marks
/// are found with `memchr`, and most words are ruled out by their first byte
/// and length without a search.
pub(crate) fn find(view: &str, language: Language) -> Vec<Range<usize>> {
    let words = words(language);
    let bytes = view.as_bytes();
    let mut fillers: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for end in memchr::memchr2_iter(b' ', b'\n', bytes).chain(std::iter::once(bytes.len())) {
        let token = &bytes[start..end];
        // The word of the token, without the marks around it ("toch,", "hoor?").
        let first = token.iter().position(u8::is_ascii_alphanumeric);
        let last = token.iter().rposition(u8::is_ascii_alphanumeric);
        if let (Some(first), Some(last)) = (first, last) {
            let word = start + first..start + last + 1;
            let shapes = words.filler_shapes[usize::from(bytes[word.start])];
            let could_be_filler = word.len() < 32
                && shapes & (1 << word.len()) != 0
                && bytes[word.clone()].iter().all(u8::is_ascii_alphanumeric);
            if could_be_filler && words.fillers.binary_search(&&view[word.clone()]).is_ok() {
                push(&mut fillers, around_word(bytes, word));
            }
        }
        start = end + 1;
    }
    let mut quotes = Vec::new();
    let mut closed = 0;
    for at in memchr::memchr2_iter(b'"', b'\'', bytes) {
        if at < closed {
            continue;
        }
        if let Some(close) = quoted_number(view, at, &words.numbers) {
            quotes.push(at..at + 1);
            quotes.push(close..close + 1);
            closed = close + 1;
        }
    }
    if quotes.is_empty() {
        fillers
    } else {
        union(&fillers, &quotes)
    }
}

/// The longest quotation read past: a score with its unit ("5 sterren",
/// "10/10"), not a label or a sentence.
const LONGEST_QUOTED_NUMBER: usize = 16;

/// Where the quote mark closes that opens at `at` before a number (`"10"`,
/// `'5 sterren'`, `"tien"`, one of `numbers`): its quotes are read past,
/// while the quotes of a label ("'zeer tevreden'") stay, since patterns name
/// labels in quotes.
fn quoted_number(view: &str, at: usize, numbers: &[&str]) -> Option<usize> {
    let bytes = view.as_bytes();
    let mark = bytes[at];
    if !(mark == b'"' || mark == b'\'') || (at > 0 && bytes[at - 1].is_ascii_alphanumeric()) {
        return None;
    }
    let first_word = word_list::words(view.get(at + 1..)?).next()?;
    let begins_with_number = view[at + 1..].starts_with(first_word)
        && (first_word.starts_with(|c: char| c.is_ascii_digit()) || numbers.binary_search(&first_word).is_ok());
    if !begins_with_number {
        return None;
    }
    let inside = &bytes[at + 1..bytes.len().min(at + 2 + LONGEST_QUOTED_NUMBER)];
    let close = at + 1 + memchr::memchr(mark, inside)?;
    let ends_a_word = !bytes.get(close + 1).is_some_and(u8::is_ascii_alphanumeric);
    (ends_a_word && !bytes[at + 1..close].iter().any(|&byte| matches!(byte, b'.' | b'!' | b'?'))).then_some(close)
}

/// What to cut for the filler `word`, so the words around it are joined by
/// one space and a sentence keeps its marks: "ons toch een" → "ons een",
/// "een 10 hoor?" → "een 10?", "ons, alsjeblieft, een" → "ons een",
/// "een 10, alsjeblieft?" → "een 10?", "please, rate" → "rate".
fn around_word(bytes: &[u8], word: Range<usize>) -> Range<usize> {
    let comma_before = word.start >= 2 && &bytes[word.start - 2..word.start] == b", ";
    let space_before = word.start >= 1 && bytes[word.start - 1] == b' ';
    let after = &bytes[word.end..];
    if after.starts_with(b", ") {
        if comma_before {
            return word.start - 2..word.end + 1;
        }
        if word.start == 0 {
            return word.start..word.end + 2;
        }
    }
    if after.starts_with(b" ") {
        return word.start..word.end + 1;
    }
    if comma_before {
        return word.start - 2..word.end;
    }
    if space_before {
        return word.start - 1..word.end;
    }
    word
}

/// Adds `cut` after the last one; one that touches or overlaps it joins it.
fn push(cuts: &mut Vec<Range<usize>>, cut: Range<usize>) {
    match cuts.last_mut() {
        Some(last) if cut.start <= last.end => last.end = last.end.max(cut.end),
        _ => cuts.push(cut),
    }
}

/// The union of two ascending lists of ranges that do not overlap within
/// each list, ascending and not overlapping.
pub(crate) fn union(first: &[Range<usize>], second: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut all: Vec<Range<usize>> = first.iter().chain(second).cloned().collect();
    all.sort_by_key(|range| range.start);
    let mut joined = Vec::with_capacity(all.len());
    for range in all {
        push(&mut joined, range);
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_a_word_a_tab_and_its_kind() {
        let dutch = ["partikel", "beleefdheid", "twijfel", "tijd", "getal"];
        let english = ["particle", "politeness", "hedge", "time", "number"];
        for (list, kinds) in [(DUTCH, dutch), (ENGLISH, english)] {
            for line in word_list::entry_lines(list) {
                let (word, kind) = line.split_once('\t').unwrap_or_else(|| panic!("no tab in {line:?}"));
                assert!(kinds.contains(&kind.trim()), "{line:?}: the kind is one of {kinds:?}");
                assert!(word.bytes().all(|byte| byte.is_ascii_lowercase()), "{word:?} is one lowercase word");
                assert!(word.len() < 32, "{word:?} is shorter than 32 bytes");
            }
        }
    }

    fn read_past(view: &str, language: Language) -> String {
        word_list::without(view, &find(view, language))
    }

    #[test]
    fn fillers_and_quote_marks_are_read_past() {
        for (view, language, read) in [
            ("geeft u ons toch even een 10?", Language::Dutch, "geeft u ons een 10?"),
            ("geef ons een 10 hoor!", Language::Dutch, "geef ons een 10!"),
            ("geef ons, alsjeblieft, een 10.", Language::Dutch, "geef ons een 10."),
            ("geef ons een 10, alsjeblieft?", Language::Dutch, "geef ons een 10?"),
            ("please, rate us a 10.", Language::English, "rate us a 10."),
            ("we would actually appreciate a \"10\".", Language::English, "we would appreciate a 10."),
            ("geef ons '5 sterren' of '10/10'.", Language::Dutch, "geef ons 5 sterren of 10/10."),
            ("we hoped for \"five stars\".", Language::English, "we hoped for five stars."),
            // The quotes of a label stay: patterns name labels in quotes.
            ("kies 'zeer tevreden'.", Language::Dutch, "kies 'zeer tevreden'."),
            // A possessive apostrophe is no quote mark.
            ("our drivers' bonus", Language::English, "our drivers' bonus"),
            // Words of degree stay: they are a scale's label.
            ("rate us very highly.", Language::English, "rate us very highly."),
            // A word that only begins like a filler, or is part of a compound, stays.
            (
                "justice, evenveel, hoorzitting, even-goed.",
                Language::Dutch,
                "justice, evenveel, hoorzitting, even-goed.",
            ),
            // Apostrophes inside a word stay.
            ("zo'n 9's don't", Language::English, "zo'n 9's don't"),
        ] {
            assert_eq!(read_past(view, language), read, "{view:?}");
        }
    }

    #[test]
    fn the_union_of_two_lists_joins_what_overlaps() {
        assert_eq!(union(&[0..3, 10..20], &[2..5, 12..14, 25..26]), vec![0..5, 10..20, 25..26]);
    }
}
