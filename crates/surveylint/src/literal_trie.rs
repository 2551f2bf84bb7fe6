//! A trie of literals that can be built at compile time: the trigger
//! literals of the built-in patterns are turned into static tables by
//! `build.rs` (which includes this file), so the first lint builds no
//! automaton. An Aho-Corasick automaton of the 5,000–6,000 literals of a
//! language cost about 4 ms to build at every start, and it cannot be
//! serialised. Rule packs of a team build the same trie at run time.
//!
//! The search walks the trie from every byte of the text. A walk stops at
//! the first byte no literal continues with, so it is at most as long as the
//! longest literal: the cost is linear in the text, times a constant of the
//! rule set (most walks end after one to three bytes).

use std::borrow::Cow;

/// Literals in a trie whose states are numbered breadth first, so the
/// children of a state are consecutive and sorted by their byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LiteralTrie<'a> {
    /// For each state, the byte that leads to it (the root's is 0).
    labels: Cow<'a, [u8]>,
    /// One bit per state: a literal ends there.
    ends: Cow<'a, [u64]>,
    /// The literal of each state where one ends, in state order.
    literal_of_end: Cow<'a, [u32]>,
    // Derived from the three above when the trie is made (they are all
    // `build.rs` writes, so the tables in the binary stay small).
    /// For each state, its first child; one more entry closes the last, so
    /// the children of `s` are `first_child[s]..first_child[s + 1]`.
    first_child: Vec<u32>,
    /// The root and its children (states `0..dense.len() / 256`, numbered
    /// first), 256 entries each: the state each byte leads to (0: none).
    /// Most walks end in these first two steps, where a state has dozens of
    /// children; deeper states have a few and are searched in `labels`.
    dense: Vec<u32>,
    /// For each word of `ends`, how many bits the words before it hold.
    ends_before: Vec<u32>,
}

/// What `build.rs` writes of a trie (see [`LiteralTrie::tables`]).
pub(crate) struct TrieTables {
    pub(crate) labels: &'static [u8],
    /// For each state, how many children it has (at most 128: literals are
    /// ASCII).
    pub(crate) child_counts: &'static [u8],
    pub(crate) ends: &'static [u64],
    pub(crate) literal_of_end: &'static [u32],
}

impl LiteralTrie<'static> {
    /// The trie of tables written by `build.rs`.
    pub(crate) fn from_tables(tables: &TrieTables) -> LiteralTrie<'static> {
        let mut first_child = Vec::with_capacity(tables.child_counts.len() + 1);
        // The root is state 0, so its first child is state 1.
        let mut next = 1u32;
        for &count in tables.child_counts {
            first_child.push(next);
            next += u32::from(count);
        }
        first_child.push(next);
        LiteralTrie::assemble(
            Cow::Borrowed(tables.labels),
            first_child,
            Cow::Borrowed(tables.ends),
            Cow::Borrowed(tables.literal_of_end),
        )
    }

    /// The trie of `literals`, literal `i` reported as `i`. An empty literal
    /// is left out (it would match everywhere); of equal literals the first
    /// is reported.
    pub(crate) fn new<L: AsRef<[u8]>>(literals: &[L]) -> LiteralTrie<'static> {
        let mut sorted: Vec<(&[u8], u32)> = literals
            .iter()
            .enumerate()
            .filter(|(_, literal)| !literal.as_ref().is_empty())
            .map(|(index, literal)| (literal.as_ref(), to_u32(index)))
            .collect();
        sorted.sort_unstable();
        sorted.dedup_by(|later, earlier| later.0 == earlier.0);

        let mut labels = vec![0u8];
        let mut first_child = Vec::new();
        let mut ending: Vec<(usize, u32)> = Vec::new();
        // Breadth first: (state, depth, the sorted literals that pass through it).
        let mut queue = std::collections::VecDeque::from([(0usize, 0usize, 0..sorted.len())]);
        while let Some((state, depth, range)) = queue.pop_front() {
            first_child.push(to_u32(labels.len()));
            let mut index = range.start;
            // Sorted, so the one literal that ends here (if any) comes first.
            if let Some(&(_, id)) = sorted.get(index).filter(|(literal, _)| literal.len() == depth) {
                ending.push((state, id));
                index += 1;
            }
            while index < range.end {
                let byte = sorted[index].0[depth];
                let mut end = index + 1;
                while end < range.end && sorted[end].0[depth] == byte {
                    end += 1;
                }
                queue.push_back((labels.len(), depth + 1, index..end));
                labels.push(byte);
                index = end;
            }
        }
        first_child.push(to_u32(labels.len()));

        let mut ends = vec![0u64; labels.len().div_ceil(64)];
        for &(state, _) in &ending {
            ends[state / 64] |= 1 << (state % 64);
        }
        ending.sort_unstable();
        let literal_of_end = ending.into_iter().map(|(_, id)| id).collect();
        LiteralTrie::assemble(Cow::Owned(labels), first_child, Cow::Owned(ends), Cow::Owned(literal_of_end))
    }

    /// The trie with what is derived from its tables.
    fn assemble(
        labels: Cow<'static, [u8]>,
        first_child: Vec<u32>,
        ends: Cow<'static, [u64]>,
        literal_of_end: Cow<'static, [u32]>,
    ) -> LiteralTrie<'static> {
        // The root's children are states 1..first_child[1]; their children follow them.
        let dense_states = first_child.get(1).map_or(1, |&end| end as usize);
        let mut dense = vec![0u32; dense_states * 256];
        for (state, row) in dense.chunks_mut(256).enumerate() {
            let children = first_child.get(state).zip(first_child.get(state + 1));
            for child in children.map_or(0..0, |(&first, &last)| first..last) {
                if let Some(&label) = labels.get(child as usize) {
                    row[usize::from(label)] = child;
                }
            }
        }
        let mut ends_before = Vec::with_capacity(ends.len());
        let mut before = 0;
        for word in ends.iter() {
            ends_before.push(before);
            before += word.count_ones();
        }
        LiteralTrie { labels, ends, literal_of_end, first_child, dense, ends_before }
    }
}

impl LiteralTrie<'_> {
    /// Calls `found(literal, start, end)` for every occurrence of every
    /// literal in `text`, overlapping ones included, by start and then end.
    pub(crate) fn for_each_match(&self, text: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        for start in 0..text.len() {
            let mut state = self.child(0, text[start]);
            let mut end = start + 1;
            while state != 0 {
                if let Some(literal) = self.literal_ending_at(state) {
                    found(literal, start, end);
                }
                let Some(&byte) = text.get(end) else { break };
                state = self.child(state, byte);
                end += 1;
            }
        }
    }

    /// The child of `state` reached with `byte`; 0 when there is none.
    fn child(&self, state: u32, byte: u8) -> u32 {
        let state = state as usize;
        if state < self.dense.len() / 256 {
            return self.dense.get(state * 256 + usize::from(byte)).copied().unwrap_or(0);
        }
        let (Some(&first), Some(&last)) = (self.first_child.get(state), self.first_child.get(state + 1)) else {
            return 0;
        };
        let children = self.labels.get(first as usize..last as usize).unwrap_or_default();
        children.iter().position(|&label| label == byte).map_or(0, |offset| first + to_u32(offset))
    }

    /// The literal that ends at `state`, if one does.
    fn literal_ending_at(&self, state: u32) -> Option<usize> {
        let (word, bit) = (state as usize / 64, state % 64);
        let bits = *self.ends.get(word)?;
        if bits & (1 << bit) == 0 {
            return None;
        }
        let rank = *self.ends_before.get(word)? + (bits & ((1 << bit) - 1)).count_ones();
        self.literal_of_end.get(rank as usize).map(|&literal| literal as usize)
    }

    /// What `build.rs` writes of the trie, as the fields of a [`TrieTables`]
    /// in Rust; `None` when a state has more than 255 children (literals of
    /// bytes that are not ASCII).
    // Only `build.rs` (which includes this file) writes tables.
    #[allow(dead_code)]
    pub(crate) fn tables(&self) -> Option<String> {
        let counts: Option<Vec<u8>> =
            self.first_child.windows(2).map(|pair| u8::try_from(pair[1] - pair[0]).ok()).collect();
        Some(format!(
            "crate::literal_trie::TrieTables {{ labels: b\"{}\", child_counts: &{:?}, ends: {}, literal_of_end: {} }}",
            self.labels.escape_ascii(),
            counts?,
            list(&self.ends),
            list(&self.literal_of_end)
        ))
    }
}

/// For each literal, the sets (numbered groups of literals) it belongs to,
/// in one flat list: those of literal `i` are `sets[starts[i]..starts[i + 1]]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SetsOfLiteral {
    starts: Vec<u32>,
    sets: Vec<u32>,
}

impl SetsOfLiteral {
    /// The inverse of `sets` (each a list of literal numbers below `literal_count`).
    pub(crate) fn new<S: AsRef<[u32]>>(sets: &[S], literal_count: usize) -> SetsOfLiteral {
        // Counted first, then filled, so that no literal needs a list of its own.
        let mut starts = vec![0u32; literal_count + 1];
        for &literal in sets.iter().flat_map(AsRef::as_ref) {
            if let Some(count) = starts.get_mut(literal as usize + 1) {
                *count += 1;
            }
        }
        for index in 1..starts.len() {
            starts[index] += starts[index - 1];
        }
        let mut filled = starts.clone();
        let mut flat = vec![0u32; starts.last().map_or(0, |&total| total as usize)];
        for (set, members) in sets.iter().enumerate() {
            for &literal in members.as_ref() {
                if let Some(next) = filled.get_mut(literal as usize) {
                    if let Some(slot) = flat.get_mut(*next as usize) {
                        *slot = to_u32(set);
                    }
                    *next += 1;
                }
            }
        }
        SetsOfLiteral { starts, sets: flat }
    }

    /// The sets of `literal`.
    pub(crate) fn of(&self, literal: usize) -> &[u32] {
        let (Some(&start), Some(&end)) = (self.starts.get(literal), self.starts.get(literal + 1)) else {
            return &[];
        };
        self.sets.get(start as usize..end as usize).unwrap_or_default()
    }
}

/// `values` as a Rust slice expression.
#[allow(dead_code)]
fn list<T: ToString>(values: &[T]) -> String {
    let items: Vec<String> = values.iter().map(ToString::to_string).collect();
    format!("&[{}]", items.join(","))
}

/// A count of states or literals as a table entry. Tables of more than four
/// billion states cannot be built in memory first, so this never saturates.
pub(crate) fn to_u32(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::LiteralTrie;

    /// Every occurrence of every literal, found one literal at a time.
    fn naive(literals: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        for (index, literal) in literals.iter().enumerate() {
            if literal.is_empty() || literals[..index].contains(literal) {
                continue;
            }
            for start in 0..text.len() {
                if text.as_bytes()[start..].starts_with(literal.as_bytes()) {
                    found.push((index, start, start + literal.len()));
                }
            }
        }
        found.sort_by_key(|&(_, start, end)| (start, end));
        found
    }

    fn matches(literals: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        LiteralTrie::new(literals)
            .for_each_match(text.as_bytes(), |literal, start, end| found.push((literal, start, end)));
        found
    }

    #[test]
    fn finds_overlapping_and_nested_literals() {
        let literals = ["geef", "geef ons", "ons", "een 9", "9", "", "ons"];
        let text = "geef ons een 9, geef!";
        assert_eq!(
            matches(&literals, text),
            vec![(0, 0, 4), (1, 0, 8), (2, 5, 8), (3, 9, 14), (4, 13, 14), (0, 16, 20)]
        );
        assert_eq!(matches(&literals, text), naive(&literals, text));
    }

    #[test]
    fn sets_of_a_literal_are_the_inverse_of_the_sets() {
        let sets: [&[u32]; 3] = [&[0, 2], &[2], &[1, 2]];
        let inverse = super::SetsOfLiteral::new(&sets, 4);
        let found: Vec<&[u32]> = (0..5).map(|literal| inverse.of(literal)).collect();
        assert_eq!(found, [&[0][..], &[2], &[0, 1, 2], &[], &[]]);
    }

    proptest::proptest! {
        #[test]
        fn finds_what_a_search_per_literal_finds(
            literals in proptest::collection::vec("[ab ]{0,4}", 0..12),
            text in "[abc ]{0,40}",
        ) {
            let literals: Vec<&str> = literals.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(matches(&literals, &text), naive(&literals, &text));
        }
    }
}
