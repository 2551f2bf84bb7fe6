//! The placeholders of the pattern language, expanded to regex text:
//! `<0>` … `<10>` become digits and number words of the pattern's language,
//! `<top>` "9 or 10" in any spelling, and each word class `<@name>` whatever
//! the caller makes of it (its entries pasted, or a marker for its shared
//! syntax tree).
//!
//! Pure and free of the rest of the crate: `build.rs` includes it to find the
//! trigger literals of the built-in patterns at build time.

/// How deep classes may name other classes (`<@top-answer>` naming
/// `<@top-score>`); deeper nesting is reported as an error, which also stops
/// a class that names itself. Five since round 77 (issue 10): `<@top-bare>`
/// names `<@top-suffix>`, one level below `<@anything-below-top>`.
pub(crate) const MAX_CLASS_DEPTH: usize = 5;

/// Number words per value, by language. "een"/"one" are left out because
/// they are far more often an article or pronoun than a score.
fn number_words(language: &str, value: usize) -> &'static [&'static str] {
    const DUTCH: [&[&str]; 11] = [
        &["nul"],
        &[],
        &["twee"],
        &["drie"],
        &["vier"],
        &["vijf"],
        &["zes"],
        &["zeven"],
        &["acht"],
        &["negen"],
        &["tien"],
    ];
    const ENGLISH: [&[&str]; 11] = [
        &["zero"],
        &[],
        &["two"],
        &["three"],
        &["four"],
        &["five"],
        &["six"],
        &["seven"],
        &["eight"],
        &["nine"],
        &["ten"],
    ];
    match language {
        "nl" => DUTCH[value],
        _ => ENGLISH[value],
    }
}

fn number_alternation(language: &str, values: &[usize]) -> String {
    let mut alternatives: Vec<String> = Vec::new();
    for &value in values {
        alternatives.push(value.to_string());
        alternatives.extend(number_words(language, value).iter().map(|word| (*word).to_owned()));
    }
    // A number placeholder starts a word: "4,5 stars" (read `4_5`, see
    // `normalize`) holds no "5 stars", and "10.000 klanten" no 10.
    format!("\\b(?:{})", alternatives.join("|"))
}

/// Expands the number placeholders of `pattern` and hands each word class
/// name (without its `@`) to `class`, which returns its replacement text, or
/// `None` to keep the placeholder as written.
pub(crate) fn expand_with(pattern: &str, language: &str, class: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let mut expanded = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(open) = rest.find('<') {
        expanded.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('>').map(|close| &after[..close]);
        let replacement = match name {
            Some("top") => Some(number_alternation(language, &[9, 10])),
            Some(name) if name.starts_with('@') => class(&name[1..]),
            Some(number) => number
                .parse::<usize>()
                .ok()
                .filter(|value| *value <= 10)
                .map(|value| number_alternation(language, &[value])),
            None => None,
        };
        match (replacement, name) {
            (Some(replacement), Some(name)) => {
                expanded.push_str(&replacement);
                rest = &after[name.len() + 1..];
            }
            _ => {
                // Not a placeholder (e.g. a named group `(?<name>`): keep the `<`.
                expanded.push('<');
                rest = after;
            }
        }
    }
    expanded.push_str(rest);
    expanded
}

/// The entries of a word class file: every line that is neither blank nor a
/// `#` comment, trimmed.
pub(crate) fn class_entries_of(contents: &str) -> Vec<&str> {
    class_entry_lines(contents).map(|line| line.entry).collect()
}

/// One entry of a word class file, where it stands.
pub(crate) struct ClassEntryLine<'a> {
    /// 1-based line number.
    pub(crate) number: usize,
    /// The entry, trimmed.
    pub(crate) entry: &'a str,
    /// Whether the line ended in white space, which trimming drops: "de |het "
    /// would silently lose the space after its last word.
    pub(crate) loses_a_space: bool,
}

/// The entries of a word class file with their lines, as [`class_entries_of`] reads them.
pub(crate) fn class_entry_lines(contents: &str) -> impl Iterator<Item = ClassEntryLine<'_>> {
    contents.lines().enumerate().filter_map(|(index, line)| {
        let entry = line.trim();
        (!entry.is_empty() && !entry.starts_with('#')).then(|| ClassEntryLine {
            number: index + 1,
            entry,
            loses_a_space: line.trim_end() != line,
        })
    })
}
