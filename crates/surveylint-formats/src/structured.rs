//! JSON and YAML beyond the survey tools with their own readers: surveydown's
//! `questions.yml`, the Typeform, Google Forms and SurveyMonkey presets,
//! formats configured with selectors, and the generic reader for the rest.

use std::path::Path;

use surveylint::{Document, Escape};

use crate::custom::{self, CustomFormat};
use crate::error::FormatError;
use crate::tree::Node;
use crate::units::Storage;
use crate::{generic, json, presets, surveydown, yaml, InputFormat};

/// YAML text: written back as it is (a rewrite that breaks the YAML is caught
/// when the fixed file is read again).
const YAML: Storage<'static> = Storage { escape: Escape::None, html: false, location: None };

/// The format of parsed JSON that is not SurveyJS or Qualtrics.
pub(crate) fn detect_json_tree(root: &Node) -> InputFormat {
    if presets::is_typeform(root) {
        InputFormat::Typeform
    } else if presets::is_google_form(root) {
        InputFormat::GoogleForms
    } else {
        InputFormat::Json
    }
}

/// The format of a YAML file.
pub(crate) fn detect_yaml(bytes: &[u8]) -> Result<InputFormat, FormatError> {
    let root = yaml::parse(bytes)?;
    Ok(if surveydown::is_questions_yml(&root) { InputFormat::SurveydownYaml } else { InputFormat::Yaml })
}

/// True for SurveyMonkey survey details, which SurveyJS's test (`pages`) would claim.
pub(crate) fn is_surveymonkey(value: &json::Value) -> bool {
    let pages = value.get("pages").map(json::Value::items).unwrap_or_default();
    pages.iter().any(|page| {
        page.get("questions")
            .map(json::Value::items)
            .unwrap_or_default()
            .iter()
            .any(|question| question.get("headings").is_some() || question.get("family").is_some())
    })
}

/// Reads the formats of this module.
pub(crate) fn read(format: InputFormat, bytes: &[u8]) -> Result<Document, FormatError> {
    let json_tree = || json::parse(bytes).map(Node::from_json);
    Ok(match format {
        InputFormat::Surveydown => return surveydown::read_qmd(bytes),
        InputFormat::SurveydownYaml => surveydown::read_questions_yml(&yaml::parse(bytes)?, YAML),
        InputFormat::Yaml => generic::read(&yaml::parse(bytes)?, YAML),
        InputFormat::Json => generic::read(&json_tree()?, Storage::JSON_HTML),
        InputFormat::Typeform => presets::read_typeform(&json_tree()?, Storage::JSON),
        InputFormat::GoogleForms => presets::read_google_form(&json_tree()?, Storage::JSON),
        InputFormat::SurveyMonkey => presets::read_surveymonkey(&json_tree()?, Storage::JSON_HTML),
        _ => return Err(FormatError::unsupported(format!("{format} (not a JSON or YAML format)"))),
    })
}

/// Reads a file through configured selectors; `.yml`/`.yaml` files are YAML, the rest JSON.
pub(crate) fn read_custom(format: &CustomFormat, path: Option<&Path>, bytes: &[u8]) -> Result<Document, FormatError> {
    if is_yaml_name(path) {
        custom::read(format, &yaml::parse(bytes)?, YAML)
    } else {
        custom::read(format, &Node::from_json(json::parse(bytes)?), Storage::JSON_HTML)
    }
}

/// True for a `.yml` or `.yaml` file name.
pub(crate) fn is_yaml_name(path: Option<&Path>) -> bool {
    path.and_then(Path::extension)
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| extension.eq_ignore_ascii_case("yml") || extension.eq_ignore_ascii_case("yaml"))
}
