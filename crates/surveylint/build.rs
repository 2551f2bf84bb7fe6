//! Reads every rule file of `rules/` into tables the library starts from (no
//! TOML is parsed at run time for the built-in rules), and turns each one's
//! examples into a test of its own (as Harper does with its rule tests).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

// The crate's own pattern code, so the literals found here are exactly the
// ones the linter would find at run time (a test compares them).
#[allow(dead_code)]
#[path = "src/class_trees.rs"]
mod class_trees;
#[allow(dead_code)]
#[path = "src/literal_trie.rs"]
mod literal_trie;
#[allow(dead_code)]
#[path = "src/literals.rs"]
mod literals;
#[allow(dead_code)]
#[path = "src/placeholders.rs"]
mod placeholders;

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    // `rules` in this crate is a link to the repository's top-level `rules/`
    // (where rule authors find it), which `cargo package` follows, so the
    // published crate carries the files themselves.
    let rules_dir = manifest_dir.join("rules");
    println!("cargo:rerun-if-changed={}", rules_dir.display());

    let mut files = files_with_extension(&rules_dir, "toml");
    // Alphabetical, so the registry and generated docs have a stable order.
    files.sort();
    // A build without rules would be a linter that finds nothing and tests that check nothing.
    if files.is_empty() {
        fail(&format!("no rule files (*.toml) in {}", rules_dir.display()));
    }

    let mut catalogue = String::from("/// The built-in rule files: (name, contents), alphabetical. Only the tests read\n/// them as TOML (the linter reads `BUILTIN_RULE_FILES`, made from them at build time).\n#[cfg(test)]\npub(crate) const BUILTIN_RULES: &[(&str, &str)] = &[\n");
    let mut tests = String::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = file_name(path);
        let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        let _ = writeln!(catalogue, "    (\"rules/{name}\", include_str!({:?})),", absolute.display().to_string());
        let stem = name.trim_end_matches(".toml").replace('-', "_");
        let _ = writeln!(
            tests,
            "#[test]\nfn {stem}_examples() {{\n    crate::examples::assert_examples_pass(\"rules/{name}\");\n}}\n"
        );
    }
    catalogue.push_str("];\n");
    // Every built-in rule file read once, here: a file that is not TOML
    // stops the build (a linter without one of its rules must not ship).
    let mut tables = Vec::with_capacity(files.len());
    for path in &files {
        let source =
            fs::read_to_string(path).unwrap_or_else(|error| fail(&format!("cannot read {}: {error}", path.display())));
        let table = source.parse::<toml::Table>().unwrap_or_else(|error| fail(&format!("{}: {error}", path.display())));
        tables.push((format!("rules/{}", file_name(path)), source, table));
    }
    catalogue.push_str(&rule_file_table(&tables));
    let (lexicon_table, classes) = lexicon(&rules_dir.join("lexicon"));
    catalogue.push_str(&lexicon_table);
    catalogue.push_str(&literals_table(&tables, &classes));

    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    let _ = fs::write(out_dir.join("catalogue.rs"), catalogue);
    let _ = fs::write(out_dir.join("rule_example_tests.rs"), tests);
}

/// Embeds every word class of `rules/lexicon/<language>/<class>.txt` as
/// `LEXICON: &[(language code, class name, contents)]`, sorted, so a rule can
/// name a class (`<@top-answer>`) instead of pasting its words.
fn lexicon(lexicon_dir: &Path) -> (String, HashMap<(String, String), String>) {
    println!("cargo:rerun-if-changed={}", lexicon_dir.display());
    let mut entries: Vec<(String, String, PathBuf)> = Vec::new();
    for language in ["nl", "en"] {
        let dir = lexicon_dir.join(language);
        println!("cargo:rerun-if-changed={}", dir.display());
        let files = files_with_extension(&dir, "txt");
        if files.is_empty() {
            fail(&format!("no word classes (*.txt) in {}", dir.display()));
        }
        for path in files {
            println!("cargo:rerun-if-changed={}", path.display());
            let class = file_name(&path).trim_end_matches(".txt").to_owned();
            entries.push((language.to_owned(), class, path));
        }
    }
    entries.sort();
    let mut out = String::from(
        "/// The word classes of `rules/lexicon/`: (language code, class name, contents), sorted.\npub(crate) const LEXICON: &[(&str, &str, &str)] = &[\n",
    );
    let mut classes = HashMap::new();
    for (language, class, path) in entries {
        let absolute = fs::canonicalize(&path).unwrap_or(path);
        let _ = writeln!(out, "    ({language:?}, {class:?}, include_str!({:?})),", absolute.display().to_string());
        match fs::read_to_string(&absolute) {
            Ok(contents) => classes.insert((language, class), contents),
            Err(error) => fail(&format!("cannot read {}: {error}", absolute.display())),
        };
    }
    out.push_str("];\n");
    (out, classes)
}

/// The required literals of every built-in phrase pattern, by language and
/// pattern text (see `src/literals.rs`): the linter scans for them without
/// parsing a pattern at run time.
/// A pattern's first set and further sets, by number.
type SetsOfPattern = (usize, Vec<usize>);

fn literals_table(tables: &[(String, String, toml::Table)], classes: &HashMap<(String, String), String>) -> String {
    let mut out = String::from("/// What the built-in phrase patterns require, per language (`src/literals.rs`, `src/triggers.rs`).\n#[rustfmt::skip]\npub(crate) const BUILTIN_TRIGGERS: &[crate::triggers::BuiltinTriggers] = &[\n");
    for language in ["nl", "en"] {
        let entries = |name: &str| {
            let contents = classes.get(&(language.to_owned(), name.to_owned()))?;
            Some(placeholders::class_entries_of(contents).into_iter().map(str::to_owned).collect())
        };
        let mut trees = class_trees::ClassTrees::new(language, entries);
        // Pattern text -> (first set, further sets), sets and literals numbered once.
        let mut patterns: BTreeMap<String, Option<SetsOfPattern>> = BTreeMap::new();
        let mut sets: Vec<Vec<usize>> = Vec::new();
        let mut set_ids: HashMap<Vec<Vec<u8>>, usize> = HashMap::new();
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut literal_ids: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut set_id = |set: std::collections::BTreeSet<Vec<u8>>| -> usize {
            let set: Vec<Vec<u8>> = set.into_iter().collect();
            if let Some(id) = set_ids.get(&set) {
                return *id;
            }
            let members = set
                .iter()
                .map(|literal| {
                    *literal_ids.entry(literal.clone()).or_insert_with(|| {
                        literals.push(literal.clone());
                        literals.len() - 1
                    })
                })
                .collect();
            sets.push(members);
            set_ids.insert(set, sets.len() - 1);
            sets.len() - 1
        };
        for (_, _, table) in tables {
            let found = table.get(language).and_then(|section| section.get("patterns")).and_then(|p| p.as_array());
            for pattern in found.into_iter().flatten().filter_map(|pattern| pattern.as_str()) {
                if patterns.contains_key(pattern) {
                    continue;
                }
                let required = trees.parse(pattern).ok().and_then(|tree| {
                    let primary = literals::required_literals(&tree)?;
                    let also = literals::also_required(&tree, &primary);
                    Some((set_id(primary), also.into_iter().map(&mut set_id).collect()))
                });
                patterns.insert(pattern.to_owned(), required);
            }
        }
        let numbers = |list: &[usize]| list.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
        let mut ends = Vec::with_capacity(literals.len());
        let mut joined: Vec<u8> = Vec::new();
        for literal in &literals {
            joined.extend_from_slice(literal);
            ends.push(joined.len());
        }
        let _ = writeln!(
            out,
            "    crate::triggers::BuiltinTriggers {{\n        language: {language:?},\n        literal_bytes: b\"{}\",\n        literal_ends: &[{}],\n        sets: &[",
            joined.escape_ascii(),
            numbers(&ends)
        );
        for set in &sets {
            let _ = writeln!(out, "            &[{}],", numbers(set));
        }
        let _ = writeln!(out, "        ],\n        patterns: &[");
        let mut keyed: Vec<(u64, &Option<SetsOfPattern>)> =
            patterns.iter().map(|(pattern, required)| (literals::pattern_key(pattern), required)).collect();
        keyed.sort_by_key(|(key, _)| *key);
        if keyed.windows(2).any(|pair| pair[0].0 == pair[1].0) {
            fail("two built-in patterns have the same key (literals::pattern_key); change one");
        }
        for (key, required) in keyed {
            let (primary, also) = match required {
                Some((primary, also)) => (format!("Some({primary})"), numbers(also)),
                None => ("None".to_owned(), String::new()),
            };
            let _ = writeln!(out, "            ({key}, {primary}, &[{also}]),");
        }
        let Some(scanner) = literal_trie::LiteralTrie::new(&literals).tables() else {
            fail(&format!("[{language}] a trigger literal is not ASCII (patterns are written in ASCII)"));
        };
        let _ = writeln!(out, "        ],\n        scanner: {scanner},\n    }},");
    }
    out.push_str("];\n");
    out
}

/// Every built-in rule file's values as written, as `BUILTIN_RULE_FILES`
/// (`crate::rule::BuiltinRuleFile`), so the linter starts without parsing
/// TOML. A missing optional key is `None`: the defaults and every check stay
/// in `src/rule.rs`, and a test compares each file read this way with the
/// same file parsed at run time.
fn rule_file_table(tables: &[(String, String, toml::Table)]) -> String {
    let mut out = String::from(
        "/// The built-in rule files read at build time, alphabetical (`crate::rule::BuiltinRuleFile`).\n#[rustfmt::skip]\npub(crate) const BUILTIN_RULE_FILES: &[crate::rule::BuiltinRuleFile] = &[\n",
    );
    for (origin, source, table) in tables {
        let text = |key: &str| table.get(key).and_then(toml::Value::as_str);
        let _ = writeln!(out, "    crate::rule::BuiltinRuleFile {{\n        origin: {origin:?},");
        for key in ["slug", "code", "severity", "summary"] {
            let _ = writeln!(out, "        {key}: {:?},", text(key).unwrap_or_default());
        }
        for key in ["kind", "replace"] {
            let _ = writeln!(out, "        {key}: {:?},", text(key));
        }
        let _ = writeln!(out, "        fix_safe: {:?},", table.get("fix-safe").and_then(toml::Value::as_bool));
        let _ = writeln!(out, "        sources: &{:?},", strings(table.get("sources")).unwrap_or_default());
        for key in ["contexts", "languages"] {
            let _ = match strings(table.get(key)) {
                Some(values) => writeln!(out, "        {key}: Some(&{values:?}),"),
                None => writeln!(out, "        {key}: None,"),
            };
        }
        for language in ["nl", "en"] {
            let section = table.get(language).and_then(toml::Value::as_table);
            let text = |key: &str| section.and_then(|section| section.get(key)).and_then(toml::Value::as_str);
            let list = |key: &str| strings(section.and_then(|section| section.get(key))).unwrap_or_default();
            let _ = writeln!(out, "        {language}: crate::rule::BuiltinSection {{");
            for key in ["title", "replacement"] {
                let _ = writeln!(out, "            {key}: {:?},", text(key));
            }
            for key in ["message", "rationale", "advice"] {
                let _ = writeln!(out, "            {key}: {:?},", text(key).unwrap_or_default());
            }
            for key in ["patterns", "exceptions", "antipatterns"] {
                let lines = pattern_lines(origin, source, language, key, &list(key));
                let _ = writeln!(out, "            {key}: &{lines:?},");
            }
            for key in ["must-flag", "must-not-flag"] {
                let _ = writeln!(out, "            {}: &{:?},", key.replace('-', "_"), list(key));
            }
            let _ = writeln!(out, "        }},");
        }
        let _ = writeln!(out, "    }},");
    }
    out.push_str("];\n");
    out
}

/// The strings of an array value; `None` when there is no such key.
fn strings(value: Option<&toml::Value>) -> Option<Vec<&str>> {
    Some(value?.as_array()?.iter().filter_map(toml::Value::as_str).collect())
}

/// Each pattern with the 1-based line it stands on. Patterns are literal
/// strings (between triple single quotes), found in order after the
/// `[language]` table's `key = [`.
fn pattern_lines<'a>(
    origin: &str,
    source: &str,
    language: &str,
    key: &str,
    patterns: &[&'a str],
) -> Vec<(&'a str, usize)> {
    let section = source.find(&format!("\n[{language}]\n")).unwrap_or(0);
    let mut cursor = source[section..].find(&format!("\n{key} = [")).map_or(section, |at| section + at);
    let mut located = Vec::with_capacity(patterns.len());
    // Lines counted on from the previous pattern, not from the file's start.
    let (mut counted_to, mut line) = (0, 1);
    for pattern in patterns {
        let written = format!("'''{pattern}'''");
        let Some(at) = source[cursor..].find(&written) else {
            fail(&format!(
                "{origin}: [{language}] {key}: write `{pattern}` as a literal string between triple single quotes"
            ));
        };
        cursor += at;
        line += source[counted_to..cursor].matches('\n').count();
        counted_to = cursor;
        located.push((*pattern, line));
        cursor += written.len();
    }
    located
}

/// The files in `dir` whose name ends in `.extension`; failing the build
/// when the folder cannot be read.
fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => fail(&format!("cannot read {}: {error}", dir.display())),
    };
    let mut files = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => files.push(entry.path()),
            Err(error) => fail(&format!("cannot read {}: {error}", dir.display())),
        }
    }
    files.retain(|path| path.extension().is_some_and(|found| found == extension));
    files
}

/// Stops the build with a message: the library must not be built without its rules.
fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    panic!("surveylint cannot be built: {message}");
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
}
