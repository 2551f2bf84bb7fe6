//! What the survey rules learn about one unit text, remembered.
//!
//! Most of a survey rule's work is asking the same questions of each unit:
//! is this option an opt-out, does this stem ask for an opinion, does a word
//! class occur in it. The answers depend on the unit's text (and the
//! language asked about) alone, so [`UnitFacts`] remembers them: for one
//! lint, where seven rules ask about the same options, and across lints in
//! the [`crate::LintCache`], where the survey rules run again after every
//! edit but only the edited unit's facts are new.

use std::any::Any;
use std::cell::{OnceCell, RefCell};

use crate::language::Language;

use super::option_class::{classify_option, OptionClass};

/// The remembered facts of one unit text.
#[derive(Debug, Default)]
pub(crate) struct UnitFacts {
    option_class: OnceCell<OptionClass>,
    /// Answers by question and language; few per unit, so a list.
    answers: RefCell<Vec<Answer>>,
}

/// One remembered answer.
struct Answer {
    question: Question,
    language: Language,
    value: Box<dyn Any + Send>,
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answer").field("question", &self.question).field("language", &self.language).finish()
    }
}

/// What was asked: a word-class pattern (does it match the view?) or a
/// [`Fact`]. Told apart by the address of their `'static` text, which is
/// cheaper than comparing long patterns; two copies of one text are merely
/// remembered twice.
#[derive(Debug, Clone, Copy)]
enum Question {
    Matches(&'static str),
    Fact(&'static str),
}

impl Question {
    fn is(self, other: Question) -> bool {
        match (self, other) {
            (Question::Matches(a), Question::Matches(b)) | (Question::Fact(a), Question::Fact(b)) => std::ptr::eq(a, b),
            _ => false,
        }
    }
}

/// A fact about a unit that depends on nothing but its text, its matching
/// view (trimmed) and a language: the function sees nothing else, so the
/// answer can be kept for as long as the text stays the same.
pub(crate) struct Fact<T> {
    /// Names the fact (and keeps two facts apart).
    pub(crate) name: &'static str,
    /// Computes it from the unit's text, matching view and the language.
    pub(crate) of: fn(text: &str, view: &str, language: Language) -> T,
}

impl UnitFacts {
    /// What the unit is as an answer option, classified once.
    pub(crate) fn option_class(&self, text: &str) -> OptionClass {
        *self.option_class.get_or_init(|| classify_option(text))
    }

    /// Whether `pattern` (which may name word classes) matches `view` in `language`.
    pub(crate) fn matches(&self, view: &str, language: Language, pattern: &'static str) -> bool {
        self.answer(Question::Matches(pattern), language, || super::classes::matches(language, pattern, view))
    }

    /// `fact` of the unit whose text and view these are.
    pub(crate) fn fact<T: Clone + Send + 'static>(
        &self,
        text: &str,
        view: &str,
        language: Language,
        fact: &Fact<T>,
    ) -> T {
        self.answer(Question::Fact(fact.name), language, || (fact.of)(text, view, language))
    }

    fn answer<T: Clone + Send + 'static>(&self, question: Question, language: Language, find: impl FnOnce() -> T) -> T {
        let known = self.answers.borrow().iter().find_map(|answer| {
            (answer.question.is(question) && answer.language == language)
                .then(|| answer.value.downcast_ref::<T>().cloned())
                .flatten()
        });
        if let Some(known) = known {
            return known;
        }
        // Computed without the list borrowed: a fact may ask another fact.
        let value = find();
        self.answers.borrow_mut().push(Answer { question, language, value: Box::new(value.clone()) });
        value
    }
}
