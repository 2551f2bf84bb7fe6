//! Trigger literals: a phrase pattern can only match where one of its
//! required literals ([`crate::literals`]) occurs ("geef" or "give" for a
//! request for a 10, "beoordeeld" for a staff member being judged). The
//! literals of all patterns of a language are found in one pass with
//! Aho-Corasick, and a pattern's own regex then runs only in the stretch of
//! text around them. Most text contains none, so most patterns never run,
//! and no automaton of all patterns is built before the first lint.

use std::borrow::Cow;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

/// The trigger literals of every pattern of a language, found in one pass.
pub(crate) struct Triggers {
    scanner: Option<AhoCorasick>,
    /// For each literal of the scanner, the patterns that require it.
    patterns_of_literal: Vec<Vec<usize>>,
    /// Patterns without selective literals: they run on every text.
    always: Vec<usize>,
    pattern_count: usize,
}

impl Triggers {
    /// The required literals of each pattern, in pattern order; a pattern
    /// without (`None`) runs on every text.
    pub(crate) fn new(required: Vec<Option<Vec<Cow<'_, [u8]>>>>) -> Triggers {
        let pattern_count = required.len();
        let mut literals: Vec<Cow<'_, [u8]>> = Vec::new();
        let mut index_of: std::collections::HashMap<Cow<'_, [u8]>, usize> = std::collections::HashMap::new();
        let mut patterns_of_literal: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for (pattern, required) in required.into_iter().enumerate() {
            let Some(required) = required else {
                always.push(pattern);
                continue;
            };
            for literal in required {
                let index = *index_of.entry(literal.clone()).or_insert_with(|| {
                    literals.push(literal);
                    patterns_of_literal.push(Vec::new());
                    literals.len() - 1
                });
                patterns_of_literal[index].push(pattern);
            }
        }
        let scanner = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&literals).ok();
        if scanner.is_none() {
            // Cannot happen for literal bytes; if it did, every pattern runs everywhere.
            always = (0..pattern_count).collect();
        }
        Triggers { scanner, patterns_of_literal, always, pattern_count }
    }

    /// For each pattern that may match `text`, the stretches of text to search
    /// it in: `reach` bytes around each of its literals, merged, or the whole
    /// text for patterns without literals. Ascending by pattern.
    pub(crate) fn stretches(&self, text: &str, reach: usize) -> Vec<(usize, Vec<Range<usize>>)> {
        let mut per_pattern: Vec<Vec<Range<usize>>> = vec![Vec::new(); self.pattern_count];
        for &pattern in &self.always {
            per_pattern[pattern].push(0..text.len());
        }
        if let Some(scanner) = &self.scanner {
            for found in scanner.find_overlapping_iter(text) {
                let around = found.start().saturating_sub(reach)..found.end().saturating_add(reach).min(text.len());
                for &pattern in &self.patterns_of_literal[found.pattern().as_usize()] {
                    let stretches = &mut per_pattern[pattern];
                    match stretches.last_mut() {
                        // Literals are found in order of their end, so a stretch
                        // only ever grows at its end or a new one follows.
                        Some(last) if last.end >= around.start => {
                            last.start = last.start.min(around.start);
                            last.end = last.end.max(around.end);
                        }
                        _ => stretches.push(around.clone()),
                    }
                }
            }
        }
        per_pattern.into_iter().enumerate().filter(|(_, stretches)| !stretches.is_empty()).collect()
    }

    /// How many patterns run on every text (for tests and `debug`).
    #[cfg(test)]
    pub(crate) fn always_count(&self) -> usize {
        self.always.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;

    #[test]
    fn stretches_surround_the_literals_and_merge() {
        let mut trees = crate::engine::builtin_class_trees(Language::English);
        let required = [r"\bgive us\b", r"\bten\b", r"\w+ a\b"]
            .iter()
            .map(|pattern| {
                let tree = trees.parse(pattern).ok();
                let literals = tree.as_ref().and_then(crate::literals::required_literals)?;
                Some(literals.into_iter().map(Cow::Owned).collect())
            })
            .collect();
        let triggers = Triggers::new(required);
        assert_eq!(triggers.always_count(), 1);
        let text = "please give us ten, give us ten";
        let summary = |text: &str| -> Vec<(usize, Vec<(usize, usize)>)> {
            let stretches = triggers.stretches(text, 3);
            stretches
                .into_iter()
                .map(|(pattern, found)| (pattern, found.iter().map(|r| (r.start, r.end)).collect()))
                .collect()
        };
        // "give us" twice, close enough to merge; "ten" twice, apart; the third pattern everywhere.
        assert_eq!(summary(text), [(0, vec![(4, 30)]), (1, vec![(12, 21), (25, 31)]), (2, vec![(0, 31)])]);
        assert_eq!(summary("nothing here"), [(2, vec![(0, 12)])]);
    }
}
