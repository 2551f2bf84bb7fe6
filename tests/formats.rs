//! Tests of surveylint-formats: fixtures in every format, Dutch and English,
//! with escapes, entities, CDATA and quotes before a flagged phrase
//! (snapshotted with exact line and column); the real-world corpus; and
//! hostile input, which must give a clear error and never a panic.

use std::path::{Path, PathBuf};

use surveylint::{Document, LintOptions, Linter, Span};
use surveylint_formats::{detect, line_column, read, FormatError, InputFormat};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/formats")
}

/// The real questionnaires; `SURVEYLINT_CORPUS` points elsewhere.
fn corpus_dir() -> PathBuf {
    std::env::var_os("SURVEYLINT_CORPUS").map_or_else(|| PathBuf::from("/work/shared/corpus/real-world"), PathBuf::from)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(name)).unwrap_or_else(|error| panic!("fixture {name}: {error}"))
}

/// Only the rule the fixtures are written for, so rules other engineers add
/// do not change these snapshots.
fn score_begging_only() -> LintOptions {
    let mut options = LintOptions::default();
    options.select = Some(vec!["score-begging".to_owned()]);
    options
}

fn read_named(name: &str, bytes: &[u8]) -> Result<(InputFormat, Document), FormatError> {
    let format = detect(Some(Path::new(name)), bytes)?;
    Ok((format, read(format, bytes)?))
}

/// The questions of a document, one line each.
fn outline(document: &Document) -> String {
    let mut out = String::new();
    for question in &document.questions {
        let unit = &document.units[question.text];
        let texts = |units: &[usize]| units.iter().map(|&unit| document.units[unit].text.clone()).collect::<Vec<_>>();
        out.push_str(&format!(
            "- {:?} {} [{}] {:?}\n",
            question.kind,
            question.name.as_deref().unwrap_or("-"),
            unit.language.map_or("?", |language| language.code()),
            unit.text
        ));
        if let Some(description) = question.description {
            out.push_str(&format!("    description: {:?}\n", document.units[description].text));
        }
        if !question.options.is_empty() {
            out.push_str(&format!("    options: {:?}\n", texts(&question.options)));
        }
        if !question.rows.is_empty() {
            out.push_str(&format!("    rows: {:?}\n", texts(&question.rows)));
        }
        if let Some(scale) = &question.scale {
            let label = |unit: Option<usize>| unit.map(|unit| document.units[unit].text.clone());
            out.push_str(&format!(
                "    scale: {}..{} {:?} {:?}\n",
                scale.min,
                scale.max,
                label(scale.min_label),
                label(scale.max_label)
            ));
        }
    }
    out
}

/// Detects, reads and lints a fixture; renders the document and every
/// finding with its exact position and the source text it points at.
fn render(name: &str, bytes: &[u8]) -> String {
    let (format, document) = read_named(name, bytes).unwrap_or_else(|error| panic!("{name}: {error}"));
    render_document(&format.to_string(), bytes, &document)
}

/// [`render`] for a document already read (`format` names how).
fn render_document(format: &str, bytes: &[u8], document: &Document) -> String {
    let name = format;
    let findings = Linter::new().lint(document, &score_begging_only());
    let mut out =
        format!("format: {format}\nunits: {}\nquestions:\n{}findings:\n", document.units.len(), outline(document));
    for finding in &findings {
        let Some(unit) = finding.unit.and_then(|unit| document.units.get(unit)) else {
            panic!("{name}: a finding without a unit: {finding:?}")
        };
        let language = finding.language.code();
        let place = match &finding.location {
            Some(location) => {
                let words = &unit.text[finding.span.start..finding.span.end];
                format!("{location} bytes {}..{} {language} {words:?}", finding.span.start, finding.span.end)
            }
            None => {
                let (line, column) = line_column(bytes, finding.span.start);
                let (end_line, end_column) = line_column(bytes, finding.span.end);
                let words = String::from_utf8_lossy(&bytes[finding.span.start..finding.span.end]);
                format!("{line}:{column}-{end_line}:{end_column} {language} {words:?}")
            }
        };
        out.push_str(&format!("- {} {place}\n", finding.rule));
        if let Some(fix) = finding.suggestions.first() {
            out.push_str(&format!("    fix {}..{}: {:?}\n", fix.span.start, fix.span.end, fix.replacement));
        }
    }
    out
}

macro_rules! fixture_snapshot {
    ($test:ident, $file:literal) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!(stringify!($test), render($file, &fixture($file)));
        }
    };
}

fixture_snapshot!(surveyjs_nl, "surveyjs-nl.json");
fixture_snapshot!(surveyjs_en_object_literal, "surveyjs-en.json");
fixture_snapshot!(qualtrics_en_nl, "qualtrics-en-nl.qsf");
fixture_snapshot!(limesurvey_nl_v3, "limesurvey-nl.lss");
fixture_snapshot!(limesurvey_en_v4, "limesurvey-en.lss");
fixture_snapshot!(limesurvey_tsv_nl_en, "limesurvey-nl-en.txt");
fixture_snapshot!(xlsform_csv_nl_en, "xlsform-nl-en.csv");
fixture_snapshot!(xlsform_csv_en_semicolons, "xlsform-en.csv");
fixture_snapshot!(text_nl_with_bom, "text-nl.txt");
fixture_snapshot!(markdown_en, "markdown-en.md");
#[cfg(feature = "xlsx")]
fixture_snapshot!(xlsform_xlsx_nl_en, "xlsform-nl-en.xlsx");
fixture_snapshot!(formr_csv_nl, "formr-nl.csv");
#[cfg(feature = "xlsx")]
fixture_snapshot!(formr_xlsx_en, "formr-en.xlsx");
fixture_snapshot!(codebook_csv_nl_en, "codebook-nl-en.csv");
#[cfg(feature = "xlsx")]
fixture_snapshot!(codebook_xlsx_nl_en_joined_by_name, "codebook-nl-en.xlsx");
fixture_snapshot!(redcap_nl, "redcap-nl.csv");
fixture_snapshot!(redcap_en_api_columns, "redcap-en.csv");
#[cfg(feature = "xlsx")]
fixture_snapshot!(word_nl, "word-nl.docx");
#[cfg(feature = "xlsx")]
fixture_snapshot!(word_en, "word-en.docx");
#[cfg(feature = "xlsx")]
fixture_snapshot!(word_styled_nl, "word-styled-nl.docx");
fixture_snapshot!(surveydown_qmd_nl, "surveydown-nl.qmd");
fixture_snapshot!(surveydown_questions_yml_en, "questions-en.yml");
fixture_snapshot!(typeform_nl, "typeform-nl.json");
fixture_snapshot!(google_forms_en, "google-forms-en.json");
fixture_snapshot!(surveymonkey_nl_html, "surveymonkey-nl.json");
fixture_snapshot!(generic_json_nl_en_language_maps, "generic-nl-en.json");
fixture_snapshot!(generic_yaml_nl, "generic-nl.yaml");

/// Every word of every unit maps to the same word in the file, unless an
/// escape, entity, tag or doubled quote sits inside it.
fn assert_words_map_to_themselves(name: &str, bytes: &[u8], document: &Document) {
    for unit in document.units.iter().filter(|unit| unit.location.is_none()) {
        let mut start = None;
        for (offset, c) in unit.text.char_indices().chain([(unit.text.len(), ' ')]) {
            match (start, c.is_alphanumeric()) {
                (None, true) => start = Some(offset),
                (Some(word_start), false) => {
                    start = None;
                    let span = unit.map.to_source(Span::new(word_start, offset));
                    let source = String::from_utf8_lossy(&bytes[span.start..span.end]);
                    let word = &unit.text[word_start..offset];
                    let encoded = source.contains(['\\', '&', '<', '"', ';']);
                    assert!(source == word || encoded, "{name}: {word:?} maps to {source:?} at {span:?}");
                }
                _ => {}
            }
        }
    }
}

#[test]
fn every_fixture_word_maps_to_its_source() {
    for entry in std::fs::read_dir(fixtures_dir()).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|extension| extension == "py") {
            continue;
        }
        let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let bytes = fixture(&name);
        match read_named(&name, &bytes) {
            Ok((_, document)) => assert_words_map_to_themselves(&name, &bytes, &document),
            Err(FormatError::Unsupported { .. }) if cfg!(not(feature = "xlsx")) => {}
            Err(error) => panic!("{name}: {error}"),
        }
    }
}

/// What each unsupported corpus file must be recognised as.
const UNSUPPORTED_CORPUS: &[(&str, &str)] = &[];

#[test]
fn real_world_corpus_reads_and_lints() {
    let entries = match std::fs::read_dir(corpus_dir()) {
        Ok(entries) => entries,
        // CI must test the real questionnaires; a developer without them is told, not failed.
        Err(error) if std::env::var_os("CI").is_some() => {
            panic!("no real-world corpus at {} ({error}); set SURVEYLINT_CORPUS", corpus_dir().display())
        }
        Err(_) => {
            eprintln!("skipped: no corpus at {}", corpus_dir().display());
            return;
        }
    };
    let linter = Linter::new();
    let mut read_count = 0;
    for path in entries.flatten().map(|entry| entry.path()) {
        let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        if name == "SOURCES.md" {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{name}: {error}"));
        let expected = UNSUPPORTED_CORPUS.iter().find(|(file, _)| *file == name).map(|(_, seen)| *seen);
        let is_workbook = name.ends_with(".xlsx");
        match (read_named(&name, &bytes), expected) {
            (Ok((format, document)), None) => {
                assert!(!document.questions.is_empty(), "{name}: read as {format} but no questions found");
                assert_words_map_to_themselves(&name, &bytes, &document);
                for finding in linter.lint(&document, &LintOptions::default()) {
                    if finding.location.is_none() {
                        let text = bytes.get(finding.span.start..finding.span.end).map(std::str::from_utf8);
                        assert!(matches!(text, Some(Ok(_))), "{name}: {finding:?} is not on character boundaries");
                    }
                }
                read_count += 1;
            }
            (Err(FormatError::Unsupported { seen }), Some(expected)) => {
                assert!(seen.contains(expected) || (is_workbook && cfg!(not(feature = "xlsx"))), "{name}: {seen}");
            }
            (Err(FormatError::Unsupported { .. }), None) if is_workbook && cfg!(not(feature = "xlsx")) => {}
            (result, expected) => {
                panic!("{name}: expected {expected:?}, got {:?}", result.map(|(format, _)| format))
            }
        }
    }
    assert!(read_count >= 8, "only {read_count} corpus files were read");
}

/// The corpus's codebooks and formr sheet are read as what they are, in the
/// right language, with the position of a known question exact.
#[test]
fn real_world_codebooks_and_formr_are_read_with_positions() {
    let mut cases = vec![(
        "covid-19-impact-lab__liss-questionnaires__codebook-wave-5-english-dutch.csv",
        InputFormat::Codebook,
        "Heeft een huisarts",
        "11:69 nl",
    )];
    if cfg!(feature = "xlsx") {
        cases.push((
            "covid-19-impact-lab__liss-questionnaires__corona_wave_6.xlsx",
            InputFormat::CodebookXlsx,
            "Have you been diagnosed",
            "question_group!H3 en",
        ));
        cases.push((
            "rubenarslan__formr.org__all_widgets.xlsx",
            InputFormat::Formr,
            "Where do you live?",
            "survey!G5 ?",
        ));
    }
    for (name, expected, starts, place) in cases {
        let bytes = match std::fs::read(corpus_dir().join(name)) {
            Ok(bytes) => bytes,
            Err(error) if std::env::var_os("CI").is_some() => panic!("{name}: {error}; set SURVEYLINT_CORPUS"),
            Err(_) => continue,
        };
        let (format, document) = read_named(name, &bytes).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(format, expected, "{name}");
        let Some(unit) = document.units.iter().find(|unit| unit.text.starts_with(starts)) else {
            panic!("{name}: no unit starts with {starts:?}")
        };
        let language = unit.language.map_or("?", |language| language.code());
        let found = match &unit.location {
            Some(location) => format!("{location} {language}"),
            None => {
                let (line, column) = line_column(&bytes, unit.map.to_source(Span::new(0, 0)).start);
                format!("{line}:{column} {language}")
            }
        };
        assert_eq!(found, place, "{name}");
    }
}

/// Cutting a file anywhere, or putting a quote, bracket, escape or bad byte
/// anywhere, gives a document or an error, never a panic.
#[test]
fn truncated_and_corrupted_files_never_panic() {
    let names = [
        "surveyjs-nl.json",
        "surveyjs-en.json",
        "qualtrics-en-nl.qsf",
        "limesurvey-nl.lss",
        "limesurvey-en.lss",
        "limesurvey-nl-en.txt",
        "xlsform-nl-en.csv",
        "text-nl.txt",
        "formr-nl.csv",
        "codebook-nl-en.csv",
        "redcap-nl.csv",
        "redcap-en.csv",
        "surveydown-nl.qmd",
        "questions-en.yml",
        "typeform-nl.json",
        "google-forms-en.json",
        "surveymonkey-nl.json",
        "generic-nl-en.json",
        "generic-nl.yaml",
    ];
    for name in names {
        let bytes = fixture(name);
        let format = detect(Some(Path::new(name)), &bytes).unwrap_or_else(|error| panic!("{name}: {error}"));
        for cut in (0..bytes.len()).step_by(3) {
            let _ = detect(Some(Path::new(name)), &bytes[..cut]);
            let _ = read(format, &bytes[..cut]);
        }
        for index in (0..bytes.len()).step_by(11) {
            for replacement in [b'"', b'<', b'&', b'\\', b'{', b'\t', 0xff] {
                let mut corrupted = bytes.clone();
                corrupted[index] = replacement;
                let _ = read(format, &corrupted);
            }
        }
    }
}

#[test]
fn detection_uses_extension_and_content() {
    let survey = br#"{"pages": [{"elements": [{"type": "text", "name": "q"}]}]}"#;
    assert_eq!(detect(Some(Path::new("a.json")), survey), Ok(InputFormat::SurveyJs));
    assert_eq!(detect(None, survey), Ok(InputFormat::SurveyJs));
    assert_eq!(detect(None, b"{Beste klant}, geef ons een 10!"), Ok(InputFormat::Text));
    assert!(matches!(detect(Some(Path::new("a.json")), b"{Beste klant}"), Err(FormatError::Invalid { .. })));
    // JSON and YAML that no reader knows are read generically.
    assert_eq!(detect(Some(Path::new("package.json")), br#"{"name": "x", "version": "1.0.0"}"#), Ok(InputFormat::Json));
    assert_eq!(detect(Some(Path::new("ci.yml")), b"jobs:\n  test: {}\n"), Ok(InputFormat::Yaml));
    assert_eq!(
        detect(Some(Path::new("questions.yml")), b"q1:\n  type: text\n  label: Why?\n"),
        Ok(InputFormat::SurveydownYaml)
    );
    assert_eq!(
        detect(Some(Path::new("survey.qmd")), b"```{r}\nsd_question(id = 'a', label = 'Why?')\n```\n"),
        Ok(InputFormat::Surveydown)
    );
    assert_eq!(detect(Some(Path::new("report.qmd")), b"# Results\n"), Ok(InputFormat::Markdown));
    assert_eq!(detect(None, b"---\ntitle: x\n---\n```{r}\nlibrary(surveydown)\n```\n"), Ok(InputFormat::Surveydown));
    assert_eq!(detect(Some(Path::new("form.json")), &fixture("typeform-nl.json")), Ok(InputFormat::Typeform));
    assert_eq!(detect(Some(Path::new("form.json")), &fixture("google-forms-en.json")), Ok(InputFormat::GoogleForms));
    // SurveyMonkey's `pages` must not be taken for SurveyJS's.
    assert_eq!(detect(Some(Path::new("form.json")), &fixture("surveymonkey-nl.json")), Ok(InputFormat::SurveyMonkey));
    assert_eq!(detect(Some(Path::new("export.txt")), &fixture("limesurvey-nl-en.txt")), Ok(InputFormat::LimeSurveyTsv));
    assert_eq!(detect(Some(Path::new("notes.txt")), "Hoe tevreden bent u?\n".as_bytes()), Ok(InputFormat::Text));
    assert_eq!(detect(Some(Path::new("form.csv")), b"type,name,label\ntext,q,Why?\n"), Ok(InputFormat::XlsFormCsv));
    assert!(matches!(
        detect(Some(Path::new("data.csv")), b"id,score\n1,10\n"),
        Err(FormatError::Unsupported { seen }) if seen.contains("not an XLSForm")
    ));
    assert_eq!(detect(Some(Path::new("survey.lss")), &fixture("limesurvey-nl.lss")), Ok(InputFormat::LimeSurveyXml));
    assert_eq!(detect(Some(Path::new("README.md")), b"# Title\n"), Ok(InputFormat::Markdown));
}

#[test]
fn format_names_round_trip() {
    for format in InputFormat::ALL {
        assert_eq!(InputFormat::from_name(format.name()), Some(format));
    }
    assert_eq!(InputFormat::from_name("limesurvey-tsv"), Some(InputFormat::LimeSurveyTsv));
    assert_eq!(InputFormat::from_name("excel"), None);
    assert!(!InputFormat::XlsForm.has_text_positions());
    assert!(InputFormat::XlsFormCsv.has_text_positions());
}

#[test]
fn a_json_fix_is_written_back_escaped() {
    let source = fixture("surveyjs-nl.json");
    let (format, document) = read_named("surveyjs-nl.json", &source).unwrap_or_else(|error| panic!("{error}"));
    let findings = Linter::new().lint(&document, &score_begging_only());
    let finding = findings.iter().find(|finding| finding.location.is_none() && !finding.suggestions.is_empty());
    let Some(fix) = finding.and_then(|finding| finding.suggestions.first()) else { panic!("no fix in {findings:?}") };
    let mut fixed = source[..fix.span.start].to_vec();
    fixed.extend_from_slice(fix.replacement.as_bytes());
    fixed.extend_from_slice(&source[fix.span.end..]);
    let document = read(format, &fixed).unwrap_or_else(|error| panic!("the fixed file does not parse: {error}"));
    assert!(document.units.iter().any(|unit| unit.text.contains("Welk cijfer van 0 tot 10 geeft u ons, en waarom?")));
}

fn invalid_at(result: Result<InputFormat, FormatError>) -> (usize, usize, String) {
    match result {
        Err(FormatError::Invalid { line, column, message }) => (line, column, message),
        other => panic!("expected an Invalid error, got {other:?}"),
    }
}

fn read_error(format: InputFormat, bytes: &[u8]) -> FormatError {
    match read(format, bytes) {
        Err(error) => error,
        Ok(document) => panic!("expected an error, read {} units", document.units.len()),
    }
}

#[test]
fn malformed_json_names_the_position() {
    let source = b"{\n  \"pages\": [\n    {\"elements\": [{\"type\": \"text\" \"name\": \"q\"}]}\n  ]\n}";
    let (line, column, message) = invalid_at(detect(Some(Path::new("survey.json")), source));
    assert_eq!((line, column), (3, 35));
    assert_eq!(message, "expected `,` or `}` after an object member");
    let error = read_error(InputFormat::SurveyJs, b"{\"title\": \"Caf\\u00zz\"}");
    assert_eq!(
        error,
        FormatError::Invalid { line: 1, column: 15, message: "invalid escape: expected 4 hexadecimal digits".into() }
    );
    assert!(matches!(
        read_error(InputFormat::Qualtrics, b"{\"SurveyEntry\": {"),
        FormatError::Invalid { line: 1, column: 17, .. }
    ));
}

#[test]
fn malformed_xml_names_the_position() {
    let source = b"<?xml version=\"1.0\"?>\n<document>\n <LimeSurveyDocType>Survey</LimeSurveyDocType>\n <questions><rows><row><question>Hoi</vraag></row></rows></questions>\n</document>\n";
    match read_error(InputFormat::LimeSurveyXml, source) {
        FormatError::Invalid { line, message, .. } => {
            assert_eq!(line, 4);
            assert!(message.contains("malformed XML"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        read_error(InputFormat::LimeSurveyXml, b"<survey/>"),
        FormatError::Invalid { line: 1, column: 1, .. }
    ));
}

#[test]
fn a_broken_csv_quote_names_the_field() {
    let source = b"type,name,label\ntext,q1,\"Hoe was het?\"\ntext,q2,\"Verdienen we een 10?\n";
    assert_eq!(
        read_error(InputFormat::XlsFormCsv, source),
        FormatError::Invalid { line: 3, column: 9, message: "this quoted field is not closed".into() }
    );
    let tsv = b"class\ttype/scale\tname\ttext\nQ\tL\tq\t\"open\n";
    assert!(matches!(read_error(InputFormat::LimeSurveyTsv, tsv), FormatError::Invalid { line: 2, column: 7, .. }));
}

#[test]
fn non_utf8_text_names_the_byte() {
    let source = b"Hoe tevreden bent u?\nCaf\xe9 Noord\n";
    assert_eq!(
        read_error(InputFormat::Text, source),
        FormatError::Invalid { line: 2, column: 4, message: "the file is not valid UTF-8 here".into() }
    );
}

#[test]
fn deep_nesting_is_refused_without_recursion() {
    let json = format!("{}{}", "{\"a\":[".repeat(20_000), "1");
    assert!(matches!(read_error(InputFormat::SurveyJs, json.as_bytes()), FormatError::Invalid { line: 1, .. }));
    let xml = format!("<?xml version=\"1.0\"?><document>{}", "<a>".repeat(20_000));
    assert!(matches!(read_error(InputFormat::LimeSurveyXml, xml.as_bytes()), FormatError::Invalid { line: 1, .. }));
}

#[test]
fn large_inputs_are_read_without_trouble() {
    // Four megabytes in one string and many small units: linear work, bounded memory.
    let long = format!(
        "{{\"pages\":[{{\"elements\":[{{\"type\":\"text\",\"title\":\"{}verdienen we een 10?\"}}]}}]}}",
        "ab ".repeat(1 << 20)
    );
    let document = read(InputFormat::SurveyJs, long.as_bytes()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(document.units.len(), 1);
    // Hostile markup: many unclosed tags and entities stay linear.
    let unclosed = "<a \\\"x ".repeat(200_000);
    let html = format!("{{\"completedHtml\": \"{unclosed}\", \"pages\": [{{\"elements\": []}}]}}");
    assert!(read(InputFormat::SurveyJs, html.as_bytes()).is_ok());
    let tags = "<b>".repeat(200_000);
    let html = format!("{{\"completedHtml\": \"{tags}&eacute;\", \"pages\": [{{\"elements\": []}}]}}");
    let document = read(InputFormat::SurveyJs, html.as_bytes()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(document.units.first().map(|unit| unit.text.as_str()), Some("é"));
}

#[cfg(feature = "xlsx")]
mod workbooks {
    use std::io::Write;

    use super::*;

    #[test]
    fn a_truncated_workbook_is_an_error() {
        let bytes = fixture("xlsform-nl-en.xlsx");
        for cut in [bytes.len() / 2, bytes.len() - 10, 10] {
            match read(InputFormat::XlsForm, &bytes[..cut]) {
                Err(FormatError::InvalidEntry { place, message }) => {
                    assert!(!place.is_empty() && !message.is_empty());
                }
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
    }

    /// A minimal workbook with one sheet `survey` holding `sheet_data` and the given shared strings.
    fn workbook(sheet_data: &str, shared_strings: &[&str]) -> Vec<u8> {
        let strings: String = shared_strings.iter().map(|text| format!("<si><t>{text}</t></si>")).collect();
        let entries = [
            (
                "xl/workbook.xml",
                r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="survey" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned(),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_owned(),
            ),
            (
                "xl/sharedStrings.xml",
                format!(r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>"#),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!(r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#),
            ),
        ];
        let mut buffer = std::io::Cursor::new(Vec::new());
        {
            let mut writer = zip::ZipWriter::new(&mut buffer);
            let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            for (name, content) in entries {
                writer.start_file(name, options).unwrap_or_else(|error| panic!("{error}"));
                writer.write_all(content.as_bytes()).unwrap_or_else(|error| panic!("{error}"));
            }
            writer.finish().unwrap_or_else(|error| panic!("{error}"));
        }
        buffer.into_inner()
    }

    #[test]
    fn a_minimal_workbook_is_read() {
        let header =
            r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#;
        let question =
            r#"<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c></row>"#;
        let bytes =
            workbook(&format!("{header}{question}"), &["type", "name", "label", "text", "q1", "Geef ons een 10!"]);
        let document = read(InputFormat::XlsForm, &bytes).unwrap_or_else(|error| panic!("{error}"));
        let unit = document.units.first().unwrap_or_else(|| panic!("no unit"));
        assert_eq!((unit.text.as_str(), unit.location.as_deref()), ("Geef ons een 10!", Some("survey!C2")));
    }

    #[test]
    fn a_cell_finding_indexes_the_cell_text_it_reports() {
        // Found by the fuzzer: spans mapped to the raw cell (spaces, markup) ran past the unit's text.
        let header =
            r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#;
        let question =
            r#"<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c></row>"#;
        let label = "   &lt;b&gt;Geef&lt;/b&gt; ons een 10!";
        let bytes = workbook(&format!("{header}{question}"), &["type", "name", "label", "text", "q1", label]);
        let document = read(InputFormat::XlsForm, &bytes).unwrap_or_else(|error| panic!("{error}"));
        let findings = Linter::new().lint(&document, &score_begging_only());
        let [finding] = findings.as_slice() else { panic!("{findings:?}") };
        let text = finding.unit.and_then(|unit| document.units.get(unit)).map_or("", |unit| unit.text.as_str());
        assert_eq!(text.get(finding.span.start..finding.span.end), Some("Geef ons een 10"));
    }

    #[test]
    fn a_shared_string_index_past_the_table_is_an_error_not_a_panic() {
        // Used to panic inside calamine (index out of bounds) and abort a whole directory walk.
        let bytes = workbook(r#"<row r="1"><c r="A1" t="s"><v>7</v></c></row>"#, &["type"]);
        assert!(bytes.len() < 2048, "{}", bytes.len());
        match read(InputFormat::XlsForm, &bytes) {
            Err(FormatError::InvalidEntry { place, message }) => {
                assert_eq!(place, "workbook");
                assert!(message.contains("malformed"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn two_far_apart_cells_do_not_allocate_the_rectangle_between_them() {
        // Used to abort the process: calamine's dense range from A1 to XFD1048576 is ~17 billion cells.
        let cells = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>type</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#;
        let bytes = workbook(cells, &[]);
        match read(InputFormat::XlsForm, &bytes) {
            Err(FormatError::Unsupported { .. }) => {}
            other => panic!("{other:?}"),
        }
        let beyond = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>type</t></is></c><c r="XFE1" t="inlineStr"><is><t>x</t></is></c></row>"#;
        match read(InputFormat::XlsForm, &workbook(beyond, &[])) {
            Err(FormatError::InvalidEntry { place, message }) => {
                assert_eq!(place, "sheet `survey`");
                assert!(message.contains("16384 columns"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_inflated() {
        let mut buffer = std::io::Cursor::new(Vec::new());
        {
            let mut writer = zip::ZipWriter::new(&mut buffer);
            let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            writer.start_file("xl/worksheets/sheet1.xml", options).unwrap_or_else(|error| panic!("{error}"));
            let zeros = vec![0u8; 1 << 20];
            for _ in 0..65 {
                writer.write_all(&zeros).unwrap_or_else(|error| panic!("{error}"));
            }
            writer.finish().unwrap_or_else(|error| panic!("{error}"));
        }
        let bytes = buffer.into_inner();
        assert!(bytes.len() < 1 << 20, "the bomb should be small: {}", bytes.len());
        match detect(Some(Path::new("bomb.xlsx")), &bytes) {
            Err(FormatError::InvalidEntry { place, message }) => {
                assert_eq!(place, "xl/worksheets/sheet1.xml");
                assert!(message.contains("more than 64 MiB"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[cfg(feature = "xlsx")]
mod word_documents {
    use std::io::Write;

    use super::*;

    /// A zip holding these entries, deflated.
    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buffer = std::io::Cursor::new(Vec::new());
        {
            let mut writer = zip::ZipWriter::new(&mut buffer);
            let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            for (name, content) in entries {
                writer.start_file(*name, options).unwrap_or_else(|error| panic!("{error}"));
                writer.write_all(content).unwrap_or_else(|error| panic!("{error}"));
            }
            writer.finish().unwrap_or_else(|error| panic!("{error}"));
        }
        buffer.into_inner()
    }

    fn docx(body: &str) -> Vec<u8> {
        let document = format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        zip_of(&[("word/document.xml", document.as_bytes())])
    }

    fn invalid_entry(bytes: &[u8]) -> (String, String) {
        match read(InputFormat::Docx, bytes) {
            Err(FormatError::InvalidEntry { place, message }) => (place, message),
            other => panic!("expected an InvalidEntry error, got {:?}", other.map(|document| document.units.len())),
        }
    }

    #[test]
    fn a_docx_zip_bomb_is_refused_before_it_is_inflated() {
        let zeros = vec![b' '; 65 << 20];
        let bytes = zip_of(&[("word/document.xml", &zeros)]);
        assert!(bytes.len() < 1 << 20, "the bomb should be small: {}", bytes.len());
        assert_eq!(detect(Some(Path::new("bomb.docx")), &bytes), Ok(InputFormat::Docx));
        let (place, message) = invalid_entry(&bytes);
        assert_eq!(place, "word/document.xml");
        assert_eq!(message, "the document decompresses to more than 64 MiB");
    }

    #[test]
    fn a_truncated_or_foreign_docx_is_an_error() {
        let bytes = fixture("word-nl.docx");
        for cut in [bytes.len() / 2, bytes.len() - 10, 10] {
            let (place, message) = invalid_entry(&bytes[..cut]);
            assert_eq!(place, "document", "cut at {cut}: {message}");
            assert!(message.starts_with("not a readable .docx (zip) file"), "cut at {cut}: {message}");
        }
        let workbook = fixture("xlsform-nl-en.xlsx");
        assert_eq!(
            invalid_entry(&workbook),
            ("document".to_owned(), "has no word/document.xml: it is not a Word document".to_owned())
        );
        assert!(matches!(
            detect(Some(Path::new("old.doc")), b"\xd0\xcf\x11\xe0"),
            Err(FormatError::Unsupported { seen }) if seen == "a .doc document (save it as .docx)"
        ));
    }

    #[test]
    fn malformed_or_deeply_nested_xml_names_the_entry() {
        let (place, message) = invalid_entry(&docx("<w:p><w:r><w:t>Hallo</w:r></w:p>"));
        assert_eq!(place, "word/document.xml");
        assert!(message.starts_with("malformed XML at byte "), "{message}");
        let (place, message) = invalid_entry(&docx(&"<w:sdt>".repeat(10_000)));
        assert_eq!(place, "word/document.xml");
        assert!(message.starts_with("elements are nested more than 256 levels deep"), "{message}");
    }

    #[test]
    fn a_phrase_split_over_runs_is_found_at_its_paragraph_and_column() {
        let body = r#"<w:p><w:r><w:t>Intro</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Vraag</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t xml:space="preserve">Eerlijk: geef </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>ons</w:t></w:r><w:r><w:t xml:space="preserve"> een 10!</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
        let document = read(InputFormat::Docx, &docx(body)).unwrap_or_else(|error| panic!("{error}"));
        let findings = Linter::new().lint(&document, &score_begging_only());
        let found: Vec<(Option<&str>, &str)> = findings
            .iter()
            .map(|finding| {
                let unit = finding.unit.and_then(|unit| document.units.get(unit)).map_or("", |unit| unit.text.as_str());
                (finding.location.as_deref(), &unit[finding.span.start..finding.span.end])
            })
            .collect();
        assert_eq!(found, [(Some("paragraph 3 (table 1, cell B1)"), "geef ons een 10")]);
        assert_eq!(findings[0].span.start, "Eerlijk: ".len());
    }
}

#[test]
fn hostile_codebooks_and_data_dictionaries_give_clear_errors() {
    // An unclosed quote names the field where it opened.
    let codebook = "id;question_dutch;question_english\nq1;\"Hoe gaat het?;How are you?\n";
    assert_eq!(
        read_error(InputFormat::Codebook, codebook.as_bytes()),
        FormatError::Invalid { line: 2, column: 4, message: "this quoted field is not closed".into() }
    );
    // Millions of empty fields hit the CSV cap instead of memory.
    let header = "Variable / Field Name,Form Name,Section Header,Field Type,Field Label\n";
    let flood = format!("{header}{}", ",".repeat(2_000_001));
    assert!(matches!(
        read_error(InputFormat::RedCap, flood.as_bytes()),
        FormatError::Invalid { line: 2, message, .. } if message.contains("more than 2000000 fields")
    ));
    // Forcing a reader onto a file it does not fit says what was expected.
    assert_eq!(
        read_error(InputFormat::RedCap, b"type,name,label\ntext,q,Hoi\n"),
        FormatError::Unsupported { seen: "a CSV file that is not a REDCap data dictionary".into() }
    );
    // Choices without codes, a slider without labels and a header alone still read.
    let odd = "field_name,form_name,section_header,field_type,field_label,select_choices_or_calculations\nq,f,,radio,Hoe was het?,Goed | | Slecht\ns,f,,slider,Hoe zeker?,\n";
    let document = read(InputFormat::RedCap, odd.as_bytes()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        outline(&document),
        "- SingleChoice q [?] \"Hoe was het?\"\n    options: [\"Goed\", \"Slecht\"]\n- Rating s [?] \"Hoe zeker?\"\n    scale: 0..100 None None\n"
    );
    let header_only = read(InputFormat::RedCap, header.as_bytes()).unwrap_or_else(|error| panic!("{error}"));
    assert!(header_only.units.is_empty());
}

#[test]
fn limesurvey_array_columns_are_options() {
    let tsv = "class\ttype/scale\tname\ttext\tlanguage\nQ\t;\tq\tHoe vindt u het eten?\tnl\nSQ\t0\tr1\tSoep\tnl\nSQ\t1\tc1\tSmaak\tnl\nSQ\t1\tc2\tPrijs\tnl\nA\t0\ta1\tGoed\tde\n";
    let document = read(InputFormat::LimeSurveyTsv, tsv.as_bytes()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        outline(&document),
        "- Matrix q [nl] \"Hoe vindt u het eten?\"\n    options: [\"Smaak\", \"Prijs\"]\n    rows: [\"Soep\"]\n"
    );
}

/// Applies every rewrite the linter offers (safe or not) and reads the result
/// again: a rewrite must never break the file it was made for. Returns how
/// many rewrites were offered and the fixed text.
fn fix_and_reread(format: InputFormat, source: &str) -> (usize, String) {
    let document = read(format, source.as_bytes()).unwrap_or_else(|error| panic!("{error}"));
    let diagnostics = Linter::new().lint(&document, &LintOptions::default());
    let plan = surveylint::fix::plan(source, &diagnostics, true);
    let fixed = surveylint::fix::apply(source, &plan.edits);
    if let Err(error) = read(format, fixed.as_bytes()) {
        panic!("the fixed text no longer reads as {format}: {error}\n{fixed}");
    }
    (plan.edits.len(), fixed)
}

#[test]
fn a_rewrite_never_crosses_a_closing_quote_of_a_csv_field() {
    // Text after the closing quote is kept as spreadsheets do, so the sentence
    // "Verdienen we een 10?" spans the quote; replacing it left the field unclosed.
    let csv = "type,name,label\ntext,q,\"Verdienen we\" een 10?\ntext,r,\"Verdienen we een 10?\"\n";
    let (edits, fixed) = fix_and_reread(InputFormat::XlsFormCsv, csv);
    assert_eq!(edits, 1, "only the second, whole field is rewritten:\n{fixed}");
    // Found by the fuzzer: inline markup right after the closing quote is not a licence to cross it.
    let csv = "type;name;label\ntext;q;\"Geef ons een 10!\"</b>Helemaal mee eens\n";
    let (edits, _) = fix_and_reread(InputFormat::XlsFormCsv, csv);
    assert_eq!(edits, 1, "the rewrite stays inside the quotes");
    let tsv = "class\ttype/scale\tname\ttext\tlanguage\nQ\tS\tq1\t\"Verdienen we\" een 10?\tnl\n";
    let (edits, _) = fix_and_reread(InputFormat::LimeSurveyTsv, tsv);
    assert_eq!(edits, 0);
}

#[test]
fn a_rewrite_never_crosses_html_or_cdata_in_limesurvey() {
    let lss = |help: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document><LimeSurveyDocType>Survey</LimeSurveyDocType><DBVersion>366</DBVersion>\
             <languages><language>en</language></languages>\
             <questions><rows><row><qid>1</qid><parent_qid>0</parent_qid><gid>1</gid><type>S</type><title>q1</title>\
             <question>How was your visit?</question><help>{help}</help><language>en</language><question_order>1</question_order></row></rows></questions></document>\n"
        )
    };
    // Plain text beside a CDATA section of HTML paragraphs: one sentence to the linter, three pieces of XML.
    let (_, fixed) =
        fix_and_reread(InputFormat::LimeSurveyXml, &lss("Thanks<![CDATA[<p>Please rate us 5 stars.</p>]]>"));
    assert!(fixed.contains("<![CDATA[<p>"), "{fixed}");
    let (_, fixed) = fix_and_reread(InputFormat::LimeSurveyXml, &lss("<![CDATA[Did we earn<br>a 10?]]>"));
    assert!(fixed.contains("<br>"), "{fixed}");
    // Found by the fuzzer: an unknown entity reference a sentence starts inside of lost its `;`.
    let (edits, _) = fix_and_reread(InputFormat::LimeSurveyXml, &lss("&x. Did we earn a 10; today?"));
    assert_eq!(edits, 1);
}

/// The findings of a SurveyJS survey as (language, flagged words, message starts in Dutch).
fn surveyjs_findings(json: &str) -> Vec<(&'static str, String, bool)> {
    let document = read(InputFormat::SurveyJs, json.as_bytes()).unwrap_or_else(|error| panic!("{error}"));
    Linter::new()
        .lint(&document, &score_begging_only())
        .into_iter()
        .map(|finding| {
            let words = json[finding.span.start..finding.span.end].to_owned();
            (finding.language.code(), words, finding.message.contains("vraagt om een topscore"))
        })
        .collect()
}

#[test]
fn surveyjs_reads_every_locale_entry_in_its_own_language_whatever_the_survey_locale() {
    // `default` holds the default locale's text (English); `locale` only picks what is shown.
    // The Dutch manipulation sits in the `nl` entry, which was skipped when `locale` was "nl".
    let survey = |locale: &str| {
        format!(
            r#"{{{locale}"pages": [{{"elements": [{{"type": "rating", "name": "q1", "title": {{"default": "Did we earn a 10 today?", "nl": "Verdienen we vandaag een 10?"}}}}]}}]}}"#
        )
    };
    let expected =
        vec![("en", "Did we earn a 10".to_owned(), false), ("nl", "Verdienen we vandaag een 10".to_owned(), true)];
    for locale in [r#""locale": "nl", "#, r#""locale": "en", "#, ""] {
        assert_eq!(surveyjs_findings(&survey(locale)), expected, "{locale:?}");
    }
    // Without `default`, `en` is the default text; a plain string is in the survey's language.
    let plain = r#"{"locale": "nl", "pages": [{"elements": [{"type": "text", "name": "q", "title": "Geef ons een 10!"}, {"type": "text", "name": "r", "title": {"en": "Please give us a 10!", "nl": "Geef ons alsjeblieft een 10!"}}]}]}"#;
    assert_eq!(
        surveyjs_findings(plain),
        vec![
            ("nl", "Geef ons een 10".to_owned(), true),
            ("en", "Please give us a 10".to_owned(), false),
            ("nl", "Geef ons alsjeblieft een 10".to_owned(), true),
        ]
    );
}

mod configured {
    //! JSON and YAML read through `[[formats.custom]]` selectors, and hostile
    //! JSON and YAML, which must give a clear error.

    use super::*;
    use surveylint::Language;
    use surveylint_formats::{read_custom, CustomFormat, CustomLanguage, Selector};

    fn selectors(written: &[&str]) -> Vec<Selector> {
        written.iter().map(|selector| Selector::parse(selector).unwrap_or_else(|error| panic!("{error}"))).collect()
    }

    fn export_format() -> CustomFormat {
        CustomFormat {
            questions: selectors(&["$.vragenlijst.onderdelen[*].vragen[*].tekst"]),
            options: selectors(&["$.vragenlijst.onderdelen[*].vragen[*].keuzes[*].label"]),
            texts: selectors(&["$.vragenlijst.welkom", "$.vragenlijst.afsluiting"]),
            language: CustomLanguage::Selector(selectors(&["$.locale"]).remove(0)),
        }
    }

    #[test]
    fn selectors_read_questions_options_and_texts_with_positions() {
        let bytes = fixture("custom-export-nl.json");
        let document = read_custom(&export_format(), Some(Path::new("export.json")), &bytes)
            .unwrap_or_else(|error| panic!("{error}"));
        assert_words_map_to_themselves("custom-export-nl.json", &bytes, &document);
        insta::assert_snapshot!("custom_selectors_nl", render_document("custom", &bytes, &document));
    }

    #[test]
    fn a_selector_that_matches_nothing_is_named() {
        let bytes = fixture("custom-export-nl.json");
        let mut format = export_format();
        format.options = selectors(&["$.vragenlijst.onderdelen[*].vragen[*].antwoorden[*]"]);
        assert_eq!(
            read_custom(&format, None, &bytes).map(|_| ()).map_err(|error| error.to_string()),
            Err("selector `$.vragenlijst.onderdelen[*].vragen[*].antwoorden[*]` (options): matches nothing in this file"
                .to_owned())
        );
        format.options = selectors(&["$.vragenlijst.onderdelen"]);
        assert_eq!(
            read_custom(&format, None, &bytes).map(|_| ()).map_err(|error| error.to_string()),
            Err("selector `$.vragenlijst.onderdelen` (options): matches 1 value(s) in this file, but none is a text"
                .to_owned())
        );
        format.options = Vec::new();
        format.language = CustomLanguage::Selector(selectors(&["$.vragenlijst.welkom"]).remove(0));
        assert_eq!(
            read_custom(&format, None, &bytes).map(|_| ()).map_err(|error| error.to_string()),
            Err("selector `$.vragenlijst.welkom` (language): `Fijn dat u meedoet aan ons onderzoek.` is not Dutch or English"
                .to_owned())
        );
    }

    #[test]
    fn configured_yaml_and_language_tag_keys() {
        let source = "intro: Welkom bij het onderzoek.\nvragen:\n  - tekst:\n      nl: Verdienen we een 9 of 10?\n      en: Did we earn a 10?\n      de: Verdienen wir eine 10?\n";
        let format = CustomFormat {
            questions: selectors(&["$.vragen[*].tekst.*"]),
            options: Vec::new(),
            texts: selectors(&["$.intro"]),
            language: CustomLanguage::Fixed(Language::Dutch),
        };
        let document = read_custom(&format, Some(Path::new("vragen.yaml")), source.as_bytes())
            .unwrap_or_else(|error| panic!("{error}"));
        let texts: Vec<(&str, Option<&str>)> =
            document.units.iter().map(|unit| (unit.text.as_str(), unit.language.map(|l| l.code()))).collect();
        assert_eq!(
            texts,
            [
                ("Verdienen we een 9 of 10?", Some("nl")),
                ("Did we earn a 10?", Some("en")),
                ("Welkom bij het onderzoek.", Some("nl"))
            ]
        );
        assert_words_map_to_themselves("vragen.yaml", source.as_bytes(), &document);
    }

    #[test]
    fn a_selector_matching_a_million_values_is_refused() {
        let source = format!("{{\"items\": [{}\"x\"]}}", "\"x\",".repeat(1_000_000));
        let format = CustomFormat {
            questions: selectors(&["$.items[*]"]),
            options: Vec::new(),
            texts: Vec::new(),
            language: CustomLanguage::Detect,
        };
        assert_eq!(
            read_custom(&format, None, source.as_bytes()).map(|_| ()).map_err(|error| error.to_string()),
            Err("selector `$.items[*]` (question): matches more than 100000 values; a questionnaire has far fewer, narrow it"
                .to_owned())
        );
    }

    #[test]
    fn hostile_yaml_gives_a_clear_error() {
        let deep = format!("{}x\n", "- ".repeat(1_000));
        assert!(matches!(
            read(InputFormat::Yaml, deep.as_bytes()),
            Err(FormatError::Invalid { line: 1, message, .. }) if message == "values are nested more than 256 levels deep"
        ));
        let flow = "a: ".to_owned() + &"[".repeat(100_000);
        assert!(matches!(
            read(InputFormat::Yaml, flow.as_bytes()),
            Err(FormatError::Invalid { line: 1, message, .. }) if message == "values are nested more than 256 levels deep"
        ));
        // Billion laughs: nine aliases per level, nine levels.
        let mut bomb =
            String::from("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for pair in names.windows(2) {
            bomb.push_str(&format!("{}: &{} [{}]\n", pair[1], pair[1], vec![format!("*{}", pair[0]); 9].join(", ")));
        }
        let error = read(InputFormat::Yaml, bomb.as_bytes()).map(|_| ()).map_err(|error| error.to_string());
        assert_eq!(
            error,
            Err("line 7, column 12: more than 2000000 values (aliases expanded); this is not a questionnaire, or an alias bomb"
                .to_owned())
        );
        let error =
            read(InputFormat::SurveydownYaml, b"q1:\n  label: [unclosed\n").map(|_| ()).map_err(|e| e.to_string());
        assert!(error.as_ref().is_err_and(|message| message.starts_with("line 3, column 1: ")), "{error:?}");
    }
}

#[test]
fn real_world_surveydown_and_generic_json_keep_their_questions() {
    // Shapes only: the corpus's wording stays out of the repository.
    let shape = |name: &str| {
        let bytes = std::fs::read(corpus_dir().join(name)).ok()?;
        let (format, document) = read_named(name, &bytes).unwrap_or_else(|error| panic!("{name}: {error}"));
        let questions: Vec<String> = document
            .questions
            .iter()
            .map(|question| {
                let language = document.units[question.text].language.map_or("?", |language| language.code());
                let scale = question.scale.as_ref().map(|scale| format!(" {}..{}", scale.min, scale.max));
                format!(
                    "{:?} {language} {}/{}{}",
                    question.kind,
                    question.options.len(),
                    question.rows.len(),
                    scale.unwrap_or_default()
                )
            })
            .collect();
        Some((format.to_string(), questions))
    };
    let Some((format, qmd)) = shape("surveydown-dev__templates__question_types__survey.qmd") else {
        eprintln!("skipped: no corpus at {}", corpus_dir().display());
        return;
    };
    assert_eq!(format, "surveydown");
    let single = |options: usize| format!("SingleChoice ? {options}/0");
    let multiple = |options: usize| format!("MultipleChoice ? {options}/0");
    let open = || "Open ? 0/0".to_owned();
    let slider = || "Rating ? 0/0 0..10".to_owned();
    let common = [
        open(),
        open(),
        open(),
        single(7),
        single(7),
        multiple(10),
        multiple(8),
        single(7),
        "Rating ? 5/0".to_owned(),
        slider(),
        slider(),
        open(),
        open(),
        "Matrix ? 3/2".to_owned(),
    ];
    let mut expected = vec![single(3)];
    expected.extend(common.iter().cloned());
    // Labels and options written literally are read; options computed in R are not.
    expected.extend([single(3), single(3), multiple(3), single(0), open()]);
    assert_eq!(qmd, expected);
    let (format, yml) = shape("surveydown-dev__templates__questions_yml__questions.yml").unwrap_or_default();
    assert_eq!((format.as_str(), yml), ("surveydown-yaml", common.to_vec()));
    let (format, json) = shape("Effectory__coding-assignment-api__questionnaire.json").unwrap_or_default();
    let mut expected = Vec::new();
    for languages in [["nl", "en"], ["en", "nl"], ["nl", "en"], ["nl", "en"], ["nl", "en"], ["nl", "en"], ["nl", "en"]]
    {
        expected.extend(languages.map(|language| format!("SingleChoice {language} 5/0")));
    }
    expected.extend(["Open nl 0/0".to_owned(), "Open en 0/0".to_owned()]);
    assert_eq!((format.as_str(), json), ("json", expected));
}
