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
    Ok(())
}
