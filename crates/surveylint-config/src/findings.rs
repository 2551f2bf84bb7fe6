//! `[[ignore-findings]]`: suppressions for formats without comments.

use std::path::Path;

use surveylint::{
    drop_silenced, sort_findings, unused_suppression, Diagnostic, Document, Language, LintOptions, Linter, RuleId,
    RuleScope, Silenced, Span, UnusedAt,
};

use crate::{IgnoredFinding, LoadedConfig};

impl IgnoredFinding {
    /// The rules this entry names, resolved against `linter` (every rule when it names none).
    pub fn scope(&self, linter: &Linter) -> RuleScope {
        let names: Vec<&str> = self.rules.iter().map(|rule| rule.value.as_str()).collect();
        linter.scope(&names)
    }

    /// True when `diagnostic`, found in `document`, sits in the question this
    /// entry names (anywhere in the file when it names none), whatever its
    /// rule: [`IgnoredFinding::scope`] says which rules.
    pub fn covers_place(&self, diagnostic: &Diagnostic, document: &Document) -> bool {
        self.question.as_ref().is_none_or(|wanted| {
            diagnostic.unit.and_then(|unit| question_name(document, unit)).is_some_and(|name| name == wanted.as_str())
        })
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
        // Rule names are resolved once per entry and per finding; matching compares ids.
        let settings = linter.settings(options);
        let entries: Vec<(RuleScope, &IgnoredFinding)> =
            entries.into_iter().map(|entry| (entry.scope(linter), entry)).collect();
        let findings: Vec<(Option<RuleId>, Diagnostic)> =
            diagnostics.into_iter().map(|diagnostic| (linter.id_of(&diagnostic), diagnostic)).collect();
        let Silenced { mut kept, used } =
            drop_silenced(findings, &entries, |entry, diagnostic| entry.covers_place(diagnostic, document));
        // Speak the file's language: that of its other findings, when there are any.
        let language = kept.first().map(|finding| finding.language).or(options.language).unwrap_or(Language::English);
        let config_name = self.path().file_name().map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        for ((scope, entry), _) in entries.iter().zip(&used).filter(|(_, used)| !**used) {
            if !settings.can_judge_unused(scope) {
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
            kept.extend(unused_suppression(linter, &settings, at));
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
