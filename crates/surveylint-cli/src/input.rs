//! Turns the bytes of one input into a document the core can lint.
//!
//! This is the one place that knows which formats exist; the rest of the CLI
//! only sees a [`SourceFile`].

use std::path::Path;

use surveylint::{parse_text, Document, TextFormat};

/// The largest input surveylint reads. Questionnaires are kilobytes; a file
/// this large is a mistake (a data export, a log) and is refused up front, so
/// memory use stays bounded.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// A read and parsed input.
pub struct SourceFile {
    /// The source text the spans index into; `None` for formats without text
    /// positions (spreadsheets), whose findings carry a cell location.
    pub text: Option<String>,
    pub document: Document,
}

/// Why an input could not be linted. The message is shown after the path.
#[derive(Debug)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The formats `--input-format` accepts.
pub const FORMAT_NAMES: &[&str] = &["text", "markdown"];

/// True for files a directory walk should pick up.
pub fn is_lintable(path: &Path) -> bool {
    let extension = path.extension().and_then(|extension| extension.to_str()).unwrap_or_default();
    matches!(extension.to_ascii_lowercase().as_str(), "txt" | "md" | "markdown")
}

/// Parses `bytes` read from `path` (`None` for stdin without a name).
pub fn parse(path: Option<&Path>, bytes: Vec<u8>, format: Option<&str>) -> Result<SourceFile, InputError> {
    if bytes.contains(&0) {
        return Err(InputError("is a binary file, not text".to_owned()));
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&error.as_bytes()[..offset]).into_owned();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |tail| tail.chars().count()) + 1;
        InputError(format!("is not valid UTF-8 (first invalid byte at line {line}, column {column})"))
    })?;
    let text_format = match format {
        Some("markdown") => TextFormat::Markdown,
        Some(_) => TextFormat::Plain,
        None => match path.and_then(|path| path.extension()).and_then(|extension| extension.to_str()) {
            Some(extension) if ["md", "markdown"].contains(&extension.to_ascii_lowercase().as_str()) => {
                TextFormat::Markdown
            }
            _ => TextFormat::Plain,
        },
    };
    let document = parse_text(&text, text_format);
    Ok(SourceFile { text: Some(text), document })
}
