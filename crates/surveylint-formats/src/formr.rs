//! formr survey spreadsheets (formr.org), from a workbook or a CSV file.
//!
//! A formr sheet lists items by `type` (`mc`, `mc_multiple`, `rating_button
//! 1,5,1`, `text`, `note`, …) with a `label` (Markdown, sometimes HTML) and
//! their answer options either inline in `choice1`, `choice2`, … columns or,
//! when the type names a list (`mc agreement`), in the `choices` sheet
//! (`list_name`, `name`, `label`). Items that show nothing (`calculate`,
//! `server`, `hidden`, …) are skipped. formr declares no languages, so each
//! text's language is detected.

use std::collections::HashMap;

use surveylint::{Document, Question, QuestionKind, Scale, UnitKind};

use crate::mapped::Mapped;
use crate::units::{Storage, Units};
use crate::xlsform::{cell, value, Cell, Sheet};

fn storage(cell: &Cell) -> Storage<'_> {
    Storage { escape: cell.escape, html: true, location: cell.location.as_deref() }
}

/// What an item's type (its first word) shows the respondent.
fn kind_of(base: &str) -> Option<QuestionKind> {
    let kind = match base {
        "mc" | "mc_button" | "select_one" | "select_or_add_one" | "radio" | "sex" | "mc_vertical" => {
            QuestionKind::SingleChoice
        }
        "mc_multiple" | "mc_multiple_button" | "select_multiple" | "select_or_add_multiple" | "checkbox" => {
            QuestionKind::MultipleChoice
        }
        "rating_button" | "range" | "range_ticks" | "range_list" => QuestionKind::Rating,
        "check" | "check_button" => QuestionKind::Boolean,
        "note" | "note_iframe" | "mc_heading" | "submit" | "block" => QuestionKind::Display,
        "" | "calculate" | "server" | "get" | "hidden" | "ip" | "referrer" | "timezone" | "browser" | "random"
        | "blank" | "auto" | "glabel" => return None,
        _ => QuestionKind::Open,
    };
    Some(kind)
}

/// `1,5,1` (min, max, step) after a rating or range type; formr's defaults otherwise.
fn scale_of(base: &str, parameters: &str) -> (i64, i64) {
    let mut numbers = parameters.split([',', ' ']).filter_map(|number| number.trim().parse::<i64>().ok());
    let (default_min, default_max) = if base == "rating_button" { (1, 5) } else { (1, 100) };
    let min = numbers.next().unwrap_or(default_min);
    let max = numbers.next().unwrap_or(default_max);
    (min, max)
}

/// Reads a formr survey sheet and its `choices` sheet.
pub(crate) fn read(survey: &Sheet, choices: Option<&Sheet>) -> Document {
    let header = survey.header();
    let column = |name: &str| header.iter().position(|column| column == name);
    let (type_column, name_column, label_column) = (column("type"), column("name"), column("label"));
    let choice_columns: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, name)| name.strip_prefix("choice").is_some_and(|number| number.parse::<u32>().is_ok()))
        .map(|(index, _)| index)
        .collect();
    let mut lists = ChoiceSheet::new(choices);
    let mut units = Units::default();
    for row in survey.rows.iter().skip(1) {
        let type_text = value(row, type_column).to_lowercase();
        let mut words = type_text.split_whitespace();
        let base = words.next().unwrap_or_default().to_owned();
        let rest: Vec<&str> = words.collect();
        let Some(kind) = kind_of(&base) else { continue };
        let Some(label) = cell(row, label_column) else { continue };
        if base == "submit" {
            units.add(&label.text, UnitKind::Text, None, storage(label));
            continue;
        }
        let (headings, stem) = split_headings(&label.text);
        for heading in &headings {
            units.add(heading, UnitKind::Title, None, storage(label));
        }
        let Some(stem) = units.add(&stem, UnitKind::Question, None, storage(label)) else { continue };
        let mut question = Question::new(kind, stem);
        question.name = Some(value(row, name_column).to_owned()).filter(|name| !name.is_empty());
        // `mc agreement` names a list in the choices sheet; `rating_button 1,5,1` gives a scale.
        let list = rest.iter().find(|word| !word.starts_with(|c: char| c.is_ascii_digit()) && lists.has(word));
        let mut options: Vec<usize> = match list {
            Some(list) => lists.units(&mut units, list),
            None => choice_columns
                .iter()
                .filter_map(|&index| cell(row, Some(index)))
                .filter_map(|choice| units.add(&choice.text, UnitKind::Option, None, storage(choice)))
                .collect(),
        };
        if kind == QuestionKind::Rating {
            let (min, max) = scale_of(&base, &rest.join(" "));
            let min_label = options.first().copied();
            let max_label = options.last().copied().filter(|_| options.len() > 1);
            question.scale = Some(Scale { min, max, min_label, max_label });
            for &unit in &options {
                units.attach(unit, units.document.questions.len());
            }
            options.clear();
        }
        question.options = options;
        units.document.push_question(question);
    }
    // Lists no item uses are still options someone wrote; lint them too.
    for list in lists.order.clone() {
        lists.units(&mut units, &list);
    }
    units.document
}

/// formr labels are Markdown and often open with heading lines (`## Your
/// visit`): those are titles (without their `#` marks), the rest is the
/// question. A label that is only headings asks its last one.
fn split_headings(label: &Mapped) -> (Vec<Mapped>, Mapped) {
    let text = &label.text;
    let mut headings = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |newline| start + newline);
        let line = &text[start..end];
        let indent = line.len() - line.trim_start().len();
        let marks = line[indent..].len() - line[indent..].trim_start_matches('#').len();
        if marks == 0 || marks > 6 {
            break;
        }
        headings.push(label.slice(start + indent + marks..end));
        start = (end + 1).min(text.len());
    }
    let rest = label.slice(start..text.len());
    if rest.text.trim().is_empty() {
        if let Some(last) = headings.pop() {
            return (headings, last);
        }
    }
    (headings, rest)
}

/// The `choices` sheet: each list's label cells, by list name.
struct ChoiceSheet<'a> {
    sheet: Option<&'a Sheet>,
    label_column: Option<usize>,
    /// List names (lowercased) in sheet order, each with its rows.
    order: Vec<String>,
    rows: HashMap<String, Vec<usize>>,
    /// The option units of each list, made on first use and shared after.
    made: HashMap<String, Vec<usize>>,
}

impl<'a> ChoiceSheet<'a> {
    fn new(sheet: Option<&'a Sheet>) -> ChoiceSheet<'a> {
        let header = sheet.map(Sheet::header).unwrap_or_default();
        let list_column = header.iter().position(|name| name == "list_name" || name == "list name");
        let label_column = header.iter().position(|name| name == "label");
        let mut order = Vec::new();
        let mut rows: HashMap<String, Vec<usize>> = HashMap::new();
        // formr, like a person, writes the list name once and leaves it empty on the rows after.
        let mut current = String::new();
        for (index, row) in sheet.map(|sheet| sheet.rows.as_slice()).unwrap_or_default().iter().enumerate().skip(1) {
            let list = value(row, list_column).to_lowercase();
            if !list.is_empty() {
                current = list;
            }
            if current.is_empty() || cell(row, label_column).is_none() {
                continue;
            }
            if !rows.contains_key(&current) {
                order.push(current.clone());
            }
            rows.entry(current.clone()).or_default().push(index);
        }
        ChoiceSheet { sheet, label_column, order, rows, made: HashMap::new() }
    }

    fn has(&self, list: &str) -> bool {
        self.rows.contains_key(list)
    }

    fn units(&mut self, units: &mut Units, list: &str) -> Vec<usize> {
        if let Some(made) = self.made.get(list) {
            return made.clone();
        }
        let sheet_rows = self.sheet.map(|sheet| sheet.rows.as_slice()).unwrap_or_default();
        let made: Vec<usize> = self
            .rows
            .get(list)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|&index| cell(sheet_rows.get(index)?, self.label_column))
            .filter_map(|label| units.add(&label.text, UnitKind::Option, None, storage(label)))
            .collect();
        self.made.insert(list.to_owned(), made.clone());
        made
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_lines_of_a_label_are_titles() {
        let texts = |label: &str| {
            let (headings, stem) = split_headings(&Mapped::verbatim(label, 0));
            let headings: Vec<String> = headings.iter().map(|heading| heading.text.trim().to_owned()).collect();
            (headings, stem.text.trim().to_owned())
        };
        assert_eq!(
            texts("## Uw bezoek\r\nHoe vaak komt u?"),
            (vec!["Uw bezoek".to_owned()], "Hoe vaak komt u?".to_owned())
        );
        assert_eq!(texts("### DATETIME"), (Vec::new(), "DATETIME".to_owned()));
        assert_eq!(texts("Geen #kop hier"), (Vec::new(), "Geen #kop hier".to_owned()));
        let (_, stem) = split_headings(&Mapped::verbatim("# Kop\nVraag?", 10));
        assert_eq!(stem.source_range(0..6), 16..22);
    }
}
