//! `surveylint check --fix` on real files: what is written, what is kept
//! (line endings, byte-order mark, permissions), and that a file that cannot
//! be written stays intact.

// Panicking on a broken fixture is how a test fails.
#![allow(clippy::unwrap_used)]
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

const SURVEY: &str = "\u{feff}# Klantonderzoek\r\n\r\n<!-- surveylint-disable-next-line score-begging -->\r\nHoe was uw bezoek?\r\n\r\n😀 Hoe tevreden bent u over de levertijd?\r\n";
const FIXED: &str =
    "\u{feff}# Klantonderzoek\r\n\r\nHoe was uw bezoek?\r\n\r\n😀 Hoe tevreden of ontevreden bent u over de levertijd?\r\n";

fn surveylint(args: &[&str], file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_surveylint")).args(args).arg(file).env("NO_COLOR", "1").output().unwrap()
}

#[test]
fn fix_applies_safe_fixes_keeps_crlf_bom_and_permissions_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("enquête.md");
    std::fs::write(&file, SURVEY).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();

    let diff = surveylint(&["check", "--diff"], &file);
    assert_eq!(diff.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), SURVEY, "--diff must not write");

    let first = surveylint(&["check", "--fix"], &file);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(stderr.contains("fixed 2 finding(s) in 1 file(s)"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), FIXED);
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o640);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left behind");

    let second = surveylint(&["check", "--fix"], &file);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("fixed 0 finding(s) in 0 file(s)"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), FIXED);
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mail.txt");
    std::fs::write(&file, "Verdienen we een 10?\n").unwrap();
    let safe_only = surveylint(&["check", "--fix"], &file);
    assert!(String::from_utf8_lossy(&safe_only.stderr).contains("1 more with --unsafe"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "Verdienen we een 10?\n");
    surveylint(&["check", "--fix", "--unsafe"], &file);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "Welk cijfer van 0 tot 10 geeft u ons, en waarom?\n");
}

/// True when this process runs as root, who may write into read-only folders.
fn is_root() -> bool {
    let output = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&output.stdout).trim() == "0"
}

#[test]
fn unwritable_folder_leaves_the_original_intact_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let folder = dir.path().join("read-only");
    std::fs::create_dir(&folder).unwrap();
    let file = folder.join("survey.md");
    std::fs::write(&file, SURVEY).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();

    let binary = env!("CARGO_BIN_EXE_surveylint");
    // Root ignores folder permissions, so run as `nobody` (util-linux setpriv).
    let mut command = if is_root() {
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups", binary]);
        command
    } else {
        Command::new(binary)
    };
    let output = command.args(["check", "--fix"]).arg(&file).env("NO_COLOR", "1").output().unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("survey.md: cannot write the fixed file ("), "{stderr}");
    assert!(stderr.contains("the original is unchanged"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), SURVEY);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "no temporary file is left behind");
}
