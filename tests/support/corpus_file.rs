//! The labelled corpus file format (`tests/corpus/**/<language>.toml`), read
//! by the corpus measure (`tests/corpus.rs`) and by the scorer's training
//! check (`crates/surveylint/tests/scorer_model.rs`). One definition, so the
//! two cannot read the same file differently.

use std::path::Path;

use serde::Deserialize;

/// One corpus file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpusFile {
    pub item: Vec<CorpusItem>,
}

/// One labelled text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpusItem {
    pub text: String,
    /// Every rule the text should raise; empty for neutral text.
    pub rules: Vec<String>,
    /// Why the labels are what they are, or where the phrasing comes from.
    #[allow(dead_code, reason = "shown by the corpus measure; the scorer's training reads only texts and labels")]
    pub note: Option<String>,
}

/// Reads and parses a corpus file; panics naming the file when it cannot.
pub fn parse_corpus_file(path: &Path) -> CorpusFile {
    let source =
        std::fs::read_to_string(path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    toml::from_str(&source).unwrap_or_else(|error| panic!("{} is not a valid corpus file: {error}", path.display()))
}
