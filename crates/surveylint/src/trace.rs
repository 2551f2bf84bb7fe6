//! What the engine saw and did, for rule authors: `surveylint debug`.
//!
//! [`crate::Linter::trace`] runs a unit through the same code as a lint and
//! keeps what a lint throws away: the matching view (lowercase, folded
//! accents, straight quotes), its sentences, the word classes it contains,
//! and every pattern match with the reason it was or was not reported.

use std::ops::Range;

use crate::language::Language;
use crate::rule::Context;
use crate::team_classes::TracedClass;

/// Why a pattern match did or did not become a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome", content = "context")]
pub enum Outcome {
    /// Reported as a finding.
    Reported,
    /// The rule is not enabled under these options.
    Disabled,
    /// The rule does not apply in this context (a question, option or text).
    OtherContext(Context),
    /// One of the rule's exceptions matches the sentence.
    Excepted,
    /// One of the rule's antipatterns matches words that the flag covers.
    Antipattern,
    /// The pattern's flag group matched no text.
    EmptyFlag,
    /// The word of the pattern's `name` group is not a proper name in the
    /// original text (not capitalised, or it opens a sentence).
    NotAName,
    /// Another match of the same rule overlapped it and was kept instead.
    Overlapped,
    /// Still being decided (never seen outside the linter).
    Candidate,
}

/// One pattern match in a unit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Tried {
    /// The rule the pattern belongs to.
    pub rule: String,
    /// The rule file the pattern comes from.
    pub origin: String,
    /// The pattern's line in that file; `None` for a finding of the learned
    /// scorer, which has no pattern: its origin names the weights file and
    /// the probability.
    pub line: Option<usize>,
    /// What its flag group matched, as a byte range of the unit's text.
    pub matched: Range<usize>,
    /// What became of it.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// A pattern, by its rule file and line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PatternAt {
    /// The rule the pattern belongs to.
    pub rule: String,
    /// The rule file the pattern comes from.
    pub origin: String,
    /// The pattern's line in that file.
    pub line: usize,
}

/// A word class found in a unit's matching view.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ClassHit {
    /// The class name, as patterns write it (`top-answer` for `<@top-answer>`).
    pub class: String,
    /// Byte range in the matching view.
    pub range: Range<usize>,
}

/// A unit's view with words read past, which the patterns also run on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ShorterReading {
    /// What was read past: "asides", "fillers" (filler words and the quote
    /// marks around a number), or "asides and fillers".
    pub read_past: String,
    /// The view without them.
    pub view: String,
}

/// What the engine saw and did in one unit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnitTrace {
    /// Index of the unit in the document.
    pub unit: usize,
    /// The language its patterns were chosen by.
    pub language: Language,
    /// The matching view the patterns run on.
    pub view: String,
    /// The same view with words read past, which the patterns also run on:
    /// without its asides ("…, mits u tevreden bent, …"), then also without
    /// filler words and quote marks ("toch", "just", `"10"`); each only when
    /// it differs from the reading before.
    pub shorter_readings: Vec<ShorterReading>,
    /// Byte ranges of the view's sentences.
    pub sentences: Vec<Range<usize>>,
    /// Every word class found in the view (whole words), in order.
    pub classes: Vec<ClassHit>,
    /// Every pattern match, in order of start.
    pub tried: Vec<Tried>,
    /// Patterns whose trigger literals all occur in the view, so they were
    /// searched, but which did not match; every other pattern was skipped
    /// because a word it needs is missing.
    pub searched_without_match: Vec<PatternAt>,
}

impl UnitTrace {
    pub(crate) fn new(
        unit: usize,
        language: Language,
        view: &str,
        tried: Vec<Tried>,
        team_classes: &[TracedClass],
    ) -> UnitTrace {
        UnitTrace {
            unit,
            language,
            view: view.to_owned(),
            shorter_readings: Vec::new(),
            sentences: crate::engine::Sentences::new(view).all(),
            classes: class_hits(view, language, team_classes),
            tried,
            searched_without_match: Vec::new(),
        }
    }
}

/// A made-up word: a class that matches it matches any word.
const MADE_UP_WORD: &str = "qzxvjk";

/// Every class of `language` matched as whole words in `view`, the built-in
/// ones and those of the rule packs (`team_classes`). Each class is compiled
/// on its own, which is slow and fine for a debugging aid.
fn class_hits(view: &str, language: Language, team_classes: &[TracedClass]) -> Vec<ClassHit> {
    let builtin = crate::catalogue::LEXICON
        .iter()
        .filter(|(code, _, _)| *code == language.code())
        .map(|(_, class, _)| (*class, format!("<@{class}>")));
    let team = team_classes
        .iter()
        .filter(|class| class.language == language)
        .map(|class| (class.name.as_str(), class.pattern.clone()));
    // A class that can match nothing but space or marks (where an answer
    // option starts, a label's start) would be listed at every gap of the
    // view; only hits that hold a word say something about the text. Read as
    // bytes: a match need not end on a character boundary.
    let holds_a_word = |range: &Range<usize>| {
        view.as_bytes().get(range.clone()).is_some_and(|bytes| bytes.iter().any(u8::is_ascii_alphanumeric))
    };
    let mut hits = Vec::new();
    for (class, alternation) in builtin.chain(team) {
        let pattern = crate::engine::expand_placeholders(&format!(r"\b(?:{alternation})\b"), language);
        let Ok(regex) = regex_automata::meta::Regex::builder().syntax(crate::engine::syntax_config()).build(&pattern)
        else {
            continue;
        };
        // A class written as "any word but a few" (`word-not-you`) matches
        // a made-up word too, and would be listed at nearly every word.
        if regex.is_match(MADE_UP_WORD) {
            continue;
        }
        hits.extend(
            regex
                .find_iter(view)
                .filter(|found| holds_a_word(&found.range()))
                .map(|found| ClassHit { class: class.to_owned(), range: found.range() }),
        );
    }
    hits.sort_by(|a, b| (a.range.start, &a.class).cmp(&(b.range.start, &b.class)));
    hits
}
