//! Hover text over flagged words: the rule, the message, why it matters and
//! how to ask instead, in the language of the flagged text.

use surveylint::Linter;

use crate::document::OpenDocument;

/// What a hover shows: Markdown, over the first finding at the place.
#[derive(Debug)]
pub(crate) struct HoverText<'a> {
    /// The sections of every finding at the place, one after the other.
    pub(crate) markdown: String,
    /// The finding whose words the hover underlines.
    pub(crate) finding: &'a surveylint::Diagnostic,
}

/// The hover for byte `offset` of `document`, or `None` when no finding covers it.
/// Several findings at the same place are shown one after the other.
pub(crate) fn hover<'a>(linter: &Linter, document: &'a OpenDocument, offset: usize) -> Option<HoverText<'a>> {
    let covering: Vec<&surveylint::Diagnostic> = document
        .findings
        .iter()
        .filter(|finding| finding.location.is_none() && finding.span.start <= offset && offset <= finding.span.end)
        .collect();
    let finding = covering.first()?;
    let sections: Vec<String> = covering.iter().map(|finding| explain(linter, finding)).collect();
    Some(HoverText { markdown: sections.join("\n\n---\n\n"), finding })
}

/// One finding's section: the rule's title, name and severity, the message,
/// then why and how to ask instead from [`surveylint::Rule::explanation`], in
/// the language of the flagged text and with its labels.
fn explain(linter: &Linter, finding: &surveylint::Diagnostic) -> String {
    let Some(rule) = linter.rule(&finding.rule) else {
        return format!("**{}** · `{}` · {}\n\n{}", finding.rule, finding.code, finding.severity, finding.message);
    };
    let explained = rule.explanation(finding.language);
    let labels = explained.labels;
    format!(
        "**{title}** · `{slug}` · `{code}` · {severity}\n\n{message}\n\n**{why_label}**\n\n{why}\n\n**{advice_label}**\n\n{advice}\n\n[{more}]({url})",
        title = explained.title,
        slug = explained.slug,
        code = explained.code,
        severity = finding.severity,
        message = finding.message,
        why_label = labels.why,
        why = explained.why,
        advice_label = labels.advice,
        advice = explained.advice,
        more = labels.more,
        url = explained.docs_url,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Markdown of one finding's hover, in each language of the text.
    fn hover_markdown(text: &str) -> String {
        let linter = Linter::new();
        let found = linter.lint_text(text, surveylint::TextFormat::Plain, &surveylint::LintOptions::default());
        let begging: Vec<String> = found
            .iter()
            .filter(|finding| finding.rule == "score-begging")
            .map(|finding| explain(&linter, finding))
            .collect();
        begging.join("\n\n---\n\n")
    }

    #[test]
    fn hover_renders_the_explanation_in_the_language_of_the_text() {
        insta::assert_snapshot!("hover_dutch_markdown", hover_markdown("Verdienen we een 9 of 10?"));
        insta::assert_snapshot!("hover_english_markdown", hover_markdown("Please rate us 5 stars!"));
    }
}
