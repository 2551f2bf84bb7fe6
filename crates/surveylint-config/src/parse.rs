//! From TOML text to a [`Config`]: first every key is checked against the
//! schema (so a typo gets a "did you mean"), then the values are read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobMatcher};
use serde::Deserialize;
use surveylint::{Language, Severity};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::error::{line_column, Error};
use crate::suggest::closest;
use crate::{Config, FileMatcher, IgnoredFinding, Level, Located, Override, Settings};
use crate::{ConfiguredFormat, CustomFormatEntry};
use surveylint_formats::{CustomFormat, CustomLanguage, InputFormat, Selector};

/// Keys of the top level (of `surveylint.toml`, or of `[tool.surveylint]`).
const TOP_KEYS: &[&str] =
    &["language", "select", "ignore", "severity", "limits", "overrides", "extra-rules", "ignore-findings", "formats"];
/// Keys of an `[[overrides]]` entry.
const OVERRIDE_KEYS: &[&str] = &["files", "language", "select", "ignore", "severity", "limits"];
/// Keys of a `[limits]` table.
const LIMIT_KEYS: &[&str] = &["max-questions", "max-minutes"];
/// Keys of an `[[ignore-findings]]` entry.
const IGNORE_FINDING_KEYS: &[&str] = &["file", "question", "rules"];
/// Keys of the `[formats]` table.
const FORMATS_KEYS: &[&str] = &["custom"];
/// Keys of a `[[formats.custom]]` entry.
const CUSTOM_FORMAT_KEYS: &[&str] = &["files", "format", "question", "options", "text", "language"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    language: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<String, Spanned<String>>>,
    limits: Option<RawLimits>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    extra_rules: Vec<Spanned<String>>,
    #[serde(default)]
    ignore_findings: Vec<RawIgnoredFinding>,
    formats: Option<RawFormats>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFormats {
    #[serde(default)]
    custom: Vec<RawCustomFormat>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCustomFormat {
    files: Spanned<Vec<Spanned<String>>>,
    format: Option<Spanned<String>>,
    question: Option<Spanned<OneOrMany>>,
    options: Option<Spanned<OneOrMany>>,
    text: Option<Spanned<OneOrMany>>,
    language: Option<Spanned<String>>,
}

/// A selector or a list of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    files: Spanned<Vec<Spanned<String>>>,
    language: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<String, Spanned<String>>>,
    limits: Option<RawLimits>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLimits {
    max_questions: Option<Spanned<i64>>,
    max_minutes: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawIgnoredFinding {
    file: Spanned<String>,
    question: Option<String>,
    rules: Option<Vec<Spanned<String>>>,
}

/// `pyproject.toml` is someone else's file: only `[tool.surveylint]` is ours.
#[derive(Deserialize)]
struct Pyproject {
    tool: Option<PyprojectTool>,
}

#[derive(Deserialize)]
struct PyprojectTool {
    surveylint: Option<RawConfig>,
}

/// True when `path` is a `pyproject.toml`, whose settings live under `[tool.surveylint]`.
pub(crate) fn is_pyproject(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name == "pyproject.toml")
}

/// Parses a configuration file. `Ok(None)` for a `pyproject.toml` without a
/// `[tool.surveylint]` table: that file is not a surveylint configuration.
pub(crate) fn parse(text: &str, path: &Path) -> Result<Option<Config>, Error> {
    let reader = Reader { text, path };
    let document = DeTable::parse(text).map_err(|error| reader.toml_error(&error))?;
    let raw = if is_pyproject(path) {
        let section = document
            .get_ref()
            .get("tool")
            .and_then(|tool| as_table(tool.get_ref()))
            .and_then(|tool| tool.get("surveylint"));
        let Some(section) = section else { return Ok(None) };
        let Some(table) = as_table(section.get_ref()) else {
            return Err(reader.invalid(section.span().start, "`tool.surveylint` must be a table".to_owned()));
        };
        reader.check_keys(table, TOP_KEYS, "")?;
        let pyproject: Pyproject = toml::from_str(text).map_err(|error| reader.toml_error(&error))?;
        pyproject.tool.and_then(|tool| tool.surveylint)
    } else {
        reader.check_keys(document.get_ref(), TOP_KEYS, "")?;
        Some(toml::from_str::<RawConfig>(text).map_err(|error| reader.toml_error(&error))?)
    };
    raw.map(|raw| reader.convert(raw)).transpose()
}

fn as_table<'a, 'i>(value: &'a DeValue<'i>) -> Option<&'a DeTable<'i>> {
    match value {
        DeValue::Table(table) => Some(table),
        _ => None,
    }
}

struct Reader<'a> {
    text: &'a str,
    path: &'a Path,
}

impl Reader<'_> {
    fn invalid(&self, offset: usize, message: String) -> Error {
        let (line, column) = line_column(self.text, offset);
        Error::Invalid { path: self.path.to_path_buf(), line, column, message }
    }

    fn toml_error(&self, error: &toml::de::Error) -> Error {
        let offset = error.span().map_or(0, |span| span.start);
        self.invalid(offset, error.message().trim().to_owned())
    }

    fn located(&self, value: &Spanned<String>) -> Located {
        let (line, column) = line_column(self.text, value.span().start);
        Located { value: value.get_ref().clone(), line, column }
    }

    /// Checks a table's keys and, for the nested tables surveylint defines,
    /// their keys too. Values are checked later, by serde.
    fn check_keys(&self, table: &DeTable<'_>, allowed: &[&str], prefix: &str) -> Result<(), Error> {
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
                let (line, column) = line_column(self.text, key.span().start);
                return Err(Error::UnknownKey {
                    path: self.path.to_path_buf(),
                    line,
                    column,
                    key: format!("{prefix}{name}"),
                    suggestion: closest(name, allowed.iter().copied()),
                });
            }
            let nested = match name {
                "limits" => Some(LIMIT_KEYS),
                "overrides" => Some(OVERRIDE_KEYS),
                "ignore-findings" => Some(IGNORE_FINDING_KEYS),
                "formats" => Some(FORMATS_KEYS),
                "custom" if prefix == "formats." => Some(CUSTOM_FORMAT_KEYS),
                _ => None,
            };
            let Some(nested) = nested else { continue };
            let prefix = format!("{prefix}{name}.");
            match value.get_ref() {
                DeValue::Table(inner) => self.check_keys(inner, nested, &prefix)?,
                DeValue::Array(items) => {
                    for item in items.iter() {
                        if let DeValue::Table(inner) = item.get_ref() {
                            self.check_keys(inner, nested, &prefix)?;
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn convert(&self, raw: RawConfig) -> Result<Config, Error> {
        let base = self.settings(raw.language, raw.select, raw.ignore, raw.severity, raw.limits)?;
        let mut overrides = Vec::with_capacity(raw.overrides.len());
        for entry in raw.overrides {
            let settings = self.settings(entry.language, entry.select, entry.ignore, entry.severity, entry.limits)?;
            if entry.files.get_ref().is_empty() {
                return Err(self.invalid(entry.files.span().start, "`files` needs at least one glob".to_owned()));
            }
            let files = entry.files.into_inner().iter().map(|glob| self.matcher(glob)).collect::<Result<_, _>>()?;
            overrides.push(Override { files, settings });
        }
        let base_dir = self.path.parent().map(Path::to_path_buf).unwrap_or_default();
        let extra_rules =
            raw.extra_rules.iter().map(|dir| (self.located(dir), resolve(&base_dir, dir.get_ref()))).collect();
        let ignored_findings = raw
            .ignore_findings
            .iter()
            .map(|entry| {
                let (line, _) = line_column(self.text, entry.file.span().start);
                Ok(IgnoredFinding {
                    file: self.matcher(&entry.file)?,
                    question: entry.question.clone(),
                    rules: entry.rules.iter().flatten().map(|rule| self.located(rule)).collect(),
                    line,
                })
            })
            .collect::<Result<_, Error>>()?;
        let formats = raw
            .formats
            .unwrap_or_default()
            .custom
            .into_iter()
            .enumerate()
            .map(|(index, entry)| self.custom_format(index, entry))
            .collect::<Result<_, Error>>()?;
        Ok(Config { path: self.path.to_path_buf(), base, overrides, extra_rules, ignored_findings, formats })
    }

    fn settings(
        &self,
        language: Option<Spanned<String>>,
        select: Option<Vec<Spanned<String>>>,
        ignore: Option<Vec<Spanned<String>>>,
        severity: Option<BTreeMap<String, Spanned<String>>>,
        limits: Option<RawLimits>,
    ) -> Result<Settings, Error> {
        let language = language
            .map(|name| match name.get_ref().as_str() {
                "auto" => Ok(None),
                "nl" => Ok(Some(Language::Dutch)),
                "en" => Ok(Some(Language::English)),
                other => Err(self
                    .invalid(name.span().start, format!("unknown language '{other}', expected 'auto', 'nl' or 'en'"))),
            })
            .transpose()?;
        let mut levels = Vec::new();
        for (rule, level) in severity.into_iter().flatten() {
            let parsed = match level.get_ref().as_str() {
                "off" => Level::Off,
                name => Level::On(Severity::parse(name).ok_or_else(|| {
                    self.invalid(
                        level.span().start,
                        format!("unknown severity '{name}', expected 'error', 'warning', 'info', 'hint' or 'off'"),
                    )
                })?),
            };
            // The rule name's own span is lost in a map key; the value sits on the same line.
            let (line, column) = line_column(self.text, level.span().start);
            levels.push((Located { value: rule, line, column }, parsed));
        }
        let limits = limits.unwrap_or_default();
        let max_questions = limits
            .max_questions
            .map(|value| {
                usize::try_from(*value.get_ref()).ok().filter(|&count| count > 0).ok_or_else(|| {
                    self.invalid(value.span().start, "`max-questions` must be a positive whole number".into())
                })
            })
            .transpose()?;
        let max_minutes = limits
            .max_minutes
            .map(|value| {
                Some(*value.get_ref())
                    .filter(|minutes| minutes.is_finite() && *minutes > 0.0)
                    .ok_or_else(|| self.invalid(value.span().start, "`max-minutes` must be a positive number".into()))
            })
            .transpose()?;
        let names =
            |list: Option<Vec<Spanned<String>>>| list.map(|list| list.iter().map(|n| self.located(n)).collect());
        Ok(Settings {
            language,
            select: names(select),
            ignore: names(ignore),
            severity: levels,
            max_questions,
            max_minutes,
        })
    }

    /// Checks a `[[formats.custom]]` entry: its globs, and either a built-in
    /// `format` or selectors (each parsed now, so a typo points at its line).
    fn custom_format(&self, index: usize, entry: RawCustomFormat) -> Result<CustomFormatEntry, Error> {
        let start = entry.files.span().start;
        if entry.files.get_ref().is_empty() {
            return Err(self.invalid(start, "`files` needs at least one glob".to_owned()));
        }
        let files = entry.files.get_ref().iter().map(|glob| self.matcher(glob)).collect::<Result<_, _>>()?;
        let has_selectors = entry.question.is_some() || entry.options.is_some() || entry.text.is_some();
        let format = match (entry.format, has_selectors) {
            (Some(format), true) => {
                let message = "give either `format` or selectors (`question`, `options`, `text`), not both";
                return Err(self.invalid(format.span().start, message.to_owned()));
            }
            (Some(format), false) => {
                if let Some(language) = &entry.language {
                    let message = "`language` goes with selectors; for a built-in format set it in [[overrides]]";
                    return Err(self.invalid(language.span().start, message.to_owned()));
                }
                let found = InputFormat::from_name(format.get_ref()).ok_or_else(|| {
                    let names: Vec<&str> = InputFormat::ALL.iter().map(|format| format.name()).collect();
                    let suggestion = closest(format.get_ref(), names.iter().copied())
                        .map(|name| format!(", did you mean '{name}'?"));
                    self.invalid(
                        format.span().start,
                        format!("unknown format '{}'{}", format.get_ref(), suggestion.unwrap_or_default()),
                    )
                })?;
                ConfiguredFormat::Builtin(found)
            }
            (None, _) => {
                let Some(question) = entry.question else {
                    let message = "needs `question` selectors (and maybe `options`, `text`), or a built-in `format`";
                    return Err(self.invalid(start, message.to_owned()));
                };
                let language = match entry.language {
                    None => CustomLanguage::Detect,
                    Some(language) => match language.get_ref().as_str() {
                        "auto" => CustomLanguage::Detect,
                        "nl" => CustomLanguage::Fixed(Language::Dutch),
                        "en" => CustomLanguage::Fixed(Language::English),
                        written if written.starts_with('$') => CustomLanguage::Selector(
                            Selector::parse(written)
                                .map_err(|error| self.invalid(language.span().start, error.to_string()))?,
                        ),
                        other => {
                            let message =
                                format!("unknown language '{other}', expected 'auto', 'nl', 'en' or a selector such as '$.language'");
                            return Err(self.invalid(language.span().start, message));
                        }
                    },
                };
                let selectors = |value: Option<Spanned<OneOrMany>>| match value {
                    Some(value) => self.selectors(&value),
                    None => Ok(Vec::new()),
                };
                ConfiguredFormat::Selectors(CustomFormat {
                    questions: self.selectors(&question)?,
                    options: selectors(entry.options)?,
                    texts: selectors(entry.text)?,
                    language,
                })
            }
        };
        let (line, _) = line_column(self.text, start);
        Ok(CustomFormatEntry { number: index + 1, line, files, format })
    }

    /// Parses the selectors of one key; an error points at the value.
    fn selectors(&self, value: &Spanned<OneOrMany>) -> Result<Vec<Selector>, Error> {
        let written: Vec<&String> = match value.get_ref() {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many.iter().collect(),
        };
        if written.is_empty() {
            return Err(self.invalid(value.span().start, "needs at least one selector".to_owned()));
        }
        written
            .into_iter()
            .map(|selector| {
                Selector::parse(selector).map_err(|error| self.invalid(value.span().start, error.to_string()))
            })
            .collect()
    }

    /// Compiles a glob. A glob without `/` matches a file name in any
    /// folder (as in `.gitignore`); one with `/` matches the path relative to
    /// the configuration file's folder, and `*` never crosses a `/`.
    fn matcher(&self, glob: &Spanned<String>) -> Result<FileMatcher, Error> {
        let pattern = glob.get_ref().trim_start_matches("./");
        let compiled: Result<Glob, globset::Error> =
            GlobBuilder::new(pattern).literal_separator(true).backslash_escape(true).build();
        let compiled = compiled.map_err(|error| {
            self.invalid(glob.span().start, format!("invalid glob '{}': {}", glob.get_ref(), error.kind()))
        })?;
        let matcher: GlobMatcher = compiled.compile_matcher();
        Ok(FileMatcher { pattern: glob.get_ref().clone(), name_only: !pattern.contains('/'), matcher })
    }
}

/// A path from the configuration file, relative to its folder unless absolute.
fn resolve(base_dir: &Path, path: &str) -> PathBuf {
    let path = Path::new(path);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        base_dir.join(path)
    }
}
