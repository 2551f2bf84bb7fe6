//! The survey-level rules on whole Markdown questionnaires of our own
//! (tests/fixtures/survey/), checked through the public API exactly as the
//! command line and the language server call it.

use std::path::PathBuf;

use surveylint::{Diagnostic, LintOptions, Linter, Severity, TextFormat};

/// The built-in survey rules; phrase rules are left out so the snapshots
/// only change when these rules do.
const SURVEY_RULES: &[&str] = &[
    "missing-opt-out",
    "no-open-question",
    "nps-without-follow-up",
    "overlapping-options",
    "survey-length",
    "unbalanced-scale",
];

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/survey").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

fn survey_options() -> LintOptions {
    let mut options = LintOptions::default();
    options.select = Some(SURVEY_RULES.iter().map(|slug| (*slug).to_owned()).collect());
    options
}

/// One line per finding: code, rule, severity, line:column, the flagged
/// source text (sliced by the byte span), the language and the message.
fn render(source: &str, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|diagnostic| {
            let before = &source[..diagnostic.span.start];
            let line = before.matches('\n').count() + 1;
            let column = before[before.rfind('\n').map_or(0, |newline| newline + 1)..].chars().count() + 1;
            let flagged = &source[diagnostic.span.start..diagnostic.span.end];
            format!(
                "{} {} [{}] {line}:{column} `{flagged}` ({}): {}",
                diagnostic.code, diagnostic.rule, diagnostic.severity, diagnostic.language, diagnostic.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn lint(name: &str, options: &LintOptions) -> (String, Vec<Diagnostic>) {
    let source = fixture(name);
    let diagnostics = Linter::new().lint_text(&source, TextFormat::Markdown, options);
    (source, diagnostics)
}

#[test]
fn flawed_dutch_questionnaire() {
    let (source, diagnostics) = lint("cafe-zoe-nl.md", &survey_options());
    insta::assert_snapshot!(render(&source, &diagnostics));
}

#[test]
fn flawed_english_questionnaire() {
    let (source, diagnostics) = lint("cafe-zoe-en-flawed.md", &survey_options());
    insta::assert_snapshot!(render(&source, &diagnostics));
}

#[test]
fn well_made_english_questionnaire_is_quiet() {
    let (source, diagnostics) = lint("cafe-zoe-en.md", &survey_options());
    assert_eq!(render(&source, &diagnostics), "");
}

#[test]
fn survey_length_follows_the_configured_limits() {
    let mut options = survey_options();
    options.select = Some(vec!["survey-length".to_owned()]);
    let (_, diagnostics) = lint("cafe-zoe-nl.md", &options);
    assert_eq!(diagnostics, vec![], "five questions are within the default limits");

    options.limits.max_questions = 4;
    let (source, diagnostics) = lint("cafe-zoe-nl.md", &options);
    insta::assert_snapshot!("survey_length_over_four_questions", render(&source, &diagnostics));

    let mut options = survey_options();
    options.select = Some(vec!["SL104".to_owned()]);
    options.limits.max_minutes = 0.5;
    let (source, diagnostics) = lint("cafe-zoe-en.md", &options);
    insta::assert_snapshot!("survey_length_over_half_a_minute", render(&source, &diagnostics));
}

#[test]
fn survey_rules_can_be_ignored_and_given_another_severity() {
    let mut options = survey_options();
    options.ignore = vec!["SL103".to_owned(), "missing-opt-out".to_owned()];
    options.severity.insert("unbalanced-scale".to_owned(), Severity::Error);
    let (_, diagnostics) = lint("cafe-zoe-nl.md", &options);
    let rules: Vec<(&str, Severity)> =
        diagnostics.iter().map(|diagnostic| (diagnostic.rule.as_str(), diagnostic.severity)).collect();
    assert_eq!(
        rules,
        vec![
            ("no-open-question", Severity::Info),
            ("unbalanced-scale", Severity::Error),
            ("nps-without-follow-up", Severity::Info),
        ]
    );
}

#[test]
fn overview_counts_what_the_survey_rules_count() {
    let source = fixture("cafe-zoe-nl.md");
    let document = surveylint::parse_text(&source, TextFormat::Markdown);
    let overview = Linter::new().overview(&document, &LintOptions::default());
    assert_eq!(overview.language, Some(surveylint::Language::Dutch));
    assert_eq!(overview.languages.len(), document.units.len());
    assert_eq!((overview.questions, overview.open_questions), (5, 0));
    assert!(overview.minutes > 0.0 && overview.minutes < overview.limits.max_minutes, "{}", overview.minutes);
    let mut options = LintOptions::default();
    options.language = Some(surveylint::Language::English);
    let forced = Linter::new().overview(&document, &options);
    assert!(forced.languages.iter().all(|language| *language == surveylint::Language::English));
}

#[test]
fn every_built_in_rule_has_a_title_in_both_languages() {
    for rule in Linter::new().rules() {
        for language in surveylint::Language::ALL {
            let title = &rule.text(language).title;
            assert!(!title.is_empty() && title.chars().count() <= 40, "{} [{language}]: {title:?}", rule.slug);
        }
        assert_ne!(rule.nl.title, rule.en.title, "{}: the titles are not translated", rule.slug);
    }
}
