//! Turning what the lint pass found into [`Diagnostic`]s: messages in the
//! unit's language, severities under the options, and rewrites the source
//! can hold.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity, Span, Suggestion};
use crate::document::Unit;
use crate::language::Language;
use crate::options::RuleSettings;
use crate::rule::Rule;
use crate::suppression::UNUSED_SUPPRESSION;
use crate::survey_rules::SurveyFinding;

use super::Linter;

/// Where a finding sits.
pub(super) struct Place {
    /// Source bytes the finding underlines.
    pub(super) span: Span,
    /// Spreadsheet cell, for formats without text positions.
    pub(super) location: Option<String>,
    /// The unit the finding belongs to.
    pub(super) unit: Option<usize>,
}

/// A finding of `rule` at `severity` (as the run's settings give it).
pub(super) fn diagnostic(
    rule: &Rule,
    severity: Severity,
    language: Language,
    message: String,
    place: Place,
    suggestions: Vec<Suggestion>,
) -> Diagnostic {
    Diagnostic {
        rule: rule.slug.clone(),
        code: rule.code.clone(),
        severity,
        language,
        message,
        span: place.span,
        location: place.location,
        unit: place.unit,
        suggestions,
    }
}

/// A phrase rule's message with `{match}` standing for the flagged words; a
/// phrase wrapped over two lines is quoted on one line.
pub(super) fn phrase_message(rule: &Rule, language: Language, flagged: &str) -> String {
    let flagged_words = flagged.split_whitespace().collect::<Vec<_>>().join(" ");
    rule.text(language).message.replace("{match}", &flagged_words)
}

/// The diagnostic for a survey rule's `finding` in `unit`.
pub(super) fn survey_finding(
    rule: &Rule,
    severity: Severity,
    language: Language,
    unit: &Unit,
    finding: &SurveyFinding,
) -> Diagnostic {
    let mut message = rule.text(language).message.clone();
    for (name, value) in &finding.arguments {
        message = message.replace(&format!("{{{name}}}"), value);
    }
    let range = clamp_to_chars(&unit.text, finding.range.clone());
    let place = Place {
        span: unit.map.to_source(Span::new(range.start, range.end)),
        location: unit.location.clone(),
        unit: Some(finding.unit),
    };
    diagnostic(rule, severity, language, message, place, Vec::new())
}

/// The rewrite that replaces `target` (bytes of the unit's text, around the
/// `flagged` words) with `replacement`, when the source can hold it.
///
/// A rewrite the source cannot hold (a comma in a bare CSV field), or one
/// that would replace markup or bytes the reader skipped (a tag, a closing
/// quote), is not offered. A sentence rewrite stops at such a boundary instead.
pub(super) fn rewrite(
    unit: &Unit,
    target: Range<usize>,
    flagged: Range<usize>,
    replacement: &str,
    safe: bool,
) -> Option<Suggestion> {
    let replacement = match_case(&unit.text[target.clone()], replacement);
    let target = Span::new(target.start, target.end);
    let replaceable = unit.map.replaceable_within(target, Span::new(flagged.start, flagged.end)).map(|span| {
        if span == target {
            span
        } else {
            trim_span(&unit.text, span)
        }
    })?;
    // Offered only when the source bytes are a fixed point of the map (they
    // decode to text that maps back to the same bytes; escape sequences are
    // widened whole): a map that cannot say where a character starts gets no rewrite.
    let source = unit.map.to_source(replaceable);
    let exact = unit.map.to_decoded(source).is_some_and(|decoded| unit.map.to_source(decoded) == source);
    if !exact {
        return None;
    }
    let replacement = unit.escape.encode(&replacement)?;
    Some(Suggestion { span: source, replacement, safe })
}

/// Where a suppression that silenced nothing sits, for its
/// `unused-suppression` finding.
#[derive(Debug, Clone)]
pub struct UnusedAt {
    /// Source bytes the finding underlines.
    pub span: Span,
    /// Spreadsheet cell, for formats without text positions.
    pub location: Option<String>,
    /// The unit the finding belongs to.
    pub unit: Option<usize>,
    /// The language the message is written in.
    pub language: Language,
    /// Said after the rule's message, e.g. where a configured entry lives.
    pub detail: Option<String>,
    /// The fix that removes the suppression, when one is safe.
    pub removal: Option<Span>,
}

/// The `unused-suppression` finding for a suppression at `at`, or `None`
/// when that rule does not run under `settings` ([`Linter::settings`]).
pub fn unused_suppression(linter: &Linter, settings: &RuleSettings, at: UnusedAt) -> Option<Diagnostic> {
    let id = linter.rule_id(UNUSED_SUPPRESSION).filter(|&id| settings.is_enabled(id))?;
    let rule = linter.rule_by_id(id)?;
    let message = &rule.text(at.language).message;
    let message = match at.detail {
        Some(detail) => format!("{message} ({detail})"),
        None => message.clone(),
    };
    let removal = at.removal.map(|line| Suggestion { span: line, replacement: String::new(), safe: true });
    let place = Place { span: at.span, location: at.location, unit: at.unit };
    Some(diagnostic(rule, settings.severity(id), at.language, message, place, removal.into_iter().collect()))
}

/// Capitalises the replacement when the text it replaces starts with a capital.
fn match_case(replaced: &str, replacement: &str) -> String {
    let starts_upper = replaced.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if starts_upper && first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_owned(),
    }
}

/// `range` widened to whole characters, so a survey rule's byte range can
/// never split one.
fn clamp_to_chars(text: &str, range: Range<usize>) -> Range<usize> {
    let start = crate::position::floor_char_boundary(text, range.start);
    start..crate::position::ceil_char_boundary(text, range.end.max(start))
}

/// `span` without the white space at its ends (a rewrite narrowed to a
/// piece boundary would otherwise eat the line break after a `<br>`).
fn trim_span(text: &str, span: Span) -> Span {
    let Some(inner) = text.get(span.start..span.end) else { return span };
    let start = span.start + (inner.len() - inner.trim_start().len());
    Span::new(start, (start + inner.trim().len()).max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_case_capitalises() {
        assert_eq!(match_case("Hoe tevreden", "hoe tevreden of ontevreden"), "Hoe tevreden of ontevreden");
        assert_eq!(match_case("hoe", "hoe"), "hoe");
    }
}
