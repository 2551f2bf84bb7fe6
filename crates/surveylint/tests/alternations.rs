//! A concept is named once: an alternation of three or more alternatives that
//! several patterns need belongs in a word class (`rules/lexicon/<language>/*.txt`,
//! named as `<@class>`), not pasted into each pattern (issue 9: "a rule file
//! never repeats an alternation").
//!
//! An alternation counts as a copy in any order of its alternatives, so
//! pasting the same words reordered is a copy too. The last repeats were named
//! as classes on 2026-12-02; this test fails on any new one and names it.

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

#[test]
fn groups_and_alternatives_are_read_past_escapes_and_classes() {
    let pattern = r"\b(?:a|b|(?:c|d|e))[()|]\((?:f|g)";
    assert_eq!(groups(pattern), vec!["(?:c|d|e)", "(?:a|b|(?:c|d|e))", "(?:f|g)"]);
    assert_eq!(alternatives("(?:a|b|(?:c|d|e))"), 3);
    assert_eq!(alternatives("(?:c|d|e)"), 3);
    assert_eq!(in_any_order("(?:e|(?:b|a)|c)"), "(?:(?:b|a)|c|e)");
    assert_eq!(in_any_order(r"(?:x\||b|a)"), r"(?:a|b|x\|)");
}
