//! `surveylint report`: snapshots of the page for a Dutch and an English
//! questionnaire, and what the command does with languages, standard input,
//! unreadable files and dates. The page in a browser (offline, printed,
//! keyboard, contrast) is tested by tests/report-browser/ (.ci/report.sh).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn surveylint(args: &[&str], stdin: Option<&str>) -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut child = Command::new(env!("CARGO_BIN_EXE_surveylint"))
        .args(args)
        .current_dir(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot start surveylint: {error}"));
    if let Some(mut pipe) = child.stdin.take() {
        let _ = pipe.write_all(stdin.unwrap_or_default().as_bytes());
    }
    child.wait_with_output().unwrap_or_else(|error| panic!("surveylint did not finish: {error}"))
}

/// The page `surveylint report ARGS --output -` writes.
fn page(args: &[&str]) -> String {
    let mut all = vec!["report", "--output", "-"];
    all.extend(args);
    let output = surveylint(&all, None);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap_or_default()
}

/// The page without its style sheet and script, which have tests of their
/// own in the browser, so the snapshots show what the page says.
fn without_assets(page: &str) -> String {
    let mut text = page.to_owned();
    for (open, close, placeholder) in [
        ("<style>", "</style>", "<style>/* report.css */</style>"),
        ("<script>", "</script>", "<script>/* report.js */</script>"),
    ] {
        if let (Some(start), Some(end)) = (text.find(open), text.find(close)) {
            text.replace_range(start..end + close.len(), placeholder);
        }
    }
    let hash_start = text.find("'sha256-").map(|start| start + "'sha256-".len());
    if let Some(start) = hash_start {
        if let Some(length) = text[start..].find('\'') {
            text.replace_range(start..start + length, "…");
        }
    }
    text
}

#[test]
fn dutch_questionnaire() {
    insta::assert_snapshot!(without_assets(&page(&["tests/fixtures/report/fietsenwinkel-nl.json"])));
}

#[test]
fn english_questionnaire() {
    insta::assert_snapshot!(without_assets(&page(&["tests/fixtures/report/webshop-en.md"])));
}

#[test]
fn the_same_inputs_give_the_same_page_and_a_date_only_when_asked() {
    let args = ["examples/"];
    let first = page(&args);
    assert_eq!(first, page(&args));
    assert!(!first.contains("Gemaakt op") && !first.contains("Made on"));
    let dated = page(&["--date", "examples/nl/neutraal.md"]);
    let date = dated.split("Gemaakt op ").nth(1).map(|rest| &rest[..10]).unwrap_or_default();
    assert!(date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-', "{date:?}");
}

#[test]
fn labels_follow_the_questionnaire_unless_told() {
    let dutch = page(&["examples/nl/kaartje-garage.txt"]);
    assert!(dutch.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    assert!(dutch.contains("Verstuur deze vragenlijst nog niet."));
    let english = page(&["--report-lang", "en", "examples/nl/kaartje-garage.txt"]);
    assert!(english.contains("<html lang=\"en\">") && english.contains("Do not send this questionnaire yet."));
    // The findings stay in the language of the text they are about.
    assert!(english.contains("vraagt om een topscore"));
}

#[test]
fn standard_input_and_a_clean_questionnaire() {
    let output = surveylint(
        &["report", "-o", "-", "--stdin-filename", "uitnodiging.txt", "-"],
        Some("Beste klant,\n\nHoe tevreden of ontevreden bent u over de levering?\n"),
    );
    let html = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(html.contains("<code>uitnodiging.txt</code>") || html.contains("uitnodiging.txt"), "{html}");
    assert!(html.contains("surveylint vond niets dat het antwoord stuurt."), "{html}");
    assert!(html.contains("Geen bevindingen in deze vragenlijst."));
}

#[test]
fn an_unreadable_input_is_named_in_the_page_and_fails_the_run() {
    let output = surveylint(&["report", "-o", "-", "tests/fixtures/cli/binary.txt", "examples/nl/neutraal.md"], None);
    assert_eq!(output.status.code(), Some(2));
    let html = String::from_utf8_lossy(&output.stdout);
    assert!(html.contains("<tr class=\"unreadable\"><th scope=\"row\">tests/fixtures/cli/binary.txt</th>"), "{html}");
    assert!(html.contains("id=\"file-1\""), "the readable questionnaire is still in the page");
    assert!(String::from_utf8_lossy(&output.stderr).contains("binary.txt: is a binary file"));
}

#[test]
fn the_page_is_written_to_the_default_file() {
    let folder = std::env::temp_dir().join(format!("surveylint-report-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap_or_else(|error| panic!("{error}"));
    let survey = folder.join("survey.md");
    std::fs::write(&survey, "# Survey\n\n1. How satisfied are you with us?\n")
        .unwrap_or_else(|error| panic!("{error}"));
    let output = Command::new(env!("CARGO_BIN_EXE_surveylint"))
        .args(["report", "survey.md"])
        .current_dir(&folder)
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let html = std::fs::read_to_string(folder.join("surveylint-report.html")).unwrap_or_default();
    assert!(html.contains("How satisfied") && html.contains("<html lang=\"en\">"));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "surveylint: wrote surveylint-report.html (1 finding(s) in 1 file(s))\n"
    );
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn nothing_is_loaded_from_anywhere() {
    let html = page(&["examples/"]);
    let policy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-";
    assert!(html.contains(policy), "the page sets its own Content-Security-Policy");
    for needle in ["src=\"http", "href=\"http", "url(", "@import", "<link", "<img", "<iframe"] {
        assert!(!html.contains(needle), "the page refers to {needle}");
    }
}
