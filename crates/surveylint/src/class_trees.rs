//! Word classes shared as syntax trees.
//!
//! A class such as `<@top-answer>` is pasted into dozens of patterns. Pasted
//! as text, the regex parser reads it again in every pattern, and parsing was
//! most of the cost of a language's first lint. Here each class is parsed
//! once per pattern set and its tree is put in place of a marker group, so a
//! pattern set costs the parse of its own text plus each class once. The
//! result matches exactly what the textual expansion
//! ([`crate::engine::expand_placeholders`]) matches, capture groups and
//! their numbers included, so the per-pattern regexes are built from these
//! trees too.
//!
//! Pure and free of the rest of the crate (the caller says where a class's
//! entries come from): `build.rs` includes it to find the trigger literals of
//! the built-in patterns at build time.

use std::collections::HashMap;

use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};

use crate::placeholders::{expand_with, MAX_CLASS_DEPTH};

/// Names of the empty marker groups that stand for a class while a pattern
/// is parsed; the number indexes the classes of that one pattern.
const MARKER: &str = "surveylint_class_";

/// Parses patterns of one language, each word class once.
pub(crate) struct ClassTrees<'a, Entries> {
    /// The language code (`nl`, `en`) the number placeholders are spelled in.
    language: &'a str,
    /// The entries of a word class by name; `None` when there is no such class.
    entries: Entries,
    parsed: HashMap<String, Hir>,
}

/// The parser the matching view is written for: it is ASCII, so ASCII
/// classes and word boundaries are exact (no Unicode tables), and patterns
/// are lowercase against a lowercase view (no case folding).
pub(crate) fn parse(pattern: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .map_err(|error| error.to_string())
}

impl<'a, Entries: Fn(&str) -> Option<Vec<String>>> ClassTrees<'a, Entries> {
    pub(crate) fn new(language: &'a str, entries: Entries) -> ClassTrees<'a, Entries> {
        ClassTrees { language, entries, parsed: HashMap::new() }
    }

    /// The syntax tree of `pattern` (with its placeholders) with every class
    /// in place, its capture groups numbered as in the pasted text.
    pub(crate) fn parse(&mut self, pattern: &str) -> Result<Hir, String> {
        let tree = self.parse_at_depth(pattern, 0)?;
        Ok(renumber_captures(tree, &mut 0))
    }

    fn parse_at_depth(&mut self, pattern: &str, depth: usize) -> Result<Hir, String> {
        let mut names: Vec<String> = Vec::new();
        let marked = expand_with(pattern, self.language, &mut |class| {
            names.push(class.to_owned());
            Some(format!("(?P<{MARKER}{}>)", names.len() - 1))
        });
        let tree = parse(&marked)?;
        let mut classes = Vec::with_capacity(names.len());
        for name in &names {
            classes.push(self.class(name, depth)?);
        }
        Ok(substitute(&tree, &classes))
    }

    fn class(&mut self, name: &str, depth: usize) -> Result<Hir, String> {
        if let Some(tree) = self.parsed.get(name) {
            return Ok(tree.clone());
        }
        if depth >= MAX_CLASS_DEPTH {
            return Err(format!("word class `<@{name}>` nests more than {MAX_CLASS_DEPTH} classes deep"));
        }
        let entries = (self.entries)(name).ok_or_else(|| format!("unknown word class `<@{name}>`"))?;
        let tree = self.parse_at_depth(&format!("(?:{})", entries.join("|")), depth + 1)?;
        self.parsed.insert(name.to_owned(), tree.clone());
        Ok(tree)
    }
}

/// `tree` with each marker group replaced by its class.
fn substitute(tree: &Hir, classes: &[Hir]) -> Hir {
    match tree.kind() {
        HirKind::Capture(capture) => {
            let class = capture
                .name
                .as_deref()
                .and_then(|name| name.strip_prefix(MARKER))
                .and_then(|index| index.parse::<usize>().ok())
                .and_then(|index| classes.get(index));
            match class {
                Some(class) => class.clone(),
                None => Hir::capture(Capture {
                    index: capture.index,
                    name: capture.name.clone(),
                    sub: Box::new(substitute(&capture.sub, classes)),
                }),
            }
        }
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            min: repetition.min,
            max: repetition.max,
            greedy: repetition.greedy,
            sub: Box::new(substitute(&repetition.sub, classes)),
        }),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(|part| substitute(part, classes)).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(|part| substitute(part, classes)).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => tree.clone(),
    }
}

/// `tree` with its capture groups numbered 1, 2, … in the order they open,
/// as the parser numbers the groups of the pasted text: the marker groups
/// took numbers that no longer exist, and each class was numbered on its own.
/// Parts without groups (most of a class) are moved, not rebuilt.
fn renumber_captures(tree: Hir, last: &mut u32) -> Hir {
    if tree.properties().explicit_captures_len() == 0 {
        return tree;
    }
    match tree.into_kind() {
        HirKind::Capture(capture) => {
            *last += 1;
            let index = *last;
            Hir::capture(Capture { index, name: capture.name, sub: Box::new(renumber_captures(*capture.sub, last)) })
        }
        HirKind::Repetition(repetition) => {
            Hir::repetition(Repetition { sub: Box::new(renumber_captures(*repetition.sub, last)), ..repetition })
        }
        HirKind::Concat(parts) => Hir::concat(parts.into_iter().map(|part| renumber_captures(part, last)).collect()),
        HirKind::Alternation(parts) => {
            Hir::alternation(parts.into_iter().map(|part| renumber_captures(part, last)).collect())
        }
        // Without groups, so returned above; rebuilt for completeness.
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Look(look) => Hir::look(look),
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{builtin_class_trees, expand_placeholders, syntax_config};
    use crate::language::Language;
    use regex_automata::util::syntax;

    /// Every built-in pattern and exception parses to the same tree through
    /// shared classes as through its pasted text, capture groups included.
    #[test]
    fn shared_class_trees_match_the_pasted_text() {
        let mut compared = 0;
        for (origin, source) in crate::catalogue::BUILTIN_RULES {
            let Ok(parsed) = crate::rule::parse_rule_file(origin, source) else { continue };
            for language in Language::ALL {
                let mut trees = builtin_class_trees(language);
                let patterns =
                    parsed.every_pattern().filter(|(of, _)| **of == language).flat_map(|(_, patterns)| patterns);
                for (pattern, _) in patterns {
                    let shared = trees.parse(pattern);
                    let pasted = syntax::parse_with(&expand_placeholders(pattern, language), &syntax_config())
                        .map_err(|error| error.to_string());
                    assert_eq!(shared, pasted, "{pattern}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 500, "only {compared} patterns compared");
    }
}
