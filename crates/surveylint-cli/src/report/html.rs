//! The report as one HTML page: inline CSS, inline SVG, one small inline
//! script (the filter) named by hash in the page's own
//! Content-Security-Policy, and nothing loaded from anywhere. Without the
//! script the page reads the same; only the filter stays hidden.
//!
//! The output depends only on the inputs (no time unless `--date`), so it
//! can be compared in snapshot tests.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::ops::Range;

use surveylint::{Document, Language, Question, QuestionKind, RuleKind, Severity, UnitKind};

use super::labels::{format_number, symbol, Labels, Noun, Verdict};
use super::{sha256, tidy, Finding, Review};

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// Everything the page shows.
pub struct Page<'a> {
    pub language: Language,
    pub reviews: &'a [Review<'a>],
    /// Inputs that could not be read, with the reason.
    pub failures: &'a [(String, String)],
    pub date: Option<String>,
}

/// Severities from most to least serious.
const SEVERITIES: [Severity; 4] = [Severity::Error, Severity::Warning, Severity::Info, Severity::Hint];

pub fn render(page: &Page<'_>) -> String {
    let labels = Labels::of(page.language);
    let numbers = Numbering::new(page.reviews);
    let mut out = String::with_capacity(64 * 1024);
    let script_hash = sha256::base64(&sha256::digest(SCRIPT.as_bytes()));
    let subtitle = match page.reviews {
        [review] => review.title().map_or_else(|| review.report.path.clone(), str::to_owned),
        reviews => labels.count(reviews.len(), Noun::Questionnaire),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; \
         script-src 'sha256-{script_hash}'; img-src data:; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"generator\" content=\"surveylint {version}\">\n<title>{title}: {subtitle}</title>\n\
         <style>\n{STYLE}</style>\n</head>\n<body>\n",
        lang = labels.lang,
        version = env!("CARGO_PKG_VERSION"),
        title = labels.page_title,
        subtitle = escape(&subtitle),
    );
    let _ = writeln!(out, "<a class=\"skip\" href=\"#questionnaires\">{}</a>", labels.skip_link);
    header(&mut out, page, labels, &subtitle);
    out.push_str("<main>\n");
    summary(&mut out, page, labels);
    out.push_str("<section id=\"questionnaires\" aria-labelledby=\"questionnaires-title\">\n");
    let _ = writeln!(out, "<h2 id=\"questionnaires-title\">{}</h2>", labels.questionnaires);
    filter(&mut out, page, labels);
    for (index, review) in page.reviews.iter().enumerate() {
        questionnaire(&mut out, index, review, labels, &numbers);
    }
    out.push_str("</section>\n</main>\n");
    footer(&mut out, labels);
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

fn header(out: &mut String, page: &Page<'_>, labels: &Labels, subtitle: &str) {
    let findings: usize = page.reviews.iter().map(|review| review.findings.len()).sum();
    let _ = write!(
        out,
        "<header class=\"page-header\">\n<p class=\"brand\">surveylint</p>\n\
         <h1>{}<span class=\"subtitle\">{}</span></h1>\n<p class=\"meta\">",
        labels.page_title,
        escape(subtitle),
    );
    // With one questionnaire the subtitle is its title, so the meta line names the file.
    if let [review] = page.reviews {
        if review.title().is_some() {
            let _ = write!(out, "<code>{}</code> · ", escape(&review.report.path));
        }
    }
    out.push_str(&labels.count(findings, Noun::Finding));
    if let Some(date) = &page.date {
        let _ = write!(out, " · {} {date}", labels.generated);
    }
    out.push_str("</p>\n</header>\n");
}

/// The summary: verdict, counts, chart, the table of questionnaires, the blind spot.
fn summary(out: &mut String, page: &Page<'_>, labels: &Labels) {
    let _ = writeln!(
        out,
        "<section id=\"summary\" class=\"summary\" aria-labelledby=\"summary-title\">\n<h2 id=\"summary-title\">{}</h2>",
        labels.summary
    );
    verdict(out, page, labels);
    let _ = writeln!(out, "<div class=\"totals\">");
    for severity in SEVERITIES {
        let count: usize = page.reviews.iter().map(|review| review.count(severity)).sum();
        if count == 0 && severity == Severity::Hint {
            continue;
        }
        let _ = writeln!(
            out,
            "<p class=\"total sev-{name}\"><span class=\"symbol\" aria-hidden=\"true\">{symbol}</span> \
             <span class=\"number\">{count}</span> <span class=\"word\">{word}</span></p>",
            name = severity.as_str(),
            symbol = symbol(severity),
            word = labels.severity(severity),
        );
    }
    out.push_str("</div>\n");
    chart(out, page, labels);
    files_table(out, page, labels);
    let _ = write!(
        out,
        "<section class=\"blind-spot\" aria-labelledby=\"blind-spot-title\">\n<h3 id=\"blind-spot-title\">{}</h3>\n\
         <p>{}</p>\n<ul class=\"checklist\">\n",
        labels.blind_spot_title, labels.blind_spot_intro
    );
    for item in labels.blind_spot {
        let _ = writeln!(out, "<li><span class=\"box\" aria-hidden=\"true\">☐</span> {item}</li>");
    }
    out.push_str("</ul>\n</section>\n</section>\n");
}

/// The verdict: an opening by the worst finding, then what the findings do,
/// counted in the questions (or passages) they are in.
fn verdict(out: &mut String, page: &Page<'_>, labels: &Labels) {
    let all = || page.reviews.iter().flat_map(|review| review.findings.iter().map(move |f| (review, f)));
    let worst = all().map(|(_, finding)| finding.diagnostic.severity).max();
    let advice = all().filter(|(_, finding)| finding.diagnostic.severity <= Severity::Info).count();
    // Per verdict group: the places (file, question or unit) and whether all
    // are questions. Rules outside the groups each form their own, by title.
    let mut groups: BTreeMap<(Verdict, &str), GroupPlaces> = BTreeMap::new();
    for (file, review) in page.reviews.iter().enumerate() {
        for finding in &review.findings {
            let group = Verdict::of(&finding.diagnostic.rule);
            let title = if group == Verdict::Other { finding.title(page.language) } else { "" };
            let place = place_of(&review.report.source.document, finding, group);
            let entry = groups.entry((group, title)).or_insert_with(|| (Vec::new(), true));
            if !entry.0.contains(&(file, place)) {
                entry.0.push((file, place));
            }
            entry.1 &= matches!(place, Place::Question(_));
        }
    }
    let _ = write!(
        out,
        "<div class=\"verdict\">\n<h3>{}</h3>\n<p class=\"opening\">{}</p>\n",
        labels.verdict,
        if page.reviews.is_empty() {
            labels.nothing_read.to_owned()
        } else {
            labels.verdict_opening(worst, page.reviews.len(), advice)
        }
    );
    if !page.failures.is_empty() {
        let _ = writeln!(out, "<p class=\"unread\">{}</p>", labels.not_read(page.failures.len()));
    }
    if !groups.is_empty() {
        out.push_str("<ul class=\"clauses\">\n");
        for ((group, title), (places, all_questions)) in &groups {
            let noun = if group.is_about_the_whole() {
                Noun::Questionnaire
            } else if *all_questions {
                Noun::Question
            } else {
                Noun::Passage
            };
            let _ = writeln!(out, "<li>{}</li>", escape(&labels.verdict_clause(*group, places.len(), noun, title)));
        }
        out.push_str("</ul>\n");
    }
    if let [review] = page.reviews {
        let overview = &review.overview;
        if overview.questions > 0 {
            let _ = writeln!(
                out,
                "<p>{}</p>",
                labels.size_sentence(
                    overview.questions,
                    overview.open_questions,
                    overview.minutes,
                    overview.limits.max_questions,
                    overview.limits.max_minutes
                )
            );
        }
    }
    out.push_str("</div>\n");
}

/// The places (file index and place) a verdict group names, and whether all are questions.
type GroupPlaces = (Vec<(usize, Place)>, bool);

/// Where a finding is, for counting the places the verdict names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    File,
    Question(usize),
    Unit(usize),
}

fn place_of(document: &Document, finding: &Finding<'_>, group: Verdict) -> Place {
    if group.is_about_the_whole() {
        return Place::File;
    }
    match finding.diagnostic.unit {
        Some(unit) => match document.units.get(unit).and_then(|unit| unit.question) {
            Some(question) if document.questions.get(question).is_some_and(|q| q.kind != QuestionKind::Display) => {
                Place::Question(question)
            }
            _ => Place::Unit(unit),
        },
        None => Place::File,
    }
}

/// A horizontal bar chart of the findings per rule and severity, in SVG.
fn chart(out: &mut String, page: &Page<'_>, labels: &Labels) {
    let mut rows: BTreeMap<(Severity, &str), (usize, &str)> = BTreeMap::new();
    for finding in page.reviews.iter().flat_map(|review| &review.findings) {
        let key = (finding.diagnostic.severity, finding.diagnostic.rule.as_str());
        rows.entry(key).or_insert((0, finding.title(page.language))).0 += 1;
    }
    let mut rows: Vec<_> = rows.into_iter().collect();
    rows.sort_by(|((a_severity, a_rule), (a_count, _)), ((b_severity, b_rule), (b_count, _))| {
        b_severity.cmp(a_severity).then(b_count.cmp(a_count)).then(a_rule.cmp(b_rule))
    });
    let _ =
        write!(out, "<figure class=\"chart\">\n<figcaption id=\"chart-title\">{}</figcaption>\n", labels.chart_title);
    if rows.is_empty() {
        let _ = write!(out, "<p>{}</p>\n</figure>\n", labels.chart_empty);
        return;
    }
    const ROW: usize = 30;
    const LABEL: usize = 300;
    const BAR: usize = 330;
    let height = rows.len() * ROW + 10;
    let most = rows.iter().map(|(_, (count, _))| *count).max().unwrap_or(1).max(1);
    let description: Vec<String> = rows
        .iter()
        .map(|((severity, _), (count, title))| format!("{title}: {count} ({})", labels.severity(*severity)))
        .collect();
    let _ = write!(
        out,
        "<svg class=\"bars\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">\n<desc id=\"chart-desc\">{}</desc>\n",
        escape(&description.join("; ")),
        width = LABEL + BAR + 50,
    );
    for (index, ((severity, rule), (count, title))) in rows.iter().enumerate() {
        let y = 5 + index * ROW;
        let middle = y + ROW / 2;
        let width = (count * BAR).div_ceil(most).max(3);
        let _ = writeln!(
            out,
            "<g class=\"row sev-{name}\" data-rule=\"{rule}\">{shape}<text x=\"{text_x}\" y=\"{text_y}\" \
             text-anchor=\"end\">{title}</text><rect x=\"{LABEL}\" y=\"{bar_y}\" width=\"{width}\" height=\"18\" \
             rx=\"2\"/><text class=\"count\" x=\"{count_x}\" y=\"{text_y}\">{count}</text></g>",
            name = severity.as_str(),
            rule = escape(rule),
            shape = shape(*severity, 12, middle),
            text_x = LABEL - 10,
            text_y = middle + 5,
            title = escape(&shorten(title, 38)),
            bar_y = middle - 9,
            count_x = LABEL + width + 6,
        );
    }
    out.push_str("</svg>\n</figure>\n");
}

/// The severity's symbol as an SVG shape centred on (x, y): a cross, a
/// triangle, a disc or a ring, so the chart does not rest on colour alone.
fn shape(severity: Severity, x: usize, y: usize) -> String {
    let (x, y) = (x as i64, y as i64);
    match severity {
        Severity::Error => format!(
            "<path class=\"shape\" d=\"M{} {}L{} {}M{} {}L{} {}\" stroke-width=\"3\"/>",
            x - 6,
            y - 6,
            x + 6,
            y + 6,
            x + 6,
            y - 6,
            x - 6,
            y + 6
        ),
        Severity::Warning => {
            format!("<polygon class=\"shape\" points=\"{x},{} {},{} {},{}\"/>", y - 7, x + 7, y + 6, x - 7, y + 6)
        }
        Severity::Info => format!("<circle class=\"shape\" cx=\"{x}\" cy=\"{y}\" r=\"6\"/>"),
        Severity::Hint => format!("<circle class=\"shape ring\" cx=\"{x}\" cy=\"{y}\" r=\"5\" stroke-width=\"2\"/>"),
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let kept: String = text.chars().take(max - 1).collect();
        format!("{}…", kept.trim_end())
    }
}

/// One row per questionnaire: size against the limits, languages, findings.
fn files_table(out: &mut String, page: &Page<'_>, labels: &Labels) {
    let _ = write!(
        out,
        "<table class=\"files\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        labels.questionnaires,
        labels.column_file,
        labels.column_questions,
        labels.column_open_closed,
        labels.column_time,
        labels.column_languages,
        labels.column_findings
    );
    for (index, review) in page.reviews.iter().enumerate() {
        let overview = &review.overview;
        let over = |is_over: bool| {
            if is_over {
                format!(" <strong class=\"over\">{}</strong>", labels.over_limit)
            } else {
                String::new()
            }
        };
        let minutes = overview.minutes.ceil().max(if overview.questions > 0 { 1.0 } else { 0.0 });
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><a href=\"#file-{number}\">{path}</a></th>\
             <td>{questions} <span class=\"limit\">({limit} {max_questions})</span>{over_questions}</td>\
             <td>{open} / {closed}</td>\
             <td>± {minutes} {min} <span class=\"limit\">({limit} {max_minutes})</span>{over_minutes}</td>\
             <td>{languages}</td><td>{findings}</td></tr>",
            number = index + 1,
            path = escape(&review.report.path),
            questions = overview.questions,
            limit = labels.limit,
            max_questions = overview.limits.max_questions,
            over_questions = over(overview.questions > overview.limits.max_questions),
            open = overview.open_questions,
            closed = overview.questions - overview.open_questions,
            minutes = format_number(minutes),
            min = labels.minutes_short,
            max_minutes = format_number(overview.limits.max_minutes),
            over_minutes = over(overview.minutes > overview.limits.max_minutes),
            languages = languages_of(review, labels),
            findings = severity_counts(review, labels),
        );
    }
    for (path, reason) in page.failures {
        let _ = writeln!(
            out,
            "<tr class=\"unreadable\"><th scope=\"row\">{}</th><td colspan=\"5\">{}: {}</td></tr>",
            escape(path),
            labels.unreadable,
            escape(reason)
        );
    }
    let _ = write!(out, "</tbody>\n</table>\n<p class=\"note\">{}</p>\n", labels.limits_note);
}

/// The languages of a questionnaire's texts, most used first.
fn languages_of(review: &Review<'_>, labels: &Labels) -> String {
    let units = &review.report.source.document.units;
    let mut counts: BTreeMap<Language, usize> = BTreeMap::new();
    for (unit, language) in units.iter().zip(&review.overview.languages) {
        if !unit.text.trim().is_empty() {
            *counts.entry(*language).or_default() += 1;
        }
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let names: Vec<&str> = counts.iter().map(|(language, _)| labels.language_name(*language)).collect();
    if names.is_empty() {
        "—".to_owned()
    } else {
        names.join(", ")
    }
}

/// "✖ 2 ▲ 1" with the severity words for screen readers and tooltips.
fn severity_counts(review: &Review<'_>, labels: &Labels) -> String {
    let parts: Vec<String> = SEVERITIES
        .into_iter()
        .filter_map(|severity| {
            let count = review.count(severity);
            (count > 0).then(|| {
                format!(
                    "<span class=\"count sev-{}\" title=\"{word}\"><span aria-hidden=\"true\">{}</span> {count}\
                     <span class=\"sr-only\"> {word}</span></span>",
                    severity.as_str(),
                    symbol(severity),
                    word = labels.severity(severity),
                )
            })
        })
        .collect();
    if parts.is_empty() {
        "—".to_owned()
    } else {
        parts.join(" ")
    }
}

/// The filter, hidden until the script shows it.
fn filter(out: &mut String, page: &Page<'_>, labels: &Labels) {
    let _ = write!(
        out,
        "<form id=\"filter\" class=\"filter\" hidden>\n<fieldset>\n<legend>{}</legend>\n",
        labels.filter_legend
    );
    for severity in SEVERITIES {
        let count: usize = page.reviews.iter().map(|review| review.count(severity)).sum();
        if count == 0 {
            continue;
        }
        let _ = writeln!(
            out,
            "<label class=\"sev-{name}\"><input type=\"checkbox\" name=\"severity\" value=\"{name}\" checked> \
             <span aria-hidden=\"true\">{symbol}</span> {word} ({count})</label>",
            name = severity.as_str(),
            symbol = symbol(severity),
            word = labels.severity(severity),
        );
    }
    let _ = write!(
        out,
        "<label><input type=\"checkbox\" name=\"flagged\"> {}</label>\n</fieldset>\n</form>\n",
        labels.filter_only_flagged
    );
}

/// Finding numbers across the page, and question numbers per file.
struct Numbering {
    /// The first finding number of each review.
    first: Vec<usize>,
}

impl Numbering {
    fn new(reviews: &[Review<'_>]) -> Numbering {
        let mut next = 1;
        let first = reviews
            .iter()
            .map(|review| {
                let first = next;
                next += review.findings.len();
                first
            })
            .collect();
        Numbering { first }
    }
}

/// One questionnaire as respondents see it, with its findings beside it.
fn questionnaire(out: &mut String, index: usize, review: &Review<'_>, labels: &Labels, numbers: &Numbering) {
    let document = &review.report.source.document;
    let first = numbers.first[index];
    let number = index + 1;
    let _ = write!(
        out,
        "<section class=\"file\" id=\"file-{number}\" aria-labelledby=\"file-{number}-title\">\n\
         <h3 id=\"file-{number}-title\"><span class=\"path\">{}</span></h3>\n<p class=\"file-meta\">{} · {}</p>\n",
        escape(&review.report.path),
        labels.count(review.overview.questions, Noun::Question),
        severity_counts(review, labels),
    );
    // Findings by unit; those outside every unit's text are about the file.
    let mut by_unit: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut file_level = Vec::new();
    for (position, finding) in review.findings.iter().enumerate() {
        match (finding.diagnostic.unit, &finding.marked) {
            (Some(unit), Some(_)) if unit < document.units.len() => by_unit.entry(unit).or_default().push(position),
            _ => file_level.push(position),
        }
    }
    if review.findings.is_empty() {
        let _ = writeln!(out, "<p class=\"clean\">{}</p>", labels.no_findings_file);
    }
    if !file_level.is_empty() {
        let _ = write!(
            out,
            "<div class=\"block flagged file-level\">\n<p class=\"file-level-title\">{}</p>\n<div class=\"notes\">\n",
            labels.file_level
        );
        for position in &file_level {
            finding_card(out, review, *position, first + position, labels);
        }
        out.push_str("</div>\n</div>\n");
    }
    let mixed_languages = review.overview.languages.windows(2).any(|pair| pair[0] != pair[1]);
    let view = View { review, labels, by_unit: &by_unit, first, mixed_languages };
    let mut shown = vec![false; document.units.len()];
    let mut question_numbers: HashMap<&str, usize> = HashMap::new();
    let mut next_question = 1;
    out.push_str("<div class=\"survey\">\n");
    for unit in 0..document.units.len() {
        if shown[unit] {
            continue;
        }
        let members = match document.units[unit].question.and_then(|question| document.questions.get(question)) {
            Some(question) => {
                let members = question_members(question);
                let number = if question.kind == QuestionKind::Display {
                    None
                } else {
                    let key = question.name.as_deref().unwrap_or("");
                    let number = match question_numbers.get(key) {
                        Some(number) if !key.is_empty() => *number,
                        _ => {
                            let number = next_question;
                            next_question += 1;
                            question_numbers.insert(key, number);
                            number
                        }
                    };
                    Some(number)
                };
                view.block(out, &members, |out| view.question(out, question, number));
                members
            }
            None => {
                view.block(out, &[unit], |out| view.free_text(out, unit));
                vec![unit]
            }
        };
        for member in members {
            if let Some(shown) = shown.get_mut(member) {
                *shown = true;
            }
        }
    }
    out.push_str("</div>\n</section>\n");
}

/// Every unit of a question: stem, help text, options, rows.
fn question_members(question: &Question) -> Vec<usize> {
    let mut members = vec![question.text];
    members.extend(question.description);
    members.extend(&question.options);
    members.extend(&question.rows);
    if let Some(scale) = &question.scale {
        members.extend(scale.min_label);
        members.extend(scale.max_label);
    }
    members
}

/// What renders one questionnaire's units.
struct View<'a> {
    review: &'a Review<'a>,
    labels: &'a Labels,
    /// Finding positions (in `review.findings`) per unit.
    by_unit: &'a HashMap<usize, Vec<usize>>,
    /// The page-wide number of this review's first finding.
    first: usize,
    /// True when the file holds both languages: each question shows its own.
    mixed_languages: bool,
}

impl View<'_> {
    /// A row of the questionnaire: what respondents see, and the findings beside it.
    fn block(&self, out: &mut String, units: &[usize], content: impl FnOnce(&mut String)) {
        let mut findings: Vec<usize> =
            units.iter().flat_map(|unit| self.by_unit.get(unit).into_iter().flatten().copied()).collect();
        findings.sort_unstable();
        let severities: Vec<&str> = {
            let mut names: Vec<&str> =
                findings.iter().map(|position| self.review.findings[*position].diagnostic.severity.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            names
        };
        let _ = write!(
            out,
            "<div class=\"block{}\" data-severities=\"{}\">\n<div class=\"respondent-view\">\n",
            if findings.is_empty() { "" } else { " flagged" },
            severities.join(" ")
        );
        content(out);
        out.push_str("</div>\n");
        if !findings.is_empty() {
            out.push_str("<div class=\"notes\">\n");
            for position in findings {
                finding_card(out, self.review, position, self.first + position, self.labels);
            }
            out.push_str("</div>\n");
        }
        out.push_str("</div>\n");
    }

    fn language_attribute(&self, unit: usize) -> String {
        self.review.overview.languages.get(unit).map_or_else(String::new, |language| format!(" lang=\"{language}\""))
    }

    fn free_text(&self, out: &mut String, unit: usize) {
        let kind = self.review.report.source.document.units[unit].kind;
        let (open, close) = match kind {
            UnitKind::Title => ("<h4 class=\"survey-title\"", "</h4>"),
            UnitKind::Question => ("<p class=\"stem\"", "</p>"),
            UnitKind::Option => ("<p class=\"option-text\"", "</p>"),
            UnitKind::Text | UnitKind::Description => ("<p class=\"survey-text\"", "</p>"),
        };
        let _ = write!(out, "{open}{}>", self.language_attribute(unit));
        self.text(out, unit);
        let _ = writeln!(out, "{close}");
    }

    fn question(&self, out: &mut String, question: &Question, number: Option<usize>) {
        if question.kind == QuestionKind::Display {
            // A text block (an introduction, an image caption): read, not answered.
            let _ = write!(out, "<p class=\"survey-text\"{}>", self.language_attribute(question.text));
            self.text(out, question.text);
            out.push_str("</p>\n");
            return;
        }
        let labels = self.labels;
        let _ = write!(
            out,
            "<div class=\"question\"{}>\n<p class=\"question-head\">",
            self.language_attribute(question.text)
        );
        if let Some(number) = number {
            let _ = write!(out, "<span class=\"question-number\">{} {number}</span> ", labels.question);
        }
        let _ = write!(out, "<span class=\"question-kind\">{}</span>", labels.question_kind(question.kind));
        if self.mixed_languages {
            if let Some(language) = self.review.overview.languages.get(question.text) {
                let _ = write!(
                    out,
                    " <span class=\"question-language\" title=\"{}\">{}</span>",
                    labels.language_name(*language),
                    language.code().to_uppercase()
                );
            }
        }
        out.push_str("</p>\n<p class=\"stem\">");
        self.text(out, question.text);
        out.push_str("</p>\n");
        if let Some(description) = question.description {
            out.push_str("<p class=\"help\">");
            self.text(out, description);
            out.push_str("</p>\n");
        }
        let control = match question.kind {
            QuestionKind::MultipleChoice => "☐",
            _ => "○",
        };
        if question.kind == QuestionKind::Matrix && !question.rows.is_empty() && !question.options.is_empty() {
            self.matrix(out, question);
        } else {
            if !question.options.is_empty() {
                out.push_str("<ul class=\"options\">\n");
                for option in &question.options {
                    let _ = write!(out, "<li><span class=\"control\" aria-hidden=\"true\">{control}</span> ");
                    self.text(out, *option);
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n");
            }
            if !question.rows.is_empty() {
                let _ = write!(out, "<p class=\"rows-title\">{}</p>\n<ul class=\"rows\">\n", labels.rows);
                for row in &question.rows {
                    out.push_str("<li>");
                    self.text(out, *row);
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n");
            }
        }
        if let Some(scale) = &question.scale {
            if question.options.is_empty() {
                out.push_str("<div class=\"scale\">");
                if let Some(label) = scale.min_label {
                    out.push_str("<span class=\"scale-label\">");
                    self.text(out, label);
                    out.push_str("</span>");
                }
                out.push_str("<ol class=\"scale-points\">");
                if scale.max >= scale.min && scale.max - scale.min <= 10 {
                    for point in scale.min..=scale.max {
                        let _ = write!(out, "<li>{point}</li>");
                    }
                } else {
                    let _ = write!(out, "<li>{}</li><li class=\"gap\">…</li><li>{}</li>", scale.min, scale.max);
                }
                out.push_str("</ol>");
                if let Some(label) = scale.max_label {
                    out.push_str("<span class=\"scale-label\">");
                    self.text(out, label);
                    out.push_str("</span>");
                }
                out.push_str("</div>\n");
            }
        }
        if question.kind == QuestionKind::Open {
            let _ = writeln!(out, "<div class=\"answer-box\">{}</div>", labels.answer_box);
        }
        out.push_str("</div>\n");
    }

    fn matrix(&self, out: &mut String, question: &Question) {
        out.push_str("<div class=\"matrix-wrap\"><table class=\"matrix\">\n<thead><tr><td></td>");
        for option in &question.options {
            out.push_str("<th scope=\"col\">");
            self.text(out, *option);
            out.push_str("</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &question.rows {
            out.push_str("<tr><th scope=\"row\">");
            self.text(out, *row);
            out.push_str("</th>");
            for _ in &question.options {
                out.push_str("<td aria-hidden=\"true\">○</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table></div>\n");
    }

    /// A unit's text with its findings' words marked.
    fn text(&self, out: &mut String, unit: usize) {
        let Some(unit_data) = self.review.report.source.document.units.get(unit) else { return };
        let marks: Vec<Mark> = self
            .by_unit
            .get(&unit)
            .into_iter()
            .flatten()
            .filter_map(|position| {
                let finding = &self.review.findings[*position];
                // A structural finding is about the whole question, not its words:
                // its number follows the text, which stays unmarked.
                let structural = finding.rule.is_some_and(|rule| rule.kind == RuleKind::Survey);
                let end = unit_data.text.trim_end().len();
                finding.marked.clone().map(|range| Mark {
                    range: if structural { end..end } else { range },
                    severity: finding.diagnostic.severity,
                    number: self.first + position,
                })
            })
            .collect();
        // Paragraphs keep the line breaks that end something (a greeting, a
        // sentence, a short line); questions and options flow as one line.
        let keep_lines = matches!(unit_data.kind, UnitKind::Text | UnitKind::Description);
        let text = if keep_lines {
            join_wrapped_lines(unit_data.text.trim_end())
        } else {
            unit_data.text.trim_end().to_owned()
        };
        marked_text(out, &text, &marks, self.labels, keep_lines);
    }
}

/// The words of one finding inside a unit's text.
struct Mark {
    range: Range<usize>,
    severity: Severity,
    number: usize,
}

/// Writes `text` with every mark's words in a `<mark>` of its severity,
/// followed by the finding's number: a link to its explanation, and the
/// place the explanation links back to (`#m3`). Where marks overlap, the
/// most serious one colours the words.
fn marked_text(out: &mut String, text: &str, marks: &[Mark], labels: &Labels, keep_lines: bool) {
    let escape_text = |text: &str| if keep_lines { escape(text) } else { escape_flow(text) };
    let clamp = |offset: usize| offset.min(text.len());
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for mark in marks {
        cuts.push(clamp(mark.range.start));
        cuts.push(clamp(mark.range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let reference = |out: &mut String, mark: &Mark| {
        let _ = write!(
            out,
            "<a class=\"ref sev-{name}\" id=\"m{number}\" href=\"#f{number}\"><span class=\"sr-only\">{finding} </span>{number}\
             <span class=\"sr-only\"> ({word})</span></a>",
            name = mark.severity.as_str(),
            number = mark.number,
            finding = labels.finding,
            word = labels.severity(mark.severity),
        );
    };
    for mark in marks.iter().filter(|mark| clamp(mark.range.end) == 0) {
        reference(out, mark);
    }
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(segment) = text.get(start..end) else { continue };
        let covering: Vec<&Mark> =
            marks.iter().filter(|mark| clamp(mark.range.start) <= start && end <= clamp(mark.range.end)).collect();
        match covering.iter().map(|mark| mark.severity).max() {
            None => out.push_str(&escape_text(segment)),
            Some(severity) => {
                let _ = write!(out, "<mark class=\"sev-{}\">{}</mark>", severity.as_str(), escape_text(segment));
            }
        }
        for mark in marks.iter().filter(|mark| clamp(mark.range.end) == end && end > 0) {
            reference(out, mark);
        }
    }
}

/// Lines shorter than this keep their line break: a heading, a sign-off, a URL.
const SHORT_LINE: usize = 40;

/// Joins lines that a source wrapped in the middle of a sentence, so a
/// paragraph reads as the respondent's screen shows it, while a break after a
/// sentence, a greeting ("Beste klant,"), a blank line or a short line stays.
/// Each joined break becomes one space, so byte offsets do not move.
fn join_wrapped_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line_start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        if c != '\n' {
            out.push(c);
            continue;
        }
        let line = text[line_start..index].trim_end_matches('\r');
        let ends_something = line.trim_end().ends_with(['.', ',', ':', ';', '!', '?', ')', '"', '\u{201d}'])
            || line.trim().chars().count() < SHORT_LINE;
        let next_is_break = chars.peek().is_some_and(|(_, next)| *next == '\n' || *next == '\r');
        if ends_something || next_is_break {
            out.push('\n');
        } else {
            if out.ends_with('\r') {
                out.pop();
                out.push(' ');
            }
            out.push(' ');
        }
        line_start = index + 1;
    }
    out
}

/// One finding's card: severity, title, why, the rewrite (or advice), where.
fn finding_card(out: &mut String, review: &Review<'_>, position: usize, number: usize, labels: &Labels) {
    let finding = &review.findings[position];
    let diagnostic = finding.diagnostic;
    let severity = diagnostic.severity;
    let language = diagnostic.language;
    let rule_text = finding.rule.map(|rule| rule.text(language));
    // The words around a rule's texts are the ones `explain` and the editor's hover use.
    let explained = surveylint::Labels::of(labels.language);
    let back = if finding.marked.is_some() { format!("#m{number}") } else { format!("#f{number}") };
    let _ = write!(
        out,
        "<article class=\"finding sev-{name}\" id=\"f{number}\" data-severity=\"{name}\" data-rule=\"{rule}\" \
         tabindex=\"-1\" lang=\"{language}\">\n<p class=\"finding-head\"><a class=\"number\" href=\"{back}\" \
         title=\"{finding_word} {number}\">{number}</a> <span class=\"badge sev-{name}\"><span aria-hidden=\"true\">\
         {symbol}</span> {word}</span> <strong class=\"title\">{title}</strong></p>\n<p class=\"why\">{message}</p>\n",
        name = severity.as_str(),
        rule = escape(&diagnostic.rule),
        finding_word = labels.finding,
        symbol = symbol(severity),
        word = labels.severity(severity),
        title = escape(finding.title(language)),
        message = escape(&diagnostic.message),
    );
    match (&finding.rewrite, rule_text) {
        (Some((before, after)), _) => {
            let _ = writeln!(
                out,
                "<p class=\"rewrite\"><span class=\"label\">{}:</span> <del>{}</del> <span class=\"arrow\" \
                 aria-hidden=\"true\">→</span><span class=\"sr-only\"> {} </span> <ins>{}</ins></p>",
                explained.rewrite,
                escape(before),
                labels.becomes,
                escape(after)
            );
        }
        (None, Some(text)) if !text.advice.is_empty() => {
            let _ = writeln!(
                out,
                "<p class=\"advice\"><span class=\"label\">{}:</span> {}</p>",
                explained.advice,
                escape(&text.advice)
            );
        }
        _ => {}
    }
    if let Some(text) = rule_text.filter(|text| !text.rationale.is_empty()) {
        let _ = writeln!(
            out,
            "<details class=\"rationale\"><summary>{}</summary><p>{}</p></details>",
            explained.why,
            escape(&tidy(&text.rationale))
        );
    }
    let _ = write!(
        out,
        "<p class=\"where\">{}: <code>{}</code> · <span class=\"code\">{} {}</span></p>\n</article>\n",
        labels.source,
        escape(&finding.location),
        escape(&diagnostic.code),
        escape(&diagnostic.rule)
    );
}

/// HTML text and attribute escaping.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escaped text in which line breaks are spaces: the survey's wrapped
/// source lines flow as the respondent's screen shows them.
fn escape_flow(text: &str) -> String {
    escape(&text.replace("\r\n", " ").replace(['\n', '\r'], " "))
}

fn footer(out: &mut String, labels: &Labels) {
    let _ = write!(out, "<footer class=\"page-footer\">\n<h2>{}</h2>\n<dl class=\"legend\">\n", labels.how_to_read);
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let _ = writeln!(
            out,
            "<dt><span class=\"badge sev-{}\"><span aria-hidden=\"true\">{}</span> {}</span></dt><dd>{}</dd>",
            severity.as_str(),
            symbol(severity),
            labels.severity(severity),
            labels.severity_meaning(severity)
        );
    }
    let _ = write!(
        out,
        "</dl>\n<p>{}</p>\n<p class=\"generator\">surveylint {}</p>\n</footer>\n",
        labels.footer_note,
        env!("CARGO_PKG_VERSION")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, marks: &[Mark]) -> String {
        let mut out = String::new();
        marked_text(&mut out, text, marks, &super::super::labels::EN, false);
        out
    }

    #[test]
    fn overlapping_marks_take_the_most_serious_colour() {
        let marks = [
            Mark { range: 0..9, severity: Severity::Warning, number: 1 },
            Mark { range: 4..13, severity: Severity::Error, number: 2 },
        ];
        let html = marked("Geef ons een 10 <nu>", &marks);
        assert!(
            html.starts_with("<mark class=\"sev-warning\">Geef</mark><mark class=\"sev-error\"> ons </mark>"),
            "{html}"
        );
        assert!(html.contains("id=\"m1\" href=\"#f1\""), "{html}");
        assert!(html.ends_with("</a>10 &lt;nu&gt;"), "{html}");
    }

    #[test]
    fn wrapped_lines_join_and_ends_of_sentences_stay() {
        let text = "Beste klant,\nWe willen graag weten hoe uw bezoek aan onze winkel verliep en\nwat beter kan.\n\nGroet,\nHet team";
        let joined = join_wrapped_lines(text);
        assert_eq!(joined.len(), text.len());
        assert_eq!(joined, "Beste klant,\nWe willen graag weten hoe uw bezoek aan onze winkel verliep en wat beter kan.\n\nGroet,\nHet team");
        assert_eq!(
            join_wrapped_lines("een lange regel die midden in een zin ophoudt\r\nen verder"),
            "een lange regel die midden in een zin ophoudt  en verder"
        );
    }

    #[test]
    fn text_is_escaped_and_lines_flow() {
        assert_eq!(marked("a <b>\nc & \"d\"", &[]), "a &lt;b&gt; c &amp; &quot;d&quot;");
    }
}
