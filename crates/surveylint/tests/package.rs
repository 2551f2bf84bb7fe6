//! The published crate must carry every rule file and word class: the rules
//! live at the top of the repository and reach the crate through its
//! `rules` link, which `cargo package` follows. This lists what `cargo
//! package` would publish and compares it with the files in `rules/`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Every file under `dir`, as a `/`-separated path starting with `prefix`.
fn files_under(dir: &Path, prefix: &str) -> Vec<String> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.unwrap_or_else(|error| panic!("{}: {error}", dir.display())).path();
        let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_dir() {
            files.extend(files_under(&path, &format!("{prefix}{name}/")));
        } else {
            files.push(format!("{prefix}{name}"));
        }
    }
    files
}

#[test]
fn the_packaged_crate_carries_every_rule_file_and_word_class() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["package", "-p", "surveylint", "--list", "--allow-dirty"])
        .current_dir(&crate_dir)
        .output()
        .unwrap_or_else(|error| panic!("cannot run cargo package: {error}"));
    let listing = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "cargo package --list failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let packaged: Vec<&str> = listing.lines().collect();

    let mut expected = files_under(&crate_dir.join("rules"), "rules/");
    expected.sort();
    let rule_files = expected.iter().filter(|file| file.ends_with(".toml")).count();
    let word_classes = expected.iter().filter(|file| file.starts_with("rules/lexicon/")).count();
    assert!(rule_files > 0 && word_classes > 0, "rules/ holds {rule_files} rule files and {word_classes} word classes");
    let missing: Vec<&String> = expected.iter().filter(|file| !packaged.contains(&file.as_str())).collect();
    assert!(missing.is_empty(), "cargo package leaves out {missing:?}");
    // The library's own sources and its build script travel too.
    for file in ["Cargo.toml", "build.rs", "src/lib.rs", "src/catalogue.rs"] {
        assert!(packaged.contains(&file), "cargo package leaves out {file}");
    }
}
