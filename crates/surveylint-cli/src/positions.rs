//! 1-based lines and columns for output, from the core's one line index
//! ([`surveylint::position`]), so the terminal, JSON, SARIF and the editor
//! agree on every position (BOM, CRLF, lone CR, emoji).

use surveylint::position::{ColumnUnit, LineColumn as ZeroBased};

/// A text and its line index, borrowed together for the renderers.
pub struct TextPositions<'a> {
    text: &'a str,
    index: std::borrow::Cow<'a, surveylint::position::LineIndex>,
}

/// A 1-based line and a 1-based column counted in characters (or, from
/// [`TextPositions::utf16_position`], in UTF-16 code units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

impl<'a> TextPositions<'a> {
    pub fn new(text: &'a str) -> TextPositions<'a> {
        TextPositions { text, index: std::borrow::Cow::Owned(surveylint::position::LineIndex::new(text)) }
    }

    /// An index over `text` built once before.
    pub fn with_index(text: &'a str, index: &'a surveylint::position::LineIndex) -> TextPositions<'a> {
        TextPositions { text, index: std::borrow::Cow::Borrowed(index) }
    }

    /// The position of a byte offset in characters; offsets past the end clamp to the end.
    pub fn position(&self, offset: usize) -> LineColumn {
        one_based(self.index.line_column(self.text, offset, ColumnUnit::Char))
    }

    /// The position of a byte offset in UTF-16 code units (SARIF, editors).
    pub fn utf16_position(&self, offset: usize) -> LineColumn {
        one_based(self.index.line_column(self.text, offset, ColumnUnit::Utf16))
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        self.index.line_text(self.text, line.saturating_sub(1))
    }

    /// The byte offset where a 1-based line's text starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.index.line_start(line.saturating_sub(1))
    }
}

fn one_based(position: ZeroBased) -> LineColumn {
    LineColumn { line: position.line + 1, column: position.column + 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "één\n😀 geef ons een 10";
        let index = TextPositions::new(text);
        assert_eq!(index.position(0), LineColumn { line: 1, column: 1 });
        let geef = text.find("geef").unwrap_or_default();
        assert_eq!(index.position(geef), LineColumn { line: 2, column: 3 });
        assert_eq!(index.utf16_position(geef), LineColumn { line: 2, column: 4 });
        assert_eq!(index.line_text(2), "😀 geef ons een 10");
        assert_eq!(index.position(text.len() + 5), LineColumn { line: 2, column: 18 });
    }
}
