//! `surveylint rules` and `surveylint explain`.

use std::io::{self, Write};

use anyhow::{bail, Result};
use surveylint::{Language, Linter, Rule};

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

/// The full explanation of a rule, in one language or both.
pub fn explanation(rule: &Rule, language: Option<Language>) -> String {
    let mut text = format!(
        "{} ({}) — {}\n{}\nseverity: {}\n",
        rule.slug,
        rule.code,
        rule.summary,
        "=".repeat(rule.slug.len() + rule.code.len() + 3),
        rule.severity
    );
    let languages = language.map_or(Language::ALL.to_vec(), |language| vec![language]);
    for language in languages {
        let texts = rule.text(language);
        let (why, how, bad, good) = match language {
            Language::Dutch => ("Waarom", "Neutraal vragen", "Wordt gemeld", "Blijft stil"),
            Language::English => ("Why", "Ask neutrally", "Flagged", "Not flagged"),
        };
        text.push_str(&format!("\n[{}]\n{why}: {}\n\n{how}: {}\n", language.code(), texts.rationale, texts.advice));
        if let Some(replacement) = &texts.replacement {
            text.push_str(&format!("  → {replacement}\n"));
        }
        text.push_str(&format!("\n{bad}:\n"));
        for example in &texts.must_flag {
            text.push_str(&format!("  ✗ {}\n", example.replace("[[", "").replace("]]", "")));
        }
        text.push_str(&format!("{good}:\n"));
        for example in &texts.must_not_flag {
            text.push_str(&format!("  ✓ {example}\n"));
        }
    }
    if !rule.sources.is_empty() {
        text.push_str("\nSources:\n");
        for source in &rule.sources {
            text.push_str(&format!("  - {source}\n"));
        }
    }
    text
}
