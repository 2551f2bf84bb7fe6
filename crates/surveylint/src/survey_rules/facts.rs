//! What the survey rules learn about one unit text, remembered.
//!
//! Most of a survey rule's work is asking the same questions of each unit:
//! is this option an opt-out, does this stem ask for an opinion, does a word
//! class occur in it. The answers depend on the unit's text (and the
//! language asked about) alone, so [`UnitFacts`] remembers them: for one
//! lint, where seven rules ask about the same options, and across lints in
//! the [`crate::LintCache`], where the survey rules run again after every
//! edit but only the edited unit's facts are new.
//!
//! The language server keeps these for every unit of every open document,
//! so they are kept small: a yes-or-no [`Test`] is numbered on first use
//! and its answers are bits; the answers of the few other [`Fact`]s are
//! kept inline when they are counts or empty, boxed otherwise ([`Remember`]).

use std::any::Any;
use std::cell::{Cell, OnceCell, RefCell};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use crate::language::Language;

use super::option_class::{classify_option, OptionClass};

/// How many tests get a bit per language; one numbered later (there are
/// about 25) is answered every time it is asked instead of remembered.
const REMEMBERED_TESTS: usize = 64;

/// How many facts get a number; one numbered later is never remembered.
const REMEMBERED_FACTS: usize = 255;

/// The remembered facts of one unit text.
#[derive(Debug, Default)]
pub(crate) struct UnitFacts {
    option_class: OnceCell<OptionClass>,
    /// Per language, bit `n`: test number `n` has been answered.
    asked: [Cell<u64>; 2],
    /// Per language, bit `n`: the answer of test number `n`.
    answers: [Cell<u64>; 2],
    /// The answers of the other facts; few per unit, so a list.
    facts: RefCell<Vec<FactAnswer>>,
}

/// The remembered answer of one [`Fact`].
struct FactAnswer {
    fact: u8,
    language: Language,
    value: Kept,
}

/// A remembered answer: a count or an empty answer fits in a word, so only
/// answers with content take a box of their own.
pub(crate) enum Kept {
    Inline(u64),
    Boxed(Box<dyn Any + Send>),
}

/// How the answer of a [`Fact`] is kept ([`Kept`]) and read back.
pub(crate) trait Remember: Clone + Send + Sized + 'static {
    fn keep(self) -> Kept;
    /// The answer kept by [`Remember::keep`]; `None` for another type's.
    fn recall(kept: &Kept) -> Option<Self>;
}

impl Remember for usize {
    fn keep(self) -> Kept {
        Kept::Inline(self as u64)
    }
    fn recall(kept: &Kept) -> Option<usize> {
        match kept {
            Kept::Inline(count) => usize::try_from(*count).ok(),
            Kept::Boxed(_) => None,
        }
    }
}

impl Remember for (usize, usize) {
    fn keep(self) -> Kept {
        match (u32::try_from(self.0), u32::try_from(self.1)) {
            (Ok(first), Ok(second)) => Kept::Inline(u64::from(first) << 32 | u64::from(second)),
            _ => Kept::Boxed(Box::new(self)),
        }
    }
    fn recall(kept: &Kept) -> Option<(usize, usize)> {
        match kept {
            Kept::Inline(both) => Some((usize::try_from(both >> 32).ok()?, usize::try_from(both & 0xffff_ffff).ok()?)),
            Kept::Boxed(value) => value.downcast_ref().copied(),
        }
    }
}

impl<T: Clone + Send + 'static> Remember for Vec<T> {
    fn keep(self) -> Kept {
        if self.is_empty() {
            Kept::Inline(0)
        } else {
            Kept::Boxed(Box::new(self))
        }
    }
    fn recall(kept: &Kept) -> Option<Vec<T>> {
        match kept {
            Kept::Inline(0) => Some(Vec::new()),
            Kept::Inline(_) => None,
            Kept::Boxed(value) => value.downcast_ref().cloned(),
        }
    }
}

impl<T: Clone + Send + 'static> Remember for Option<T> {
    fn keep(self) -> Kept {
        match self {
            None => Kept::Inline(0),
            Some(value) => Kept::Boxed(Box::new(value)),
        }
    }
    fn recall(kept: &Kept) -> Option<Option<T>> {
        match kept {
            Kept::Inline(0) => Some(None),
            Kept::Inline(_) => None,
            Kept::Boxed(value) => value.downcast_ref::<T>().cloned().map(Some),
        }
    }
}

impl std::fmt::Debug for FactAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FactAnswer").field("fact", &self.fact).field("language", &self.language).finish()
    }
}

/// A yes-or-no question about a unit that depends on nothing but its text,
/// its matching view (trimmed) and a language: a word-class pattern or a
/// function that sees nothing else, so the answer can be kept for as long
/// as the text stays the same.
pub(crate) struct Test {
    asks: Asks,
    number: OnceLock<Option<u8>>,
}

enum Asks {
    /// Whether the pattern (which may name word classes) matches the view.
    Pattern(&'static str),
    /// The function of the unit's text, view and language.
    Function(fn(text: &str, view: &str, language: Language) -> bool),
}

/// A fact about a unit other than yes or no, with the same promise as a
/// [`Test`]: the function sees only the unit's text, view and a language.
pub(crate) struct Fact<T> {
    of: fn(text: &str, view: &str, language: Language) -> T,
    number: OnceLock<Option<u8>>,
}

/// Hands out the numbers of tests and of facts, once each.
fn numbered(number: &OnceLock<Option<u8>>, next: &AtomicUsize, limit: usize) -> Option<u8> {
    *number.get_or_init(|| {
        let taken = next.fetch_add(1, Ordering::Relaxed);
        u8::try_from(taken).ok().filter(|_| taken < limit)
    })
}

impl Test {
    /// Whether `pattern` (which may name word classes) matches the view.
    pub(crate) const fn pattern(pattern: &'static str) -> Test {
        Test { asks: Asks::Pattern(pattern), number: OnceLock::new() }
    }

    /// `of` the unit's text, view and language.
    pub(crate) const fn function(of: fn(&str, &str, Language) -> bool) -> Test {
        Test { asks: Asks::Function(of), number: OnceLock::new() }
    }

    /// The answer for a unit, worked out now.
    pub(crate) fn answer(&self, text: &str, view: &str, language: Language) -> bool {
        match self.asks {
            Asks::Pattern(pattern) => super::classes::matches(language, pattern, view),
            Asks::Function(of) => of(text, view, language),
        }
    }

    fn bit(&self) -> Option<u64> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        numbered(&self.number, &NEXT, REMEMBERED_TESTS).map(|number| 1 << number)
    }
}

impl<T> Fact<T> {
    /// `of` the unit's text, view and language.
    pub(crate) const fn new(of: fn(&str, &str, Language) -> T) -> Fact<T> {
        Fact { of, number: OnceLock::new() }
    }

    /// The fact for a unit, worked out now.
    pub(crate) fn answer(&self, text: &str, view: &str, language: Language) -> T {
        (self.of)(text, view, language)
    }

    fn number(&self) -> Option<u8> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        numbered(&self.number, &NEXT, REMEMBERED_FACTS)
    }
}

/// The slot of `language` in the per-language bit sets.
fn slot(language: Language) -> usize {
    match language {
        Language::Dutch => 0,
        Language::English => 1,
    }
}

impl UnitFacts {
    /// What the unit is as an answer option, classified once.
    pub(crate) fn option_class(&self, text: &str) -> OptionClass {
        *self.option_class.get_or_init(|| classify_option(text))
    }

    /// `test` of the unit whose text and view these are.
    pub(crate) fn test(&self, text: &str, view: &str, language: Language, test: &Test) -> bool {
        let Some(bit) = test.bit() else { return test.answer(text, view, language) };
        let (asked, answers) = (&self.asked[slot(language)], &self.answers[slot(language)]);
        if asked.get() & bit != 0 {
            return answers.get() & bit != 0;
        }
        let answer = test.answer(text, view, language);
        asked.set(asked.get() | bit);
        if answer {
            answers.set(answers.get() | bit);
        }
        answer
    }

    /// `fact` of the unit whose text and view these are.
    pub(crate) fn fact<T: Remember>(&self, text: &str, view: &str, language: Language, fact: &Fact<T>) -> T {
        let Some(number) = fact.number() else { return fact.answer(text, view, language) };
        let known = self.facts.borrow().iter().find_map(|answer| {
            (answer.fact == number && answer.language == language).then(|| T::recall(&answer.value)).flatten()
        });
        if let Some(known) = known {
            return known;
        }
        let value = fact.answer(text, view, language);
        let mut facts = self.facts.borrow_mut();
        // Three or four facts per unit at most: no room kept for more.
        facts.reserve_exact(1);
        facts.push(FactAnswer { fact: number, language, value: value.clone().keep() });
        value
    }
}
