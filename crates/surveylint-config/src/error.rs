//! What can go wrong while reading a configuration.

use std::path::PathBuf;

/// A configuration that cannot be used. Every variant names the file, and
/// where it can, the 1-based line and column, so the message reads like a
/// compiler error: `surveylint.toml:3:1: unknown key 'ignroe', did you mean 'ignore'?`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read.
    #[error("{}: {message}: {error}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What surveylint was doing.
        message: String,
        /// The operating system's error. Shown in the message rather than
        /// chained as a `source`, so `anyhow`'s `{:#}` does not print it twice.
        error: std::io::Error,
    },
    /// The file is not valid TOML, or a value has the wrong type or is not allowed.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A key that surveylint does not know, usually a typo.
    #[error("{}:{line}:{column}: unknown key '{key}'{}", path.display(), did_you_mean(suggestion.as_deref()))]
    UnknownKey {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// The key as written, with its table for nested keys (`limits.max-question`).
        key: String,
        /// The closest valid key, when one is close enough to be a likely typo.
        suggestion: Option<String>,
    },
    /// A rule name (slug or code) that no built-in or extra rule has.
    #[error("{}:{line}:{column}: unknown rule '{name}'{}", path.display(), did_you_mean(suggestion.as_deref()))]
    UnknownRule {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// The name as written.
        name: String,
        /// The closest slug or code, when one is close enough to be a likely typo.
        suggestion: Option<String>,
    },
    /// A rule file from `extra-rules` is broken; the core's error names the
    /// rule file, line and column. Transparent, so that a report of the
    /// error with its sources (`{:#}`) names them once, not twice.
    #[error(transparent)]
    RuleFile(#[from] surveylint::Error),
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map(|suggestion| format!(", did you mean '{suggestion}'?")).unwrap_or_default()
}

/// Converts a byte offset into `text` to a 1-based line and column (in characters).
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    surveylint::position::locate(text, offset, surveylint::position::ColumnUnit::Char).one_based()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "a = 1\né = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // After the two-byte "é" and a space, the `=` is the third character.
        assert_eq!(line_column(text, 9), (2, 3));
        assert_eq!(line_column(text, 999), (3, 1));
    }
}
