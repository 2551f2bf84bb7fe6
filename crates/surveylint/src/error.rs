//! The library's error type.

/// What can go wrong while building a [`crate::Linter`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A rule file is malformed: bad TOML, an unknown or missing field, an
    /// invalid pattern, too few examples, or a slug or code used twice.
    #[error("{origin}:{line}:{column}: {message}")]
    RuleFile {
        /// The rule file's name or path.
        origin: String,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong.
        message: String,
    },
}
