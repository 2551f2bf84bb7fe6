//! Runs a rule's own examples: each must-flag text must be flagged (on the
//! words marked `[[…]]`, when marked, and rewritten to the text after ` => `,
//! when given) and each must-not-flag text must not.
//! The test suite runs this for every built-in rule, and
//! `surveylint test-rules` for a team's own rule files.

use crate::diagnostic::{Diagnostic, Span};
use crate::explanation::Example;
use crate::fix::{self, Edit};
use crate::language::Language;
use crate::linter::Linter;
use crate::options::LintOptions;
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
            for written in &text.must_flag {
                let example = Example::parse(written);
                let source = &example.text;
                let found: Vec<Diagnostic> = self
                    .lint_text(source, TextFormat::Markdown, &options)
                    .into_iter()
                    .filter(|diagnostic| diagnostic.rule == rule.slug)
                    .collect();
                let quote = |span: &Span| format!("`{}`", source.get(span.start..span.end).unwrap_or_default());
                let on_marked =
                    found.iter().find(|diagnostic| example.flagged.is_none_or(|span| diagnostic.span == span));
                match on_marked {
                    None if found.is_empty() => {
                        failures.push(failure(written, "must be flagged, but is not".to_owned()))
                    }
                    None => {
                        let actual: Vec<String> = found.iter().map(|diagnostic| quote(&diagnostic.span)).collect();
                        let marked = example.flagged.map(|span| quote(&span)).unwrap_or_default();
                        failures.push(failure(written, format!("must flag {marked}, flags {}", actual.join(", "))));
                    }
                    Some(diagnostic) => {
                        if let Some(problem) = rewrite_problem(source, diagnostic, example.rewritten.as_deref()) {
                            failures.push(failure(written, problem));
                        }
                    }
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

/// Why the finding's preferred rewrite of `source` is not `expected`, if it is not.
fn rewrite_problem(source: &str, diagnostic: &Diagnostic, expected: Option<&str>) -> Option<String> {
    let expected = expected?;
    let Some(suggestion) = diagnostic.suggestions.first() else {
        return Some(format!("must be rewritten to {expected:?}, but no rewrite is offered"));
    };
    let edit = Edit { span: suggestion.span, replacement: suggestion.replacement.clone() };
    let rewritten = fix::apply(source, &[edit]);
    (rewritten != expected).then(|| format!("must be rewritten to {expected:?}, is rewritten to {rewritten:?}"))
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
    fn every_built_in_rewrite_is_checked_by_an_example() {
        let linter = Linter::new();
        let mut unchecked = Vec::new();
        for rule in linter.rules() {
            for language in Language::ALL {
                let explained = rule.explanation(language);
                if explained.rewrite.is_some() && explained.flagged.iter().all(|example| example.rewritten.is_none()) {
                    unchecked.push(format!("{} [{language}]", rule.slug));
                }
            }
        }
        assert_eq!(unchecked, Vec::<String>::new(), "rules whose rewrite no must-flag example checks (` => `)");
    }

    #[test]
    fn the_preferred_rewrite_is_compared_with_the_expected_text() {
        let source = "Hoe tevreden bent u?";
        let found =
            Linter::new().lint_text(source, TextFormat::Markdown, &LintOptions::with_language(Some(Language::Dutch)));
        let Some(one_sided) = found.iter().find(|diagnostic| diagnostic.rule == "one-sided-question") else {
            panic!("one-sided-question flags {source:?}: {found:?}")
        };
        assert_eq!(rewrite_problem(source, one_sided, Some("Hoe tevreden of ontevreden bent u?")), None);
        assert_eq!(rewrite_problem(source, one_sided, None), None);
        assert_eq!(
            rewrite_problem(source, one_sided, Some(source)).as_deref(),
            Some(
                "must be rewritten to \"Hoe tevreden bent u?\", is rewritten to \"Hoe tevreden of ontevreden bent u?\""
            )
        );
    }
}
