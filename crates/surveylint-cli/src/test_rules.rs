//! `surveylint test-rules DIR`: runs the examples of a team's own rule files,
//! the same check the built-in rules pass in surveylint's own test suite.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use surveylint::Linter;

use crate::ExitStatus;

pub fn run(dir: &Path) -> Result<ExitStatus> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read the folder", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "toml") && path.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        anyhow::bail!("{}: no rule files (*.toml) in this folder", dir.display());
    }
    let mut builder = Linter::builder();
    let mut origins = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).with_context(|| format!("{}: cannot read", file.display()))?;
        let origin = file.display().to_string();
        builder = builder.rule_file(origin.clone(), text);
        origins.push(origin);
    }
    // A broken file is an error (exit 2) naming the file and line.
    let linter = builder.build()?;

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
        writeln!(out, "{} rule file(s), {examples} examples: all pass", files.len())?;
        Ok(ExitStatus::Clean)
    } else {
        writeln!(out, "{} rule file(s), {examples} examples: {failures} failed", files.len())?;
        Ok(ExitStatus::Findings)
    }
}
