//! [`LintOptions`]: what a caller chooses per run.

use std::collections::BTreeMap;

use crate::diagnostic::Severity;
use crate::language::Language;
use crate::rule::Rule;
use crate::survey_rules::SurveyLimits;

/// Per-run choices: the language, which rules run, their severities and thresholds.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct LintOptions {
    /// Treat every unit without a declared language as this language instead of detecting it.
    pub language: Option<Language>,
    /// When set, only these rules (slugs or codes) run.
    pub select: Option<Vec<String>>,
    /// Rules (slugs or codes) that do not run.
    pub ignore: Vec<String>,
    /// Severity overrides by slug or code.
    pub severity: BTreeMap<String, Severity>,
    /// Thresholds of the survey-level rules.
    pub limits: SurveyLimits,
}

impl LintOptions {
    /// Options that force `language`.
    pub fn with_language(language: Option<Language>) -> LintOptions {
        LintOptions { language, ..LintOptions::default() }
    }

    /// True when the rule runs under these options.
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        let selected = self.select.as_ref().is_none_or(|names| names.iter().any(|name| rule.is_named(name)));
        selected && !self.ignore.iter().any(|name| rule.is_named(name))
    }

    /// The rule's severity under these options.
    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity.iter().find(|(name, _)| rule.is_named(name)).map_or(rule.severity, |(_, severity)| *severity)
    }
}
