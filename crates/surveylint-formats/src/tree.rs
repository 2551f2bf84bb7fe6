//! One tree for JSON and YAML documents, so the generic reader, the
//! configured selectors and the presets work on either.
//!
//! Strings keep their [`Mapped`] positions; so do YAML keys (surveydown's
//! `questions.yml` writes option labels as keys). JSON keys have none: the
//! JSON scanner does not keep them, and no selector reads a key's text.

use crate::json::Value;
use crate::mapped::Mapped;

/// A parsed JSON or YAML value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// Members in source order; keys may repeat.
    Map(Vec<Entry>),
    List(Vec<Node>),
    /// A string, with its positions.
    Text(Mapped),
    /// A number, boolean or null, as written.
    Scalar(String),
}

/// One member of a [`Node::Map`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    /// The key's decoded text.
    pub(crate) key: String,
    /// The key with its positions, when the format keeps them (YAML).
    pub(crate) key_text: Option<Mapped>,
    pub(crate) value: Node,
}

impl Node {
    /// The member `key` of a map (the first, if it repeats).
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        self.entries().iter().find(|entry| entry.key == key).map(|entry| &entry.value)
    }

    /// The members of a map; empty for anything else.
    pub(crate) fn entries(&self) -> &[Entry] {
        match self {
            Node::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The elements of a list; empty for anything else.
    pub(crate) fn items(&self) -> &[Node] {
        match self {
            Node::List(items) => items,
            _ => &[],
        }
    }

    /// The string value, if this is one.
    pub(crate) fn as_mapped(&self) -> Option<&Mapped> {
        match self {
            Node::Text(mapped) => Some(mapped),
            _ => None,
        }
    }

    /// The decoded text of a string, or a scalar as written.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::Text(mapped) => Some(&mapped.text),
            Node::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    /// Converts a parsed JSON value (its nesting is already bounded by the JSON scanner).
    pub(crate) fn from_json(value: Value) -> Node {
        match value {
            Value::Object(members) => Node::Map(
                members
                    .into_iter()
                    .map(|(key, value)| Entry { key, key_text: None, value: Node::from_json(value) })
                    .collect(),
            ),
            Value::Array(items) => Node::List(items.into_iter().map(Node::from_json).collect()),
            Value::String(mapped) => Node::Text(mapped),
            Value::Number(number) => Node::Scalar(number),
            Value::Bool(value) => Node::Scalar(value.to_string()),
            Value::Null => Node::Scalar("null".to_owned()),
        }
    }
}
