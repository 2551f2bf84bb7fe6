//! What can go wrong while reading a survey file.

/// Why a file could not be read into a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// A format surveylint recognises but does not read, such as a formr
    /// spreadsheet, a surveydown survey or JSON that is not a SurveyJS survey.
    #[error("{seen} is not supported")]
    Unsupported {
        /// What the input was recognised as, e.g. "a formr spreadsheet".
        seen: String,
    },
    /// Malformed input at a text position.
    #[error("line {line}, column {column}: {message}")]
    Invalid {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Malformed input inside a container without text positions: a
    /// spreadsheet cell (`survey!C7`), a sheet or a zip entry.
    #[error("{place}: {message}")]
    InvalidEntry {
        /// The cell, sheet or zip entry.
        place: String,
        /// What is wrong.
        message: String,
    },
}

impl FormatError {
    /// An [`FormatError::Invalid`] at byte `offset` of `source`.
    pub(crate) fn at(source: &[u8], offset: usize, message: impl Into<String>) -> FormatError {
        let (line, column) = line_column(source, offset);
        FormatError::Invalid { line, column, message: message.into() }
    }

    /// An [`FormatError::Unsupported`] naming what was seen.
    pub(crate) fn unsupported(seen: impl Into<String>) -> FormatError {
        FormatError::Unsupported { seen: seen.into() }
    }
}

/// The 1-based line and column (in characters) of byte `offset`.
pub fn line_column(source: &[u8], offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line_start = before.iter().rposition(|&byte| byte == b'\n').map_or(0, |newline| newline + 1);
    let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
    // Count characters, not bytes: UTF-8 continuation bytes do not start one.
    let column = before[line_start..].iter().filter(|&&byte| byte & 0xC0 != 0x80).count() + 1;
    (line, column)
}

/// Checks that `bytes` are UTF-8, naming the first bad byte's position.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, FormatError> {
    std::str::from_utf8(bytes)
        .map_err(|error| FormatError::at(bytes, error.valid_up_to(), "the file is not valid UTF-8 here"))
}
