//! `surveylint debug TEXT|FILE`: what the engine sees and does, for rule authors.
//!
//! Prints per unit the language, the matching view with its sentences, the
//! word classes found in it, and every pattern match with its rule file and
//! line and why it was or was not reported (disabled, other context, an
//! exception, overlapped by another match of the rule). LanguageTool's
//! analyser is the model: when a rule does not fire, this says where it
//! stopped.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;
use surveylint::trace::{Outcome, UnitTrace};
use surveylint::{Document, Language, LintOptions, Linter, TextFormat};

use crate::input;

/// Runs `debug` on `target`: a file when one exists at that path, else the text itself.
pub fn run(linter: &Linter, target: &str, language: Option<Language>, json: bool) -> anyhow::Result<()> {
    let path = Path::new(target);
    let document = if path.is_file() {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {target}"))?;
        input::parse(Some(path), bytes, None, None).map_err(|error| anyhow::anyhow!("{target}: {}", error.0))?.document
    } else {
        surveylint::parse_text(target, TextFormat::Plain)
    };
    let traces = linter.trace(&document, &LintOptions::with_language(language));
    let text = if json { serde_json::to_string_pretty(&traces)? + "\n" } else { render(&document, &traces) };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// The human-readable trace.
pub fn render(document: &Document, traces: &[UnitTrace]) -> String {
    let mut out = String::new();
    for trace in traces {
        let Some(unit) = document.units.get(trace.unit) else { continue };
        let _ = writeln!(out, "unit {} ({:?}, {})", trace.unit + 1, unit.kind, trace.language.code());
        let _ = writeln!(out, "  view: {:?}", trace.view);
        for shorter in &trace.shorter_readings {
            let _ = writeln!(out, "  without {}: {:?}", shorter.read_past, shorter.view);
        }
        for (number, sentence) in trace.sentences.iter().enumerate() {
            let _ = writeln!(out, "  sentence {}: {:?}", number + 1, &trace.view[sentence.clone()]);
        }
        if !trace.classes.is_empty() {
            // One line per stretch of the view, with every class it belongs to: a
            // word such as "the" is in many closed sets, and naming it once per
            // class would bury the rest.
            let mut by_stretch: std::collections::BTreeMap<(usize, usize), Vec<&str>> = Default::default();
            for hit in &trace.classes {
                by_stretch.entry((hit.range.start, hit.range.end)).or_default().push(&hit.class);
            }
            let _ = writeln!(out, "  classes:");
            for ((start, end), classes) in by_stretch {
                let names: Vec<String> = classes.iter().map(|class| format!("<@{class}>")).collect();
                let _ = writeln!(out, "    {:?}: {}", &trace.view[start..end], names.join(" "));
            }
        }
        if trace.tried.is_empty() {
            let _ = writeln!(out, "  no pattern matched");
        }
        for tried in &trace.tried {
            let matched = unit.text.get(tried.matched.clone()).unwrap_or_default();
            let why = match tried.outcome {
                Outcome::Reported => "reported".to_owned(),
                Outcome::Disabled => "not reported: the rule is not enabled".to_owned(),
                Outcome::OtherContext(context) => format!("not reported: the rule does not apply in a {context:?}"),
                Outcome::Excepted => "not reported: an exception of the rule matches the sentence".to_owned(),
                Outcome::Antipattern => "not reported: an antipattern of the rule matches words it flags".to_owned(),
                Outcome::EmptyFlag => "not reported: the flag group is empty".to_owned(),
                Outcome::NotAName => {
                    "not reported: the `name` group is not a capitalised name inside a sentence".to_owned()
                }
                Outcome::Overlapped => "not reported: another match of the rule overlaps it".to_owned(),
                Outcome::Candidate => "undecided".to_owned(),
            };
            let place = match tried.line {
                None => tried.origin.clone(),
                Some(line) => format!("{}:{line}", tried.origin),
            };
            let _ = writeln!(out, "  {} {place} {:?}: {why}", tried.rule, matched);
        }
        if !trace.searched_without_match.is_empty() {
            let patterns: Vec<String> = trace
                .searched_without_match
                .iter()
                .map(|pattern| format!("{} {}:{}", pattern.rule, pattern.origin, pattern.line))
                .collect();
            let _ = writeln!(out, "  searched, no match: {}", patterns.join(", "));
        }
        out.push('\n');
    }
    if traces.is_empty() {
        out.push_str("no text to lint\n");
    }
    out
}
