//! Behaviour of configuration files: parsing, errors, discovery, overrides,
//! extra rules and ignored findings.

// Panicking on a broken fixture is how a test fails.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use surveylint::{Language, Severity, TextFormat};
use surveylint_config::{Config, Error, LoadedConfig};

fn parse(text: &str) -> Result<Config, Error> {
    Config::from_toml_str(text, Path::new("surveylint.toml"))
}

fn error_message(text: &str) -> String {
    match parse(text) {
        Ok(_) => panic!("expected an error for {text:?}"),
        Err(error) => error.to_string(),
    }
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn unknown_key_names_key_file_line_and_closest_key() {
    let text = "language = \"nl\"\n\nignroe = [\"score-begging\"]\n";
    assert_eq!(error_message(text), "surveylint.toml:3:1: unknown key 'ignroe', did you mean 'ignore'?");
}

#[test]
fn unknown_nested_key_is_named_with_its_table() {
    let text = "[limits]\nmax-question = 3\n";
    assert_eq!(
        error_message(text),
        "surveylint.toml:2:1: unknown key 'limits.max-question', did you mean 'max-questions'?"
    );
    let text = "[[overrides]]\nfiles = [\"*.md\"]\n  slect = [\"SL001\"]\n";
    assert_eq!(error_message(text), "surveylint.toml:3:3: unknown key 'overrides.slect', did you mean 'select'?");
}

#[test]
fn unrelated_unknown_key_gets_no_suggestion() {
    assert_eq!(error_message("colour = \"red\"\n"), "surveylint.toml:1:1: unknown key 'colour'");
}

#[test]
fn bad_values_are_located() {
    assert_eq!(
        error_message("language = \"fr\"\n"),
        "surveylint.toml:1:12: unknown language 'fr', expected 'auto', 'nl' or 'en'"
    );
    assert_eq!(
        error_message("[severity]\nscore-begging = \"fatal\"\n"),
        "surveylint.toml:2:17: unknown severity 'fatal', expected 'error', 'warning', 'info', 'hint' or 'off'"
    );
    assert_eq!(
        error_message("[limits]\nmax-questions = -2\n"),
        "surveylint.toml:2:17: `max-questions` must be a positive whole number"
    );
    let message = error_message("select = \"score-begging\"\n");
    assert!(message.starts_with("surveylint.toml:1:10: invalid type"), "{message}");
    let message = error_message("language = \n");
    assert!(message.starts_with("surveylint.toml:1:"), "{message}");
}

#[test]
fn overrides_apply_to_matching_files_only() {
    let text = r#"
language = "nl"
ignore = ["survey-length"]

[severity]
leading-question = "error"
one-sided-question = "off"

[limits]
max-questions = 12

[[overrides]]
files = ["invitations/*.md"]
language = "en"
ignore = ["missing-opt-out"]
[overrides.limits]
max-minutes = 3
"#;
    let loaded = LoadedConfig::from_config(parse(text).unwrap()).unwrap();
    let survey = loaded.effective_for(Path::new("surveys/a.md"));
    assert_eq!(survey.language, Some(Language::Dutch));
    assert_eq!(survey.ignore, vec!["survey-length", "one-sided-question"]);
    assert_eq!(survey.severity.get("leading-question"), Some(&Severity::Error));
    assert_eq!(survey.limits.max_questions, 12);
    assert_eq!(survey.limits.max_minutes, 10.0);
    assert!(survey.overrides.is_empty());

    let invitation = loaded.lint_options_for(Path::new("invitations/mei.md"));
    assert_eq!(invitation.language, Some(Language::English));
    assert_eq!(invitation.ignore, vec!["survey-length", "one-sided-question", "missing-opt-out"]);
    assert_eq!(invitation.limits.max_questions, 12);
    assert_eq!(invitation.limits.max_minutes, 3.0);

    // `*` does not cross a folder boundary.
    let nested = loaded.effective_for(Path::new("invitations/old/april.md"));
    assert!(nested.overrides.is_empty());
}

#[test]
fn glob_without_slash_matches_file_names_anywhere() {
    let text = "[[overrides]]\nfiles = [\"*.txt\"]\nlanguage = \"en\"\n";
    let loaded = LoadedConfig::from_config(parse(text).unwrap()).unwrap();
    assert_eq!(loaded.effective_for(Path::new("deep/down/mail.txt")).language, Some(Language::English));
    assert_eq!(loaded.effective_for(Path::new("deep/down/mail.md")).language, None);
}

#[test]
fn effective_settings_print_as_toml() {
    let text =
        "language = \"nl\"\n[severity]\nSL001 = \"warning\"\n[[overrides]]\nfiles = [\"*.md\"]\nselect = [\"SL001\"]\n";
    let loaded = LoadedConfig::from_config(parse(text).unwrap()).unwrap();
    let printed = loaded.effective_for(Path::new("a.md")).to_string();
    assert_eq!(
        printed,
        "# configuration: surveylint.toml\n# file: a.md\n# matching [[overrides]]: #1\nlanguage = \"nl\"\nselect = [\"SL001\"]\nignore = []\nextra-rules = []\n\n[severity]\n\"SL001\" = \"warning\"\n\n[limits]\nmax-questions = 25\nmax-minutes = 10.0\n"
    );
}

#[test]
fn unknown_rule_names_are_errors_with_suggestions() {
    let text = "select = [\"score-beging\"]\n";
    let loaded = LoadedConfig::from_config(parse(text).unwrap()).unwrap();
    let error = loaded.linter().unwrap_err().to_string();
    assert_eq!(error, "surveylint.toml:1:11: unknown rule 'score-beging', did you mean 'score-begging'?");

    let text = "[severity]\nSL01 = \"error\"\n";
    let loaded = LoadedConfig::from_config(parse(text).unwrap()).unwrap();
    let error = loaded.linter().unwrap_err().to_string();
    assert!(error.starts_with("surveylint.toml:2:8: unknown rule 'SL01', did you mean 'SL0"), "{error}");
}

#[test]
fn discovery_finds_the_nearest_file_and_stops_at_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("surveylint.toml"), "language = \"nl\"\n");
    write(&root.join("team/.surveylint.toml"), "language = \"en\"\n");
    write(&root.join("team/surveys/a.md"), "Hoe was het?\n");
    write(&root.join("other/b.md"), "Hoe was het?\n");

    let nearest = Config::discover(&root.join("team/surveys/a.md")).unwrap().unwrap();
    assert_eq!(nearest.path().file_name().unwrap(), ".surveylint.toml");
    assert_eq!(nearest.lint_options_for(&root.join("team/surveys/a.md")).language, Some(Language::English));

    let upper = Config::discover(&root.join("other/b.md")).unwrap().unwrap();
    assert_eq!(upper.path().file_name().unwrap(), "surveylint.toml");
    assert_eq!(upper.lint_options_for(&root.join("other/b.md")).language, Some(Language::Dutch));
}

#[test]
fn pyproject_counts_only_with_a_surveylint_table() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("surveylint.toml"), "language = \"en\"\n");
    write(&root.join("py/pyproject.toml"), "[project]\nname = \"x\"\n");
    write(&root.join("tool/pyproject.toml"), "[project]\nname = \"x\"\n\n[tool.surveylint]\nlanguage = \"nl\"\n");

    let skipped = Config::discover(&root.join("py/a.md")).unwrap().unwrap();
    assert_eq!(skipped.path().file_name().unwrap(), "surveylint.toml");
    let used = Config::discover(&root.join("tool/a.md")).unwrap().unwrap();
    assert_eq!(used.path().file_name().unwrap(), "pyproject.toml");
    assert_eq!(used.lint_options_for(&root.join("tool/a.md")).language, Some(Language::Dutch));

    let error = Config::load(&root.join("py/pyproject.toml")).unwrap_err().to_string();
    assert!(error.ends_with("pyproject.toml:1:1: has no [tool.surveylint] table"), "{error}");

    // Lines in errors count from the top of pyproject.toml, not of the table.
    write(&root.join("bad/pyproject.toml"), "[project]\nname = \"x\"\n\n[tool.surveylint]\nlangauge = \"nl\"\n");
    let error = Config::discover(&root.join("bad/a.md")).unwrap_err().to_string();
    assert!(error.ends_with("pyproject.toml:5:1: unknown key 'langauge', did you mean 'language'?"), "{error}");
}

const TEAM_RULE: &str = r#"slug = "prize-draw"
code = "TEAM001"
severity = "warning"
summary = "Mentions a prize draw in the invitation."
sources = ["Team guideline."]

[nl]
message = "Een verloting voor deelnemers trekt vooral prijsjagers aan."
rationale = "Beloningen veranderen wie meedoet."
advice = "Bedank deelnemers zonder verloting."
patterns = ['''\b(?P<flag>maak kans op)\b''']
must-flag = ["[[Maak kans op]] een iPad!", "Vul in en [[maak kans op]] een bon.", "U [[maak kans op]] een prijs.", "Doe mee en [[maak kans op]] een reis.", "[[Maak kans op]] 100 euro."]
must-not-flag = ["Bedankt voor uw tijd.", "Hoe was uw bezoek?", "Wij maken geen kans.", "Kans op regen.", "Maak een keuze."]

[en]
message = "A prize draw for respondents mostly attracts prize hunters."
rationale = "Rewards change who takes part."
advice = "Thank respondents without a draw."
patterns = ['''\b(?P<flag>win an?)\b''']
must-flag = ["[[Win an]] iPad!", "Fill in and [[win a]] voucher.", "You could [[win a]] prize.", "Take part and [[win a]] trip.", "[[Win a]] gift card."]
must-not-flag = ["Thank you for your time.", "How was your visit?", "We did not win.", "A winning team.", "Pick one."]
"#;

#[test]
fn an_extra_rules_folder_brings_its_own_word_classes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("surveylint.toml"), "extra-rules = [\"team-rules\"]\n");
    // The team's rule names its own class instead of pasting the phrases.
    let rule = TEAM_RULE.replace("(?P<flag>maak kans op)", "(?P<flag><@chance>)");
    write(&root.join("team-rules/prize-draw.toml"), &rule);
    write(
        &root.join("team-rules/lexicon/nl/chance.txt"),
        "# Wat een verloting belooft.\nmaak kans op\ndingt u mee naar\n",
    );

    let loaded = Config::load(&root.join("surveylint.toml")).unwrap();
    let classes: Vec<(Language, &str)> =
        loaded.class_files().iter().map(|class| (class.language, class.name.as_str())).collect();
    assert_eq!(classes, vec![(Language::Dutch, "chance")]);
    let linter = loaded.linter().unwrap();
    assert!(linter.check_examples("prize-draw").is_empty());
    let options = loaded.lint_options_for(&root.join("mail.txt"));
    let findings = linter.lint_text("Vul de enquête in en dingt u mee naar een bon.", TextFormat::Plain, &options);
    let found: Vec<&str> = findings.iter().map(|finding| finding.rule.as_str()).collect();
    assert_eq!(found, vec!["prize-draw"]);

    // A class folder for a language surveylint has no rules for is an error, not ignored.
    write(&root.join("team-rules/lexicon/fr/chance.txt"), "gagnez\n");
    let error = Config::load(&root.join("surveylint.toml")).err().map(|error| error.to_string()).unwrap_or_default();
    assert!(error.ends_with("lexicon/fr:1:1: a rule pack's lexicon/ holds only the folders nl/ and en/, one class file (<name>.txt) per word class"), "{error}");
}

#[test]
fn extra_rules_load_relative_to_the_config_file_and_behave_like_built_ins() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("config/surveylint.toml"), "extra-rules = [\"team-rules\"]\n[severity]\nprize-draw = \"error\"\n");
    write(&root.join("config/team-rules/prize-draw.toml"), TEAM_RULE);
    write(&root.join("config/team-rules/notes.md"), "not a rule file");

    let loaded = Config::load(&root.join("config/surveylint.toml")).unwrap();
    assert_eq!(loaded.rule_files().len(), 1);
    let linter = loaded.linter().unwrap();
    assert!(linter.check_examples("prize-draw").is_empty());
    let options = loaded.lint_options_for(&root.join("config/mail.txt"));
    let findings = linter.lint_text("Vul de enquête in en maak kans op een bon.", TextFormat::Plain, &options);
    let found: Vec<(&str, Severity)> = findings.iter().map(|d| (d.rule.as_str(), d.severity)).collect();
    assert_eq!(found, vec![("prize-draw", Severity::Error)]);
}

#[test]
fn broken_extra_rule_file_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("surveylint.toml"), "extra-rules = [\"rules\"]\n");
    write(&root.join("rules/broken.toml"), &TEAM_RULE.replace("severity = \"warning\"", "severity = \"loud\""));
    let loaded = Config::load(&root.join("surveylint.toml")).unwrap();
    let error = loaded.linter().unwrap_err().to_string();
    let expected_file = root.join("rules/broken.toml").display().to_string();
    assert!(error.starts_with(&format!("{expected_file}:3:")), "{error}");
    assert!(error.contains("loud"), "{error}");
}

#[test]
fn missing_extra_rules_folder_names_the_config_line() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("surveylint.toml"), "language = \"nl\"\nextra-rules = [\"nowhere\"]\n");
    let error = Config::load(&dir.path().join("surveylint.toml")).unwrap_err().to_string();
    assert!(error.contains("surveylint.toml:2:16: extra-rules folder 'nowhere' cannot be read: "), "{error}");
}

#[test]
fn invalid_glob_is_located() {
    let message = error_message("[[overrides]]\nfiles = [\"surveys/[.md\"]\n");
    assert!(message.starts_with("surveylint.toml:2:10: invalid glob 'surveys/[.md'"), "{message}");
}

#[test]
fn ignored_findings_drop_covered_findings_and_report_unused_entries() {
    use surveylint::{Document, Question, QuestionKind, Unit, UnitKind};

    let source = "Hoe tevreden bent u over onze uitstekende service?\nVerdienen we een 10?\n";
    let mut document = Document::new();
    let first = document.push_unit(Unit::verbatim(&source[..50], UnitKind::Question, 0));
    let second = document.push_unit(Unit::verbatim(&source[51..71], UnitKind::Question, 51));
    let mut question = Question::new(QuestionKind::Open, first);
    question.name = Some("q_service".to_owned());
    document.push_question(question);
    let mut question = Question::new(QuestionKind::Open, second);
    question.name = Some("q_score".to_owned());
    document.push_question(question);

    let text = r#"
[[ignore-findings]]
file = "surveys/*.json"
question = "q_score"
rules = ["SL001"]

[[ignore-findings]]
file = "surveys/nps.json"
question = "q_service"
rules = ["score-begging"]
"#;
    let loaded = LoadedConfig::from_config(parse(text).unwrap()).unwrap();
    let linter = loaded.linter().unwrap();
    let file = Path::new("surveys/nps.json");
    let options = loaded.lint_options_for(file);
    let all = linter.lint(&document, &options);
    assert!(all.iter().any(|d| d.rule == "score-begging"), "{all:#?}");

    let kept = loaded.apply_ignored_findings(file, &document, all.clone(), &linter, &options);
    assert!(!kept.iter().any(|d| d.rule == "score-begging"));
    let unused: Vec<&str> =
        kept.iter().filter(|d| d.rule == "unused-suppression").map(|d| d.message.as_str()).collect();
    assert_eq!(unused.len(), 1, "{kept:#?}");
    assert!(unused[0].ends_with("([[ignore-findings]] in surveylint.toml:8)"), "{}", unused[0]);
    let other_findings = kept.iter().filter(|d| d.rule != "unused-suppression").count();
    assert_eq!(other_findings + 1, all.len());

    // Another file: the entries do not apply.
    let elsewhere = loaded.apply_ignored_findings(Path::new("other.json"), &document, all.clone(), &linter, &options);
    assert_eq!(elsewhere, all);
}

#[test]
fn custom_formats_pick_the_last_matching_entry() {
    use surveylint_config::ConfiguredFormat;
    use surveylint_formats::{CustomLanguage, InputFormat};
    let text = r#"
[[formats.custom]]
files = ["exports/*.json"]
question = ["$.items[*].texts.*", "$.extra[*].title"]
options = "$.items[*].answers[*].label"
language = "$.locale"

[[formats.custom]]
files = ["exports/typeform-*.json"]
format = "typeform"
"#;
    let config = parse(text).unwrap();
    let loaded = LoadedConfig::from_config(config).unwrap();
    let entry = loaded.format_for(Path::new("exports/typeform-1.json")).unwrap();
    assert_eq!((entry.number, entry.line, &entry.format), (2, 9, &ConfiguredFormat::Builtin(InputFormat::Typeform)));
    let entry = loaded.format_for(Path::new("exports/other.json")).unwrap();
    let ConfiguredFormat::Selectors(format) = &entry.format else { panic!("{entry:?}") };
    let written: Vec<&str> = format.questions.iter().map(|selector| selector.as_str()).collect();
    assert_eq!(written, ["$.items[*].texts.*", "$.extra[*].title"]);
    assert_eq!(format.options.len(), 1);
    assert!(matches!(&format.language, CustomLanguage::Selector(selector) if selector.as_str() == "$.locale"));
    assert!(loaded.format_for(Path::new("surveys/a.json")).is_none());
    let shown = loaded.effective_for(Path::new("exports/other.json")).to_string();
    assert!(
        shown.contains(
            "# read as: [[formats.custom]] #1 (line 3): question $.items[*].texts.*, $.extra[*].title; options \
             $.items[*].answers[*].label\n"
        ),
        "{shown}"
    );
    assert!(!loaded.effective_for(Path::new("surveys/a.json")).to_string().contains("# read as"));
}

#[test]
fn custom_format_mistakes_are_located() {
    let entry = "[[formats.custom]]\nfiles = [\"*.json\"]\n";
    assert_eq!(
        error_message(&format!("{entry}questoin = \"$.a\"\n")),
        "surveylint.toml:3:1: unknown key 'formats.custom.questoin', did you mean 'question'?"
    );
    assert_eq!(
        error_message(&format!("{entry}question = \"fields[*].title\"\n")),
        "surveylint.toml:3:12: selector `fields[*].title`: must start with `$` (the document's root)"
    );
    assert_eq!(
        error_message(&format!("{entry}format = \"typefrom\"\n")),
        "surveylint.toml:3:10: unknown format 'typefrom', did you mean 'typeform'?"
    );
    assert_eq!(
        error_message(&format!("{entry}format = \"typeform\"\nquestion = \"$.a\"\n")),
        "surveylint.toml:3:10: give either `format` or selectors (`question`, `options`, `text`), not both"
    );
    assert_eq!(
        error_message(&format!("{entry}options = \"$.a\"\n")),
        "surveylint.toml:2:9: needs `question` selectors (and maybe `options`, `text`), or a built-in `format`"
    );
    assert_eq!(
        error_message(&format!("{entry}question = \"$.a\"\nlanguage = \"de\"\n")),
        "surveylint.toml:4:12: unknown language 'de', expected 'auto', 'nl', 'en' or a selector such as '$.language'"
    );
    assert_eq!(
        error_message("[formats]\ncustm = []\n"),
        "surveylint.toml:2:1: unknown key 'formats.custm', did you mean 'custom'?"
    );
}
