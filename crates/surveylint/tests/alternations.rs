//! A concept is named once: an alternation of three or more alternatives that
//! several patterns need belongs in a word class (`rules/lexicon/<language>/*.txt`,
//! named as `<@class>`), not pasted into each pattern (issue 9: "a rule file
//! never repeats an alternation").
//!
//! An alternation counts as a copy in any order of its alternatives, so
//! pasting the same words reordered is a copy too. The last repeats were named
//! as classes on 2026-12-02; this test fails on any new one and names it.
//!
//! The same reading of groups finds branches that can never match: an
//! alternative that always ends in a space, followed by a literal space, needs
//! two spaces, and the matching view has only single ones (round 117 found four
//! such branches, two of them inside word classes, dead since they were
//! written).

use std::collections::BTreeMap;
use std::path::Path;

/// The languages whose sections are read.
const LANGUAGES: [&str; 2] = ["nl", "en"];

/// Every group `(?:…)` of `pattern` with its text, innermost ones included.
/// Escapes and character classes are skipped, so `\(` and `[()]` open nothing.
fn groups(pattern: &str) -> Vec<&str> {
    let bytes = pattern.as_bytes();
    let mut found = Vec::new();
    let mut open = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 1,
            b'[' => {
                index += 1;
                if bytes.get(index) == Some(&b']') {
                    index += 1;
                }
                while index < bytes.len() && bytes[index] != b']' {
                    if bytes[index] == b'\\' {
                        index += 1;
                    }
                    index += 1;
                }
            }
            b'(' => open.push(index),
            b')' => {
                if let Some(start) = open.pop() {
                    found.push(&pattern[start..=index]);
                }
            }
            _ => {}
        }
        index += 1;
    }
    found.into_iter().filter(|group| group.starts_with("(?:")).collect()
}

/// The top-level alternatives of a non-capturing group, as written.
fn alternatives_of(group: &str) -> Vec<&str> {
    let body = &group[3..group.len() - 1];
    let bytes = body.as_bytes();
    let (mut depth, mut start, mut index) = (0usize, 0, 0);
    let mut found = Vec::new();
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 1,
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'|' if depth == 0 => {
                found.push(&body[start..index]);
                start = index + 1;
            }
            _ => {}
        }
        index += 1;
    }
    found.push(&body[start..]);
    found
}

/// The number of top-level alternatives of a non-capturing group.
fn alternatives(group: &str) -> usize {
    alternatives_of(group).len()
}

/// The group with its alternatives sorted, so the same words pasted in
/// another order count as the same alternation.
fn in_any_order(group: &str) -> String {
    let mut alternatives = alternatives_of(group);
    alternatives.sort_unstable();
    format!("(?:{})", alternatives.join("|"))
}

/// Every file in `dir` whose name ends in `.extension`, with its text.
fn files_with_extension(dir: &Path, extension: &str) -> Vec<(std::path::PathBuf, String)> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
    entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|found| found == extension))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            (path, text)
        })
        .collect()
}

/// Every pattern, exception and antipattern of the rule files in `rules`,
/// with the file's name and the language of its section.
fn rule_patterns(rules: &Path) -> Vec<(String, &'static str, String)> {
    let mut found = Vec::new();
    for (path, text) in files_with_extension(rules, "toml") {
        let file: toml::Table = toml::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        for language in LANGUAGES {
            let Some(section) = file.get(language).and_then(toml::Value::as_table) else { continue };
            let lists =
                ["patterns", "exceptions", "antipatterns"].into_iter().filter_map(|key| section.get(key)?.as_array());
            for pattern in lists.flatten().filter_map(toml::Value::as_str) {
                found.push((name.clone(), language, pattern.to_owned()));
            }
        }
    }
    found
}

/// Per language, each alternation of three or more alternatives (in any
/// order) and how many patterns or exceptions hold it.
fn repeated_alternations(rules: &Path) -> BTreeMap<String, BTreeMap<String, usize>> {
    let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (_, language, pattern) in rule_patterns(rules) {
        for group in groups(&pattern).into_iter().filter(|group| alternatives(group) >= 3) {
            *counts.entry(language.to_owned()).or_default().entry(in_any_order(group)).or_default() += 1;
        }
    }
    counts
}

#[test]
fn no_rule_file_pastes_an_alternation_that_another_pattern_holds() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let counts = repeated_alternations(&rules);
    let repeated: Vec<String> = counts
        .iter()
        .flat_map(|(language, groups)| {
            groups
                .iter()
                .filter(|(_, count)| **count > 1)
                .map(move |(group, count)| format!("[{language}] {count}× {group}"))
        })
        .collect();
    assert!(
        repeated.is_empty(),
        "alternations pasted into more than one pattern or exception; name each once as a word class in \
         rules/lexicon/<language>/ (or use the class that holds those words) and write <@name>:\n{}",
        repeated.join("\n")
    );
}

/// The entries of each word class in the `lexicon` folder of one language,
/// as a set, by class name.
fn class_entry_sets(lexicon: &Path) -> BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut classes = BTreeMap::new();
    for (path, text) in files_with_extension(lexicon, "txt") {
        let set = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .flat_map(|line| alternatives_of(&format!("(?:{line})")).into_iter().map(str::to_owned).collect::<Vec<_>>())
            .collect();
        let name = path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
        classes.insert(name, set);
    }
    classes
}

/// Two classes with the same entries are one concept named twice: a pattern
/// author cannot tell which to use, and improving one leaves the other behind.
#[test]
fn no_two_word_classes_of_a_language_hold_the_same_entries() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut twins = Vec::new();
    for language in LANGUAGES {
        let classes = class_entry_sets(&rules.join("lexicon").join(language));
        let mut by_entries: BTreeMap<&std::collections::BTreeSet<String>, Vec<&String>> = BTreeMap::new();
        for (name, entries) in &classes {
            by_entries.entry(entries).or_default().push(name);
        }
        twins
            .extend(by_entries.values().filter(|names| names.len() > 1).map(|names| format!("[{language}] {names:?}")));
    }
    assert!(
        twins.is_empty(),
        "word classes with the same entries; keep one and name it everywhere:\n{}",
        twins.join("\n")
    );
}

/// The non-capturing group that `fragment` ends with, if it ends with one
/// (no quantifier after it). `groups` hands out slices of its input, so the
/// group that ends where the fragment ends is the trailing one.
fn trailing_group(fragment: &str) -> Option<&str> {
    let fragment_end = fragment.as_ptr() as usize + fragment.len();
    groups(fragment).into_iter().find(|group| group.as_ptr() as usize + group.len() == fragment_end)
}

/// Whether every text `fragment` (a pattern piece) matches ends in a space:
/// a literal space last, or a last group whose alternatives all do, or an
/// optional last group that does, after a piece that does too.
fn always_ends_in_space(fragment: &str) -> bool {
    if fragment.ends_with(' ') {
        return !fragment.ends_with("\\ ");
    }
    let (closed, optional) = match fragment.strip_suffix('?').or_else(|| fragment.strip_suffix('*')) {
        Some(rest) if rest.ends_with(')') => (rest, true),
        _ if fragment.ends_with(')') => (fragment, false),
        _ => return false,
    };
    let Some(last_group) = trailing_group(closed) else { return false };
    let group_always = alternatives_of(last_group).into_iter().all(always_ends_in_space);
    let before = &closed[..closed.len() - last_group.len()];
    group_always && (!optional || always_ends_in_space(before))
}

/// Each word class of one language as the group a pattern gets for
/// `<@name>`: its entries joined by `|`.
fn class_alternations(lexicon: &Path) -> BTreeMap<String, String> {
    files_with_extension(lexicon, "txt")
        .into_iter()
        .map(|(path, text)| {
            let entries: Vec<&str> =
                text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect();
            let name = path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
            (name, format!("(?:{})", entries.join("|")))
        })
        .collect()
}

/// `pattern` with every `<@name>` replaced by its class's group, classes
/// inside classes too (to a depth that no real nesting reaches).
fn with_classes_written_out(pattern: &str, classes: &BTreeMap<String, String>, depth: usize) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(start) = rest.find("<@") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('>') else { break };
        let name = &after[..end];
        match classes.get(name) {
            Some(group) if depth < 8 => out.push_str(&with_classes_written_out(group, classes, depth + 1)),
            _ => out.push_str(&rest[start..start + 2 + end + 1]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Whether some branch of `fragment` always ends in a space: a literal space
/// last, a last group with such a branch, or an optional last group after
/// which every text ends in a space.
fn some_branch_ends_in_space(fragment: &str) -> bool {
    if let Some(group) = trailing_group(fragment) {
        return alternatives_of(group).into_iter().any(some_branch_ends_in_space);
    }
    always_ends_in_space(fragment)
}

/// The groups of `pattern` that are followed by a literal space while one of
/// their alternatives always ends in a space: that branch needs two spaces.
fn branches_needing_two_spaces(pattern: &str) -> Vec<&str> {
    groups(pattern)
        .into_iter()
        .filter(|group| {
            let end = group.as_ptr() as usize - pattern.as_ptr() as usize + group.len();
            pattern[end..].starts_with(' ') && alternatives_of(group).into_iter().any(some_branch_ends_in_space)
        })
        .collect()
}

#[test]
fn no_pattern_has_a_branch_that_needs_two_spaces() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let classes: BTreeMap<&str, BTreeMap<String, String>> = LANGUAGES
        .into_iter()
        .map(|language| (language, class_alternations(&rules.join("lexicon").join(language))))
        .collect();
    let mut dead = Vec::new();
    for (name, language, pattern) in rule_patterns(&rules) {
        let expanded = with_classes_written_out(&pattern, &classes[language], 0);
        for group in branches_needing_two_spaces(&expanded) {
            dead.push(format!("{name} [{language}] {group} followed by a space in: {pattern}"));
        }
    }
    assert!(
        dead.is_empty(),
        "branches that end in a space before a literal space can never match (the matching view has single \
         spaces); move the space out of the group or drop the one after it:\n{}",
        dead.join("\n")
    );
}

#[test]
fn a_branch_that_needs_two_spaces_is_found_and_a_sound_one_is_not() {
    assert_eq!(
        branches_needing_two_spaces(r"(?:welk|wat voor (?:een )?) (?:cijfer)"),
        vec!["(?:welk|wat voor (?:een )?)"]
    );
    assert_eq!(
        branches_needing_two_spaces(r"(?:her|staff (?:are|is) (?:only )?) kept"),
        vec!["(?:her|staff (?:are|is) (?:only )?)"]
    );
    assert_eq!(branches_needing_two_spaces(r"(?:the |a ) word"), vec!["(?:the |a )"]);
    assert!(branches_needing_two_spaces(r"(?:welk|wat voor(?: een)?) (?:cijfer)").is_empty());
    assert!(branches_needing_two_spaces(r"(?:the |a )?word (?:x|y) z").is_empty());
    assert_eq!(
        branches_needing_two_spaces(r"(?:in the bottom (?:\w+ )?|low) x"),
        vec![r"(?:in the bottom (?:\w+ )?|low)"]
    );
    assert!(branches_needing_two_spaces(r"(?:in the bottom(?: \w+)?|low) x").is_empty());
    assert_eq!(branches_needing_two_spaces(r"(?:(?:a|b (?:c )?)) x"), vec![r"(?:(?:a|b (?:c )?))"]);
}

#[test]
fn groups_and_alternatives_are_read_past_escapes_and_classes() {
    let pattern = r"\b(?:a|b|(?:c|d|e))[()|]\((?:f|g)";
    assert_eq!(groups(pattern), vec!["(?:c|d|e)", "(?:a|b|(?:c|d|e))", "(?:f|g)"]);
    assert_eq!(alternatives("(?:a|b|(?:c|d|e))"), 3);
    assert_eq!(alternatives("(?:c|d|e)"), 3);
    assert_eq!(in_any_order("(?:e|(?:b|a)|c)"), "(?:(?:b|a)|c|e)");
    assert_eq!(in_any_order(r"(?:x\||b|a)"), r"(?:a|b|x\|)");
}
