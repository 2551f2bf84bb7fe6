//! `surveylint config [PATH]`: which configuration file applies to a path,
//! and every setting's value there after `[[overrides]]`.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Result;
use surveylint_config::{Config, LoadedConfig};

pub fn run(path: &Path, explicit: Option<&Path>) -> Result<()> {
    let loaded = match explicit {
        Some(file) => Some(Config::load(file)?),
        None => Config::discover(path)?,
    };
    let mut out = io::stdout().lock();
    let loaded = match loaded {
        Some(loaded) => {
            // Building the linter checks the extra rule files and every rule name.
            loaded.linter()?;
            loaded
        }
        None => {
            writeln!(out, "# no surveylint.toml, .surveylint.toml or [tool.surveylint] found; built-in defaults")?;
            LoadedConfig::from_config(Config::empty(Path::new("(none)")))?
        }
    };
    write!(out, "{}", loaded.effective_for(path))?;
    for entry in loaded.ignored_findings_for(path) {
        writeln!(out, "\n[[ignore-findings]] # line {}", entry.line)?;
        writeln!(out, "file = {}", quote(&entry.file.pattern))?;
        if let Some(question) = &entry.question {
            writeln!(out, "question = {}", quote(question))?;
        }
        let rules: Vec<String> = entry.rules.iter().map(|rule| quote(&rule.value)).collect();
        writeln!(out, "rules = [{}]", rules.join(", "))?;
    }
    Ok(())
}

/// A TOML basic string.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quote_escapes_like_toml() {
        assert_eq!(super::quote("a\"b\\c\u{1b}é"), "\"a\\\"b\\\\c\\u001Bé\"");
    }
}
