//! The literal text every match of a pattern must contain, read from its
//! syntax tree, in the manner of a trigram index (Russ Cox, "Regular
//! Expression Matching with a Trigram Index", 2012) but with whole literals:
//! a concatenation requires what its most selective part requires, an
//! alternation one of what each branch requires, and a run of parts with few
//! spellings is multiplied out, so `(?:geef|give) (?:ons|us)` requires
//! "geef ons" or "give us".
//!
//! Pure and free of the rest of the crate: `build.rs` includes it to find the
//! literals of the built-in patterns at build time.

use std::collections::BTreeSet;

use regex_syntax::hir::{Class, Hir, HirKind};

/// The most spellings a part may have and still be multiplied out with its
/// neighbours, or be kept as a set of required literals.
const MAX_EXACT: usize = 64;

/// The most literals one pattern may require (a union over the branches of
/// large word classes); beyond it the pattern runs everywhere.
const MAX_REQUIRED: usize = 2048;

/// A required literal shorter than this occurs almost everywhere (" a ",
/// "s"), so the pattern is treated as having none and runs on every text.
const MIN_TRIGGER_BYTES: usize = 3;

/// What is known of the text a syntax tree matches.
struct Known {
    /// Every string it can match, when they are few.
    exact: Option<BTreeSet<Vec<u8>>>,
    /// A set of literals one of which occurs in every match; `None` when
    /// nothing is known.
    required: Option<BTreeSet<Vec<u8>>>,
}

impl Known {
    fn nothing() -> Known {
        Known { exact: None, required: None }
    }

    fn empty() -> Known {
        Known { exact: Some(BTreeSet::from([Vec::new()])), required: None }
    }

    fn exact(strings: BTreeSet<Vec<u8>>) -> Known {
        let required = usable(&strings).then(|| strings.clone());
        Known { exact: Some(strings), required }
    }
}

/// A set is usable as a requirement when none of its literals is empty.
fn usable(literals: &BTreeSet<Vec<u8>>) -> bool {
    !literals.is_empty() && literals.iter().all(|literal| !literal.is_empty())
}

/// A literal this long is rare enough in survey text; longer ones are not
/// worth more literals to scan for.
const SELECTIVE_BYTES: usize = 5;

/// How selective a set of required literals is: the shortest literal counts
/// most (one short literal makes the whole set fire often), up to
/// [`SELECTIVE_BYTES`]; then fewer literals (each one costs scanner size).
fn selectivity(literals: &BTreeSet<Vec<u8>>) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = literals.iter().map(Vec::len).min().unwrap_or(0);
    (shortest.min(SELECTIVE_BYTES), std::cmp::Reverse(literals.len()))
}

fn more_selective(best: Option<BTreeSet<Vec<u8>>>, candidate: Option<BTreeSet<Vec<u8>>>) -> Option<BTreeSet<Vec<u8>>> {
    match (best, candidate) {
        (Some(best), Some(candidate)) => {
            Some(if selectivity(&candidate) > selectivity(&best) { candidate } else { best })
        }
        (best, candidate) => best.or(candidate),
    }
}

/// Every concatenation of one string of `left` with one of `right`, when
/// there are at most [`MAX_EXACT`].
fn product(left: &BTreeSet<Vec<u8>>, right: &BTreeSet<Vec<u8>>) -> Option<BTreeSet<Vec<u8>>> {
    if left.len().saturating_mul(right.len()) > MAX_EXACT {
        return None;
    }
    Some(
        left.iter()
            .flat_map(|first| {
                right.iter().map(move |second| {
                    let mut joined = first.clone();
                    joined.extend_from_slice(second);
                    joined
                })
            })
            .collect(),
    )
}

fn known(tree: &Hir) -> Known {
    match tree.kind() {
        HirKind::Empty | HirKind::Look(_) => Known::empty(),
        HirKind::Literal(literal) => Known::exact(BTreeSet::from([literal.0.to_vec()])),
        HirKind::Class(class) => class_strings(class).map_or_else(Known::nothing, Known::exact),
        HirKind::Capture(capture) => known(&capture.sub),
        HirKind::Repetition(repetition) => {
            let inner = known(&repetition.sub);
            match (repetition.min, repetition.max) {
                (1, Some(1)) => inner,
                (0, Some(1)) => {
                    let exact = inner.exact.map(|mut strings| {
                        strings.insert(Vec::new());
                        strings
                    });
                    Known { exact: exact.filter(|strings| strings.len() <= MAX_EXACT), required: None }
                }
                (0, _) => Known::nothing(),
                _ => Known { exact: None, required: inner.required },
            }
        }
        HirKind::Alternation(branches) => {
            let branches: Vec<Known> = branches.iter().map(known).collect();
            let exact = branches.iter().try_fold(BTreeSet::new(), |mut all, branch| {
                all.extend(branch.exact.as_ref()?.iter().cloned());
                (all.len() <= MAX_EXACT).then_some(all)
            });
            let required = branches.iter().try_fold(BTreeSet::new(), |mut all, branch| {
                all.extend(branch.required.as_ref()?.iter().cloned());
                (all.len() <= MAX_REQUIRED).then_some(all)
            });
            Known { exact, required }
        }
        HirKind::Concat(parts) => concat(parts),
    }
}

/// The strings a byte class matches, when it is small.
fn class_strings(class: &Class) -> Option<BTreeSet<Vec<u8>>> {
    let Class::Bytes(bytes) = class else { return None };
    let count: usize = bytes.ranges().iter().map(|range| usize::from(range.end() - range.start()) + 1).sum();
    (count <= 8)
        .then(|| bytes.ranges().iter().flat_map(|range| (range.start()..=range.end()).map(|byte| vec![byte])).collect())
}

fn concat(parts: &[Hir]) -> Known {
    let mut best: Option<BTreeSet<Vec<u8>>> = None;
    // The spellings of the run of exact parts that ends at the current part.
    let mut run: Option<BTreeSet<Vec<u8>>> = Some(BTreeSet::from([Vec::new()]));
    let mut whole_exact = true;
    for part in parts {
        let part = known(part);
        best = more_selective(best, part.required);
        match part.exact {
            Some(strings) => {
                let extended = run.as_ref().and_then(|run| product(run, &strings));
                match extended {
                    Some(extended) => run = Some(extended),
                    None => {
                        best = more_selective(best, run.take().filter(usable));
                        whole_exact = false;
                        run = Some(strings);
                    }
                }
            }
            None => {
                best = more_selective(best, run.take().filter(usable));
                whole_exact = false;
                run = Some(BTreeSet::from([Vec::new()]));
            }
        }
        // A run's spellings are also required literals.
        best = more_selective(best, run.clone().filter(usable));
    }
    Known { exact: if whole_exact { run } else { None }, required: best }
}

/// The literals one of which every match of `tree` contains, when they are
/// selective enough to be worth scanning for (see [`MIN_TRIGGER_BYTES`]).
pub(crate) fn required_literals(tree: &Hir) -> Option<BTreeSet<Vec<u8>>> {
    let found = known(tree);
    let required = more_selective(found.required, found.exact.filter(usable))?;
    selective_enough(&required).then_some(required)
}

fn selective_enough(literals: &BTreeSet<Vec<u8>>) -> bool {
    literals.iter().map(Vec::len).min().unwrap_or(0) >= MIN_TRIGGER_BYTES
}

/// The key a pattern's entry in the build-time table is found by: a 64-bit
/// FNV-1a hash of its text (a table of hashes instead of a second copy of
/// every pattern keeps the library and the WASM module smaller; `build.rs`
/// fails on a clash between built-in patterns).
pub(crate) fn pattern_key(pattern: &str) -> u64 {
    pattern.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// The most further sets one pattern may require (see [`also_required`]).
pub(crate) const MAX_ALSO_REQUIRED: usize = 8;

/// Further sets of literals a match of `tree` must also contain, one of each:
/// what each part of its top-level sequence requires on its own. A request
/// for a top score requires a request word *and* a top answer, so text with
/// only "geef" is not searched for it. Most selective first, at most
/// [`MAX_ALSO_REQUIRED`], without `primary` (the set the search starts from).
pub(crate) fn also_required(tree: &Hir, primary: &BTreeSet<Vec<u8>>) -> Vec<BTreeSet<Vec<u8>>> {
    let mut sets = Vec::new();
    collect_part_requirements(tree, &mut sets);
    sets.retain(|set| set != primary && selective_enough(set));
    sets.sort_by_key(|set| std::cmp::Reverse(selectivity(set)));
    sets.dedup();
    sets.truncate(MAX_ALSO_REQUIRED);
    sets
}

fn collect_part_requirements(tree: &Hir, sets: &mut Vec<BTreeSet<Vec<u8>>>) {
    match tree.kind() {
        HirKind::Capture(capture) => collect_part_requirements(&capture.sub, sets),
        HirKind::Repetition(repetition) if repetition.min >= 1 => collect_part_requirements(&repetition.sub, sets),
        HirKind::Concat(parts) => {
            for part in parts {
                collect_part_requirements(part, sets);
            }
        }
        _ => {
            let found = known(tree);
            if let Some(required) = more_selective(found.required, found.exact.filter(usable)) {
                sets.push(required);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::builtin_class_trees;
    use crate::language::Language;

    fn literals(pattern: &str) -> Vec<String> {
        let mut trees = builtin_class_trees(Language::English);
        let Ok(tree) = trees.parse(pattern) else { panic!("{pattern} parses") };
        required_literals(&tree)
            .map(|set| set.into_iter().map(|literal| String::from_utf8_lossy(&literal).into_owned()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn literals_follow_the_structure_of_the_pattern() {
        // Short words are multiplied out with their neighbours until every
        // literal is long enough to be rare; then fewer literals win.
        assert_eq!(literals(r"\b(?:go|do) (?:it|so) now\b"), ["do it", "do so", "go it", "go so"]);
        assert_eq!(literals(r"\b(?:give|grant) (?:us|me) a 10\b"), [" a 10"]);
        // The most selective part of a concatenation with an open gap.
        assert_eq!(literals(r"\bplease\b(?: \w+){0,4} (?P<flag>rate)\b"), ["please"]);
        // An optional part requires nothing; what follows it does.
        assert_eq!(literals(r"\b(?:so )?(?:good|fine)\b"), ["fine", "good"]);
        // A branch without literals leaves the alternation without any.
        assert_eq!(literals(r"\b(?:\w+ly|very) good"), [" good"]);
        // Too short to be worth a scan: the pattern runs everywhere.
        assert!(literals(r"\b\w+ a\b").is_empty());
    }

    /// The literals `build.rs` embedded for the built-in patterns are the
    /// ones this code finds at run time, and every built-in pattern has some
    /// (so none of them runs on every text).
    #[test]
    fn build_time_literals_are_the_run_time_ones() {
        let mut compared = 0;
        for language in Language::ALL {
            let mut trees = builtin_class_trees(language);
            for (origin, source) in crate::catalogue::BUILTIN_RULES {
                let Ok(parsed) = crate::rule::parse_rule_file(origin, source) else { panic!("{origin} parses") };
                for (pattern, line) in parsed.patterns.get(&language).into_iter().flatten() {
                    let at_run_time = trees.parse(pattern).ok().as_ref().and_then(required_literals);
                    let Some(at_run_time) = at_run_time else { panic!("{origin}:{line}: no literals in `{pattern}`") };
                    let also_at_run_time = trees.parse(pattern).ok().map(|tree| also_required(&tree, &at_run_time));
                    let table = crate::triggers::BuiltinTriggers::of(language.code());
                    let built_in = table.and_then(|table| table.required(pattern)).flatten();
                    let set = |literals: &[std::borrow::Cow<'_, [u8]>]| -> BTreeSet<Vec<u8>> {
                        literals.iter().map(|literal| literal.to_vec()).collect()
                    };
                    let at_build_time = built_in.as_ref().map(|required| set(&required.primary));
                    let also_at_build_time =
                        built_in.as_ref().map(|required| required.also.iter().map(|s| set(s)).collect());
                    assert_eq!(at_build_time.as_ref(), Some(&at_run_time), "{origin}:{line}");
                    assert_eq!(also_at_build_time, also_at_run_time, "{origin}:{line}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 500, "only {compared} patterns compared");
    }
}
