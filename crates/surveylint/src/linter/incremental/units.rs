//! What the [`LintCache`](super::LintCache) keeps per distinct unit text:
//! the analysis (matching view, language evidence) and the phrase findings
//! under each context the text was linted in.
//!
//! Units with the same text share one entry, so a questionnaire whose
//! thousand questions all offer "Goed / Redelijk / Slecht" keeps those three
//! options once. Entries that the latest lint did not use are dropped at its
//! end, so the cache never holds more than one version of the document.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::document::{Escape, Unit, UnitKind};
use crate::language::{self, Language, LanguageScore};
use crate::normalize::Normalized;
use crate::rule_id::RuleId;
use crate::source_map::SourceMap;
use crate::survey_rules::UnitFacts;

/// Every entry, found by its text.
#[derive(Debug, Default)]
pub(super) struct UnitStore {
    /// Entries by slot; `None` for a slot freed at the end of a lint.
    entries: Vec<Option<TextEntry>>,
    free: Vec<usize>,
    by_text: HashMap<Arc<str>, usize>,
    /// Counts lints, so an entry can tell whether the current one used it.
    round: u64,
    /// Facts for a slot that is gone: never asked for, as slots live for one lint.
    no_facts: UnitFacts,
}

/// The analysis of one unit text and its phrase findings.
#[derive(Debug)]
struct TextEntry {
    text: Arc<str>,
    /// The matching view, trimmed, as the survey rules read it.
    view: Box<str>,
    /// The language evidence of the text, once a unit needed it: units
    /// whose language is declared or forced never do.
    score: Option<LanguageScore>,
    /// What the survey rules learnt about the text.
    facts: UnitFacts,
    phrases: Vec<PhraseEntry>,
    used: u64,
}

/// The phrase findings of a text in one context. A unit's phrase findings
/// depend on its text and on these, and on nothing else of the document
/// (see `Linter::lint_unit`).
#[derive(Debug)]
struct PhraseEntry {
    kind: UnitKind,
    language: Language,
    escape: Escape,
    /// The shape of the source map of the unit they were found in; they
    /// hold for any map of the same shape.
    shape: Shape,
    findings: Vec<(RuleId, Diagnostic)>,
    used: u64,
}

/// The shape of a unit's source map (see [`SourceMap::same_shape`]). Most
/// units are copied unchanged from the source, and their shape is a length;
/// only other maps are kept whole.
#[derive(Debug)]
enum Shape {
    Verbatim(usize),
    Mapped(SourceMap),
}

impl Shape {
    fn of(map: &SourceMap) -> Shape {
        match map.verbatim_len() {
            Some(len) => Shape::Verbatim(len),
            None => Shape::Mapped(map.clone()),
        }
    }

    /// True when findings made through a map of this shape hold for `map` once moved.
    fn fits(&self, map: &SourceMap) -> bool {
        match self {
            Shape::Verbatim(len) => map.verbatim_len() == Some(*len),
            Shape::Mapped(kept) => kept.same_shape(map),
        }
    }
}

/// A unit's slot in the store, valid until the end of the current lint.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot(usize);

impl UnitStore {
    /// Starts a lint: from now on, entries count as used when touched.
    pub(super) fn begin(&mut self) {
        self.round += 1;
    }

    /// Ends a lint: drops every entry and every phrase context it did not use.
    pub(super) fn end(&mut self) {
        let round = self.round;
        for (index, slot) in self.entries.iter_mut().enumerate() {
            let Some(entry) = slot else { continue };
            if entry.used != round {
                self.by_text.remove(&entry.text);
                *slot = None;
                self.free.push(index);
                continue;
            }
            entry.phrases.retain(|phrase| phrase.used == round);
        }
    }

    /// The number of distinct texts kept.
    pub(super) fn len(&self) -> usize {
        self.by_text.len()
    }

    /// The entry of `text`, made now if there is none; a new entry comes with
    /// the full matching view it was made from, for matching it at once.
    pub(super) fn analyse(&mut self, text: &str) -> (Slot, Option<Normalized>) {
        if let Some(&index) = self.by_text.get(text) {
            if let Some(entry) = self.entries.get_mut(index).and_then(Option::as_mut) {
                entry.used = self.round;
                return (Slot(index), None);
            }
        }
        let view = Normalized::new(text);
        let text: Arc<str> = Arc::from(text);
        let entry = TextEntry {
            text: Arc::clone(&text),
            view: view.text.trim().into(),
            score: None,
            facts: UnitFacts::default(),
            phrases: Vec::new(),
            used: self.round,
        };
        let index = match self.free.pop() {
            Some(index) => {
                if let Some(slot) = self.entries.get_mut(index) {
                    *slot = Some(entry);
                }
                index
            }
            None => {
                self.entries.push(Some(entry));
                self.entries.len() - 1
            }
        };
        self.by_text.insert(text, index);
        (Slot(index), Some(view))
    }

    /// The language evidence of the text in `slot`, scored from `fresh` (its
    /// full matching view, when the caller has it) the first time it is asked for.
    pub(super) fn score(&mut self, slot: Slot, fresh: Option<&Normalized>) -> LanguageScore {
        let Some(entry) = self.entry_mut(slot) else { return LanguageScore::default() };
        *entry.score.get_or_insert_with(|| match fresh {
            Some(view) => language::score(&view.text),
            None => language::score(&Normalized::new(&entry.text).text),
        })
    }

    /// What the survey rules read of the text in `slot`: its trimmed
    /// matching view and what they learnt about it before.
    pub(super) fn survey_view(&self, slot: Slot) -> (&str, &UnitFacts) {
        match self.entries.get(slot.0).and_then(Option::as_ref) {
            Some(entry) => (&entry.view, &entry.facts),
            None => ("", &self.no_facts),
        }
    }

    /// The phrase findings kept for `unit` (whose text is in `slot`) read in
    /// `language`, relative to its [source base](SourceMap::source_base).
    pub(super) fn phrase_findings(
        &mut self,
        slot: Slot,
        unit: &Unit,
        language: Language,
    ) -> Option<&[(RuleId, Diagnostic)]> {
        let round = self.round;
        let entry = self.entry_mut(slot)?;
        let phrase = entry.phrases.iter_mut().find(|phrase| {
            phrase.kind == unit.kind
                && phrase.language == language
                && phrase.escape == unit.escape
                && phrase.shape.fits(&unit.map)
        })?;
        phrase.used = round;
        Some(&phrase.findings)
    }

    /// Keeps the phrase findings of `unit` read in `language`, relative to
    /// its source base.
    pub(super) fn keep_phrase_findings(
        &mut self,
        slot: Slot,
        unit: &Unit,
        language: Language,
        findings: Vec<(RuleId, Diagnostic)>,
    ) {
        let used = self.round;
        let Some(entry) = self.entry_mut(slot) else { return };
        // Mostly one context per text: no room kept for more (the server
        // keeps an entry per distinct text of every open document).
        entry.phrases.reserve_exact(1);
        entry.phrases.push(PhraseEntry {
            kind: unit.kind,
            language,
            escape: unit.escape,
            shape: Shape::of(&unit.map),
            findings,
            used,
        });
    }

    fn entry_mut(&mut self, slot: Slot) -> Option<&mut TextEntry> {
        self.entries.get_mut(slot.0).and_then(Option::as_mut)
    }
}
