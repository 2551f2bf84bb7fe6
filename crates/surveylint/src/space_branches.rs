//! Finds the parts of a pattern that can never match because they need two
//! spaces in a row. The matching view ([`crate::normalize`]) has single
//! spaces only, so in `(?:welk|wat voor (?:een )?) cijfer` the branch that
//! takes "een " is dead: it ends in a space, and a space follows. Round 117
//! found four such branches in the rules, two of them inside word classes,
//! dead since they were written; the check reads the parsed pattern, so word
//! classes are in place and any nesting of groups counts.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Every part of `tree` that a space follows while one of its branches
/// always ends in a space, and every literal with two spaces, written back
/// as a pattern.
pub(crate) fn needing_two_spaces(tree: &Hir) -> Vec<String> {
    let mut found = Vec::new();
    collect(tree, &mut found);
    found
}

fn collect(tree: &Hir, found: &mut Vec<String>) {
    match tree.kind() {
        HirKind::Literal(literal) if literal.0.windows(2).any(|pair| pair == b"  ") => found.push(tree.to_string()),
        HirKind::Concat(parts) => {
            let mut before_ends_in_space = false;
            for (index, part) in parts.iter().enumerate() {
                // An assertion between the two is not the culprit; the part before it is.
                let zero_width = start_of(part) == Start::Nothing;
                let space_follows = starts_with_space(&parts[index + 1..]) == Start::Space;
                if !zero_width && space_follows && some_branch_ends_in_space(part, before_ends_in_space) {
                    found.push(part.to_string());
                }
                collect(part, found);
                before_ends_in_space = ends_in_space(part, before_ends_in_space);
            }
        }
        HirKind::Alternation(alternatives) => alternatives.iter().for_each(|alternative| collect(alternative, found)),
        HirKind::Capture(capture) => collect(&capture.sub, found),
        HirKind::Repetition(repetition) => collect(&repetition.sub, found),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
    }
}

/// How every text of a pattern piece begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// With a space.
    Space,
    /// Not always with a space.
    Other,
    /// It matches no character (an assertion, an empty group): what comes
    /// next decides.
    Nothing,
}

/// How every text of the pieces `parts`, in a row, begins.
fn starts_with_space(parts: &[Hir]) -> Start {
    parts.iter().map(start_of).find(|start| *start != Start::Nothing).unwrap_or(Start::Nothing)
}

fn start_of(tree: &Hir) -> Start {
    match tree.kind() {
        HirKind::Empty | HirKind::Look(_) => Start::Nothing,
        HirKind::Literal(literal) if literal.0.first() == Some(&b' ') => Start::Space,
        HirKind::Class(class) if is_only_space(class) => Start::Space,
        HirKind::Literal(_) | HirKind::Class(_) => Start::Other,
        HirKind::Capture(capture) => start_of(&capture.sub),
        // Skipped, the text begins with whatever follows.
        HirKind::Repetition(repetition) if repetition.min == 0 => Start::Other,
        HirKind::Repetition(repetition) => start_of(&repetition.sub),
        HirKind::Concat(parts) => starts_with_space(parts),
        HirKind::Alternation(alternatives) => {
            let starts: Vec<Start> = alternatives.iter().map(start_of).collect();
            if starts.iter().all(|start| *start == Start::Space) {
                Start::Space
            } else if starts.iter().all(|start| *start == Start::Nothing) {
                Start::Nothing
            } else {
                Start::Other
            }
        }
    }
}

fn is_only_space(class: &Class) -> bool {
    match class {
        Class::Unicode(class) => class.ranges().iter().all(|range| range.start() == ' ' && range.end() == ' '),
        Class::Bytes(class) => class.ranges().iter().all(|range| range.start() == b' ' && range.end() == b' '),
    }
}

/// Whether every text of `tree` ends in a space, when the text before it
/// does (`before`) or does not.
fn ends_in_space(tree: &Hir, before: bool) -> bool {
    match tree.kind() {
        HirKind::Empty | HirKind::Look(_) => before,
        HirKind::Literal(literal) => literal.0.last().map_or(before, |last| *last == b' '),
        HirKind::Class(class) => is_only_space(class),
        HirKind::Capture(capture) => ends_in_space(&capture.sub, before),
        HirKind::Repetition(repetition) => ends_in_space(&repetition.sub, before) && (repetition.min > 0 || before),
        HirKind::Concat(parts) => parts.iter().fold(before, |before, part| ends_in_space(part, before)),
        HirKind::Alternation(alternatives) => alternatives.iter().all(|alternative| ends_in_space(alternative, before)),
    }
}

/// Whether some way through `tree` (a choice at each alternation) always
/// ends in a space.
fn some_branch_ends_in_space(tree: &Hir, before: bool) -> bool {
    match tree.kind() {
        HirKind::Alternation(alternatives) => {
            alternatives.iter().any(|alternative| some_branch_ends_in_space(alternative, before))
        }
        HirKind::Capture(capture) => some_branch_ends_in_space(&capture.sub, before),
        HirKind::Repetition(repetition) => some_branch_ends_in_space(&repetition.sub, before),
        HirKind::Concat(parts) => match parts.split_last() {
            Some((last, leading)) => {
                let before_last = leading.iter().fold(before, |before, part| ends_in_space(part, before));
                some_branch_ends_in_space(last, before_last) || ends_in_space(tree, before)
            }
            None => before,
        },
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => ends_in_space(tree, before),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dead(pattern: &str) -> Vec<String> {
        let tree = crate::class_trees::parse(pattern);
        let Ok(tree) = tree else { panic!("{pattern} parses: {tree:?}") };
        needing_two_spaces(&tree)
    }

    #[test]
    fn a_branch_that_ends_in_a_space_before_a_space_is_found() {
        // Written back as parsed, every piece in its own group.
        assert_eq!(dead(r"(?:welk|wat voor (?:een )?) (?:cijfer)"), vec!["(?:(?:welk)|(?:(?:wat voor )(?:een )?))"]);
        for pattern in [
            r"(?:her|staff (?:are|is) (?:only )?) kept",
            r"(?:the |a ) word",
            r"(?:in the bottom (?:\w+ )?|low) x",
            r"(?:(?:a|b (?:c )?)) x",
            r"a (?:x|) b",
            r"a (?:x )?\b b",
            r"two  spaces",
        ] {
            assert_eq!(dead(pattern).len(), 1, "{pattern}");
        }
    }

    #[test]
    fn sound_patterns_have_none() {
        for pattern in [
            r"(?:welk|wat voor(?: een)?) (?:cijfer)",
            r"(?:the |a )?word (?:x|y) z",
            r"(?:in the bottom(?: \w+)?|low) x",
            r"a (?:x )?b",
            r"(?:a|b)(?: c)? d",
            r"\b(?:on|in) (?:the )?",
        ] {
            assert_eq!(dead(pattern), Vec::<String>::new(), "{pattern}");
        }
    }
}
