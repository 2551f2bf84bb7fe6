//! REDCap data dictionaries (CSV), as the Data Dictionary page downloads
//! them (`Variable / Field Name`, `Field Label`, …) or the API exports them
//! (`field_name`, `field_label`, …).
//!
//! Each field's `Field Label` is a question, its `Field Note` the help text,
//! its `Section Header` a title. Choices are written `1, Yes | 2, No`: the
//! text after each code is an option, with its own position. A slider's
//! choices (`Not at all | | Very much`) are the labels of its 0–100 scale.
//! Fields of one matrix group share their choices, which are read once.
//! Labels may hold HTML. REDCap declares no language, so each text's
//! language is detected.

use surveylint::{Document, Question, QuestionKind, Scale, UnitKind};

use crate::mapped::Mapped;
use crate::units::{Storage, Units};
use crate::xlsform::{cell, value, Cell, Sheet};

fn storage(cell: &Cell) -> Storage<'_> {
    Storage { escape: cell.escape, html: true, location: cell.location.as_deref() }
}

/// The first column with one of these (lowercased) names.
fn column(header: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|name| header.iter().position(|column| column == name))
}

/// Reads a data dictionary.
pub(crate) fn read(sheet: &Sheet) -> Document {
    let header = sheet.header();
    let name_column = column(&header, &["variable / field name", "field_name"]);
    let section_column = column(&header, &["section header", "section_header"]);
    let type_column = column(&header, &["field type", "field_type"]);
    let label_column = column(&header, &["field label", "field_label"]);
    let choices_column =
        column(&header, &["choices, calculations, or slider labels", "select_choices_or_calculations"]);
    let note_column = column(&header, &["field note", "field_note"]);
    let min_column = column(&header, &["text validation min", "text_validation_min"]);
    let max_column = column(&header, &["text validation max", "text_validation_max"]);
    let matrix_column = column(&header, &["matrix group name", "matrix_group_name"]);

    let mut units = Units::default();
    // The matrix group read last and the option units of its choices.
    let mut matrix: Option<(String, String, Vec<usize>)> = None;
    for row in sheet.rows.iter().skip(1) {
        if let Some(section) = cell(row, section_column) {
            units.add(&section.text, UnitKind::Title, None, storage(section));
        }
        let field_type = value(row, type_column).to_lowercase();
        let kind = match field_type.as_str() {
            "radio" | "dropdown" | "sql" => QuestionKind::SingleChoice,
            "checkbox" => QuestionKind::MultipleChoice,
            "yesno" | "truefalse" => QuestionKind::Boolean,
            "slider" => QuestionKind::Rating,
            "descriptive" | "calc" => QuestionKind::Display,
            _ => QuestionKind::Open,
        };
        let Some(label) = cell(row, label_column) else { continue };
        let Some(stem) = units.add(&label.text, UnitKind::Question, None, storage(label)) else { continue };
        let mut question = Question::new(kind, stem);
        question.name = Some(value(row, name_column).to_owned()).filter(|name| !name.is_empty());
        question.description =
            cell(row, note_column).and_then(|note| units.add(&note.text, UnitKind::Description, None, storage(note)));
        let choices = cell(row, choices_column)
            .filter(|_| matches!(field_type.as_str(), "radio" | "dropdown" | "checkbox" | "slider"));
        match (kind, choices) {
            (QuestionKind::Rating, choices) => {
                let labels: Vec<usize> = choices
                    .map(|choices| slider_labels(&choices.text))
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|text| choices.and_then(|cell| units.add(text, UnitKind::Option, None, storage(cell))))
                    .collect();
                let bound = |column: Option<usize>, default: i64| value(row, column).parse().unwrap_or(default);
                let (min_label, max_label) =
                    (labels.first().copied(), labels.last().copied().filter(|_| labels.len() > 1));
                question.scale =
                    Some(Scale { min: bound(min_column, 0), max: bound(max_column, 100), min_label, max_label });
                for unit in labels {
                    units.attach(unit, units.document.questions.len());
                }
            }
            (_, Some(choices)) => {
                let group = value(row, matrix_column).to_lowercase();
                let source = choices.text.text.trim().to_owned();
                question.options = match &matrix {
                    Some((last_group, last_source, options))
                        if !group.is_empty() && *last_group == group && *last_source == source =>
                    {
                        options.clone()
                    }
                    _ => {
                        let options: Vec<usize> = coded_choices(&choices.text)
                            .iter()
                            .filter_map(|text| units.add(text, UnitKind::Option, None, storage(choices)))
                            .collect();
                        matrix = Some((group, source, options.clone()));
                        options
                    }
                };
            }
            _ => {}
        }
        units.document.push_question(question);
    }
    units.document
}

/// `1, Yes | 2, No` → `Yes`, `No`: the text after each code's first comma.
/// A choice without a comma is taken whole.
fn coded_choices(text: &Mapped) -> Vec<Mapped> {
    text.split('|')
        .into_iter()
        .map(|choice| match choice.text.find(',') {
            Some(comma) => choice.slice(comma + 1..choice.text.len()),
            None => choice,
        })
        .collect()
}

/// `Not at all | Somewhat | Very much`: a slider's labels, left to right.
fn slider_labels(text: &Mapped) -> Vec<Mapped> {
    text.split('|').into_iter().filter(|label| !label.text.trim().is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_lose_their_codes_and_keep_their_positions() {
        let choices = Mapped::verbatim("1, Ja, zeker | 2, Nee", 100);
        let options = coded_choices(&choices);
        let texts: Vec<&str> = options.iter().map(|option| option.text.trim()).collect();
        assert_eq!(texts, ["Ja, zeker", "Nee"]);
        assert_eq!(options[1].source_range(1..4), 118..121);
    }
}
