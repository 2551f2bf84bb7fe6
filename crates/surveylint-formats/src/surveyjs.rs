//! SurveyJS survey JSON (and the JavaScript object literals many projects keep it in).
//!
//! Reads the survey's title, description and closing texts, every page and
//! (nested) panel, and every element's title, description, choices, matrix
//! rows and columns, rating scale and boolean labels. A localised string
//! (`{"default": …, "nl": …}`) gives one unit per locale in that locale's
//! language, and each locale's texts form their own [`Question`], reusing the
//! default locale's units where a translation is missing (as SurveyJS does).
//! Locales other than Dutch and English are skipped.

use surveylint::{Document, Language, Question, QuestionKind, Scale, UnitKind};

use crate::error::FormatError;
use crate::json::{self, Value};
use crate::mapped::Mapped;
use crate::units::{Storage, Units};

/// True when a parsed JSON value looks like a SurveyJS survey.
pub(crate) fn is_survey(value: &Value) -> bool {
    let has_elements = |container: &Value| {
        ["elements", "questions", "templateElements"]
            .iter()
            .filter_map(|key| container.get(key))
            .any(|elements| elements.items().iter().any(|element| element.get("type").is_some()))
    };
    let pages = value.get("pages").map(Value::items).unwrap_or_default();
    let has_pages = !pages.is_empty() && pages.iter().all(|page| matches!(page, Value::Object(_)));
    has_pages || has_elements(value)
}

/// Reads SurveyJS JSON.
pub(crate) fn read(source: &[u8]) -> Result<Document, FormatError> {
    let value = json::parse(source)?;
    if !is_survey(&value) {
        return Err(FormatError::unsupported("JSON that is not a SurveyJS survey"));
    }
    let locale = value.get("locale").and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut reader = Reader { units: Units::default(), survey_language: Language::from_tag(&locale) };
    reader.free_text(value.get("title"), UnitKind::Title, false);
    reader.free_text(value.get("description"), UnitKind::Text, false);
    for page in value.get("pages").map(Value::items).unwrap_or_default() {
        reader.free_text(page.get("title"), UnitKind::Title, false);
        reader.free_text(page.get("description"), UnitKind::Text, false);
        reader.elements(page);
    }
    reader.elements(&value);
    for key in ["completedHtml", "completedBeforeHtml", "loadingHtml"] {
        reader.free_text(value.get(key), UnitKind::Text, true);
    }
    for condition in value.get("completedHtmlOnCondition").map(Value::items).unwrap_or_default() {
        reader.free_text(condition.get("html"), UnitKind::Text, true);
    }
    Ok(reader.units.document)
}

/// Which locale's texts a pass over an element reads.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Variant {
    /// Plain strings and the `default` entry: the text of SurveyJS's
    /// default locale (English unless the page's JavaScript changes it).
    Default,
    /// An explicit locale key such as `nl`.
    Locale(String, Language),
}

struct Reader {
    units: Units,
    /// The language of the survey's `locale`. It only chooses which text is
    /// shown; a plain (unlocalised) string is taken to be written in it.
    survey_language: Option<Language>,
}

/// The unit each text slot of an element got in the default pass, so other
/// locales can fall back to it.
struct Pass {
    variant: Variant,
    defaults: Vec<Option<usize>>,
    slot: usize,
    /// Units this pass created (a locale pass without any is dropped).
    created: usize,
}

impl Reader {
    /// The string for `variant` in a plain or localised value, with the
    /// language it is written in (`None`: detect it).
    ///
    /// In a localised value `{"default": …, "nl": …}` the `default` entry
    /// holds the default locale's text (English, or `en` stands in for it)
    /// whatever the survey's `locale` is; that only chooses what is shown.
    /// Since a page's JavaScript can change the default locale, the
    /// `default` entry's language is detected rather than assumed.
    fn text_for<'v>(&self, value: &'v Value, variant: &Variant) -> Option<(&'v Mapped, Option<Language>)> {
        match (value, variant) {
            (Value::String(mapped), Variant::Default) => Some((mapped, self.survey_language)),
            (Value::Object(members), Variant::Default) => {
                let default = members.iter().find(|(key, _)| key == "default").map(|(_, value)| (value, None));
                let english =
                    || members.iter().find(|(key, _)| key == "en").map(|(_, value)| (value, Some(Language::English)));
                default.or_else(english).and_then(|(value, language)| Some((value.as_mapped()?, language)))
            }
            (Value::Object(members), Variant::Locale(locale, language)) => members
                .iter()
                .find(|(key, _)| key == locale)
                .and_then(|(_, value)| Some((value.as_mapped()?, Some(*language)))),
            _ => None,
        }
    }

    /// Free text outside questions (titles, completion texts): every locale gets its own unit.
    fn free_text(&mut self, value: Option<&Value>, kind: UnitKind, html: bool) {
        let Some(value) = value else { return };
        let storage = if html { Storage::JSON_HTML } else { Storage::JSON };
        if let Some((text, language)) = self.text_for(value, &Variant::Default) {
            self.units.add(text, kind, language, storage);
        }
        for variant in locales_of(value) {
            if let Some((text, language)) = self.text_for(value, &variant) {
                self.units.add(text, kind, language, storage);
            }
        }
    }

    fn elements(&mut self, container: &Value) {
        for key in ["elements", "questions", "templateElements"] {
            for element in container.get(key).map(Value::items).unwrap_or_default() {
                self.element(element);
            }
        }
    }

    fn element(&mut self, element: &Value) {
        let kind = element.get("type").and_then(Value::as_str).unwrap_or_default().to_ascii_lowercase();
        match kind.as_str() {
            "panel" | "paneldynamic" => {
                self.free_text(element.get("title"), UnitKind::Title, false);
                self.free_text(element.get("description"), UnitKind::Text, false);
                self.elements(element);
                return;
            }
            "html" => {
                let before = self.units.document.units.len();
                self.free_text(element.get("html"), UnitKind::Text, true);
                let added: Vec<usize> = (before..self.units.document.units.len()).collect();
                for unit in added {
                    let mut question = Question::new(QuestionKind::Display, unit);
                    question.name = element.get("name").and_then(Value::as_str).map(str::to_owned);
                    self.units.document.push_question(question);
                }
                return;
            }
            _ => {}
        }
        let mut variants = vec![Variant::Default];
        for value in texts_of(element) {
            for variant in locales_of(value) {
                // One pass per language (`nl` and `nl-BE` share one), so a
                // hostile file cannot multiply the work by inventing locales.
                let known = variants.iter().any(|known| match (known, &variant) {
                    (Variant::Locale(key, language), Variant::Locale(other_key, other_language)) => {
                        key == other_key || language == other_language
                    }
                    _ => false,
                });
                if !known {
                    variants.push(variant);
                }
            }
        }
        let mut defaults = Vec::new();
        for variant in variants {
            let is_default = variant == Variant::Default;
            let mut pass = Pass { variant, defaults: std::mem::take(&mut defaults), slot: 0, created: 0 };
            let question = self.question(element, &kind, &mut pass);
            if let Some(question) = question.filter(|_| is_default || pass.created > 0) {
                self.units.document.push_question(question);
            }
            defaults = pass.defaults;
        }
    }

    /// Adds the text in the next slot for this pass; returns its unit.
    fn slot(&mut self, pass: &mut Pass, value: Option<&Value>, kind: UnitKind) -> Option<usize> {
        let slot = pass.slot;
        pass.slot += 1;
        let text = value.and_then(|value| self.text_for(value, &pass.variant));
        let unit = match text {
            Some((text, language)) => {
                let unit = self.units.add(text, kind, language, Storage::JSON);
                pass.created += usize::from(unit.is_some() && pass.variant != Variant::Default);
                unit
            }
            None => pass.defaults.get(slot).copied().flatten(),
        };
        if pass.variant == Variant::Default {
            pass.defaults.push(unit);
        }
        unit
    }

    fn question(&mut self, element: &Value, kind: &str, pass: &mut Pass) -> Option<Question> {
        let question_kind = question_kind(element, kind);
        let stem = match element.get("title") {
            Some(title) => self.slot(pass, Some(title), UnitKind::Question),
            // SurveyJS shows the name when there is no title.
            None => self.slot(pass, element.get("name"), UnitKind::Question),
        };
        let description = self.slot(pass, element.get("description"), UnitKind::Description);
        let mut options = Vec::new();
        let mut rows = Vec::new();
        let mut extra = Vec::new();
        let mut scale = None;
        let choices = element.get("choices").map(Value::items).unwrap_or_default();
        let columns = element.get("columns").map(Value::items).unwrap_or_default();
        match question_kind {
            QuestionKind::Matrix => {
                let columns_are_options = kind == "matrix" || choices.is_empty();
                let column_units = self.choice_list(pass, columns);
                if columns_are_options {
                    options = column_units;
                } else {
                    extra = column_units;
                    options = self.choice_list(pass, choices);
                }
                rows = self.choice_list(pass, element.get("rows").map(Value::items).unwrap_or_default());
            }
            QuestionKind::Boolean => {
                options.extend(self.slot(pass, element.get("labelTrue"), UnitKind::Option));
                options.extend(self.slot(pass, element.get("labelFalse"), UnitKind::Option));
            }
            QuestionKind::Rating => {
                let values = element.get("rateValues").map(Value::items).unwrap_or_default();
                options = self.choice_list(pass, values);
                let min_label = self.slot(pass, rate_description(element, "min"), UnitKind::Option);
                let max_label = self.slot(pass, rate_description(element, "max"), UnitKind::Option);
                extra.extend(min_label);
                extra.extend(max_label);
                scale = rating_scale(element, values).map(|(min, max)| Scale { min, max, min_label, max_label });
            }
            _ => {
                options = self.choice_list(pass, choices);
                rows = self.choice_list(pass, element.get("items").map(Value::items).unwrap_or_default());
            }
        }
        for (flag, text) in [
            ("showOtherItem", "otherText"),
            ("hasOther", "otherText"),
            ("showNoneItem", "noneText"),
            ("hasNone", "noneText"),
        ] {
            if element.get(flag).is_some_and(Value::is_true) {
                options.extend(self.slot(pass, element.get(text), UnitKind::Option));
            }
        }
        let stem = stem.or(description).or_else(|| options.first().copied())?;
        let mut question = Question::new(question_kind, stem);
        question.name = element.get("name").and_then(Value::as_str).map(str::to_owned);
        question.description = description.filter(|&unit| unit != stem);
        question.options = options;
        question.rows = rows;
        question.scale = scale;
        let index = self.units.document.questions.len();
        for unit in extra {
            self.units.attach(unit, index);
        }
        Some(question)
    }

    /// Units for a list of choices, rows or columns.
    fn choice_list(&mut self, pass: &mut Pass, items: &[Value]) -> Vec<usize> {
        let mut units = Vec::new();
        for item in items {
            let text = match item {
                Value::Object(_) => ["text", "title"].iter().find_map(|key| item.get(key)).or_else(|| {
                    ["value", "name"].iter().find_map(|key| item.get(key)).filter(|value| value.as_mapped().is_some())
                }),
                _ => Some(item),
            };
            // "value|text" shorthand: only the text after the bar is shown.
            let shown;
            let text = match text.and_then(Value::as_mapped) {
                Some(mapped) if matches!(item, Value::String(_)) && mapped.text.contains('|') => {
                    let bar = mapped.text.find('|').map_or(0, |bar| bar + 1);
                    shown = Value::String(mapped.slice(bar..mapped.text.len()));
                    Some(&shown)
                }
                _ => text,
            };
            units.extend(self.slot(pass, text, UnitKind::Option));
        }
        units
    }
}

/// The localised text values of an element, to find which locales it has.
fn texts_of(element: &Value) -> Vec<&Value> {
    let mut texts = Vec::new();
    for key in ["title", "description", "labelTrue", "labelFalse", "minRateDescription", "maxRateDescription"] {
        texts.extend(element.get(key));
    }
    for key in ["choices", "rows", "columns", "rateValues", "items"] {
        for item in element.get(key).map(Value::items).unwrap_or_default() {
            texts.extend(item.get("text"));
            texts.extend(item.get("title"));
        }
    }
    texts
}

/// The explicit Dutch and English locales of a localised string, other than the default.
/// The explicit locales of a localised value, each read in its own language
/// (the survey's own `locale` too). `en` without a `default` entry is the
/// default text itself, read in the default pass.
fn locales_of(value: &Value) -> Vec<Variant> {
    let Value::Object(members) = value else { return Vec::new() };
    if !members.iter().all(|(_, value)| matches!(value, Value::String(_))) {
        return Vec::new();
    }
    let has_default = members.iter().any(|(key, _)| key == "default");
    members
        .iter()
        .filter(|(key, _)| key != "default")
        .filter(|(key, _)| has_default || key != "en")
        .filter_map(|(key, _)| Language::from_tag(key).map(|language| Variant::Locale(key.clone(), language)))
        .collect()
}

fn question_kind(element: &Value, kind: &str) -> QuestionKind {
    match kind {
        "radiogroup" | "dropdown" => QuestionKind::SingleChoice,
        "imagepicker" if element.get("multiSelect").is_some_and(Value::is_true) => QuestionKind::MultipleChoice,
        "imagepicker" => QuestionKind::SingleChoice,
        "checkbox" | "tagbox" | "ranking" => QuestionKind::MultipleChoice,
        "rating" => QuestionKind::Rating,
        "matrix" | "matrixdropdown" | "matrixdynamic" => QuestionKind::Matrix,
        "boolean" => QuestionKind::Boolean,
        "image" | "expression" => QuestionKind::Display,
        _ if element.get("choices").is_some_and(|choices| !choices.items().is_empty()) => QuestionKind::SingleChoice,
        _ => QuestionKind::Open,
    }
}

/// `minRateDescription`, or the misspelt `mininumRateDescription` of older SurveyJS versions.
fn rate_description<'v>(element: &'v Value, end: &str) -> Option<&'v Value> {
    let (current, old) = if end == "min" {
        ("minRateDescription", "mininumRateDescription")
    } else {
        ("maxRateDescription", "maximumRateDescription")
    };
    element.get(current).or_else(|| element.get(old))
}

/// The numeric range of a rating question.
fn rating_scale(element: &Value, values: &[Value]) -> Option<(i64, i64)> {
    if !values.is_empty() {
        let numbers: Vec<i64> =
            values.iter().filter_map(|value| value.get("value").unwrap_or(value).as_i64()).collect();
        return Some((*numbers.iter().min()?, *numbers.iter().max()?));
    }
    let min = element.get("rateMin").and_then(Value::as_i64).unwrap_or(1);
    let step = element.get("rateStep").and_then(Value::as_i64).filter(|&step| step > 0).unwrap_or(1);
    let max = match (element.get("rateMax").and_then(Value::as_i64), element.get("rateCount").and_then(Value::as_i64)) {
        (Some(max), _) => max,
        (None, Some(count)) if count > 0 => min.saturating_add((count - 1).saturating_mul(step)),
        _ => 5,
    };
    Some((min, max))
}
