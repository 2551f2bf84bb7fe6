//! The two layers of configuration and how they combine into [`LintOptions`].
//!
//! The bottom layer is the workspace folder's `surveylint.toml` (or
//! `.surveylint.toml`); on top of it come the client's settings (section
//! `surveylint` of `workspace/configuration`, or `initializationOptions`).
//!
//! The team's configuration crate (`surveylint-config`) is being written at
//! the same time; until it lands, [`FileConfig`] reads only the keys the
//! server needs (`language`, `select`, `ignore`, `[severity]`) and leaves the
//! rest of the file to that crate, so unknown keys are not an error here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use surveylint::{Language, LintOptions, Severity};

/// The names a workspace configuration file may have, in order of preference.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["surveylint.toml", ".surveylint.toml"];

/// A rule's severity as configured: a [`Severity`] or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    /// Report findings at this severity.
    On(Severity),
    /// Do not run the rule.
    Off,
}

impl<'de> Deserialize<'de> for RuleLevel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<RuleLevel, D::Error> {
        let name = String::deserialize(deserializer)?;
        if name == "off" {
            return Ok(RuleLevel::Off);
        }
        Severity::parse(&name).map(RuleLevel::On).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown severity `{name}`, expected one of `error`, `warning`, `info`, `hint`, `off`"
            ))
        })
    }
}

/// `auto`, `nl` or `en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LanguageChoice(pub Option<Language>);

impl<'de> Deserialize<'de> for LanguageChoice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<LanguageChoice, D::Error> {
        let name = String::deserialize(deserializer)?;
        match name.as_str() {
            "auto" => Ok(LanguageChoice(None)),
            "nl" => Ok(LanguageChoice(Some(Language::Dutch))),
            "en" => Ok(LanguageChoice(Some(Language::English))),
            _ => Err(serde::de::Error::custom(format!("unknown language `{name}`, expected `auto`, `nl` or `en`"))),
        }
    }
}

/// The part of `surveylint.toml` the server reads.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct FileConfig {
    /// Force one language instead of detecting it.
    #[serde(default)]
    pub language: LanguageChoice,
    /// Only these rules run.
    #[serde(default)]
    pub select: Option<Vec<String>>,
    /// These rules do not run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity overrides by slug or code.
    #[serde(default)]
    pub severity: BTreeMap<String, RuleLevel>,
}

/// A configuration file that could not be read, with the file and position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct ConfigError {
    /// The file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl FileConfig {
    /// Parses a configuration file's text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<FileConfig, ConfigError> {
        toml::from_str(text).map_err(|error| {
            let (line, column) = error.span().map_or((1, 1), |span| line_column(text, span.start));
            ConfigError { path: path.display().to_string(), line, column, message: error.message().trim().to_owned() }
        })
    }

    /// Finds and reads the configuration file of a workspace folder.
    /// `Ok(None)` when the folder has none.
    pub fn load(folder: &Path) -> Result<Option<(PathBuf, FileConfig)>, ConfigError> {
        let Some(path) = find_config_file(folder) else { return Ok(None) };
        let text = std::fs::read_to_string(&path).map_err(|error| ConfigError {
            path: path.display().to_string(),
            line: 1,
            column: 1,
            message: format!("cannot read the file: {error}"),
        })?;
        FileConfig::parse(&path, &text).map(|config| Some((path, config)))
    }
}

/// The configuration file of `folder`, if it has one.
pub fn find_config_file(folder: &Path) -> Option<PathBuf> {
    CONFIG_FILE_NAMES.iter().map(|name| folder.join(name)).find(|path| path.is_file())
}

/// The client's settings (`surveylint` section). Unknown keys are ignored,
/// since editors put their own (`trace.server`) in the same section.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub struct ClientSettings {
    /// When false the server publishes no diagnostics.
    pub enable: bool,
    /// `auto` detects each text's language.
    pub language: LanguageChoice,
    /// Severity overrides by slug or code; `off` disables the rule.
    pub severity: BTreeMap<String, RuleLevel>,
}

impl Default for ClientSettings {
    fn default() -> ClientSettings {
        ClientSettings { enable: true, language: LanguageChoice(None), severity: BTreeMap::new() }
    }
}

impl ClientSettings {
    /// Reads settings sent by the client. `null` means defaults; the
    /// `surveylint` section may come wrapped (`{"surveylint": {...}}`), as
    /// `didChangeConfiguration` often sends it.
    pub fn from_json(value: &serde_json::Value) -> Result<ClientSettings, String> {
        let section = match value {
            serde_json::Value::Null => return Ok(ClientSettings::default()),
            serde_json::Value::Object(map) => map.get("surveylint").unwrap_or(value),
            _ => value,
        };
        if section.is_null() {
            return Ok(ClientSettings::default());
        }
        ClientSettings::deserialize(section).map_err(|error| format!("invalid `surveylint` settings: {error}"))
    }
}

/// What a document is linted with.
#[derive(Debug, Clone, PartialEq)]
pub struct Effective {
    /// False when the client turned the linter off.
    pub enabled: bool,
    /// The options for the core.
    pub options: LintOptions,
}

/// Lays the client's settings over the file's: the client's language wins
/// unless it is `auto`, and its severities (including `off`) win per rule.
/// A rule in the file's `ignore` list stays off whatever the client says, so
/// "disable this rule for the workspace" cannot be undone by a user setting.
pub fn combine(file: Option<&FileConfig>, client: &ClientSettings) -> Effective {
    let mut options = LintOptions::default();
    let mut levels = BTreeMap::new();
    if let Some(file) = file {
        options.language = file.language.0;
        options.select = file.select.clone();
        options.ignore = file.ignore.clone();
        levels.extend(file.severity.iter().map(|(rule, level)| (rule.clone(), *level)));
    }
    if client.language.0.is_some() {
        options.language = client.language.0;
    }
    levels.extend(client.severity.iter().map(|(rule, level)| (rule.clone(), *level)));
    for (rule, level) in levels {
        match level {
            RuleLevel::Off if !options.ignore.contains(&rule) => options.ignore.push(rule),
            RuleLevel::Off => {}
            RuleLevel::On(severity) => {
                options.severity.insert(rule, severity);
            }
        }
    }
    Effective { enabled: client.enable, options }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or(before).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn file_keys_become_options_and_other_keys_are_left_alone() {
        let text = "language = \"nl\"\nignore = [\"SL002\"]\nextra-rules = [\"rules/\"]\n[severity]\nscore-begging = \"warning\"\npraise = \"off\"\n";
        let file = FileConfig::parse(Path::new("surveylint.toml"), text).expect("valid config");
        let effective = combine(Some(&file), &ClientSettings::default());
        assert!(effective.enabled);
        assert_eq!(effective.options.language, Some(Language::Dutch));
        assert_eq!(effective.options.ignore, vec!["SL002".to_owned(), "praise".to_owned()]);
        let client = ClientSettings::from_json(&json!({ "severity": { "SL002": "error" } })).expect("valid settings");
        assert_eq!(combine(Some(&file), &client).options.ignore, vec!["SL002".to_owned(), "praise".to_owned()]);
        assert_eq!(effective.options.severity.get("score-begging"), Some(&Severity::Warning));
    }

    #[test]
    fn client_settings_win_over_the_file() {
        let file = FileConfig::parse(Path::new("s.toml"), "language = \"nl\"\n[severity]\nscore-begging = \"off\"\n")
            .expect("valid config");
        let client = ClientSettings::from_json(&json!({
            "surveylint": { "enable": true, "language": "en", "severity": { "score-begging": "hint" }, "trace": { "server": "off" } }
        }))
        .expect("valid settings");
        let effective = combine(Some(&file), &client);
        assert_eq!(effective.options.language, Some(Language::English));
        assert!(effective.options.ignore.is_empty());
        assert_eq!(effective.options.severity.get("score-begging"), Some(&Severity::Hint));
    }

    #[test]
    fn auto_keeps_the_file_language_and_null_is_default() {
        let file = FileConfig { language: LanguageChoice(Some(Language::Dutch)), ..FileConfig::default() };
        let client =
            ClientSettings::from_json(&json!({ "language": "auto", "enable": false })).expect("valid settings");
        let effective = combine(Some(&file), &client);
        assert_eq!(effective.options.language, Some(Language::Dutch));
        assert!(!effective.enabled);
        assert_eq!(ClientSettings::from_json(&serde_json::Value::Null), Ok(ClientSettings::default()));
    }

    #[test]
    fn bad_values_name_file_line_and_column() {
        let error =
            FileConfig::parse(Path::new("w/surveylint.toml"), "ignore = []\n[severity]\nscore-begging = \"loud\"\n")
                .expect_err("invalid severity");
        assert_eq!(error.path, "w/surveylint.toml");
        assert_eq!((error.line, error.column), (3, 17));
        assert!(error.message.contains("unknown severity `loud`"), "{}", error.message);
        let settings = ClientSettings::from_json(&json!({ "language": "fr" })).expect_err("invalid language");
        assert!(settings.contains("unknown language `fr`"), "{settings}");
    }
}
