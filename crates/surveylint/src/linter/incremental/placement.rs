//! Findings kept relative to their unit, and put back in place.
//!
//! A phrase finding's span and its rewrites are source bytes. Kept relative
//! to the unit's [source base](crate::SourceMap::source_base) (where the unit
//! starts in the source), a finding stays valid when an edit elsewhere moves
//! the unit, or adds units before it: placing adds the new base and sets the
//! unit's new index and location.

use crate::diagnostic::{Diagnostic, Span};
use crate::document::Unit;
use crate::rule_id::RuleId;

/// `findings` of a unit whose source base is `base`, made relative to it,
/// without the unit's index and location (which belong to the document).
pub(super) fn relative(findings: &[(RuleId, Diagnostic)], base: usize) -> Vec<(RuleId, Diagnostic)> {
    findings
        .iter()
        .map(|(rule, finding)| {
            let mut finding = finding.clone();
            finding.unit = None;
            finding.location = None;
            moved(&mut finding, |offset| offset.wrapping_sub(base));
            (*rule, finding)
        })
        .collect()
}

/// Kept `findings` placed in `unit`, unit number `index` of the document.
pub(super) fn placed<'a>(
    findings: &'a [(RuleId, Diagnostic)],
    unit: &'a Unit,
    index: usize,
) -> impl Iterator<Item = (RuleId, Diagnostic)> + 'a {
    let base = unit.map.source_base();
    findings.iter().map(move |(rule, finding)| {
        let mut finding = finding.clone();
        finding.unit = Some(index);
        finding.location.clone_from(&unit.location);
        moved(&mut finding, |offset| offset.wrapping_add(base));
        (*rule, finding)
    })
}

/// Moves every source offset of `finding` by `shift`. Wrapping arithmetic
/// undoes itself exactly, whatever order a reader put a unit's pieces in.
fn moved(finding: &mut Diagnostic, shift: impl Fn(usize) -> usize) {
    let span = |span: Span| Span { start: shift(span.start), end: shift(span.end) };
    finding.span = span(finding.span);
    for suggestion in &mut finding.suggestions {
        suggestion.span = span(suggestion.span);
    }
}
