//! # surveylint-config
//!
//! Reads a team's configuration for the `surveylint` command line and the
//! language server: `surveylint.toml`, `.surveylint.toml` or the
//! `[tool.surveylint]` table of `pyproject.toml`. The core library does no
//! IO; this crate does the finding and reading, and hands the core plain
//! [`LintOptions`] and a [`Linter`].
//!
//! ```toml
//! language = "nl"                     # auto | nl | en
//! select = ["score-begging", "SL002"] # only these rules (slugs or codes); default: all
//! ignore = ["survey-length"]          # never these
//! extra-rules = ["team-rules"]        # folders of rule files, relative to this file
//!
//! [severity]                          # error | warning | info | hint | off
//! leading-question = "error"
//!
//! [limits]
//! max-questions = 15
//! max-minutes = 5
//!
//! [[overrides]]                       # later entries win; `ignore` adds, the other keys replace
//! files = ["invitations/*.md", "*.txt"]
//! ignore = ["missing-opt-out"]
//!
//! [[ignore-findings]]                 # for formats without comments (JSON surveys)
//! file = "surveys/nps.json"
//! question = "q_recommend"            # the question's `name`; leave out for the whole file
//! rules = ["nps-without-follow-up"]   # leave out for every rule
//!
//! [[formats.custom]]                  # JSON or YAML read through selectors (later entries win)
//! files = ["exports/*.json"]
//! question = "$.items[*].texts.*"     # a string or a list; JSONPath-like
//! options = "$.items[*].answers[*].label"
//! text = ["$.intro"]
//! language = "nl"                     # auto | nl | en | a selector such as "$.locale"
//!
//! [[formats.custom]]
//! files = ["typeform/*.json"]
//! format = "typeform"                 # or any built-in format: google-forms, surveymonkey, surveyjs, …
//! ```
//!
//! Typical use, once per linted file:
//!
//! ```no_run
//! # fn main() -> Result<(), surveylint_config::Error> {
//! use std::path::Path;
//! use surveylint_config::Config;
//!
//! let file = Path::new("surveys/klanttevredenheid.md");
//! if let Some(loaded) = Config::discover(file)? {
//!     let linter = loaded.linter()?; // built-ins plus extra-rules; checks every rule name
//!     let options = loaded.lint_options_for(file);
//!     let findings = linter.lint_text("Verdienen we een 10?", surveylint::TextFormat::Plain, &options);
//!     # let _ = findings;
//! }
//! # Ok(()) }
//! ```
//!
//! Every error names the file, line and column, and suggests the closest
//! valid key or rule: `surveylint.toml:3:1: unknown key 'ignroe', did you mean 'ignore'?`.

mod error;
mod findings;
mod parse;
mod rule_pack;
mod suggest;

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use globset::GlobMatcher;
use surveylint::{Language, LintOptions, Linter, Severity, SurveyLimits};
use surveylint_formats::{CustomFormat, InputFormat};

pub use error::Error;
pub use rule_pack::{ClassFile, RulePack};

/// The file names a configuration may have, in the order they are tried in
/// each folder. A `pyproject.toml` counts only when it has `[tool.surveylint]`.
pub const CONFIG_FILE_NAMES: [&str; 3] = ["surveylint.toml", ".surveylint.toml", "pyproject.toml"];

/// A value from the configuration file with the place it was written, so
/// later checks (unknown rule names) can point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The value as written.
    pub value: String,
    /// 1-based line in the configuration file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// A rule's configured level: a severity, or `off` (the rule does not run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Findings get this severity.
    On(Severity),
    /// The rule does not run, as if it were in `ignore`.
    Off,
}

/// The keys that may appear both at the top level and in `[[overrides]]`.
/// `None` means "not set here".
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Settings {
    /// `language`: `Some(None)` is `auto`.
    pub language: Option<Option<Language>>,
    /// `select`.
    pub select: Option<Vec<Located>>,
    /// `ignore`.
    pub ignore: Option<Vec<Located>>,
    /// `[severity]`, in file order.
    pub severity: Vec<(Located, Level)>,
    /// `limits.max-questions`.
    pub max_questions: Option<usize>,
    /// `limits.max-minutes`.
    pub max_minutes: Option<f64>,
}

/// A glob from the configuration and how it is matched.
#[derive(Debug, Clone)]
pub struct FileMatcher {
    /// The glob as written.
    pub pattern: String,
    /// True when the glob has no `/` and so matches the file name in any folder.
    name_only: bool,
    matcher: GlobMatcher,
}

impl FileMatcher {
    /// True when `relative` (a `/`-separated path relative to the
    /// configuration file's folder) matches.
    fn is_match(&self, relative: &str) -> bool {
        if self.name_only {
            let name = relative.rsplit('/').next().unwrap_or(relative);
            self.matcher.is_match(name)
        } else {
            self.matcher.is_match(relative)
        }
    }
}

/// One `[[overrides]]` entry: settings for the files its globs match.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Override {
    /// The `files` globs.
    pub files: Vec<FileMatcher>,
    /// The settings it changes.
    pub settings: Settings,
}

/// One `[[ignore-findings]]` entry: findings a team decided to keep in a
/// format that has no comments to put a suppression in (JSON surveys).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct IgnoredFinding {
    /// The `file` glob, relative to the configuration file's folder.
    pub file: FileMatcher,
    /// The question's `name`; `None` covers the whole file.
    pub question: Option<String>,
    /// Rules (slugs or codes); empty covers every rule.
    pub rules: Vec<Located>,
    /// The entry's line in the configuration file, for the unused-suppression report.
    pub line: usize,
}

/// How a `[[formats.custom]]` entry reads its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfiguredFormat {
    /// A built-in format (`format = "typeform"`).
    Builtin(InputFormat),
    /// Selectors (`question`, `options`, `text`, `language`).
    Selectors(CustomFormat),
}

/// One `[[formats.custom]]` entry.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CustomFormatEntry {
    /// Its 1-based place among the entries, for messages.
    pub number: usize,
    /// Its line in the configuration file.
    pub line: usize,
    /// The `files` globs.
    pub files: Vec<FileMatcher>,
    /// How matching files are read.
    pub format: ConfiguredFormat,
}

impl CustomFormatEntry {
    /// One line for `surveylint config`: which entry, and how it reads files.
    pub fn describe(&self) -> String {
        let how = match &self.format {
            ConfiguredFormat::Builtin(format) => format!("format {format}"),
            ConfiguredFormat::Selectors(custom) => {
                let list = |selectors: &[surveylint_formats::Selector]| {
                    selectors.iter().map(|selector| selector.as_str()).collect::<Vec<_>>().join(", ")
                };
                let mut parts = vec![format!("question {}", list(&custom.questions))];
                if !custom.options.is_empty() {
                    parts.push(format!("options {}", list(&custom.options)));
                }
                if !custom.texts.is_empty() {
                    parts.push(format!("text {}", list(&custom.texts)));
                }
                parts.join("; ")
            }
        };
        format!("[[formats.custom]] #{} (line {}): {how}", self.number, self.line)
    }
}

/// A parsed configuration file. Parsing does no IO; [`LoadedConfig`] adds
/// the extra rule files read from disk.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// The configuration file; relative paths in it are relative to its folder.
    pub path: PathBuf,
    /// The top-level settings.
    pub base: Settings,
    /// `[[overrides]]`, in file order.
    pub overrides: Vec<Override>,
    /// `extra-rules` as written, with the folder each resolves to.
    pub extra_rules: Vec<(Located, PathBuf)>,
    /// `[[ignore-findings]]`, in file order.
    pub ignored_findings: Vec<IgnoredFinding>,
    /// `[[formats.custom]]`, in file order.
    pub formats: Vec<CustomFormatEntry>,
}

impl Config {
    /// Parses configuration text. `origin` is the file's path: it names the
    /// file in errors, anchors relative paths, and a name of `pyproject.toml`
    /// means only `[tool.surveylint]` is read (missing: an empty configuration).
    pub fn from_toml_str(text: &str, origin: &Path) -> Result<Config, Error> {
        Ok(parse::parse(text, origin)?.unwrap_or_else(|| Config::empty(origin)))
    }

    /// A configuration with no settings, as if the file were empty.
    pub fn empty(origin: &Path) -> Config {
        Config {
            path: origin.to_path_buf(),
            base: Settings::default(),
            overrides: Vec::new(),
            extra_rules: Vec::new(),
            ignored_findings: Vec::new(),
            formats: Vec::new(),
        }
    }

    /// Finds the configuration for `start` (a file or folder): the nearest
    /// folder, from `start` up to the file-system root, holding one of
    /// [`CONFIG_FILE_NAMES`]. `Ok(None)` when there is none.
    pub fn discover(start: &Path) -> Result<Option<LoadedConfig>, Error> {
        let absolute = std::path::absolute(start).map_err(|error| Error::Io {
            path: start.to_path_buf(),
            message: "cannot resolve the path".to_owned(),
            error,
        })?;
        let first_dir = if absolute.is_dir() { Some(absolute.as_path()) } else { absolute.parent() };
        for dir in first_dir.into_iter().flat_map(Path::ancestors) {
            for name in CONFIG_FILE_NAMES {
                let candidate = dir.join(name);
                if !candidate.is_file() {
                    continue;
                }
                let shown = shown_path(&candidate);
                let text = read(&shown)?;
                if let Some(config) = parse::parse(&text, &shown)? {
                    return LoadedConfig::from_config(config).map(Some);
                }
            }
        }
        Ok(None)
    }

    /// Reads the configuration file at `path` (`--config PATH`). A
    /// `pyproject.toml` without `[tool.surveylint]` is an error here,
    /// because the user named it.
    pub fn load(path: &Path) -> Result<LoadedConfig, Error> {
        let text = read(path)?;
        match parse::parse(&text, path)? {
            Some(config) => LoadedConfig::from_config(config),
            None => Err(Error::Invalid {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message: "has no [tool.surveylint] table".to_owned(),
            }),
        }
    }
}

/// A configuration with its extra rule files read: what the command line
/// and the language server work with.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    config: Config,
    /// The rule files and word classes of every `extra-rules` folder.
    pack: RulePack,
}

impl LoadedConfig {
    /// Reads the `*.toml` rule files (sorted by name) and the word classes
    /// (`lexicon/<language>/<name>.txt`) of every `extra-rules` folder.
    pub fn from_config(config: Config) -> Result<LoadedConfig, Error> {
        let mut pack = RulePack::default();
        for (written, dir) in &config.extra_rules {
            let listing = std::fs::read_dir(dir).map_err(|error| Error::Invalid {
                path: config.path.clone(),
                line: written.line,
                column: written.column,
                message: format!("extra-rules folder '{}' cannot be read: {error}", written.value),
            })?;
            let folder = RulePack::read(dir, listing)?;
            pack.rule_files.extend(folder.rule_files);
            pack.class_files.extend(folder.class_files);
        }
        Ok(LoadedConfig { config, pack })
    }

    /// The configuration file this came from.
    pub fn path(&self) -> &Path {
        &self.config.path
    }

    /// The parsed configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The rule files read from the `extra-rules` folders, as `(path, text)`.
    pub fn rule_files(&self) -> &[(PathBuf, String)] {
        &self.pack.rule_files
    }

    /// The word classes read from the `extra-rules` folders' `lexicon/`.
    pub fn class_files(&self) -> &[ClassFile] {
        &self.pack.class_files
    }

    /// Builds the linter: the built-in rules plus the extra rule files. Then
    /// checks that every rule named in the configuration exists, so a typo
    /// in `ignore` is an error instead of silently ignoring nothing.
    pub fn linter(&self) -> Result<Linter, Error> {
        let linter = self.pack.add_to(Linter::builder()).build()?;
        self.check_rule_names(&linter)?;
        Ok(linter)
    }

    /// Fails on the first rule name in the configuration that `linter` does not know.
    pub fn check_rule_names(&self, linter: &Linter) -> Result<(), Error> {
        let config = &self.config;
        let settings = std::iter::once(&config.base).chain(config.overrides.iter().map(|entry| &entry.settings));
        let mut names: Vec<&Located> = Vec::new();
        for settings in settings {
            names.extend(settings.select.iter().flatten());
            names.extend(settings.ignore.iter().flatten());
            names.extend(settings.severity.iter().map(|(name, _)| name));
        }
        names.extend(config.ignored_findings.iter().flat_map(|entry| &entry.rules));
        for name in names {
            if linter.rule(&name.value).is_none() {
                let candidates = linter.rules().iter().flat_map(|rule| [rule.slug.as_str(), rule.code.as_str()]);
                return Err(Error::UnknownRule {
                    path: config.path.clone(),
                    line: name.line,
                    column: name.column,
                    name: name.value.clone(),
                    suggestion: suggest::closest(&name.value, candidates),
                });
            }
        }
        Ok(())
    }

    /// The settings that apply to `file` once the matching overrides are applied.
    pub fn effective_for(&self, file: &Path) -> Effective {
        let relative = self.relative(file);
        let mut effective = Effective {
            config: self.config.path.clone(),
            file: relative.clone(),
            language: None,
            select: None,
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            limits: SurveyLimits::default(),
            extra_rules: self.config.extra_rules.iter().map(|(_, dir)| dir.clone()).collect(),
            overrides: Vec::new(),
            format: self.format_for(file).map(CustomFormatEntry::describe),
        };
        effective.apply(&self.config.base);
        for (index, entry) in self.config.overrides.iter().enumerate() {
            if entry.files.iter().any(|glob| glob.is_match(&relative)) {
                effective.apply(&entry.settings);
                effective.overrides.push(index);
            }
        }
        effective
    }

    /// The `[[formats.custom]]` entry that says how to read `file`: the last
    /// one whose globs match, as with `[[overrides]]`.
    pub fn format_for(&self, file: &Path) -> Option<&CustomFormatEntry> {
        let relative = self.relative(file);
        self.config.formats.iter().rev().find(|entry| entry.files.iter().any(|glob| glob.is_match(&relative)))
    }

    /// The [`LintOptions`] for linting `file`.
    pub fn lint_options_for(&self, file: &Path) -> LintOptions {
        self.effective_for(file).lint_options()
    }

    /// `file` relative to the configuration file's folder, `/`-separated.
    /// A file outside that folder keeps its path as given.
    fn relative(&self, file: &Path) -> String {
        // `Path::parent` of a bare file name is the empty path, which means
        // the working folder but which `std::path::absolute` refuses.
        let base = self.config.path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let file_absolute = absolute(file);
        let relative = file_absolute.strip_prefix(absolute(base)).map_or(file, |relative| relative);
        let shown = relative.to_string_lossy();
        if std::path::MAIN_SEPARATOR == '/' {
            shown.into_owned()
        } else {
            shown.replace(std::path::MAIN_SEPARATOR, "/")
        }
    }
}

/// The settings in force for one file, after overrides: what
/// `surveylint config PATH` prints.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Effective {
    /// The configuration file.
    pub config: PathBuf,
    /// The file, relative to the configuration file's folder.
    pub file: String,
    /// The forced language; `None` detects it.
    pub language: Option<Language>,
    /// Only these rules run; `None` runs all.
    pub select: Option<Vec<String>>,
    /// These rules do not run (including those whose severity is `off`).
    pub ignore: Vec<String>,
    /// Severity per rule name.
    pub severity: BTreeMap<String, Severity>,
    /// Thresholds of the survey rules.
    pub limits: SurveyLimits,
    /// Folders of extra rule files.
    pub extra_rules: Vec<PathBuf>,
    /// Indexes of the `[[overrides]]` entries that matched.
    pub overrides: Vec<usize>,
    /// How the file is read, when a `[[formats.custom]]` entry says so.
    pub format: Option<String>,
}

impl Effective {
    fn apply(&mut self, settings: &Settings) {
        if let Some(language) = settings.language {
            self.language = language;
        }
        if let Some(select) = &settings.select {
            self.select = Some(select.iter().map(|name| name.value.clone()).collect());
        }
        // `ignore` adds up, so an override can switch a rule off for some
        // files without repeating the whole list.
        for name in settings.ignore.iter().flatten() {
            if !self.ignore.contains(&name.value) {
                self.ignore.push(name.value.clone());
            }
        }
        for (name, level) in &settings.severity {
            match level {
                Level::On(severity) => {
                    self.severity.insert(name.value.clone(), *severity);
                }
                Level::Off => {
                    if !self.ignore.contains(&name.value) {
                        self.ignore.push(name.value.clone());
                    }
                }
            }
        }
        if let Some(max_questions) = settings.max_questions {
            self.limits.max_questions = max_questions;
        }
        if let Some(max_minutes) = settings.max_minutes {
            self.limits.max_minutes = max_minutes;
        }
    }

    /// The options for the core.
    pub fn lint_options(&self) -> LintOptions {
        let mut options = LintOptions::with_language(self.language);
        options.select = self.select.clone();
        options.ignore = self.ignore.clone();
        options.severity = self.severity.clone();
        options.limits = self.limits.clone();
        options
    }
}

/// Prints the settings as TOML, with the file they come from as a comment.
impl fmt::Display for Effective {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "# configuration: {}", self.config.display())?;
        writeln!(f, "# file: {}", self.file)?;
        if !self.overrides.is_empty() {
            let list: Vec<String> = self.overrides.iter().map(|index| format!("#{}", index + 1)).collect();
            writeln!(f, "# matching [[overrides]]: {}", list.join(", "))?;
        }
        if let Some(format) = &self.format {
            writeln!(f, "# read as: {format}")?;
        }
        let language = match self.language {
            None => "auto",
            Some(Language::Dutch) => "nl",
            Some(Language::English) => "en",
        };
        writeln!(f, "language = {}", quote(language))?;
        match &self.select {
            Some(select) => writeln!(f, "select = {}", list(select))?,
            None => writeln!(f, "# select: every rule")?,
        }
        writeln!(f, "ignore = {}", list(&self.ignore))?;
        let dirs: Vec<String> = self.extra_rules.iter().map(|dir| dir.display().to_string()).collect();
        writeln!(f, "extra-rules = {}", list(&dirs))?;
        writeln!(f, "\n[severity]")?;
        for (name, severity) in &self.severity {
            writeln!(f, "{} = {}", quote(name), quote(severity.as_str()))?;
        }
        writeln!(f, "\n[limits]")?;
        writeln!(f, "max-questions = {}", self.limits.max_questions)?;
        writeln!(f, "max-minutes = {:?}", self.limits.max_minutes)
    }
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| quote(item)).collect();
    format!("[{}]", quoted.join(", "))
}

/// A TOML basic string.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|error| Error::Io {
        path: path.to_path_buf(),
        message: "cannot read".to_owned(),
        error,
    })
}

/// Shows a discovered file relative to the working folder when it is inside
/// it, so messages stay short and snapshot tests stay stable.
fn shown_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}
