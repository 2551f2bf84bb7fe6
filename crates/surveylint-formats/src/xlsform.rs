//! XLSForm (ODK, KoboToolbox, SurveyCTO), from a workbook or a CSV file.
//!
//! The `survey` sheet lists questions by `type` (`select_one LIST`,
//! `select_multiple LIST`, `text`, `integer`, `range`, `note`, `begin
//! group`, …) with a `label` and `hint`; the `choices` sheet lists each
//! list's options. Translated columns (`label::Dutch (nl)`,
//! `label::English (en)`) give one unit, and one [`Question`], per language;
//! languages other than Dutch and English are skipped. The `settings`
//! sheet's `default_language` names the language of untranslated columns.

use std::collections::HashMap;

use surveylint::{Document, Escape, Language, Question, QuestionKind, Scale, UnitKind};

use crate::error::FormatError;
use crate::mapped::Mapped;
use crate::units::{Storage, Units};

/// One non-empty cell.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    /// The cell text; offsets are file bytes (CSV) or offsets in the cell (workbooks).
    pub(crate) text: Mapped,
    pub(crate) escape: Escape,
    /// `survey!C7` for workbook cells; `None` when offsets are file bytes.
    pub(crate) location: Option<String>,
}

/// A sheet: a header row and data rows, as cells by column.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sheet {
    pub(crate) rows: Vec<Vec<Option<Cell>>>,
}

impl Sheet {
    /// A CSV file as one sheet; blank lines before the header are dropped.
    pub(crate) fn from_records(records: Vec<crate::delimited::Record>) -> Sheet {
        let rows: Vec<Vec<Option<Cell>>> = records.into_iter().map(csv_row).collect();
        let first = rows.iter().position(|row| row.iter().any(Option::is_some)).unwrap_or(rows.len());
        Sheet { rows: rows.into_iter().skip(first).collect() }
    }

    /// The header names, lowercased and trimmed.
    pub(crate) fn header(&self) -> Vec<String> {
        self.rows
            .first()
            .map(|row| {
                row.iter()
                    .map(|cell| cell.as_ref().map_or(String::new(), |cell| cell.text.text.trim().to_lowercase()))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// What a header row says the sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderKind {
    XlsForm,
    Formr,
    Codebook,
    RedCap,
    Other,
}

impl HeaderKind {
    /// What a file with this header is, for messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            HeaderKind::XlsForm => "an XLSForm",
            HeaderKind::Formr => "a formr spreadsheet",
            HeaderKind::Codebook => "a bilingual codebook",
            HeaderKind::RedCap => "a REDCap data dictionary",
            HeaderKind::Other => "a survey",
        }
    }
}

/// Recognises XLSForm, formr, REDCap and bilingual codebook headers.
pub(crate) fn classify_header(header: &[String]) -> HeaderKind {
    let has = |name: &str| header.iter().any(|column| column == name);
    // REDCap's data dictionary, as the web page downloads it or as the API exports it.
    if (has("variable / field name") || has("field_name"))
        && (has("field label") || has("field_label"))
        && (has("field type") || has("field_type"))
    {
        return HeaderKind::RedCap;
    }
    // Codebooks name languages in column suffixes (`question_dutch`); XLSForm uses `label::Dutch (nl)`.
    let bilingual = header
        .iter()
        .filter(|column| crate::codebook::language_column(column).is_some_and(|(base, _)| !base.is_empty()))
        .count();
    if bilingual >= 2 {
        return HeaderKind::Codebook;
    }
    let has_label =
        header.iter().any(|column| column == "label" || column.starts_with("label::") || column.starts_with("label:"));
    if has("type") && has("name") && (has("showif") || has("choice1") || has("optional") || has("item_order")) {
        return HeaderKind::Formr;
    }
    if has("type") && has("name") && has_label {
        return HeaderKind::XlsForm;
    }
    HeaderKind::Other
}

/// A label or hint column and the language it is in.
#[derive(Debug, Clone)]
struct TextColumn {
    index: usize,
    /// The part after `::` (`Dutch (nl)`), empty for the untranslated column.
    suffix: String,
    language: Option<Language>,
}

/// The `label`/`hint` columns of a header, without the languages surveylint does not check.
fn text_columns(header: &[String], base: &str, default_language: Option<Language>) -> Vec<TextColumn> {
    header
        .iter()
        .enumerate()
        .filter_map(|(index, column)| {
            if column == base {
                return Some(TextColumn { index, suffix: String::new(), language: default_language });
            }
            let suffix = column
                .strip_prefix(base)?
                .strip_prefix("::")
                .or_else(|| column.strip_prefix(base)?.strip_prefix(':'))?;
            let language = Language::from_tag(suffix)?;
            Some(TextColumn { index, suffix: suffix.trim().to_owned(), language: Some(language) })
        })
        .collect()
}

pub(crate) fn cell(row: &[Option<Cell>], index: Option<usize>) -> Option<&Cell> {
    row.get(index?)?.as_ref()
}

pub(crate) fn value(row: &[Option<Cell>], index: Option<usize>) -> &str {
    cell(row, index).map_or("", |cell| cell.text.text.trim())
}

/// Builds the document from the `survey`, `choices` and `settings` sheets.
pub(crate) fn read(survey: &Sheet, choices: Option<&Sheet>, settings: Option<&Sheet>) -> Result<Document, FormatError> {
    let default_language = settings.and_then(|settings| {
        let header = settings.header();
        let column = header.iter().position(|name| name == "default_language");
        settings.rows.get(1).and_then(|row| Language::from_tag(value(row, column)))
    });
    let header = survey.header();
    let column = |name: &str| header.iter().position(|column| column == name);
    let (type_column, name_column, parameters_column) = (column("type"), column("name"), column("parameters"));
    let labels = text_columns(&header, "label", default_language);
    let hints = text_columns(&header, "hint", default_language);
    let mut options = ChoiceLists::new(choices, default_language);
    let mut units = Units::default();

    for row in survey.rows.iter().skip(1) {
        let type_text = value(row, type_column).to_lowercase();
        let mut words = type_text.split_whitespace();
        let base = words.next().unwrap_or_default().to_owned();
        let list = words.next().unwrap_or_default().to_owned();
        let kind = match base.as_str() {
            "begin" | "begin_group" | "begin_repeat" => {
                for label in &labels {
                    if let Some(text) = cell(row, Some(label.index)) {
                        units.add(&text.text, UnitKind::Title, label.language, storage(text));
                    }
                }
                continue;
            }
            "select_one" | "select_one_external" | "select_one_from_file" => QuestionKind::SingleChoice,
            "select_multiple" | "select_multiple_from_file" | "rank" => QuestionKind::MultipleChoice,
            "range" => QuestionKind::Rating,
            "note" => QuestionKind::Display,
            "acknowledge" => QuestionKind::Boolean,
            "" | "end" | "end_group" | "end_repeat" | "calculate" | "hidden" | "start" | "today" | "deviceid"
            | "username" | "phonenumber" | "simserial" | "subscriberid" | "audit" | "email" | "start-geopoint"
            | "background-audio" | "xml-external" | "csv-external" => continue,
            _ => QuestionKind::Open,
        };
        for label in &labels {
            let Some(text) = cell(row, Some(label.index)) else { continue };
            let Some(stem) = units.add(&text.text, UnitKind::Question, label.language, storage(text)) else { continue };
            let mut question = Question::new(kind, stem);
            question.name = Some(value(row, name_column).to_owned()).filter(|name| !name.is_empty());
            question.description = hints
                .iter()
                .find(|hint| hint.suffix == label.suffix)
                .and_then(|hint| cell(row, Some(hint.index)))
                .and_then(|hint| units.add(&hint.text, UnitKind::Description, label.language, storage(hint)));
            if matches!(kind, QuestionKind::SingleChoice | QuestionKind::MultipleChoice) && !list.is_empty() {
                question.options = options.units(&mut units, &list, label);
            }
            if kind == QuestionKind::Rating {
                let (min, max) = range_parameters(value(row, parameters_column));
                question.scale = Some(Scale { min, max, min_label: None, max_label: None });
            }
            units.document.push_question(question);
        }
    }
    // Lists no question uses are still read by respondents of other forms; lint them too.
    options.add_unused(&mut units);
    Ok(units.document)
}

fn storage(cell: &Cell) -> Storage<'_> {
    Storage { escape: cell.escape, html: true, location: cell.location.as_deref() }
}

/// `start=0 end=10 step=1` (defaults 1 and 10).
fn range_parameters(parameters: &str) -> (i64, i64) {
    let mut min = 1;
    let mut max = 10;
    for pair in parameters.split([' ', ';', ',']) {
        match pair.split_once('=') {
            Some(("start", number)) => min = number.trim().parse().unwrap_or(min),
            Some(("end", number)) => max = number.trim().parse().unwrap_or(max),
            _ => {}
        }
    }
    (min, max)
}

/// The choices sheet, turned into units on first use per list and language.
struct ChoiceLists<'a> {
    /// Row indices of each list, in order.
    lists: HashMap<String, Vec<usize>>,
    /// List names in sheet order.
    order: Vec<String>,
    sheet: Option<&'a Sheet>,
    labels: Vec<TextColumn>,
    made: HashMap<(String, String), Vec<usize>>,
}

impl<'a> ChoiceLists<'a> {
    fn new(sheet: Option<&'a Sheet>, default_language: Option<Language>) -> ChoiceLists<'a> {
        let header = sheet.map(Sheet::header).unwrap_or_default();
        let list_column = header.iter().position(|name| name == "list_name" || name == "list name");
        let mut lists: HashMap<String, Vec<usize>> = HashMap::new();
        let mut order = Vec::new();
        for (index, row) in sheet.map(|sheet| sheet.rows.as_slice()).unwrap_or_default().iter().enumerate().skip(1) {
            let list = value(row, list_column).to_lowercase();
            if list.is_empty() {
                continue;
            }
            if !lists.contains_key(&list) {
                order.push(list.clone());
            }
            lists.entry(list).or_default().push(index);
        }
        ChoiceLists {
            lists,
            order,
            sheet,
            labels: text_columns(&header, "label", default_language),
            made: HashMap::new(),
        }
    }

    /// The option units of `list` in the language of `label` (falling back to the untranslated column).
    fn units(&mut self, units: &mut Units, list: &str, label: &TextColumn) -> Vec<usize> {
        let column = self
            .labels
            .iter()
            .find(|column| column.suffix == label.suffix)
            .or_else(|| self.labels.iter().find(|column| column.suffix.is_empty()))
            .cloned();
        let Some(column) = column else { return Vec::new() };
        let key = (list.to_owned(), column.suffix.clone());
        if let Some(made) = self.made.get(&key) {
            return made.clone();
        }
        let rows = self.lists.get(list).cloned().unwrap_or_default();
        let sheet_rows = self.sheet.map(|sheet| sheet.rows.as_slice()).unwrap_or_default();
        let made: Vec<usize> = rows
            .iter()
            .filter_map(|&index| cell(sheet_rows.get(index)?, Some(column.index)))
            .filter_map(|text| units.add(&text.text, UnitKind::Option, column.language, storage(text)))
            .collect();
        self.made.insert(key, made.clone());
        made
    }

    fn add_unused(&mut self, units: &mut Units) {
        for list in self.order.clone() {
            for label in self.labels.clone() {
                if !self.made.contains_key(&(list.clone(), label.suffix.clone())) {
                    self.units(units, &list, &label);
                }
            }
        }
    }
}

/// Splits a CSV XLSForm into sheets. pyxform's CSV layout marks each sheet
/// with its name in the first column (`survey`, `choices`, `settings`) and
/// puts that sheet's rows after it, shifted one column right; a plain CSV
/// with a `type,name,label` header is the survey sheet alone.
pub(crate) fn csv_sheets(records: Vec<Vec<crate::delimited::Field>>) -> HashMap<String, Sheet> {
    let to_row = csv_row;
    let first = records.first().and_then(|record| record.first()).map(|field| field.text.text.trim().to_lowercase());
    let mut sheets: HashMap<String, Sheet> = HashMap::new();
    if !matches!(first.as_deref(), Some("survey" | "choices" | "settings")) {
        sheets.insert("survey".to_owned(), Sheet { rows: records.into_iter().map(to_row).collect() });
        return sheets;
    }
    let mut current = String::new();
    for mut record in records {
        let marker = record.first().map(|field| field.text.text.trim().to_lowercase()).unwrap_or_default();
        if !marker.is_empty() {
            current = marker;
        }
        if record.is_empty() {
            continue;
        }
        record.remove(0);
        let row = to_row(record);
        if row.iter().any(Option::is_some) {
            sheets.entry(current.clone()).or_default().rows.push(row);
        }
    }
    sheets
}

/// A CSV record as cells; blank fields are no cell.
fn csv_row(fields: Vec<crate::delimited::Field>) -> Vec<Option<Cell>> {
    fields
        .into_iter()
        .map(|field| {
            let escape = field.escape();
            Some(Cell { text: field.text, escape, location: None }).filter(|cell| !cell.text.text.trim().is_empty())
        })
        .collect()
}
