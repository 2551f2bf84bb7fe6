//! Hover text over flagged words: the rule, the message, why it matters and
//! how to ask instead, in the language of the flagged text.

use surveylint::{Language, Linter};
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::convert;
use crate::document::OpenDocument;
use crate::encoding::Encoding;

/// The hover for byte `offset` of `document`, or `None` when no finding covers it.
/// Several findings at the same place are shown one after the other.
pub fn hover(linter: &Linter, document: &OpenDocument, offset: usize, encoding: Encoding) -> Option<Hover> {
    let covering: Vec<&surveylint::Diagnostic> = document
        .findings
        .iter()
        .filter(|finding| finding.location.is_none() && finding.span.start <= offset && offset <= finding.span.end)
        .collect();
    let first = covering.first()?;
    let sections: Vec<String> = covering.iter().map(|finding| explain(linter, finding)).collect();
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: Some(convert::finding_range(document, first, encoding)),
    })
}

fn explain(linter: &Linter, finding: &surveylint::Diagnostic) -> String {
    let (why, instead, more) = match finding.language {
        Language::Dutch => ("Waarom dit telt", "Zo vraagt u het neutraal", "Meer over deze regel"),
        Language::English => ("Why it matters", "Ask it neutrally", "More about this rule"),
    };
    let mut markdown =
        format!("**{}** · `{}` · {}\n\n{}", finding.rule, finding.code, finding.severity, finding.message);
    if let Some(rule) = linter.rule(&finding.rule) {
        let text = rule.text(finding.language);
        markdown.push_str(&format!("\n\n**{why}**\n\n{}\n\n**{instead}**\n\n{}", text.rationale, text.advice));
    }
    markdown.push_str(&format!("\n\n[{more}]({})", surveylint::rule_docs_url(&finding.rule)));
    markdown
}
