//! # surveylint-wasm
//!
//! The surveylint core compiled to WebAssembly for browsers and Node.js.
//! JavaScript strings are indexed in UTF-16 code units, so every offset this
//! package returns is a UTF-16 offset (`text.slice(start, end)` gives the
//! flagged words) plus a 1-based line and column.
//!
//! The exported functions are thin: the work happens in plain Rust
//! ([`lint_source`], [`rule_catalogue`]) that the host can test without a
//! JavaScript engine.

mod js_position;
mod output;
mod request;

use std::sync::OnceLock;

use surveylint::{Document, Linter};
use wasm_bindgen::prelude::*;

pub use js_position::{JsPosition, JsPositions};
pub use output::{JsDiagnostic, JsRule, JsRuleText, JsSuggestion};
pub use request::{Config, InputFormat, LanguageChoice, LintRequest, RequestError};

/// Lints `text` as the request says and converts the findings to UTF-16 positions.
pub fn lint_source(linter: &Linter, text: &str, request: &LintRequest) -> Result<Vec<JsDiagnostic>, RequestError> {
    let options = request.lint_options(linter)?;
    let document = read_document(text, request.format)?;
    let positions = JsPositions::new(text);
    Ok(linter
        .lint(&document, &options)
        .iter()
        .map(|diagnostic| JsDiagnostic::from_core(diagnostic, &document, &positions))
        .collect())
}

/// Every rule of the linter, alphabetical by slug.
pub fn rule_catalogue(linter: &Linter) -> Vec<JsRule> {
    linter.rules().iter().map(JsRule::from_core).collect()
}

fn read_document(text: &str, format: InputFormat) -> Result<Document, RequestError> {
    surveylint_formats::read(format.reader_format(), text.as_bytes())
        .map_err(|error| RequestError(format!("cannot read the text as {}: {error}", format.reader_format())))
}

/// The built-in linter, compiled on first use and kept: compiling the rules
/// takes a few hundred milliseconds in WebAssembly, so it must happen once.
fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(Linter::new)
}

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT_TYPES: &'static str = r#"
/** How serious a finding is, least serious first. */
export type Severity = "hint" | "info" | "warning" | "error";

/** The language of a text: Dutch or English. */
export type Language = "nl" | "en";

/** The second argument of `lint`; every field is optional. */
export interface LintOptions {
  /** How to read the text. Default `"text"`. The CSV formats are a REDCap data dictionary, a bilingual codebook and a formr spreadsheet; `"surveydown"` is a Quarto survey, `"json"` and `"yaml"` read any JSON or YAML generically. */
  format?:
    | "text"
    | "markdown"
    | "surveyjs"
    | "redcap"
    | "codebook"
    | "formr-csv"
    | "surveydown"
    | "surveydown-yaml"
    | "typeform"
    | "google-forms"
    | "surveymonkey"
    | "json"
    | "yaml";
  /** `"auto"` (default) detects the language per paragraph; `"nl"` or `"en"` forces it. */
  language?: "auto" | Language;
  /** Which rules run and how serious their findings are. */
  config?: LintConfig;
}

/** The same knobs as `surveylint.toml`. Unknown rule names are errors. */
export interface LintConfig {
  /** When present, only these rules (slugs such as `"score-begging"` or codes such as `"SL001"`) run. */
  select?: string[];
  /** Rules (slugs or codes) that do not run. */
  ignore?: string[];
  /** Severity overrides by rule slug or code. */
  severity?: Record<string, Severity>;
}

/** One finding. Offsets are UTF-16 code units: `text.slice(start, end)` is the flagged words. */
export interface Diagnostic {
  /** The rule's slug, e.g. `"score-begging"`. */
  rule: string;
  /** The rule's code, e.g. `"SL001"`. */
  code: string;
  severity: Severity;
  /** The language of the flagged text; `message` is in this language. */
  language: Language;
  /** One sentence saying what is wrong. */
  message: string;
  /** First UTF-16 code unit of the flagged words. */
  start: number;
  /** One past the last UTF-16 code unit of the flagged words. */
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** 1-based column of `start`, in UTF-16 code units. */
  column: number;
  /** 1-based line of `end`. */
  endLine: number;
  /** 1-based column of `end`, in UTF-16 code units. */
  endColumn: number;
  /** A position that is not an offset (a spreadsheet cell such as `"survey!C7"`); `null` for text input. */
  location: string | null;
  /** Rewrites, the preferred one first; may be empty. */
  suggestions: Suggestion[];
}

/** A rewrite: replace `text.slice(start, end)` with `replacement`. */
export interface Suggestion {
  /** First UTF-16 code unit to replace (often the whole sentence, not just the flagged words). */
  start: number;
  /** One past the last UTF-16 code unit to replace. */
  end: number;
  /** The new text, already escaped for the input format. */
  replacement: string;
  /** True when applying it cannot change what the question asks. */
  safe: boolean;
}

/** The words to show around a rule's texts in one language. */
export interface Labels {
  /** The language's own name: `"Nederlands"`, `"English"`. */
  language: string;
  /** Before the rationale: `"Waarom"`, `"Why"`. */
  why: string;
  /** Before the advice. */
  advice: string;
  /** Before the suggested rewrite. */
  rewrite: string;
  /** Before the examples the rule flags. */
  flagged: string;
  /** Before the examples it leaves alone. */
  notFlagged: string;
  /** Before the sources. */
  sources: string;
  /** The link to the rule's page. */
  more: string;
}

/** A rule's explanation in one language. */
export interface RuleText {
  /** A short name for the rule. */
  title: string;
  /** The message template; `{match}` stands for the flagged words. */
  message: string;
  /** Why the wording is a problem. */
  rationale: string;
  /** How to ask neutrally instead. */
  advice: string;
  /** The suggested rewrite, or `null` when the rule has none. */
  replacement: string | null;
  /** The labels the command line, the editor and the reference use. */
  labels: Labels;
}

/** A rule of the catalogue. */
export interface Rule {
  slug: string;
  code: string;
  /** The default severity. */
  severity: Severity;
  /** `"phrase"` rules match wording; `"survey"` rules check the questionnaire's structure. */
  kind: "phrase" | "survey";
  /** One line in English saying what the rule catches. */
  summary: string;
  /** The research and articles the rule rests on. */
  sources: string[];
  /** True when the suggested rewrite can be applied without review. */
  fixSafe: boolean;
  nl: RuleText;
  en: RuleText;
}
"#;

/// Lints `text` and returns its findings in source order. Throws an `Error`
/// naming the field when the options are malformed.
#[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
pub fn lint(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "LintOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    // `undefined` and `null` arrive as `None`; both mean "all defaults".
    let request = match options {
        Some(options) => {
            let value: serde_json::Value = serde_wasm_bindgen::from_value(options)
                .map_err(|error| JsError::new(&format!("surveylint: options: {error}")))?;
            LintRequest::from_json(value).map_err(|error| JsError::new(&format!("surveylint: {error}")))?
        }
        None => LintRequest::default(),
    };
    let diagnostics =
        lint_source(linter(), text, &request).map_err(|error| JsError::new(&format!("surveylint: {error}")))?;
    to_js(&diagnostics)
}

/// The rule catalogue, alphabetical by slug.
#[wasm_bindgen(unchecked_return_type = "Rule[]")]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&rule_catalogue(linter()))
}

/// The version of the linter, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Serializes as plain JSON-like values: objects (not `Map`s) and `null` for a missing value.
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| JsError::new(&format!("surveylint: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The findings of score begging only: other rules may fire on the same
    /// text as the catalogue grows, and these tests are about positions.
    fn begging(text: &str, request: &LintRequest) -> Vec<JsDiagnostic> {
        let found = lint_source(&Linter::new(), text, request).unwrap_or_default();
        found.into_iter().filter(|finding| finding.rule == "score-begging").collect()
    }

    fn js_slice(text: &str, start: usize, end: usize) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16_lossy(&units[start..end])
    }

    #[test]
    fn dutch_score_begging_after_emoji_is_positioned_in_utf16() {
        let text = "Bedankt voor uw bezoek 🚗! Café-tip: zou u ons aanraden en verdienen we een 9 of 10?";
        let found = begging(text, &LintRequest::default());
        assert_eq!(found.len(), 1, "{found:#?}");
        let finding = &found[0];
        assert_eq!((finding.rule.as_str(), finding.code.as_str()), ("score-begging", "SL001"));
        assert_eq!(js_slice(text, finding.start, finding.end), "verdienen we een 9 of 10");
        assert_eq!((finding.line, finding.column), (1, finding.start + 1));
        assert_eq!((finding.end_line, finding.end_column), (1, finding.end + 1));
        let suggestion = &finding.suggestions[0];
        // The rule rewrites the whole sentence holding the match.
        assert_eq!(
            js_slice(text, suggestion.start, suggestion.end),
            "Café-tip: zou u ons aanraden en verdienen we een 9 of 10?"
        );
        assert_eq!(suggestion.replacement, "Welk cijfer van 0 tot 10 geeft u ons, en waarom?");
    }

    #[test]
    fn config_ignore_and_severity_apply() {
        let text = "Please rate us 5 stars!";
        let mut request = LintRequest::default();
        request.config.severity.insert("SL001".to_owned(), surveylint::Severity::Info);
        let found = begging(text, &request);
        assert_eq!(
            found.iter().map(|d| (d.rule.as_str(), d.severity)).collect::<Vec<_>>(),
            [("score-begging", surveylint::Severity::Info)]
        );
        request.config.ignore.push("score-begging".to_owned());
        assert_eq!(begging(text, &request), Vec::new());
    }

    #[test]
    fn multi_line_markdown_reports_lines_and_columns() {
        let text = "# Enquête 🙂\n\nHoe was uw bezoek?\n\n- Geef ons een 10!\n";
        let request = LintRequest { format: InputFormat::Markdown, ..LintRequest::default() };
        let found = begging(text, &request);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(js_slice(text, found[0].start, found[0].end), "Geef ons een 10");
        assert_eq!((found[0].line, found[0].column, found[0].end_line, found[0].end_column), (5, 3, 5, 18));
    }

    #[test]
    fn surveyjs_offsets_point_into_the_json_text() {
        let json = r#"{"pages":[{"elements":[{"type":"rating","name":"nps","title":"Caf\u00e9 🙂 \"Noord\": verdienen we een 9 of 10?"}]}]}"#;
        let request = LintRequest { format: InputFormat::SurveyJs, ..LintRequest::default() };
        let found = begging(json, &request);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(js_slice(json, found[0].start, found[0].end), "verdienen we een 9 of 10");
        assert_eq!(found[0].location, None);
        let suggestion = &found[0].suggestions[0];
        assert_eq!(
            js_slice(json, suggestion.start, suggestion.end),
            r#"Caf\u00e9 🙂 \"Noord\": verdienen we een 9 of 10?"#
        );
    }

    #[test]
    fn csv_offsets_point_into_the_csv_text() {
        let csv = "field_name,form_name,section_header,field_type,field_label,select_choices_or_calculations\nq,f,,radio,\"\"\"Tja\"\", verdienen we een 10?\",\"1, Ja | 2, Nee\"\n";
        let request = LintRequest { format: InputFormat::RedCap, ..LintRequest::default() };
        let found = begging(csv, &request);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(js_slice(csv, found[0].start, found[0].end), "verdienen we een 10");
        let codebook = "id;question_dutch;question_english\nq1;Verdienen we een 9 of 10?;Did we earn a 10?\n";
        let request = LintRequest { format: InputFormat::Codebook, ..LintRequest::default() };
        let words: Vec<String> =
            begging(codebook, &request).iter().map(|found| js_slice(codebook, found.start, found.end)).collect();
        assert_eq!(words, ["Verdienen we een 9 of 10", "Did we earn a 10"]);
    }

    #[test]
    fn surveydown_and_yaml_offsets_point_into_the_text() {
        let qmd = "# Bezoek\n\n```{r}\nsd_question(id = 'q', type = 'text', label = \"Caf\\u00e9: verdienen we een 10?\")\n```\n";
        let request: LintRequest = serde_json::from_str(r#"{"format": "surveydown"}"#).unwrap_or_default();
        assert_eq!(request.format, InputFormat::Surveydown);
        let words: Vec<String> =
            begging(qmd, &request).iter().map(|found| js_slice(qmd, found.start, found.end)).collect();
        assert_eq!(words, ["verdienen we een 10"]);
        let yaml = "intro: >\n  Bedankt! Geef ons\n  een 10.\n";
        let request: LintRequest = serde_json::from_str(r#"{"format": "yaml"}"#).unwrap_or_default();
        let words: Vec<String> =
            begging(yaml, &request).iter().map(|found| js_slice(yaml, found.start, found.end)).collect();
        assert_eq!(words, ["Geef ons\n  een 10"]);
    }

    #[test]
    fn malformed_surveyjs_is_an_error_with_a_position() {
        let request = LintRequest { format: InputFormat::SurveyJs, ..LintRequest::default() };
        let error = lint_source(&Linter::new(), "{\"pages\": [", &request).map(|found| found.len());
        let message = error.err().map(|error| error.0).unwrap_or_default();
        assert!(message.starts_with("cannot read the text as surveyjs: line 1, column "), "{message}");
    }

    #[test]
    fn the_catalogue_lists_score_begging_in_both_languages() {
        let catalogue = rule_catalogue(&Linter::new());
        let rule = catalogue.iter().find(|rule| rule.slug == "score-begging");
        let rule = rule.map(|rule| (rule.code.as_str(), rule.nl.replacement.as_deref(), rule.en.advice.is_empty()));
        assert_eq!(rule, Some(("SL001", Some("Welk cijfer van 0 tot 10 geeft u ons, en waarom?"), false)));
        let texts = catalogue.iter().find(|rule| rule.slug == "score-begging").map(|rule| (&rule.nl, &rule.en));
        let titles_and_labels =
            texts.map(|(nl, en)| [(nl.title.as_str(), nl.labels.why), (en.title.as_str(), en.labels.why)]);
        assert_eq!(titles_and_labels, Some([("Vraagt om een topscore", "Waarom"), ("Asks for a top score", "Why")]));
    }
}
