//! The options JavaScript passes to `lint`, checked and turned into core types.
//!
//! Unknown fields, formats, languages, severities and rule names are errors
//! rather than silently ignored: a typo in `ignore` should not quietly leave
//! a rule on.

use std::collections::BTreeMap;

use serde::Deserialize;
use surveylint::{Language, LintOptions, Linter, Severity};

/// The second argument of `lint`: `{ format, language, config }`, every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct LintRequest {
    /// How to read the text; plain text when absent.
    #[serde(default)]
    pub format: InputFormat,
    /// `"auto"` (the default) detects the language per paragraph; `"nl"` or `"en"` forces it.
    #[serde(default)]
    pub language: LanguageChoice,
    /// Which rules run and how serious their findings are.
    #[serde(default)]
    pub config: Config,
}

/// The formats the package reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text: paragraphs, lines and list items.
    #[default]
    Text,
    /// Markdown: like text, but headings are titles and code blocks are skipped.
    Markdown,
    /// SurveyJS survey JSON; offsets point into the JSON text.
    #[serde(rename = "surveyjs")]
    SurveyJs,
    /// A REDCap data dictionary (CSV); offsets point into the CSV text.
    #[serde(rename = "redcap")]
    RedCap,
    /// A bilingual codebook as CSV (`question_dutch`, `question_english`, …).
    Codebook,
    /// A formr survey spreadsheet saved as CSV.
    #[serde(rename = "formr-csv")]
    FormrCsv,
    /// A surveydown survey (Quarto `.qmd` with `sd_question()` calls).
    Surveydown,
    /// surveydown's `questions.yml`.
    #[serde(rename = "surveydown-yaml")]
    SurveydownYaml,
    /// A Typeform form definition (JSON).
    Typeform,
    /// A Google Forms `forms.get` result (JSON).
    #[serde(rename = "google-forms")]
    GoogleForms,
    /// SurveyMonkey survey details (JSON).
    #[serde(rename = "surveymonkey")]
    SurveyMonkey,
    /// Any JSON, read generically: every string that reads as prose.
    Json,
    /// Any YAML, read generically.
    Yaml,
}

impl InputFormat {
    /// The reader's name for this format.
    pub fn reader_format(self) -> surveylint_formats::InputFormat {
        match self {
            InputFormat::Text => surveylint_formats::InputFormat::Text,
            InputFormat::Markdown => surveylint_formats::InputFormat::Markdown,
            InputFormat::SurveyJs => surveylint_formats::InputFormat::SurveyJs,
            InputFormat::RedCap => surveylint_formats::InputFormat::RedCap,
            InputFormat::Codebook => surveylint_formats::InputFormat::Codebook,
            InputFormat::FormrCsv => surveylint_formats::InputFormat::FormrCsv,
            InputFormat::Surveydown => surveylint_formats::InputFormat::Surveydown,
            InputFormat::SurveydownYaml => surveylint_formats::InputFormat::SurveydownYaml,
            InputFormat::Typeform => surveylint_formats::InputFormat::Typeform,
            InputFormat::GoogleForms => surveylint_formats::InputFormat::GoogleForms,
            InputFormat::SurveyMonkey => surveylint_formats::InputFormat::SurveyMonkey,
            InputFormat::Json => surveylint_formats::InputFormat::Json,
            InputFormat::Yaml => surveylint_formats::InputFormat::Yaml,
        }
    }
}

/// The language setting: detect, or force one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LanguageChoice {
    /// Detect per paragraph, falling back to the language of the whole text.
    #[default]
    Auto,
    /// Treat all text as Dutch.
    Nl,
    /// Treat all text as English.
    En,
}

/// The `config` object: the same knobs as `surveylint.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Config {
    /// When present, only these rules (slugs or codes) run.
    #[serde(default)]
    pub select: Option<Vec<String>>,
    /// Rules (slugs or codes) that do not run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity overrides: rule slug or code to `"hint"`, `"info"`, `"warning"` or `"error"`.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
}

/// Why a request cannot be carried out; the message is shown to JavaScript as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError(pub String);

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RequestError {}

impl LintRequest {
    /// Reads the options object. It goes through a JSON value rather than
    /// straight from JavaScript because serde-wasm-bindgen only looks up the
    /// fields it knows, so a misspelt field would pass unnoticed. Fields set
    /// to `null` (or `undefined`) count as absent, as JavaScript callers expect.
    pub fn from_json(mut value: serde_json::Value) -> Result<LintRequest, RequestError> {
        drop_null_fields(&mut value);
        serde_json::from_value(value).map_err(|error| RequestError(format!("options: {error}")))
    }

    /// The core options this request stands for. Fails on a rule name the
    /// linter does not know, naming the field it was found in.
    pub fn lint_options(&self, linter: &Linter) -> Result<LintOptions, RequestError> {
        let check = |field: &str, name: &str| -> Result<(), RequestError> {
            if linter.rule(name).is_some() {
                return Ok(());
            }
            let known: Vec<&str> = linter.rules().iter().map(|rule| rule.slug.as_str()).collect();
            Err(RequestError(format!("config.{field}: unknown rule `{name}` (known rules: {})", known.join(", "))))
        };
        for name in self.config.select.iter().flatten() {
            check("select", name)?;
        }
        for name in &self.config.ignore {
            check("ignore", name)?;
        }
        for name in self.config.severity.keys() {
            check("severity", name)?;
        }
        let mut options = LintOptions::default();
        options.language = match self.language {
            LanguageChoice::Auto => None,
            LanguageChoice::Nl => Some(Language::Dutch),
            LanguageChoice::En => Some(Language::English),
        };
        options.select = self.config.select.clone();
        options.ignore = self.config.ignore.clone();
        options.severity = self.config.severity.clone();
        Ok(options)
    }
}

/// Removes object fields whose value is `null`, at every depth.
fn drop_null_fields(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(fields) => {
            fields.retain(|_, field| !field.is_null());
            fields.values_mut().for_each(drop_null_fields);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_null_fields),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<LintRequest, String> {
        let value = serde_json::from_str(json).map_err(|error| error.to_string())?;
        LintRequest::from_json(value).map_err(|error| error.to_string())
    }

    #[test]
    fn an_empty_object_means_plain_text_auto_language_all_rules() {
        assert_eq!(parse("{}"), Ok(LintRequest::default()));
        let options = LintRequest::default().lint_options(&Linter::new());
        assert_eq!(options, Ok(LintOptions::default()));
    }

    #[test]
    fn null_fields_count_as_absent() {
        let request = parse(r#"{"format":null,"language":"en","config":{"select":null,"severity":{}}}"#);
        assert_eq!(
            request.map(|request| (request.format, request.language)),
            Ok((InputFormat::Text, LanguageChoice::En))
        );
    }

    #[test]
    fn every_field_maps_to_the_core_options() {
        let request = parse(
            r#"{"format":"markdown","language":"nl","config":{"select":["SL001"],"ignore":["score-begging"],"severity":{"score-begging":"hint"}}}"#,
        );
        let request = request.unwrap_or_default();
        assert_eq!(request.format, InputFormat::Markdown);
        let options = request.lint_options(&Linter::new()).unwrap_or_default();
        assert_eq!(options.language, Some(Language::Dutch));
        assert_eq!(options.select, Some(vec!["SL001".to_owned()]));
        assert_eq!(options.ignore, vec!["score-begging".to_owned()]);
        assert_eq!(options.severity.get("score-begging"), Some(&Severity::Hint));
    }

    #[test]
    fn typos_are_errors_that_name_the_field() {
        let unknown_field = parse(r#"{"config":{"ignroe":["score-begging"]}}"#).err().unwrap_or_default();
        assert!(unknown_field.starts_with("options: unknown field `ignroe`, expected one of"), "{unknown_field}");
        let unknown_top = parse(r#"{"colour":"red"}"#).err().unwrap_or_default();
        assert!(unknown_top.contains("unknown field `colour`"), "{unknown_top}");
        let bad_format = parse(r#"{"format":"docx"}"#).err().unwrap_or_default();
        assert!(bad_format.contains("unknown variant `docx`"), "{bad_format}");
        let bad_level = parse(r#"{"config":{"severity":{"score-begging":"fatal"}}}"#).err().unwrap_or_default();
        assert!(bad_level.contains("unknown variant `fatal`"), "{bad_level}");

        let unknown_rule = parse(r#"{"config":{"ignore":["score-beging"]}}"#).unwrap_or_default();
        let error = unknown_rule.lint_options(&Linter::new()).err().unwrap_or_else(|| RequestError(String::new()));
        assert!(error.0.starts_with("config.ignore: unknown rule `score-beging` (known rules: "), "{error}");
        assert!(error.0.contains("score-begging"), "{error}");
    }
}
