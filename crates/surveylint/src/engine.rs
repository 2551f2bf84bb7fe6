//! Runs the phrase patterns of all rules over a unit: one pass finds the
//! trigger literals of every pattern ([`crate::triggers`]), then each pattern
//! whose literals occur runs alone around them, compiled the first time it
//! is needed: a forward automaton first, the whole regex with its groups
//! when it first matches ([`crate::forward_search`]).
//!
//! Patterns are written against the matching view of [`crate::normalize`]:
//! lowercase ASCII, single spaces, straight quotes. Before compiling, the
//! number placeholders `<0>` … `<10>` expand to digits and number words of
//! the rule's language, `<top>` to "9 or 10" in any spelling, and `<@name>`
//! to the word class `rules/lexicon/<language>/<name>.txt`.

use std::ops::Range;

use regex_automata::meta::Regex;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind};

use crate::forward_search::ForwardSearch;
use crate::language::Language;
use crate::placeholders::{expand_with, MAX_CLASS_DEPTH};
use crate::triggers::{BuiltinTriggers, Required, Triggers};
use crate::Error;

/// The entries of word class `name` in `language`: every line of
/// `rules/lexicon/<language>/<name>.txt` that is neither blank nor a `#`
/// comment, trimmed. `None` when the class does not exist.
pub(crate) fn class_entries(language: Language, name: &str) -> Option<Vec<&'static str>> {
    crate::catalogue::LEXICON
        .iter()
        .find(|(code, class, _)| *code == language.code() && *class == name)
        .map(|(_, _, contents)| crate::placeholders::class_entries_of(contents))
}

/// Where [`crate::class_trees::ClassTrees`] finds the entries of a built-in class.
pub(crate) type BuiltinEntries = fn(&str) -> Option<Vec<String>>;

/// The parser of patterns with the word classes of `rules/lexicon/`, each class once.
pub(crate) type BuiltinClassTrees = crate::class_trees::ClassTrees<'static, BuiltinEntries>;

/// Parses patterns with the word classes of `rules/lexicon/`, each class once.
pub(crate) fn builtin_class_trees(language: Language) -> BuiltinClassTrees {
    fn owned(language: Language, name: &str) -> Option<Vec<String>> {
        class_entries(language, name).map(|entries| entries.into_iter().map(str::to_owned).collect())
    }
    let entries: BuiltinEntries = match language {
        Language::Dutch => |name| owned(Language::Dutch, name),
        Language::English => |name| owned(Language::English, name),
    };
    crate::class_trees::ClassTrees::new(language.code(), entries)
}

/// The syntax tree of `pattern` with the built-in classes of `language` in
/// place. The classes are parsed once per process and language, the first
/// time a pattern names them: every compiled pattern and exception shares
/// them instead of parsing its pasted text (most of a first lint's cost).
fn parse_with_shared_classes(pattern: &str, language: Language) -> Result<regex_syntax::hir::Hir, String> {
    static SHARED: [std::sync::OnceLock<std::sync::Mutex<BuiltinClassTrees>>; 2] =
        [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
    let slot = match language {
        Language::Dutch => &SHARED[0],
        Language::English => &SHARED[1],
    };
    let trees = slot.get_or_init(|| std::sync::Mutex::new(builtin_class_trees(language)));
    // A panic while another thread held the lock leaves at worst a class
    // not yet cached; the trees kept are whole.
    let mut trees = trees.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    trees.parse(pattern)
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
    expand_with(pattern, language.code(), &mut |class| {
        let entries = class_entries(language, class).filter(|_| depth < MAX_CLASS_DEPTH)?;
        let alternatives: Vec<String> =
            entries.iter().map(|entry| expand_at_depth(entry, language, depth + 1)).collect();
        Some(format!("(?:{})", alternatives.join("|")))
    })
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
            let code = language.code();
            format!(
                "unknown word class `<@{name}>` (no file rules/lexicon/{code}/{name}.txt, and no class of that \
                 name in a rule pack's lexicon/{code}/)"
            )
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

/// Checks that a pattern is plain ASCII. Patterns are matched against the
/// matching view, which is lowercase ASCII with accents folded and straight
/// quotes, so a pattern with `é`, `’` or `–` would silently never match; the
/// error says what to write instead.
pub(crate) fn check_view_characters(pattern: &str) -> Result<(), String> {
    match pattern.chars().enumerate().find(|(_, character)| !character.is_ascii()) {
        None => Ok(()),
        Some((position, character)) => Err(format!(
            "`{character}` (character {}) can never match: patterns see the text in lowercase ASCII with \
             accents folded, straight quotes and `-` for dashes (write `vóór` as `voor`, `’` as `'`)",
            position + 1
        )),
    }
}

pub(crate) fn syntax_config() -> syntax::Config {
    // The matching view is ASCII, so ASCII classes and word boundaries are
    // exact and keep the regex on its DFA paths.
    // Patterns are written in lowercase against a lowercase view, so no case
    // folding is needed, which keeps the automaton small.
    syntax::Config::new().unicode(false).utf8(false)
}

/// All phrase patterns of one language. The trigger literals of every
/// pattern are found in one pass ([`Triggers`]); each pattern is compiled
/// alone, the first time its literals occur, and runs only in the stretch of
/// text around them. A language's first lint therefore builds no automaton
/// for the hundreds of patterns that do not occur in its text.
pub(crate) struct PatternSet {
    triggers: Triggers,
    singles: Vec<LazyPatterns>,
}

impl PatternSet {
    /// Parses the patterns and finds their literals; a bad pattern is
    /// reported with its rule file and line.
    pub(crate) fn new(patterns: &[(String, usize, &str)], language: Language) -> Result<Option<PatternSet>, Error> {
        PatternSet::build(patterns, language, true)
    }

    /// [`PatternSet::new`]; without `further_sets` a pattern is searched
    /// wherever its first set of literals occurs (to test that the further
    /// sets only skip searches that could not match).
    fn build(
        patterns: &[(String, usize, &str)],
        language: Language,
        further_sets: bool,
    ) -> Result<Option<PatternSet>, Error> {
        if patterns.is_empty() {
            return Ok(None);
        }
        // The literals of built-in patterns were found at build time; a
        // pattern of a team's rule file is parsed here (each word class once
        // for the whole set, not once per pattern that names it).
        let table = BuiltinTriggers::of(language.code());
        let all_built_in = table
            .filter(|_| further_sets)
            .and_then(|table| Triggers::built_in(table, patterns.iter().map(|p| p.0.as_str())));
        let triggers = match all_built_in {
            Some(triggers) => triggers,
            None => {
                let mut trees = None;
                let mut required = Vec::with_capacity(patterns.len());
                for pattern in patterns {
                    if let Some(built_in) = table.and_then(|table| table.required(&pattern.0)) {
                        required.push(built_in);
                        continue;
                    }
                    if check_view_characters(&pattern.0).is_err() {
                        // Reported with its file and line.
                        LazyPatterns::new(std::slice::from_ref(pattern), language)?;
                    }
                    match trees.get_or_insert_with(|| builtin_class_trees(language)).parse(&pattern.0) {
                        Ok(tree) => required.push(Required::of(&tree)),
                        Err(_) => {
                            // Parse it alone so the message names the culprit and its line.
                            LazyPatterns::new(std::slice::from_ref(pattern), language)?;
                            // Valid alone after all: without literals it runs on every text.
                            required.push(None);
                        }
                    }
                }
                if !further_sets {
                    required.iter_mut().flatten().for_each(|required: &mut Required<'_>| required.also.clear());
                }
                Triggers::new(required)
            }
        };
        let singles =
            patterns.iter().map(|(pattern, _, _)| LazyPatterns::unchecked(vec![pattern.clone()], language)).collect();
        Ok(Some(PatternSet { triggers, singles }))
    }

    /// The pattern `index` alone, with its groups.
    #[cfg(test)]
    pub(crate) fn single(&self, index: usize) -> Option<&Regex> {
        self.singles.get(index).and_then(LazyPatterns::get)
    }

    /// The patterns whose required literals all occur in `text`: the ones a
    /// lint searches for (for `surveylint debug`).
    pub(crate) fn searched(&self, text: &str) -> Vec<usize> {
        self.triggers.stretches(text, MAX_PHRASE_BYTES).into_iter().map(|(pattern, _)| pattern).collect()
    }

    /// Every match in `text` of every pattern, one per pattern and start
    /// (so one pattern or rule never hides another that matches at the
    /// same place), in order of start, then pattern.
    pub(crate) fn find_all(&self, text: &str) -> Vec<PatternMatch> {
        let mut found = Vec::new();
        for (pattern, stretches) in self.triggers.stretches(text, MAX_PHRASE_BYTES) {
            let Some(single) = self.singles.get(pattern) else { continue };
            let mut captures = None;
            let mut next_start = 0;
            for stretch in stretches {
                let mut position = stretch.start.max(next_start);
                while position <= stretch.end {
                    // Search a window, not the rest of the stretch: a pattern with an
                    // open-ended part (`[^?]*\?`) would otherwise scan to the end of
                    // a long line from every match, which is quadratic. Windows
                    // overlap by the longest phrase, so no match of that length is lost.
                    let window_end =
                        crate::position::ceil_char_boundary(text, position.saturating_add(SEARCH_WINDOW_BYTES))
                            .min(stretch.end);
                    let searched = single.search(&Input::new(text).range(position..window_end), &mut captures);
                    let Some((whole, captures)) =
                        searched.and_then(|captures| Some((captures.get_match()?.range(), captures)))
                    else {
                        if window_end >= stretch.end {
                            break;
                        }
                        position = (window_end - MAX_PHRASE_BYTES).max(position + 1);
                        continue;
                    };
                    let flag = captures.get_group_by_name("flag").map_or_else(|| whole.clone(), |span| span.range());
                    let scope = captures.get_group_by_name("scope").map_or_else(|| whole.clone(), |span| span.range());
                    // The view is ASCII, so the next byte is the next character.
                    position = whole.start + 1;
                    next_start = position;
                    found.push(PatternMatch { pattern, whole, flag, scope, captures: Some(captures.clone()) });
                }
            }
        }
        found.sort_by_key(|found| (found.whole.start, found.pattern));
        found
    }
}

/// The longest stretch of text a phrase match is looked for in around one
/// of its literals.
const MAX_PHRASE_BYTES: usize = 512;

/// How far one search for the next match reaches (see [`PatternSet::find_all`]).
const SEARCH_WINDOW_BYTES: usize = 4 * MAX_PHRASE_BYTES;

/// A [`PatternSet`] made the first time a unit of its language is linted, so
/// a linter starts in a few milliseconds and a Dutch-only questionnaire never
/// pays for the English trigger scanner.
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

    /// Why the set could not be made (for tests and messages).
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

    /// The set; `None` when there are no patterns or one of them is invalid.
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
    /// As written, placeholders and all: they are expanded when compiled, so
    /// patterns that never run cost nothing.
    patterns: Vec<String>,
    language: Language,
    /// Whether the patterns match: built the first time they are searched.
    forward: std::sync::OnceLock<Option<ForwardSearch>>,
    /// Where they match and their groups: built the first time they match.
    compiled: std::sync::OnceLock<Option<Regex>>,
}

impl LazyPatterns {
    /// Patterns of the built-in catalogue, whose syntax the test suite checks.
    pub(crate) fn trusted(patterns: &[(String, usize, &str)], language: Language) -> LazyPatterns {
        let patterns = patterns.iter().map(|(pattern, _, _)| pattern.clone()).collect();
        LazyPatterns::unchecked(patterns, language)
    }

    fn unchecked(patterns: Vec<String>, language: Language) -> LazyPatterns {
        LazyPatterns { patterns, language, forward: std::sync::OnceLock::new(), compiled: std::sync::OnceLock::new() }
    }

    /// Validates the patterns (reporting a bad one with its file and line).
    pub(crate) fn new(patterns: &[(String, usize, &str)], language: Language) -> Result<LazyPatterns, Error> {
        for (pattern, line, origin) in patterns {
            if let Err(message) = check_view_characters(pattern).and_then(|()| check_classes(pattern, language)) {
                return Err(Error::RuleFile {
                    origin: (*origin).to_owned(),
                    line: *line,
                    column: 1,
                    message: format!("invalid pattern `{pattern}`: {message}"),
                });
            }
            let pattern_expanded = expand_placeholders(pattern, language);
            let message = match syntax::parse_with(&pattern_expanded, &syntax_config()) {
                Err(error) => first_line(&error.to_string()),
                Ok(tree) => match crate::space_branches::needing_two_spaces(&tree).first() {
                    None => continue,
                    Some(part) => format!(
                        "`{part}` can never match where it stands: it ends in a space and a space follows, and \
                         patterns see the text with single spaces (move the space out of the group or drop the \
                         one after it)"
                    ),
                },
            };
            return Err(Error::RuleFile {
                origin: (*origin).to_owned(),
                line: *line,
                column: 1,
                message: format!("invalid pattern `{pattern}`: {message}"),
            });
        }
        Ok(LazyPatterns::trusted(patterns, language))
    }

    /// True when there are no patterns.
    pub(crate) fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// True when one of the patterns matches in `input`.
    pub(crate) fn is_match(&self, input: &Input<'_>) -> bool {
        self.forward_is_match(input, &mut None)
    }

    /// The leftmost-first match in `input` with its groups (see
    /// [`crate::forward_search`] for why a search asks two automata).
    /// `captures` is kept from search to search (made by the first match).
    pub(crate) fn search<'c>(&self, input: &Input<'_>, captures: &'c mut Option<Captures>) -> Option<&'c Captures> {
        let mut trees = None;
        if self.compiled.get().is_none() && !self.forward_is_match(input, &mut trees) {
            return None;
        }
        let regex = self.whole(&mut trees)?;
        let captures = captures.get_or_insert_with(|| regex.create_captures());
        regex.search_captures(input, captures);
        captures.is_match().then_some(&*captures)
    }

    /// The compiled patterns; `None` when there are none.
    #[cfg(test)]
    pub(crate) fn get(&self) -> Option<&Regex> {
        self.whole(&mut None)
    }

    /// [`LazyPatterns::is_match`]; when this call builds the forward
    /// automaton, `trees` keeps the syntax trees it parsed, so that a
    /// match's whole regex does not parse them again.
    fn forward_is_match(&self, input: &Input<'_>, trees: &mut Option<Vec<regex_syntax::hir::Hir>>) -> bool {
        let forward = self.forward.get_or_init(|| {
            *trees = self.trees();
            ForwardSearch::new(trees.as_deref()?, HYBRID_CACHE_CAPACITY)
        });
        match forward.as_ref().and_then(|forward| forward.is_match(input)) {
            Some(matches) => matches,
            None => self.whole(trees).is_some_and(|regex| regex.is_match(input.clone())),
        }
    }

    /// The whole regex, built from `trees` when they were parsed already.
    fn whole(&self, trees: &mut Option<Vec<regex_syntax::hir::Hir>>) -> Option<&Regex> {
        self.compiled.get_or_init(|| build_from_trees(&trees.take().or_else(|| self.trees())?).ok()).as_ref()
    }

    /// The syntax trees of the patterns; `None` when there are none.
    fn trees(&self) -> Option<Vec<regex_syntax::hir::Hir>> {
        if self.patterns.is_empty() {
            return None;
        }
        self.patterns
            .iter()
            .map(|pattern| parse_with_shared_classes(pattern, self.language))
            .collect::<Result<_, _>>()
            .ok()
    }
}

/// The most memory the lazy DFA of one set of patterns may use (an upper
/// bound, not an allocation). A larger cache keeps a pattern with large word
/// classes from thrashing back to the slower PikeVM on long texts.
const HYBRID_CACHE_CAPACITY: usize = 8 << 20;

/// One regex of the patterns' trees, with every group (replacement templates
/// name them).
fn build_from_trees(trees: &[regex_syntax::hir::Hir]) -> Result<Regex, Box<regex_automata::meta::BuildError>> {
    Regex::builder()
        .configure(
            Regex::config()
                .utf8_empty(false)
                .which_captures(WhichCaptures::All)
                .match_kind(MatchKind::LeftmostFirst)
                .hybrid_cache_capacity(HYBRID_CACHE_CAPACITY)
                .auto_prefilter(false),
        )
        .build_many_from_hir(trees)
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
    /// The `scope` group, or the whole match: the words whose sentences the
    /// rule's contexts, exceptions and antipatterns are tested on. A pattern
    /// that reads a neighbouring sentence only as a condition names the
    /// sentence it speaks about, so an exception in the condition's sentence
    /// ("tussen 'goed' en 'zeer goed'", a scale explained) cannot silence it.
    pub(crate) scope: Range<usize>,
    /// Numbered and named groups of the pattern alone, for replacement templates.
    pub(crate) captures: Option<Captures>,
}

/// True when one of `patterns` matches anywhere inside `range` of `text`.
pub(crate) fn matches_within(patterns: &LazyPatterns, text: &str, range: Range<usize>) -> bool {
    patterns.is_match(&Input::new(&text[..range.end]).range(range.start..))
}

/// Where `patterns` match in `range` of `text`, left to right without
/// overlaps (each search goes on after the previous match), so the cost is
/// one pass over the range. Empty without a match: the forward automaton
/// answers that before any match is located.
pub(crate) fn matches_in(patterns: &LazyPatterns, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    if !matches_within(patterns, text, range.clone()) {
        return found;
    }
    let mut captures = None;
    let mut from = range.start;
    while from <= range.end {
        let input = Input::new(&text[..range.end]).range(from..);
        let Some(matched) = patterns.search(&input, &mut captures).and_then(Captures::get_match) else { break };
        found.push(matched.range());
        // An empty match moves on by one byte (the view is ASCII), so the loop ends.
        from = if matched.is_empty() { matched.end() + 1 } else { matched.end() };
    }
    found
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

    /// Every sentence, in order, each without leading space.
    pub(crate) fn all(&self) -> Vec<Range<usize>> {
        let mut all = Vec::with_capacity(self.ends.len() + 1);
        let mut next = (!self.text.trim().is_empty()).then(|| self.around(&(0..0)));
        while let Some(sentence) = next {
            next = self.after(&sentence);
            all.push(sentence);
        }
        all
    }

    /// The sentence after `sentence` (a range [`Sentences::around`] gave),
    /// without leading space; `None` at the end of the text.
    pub(crate) fn after(&self, sentence: &Range<usize>) -> Option<Range<usize>> {
        let rest = self.text.get(sentence.end..).filter(|rest| !rest.trim().is_empty())?;
        let start = sentence.end + (rest.len() - rest.trim_start().len());
        Some(self.around(&(start..start)))
    }
}

/// The part of a match that a rule with `replace = "match"` rewrites: from the
/// first named group that took part (a determiner the template rebuilds, or the
/// flag) to the end of the last one, and on to the end of the match when
/// nothing but spaces and commas is left of it. What a pattern reads only as
/// context stays in the text: a question frame before the flag ("what do you
/// think of the chaotic rollout"), the noun after it. A rewrite that only
/// removes words (`removes_words`) takes one following space along, and is
/// not offered when the pattern read nothing after them: only a word the
/// pattern saw follow shows that the removed ones describe it, so removing a
/// label ("vanity projects?") cannot leave a sentence without its noun.
pub(crate) fn rewritten_part(found: &PatternMatch, view: &str, removes_words: bool) -> Option<Range<usize>> {
    let Some(captures) = &found.captures else { return Some(found.whole.clone()) };
    let names = captures.pattern().map(|pattern| captures.group_info().pattern_names(pattern));
    let Range { start, end } = names
        .into_iter()
        .flatten()
        .enumerate()
        // `scope` only says which sentence the rule's exceptions read, not what to rewrite.
        .filter(|(_, name)| name.is_some_and(|name| name != "scope"))
        .filter_map(|(index, _)| captures.get_group(index).map(|span| span.range()))
        .fold(found.flag.clone(), |covered, group| covered.start.min(group.start)..covered.end.max(group.end));
    let rest = view.get(end..found.whole.end).unwrap_or_default();
    if removes_words && rest.is_empty() {
        return None;
    }
    if rest.bytes().all(|byte| byte == b' ' || byte == b',') {
        return Some(start..found.whole.end);
    }
    let space = usize::from(removes_words && rest.starts_with(' '));
    Some(start..end + space)
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

    /// Every pattern, exception and antipattern of the built-in rules, with
    /// its rule file, language and line.
    fn every_built_in_pattern() -> Vec<(&'static str, Language, String, usize)> {
        let mut all = Vec::new();
        for (origin, source) in crate::catalogue::BUILTIN_RULES {
            let Ok(parsed) = crate::rule::parse_rule_file(origin, source) else { panic!("{origin} parses") };
            for (language, patterns) in parsed.every_pattern() {
                all.extend(patterns.iter().map(|(pattern, line)| (*origin, *language, pattern.clone(), *line)));
            }
        }
        all
    }

    #[test]
    fn placeholders_expand_per_language() {
        assert_eq!(expand_placeholders("een <top>", Language::Dutch), "een \\b(?:9|negen|10|tien)");
        assert_eq!(expand_placeholders("a <10>", Language::English), "a \\b(?:10|ten)");
        assert_eq!(expand_placeholders("<1> ster", Language::Dutch), "\\b(?:1) ster");
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
    fn a_pattern_with_a_character_the_view_never_holds_is_reported() {
        assert_eq!(check_view_characters("voor (?:de|het)"), Ok(()));
        let bad = LazyPatterns::new(&[("stem v\u{f3}\u{f3}r".to_owned(), 7, "rules/x.toml")], Language::Dutch);
        let message = bad.err().map(|error| error.to_string()).unwrap_or_default();
        assert_eq!(
            message,
            "rules/x.toml:7:1: invalid pattern `stem v\u{f3}\u{f3}r`: `\u{f3}` (character 7) can never match: patterns see \
             the text in lowercase ASCII with accents folded, straight quotes and `-` for dashes (write `v\u{f3}\u{f3}r` \
             as `voor`, `\u{2019}` as `'`)"
        );
    }

    #[test]
    fn every_built_in_pattern_and_class_entry_is_plain_ascii() {
        for (code, name, _) in crate::catalogue::LEXICON {
            let language = if *code == "nl" { Language::Dutch } else { Language::English };
            for entry in class_entries(language, name).unwrap_or_default() {
                assert_eq!(check_view_characters(entry), Ok(()), "rules/lexicon/{code}/{name}.txt: {entry}");
            }
        }
        for (origin, _, pattern, line) in every_built_in_pattern() {
            assert_eq!(check_view_characters(&pattern), Ok(()), "{origin}:{line}");
        }
    }

    /// Reading a class file trims each line, so "de |het |een " would
    /// silently lose the space after its last word; the pattern writes the
    /// space instead (`(?:(?:<@article>) )?`).
    #[test]
    fn no_class_entry_ends_in_a_space_that_reading_would_trim() {
        for (code, name, contents) in crate::catalogue::LEXICON {
            for line in crate::placeholders::class_entry_lines(contents) {
                assert!(
                    !line.loses_a_space,
                    "rules/lexicon/{code}/{name}.txt:{}: an entry ends in a space",
                    line.number
                );
            }
        }
    }

    /// "ervaringen?" reads as "ervaringe" or "ervaringen" and never matches
    /// the singular "ervaring"; the optional plural is `ervaring(?:en)?`.
    /// (Issue 10 found the slip in four patterns; this keeps it out.)
    #[test]
    fn no_dutch_pattern_or_class_makes_only_the_n_of_a_plural_optional() {
        let slip = |text: &str| {
            let bytes = text.as_bytes();
            (3..bytes.len()).any(|at| {
                bytes[at] == b'?'
                    && bytes[at - 1] == b'n'
                    && bytes[at - 2] == b'e'
                    && bytes[at - 3].is_ascii_lowercase()
                    && bytes.get(at.wrapping_sub(4)).is_some_and(u8::is_ascii_lowercase)
            })
        };
        for (code, name, _) in crate::catalogue::LEXICON {
            if *code == "nl" {
                for entry in class_entries(Language::Dutch, name).unwrap_or_default() {
                    assert!(!slip(entry), "rules/lexicon/nl/{name}.txt: {entry}");
                }
            }
        }
        for (origin, language, pattern, line) in every_built_in_pattern() {
            if language == Language::Dutch {
                assert!(!slip(&pattern), "{origin}:{line}: {pattern}");
            }
        }
    }

    /// Built-in patterns are trusted at run time, so the check that a team's
    /// patterns get when the linter is built runs here, with the built-in
    /// classes in place.
    #[test]
    fn no_built_in_pattern_has_a_part_that_needs_two_spaces() {
        let mut dead = Vec::new();
        for (origin, language, pattern, line) in every_built_in_pattern() {
            let Ok(tree) = parse_with_shared_classes(&pattern, language) else { panic!("{origin}:{line}") };
            for part in crate::space_branches::needing_two_spaces(&tree) {
                dead.push(format!("{origin}:{line}: {part} in {pattern}"));
            }
        }
        assert_eq!(dead, Vec::<String>::new(), "parts that end in a space before a space can never match");
    }

    #[test]
    fn a_team_pattern_that_needs_two_spaces_is_reported() {
        let bad =
            LazyPatterns::new(&[("welk|wat voor (?:een )? cijfer".to_owned(), 4, "rules/x.toml")], Language::Dutch);
        let message = bad.err().map(|error| error.to_string()).unwrap_or_default();
        assert_eq!(
            message,
            "rules/x.toml:4:1: invalid pattern `welk|wat voor (?:een )? cijfer`: `(?:een )?` can never match where it \
             stands: it ends in a space and a space follows, and patterns see the text with single spaces (move the \
             space out of the group or drop the one after it)"
        );
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

    /// Searching only around the trigger literals finds exactly what
    /// searching every pattern over the whole text, from every start, finds.
    #[test]
    fn trigger_search_finds_what_a_search_everywhere_finds() {
        let patterns: Vec<(String, usize, &str)> = [
            r"\b(?P<flag>geef (?:ons )?<@top-answer>)",
            r"\bhoe (?P<flag>tevreden)\b",
            r"\b(?P<flag>(?:<@staff-role>)s? worden (?:<@judged>) op)\b",
            r"\b(?P<flag>tevreden)\b[^.!?]*\?",
        ]
        .iter()
        .enumerate()
        .map(|(line, pattern)| ((*pattern).to_owned(), line + 1, "rules/x.toml"))
        .collect();
        let Ok(Some(set)) = PatternSet::new(&patterns, Language::Dutch) else { panic!("the patterns compile") };
        let text = "hoe tevreden bent u? geef ons een 10! onze monteurs worden beoordeeld op cijfers. hoe tevreden?";
        let found: Vec<(usize, Range<usize>)> =
            set.find_all(text).into_iter().map(|found| (found.pattern, found.flag)).collect();
        let mut everywhere = Vec::new();
        for pattern in 0..patterns.len() {
            let Some(regex) = set.single(pattern) else { panic!("pattern {pattern} compiles") };
            let mut captures = regex.create_captures();
            for start in 0..text.len() {
                regex.search_captures(
                    &Input::new(text).range(start..).anchored(regex_automata::Anchored::Yes),
                    &mut captures,
                );
                if captures.is_match() {
                    let flag = captures.get_group_by_name("flag").map(|span| span.range());
                    everywhere.push((start, pattern, flag.unwrap_or_default()));
                }
            }
        }
        everywhere.sort_by_key(|(start, pattern, _)| (*start, *pattern));
        let everywhere: Vec<(usize, Range<usize>)> =
            everywhere.into_iter().map(|(_, pattern, flag)| (pattern, flag)).collect();
        assert_eq!(found, everywhere);
        assert_eq!(found.len(), 6, "{found:?}");
    }

    /// A search that finds nothing builds the forward automaton alone; the
    /// first match builds the whole regex, and both answer as the whole regex
    /// does, groups included.
    #[test]
    fn the_whole_regex_is_built_by_the_first_match() {
        let patterns = LazyPatterns::trusted(
            &[(r"\b(?P<flag>geef (?:ons )?<@top-answer>)".to_owned(), 1, "rules/x.toml")],
            Language::Dutch,
        );
        let text = "hoe tevreden bent u? geef ons een 10!";
        let question = Input::new(text).range(..20);
        let mut captures = None;
        assert!(patterns.search(&question, &mut captures).is_none());
        assert!(!patterns.is_match(&question));
        assert!(patterns.forward.get().is_some_and(Option::is_some));
        assert!(patterns.compiled.get().is_none(), "no match, no whole regex");

        let request = Input::new(text).range(20..);
        let found = patterns.search(&request, &mut captures).map(|captures| captures.get_group_by_name("flag"));
        assert_eq!(found.flatten().map(|span| span.range()), Some(21..36));
        assert!(patterns.compiled.get().is_some_and(Option::is_some));
        let Some(whole) = patterns.get() else { panic!("the pattern compiles") };
        let mut expected = whole.create_captures();
        whole.search_captures(&request, &mut expected);
        assert_eq!(
            captures.map(|captures| captures.get_group_by_name("flag")),
            Some(expected.get_group_by_name("flag"))
        );
        assert!(patterns.is_match(&request));
    }

    /// A pattern is searched only where a literal of each of its required
    /// sets occurs. On every example of every built-in rule, that finds
    /// exactly what searching around the first set alone finds.
    #[test]
    fn further_required_sets_never_lose_a_match() {
        let linter = crate::Linter::new();
        for language in Language::ALL {
            let mut patterns: Vec<(String, usize, &str)> = Vec::new();
            for (origin, source) in crate::catalogue::BUILTIN_RULES {
                let Ok(parsed) = crate::rule::parse_rule_file(origin, source) else { panic!("{origin} parses") };
                for (pattern, line) in parsed.patterns.get(&language).into_iter().flatten() {
                    patterns.push((pattern.clone(), *line, origin));
                }
            }
            let (Ok(Some(with)), Ok(Some(without))) =
                (PatternSet::build(&patterns, language, true), PatternSet::build(&patterns, language, false))
            else {
                panic!("the built-in patterns compile")
            };
            let mut texts = 0;
            for rule in linter.rules() {
                let examples = &rule.text(language);
                for example in examples.must_flag.iter().chain(&examples.must_not_flag) {
                    let view = crate::normalize::Normalized::new(&example.replace("[[", "").replace("]]", ""));
                    let summary = |set: &PatternSet| -> Vec<(usize, Range<usize>)> {
                        set.find_all(&view.text).into_iter().map(|found| (found.pattern, found.whole)).collect()
                    };
                    assert_eq!(summary(&with), summary(&without), "{example}");
                    texts += 1;
                }
            }
            assert!(texts > 400, "{language:?}: only {texts} examples");
        }
    }

    #[test]
    fn bad_pattern_names_file_and_line() {
        let error = PatternSet::new(&[("verdien(en".to_owned(), 7, "rules/x.toml")], Language::Dutch);
        let message = error.err().map(|error| error.to_string()).unwrap_or_default();
        assert!(message.starts_with("rules/x.toml:7:1: invalid pattern `verdien(en`"), "{message}");
    }
}
