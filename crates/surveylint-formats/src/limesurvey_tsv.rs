//! LimeSurvey's tab-separated survey export (`.txt`).
//!
//! Each row has a `class`: `S` (a survey setting), `SL` (a survey text in
//! one language), `G` (a group), `Q` (a question), `SQ` (a subquestion) and
//! `A` (an answer option). A question's `SQ` and `A` rows follow it, and the
//! whole block repeats for every language, named in the `language` column.
//! Fields are quoted like CSV when they hold tabs, quotes or line breaks.

use surveylint::{Document, UnitKind};

use crate::delimited::{self, Field, Record};
use crate::error::FormatError;
use crate::limesurvey::{self, Parts, Text};
use crate::units::{Storage, Units};

/// True when the first line is a LimeSurvey export header.
pub(crate) fn looks_like_export(source: &str) -> bool {
    let header = source.trim_start_matches('\u{feff}').lines().next().unwrap_or_default();
    let columns: Vec<&str> = header.split('\t').map(str::trim).collect();
    ["class", "type/scale", "name", "text"].iter().all(|name| columns.contains(name))
}

/// Reads a tab-separated LimeSurvey export.
pub(crate) fn read(source: &[u8]) -> Result<Document, FormatError> {
    let text = crate::error::utf8(source)?;
    if !looks_like_export(text) {
        return Err(FormatError::at(
            source,
            0,
            "expected a LimeSurvey header with class, type/scale, name and text columns",
        ));
    }
    let records = delimited::parse(text, b'\t')?;
    let Some((header, rows)) = records.split_first() else { return Ok(Document::new()) };
    let column = |name: &str| header.iter().position(|field| field.text.text.trim() == name);
    let columns = Columns {
        class: column("class"),
        type_scale: column("type/scale"),
        name: column("name"),
        text: column("text"),
        help: column("help"),
        language: column("language"),
    };
    let mut units = Units::default();
    let mut current: Option<(&Record, Vec<&Record>, Vec<&Record>)> = None;
    for row in rows {
        let class = columns.get(row, columns.class).map_or("", |field| field.text.text.trim());
        match class {
            "SQ" | "A" => {
                if let Some((_, subquestions, answers)) = current.as_mut() {
                    if class == "SQ" {
                        subquestions.push(row);
                    } else {
                        answers.push(row);
                    }
                }
                continue;
            }
            "" => continue,
            _ => {}
        }
        if let Some(question) = current.take() {
            columns.push_question(&mut units, question);
        }
        let Ok(language) = columns.language_of(row) else { continue };
        match class {
            "Q" => current = Some((row, Vec::new(), Vec::new())),
            "G" => {
                if let Some(name) = columns.get(row, columns.name) {
                    units.add(&name.text, UnitKind::Title, language, storage(name));
                }
                if let Some(text) = columns.get(row, columns.text) {
                    units.add(&text.text, UnitKind::Text, language, storage(text));
                }
            }
            "SL" => {
                let field = columns.get(row, columns.name).map_or("", |field| field.text.text.trim());
                if let (Some(kind), Some(text)) = (limesurvey::survey_text_kind(field), columns.get(row, columns.text))
                {
                    units.add(&text.text, kind, language, storage(text));
                }
            }
            _ => {}
        }
    }
    if let Some(question) = current.take() {
        columns.push_question(&mut units, question);
    }
    Ok(units.document)
}

fn as_text(field: &Field) -> Text<'_> {
    Text { mapped: &field.text, escape: field.escape() }
}

fn storage(field: &Field) -> Storage<'static> {
    Storage { escape: field.escape(), html: true, location: None }
}

struct Columns {
    class: Option<usize>,
    type_scale: Option<usize>,
    name: Option<usize>,
    text: Option<usize>,
    help: Option<usize>,
    language: Option<usize>,
}

impl Columns {
    fn get<'r>(&self, row: &'r Record, column: Option<usize>) -> Option<&'r Field> {
        row.get(column?)
    }

    fn is_second_scale(&self, row: &Record) -> bool {
        self.get(row, self.type_scale).is_some_and(|field| field.text.text.trim() == "1")
    }

    fn language_of(&self, row: &Record) -> Result<Option<surveylint::Language>, ()> {
        limesurvey::row_language(self.get(row, self.language).map_or("", |field| field.text.text.as_str()))
    }

    fn push_question<'r>(
        &self,
        units: &mut Units,
        (row, subquestions, answers): (&'r Record, Vec<&'r Record>, Vec<&'r Record>),
    ) {
        let Ok(language) = self.language_of(row) else { return };
        // Rows of another language belong to that language's copy of the question.
        let tag = |row: &Record| {
            self.get(row, self.language).map_or(String::new(), |field| field.text.text.trim().to_owned())
        };
        let own_tag = tag(row);
        let subquestions: Vec<&Record> = subquestions.into_iter().filter(|row| tag(row) == own_tag).collect();
        let answers: Vec<&Record> = answers.into_iter().filter(|row| tag(row) == own_tag).collect();
        let column = self.text;
        let text_of = |row: &'r Record| row.get(column?).map(as_text);
        let parts = Parts {
            type_letter: self.get(row, self.type_scale).map_or("", |field| field.text.text.as_str()),
            code: self.get(row, self.name).map(|field| field.text.text.trim().to_owned()),
            language,
            text: text_of(row),
            help: self.get(row, self.help).map(as_text),
            subquestions: subquestions
                .iter()
                .filter(|row| !self.is_second_scale(row))
                .filter_map(|row| text_of(row))
                .collect(),
            // The second scale of an array (`:` and `;` types) holds its columns: options, like answers.
            answers: answers
                .iter()
                .chain(subquestions.iter().filter(|row| self.is_second_scale(row)))
                .filter_map(|row| text_of(row))
                .collect(),
        };
        limesurvey::push_question(units, &parts);
    }
}
