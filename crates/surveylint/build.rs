//! Embeds every rule file of `rules/` in the library, and turns each one's
//! examples into a test of its own (as Harper does with its rule tests).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

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
    for (language, class, path) in entries {
        let absolute = fs::canonicalize(&path).unwrap_or(path);
        let _ = writeln!(out, "    ({language:?}, {class:?}, include_str!({:?})),", absolute.display().to_string());
    }
    out.push_str("];\n");
    out
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
