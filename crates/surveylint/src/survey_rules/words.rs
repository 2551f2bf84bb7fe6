//! Word-level look-ups on the matching view, shared by the survey rules.
//!
//! The survey rules classify short texts (an answer option, a question stem)
//! by the words in them. They work on the same matching view as the phrase
//! rules (lowercase ASCII, diacritics folded, single spaces), so "Één",
//! "Tevreden" and "tevreden" look alike and wrapped stems still match.

use crate::normalize::Normalized;

/// The matching view of `text`, trimmed: lowercase ASCII, folded diacritics,
/// straight quotes, single spaces, emoji and symbols as spaces.
pub(crate) fn matching_view(text: &str) -> String {
    Normalized::new(text).text.trim().to_owned()
}

/// True when `view` holds `phrase` as whole words: at both ends the phrase
/// meets a non-alphanumeric character or the end of the text. A phrase
/// ending in `*` also matches longer words ("tevreden*" matches "tevredenheid"),
/// and one starting with `*` matches the end of a compound ("*inkomen"
/// matches "jaarinkomen"), as Dutch glues words together.
pub(crate) fn contains_phrase(view: &str, phrase: &str) -> bool {
    let (phrase, open_start) = match phrase.strip_prefix('*') {
        Some(rest) => (rest, true),
        None => (phrase, false),
    };
    let (needle, open_end) = match phrase.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (phrase, false),
    };
    if needle.is_empty() {
        return false;
    }
    let bytes = view.as_bytes();
    let needle = needle.as_bytes();
    let is_word = |index: usize| bytes.get(index).is_some_and(|byte| byte.is_ascii_alphanumeric());
    // Views are short (an option, a stem) and the phrase lists long, so a
    // plain scan beats setting up a substring searcher for every phrase.
    let last_start = bytes.len().saturating_sub(needle.len());
    (0..=last_start).any(|start| {
        let end = start + needle.len();
        bytes.get(start) == needle.first()
            && bytes.get(start..end) == Some(needle)
            && (open_start || start == 0 || !is_word(start - 1))
            && (open_end || !is_word(end))
    })
}

/// True when `view` holds any of `phrases` (see [`contains_phrase`]).
pub(crate) fn contains_any(view: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|phrase| contains_phrase(view, phrase))
}

/// The number of words in `text`, for the reading-time estimate.
pub(crate) fn word_count(text: &str) -> usize {
    text.split_whitespace().filter(|word| word.chars().any(char::is_alphanumeric)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_folds_case_and_diacritics() {
        assert_eq!(matching_view("  Één  Keer,\n geïnteresseerd 😀 "), "een keer, geinteresseerd");
    }

    #[test]
    fn phrases_match_whole_words_only() {
        assert!(contains_phrase("hoe tevreden bent u?", "tevreden"));
        assert!(!contains_phrase("hoe ontevreden bent u?", "tevreden"));
        assert!(!contains_phrase("tevredenheid", "tevreden"));
        assert!(contains_phrase("tevredenheid", "tevreden*"));
        assert!(contains_phrase("weet niet", "weet niet"));
        assert!(!contains_phrase("anything", "*"));
        assert!(contains_phrase("uw jaarinkomen?", "*inkomen*"));
        assert!(!contains_phrase("uw jaarinkomen?", "inkomen*"));
    }

    #[test]
    fn words_are_counted_without_symbols() {
        assert_eq!(word_count("Hoe tevreden bent u - echt? 😀"), 5);
        assert_eq!(word_count(""), 0);
    }
}
