//! A concept is named once: an alternation of three or more words that several
//! patterns need belongs in a word class (`rules/lexicon/<language>/*.txt`,
//! named as `<@class>`), not pasted into each pattern (issue 9).
//!
//! The rule files still repeat some alternations (closed sets of function
//! words, mostly). An alternation counts as a copy in any order of its
//! alternatives, so pasting the same words reordered is a copy too. This test
//! keeps the number of repeated copies from growing: adding one fails it, and
//! whoever removes some lowers the ceiling below.

use std::collections::BTreeMap;
use std::path::Path;

/// Copies of an alternation beyond its first, per language, at most
/// (lowered to the count of round 75, when the classes of "you" took
/// "jullie" and several verb lists became classes; English to 124 in round
/// 87, when the lists its patterns shared with older ones became classes;
/// Dutch 126 and English 118 in round 90, the same way; Dutch 123 in round 92).
const CEILING: [(&str, usize); 2] = [("nl", 123), ("en", 118)];

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

/// Per language, each alternation of three or more alternatives (in any
/// order) and how many patterns or exceptions hold it.
fn repeated_alternations(rules: &Path) -> BTreeMap<String, BTreeMap<String, usize>> {
    let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let entries = std::fs::read_dir(rules).unwrap_or_else(|error| panic!("{}: {error}", rules.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|extension| extension != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let file: toml::Table = toml::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        for (language, _) in CEILING {
            let Some(section) = file.get(language).and_then(toml::Value::as_table) else { continue };
            let lists = ["patterns", "exceptions"].into_iter().filter_map(|key| section.get(key)?.as_array());
            for pattern in lists.flatten().filter_map(toml::Value::as_str) {
                for group in groups(pattern).into_iter().filter(|group| alternatives(group) >= 3) {
                    *counts.entry(language.to_owned()).or_default().entry(in_any_order(group)).or_default() += 1;
                }
            }
        }
    }
    counts
}

#[test]
fn rule_files_paste_no_more_alternations_than_before() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let counts = repeated_alternations(&rules);
    for (language, ceiling) in CEILING {
        let repeated: Vec<(&String, &usize)> =
            counts.get(language).into_iter().flatten().filter(|(_, count)| **count > 1).collect();
        let copies: usize = repeated.iter().map(|(_, count)| *count - 1).sum();
        let mut worst = repeated.clone();
        worst.sort_by(|a, b| b.1.cmp(a.1));
        // Printed so whoever names repeats as classes sees how far to lower the ceiling.
        eprintln!("[{language}] {copies} repeated copies of alternations (ceiling {ceiling})");
        let examples: Vec<String> = worst.iter().take(8).map(|(group, count)| format!("{count}× {group}")).collect();
        assert!(
            copies <= ceiling,
            "[{language}] rule files paste {copies} repeated copies of alternations (ceiling {ceiling}); name the \
             concept once as a word class in rules/lexicon/{language}/ and write <@name>. Most repeated:\n{}",
            examples.join("\n")
        );
    }
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
