//! Linting a document again after an edit, redoing only what the edit
//! touched: the language server lints a 1,000-question document on every
//! keystroke.
//!
//! What depends on one unit alone is kept per unit text by a [`LintCache`]:
//! the unit's matching view, its language evidence, its phrase findings
//! (under the unit's kind, resolved language, escape and source-map shape)
//! and what the survey rules learnt about it (`survey_rules::UnitFacts`).
//! What depends on the document as a whole is redone on every lint from
//! those kept facts: each unit's language (a unit without clear evidence of
//! its own takes the document's language, which every unit's evidence
//! decides), the survey rules (they compare questions and options across
//! the survey), and the document-level steps (source order, suppressions,
//! `unused-suppression`). The result equals [`Linter::lint`] of the same
//! document, finding for finding and in the same order; a property test
//! (`tests/incremental.rs`) checks it after random edits.

mod placement;
mod units;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::language::{Language, LanguageScore};
use crate::normalize::Normalized;
use crate::options::{LintOptions, RuleSettings};
use crate::rule_id::RuleId;
use crate::survey_rules::SurveyContext;

use super::running::{languages_from_scores, needs_detection};
use super::Linter;
use units::{Slot, UnitStore};

/// Per-unit analysis and phrase findings of the latest lint of one
/// document, so the next lint of that document re-analyses only the units
/// whose text (or context) changed.
///
/// Keep one cache per open document and lint every version of it through
/// [`LintCache::lint`]. A cache handed another linter or other rule
/// settings than last time starts afresh by itself; dropping it frees
/// everything it holds.
///
/// ```
/// use surveylint::{LintCache, LintOptions, Linter, TextFormat};
///
/// let linter = Linter::new();
/// let options = LintOptions::default();
/// let mut cache = LintCache::new();
/// let before = "1. Hoe was uw bezoek?\n\n2. Verdienen we een 10?\n";
/// let after = "1. Hoe was uw bezoekje?\n\n2. Verdienen we een 10?\n";
/// for text in [before, after] {
///     let document = surveylint::parse_text(text, TextFormat::Markdown);
///     let findings = cache.lint(&linter, &document, &options);
///     assert_eq!(findings, linter.lint(&document, &options));
/// }
/// // Only the edited question was matched again.
/// assert_eq!(cache.stats().matched, 1);
/// ```
#[derive(Debug, Default)]
pub struct LintCache {
    /// The linter and settings the kept findings were made with.
    made_with: Option<MadeWith>,
    units: UnitStore,
    stats: CacheStats,
}

/// What the kept phrase findings depend on besides the units themselves.
#[derive(Debug, PartialEq)]
struct MadeWith {
    linter: u64,
    settings: RuleSettings,
}

/// How much of the latest [`LintCache::lint`] was done anew.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CacheStats {
    /// Units in the document.
    pub units: usize,
    /// Distinct unit texts normalised anew (not kept from the lint before).
    pub analysed: usize,
    /// Units whose phrase rules ran anew: new text, or the same text in
    /// another kind, language or source-map shape.
    pub matched: usize,
    /// Distinct unit texts kept for the next lint.
    pub kept: usize,
}

impl LintCache {
    /// An empty cache: its first lint does all the work.
    pub fn new() -> LintCache {
        LintCache::default()
    }

    /// Forgets everything kept; the next lint does all the work.
    pub fn clear(&mut self) {
        *self = LintCache::default();
    }

    /// What the latest lint did anew.
    pub fn stats(&self) -> CacheStats {
        self.stats
    }

    /// Lints `document` as [`Linter::lint`] does, with the same result,
    /// reusing what the previous lint through this cache found in units
    /// that did not change.
    pub fn lint(&mut self, linter: &Linter, document: &Document, options: &LintOptions) -> Vec<Diagnostic> {
        let made_with = MadeWith { linter: linter.identity, settings: linter.settings(options) };
        if self.made_with.as_ref() != Some(&made_with) {
            self.units = UnitStore::default();
        }
        let settings = &self.made_with.insert(made_with).settings;
        let units = &mut self.units;
        let forced = options.language;
        let mut stats = CacheStats { units: document.units.len(), ..CacheStats::default() };
        units.begin();
        let Analysed { slots, scores, fresh } = analyse(units, document, forced, &mut stats);
        let languages = languages_from_scores(document, &scores, forced);
        let (mut findings, matched) = phrase_findings(units, linter, document, &slots, fresh, &languages, settings);
        stats.matched = matched;

        // The survey rules and the document-level steps, over the kept views and facts.
        let kept = slots.iter().map(|&slot| units.survey_view(slot));
        let context = SurveyContext::with_kept(document, &languages, &options.limits, kept);
        findings.extend(linter.survey_findings(&context, settings));
        drop(context);
        let findings = linter.finish(document, &languages, forced, settings, findings);
        units.end();
        stats.kept = units.len();
        self.stats = stats;
        findings
    }
}

/// Each unit's entry in the store, by unit index, with what the language
/// decision needs of it.
struct Analysed {
    slots: Vec<Slot>,
    /// Each unit's language evidence ([`super::running::unit_score`]).
    scores: Vec<LanguageScore>,
    /// The full matching view of each text analysed anew, by the index of
    /// its first unit, kept until that unit's phrase rules have run.
    fresh: Vec<(usize, Normalized)>,
}

/// Finds or makes the entry of every unit's text.
fn analyse(units: &mut UnitStore, document: &Document, forced: Option<Language>, stats: &mut CacheStats) -> Analysed {
    let mut analysed = Analysed {
        slots: Vec::with_capacity(document.units.len()),
        scores: Vec::with_capacity(document.units.len()),
        fresh: Vec::new(),
    };
    for (index, unit) in document.units.iter().enumerate() {
        let (slot, view) = units.analyse(&unit.text);
        let score = if needs_detection(unit, forced) { units.score(slot, view.as_ref()) } else { Default::default() };
        analysed.slots.push(slot);
        analysed.scores.push(score);
        if let Some(view) = view {
            stats.analysed += 1;
            analysed.fresh.push((index, view));
        }
    }
    analysed
}

/// Every unit's phrase findings, unit by unit: kept ones moved into place,
/// the others found now and kept; with the number of units matched anew.
fn phrase_findings(
    units: &mut UnitStore,
    linter: &Linter,
    document: &Document,
    slots: &[Slot],
    fresh: Vec<(usize, Normalized)>,
    languages: &[Language],
    settings: &RuleSettings,
) -> (Vec<(RuleId, Diagnostic)>, usize) {
    let mut fresh = fresh.into_iter().peekable();
    let mut findings = Vec::new();
    let mut matched = 0;
    for (index, ((unit, &slot), &language)) in document.units.iter().zip(slots).zip(languages).enumerate() {
        let view = fresh.next_if(|(fresh_index, _)| *fresh_index == index).map(|(_, view)| view);
        if let Some(kept) = units.phrase_findings(slot, unit, language) {
            findings.extend(placement::placed(kept, unit, index));
            continue;
        }
        matched += 1;
        let view = view.unwrap_or_else(|| Normalized::new(&unit.text));
        let found = linter.lint_unit(document, index, &view, language, settings);
        units.keep_phrase_findings(slot, unit, language, placement::relative(&found, unit.map.source_base()));
        findings.extend(found);
    }
    (findings, matched)
}
