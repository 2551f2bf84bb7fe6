//! Embeds every rule file of `rules/` in the library, and turns each one's
//! examples into a test of its own (as Harper does with its rule tests).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let rules_dir = manifest_dir.join("../../rules");
    println!("cargo:rerun-if-changed={}", rules_dir.display());

    let mut files: Vec<PathBuf> = fs::read_dir(&rules_dir)
        .map(|entries| entries.filter_map(Result::ok).map(|entry| entry.path()).collect())
        .unwrap_or_default();
    files.retain(|path| path.extension().is_some_and(|extension| extension == "toml"));
    // Alphabetical, so the registry and generated docs have a stable order.
    files.sort();

    let mut catalogue = String::from("/// The built-in rule files: (name, contents), alphabetical.\npub(crate) const BUILTIN_RULES: &[(&str, &str)] = &[\n");
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
    catalogue.push_str(&lexicon(&rules_dir.join("lexicon")));

    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    let _ = fs::write(out_dir.join("catalogue.rs"), catalogue);
    let _ = fs::write(out_dir.join("rule_example_tests.rs"), tests);
}

/// Embeds every word class of `rules/lexicon/<language>/<class>.txt` as
/// `LEXICON: &[(language code, class name, contents)]`, sorted, so a rule can
/// name a class (`<@top-answer>`) instead of pasting its words.
fn lexicon(lexicon_dir: &Path) -> String {
    println!("cargo:rerun-if-changed={}", lexicon_dir.display());
    let mut entries: Vec<(String, String, PathBuf)> = Vec::new();
    for language in ["nl", "en"] {
        let dir = lexicon_dir.join(language);
        println!("cargo:rerun-if-changed={}", dir.display());
        let files: Vec<PathBuf> = fs::read_dir(&dir)
            .map(|found| found.filter_map(Result::ok).map(|entry| entry.path()).collect())
            .unwrap_or_default();
        for path in files.into_iter().filter(|path| path.extension().is_some_and(|extension| extension == "txt")) {
            println!("cargo:rerun-if-changed={}", path.display());
            let class = file_name(&path).trim_end_matches(".txt").to_owned();
            entries.push((language.to_owned(), class, path));
        }
    }
    entries.sort();
    let mut out = String::from(
        "/// The word classes of `rules/lexicon/`: (language code, class name, contents), sorted.\npub(crate) const LEXICON: &[(&str, &str, &str)] = &[\n",
    );
    for (language, class, path) in entries {
        let absolute = fs::canonicalize(&path).unwrap_or(path);
        let _ = writeln!(out, "    ({language:?}, {class:?}, include_str!({:?})),", absolute.display().to_string());
    }
    out.push_str("];\n");
    out
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
}
