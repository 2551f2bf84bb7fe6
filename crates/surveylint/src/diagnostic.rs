//! What a lint run reports: diagnostics with byte spans and suggested rewrites.

use std::fmt;

use crate::language::Language;

/// How serious a finding is. Ordered from least to most serious, so
/// `severity >= Severity::Warning` reads naturally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// A gentle pointer an editor may show faintly.
    Hint,
    /// Advice: worth knowing, not necessarily wrong.
    Info,
    /// Wording that bends answers and should be rewritten.
    Warning,
    /// Wording that makes the scores meaningless (begging, bribing).
    Error,
}

impl Severity {
    /// All severities, least serious first.
    pub const ALL: [Severity; 4] = [Severity::Hint, Severity::Info, Severity::Warning, Severity::Error];

    /// The lowercase name used in configuration files and output (`"warning"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses the lowercase name; `None` for anything else.
    pub fn parse(name: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|severity| severity.as_str() == name)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A half-open byte range `start..end` into the linted source text.
/// Both ends always lie on `char` boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end: end.max(start) }
    }

    /// The number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing (an insertion point).
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A rewrite that a quick fix or `--fix` can apply: replace `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Suggestion {
    /// The bytes of the source text to replace.
    pub span: Span,
    /// The new text, already encoded for the source format (JSON escapes, XML entities).
    pub replacement: String,
    /// True when applying it cannot change what the question asks, so `--fix`
    /// may apply it without review. Rewrites of whole sentences are never safe.
    pub safe: bool,
}

/// One finding: which rule, where, why, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The rule's stable slug, e.g. `score-begging`.
    pub rule: String,
    /// The rule's stable code, e.g. `SL001`.
    pub code: String,
    /// The severity after configuration was applied.
    pub severity: Severity,
    /// The language of the text the finding is in; messages are in this language.
    pub language: Language,
    /// A one-sentence message in [`Diagnostic::language`].
    pub message: String,
    /// The bytes of the source text that hold the offending words.
    /// When [`Diagnostic::location`] is set the source has no text positions
    /// (a spreadsheet cell) and the span indexes the text of that unit instead.
    pub span: Span,
    /// A position that is not a byte offset, such as a spreadsheet cell `survey!C7`.
    pub location: Option<String>,
    /// The index of the text unit in [`crate::Document::units`] the finding
    /// is in; `None` when no unit holds it (an unused suppression in a
    /// document without any text to lint).
    pub unit: Option<usize>,
    /// Zero or more rewrites; the first is the preferred one.
    pub suggestions: Vec<Suggestion>,
}

impl Diagnostic {
    /// True when `name` (slug or code, any letter case) names this finding's rule.
    pub fn is_rule(&self, name: &str) -> bool {
        crate::rule_id::names_rule(name, &self.rule, &self.code)
    }
}
