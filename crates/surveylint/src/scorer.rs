//! The learned scorer: a second reader, beside the phrase patterns, for
//! the five pressure families (score-begging, staff pressure, emotional
//! pressure, conditional incentives, social proof) and three families of
//! how a question is asked (leading questions, push-poll premises, loaded
//! language).
//!
//! Why: phrase patterns know the shapes someone wrote down. Blind batches of
//! text nobody here had read showed that each new round of patterns reached
//! almost nothing in the next batch, while a plain word-weight model trained
//! on the labelled corpus did (numbers in `rules/scorer/README.md`). The
//! model reads one sentence at a time as a bag of word beginnings and pairs
//! of neighbouring word beginnings, and adds the weight of each to a score
//! per family.
//!
//! It only reports what the patterns missed, and only with high confidence:
//! a family's finding needs a score above the threshold (a probability of
//! 0.95). A pressure family also needs a word about answering in the
//! sentence or a neighbouring one (a survey, a score, a review, filling in;
//! `rules/scorer/answer-words.tsv`), because pressure in a survey is always
//! pressure about the answer; the question families need the sentence to be
//! a question. Two neighbouring sentences are also read as one, for the
//! pressure families, at a stricter threshold: a stake in one sentence and
//! the survey in the next add up only together. A family the patterns
//! already found in a unit is not reported again by the scorer.
//!
//! The weights are data, generated from `tests/corpus/` and the rules'
//! examples by the test
//! `scorer_model` (`UPDATE_SCORER=1` rewrites them); see
//! [`crate::scorer_training`].

use std::borrow::Cow;

use crate::language::Language;
use crate::word_list::{self, PerLanguage};

const DUTCH_MODEL: &str = include_str!("../rules/scorer/nl.tsv");
const ENGLISH_MODEL: &str = include_str!("../rules/scorer/en.tsv");
const ANSWER_WORDS: &str = include_str!("../rules/scorer/answer-words.tsv");

/// How many characters of a word the model reads: enough to tell words
/// apart, few enough that "beoordeling" and "beoordelen", "rating" and
/// "rated" count as one.
pub(crate) const WORD_BEGINNING: usize = 5;

/// A sentence's score at or above this log-odds (a probability of 0.95,
/// ln 19) is a finding. Chosen precision first: at 0.925 an invitation in
/// a test fixture ("Our world-class team would love to hear from you") was
/// flagged as emotional pressure, at 0.9 also a neutral text of the
/// development set.
const THRESHOLD_LOG_ODDS: f32 = 2.944_439;

/// The stricter threshold for two neighbouring sentences read as one (a
/// probability of 0.982, log-odds 4): a pair has twice the words to add up.
/// At 0.95 one English neutral text of the development set was flagged.
const PAIR_THRESHOLD_LOG_ODDS: f32 = 4.0;

/// The word beginnings of `text`, each once, and the pairs of neighbouring
/// word beginnings: what the model reads. Words are runs of letters and
/// digits, lower-cased, accented Latin letters kept ("enquête").
pub(crate) fn features(text: &str) -> Vec<String> {
    features_of(&beginnings(text))
}

/// The first [`WORD_BEGINNING`] characters of each word of `text`, in order.
fn beginnings(text: &str) -> Vec<Cow<'_, str>> {
    words(text)
        .map(|word| {
            let end = word.char_indices().nth(WORD_BEGINNING).map_or(word.len(), |(at, _)| at);
            match word {
                Cow::Borrowed(word) => Cow::Borrowed(&word[..end]),
                Cow::Owned(mut word) => {
                    word.truncate(end);
                    Cow::Owned(word)
                }
            }
        })
        .collect()
}

/// The features of a text with these word `beginnings`.
fn features_of(beginnings: &[Cow<'_, str>]) -> Vec<String> {
    let mut features: Vec<String> = Vec::with_capacity(2 * beginnings.len());
    for word in beginnings {
        let mut feature = String::with_capacity(2 + word.len());
        feature.push_str("u:");
        feature.push_str(word);
        features.push(feature);
    }
    for pair in beginnings.windows(2) {
        let mut feature = String::with_capacity(3 + pair[0].len() + pair[1].len());
        feature.push_str("b:");
        feature.push_str(&pair[0]);
        feature.push('_');
        feature.push_str(&pair[1]);
        features.push(feature);
    }
    features.sort_unstable();
    features.dedup();
    features
}

/// The lower-cased words of `text`: most are lower case already, and are
/// not copied. A word whose lower case is no longer a word ("İ") is dropped.
fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.split(|c: char| !is_word_char(c))
        .filter(|word| !word.is_empty())
        .map(lower_case)
        .filter(|word| word.chars().all(is_word_char))
}

fn lower_case(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && ('\u{c0}'..='\u{24f}').contains(&c))
}

/// One language's weights.
pub(crate) struct Model {
    /// The rule slugs the model scores, in the order of its weight columns.
    pub(crate) families: Vec<String>,
    bias: Vec<f32>,
    /// Each feature with the rest of its line, sorted by feature as training
    /// writes them: looked up by binary search, and its weights read only
    /// when a sentence has the feature: reading all 130,000 weights up front
    /// cost more than checking a small file does.
    rows: Vec<(&'static str, &'static str)>,
    /// Word beginnings of answering, one of which a finding needs; sorted.
    answer_words: Vec<String>,
}

/// What the scorer found in one stretch of text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Score {
    /// Index into [`Model::families`].
    pub(crate) family: usize,
    pub(crate) log_odds: f32,
}

impl Score {
    /// The model's probability that the family applies.
    pub(crate) fn probability(&self) -> f32 {
        1.0 / (1.0 + (-self.log_odds).exp())
    }
}

impl Model {
    /// The built-in model of `language`, read on first use.
    pub(crate) fn of(language: Language) -> &'static Model {
        static MODELS: PerLanguage<Model> = PerLanguage::new();
        let read = match language {
            Language::Dutch => |text| Model::parse(text, Language::Dutch),
            Language::English => |text| Model::parse(text, Language::English),
        };
        MODELS.get(language, DUTCH_MODEL, ENGLISH_MODEL, read)
    }

    /// Reads a generated model file: a `families` line naming the columns, a
    /// `bias` line, then one feature a line with its weight per family.
    /// The `scorer_model` test checks that the file is exactly what training
    /// writes, and a unit test that its rows are sorted.
    pub(crate) fn parse(text: &'static str, language: Language) -> Model {
        let mut families = Vec::new();
        let mut bias = Vec::new();
        let mut rows = Vec::new();
        for line in word_list::entry_lines(text) {
            if let Some(names) = line.strip_prefix("families\t") {
                families = names.split('\t').map(str::to_owned).collect();
            } else if let Some(values) = line.strip_prefix("bias\t") {
                bias = values.split('\t').map(weight).collect();
            } else if let Some(row) = line.split_once('\t') {
                rows.push(row);
            }
        }
        bias.resize(families.len(), 0.0);
        Model { families, bias, rows, answer_words: answer_words(language) }
    }

    /// The weights of `feature` per family, if the model has it.
    fn weights(&self, feature: &str) -> Option<impl Iterator<Item = f32> + 'static> {
        let found = self.rows.binary_search_by(|(name, _)| (*name).cmp(feature)).ok()?;
        let (_, values) = self.rows[found];
        Some(values.split('\t').map(weight))
    }

    /// Whether `text` has a word about answering (`answer-words.tsv`): a
    /// survey, a score, a review, filling in.
    pub(crate) fn names_an_answer(&self, text: &str) -> bool {
        beginnings(text)
            .iter()
            .any(|word| self.answer_words.binary_search_by(|answer| answer.as_str().cmp(word)).is_ok())
    }

    /// The families whose score for `text`, one sentence, reaches the
    /// threshold: the pressure families when an answer is named in `text`
    /// or next to it (`answer_nearby`), the others when `text` `is_question`.
    pub(crate) fn findings(&self, text: &str, answer_nearby: bool, is_question: bool) -> Vec<Score> {
        // Checked first: most sentences are neither a question nor near a
        // word about answering, and cost no more.
        if !answer_nearby && !is_question {
            return Vec::new();
        }
        let reads = |family: &str| if asks_about_the_answer(family) { answer_nearby } else { is_question };
        self.scores(text, THRESHOLD_LOG_ODDS, reads)
    }

    /// The pressure families whose score for `text`, two neighbouring
    /// sentences read as one, reaches the stricter pair threshold. The
    /// caller checks that the pair names an answer.
    pub(crate) fn pair_findings(&self, text: &str) -> Vec<Score> {
        self.scores(text, PAIR_THRESHOLD_LOG_ODDS, asks_about_the_answer)
    }

    /// The families that `reads` and whose score for `text` reaches `threshold`.
    fn scores(&self, text: &str, threshold: f32, reads: impl Fn(&str) -> bool) -> Vec<Score> {
        let features = features_of(&beginnings(text));
        let mut totals = self.bias.clone();
        for row in features.iter().filter_map(|feature| self.weights(feature)) {
            for (total, weight) in totals.iter_mut().zip(row) {
                *total += weight;
            }
        }
        totals
            .into_iter()
            .enumerate()
            .filter(|&(family, log_odds)| log_odds >= threshold && reads(&self.families[family]))
            .map(|(family, log_odds)| Score { family, log_odds })
            .collect()
    }
}

/// Whether `family` is pressure about the answer, which a sentence shows by
/// naming the answer; the other families are about how a question is asked,
/// and are read only in questions.
pub(crate) fn asks_about_the_answer(family: &str) -> bool {
    matches!(
        family,
        "score-begging" | "employee-rating-pressure" | "emotional-pressure" | "conditional-incentive" | "social-proof"
    )
}

/// A weight as training writes it, in hundredths ("-22", "150", "0"), or 0
/// for anything else.
fn weight(text: &str) -> f32 {
    text.parse::<i16>().map_or(0.0, |hundredths| f32::from(hundredths) / 100.0)
}

/// The answer words of `language` from `answer-words.tsv` (language, a tab,
/// the word beginning).
fn answer_words(language: Language) -> Vec<String> {
    let mut words: Vec<String> = word_list::pairs(ANSWER_WORDS)
        .filter(|(code, _)| *code == language.code())
        .map(|(_, word)| word.to_owned())
        .collect();
    words.sort_unstable();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_word_beginnings_and_their_pairs() {
        assert_eq!(
            features("Geef Ons een 10, s.v.p. Enquête!"),
            [
                "b:10_s",
                "b:een_10",
                "b:geef_ons",
                "b:ons_een",
                "b:p_enquê",
                "b:s_v",
                "b:v_p",
                "u:10",
                "u:een",
                "u:enquê",
                "u:geef",
                "u:ons",
                "u:p",
                "u:s",
                "u:v"
            ]
        );
    }

    #[test]
    fn the_built_in_rows_are_sorted_for_the_binary_search() {
        for language in [Language::Dutch, Language::English] {
            let rows = &Model::of(language).rows;
            assert!(rows.len() > 10_000, "{language:?}: {}", rows.len());
            assert!(rows.windows(2).all(|pair| pair[0].0 < pair[1].0), "{language:?}");
        }
    }

    fn families<'a>(model: &'a Model, text: &str, is_question: bool) -> Vec<&'a str> {
        model
            .findings(text, model.names_an_answer(text), is_question)
            .iter()
            .map(|score| model.families[score.family].as_str())
            .collect()
    }

    #[test]
    fn how_a_question_is_asked_is_read_only_in_questions() {
        let model = Model::of(Language::English);
        let text = "Wouldn't you agree that the wonderful new opening hours are a huge improvement?";
        assert!(families(model, text, true).contains(&"leading-question"), "{:?}", families(model, text, true));
        assert_eq!(families(model, text, false), Vec::<&str>::new());
    }

    #[test]
    fn weights_are_read_as_training_writes_them() {
        let read: Vec<f32> = ["-22", "150", "0", "1207", "-300", "1.5", "x"].into_iter().map(weight).collect();
        // What is not in hundredths is no weight: read as 0 rather than failing the whole model.
        assert_eq!(read, [-0.22, 1.5, 0.0, 12.07, -3.0, 0.0, 0.0]);
    }

    #[test]
    fn a_score_needs_a_word_about_answering() {
        let model = Model::of(Language::English);
        let begging = "Please give us a 10 on the survey, it would mean the world to the team.";
        assert!(families(model, begging, false).contains(&"score-begging"), "{:?}", families(model, begging, false));
        assert_eq!(
            families(model, "Please give us a hand, it would mean the world to the team.", false),
            Vec::<&str>::new()
        );
    }
}
