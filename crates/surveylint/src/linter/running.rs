//! The lint pass: each unit's language and matching view, phrase matching,
//! the survey rules, then the document's suppressions.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::asides;
use crate::diagnostic::{Diagnostic, Span};
use crate::document::{Document, Unit, UnitKind};
use crate::engine;
use crate::fillers;
use crate::language::{self, Language, LanguageScore};
use crate::normalize::Normalized;
use crate::options::{LintOptions, RuleSettings};
use crate::proper_names;
use crate::question_form;
use crate::rule::{Context, ReplaceScope};
use crate::rule_id::{RuleId, RuleScope};
use crate::suppression::{drop_silenced, sort_findings, source_order, Silenced, Suppression};
use crate::survey_rules::SurveyContext;
use crate::trace::{Outcome, PatternAt, ShorterReading, Tried, UnitTrace};

use super::reporting::{self, Place, UnusedAt};
use super::{language_index, stages, Linter};

impl Linter {
    /// The whole pass over `document`; diagnostics in source order.
    /// It runs the stages of [`super::stages`], so the per-stage benchmarks
    /// time exactly this.
    pub(super) fn run(&self, document: &Document, options: &LintOptions) -> Vec<Diagnostic> {
        let settings = self.settings(options);
        // The matching view of every unit serves both language detection and matching.
        let analysis = stages::analyse(document, options);
        let phrase = stages::phrase_rules(self, document, &analysis, &settings);
        let survey = stages::survey_rules(self, document, &analysis, options, &settings);
        stages::finish(self, document, &analysis, options, &settings, phrase, survey)
    }

    /// The document-level steps after all findings are known: source order,
    /// then the document's suppressions. `findings` holds each unit's phrase
    /// findings, unit by unit, then the survey findings: the sort is stable,
    /// so that order decides between findings of one rule at one span.
    pub(super) fn finish(
        &self,
        document: &Document,
        languages: &[Language],
        forced: Option<Language>,
        settings: &RuleSettings,
        mut findings: Vec<(RuleId, Diagnostic)>,
    ) -> Vec<Diagnostic> {
        findings.sort_by(|(_, a), (_, b)| source_order(a, b));
        self.apply_suppressions(document, languages, forced, settings, findings)
    }

    /// The pass over each unit with what it tried kept (see [`Linter::trace`]).
    pub(super) fn run_traced(&self, document: &Document, options: &LintOptions) -> Vec<UnitTrace> {
        let settings = self.settings(options);
        let (views, languages) = analyse(document, options.language);
        let mut traces = Vec::with_capacity(document.units.len());
        for (index, (language, view)) in languages.iter().zip(&views).enumerate() {
            let mut tried = Vec::new();
            // The trace shows the view as the phrase rules read it.
            let read = view.for_phrase_rules(&document.units[index].text, *language);
            let view = read.as_ref().unwrap_or(view);
            let readings = UnitReadings::of(view, *language);
            self.lint_readings(document, index, &readings, *language, &settings, Some(&mut tried));
            let mut trace = UnitTrace::new(index, *language, &view.text, tried, &self.team_classes);
            trace.shorter_readings = readings
                .shorter
                .into_iter()
                .map(|reading| ShorterReading { read_past: reading.read_past.to_owned(), view: reading.view.text })
                .collect();
            trace.searched_without_match = self.searched_without_match(&trace.tried, view, *language);
            traces.push(trace);
        }
        traces
    }

    /// The patterns whose trigger literals occur in `view` but which did not
    /// match: what a rule author looks for when a pattern stays silent.
    fn searched_without_match(&self, tried: &[Tried], view: &Normalized, language: Language) -> Vec<PatternAt> {
        let matcher = &self.matchers[language_index(language)];
        let Some(patterns) = matcher.patterns.get() else { return Vec::new() };
        patterns
            .searched(&view.text)
            .into_iter()
            .filter_map(|pattern| {
                let (origin, line) = matcher.patterns.origin(pattern)?;
                let rule = &self.rules.get(*matcher.owners.get(pattern)?)?.slug;
                let matched = tried.iter().any(|tried| tried.origin == origin && tried.line == Some(line));
                (!matched).then(|| PatternAt { rule: rule.clone(), origin: origin.to_owned(), line })
            })
            .collect()
    }

    /// The findings of the enabled survey rules in `context`'s document.
    pub(super) fn survey_findings(
        &self,
        context: &SurveyContext<'_>,
        settings: &RuleSettings,
    ) -> Vec<(RuleId, Diagnostic)> {
        let mut findings = Vec::new();
        for (index, (rule, compiled)) in self.rules.iter().zip(&self.compiled).enumerate() {
            let id = RuleId::from_index(index);
            let Some(check) = compiled.survey_check else { continue };
            if !settings.is_enabled(id) {
                continue;
            }
            for finding in check(context) {
                let Some(unit) = context.document.units.get(finding.unit) else { continue };
                let language = context.language(finding.unit);
                let severity = settings.severity(id);
                findings.push((id, reporting::survey_finding(rule, severity, language, unit, &finding)));
            }
        }
        findings
    }

    /// The phrase findings in unit `index`. They depend on nothing but the
    /// unit itself (text, kind, source map, escape), its resolved `language`
    /// and `settings`, which is what lets [`super::LintCache`] keep them.
    pub(super) fn lint_unit(
        &self,
        document: &Document,
        index: usize,
        view: &Normalized,
        language: Language,
        settings: &RuleSettings,
    ) -> Vec<(RuleId, Diagnostic)> {
        let read = view.for_phrase_rules(&document.units[index].text, language);
        let readings = UnitReadings::of(read.as_ref().unwrap_or(view), language);
        self.lint_readings(document, index, &readings, language, settings, None)
    }

    /// [`Linter::lint_unit`] on a unit's [`UnitReadings`] (found by the
    /// caller, so that `surveylint debug` shows the shorter readings without
    /// finding them again): a match in any reading is a candidate, and
    /// overlapping candidates of one rule are settled together. With
    /// `trace`, also what each pattern match became (`surveylint debug`).
    fn lint_readings(
        &self,
        document: &Document,
        index: usize,
        readings: &UnitReadings,
        language: Language,
        settings: &RuleSettings,
        mut trace: Option<&mut Vec<Tried>>,
    ) -> Vec<(RuleId, Diagnostic)> {
        let unit = &document.units[index];
        let read = readings.whole;
        // The whole reading's sentences, found once for its own matches and
        // for the exceptions of the shorter readings.
        let sentences = engine::Sentences::new(&read.text);
        let whole = Reading::Whole(read, &sentences);
        let mut candidates = self.candidates(document, index, whole, language, settings, trace.as_deref_mut());
        for shorter in &readings.shorter {
            let whole = WholeReading { view: read, sentences: &sentences, cuts: &shorter.cuts };
            let first_reading = trace.as_deref().map_or(0, Vec::len);
            let reading = Reading::Shorter(&shorter.view, &whole);
            candidates.extend(self.candidates(document, index, reading, language, settings, trace.as_deref_mut()));
            if let Some(trace) = trace.as_deref_mut() {
                // A match that both readings find is shown once.
                for tried in trace.split_off(first_reading) {
                    if !trace.contains(&tried) {
                        trace.push(tried);
                    }
                }
            }
        }
        let mut kept = first_per_rule(candidates);
        let learned =
            self.learned_findings(unit, index, read, &sentences, language, settings, &kept, trace.as_deref_mut());
        kept.extend(learned);
        if let Some(trace) = trace {
            // A candidate that is not among the kept findings lost to an overlapping one.
            for tried in trace.iter_mut().filter(|tried| tried.outcome == Outcome::Candidate) {
                let span = unit.map.to_source(Span::new(tried.matched.start, tried.matched.end));
                let reported = kept.iter().any(|(_, finding)| finding.rule == tried.rule && finding.span == span);
                tried.outcome = if reported { Outcome::Reported } else { Outcome::Overlapped };
            }
        }
        kept
    }

    /// The candidate findings of the phrase rules in one `reading` of unit
    /// `index`; with `trace`, what each pattern match became.
    fn candidates(
        &self,
        document: &Document,
        index: usize,
        reading: Reading<'_>,
        language: Language,
        settings: &RuleSettings,
        mut trace: Option<&mut Vec<Tried>>,
    ) -> Vec<Candidate> {
        let shorter_sentences;
        let (view, sentences, whole) = match reading {
            Reading::Whole(view, sentences) => (view, sentences, None),
            Reading::Shorter(view, whole) => {
                shorter_sentences = engine::Sentences::new(&view.text);
                (view, &shorter_sentences, Some(whole))
            }
        };
        let unit = &document.units[index];
        let matcher = &self.matchers[language_index(language)];
        let Some(patterns) = matcher.patterns.get() else { return Vec::new() };
        let last_question_mark = view.text.rfind('?');
        // Every match becomes a candidate; overlapping candidates of one rule
        // are settled below, after all of them are known.
        let mut candidates: Vec<Candidate> = Vec::new();
        // Whether a sentence is a statement to rate, decided once per sentence.
        let mut rated: HashMap<(usize, usize), bool> = HashMap::new();
        // Whether a rule's exceptions match a sentence, decided once per sentence.
        let mut excepted: HashMap<(usize, usize, usize), bool> = HashMap::new();
        // Where a rule's antipatterns match in a sentence (unit text offsets), found once per sentence.
        let mut antipattern_matches: HashMap<(usize, usize, usize), Vec<Range<usize>>> = HashMap::new();
        for found in patterns.find_all(&view.text) {
            let rule_index = matcher.owners[found.pattern];
            let id = RuleId::from_index(rule_index);
            let rule = &self.rules[rule_index];
            // What `surveylint debug` shows for this match.
            let mut note = |outcome: Outcome| {
                if let Some(trace) = trace.as_deref_mut() {
                    let at = matcher.patterns.origin(found.pattern);
                    trace.push(Tried {
                        rule: rule.slug.clone(),
                        origin: at.map_or("", |(origin, _)| origin).to_owned(),
                        line: at.map(|(_, line)| line),
                        matched: view.to_original(found.flag.clone()),
                        outcome,
                    });
                }
            };
            if !settings.is_enabled(id) {
                note(Outcome::Disabled);
                continue;
            }
            if !names_a_person(&found, view, &unit.text) {
                note(Outcome::NotAName);
                continue;
            }
            let sentence = sentences.around(&found.scope);
            let context = context_of(unit.kind, &view.text, sentence.clone(), last_question_mark);
            // For a rule that reads statements to rate, such a statement is the
            // question of its item, and the rule's exceptions read it so: with a
            // `?` at its end.
            let is_rated = rule.contexts.contains(&Context::Statement)
                && matches!(context, Context::Text | Context::Question)
                && *rated.entry((sentence.start, sentence.end)).or_insert_with(|| {
                    let next = sentences.after(&sentence).map(|next| &view.text[next]);
                    question_form::is_rated_statement(&view.text[sentence.clone()], next, language)
                });
            let context = if is_rated { Context::Statement } else { context };
            if !rule.contexts.contains(&context) {
                note(Outcome::OtherContext(context));
                continue;
            }
            let is_excepted = *excepted.entry((rule_index, sentence.start, sentence.end)).or_insert_with(|| {
                let exceptions = &self.compiled[rule_index].exceptions[language_index(language)];
                let matches_in = |text: &str, range: Range<usize>| {
                    if is_rated {
                        let asked = as_question(&text[range]);
                        engine::matches_within(exceptions, &asked, 0..asked.len())
                    } else {
                        engine::matches_within(exceptions, text, range)
                    }
                };
                matches_in(&view.text, sentence.clone())
                    || whole.is_some_and(|whole| matches_in(&whole.view.text, whole.sentence_around(&sentence)))
            });
            if is_excepted {
                note(Outcome::Excepted);
                continue;
            }
            let flagged = view.to_original(found.flag.clone());
            // Most rules have no antipatterns: only those that do look them up, once per sentence.
            let rule_antipatterns = &self.compiled[rule_index].antipatterns[language_index(language)];
            let antipatterns: &[Range<usize>] = if rule_antipatterns.is_empty() {
                &[]
            } else {
                antipattern_matches.entry((rule_index, sentence.start, sentence.end)).or_insert_with(|| {
                    let mut found: Vec<Range<usize>> =
                        engine::matches_in(rule_antipatterns, &view.text, sentence.clone())
                            .into_iter()
                            .map(|range| view.to_original(range))
                            .collect();
                    if let Some(whole) = whole {
                        let in_whole =
                            engine::matches_in(rule_antipatterns, &whole.view.text, whole.sentence_around(&sentence));
                        found.extend(in_whole.into_iter().map(|range| whole.view.to_original(range)));
                    }
                    found
                })
            };
            if antipatterns.iter().any(|range| range.start < flagged.end && flagged.start < range.end) {
                note(Outcome::Antipattern);
                continue;
            }
            if flagged.is_empty() {
                note(Outcome::EmptyFlag);
                continue;
            }
            note(Outcome::Candidate);
            let mut suggestions = Vec::new();
            if let Some(template) = &rule.text(language).replacement {
                let replacement =
                    engine::expand_template(template, &found, |range| unit.text[view.to_original(range)].to_owned());
                let target = match rule.replace {
                    ReplaceScope::Match => engine::rewritten_part(&found, &view.text, replacement.is_empty())
                        .map(|part| view.to_original(part)),
                    ReplaceScope::Flag => Some(flagged.clone()),
                    ReplaceScope::Sentence => Some(view.to_original(sentence.clone())),
                };
                if let Some(target) = target {
                    suggestions.extend(reporting::rewrite(unit, target, flagged.clone(), &replacement, rule.fix_safe));
                }
            }
            let place = Place {
                span: unit.map.to_source(Span::new(flagged.start, flagged.end)),
                location: unit.location.clone(),
                unit: Some(index),
            };
            let message = reporting::phrase_message(rule, language, &unit.text[flagged]);
            let severity = settings.severity(id);
            candidates.push(Candidate {
                rule: id,
                pattern: found.pattern,
                diagnostic: reporting::diagnostic(rule, severity, language, message, place, suggestions),
            });
        }
        candidates
    }

    /// Drops the diagnostics that `document`'s suppressions silence and adds an
    /// `unused-suppression` finding for each suppression that silenced nothing.
    /// Each suppression's rule names are resolved once, here.
    fn apply_suppressions(
        &self,
        document: &Document,
        languages: &[Language],
        forced: Option<Language>,
        settings: &RuleSettings,
        findings: Vec<(RuleId, Diagnostic)>,
    ) -> Vec<Diagnostic> {
        if document.suppressions.is_empty() {
            return findings.into_iter().map(|(_, diagnostic)| diagnostic).collect();
        }
        let findings: Vec<(Option<RuleId>, Diagnostic)> =
            findings.into_iter().map(|(rule, diagnostic)| (Some(rule), diagnostic)).collect();
        let suppressions: Vec<(RuleScope, &Suppression)> =
            document.suppressions.iter().map(|suppression| (self.scope(&suppression.rules), suppression)).collect();
        let Silenced { mut kept, used } =
            drop_silenced(findings, &suppressions, |suppression, diagnostic| suppression.covers_finding(diagnostic));
        for ((scope, suppression), _) in suppressions.iter().zip(&used).filter(|(_, used)| !**used) {
            if !settings.can_judge_unused(scope) {
                continue;
            }
            // The finding belongs to the unit the directive stands before.
            let unit = document
                .units
                .iter()
                .position(|unit| unit.map.to_source(Span::new(0, 0)).start >= suppression.directive.end)
                .or_else(|| document.units.len().checked_sub(1));
            let language = unit.and_then(|unit| languages.get(unit)).copied().or(forced).unwrap_or(Language::English);
            let at = UnusedAt {
                span: suppression.directive,
                location: None,
                unit,
                language,
                detail: None,
                removal: Some(suppression.line),
            };
            kept.extend(reporting::unused_suppression(self, settings, at));
        }
        sort_findings(&mut kept);
        kept
    }
}

/// The matching view of every unit and the language each is read in: made
/// once per document and shared by phrase matching, the survey rules, the
/// overview and the trace.
pub(super) fn analyse(document: &Document, forced: Option<Language>) -> (Vec<Normalized>, Vec<Language>) {
    let views: Vec<Normalized> = document.units.iter().map(|unit| Normalized::new(&unit.text)).collect();
    let languages = resolve_languages(document, &views, forced);
    (views, languages)
}

/// Decides each unit's language: declared by the source, forced by the
/// caller, detected from the unit itself when it is clear, or else the
/// language of the document as a whole.
fn resolve_languages(document: &Document, views: &[Normalized], forced: Option<Language>) -> Vec<Language> {
    let scores: Vec<LanguageScore> =
        document.units.iter().zip(views).map(|(unit, view)| unit_score(unit, &view.text, forced)).collect();
    languages_from_scores(document, &scores, forced)
}

/// A unit's own language evidence, read from its matching view; nothing
/// when its language is declared or forced, so it does not count towards
/// the document's language either.
pub(super) fn unit_score(unit: &Unit, view: &str, forced: Option<Language>) -> LanguageScore {
    if needs_detection(unit, forced) {
        language::score(view)
    } else {
        LanguageScore::default()
    }
}

/// True when a unit's language is detected rather than declared or forced.
pub(super) fn needs_detection(unit: &Unit, forced: Option<Language>) -> bool {
    unit.language.is_none() && forced.is_none()
}

/// Each unit's language from every unit's [`unit_score`], by unit index.
/// The document's language is the sum of all scores, so a unit without
/// clear evidence of its own can change language when another unit changes.
pub(super) fn languages_from_scores(
    document: &Document,
    scores: &[LanguageScore],
    forced: Option<Language>,
) -> Vec<Language> {
    let document_language = scores.iter().fold(LanguageScore::default(), |total, score| total.add(*score)).leaning();
    document
        .units
        .iter()
        .zip(scores)
        .map(|(unit, score)| unit.language.or(forced).or_else(|| score.confident()).unwrap_or(document_language))
        .collect()
}

/// Where a sentence of a unit stands: a question unit's sentences are the
/// question, except a statement that leads into a question after it ("You
/// recently called our helpdesk. How well were you helped?"), which is the
/// organisation's own text; elsewhere a sentence ending in `?` is a question.
/// `last_question_mark` is where the unit's view has its last `?`, found once
/// per unit, so a match costs no scan of the rest of the unit.
pub(super) fn context_of(
    kind: UnitKind,
    view: &str,
    sentence: Range<usize>,
    last_question_mark: Option<usize>,
) -> Context {
    let text = view.get(sentence.clone()).unwrap_or_default().trim_end();
    let leads_into_question =
        (text.ends_with('.') || text.ends_with('!')) && last_question_mark.is_some_and(|mark| mark >= sentence.end);
    match kind {
        UnitKind::Question if leads_into_question => Context::Text,
        UnitKind::Question => Context::Question,
        UnitKind::Option => Context::Option,
        _ if text.ends_with('?') => Context::Question,
        _ => Context::Text,
    }
}

/// A statement to rate read as the question it is: its closing `.` or `!`
/// (and any quote or space after it) replaced by `?`.
fn as_question(statement: &str) -> String {
    let body = statement.trim_end_matches(['.', '!', ' ', '"', '\'']);
    format!("{body}?")
}

/// Whether the match's `name` group, if the pattern has one, is a person's
/// name in the original text (see [`crate::proper_names`]).
fn names_a_person(found: &engine::PatternMatch, view: &Normalized, original: &str) -> bool {
    let name = found.captures.as_ref().and_then(|captures| captures.get_group_by_name(proper_names::NAME_GROUP));
    name.is_none_or(|span| proper_names::is_proper_name(original, view.to_original(span.range())))
}

/// One reading of a unit that the phrase rules run on.
enum Reading<'a> {
    /// The phrase-rule view as it is, with its sentences.
    Whole(&'a Normalized, &'a engine::Sentences<'a>),
    /// The view with words read past, beside the whole reading: a rule's
    /// exceptions in the whole sentence still hold, so an aside that makes a
    /// sentence neutral ("…, dat wil zeggen in de afgelopen 30 dagen, …") is
    /// never read past into a finding.
    Shorter(&'a Normalized, &'a WholeReading<'a>),
}

/// A unit's phrase-rule view ([`Normalized::for_phrase_rules`]) and its
/// [`shorter_readings`]: what the phrase rules run on.
struct UnitReadings<'a> {
    whole: &'a Normalized,
    shorter: Vec<Shorter>,
}

impl<'a> UnitReadings<'a> {
    fn of(whole: &'a Normalized, language: Language) -> UnitReadings<'a> {
        UnitReadings { whole, shorter: shorter_readings(whole, language) }
    }
}

/// A reading of a unit's phrase-rule view with words read past.
struct Shorter {
    /// What was read past, for `surveylint debug`.
    read_past: &'static str,
    /// The ranges of the whole view read past, ascending.
    cuts: Vec<Range<usize>>,
    /// The view without them.
    view: Normalized,
}

/// The shorter readings of `view` that the phrase rules also run on: without
/// its asides ([`asides::find`]), then also without its filler words and
/// quote marks ([`fillers::find`]), each only when it differs from the
/// reading before. Asides are read past first and alone because a pattern
/// may need a filler ("toch", "just") that stands outside the aside.
fn shorter_readings(view: &Normalized, language: Language) -> Vec<Shorter> {
    let mut readings = Vec::new();
    let asides = asides::find(&view.text, language);
    if !asides.is_empty() {
        readings.push(Shorter { read_past: "asides", view: view.without(&asides), cuts: asides.clone() });
    }
    let fillers = fillers::find(&view.text, language);
    if !fillers.is_empty() {
        let read_past = if asides.is_empty() { "fillers" } else { "asides and fillers" };
        let cuts = fillers::union(&asides, &fillers);
        readings.push(Shorter { read_past, view: view.without(&cuts), cuts });
    }
    readings
}

/// A unit's whole phrase-rule view, beside a reading with words read past
/// ([`shorter_readings`]).
struct WholeReading<'a> {
    view: &'a Normalized,
    sentences: &'a engine::Sentences<'a>,
    /// The ranges of `view` read past, ascending and not overlapping.
    cuts: &'a [Range<usize>],
}

impl WholeReading<'_> {
    /// The sentence of the whole reading around `range` of the shorter one.
    fn sentence_around(&self, range: &Range<usize>) -> Range<usize> {
        self.sentences.around(&(self.in_whole(range.start)..self.in_whole(range.end)))
    }

    /// Byte `at` of the shorter reading as a byte of the whole one.
    fn in_whole(&self, at: usize) -> usize {
        let mut shift = 0;
        for cut in self.cuts {
            if cut.start > at + shift {
                break;
            }
            shift += cut.len();
        }
        at + shift
    }
}

/// A finding before overlaps between patterns of one rule are settled.
struct Candidate {
    rule: RuleId,
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
fn first_per_rule(mut candidates: Vec<Candidate>) -> Vec<(RuleId, Diagnostic)> {
    candidates.sort_by_key(|candidate| (candidate.diagnostic.span.start, candidate.pattern));
    // Per rule, the accepted spans by start (they never overlap each other).
    let mut accepted: HashMap<RuleId, BTreeMap<usize, usize>> = HashMap::new();
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
        kept.push((rule, diagnostic));
    }
    kept
}

#[cfg(test)]
mod tests {
    use crate::options::LintOptions;
    use crate::text::TextFormat;
    use crate::{Diagnostic, Linter};

    /// Each finding's rule and the source text it underlines.
    fn underlined<'a>(findings: &'a [Diagnostic], source: &'a str) -> Vec<(&'a str, &'a str)> {
        findings.iter().map(|d| (d.rule.as_str(), &source[d.span.start..d.span.end])).collect()
    }

    #[test]
    fn linter_drops_silenced_findings_and_reports_unused_ones() {
        let linter = Linter::new();
        let options = LintOptions::default();
        let source = "🙂 é\n<!-- surveylint-disable-next-line score-begging -->\nVerdienen we een 10?\n\n<!-- surveylint-disable-next-line SL001 -->\nHoe was uw bezoek?\n\nVerdienen we een 9 of 10?\n";
        let findings = linter.lint_text(source, TextFormat::Markdown, &options);
        assert_eq!(
            underlined(&findings, source),
            vec![
                ("unused-suppression", "<!-- surveylint-disable-next-line SL001 -->"),
                ("score-begging", "Verdienen we een 9 of 10"),
            ]
        );
        let fix = &findings[0].suggestions[0];
        assert!(fix.safe);
        assert_eq!(&source[fix.span.start..fix.span.end], "<!-- surveylint-disable-next-line SL001 -->\n");
    }

    /// A rule with one pattern that flags "win" and "prize", an exception and
    /// an antipattern: the exception silences its whole sentence, the
    /// antipattern only the match whose flagged words it overlaps.
    fn prize_rule() -> Linter {
        let section = |patterns: &str| {
            format!(
                "title = \"t\"\nmessage = \"m {{match}}\"\nrationale = \"r\"\nadvice = \"a\"\n{patterns}\n\
                 must-flag = [\"win\", \"win a\", \"a prize\", \"prize\", \"win it\"]\n\
                 must-not-flag = [\"x\", \"y\", \"z\", \"v\", \"w\"]\n"
            )
        };
        let english = section(
            "patterns = ['''\\b(?P<flag>win|prize)\\b''']\nexceptions = ['''\\bno purchase\\b''']\n\
             antipatterns = ['''\\bprize draw\\b''']",
        );
        let dutch = section("patterns = ['''\\bwinnen\\b''']");
        let source = format!(
            "slug = \"prize-words\"\ncode = \"TEAM7\"\nseverity = \"warning\"\nsummary = \"s\"\nsources = [\"s\"]\n\
             [nl]\n{dutch}[en]\n{english}"
        );
        Linter::builder()
            .builtin_rules(false)
            .rule_file("team/prize-words.toml", source)
            .build()
            .unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn an_antipattern_silences_only_the_match_whose_flag_it_overlaps() {
        let linter = prize_rule();
        let options = LintOptions::with_language(Some(crate::Language::English));
        let lint = |text: &str| -> Vec<String> {
            let findings = linter.lint_text(text, TextFormat::Plain, &options);
            underlined(&findings, text).into_iter().map(|(_, words)| words.to_owned()).collect()
        };
        // "prize" in "prize draw" is silenced; "win" in the same sentence is not.
        assert_eq!(lint("Win big in our prize draw."), ["Win"]);
        assert_eq!(lint("Enter the prize draw and win a prize."), ["win", "prize"]);
        // The exception silences the whole sentence, and only that sentence.
        assert_eq!(lint("Win a prize, no purchase needed. Win again."), ["Win"]);
    }

    #[test]
    fn a_scope_group_keeps_an_exception_in_a_neighbouring_sentence_from_silencing_the_match() {
        // Both patterns read the question as a condition and flag the advice after
        // it; the exception matches the question's sentence. Only the pattern that
        // names its `scope` speaks for the advice's sentence alone.
        let section = "title = \"t\"\nmessage = \"m {match}\"\nrationale = \"r\"\nadvice = \"a\"\n\
                       patterns = ['''\\bhard choice\\?\\s*(?P<scope>(?P<flag>pick the top))\\b''', \
                       '''\\beasy choice\\?\\s*(?P<flag>pick the top)\\b''']\n\
                       exceptions = ['''\\bchoice\\?''']\n\
                       must-flag = [\"a\", \"b\", \"c\", \"d\", \"e\"]\nmust-not-flag = [\"v\", \"w\", \"x\", \"y\", \"z\"]\n";
        let source = format!(
            "slug = \"scoped-advice\"\ncode = \"TEAM8\"\nseverity = \"warning\"\nsummary = \"s\"\nsources = [\"s\"]\n\
             [nl]\n{section}[en]\n{section}"
        );
        let linter = Linter::builder()
            .builtin_rules(false)
            .rule_file("team/scoped-advice.toml", source)
            .build()
            .unwrap_or_else(|error| panic!("{error}"));
        let options = LintOptions::with_language(Some(crate::Language::English));
        let lint = |text: &str| -> Vec<String> {
            let findings = linter.lint_text(text, TextFormat::Plain, &options);
            underlined(&findings, text).into_iter().map(|(_, words)| words.to_owned()).collect()
        };
        assert_eq!(lint("A hard choice? Pick the top."), ["Pick the top"]);
        assert_eq!(lint("An easy choice? Pick the top."), Vec::<String>::new());
    }

    #[test]
    fn a_unit_is_also_read_without_its_asides_but_an_aside_that_makes_it_neutral_holds() {
        let linter = Linter::new();
        let options = LintOptions::default();
        // The request reaches the top score only past the aside; the finding
        // underlines what was typed, aside and all. In the second unit the
        // aside is the reference period that keeps "recent" from being vague.
        let source = "We would be really grateful if, assuming you were happy, you chose the highest score.\n\n\
                      Heeft u recent, dat wil zeggen in de afgelopen 30 dagen, een huisarts bezocht?\n";
        let findings = linter.lint_text(source, TextFormat::Markdown, &options);
        assert_eq!(
            underlined(&findings, source),
            vec![("score-begging", "grateful if, assuming you were happy, you chose the highest score")]
        );
    }

    #[test]
    fn an_unused_suppression_in_a_document_without_text_names_no_unit() {
        // Used to name unit 0 of a document that has none.
        let source = "<!-- surveylint-disable-next-line score-begging -->\n";
        let findings = Linter::new().lint_text(source, TextFormat::Markdown, &LintOptions::default());
        let found: Vec<(&str, Option<usize>)> = findings.iter().map(|d| (d.rule.as_str(), d.unit)).collect();
        assert_eq!(found, vec![("unused-suppression", None)]);
    }

    #[test]
    fn rule_names_are_interchangeable_in_any_case() {
        // `sl001` silenced nothing and was then reported unused, while `SL001` worked.
        for name in ["sl001", "SL001", "score-begging", "Score-Begging"] {
            let source = format!("<!-- surveylint-disable-next-line {name} -->\nVerdienen we een 10?\n");
            let findings = Linter::new().lint_text(&source, TextFormat::Markdown, &LintOptions::default());
            assert_eq!(findings, vec![], "{name}");
        }
    }

    #[test]
    fn a_suppression_naming_only_unknown_rules_silences_nothing_and_is_unused() {
        // Resolved, its names leave no rule; that must not widen to every rule.
        let source = "<!-- surveylint-disable-next-line no-such-rule -->\nVerdienen we een 10?\n";
        let findings = Linter::new().lint_text(source, TextFormat::Markdown, &LintOptions::default());
        assert_eq!(
            underlined(&findings, source),
            vec![
                ("unused-suppression", "<!-- surveylint-disable-next-line no-such-rule -->"),
                ("score-begging", "Verdienen we een 10"),
            ]
        );
    }

    #[test]
    fn unused_report_respects_selection() {
        let linter = Linter::new();
        let mut options = LintOptions { select: Some(vec!["unused-suppression".to_owned()]), ..LintOptions::default() };
        let source = "// surveylint-disable-next-line score-begging\nHoe was uw bezoek?\n";
        // score-begging does not run, so the directive cannot be judged.
        assert!(linter.lint_text(source, TextFormat::Plain, &options).is_empty());
        options.select = None;
        options.ignore = vec!["unused-suppression".to_owned()];
        assert!(linter.lint_text(source, TextFormat::Plain, &options).is_empty());
    }
}
