//! # surveylint
//!
//! Finds wording in Dutch and English survey questions and invitations that
//! bends the answers: begging for a top score, one-sided and leading
//! questions, praise of what is being judged, guilt appeals, rewards for a
//! good rating. Text goes in, [`Diagnostic`]s with byte spans and neutral
//! rewrites come out. The crate does no IO, so the command line, the language
//! server and the WASM package all share it.
//!
//! ```
//! use surveylint::{LintOptions, Linter, TextFormat};
//!
//! let linter = Linter::new();
//! let question = "Zou u ons aanraden en verdienen we een 9 of 10 op 10?";
//! let findings = linter.lint_text(question, TextFormat::Plain, &LintOptions::default());
//! for finding in &findings {
//!     let words = &question[finding.span.start..finding.span.end];
//!     println!("{} ({}): {} — `{words}`", finding.rule, finding.severity, finding.message);
//! }
//! assert!(findings.iter().any(|finding| finding.rule == "score-begging"));
//! ```
//!
//! Build the [`Linter`] once and share it: it is `Send + Sync`. Survey file
//! readers build a [`Document`] of [`Unit`]s whose [`SourceMap`] points back
//! into the file, and call [`Linter::lint`] on it. A caller that lints every
//! version of a document as it is edited (the language server) keeps a
//! [`LintCache`] per document: it gives the same findings and redoes only
//! the units that changed.

mod apposition;
mod asides;
mod catalogue;
mod class_trees;
mod diagnostic;
mod document;
mod emphasis;
mod engine;
mod error;
mod examples;
mod explanation;
mod fillers;
pub mod fix;
mod forward_search;
mod language;
mod links;
mod linter;
mod literal_trie;
mod literals;
mod normalize;
mod options;
mod placeholders;
pub mod position;
mod proper_names;
mod question_form;
mod rule;
mod rule_id;
mod scorer;
#[doc(hidden)]
pub mod scorer_training;
mod shorthand;
mod source_map;
mod space_branches;
mod suppression;
mod survey_rules;
mod team_classes;
mod text;
pub mod trace;
mod triggers;
mod word_list;

pub use diagnostic::{Diagnostic, Severity, Span, Suggestion};
pub use document::{Document, Escape, Question, QuestionKind, Scale, Unit, UnitKind};
pub use error::Error;
pub use examples::ExampleFailure;
pub use explanation::{Example, Explanation, Labels};
pub use language::Language;
#[doc(hidden)]
pub use linter::stages;
pub use linter::{unused_suppression, CacheStats, LintCache, Linter, LinterBuilder, UnusedAt};
pub use options::{LintOptions, RuleSettings};
pub use rule::{rule_docs_url, Context, ReplaceScope, Rule, RuleKind, RuleText, RULE_DOCS_BASE};
pub use rule_id::{RuleId, RuleScope};
pub use source_map::{SourceMap, SourceMapBuilder};
pub use suppression::{
    drop_silenced, find_suppressions, sort_findings, CommentStyle, Silenced, Suppression, UNUSED_SUPPRESSION,
};
pub use survey_rules::{SurveyLimits, SurveyOverview};
pub use text::{parse_text, TextFormat};
