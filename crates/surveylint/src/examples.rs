//! Runs a rule's own examples: each must-flag text must be flagged (on the
//! words marked `[[…]]`, when marked) and each must-not-flag text must not.
//! The test suite runs this for every built-in rule, and
//! `surveylint test-rules` for a team's own rule files.

use crate::diagnostic::Span;
use crate::language::Language;
use crate::linter::{LintOptions, Linter};
use crate::text::TextFormat;

/// An example that did not behave as its rule file says.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExampleFailure {
    /// The rule's slug.
    pub rule: String,
    /// The example's language.
    pub language: Language,
    /// The example text as written in the rule file.
    pub example: String,
    /// What went wrong, in one sentence.
    pub problem: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} [{}] {:?}: {}", self.rule, self.language, self.example, self.problem)
    }
}

/// Strips `[[` and `]]` from an example, returning the text and the marked span.
fn strip_markers(example: &str) -> (String, Option<Span>) {
    match (example.find("[["), example.find("]]")) {
        (Some(open), Some(close)) if open < close => {
            let text = format!("{}{}{}", &example[..open], &example[open + 2..close], &example[close + 2..]);
            (text, Some(Span::new(open, close - 2)))
        }
        _ => (example.to_owned(), None),
    }
}

impl Linter {
    /// Runs the examples of the rule `slug` (in both languages) and returns
    /// the ones that fail; empty when the rule is unknown or all pass.
    pub fn check_examples(&self, slug: &str) -> Vec<ExampleFailure> {
        let Some(rule) = self.rule(slug) else { return Vec::new() };
        let mut failures = Vec::new();
        for language in Language::ALL {
            let options = LintOptions::with_language(Some(language));
            let text = rule.text(language);
            let failure = |example: &str, problem: String| ExampleFailure {
                rule: rule.slug.clone(),
                language,
                example: example.to_owned(),
                problem,
            };
            for example in &text.must_flag {
                let (source, marked) = strip_markers(example);
                let found: Vec<Span> = self
                    .lint_text(&source, TextFormat::Markdown, &options)
                    .into_iter()
                    .filter(|diagnostic| diagnostic.rule == rule.slug)
                    .map(|diagnostic| diagnostic.span)
                    .collect();
                let quote = |span: &Span| format!("`{}`", &source[span.start..span.end]);
                if found.is_empty() {
                    failures.push(failure(example, "must be flagged, but is not".to_owned()));
                } else if let Some(marked) = marked.filter(|marked| !found.contains(marked)) {
                    let actual: Vec<String> = found.iter().map(quote).collect();
                    failures
                        .push(failure(example, format!("must flag {}, flags {}", quote(&marked), actual.join(", "))));
                }
            }
            for example in &text.must_not_flag {
                let flagged: Vec<String> = self
                    .lint_text(example, TextFormat::Markdown, &options)
                    .into_iter()
                    .filter(|diagnostic| diagnostic.rule == rule.slug)
                    .map(|diagnostic| format!("`{}`", &example[diagnostic.span.start..diagnostic.span.end]))
                    .collect();
                if !flagged.is_empty() {
                    failures.push(failure(example, format!("must not be flagged, but {} is", flagged.join(", "))));
                }
            }
        }
        failures
    }
}

#[cfg(test)]
pub(crate) fn assert_examples_pass(origin: &str) {
    let linter = Linter::new();
    let rule = linter.rules().iter().find(|rule| rule.origin == origin);
    let Some(rule) = rule else { panic!("{origin} did not load") };
    let failures = linter.check_examples(&rule.slug);
    let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
    assert!(failures.is_empty(), "{} example(s) fail:\n{}", failures.len(), report.join("\n"));
}

#[cfg(test)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/rule_example_tests.rs"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_give_the_span() {
        assert_eq!(
            strip_markers("Zou u [[geef ons een 10]]?"),
            ("Zou u geef ons een 10?".to_owned(), Some(Span::new(6, 21)))
        );
        assert_eq!(strip_markers("geen markering"), ("geen markering".to_owned(), None));
    }
}
