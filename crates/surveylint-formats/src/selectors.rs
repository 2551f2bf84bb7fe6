//! JSONPath-like selectors for configured JSON and YAML formats.
//!
//! The subset questionnaires need: `$` (the root), `.key` and `['key']`
//! (a member; `.nl-NL` works too), `[0]` and `[-1]` (an element), `.*` and
//! `[*]` (every member or element), and `..` before any of those (at any
//! depth). Filters (`[?(…)]`) and slices are refused with a clear message.
//!
//! Evaluation is linear in the document per step: recursive descent visits
//! every node at most once per step, and a step matching more than
//! [`MAX_MATCHES`] values is an error, so a careless `$..*` on a large
//! export fails clearly instead of producing a million units.

use std::collections::HashSet;

use crate::tree::Node;

/// More values than this from one selector is refused.
pub(crate) const MAX_MATCHES: usize = 100_000;

/// Selectors longer than this are refused (each step is a pass over the matches).
const MAX_STEPS: usize = 64;

/// A parsed selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    written: String,
    steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    /// `..`: at any depth below the current values.
    descend: bool,
    pick: Pick,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Pick {
    Key(String),
    Index(i64),
    Every,
}

/// Why a selector could not be parsed or evaluated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("selector `{selector}`: {message}")]
pub struct SelectorError {
    /// The selector as written.
    pub selector: String,
    /// What is wrong.
    pub message: String,
}

/// A value a selector found, with the way down to it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found<'a> {
    pub(crate) node: &'a Node,
    /// Index into [`Matches::crumbs`].
    pub(crate) crumb: usize,
}

/// One step of the way from the root to a found value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Crumb<'a> {
    pub(crate) node: &'a Node,
    /// The key this node sits under, if its parent is a map.
    pub(crate) key: Option<&'a str>,
    pub(crate) parent: Option<usize>,
}

/// What a selector found, in document order.
#[derive(Debug, Default)]
pub(crate) struct Matches<'a> {
    pub(crate) found: Vec<Found<'a>>,
    pub(crate) crumbs: Vec<Crumb<'a>>,
}

impl<'a> Matches<'a> {
    /// The nodes above `found`, nearest first (not the node itself).
    pub(crate) fn ancestors(&self, found: Found<'a>) -> impl Iterator<Item = &'a Node> + '_ {
        let first = self.crumbs.get(found.crumb).and_then(|crumb| crumb.parent);
        std::iter::successors(first, |&index| self.crumbs.get(index).and_then(|crumb| crumb.parent))
            .filter_map(|index| self.crumbs.get(index).map(|crumb| crumb.node))
    }

    /// The key the found value sits under.
    pub(crate) fn key(&self, found: Found<'a>) -> Option<&'a str> {
        self.crumbs.get(found.crumb).and_then(|crumb| crumb.key)
    }
}

impl Selector {
    /// Parses a selector such as `$.fields[*].title` or `$..texts['nl-NL']`.
    pub fn parse(written: &str) -> Result<Selector, SelectorError> {
        let error = |message: &str| SelectorError { selector: written.to_owned(), message: message.to_owned() };
        let Some(mut rest) = written.trim().strip_prefix('$') else {
            return Err(error("must start with `$` (the document's root)"));
        };
        let mut steps = Vec::new();
        while !rest.is_empty() {
            let descend = rest.starts_with("..");
            if descend {
                rest = &rest[2..];
            } else if let Some(after_dot) = rest.strip_prefix('.') {
                rest = after_dot;
            } else if !rest.starts_with('[') {
                return Err(error(&format!("expected `.` or `[` at `{rest}`")));
            }
            let pick;
            if let Some(inside) = rest.strip_prefix('[') {
                let Some(close) = bracket_end(inside) else { return Err(error("a `[` is not closed")) };
                let content = inside[..close].trim();
                rest = &inside[close + 1..];
                pick = if content == "*" {
                    Pick::Every
                } else if let Some(key) = quoted(content) {
                    Pick::Key(key)
                } else if let Ok(index) = content.parse::<i64>() {
                    Pick::Index(index)
                } else if content.starts_with('?') {
                    return Err(error("filters (`[?(…)]`) are not supported; select the field under each item"));
                } else {
                    return Err(error(&format!("`[{content}]` is not `[*]`, an index or a quoted key")));
                };
            } else {
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                let name = &rest[..end];
                rest = &rest[end..];
                pick = match name {
                    "" => return Err(error("a key is missing after `.`")),
                    "*" => Pick::Every,
                    name if name.contains(char::is_whitespace) => {
                        return Err(error(&format!("the key `{name}` holds a space; write it as ['{name}']")))
                    }
                    name => Pick::Key(name.to_owned()),
                };
            }
            steps.push(Step { descend, pick });
            if steps.len() > MAX_STEPS {
                return Err(error(&format!("more than {MAX_STEPS} steps")));
            }
        }
        Ok(Selector { written: written.trim().to_owned(), steps })
    }

    /// The selector as written.
    pub fn as_str(&self) -> &str {
        &self.written
    }

    /// Everything the selector finds in `root`.
    pub(crate) fn find<'a>(&self, root: &'a Node) -> Result<Matches<'a>, SelectorError> {
        let mut matches = Matches::default();
        matches.crumbs.push(Crumb { node: root, key: None, parent: None });
        let mut current = vec![Found { node: root, crumb: 0 }];
        for step in &self.steps {
            let mut next = Vec::new();
            let mut visited: HashSet<*const Node> = HashSet::new();
            for found in current {
                if step.descend {
                    // Depth-first over the subtree, with an explicit stack.
                    let mut stack = vec![found];
                    while let Some(at) = stack.pop() {
                        if !visited.insert(at.node as *const Node) {
                            continue;
                        }
                        let children = self.children(at, &mut matches, &Pick::Every)?;
                        self.pick(at, &step.pick, &mut matches, &mut next)?;
                        stack.extend(children.into_iter().rev());
                    }
                } else {
                    self.pick(found, &step.pick, &mut matches, &mut next)?;
                }
            }
            current = next;
        }
        matches.found = current;
        Ok(matches)
    }

    /// Adds the children of `at` that `pick` selects to `out`.
    fn pick<'a>(
        &self,
        at: Found<'a>,
        pick: &Pick,
        matches: &mut Matches<'a>,
        out: &mut Vec<Found<'a>>,
    ) -> Result<(), SelectorError> {
        let picked = self.children(at, matches, pick)?;
        out.extend(picked);
        if out.len() > MAX_MATCHES {
            return Err(SelectorError {
                selector: self.written.clone(),
                message: format!("matches more than {MAX_MATCHES} values; a questionnaire has far fewer, narrow it"),
            });
        }
        Ok(())
    }

    fn children<'a>(
        &self,
        at: Found<'a>,
        matches: &mut Matches<'a>,
        pick: &Pick,
    ) -> Result<Vec<Found<'a>>, SelectorError> {
        let mut out = Vec::new();
        let mut add = |node: &'a Node, key: Option<&'a str>, matches: &mut Matches<'a>| {
            matches.crumbs.push(Crumb { node, key, parent: Some(at.crumb) });
            out.push(Found { node, crumb: matches.crumbs.len() - 1 });
        };
        match (at.node, pick) {
            (Node::Map(entries), Pick::Every) => {
                entries.iter().for_each(|entry| add(&entry.value, Some(&entry.key), matches))
            }
            (Node::Map(entries), Pick::Key(key)) => entries
                .iter()
                .filter(|entry| entry.key == *key)
                .for_each(|entry| add(&entry.value, Some(&entry.key), matches)),
            (Node::List(items), Pick::Every) => items.iter().for_each(|item| add(item, None, matches)),
            (Node::List(items), Pick::Index(index)) => {
                // `try_from`: on 32-bit targets (WASM) a huge index must not wrap.
                let distance = usize::try_from(index.unsigned_abs()).ok();
                let position =
                    if *index < 0 { distance.and_then(|distance| items.len().checked_sub(distance)) } else { distance };
                if let Some(item) = position.and_then(|position| items.get(position)) {
                    add(item, None, matches);
                }
            }
            _ => {}
        }
        if matches.crumbs.len() > 4 * crate::json::MAX_VALUES {
            return Err(SelectorError { selector: self.written.clone(), message: "visits too many values".to_owned() });
        }
        Ok(out)
    }
}

/// The index of the `]` closing a bracket, skipping quoted text.
fn bracket_end(inside: &str) -> Option<usize> {
    let mut quote = None;
    for (index, c) in inside.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, ']') => return Some(index),
            _ => {}
        }
    }
    None
}

/// The text of a quoted key (`'nl-NL'` or `"a b"`).
fn quoted(content: &str) -> Option<String> {
    let first = content.chars().next()?;
    if !matches!(first, '\'' | '"') || content.len() < 2 || !content.ends_with(first) {
        return None;
    }
    Some(content[1..content.len() - 1].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn texts(selector: &str, source: &str) -> Vec<String> {
        let root = Node::from_json(json::parse(source.as_bytes()).unwrap_or(json::Value::Null));
        let selector = Selector::parse(selector).unwrap_or_else(|error| panic!("{error}"));
        let matches = selector.find(&root).unwrap_or_else(|error| panic!("{error}"));
        matches.found.iter().filter_map(|found| found.node.as_str().map(str::to_owned)).collect()
    }

    #[test]
    fn steps_select_members_elements_and_descendants() {
        let source = r#"{"fields": [{"title": "A", "choices": [{"label": "a1"}, {"label": "a2"}]},
            {"title": "B", "group": {"fields": [{"title": "C"}]}}], "texts": {"nl-NL": "N", "en-US": "E"}}"#;
        assert_eq!(texts("$.fields[*].title", source), ["A", "B"]);
        assert_eq!(texts("$.fields[*].choices[*].label", source), ["a1", "a2"]);
        assert_eq!(texts("$..title", source), ["A", "B", "C"]);
        assert_eq!(texts("$.fields[-1].title", source), ["B"]);
        assert_eq!(texts("$.texts['nl-NL']", source), ["N"]);
        assert_eq!(texts("$.texts.en-US", source), ["E"]);
        assert_eq!(texts("$.texts.*", source), ["N", "E"]);
        assert_eq!(texts("$..fields..title", source), ["A", "B", "C"]);
    }

    #[test]
    fn bad_selectors_say_what_is_wrong() {
        let message =
            |selector: &str| Selector::parse(selector).err().map(|error| error.to_string()).unwrap_or_default();
        assert_eq!(message("fields[*]"), "selector `fields[*]`: must start with `$` (the document's root)");
        assert_eq!(
            message("$.a[?(@.x)]"),
            "selector `$.a[?(@.x)]`: filters (`[?(…)]`) are not supported; select the field under each item"
        );
        assert_eq!(message("$.a[1"), "selector `$.a[1`: a `[` is not closed");
        assert_eq!(message("$.a."), "selector `$.a.`: a key is missing after `.`");
    }

    #[test]
    fn a_selector_matching_a_million_values_is_refused() {
        let source = format!("[{}1]", "1,".repeat(1_000_000));
        let root = Node::from_json(json::parse(source.as_bytes()).unwrap_or(json::Value::Null));
        let error = Selector::parse("$[*]").ok().and_then(|selector| selector.find(&root).err());
        assert_eq!(
            error.map(|error| error.to_string()),
            Some(format!(
                "selector `$[*]`: matches more than {MAX_MATCHES} values; a questionnaire has far fewer, narrow it"
            ))
        );
    }
}
