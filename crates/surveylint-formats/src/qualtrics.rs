//! Qualtrics survey exports (`.qsf`, JSON).
//!
//! Reads the survey name and every question element (`Element: "SQ"`): the
//! HTML `QuestionText`, the `Choices` (statements of a matrix) and `Answers`
//! (a matrix's scale), in `ChoiceOrder`/`AnswerOrder`. `QuestionType` and
//! `Selector` give the question kind. Translations in a question's
//! `Language` block become their own [`Question`] in that language.

use std::collections::HashMap;

use surveylint::{Document, Language, Question, QuestionKind, Scale, UnitKind};

use crate::error::FormatError;
use crate::json::{self, Value};
use crate::units::{Storage, Units};

/// True when a parsed JSON value is a Qualtrics export.
pub(crate) fn is_export(value: &Value) -> bool {
    value.get("SurveyEntry").is_some() && value.get("SurveyElements").is_some()
}

/// Reads a `.qsf` export.
pub(crate) fn read(source: &[u8]) -> Result<Document, FormatError> {
    let value = json::parse(source)?;
    if !is_export(&value) {
        return Err(FormatError::unsupported("JSON that is not a Qualtrics survey export"));
    }
    let entry = value.get("SurveyEntry");
    let language =
        entry.and_then(|entry| entry.get("SurveyLanguage")).and_then(Value::as_str).and_then(Language::from_tag);
    let mut units = Units::default();
    for key in ["SurveyName", "SurveyDescription"] {
        if let Some(text) = entry.and_then(|entry| entry.get(key)).and_then(Value::as_mapped) {
            let kind = if key == "SurveyName" { UnitKind::Title } else { UnitKind::Text };
            units.add(text, kind, language, Storage::JSON_HTML);
        }
    }
    for element in value.get("SurveyElements").map(Value::items).unwrap_or_default() {
        if element.get("Element").and_then(Value::as_str) != Some("SQ") {
            continue;
        }
        let Some(payload) = element.get("Payload") else { continue };
        let kind = question_kind(payload);
        let name = payload.get("DataExportTag").and_then(Value::as_str).map(str::to_owned);
        push_question(&mut units, payload, payload, kind, name.clone(), language);
        for (code, translation) in payload.get("Language").map(Value::members).unwrap_or_default() {
            if let Some(language) = Language::from_tag(code) {
                push_question(&mut units, payload, translation, kind, name.clone(), Some(language));
            }
        }
    }
    Ok(units.document)
}

/// Adds one language version of a question. `texts` holds its texts (the
/// payload itself, or a translation), `payload` the order of its choices.
fn push_question(
    units: &mut Units,
    payload: &Value,
    texts: &Value,
    kind: QuestionKind,
    name: Option<String>,
    language: Option<Language>,
) {
    let Some(stem) = texts
        .get("QuestionText")
        .and_then(Value::as_mapped)
        .and_then(|text| units.add(text, UnitKind::Question, language, Storage::JSON_HTML))
    else {
        return;
    };
    let choices = labels(units, payload.get("ChoiceOrder"), texts.get("Choices"), language);
    let answers = labels(units, payload.get("AnswerOrder"), texts.get("Answers"), language);
    let mut question = Question::new(kind, stem);
    question.name = name;
    if kind == QuestionKind::Matrix {
        question.rows = choices.iter().map(|(_, unit)| *unit).collect();
        question.options = answers.iter().map(|(_, unit)| *unit).collect();
    } else {
        question.options = choices.iter().map(|(_, unit)| *unit).chain(answers.iter().map(|(_, unit)| *unit)).collect();
    }
    if kind == QuestionKind::Rating {
        let numbers: Vec<i64> = choices.iter().filter_map(|(code, _)| code.parse().ok()).collect();
        if let (Some(&min), Some(&max)) = (numbers.iter().min(), numbers.iter().max()) {
            let first = choices.first().map(|(_, unit)| *unit);
            let last = choices.last().map(|(_, unit)| *unit);
            question.scale = Some(Scale { min, max, min_label: first, max_label: last });
        }
    }
    units.document.push_question(question);
}

/// The `Display` texts of a `Choices` or `Answers` object (or array) in
/// display order, with their codes.
fn labels(
    units: &mut Units,
    order_value: Option<&Value>,
    choices: Option<&Value>,
    language: Option<Language>,
) -> Vec<(String, usize)> {
    let Some(choices) = choices else { return Vec::new() };
    let mut entries: Vec<(String, &Value)> = match choices {
        Value::Object(members) => members.iter().map(|(code, choice)| (code.clone(), choice)).collect(),
        Value::Array(items) => items.iter().enumerate().map(|(index, choice)| (index.to_string(), choice)).collect(),
        _ => Vec::new(),
    };
    let mut order: HashMap<String, usize> = HashMap::new();
    let codes = order_codes(order_value);
    for (position, code) in codes.into_iter().enumerate() {
        order.entry(code).or_insert(position);
    }
    if !order.is_empty() {
        entries.sort_by_key(|(code, _)| order.get(code).copied().unwrap_or(usize::MAX));
    }
    entries
        .into_iter()
        .filter_map(|(code, choice)| {
            let text = choice.get("Display").and_then(Value::as_mapped)?;
            let unit = units.add(text, UnitKind::Option, language, Storage::JSON_HTML)?;
            Some((code, unit))
        })
        .collect()
}

/// The codes in a `ChoiceOrder` or `AnswerOrder` list (numbers or strings).
fn order_codes(order: Option<&Value>) -> Vec<String> {
    order
        .map(Value::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|code| match code {
            Value::Number(number) => Some(number.clone()),
            Value::String(text) => Some(text.text.clone()),
            _ => None,
        })
        .collect()
}

fn question_kind(payload: &Value) -> QuestionKind {
    let text = |key: &str| payload.get(key).and_then(Value::as_str).unwrap_or_default();
    match (text("QuestionType"), text("Selector")) {
        ("MC", "NPS") | ("Slider", _) => QuestionKind::Rating,
        ("MC", selector) if selector.starts_with("MA") || selector == "MSB" => QuestionKind::MultipleChoice,
        ("MC", _) => QuestionKind::SingleChoice,
        ("Matrix" | "SBS", _) => QuestionKind::Matrix,
        ("DB" | "Meta" | "Timing", _) => QuestionKind::Display,
        ("RO" | "PGR", _) => QuestionKind::MultipleChoice,
        ("TE" | "Draw" | "FileUpload" | "SS" | "CS", _) => QuestionKind::Open,
        _ if payload.get("Choices").is_some_and(|choices| !choices.members().is_empty()) => QuestionKind::SingleChoice,
        _ => QuestionKind::Open,
    }
}
