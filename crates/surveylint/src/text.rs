//! Reads plain text and Markdown into a [`Document`].
//!
//! Paragraphs, lines and list items become units. A line ending in `?`, or a
//! numbered item, is a question; list items right under a question are its
//! answer options, except the next number after a numbered question ("2."
//! after "1. …?"), which is the next question unless the options are numbered
//! themselves; headings and other prose are free text. Lines wrapped
//! inside a paragraph stay one unit, so a question broken over two lines
//! still matches. Markdown code blocks and HTML comments are skipped.
//!
//! A table (lines between `|`) is a matrix question, the way a grid is drawn
//! on paper: the header cells after the first are its columns, the first
//! cell of each later row is a row, and the question or text line right
//! above the table is its stem.

use crate::document::{Document, Question, QuestionKind, Unit, UnitKind};

/// The two text formats the core reads itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TextFormat {
    /// Plain text; lines starting with `//` are comments.
    #[default]
    Plain,
    /// CommonMark-style Markdown; code blocks and HTML comments are skipped.
    Markdown,
}

/// A list item's marker, as far as the text model cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// `-`, `*`, `+`, `o`, `( )` and the like.
    Bullet,
    /// A bullet with a checkbox: `- [ ]`, `[ ]`, `☐`.
    Checkbox,
    /// `1.`, `2)`, `a.`, with the number when it is one.
    Numbered(Option<u32>),
}

/// Reads `source` into units and questions.
pub fn parse_text(source: &str, format: TextFormat) -> Document {
    let mut reader = Reader {
        source,
        document: Document::new(),
        pending: None,
        open_question: None,
        question_number: None,
        numbered_options: false,
        table: None,
    };
    let mut fence: Option<&str> = None;
    let mut in_comment = false;
    // A byte-order mark is not text; skipping it keeps it out of the first unit.
    let body_start = if source.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut offset = body_start;
    for raw_line in source[body_start..].split_inclusive('\n') {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        let content_start = line_start + (line.len() - line.trim_start().len());

        if format == TextFormat::Markdown {
            if let Some(open) = fence {
                if trimmed.starts_with(open) {
                    fence = None;
                }
                continue;
            }
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                reader.end_paragraph();
                reader.end_table();
                fence = Some(&trimmed[..3]);
                continue;
            }
        }
        if in_comment {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix("<!--") {
            reader.end_paragraph();
            in_comment = !comment.contains("-->");
            continue;
        }
        if format == TextFormat::Plain && trimmed.starts_with("//") {
            reader.end_paragraph();
            continue;
        }
        if trimmed.is_empty() {
            reader.end_paragraph();
            reader.end_table();
            continue;
        }
        if format == TextFormat::Markdown {
            if let Some(heading) = heading_text(trimmed) {
                reader.end_paragraph();
                reader.end_table();
                reader.close_question();
                if !heading.is_empty() {
                    let start = content_start + heading.start;
                    reader.document.push_unit(Unit::verbatim(&trimmed[heading], UnitKind::Title, start));
                }
                continue;
            }
            if is_thematic_break(trimmed) {
                reader.end_paragraph();
                continue;
            }
        }
        if let Some(cells) = table_cells(trimmed) {
            reader.table_row(&cells, content_start);
            continue;
        }
        reader.end_table();
        if let Some((marker, item)) = list_item(trimmed) {
            reader.end_paragraph();
            let start = content_start + (trimmed.len() - item.len());
            reader.pending = Some(Pending { start, end: start + item.len(), marker: Some(marker) });
            continue;
        }
        let indented = content_start > line_start;
        reader.paragraph_line(content_start, content_start + trimmed.len(), indented);
    }
    reader.end_paragraph();
    let mut document = reader.finish();
    let style = match format {
        TextFormat::Plain => crate::CommentStyle::Plain,
        TextFormat::Markdown => crate::CommentStyle::Markdown,
    };
    document.suppressions = crate::find_suppressions(source, style);
    document
}

/// A paragraph or list item whose lines are still being gathered.
#[derive(Debug, Clone, Copy)]
struct Pending {
    start: usize,
    end: usize,
    /// The list marker, for a list item.
    marker: Option<Marker>,
}

struct Reader<'a> {
    source: &'a str,
    document: Document,
    /// The paragraph or list item gathered so far.
    pending: Option<Pending>,
    /// The question whose options may follow, with the kind its options give it.
    open_question: Option<(usize, Question)>,
    /// The number of the open question when it is a numbered item ("3."),
    /// and whether its options are numbered too.
    question_number: Option<u32>,
    numbered_options: bool,
    /// The matrix question of the table being read.
    table: Option<Question>,
}

impl Reader<'_> {
    /// Adds a line of prose. An indented line continues a list item; a line
    /// ending a sentence closes the unit, so each question line stands alone.
    fn paragraph_line(&mut self, start: usize, end: usize, indented: bool) {
        let pending = match self.pending {
            Some(item) if item.marker.is_some() && !indented => {
                self.end_paragraph();
                Pending { start, end, marker: None }
            }
            Some(pending) => Pending { end, ..pending },
            None => Pending { start, end, marker: None },
        };
        self.pending = Some(pending);
        let closes_unit = pending.marker.is_none() && self.source[..end].ends_with(['?', '.', '!', ':']);
        if closes_unit {
            self.end_paragraph();
        }
    }

    fn end_paragraph(&mut self) {
        let Some(Pending { start, end, marker }) = self.pending.take() else {
            return;
        };
        let text = &self.source[start..end];
        if let Some(marker) = marker {
            self.list_item(marker, text, start);
        } else if text.ends_with('?') {
            self.start_question(text, start, None);
        } else {
            self.close_question();
            self.document.push_unit(Unit::verbatim(text, UnitKind::Text, start));
        }
    }

    fn list_item(&mut self, marker: Marker, item: &str, start: usize) {
        let under_question = self
            .open_question
            .as_ref()
            .is_some_and(|(_, question)| self.document.units[question.text].text.ends_with('?'));
        let number = match marker {
            Marker::Numbered(number) => number,
            _ => None,
        };
        // "2." after the question "1." is the next question, not an option,
        // unless the options are numbered themselves ("1. Nooit", "2. Soms").
        let next_question = !self.numbered_options
            && number.is_some_and(|number| self.question_number.map(|of| of + 1) == Some(number));
        let is_option = under_question && !item.ends_with('?') && !next_question;
        if is_option {
            self.numbered_options |= number.is_some();
            let unit = self.document.push_unit(Unit::verbatim(item, UnitKind::Option, start));
            if let Some((_, question)) = self.open_question.as_mut() {
                question.options.push(unit);
                if marker == Marker::Checkbox {
                    question.kind = QuestionKind::MultipleChoice;
                }
            }
        } else if matches!(marker, Marker::Numbered(_)) || item.ends_with('?') {
            self.start_question(item, start, number);
        } else {
            self.close_question();
            self.document.push_unit(Unit::verbatim(item, UnitKind::Text, start));
        }
    }

    fn start_question(&mut self, text: &str, start: usize, number: Option<u32>) {
        self.close_question();
        self.question_number = number;
        self.numbered_options = false;
        let unit = self.document.push_unit(Unit::verbatim(text, UnitKind::Question, start));
        self.open_question = Some((unit, Question::new(QuestionKind::Open, unit)));
    }

    fn close_question(&mut self) {
        let Some((_, mut question)) = self.open_question.take() else {
            return;
        };
        if !question.options.is_empty() && question.kind == QuestionKind::Open {
            let numeric = question.options.iter().all(|&unit| is_scale_point(&self.document.units[unit].text));
            question.kind = if numeric { QuestionKind::Rating } else { QuestionKind::SingleChoice };
        }
        self.document.push_question(question);
    }

    /// Reads one table line: the first is the header (a stem cell, then
    /// the columns), a delimiter line (`|---|:--:|`) is skipped, and every
    /// later line gives a row by its first cell.
    fn table_row(&mut self, cells: &[(usize, &str)], line_start: usize) {
        if cells.iter().all(|(_, cell)| is_delimiter_cell(cell)) {
            return;
        }
        let cell_unit = |reader: &mut Self, (offset, cell): (usize, &str)| {
            reader.document.push_unit(Unit::verbatim(cell, UnitKind::Option, line_start + offset))
        };
        let Some(&first) = cells.first() else { return };
        if self.table.is_some() {
            if !first.1.is_empty() {
                let row = cell_unit(self, first);
                if let Some(table) = self.table.as_mut() {
                    table.rows.push(row);
                }
            }
            return;
        }
        self.end_paragraph();
        let stem = self.table_stem(first, line_start);
        let mut table = Question::new(QuestionKind::Matrix, stem);
        for &cell in cells.iter().skip(1).filter(|(_, cell)| !cell.is_empty()) {
            table.options.push(cell_unit(self, cell));
        }
        self.table = Some(table);
    }

    /// The stem of a table that starts now: the question right above it
    /// while it has no options, else the line of text right above it, else
    /// the header's first cell.
    fn table_stem(&mut self, (offset, cell): (usize, &str), line_start: usize) -> usize {
        if let Some((unit, question)) = self.open_question.take() {
            if question.options.is_empty() {
                return unit;
            }
            self.open_question = Some((unit, question));
        }
        self.close_question();
        let last = self.document.units.len().checked_sub(1);
        if let Some(last) = last.filter(|&last| self.document.units[last].kind == UnitKind::Text) {
            self.document.units[last].kind = UnitKind::Question;
            return last;
        }
        self.document.push_unit(Unit::verbatim(cell, UnitKind::Question, line_start + offset))
    }

    fn end_table(&mut self) {
        if let Some(table) = self.table.take() {
            self.document.push_question(table);
        }
    }

    fn finish(mut self) -> Document {
        self.close_question();
        self.end_table();
        self.document
    }
}

/// The cells of a table line (`| a | b |`), each with its byte offset in the
/// line and without the white space around it; `None` for any other line.
fn table_cells(line: &str) -> Option<Vec<(usize, &str)>> {
    let inner = line.strip_prefix('|')?.strip_suffix('|')?;
    let mut cells = Vec::new();
    let mut offset = 1;
    for cell in inner.split('|') {
        let leading = cell.len() - cell.trim_start().len();
        cells.push((offset + leading, cell.trim()));
        offset += cell.len() + 1;
    }
    Some(cells)
}

/// True for a cell of the line under a table header: `---`, `:--:`.
fn is_delimiter_cell(cell: &str) -> bool {
    cell.contains('-') && cell.chars().all(|c| matches!(c, '-' | ':' | ' '))
}

/// True for options such as "7", "10 - Zeer waarschijnlijk" or "5 stars".
fn is_scale_point(option: &str) -> bool {
    option.trim_start().starts_with(|c: char| c.is_ascii_digit())
        && option.split(|c: char| !c.is_ascii_digit()).next().is_some_and(|number| number.len() <= 2)
}

/// The byte range of an ATX heading's text within `line`, without the
/// opening hashes and the optional closing sequence (`## Vraag ##`).
///
/// A range, not a slice: the heading is neither a prefix nor a suffix of the
/// line, and every span the linter reports is relative to its start.
fn heading_text(line: &str) -> Option<std::ops::Range<usize>> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    let start = hashes + (rest.len() - rest.trim_start().len());
    let mut end = hashes + rest.trim_end().len();
    // A closing sequence counts only when a space separates it from the text ("C#" stays).
    let without_closing = line[..end].trim_end_matches('#');
    if without_closing.len() < end && (without_closing.len() <= start || without_closing.ends_with([' ', '\t'])) {
        end = without_closing.trim_end().len();
    }
    Some(start..end.max(start))
}

fn is_thematic_break(line: &str) -> bool {
    let mut marks = line.bytes().filter(|byte| !byte.is_ascii_whitespace());
    let Some(first) = marks.next() else { return false };
    let mut count = 1;
    for mark in marks {
        if mark != first {
            return false;
        }
        count += 1;
    }
    count >= 3 && matches!(first, b'-' | b'*' | b'_' | b'=')
}

/// Splits a list item into its marker and its text.
fn list_item(line: &str) -> Option<(Marker, &str)> {
    let (mut marker, rest) = if let Some(rest) = line.strip_prefix(['-', '*', '+', '•', '◦', '▪']) {
        (Marker::Bullet, rest)
    } else if let Some(rest) =
        line.strip_prefix("( )").or_else(|| line.strip_prefix("()")).or_else(|| line.strip_prefix('○'))
    {
        (Marker::Bullet, rest)
    } else if let Some(rest) =
        line.strip_prefix("[ ]").or_else(|| line.strip_prefix("[]")).or_else(|| line.strip_prefix('☐'))
    {
        (Marker::Checkbox, rest)
    } else {
        let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let letter = line.chars().next().filter(|c| c.is_ascii_alphabetic()).map_or(0, |_| 1);
        let label = if digits > 0 && digits <= 3 { digits } else { letter };
        let rest = &line[label..];
        if label == 0 || !(rest.starts_with(". ") || rest.starts_with(") ")) {
            return None;
        }
        (Marker::Numbered(line[..digits].parse().ok()), &rest[1..])
    };
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let mut item = rest.trim_start();
    for checkbox in ["[ ]", "[x]", "[X]"] {
        if let Some(after) = item.strip_prefix(checkbox) {
            marker = Marker::Checkbox;
            item = after.trim_start();
        }
    }
    (!item.is_empty()).then_some((marker, item))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(document: &Document) -> Vec<(UnitKind, &str)> {
        document.units.iter().map(|unit| (unit.kind, unit.text.as_str())).collect()
    }

    #[test]
    fn markdown_questionnaire_becomes_questions_with_options() {
        let source = "# Klantonderzoek\n\nBeste klant, bedankt voor uw bezoek.\n\n1. Hoe tevreden of ontevreden bent u\n   over de levertijd?\n   - Zeer tevreden\n   - Tevreden\n   - Ontevreden\n\n```\nverdienen we een 10?\n```\n<!-- Geef ons\neen 10 -->\nWat kunnen we beter doen?\n";
        let document = parse_text(source, TextFormat::Markdown);
        assert_eq!(
            kinds(&document),
            vec![
                (UnitKind::Title, "Klantonderzoek"),
                (UnitKind::Text, "Beste klant, bedankt voor uw bezoek."),
                (UnitKind::Question, "Hoe tevreden of ontevreden bent u\n   over de levertijd?"),
                (UnitKind::Option, "Zeer tevreden"),
                (UnitKind::Option, "Tevreden"),
                (UnitKind::Option, "Ontevreden"),
                (UnitKind::Question, "Wat kunnen we beter doen?"),
            ]
        );
        assert_eq!(document.questions.len(), 2);
        assert_eq!(document.questions[0].kind, QuestionKind::SingleChoice);
        assert_eq!(document.questions[0].options, vec![3, 4, 5]);
        assert_eq!(document.questions[1].kind, QuestionKind::Open);
    }

    #[test]
    fn wrapped_paragraph_question_is_one_unit() {
        let source = "Hoe tevreden bent u\nover onze service?\nWat kunnen we beter doen?\n";
        let document = parse_text(source, TextFormat::Plain);
        assert_eq!(
            kinds(&document),
            vec![
                (UnitKind::Question, "Hoe tevreden bent u\nover onze service?"),
                (UnitKind::Question, "Wat kunnen we beter doen?")
            ]
        );
        assert_eq!(document.questions.len(), 2);
    }

    #[test]
    fn options_follow_their_question() {
        let source = "Hoe waarschijnlijk is het dat u ons aanbeveelt?\n\n- [ ] Zeer waarschijnlijk\n- [ ] Onwaarschijnlijk\n\nBedankt!\n";
        let document = parse_text(source, TextFormat::Markdown);
        assert_eq!(document.questions.len(), 1);
        assert_eq!(document.questions[0].options.len(), 2);
        assert_eq!(document.questions[0].kind, QuestionKind::MultipleChoice);
        assert_eq!(document.units[3].kind, UnitKind::Text);
        let span = document.units[1].map.to_source(crate::Span::new(0, 4));
        assert_eq!(&source[span.start..span.end], "Zeer");
    }

    #[test]
    fn the_next_number_is_the_next_question_unless_the_options_are_numbered() {
        let source = "1. Hoe oud bent u?\n\n2. De meeste klanten zijn tevreden.\n\n3. Hoe vaak komt u?\n1. Nooit\n2. Soms\n4. Vaak\n";
        let document = parse_text(source, TextFormat::Plain);
        assert_eq!(
            kinds(&document),
            [
                (UnitKind::Question, "Hoe oud bent u?"),
                (UnitKind::Question, "De meeste klanten zijn tevreden."),
                (UnitKind::Question, "Hoe vaak komt u?"),
                (UnitKind::Option, "Nooit"),
                (UnitKind::Option, "Soms"),
                (UnitKind::Option, "Vaak"),
            ]
        );
    }

    #[test]
    fn heading_text_keeps_its_position_without_the_closing_hashes() {
        for (source, heading) in [
            ("# Hoe tevreden bent u? #\n", "Hoe tevreden bent u?"),
            ("# Verdienen we een 9 of 10? ##\n", "Verdienen we een 9 of 10?"),
            ("## Ça va? ##   \n", "Ça va?"),
            ("# Programmeren in C#\n", "Programmeren in C#"),
            ("#   \n", ""),
            ("# #\n", ""),
            ("  ### é ###\n", "é"),
        ] {
            let document = parse_text(source, TextFormat::Markdown);
            let texts: Vec<&str> = document.units.iter().map(|unit| unit.text.as_str()).collect();
            let expected: Vec<&str> = if heading.is_empty() { vec![] } else { vec![heading] };
            assert_eq!(texts, expected, "{source:?}");
            for unit in &document.units {
                let span = unit.map.to_source(crate::Span::new(0, unit.text.len()));
                assert_eq!(&source[span.start..span.end], unit.text, "{source:?}");
            }
        }
    }

    #[test]
    fn a_table_is_a_matrix_question_under_the_line_above_it() {
        let source = "Geef aan in hoeverre u het eens bent:\n\n| | Oneens | Eens |\n|---|:-:|:-:|\n| De prijs is eerlijk | | x |\n| Het personeel helpt | x | |\n\nBedankt.";
        let document = parse_text(source, TextFormat::Markdown);
        assert_eq!(
            kinds(&document),
            vec![
                (UnitKind::Question, "Geef aan in hoeverre u het eens bent:"),
                (UnitKind::Option, "Oneens"),
                (UnitKind::Option, "Eens"),
                (UnitKind::Option, "De prijs is eerlijk"),
                (UnitKind::Option, "Het personeel helpt"),
                (UnitKind::Text, "Bedankt."),
            ]
        );
        let matrix = &document.questions[0];
        assert_eq!(
            (matrix.kind, matrix.text, matrix.options.clone(), matrix.rows.clone()),
            (QuestionKind::Matrix, 0, vec![1, 2], vec![3, 4])
        );
        for unit in &document.units {
            let span = unit.map.to_source(crate::diagnostic::Span::new(0, unit.text.len()));
            assert_eq!(&source[span.start..span.end], unit.text);
        }
    }

    #[test]
    fn plain_text_comments_are_skipped() {
        let document = parse_text("// surveylint-disable score-begging\nGeef ons een 10!\n", TextFormat::Plain);
        assert_eq!(kinds(&document), vec![(UnitKind::Text, "Geef ons een 10!")]);
    }
}
