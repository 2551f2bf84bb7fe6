//! Converts byte offsets to 1-based lines and character columns, for output.

/// Line starts of a text, for turning byte offsets into lines and columns.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: std::borrow::Cow<'a, [usize]>,
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex { text, line_starts: std::borrow::Cow::Owned(line_starts(text)) }
    }

    /// An index over `text` whose line starts were computed once before (see [`line_starts`]).
    pub fn with_line_starts(text: &'a str, starts: &'a [usize]) -> LineIndex<'a> {
        LineIndex { text, line_starts: std::borrow::Cow::Borrowed(starts) }
    }

    /// The position of a byte offset; offsets past the end clamp to the end.
    pub fn position(&self, offset: usize) -> LineColumn {
        let offset = floor_char_boundary(self.text, offset);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        // A byte-order mark is not a column an editor shows.
        let line_start =
            if line == 0 && self.text.starts_with('\u{feff}') { 3.min(offset) } else { self.line_starts[line] };
        let column = self.text[line_start..offset].chars().count() + 1;
        LineColumn { line: line + 1, column }
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        let start = self.line_starts.get(line - 1).copied().unwrap_or(self.text.len());
        let end = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line - 1).copied().unwrap_or(self.text.len())
    }
}

/// The byte offset of every line start of `text`.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(newline, _)| newline + 1)).collect()
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "één\n😀 geef ons een 10";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), LineColumn { line: 1, column: 1 });
        let geef = text.find("geef").unwrap_or_default();
        assert_eq!(index.position(geef), LineColumn { line: 2, column: 3 });
        assert_eq!(index.line_text(2), "😀 geef ons een 10");
        assert_eq!(index.position(text.len() + 5), LineColumn { line: 2, column: 18 });
    }
}
