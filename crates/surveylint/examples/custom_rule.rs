//! Embedding with a team's own rule and custom options: a rule file written
//! inline as TOML is added to the built-in catalogue, its examples are
//! checked, and the run forces Dutch, ignores one built-in rule and lowers
//! the severity of another.
//!
//! ```text
//! cargo run -p surveylint --example custom_rule
//! ```

// An example's job is to print.
#![allow(clippy::print_stdout)]

use std::error::Error;

use surveylint::{Language, LintOptions, Linter, Severity, TextFormat};

/// A house-style rule: no promises about how short the survey is. The format
/// is the one of `rules/*.toml` (see rules/README.md); every rule needs at
/// least five examples each way per language, and they are its tests.
const DURATION_PROMISE: &str = r#"
slug = "duration-promise"
code = "ACME001"
severity = "warning"
summary = "Promises that the survey takes only a few minutes."
sources = ["Acme house style guide, section 4: set expectations you can keep."]
contexts = ["text", "question"]
replace = "flag"

[nl]
message = "\"{match}\" belooft een duur; wie langer bezig is, haakt af of vult haastig in."
rationale = "Een te rooskleurige belofte over de duur leidt tot afhakers en snelle, slordige antwoorden aan het eind."
advice = "Noem het aantal vragen in plaats van een tijd."
replacement = "telt 8 vragen"
patterns = ['''\b(?P<flag>(?:duurt|kost)(?: u)? (?:maar|slechts|hooguit) (?:<1>|<2>|<3>|een paar|enkele) minu(?:ten|utjes?))''']
must-flag = [
    "Het invullen [[duurt maar 2 minuten]].",
    "Deze enquête [[kost u slechts enkele minuten]].",
    "Het [[duurt hooguit 3 minuten]], beloofd!",
    "Doet u mee? Het [[kost maar een paar minuutjes]].",
    "Het [[duurt slechts twee minuten]].",
]
must-not-flag = [
    "De enquête telt 8 vragen.",
    "Het invullen duurt ongeveer 10 minuten.",
    "Hoeveel minuten wachtte u op de monteur?",
    "U kunt op elk moment stoppen.",
    "Het duurt even voordat de resultaten bekend zijn.",
]

[en]
message = "\"{match}\" promises a duration; people who take longer drop out or rush."
rationale = "An optimistic promise about the length leads to drop-outs and hasty answers near the end."
advice = "State the number of questions instead of a time."
replacement = "has 8 questions"
patterns = ['''\b(?P<flag>(?:only )?takes (?:just |only )?(?:<1>|<2>|<3>|a few|a couple of) minutes?)''']
must-flag = [
    "It [[only takes 2 minutes]]!",
    "The survey [[takes just a few minutes]].",
    "It [[takes only three minutes]] of your time.",
    "Will you help? It [[takes a couple of minutes]].",
    "This [[only takes 1 minute]].",
]
must-not-flag = [
    "The survey has 8 questions.",
    "It takes about 10 minutes to complete.",
    "How many minutes did you wait?",
    "You can stop at any time.",
    "Results take a few weeks to arrive.",
]
"#;

fn main() -> Result<(), Box<dyn Error>> {
    let linter = build_linter()?;
    for line in report(&linter, "Deze enquête duurt maar 2 minuten. Verdienen we een 9 of 10?") {
        println!("{line}");
    }
    Ok(())
}

/// The built-in rules plus the house rule, whose examples must pass.
fn build_linter() -> Result<Linter, Box<dyn Error>> {
    // A broken rule file is an error naming the origin, line and column.
    let linter = Linter::builder().rule_file("acme/duration-promise.toml", DURATION_PROMISE).build()?;
    // The rule's own examples are its tests; run them like `surveylint test-rules`.
    if let Some(failure) = linter.check_examples("duration-promise").first() {
        return Err(
            format!("{} [{}] `{}`: {}", failure.rule, failure.language, failure.example, failure.problem).into()
        );
    }
    Ok(linter)
}

/// Lints `text` as Dutch with two rules only, score begging lowered to a
/// warning, and describes each finding and the text after its rewrite.
fn report(linter: &Linter, text: &str) -> Vec<String> {
    let mut options = LintOptions::with_language(Some(Language::Dutch));
    options.select = Some(vec!["duration-promise".to_owned(), "SL001".to_owned()]);
    options.severity.insert("score-begging".to_owned(), Severity::Warning);

    let mut lines = Vec::new();
    for finding in linter.lint_text(text, TextFormat::Plain, &options) {
        let words = &text[finding.span.start..finding.span.end];
        lines.push(format!("{} {} [{}] `{words}`", finding.severity, finding.code, finding.rule));
        for suggestion in &finding.suggestions {
            let span = suggestion.span;
            lines.push(format!("    rewrite: {}{}{}", &text[..span.start], suggestion.replacement, &text[span.end..]));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_house_rule_and_the_options_apply() {
        let linter = build_linter().map_err(|error| error.to_string());
        let Ok(linter) = linter else { panic!("{linter:?}") };
        assert_eq!(
            report(&linter, "Deze enquête duurt maar 2 minuten. Verdienen we een 9 of 10?"),
            [
                "warning ACME001 [duration-promise] `duurt maar 2 minuten`",
                "    rewrite: Deze enquête telt 8 vragen. Verdienen we een 9 of 10?",
                "warning SL001 [score-begging] `Verdienen we een 9 of 10`",
                "    rewrite: Deze enquête duurt maar 2 minuten. Welk cijfer van 0 tot 10 geeft u ons, en waarom?",
            ]
        );
    }

    #[test]
    fn a_broken_rule_file_names_its_line() {
        let broken = DURATION_PROMISE.replace("severity = \"warning\"", "severity = \"fatal\"");
        let error = Linter::builder().rule_file("acme/broken.toml", broken).build().map(|_| ());
        let message = error.map_err(|error| error.to_string()).err().unwrap_or_default();
        assert!(message.starts_with("acme/broken.toml:4:12: unknown variant `fatal`"), "{message}");
    }
}
