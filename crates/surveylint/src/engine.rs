//! Compiles the phrase patterns of all rules into one multi-pattern regex per
//! language and runs it over a unit in a single pass.
//!
//! Patterns are written against the matching view of [`crate::normalize`]:
//! lowercase ASCII, single spaces, straight quotes. Before compiling, the
//! number placeholders `<0>` … `<10>` expand to digits and number words of
//! the rule's language, `<top>` to "9 or 10" in any spelling, and `<@name>`
//! to the word class `rules/lexicon/<language>/<name>.txt`.

use std::ops::Range;

use regex_automata::hybrid;
use regex_automata::meta::Regex;
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind};

use crate::language::Language;
use crate::Error;

/// Number words per value, by language. "een"/"one" are left out because
/// they are far more often an article or pronoun than a score.
fn number_words(language: Language, value: usize) -> &'static [&'static str] {
    const DUTCH: [&[&str]; 11] = [
        &["nul"],
        &[],
        &["twee"],
        &["drie"],
        &["vier"],
        &["vijf"],
        &["zes"],
        &["zeven"],
        &["acht"],
        &["negen"],
        &["tien"],
    ];
    const ENGLISH: [&[&str]; 11] = [
        &["zero"],
        &[],
        &["two"],
        &["three"],
        &["four"],
        &["five"],
        &["six"],
        &["seven"],
        &["eight"],
        &["nine"],
        &["ten"],
    ];
    match language {
        Language::Dutch => DUTCH[value],
        Language::English => ENGLISH[value],
    }
}

fn number_alternation(language: Language, values: &[usize]) -> String {
    let mut alternatives: Vec<String> = Vec::new();
    for &value in values {
        alternatives.push(value.to_string());
        alternatives.extend(number_words(language, value).iter().map(|word| (*word).to_owned()));
    }
    format!("(?:{})", alternatives.join("|"))
}

/// How deep classes may name other classes (`<@top-answer>` naming
/// `<@top-score>`); deeper nesting is reported as an error, which also stops
/// a class that names itself.
pub(crate) const MAX_CLASS_DEPTH: usize = 4;

/// The entries of word class `name` in `language`: every line of
/// `rules/lexicon/<language>/<name>.txt` that is neither blank nor a `#`
/// comment, trimmed. `None` when the class does not exist.
pub(crate) fn class_entries(language: Language, name: &str) -> Option<Vec<&'static str>> {
    crate::catalogue::LEXICON.iter().find(|(code, class, _)| *code == language.code() && *class == name).map(
        |(_, _, contents)| {
            contents.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect()
        },
    )
}

/// Expands the placeholders of a pattern for `language`, in one pass:
/// `<0>` … `<10>`, `<top>` and word classes `<@name>`. A class becomes a
/// non-capturing alternation of its entries, which are regex fragments and
/// may themselves use placeholders. Unknown classes stay as written;
/// [`check_classes`] reports them.
pub(crate) fn expand_placeholders(pattern: &str, language: Language) -> String {
    expand_at_depth(pattern, language, 0)
}

fn expand_at_depth(pattern: &str, language: Language, depth: usize) -> String {
    expand_with(pattern, language, &mut |class| {
        let entries = class_entries(language, class).filter(|_| depth < MAX_CLASS_DEPTH)?;
        let alternatives: Vec<String> =
            entries.iter().map(|entry| expand_at_depth(entry, language, depth + 1)).collect();
        Some(format!("(?:{})", alternatives.join("|")))
    })
}

/// Expands the number placeholders of `pattern` and hands each word class
/// name (without its `@`) to `class`, which returns its replacement text, or
/// `None` to keep the placeholder as written.
pub(crate) fn expand_with(pattern: &str, language: Language, class: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let mut expanded = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(open) = rest.find('<') {
        expanded.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('>').map(|close| &after[..close]);
        let replacement = match name {
            Some("top") => Some(number_alternation(language, &[9, 10])),
            Some(name) if name.starts_with('@') => class(&name[1..]),
            Some(number) => number
                .parse::<usize>()
                .ok()
                .filter(|value| *value <= 10)
                .map(|value| number_alternation(language, &[value])),
            None => None,
        };
        match (replacement, name) {
            (Some(replacement), Some(name)) => {
                expanded.push_str(&replacement);
                rest = &after[name.len() + 1..];
            }
            _ => {
                // Not a placeholder (e.g. a named group `(?<name>`): keep the `<`.
                expanded.push('<');
                rest = after;
            }
        }
    }
    expanded.push_str(rest);
    expanded
}

/// Checks that every word class a pattern names exists in `language`, also
/// inside the classes it names, and that classes do not nest deeper than
/// [`MAX_CLASS_DEPTH`]; the error names the culprit.
pub(crate) fn check_classes(pattern: &str, language: Language) -> Result<(), String> {
    check_classes_at_depth(pattern, language, 0)
}

fn check_classes_at_depth(pattern: &str, language: Language, depth: usize) -> Result<(), String> {
    let mut rest = pattern;
    while let Some(open) = rest.find("<@") {
        let after = &rest[open + 2..];
        let Some(close) = after.find('>') else { break };
        let name = &after[..close];
        let entries = class_entries(language, name).ok_or_else(|| {
            format!("unknown word class `<@{name}>` (no file rules/lexicon/{}/{name}.txt)", language.code())
        })?;
        if depth >= MAX_CLASS_DEPTH {
            return Err(format!("word class `<@{name}>` nests more than {MAX_CLASS_DEPTH} classes deep"));
        }
        for entry in entries {
            check_classes_at_depth(entry, language, depth + 1)?;
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

pub(crate) fn syntax_config() -> syntax::Config {
    // The matching view is ASCII, so ASCII classes and word boundaries are
    // exact and keep the regex on its DFA paths.
    // Patterns are written in lowercase against a lowercase view, so no case
    // folding is needed, which keeps the automaton small.
    syntax::Config::new().unicode(false).utf8(false)
}

/// All phrase patterns of one language. One combined regex, which tracks no
/// groups, finds every match in a single pass; each pattern is also compiled
/// alone, on first use, to read its groups (`flag`, replacement groups) for
/// the few places it matched. That keeps the combined automaton small and
/// the linter's start-up cheap.
pub(crate) struct PatternSet {
    /// The combined search: a lazy DFA that never falls back to the NFA (the
    /// general-purpose regex does when its cache is cleared often, which long
    /// texts dense with matches cause, and is then far slower).
    scanner: Option<Scanner>,
    /// The forward NFA of all patterns, shared by the scanner and `overlapping`.
    forward: Option<thompson::NFA>,
    /// The general-purpose combined regex, compiled only when the scanner
    /// could not be built: compiling both would double the start-up cost.
    combined: Option<Regex>,
    singles: Vec<LazyPatterns>,
    /// The same patterns with "all matches" semantics, built the first time
    /// a unit has a match: at a position where one pattern matched it tells
    /// which other patterns match there too, since the leftmost-first
    /// combined regex reports only one pattern per start and would let one
    /// rule hide another.
    overlapping: std::sync::OnceLock<Option<Overlapping>>,
}

impl PatternSet {
    /// Compiles patterns; a bad one is reported with its rule file and line.
    pub(crate) fn new(patterns: &[(String, usize, &str)], language: Language) -> Result<Option<PatternSet>, Error> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let expanded: Vec<String> =
            patterns.iter().map(|(pattern, _, _)| expand_placeholders(pattern, language)).collect();
        // Parsed once, each word class only once (a class is pasted into many
        // patterns): the forward and the reverse automaton are both compiled
        // from these trees. Parsing is most of the start-up cost.
        let mut trees = crate::class_trees::ClassTrees::new(language, syntax_config());
        let parsed: Option<Vec<regex_syntax::hir::Hir>> =
            patterns.iter().map(|(pattern, _, _)| trees.parse(pattern).ok()).collect();
        let forward = parsed
            .as_ref()
            .and_then(|hirs| thompson::Compiler::new().configure(nfa_config()).build_many_from_hir(hirs).ok());
        let scanner = match (&parsed, &forward) {
            (Some(hirs), Some(forward)) => Scanner::new(hirs, forward),
            _ => None,
        };
        let combined = match scanner {
            Some(_) => None,
            None => match build(&expanded, WhichCaptures::Implicit) {
                Ok(combined) => Some(combined),
                Err(_) => {
                    // Parse each pattern alone so the message names the culprit and its line.
                    for pattern in patterns {
                        LazyPatterns::new(std::slice::from_ref(pattern), language)?;
                    }
                    // Each pattern is valid, but together they outgrow the automata's
                    // limits (a large team rule pack): search pattern by pattern
                    // rather than lint nothing. Slower, still linear.
                    None
                }
            },
        };
        // Every pattern was accepted, together or alone.
        let singles = expanded
            .into_iter()
            .map(|pattern| LazyPatterns { expanded: vec![pattern], compiled: std::sync::OnceLock::new() })
            .collect();
        Ok(Some(PatternSet { scanner, forward, combined, singles, overlapping: std::sync::OnceLock::new() }))
    }

    /// Whether the fast scanner was built (the meta regex is the fallback).
    #[cfg(test)]
    pub(crate) fn has_scanner(&self) -> bool {
        self.scanner.is_some()
    }

    /// The pattern `index` alone, with its groups.
    pub(crate) fn single(&self, index: usize) -> Option<&Regex> {
        self.singles.get(index).and_then(LazyPatterns::get)
    }

    /// The "all matches" twin of the combined search, built on first use.
    fn overlapping(&self) -> Option<&Overlapping> {
        self.overlapping
            // Without a forward NFA (it did not compile) a second compile would fail alike.
            .get_or_init(|| self.forward.as_ref().and_then(Overlapping::new))
            .as_ref()
    }

    /// The match of pattern `pattern` starting exactly at `start`, with its groups.
    /// The search ends at `end`: an anchored search otherwise runs on while
    /// any pattern could still match, to the end of a long line.
    fn match_at(&self, text: &str, pattern: usize, start: usize, end: usize) -> Option<PatternMatch> {
        let single = self.single(pattern)?;
        let mut captures = single.create_captures();
        let anchored = Input::new(text).range(start..end).anchored(Anchored::Yes);
        single.search_captures(&anchored, &mut captures);
        let whole = captures.get_match()?.range();
        let flag = captures.get_group_by_name("flag").map_or_else(|| whole.clone(), |span| span.range());
        Some(PatternMatch { pattern, whole, flag, captures: Some(captures) })
    }

    /// [`PatternSet::find_all`] when the patterns could not be compiled
    /// together: every pattern searched on its own, matches in order of start.
    fn find_pattern_by_pattern(&self, text: &str) -> Vec<PatternMatch> {
        let mut found = Vec::new();
        for (pattern, single) in self.singles.iter().enumerate() {
            let Some(regex) = single.get() else { continue };
            for found_match in regex.find_iter(text) {
                found.extend(self.match_at(text, pattern, found_match.start(), found_match.end()));
            }
        }
        found.sort_by_key(|found| (found.whole.start, found.pattern));
        found
    }

    /// Every match in `text`, including matches of other patterns that start
    /// inside an earlier match or at the same place.
    pub(crate) fn find_all(&self, text: &str) -> Vec<PatternMatch> {
        if self.scanner.is_none() && self.combined.is_none() {
            return self.find_pattern_by_pattern(text);
        }
        let mut found = Vec::new();
        let mut position = 0;
        let mut others = regex_automata::PatternSet::new(self.singles.len());
        while position <= text.len() {
            // Search a window, not the rest of the text: a pattern with an
            // open-ended part (`[^?]{3,}\?`) would otherwise scan to the end
            // of a long line from every match, which is quadratic. Windows
            // overlap by the longest phrase, so no match of that length is lost.
            let window_end = crate::position::ceil_char_boundary(text, position.saturating_add(SEARCH_WINDOW_BYTES));
            let input = Input::new(text).range(position..window_end);
            let next = match (&self.scanner, &self.combined) {
                (Some(scanner), _) => scanner.search(&input),
                (None, Some(combined)) => combined.search(&input),
                (None, None) => None,
            };
            let Some(found_match) = next else {
                if window_end >= text.len() {
                    break;
                }
                position = (window_end - MAX_PHRASE_BYTES).max(position + 1);
                continue;
            };
            let pattern = found_match.pattern().as_usize();
            let start = found_match.start();
            // The pattern's own match ends where the combined search said.
            found.push(self.match_at(text, pattern, start, found_match.end()).unwrap_or_else(|| PatternMatch {
                pattern,
                whole: found_match.range(),
                flag: found_match.range(),
                captures: None,
            }));
            // Other patterns (often of other rules) that match at the same start,
            // within a window: a phrase is a few words, and an unbounded search
            // from every match start would be quadratic on one long line.
            let window_end = crate::position::ceil_char_boundary(
                text,
                start.saturating_add(MAX_PHRASE_BYTES).max(found_match.end()),
            );
            if let Some(overlapping) = self.overlapping() {
                others.clear();
                overlapping
                    .which_match_at(&Input::new(text).range(start..window_end).anchored(Anchored::Yes), &mut others);
                for other in others.iter().map(|id| id.as_usize()).filter(|other| *other != pattern) {
                    found.extend(self.match_at(text, other, start, window_end));
                }
            }
            // The view is ASCII, so the next byte is the next character.
            position = start + 1;
        }
        found
    }
}

/// The longest stretch of text a phrase match starting at some word is
/// looked for in, beyond the match the combined search found.
const MAX_PHRASE_BYTES: usize = 512;

/// How far one search for the next match reaches (see [`PatternSet::find_all`]).
const SEARCH_WINDOW_BYTES: usize = 4 * MAX_PHRASE_BYTES;

/// Search caches of a lazy DFA, one per concurrent search: the linter is
/// shared by threads, and a cache is mutable state of one search.
struct Caches<C>(std::sync::Mutex<Vec<C>>);

impl<C> Caches<C> {
    fn new() -> Caches<C> {
        Caches(std::sync::Mutex::new(Vec::new()))
    }

    /// Runs `search` with a free cache (made by `create` when none is free).
    fn with<R>(&self, create: impl FnOnce() -> C, search: impl FnOnce(&mut C) -> R) -> R {
        let cached = self.0.lock().ok().and_then(|mut caches| caches.pop());
        let mut cache = cached.unwrap_or_else(create);
        let result = search(&mut cache);
        if let Ok(mut caches) = self.0.lock() {
            caches.push(cache);
        }
        result
    }
}

/// A lazy DFA over all patterns of a language that never falls back to an
/// NFA: its cache is cleared and refilled as often as a text needs, which
/// keeps the cost per byte bounded on any input.
struct Scanner {
    regex: hybrid::regex::Regex,
    caches: Caches<hybrid::regex::Cache>,
}

impl Scanner {
    /// Builds the scanner from the forward NFA of all patterns; the reverse
    /// NFA (to find where a match starts) is compiled here.
    fn new(patterns: &[regex_syntax::hir::Hir], forward: &thompson::NFA) -> Option<Scanner> {
        let reverse =
            thompson::Compiler::new().configure(nfa_config().reverse(true)).build_many_from_hir(patterns).ok()?;
        let forward = hybrid::dfa::DFA::builder()
            .configure(lazy_dfa_config().match_kind(MatchKind::LeftmostFirst))
            .build_from_nfa(forward.clone())
            .ok()?;
        // As the regex builder makes it: "all" semantics, no prefilter, plain start states.
        let reverse = hybrid::dfa::DFA::builder()
            .configure(lazy_dfa_config().prefilter(None).specialize_start_states(false).match_kind(MatchKind::All))
            .build_from_nfa(reverse)
            .ok()?;
        let regex = hybrid::regex::Builder::new().build_from_dfas(forward, reverse);
        Some(Scanner { regex, caches: Caches::new() })
    }

    fn search(&self, input: &Input<'_>) -> Option<regex_automata::Match> {
        // The view is ASCII and the patterns use ASCII word boundaries, so
        // the DFA meets no byte it must quit on; an error would be a bug,
        // and reads as "no match" rather than a crash.
        self.caches.with(|| self.regex.create_cache(), |cache| self.regex.try_search(cache, input).ok().flatten())
    }
}

/// The NFA configuration of the combined automata: no capture groups (the
/// single patterns read those), and byte-level matching on the ASCII view.
fn nfa_config() -> thompson::Config {
    thompson::Config::new().utf8(false).which_captures(WhichCaptures::None)
}

/// A lazy DFA that never gives up for a slower engine: its cache is cleared
/// and refilled as often as a text needs, so the cost per byte stays bounded.
fn lazy_dfa_config() -> hybrid::dfa::Config {
    hybrid::dfa::Config::new().cache_capacity(8 << 20).minimum_cache_clear_count(None).minimum_bytes_per_state(None)
}

/// Which patterns match at a given start: a forward-only lazy DFA with
/// "all matches" semantics (no reverse automaton is needed, since the start
/// is known), which halves its compile time against a general regex.
struct Overlapping {
    dfa: hybrid::dfa::DFA,
    caches: Caches<hybrid::dfa::Cache>,
}

impl Overlapping {
    /// Builds from the forward NFA the scanner was built from: no second compile.
    fn new(forward: &thompson::NFA) -> Option<Overlapping> {
        let dfa = hybrid::dfa::DFA::builder()
            .configure(lazy_dfa_config().match_kind(MatchKind::All))
            .build_from_nfa(forward.clone())
            .ok()?;
        Some(Overlapping { dfa, caches: Caches::new() })
    }

    /// Adds to `found` every pattern matching `input` (anchored at its start).
    fn which_match_at(&self, input: &Input<'_>, found: &mut regex_automata::PatternSet) {
        // As in `Scanner::search`: an error cannot happen on the ASCII view; it reads as "none".
        self.caches.with(
            || self.dfa.create_cache(),
            |cache| {
                let _ = self.dfa.try_which_overlapping_matches(cache, input, found);
            },
        );
    }
}

/// A [`PatternSet`] compiled the first time a unit of its language is linted,
/// so a linter starts in a few milliseconds and a Dutch-only questionnaire
/// never pays for compiling the English patterns.
pub(crate) struct LazyPatternSet {
    patterns: Vec<(String, usize, String)>,
    language: Language,
    compiled: std::sync::OnceLock<Option<PatternSet>>,
}

impl LazyPatternSet {
    /// Patterns whose syntax was checked already (or is checked by the test suite).
    pub(crate) fn new(patterns: Vec<(String, usize, String)>, language: Language) -> LazyPatternSet {
        LazyPatternSet { patterns, language, compiled: std::sync::OnceLock::new() }
    }

    /// Why the set does not compile together (for tests and messages).
    #[cfg(test)]
    pub(crate) fn error(&self) -> Option<String> {
        let borrowed: Vec<(String, usize, &str)> =
            self.patterns.iter().map(|(pattern, line, origin)| (pattern.clone(), *line, origin.as_str())).collect();
        PatternSet::new(&borrowed, self.language).err().map(|error| error.to_string())
    }

    /// The rule file and line of pattern `index`.
    pub(crate) fn origin(&self, index: usize) -> Option<(&str, usize)> {
        self.patterns.get(index).map(|(_, line, origin)| (origin.as_str(), *line))
    }

    /// The compiled set; `None` when there are no patterns or they do not compile together.
    pub(crate) fn get(&self) -> Option<&PatternSet> {
        self.compiled
            .get_or_init(|| {
                let borrowed: Vec<(String, usize, &str)> = self
                    .patterns
                    .iter()
                    .map(|(pattern, line, origin)| (pattern.clone(), *line, origin.as_str()))
                    .collect();
                PatternSet::new(&borrowed, self.language).ok().flatten()
            })
            .as_ref()
    }
}

/// Exception patterns, checked for syntax when the linter is built but
/// compiled only the first time their rule matches: most rules never match a
/// given text, and compiling every exception set up front would dominate the
/// linter's start-up time.
pub(crate) struct LazyPatterns {
    expanded: Vec<String>,
    compiled: std::sync::OnceLock<Option<Regex>>,
}

impl LazyPatterns {
    /// Patterns of the built-in catalogue, whose syntax the test suite checks.
    pub(crate) fn trusted(patterns: &[(String, usize, &str)], language: Language) -> LazyPatterns {
        let expanded = patterns.iter().map(|(pattern, _, _)| expand_placeholders(pattern, language)).collect();
        LazyPatterns { expanded, compiled: std::sync::OnceLock::new() }
    }

    /// Validates the patterns (reporting a bad one with its file and line).
    pub(crate) fn new(patterns: &[(String, usize, &str)], language: Language) -> Result<LazyPatterns, Error> {
        let mut expanded = Vec::with_capacity(patterns.len());
        for (pattern, line, origin) in patterns {
            if let Err(message) = check_classes(pattern, language) {
                return Err(Error::RuleFile {
                    origin: (*origin).to_owned(),
                    line: *line,
                    column: 1,
                    message: format!("invalid pattern `{pattern}`: {message}"),
                });
            }
            let pattern_expanded = expand_placeholders(pattern, language);
            if let Err(error) = syntax::parse_with(&pattern_expanded, &syntax_config()) {
                return Err(Error::RuleFile {
                    origin: (*origin).to_owned(),
                    line: *line,
                    column: 1,
                    message: format!("invalid pattern `{pattern}`: {}", first_line(&error.to_string())),
                });
            }
            expanded.push(pattern_expanded);
        }
        Ok(LazyPatterns { expanded, compiled: std::sync::OnceLock::new() })
    }

    /// True when there are no patterns.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.expanded.is_empty()
    }

    /// The compiled patterns; `None` when there are none.
    pub(crate) fn get(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(
                || if self.expanded.is_empty() { None } else { build(&self.expanded, WhichCaptures::All).ok() },
            )
            .as_ref()
    }
}

fn build(patterns: &[String], captures: WhichCaptures) -> Result<Regex, Box<regex_automata::meta::BuildError>> {
    build_with_kind(patterns, captures, MatchKind::LeftmostFirst)
}

fn build_with_kind(
    patterns: &[String],
    captures: WhichCaptures,
    kind: MatchKind,
) -> Result<Regex, Box<regex_automata::meta::BuildError>> {
    Regex::builder()
        .syntax(syntax_config())
        // A larger lazy-DFA cache keeps the combined automaton of every
        // rule from thrashing back to the slower PikeVM.
        .configure(
            Regex::config()
                .utf8_empty(false)
                .which_captures(captures)
                .match_kind(kind)
                .hybrid_cache_capacity(8 << 20)
                .auto_prefilter(false),
        )
        .build_many(patterns)
        .map_err(Box::new)
}

fn first_line(message: &str) -> String {
    message.lines().filter(|line| !line.trim().is_empty()).collect::<Vec<_>>().join(" ")
}

/// One match of one pattern in a unit's matching view.
pub(crate) struct PatternMatch {
    /// The index of the pattern in its [`PatternSet`].
    pub(crate) pattern: usize,
    /// The whole match.
    pub(crate) whole: Range<usize>,
    /// The `flag` group, or the whole match.
    pub(crate) flag: Range<usize>,
    /// Numbered and named groups of the pattern alone, for replacement templates.
    pub(crate) captures: Option<Captures>,
}

/// True when `regex` matches anywhere inside `range` of `text`.
pub(crate) fn matches_within(regex: &Regex, text: &str, range: Range<usize>) -> bool {
    regex.is_match(Input::new(&text[..range.end]).range(range.start..))
}

/// Where the sentences of a matching view end: after each `.`, `!` or `?`
/// followed by a space, a quote or the end of the text. Found once per unit,
/// so finding the sentence around each match is a binary search instead of a
/// walk to the sentence bounds (quadratic in a paragraph without full stops).
pub(crate) struct Sentences<'a> {
    text: &'a str,
    /// Offsets just past each sentence-ending mark, ascending.
    ends: Vec<usize>,
}

impl<'a> Sentences<'a> {
    pub(crate) fn new(text: &'a str) -> Sentences<'a> {
        let bytes = text.as_bytes();
        let ends = (0..bytes.len())
            .filter(|&index| {
                matches!(bytes[index], b'.' | b'!' | b'?')
                    && bytes.get(index + 1).is_none_or(|next| matches!(next, b' ' | b'"' | b'\''))
            })
            .map(|index| index + 1)
            .collect();
        Sentences { text, ends }
    }

    /// The bounds of the sentence (or sentences) around `range`: from after
    /// the previous sentence end, without leading space, to the next one.
    pub(crate) fn around(&self, range: &Range<usize>) -> Range<usize> {
        let before = self.ends.partition_point(|&end| end <= range.start);
        let start = before.checked_sub(1).map_or(0, |index| self.ends[index]);
        let after = self.ends.partition_point(|&end| end <= range.end.max(start));
        let end = self.ends.get(after).copied().unwrap_or(self.text.len());
        let leading_space = self.text[start..end].len() - self.text[start..end].trim_start().len();
        (start + leading_space)..end
    }
}

/// Expands `$0`, `$1`… and `${name}` in a replacement template with the
/// original words those groups matched (`original` maps view ranges to them).
pub(crate) fn expand_template(
    template: &str,
    found: &PatternMatch,
    original: impl Fn(Range<usize>) -> String,
) -> String {
    let Some(captures) = &found.captures else { return template.to_owned() };
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let (name, consumed) = if let Some(braced) = after.strip_prefix('{') {
            match braced.find('}') {
                Some(close) => (&braced[..close], close + 2),
                None => ("", 0),
            }
        } else {
            let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            (&after[..digits], digits)
        };
        if name.is_empty() {
            out.push('$');
            rest = after;
            continue;
        }
        // `${group?words}` inserts `words` when `group` took part in the match. It lets one
        // template carry per-pattern words the text itself lacks, such as the opposite pole
        // of a one-sided question ("satisfied" needs "dissatisfied", "easy" needs "difficult").
        let (name, literal) = name.split_once('?').map_or((name, None), |(group, words)| (group, Some(words)));
        let span = match name.parse::<usize>() {
            Ok(index) => captures.get_group(index),
            Err(_) => captures.get_group_by_name(name),
        };
        if let Some(span) = span {
            out.push_str(&literal.map_or_else(|| original(span.range()), str::to_owned));
        }
        rest = &after[consumed..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_expand_per_language() {
        assert_eq!(expand_placeholders("een <top>", Language::Dutch), "een (?:9|negen|10|tien)");
        assert_eq!(expand_placeholders("a <10>", Language::English), "a (?:10|ten)");
        assert_eq!(expand_placeholders("<1> ster", Language::Dutch), "(?:1) ster");
        assert_eq!(expand_placeholders("(?<flag>x) <11> <n>", Language::Dutch), "(?<flag>x) <11> <n>");
    }

    #[test]
    fn word_classes_expand_to_their_entries_and_unknown_ones_are_reported() {
        let Some(entries) = class_entries(Language::Dutch, "top-answer") else { panic!("nl top-answer exists") };
        assert!(!entries.is_empty());
        let expanded = expand_placeholders("geef <@top-answer>", Language::Dutch);
        assert!(expanded.starts_with("geef (?:"), "{expanded}");
        assert!(!expanded.contains("<@"), "nested classes expand too: {expanded}");
        assert!(check_classes("geef <@top-answer>", Language::English).is_ok());
        let error = check_classes("geef <@no-such-class>", Language::Dutch).err().unwrap_or_default();
        assert!(error.contains("rules/lexicon/nl/no-such-class.txt"), "{error}");
        let bad = LazyPatterns::new(&[("a <@nope>".to_owned(), 3, "rules/x.toml")], Language::English);
        let message = bad.err().map(|error| error.to_string()).unwrap_or_default();
        assert!(message.starts_with("rules/x.toml:3:1: invalid pattern `a <@nope>`: unknown word class"), "{message}");
    }

    #[test]
    fn every_class_of_every_language_compiles() {
        for (code, name, _) in crate::catalogue::LEXICON {
            let language = if *code == "nl" { Language::Dutch } else { Language::English };
            let pattern = format!("<@{name}>");
            assert_eq!(check_classes(&pattern, language), Ok(()), "{code}/{name}");
            let expanded = expand_placeholders(&pattern, language);
            let parsed = syntax::parse_with(&expanded, &syntax_config());
            assert!(parsed.is_ok(), "{code}/{name}: {parsed:?}");
        }
    }

    #[test]
    fn sentence_bounds() {
        let text = "bedankt. hoe tevreden bent u? dank u";
        let sentences = Sentences::new(text);
        assert_eq!(&text[sentences.around(&(9..21))], "hoe tevreden bent u?");
        assert_eq!(&text[sentences.around(&(0..3))], "bedankt.");
        assert_eq!(&text[sentences.around(&(31..35))], "dank u");
        // A match across a sentence end takes both sentences.
        assert_eq!(&text[sentences.around(&(4..12))], "bedankt. hoe tevreden bent u?");
        // "3.5" and "e.g.x" do not end a sentence.
        let text = "score 3.5 of meer? ja";
        assert_eq!(&text[Sentences::new(text).around(&(0..5))], "score 3.5 of meer?");
    }

    #[test]
    fn conditional_words_appear_only_when_their_group_matched() {
        let patterns = [
            ("how (?P<easy>easy)".to_owned(), 1, "rules/x.toml"),
            ("how (?P<un>helpful)".to_owned(), 2, "rules/x.toml"),
        ];
        let Ok(Some(set)) = PatternSet::new(&patterns, Language::English) else { panic!("patterns compile") };
        let template = "$0 or ${easy?difficult}${un?un}${un}";
        let expand = |text: &str| {
            let found = set.find_all(text);
            let first = found.first().unwrap_or_else(|| panic!("{text:?} matches"));
            expand_template(template, first, |range| text[range].to_owned())
        };
        assert_eq!(expand("how easy"), "how easy or difficult");
        assert_eq!(expand("how helpful"), "how helpful or unhelpful");
    }

    /// When the patterns cannot be compiled together the set searches them
    /// one by one, and finds what the combined scanner finds.
    #[test]
    fn pattern_by_pattern_search_finds_what_the_scanner_finds() {
        let patterns: Vec<(String, usize, &str)> = [
            r"\b(?P<flag>geef (?:ons )?<@top-answer>)",
            r"\bhoe (?P<flag>tevreden)\b",
            r"\b(?P<flag>(?:<@staff-role>)s? worden (?:<@judged>) op)\b",
        ]
        .iter()
        .enumerate()
        .map(|(line, pattern)| ((*pattern).to_owned(), line + 1, "rules/x.toml"))
        .collect();
        let Ok(Some(mut set)) = PatternSet::new(&patterns, Language::Dutch) else { panic!("the patterns compile") };
        let text = "hoe tevreden bent u? geef ons een 10! onze monteurs worden beoordeeld op cijfers. hoe tevreden?";
        let summary = |set: &PatternSet| -> Vec<(usize, Range<usize>)> {
            set.find_all(text).into_iter().map(|found| (found.pattern, found.flag)).collect()
        };
        let with_scanner = summary(&set);
        assert_eq!(with_scanner.len(), 4, "{with_scanner:?}");
        set.scanner = None;
        set.combined = None;
        assert_eq!(summary(&set), with_scanner);
    }

    #[test]
    fn bad_pattern_names_file_and_line() {
        let error = PatternSet::new(&[("verdien(en".to_owned(), 7, "rules/x.toml")], Language::Dutch);
        let message = error.err().map(|error| error.to_string()).unwrap_or_default();
        assert!(message.starts_with("rules/x.toml:7:1: invalid pattern `verdien(en`"), "{message}");
    }
}
