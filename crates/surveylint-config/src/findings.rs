//! `[[ignore-findings]]`: suppressions for formats without comments.

use std::path::Path;

use surveylint::{
    can_judge_unused, drop_silenced, sort_findings, unused_suppression, Diagnostic, Document, Language, LintOptions,
    Linter, Silenced, Span, UnusedAt,
};

use crate::{IgnoredFinding, LoadedConfig};

impl IgnoredFinding {
    /// True when this entry covers `diagnostic`, found in `document`.
    pub fn covers(&self, diagnostic: &Diagnostic, document: &Document) -> bool {
        let rule_matches = self.rules.is_empty() || self.rules.iter().any(|rule| diagnostic.is_rule(&rule.value));
        let question_matches = self.question.as_ref().is_none_or(|wanted| {
            diagnostic.unit.and_then(|unit| question_name(document, unit)).is_some_and(|name| name == wanted.as_str())
        });
        rule_matches && question_matches
    }
}

/// The `name` of the question a unit belongs to.
fn question_name(document: &Document, unit: usize) -> Option<&str> {
    let question = document.units.get(unit)?.question?;
    document.questions.get(question)?.name.as_deref()
}

impl LoadedConfig {
    /// The `[[ignore-findings]]` entries whose `file` glob matches `file`.
    pub fn ignored_findings_for(&self, file: &Path) -> Vec<&IgnoredFinding> {
        let relative = self.relative(file);
        self.config.ignored_findings.iter().filter(|entry| entry.file.is_match(&relative)).collect()
    }

    /// Drops the findings in `file` that `[[ignore-findings]]` entries cover,
    /// and reports each entry for this file that covers nothing as an
    /// `unused-suppression` finding (when that rule runs under `options`),
    /// so stale entries get cleaned up. The result stays in source order.
    pub fn apply_ignored_findings(
        &self,
        file: &Path,
        document: &Document,
        diagnostics: Vec<Diagnostic>,
        linter: &Linter,
        options: &LintOptions,
    ) -> Vec<Diagnostic> {
        let entries = self.ignored_findings_for(file);
        if entries.is_empty() {
            return diagnostics;
        }
        let Silenced { mut kept, used } =
            drop_silenced(diagnostics, &entries, |entry, diagnostic| entry.covers(diagnostic, document));
        // Speak the file's language: that of its other findings, when there are any.
        let language = kept.first().map(|finding| finding.language).or(options.language).unwrap_or(Language::English);
        let config_name = self.path().file_name().map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        for (entry, _) in entries.iter().zip(&used).filter(|(_, used)| !**used) {
            if !can_judge_unused(linter, options, entry.rules.iter().map(|rule| rule.value.as_str())) {
                continue;
            }
            let Some(unit_index) = anchor(document, entry.question.as_deref()) else { continue };
            let unit = &document.units[unit_index];
            let at = UnusedAt {
                span: unit.map.to_source(Span::new(0, unit.text.trim_end().len())),
                location: unit.location.clone(),
                unit: Some(unit_index),
                language,
                detail: Some(format!("[[ignore-findings]] in {config_name}:{}", entry.line)),
                removal: None,
            };
            kept.extend(unused_suppression(linter, options, at));
        }
        sort_findings(&mut kept);
        kept
    }
}

/// The unit an unused entry is reported on: its question's stem, else the
/// first unit of the file.
fn anchor(document: &Document, question: Option<&str>) -> Option<usize> {
    let by_name = question.and_then(|wanted| {
        document
            .questions
            .iter()
            .find(|question| question.name.as_deref() == Some(wanted))
            .map(|question| question.text)
    });
    by_name.filter(|&unit| unit < document.units.len()).or_else(|| (!document.units.is_empty()).then_some(0))
}
