//! The [`Linter`]: built once from rule files, then shared by every caller.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::{Diagnostic, Severity, Span, Suggestion};
use crate::document::{Document, UnitKind};
use crate::engine;
use crate::language::{self, Language, LanguageScore};
use crate::normalize::Normalized;
use crate::rule::{self, Context, ReplaceScope, Rule, RuleKind};
use crate::survey_rules::{self, SurveyCheck, SurveyContext, SurveyLimits, SurveyOverview};
use crate::text::{parse_text, TextFormat};
use crate::Error;

/// Per-run choices: the language, which rules run, their severities and thresholds.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct LintOptions {
    /// Treat every unit without a declared language as this language instead of detecting it.
    pub language: Option<Language>,
    /// When set, only these rules (slugs or codes) run.
    pub select: Option<Vec<String>>,
    /// Rules (slugs or codes) that do not run.
    pub ignore: Vec<String>,
    /// Severity overrides by slug or code.
    pub severity: BTreeMap<String, Severity>,
    /// Thresholds of the survey-level rules.
    pub limits: SurveyLimits,
}

impl LintOptions {
    /// Options that force `language`.
    pub fn with_language(language: Option<Language>) -> LintOptions {
        LintOptions { language, ..LintOptions::default() }
    }

    /// True when the rule runs under these options.
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        let selected = self.select.as_ref().is_none_or(|names| names.iter().any(|name| rule.is_named(name)));
        selected && !self.ignore.iter().any(|name| rule.is_named(name))
    }

    /// The rule's severity under these options.
    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity.iter().find(|(name, _)| rule.is_named(name)).map_or(rule.severity, |(_, severity)| *severity)
    }
}

/// A rule's compiled parts.
struct CompiledRule {
    /// Exception patterns per language (Dutch, English).
    exceptions: [engine::LazyPatterns; 2],
    /// The built-in logic of a survey rule.
    survey_check: Option<SurveyCheck>,
}

/// All phrase patterns of one language, compiled together on first use.
struct LanguageMatcher {
    patterns: engine::LazyPatternSet,
    /// The rule (index) each pattern belongs to.
    owners: Vec<usize>,
}

/// The rule engine. Build it once (a few milliseconds) and share it: it is
/// `Send + Sync`, and linting never mutates it.
pub struct Linter {
    rules: Vec<Rule>,
    compiled: Vec<CompiledRule>,
    matchers: [LanguageMatcher; 2],
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter").field("rules", &self.rules.len()).finish_non_exhaustive()
    }
}

fn language_index(language: Language) -> usize {
    match language {
        Language::Dutch => 0,
        Language::English => 1,
    }
}

impl Default for Linter {
    fn default() -> Linter {
        Linter::new()
    }
}

impl Linter {
    /// The linter with the built-in rule catalogue.
    #[allow(clippy::expect_used)]
    pub fn new() -> Linter {
        // The built-in catalogue is checked by the test suite; it cannot fail
        // on anything a caller passes in.
        Linter::builder().build().expect("the built-in rules are valid")
    }

    /// Starts a linter with custom rule files, with or without the built-ins.
    pub fn builder() -> LinterBuilder {
        LinterBuilder { builtin: true, files: Vec::new() }
    }

    /// Every rule, alphabetical by slug.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with this slug or code.
    pub fn rule(&self, slug_or_code: &str) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.is_named(slug_or_code))
    }

    /// Lints plain text or Markdown.
    pub fn lint_text(&self, text: &str, format: TextFormat, options: &LintOptions) -> Vec<Diagnostic> {
        self.lint(&parse_text(text, format), options)
    }

    /// Lints a document read by any reader. Diagnostics come in source order.
    pub fn lint(&self, document: &Document, options: &LintOptions) -> Vec<Diagnostic> {
        // The matching view of every unit serves both language detection and matching.
        let (views, languages) = analyse(document, options.language);
        let mut diagnostics = Vec::new();
        for (index, (language, view)) in languages.iter().zip(&views).enumerate() {
            diagnostics.extend(self.lint_unit(document, index, view, *language, options, None));
        }
        let context = SurveyContext::with_views(document, &languages, &options.limits, &views);
        for (rule, compiled) in self.rules.iter().zip(&self.compiled) {
            let Some(check) = compiled.survey_check else { continue };
            if !options.is_enabled(rule) {
                continue;
            }
            for finding in check(&context) {
                let Some(unit) = document.units.get(finding.unit) else { continue };
                let language = languages[finding.unit];
                let mut message = rule.text(language).message.clone();
                for (name, value) in &finding.arguments {
                    message = message.replace(&format!("{{{name}}}"), value);
                }
                let range = clamp_to_chars(&unit.text, finding.range.clone());
                diagnostics.push(Diagnostic {
                    rule: rule.slug.clone(),
                    code: rule.code.clone(),
                    severity: options.severity_of(rule),
                    language,
                    message,
                    span: unit.map.to_source(Span::new(range.start, range.end)),
                    location: unit.location.clone(),
                    unit: Some(finding.unit),
                    suggestions: Vec::new(),
                });
            }
        }
        diagnostics.sort_by(|a, b| (a.unit, a.span, &a.rule).cmp(&(b.unit, b.span, &b.rule)));
        crate::suppression::apply(self, document, &languages, options, diagnostics)
    }

    /// The questionnaire as a whole under these options: each unit's language,
    /// the number of questions, open questions and the estimated completion
    /// time, as the survey rules count them.
    pub fn overview(&self, document: &Document, options: &LintOptions) -> SurveyOverview {
        let (views, languages) = analyse(document, options.language);
        SurveyOverview::of(&SurveyContext::with_views(document, &languages, &options.limits, &views))
    }

    fn lint_unit(
        &self,
        document: &Document,
        index: usize,
        view: &Normalized,
        language: Language,
        options: &LintOptions,
        mut trace: Option<&mut Vec<crate::trace::Tried>>,
    ) -> Vec<Diagnostic> {
        let unit = &document.units[index];
        let matcher = &self.matchers[language_index(language)];
        let Some(patterns) = matcher.patterns.get() else { return Vec::new() };
        let sentences = engine::Sentences::new(&view.text);
        // Every match becomes a candidate; overlapping candidates of one rule
        // are settled below, after all of them are known.
        let mut candidates: Vec<Candidate> = Vec::new();
        // Whether a rule's exceptions match a sentence, decided once per sentence.
        let mut excepted: HashMap<(usize, usize, usize), bool> = HashMap::new();
        for found in patterns.find_all(&view.text) {
            let rule_index = matcher.owners[found.pattern];
            let rule = &self.rules[rule_index];
            // What `surveylint debug` shows for this match.
            let mut note = |outcome: crate::trace::Outcome| {
                if let Some(trace) = trace.as_deref_mut() {
                    let (origin, line) = matcher.patterns.origin(found.pattern).unwrap_or(("", 0));
                    trace.push(crate::trace::Tried {
                        rule: rule.slug.clone(),
                        origin: origin.to_owned(),
                        line,
                        matched: view.to_original(found.flag.clone()),
                        outcome,
                    });
                }
            };
            if !options.is_enabled(rule) {
                note(crate::trace::Outcome::Disabled);
                continue;
            }
            let sentence = sentences.around(&found.whole);
            let context = match unit.kind {
                UnitKind::Question => Context::Question,
                UnitKind::Option => Context::Option,
                _ if view.text[sentence.clone()].ends_with('?') => Context::Question,
                _ => Context::Text,
            };
            if !rule.contexts.contains(&context) {
                note(crate::trace::Outcome::OtherContext(context));
                continue;
            }
            let is_excepted = *excepted.entry((rule_index, sentence.start, sentence.end)).or_insert_with(|| {
                let exceptions = self.compiled[rule_index].exceptions[language_index(language)].get();
                exceptions.is_some_and(|exceptions| engine::matches_within(exceptions, &view.text, sentence.clone()))
            });
            if is_excepted {
                note(crate::trace::Outcome::Excepted);
                continue;
            }
            let flagged = view.to_original(found.flag.clone());
            let span = unit.map.to_source(Span::new(flagged.start, flagged.end));
            if flagged.is_empty() {
                note(crate::trace::Outcome::EmptyFlag);
                continue;
            }
            note(crate::trace::Outcome::Candidate);
            let text = rule.text(language);
            // A phrase wrapped over two lines is quoted on one line.
            let flagged_words = unit.text[flagged.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
            let mut suggestions = Vec::new();
            if let Some(template) = &text.replacement {
                let target = match rule.replace {
                    ReplaceScope::Match => view.to_original(found.whole.clone()),
                    ReplaceScope::Flag => flagged.clone(),
                    ReplaceScope::Sentence => view.to_original(sentence.clone()),
                };
                let replacement =
                    engine::expand_template(template, &found, |range| unit.text[view.to_original(range)].to_owned());
                let replacement = match_case(&unit.text[target.clone()], &replacement);
                // A rewrite the source cannot hold (a comma in a bare CSV field), or one that
                // would replace markup or bytes the reader skipped (a tag, a closing quote), is not offered.
                // A sentence rewrite stops at such a boundary instead.
                let replaceable =
                    unit.map
                        .replaceable_within(Span::new(target.start, target.end), Span::new(flagged.start, flagged.end))
                        .map(|span| {
                            if span == Span::new(target.start, target.end) {
                                span
                            } else {
                                trim_span(&unit.text, span)
                            }
                        });
                // Offered only when the source bytes are a fixed point of the map (they
                // decode to text that maps back to the same bytes; escape sequences are
                // widened whole): a map that cannot say where a character starts gets no rewrite.
                let source = replaceable.map(|target| (target, unit.map.to_source(target)));
                let exact = source.filter(|(_, source)| {
                    unit.map.to_decoded(*source).is_some_and(|decoded| unit.map.to_source(decoded) == *source)
                });
                if let (Some(replacement), Some((_, source))) = (unit.escape.encode(&replacement), exact) {
                    suggestions.push(Suggestion { span: source, replacement, safe: rule.fix_safe });
                }
            }
            candidates.push(Candidate {
                rule: rule_index,
                pattern: found.pattern,
                diagnostic: Diagnostic {
                    rule: rule.slug.clone(),
                    code: rule.code.clone(),
                    severity: options.severity_of(rule),
                    language,
                    message: text.message.replace("{match}", &flagged_words),
                    span,
                    location: unit.location.clone(),
                    unit: Some(index),
                    suggestions,
                },
            });
        }
        let kept = first_per_rule(candidates);
        if let Some(trace) = trace {
            // A candidate that is not among the kept findings lost to an overlapping one.
            for tried in trace.iter_mut().filter(|tried| tried.outcome == crate::trace::Outcome::Candidate) {
                let span = unit.map.to_source(Span::new(tried.matched.start, tried.matched.end));
                let reported = kept.iter().any(|finding| finding.rule == tried.rule && finding.span == span);
                tried.outcome =
                    if reported { crate::trace::Outcome::Reported } else { crate::trace::Outcome::Overlapped };
            }
        }
        kept
    }

    /// What the engine saw and did in each unit of `document`: its language,
    /// the matching view, sentences, the word classes found, and every
    /// pattern match with the reason it was or was not reported. For rule
    /// authors (`surveylint debug`); slower than [`Linter::lint`].
    pub fn trace(&self, document: &Document, options: &LintOptions) -> Vec<crate::trace::UnitTrace> {
        let (views, languages) = analyse(document, options.language);
        let mut traces = Vec::with_capacity(document.units.len());
        for (index, (language, view)) in languages.iter().zip(&views).enumerate() {
            let mut tried = Vec::new();
            self.lint_unit(document, index, view, *language, options, Some(&mut tried));
            traces.push(crate::trace::UnitTrace::new(index, *language, &view.text, tried));
        }
        traces
    }
}

/// The matching view of every unit and the language each is read in: made
/// once per document and shared by phrase matching, the survey rules, the
/// overview and the trace.
fn analyse(document: &Document, forced: Option<Language>) -> (Vec<Normalized>, Vec<Language>) {
    let views: Vec<Normalized> = document.units.iter().map(|unit| Normalized::new(&unit.text)).collect();
    let languages = resolve_languages(document, &views, forced);
    (views, languages)
}

/// A finding before overlaps between patterns of one rule are settled.
struct Candidate {
    rule: usize,
    /// Index of the pattern in the language's pattern set: rule files in
    /// order, each rule's patterns as written.
    pattern: usize,
    diagnostic: Diagnostic,
}

/// One finding per stretch of text and rule: when patterns of one rule flag
/// overlapping spans (a broad pattern for the phenomenon and a precise one
/// for its common wording), the leftmost flag wins, and of flags that start
/// together the one whose pattern is written first in the rule file; the
/// others are dropped. `O(n log n)` in the candidates.
fn first_per_rule(mut candidates: Vec<Candidate>) -> Vec<Diagnostic> {
    candidates.sort_by_key(|candidate| (candidate.diagnostic.span.start, candidate.pattern));
    // Per rule, the accepted spans by start (they never overlap each other).
    let mut accepted: HashMap<usize, std::collections::BTreeMap<usize, usize>> = HashMap::new();
    let mut kept = Vec::new();
    for Candidate { rule, diagnostic, .. } in candidates {
        let span = diagnostic.span;
        let spans = accepted.entry(rule).or_default();
        let before = spans.range(..=span.start).next_back().is_some_and(|(_, &end)| end > span.start);
        let after = spans.range(span.start..).next().is_some_and(|(&start, _)| start < span.end.max(span.start + 1));
        if before || after {
            continue;
        }
        spans.insert(span.start, span.end);
        kept.push(diagnostic);
    }
    kept
}

/// Capitalises the replacement when the text it replaces starts with a capital.
fn match_case(replaced: &str, replacement: &str) -> String {
    let starts_upper = replaced.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if starts_upper && first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_owned(),
    }
}

fn clamp_to_chars(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = crate::position::floor_char_boundary(text, range.start);
    start..crate::position::ceil_char_boundary(text, range.end.max(start))
}

/// Decides each unit's language: declared by the source, forced by the
/// caller, detected from the unit itself when it is clear, or else the
/// language of the document as a whole.
fn resolve_languages(document: &Document, views: &[Normalized], forced: Option<Language>) -> Vec<Language> {
    let scores: Vec<LanguageScore> = document
        .units
        .iter()
        .zip(views)
        .map(|(unit, view)| {
            if unit.language.is_none() && forced.is_none() {
                language::score(&view.text)
            } else {
                LanguageScore::default()
            }
        })
        .collect();
    let document_language = scores.iter().fold(LanguageScore::default(), |total, score| total.add(*score)).leaning();
    document
        .units
        .iter()
        .zip(&scores)
        .map(|(unit, score)| unit.language.or(forced).or_else(|| score.confident()).unwrap_or(document_language))
        .collect()
}

/// Collects rule files and builds a [`Linter`].
#[derive(Debug, Clone)]
pub struct LinterBuilder {
    builtin: bool,
    files: Vec<(String, String)>,
}

impl LinterBuilder {
    /// Whether the built-in catalogue is included (it is by default).
    pub fn builtin_rules(mut self, include: bool) -> LinterBuilder {
        self.builtin = include;
        self
    }

    /// Adds a rule file; `origin` (usually its path) names it in errors and in [`Rule::origin`].
    pub fn rule_file(mut self, origin: impl Into<String>, source: impl Into<String>) -> LinterBuilder {
        self.files.push((origin.into(), source.into()));
        self
    }

    /// Parses and compiles every rule. Fails on the first broken rule file,
    /// naming the file and line.
    pub fn build(self) -> Result<Linter, Error> {
        let builtin = if self.builtin { crate::catalogue::BUILTIN_RULES } else { &[] };
        let sources = builtin
            .iter()
            .map(|(origin, source)| (*origin, *source))
            .chain(self.files.iter().map(|(origin, source)| (origin.as_str(), source.as_str())));
        let mut parsed = Vec::new();
        for (position, (origin, source)) in sources.enumerate() {
            // The built-in catalogue is checked by the test suite, so its
            // patterns skip the syntax check that user rule files get.
            let trusted = position < builtin.len();
            let rule = rule::parse_rule_file(origin, source)?;
            if !trusted {
                rule.validate_patterns()?;
            }
            if let Some(twin) = parsed.iter().find(|other: &&rule::ParsedRule| {
                other.rule.slug == rule.rule.slug || other.rule.code == rule.rule.code
            }) {
                return Err(Error::RuleFile {
                    origin: origin.to_owned(),
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

        let mut rules = Vec::with_capacity(parsed.len());
        let mut compiled = Vec::with_capacity(parsed.len());
        let mut patterns: [Vec<(String, usize, String)>; 2] = [Vec::new(), Vec::new()];
        let mut owners: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
        for (index, parsed_rule) in parsed.iter().enumerate() {
            let origin = parsed_rule.rule.origin.as_str();
            let survey_check = match parsed_rule.rule.kind {
                RuleKind::Phrase => None,
                RuleKind::Survey => {
                    Some(survey_rules::check_for(&parsed_rule.rule.slug).ok_or_else(|| Error::RuleFile {
                        origin: origin.to_owned(),
                        line: 1,
                        column: 1,
                        message: format!(
                            "`{}` is a survey rule, but surveylint has no built-in logic of that name",
                            parsed_rule.rule.slug
                        ),
                    })?)
                }
            };
            let mut exceptions = Vec::with_capacity(2);
            for language in Language::ALL {
                let slot = language_index(language);
                if parsed_rule.rule.kind == RuleKind::Phrase {
                    for (pattern, line) in parsed_rule.patterns.get(&language).into_iter().flatten() {
                        patterns[slot].push((pattern.clone(), *line, origin.to_owned()));
                        owners[slot].push(index);
                    }
                }
                let rule_exceptions: Vec<(String, usize, &str)> = parsed_rule
                    .exceptions
                    .get(&language)
                    .into_iter()
                    .flatten()
                    .map(|(pattern, line)| (pattern.clone(), *line, origin))
                    .collect();
                exceptions.push(engine::LazyPatterns::trusted(&rule_exceptions, language));
            }
            let [dutch_exceptions, english_exceptions]: [engine::LazyPatterns; 2] =
                exceptions.try_into().map_err(|_| Error::RuleFile {
                    origin: origin.to_owned(),
                    line: 1,
                    column: 1,
                    message: "internal error: exceptions for two languages expected".to_owned(),
                })?;
            compiled.push(CompiledRule { exceptions: [dutch_exceptions, english_exceptions], survey_check });
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
        Ok(Linter { rules, compiled, matchers })
    }
}

/// `span` without the white space at its ends (a rewrite narrowed to a
/// piece boundary would otherwise eat the line break after a `<br>`).
fn trim_span(text: &str, span: Span) -> Span {
    let Some(inner) = text.get(span.start..span.end) else { return span };
    let start = span.start + (inner.len() - inner.trim_start().len());
    Span::new(start, (start + inner.trim().len()).max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_pattern_set_compiles() {
        let linter = Linter::new();
        for matcher in &linter.matchers {
            let set = matcher.patterns.get();
            assert!(set.is_some(), "the built-in patterns compile together: {:?}", matcher.patterns.error());
            // The lazy-DFA scanner, not the slow fallback: a rule set that
            // outgrows the scanner must fail here, not in users' hands.
        }
    }

    #[test]
    fn a_bad_pattern_in_a_user_rule_names_its_line() {
        let Some((_, source)) =
            crate::catalogue::BUILTIN_RULES.iter().find(|(origin, _)| origin.ends_with("score-begging.toml"))
        else {
            panic!("score-begging is built in")
        };
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
    fn every_builtin_exception_set_compiles() {
        let linter = Linter::new();
        for (rule, compiled) in linter.rules.iter().zip(&linter.compiled) {
            for (language, exceptions) in Language::ALL.into_iter().zip(&compiled.exceptions) {
                let has_patterns = !exceptions.is_empty();
                assert_eq!(exceptions.get().is_some(), has_patterns, "{} [{language}] exceptions", rule.slug);
            }
        }
    }

    #[test]
    fn linter_is_send_and_sync() {
        fn assert_shareable<T: Send + Sync>() {}
        assert_shareable::<Linter>();
    }

    #[test]
    fn match_case_capitalises() {
        assert_eq!(match_case("Hoe tevreden", "hoe tevreden of ontevreden"), "Hoe tevreden of ontevreden");
        assert_eq!(match_case("hoe", "hoe"), "hoe");
    }
}
