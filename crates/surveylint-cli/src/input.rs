//! Turns the bytes of one input into a document the core can lint.
//!
//! This is the one place that knows which formats exist; the rest of the CLI
//! only sees a [`SourceFile`]. Detection and reading belong to
//! `surveylint-formats`; this module adds the CLI's size cap, its messages,
//! and which files a directory walk picks up.

use std::io::Read;
use std::path::Path;

use surveylint::Document;
use surveylint_config::{ConfiguredFormat, CustomFormatEntry};
use surveylint_formats::{detect, read, read_custom, FormatError, InputFormat};

/// The largest input surveylint reads. Questionnaires are kilobytes; a file
/// this large is a mistake (a data export, a log) and is refused up front, so
/// memory use stays bounded.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Reads at most [`MAX_INPUT_BYTES`] from `reader`; `Ok(None)` when there is
/// more. The cap holds while reading, so an endless stream (a FIFO,
/// `/dev/zero`) cannot exhaust memory.
pub fn read_capped(reader: impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_INPUT_BYTES).then_some(bytes))
}

/// A read and parsed input.
pub struct SourceFile {
    /// The source text the spans index into; `None` for formats without text
    /// positions (spreadsheets), whose findings carry a cell location.
    pub text: Option<String>,
    pub document: Document,
    /// Something the user should know about how the file was read.
    pub notice: Option<String>,
}

/// Why an input could not be linted. The message is shown after the path.
#[derive(Debug)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The formats `--input-format` accepts: the names of [`InputFormat::ALL`]
/// (a test keeps the two lists equal; clap needs a constant).
pub const FORMAT_NAMES: &[&str] = &[
    "text",
    "markdown",
    "surveyjs",
    "qualtrics",
    "limesurvey",
    "limesurvey-tsv",
    "xlsform",
    "xlsform-csv",
    "formr",
    "formr-csv",
    "codebook",
    "codebook-xlsx",
    "redcap",
    "docx",
    "surveydown",
    "surveydown-yaml",
    "typeform",
    "google-forms",
    "surveymonkey",
    "json",
    "yaml",
];

/// Extensions of zip containers: read as bytes, never checked as text.
const ZIP_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "docx"];

/// Extensions that only ever hold text or surveys; a directory walk takes them as they are.
const SURVEY_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "qsf", "lss"];

/// Extensions that hold surveys and much else (`package.json`, data CSVs,
/// CI YAML, Quarto reports, Word files); a directory walk takes them only
/// when their content is a survey (for `.docx`: a readable Word document).
const SHARED_EXTENSIONS: &[&str] = &["json", "csv", "xlsx", "docx", "yml", "yaml", "qmd"];

/// True for files a directory walk should pick up. A `.json`, `.csv`,
/// `.xlsx`, `.yml` or `.qmd` file counts only when its content is a survey
/// surveylint reads (or a broken one, which deserves an error): JSON and
/// YAML that would only be read generically, and Quarto that is not
/// surveydown, are left out, so walking a project does not lint every
/// `package.json`. Named on the command line, such files are read.
pub fn is_lintable(path: &Path) -> bool {
    let extension = path.extension().and_then(|extension| extension.to_str()).unwrap_or_default().to_ascii_lowercase();
    if SURVEY_EXTENSIONS.contains(&extension.as_str()) {
        return true;
    }
    if !SHARED_EXTENSIONS.contains(&extension.as_str()) {
        return false;
    }
    let Ok(file) = std::fs::File::open(path) else { return true };
    let Ok(Some(bytes)) = read_capped(file) else { return false };
    match detect(Some(path), &bytes) {
        Ok(format) => {
            let is_quarto_report = format == InputFormat::Markdown && extension == "qmd";
            !format.is_generic() && !is_quarto_report
        }
        Err(FormatError::Unsupported { .. }) => false,
        Err(_) => true,
    }
}

/// A `[[formats.custom]]` entry that applies to a file, and the
/// configuration file it is written in (for messages).
pub struct Configured<'a> {
    pub entry: &'a CustomFormatEntry,
    pub config: &'a Path,
}

/// Parses `bytes` read from `path` (`None` for stdin without a name), as
/// `format` (an `--input-format` name), as the configuration says, or as detected.
pub fn parse(
    path: Option<&Path>,
    bytes: Vec<u8>,
    format: Option<&str>,
    configured: Option<&Configured>,
) -> Result<SourceFile, InputError> {
    let format = match format {
        Some(name) => {
            Some(InputFormat::from_name(name).ok_or_else(|| InputError(format!("unknown input format `{name}`")))?)
        }
        None => None,
    };
    let format = match (format, configured.map(|configured| &configured.entry.format)) {
        (Some(format), _) => Some(format),
        (None, Some(ConfiguredFormat::Builtin(format))) => Some(*format),
        (None, Some(ConfiguredFormat::Selectors(custom))) => {
            check_text(&bytes)?;
            let document = read_custom(custom, path, &bytes).map_err(|error| {
                let (entry, config) = configured.map_or((0, Path::new("")), |c| (c.entry.number, c.config));
                InputError(format!("cannot be read with [[formats.custom]] #{entry} of {}: {error}", config.display()))
            })?;
            let text = String::from_utf8(bytes).map_err(|_| InputError("is not valid UTF-8".to_owned()))?;
            return Ok(SourceFile { text: Some(text), document, notice: None });
        }
        (None, None) => None,
    };
    let has_no_extension = path.and_then(Path::extension).is_none();
    // Zip containers (workbooks, Word documents) are binary; every other format is text.
    let is_zip = format.is_some_and(|format| !format.has_text_positions())
        || (format.is_none()
            && (ZIP_EXTENSIONS.iter().any(|extension| has_extension(path, extension))
                || (has_no_extension && bytes.starts_with(b"PK\x03\x04"))));
    if !is_zip {
        check_text(&bytes)?;
    }
    let format = match format {
        Some(format) => format,
        None => detect(path, &bytes).map_err(|error| describe(None, error))?,
    };
    let document = read(format, &bytes).map_err(|error| describe(Some(format), error))?;
    let text = if format.has_text_positions() {
        Some(String::from_utf8(bytes).map_err(|_| InputError("is not valid UTF-8".to_owned()))?)
    } else {
        None
    };
    let notice = format.is_generic().then(|| {
        "no known survey format: read generically, every text that reads as prose (configure \
         [[formats.custom]] for questions and options, see docs/formats.md)"
            .to_owned()
    });
    Ok(SourceFile { text, document, notice })
}

/// Refuses binary and non-UTF-8 input with the position of the first bad byte.
fn check_text(bytes: &[u8]) -> Result<(), InputError> {
    if bytes.contains(&0) {
        return Err(InputError("is a binary file, not text".to_owned()));
    }
    if let Err(error) = std::str::from_utf8(bytes) {
        let (line, column) = surveylint_formats::line_column(bytes, error.valid_up_to());
        return Err(InputError(format!("is not valid UTF-8 (first invalid byte at line {line}, column {column})")));
    }
    Ok(())
}

fn has_extension(path: Option<&Path>, wanted: &str) -> bool {
    path.and_then(Path::extension)
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| extension.eq_ignore_ascii_case(wanted))
}

/// The message after the path for a reader's error.
fn describe(format: Option<InputFormat>, error: FormatError) -> InputError {
    let message = match (&error, format) {
        (FormatError::Unsupported { seen }, _) => {
            format!(
                "is {seen}, which surveylint does not support (see docs/formats.md; `--input-format` forces a format)"
            )
        }
        (_, Some(format)) => format!("cannot be read as {format}: {error}"),
        (_, None) => format!("cannot be read: {error}"),
    };
    InputError(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_match_the_readers() {
        let names: Vec<&str> = InputFormat::ALL.iter().map(|format| format.name()).collect();
        assert_eq!(names, FORMAT_NAMES);
    }

    #[test]
    fn unsupported_input_names_what_it_is() {
        let error = parse(Some(Path::new("feed.xml")), b"<rss/>".to_vec(), None, None).err();
        let message = error.map(|InputError(message)| message).unwrap_or_default();
        assert_eq!(
            message,
            "is XML that is not a LimeSurvey survey (.lss), which surveylint does not support (see \
             docs/formats.md; `--input-format` forces a format)"
        );
    }

    #[test]
    fn unknown_json_is_read_generically_and_says_so() {
        let source =
            parse(Some(Path::new("export.json")), br#"{"intro": "Hoe tevreden bent u?"}"#.to_vec(), None, None);
        let source = source.unwrap_or_else(|InputError(message)| panic!("{message}"));
        assert_eq!(source.document.units.len(), 1);
        assert!(source.notice.is_some_and(|notice| notice.starts_with("no known survey format: read generically")));
        let source = parse(Some(Path::new("survey.json")), br#"{"pages": [{"elements": []}]}"#.to_vec(), None, None);
        assert!(source.is_ok_and(|source| source.notice.is_none()));
    }

    #[test]
    fn spreadsheets_have_no_source_text() {
        let error = parse(Some(Path::new("form.xlsx")), b"PK\x03\x04 truncated".to_vec(), None, None).err();
        let message = error.map(|InputError(message)| message).unwrap_or_default();
        assert!(message.starts_with("cannot be read: workbook: not a readable .xlsx"), "{message}");
        let source = parse(Some(Path::new("form.csv")), b"type,name,label\ntext,q,Why?\n".to_vec(), None, None);
        assert!(source.is_ok_and(|source| source.text.is_some() && source.document.questions.len() == 1));
    }
}
