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

/// Function words that occur in one language and not (or rarely) in the other.
/// Words common to both ("we", "is", "in", "of", "over") are left out on purpose:
/// "9 of 10 dentists" must not look Dutch because of "of".
const DUTCH_WORDS: &[&str] = &[
    "aan",
    "al",
    "alle",
    "alstublieft",
    "andere",
    "bedankt",
    "beste",
    "bij",
    "bent",
    "ben",
    "dan",
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
    "geen",
    "graag",
    "hebt",
    "heeft",
    "hebben",
    "het",
    "hoe",
    "hoeveel",
    "ik",
    "je",
    "jij",
    "jouw",
    "kunt",
    "kun",
    "maar",
    "met",
    "mij",
    "mijn",
    "naar",
    "niet",
    "nog",
    "nooit",
    "ons",
    "onze",
    "ook",
    "op",
    "om",
    "te",
    "tevreden",
    "u",
    "uw",
    "van",
    "vindt",
    "voor",
    "waarom",
    "wat",
    "welke",
    "werd",
    "wie",
    "wij",
    "wil",
    "wilt",
    "wordt",
    "zeer",
    "zich",
    "zijn",
    "zou",
    "zoals",
    "uit",
    "heel",
    "hier",
    "keer",
    "vraag",
    "vragen",
    "antwoord",
    "klant",
    "klanten",
    "dank",
    "altijd",
    "weet",
    "niets",
    "zelf",
    "onder",
    "tussen",
    "tot",
    "ja",
    "nee",
    "mee",
    "oneens",
    "helemaal",
];
const ENGLISH_WORDS: &[&str] = &[
    "a",
    "about",
    "an",
    "and",
    "are",
    "at",
    "be",
    "been",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "for",
    "from",
    "has",
    "have",
    "how",
    "i",
    "it",
    "its",
    "just",
    "me",
    "more",
    "my",
    "no",
    "not",
    "our",
    "please",
    "rate",
    "recommend",
    "satisfied",
    "should",
    "that",
    "the",
    "their",
    "them",
    "they",
    "this",
    "to",
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
    "you",
    "your",
    "thank",
    "thanks",
    "survey",
    "customers",
    "agree",
    "disagree",
    "always",
    "never",
    "yes",
    "there",
    "than",
    "other",
    "these",
    "those",
    "if",
    "or",
    "any",
    "all",
    "much",
    "many",
    "how's",
    "don't",
    "isn't",
];

/// Scores one piece of text. Known function words weigh most; letter patterns
/// typical of one language ("ij", "sch" against "th", "ing") decide the rest.
pub(crate) fn score(text: &str) -> LanguageScore {
    let mut total = 0.0f32;
    for raw_word in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}')) {
        if raw_word.is_empty() {
            continue;
        }
        let word = raw_word.to_lowercase().replace('\u{2019}', "'");
        let word = word.trim_matches('\'');
        if word.is_empty() || word.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if DUTCH_WORDS.contains(&word) {
            total += 1.5;
        } else if ENGLISH_WORDS.contains(&word) {
            total -= 1.5;
        } else {
            total += letter_pattern_score(word);
        }
    }
    LanguageScore(total)
}

fn letter_pattern_score(word: &str) -> f32 {
    let mut score = 0.0;
    for pattern in ["ij", "sch", "cht", "oe", "uu", "aa", "ui", "eu", "tje", "lijk", "heid"] {
        if word.contains(pattern) {
            score += 0.5;
        }
    }
    if word.len() > 4 && word.ends_with("en") {
        score += 0.5;
    }
    for pattern in ["th", "wh", "sh", "tion", "ough", "ck", "ea", "ay"] {
        if word.contains(pattern) {
            score -= 0.5;
        }
    }
    if word.ends_with("ing") || word.ends_with("ly") || word.ends_with("ed") {
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
    fn tags_parse() {
        assert_eq!(Language::from_tag("nl-BE"), Some(Language::Dutch));
        assert_eq!(Language::from_tag("Dutch (nl)"), Some(Language::Dutch));
        assert_eq!(Language::from_tag("en_US"), Some(Language::English));
        assert_eq!(Language::from_tag("de"), None);
    }
}
