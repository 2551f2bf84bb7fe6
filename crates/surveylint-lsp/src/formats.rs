//! Which reader a document goes through, decided in one place.
//!
//! Plain text and Markdown are read by the core. Survey files (SurveyJS JSON,
//! Qualtrics, LimeSurvey, XLSForm CSV) will go through `surveylint-formats`
//! once that crate is ready; [`SourceFormat::detect`] and [`parse`] are the
//! only functions that change then.

use surveylint::{parse_text, Document, TextFormat};

/// How an open document's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// Plain text; `//` starts a comment line.
    Plain,
    /// Markdown; `<!-- -->` is a comment.
    Markdown,
    /// A format surveylint cannot read yet: the document gets no diagnostics.
    Unsupported,
}

impl SourceFormat {
    /// Decides by the client's language id first, then by the file extension,
    /// because editors disagree on ids (`markdown`, `md`, `text`, `plaintext`).
    pub fn detect(language_id: &str, path: &str) -> SourceFormat {
        match language_id.to_ascii_lowercase().as_str() {
            "markdown" | "md" | "mdx" | "quarto" | "rmd" => return SourceFormat::Markdown,
            "plaintext" | "text" | "txt" => return SourceFormat::Plain,
            _ => {}
        }
        let file_name = path.rsplit('/').next().unwrap_or(path);
        let extension = file_name.rsplit_once('.').map(|(_, extension)| extension.to_ascii_lowercase());
        match extension.as_deref() {
            Some("md" | "markdown" | "mdown" | "mkd") => SourceFormat::Markdown,
            Some("txt" | "text") | None => SourceFormat::Plain,
            Some(_) => SourceFormat::Unsupported,
        }
    }

    /// The text that opens and closes a line comment, if the format has one.
    /// The "ignore this occurrence" action writes its suppression comment with it.
    pub fn comment_delimiters(self) -> Option<(&'static str, &'static str)> {
        match self {
            SourceFormat::Plain => Some(("// ", "")),
            SourceFormat::Markdown => Some(("<!-- ", " -->")),
            SourceFormat::Unsupported => None,
        }
    }
}

/// Reads `text` into the core's document model; `None` when the format is not supported.
pub fn parse(format: SourceFormat, text: &str) -> Option<Document> {
    match format {
        SourceFormat::Plain => Some(parse_text(text, TextFormat::Plain)),
        SourceFormat::Markdown => Some(parse_text(text, TextFormat::Markdown)),
        SourceFormat::Unsupported => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_id_wins_over_extension() {
        assert_eq!(SourceFormat::detect("markdown", "/w/vragen.txt"), SourceFormat::Markdown);
        assert_eq!(SourceFormat::detect("plaintext", "/w/README.md"), SourceFormat::Plain);
    }

    #[test]
    fn extension_decides_for_unknown_ids() {
        assert_eq!(SourceFormat::detect("", "/w/enquete.MD"), SourceFormat::Markdown);
        assert_eq!(SourceFormat::detect("", "/w/uitnodiging.txt"), SourceFormat::Plain);
        assert_eq!(SourceFormat::detect("", "/w/LEESMIJ"), SourceFormat::Plain);
        assert_eq!(SourceFormat::detect("rust", "/w/main.rs"), SourceFormat::Unsupported);
    }

    #[test]
    fn only_text_formats_have_comments() {
        assert_eq!(SourceFormat::Markdown.comment_delimiters(), Some(("<!-- ", " -->")));
        assert_eq!(SourceFormat::Unsupported.comment_delimiters(), None);
        assert!(parse(SourceFormat::Unsupported, "Geef ons een 10!").is_none());
    }
}
