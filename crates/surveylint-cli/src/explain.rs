//! `surveylint rules` and `surveylint explain`.

use std::io::{self, Write};

use anyhow::{bail, Result};
use surveylint::{Labels, Language, Linter, Rule};

pub fn list_rules(linter: &Linter, json: bool) -> Result<()> {
    let mut out = io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, linter.rules())?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{:<7} {:<26} {:<8} summary", "code", "rule", "severity")?;
    for rule in linter.rules() {
        writeln!(out, "{:<7} {:<26} {:<8} {}", rule.code, rule.slug, rule.severity.as_str(), rule.summary)?;
    }
    Ok(())
}

pub fn explain(linter: &Linter, name: &str, language: Option<Language>) -> Result<()> {
    let Some(rule) = linter.rule(name) else {
        bail!("no rule is named `{name}`; `surveylint rules` lists them all");
    };
    let mut out = io::stdout().lock();
    write!(out, "{}", explanation(rule, language))?;
    Ok(())
}

/// The full explanation of a rule, in one language or both, rendered from
/// [`Rule::explanation`] with its labels.
pub fn explanation(rule: &Rule, language: Option<Language>) -> String {
    let name = format!("{} ({})", rule.slug, rule.code);
    let mut text =
        format!("{name} — {}\n{}\nseverity: {}\n", rule.summary.trim(), "=".repeat(name.len()), rule.severity);
    let languages = language.map_or(Language::ALL.to_vec(), |language| vec![language]);
    for &language in &languages {
        let explained = rule.explanation(language);
        let labels = explained.labels;
        text.push_str(&format!("\n[{}] {}\n", language.code(), explained.title));
        text.push_str(&format!("{}: {}\n\n{}: {}\n", labels.why, explained.why, labels.advice, explained.advice));
        if let Some(rewrite) = explained.rewrite {
            text.push_str(&format!("  → {rewrite}\n"));
        }
        // A rule that does not apply to this language has no examples there.
        if !rule.languages.contains(&language) {
            continue;
        }
        text.push_str(&format!("\n{}:\n", labels.flagged));
        for example in &explained.flagged {
            text.push_str(&format!("  ✗ {}\n", example.text));
            if let Some(rewritten) = &example.rewritten {
                text.push_str(&format!("    → {rewritten}\n"));
            }
        }
        text.push_str(&format!("{}:\n", labels.not_flagged));
        for example in &explained.not_flagged {
            text.push_str(&format!("  ✓ {example}\n"));
        }
    }
    if !rule.sources.is_empty() {
        // In the one language asked for; in English when both are shown, like the summary.
        let labels = Labels::of(language.unwrap_or(Language::English));
        text.push_str(&format!("\n{}:\n", labels.sources));
        for source in &rule.sources {
            text.push_str(&format!("  - {source}\n"));
        }
    }
    text
}
