//! The simplest embedding: build the linter once, lint a questionnaire, print
//! each finding with its line, column and suggested rewrite.
//!
//! ```text
//! cargo run -p surveylint --example lint_survey               # the built-in sample
//! cargo run -p surveylint --example lint_survey -- survey.md  # your own file (Markdown)
//! ```

// An example's job is to print.
#![allow(clippy::print_stdout)]

use std::error::Error;

use surveylint::position::{ColumnUnit, LineIndex};
use surveylint::{LintOptions, Linter, TextFormat};

/// A short Dutch invitation with a begged-for score, as a car dealer might send it.
const SAMPLE: &str = "\
# Uw onderhoudsbeurt

Bedankt voor uw bezoek aan Garage Noord! Binnenkort krijgt u een korte enquête.

1. Hoe tevreden bent u over de afspraak?
   - Tevreden
   - Heel tevreden

2. Zou u ons aanraden en verdienen we een 9 of 10?
";

fn main() -> Result<(), Box<dyn Error>> {
    let (name, text) = match std::env::args().nth(1) {
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|error| format!("{path}: {error}"))?;
            (path, text)
        }
        None => ("sample.md".to_owned(), SAMPLE.to_owned()),
    };
    // Building compiles every rule's patterns: do it once and share the linter.
    let linter = Linter::new();
    for line in report(&linter, &name, &text) {
        println!("{line}");
    }
    Ok(())
}

/// One line per finding, `file:line:column: severity code [rule] `words``,
/// followed by its message and preferred rewrite, and a count at the end.
fn report(linter: &Linter, name: &str, text: &str) -> Vec<String> {
    let findings = linter.lint_text(text, TextFormat::Markdown, &LintOptions::default());
    // Built once: every finding's position is then a quick look-up.
    let index = LineIndex::new(text);
    let mut lines = Vec::new();
    for finding in &findings {
        // Spans are byte offsets into `text`, always on character boundaries.
        let words = &text[finding.span.start..finding.span.end];
        let (line, column) = index.line_column(text, finding.span.start, ColumnUnit::Char).one_based();
        lines.push(format!(
            "{name}:{line}:{column}: {} {} [{}] `{words}`",
            finding.severity, finding.code, finding.rule
        ));
        lines.push(format!("    {}", finding.message));
        if let Some(suggestion) = finding.suggestions.first() {
            lines.push(format!("    rewrite: {}", suggestion.replacement));
        }
    }
    lines.push(format!("{} finding(s)", findings.len()));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_reports_the_begged_score_with_its_position() {
        let lines = report(&Linter::new(), "sample.md", SAMPLE);
        let begging = lines.iter().position(|line| line.contains("[score-begging]"));
        let begging = begging.and_then(|index| lines.get(index..index + 3));
        assert_eq!(
            begging,
            Some(
                &[
                    "sample.md:9:26: error SL001 [score-begging] `verdienen we een 9 of 10`".to_owned(),
                    "    \"verdienen we een 9 of 10\" vraagt om een topscore; het antwoord zegt dan niets meer over de ervaring.".to_owned(),
                    "    rewrite: Welk cijfer van 0 tot 10 geeft u ons, en waarom?".to_owned(),
                ][..]
            )
        );
        assert!(lines.last().is_some_and(|count| count.ends_with(" finding(s)")));
    }
}
