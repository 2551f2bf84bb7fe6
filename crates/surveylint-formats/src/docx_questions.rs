//! How the paragraphs of a Word questionnaire become questions.
//!
//! Word has no notion of a question, so the layout decides:
//!
//! - a heading is a title;
//! - a paragraph that asks (ends in `?`), or that answer options follow, is
//!   a question;
//! - its options are the paragraphs after it that start with a box to tick
//!   (`☐ Ja`, also several on one line: `☐ Ja ☐ Nee`), list items one level
//!   deeper than it (or a bulleted list under an unnumbered question), or,
//!   without any of these, two or more short lines right after it;
//! - `Geslacht: ☐ Man ☐ Vrouw` is a question with its options on one line;
//! - a table whose rows hold a question in the first cell and options in the
//!   others is read row by row; a table with answer headings in its first
//!   row and statements down its first column is a matrix (its question is
//!   the paragraph before it, if that asks one);
//! - everything else is free text.

use surveylint::{Document, Escape, Question, QuestionKind, Scale, UnitKind};

use crate::docx::{Paragraph, CHECKBOX};
use crate::mapped::Mapped;
use crate::units::{Storage, Units};

/// Glyphs that draw a box or circle to tick.
const BOXES: &[char] = &[CHECKBOX, '☑', '☒', '□', '■', '▢', '○', '◯', '●', '❍', '❏', '❑', '⬜', '◻', '◽', '⚪', '❒'];

/// Lines after a question this short, without a full stop, may be its options.
const SHORT_LINE_CHARS: usize = 80;

/// A piece of a paragraph's text and where it is.
#[derive(Debug, Clone)]
struct Piece {
    location: String,
    text: Mapped,
}

impl Piece {
    fn whole(paragraph: &Paragraph) -> Piece {
        Piece { location: paragraph.location(), text: Mapped::verbatim(&paragraph.text, 0) }
    }
}

/// A paragraph (or table) as the grouping sees it.
#[derive(Debug)]
enum Item<'a> {
    Blank,
    Heading(Piece),
    /// A paragraph of text; a question or free text, depending on what follows.
    Line(&'a Paragraph, Piece),
    /// Options with boxes to tick, without a stem.
    Options(Vec<Piece>),
    /// A stem and its options in one place (`Geslacht: ☐ Man ☐ Vrouw`, a table row).
    Question(Piece, Vec<Piece>),
    /// A table of statements (rows) against answer headings (options).
    Matrix {
        rows: Vec<Piece>,
        options: Vec<Piece>,
    },
}

/// Builds the document from the paragraphs, in order.
pub(crate) fn build(paragraphs: &[Paragraph]) -> Document {
    let items = items(paragraphs);
    let mut builder = Builder::default();
    let mut index = 0;
    while index < items.len() {
        index = builder.group(&items, index);
    }
    builder.units.document
}

fn items(paragraphs: &[Paragraph]) -> Vec<Item<'_>> {
    let mut items = Vec::new();
    let mut index = 0;
    while index < paragraphs.len() {
        let paragraph = &paragraphs[index];
        if let Some(cell) = paragraph.cell {
            let end = paragraphs[index..]
                .iter()
                .position(|other| other.cell.is_none_or(|other| other.table != cell.table))
                .map_or(paragraphs.len(), |offset| index + offset);
            table_items(&paragraphs[index..end], &mut items);
            index = end;
            continue;
        }
        items.push(paragraph_item(paragraph));
        index += 1;
    }
    items
}

fn paragraph_item(paragraph: &Paragraph) -> Item<'_> {
    let whole = Piece::whole(paragraph);
    if paragraph.text.trim().is_empty() {
        return Item::Blank;
    }
    if paragraph.heading {
        return Item::Heading(whole);
    }
    match split_at_boxes(&whole) {
        Some((None, options)) => Item::Options(options),
        Some((Some(stem), options)) => Item::Question(stem, options),
        None => Item::Line(paragraph, whole),
    }
}

/// `☐ Ja ☐ Nee` → the options; `Geslacht: ☐ Man` → the stem and the options.
/// `None` when the text holds no box (or only one, at its end: a label with its box).
fn split_at_boxes(piece: &Piece) -> Option<(Option<Piece>, Vec<Piece>)> {
    let text = &piece.text.text;
    let boxes: Vec<usize> = text.match_indices(BOXES).map(|(offset, _)| offset).collect();
    let first = *boxes.first()?;
    let part =
        |range: std::ops::Range<usize>| Piece { location: piece.location.clone(), text: piece.text.slice(range) };
    let mut options = Vec::new();
    for (index, &start) in boxes.iter().enumerate() {
        let glyph_end = start + text[start..].chars().next().map_or(1, char::len_utf8);
        let end = boxes.get(index + 1).copied().unwrap_or(text.len());
        let option = part(glyph_end..end);
        if !option.text.text.trim().is_empty() {
            options.push(option);
        }
    }
    if options.is_empty() {
        return None;
    }
    let stem = part(0..first);
    let stem = (!stem.text.text.trim().is_empty()).then_some(stem);
    Some((stem, options))
}

/// The options one table cell holds: its boxes, or each paragraph whole.
fn cell_options(paragraphs: &[&Paragraph]) -> Vec<Piece> {
    let mut options = Vec::new();
    for paragraph in paragraphs.iter().filter(|paragraph| !paragraph.text.trim().is_empty()) {
        let whole = Piece::whole(paragraph);
        match split_at_boxes(&whole) {
            Some((stem, boxed)) => options.extend(stem.into_iter().chain(boxed)),
            None => options.push(whole),
        }
    }
    options
}

/// True when a cell holds nothing but boxes to tick (or nothing at all).
fn only_boxes(paragraphs: &[&Paragraph]) -> bool {
    paragraphs.iter().all(|paragraph| paragraph.text.chars().all(|c| c.is_whitespace() || BOXES.contains(&c)))
}

fn table_items<'a>(paragraphs: &'a [Paragraph], items: &mut Vec<Item<'a>>) {
    // Rows of cells of paragraphs; nested tables' paragraphs are read as lines.
    let Some(table) = paragraphs.first().and_then(|paragraph| paragraph.cell).map(|cell| cell.table) else { return };
    let mut rows: Vec<Vec<Vec<&Paragraph>>> = Vec::new();
    let mut nested = Vec::new();
    for paragraph in paragraphs {
        let Some(cell) = paragraph.cell.filter(|cell| cell.table == table) else {
            nested.push(paragraph);
            continue;
        };
        let (row, column) = (cell.row.max(1) - 1, cell.column.max(1) - 1);
        if rows.len() <= row {
            rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut rows[row];
        if cells.len() <= column {
            cells.resize_with(column + 1, Vec::new);
        }
        cells[column].push(paragraph);
    }
    let has_text = |cell: &Vec<&Paragraph>| cell.iter().any(|paragraph| !paragraph.text.trim().is_empty());

    // A matrix: headings across the first row, statements down the first column, boxes or nothing between.
    let header = rows.first().map(Vec::as_slice).unwrap_or_default();
    let headings = header.iter().skip(1).filter(|cell| has_text(cell)).count();
    let body = rows.get(1..).unwrap_or_default();
    let is_matrix = headings >= 2
        && !body.is_empty()
        && body.iter().all(|row| row.first().is_some_and(&has_text) && row.iter().skip(1).all(|cell| only_boxes(cell)));
    if is_matrix {
        let options = header.iter().skip(1).flat_map(|cell| cell_options(cell)).collect();
        let rows = body.iter().filter_map(|row| first_text(row.first()?)).map(Piece::whole).collect();
        if let Some(corner) = header.first().and_then(|cell| first_text(cell)) {
            items.push(Item::Line(corner, Piece::whole(corner)));
        }
        items.push(Item::Matrix { rows, options });
    } else {
        // A question in the first cell, its options in the others.
        for row in &rows {
            let options: Vec<Piece> = row.iter().skip(1).flat_map(|cell| cell_options(cell)).collect();
            let first = row.first().map(Vec::as_slice).unwrap_or_default();
            let mut lines = first.iter().filter(|paragraph| !paragraph.text.trim().is_empty());
            match lines.next() {
                Some(stem) if !options.is_empty() => {
                    items.push(Item::Question(Piece::whole(stem), options));
                }
                Some(stem) => items.push(paragraph_item(stem)),
                None if !options.is_empty() => items.push(Item::Options(options)),
                None => {}
            }
            items.extend(lines.map(|paragraph| paragraph_item(paragraph)));
            items.push(Item::Blank);
        }
    }
    items.extend(nested.into_iter().map(paragraph_item));
}

/// True when a paragraph asks something.
fn asks(text: &str) -> bool {
    let text = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | ')' | '(' | '.' | '…'));
    text.ends_with('?') || text.ends_with(':')
}

/// True when `line` reads as an option of the question in `stem`: a list item deeper than it.
fn is_list_option(stem: &Paragraph, line: &Paragraph) -> bool {
    let Some(option) = line.numbering else { return false };
    match stem.numbering {
        None => true,
        Some(question) => {
            option.level > question.level || (option.list != question.list && option.bullet && !question.bullet)
        }
    }
}

fn is_short_line(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= SHORT_LINE_CHARS && !text.ends_with('.') && !asks(text)
}

#[derive(Default)]
struct Builder {
    units: Units,
}

impl Builder {
    fn add(&mut self, piece: &Piece, kind: UnitKind) -> Option<usize> {
        let storage = Storage { escape: Escape::None, html: false, location: Some(&piece.location) };
        self.units.add(&piece.text, kind, None, storage)
    }

    /// Reads the item at `index` and what belongs to it; returns the next index.
    fn group(&mut self, items: &[Item<'_>], index: usize) -> usize {
        match &items[index] {
            Item::Blank => index + 1,
            Item::Heading(piece) => {
                self.add(piece, UnitKind::Title);
                index + 1
            }
            Item::Options(options) => {
                for option in options {
                    self.add(option, UnitKind::Option);
                }
                index + 1
            }
            Item::Question(stem, options) => {
                let mut options = options.clone();
                let next = take_boxed_options(items, index + 1, &mut options);
                self.question(stem, &options, &[]);
                next
            }
            Item::Matrix { rows, options } => {
                // No question before it: each statement is asked with the headings as options.
                let option_units: Vec<usize> =
                    options.iter().filter_map(|option| self.add(option, UnitKind::Option)).collect();
                for row in rows {
                    if let Some(stem) = self.add(row, UnitKind::Question) {
                        let mut question = Question::new(QuestionKind::SingleChoice, stem);
                        question.options = option_units.clone();
                        self.units.document.push_question(question);
                    }
                }
                index + 1
            }
            Item::Line(paragraph, piece) => self.line(items, index, paragraph, piece),
        }
    }

    /// A line and the options after it, if any.
    fn line(&mut self, items: &[Item<'_>], index: usize, paragraph: &Paragraph, piece: &Piece) -> usize {
        let mut options = Vec::new();
        let mut next = index + 1;
        // Options may sit after a blank paragraph, but nothing else may come between.
        let after_blank = |at: usize| if matches!(items.get(at), Some(Item::Blank)) { at + 1 } else { at };
        match items.get(after_blank(next)) {
            Some(Item::Matrix { rows, options: headings }) if asks(&piece.text.text) || rows.len() > 1 => {
                self.question(piece, headings, rows);
                return after_blank(next) + 1;
            }
            Some(Item::Options(_)) => next = take_boxed_options(items, after_blank(next), &mut options),
            Some(Item::Line(line, _)) if is_list_option(paragraph, line) => {
                let mut at = after_blank(next);
                // Under a paragraph that does not ask, only a list of short lines is options.
                let asking = asks(&piece.text.text);
                while let Some(Item::Line(line, option)) = items.get(at) {
                    if !is_list_option(paragraph, line) || !(asking || is_short_line(&line.text)) {
                        break;
                    }
                    options.push(option.clone());
                    at += 1;
                }
                next = at;
            }
            Some(Item::Line(..)) if asks(&piece.text.text) => {
                // Plain short lines right under a question, two or more, before a blank or another question.
                let mut at = next;
                let mut short = Vec::new();
                while let Some(Item::Line(line, option)) = items.get(at) {
                    if line.numbering.is_some() || line.heading || !is_short_line(&line.text) {
                        break;
                    }
                    short.push(option.clone());
                    at += 1;
                }
                if short.len() >= 2 && !matches!(items.get(at), Some(Item::Line(..))) {
                    options = short;
                    next = at;
                }
            }
            _ => {}
        }
        if options.is_empty() && !asks(&piece.text.text) {
            self.add(piece, UnitKind::Text);
        } else {
            self.question(piece, &options, &[]);
        }
        next
    }

    fn question(&mut self, stem: &Piece, options: &[Piece], rows: &[Piece]) {
        let Some(text) = self.add(stem, UnitKind::Question) else {
            for option in options.iter().chain(rows) {
                self.add(option, UnitKind::Option);
            }
            return;
        };
        let options: Vec<usize> = options.iter().filter_map(|option| self.add(option, UnitKind::Option)).collect();
        let rows: Vec<usize> = rows.iter().filter_map(|row| self.add(row, UnitKind::Option)).collect();
        let stem_text = self.units.document.units[text].text.to_lowercase();
        let numbers: Vec<i64> =
            options.iter().filter_map(|&unit| self.units.document.units[unit].text.trim().parse().ok()).collect();
        let multiple = [
            "meerdere antwoorden",
            "meer antwoorden",
            "all that apply",
            "more than one",
            "multiple answers",
            "select all",
        ]
        .iter()
        .any(|hint| stem_text.contains(hint));
        let kind = if !rows.is_empty() {
            QuestionKind::Matrix
        } else if options.is_empty() {
            QuestionKind::Open
        } else if numbers.len() == options.len() && numbers.len() >= 3 {
            QuestionKind::Rating
        } else if multiple {
            QuestionKind::MultipleChoice
        } else {
            QuestionKind::SingleChoice
        };
        let mut question = Question::new(kind, text);
        if kind == QuestionKind::Rating {
            let (min, max) = (numbers.iter().min().copied(), numbers.iter().max().copied());
            question.scale = min.zip(max).map(|(min, max)| Scale { min, max, min_label: None, max_label: None });
        }
        question.options = options;
        question.rows = rows;
        self.units.document.push_question(question);
    }
}

/// Appends the boxed options of the `Options` items from `index` on; returns the next index.
fn take_boxed_options(items: &[Item<'_>], mut index: usize, options: &mut Vec<Piece>) -> usize {
    while let Some(Item::Options(more)) = items.get(index) {
        options.extend(more.iter().cloned());
        index += 1;
    }
    index
}

/// The first paragraph of a cell that holds text.
fn first_text<'a>(cell: &[&'a Paragraph]) -> Option<&'a Paragraph> {
    cell.iter().find(|paragraph| !paragraph.text.trim().is_empty()).copied()
}
