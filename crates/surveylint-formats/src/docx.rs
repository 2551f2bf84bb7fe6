//! Word documents (`.docx`): the paragraphs of `word/document.xml`, with
//! the styles and numbering that say which are headings and list items.
//!
//! A paragraph's text is the text of its runs joined, so a phrase Word split
//! into runs by formatting, spelling marks or revisions is one phrase again.
//! Tabs and line breaks stay; deleted revisions, field codes and the
//! fallback copy of a text box do not. A Word checkbox (a content control,
//! a legacy form field or a Wingdings box) reads as `☐`. Paragraphs are
//! numbered in document order, table cells included, and each unit is
//! located at its paragraph (`paragraph 12`, `paragraph 14 (table 1, cell
//! B2)`); a finding's span indexes the unit's text. How paragraphs become
//! questions is [`crate::docx_questions`]' business.
//!
//! The archive is checked like a workbook's before anything is read (entry
//! count, total decompressed size, each entry inflated against a hard cap).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use surveylint::Document;

use crate::docx_questions;
use crate::error::FormatError;
use crate::xlsx::{check_zip, MAX_UNCOMPRESSED_BYTES};

/// Deeper element nesting than this is refused; Word nests a few dozen at most.
const MAX_DEPTH: usize = 256;

/// The glyph a Word checkbox reads as.
pub(crate) const CHECKBOX: char = '☐';

/// A list item's numbering: which list and how deep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Numbering {
    pub(crate) list: u32,
    pub(crate) level: u32,
    /// Bullets, not numbers or letters.
    pub(crate) bullet: bool,
}

/// Where a paragraph sits in a table: table number (from 1), row and column (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TableCell {
    pub(crate) table: usize,
    pub(crate) row: usize,
    pub(crate) column: usize,
}

/// One paragraph as the reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Paragraph {
    /// 1-based, in document order.
    pub(crate) number: usize,
    pub(crate) text: String,
    pub(crate) heading: bool,
    pub(crate) numbering: Option<Numbering>,
    pub(crate) cell: Option<TableCell>,
}

impl Paragraph {
    /// `paragraph 12`, or `paragraph 14 (table 1, cell B2)`.
    pub(crate) fn location(&self) -> String {
        match self.cell {
            None => format!("paragraph {}", self.number),
            Some(cell) => format!(
                "paragraph {} (table {}, cell {}{})",
                self.number,
                cell.table,
                crate::xlsx::column_name(cell.column.saturating_sub(1)),
                cell.row
            ),
        }
    }
}

/// True when `bytes` are a zip holding `word/document.xml`.
pub(crate) fn is_docx(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes)).is_ok_and(|archive| archive.index_for_name("word/document.xml").is_some())
}

/// Reads a Word document.
pub(crate) fn read(bytes: &[u8]) -> Result<Document, FormatError> {
    let paragraphs = paragraphs(bytes)?;
    Ok(docx_questions::build(&paragraphs))
}

/// The document's paragraphs, behind the same archive checks and panic
/// boundary as workbooks.
pub(crate) fn paragraphs(bytes: &[u8]) -> Result<Vec<Paragraph>, FormatError> {
    check_zip(bytes, "document", ".docx")?;
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_paragraphs(bytes)));
    read.unwrap_or_else(|_| {
        Err(FormatError::InvalidEntry {
            place: "document".to_owned(),
            message: "is malformed: the reader failed on its contents".to_owned(),
        })
    })
}

fn read_paragraphs(bytes: &[u8]) -> Result<Vec<Paragraph>, FormatError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| FormatError::InvalidEntry {
        place: "document".to_owned(),
        message: format!("not a readable .docx (zip) file: {error}"),
    })?;
    let document = entry(&mut archive, "word/document.xml")?.ok_or_else(|| FormatError::InvalidEntry {
        place: "document".to_owned(),
        message: "has no word/document.xml: it is not a Word document".to_owned(),
    })?;
    let styles = match entry(&mut archive, "word/styles.xml")? {
        Some(xml) => Styles::parse(&xml)?,
        None => Styles::default(),
    };
    let numbering = match entry(&mut archive, "word/numbering.xml")? {
        Some(xml) => Lists::parse(&xml)?,
        None => Lists::default(),
    };
    Body::parse(&document, &styles, &numbering)
}

/// The text of a zip entry, `None` when there is none.
fn entry(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, FormatError> {
    let invalid = |message: String| FormatError::InvalidEntry { place: name.to_owned(), message };
    let Some(index) = archive.index_for_name(name) else { return Ok(None) };
    let file = archive.by_index(index).map_err(|error| invalid(format!("is unreadable: {error}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_UNCOMPRESSED_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| invalid(format!("cannot be decompressed: {error}")))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        invalid(format!("is not UTF-8 XML (first bad byte at offset {})", error.utf8_error().valid_up_to()))
    })?;
    Ok(Some(text))
}

/// Reads XML events, naming the entry and offset of malformed XML.
struct Events<'a> {
    reader: Reader<&'a [u8]>,
    entry: &'static str,
    depth: usize,
}

impl<'a> Events<'a> {
    fn new(xml: &'a str, entry: &'static str) -> Events<'a> {
        let mut reader = Reader::from_str(xml);
        reader.config_mut().trim_text(false);
        Events { reader, entry, depth: 0 }
    }

    fn next(&mut self) -> Result<Event<'a>, FormatError> {
        let event = self.reader.read_event().map_err(|error| FormatError::InvalidEntry {
            place: self.entry.to_owned(),
            message: format!("malformed XML at byte {}: {error}", self.reader.error_position()),
        })?;
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(FormatError::InvalidEntry {
                        place: self.entry.to_owned(),
                        message: format!(
                            "elements are nested more than {MAX_DEPTH} levels deep (at byte {})",
                            self.reader.buffer_position()
                        ),
                    });
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(event)
    }
}

/// The value of the attribute with this local name (`w:val` → `val`).
fn attribute(element: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    element.attributes().flatten().find(|attribute| attribute.key.local_name().as_ref() == local).and_then(
        |attribute| attribute.decode_and_unescape_value(element.decoder()).ok().map(|value| value.into_owned()),
    )
}

fn number(element: &BytesStart<'_>) -> Option<u32> {
    attribute(element, b"val")?.trim().parse().ok()
}

/// What a paragraph style says about its paragraphs.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: bool,
    list: Option<u32>,
    level: Option<u32>,
}

/// `word/styles.xml`: paragraph styles by id.
#[derive(Debug, Default)]
struct Styles {
    styles: HashMap<String, Style>,
}

impl Styles {
    fn parse(xml: &str) -> Result<Styles, FormatError> {
        let mut events = Events::new(xml, "word/styles.xml");
        let mut styles = HashMap::new();
        let mut current: Option<(String, Style)> = None;
        loop {
            let (element, is_start) = match events.next()? {
                Event::Start(element) => (element, true),
                Event::Empty(element) => (element, false),
                Event::End(end) if end.local_name().as_ref() == b"style" => {
                    if let Some((id, style)) = current.take() {
                        styles.insert(id, style);
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            match element.local_name().as_ref() {
                b"style" if is_start => {
                    current = attribute(&element, b"styleId").map(|id| (id, Style::default()));
                }
                b"name" => {
                    if let Some((_, style)) = current.as_mut() {
                        style.name = attribute(&element, b"val").unwrap_or_default().to_lowercase();
                    }
                }
                b"basedOn" => {
                    if let Some((_, style)) = current.as_mut() {
                        style.based_on = attribute(&element, b"val");
                    }
                }
                b"outlineLvl" => {
                    if let Some((_, style)) = current.as_mut() {
                        style.outline = number(&element).is_some_and(|level| level < 9);
                    }
                }
                b"numId" => {
                    if let Some((_, style)) = current.as_mut() {
                        style.list = number(&element);
                    }
                }
                b"ilvl" => {
                    if let Some((_, style)) = current.as_mut() {
                        style.level = number(&element);
                    }
                }
                _ => {}
            }
        }
        Ok(Styles { styles })
    }

    /// The style and the styles it is based on, nearest first (at most 16: chains can loop).
    fn chain<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Style> + 'a {
        let mut next = self.styles.get(id);
        std::iter::from_fn(move || {
            let style = next?;
            next = style.based_on.as_deref().and_then(|id| self.styles.get(id));
            Some(style)
        })
        .take(16)
    }

    fn is_heading(&self, id: &str) -> bool {
        let by_id = id.to_ascii_lowercase();
        // `Kop1` is Dutch Word's id for Heading 1; `Koptekst` (a page header) is no heading.
        let dutch_heading =
            by_id.strip_prefix("kop").is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
        by_id.starts_with("heading")
            || by_id == "title"
            || by_id == "subtitle"
            || dutch_heading
            || self.chain(id).any(|style| {
                style.outline
                    || style.name.starts_with("heading")
                    || matches!(style.name.as_str(), "title" | "subtitle")
            })
    }

    /// The list a style numbers its paragraphs with.
    fn list(&self, id: &str) -> Option<(u32, u32)> {
        self.chain(id).find_map(|style| Some((style.list?, style.level.unwrap_or(0))))
    }
}

/// `word/numbering.xml`: which list levels are bullets.
#[derive(Debug, Default)]
struct Lists {
    /// `numId` → `abstractNumId`.
    lists: HashMap<u32, u32>,
    /// (`abstractNumId`, level) → bullet.
    bullets: HashMap<(u32, u32), bool>,
}

impl Lists {
    fn parse(xml: &str) -> Result<Lists, FormatError> {
        let mut events = Events::new(xml, "word/numbering.xml");
        let mut lists = Lists::default();
        let mut abstract_id: Option<u32> = None;
        let mut level: Option<u32> = None;
        let mut num_id: Option<u32> = None;
        loop {
            let element = match events.next()? {
                Event::Start(element) | Event::Empty(element) => element,
                Event::Eof => break,
                _ => continue,
            };
            match element.local_name().as_ref() {
                b"abstractNum" => {
                    abstract_id = attribute(&element, b"abstractNumId").and_then(|id| id.parse().ok());
                    num_id = None;
                }
                b"lvl" => level = attribute(&element, b"ilvl").and_then(|id| id.parse().ok()),
                b"numFmt" => {
                    if let (Some(abstract_id), Some(level), None) = (abstract_id, level, num_id) {
                        let bullet = attribute(&element, b"val").is_some_and(|format| format == "bullet");
                        lists.bullets.insert((abstract_id, level), bullet);
                    }
                }
                b"num" => num_id = attribute(&element, b"numId").and_then(|id| id.parse().ok()),
                b"abstractNumId" => {
                    if let (Some(num_id), Some(abstract_id)) = (num_id, number(&element)) {
                        lists.lists.insert(num_id, abstract_id);
                    }
                }
                _ => {}
            }
        }
        Ok(lists)
    }

    fn is_bullet(&self, list: u32, level: u32) -> bool {
        self.lists.get(&list).and_then(|abstract_id| self.bullets.get(&(*abstract_id, level))).copied().unwrap_or(false)
    }
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Draft {
    number: usize,
    text: String,
    style: Option<String>,
    list: Option<u32>,
    level: Option<u32>,
    outline: bool,
    cell: Option<TableCell>,
}

/// A table being read: its number, the current row and column, and where the next cell starts.
#[derive(Debug)]
struct Table {
    number: usize,
    row: usize,
    column: usize,
    next_column: usize,
}

/// `word/document.xml`.
struct Body<'a> {
    styles: &'a Styles,
    lists: &'a Lists,
    paragraphs: Vec<Paragraph>,
    open: Vec<Draft>,
    tables: Vec<Table>,
    paragraph_count: usize,
    table_count: usize,
}

/// Elements whose content is not shown: deleted text, field codes, the
/// fallback copy of alternate content, and earlier versions of properties.
fn is_hidden(name: &[u8]) -> bool {
    matches!(name, b"delText" | b"instrText" | b"Fallback" | b"pPrChange" | b"rPrChange" | b"moveFrom" | b"del")
}

/// Wingdings characters Word uses for boxes and circles to tick.
fn is_wingdings_box(code: &str) -> bool {
    let code = code.trim().to_ascii_uppercase();
    let code = code.strip_prefix("F0").unwrap_or(&code);
    matches!(code, "6F" | "70" | "71" | "72" | "A8" | "FE" | "FD" | "78" | "A1" | "A2" | "6C" | "6D" | "6E" | "A3")
}

impl<'a> Body<'a> {
    fn parse(xml: &str, styles: &'a Styles, lists: &'a Lists) -> Result<Vec<Paragraph>, FormatError> {
        let mut body = Body {
            styles,
            lists,
            paragraphs: Vec::new(),
            open: Vec::new(),
            tables: Vec::new(),
            paragraph_count: 0,
            table_count: 0,
        };
        let mut events = Events::new(xml, "word/document.xml");
        // The depth at which a hidden element opened; everything inside it is skipped.
        let mut hidden_at: Option<usize> = None;
        // Inside a `w:t` (or `m:t`) element, whose text is shown.
        let mut in_text = false;
        let mut in_paragraph_properties = false;
        loop {
            let event = events.next()?;
            // The end can come inside a hidden element (a truncated file): stop there too.
            if matches!(event, Event::Eof) {
                break;
            }
            if let Some(depth) = hidden_at {
                if events.depth < depth {
                    hidden_at = None;
                }
                continue;
            }
            match event {
                Event::Start(element) => {
                    let name = element.local_name();
                    let name = name.as_ref();
                    if is_hidden(name) {
                        hidden_at = Some(events.depth);
                        continue;
                    }
                    match name {
                        b"t" => in_text = true,
                        b"pPr" => in_paragraph_properties = true,
                        // A legacy checkbox form field (`w:ffData`); a content control's box is in its text.
                        b"checkBox" => body.push_text(&CHECKBOX.to_string()),
                        _ => {}
                    }
                    body.open_element(name, &element, in_paragraph_properties);
                }
                Event::Empty(element) => {
                    let name = element.local_name();
                    let name = name.as_ref();
                    if name == b"p" {
                        body.open_element(name, &element, false);
                        body.close_paragraph();
                        continue;
                    }
                    body.open_element(name, &element, in_paragraph_properties);
                    if !in_paragraph_properties {
                        body.empty_element(name, &element);
                    }
                }
                Event::End(element) => match element.local_name().as_ref() {
                    b"t" => in_text = false,
                    b"pPr" => in_paragraph_properties = false,
                    b"p" => body.close_paragraph(),
                    b"tbl" => {
                        body.tables.pop();
                    }
                    _ => {}
                },
                Event::Text(text) if in_text => {
                    let decoded = text.decode().unwrap_or_default();
                    body.push_text(&decoded);
                }
                Event::GeneralRef(reference) if in_text => {
                    let decoded = match reference.resolve_char_ref() {
                        Ok(Some(character)) => Some(character),
                        _ => match &*reference {
                            b"amp" => Some('&'),
                            b"lt" => Some('<'),
                            b"gt" => Some('>'),
                            b"quot" => Some('"'),
                            b"apos" => Some('\''),
                            _ => None,
                        },
                    };
                    if let Some(character) = decoded {
                        body.push_text(character.encode_utf8(&mut [0; 4]));
                    }
                }
                Event::CData(text) if in_text => {
                    body.push_text(&String::from_utf8_lossy(&text));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        // An unclosed paragraph at the end (a truncated document) still counts.
        while !body.open.is_empty() {
            body.close_paragraph();
        }
        body.paragraphs.sort_by_key(|paragraph| paragraph.number);
        Ok(body.paragraphs)
    }

    fn push_text(&mut self, text: &str) {
        if let Some(draft) = self.open.last_mut() {
            draft.text.push_str(text);
        }
    }

    /// A start tag (or the start of an empty one).
    fn open_element(&mut self, name: &[u8], element: &BytesStart<'_>, in_properties: bool) {
        match name {
            b"p" => {
                self.paragraph_count += 1;
                let cell = self.tables.last().map(|table| TableCell {
                    table: table.number,
                    row: table.row,
                    column: table.column,
                });
                self.open.push(Draft { number: self.paragraph_count, cell, ..Draft::default() });
            }
            b"tbl" => {
                self.table_count += 1;
                self.tables.push(Table { number: self.table_count, row: 0, column: 0, next_column: 1 });
            }
            b"tr" => {
                if let Some(table) = self.tables.last_mut() {
                    table.row += 1;
                    table.column = 0;
                    table.next_column = 1;
                }
            }
            b"tc" => {
                if let Some(table) = self.tables.last_mut() {
                    table.column = table.next_column;
                    table.next_column += 1;
                }
            }
            b"gridSpan" => {
                if let (Some(table), Some(span)) = (self.tables.last_mut(), number(element)) {
                    table.next_column = table.column + span.clamp(1, 64) as usize;
                }
            }
            b"pStyle" if in_properties => {
                if let Some(draft) = self.open.last_mut() {
                    draft.style = attribute(element, b"val");
                }
            }
            b"numId" if in_properties => {
                if let Some(draft) = self.open.last_mut() {
                    draft.list = number(element);
                }
            }
            b"ilvl" if in_properties => {
                if let Some(draft) = self.open.last_mut() {
                    draft.level = number(element);
                }
            }
            b"outlineLvl" if in_properties => {
                if let Some(draft) = self.open.last_mut() {
                    draft.outline = number(element).is_some_and(|level| level < 9);
                }
            }
            _ => {}
        }
    }

    /// Empty elements that stand for text.
    fn empty_element(&mut self, name: &[u8], element: &BytesStart<'_>) {
        match name {
            b"tab" => self.push_text("\t"),
            b"br" | b"cr" => self.push_text("\n"),
            b"noBreakHyphen" => self.push_text("-"),
            b"checkBox" => self.push_text(&CHECKBOX.to_string()),
            b"sym" => {
                let font = attribute(element, b"font").unwrap_or_default().to_ascii_lowercase();
                let code = attribute(element, b"char").unwrap_or_default();
                if font.starts_with("wingdings") && is_wingdings_box(&code) {
                    self.push_text(&CHECKBOX.to_string());
                }
            }
            _ => {}
        }
    }

    fn close_paragraph(&mut self) {
        let Some(draft) = self.open.pop() else { return };
        let style = draft.style.as_deref().unwrap_or_default();
        let heading = draft.outline || (!style.is_empty() && self.styles.is_heading(style));
        let list = match (draft.list, draft.level) {
            // `numId` 0 switches numbering off.
            (Some(0), _) => None,
            (Some(list), level) => Some((list, level.unwrap_or(0))),
            (None, _) if !style.is_empty() => self.styles.list(style).filter(|&(list, _)| list != 0),
            (None, _) => None,
        };
        let numbering = list.map(|(list, level)| Numbering { list, level, bullet: self.lists.is_bullet(list, level) });
        self.paragraphs.push(Paragraph {
            number: draft.number,
            text: draft.text,
            heading,
            numbering,
            cell: draft.cell,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(xml: &str) -> Vec<Paragraph> {
        let document = format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{xml}</w:body></w:document>"#
        );
        Body::parse(&document, &Styles::default(), &Lists::default()).unwrap_or_default()
    }

    #[test]
    fn headings_come_from_style_ids_names_and_outline_levels() {
        let styles = Styles::parse(
            r#"<w:styles xmlns:w="w"><w:style w:styleId="Vraagkop"><w:name w:val="heading 2"/></w:style><w:style w:styleId="Eigen"><w:basedOn w:val="Vraagkop"/></w:style><w:style w:styleId="Niveau"><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>"#,
        )
        .unwrap_or_default();
        let headings: Vec<bool> = ["Kop1", "Koptekst", "Title", "Vraagkop", "Eigen", "Niveau", "Normal"]
            .iter()
            .map(|id| styles.is_heading(id))
            .collect();
        assert_eq!(headings, [true, false, true, true, true, true, false]);
    }

    #[test]
    fn runs_are_joined_and_hidden_text_is_skipped() {
        let paragraphs = body(
            r#"<w:p><w:r><w:t>Verdie</w:t></w:r><w:proofErr/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">nen we </w:t></w:r><w:del><w:r><w:delText>niet </w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>een 10&amp;meer?</w:t></w:r></w:p>"#,
        );
        assert_eq!(paragraphs.len(), 1);
        assert_eq!(paragraphs[0].text, "Verdienen we een 10&meer?");
    }

    #[test]
    fn a_document_that_ends_inside_deleted_text_ends() {
        // Found by the fuzzer: the end of the XML inside a skipped element looped forever.
        let truncated = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Hoi</w:t></w:r><w:del><w:r><w:delText>weg"#;
        let paragraphs = Body::parse(truncated, &Styles::default(), &Lists::default()).unwrap_or_default();
        assert_eq!(paragraphs.iter().map(|paragraph| paragraph.text.as_str()).collect::<Vec<_>>(), ["Hoi"]);
    }

    #[test]
    fn table_cells_and_text_boxes_are_paragraphs_in_document_order() {
        let paragraphs = body(
            r#"<w:p><w:r><w:t>Intro</w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>In een kader</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>In een kader</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:sym w:font="Wingdings" w:char="F06F"/><w:t xml:space="preserve"> Ja</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        );
        let summary: Vec<(usize, &str, String)> = paragraphs
            .iter()
            .map(|paragraph| (paragraph.number, paragraph.text.as_str(), paragraph.location()))
            .collect();
        assert_eq!(
            summary,
            [
                (1, "Intro", "paragraph 1".to_owned()),
                (2, "In een kader", "paragraph 2".to_owned()),
                (3, "A", "paragraph 3 (table 1, cell A1)".to_owned()),
                (4, "☐ Ja", "paragraph 4 (table 1, cell C1)".to_owned()),
            ]
        );
    }
}
