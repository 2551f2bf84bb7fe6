//! Word classes shared as syntax trees.
//!
//! A class such as `<@top-answer>` is pasted into dozens of patterns. Pasted
//! as text, the regex parser reads it again in every pattern, and parsing was
//! most of the cost of a language's first lint. Here each class is parsed
//! once per pattern set and its tree is put in place of a marker group, so a
//! pattern set costs the parse of its own text plus each class once. The
//! result matches exactly what the textual expansion
//! ([`crate::engine::expand_placeholders`]) matches; the per-pattern regexes
//! with capture groups are still built from the text.

use std::collections::HashMap;

use regex_automata::util::syntax;
use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};

use crate::engine::{class_entries, expand_with, MAX_CLASS_DEPTH};
use crate::language::Language;

/// Names of the empty marker groups that stand for a class while a pattern
/// is parsed; the number indexes the classes of that one pattern.
const MARKER: &str = "surveylint_class_";

/// Parses patterns of one language, each word class once.
pub(crate) struct ClassTrees {
    language: Language,
    config: syntax::Config,
    parsed: HashMap<String, Hir>,
}

impl ClassTrees {
    pub(crate) fn new(language: Language, config: syntax::Config) -> ClassTrees {
        ClassTrees { language, config, parsed: HashMap::new() }
    }

    /// The syntax tree of `pattern` (with its placeholders) with every class
    /// in place.
    pub(crate) fn parse(&mut self, pattern: &str) -> Result<Hir, String> {
        self.parse_at_depth(pattern, 0)
    }

    fn parse_at_depth(&mut self, pattern: &str, depth: usize) -> Result<Hir, String> {
        let mut names: Vec<String> = Vec::new();
        let marked = expand_with(pattern, self.language, &mut |class| {
            names.push(class.to_owned());
            Some(format!("(?P<{MARKER}{}>)", names.len() - 1))
        });
        let tree = syntax::parse_with(&marked, &self.config).map_err(|error| error.to_string())?;
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
        let entries = class_entries(self.language, name).ok_or_else(|| format!("unknown word class `<@{name}>`"))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{expand_placeholders, syntax_config};

    /// Every built-in pattern parses to the same tree through shared classes
    /// as through its pasted text, apart from the marker groups' numbering.
    #[test]
    fn shared_class_trees_match_the_pasted_text() {
        let mut compared = 0;
        for (origin, source) in crate::catalogue::BUILTIN_RULES {
            let Ok(parsed) = crate::rule::parse_rule_file(origin, source) else { continue };
            for language in Language::ALL {
                let mut trees = ClassTrees::new(language, syntax_config());
                for (pattern, _) in parsed.patterns.get(&language).into_iter().flatten() {
                    let shared = trees.parse(pattern).map(|tree| without_captures(&tree));
                    let pasted = syntax::parse_with(&expand_placeholders(pattern, language), &syntax_config())
                        .map(|tree| without_captures(&tree))
                        .map_err(|error| error.to_string());
                    assert_eq!(shared, pasted, "{pattern}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 500, "only {compared} patterns compared");
    }

    /// Capture groups dropped (the pasted text has non-capturing groups where
    /// the markers were); everything else kept.
    fn without_captures(tree: &Hir) -> Hir {
        match tree.kind() {
            HirKind::Capture(capture) => without_captures(&capture.sub),
            HirKind::Repetition(repetition) => Hir::repetition(Repetition {
                min: repetition.min,
                max: repetition.max,
                greedy: repetition.greedy,
                sub: Box::new(without_captures(&repetition.sub)),
            }),
            HirKind::Concat(parts) => Hir::concat(parts.iter().map(without_captures).collect()),
            HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(without_captures).collect()),
            _ => tree.clone(),
        }
    }
}
