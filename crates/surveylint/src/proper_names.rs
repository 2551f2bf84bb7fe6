//! Proper names, which the matching view cannot see: it is lowercase.
//!
//! A pattern marks the word that must be a person's name with a group called
//! `name` (`rate our driver (?P<name>[a-z]+)`). After the pattern matched, the
//! linter looks at that word in the original text: it counts as a name only
//! when it is capitalised there and does not open a sentence, where every word
//! is capitalised. So "rate our driver Ahmed" names someone and "rate our
//! driver today" does not.

use std::ops::Range;

/// The capture group a pattern uses for a word that must be a proper name.
pub(crate) const NAME_GROUP: &str = "name";

/// Whether `original[range]` reads as a proper name: an uppercase letter
/// followed by at least one lowercase letter, not at the start of a sentence.
pub(crate) fn is_proper_name(original: &str, range: Range<usize>) -> bool {
    let Some(word) = original.get(range.clone()) else { return false };
    let mut letters = word.chars();
    let (Some(first), Some(second)) = (letters.next(), letters.next()) else { return false };
    first.is_uppercase() && second.is_lowercase() && !opens_sentence(original, range.start)
}

/// Whether the word at byte `start` is the first of a sentence, a line or a
/// list item: what comes before it, past spaces, quotes and brackets, is
/// nothing, an end of sentence, a colon or a list bullet.
fn opens_sentence(original: &str, start: usize) -> bool {
    let before = original.get(..start).unwrap_or_default();
    let previous = before.char_indices().rev().find(|(_, character)| {
        !(character.is_whitespace() || "\"'“”‘’«»([{".contains(*character)) || *character == '\n'
    });
    match previous {
        None => true,
        // "Dr. Owens": the point of a title ends no sentence.
        Some((at, '.')) => !crate::normalize::is_title_point(original.as_bytes(), at),
        Some((_, character)) => ".!?:;\n-•*".contains(character),
    }
}

#[cfg(test)]
mod tests {
    use super::is_proper_name;

    fn name_at(text: &str, word: &str) -> bool {
        let start = text.find(word).unwrap_or(text.len());
        is_proper_name(text, start..start + word.len())
    }

    #[test]
    fn a_capitalised_word_inside_a_sentence_is_a_name() {
        assert!(name_at("Please rate our driver Ahmed today.", "Ahmed"));
        assert!(name_at("Hoe beoordeelt u Sanne, die u hielp?", "Sanne"));
        assert!(name_at("How would you rate “Jenna”, your stylist?", "Jenna"));
        assert!(name_at("How was your visit to Dr. Owens?", "Owens"));
    }

    #[test]
    fn lowercase_words_initials_and_shouting_are_not_names() {
        assert!(!name_at("Please rate our driver today.", "today"));
        assert!(!name_at("Did the agent I spoke to help?", "I"));
        assert!(!name_at("Rate our driver NOW.", "NOW"));
    }

    #[test]
    fn a_word_that_opens_a_sentence_line_or_item_is_not_taken_for_a_name() {
        assert!(!name_at("Today we ask you. Drivers are rated weekly.", "Drivers"));
        assert!(!name_at("Rate the service", "Rate"));
        assert!(!name_at("Our staff:\n- Friendly agents", "Friendly"));
        assert!(!name_at("Question 1: Helpful staff?", "Helpful"));
    }

    #[test]
    fn a_range_off_the_text_or_inside_a_character_is_no_name() {
        assert!(!is_proper_name("Zoë", 2..4));
        assert!(!is_proper_name("Ahmed", 3..40));
    }
}
