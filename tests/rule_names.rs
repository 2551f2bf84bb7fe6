//! A rule has three names people write: its slug (`score-begging`), its code
//! (`SL001`) and the code in lower case (`sl001`). They are one rule
//! everywhere a rule is named: a suppression comment, `[[ignore-findings]]`,
//! `select`, `ignore` and `[severity]` in the configuration, and
//! `surveylint explain`. Each place is run with every name through the
//! `surveylint` binary, and must give exactly what the slug gives.

use std::path::Path;
use std::process::Command;

const NAMES: [&str; 4] = ["score-begging", "SL001", "sl001", "Score-Begging"];

/// Two score-begging questions and one loaded-language question.
const SURVEY: &str =
    "Verdienen we een 10?\n\nVerdienen we een 9 of 10?\n\nBent u tevreden over onze fantastische service?\n";

/// Runs `surveylint` in `folder`: exit status and stdout.
fn surveylint(folder: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_surveylint"))
        .args(args)
        .current_dir(folder)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|error| panic!("cannot run surveylint: {error}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.is_empty() || output.status.code() == Some(1), "{args:?}: {stderr}");
    (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
}

/// `(rule, severity, line)` of every finding `check` reports for `survey.md`
/// in a folder holding `survey` and, when given, `surveylint.toml`.
fn findings(survey: &str, config: Option<&str>) -> Vec<(String, String, u64)> {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("temporary folder: {error}"));
    let write = |name: &str, text: &str| {
        std::fs::write(folder.path().join(name), text).unwrap_or_else(|error| panic!("{name}: {error}"));
    };
    write("survey.md", survey);
    let mut args = vec!["check", "--format", "json"];
    if let Some(config) = config {
        write("surveylint.toml", config);
        args.extend(["--config", "surveylint.toml"]);
    }
    args.push("survey.md");
    let (_, stdout) = surveylint(folder.path(), &args);
    let report: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|error| panic!("{args:?}: {error}\n{stdout}"));
    let diagnostics = report["diagnostics"].as_array().cloned().unwrap_or_default();
    diagnostics
        .iter()
        .map(|finding| {
            let text = |key: &str| finding[key].as_str().unwrap_or_default().to_owned();
            (text("rule"), text("severity"), finding["start"]["line"].as_u64().unwrap_or_default())
        })
        .collect()
}

fn found(list: &[(&str, &str, u64)]) -> Vec<(String, String, u64)> {
    list.iter().map(|(rule, severity, line)| ((*rule).to_owned(), (*severity).to_owned(), *line)).collect()
}

#[test]
fn the_survey_has_what_the_other_tests_silence() {
    assert_eq!(
        findings(SURVEY, None),
        found(&[("score-begging", "error", 1), ("score-begging", "error", 3), ("loaded-language", "warning", 5)])
    );
}

#[test]
fn a_suppression_comment_takes_any_name() {
    for name in NAMES {
        let survey = format!("<!-- surveylint-disable-next-line {name} -->\n{SURVEY}");
        // Only the first question is silenced, and the directive is not unused.
        let expected = found(&[("score-begging", "error", 4), ("loaded-language", "warning", 6)]);
        assert_eq!(findings(&survey, None), expected, "{name}");
        let survey = format!("<!-- surveylint-disable {name} -->\n{SURVEY}");
        assert_eq!(findings(&survey, None), found(&[("loaded-language", "warning", 6)]), "{name}");
    }
}

#[test]
fn ignore_findings_takes_any_name() {
    for name in NAMES {
        let config = format!("[[ignore-findings]]\nfile = \"survey.md\"\nrules = [\"{name}\"]\n");
        assert_eq!(findings(SURVEY, Some(&config)), found(&[("loaded-language", "warning", 5)]), "{name}");
    }
}

#[test]
fn select_ignore_and_severity_take_any_name() {
    for name in NAMES {
        let select = format!("select = [\"{name}\"]\n");
        let selected = found(&[("score-begging", "error", 1), ("score-begging", "error", 3)]);
        assert_eq!(findings(SURVEY, Some(&select)), selected, "select {name}");

        let ignore = format!("ignore = [\"{name}\"]\n");
        assert_eq!(findings(SURVEY, Some(&ignore)), found(&[("loaded-language", "warning", 5)]), "ignore {name}");

        let severity = format!("[severity]\n\"{name}\" = \"hint\"\n");
        let lowered =
            found(&[("score-begging", "hint", 1), ("score-begging", "hint", 3), ("loaded-language", "warning", 5)]);
        assert_eq!(findings(SURVEY, Some(&severity)), lowered, "severity {name}");
    }
}

#[test]
fn explain_takes_any_name() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("temporary folder: {error}"));
    let (status, by_slug) = surveylint(folder.path(), &["explain", "score-begging", "--lang", "en"]);
    assert_eq!(status, Some(0));
    assert!(by_slug.starts_with("score-begging (SL001) — "), "{by_slug}");
    for name in NAMES {
        assert_eq!(surveylint(folder.path(), &["explain", name, "--lang", "en"]), (Some(0), by_slug.clone()), "{name}");
    }
}
