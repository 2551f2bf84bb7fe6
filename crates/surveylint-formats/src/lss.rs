//! LimeSurvey survey structure files (`.lss`, XML).
//!
//! An `.lss` file is a dump of database tables: `<section><rows><row><field>`.
//! Up to LimeSurvey 3 the texts sit in the `questions`, `subquestions`,
//! `answers` and `groups` rows themselves; from LimeSurvey 4 they sit in
//! `question_l10ns`, `answer_l10ns` and `group_l10ns`, joined by id. Every
//! row names its language. Survey texts (title, welcome and end texts,
//! invitation e-mails) come from `surveys_languagesettings`. Texts are HTML,
//! usually in CDATA sections; positions map through CDATA, XML entities and
//! HTML alike. `<!-- surveylint-disable… -->` comments between the rows are
//! inline suppressions, honoured wherever this reader is used (CLI, language
//! server).

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;
use surveylint::{CommentStyle, Document, Escape, UnitKind};

use crate::error::FormatError;
use crate::limesurvey::{self, Parts, Text};
use crate::mapped::Mapped;
use crate::units::{Storage, Units};

/// Deeper element nesting than this is refused; `.lss` files nest four levels.
const MAX_DEPTH: usize = 64;

/// More table fields than this are refused: a large real survey has tens of
/// thousands, and the cap bounds memory on hostile input.
const MAX_FIELDS: usize = 1_000_000;

/// One table row: field name → text.
type Row = HashMap<String, Mapped>;

/// A question id and a language tag.
type QuestionLanguage = (String, String);

/// Where an answer sorts: its scale, then its sort order.
type AnswerOrder = (i64, i64);

/// Reads an `.lss` file.
pub(crate) fn read(source: &[u8]) -> Result<Document, FormatError> {
    let tables = parse_tables(source)?;
    let table = |name: &str| tables.get(name).map(Vec::as_slice).unwrap_or_default();
    let field = |row: &Row, name: &str| row.get(name).map_or(String::new(), |text| text.text.trim().to_owned());
    let mut units = Units::default();
    let storage = Storage { escape: Escape::Xml, html: true, location: None };
    fn text(mapped: &Mapped) -> Text<'_> {
        Text { mapped, escape: Escape::Xml }
    }

    for row in table("surveys_languagesettings") {
        let Ok(language) = limesurvey::row_language(&field(row, "surveyls_language")) else { continue };
        let mut fields: Vec<(&String, &Mapped)> = row.iter().collect();
        fields.sort_by_key(|(name, _)| survey_field_order(name));
        for (name, value) in fields {
            if let Some(kind) = limesurvey::survey_text_kind(name) {
                units.add(value, kind, language, storage);
            }
        }
    }

    // Group texts: in the rows themselves (up to version 3) or in group_l10ns.
    for row in table("groups").iter().chain(table("group_l10ns")) {
        let Ok(language) = limesurvey::row_language(&field(row, "language")) else { continue };
        if let Some(name) = row.get("group_name") {
            units.add(name, UnitKind::Title, language, storage);
        }
        if let Some(description) = row.get("description") {
            units.add(description, UnitKind::Text, language, storage);
        }
    }

    // Question texts by (qid, language), from either layout.
    let mut texts: HashMap<QuestionLanguage, &Row> = HashMap::new();
    for row in table("questions").iter().chain(table("subquestions")).chain(table("question_l10ns")) {
        if row.contains_key("question") {
            texts.insert((field(row, "qid"), field(row, "language")), row);
        }
    }
    let mut structure: Vec<&Row> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for row in table("questions").iter().chain(table("subquestions")) {
        if seen.insert(field(row, "qid")) {
            structure.push(row);
        }
    }
    let parent_of = |row: &Row| field(row, "parent_qid");
    let mut children_of: HashMap<String, Vec<&Row>> = HashMap::new();
    for row in &structure {
        children_of.entry(parent_of(row)).or_default().push(row);
    }
    let order = |row: &Row| {
        (field(row, "scale_id").parse::<i64>().unwrap_or(0), field(row, "question_order").parse::<i64>().unwrap_or(0))
    };

    // Answer texts by (qid, language), in (scale, sort order).
    let answer_texts: HashMap<String, Vec<&Row>> = table("answer_l10ns").iter().fold(HashMap::new(), |mut map, row| {
        map.entry(field(row, "aid")).or_default().push(row);
        map
    });
    let mut answers: HashMap<QuestionLanguage, Vec<(AnswerOrder, &Mapped)>> = HashMap::new();
    for row in table("answers") {
        let key = |language: String| (field(row, "qid"), language);
        let sort = (field(row, "scale_id").parse().unwrap_or(0), field(row, "sortorder").parse().unwrap_or(0));
        if let Some(answer) = row.get("answer") {
            answers.entry(key(field(row, "language"))).or_default().push((sort, answer));
        }
        for l10n in answer_texts.get(&field(row, "aid")).map(Vec::as_slice).unwrap_or_default() {
            if let Some(answer) = l10n.get("answer") {
                answers.entry(key(field(l10n, "language"))).or_default().push((sort, answer));
            }
        }
    }
    for list in answers.values_mut() {
        list.sort_by_key(|(sort, _)| *sort);
    }

    // Top-level questions per language, in file order; one pass, so the work
    // stays linear however many language tags a hostile file invents.
    let mut languages_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for (qid, language) in texts.keys() {
        languages_of.entry(qid.as_str()).or_default().push(language.as_str());
    }
    for tags in languages_of.values_mut() {
        tags.sort_unstable();
    }
    let mut by_language: std::collections::BTreeMap<String, Vec<&Row>> = std::collections::BTreeMap::new();
    for question in structure.iter().filter(|row| matches!(parent_of(row).as_str(), "" | "0")) {
        // At most one tag per language a question is checked in (`nl` or `nl-BE`, not both).
        let mut seen = Vec::new();
        for language in languages_of.get(field(question, "qid").as_str()).map(Vec::as_slice).unwrap_or_default() {
            let Ok(checked) = limesurvey::row_language(language) else { continue };
            if !seen.contains(&checked) {
                seen.push(checked);
                by_language.entry((*language).to_owned()).or_default().push(question);
            }
        }
    }
    for (language_tag, questions) in &by_language {
        let Ok(language) = limesurvey::row_language(language_tag) else { continue };
        for question in questions {
            let qid = field(question, "qid");
            let Some(own) = texts.get(&(qid.clone(), language_tag.clone())) else { continue };
            let mut children: Vec<&Row> = children_of.get(&qid).cloned().unwrap_or_default();
            children.sort_by_key(|row| order(row));
            // The second scale of an array (`:` and `;` types) holds its columns: options, like answers.
            let (columns, rows): (Vec<&Row>, Vec<&Row>) =
                children.iter().partition(|child| field(child, "scale_id") == "1");
            let texts_of = |rows: &[&Row]| -> Vec<Text<'_>> {
                rows.iter()
                    .filter_map(|child| texts.get(&(field(child, "qid"), language_tag.clone())))
                    .filter_map(|row| row.get("question"))
                    .map(text)
                    .collect()
            };
            let subquestions = texts_of(&rows);
            let column_texts = texts_of(&columns);
            let type_letter = question.get("type").map_or("", |kind| kind.text.as_str());
            let parts = Parts {
                type_letter,
                code: Some(field(question, "title")),
                language,
                text: own.get("question").map(text),
                help: own.get("help").map(text),
                subquestions,
                answers: answers
                    .get(&(qid.clone(), language_tag.clone()))
                    .map(|list| list.iter().map(|(_, answer)| text(answer)).collect::<Vec<_>>())
                    .unwrap_or_default()
                    .into_iter()
                    .chain(column_texts)
                    .collect(),
            };
            limesurvey::push_question(&mut units, &parts);
        }
    }
    let mut document = units.document;
    // `parse_tables` has already checked that the source is UTF-8.
    if let Ok(text) = std::str::from_utf8(source) {
        document.suppressions = surveylint::find_suppressions(text, CommentStyle::Html);
    }
    Ok(document)
}

/// Survey texts in the order a respondent meets them.
fn survey_field_order(name: &str) -> usize {
    ["surveyls_title", "surveyls_description", "surveyls_welcometext", "surveyls_endtext"]
        .iter()
        .position(|field| *field == name)
        .unwrap_or(usize::MAX)
}

/// Reads every `<document><table><rows><row><field>` into rows per table.
fn parse_tables(source: &[u8]) -> Result<HashMap<String, Vec<Row>>, FormatError> {
    parse_tables_limited(source, MAX_FIELDS)
}

/// [`parse_tables`] with a cap on the number of fields.
fn parse_tables_limited(source: &[u8], max_fields: usize) -> Result<HashMap<String, Vec<Row>>, FormatError> {
    let text = crate::error::utf8(source)?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut tables: HashMap<String, Vec<Row>> = HashMap::new();
    let mut path: Vec<String> = Vec::new();
    let mut row: Option<Row> = None;
    let mut value = Mapped::default();
    let mut saw_document = false;
    let mut fields = 0;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|error| {
            let offset = usize::try_from(reader.error_position()).unwrap_or(before);
            FormatError::at(source, offset, format!("malformed XML: {error}"))
        })?;
        let after = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match event {
            Event::Start(start) => {
                if path.len() >= MAX_DEPTH {
                    return Err(FormatError::at(
                        source,
                        before,
                        format!("elements are nested more than {MAX_DEPTH} levels deep"),
                    ));
                }
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                if path.is_empty() {
                    saw_document = name == "document";
                }
                if path.len() == 3 && name == "row" {
                    row = Some(Row::new());
                }
                path.push(name);
                value = Mapped::default();
            }
            Event::End(_) => {
                if path.len() == 5 {
                    fields += 1;
                    if fields > max_fields {
                        let message = format!("more than {max_fields} fields; this is not a questionnaire");
                        return Err(FormatError::at(source, before, message));
                    }
                    if let (Some(row), Some(field)) = (row.as_mut(), path.last()) {
                        row.insert(field.clone(), std::mem::take(&mut value));
                    }
                }
                if path.len() == 4 && path[3] == "row" {
                    if let Some(row) = row.take() {
                        tables.entry(path[1].clone()).or_default().push(row);
                    }
                }
                path.pop();
            }
            Event::Text(content) if path.len() == 5 => {
                let raw = std::str::from_utf8(content.as_ref()).unwrap_or_default();
                let start = locate(text, raw, after.saturating_sub(raw.len()), before);
                value.push_verbatim(raw, start);
            }
            Event::CData(content) if path.len() == 5 => {
                let raw = std::str::from_utf8(content.as_ref()).unwrap_or_default();
                let start = locate(text, raw, after.saturating_sub(raw.len() + 3), before);
                value.push_verbatim(raw, start);
            }
            Event::GeneralRef(reference) if path.len() == 5 => {
                let name = std::str::from_utf8(reference.as_ref()).unwrap_or_default();
                let start = after.saturating_sub(name.len() + 2);
                let source_text = text.get(start..after).unwrap_or_default();
                match xml_entity(name) {
                    Some(decoded) => {
                        let mut buffer = [0; 4];
                        value.push_escaped(decoded.encode_utf8(&mut buffer), start, after - start);
                    }
                    // An unknown reference stays as written, but atomic: a rewrite that
                    // touches it replaces all of it, never leaving half a `&…;` behind.
                    None => value.push_escaped(source_text, start, source_text.len()),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_document {
        return Err(FormatError::at(source, 0, "expected a LimeSurvey <document> root element"));
    }
    Ok(tables)
}

/// The byte offset of an event's raw text: where the reader's position says,
/// checked against the source (searched for after `before` if it disagrees).
fn locate(source: &str, raw: &str, expected: usize, before: usize) -> usize {
    if source.get(expected..expected + raw.len()) == Some(raw) {
        return expected;
    }
    source.get(before..).and_then(|rest| rest.find(raw)).map_or(expected, |offset| before + offset)
}

/// The XML predefined entities and character references.
fn xml_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// True when the bytes look like a LimeSurvey structure file.
pub(crate) fn looks_like_lss(text: &str) -> bool {
    let head = &text[..surveylint::position::floor_char_boundary(text, 2048)];
    head.contains("<document") && head.contains("<LimeSurveyDocType>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_fields_are_refused() {
        let row = "<a>1</a>".repeat(50);
        let xml = format!("<document>\n<answers><rows><row>{row}</row><row>{row}</row></rows></answers></document>");
        assert!(parse_tables_limited(xml.as_bytes(), 100).is_ok_and(|tables| tables["answers"].len() == 2));
        match parse_tables_limited(xml.as_bytes(), 99) {
            Err(FormatError::Invalid { line: 2, message, .. }) => {
                assert_eq!(message, "more than 99 fields; this is not a questionnaire");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn positions_map_through_cdata_and_entities() {
        let xml = "<document><questions><rows><row><question>Caf&amp;&#233; <![CDATA[<b>10</b>]]></question></row></rows></questions></document>";
        let tables = parse_tables(xml.as_bytes()).unwrap_or_default();
        let text = tables
            .get("questions")
            .and_then(|rows| rows.first())
            .and_then(|row| row.get("question"))
            .cloned()
            .unwrap_or_default();
        assert_eq!(text.text, "Caf&é <b>10</b>");
        assert_eq!(&xml[text.source_range(3..4)], "&amp;");
        assert_eq!(&xml[text.source_range(4..6)], "&#233;");
        assert_eq!(&xml[text.source_range(10..12)], "10");
    }
}
