//! `surveylint test-rules DIR`: runs the examples of a team's own rule files
//! (with the word classes of the folder's `lexicon/`), the same check the
//! built-in rules pass in surveylint's own test suite.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use surveylint::Linter;
use surveylint_config::RulePack;

use crate::ExitStatus;

pub fn run(dir: &Path) -> Result<ExitStatus> {
    let listing = std::fs::read_dir(dir).with_context(|| format!("{}: cannot read the folder", dir.display()))?;
    let pack = RulePack::read(dir, listing)?;
    if pack.rule_files.is_empty() {
        anyhow::bail!("{}: no rule files (*.toml) in this folder", dir.display());
    }
    let origins: Vec<String> = pack.rule_files.iter().map(|(path, _)| path.display().to_string()).collect();
    // A broken rule or class file is an error (exit 2) naming the file and line.
    let linter = pack.add_to(Linter::builder()).build()?;

    let mut out = io::stdout().lock();
    let mut failures = 0;
    let mut examples = 0;
    for rule in linter.rules().iter().filter(|rule| origins.contains(&rule.origin)) {
        examples +=
            [&rule.nl, &rule.en].iter().map(|text| text.must_flag.len() + text.must_not_flag.len()).sum::<usize>();
        for failure in linter.check_examples(&rule.slug) {
            writeln!(out, "{}: {failure}", rule.origin)?;
            failures += 1;
        }
    }
    if failures == 0 {
        writeln!(out, "{} rule file(s), {examples} examples: all pass", origins.len())?;
        Ok(ExitStatus::Clean)
    } else {
        writeln!(out, "{} rule file(s), {examples} examples: {failures} failed", origins.len())?;
        Ok(ExitStatus::Findings)
    }
}
