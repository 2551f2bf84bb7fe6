//! Byte offsets ↔ lines and columns: the one place every front end converts.
//!
//! The core reports byte spans. The terminal shows 1-based lines and
//! character columns, SARIF the same, an LSP client counts UTF-16 (or UTF-8)
//! code units, and the browser counts UTF-16. All of them convert here, with
//! one policy, so a finding sits on the same line everywhere:
//!
//! - a line ends at `\n`, `\r\n` or a lone `\r` (as the LSP specification says);
//! - a byte-order mark at the start is not a column (editors do not show it);
//! - an offset inside a character rounds down to its start.
//!
//! Every conversion costs time independent of the line's length: besides the
//! line starts, the index keeps a checkpoint every [`CHECKPOINT`] bytes with
//! the characters and UTF-16 units counted so far, so a 10 MB one-line file
//! with a hundred thousand findings converts in linear time.

/// How a column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnUnit {
    /// Unicode scalar values: what a person counts, and the CLI shows.
    Char,
    /// UTF-16 code units: LSP's default and JavaScript's string index.
    Utf16,
    /// Bytes.
    Utf8,
}

impl ColumnUnit {
    fn width(self, c: char) -> usize {
        match self {
            ColumnUnit::Char => 1,
            ColumnUnit::Utf16 => c.len_utf16(),
            ColumnUnit::Utf8 => c.len_utf8(),
        }
    }
}

/// A 0-based line and a 0-based column in some [`ColumnUnit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct LineColumn {
    /// The line, from 0.
    pub line: usize,
    /// The column, from 0, in the unit asked for.
    pub column: usize,
}

impl LineColumn {
    /// The 1-based (line, column) people and error messages count in.
    pub fn one_based(self) -> (usize, usize) {
        (self.line + 1, self.column + 1)
    }
}

/// The position of one offset, indexing `text` for this one conversion (an
/// error message); a caller with many offsets keeps a [`LineIndex`].
pub fn locate(text: &str, offset: usize, unit: ColumnUnit) -> LineColumn {
    LineIndex::new(text).line_column(text, offset, unit)
}

/// Bytes between two checkpoints of the running character counts.
pub const CHECKPOINT: usize = 1024;

/// Running counts at a char boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Counts {
    offset: usize,
    chars: usize,
    utf16: usize,
}

/// The lines of one text, built once and queried many times. It does not
/// borrow the text; every query takes the same text again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset where each line starts; the first is always 0.
    line_starts: Vec<usize>,
    /// Counts at the first char boundary at or after every multiple of [`CHECKPOINT`].
    checkpoints: Vec<Counts>,
    /// The text's length.
    len: usize,
    /// Whether the text starts with a byte-order mark.
    bom: bool,
}

impl LineIndex {
    /// Indexes `text` in one pass, a block of [`CHECKPOINT`] bytes at a time.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT + 2);
        let mut counts = Counts::default();
        while counts.offset < text.len() {
            checkpoints.push(counts);
            // Up to the first char boundary at or after the next multiple of CHECKPOINT.
            let mut end = ((counts.offset / CHECKPOINT + 1) * CHECKPOINT).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let block = &text[counts.offset..end];
            for index in memchr::memchr2_iter(b'\n', b'\r', block.as_bytes()) {
                let at = counts.offset + index;
                // `\r\n` is one line break, after its `\n`.
                if bytes[at] == b'\n' || bytes.get(at + 1) != Some(&b'\n') {
                    line_starts.push(at + 1);
                }
            }
            let chars = block.chars().count();
            counts.chars += chars;
            // A character of four bytes is two UTF-16 units.
            let astral = if block.is_ascii() { 0 } else { block.bytes().filter(|byte| *byte >= 0xF0).count() };
            counts.utf16 += chars + astral;
            counts.offset = end;
        }
        checkpoints.push(counts);
        LineIndex { line_starts, checkpoints, len: text.len(), bom: text.starts_with('\u{feff}') }
    }

    /// How many lines the text has (an empty text has one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line holding `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.line_starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }

    /// Where a 0-based line's text starts, past a byte-order mark on the
    /// first line; the end of the text for a line past the last.
    pub fn line_start(&self, line: usize) -> usize {
        match self.line_starts.get(line) {
            Some(0) if self.bom => '\u{feff}'.len_utf8(),
            Some(&start) => start,
            None => self.len,
        }
    }

    /// The text of a 0-based line, without its line break.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.line_start(line).min(text.len());
        let end = self.line_starts.get(line + 1).copied().unwrap_or(text.len()).clamp(start, text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The line and column of a byte offset. An offset inside a character
    /// counts from that character's start; one past the end clamps to the end.
    pub fn line_column(&self, text: &str, offset: usize, unit: ColumnUnit) -> LineColumn {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        LineColumn { line, column: self.count(text, start, offset, unit) }
    }

    /// The byte offset of a line and column, the inverse of
    /// [`LineIndex::line_column`]. A column past the line's end clamps to the
    /// end of the line (before its line break); a column inside a UTF-16
    /// surrogate pair rounds down to the character; a line past the last
    /// gives the end of the text.
    pub fn offset(&self, text: &str, position: LineColumn, unit: ColumnUnit) -> usize {
        if position.line >= self.line_starts.len() {
            return text.len();
        }
        let start = self.line_start(position.line).min(text.len());
        let line_end = start + self.line_text(text, position.line).len();
        // Skip whole checkpoints first, so a far column on a long line is cheap.
        let target = self.count_from_start(text, start, unit) + position.column;
        let first = self.checkpoints.partition_point(|counts| counts.offset <= start);
        let last = self.checkpoints.partition_point(|counts| counts.offset <= line_end);
        let skip = self.checkpoints[first..last].partition_point(|counts| unit_count(counts, unit) <= target);
        let (mut offset, mut counted) = match skip.checked_sub(1).map(|index| self.checkpoints[first + index]) {
            Some(counts) => (counts.offset, unit_count(&counts, unit)),
            None => (start, self.count_from_start(text, start, unit)),
        };
        for c in text[offset..line_end].chars() {
            let next = counted + unit.width(c);
            if next > target {
                break;
            }
            counted = next;
            offset += c.len_utf8();
        }
        offset
    }

    /// The units from the start of the text to `offset` (rounded down to a
    /// char boundary), a byte-order mark included: an index into the whole
    /// string, such as JavaScript's `slice` takes, rather than a column.
    pub fn units_before(&self, text: &str, offset: usize, unit: ColumnUnit) -> usize {
        self.count_from_start(text, floor_char_boundary(text, offset), unit)
    }

    /// Units from `from` to `to`, both char boundaries, `from <= to`.
    fn count(&self, text: &str, from: usize, to: usize, unit: ColumnUnit) -> usize {
        if unit == ColumnUnit::Utf8 {
            return to - from;
        }
        // A column is usually a few bytes from its line start: count those
        // directly rather than twice from the checkpoints (still bounded).
        if to - from <= CHECKPOINT {
            return units_in(&text[from..to], unit);
        }
        self.count_from_start(text, to, unit) - self.count_from_start(text, from, unit)
    }

    /// Units from the start of the text to the char boundary `offset`.
    fn count_from_start(&self, text: &str, offset: usize, unit: ColumnUnit) -> usize {
        if unit == ColumnUnit::Utf8 {
            return offset;
        }
        let index = self.checkpoints.partition_point(|counts| counts.offset <= offset).saturating_sub(1);
        let counts = self.checkpoints.get(index).copied().unwrap_or_default();
        let from = counts.offset.min(offset);
        unit_count(&counts, unit) + units_in(&text[from..offset], unit)
    }
}

/// The units of `text` counted one by one (ASCII: one each, without decoding).
fn units_in(text: &str, unit: ColumnUnit) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().map(|c| unit.width(c)).sum()
    }
}

fn unit_count(counts: &Counts, unit: ColumnUnit) -> usize {
    match unit {
        ColumnUnit::Char => counts.chars,
        ColumnUnit::Utf16 => counts.utf16,
        ColumnUnit::Utf8 => counts.offset,
    }
}

/// The largest char boundary at or before `offset` (clamped to the text).
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest char boundary at or after `offset` (clamped to the text).
pub fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> LineColumn {
        LineColumn { line, column }
    }

    #[test]
    fn every_line_break_and_the_bom_follow_one_policy() {
        let text = "\u{feff}één\r\n😀 geef\rons\neen 10";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_column(text, 3, ColumnUnit::Char), at(0, 0), "the BOM is not a column");
        let geef = text.find("geef").unwrap_or_default();
        assert_eq!(index.line_column(text, geef, ColumnUnit::Char), at(1, 2));
        assert_eq!(index.line_column(text, geef, ColumnUnit::Utf16), at(1, 3));
        assert_eq!(index.line_column(text, geef, ColumnUnit::Utf8), at(1, 5));
        assert_eq!(index.line_text(text, 0), "één");
        assert_eq!(index.line_text(text, 2), "ons");
        assert_eq!(index.line_column(text, text.len() + 9, ColumnUnit::Char), at(3, 6));
        // Inside the emoji: its start.
        assert_eq!(index.line_column(text, geef - 3, ColumnUnit::Char), at(1, 0));
        assert_eq!(index.offset(text, at(1, 3), ColumnUnit::Utf16), geef);
        assert_eq!(index.offset(text, at(1, 1), ColumnUnit::Utf16), geef - 5, "inside a surrogate pair");
        assert_eq!(index.offset(text, at(0, 99), ColumnUnit::Char), text.find('\r').unwrap_or_default());
        assert_eq!(index.offset(text, at(9, 0), ColumnUnit::Char), text.len());
        assert_eq!(index.units_before(text, geef, ColumnUnit::Utf16), 1 + 3 + 2 + 3, "the BOM is a code unit");
        assert_eq!(locate(text, geef, ColumnUnit::Char).one_based(), (2, 3));
    }

    /// A tiny seeded generator, so the property test needs no dependency.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn round_trips_on_random_text_with_emoji_combining_marks_and_crlf() {
        const PIECES: &[&str] =
            &["a", "é", "e\u{301}", "😀", "👍🏽", "\r\n", "\n", "\r", " ", "€", "\u{feff}", "geef ons een 10"];
        let mut state = 0x2545_f491_4f6c_dd1d;
        for round in 0..64 {
            let length = (next(&mut state) % 400) as usize;
            let text: String = (0..length).map(|_| PIECES[(next(&mut state) % PIECES.len() as u64) as usize]).collect();
            let index = LineIndex::new(&text);
            // The line of every char boundary, counted the slow way in one walk.
            let mut line = 0;
            let mut previous = '\0';
            for (offset, c) in text.char_indices() {
                let is_lf_after_cr = previous == '\r' && c == '\n';
                if previous == '\n' || (previous == '\r' && c != '\n') {
                    line += 1;
                }
                previous = c;
                for unit in [ColumnUnit::Char, ColumnUnit::Utf16, ColumnUnit::Utf8] {
                    let position = index.line_column(&text, offset, unit);
                    assert_eq!(position.line, line, "round {round} offset {offset}");
                    // The BOM's own offset and the `\n` of a `\r\n` are not positions of their own.
                    let expected = if offset == 0 && text.starts_with('\u{feff}') { 3 } else { offset };
                    if !is_lf_after_cr {
                        assert_eq!(index.offset(&text, position, unit), expected, "round {round} {unit:?} {offset}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_long_line_uses_checkpoints() {
        let text = "é".repeat(20_000) + "geef";
        let index = LineIndex::new(&text);
        let geef = text.len() - 4;
        assert_eq!(index.line_column(&text, geef, ColumnUnit::Char), at(0, 20_000));
        assert_eq!(index.offset(&text, at(0, 20_000), ColumnUnit::Char), geef);
        assert_eq!(ceil_char_boundary(&text, 1), 2);
        assert_eq!(floor_char_boundary(&text, 1), 0);
    }

    /// Every char boundary with its line and column, walking the text from
    /// its start character by character: what the index must answer,
    /// however its blocks fall.
    fn walked(text: &str, unit: ColumnUnit) -> Vec<(usize, LineColumn)> {
        let (mut line, mut column) = (0, 0);
        let mut positions = Vec::new();
        for (offset, c) in text.char_indices() {
            positions.push((offset, at(line, column)));
            // A `\r` before `\n` is one line break with it; the offset
            // between the two is still on the line, after the `\r`.
            let crlf = c == '\r' && text[offset + 1..].starts_with('\n');
            if c == '\n' || (c == '\r' && !crlf) {
                line += 1;
                column = 0;
            } else {
                column += unit.width(c);
            }
        }
        positions.push((text.len(), at(line, column)));
        positions
    }

    const ASCII_STRETCH: &str = "Geef ons een tien, geef ons een tien, geef ons een tien, geef ons een tien, \
        geef ons een tien, geef ons een tien, geef ons een tien, geef ons een tien, geef ons een tien, \
        geef ons een tien, geef ons een tien, geef ons een tien, geef ons een tien, geef ons een tien. ";

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(64))]

        /// Lines of ASCII, accents and emoji, often longer than a
        /// checkpoint, ended by every kind of line break.
        #[test]
        fn the_index_agrees_with_walking_the_text(
            lines in proptest::collection::vec(
                (
                    proptest::collection::vec(
                        proptest::sample::select(vec![
                            // Long ASCII stretches, so that many blocks are all ASCII.
                            ASCII_STRETCH, ASCII_STRETCH, ASCII_STRETCH, "a",
                            "éééééééééééééééééééééééééééééééééééééééééééééééééé",
                            "😀",
                        ]),
                        0..40,
                    ),
                    proptest::sample::select(vec!["\n", "\r\n", "\r"]),
                ),
                1..5,
            ),
        ) {
            let text: String = lines.iter().map(|(pieces, line_break)| pieces.concat() + line_break).collect();
            let index = LineIndex::new(&text);
            for unit in [ColumnUnit::Char, ColumnUnit::Utf16] {
                let positions = walked(&text, unit);
                // Every 13th boundary and the end: enough to land in every block.
                for (offset, position) in positions.iter().step_by(13).chain(positions.last()) {
                    proptest::prop_assert_eq!(index.line_column(&text, *offset, unit), *position);
                    if !text[..*offset].ends_with('\r') {
                        proptest::prop_assert_eq!(index.offset(&text, *position, unit), *offset);
                    }
                }
            }
        }
    }
}
