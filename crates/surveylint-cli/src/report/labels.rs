//! Every word the report page says itself, in Dutch and English. The
//! findings keep the language of the text they are about; the page around
//! them follows the questionnaire (or `--report-lang`).

use surveylint::{Language, QuestionKind, Severity};

/// The page's own texts in one language.
pub struct Labels {
    pub lang: &'static str,
    pub language: Language,
    pub page_title: &'static str,
    pub skip_link: &'static str,
    pub summary: &'static str,
    pub verdict: &'static str,
    pub chart_title: &'static str,
    pub chart_empty: &'static str,
    pub questionnaires: &'static str,
    pub column_file: &'static str,
    pub column_questions: &'static str,
    pub column_open_closed: &'static str,
    pub column_time: &'static str,
    pub column_languages: &'static str,
    pub column_findings: &'static str,
    pub over_limit: &'static str,
    pub limit: &'static str,
    pub minutes_short: &'static str,
    pub blind_spot_title: &'static str,
    pub blind_spot_intro: &'static str,
    pub blind_spot: [&'static str; 5],
    pub filter_legend: &'static str,
    pub filter_only_flagged: &'static str,
    pub question: &'static str,
    pub answer_box: &'static str,
    pub rows: &'static str,
    pub file_level: &'static str,
    pub no_findings_file: &'static str,
    pub becomes: &'static str,
    pub source: &'static str,
    pub finding: &'static str,
    pub unreadable: &'static str,
    pub generated: &'static str,
    pub how_to_read: &'static str,
    pub footer_note: &'static str,
    pub dutch: &'static str,
    pub english: &'static str,
    pub limits_note: &'static str,
    pub nothing_read: &'static str,
}

pub const NL: Labels = Labels {
    lang: "nl",
    language: Language::Dutch,
    page_title: "Beoordeling van de vragenlijst",
    skip_link: "Naar de vragenlijsten",
    summary: "Samenvatting",
    verdict: "Oordeel",
    chart_title: "Bevindingen per soort",
    chart_empty: "Geen bevindingen.",
    questionnaires: "Vragenlijsten",
    column_file: "Vragenlijst",
    column_questions: "Vragen",
    column_open_closed: "Open / gesloten",
    column_time: "Invultijd",
    column_languages: "Talen",
    column_findings: "Bevindingen",
    over_limit: "boven de grens",
    limit: "grens",
    minutes_short: "min",
    blind_spot_title: "Wat geen woordcontrole ziet: wie u níet vraagt",
    blind_spot_intro: "Ook een neutraal geformuleerde vragenlijst hoort alleen wie antwoordt. Loop dit na voordat u \
                       verstuurt:",
    blind_spot: [
        "Niet-invullers: vaak meer dan de helft van wie u aanschrijft. Hun oordeel ontbreekt in het cijfer; spreek er \
         een paar persoonlijk.",
        "Ex-klanten: wie vertrok, krijgt de vragenlijst niet meer. Neem hen op in de steekproef.",
        "Bijna-klanten: wie na afweging voor een concurrent koos, staat op geen enkele klantenlijst. Vraag hen \
         waarom.",
        "Wie kiest de ontvangers? Laat niet wie op de score wordt beoordeeld bepalen wie de vragenlijst krijgt.",
        "Wat doet u met de antwoorden? Spreek vooraf af wie welke verbetering oppakt; een mooi cijfer is geen reden \
         om niets te doen.",
    ],
    filter_legend: "Toon",
    filter_only_flagged: "alleen vragen met een bevinding",
    question: "Vraag",
    answer_box: "Open antwoord",
    rows: "Onderdelen",
    file_level: "Over het bestand als geheel",
    no_findings_file: "Geen bevindingen in deze vragenlijst.",
    becomes: "wordt",
    source: "In het bestand",
    finding: "Bevinding",
    unreadable: "Niet gelezen",
    generated: "Gemaakt op",
    how_to_read: "Zo leest u deze pagina",
    footer_note: "Elke markering is een signaal, geen oordeel: lees de uitleg en beslis zelf. De voorstellen zijn \
                  neutrale herschrijvingen; pas ze aan aan uw eigen toon.",
    dutch: "Nederlands",
    english: "Engels",
    limits_note: "De grenzen komen uit de configuratie (surveylint.toml) of de standaard: 25 vragen en 10 minuten.",
    nothing_read: "Er is geen vragenlijst gelezen, dus er is ook niets beoordeeld.",
};

pub const EN: Labels = Labels {
    lang: "en",
    language: Language::English,
    page_title: "Survey review",
    skip_link: "Skip to the questionnaires",
    summary: "Summary",
    verdict: "Verdict",
    chart_title: "Findings by kind",
    chart_empty: "No findings.",
    questionnaires: "Questionnaires",
    column_file: "Questionnaire",
    column_questions: "Questions",
    column_open_closed: "Open / closed",
    column_time: "Time to complete",
    column_languages: "Languages",
    column_findings: "Findings",
    over_limit: "over the limit",
    limit: "limit",
    minutes_short: "min",
    blind_spot_title: "What no wording check can see: who is not asked",
    blind_spot_intro: "Even a neutrally worded questionnaire only hears those who answer. Go through this before you \
                       send it:",
    blind_spot: [
        "Non-respondents: often more than half of those you invite. Their view is missing from the score; talk to a \
         few of them in person.",
        "Former customers: those who left no longer receive the survey. Include them in the sample.",
        "Near-customers: people who weighed you up and chose a competitor are on no customer list. Ask them why.",
        "Who picks the recipients? Do not let the people who are judged by the score decide who receives the survey.",
        "What will you do with the answers? Agree beforehand who acts on what; a good score is no reason to do \
         nothing.",
    ],
    filter_legend: "Show",
    filter_only_flagged: "only questions with a finding",
    question: "Question",
    answer_box: "Open answer",
    rows: "Items",
    file_level: "About the file as a whole",
    no_findings_file: "No findings in this questionnaire.",
    becomes: "becomes",
    source: "In the file",
    finding: "Finding",
    unreadable: "Not read",
    generated: "Made on",
    how_to_read: "How to read this page",
    footer_note: "Every mark is a signal, not a judgement: read the explanation and decide for yourself. The \
                  suggestions are neutral rewrites; adapt them to your own voice.",
    dutch: "Dutch",
    english: "English",
    limits_note: "The limits come from the configuration (surveylint.toml) or the defaults: 25 questions and 10 \
                  minutes.",
    nothing_read: "No questionnaire could be read, so nothing was reviewed.",
};

impl Labels {
    pub fn of(language: Language) -> &'static Labels {
        match language {
            Language::Dutch => &NL,
            Language::English => &EN,
        }
    }

    pub fn language_name(&self, language: Language) -> &'static str {
        match language {
            Language::Dutch => self.dutch,
            Language::English => self.english,
        }
    }

    /// The severity as a word; its symbol is [`symbol`].
    pub fn severity(&self, severity: Severity) -> &'static str {
        match (self.lang, severity) {
            ("nl", Severity::Error) => "Fout",
            ("nl", Severity::Warning) => "Waarschuwing",
            ("nl", Severity::Info) => "Advies",
            ("nl", Severity::Hint) => "Tip",
            (_, Severity::Error) => "Error",
            (_, Severity::Warning) => "Warning",
            (_, Severity::Info) => "Advice",
            (_, Severity::Hint) => "Hint",
        }
    }

    /// What a severity means, for the legend.
    pub fn severity_meaning(&self, severity: Severity) -> &'static str {
        match (self.lang, severity) {
            ("nl", Severity::Error) => "maakt de antwoorden waardeloos; moet anders voordat u verstuurt",
            ("nl", Severity::Warning) => "stuurt het antwoord; herschrijf het",
            ("nl", Severity::Info) => "maakt de vraag zwakker dan nodig; het overwegen waard",
            ("nl", Severity::Hint) => "een kleine verbetering",
            (_, Severity::Error) => "makes the answers worthless; change it before sending",
            (_, Severity::Warning) => "steers the answer; rewrite it",
            (_, Severity::Info) => "makes the question weaker than it needs to be; worth considering",
            (_, Severity::Hint) => "a small improvement",
        }
    }

    /// "1 vraag", "3 questions": a count with its noun.
    pub fn count(&self, count: usize, noun: Noun) -> String {
        let word = match (self.lang, noun, count == 1) {
            ("nl", Noun::Question, true) => "vraag",
            ("nl", Noun::Question, false) => "vragen",
            ("nl", Noun::Passage, true) => "passage",
            ("nl", Noun::Passage, false) => "passages",
            ("nl", Noun::Questionnaire, true) => "vragenlijst",
            ("nl", Noun::Questionnaire, false) => "vragenlijsten",
            ("nl", Noun::Finding, true) => "bevinding",
            ("nl", Noun::Finding, false) => "bevindingen",
            ("nl", Noun::Minute, true) => "minuut",
            ("nl", Noun::Minute, false) => "minuten",
            (_, Noun::Question, true) => "question",
            (_, Noun::Question, false) => "questions",
            (_, Noun::Passage, true) => "passage",
            (_, Noun::Passage, false) => "passages",
            (_, Noun::Questionnaire, true) => "questionnaire",
            (_, Noun::Questionnaire, false) => "questionnaires",
            (_, Noun::Finding, true) => "finding",
            (_, Noun::Finding, false) => "findings",
            (_, Noun::Minute, true) => "minute",
            (_, Noun::Minute, false) => "minutes",
        };
        format!("{count} {word}")
    }

    /// The kind of answer a question takes, shown beside its number.
    pub fn question_kind(&self, kind: QuestionKind) -> &'static str {
        match (self.lang, kind) {
            ("nl", QuestionKind::Open) => "open vraag",
            ("nl", QuestionKind::SingleChoice) => "één antwoord",
            ("nl", QuestionKind::MultipleChoice) => "meerdere antwoorden",
            ("nl", QuestionKind::Rating) => "schaal",
            ("nl", QuestionKind::Matrix) => "matrix",
            ("nl", QuestionKind::Boolean) => "ja of nee",
            ("nl", QuestionKind::Display) => "tekst",
            (_, QuestionKind::Open) => "open question",
            (_, QuestionKind::SingleChoice) => "one answer",
            (_, QuestionKind::MultipleChoice) => "several answers",
            (_, QuestionKind::Rating) => "scale",
            (_, QuestionKind::Matrix) => "matrix",
            (_, QuestionKind::Boolean) => "yes or no",
            (_, QuestionKind::Display) => "text",
        }
    }

    /// That some inputs could not be read, so the verdict says nothing about them.
    pub fn not_read(&self, files: usize) -> String {
        match (self.lang, files) {
            ("nl", 1) => {
                "1 bestand kon niet worden gelezen; deze pagina zegt daar niets over (zie de tabel).".to_owned()
            }
            ("nl", n) => {
                format!("{n} bestanden konden niet worden gelezen; deze pagina zegt daar niets over (zie de tabel).")
            }
            (_, 1) => "1 file could not be read; this page says nothing about it (see the table).".to_owned(),
            (_, n) => format!("{n} files could not be read; this page says nothing about them (see the table)."),
        }
    }

    /// The opening sentence of the verdict, by the most serious finding.
    pub fn verdict_opening(&self, worst: Option<Severity>, files: usize, advice: usize) -> String {
        let plural = files != 1;
        match (self.lang, worst) {
            ("nl", Some(Severity::Error)) => {
                format!("Verstuur {} nog niet.", if plural { "deze vragenlijsten" } else { "deze vragenlijst" })
            }
            ("nl", Some(Severity::Warning)) => "Herschrijf eerst de gemarkeerde formuleringen.".to_owned(),
            ("nl", Some(_)) => format!(
                "Geen sturende formuleringen gevonden; wel {} om de vragen nog beter te maken.",
                if advice == 1 { "1 advies".to_owned() } else { format!("{advice} adviezen") }
            ),
            ("nl", None) => "surveylint vond niets dat het antwoord stuurt.".to_owned(),
            (_, Some(Severity::Error)) => {
                format!("Do not send {} yet.", if plural { "these questionnaires" } else { "this questionnaire" })
            }
            (_, Some(Severity::Warning)) => "Rewrite the marked wording first.".to_owned(),
            (_, Some(_)) => format!(
                "No steering wording found; {} could still make the questions better.",
                if advice == 1 { "1 piece of advice".to_owned() } else { format!("{advice} pieces of advice") }
            ),
            (_, None) => "surveylint found nothing that steers the answers.".to_owned(),
        }
    }

    /// "3 vragen sturen het antwoord": a count of places and what is wrong
    /// with them; for `Other`, the rule's own title says it ("1 vraag: U en je
    /// door elkaar").
    pub fn verdict_clause(&self, kind: Verdict, places: usize, noun: Noun, other_title: &str) -> String {
        let one = places == 1;
        let verb = match (self.lang, kind, one) {
            ("nl", Verdict::TopScore, true) => "vraagt om een topscore",
            ("nl", Verdict::TopScore, false) => "vragen om een topscore",
            ("nl", Verdict::Reward, true) => "belooft iets voor een goed oordeel",
            ("nl", Verdict::Reward, false) => "beloven iets voor een goed oordeel",
            ("nl", Verdict::Pressure, true) => "zet de invuller onder druk",
            ("nl", Verdict::Pressure, false) => "zetten de invuller onder druk",
            ("nl", Verdict::Steering, true) => "stuurt het antwoord",
            ("nl", Verdict::Steering, false) => "sturen het antwoord",
            ("nl", Verdict::Unclear, true) => "is moeilijk eerlijk te beantwoorden",
            ("nl", Verdict::Unclear, false) => "zijn moeilijk eerlijk te beantwoorden",
            ("nl", Verdict::Options, true) => "heeft antwoordopties die niet kloppen",
            ("nl", Verdict::Options, false) => "hebben antwoordopties die niet kloppen",
            ("nl", Verdict::Recommend, true) => "meet alleen de bereidheid om aan te bevelen (NPS)",
            ("nl", Verdict::Recommend, false) => "meten alleen de bereidheid om aan te bevelen (NPS)",
            ("nl", Verdict::TooLong, true) => "is langer dan de grens",
            ("nl", Verdict::TooLong, false) => "zijn langer dan de grens",
            ("nl", Verdict::NoOpenQuestion, true) => "heeft geen open vraag",
            ("nl", Verdict::NoOpenQuestion, false) => "hebben geen open vraag",
            ("nl", Verdict::Other, _) => return format!("{}: {other_title}", self.count(places, noun)),
            (_, Verdict::TopScore, true) => "asks for a top score",
            (_, Verdict::TopScore, false) => "ask for a top score",
            (_, Verdict::Reward, true) => "offers a reward for a good rating",
            (_, Verdict::Reward, false) => "offer a reward for a good rating",
            (_, Verdict::Pressure, true) => "puts pressure on the respondent",
            (_, Verdict::Pressure, false) => "put pressure on the respondent",
            (_, Verdict::Steering, true) => "steers the answer",
            (_, Verdict::Steering, false) => "steer the answer",
            (_, Verdict::Unclear, true) => "is hard to answer accurately",
            (_, Verdict::Unclear, false) => "are hard to answer accurately",
            (_, Verdict::Options, true) => "has answer options that do not fit",
            (_, Verdict::Options, false) => "have answer options that do not fit",
            (_, Verdict::Recommend, true) => "measures only the intention to recommend (NPS)",
            (_, Verdict::Recommend, false) => "measure only the intention to recommend (NPS)",
            (_, Verdict::TooLong, true) => "is longer than the limit",
            (_, Verdict::TooLong, false) => "are longer than the limit",
            (_, Verdict::NoOpenQuestion, true) => "has no open question",
            (_, Verdict::NoOpenQuestion, false) => "have no open question",
            (_, Verdict::Other, _) => return format!("{}: {other_title}", self.count(places, noun)),
        };
        format!("{} {verb}", self.count(places, noun))
    }

    /// The size of one questionnaire against its limits, as a sentence.
    pub fn size_sentence(&self, questions: usize, open: usize, minutes: f64, max_q: usize, max_m: f64) -> String {
        let within = questions <= max_q && minutes <= max_m;
        let minutes_text = self.count(minutes.ceil().max(1.0) as usize, Noun::Minute);
        let max_minutes = format_number(max_m);
        match self.lang {
            "nl" => format!(
                "Met {} ({open} open) en een geschatte invultijd van {minutes_text} {} de grenzen van {max_q} vragen \
                 en {max_minutes} minuten.",
                self.count(questions, Noun::Question),
                if within { "blijft de vragenlijst binnen" } else { "gaat de vragenlijst over" }
            ),
            _ => format!(
                "With {} ({open} open) and an estimated {minutes_text} to complete, the questionnaire {} the limits \
                 of {max_q} questions and {max_minutes} minutes.",
                self.count(questions, Noun::Question),
                if within { "stays within" } else { "goes over" }
            ),
        }
    }
}

/// Nouns the page counts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    Question,
    Passage,
    Questionnaire,
    Finding,
    Minute,
}

/// What the verdict says a group of findings does, in the order it says it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Verdict {
    TopScore,
    Reward,
    Pressure,
    Steering,
    Unclear,
    Options,
    Recommend,
    TooLong,
    NoOpenQuestion,
    Other,
}

impl Verdict {
    /// The verdict group of a rule; any other rule (a team's own, or one newer
    /// than this list) is `Other`, named in the verdict by its title.
    pub fn of(rule: &str) -> Verdict {
        match rule {
            "score-begging" => Verdict::TopScore,
            "conditional-incentive" => Verdict::Reward,
            "emotional-pressure" | "employee-rating-pressure" => Verdict::Pressure,
            "leading-question"
            | "one-sided-question"
            | "loaded-language"
            | "social-proof"
            | "push-poll-premise"
            | "presumed-behaviour"
            | "acquiescence-battery" => Verdict::Steering,
            "double-barreled"
            | "double-negative"
            | "vague-quantifier"
            | "absolute-term"
            | "hypothetical-question"
            | "agree-disagree"
            | "long-question"
            | "plain-language"
            | "missing-reference-period"
            | "matrix-overload" => Verdict::Unclear,
            "unbalanced-scale"
            | "overlapping-options"
            | "missing-opt-out"
            | "sensitive-without-opt-out"
            | "binary-gender"
            | "check-all-that-apply" => Verdict::Options,
            "nps-question" | "nps-without-follow-up" => Verdict::Recommend,
            "survey-length" => Verdict::TooLong,
            "no-open-question" => Verdict::NoOpenQuestion,
            _ => Verdict::Other,
        }
    }

    /// True for groups about a questionnaire as a whole, counted in questionnaires.
    pub fn is_about_the_whole(self) -> bool {
        matches!(self, Verdict::TooLong | Verdict::NoOpenQuestion)
    }
}

/// The symbol shown with a severity, so it never rests on colour alone.
pub fn symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "●",
        Severity::Hint => "○",
    }
}

/// "10" for whole numbers, "7.5" otherwise.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_outside_the_groups_are_named_by_their_title() {
        assert_eq!(Verdict::of("mixed-formality"), Verdict::Other);
        assert_eq!(
            NL.verdict_clause(Verdict::Other, 2, Noun::Passage, "U en je door elkaar"),
            "2 passages: U en je door elkaar"
        );
    }

    #[test]
    fn verdict_clauses_agree_in_number() {
        assert_eq!(NL.verdict_clause(Verdict::Steering, 3, Noun::Question, ""), "3 vragen sturen het antwoord");
        assert_eq!(NL.verdict_clause(Verdict::TopScore, 1, Noun::Question, ""), "1 vraag vraagt om een topscore");
        assert_eq!(
            EN.verdict_clause(Verdict::Pressure, 2, Noun::Passage, ""),
            "2 passages put pressure on the respondent"
        );
    }
}
