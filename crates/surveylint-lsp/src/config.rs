//! The two layers of configuration and how they combine into [`LintOptions`].
//!
//! The bottom layer is the team's configuration file, read by
//! `surveylint-config` exactly as the command line reads it (`surveylint.toml`,
//! `.surveylint.toml` or `[tool.surveylint]` in `pyproject.toml`, with
//! overrides, extra rules and ignored findings). On top of it come the
//! client's settings: section `surveylint` of `workspace/configuration`, or
//! `initializationOptions`.

use std::collections::BTreeMap;

use serde::Deserialize;
use surveylint::{Language, LintOptions, Severity};

/// The configuration files "disable this rule for the workspace" may edit.
/// `pyproject.toml` is left to its owners.
pub(crate) const EDITABLE_CONFIG_FILE_NAMES: [&str; 2] = ["surveylint.toml", ".surveylint.toml"];

/// A rule's severity as configured: a [`Severity`] or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleLevel {
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
pub(crate) struct LanguageChoice(pub(crate) Option<Language>);

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

/// The client's settings (`surveylint` section). Unknown keys are ignored,
/// since editors put their own (`trace.server`) in the same section.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub(crate) struct ClientSettings {
    /// When false the server publishes no diagnostics.
    pub(crate) enable: bool,
    /// `auto` detects each text's language.
    pub(crate) language: LanguageChoice,
    /// Severity overrides by slug or code; `off` disables the rule.
    pub(crate) severity: BTreeMap<String, RuleLevel>,
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
    pub(crate) fn from_json(value: &serde_json::Value) -> Result<ClientSettings, String> {
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
pub(crate) struct Effective {
    /// False when the client turned the linter off.
    pub(crate) enabled: bool,
    /// The options for the core.
    pub(crate) options: LintOptions,
}

/// Lays the client's settings over the options from the configuration file:
/// the client's language wins unless it is `auto`, and its severities win per
/// rule. A client `off` adds the rule to `ignore`; a client severity does not
/// take a rule out of the file's `ignore`, so "disable this rule for the
/// workspace" cannot be undone by a user setting.
pub(crate) fn layer(mut options: LintOptions, client: &ClientSettings) -> Effective {
    if client.language.0.is_some() {
        options.language = client.language.0;
    }
    for (rule, level) in &client.severity {
        match level {
            RuleLevel::Off if !options.ignore.contains(rule) => options.ignore.push(rule.clone()),
            RuleLevel::Off => {}
            RuleLevel::On(severity) => {
                options.severity.insert(rule.clone(), *severity);
            }
        }
    }
    Effective { enabled: client.enable, options }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn file_options() -> LintOptions {
        let mut options = LintOptions::with_language(Some(Language::Dutch));
        options.ignore = vec!["SL002".to_owned()];
        options.severity.insert("praise".to_owned(), Severity::Info);
        options
    }

    #[test]
    fn default_settings_keep_the_file_options() {
        let effective = layer(file_options(), &ClientSettings::default());
        assert!(effective.enabled);
        assert_eq!(effective.options, file_options());
    }

    #[test]
    fn client_settings_win_over_the_file() {
        let client = ClientSettings::from_json(&json!({
            "surveylint": { "enable": true, "language": "en", "severity": { "praise": "hint", "score-begging": "off", "SL002": "error" }, "trace": { "server": "off" } }
        }))
        .expect("valid settings");
        let effective = layer(file_options(), &client);
        assert_eq!(effective.options.language, Some(Language::English));
        assert_eq!(effective.options.severity.get("praise"), Some(&Severity::Hint));
        // `off` adds to the file's ignore list; a severity does not take a rule out of it.
        assert_eq!(effective.options.ignore, vec!["SL002".to_owned(), "score-begging".to_owned()]);
    }

    #[test]
    fn auto_keeps_the_file_language_and_null_is_default() {
        let client =
            ClientSettings::from_json(&json!({ "language": "auto", "enable": false })).expect("valid settings");
        let effective = layer(file_options(), &client);
        assert_eq!(effective.options.language, Some(Language::Dutch));
        assert!(!effective.enabled);
        assert_eq!(ClientSettings::from_json(&serde_json::Value::Null), Ok(ClientSettings::default()));
    }

    #[test]
    fn bad_settings_say_what_is_wrong() {
        let language = ClientSettings::from_json(&json!({ "language": "fr" })).expect_err("invalid language");
        assert!(language.contains("unknown language `fr`"), "{language}");
        let severity = ClientSettings::from_json(&json!({ "severity": { "score-begging": "loud" } }))
            .expect_err("invalid severity");
        assert!(severity.contains("unknown severity `loud`"), "{severity}");
    }
}
