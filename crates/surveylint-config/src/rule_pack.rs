//! A team's rule pack: the `*.toml` rule files of one folder, and the word
//! classes in its `lexicon/<language>/<name>.txt` (`lexicon/nl/`,
//! `lexicon/en/`), which its patterns name as `<@name>`. Read by
//! `extra-rules` and by `surveylint test-rules`.

use std::path::{Path, PathBuf};

use surveylint::{Language, LinterBuilder};

use crate::{read, Error};

/// The files of one rule pack, read but not yet checked: the linter builder
/// checks them and names the file and line of a broken one.
#[derive(Debug, Clone, Default)]
pub struct RulePack {
    /// `(path, text)` of every rule file, sorted by name.
    pub rule_files: Vec<(PathBuf, String)>,
    /// Every word class, sorted by language and name.
    pub class_files: Vec<ClassFile>,
}

/// One word class of a rule pack.
#[derive(Debug, Clone)]
pub struct ClassFile {
    /// The language of its folder (`lexicon/nl/` or `lexicon/en/`).
    pub language: Language,
    /// The file name without `.txt`: what a pattern writes after `<@`.
    pub name: String,
    /// Where it was read from; names it in errors.
    pub path: PathBuf,
    /// Its contents.
    pub text: String,
}

impl RulePack {
    /// Reads the pack in `dir`, whose listing the caller already has (so it
    /// can say in its own words that the folder cannot be read).
    pub fn read(dir: &Path, listing: std::fs::ReadDir) -> Result<RulePack, Error> {
        let mut rule_files = Vec::new();
        for path in sorted_paths(dir, listing)? {
            if path.extension().is_some_and(|extension| extension == "toml") && path.is_file() {
                let text = read(&path)?;
                rule_files.push((path, text));
            }
        }
        let class_files = read_lexicon(&dir.join("lexicon"))?;
        Ok(RulePack { rule_files, class_files })
    }

    /// Adds the pack's rule files and word classes to `builder`.
    pub fn add_to(&self, mut builder: LinterBuilder) -> LinterBuilder {
        for class in &self.class_files {
            builder = builder.class_file(class.language, &class.name, class.path.display().to_string(), &class.text);
        }
        for (path, text) in &self.rule_files {
            builder = builder.rule_file(path.display().to_string(), text);
        }
        builder
    }
}

/// The classes in `lexicon/nl/` and `lexicon/en/`; no `lexicon` folder means
/// no classes. Anything else in `lexicon/` is an error rather than silently
/// ignored: a folder `lexicon/NL/` or `lexicon/fr/` would otherwise leave
/// every pattern that names its classes failing with "unknown word class".
fn read_lexicon(lexicon: &Path) -> Result<Vec<ClassFile>, Error> {
    let listing = match std::fs::read_dir(lexicon) {
        Ok(listing) => listing,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(Error::Io { path: lexicon.to_path_buf(), message: "cannot list the folder".to_owned(), error })
        }
    };
    let mut classes = Vec::new();
    for folder in sorted_paths(lexicon, listing)? {
        let language = folder
            .file_name()
            .and_then(|name| name.to_str())
            .filter(|_| folder.is_dir())
            .and_then(|code| Language::ALL.into_iter().find(|language| language.code() == code));
        let Some(language) = language else {
            return Err(Error::RuleFile(surveylint::Error::RuleFile {
                origin: folder.display().to_string(),
                line: 1,
                column: 1,
                message: "a rule pack's lexicon/ holds only the folders nl/ and en/, one class file \
                          (<name>.txt) per word class"
                    .to_owned(),
            }));
        };
        let files = std::fs::read_dir(&folder).map_err(|error| Error::Io {
            path: folder.clone(),
            message: "cannot list the folder".to_owned(),
            error,
        })?;
        for path in sorted_paths(&folder, files)? {
            let name = path.file_stem().and_then(|stem| stem.to_str()).map(str::to_owned);
            match name {
                Some(name) if path.extension().is_some_and(|extension| extension == "txt") && path.is_file() => {
                    let text = read(&path)?;
                    classes.push(ClassFile { language, name, path, text });
                }
                _ => {}
            }
        }
    }
    Ok(classes)
}

fn sorted_paths(dir: &Path, listing: std::fs::ReadDir) -> Result<Vec<PathBuf>, Error> {
    let mut paths = Vec::new();
    for entry in listing {
        let entry = entry.map_err(|error| Error::Io {
            path: dir.to_path_buf(),
            message: "cannot list the folder".to_owned(),
            error,
        })?;
        paths.push(entry.path());
    }
    paths.sort();
    Ok(paths)
}
