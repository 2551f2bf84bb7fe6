//! # surveylint-formats
//!
//! Reads survey files into a [`surveylint::Document`] whose units map every
//! decoded character back to the exact source bytes, through JSON escapes,
//! HTML tags and entities, CDATA sections and quoted CSV fields. Readers are
//! pure: bytes in, document out, no file IO, so the command line, the
//! language server and the WASM package share them.
//!
//! ```
//! use surveylint::{LintOptions, Linter};
//! use surveylint_formats::{detect, read};
//!
//! let source = br#"{"pages": [{"elements": [{"type": "rating", "name": "nps",
//!     "title": "Caf\u00e9 Noord: verdienen we een 9 of 10?"}]}]}"#;
//! let format = detect(Some("survey.json".as_ref()), source)?;
//! let document = read(format, source)?;
//! let findings = Linter::new().lint(&document, &LintOptions::default());
//! let span = findings[0].span;
//! assert_eq!(&source[span.start..span.end], b"verdienen we een 9 of 10");
//! # Ok::<(), surveylint_formats::FormatError>(())
//! ```
//!
//! Supported: plain text and Markdown, SurveyJS JSON, Qualtrics `.qsf`,
//! LimeSurvey `.lss` and its tab-separated `.txt` export, XLSForm, formr and
//! bilingual codebooks as `.xlsx` (cargo feature `xlsx`, on by default) and
//! as CSV, REDCap data dictionaries, Word `.docx` (feature `xlsx`),
//! surveydown (`.qmd` and `questions.yml`), Typeform, Google Forms and
//! SurveyMonkey JSON, JSON or YAML through selectors from the configuration
//! ([`read_custom`]), and any other JSON or YAML generically
//! ([`InputFormat::is_generic`]). Recognised and refused with
//! [`FormatError::Unsupported`]: other XML, `.xls`/`.ods` workbooks and
//! `.doc`/`.odt` documents.

mod codebook;
mod custom;
mod delimited;
#[cfg(feature = "xlsx")]
mod docx;
#[cfg(feature = "xlsx")]
mod docx_questions;
mod error;
mod formr;
mod generic;
mod html;
mod json;
mod limesurvey;
mod limesurvey_tsv;
mod lss;
mod mapped;
mod presets;
mod qualtrics;
mod redcap;
mod selectors;
mod structured;
mod surveydown;
mod surveyjs;
mod tree;
mod units;
mod xlsform;
#[cfg(feature = "xlsx")]
mod xlsx;
mod yaml;

use std::path::Path;

use surveylint::{parse_text, Document, SourceMap, Span, TextFormat};

pub use custom::{CustomFormat, CustomLanguage};
pub use error::{line_column, FormatError};
pub use selectors::{Selector, SelectorError};

use xlsform::HeaderKind;

/// A survey file format surveylint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// Plain text: one question or paragraph per line or block.
    Text,
    /// Markdown: headings, lists as answer options.
    Markdown,
    /// SurveyJS survey JSON (also as a JavaScript object literal).
    SurveyJs,
    /// Qualtrics survey export (`.qsf`).
    Qualtrics,
    /// LimeSurvey survey structure (`.lss`, XML).
    LimeSurveyXml,
    /// LimeSurvey tab-separated survey export (`.txt`).
    LimeSurveyTsv,
    /// XLSForm workbook (`.xlsx`).
    XlsForm,
    /// XLSForm as CSV.
    XlsFormCsv,
    /// formr survey spreadsheet (`.xlsx`).
    Formr,
    /// formr survey spreadsheet as CSV.
    FormrCsv,
    /// Bilingual codebook as CSV (`question_dutch`, `question_english`, …).
    Codebook,
    /// Bilingual codebook workbook (`.xlsx`).
    CodebookXlsx,
    /// REDCap data dictionary (CSV).
    RedCap,
    /// Word document (`.docx`).
    Docx,
    /// surveydown survey: Quarto (`.qmd`) with `sd_question()` calls.
    Surveydown,
    /// surveydown's `questions.yml`.
    SurveydownYaml,
    /// Typeform form definition (JSON from its Create API).
    Typeform,
    /// Google Forms `forms.get` result (JSON).
    GoogleForms,
    /// SurveyMonkey survey details (JSON).
    SurveyMonkey,
    /// Any other JSON, read generically: every prose string is a unit.
    Json,
    /// Any other YAML, read generically.
    Yaml,
}

impl InputFormat {
    /// Every format, in the order `--input-format` lists them.
    pub const ALL: [InputFormat; 21] = [
        InputFormat::Text,
        InputFormat::Markdown,
        InputFormat::SurveyJs,
        InputFormat::Qualtrics,
        InputFormat::LimeSurveyXml,
        InputFormat::LimeSurveyTsv,
        InputFormat::XlsForm,
        InputFormat::XlsFormCsv,
        InputFormat::Formr,
        InputFormat::FormrCsv,
        InputFormat::Codebook,
        InputFormat::CodebookXlsx,
        InputFormat::RedCap,
        InputFormat::Docx,
        InputFormat::Surveydown,
        InputFormat::SurveydownYaml,
        InputFormat::Typeform,
        InputFormat::GoogleForms,
        InputFormat::SurveyMonkey,
        InputFormat::Json,
        InputFormat::Yaml,
    ];

    /// The name `--input-format` takes: `text`, `markdown`, `surveyjs`,
    /// `qualtrics`, `limesurvey`, `limesurvey-tsv`, `xlsform`, `xlsform-csv`,
    /// `formr`, `formr-csv`, `codebook`, `codebook-xlsx`, `redcap`, `docx`.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
            InputFormat::SurveyJs => "surveyjs",
            InputFormat::Qualtrics => "qualtrics",
            InputFormat::LimeSurveyXml => "limesurvey",
            InputFormat::LimeSurveyTsv => "limesurvey-tsv",
            InputFormat::XlsForm => "xlsform",
            InputFormat::XlsFormCsv => "xlsform-csv",
            InputFormat::Formr => "formr",
            InputFormat::FormrCsv => "formr-csv",
            InputFormat::Codebook => "codebook",
            InputFormat::CodebookXlsx => "codebook-xlsx",
            InputFormat::RedCap => "redcap",
            InputFormat::Docx => "docx",
            InputFormat::Surveydown => "surveydown",
            InputFormat::SurveydownYaml => "surveydown-yaml",
            InputFormat::Typeform => "typeform",
            InputFormat::GoogleForms => "google-forms",
            InputFormat::SurveyMonkey => "surveymonkey",
            InputFormat::Json => "json",
            InputFormat::Yaml => "yaml",
        }
    }

    /// The format with this [`InputFormat::name`].
    pub fn from_name(name: &str) -> Option<InputFormat> {
        InputFormat::ALL.into_iter().find(|format| format.name() == name)
    }

    /// True for the generic JSON and YAML readers, which take every prose
    /// string of a file that is no known survey format (tools say so, and a
    /// directory walk leaves such files out).
    pub fn is_generic(self) -> bool {
        matches!(self, InputFormat::Json | InputFormat::Yaml)
    }

    /// False for formats whose findings carry a location (a cell) instead
    /// of byte offsets into the file: workbooks and Word documents.
    pub fn has_text_positions(self) -> bool {
        !matches!(self, InputFormat::XlsForm | InputFormat::Formr | InputFormat::CodebookXlsx | InputFormat::Docx)
    }
}

impl std::fmt::Display for InputFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Works out the format from the file name (when there is one) and the content.
///
/// The extension is a hint the content must confirm: a `.json` or `.yml`
/// file that no reader claims is [`InputFormat::Json`] or [`InputFormat::Yaml`]
/// (read generically), a `.qmd` is surveydown only when it calls
/// `sd_question()`, a `.txt` with a LimeSurvey header is a LimeSurvey export,
/// and a `.csv` or workbook that is no known layout is
/// [`FormatError::Unsupported`], naming what it is. Malformed JSON or YAML
/// or a non-UTF-8 text file is [`FormatError::Invalid`].
pub fn detect(path: Option<&Path>, bytes: &[u8]) -> Result<InputFormat, FormatError> {
    let extension = path
        .and_then(Path::extension)
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    // Zip content without a telling extension (standard input) is taken for a
    // workbook; a `.txt` that happens to be a zip is a binary file, not a survey.
    if extension == "docx" || (is_zip(bytes) && extension.is_empty() && is_docx(bytes)) {
        return Ok(InputFormat::Docx);
    }
    if matches!(extension.as_str(), "xlsx" | "xlsm") || (is_zip(bytes) && extension.is_empty()) {
        return detect_workbook(bytes);
    }
    if matches!(extension.as_str(), "doc" | "odt" | "rtf") {
        return Err(FormatError::unsupported(format!("a .{extension} document (save it as .docx)")));
    }
    if matches!(extension.as_str(), "xls" | "ods" | "xlsb") {
        return Err(FormatError::unsupported(format!("a .{extension} spreadsheet (save it as .xlsx or CSV)")));
    }
    let text = error::utf8(bytes)?;
    let content = text.trim_start_matches('\u{feff}').trim_start();
    match extension.as_str() {
        "qmd" | "rmd" if surveydown::is_survey(content) => return Ok(InputFormat::Surveydown),
        "qmd" | "rmd" | "md" | "markdown" => return Ok(InputFormat::Markdown),
        "yml" | "yaml" => return structured::detect_yaml(bytes),
        "csv" => return detect_csv(text),
        "lss" | "xml" => return detect_xml(content),
        "json" | "qsf" | "js" => return detect_json(bytes),
        "tsv" if limesurvey_tsv::looks_like_export(content) => return Ok(InputFormat::LimeSurveyTsv),
        _ => {}
    }
    if limesurvey_tsv::looks_like_export(content) {
        return Ok(InputFormat::LimeSurveyTsv);
    }
    // Without a telling extension, text that merely starts like JSON is still text.
    if content.starts_with('{') || content.starts_with('[') {
        match detect_json(bytes) {
            Err(FormatError::Invalid { .. }) => return Ok(InputFormat::Text),
            detected => return detected,
        }
    }
    if content.starts_with("<?xml") || content.starts_with("<document") {
        return detect_xml(content);
    }
    if surveydown::is_survey(content) && content.starts_with("---") {
        return Ok(InputFormat::Surveydown);
    }
    if path.is_none() && looks_like_markdown(content) {
        return Ok(InputFormat::Markdown);
    }
    Ok(InputFormat::Text)
}

/// Reads `bytes` as `format`.
pub fn read(format: InputFormat, bytes: &[u8]) -> Result<Document, FormatError> {
    match format {
        InputFormat::Text => read_text(bytes, TextFormat::Plain),
        InputFormat::Markdown => read_text(bytes, TextFormat::Markdown),
        InputFormat::SurveyJs => surveyjs::read(bytes),
        InputFormat::Qualtrics => qualtrics::read(bytes),
        InputFormat::LimeSurveyXml => lss::read(bytes),
        InputFormat::LimeSurveyTsv => limesurvey_tsv::read(bytes),
        InputFormat::XlsForm => read_workbook(bytes, HeaderKind::XlsForm),
        InputFormat::XlsFormCsv => read_xlsform_csv(bytes),
        InputFormat::Formr => read_workbook(bytes, HeaderKind::Formr),
        InputFormat::CodebookXlsx => read_workbook(bytes, HeaderKind::Codebook),
        InputFormat::FormrCsv | InputFormat::Codebook | InputFormat::RedCap => read_sheet_csv(format, bytes),
        InputFormat::Docx => read_docx(bytes),
        InputFormat::Surveydown
        | InputFormat::SurveydownYaml
        | InputFormat::Typeform
        | InputFormat::GoogleForms
        | InputFormat::SurveyMonkey
        | InputFormat::Json
        | InputFormat::Yaml => structured::read(format, bytes),
    }
}

/// Reads a JSON or YAML file through selectors from the configuration
/// (`[[formats.custom]]`); a `.yml` or `.yaml` `path` is YAML, anything else JSON.
/// A selector that finds no text in the file is an error naming it.
pub fn read_custom(format: &CustomFormat, path: Option<&Path>, bytes: &[u8]) -> Result<Document, FormatError> {
    structured::read_custom(format, path, bytes)
}

fn read_text(bytes: &[u8], format: TextFormat) -> Result<Document, FormatError> {
    if let Some(offset) = bytes.iter().position(|&byte| byte == 0) {
        return Err(FormatError::at(bytes, offset, "the file holds a NUL byte: it is binary, not text"));
    }
    let text = error::utf8(bytes)?;
    let Some(without_bom) = text.strip_prefix('\u{feff}') else {
        return Ok(parse_text(text, format));
    };
    // Spans must index the file, so shift every (verbatim) unit past the BOM.
    let bom = text.len() - without_bom.len();
    let mut document = parse_text(without_bom, format);
    for unit in &mut document.units {
        let start = unit.map.to_source(Span::new(0, 0)).start;
        unit.map = SourceMap::verbatim(start + bom, unit.text.len());
    }
    // Inline suppressions index the file too (their fix deletes the directive's line).
    let shift = |span: Span| Span::new(span.start + bom, span.end + bom);
    for suppression in &mut document.suppressions {
        suppression.covers = shift(suppression.covers);
        suppression.directive = shift(suppression.directive);
        suppression.line = shift(suppression.line);
    }
    Ok(document)
}

#[cfg(feature = "xlsx")]
fn read_workbook(bytes: &[u8], kind: HeaderKind) -> Result<Document, FormatError> {
    xlsx::read(bytes, kind)
}

#[cfg(not(feature = "xlsx"))]
fn read_workbook(_bytes: &[u8], _kind: HeaderKind) -> Result<Document, FormatError> {
    Err(FormatError::unsupported("an Excel workbook (this build of surveylint reads no .xlsx files)"))
}

#[cfg(feature = "xlsx")]
fn read_docx(bytes: &[u8]) -> Result<Document, FormatError> {
    docx::read(bytes)
}

#[cfg(not(feature = "xlsx"))]
fn read_docx(_bytes: &[u8]) -> Result<Document, FormatError> {
    Err(FormatError::unsupported("a Word document (this build of surveylint reads no .docx files)"))
}

#[cfg(feature = "xlsx")]
fn is_docx(bytes: &[u8]) -> bool {
    docx::is_docx(bytes)
}

#[cfg(not(feature = "xlsx"))]
fn is_docx(_bytes: &[u8]) -> bool {
    false
}

#[cfg(feature = "xlsx")]
fn detect_workbook(bytes: &[u8]) -> Result<InputFormat, FormatError> {
    match xlsx::kind_of(bytes)? {
        HeaderKind::XlsForm => Ok(InputFormat::XlsForm),
        HeaderKind::Formr => Ok(InputFormat::Formr),
        HeaderKind::Codebook => Ok(InputFormat::CodebookXlsx),
        kind => Err(FormatError::unsupported(describe_header(kind, "spreadsheet"))),
    }
}

#[cfg(not(feature = "xlsx"))]
fn detect_workbook(_bytes: &[u8]) -> Result<InputFormat, FormatError> {
    Err(FormatError::unsupported("an Excel workbook (this build of surveylint reads no .xlsx files)"))
}

fn describe_header(kind: HeaderKind, container: &str) -> String {
    match kind {
        HeaderKind::Formr => format!("a formr {container}"),
        HeaderKind::Codebook => {
            format!("a bilingual codebook {container} (question_dutch/question_english style columns)")
        }
        HeaderKind::RedCap => format!("a REDCap data dictionary {container} (REDCap exports them as CSV)"),
        HeaderKind::XlsForm | HeaderKind::Other => {
            format!("a {container} that is not an XLSForm (expected a survey sheet with type, name and label columns)")
        }
    }
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn detect_json(bytes: &[u8]) -> Result<InputFormat, FormatError> {
    let value = json::parse(bytes)?;
    if qualtrics::is_export(&value) {
        Ok(InputFormat::Qualtrics)
    } else if structured::is_surveymonkey(&value) {
        Ok(InputFormat::SurveyMonkey)
    } else if surveyjs::is_survey(&value) {
        Ok(InputFormat::SurveyJs)
    } else {
        Ok(structured::detect_json_tree(&tree::Node::from_json(value)))
    }
}

fn detect_xml(content: &str) -> Result<InputFormat, FormatError> {
    if lss::looks_like_lss(content) {
        Ok(InputFormat::LimeSurveyXml)
    } else {
        Err(FormatError::unsupported("XML that is not a LimeSurvey survey (.lss)"))
    }
}

/// The header row of a CSV file.
fn csv_header(text: &str) -> Result<Vec<String>, FormatError> {
    let delimiter = delimited::sniff_delimiter(text);
    let records = delimited::parse(text, delimiter)?;
    let first = records.into_iter().find(|record| record.iter().any(|field| !field.text.text.trim().is_empty()));
    let mut header: Vec<String> =
        first.unwrap_or_default().into_iter().map(|field| field.text.text.trim().to_lowercase()).collect();
    // pyxform's sectioned CSV: `survey,type,name,label` — the marker comes first.
    if header.first().is_some_and(|first| first == "survey") {
        header.remove(0);
    }
    Ok(header)
}

fn detect_csv(text: &str) -> Result<InputFormat, FormatError> {
    match xlsform::classify_header(&csv_header(text)?) {
        HeaderKind::XlsForm => Ok(InputFormat::XlsFormCsv),
        HeaderKind::Formr => Ok(InputFormat::FormrCsv),
        HeaderKind::Codebook => Ok(InputFormat::Codebook),
        HeaderKind::RedCap => Ok(InputFormat::RedCap),
        HeaderKind::Other => Err(FormatError::unsupported(describe_header(HeaderKind::Other, "CSV file"))),
    }
}

/// Reads a formr sheet, a codebook or a REDCap data dictionary from CSV.
fn read_sheet_csv(format: InputFormat, bytes: &[u8]) -> Result<Document, FormatError> {
    let text = error::utf8(bytes)?;
    let records = delimited::parse(text, delimited::sniff_delimiter(text))?;
    let sheet = xlsform::Sheet::from_records(records);
    let wanted = match format {
        InputFormat::FormrCsv => HeaderKind::Formr,
        InputFormat::Codebook => HeaderKind::Codebook,
        _ => HeaderKind::RedCap,
    };
    let found = xlsform::classify_header(&sheet.header());
    if found != wanted {
        return Err(FormatError::unsupported(format!("a CSV file that is not {}", wanted.describe())));
    }
    Ok(match wanted {
        HeaderKind::Formr => formr::read(&sheet, None),
        HeaderKind::Codebook => codebook::read(&[(String::new(), sheet)]),
        _ => redcap::read(&sheet),
    })
}

fn read_xlsform_csv(bytes: &[u8]) -> Result<Document, FormatError> {
    let text = error::utf8(bytes)?;
    let records = delimited::parse(text, delimited::sniff_delimiter(text))?;
    let sheets = xlsform::csv_sheets(records);
    let survey =
        sheets.get("survey").filter(|survey| xlsform::classify_header(&survey.header()) == HeaderKind::XlsForm);
    let Some(survey) = survey else {
        let kind = sheets.get("survey").map_or(HeaderKind::Other, |survey| xlsform::classify_header(&survey.header()));
        return Err(FormatError::unsupported(describe_header(kind, "CSV file")));
    };
    xlsform::read(survey, sheets.get("choices"), sheets.get("settings"))
}

fn looks_like_markdown(content: &str) -> bool {
    content.lines().any(|line| line.starts_with("# ") || line.starts_with("## ") || line.starts_with("```"))
}
