//! Building a [`Linter`]: reading rule files, validating them and compiling
//! their patterns (lazily, on first use).

use crate::engine;
use crate::language::Language;
use crate::rule::{self, RuleKind};
use crate::rule_id::RuleNames;
use crate::survey_rules::{self, SurveyCheck};
use crate::team_classes::{TeamClassFile, TeamClasses};
use crate::Error;

use super::{language_index, Linter};

/// A rule's compiled parts.
pub(super) struct CompiledRule {
    /// Exception patterns per language (Dutch, English): a match of one
    /// anywhere in the sentence silences the rule there.
    pub(super) exceptions: [engine::LazyPatterns; 2],
    /// Antipatterns per language: a match of one that overlaps the flagged
    /// words silences that match only.
    pub(super) antipatterns: [engine::LazyPatterns; 2],
    /// The built-in logic of a survey rule.
    pub(super) survey_check: Option<SurveyCheck>,
}

/// All phrase patterns of one language; their trigger scanner is built on
/// first use, each pattern compiled the first time its literals occur.
pub(super) struct LanguageMatcher {
    pub(super) patterns: engine::LazyPatternSet,
    /// The rule (index) each pattern belongs to.
    pub(super) owners: Vec<usize>,
}

/// Collects rule files and builds a [`Linter`].
#[derive(Debug, Clone)]
pub struct LinterBuilder {
    builtin: bool,
    files: Vec<(String, String)>,
    classes: Vec<TeamClassFile>,
}

impl Default for LinterBuilder {
    fn default() -> LinterBuilder {
        LinterBuilder { builtin: true, files: Vec::new(), classes: Vec::new() }
    }
}

impl LinterBuilder {
    /// Whether the built-in catalogue is included (it is by default).
    pub fn builtin_rules(mut self, include: bool) -> LinterBuilder {
        self.builtin = include;
        self
    }

    /// Adds a rule file; `origin` (usually its path) names it in errors and in [`crate::Rule::origin`].
    pub fn rule_file(mut self, origin: impl Into<String>, source: impl Into<String>) -> LinterBuilder {
        self.files.push((origin.into(), source.into()));
        self
    }

    /// Adds a word class of a team's rule pack (`lexicon/<language>/<name>.txt`
    /// beside its rule files): one regex fragment per line, `#` comments, as
    /// the built-in classes. The rule files added with [`LinterBuilder::rule_file`]
    /// name it as `<@name>` in patterns and exceptions of that language.
    /// `origin` (usually its path) names it in errors.
    pub fn class_file(
        mut self,
        language: Language,
        name: impl Into<String>,
        origin: impl Into<String>,
        source: impl Into<String>,
    ) -> LinterBuilder {
        self.classes.push(TeamClassFile { language, name: name.into(), origin: origin.into(), source: source.into() });
        self
    }

    /// Parses and compiles every rule. Fails on the first broken rule or
    /// class file, naming the file and line.
    pub fn build(self) -> Result<Linter, Error> {
        let team_classes = TeamClasses::new(&self.classes)?;
        let parsed = self.parse(&team_classes)?;
        let mut rules = Vec::with_capacity(parsed.len());
        let mut compiled = Vec::with_capacity(parsed.len());
        let mut patterns: [Vec<(String, usize, String)>; 2] = [Vec::new(), Vec::new()];
        let mut owners: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
        for (index, parsed_rule) in parsed.iter().enumerate() {
            let origin = parsed_rule.rule.origin.as_str();
            let survey_check = survey_check_of(parsed_rule)?;
            for language in Language::ALL {
                let slot = language_index(language);
                if parsed_rule.rule.kind == RuleKind::Phrase {
                    for (pattern, line) in parsed_rule.patterns.get(&language).into_iter().flatten() {
                        patterns[slot].push((pattern.clone(), *line, origin.to_owned()));
                        owners[slot].push(index);
                    }
                }
            }
            // Checked when the rule was parsed; compiled the first time the rule matches.
            let per_language = |by_language: &std::collections::BTreeMap<Language, rule::LocatedPatterns>| {
                Language::ALL.map(|language| {
                    let located: Vec<(String, usize, &str)> = by_language
                        .get(&language)
                        .into_iter()
                        .flatten()
                        .map(|(pattern, line)| (pattern.clone(), *line, origin))
                        .collect();
                    engine::LazyPatterns::trusted(&located, language)
                })
            };
            compiled.push(CompiledRule {
                exceptions: per_language(&parsed_rule.exceptions),
                antipatterns: per_language(&parsed_rule.antipatterns),
                survey_check,
            });
            rules.push(parsed_rule.rule.clone());
        }
        let [dutch_patterns, english_patterns] = patterns;
        let [dutch_owners, english_owners] = owners;
        let matchers = [
            LanguageMatcher {
                patterns: engine::LazyPatternSet::new(dutch_patterns, Language::Dutch),
                owners: dutch_owners,
            },
            LanguageMatcher {
                patterns: engine::LazyPatternSet::new(english_patterns, Language::English),
                owners: english_owners,
            },
        ];
        let names =
            RuleNames::new(rules.iter().map(|rule: &crate::rule::Rule| (rule.slug.as_str(), rule.code.as_str())));
        // Only uniqueness matters, not the order between threads.
        static BUILT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let identity = BUILT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Linter { rules, names, compiled, matchers, identity, team_classes: team_classes.traced() })
    }

    /// Every rule file parsed and checked, alphabetical by slug; fails on a
    /// broken file or on a slug or code defined twice.
    fn parse(&self, team_classes: &TeamClasses) -> Result<Vec<rule::ParsedRule>, Error> {
        // The built-in rule files were read at build time, and the test
        // suite checks their patterns, so they skip the syntax check that
        // user rule files get.
        let builtin = crate::catalogue::BUILTIN_RULE_FILES.iter().filter(|_| self.builtin).map(rule::parse_builtin);
        let from_users = self.files.iter().map(|(origin, source)| {
            let mut rule = rule::parse_rule_file(origin, source)?;
            if !team_classes.is_empty() {
                expand_team_classes(&mut rule, team_classes)?;
            }
            validate_patterns(&rule)?;
            Ok(rule)
        });
        let mut parsed = Vec::new();
        for rule in builtin.chain(from_users) {
            let rule: rule::ParsedRule = rule?;
            // Names are resolved in any letter case, so `sl001` and a slug
            // `sl001` would both claim SL001's name.
            if let Some(twin) = parsed.iter().find(|other: &&rule::ParsedRule| {
                other.rule.is_named(&rule.rule.slug) || other.rule.is_named(&rule.rule.code)
            }) {
                return Err(Error::RuleFile {
                    origin: rule.rule.origin.clone(),
                    line: 1,
                    column: 1,
                    message: format!(
                        "rule `{}` ({}) is already defined in {}",
                        rule.rule.slug, rule.rule.code, twin.rule.origin
                    ),
                });
            }
            parsed.push(rule);
        }
        parsed.sort_by(|a, b| a.rule.slug.cmp(&b.rule.slug));
        Ok(parsed)
    }
}

/// Pastes the entries of the team's word classes into a user rule's
/// patterns, exceptions and antipatterns ([`TeamClasses::expand`]).
fn expand_team_classes(parsed_rule: &mut rule::ParsedRule, classes: &TeamClasses) -> Result<(), Error> {
    let origin = parsed_rule.rule.origin.clone();
    for (language, patterns) in parsed_rule.every_pattern_mut() {
        for (pattern, line) in patterns.iter_mut() {
            *pattern = classes.expand(pattern, *language).map_err(|message| Error::RuleFile {
                origin: origin.clone(),
                line: *line,
                column: 1,
                message: format!("invalid pattern `{pattern}`: {message}"),
            })?;
        }
    }
    Ok(())
}

/// Checks the syntax of every pattern, exception and antipattern, naming the file and
/// line of a bad one. User rule files get this check when the linter is
/// built; the compiled automata themselves are built on first use.
fn validate_patterns(parsed_rule: &rule::ParsedRule) -> Result<(), Error> {
    let origin = parsed_rule.rule.origin.as_str();
    for (language, patterns) in parsed_rule.every_pattern() {
        let located: Vec<(String, usize, &str)> =
            patterns.iter().map(|(pattern, line)| (pattern.clone(), *line, origin)).collect();
        engine::LazyPatterns::new(&located, *language)?;
    }
    Ok(())
}

/// The built-in logic of a survey rule; `None` for a phrase rule. A survey
/// rule file without built-in logic of its name is an error.
fn survey_check_of(parsed_rule: &rule::ParsedRule) -> Result<Option<SurveyCheck>, Error> {
    match parsed_rule.rule.kind {
        RuleKind::Phrase => Ok(None),
        RuleKind::Survey => survey_rules::check_for(&parsed_rule.rule.slug).map(Some).ok_or_else(|| Error::RuleFile {
            origin: parsed_rule.rule.origin.clone(),
            line: 1,
            column: 1,
            message: format!(
                "`{}` is a survey rule, but surveylint has no built-in logic of that name",
                parsed_rule.rule.slug
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_pattern_set_compiles() {
        let linter = Linter::new();
        for matcher in &linter.matchers {
            let set = matcher.patterns.get();
            assert!(set.is_some(), "the built-in patterns compile: {:?}", matcher.patterns.error());
        }
    }

    /// The built-in rule file of score-begging, to make user rules from.
    fn score_begging_file() -> &'static str {
        let builtin = crate::catalogue::BUILTIN_RULES.iter().find(|(origin, _)| origin.ends_with("score-begging.toml"));
        builtin.map_or_else(|| panic!("score-begging is built in"), |(_, source)| *source)
    }

    #[test]
    fn a_bad_pattern_in_a_user_rule_names_its_line() {
        let source = score_begging_file();
        let broken = source
            .replace("slug = \"score-begging\"", "slug = \"my-rule\"")
            .replace("code = \"SL001\"", "code = \"TEAM1\"")
            .replacen("'''\\b", "'''(\\b", 1);
        let error =
            Linter::builder().rule_file("team/my-rule.toml", broken).build().err().map(|error| error.to_string());
        let message = error.unwrap_or_default();
        assert!(message.starts_with("team/my-rule.toml:") && message.contains("invalid pattern"), "{message}");
    }

    #[test]
    fn a_user_rule_may_not_take_a_builtin_name_in_another_case() {
        let source = score_begging_file();
        let same_code = source.replace("slug = \"score-begging\"", "slug = \"my-rule\"").replace("SL001", "sl001");
        let slug_is_a_code = source.replace("slug = \"score-begging\"", "slug = \"sl001\"").replace("SL001", "TEAM1");
        for (case, rule_file) in [("same code", same_code), ("slug is a code", slug_is_a_code)] {
            let error = Linter::builder().rule_file("team/my-rule.toml", rule_file).build().err();
            let message = error.map(|error| error.to_string()).unwrap_or_default();
            assert!(
                message.contains("is already defined in ") && message.contains("score-begging.toml"),
                "{case}: {message}"
            );
        }
    }

    #[test]
    fn every_builtin_exception_and_antipattern_set_compiles() {
        let linter = Linter::new();
        for (rule, compiled) in linter.rules.iter().zip(&linter.compiled) {
            let sets = [("exceptions", &compiled.exceptions), ("antipatterns", &compiled.antipatterns)];
            for (kind, set) in sets {
                for (language, patterns) in Language::ALL.into_iter().zip(set) {
                    let has_patterns = !patterns.is_empty();
                    assert_eq!(patterns.get().is_some(), has_patterns, "{} [{language}] {kind}", rule.slug);
                }
            }
        }
    }
}
