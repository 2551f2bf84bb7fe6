//! The two-column word lists of `rules/lexicon/<language>/*.tsv`: one entry a
//! line, a tab, and what the entry stands for; `#` starts a comment line.
//! The plain-language alternatives, the chat shorthand, the question forms
//! and the appositions are such lists, each read once per language.

use std::sync::OnceLock;

use crate::language::Language;

/// A word list of each language, read into `T` the first time a unit of
/// that language needs it.
pub(crate) struct PerLanguage<T> {
    dutch: OnceLock<T>,
    english: OnceLock<T>,
}

impl<T> PerLanguage<T> {
    pub(crate) const fn new() -> PerLanguage<T> {
        PerLanguage { dutch: OnceLock::new(), english: OnceLock::new() }
    }

    /// The list of `language`, read from its source (`dutch` or `english`,
    /// the text of the list file) with `read` on first use.
    pub(crate) fn get(
        &self,
        language: Language,
        dutch: &'static str,
        english: &'static str,
        read: fn(&'static str) -> T,
    ) -> &T {
        match language {
            Language::Dutch => self.dutch.get_or_init(|| read(dutch)),
            Language::English => self.english.get_or_init(|| read(english)),
        }
    }
}

/// The lines of `list` that hold an entry: not blank, not a comment.
pub(crate) fn entry_lines(list: &str) -> impl Iterator<Item = &str> {
    list.lines().filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

/// Each entry of `list` with what it stands for, both trimmed. A line
/// without a tab is skipped; each list's tests check that none is.
pub(crate) fn pairs(list: &str) -> impl Iterator<Item = (&str, &str)> {
    entry_lines(list)
        .filter_map(|line| line.split_once('\t'))
        .map(|(entry, stands_for)| (entry.trim(), stands_for.trim()))
}

/// The words of a matching view's `text` (which is ASCII), apostrophes kept
/// ("don't", "zo'n"): how the question forms and the asides read a stretch
/// word by word.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'')).filter(|word| !word.is_empty())
}

/// `text` without the byte ranges `cuts` (ascending, not overlapping): what
/// a reading that reads past them sees. For the tests of the lists that find
/// such ranges (asides, fillers, appositions).
#[cfg(test)]
pub(crate) fn without(text: &str, cuts: &[std::ops::Range<usize>]) -> String {
    let mut kept = String::new();
    let mut from = 0;
    for cut in cuts {
        kept.push_str(&text[from..cut.start]);
        from = cut.end;
    }
    kept + &text[from..]
}
