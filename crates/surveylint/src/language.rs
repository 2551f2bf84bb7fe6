//! The two languages surveylint knows, and how a text unit's language is guessed.

use std::fmt;

/// A language surveylint has rules and messages for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Language {
    /// Dutch, including Flemish usage (`nl`).
    #[serde(rename = "nl")]
    Dutch,
    /// English (`en`).
    #[serde(rename = "en")]
    English,
}

impl Language {
    /// Both languages, Dutch first.
    pub const ALL: [Language; 2] = [Language::Dutch, Language::English];

    /// The ISO 639-1 code: `"nl"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Dutch => "nl",
            Language::English => "en",
        }
    }

    /// Parses `nl`, `en`, and common tags such as `nl-BE`, `en_US`, `Dutch`,
    /// `Nederlands` or `English (en)`; `None` for anything else.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let lower = tag.trim().to_ascii_lowercase();
        let primary = lower.split(['-', '_', ' ', '(']).next().unwrap_or_default();
        match primary {
            "nl" | "dutch" | "nederlands" | "vlaams" | "flemish" => Some(Language::Dutch),
            "en" | "english" | "engels" => Some(Language::English),
            _ if lower.contains("(nl)") => Some(Language::Dutch),
            _ if lower.contains("(en)") => Some(Language::English),
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language guess: positive scores lean Dutch, negative lean English.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct LanguageScore(pub(crate) f32);

/// A unit's own evidence must pass this much before it overrides the document's language.
const CONFIDENT: f32 = 2.0;

impl LanguageScore {
    pub(crate) fn add(self, other: LanguageScore) -> LanguageScore {
        LanguageScore(self.0 + other.0)
    }

    /// The language this score points to when it is clear enough on its own.
    pub(crate) fn confident(self) -> Option<Language> {
        if self.0 >= CONFIDENT {
            Some(Language::Dutch)
        } else if self.0 <= -CONFIDENT {
            Some(Language::English)
        } else {
            None
        }
    }

    /// The language this score leans to, with English as the tie-breaker.
    pub(crate) fn leaning(self) -> Language {
        if self.0 > 0.0 {
            Language::Dutch
        } else {
            Language::English
        }
    }
}

/// Function words (sorted, for binary search) that occur in one language and not (or rarely) in the other.
/// Words common to both ("we", "is", "in", "of", "over") are left out on purpose:
/// "9 of 10 dentists" must not look Dutch because of "of".
const DUTCH_WORDS: &[&str] = &[
    "aan",
    "al",
    "alle",
    "alstublieft",
    "altijd",
    "andere",
    "antwoord",
    "aub",
    "bedankt",
    "ben",
    "bent",
    "beste",
    "bij",
    "dan",
    "dank",
    "dat",
    "de",
    "deze",
    "die",
    "dit",
    "door",
    "een",
    "eens",
    "en",
    "er",
    "erg",
    "ff",
    "ge",
    "geen",
    "gij",
    "graag",
    "hebben",
    "hebt",
    "heeft",
    "heel",
    "helemaal",
    "het",
    "hier",
    "hoe",
    "hoeveel",
    "ik",
    "ja",
    "je",
    "jij",
    "jouw",
    "keer",
    "klant",
    "klanten",
    "kun",
    "kunt",
    "maar",
    "mee",
    "met",
    "mij",
    "mijn",
    "mn",
    "naar",
    "nee",
    "niet",
    "niets",
    "nog",
    "nooit",
    "om",
    "onder",
    "oneens",
    "ons",
    "onze",
    "ook",
    "op",
    "te",
    "tevreden",
    "tot",
    "tussen",
    "u",
    "uit",
    "uw",
    "van",
    "vindt",
    "voor",
    "vraag",
    "vragen",
    "waarom",
    "wat",
    "weet",
    "welke",
    "werd",
    "wie",
    "wij",
    "wil",
    "wilt",
    "wordt",
    "zeer",
    "zelf",
    "zich",
    "zijn",
    "zoals",
    "zou",
];
const ENGLISH_WORDS: &[&str] = &[
    "a",
    "about",
    "agree",
    "all",
    "always",
    "an",
    "and",
    "any",
    "are",
    "at",
    "be",
    "been",
    "by",
    "can",
    "could",
    "customers",
    "did",
    "didnt",
    "disagree",
    "do",
    "does",
    "doesnt",
    "don't",
    "dont",
    "for",
    "from",
    "has",
    "have",
    "how",
    "how's",
    "i",
    "if",
    "isn't",
    "it",
    "its",
    "just",
    "many",
    "me",
    "more",
    "much",
    "my",
    "never",
    "no",
    "not",
    "or",
    "other",
    "our",
    "please",
    "pls",
    "plz",
    "rate",
    "recommend",
    "satisfied",
    "should",
    "survey",
    "than",
    "thank",
    "thanks",
    "that",
    "the",
    "their",
    "them",
    "there",
    "these",
    "they",
    "this",
    "those",
    "thx",
    "to",
    "ur",
    "us",
    "very",
    "was",
    "were",
    "what",
    "when",
    "which",
    "who",
    "why",
    "will",
    "with",
    "would",
    "yes",
    "you",
    "your",
    "youre",
];

/// How much of a unit is read to guess its language: a few sentences are
/// plenty, and long paragraphs then cost no more than short ones.
const SAMPLE_BYTES: usize = 600;

/// Scores one piece of text. Known function words weigh most; letter patterns
/// typical of one language ("ij", "sch" against "th", "ing") decide the rest.
pub(crate) fn score(text: &str) -> LanguageScore {
    let sample_end = crate::position::floor_char_boundary(text, SAMPLE_BYTES);
    let mut total = 0.0f32;
    let mut word = String::new();
    for raw_word in text[..sample_end].split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}')) {
        word.clear();
        if raw_word.is_ascii() {
            // The matching view is lowercase ASCII already: the common, cheap case.
            word.push_str(raw_word);
            word.make_ascii_lowercase();
        } else {
            word.extend(raw_word.chars().flat_map(char::to_lowercase).map(|c| if c == '\u{2019}' { '\'' } else { c }));
        }
        let word = word.trim_matches('\'');
        if word.is_empty() || word.bytes().all(|byte| byte.is_ascii_digit()) {
            continue;
        }
        if DUTCH_WORDS.binary_search(&word).is_ok() {
            total += 1.5;
        } else if ENGLISH_WORDS.binary_search(&word).is_ok() {
            total -= 1.5;
        } else {
            total += letter_pattern_score(word.as_bytes());
        }
    }
    LanguageScore(total)
}

/// Letter groups typical of Dutch (positive) or English (negative), matched
/// at every position of a word in one pass of slice patterns.
fn letter_pattern_score(word: &[u8]) -> f32 {
    let mut score = 0.0;
    for start in 0..word.len() {
        score += match &word[start..] {
            [b'l', b'i', b'j', b'k', ..] | [b'h', b'e', b'i', b'd', ..] => 0.5,
            [b's', b'c', b'h', ..] | [b'c', b'h', b't', ..] | [b't', b'j', b'e', ..] => 0.5,
            [b'i', b'j', ..] | [b'o', b'e', ..] | [b'u', b'u', ..] | [b'a', b'a', ..] | [b'u', b'i', ..] => 0.5,
            [b'e', b'u', ..] => 0.5,
            [b't', b'i', b'o', b'n', ..] | [b'o', b'u', b'g', b'h', ..] => -0.5,
            [b't', b'h', ..] | [b'w', b'h', ..] | [b's', b'h', ..] | [b'c', b'k', ..] | [b'e', b'a', ..] => -0.5,
            [b'a', b'y', ..] => -0.5,
            _ => 0.0,
        };
    }
    if word.len() > 4 && word.ends_with(b"en") {
        score += 0.5;
    }
    if word.ends_with(b"ing") || word.ends_with(b"ly") || word.ends_with(b"ed") {
        score -= 0.5;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(text: &str) -> Option<Language> {
        score(text).confident()
    }

    #[test]
    fn short_dutch_questions_are_dutch() {
        assert_eq!(guess("Verdienen we een 9 of 10?"), Some(Language::Dutch));
        assert_eq!(guess("Hoe tevreden bent u over onze service?"), Some(Language::Dutch));
        assert_eq!(guess("Geef ons een tien!"), Some(Language::Dutch));
    }

    #[test]
    fn english_with_of_is_english() {
        assert_eq!(guess("9 of 10 dentists recommend this toothpaste"), Some(Language::English));
        assert_eq!(guess("Please rate us 5 stars"), Some(Language::English));
        assert_eq!(guess("How easy was it to find what you needed?"), Some(Language::English));
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(DUTCH_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(ENGLISH_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn tags_parse() {
        assert_eq!(Language::from_tag("nl-BE"), Some(Language::Dutch));
        assert_eq!(Language::from_tag("Dutch (nl)"), Some(Language::Dutch));
        assert_eq!(Language::from_tag("en_US"), Some(Language::English));
        assert_eq!(Language::from_tag("de"), None);
    }
}
