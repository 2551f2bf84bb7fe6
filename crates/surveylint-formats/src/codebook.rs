//! Bilingual codebooks: CSV files and workbooks whose columns name a
//! language (`question_dutch`, `question_english`, `categories_nl`), such as
//! the LISS panel's questionnaire codebooks.
//!
//! Every language column is read in its own language. A column's base name
//! says what it holds: a question stem (`question`), a matrix row
//! (`subquestion`, `item`), answer categories (`categories`, `answers`: one
//! cell listing them, one per line or separated by `|`, `;` or `,`), help
//! text (`description`, `instruction`); anything else is read as free text.
//! Consecutive rows repeating a question (one row per subquestion) are one
//! question with rows.
//!
//! A codebook spread over several sheets is joined by name: a sheet of
//! subquestions names its question in a `question_group_name` (or `qid`)
//! column; a category dictionary (`id`, `dutch`, `english`) is linked to
//! subquestions by a routing sheet (`subquestion_name`, `categorie_id`).

use std::collections::HashMap;

use surveylint::{Document, Language, Question, QuestionKind, UnitKind};

use crate::mapped::Mapped;
use crate::units::{Storage, Units};
use crate::xlsform::{cell, value, Cell, Sheet};

/// What a language column holds, by its base name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Question,
    Row,
    Options,
    Description,
    Text,
}

/// A column holding text in one language.
#[derive(Debug, Clone, Copy)]
struct TextColumn {
    index: usize,
    role: Role,
    language: Language,
}

/// The base name and language of a column such as `question_dutch` or
/// `categories_en`; a bare `dutch` or `english` column has an empty base.
pub(crate) fn language_column(column: &str) -> Option<(&str, Language)> {
    let column = column.trim();
    if column.contains("::") {
        return None;
    }
    let (base, suffix) = match column.rfind(['_', ' ', '-']) {
        Some(split) => (&column[..split], &column[split + 1..]),
        None => ("", column),
    };
    let language = match suffix.to_ascii_lowercase().as_str() {
        "dutch" | "nederlands" | "nl" => Language::Dutch,
        "english" | "engels" | "en" => Language::English,
        _ => return None,
    };
    // A bare `nl` or `en` column is too likely to be something else (a flag, a count).
    if base.is_empty() && suffix.len() == 2 {
        return None;
    }
    Some((base, language))
}

fn role(base: &str, sheet_name: &str) -> Role {
    let base = base.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|word| base.contains(word));
    if base.is_empty() {
        let sheet = sheet_name.to_ascii_lowercase();
        let is_list = ["categor", "answer", "choice", "option", "dictionar"].iter().any(|word| sheet.contains(word));
        return if is_list { Role::Options } else { Role::Question };
    }
    if has(&["subquestion", "sub_question", "item", "statement", "row"]) {
        Role::Row
    } else if has(&["categor", "answer", "option", "choice", "response", "value_label", "values"]) {
        Role::Options
    } else if has(&["descr", "instruct", "help", "hint", "note", "explan"]) {
        Role::Description
    } else if has(&["question", "text", "label", "wording"]) {
        Role::Question
    } else {
        Role::Text
    }
}

/// The first column with one of these names.
fn column_of(header: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|name| header.iter().position(|column| column == name))
}

/// A question being built, with what decides its kind at the end.
struct Draft {
    question: Question,
    language: Language,
    /// The `type`/`layout` cells of its rows, lowercased.
    types: String,
    /// The categories cell its options came from, so repeats are not read twice.
    options_source: Option<String>,
}

#[derive(Default)]
struct Codebook {
    units: Units,
    drafts: Vec<Draft>,
    /// Question name (lowercased) and language → draft.
    by_name: HashMap<(String, Language), usize>,
    /// Subquestion name (lowercased) → drafts it is a row of.
    subquestions: HashMap<String, Vec<usize>>,
    /// Category id and language → option unit, from a dictionary sheet.
    dictionary: HashMap<(String, Language), usize>,
}

/// Reads the sheets of a codebook (one for a CSV file), in workbook order.
pub(crate) fn read(sheets: &[(String, Sheet)]) -> Document {
    let mut codebook = Codebook::default();
    for (name, sheet) in sheets {
        codebook.read_sheet(name, sheet);
    }
    for (_, sheet) in sheets {
        codebook.read_routing(sheet);
    }
    codebook.finish()
}

fn storage(cell: &Cell) -> Storage<'_> {
    Storage { escape: cell.escape, html: true, location: cell.location.as_deref() }
}

impl Codebook {
    fn read_sheet(&mut self, sheet_name: &str, sheet: &Sheet) {
        let header = sheet.header();
        let columns: Vec<TextColumn> = header
            .iter()
            .enumerate()
            .filter_map(|(index, column)| {
                let (base, language) = language_column(column)?;
                Some(TextColumn { index, role: role(base, sheet_name), language })
            })
            .collect();
        if columns.is_empty() {
            return;
        }
        let group_column =
            column_of(&header, &["qid", "question_group_name", "question_group", "question_name", "group_name"]);
        let name_column = column_of(&header, &["name", "id", "variable", "variable_name", "var", "field_name"]);
        let type_columns: Vec<usize> = header
            .iter()
            .enumerate()
            .filter(|(_, column)| matches!(column.as_str(), "type" | "layout" | "question_layout" | "question_type"))
            .map(|(index, _)| index)
            .collect();
        let mut languages: Vec<Language> = Vec::new();
        for column in &columns {
            if !languages.contains(&column.language) {
                languages.push(column.language);
            }
        }
        // The question the previous row built, per language: (group, stem text, draft).
        let mut previous: HashMap<Language, (String, String, usize)> = HashMap::new();
        for row in sheet.rows.iter().skip(1) {
            let group = value(row, group_column).to_lowercase();
            let name = value(row, name_column).to_lowercase();
            let types: Vec<String> = type_columns.iter().map(|&index| value(row, Some(index)).to_lowercase()).collect();
            for &language in &languages {
                let in_language = || columns.iter().filter(move |column| column.language == language);
                let mut draft = None;
                for column in in_language().filter(|column| column.role == Role::Question) {
                    let Some(stem) = cell(row, Some(column.index)) else { continue };
                    let key = if group.is_empty() { name.clone() } else { group.clone() };
                    let text = stem.text.text.trim().to_owned();
                    if let Some((_, _, index)) = previous
                        .get(&language)
                        .filter(|(last_key, last_text, _)| *last_key == key && *last_text == text)
                    {
                        draft = Some(*index);
                        continue;
                    }
                    let Some(unit) = self.units.add(&stem.text, UnitKind::Question, Some(language), storage(stem))
                    else {
                        continue;
                    };
                    let index = self.new_draft(unit, language, &key);
                    previous.insert(language, (key, text, index));
                    draft = Some(index);
                }
                // A sheet of subquestions names its question instead of repeating it
                // (some codebooks swap the two names, so either may match).
                if draft.is_none() && !group.is_empty() {
                    draft =
                        [&group, &name].into_iter().find_map(|key| self.by_name.get(&(key.clone(), language)).copied());
                }
                for column in in_language().filter(|column| column.role == Role::Row) {
                    let Some(text) = cell(row, Some(column.index)) else { continue };
                    match draft {
                        Some(index) => {
                            if let Some(unit) =
                                self.units.add(&text.text, UnitKind::Option, Some(language), storage(text))
                            {
                                self.drafts[index].question.rows.push(unit);
                            }
                        }
                        None => {
                            let Some(unit) =
                                self.units.add(&text.text, UnitKind::Question, Some(language), storage(text))
                            else {
                                continue;
                            };
                            draft = Some(self.new_draft(unit, language, &name));
                        }
                    }
                }
                if let Some(index) = draft {
                    if !name.is_empty() {
                        let drafts = self.subquestions.entry(name.clone()).or_default();
                        if !drafts.contains(&index) {
                            drafts.push(index);
                        }
                    }
                    let draft = &mut self.drafts[index];
                    for kind in &types {
                        draft.types.push_str(kind);
                        draft.types.push(' ');
                    }
                }
                for column in in_language().filter(|column| column.role == Role::Options) {
                    let Some(text) = cell(row, Some(column.index)) else { continue };
                    self.add_options(text, language, draft, &name);
                }
                for column in in_language().filter(|column| matches!(column.role, Role::Description | Role::Text)) {
                    let Some(text) = cell(row, Some(column.index)) else { continue };
                    let kind = if column.role == Role::Description && draft.is_some() {
                        UnitKind::Description
                    } else {
                        UnitKind::Text
                    };
                    let Some(unit) = self.units.add(&text.text, kind, Some(language), storage(text)) else { continue };
                    match draft {
                        Some(index)
                            if kind == UnitKind::Description && self.drafts[index].question.description.is_none() =>
                        {
                            self.drafts[index].question.description = Some(unit);
                        }
                        Some(index) => self.units.attach(unit, index),
                        None => {}
                    }
                }
            }
        }
    }

    fn new_draft(&mut self, unit: usize, language: Language, name: &str) -> usize {
        let mut question = Question::new(QuestionKind::Open, unit);
        question.name = Some(name.to_owned()).filter(|name| !name.is_empty());
        let index = self.drafts.len();
        self.drafts.push(Draft { question, language, types: String::new(), options_source: None });
        if !name.is_empty() {
            self.by_name.entry((name.to_owned(), language)).or_insert(index);
        }
        index
    }

    /// One categories cell: the options of its question (read once, however
    /// many of the question's rows repeat it), or a dictionary entry.
    fn add_options(&mut self, text: &Cell, language: Language, draft: Option<usize>, id: &str) {
        let Some(index) = draft else {
            // A dictionary row: one category, found again by its id.
            if let Some(unit) = self.units.add(&text.text, UnitKind::Option, Some(language), storage(text)) {
                if !id.is_empty() {
                    self.dictionary.insert((id.to_owned(), language), unit);
                }
            }
            return;
        };
        let source = text.text.text.trim().to_owned();
        match &self.drafts[index].options_source {
            Some(seen) if *seen == source => return,
            Some(_) => {}
            None => self.drafts[index].options_source = Some(source),
        }
        let first = self.drafts[index].question.options.is_empty();
        for piece in split_options(&text.text) {
            let Some(unit) = self.units.add(&piece, UnitKind::Option, Some(language), storage(text)) else { continue };
            if first {
                self.drafts[index].question.options.push(unit);
            } else {
                self.units.attach(unit, index);
            }
        }
    }

    /// A routing sheet links subquestions to dictionary categories.
    fn read_routing(&mut self, sheet: &Sheet) {
        let header = sheet.header();
        let subquestion = column_of(&header, &["subquestion_name", "subquestion", "variable", "name"]);
        let category = header.iter().position(|column| {
            (column.contains("categor") || column.contains("answer"))
                && (column.ends_with("id") || column.ends_with("code"))
        });
        let (Some(subquestion), Some(category)) = (subquestion, category) else { return };
        if header.iter().any(|column| language_column(column).is_some()) {
            return;
        }
        for row in sheet.rows.iter().skip(1) {
            let name = value(row, Some(subquestion)).to_lowercase();
            let id = value(row, Some(category));
            let Some(drafts) = self.subquestions.get(&name) else { continue };
            for &index in drafts {
                let draft = &mut self.drafts[index];
                if let Some(&unit) = self.dictionary.get(&(id.to_owned(), draft.language)) {
                    if !draft.question.options.contains(&unit) {
                        draft.question.options.push(unit);
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Document {
        for draft in self.drafts {
            let mut question = draft.question;
            let types = draft.types;
            let stem = self.units.document.units.get(question.text).map_or("", |unit| unit.text.as_str());
            question.kind = if types.contains("multi") || types.contains("checkbox") {
                QuestionKind::MultipleChoice
            } else if types.contains("bool") && question.options.len() <= 2 {
                QuestionKind::Boolean
            } else if !question.options.is_empty() && question.rows.len() > 1 {
                QuestionKind::Matrix
            } else if !question.options.is_empty() {
                QuestionKind::SingleChoice
            } else if !question.rows.is_empty()
                || ["int", "num", "text", "string"].iter().any(|word| types.contains(word))
                || stem.contains('?')
            {
                QuestionKind::Open
            } else {
                QuestionKind::Display
            };
            self.units.document.push_question(question);
        }
        self.units.document
    }
}

/// The options listed in one cell: one per line, or separated by `|`, `;`
/// or `,` (the first of these the cell uses), each with its own positions.
fn split_options(text: &Mapped) -> Vec<Mapped> {
    let separator = ['\n', '|', ';', ','].into_iter().find(|separator| text.text.contains(*separator));
    let Some(separator) = separator else { return vec![text.clone()] };
    text.split(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_columns_name_their_language() {
        assert_eq!(language_column("question_dutch"), Some(("question", Language::Dutch)));
        assert_eq!(language_column("categories_english"), Some(("categories", Language::English)));
        assert_eq!(language_column("tekst_nl"), Some(("tekst", Language::Dutch)));
        assert_eq!(language_column("english"), Some(("", Language::English)));
        assert_eq!(language_column("en"), None);
        assert_eq!(language_column("label::Dutch (nl)"), None);
        assert_eq!(language_column("open"), None);
    }

    #[test]
    fn options_split_on_the_first_separator_the_cell_uses() {
        let pieces = split_options(&Mapped::verbatim("Ja, zeker|Nee", 10));
        let texts: Vec<&str> = pieces.iter().map(|piece| piece.text.as_str()).collect();
        assert_eq!(texts, ["Ja, zeker", "Nee"]);
        assert_eq!(pieces[1].source_range(0..3), 20..23);
    }
}
