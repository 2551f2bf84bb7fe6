//! Built-in readers for the JSON that survey services' APIs return:
//! Typeform's form definition (`GET /forms/{id}`), Google Forms'
//! `forms.get` and SurveyMonkey's survey details (`GET /surveys/{id}/details`).
//! Detected by their shape, or chosen with `--input-format` or
//! `format = "typeform"` in `[[formats.custom]]`.

use surveylint::{Document, Language, Question, QuestionKind, Scale, UnitKind};

use crate::tree::Node;
use crate::units::{Storage, Units};

/// True for a Typeform form definition: `fields` with `type` and `title`,
/// beside one of Typeform's own top-level members.
pub(crate) fn is_typeform(root: &Node) -> bool {
    let fields = root.get("fields").map(Node::items).unwrap_or_default();
    !fields.is_empty()
        && fields.iter().all(|field| field.get("type").is_some() && field.get("title").is_some())
        && ["welcome_screens", "thankyou_screens", "_links", "workspace", "settings"]
            .iter()
            .any(|key| root.get(key).is_some())
}

/// True for a Google Forms `forms.get` result.
pub(crate) fn is_google_form(root: &Node) -> bool {
    root.get("formId").is_some()
        || (root.get("info").and_then(|info| info.get("title")).is_some() && root.get("items").is_some())
}

struct Builder<'s> {
    units: Units,
    language: Option<Language>,
    storage: Storage<'s>,
}

impl Builder<'_> {
    fn add(&mut self, node: Option<&Node>, kind: UnitKind) -> Option<usize> {
        let text = node?.as_mapped()?;
        self.units.add(text, kind, self.language, self.storage)
    }

    fn list(&mut self, items: Option<&Node>, key: &str, kind: UnitKind) -> Vec<usize> {
        let items = items.map(Node::items).unwrap_or_default();
        items.iter().filter_map(|item| self.add(item.get(key), kind)).collect()
    }

    fn question(&mut self, kind: QuestionKind, stem: Option<usize>, name: Option<&Node>) -> Option<Question> {
        let mut question = Question::new(kind, stem?);
        question.name = name.and_then(Node::as_str).map(str::to_owned);
        Some(question)
    }

    /// Typeform's welcome and thank-you screens: a title and a description each.
    fn screens(&mut self, screens: Option<&Node>) {
        for screen in screens.map(Node::items).unwrap_or_default() {
            self.add(screen.get("title"), UnitKind::Text);
            self.add(screen.get("properties").and_then(|properties| properties.get("description")), UnitKind::Text);
        }
    }

    fn push(&mut self, question: Option<Question>, extra: &[usize]) {
        let Some(question) = question else { return };
        let index = self.units.document.push_question(question);
        for &unit in extra {
            self.units.attach(unit, index);
        }
    }
}

/// Reads a Typeform form definition.
pub(crate) fn read_typeform(root: &Node, storage: Storage<'_>) -> Document {
    let language =
        root.get("settings").and_then(|settings| settings.get("language")?.as_str()).and_then(Language::from_tag);
    let mut builder = Builder { units: Units::default(), language, storage };
    builder.add(root.get("title"), UnitKind::Title);
    builder.screens(root.get("welcome_screens"));
    // Groups nest fields; a stack keeps hostile nesting off the call stack.
    let mut pending: Vec<&Node> = root.get("fields").map(Node::items).unwrap_or_default().iter().rev().collect();
    while let Some(field) = pending.pop() {
        let kind = field.get("type").and_then(Node::as_str).unwrap_or_default();
        let properties = field.get("properties");
        let property = |key: &str| properties.and_then(|properties| properties.get(key));
        if matches!(kind, "group" | "inline_group") {
            builder.add(field.get("title"), UnitKind::Title);
            builder.add(property("description"), UnitKind::Text);
            pending.extend(property("fields").map(Node::items).unwrap_or_default().iter().rev());
            continue;
        }
        let question_kind = match kind {
            "multiple_choice" | "picture_choice"
                if property("allow_multiple_selection").and_then(Node::as_str) == Some("true") =>
            {
                QuestionKind::MultipleChoice
            }
            "multiple_choice" | "picture_choice" | "dropdown" => QuestionKind::SingleChoice,
            "ranking" => QuestionKind::MultipleChoice,
            "yes_no" | "legal" => QuestionKind::Boolean,
            "opinion_scale" | "rating" | "nps" => QuestionKind::Rating,
            "matrix" => QuestionKind::Matrix,
            "statement" => QuestionKind::Display,
            _ => QuestionKind::Open,
        };
        let unit_kind = if question_kind == QuestionKind::Display { UnitKind::Text } else { UnitKind::Question };
        let stem = builder.add(field.get("title"), unit_kind);
        let description = builder.add(property("description"), UnitKind::Description);
        let mut question = builder.question(question_kind, stem, field.get("ref"));
        let mut extra = Vec::new();
        if let Some(question) = &mut question {
            question.description = description;
            match question_kind {
                QuestionKind::Matrix => {
                    let rows = property("fields").map(Node::items).unwrap_or_default();
                    question.rows =
                        rows.iter().filter_map(|row| builder.add(row.get("title"), UnitKind::Option)).collect();
                    let columns = rows.first().and_then(|row| row.get("properties")).and_then(|p| p.get("choices"));
                    question.options = builder.list(columns, "label", UnitKind::Option);
                }
                QuestionKind::Rating => {
                    let labels = property("labels");
                    let label = |builder: &mut Builder, key| {
                        builder.add(labels.and_then(|labels| labels.get(key)), UnitKind::Option)
                    };
                    let min_label = label(&mut builder, "left");
                    extra.extend(label(&mut builder, "center"));
                    let max_label = label(&mut builder, "right");
                    extra.extend(min_label);
                    extra.extend(max_label);
                    let steps = property("steps").and_then(Node::as_str).and_then(|steps| steps.parse::<i64>().ok());
                    let starts_at_one = property("start_at_one").and_then(Node::as_str) == Some("true");
                    let (min, max) = match (kind, steps) {
                        ("nps", _) => (0, 10),
                        ("rating", steps) => (1, steps.unwrap_or(5)),
                        (_, steps) => {
                            let min = i64::from(starts_at_one);
                            (min, min + steps.unwrap_or(11).max(1) - 1)
                        }
                    };
                    question.scale = Some(Scale { min, max, min_label, max_label });
                }
                _ => question.options = builder.list(property("choices"), "label", UnitKind::Option),
            }
        }
        builder.push(question, &extra);
    }
    builder.screens(root.get("thankyou_screens"));
    builder.units.document
}

/// Reads a Google Forms `forms.get` result.
pub(crate) fn read_google_form(root: &Node, storage: Storage<'_>) -> Document {
    let mut builder = Builder { units: Units::default(), language: None, storage };
    let info = root.get("info");
    builder.add(info.and_then(|info| info.get("title")), UnitKind::Title);
    builder.add(info.and_then(|info| info.get("description")), UnitKind::Text);
    for item in root.get("items").map(Node::items).unwrap_or_default() {
        let question = item.get("questionItem").and_then(|question_item| question_item.get("question"));
        let group = item.get("questionGroupItem");
        if question.is_none() && group.is_none() {
            // Section headers, text, images and videos: shown, not asked.
            builder.add(item.get("title"), UnitKind::Title);
            builder.add(item.get("description"), UnitKind::Text);
            continue;
        }
        let stem = builder.add(item.get("title"), UnitKind::Question);
        let description = builder.add(item.get("description"), UnitKind::Description);
        let mut extra = Vec::new();
        let (kind, options, rows, scale) = if let Some(group) = group {
            let grid = group.get("grid").and_then(|grid| grid.get("columns"));
            let options = builder.list(grid.and_then(|columns| columns.get("options")), "value", UnitKind::Option);
            let rows = group.get("questions").map(Node::items).unwrap_or_default();
            let rows = rows
                .iter()
                .filter_map(|row| {
                    builder.add(row.get("rowQuestion").and_then(|row| row.get("title")), UnitKind::Option)
                })
                .collect();
            (QuestionKind::Matrix, options, rows, None)
        } else if let Some(choice) = question.and_then(|question| question.get("choiceQuestion")) {
            let multiple = choice.get("type").and_then(Node::as_str) == Some("CHECKBOX");
            let kind = if multiple { QuestionKind::MultipleChoice } else { QuestionKind::SingleChoice };
            (kind, builder.list(choice.get("options"), "value", UnitKind::Option), Vec::new(), None)
        } else if let Some(scale) = question.and_then(|question| question.get("scaleQuestion")) {
            let number = |key: &str, default: i64| {
                scale.get(key).and_then(Node::as_str).and_then(|value| value.parse().ok()).unwrap_or(default)
            };
            let min_label = builder.add(scale.get("lowLabel"), UnitKind::Option);
            let max_label = builder.add(scale.get("highLabel"), UnitKind::Option);
            extra.extend(min_label);
            extra.extend(max_label);
            let scale = Scale { min: number("low", 1), max: number("high", 5), min_label, max_label };
            (QuestionKind::Rating, Vec::new(), Vec::new(), Some(scale))
        } else if let Some(rating) = question.and_then(|question| question.get("ratingQuestion")) {
            let levels = rating.get("ratingScaleLevel").and_then(Node::as_str).and_then(|value| value.parse().ok());
            let scale = Scale { min: 1, max: levels.unwrap_or(5), min_label: None, max_label: None };
            (QuestionKind::Rating, Vec::new(), Vec::new(), Some(scale))
        } else {
            (QuestionKind::Open, Vec::new(), Vec::new(), None)
        };
        let name = item.get("itemId");
        let mut question = builder.question(kind, stem.or(description), name);
        if let Some(question) = &mut question {
            question.description = description.filter(|&unit| Some(unit) != stem);
            question.options = options;
            question.rows = rows;
            question.scale = scale;
        }
        builder.push(question, &extra);
    }
    builder.units.document
}

/// Reads SurveyMonkey survey details (headings and answers may hold HTML).
pub(crate) fn read_surveymonkey(root: &Node, storage: Storage<'_>) -> Document {
    let language = root.get("language").and_then(Node::as_str).and_then(Language::from_tag);
    let mut builder = Builder { units: Units::default(), language, storage };
    builder.add(root.get("title"), UnitKind::Title);
    for page in root.get("pages").map(Node::items).unwrap_or_default() {
        builder.add(page.get("title"), UnitKind::Title);
        builder.add(page.get("description"), UnitKind::Text);
        for item in page.get("questions").map(Node::items).unwrap_or_default() {
            let family = item.get("family").and_then(Node::as_str).unwrap_or_default();
            let heading =
                item.get("headings").map(Node::items).unwrap_or_default().first().and_then(|h| h.get("heading"));
            if family == "presentation" {
                builder.add(heading, UnitKind::Text);
                continue;
            }
            let kind = match family {
                "single_choice" => QuestionKind::SingleChoice,
                "multiple_choice" => QuestionKind::MultipleChoice,
                "matrix" => QuestionKind::Matrix,
                _ => QuestionKind::Open,
            };
            let stem = builder.add(heading, UnitKind::Question);
            let answers = item.get("answers");
            let answer = |key: &str| answers.and_then(|answers| answers.get(key));
            let rows = builder.list(answer("rows"), "text", UnitKind::Option);
            let mut options = builder.list(answer("choices"), "text", UnitKind::Option);
            options.extend(builder.add(answer("other").and_then(|other| other.get("text")), UnitKind::Option));
            let mut question = builder.question(kind, stem, item.get("id"));
            if let Some(question) = &mut question {
                question.options = options;
                question.rows = rows;
            }
            builder.push(question, &[]);
        }
    }
    builder.units.document
}
