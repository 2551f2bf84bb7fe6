//! [`LintOptions`]: what a caller chooses per run, by rule name; and
//! [`RuleSettings`]: those choices resolved to rule ids once per run.

use std::collections::BTreeMap;

use crate::diagnostic::Severity;
use crate::language::Language;
use crate::rule::Rule;
use crate::rule_id::{RuleId, RuleNames, RuleScope};
use crate::survey_rules::SurveyLimits;

/// Per-run choices: the language, which rules run, their severities and thresholds.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct LintOptions {
    /// Treat every unit without a declared language as this language instead of detecting it.
    pub language: Option<Language>,
    /// When set, only these rules (slugs or codes, any letter case) run.
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
}

/// The rule choices of a [`LintOptions`] resolved against one linter: per
/// [`RuleId`], whether the rule runs and at which severity. Made once per
/// run by [`crate::Linter::settings`], so no rule name is compared while linting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSettings {
    enabled: Vec<bool>,
    severity: Vec<Severity>,
}

impl RuleSettings {
    /// Resolves `options` for `rules` (in linter order), whose names `names` indexes.
    pub(crate) fn new(rules: &[Rule], names: &RuleNames, options: &LintOptions) -> RuleSettings {
        let ids = |list: &[String]| -> Vec<RuleId> { list.iter().filter_map(|name| names.resolve(name)).collect() };
        let mut enabled = match &options.select {
            // Selecting only unknown names selects nothing, as it always did.
            Some(selected) => {
                let mut enabled = vec![false; rules.len()];
                for id in ids(selected) {
                    enabled[id.index()] = true;
                }
                enabled
            }
            None => vec![true; rules.len()],
        };
        for id in ids(&options.ignore) {
            enabled[id.index()] = false;
        }
        let mut severity: Vec<Option<Severity>> = vec![None; rules.len()];
        // When a rule is named twice (by slug and by code), the first name in
        // the map's order wins.
        for (name, level) in &options.severity {
            if let Some(id) = names.resolve(name) {
                severity[id.index()].get_or_insert(*level);
            }
        }
        let severity = rules.iter().zip(severity).map(|(rule, level)| level.unwrap_or(rule.severity)).collect();
        RuleSettings { enabled, severity }
    }

    /// True when the rule runs.
    pub fn is_enabled(&self, rule: RuleId) -> bool {
        self.enabled.get(rule.index()).copied().unwrap_or(false)
    }

    /// The severity the rule's findings get.
    pub fn severity(&self, rule: RuleId) -> Severity {
        self.severity.get(rule.index()).copied().unwrap_or(Severity::Warning)
    }

    /// True when a suppression over `scope` can be judged unused in this
    /// run: one naming a rule that does not run this time may well silence
    /// something in a full run.
    pub fn can_judge_unused(&self, scope: &RuleScope) -> bool {
        match scope {
            RuleScope::Every => true,
            RuleScope::Only(rules) => rules.iter().all(|&rule| self.is_enabled(rule)),
        }
    }
}
