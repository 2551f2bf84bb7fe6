//! Which reader a document goes through, decided in one place.
//!
//! Every document is read by `surveylint-formats`, the same readers the
//! command line uses: plain text and Markdown, SurveyJS JSON, Qualtrics
//! `.qsf`, LimeSurvey `.lss` and its tab-separated export, and the CSV
//! formats (XLSForm, formr, REDCap data dictionaries, bilingual codebooks).
//! Their units map back to exact source bytes, so JSON, XML and CSV surveys
//! get underlines in the right place too. Workbooks (`.xlsx`) and Word
//! documents (`.docx`) are zip files, never open in a text editor as such,
//! and are left to the command line.

use std::path::Path;

use surveylint::Document;
use surveylint_config::ConfiguredFormat;
use surveylint_formats::InputFormat;

/// How an open document's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceFormat {
    /// Plain text; `//` starts a comment line.
    Plain,
    /// Markdown; `<!-- -->` is a comment.
    Markdown,
    /// A survey file format (SurveyJS, Qualtrics, LimeSurvey, XLSForm CSV).
    Survey(InputFormat),
    /// Something surveylint cannot read (other JSON, YAML, a half-typed
    /// file): the document gets no diagnostics until it becomes readable.
    Unsupported,
}

impl SourceFormat {
    /// Decides by file name and content first, as the command line does, so
    /// a LimeSurvey `.txt` export is read as one even though editors call it
    /// `plaintext`. When the readers cannot tell, the client's language id
    /// decides between plain text and Markdown.
    pub(crate) fn detect(language_id: &str, path: &str, text: &str) -> SourceFormat {
        let by_language_id = match language_id.to_ascii_lowercase().as_str() {
            "markdown" | "md" | "mdx" | "quarto" | "rmd" => Some(SourceFormat::Markdown),
            "plaintext" | "text" | "txt" => Some(SourceFormat::Plain),
            _ => None,
        };
        match surveylint_formats::detect(Some(Path::new(path)), text.as_bytes()) {
            Ok(InputFormat::Text) => by_language_id.unwrap_or(SourceFormat::Plain),
            Ok(InputFormat::Markdown) => SourceFormat::Markdown,
            // Workbooks and Word documents are zip files; an editor never holds one as text.
            Ok(format) if !format.has_text_positions() => SourceFormat::Unsupported,
            // Any JSON or YAML would be read generically; in an editor that
            // would check every package.json. Such a file is checked when a
            // `[[formats.custom]]` entry names it (see `parse_configured`).
            Ok(format) if format.is_generic() => SourceFormat::Unsupported,
            Ok(format) => SourceFormat::Survey(format),
            Err(_) => by_language_id.unwrap_or(SourceFormat::Unsupported),
        }
    }

    /// The text that opens and closes a suppression comment, for the formats
    /// where a comment line can be written before any finding. The "ignore
    /// this occurrence" action writes its comment with it. LimeSurvey XML
    /// honours comments too, but a line inserted there could land inside a
    /// CDATA section, so the action is not offered.
    pub(crate) fn comment_delimiters(self) -> Option<(&'static str, &'static str)> {
        match self {
            SourceFormat::Plain => Some(("// ", "")),
            SourceFormat::Markdown => Some(("<!-- ", " -->")),
            SourceFormat::Survey(_) | SourceFormat::Unsupported => None,
        }
    }
}

/// Reads `text` into the core's document model. An error says why the text
/// cannot be read now (unsupported, or malformed while being typed).
pub(crate) fn parse(format: SourceFormat, text: &str) -> Result<Document, String> {
    let input = match format {
        SourceFormat::Plain => InputFormat::Text,
        SourceFormat::Markdown => InputFormat::Markdown,
        SourceFormat::Survey(format) => format,
        SourceFormat::Unsupported => return Err("not a format surveylint reads".to_owned()),
    };
    surveylint_formats::read(input, text.as_bytes()).map_err(|error| error.to_string())
}

/// Reads `text` as a `[[formats.custom]]` entry of the configuration says.
pub(crate) fn parse_configured(format: &ConfiguredFormat, path: &Path, text: &str) -> Result<Document, String> {
    let document = match format {
        ConfiguredFormat::Builtin(format) if !format.has_text_positions() => {
            return Err(format!("{format} is not a text format"))
        }
        ConfiguredFormat::Builtin(format) => surveylint_formats::read(*format, text.as_bytes()),
        ConfiguredFormat::Selectors(custom) => surveylint_formats::read_custom(custom, Some(path), text.as_bytes()),
    };
    document.map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_and_name_decide_before_the_language_id() {
        assert_eq!(SourceFormat::detect("markdown", "/w/vragen.txt", "Vraag?"), SourceFormat::Markdown);
        assert_eq!(SourceFormat::detect("plaintext", "/w/README.md", "# Titel"), SourceFormat::Markdown);
        let surveyjs = r#"{"pages": [{"elements": [{"type": "text", "name": "q1", "title": "Vraag?"}]}]}"#;
        assert_eq!(
            SourceFormat::detect("json", "/w/enquete.json", surveyjs),
            SourceFormat::Survey(InputFormat::SurveyJs)
        );
    }

    #[test]
    fn data_dictionaries_are_read_and_zip_formats_are_left_to_the_command_line() {
        let redcap = "Variable / Field Name,Form Name,Section Header,Field Type,Field Label\nq,f,,text,Vraag?\n";
        assert_eq!(SourceFormat::detect("csv", "/w/dictionary.csv", redcap), SourceFormat::Survey(InputFormat::RedCap));
        assert_eq!(SourceFormat::detect("", "/w/vragenlijst.docx", "PK"), SourceFormat::Unsupported);
        assert_eq!(SourceFormat::detect("", "/w/formr.xlsx", "PK"), SourceFormat::Unsupported);
    }

    #[test]
    fn unreadable_files_are_unsupported_until_they_can_be_read() {
        assert_eq!(SourceFormat::detect("json", "/w/enquete.json", "{\"pages\": ["), SourceFormat::Unsupported);
        assert_eq!(SourceFormat::detect("json", "/w/package.json", "{\"name\": \"x\"}"), SourceFormat::Unsupported);
        assert_eq!(SourceFormat::detect("", "/w/uitnodiging.txt", "Beste klant,"), SourceFormat::Plain);
    }

    #[test]
    fn surveydown_is_read_and_other_json_or_yaml_only_when_configured() {
        let qmd = "```{r}\nsd_question(id = 'q', type = 'text', label = 'Verdienen we een 10?')\n```\n";
        assert_eq!(SourceFormat::detect("quarto", "/w/survey.qmd", qmd), SourceFormat::Survey(InputFormat::Surveydown));
        let yml = "q:\n  type: text\n  label: Verdienen we een 10?\n";
        assert_eq!(
            SourceFormat::detect("yaml", "/w/questions.yml", yml),
            SourceFormat::Survey(InputFormat::SurveydownYaml)
        );
        assert_eq!(SourceFormat::detect("yaml", "/w/ci.yml", "jobs: {}\n"), SourceFormat::Unsupported);
        let custom = surveylint_formats::CustomFormat {
            questions: vec![
                surveylint_formats::Selector::parse("$.vragen[*]").unwrap_or_else(|error| panic!("{error}"))
            ],
            options: Vec::new(),
            texts: Vec::new(),
            language: surveylint_formats::CustomLanguage::Detect,
        };
        let document = parse_configured(
            &ConfiguredFormat::Selectors(custom),
            Path::new("/w/export.json"),
            r#"{"vragen": ["Verdienen we een 10?"]}"#,
        );
        assert_eq!(document.map(|document| document.questions.len()), Ok(1));
    }

    #[test]
    fn only_text_formats_have_comments() {
        assert_eq!(SourceFormat::Markdown.comment_delimiters(), Some(("<!-- ", " -->")));
        assert_eq!(SourceFormat::Survey(InputFormat::SurveyJs).comment_delimiters(), None);
        assert!(parse(SourceFormat::Unsupported, "Geef ons een 10!").is_err());
    }
}
