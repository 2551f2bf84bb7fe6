//! Inline suppressions: comments that silence findings a team decided to keep.
//!
//! ```text
//! <!-- surveylint-disable-next-line score-begging -->
//! <!-- surveylint-disable score-begging, SL002 -- approved by the board -->
//! <!-- surveylint-enable -->
//! // surveylint-disable-next-line          (plain text: every rule)
//! ```
//!
//! A directive is a comment on a line of its own: `<!-- … -->` in Markdown,
//! HTML and XML, `// …` at the start of a line in plain text (`#` would clash
//! with Markdown headings and numbered lines). The rule list is optional
//! (none means every rule) and may be followed by `-- reason`.
//! `disable-next-line` covers the next line that is not blank or another
//! comment; `disable` covers everything up to the matching `enable` or the
//! end of the file. A suppression that silences nothing is itself reported
//! (rule `unused-suppression`), so stale ones get cleaned up.

use crate::diagnostic::{Diagnostic, Span};
use crate::rule_id::{RuleId, RuleScope};

/// The slug of the rule that reports suppressions which silence nothing.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// One inline directive and the source bytes it silences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// Rules (slugs or codes, any letter case) as written in the comment;
    /// empty silences every rule. The linter resolves them to a [`RuleScope`] once.
    pub rules: Vec<String>,
    /// The source bytes it covers: findings that overlap them are dropped.
    pub covers: Span,
    /// The directive's comment itself, from `<!--` or `//` to its end.
    pub directive: Span,
    /// The directive's whole line including its line break, which a fix
    /// removes when the suppression is unused.
    pub line: Span,
}

/// How comments look in the source a directive is searched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentStyle {
    /// `<!-- … -->` on a line of its own (HTML, XML, LimeSurvey `.lss`).
    Html,
    /// `<!-- … -->`, outside fenced code blocks.
    Markdown,
    /// `// …` at the start of a line, or `<!-- … -->`.
    Plain,
}

/// A directive parsed from a comment's text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Directive {
    DisableNextLine(Vec<String>),
    Disable(Vec<String>),
    Enable(Vec<String>),
}

/// Parses the text inside a comment (`surveylint-disable score-begging -- why`).
fn parse_directive(comment: &str) -> Option<Directive> {
    let comment = comment.trim();
    let (keyword, rest) = comment.split_once(char::is_whitespace).unwrap_or((comment, ""));
    // Everything after ` -- ` is a free-text reason.
    let rules_text = match rest.find("--") {
        Some(reason) => &rest[..reason],
        None => rest,
    };
    let rules: Vec<String> = rules_text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect();
    match keyword {
        "surveylint-disable-next-line" => Some(Directive::DisableNextLine(rules)),
        "surveylint-disable" => Some(Directive::Disable(rules)),
        "surveylint-enable" => Some(Directive::Enable(rules)),
        _ => None,
    }
}

/// The comment on a line, if the whole (trimmed) line is one: its inner
/// text. An HTML comment must close on its own line, and only once: a fix
/// deletes the directive's whole line, which must then hold nothing else
/// (no XML after `-->`, no comment that runs on into the next line).
fn line_comment(trimmed: &str, style: CommentStyle) -> Option<&str> {
    if let Some(open) = trimmed.strip_prefix("<!--") {
        return open.strip_suffix("-->").filter(|inner| !inner.contains("-->"));
    }
    if style == CommentStyle::Plain {
        return trimmed.strip_prefix("//");
    }
    None
}

/// True when an HTML comment is still open at the end of `line`; `inside`
/// says whether one was open at its start.
fn opens_comment(line: &str, inside: bool) -> bool {
    let last_open = line.rfind("<!--");
    let last_close = line.rfind("-->");
    match (last_open, last_close) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => inside,
    }
}

/// Finds every suppression directive in `source`. Pure and line-based, so
/// any reader whose format allows comments can fill
/// [`crate::Document::suppressions`] with it.
pub fn find_suppressions(source: &str, style: CommentStyle) -> Vec<Suppression> {
    struct Line<'a> {
        start: usize,
        end_with_break: usize,
        text: &'a str,
    }
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in source.split_inclusive('\n') {
        let text = raw.trim_end_matches(['\n', '\r']);
        lines.push(Line { start: offset, end_with_break: offset + raw.len(), text });
        offset += raw.len();
    }

    let mut found = Vec::new();
    // Open `disable` ranges: (rules, where coverage starts, directive, line).
    let mut open: Vec<(Vec<String>, usize, Span, Span)> = Vec::new();
    let mut waiting: Vec<(Vec<String>, Span, Span)> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut in_comment = false;
    for line in &lines {
        let trimmed = line.text.trim();
        let indent = line.text.len() - line.text.trim_start().len();
        if style == CommentStyle::Markdown {
            if let Some(open_fence) = fence {
                if trimmed.starts_with(open_fence) {
                    fence = None;
                }
                continue;
            }
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                fence = Some(&trimmed[..3]);
                continue;
            }
        }
        if trimmed.is_empty() {
            continue;
        }
        // Inside a comment that an earlier line opened, nothing is a directive
        // (deleting such a line would remove the `-->` that closes it).
        if in_comment {
            in_comment = opens_comment(trimmed, true);
            continue;
        }
        let comment = line_comment(trimmed, style);
        if comment.is_none() && opens_comment(trimmed, false) {
            in_comment = true;
        }
        let Some(comment) = comment else {
            // The first line of content after `disable-next-line` directives.
            let covers = Span::new(line.start + indent, line.start + indent + trimmed.len());
            for (rules, directive, whole_line) in waiting.drain(..) {
                found.push(Suppression { rules, covers, directive, line: whole_line });
            }
            continue;
        };
        let directive = Span::new(line.start + indent, line.start + indent + trimmed.len());
        let whole_line = Span::new(line.start, line.end_with_break);
        match parse_directive(comment) {
            Some(Directive::DisableNextLine(rules)) => waiting.push((rules, directive, whole_line)),
            Some(Directive::Disable(rules)) => open.push((rules, line.end_with_break, directive, whole_line)),
            Some(Directive::Enable(rules)) => {
                // `enable` without rules closes every open range; with rules,
                // the ranges naming exactly those rules.
                let mut index = 0;
                while index < open.len() {
                    let closes = rules.is_empty() || same_rules(&open[index].0, &rules);
                    if closes {
                        let (rules, start, directive, whole_line) = open.remove(index);
                        let covers = Span::new(start, line.start);
                        found.push(Suppression { rules, covers, directive, line: whole_line });
                    } else {
                        index += 1;
                    }
                }
            }
            None => {}
        }
    }
    for (rules, start, directive, whole_line) in open {
        found.push(Suppression { rules, covers: Span::new(start, source.len()), directive, line: whole_line });
    }
    // A `disable-next-line` at the end of the file covers nothing, and is reported as unused.
    for (rules, directive, whole_line) in waiting {
        found.push(Suppression { rules, covers: Span::new(source.len(), source.len()), directive, line: whole_line });
    }
    found.sort_by_key(|suppression| suppression.directive);
    found
}

fn same_rules(a: &[String], b: &[String]) -> bool {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort();
    b.sort();
    a == b
}

impl Suppression {
    /// True when `diagnostic` sits where this suppression applies (whatever
    /// its rule: [`drop_silenced`] compares rules by id).
    pub fn covers_finding(&self, diagnostic: &Diagnostic) -> bool {
        // Spreadsheet cells have no source positions to compare.
        if diagnostic.location.is_some() {
            return false;
        }
        let span = diagnostic.span;
        if span.is_empty() {
            self.covers.start <= span.start && span.start < self.covers.end
        } else {
            span.overlaps(&self.covers)
        }
    }
}

/// What [`drop_silenced`] leaves: the findings nothing silenced, and for
/// each silencer whether it silenced at least one finding.
#[derive(Debug)]
pub struct Silenced {
    /// The findings that stay, in their original order.
    pub kept: Vec<Diagnostic>,
    /// Parallel to the silencers: `true` for each one that was used.
    pub used: Vec<bool>,
}

/// The one suppression engine: drops every finding that one of `silencers`
/// silences and records which silencers were used. A silencer silences a
/// finding when its [`RuleScope`] includes the finding's rule and `covers`
/// says the finding sits where it applies. Inline comments ([`Suppression`])
/// and configured `[[ignore-findings]]` entries both go through here, so they
/// behave alike.
///
/// Each finding comes with its rule's id, resolved once by the caller
/// ([`crate::Linter::id_of`]); `None` (a rule the linter does not know) is
/// silenced only by a scope over every rule.
pub fn drop_silenced<S>(
    findings: Vec<(Option<RuleId>, Diagnostic)>,
    silencers: &[(RuleScope, S)],
    covers: impl Fn(&S, &Diagnostic) -> bool,
) -> Silenced {
    let mut used = vec![false; silencers.len()];
    let kept = findings
        .into_iter()
        .filter(|(rule, diagnostic)| {
            let mut silenced = false;
            for (index, (scope, silencer)) in silencers.iter().enumerate() {
                let rule_matches = match rule {
                    Some(rule) => scope.includes(*rule),
                    None => *scope == RuleScope::Every,
                };
                if rule_matches && covers(silencer, diagnostic) {
                    used[index] = true;
                    silenced = true;
                }
            }
            !silenced
        })
        .map(|(_, diagnostic)| diagnostic)
        .collect();
    Silenced { kept, used }
}

/// Puts findings in source order: by unit, then position, then rule.
pub fn sort_findings(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(source_order);
}

/// The order of [`sort_findings`]: by unit, then position, then rule.
pub(crate) fn source_order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    (a.unit, a.span, &a.rule).cmp(&(b.unit, b.span, &b.rule))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules_of(found: &[Suppression]) -> Vec<Vec<&str>> {
        found.iter().map(|s| s.rules.iter().map(String::as_str).collect()).collect()
    }

    #[test]
    fn directives_parse_with_rules_and_reason() {
        assert_eq!(
            parse_directive(" surveylint-disable-next-line score-begging, SL002 -- approved "),
            Some(Directive::DisableNextLine(vec!["score-begging".into(), "SL002".into()]))
        );
        assert_eq!(parse_directive("surveylint-enable"), Some(Directive::Enable(vec![])));
        assert_eq!(parse_directive("surveylint-disabled score-begging"), None);
        assert_eq!(parse_directive("just a comment"), None);
    }

    #[test]
    fn next_line_skips_blank_lines_and_other_directives() {
        let source = "é🙂\n<!-- surveylint-disable-next-line score-begging -->\n\n<!-- surveylint-disable-next-line -->\n  Verdienen we een 10?\nNog een regel\n";
        let found = find_suppressions(source, CommentStyle::Markdown);
        assert_eq!(rules_of(&found), vec![vec!["score-begging"], vec![]]);
        for suppression in &found {
            assert_eq!(&source[suppression.covers.start..suppression.covers.end], "Verdienen we een 10?");
        }
        assert_eq!(
            &source[found[0].directive.start..found[0].directive.end],
            "<!-- surveylint-disable-next-line score-begging -->"
        );
        assert_eq!(
            &source[found[0].line.start..found[0].line.end],
            "<!-- surveylint-disable-next-line score-begging -->\n"
        );
    }

    #[test]
    fn ranges_end_at_enable_or_end_of_file() {
        let source = "// surveylint-disable SL001\nA\n// surveylint-enable SL001\nB\n// surveylint-disable\nC\n";
        let found = find_suppressions(source, CommentStyle::Plain);
        assert_eq!(found.len(), 2);
        assert_eq!(&source[found[0].covers.start..found[0].covers.end], "A\n");
        assert_eq!(&source[found[1].covers.start..found[1].covers.end], "C\n");
    }

    /// Found by the fuzzer on LimeSurvey XML: deleting an unused directive's
    /// line took markup with it when the comment did not close on that line.
    #[test]
    fn a_directive_is_a_whole_line_holding_one_closed_comment() {
        let source = "<!-- surveylint-disable score-begging\n-->\n<!-- surveylint-disable --></rows>\n<!-- surveylint-disable -- a --> <!-- b -->\n<!-- note\n<!-- surveylint-disable -->\nGeef ons een 10!\n";
        assert_eq!(find_suppressions(source, CommentStyle::Html), Vec::new());
        let closed = "<!-- surveylint-disable-next-line score-begging -->\nGeef ons een 10!\n";
        assert_eq!(rules_of(&find_suppressions(closed, CommentStyle::Html)), vec![vec!["score-begging"]]);
    }

    #[test]
    fn comments_in_code_blocks_and_slashes_in_markdown_are_not_directives() {
        let source = "```\n<!-- surveylint-disable -->\n```\n// surveylint-disable\nVerdienen we een 10?\n";
        assert!(find_suppressions(source, CommentStyle::Markdown).is_empty());
        assert_eq!(find_suppressions(source, CommentStyle::Plain).len(), 2);
    }
}
