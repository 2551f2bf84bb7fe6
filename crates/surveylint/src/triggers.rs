//! Trigger literals: a phrase pattern can only match where one of its
//! required literals ([`crate::literals`]) occurs ("geef" or "give" for a
//! request for a 10, "beoordeeld" for a staff member being judged). The
//! literals of all patterns of a language are found in one pass with a trie
//! built at compile time ([`crate::literal_trie`]), and a pattern's own regex
//! then runs only in the stretch of text around them. Most text contains
//! none, so most patterns never run, and no automaton of all patterns is
//! built before the first lint.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use crate::literal_trie::{LiteralTrie, SetsOfLiteral, TrieTables};

/// The trigger literals of every pattern of a language, found in one pass.
pub(crate) struct Triggers {
    scanner: LiteralTrie<'static>,
    /// For each literal of the scanner, the sets of literals it belongs to.
    /// Patterns share sets (every request for a top score needs a top
    /// answer), so a hit is recorded once per set, not once per pattern.
    sets_of_literal: SetsOfLiteral,
    /// For each set, the patterns whose search starts around it.
    starts_patterns: Vec<Vec<usize>>,
    /// For each pattern, the further sets that must also occur.
    also_sets: Vec<Vec<usize>>,
    /// Patterns without selective literals: they run on every text.
    always: Vec<usize>,
}

/// What `build.rs` found the built-in patterns of one language to require,
/// each distinct literal and set of literals once.
pub(crate) struct BuiltinTriggers {
    pub(crate) language: &'static str,
    /// Every literal, one after the other; literal `i` ends at `literal_ends[i]`.
    pub(crate) literal_bytes: &'static [u8],
    pub(crate) literal_ends: &'static [u32],
    /// Each set as indices of literals.
    pub(crate) sets: &'static [&'static [u32]],
    /// (the pattern's [`crate::literals::pattern_key`], its first set, its
    /// further sets), sorted by key.
    pub(crate) patterns: &'static [(u64, Option<u32>, &'static [u32])],
    /// The literals in a trie, each reported by its number.
    pub(crate) scanner: TrieTables,
}

impl BuiltinTriggers {
    /// The table of `language` (a code such as `nl`).
    pub(crate) fn of(language: &str) -> Option<&'static BuiltinTriggers> {
        crate::catalogue::BUILTIN_TRIGGERS.iter().find(|table| table.language == language)
    }

    /// The first and further sets of `pattern`; `None` when it is not a
    /// built-in pattern, `Some(None)` when it requires nothing selective.
    pub(crate) fn sets_of(&self, pattern: &str) -> Option<Option<(u32, &'static [u32])>> {
        let key = crate::literals::pattern_key(pattern);
        let index = self.patterns.binary_search_by_key(&key, |(built_in, _, _)| *built_in).ok()?;
        let (_, primary, also) = self.patterns[index];
        Some(primary.map(|primary| (primary, also)))
    }

    /// How many literals there are.
    fn literal_count(&self) -> usize {
        self.literal_ends.len()
    }

    /// Literal `index`.
    fn literal(&self, index: usize) -> Option<&'static [u8]> {
        let start = match index.checked_sub(1) {
            Some(previous) => *self.literal_ends.get(previous)? as usize,
            None => 0,
        };
        let end = *self.literal_ends.get(index)? as usize;
        self.literal_bytes.get(start..end)
    }

    /// What `pattern` requires, as [`Required::of`] would find it.
    pub(crate) fn required(&self, pattern: &str) -> Option<Option<Required<'static>>> {
        let set = |id: u32| -> Vec<Cow<'static, [u8]>> {
            let members = self.sets.get(id as usize).copied().unwrap_or_default();
            members.iter().filter_map(|&literal| self.literal(literal as usize)).map(Cow::Borrowed).collect()
        };
        let sets = self.sets_of(pattern)?;
        Some(
            sets.map(|(primary, also)| Required {
                primary: set(primary),
                also: also.iter().map(|&id| set(id)).collect(),
            }),
        )
    }
}

/// What a pattern requires of a text before it is searched.
pub(crate) struct Required<'a> {
    /// One of these occurs in every match; the search starts around them.
    pub(crate) primary: Vec<Cow<'a, [u8]>>,
    /// One of each of these sets occurs in every match too.
    pub(crate) also: Vec<Vec<Cow<'a, [u8]>>>,
}

impl Required<'static> {
    /// What every match of `tree` requires; `None` when nothing selective.
    pub(crate) fn of(tree: &regex_syntax::hir::Hir) -> Option<Required<'static>> {
        let primary = crate::literals::required_literals(tree)?;
        let also = crate::literals::also_required(tree, &primary);
        let owned = |set: std::collections::BTreeSet<Vec<u8>>| set.into_iter().map(Cow::Owned).collect();
        Some(Required { also: also.into_iter().map(owned).collect(), primary: owned(primary) })
    }
}

/// The distinct sets of literals of all patterns, and their literals.
#[derive(Default)]
struct Sets<'a> {
    literals: Vec<Cow<'a, [u8]>>,
    literal_index: HashMap<Cow<'a, [u8]>, u32>,
    set_index: HashMap<Vec<Cow<'a, [u8]>>, usize>,
    /// Each set as numbers of literals, by id.
    members: Vec<Vec<u32>>,
}

impl<'a> Sets<'a> {
    /// The id of `set`: the next free one when it is new (ids count up from 0).
    fn id(&mut self, set: Vec<Cow<'a, [u8]>>) -> usize {
        if let Some(id) = self.set_index.get(&set) {
            return *id;
        }
        let id = self.set_index.len();
        let members = set
            .iter()
            .map(|literal| {
                *self.literal_index.entry(literal.clone()).or_insert_with(|| {
                    self.literals.push(literal.clone());
                    crate::literal_trie::to_u32(self.literals.len() - 1)
                })
            })
            .collect();
        self.members.push(members);
        self.set_index.insert(set, id);
        id
    }
}

impl Triggers {
    /// What each pattern requires, in pattern order; a pattern without
    /// (`None`) runs on every text.
    pub(crate) fn new(required: Vec<Option<Required<'_>>>) -> Triggers {
        let mut sets = Sets::default();
        let pattern_sets: Vec<Option<(usize, Vec<usize>)>> = required
            .into_iter()
            .map(|required| {
                let required = required?;
                let primary = sets.id(required.primary);
                Some((primary, required.also.into_iter().map(|set| sets.id(set)).collect()))
            })
            .collect();
        let Sets { literals, members, .. } = sets;
        let sets_of_literal = SetsOfLiteral::new(&members, literals.len());
        Triggers::assemble(LiteralTrie::new(&literals), sets_of_literal, members.len(), pattern_sets)
    }

    /// The triggers of `patterns` when all of them are built-in (the usual
    /// case): the scanner is made from the tables of `build.rs`, not a single
    /// literal is hashed.
    pub(crate) fn built_in<'p>(
        table: &BuiltinTriggers,
        patterns: impl ExactSizeIterator<Item = &'p str>,
    ) -> Option<Triggers> {
        let set_count = table.sets.len();
        let mut pattern_sets = Vec::with_capacity(patterns.len());
        for text in patterns {
            let sets = table.sets_of(text)?;
            let sets = sets.map(|(primary, also)| (primary as usize, also.iter().map(|&set| set as usize).collect()));
            if sets.as_ref().is_some_and(|(primary, also): &(usize, Vec<usize>)| {
                *primary >= set_count || also.iter().any(|&set| set >= set_count)
            }) {
                return None;
            }
            pattern_sets.push(sets);
        }
        let sets_of_literal = SetsOfLiteral::new(table.sets, table.literal_count());
        Some(Triggers::assemble(LiteralTrie::from_tables(&table.scanner), sets_of_literal, set_count, pattern_sets))
    }

    /// The triggers of a scanner of numbered literals and their sets:
    /// `sets_of_literal` gives each literal's sets (numbered below
    /// `set_count`), `pattern_sets` each pattern's first and further sets
    /// (`None`: it runs on every text).
    fn assemble(
        scanner: LiteralTrie<'static>,
        sets_of_literal: SetsOfLiteral,
        set_count: usize,
        pattern_sets: Vec<Option<(usize, Vec<usize>)>>,
    ) -> Triggers {
        let pattern_count = pattern_sets.len();
        let mut starts_patterns: Vec<Vec<usize>> = vec![Vec::new(); set_count];
        let mut also_sets = vec![Vec::new(); pattern_count];
        let mut always = Vec::new();
        for (pattern, sets) in pattern_sets.into_iter().enumerate() {
            match sets {
                Some((primary, also)) if primary < set_count => {
                    starts_patterns[primary].push(pattern);
                    also_sets[pattern] = also;
                }
                _ => always.push(pattern),
            }
        }
        Triggers { scanner, sets_of_literal, starts_patterns, also_sets, always }
    }

    /// For each pattern that may match `text`, the stretches of text to search
    /// it in: `reach` bytes around each literal of its first set, merged,
    /// provided a literal of each of its other sets occurs too; the whole
    /// text for patterns without literals. Ascending by pattern.
    pub(crate) fn stretches(&self, text: &str, reach: usize) -> Vec<(usize, Vec<Range<usize>>)> {
        let mut seen = vec![false; self.starts_patterns.len()];
        // (set, start, end) of each literal of a set some search starts from.
        let mut starts: Vec<(usize, usize, usize)> = Vec::new();
        self.scanner.for_each_match(text.as_bytes(), |literal, start, end| {
            for &set in self.sets_of_literal.of(literal) {
                let set = set as usize;
                let Some(starts_patterns) = self.starts_patterns.get(set) else { continue };
                seen[set] = true;
                if !starts_patterns.is_empty() {
                    starts.push((set, start, end));
                }
            }
        });
        starts.sort_unstable();
        let mut found: Vec<(usize, Vec<Range<usize>>)> =
            self.always.iter().map(|&pattern| (pattern, std::iter::once(0..text.len()).collect())).collect();
        for group in starts.chunk_by(|first, second| first.0 == second.0) {
            let set = group[0].0;
            let mut patterns = self.starts_patterns[set]
                .iter()
                .filter(|&&pattern| self.also_sets[pattern].iter().all(|&also| seen[also]))
                .peekable();
            if patterns.peek().is_none() {
                continue;
            }
            let mut stretches: Vec<Range<usize>> = Vec::new();
            for &(_, start, end) in group {
                let around = start.saturating_sub(reach)..end.saturating_add(reach).min(text.len());
                match stretches.last_mut() {
                    // Sorted by start, so a stretch only ever grows at its end or a new one follows.
                    Some(last) if last.end >= around.start => last.end = last.end.max(around.end),
                    _ => stretches.push(around),
                }
            }
            found.extend(patterns.map(|&pattern| (pattern, stretches.clone())));
        }
        found.sort_by_key(|(pattern, _)| *pattern);
        found
    }

    /// How many patterns run on every text (for tests).
    #[cfg(test)]
    pub(crate) fn always_count(&self) -> usize {
        self.always.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;

    fn triggers(patterns: &[&str]) -> Triggers {
        let mut trees = crate::engine::builtin_class_trees(Language::English);
        let required =
            patterns.iter().map(|pattern| trees.parse(pattern).ok().as_ref().and_then(Required::of)).collect();
        Triggers::new(required)
    }

    fn summary(triggers: &Triggers, text: &str) -> Vec<(usize, Vec<(usize, usize)>)> {
        let stretches = triggers.stretches(text, 3);
        stretches
            .into_iter()
            .map(|(pattern, found)| (pattern, found.iter().map(|r| (r.start, r.end)).collect()))
            .collect()
    }

    #[test]
    fn stretches_surround_the_literals_and_merge() {
        let triggers = triggers(&[r"\bgive us\b", r"\bten\b", r"\w+ a\b"]);
        assert_eq!(triggers.always_count(), 1);
        // "give us" twice, close enough to merge; "ten" twice, apart; the third pattern everywhere.
        let text = "please give us ten, give us ten";
        assert_eq!(summary(&triggers, text), [(0, vec![(4, 30)]), (1, vec![(12, 21), (25, 31)]), (2, vec![(0, 31)])]);
        assert_eq!(summary(&triggers, "nothing here"), [(2, vec![(0, 12)])]);
    }

    /// The built-in rules never take the slow path (literals hashed at start).
    #[test]
    fn built_in_patterns_come_from_the_build_time_table() {
        for language in Language::ALL {
            let mut patterns: Vec<String> = Vec::new();
            for (origin, source) in crate::catalogue::BUILTIN_RULES {
                let Ok(parsed) = crate::rule::parse_rule_file(origin, source) else { panic!("{origin} parses") };
                patterns
                    .extend(parsed.patterns.get(&language).into_iter().flatten().map(|(pattern, _)| pattern.clone()));
            }
            let Some(table) = BuiltinTriggers::of(language.code()) else { panic!("{language:?} has a table") };
            let triggers = Triggers::built_in(table, patterns.iter().map(String::as_str));
            assert!(triggers.is_some_and(|triggers| triggers.always_count() == 0), "{language:?}");
            assert!(Triggers::built_in(table, ["\\bnot built in\\b"].into_iter()).is_none());
        }
    }

    /// The scanner written by `build.rs` is the trie of the table's literals.
    #[test]
    fn built_in_scanner_is_the_trie_of_its_literals() {
        for table in crate::catalogue::BUILTIN_TRIGGERS {
            let literals: Vec<&[u8]> = (0..table.literal_count()).filter_map(|index| table.literal(index)).collect();
            assert_eq!(literals.len(), table.literal_count());
            assert_eq!(LiteralTrie::from_tables(&table.scanner), LiteralTrie::new(&literals), "{}", table.language);
        }
    }

    /// A pattern that needs two words is searched only where both occur.
    #[test]
    fn every_required_part_must_occur() {
        let triggers = triggers(&[r"\bgive\b(?: \w+){0,3} (?:ten|nine)\b"]);
        assert_eq!(summary(&triggers, "give it a ten"), [(0, vec![(0, 7)])]);
        assert_eq!(summary(&triggers, "give it a try"), []);
        assert_eq!(summary(&triggers, "a nine, then give"), [(0, vec![(10, 17)])]);
    }
}
