//! Adds decoded text to a [`Document`] as units, the same way for every format.

use surveylint::{Document, Escape, Language, Unit, UnitKind};

use crate::html;
use crate::mapped::Mapped;

/// Builds a document unit by unit.
#[derive(Debug, Default)]
pub(crate) struct Units {
    pub(crate) document: Document,
}

/// How a piece of text is stored, so its unit gets the right escape and location.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Storage<'a> {
    pub(crate) escape: Escape,
    /// The text may hold HTML markup and entities.
    pub(crate) html: bool,
    /// A position that is not a byte offset (a spreadsheet cell).
    pub(crate) location: Option<&'a str>,
}

impl Storage<'static> {
    /// Text in a JSON string literal.
    pub(crate) const JSON: Storage<'static> = Storage { escape: Escape::Json, html: false, location: None };
    /// HTML in a JSON string literal.
    pub(crate) const JSON_HTML: Storage<'static> = Storage { escape: Escape::Json, html: true, location: None };
}

impl Units {
    /// Adds `text` as a unit unless it is blank; returns its index.
    pub(crate) fn add(
        &mut self,
        text: &Mapped,
        kind: UnitKind,
        language: Option<Language>,
        storage: Storage<'_>,
    ) -> Option<usize> {
        let decoded;
        let text = if storage.html && html::looks_like_html(&text.text) {
            decoded = text.map_through(&html::to_text(&text.text));
            &decoded
        } else {
            text
        };
        let text = text.trimmed();
        if text.text.is_empty() {
            return None;
        }
        // A cell has no byte positions in the file, and its findings' spans
        // index the unit's own text (trimmed, markup removed), as `Diagnostic`
        // documents; mapping them to the raw cell text put them past its end.
        let map = match storage.location {
            Some(_) => surveylint::SourceMap::verbatim(0, text.text.len()),
            None => text.source_map(),
        };
        let unit = Unit {
            map,
            text: text.text,
            kind,
            language,
            escape: storage.escape,
            location: storage.location.map(str::to_owned),
            question: None,
        };
        Some(self.document.push_unit(unit))
    }

    /// Marks a unit as belonging to a question without listing it as an option or row.
    pub(crate) fn attach(&mut self, unit: usize, question: usize) {
        if let Some(unit) = self.document.units.get_mut(unit) {
            unit.question = Some(question);
        }
    }
}
