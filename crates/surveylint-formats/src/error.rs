//! What can go wrong while reading a survey file.

use surveylint::position::{locate, ColumnUnit};

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

/// The 1-based line and column (in characters) of byte `offset`, with the
/// core's one policy for line breaks and the byte-order mark.
pub fn line_column(source: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    match std::str::from_utf8(source) {
        Ok(text) => locate(text, offset, ColumnUnit::Char).one_based(),
        // Not UTF-8 (the error that names the first bad byte): the bytes
        // before `offset`, each bad sequence counted as one character.
        Err(_) => {
            let before = String::from_utf8_lossy(&source[..offset]);
            locate(&before, before.len(), ColumnUnit::Char).one_based()
        }
    }
}

/// Checks that `bytes` are UTF-8, naming the first bad byte's position.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, FormatError> {
    std::str::from_utf8(bytes)
        .map_err(|error| FormatError::at(bytes, error.valid_up_to(), "the file is not valid UTF-8 here"))
}
