//! The server end to end over an in-memory pipe: capabilities, document
//! sync, exact ranges in both position encodings, code actions applied to the
//! text, hover, configuration changes, and failing requests.

#![allow(clippy::unwrap_used)]

mod common;

use common::{apply_edits, covered, TestClient};
use insta::assert_json_snapshot;
use serde_json::{json, Value};

/// Only the rule under test runs, so rules added later do not change these snapshots.
const ONLY_SCORE_BEGGING: &str = "select = [\"score-begging\"]\n";

const DUTCH_LETTER: &str = "Beste klant,\n\nBedankt voor uw bezoek aan onze garage.\n\nZou u ons aanraden en verdienen we een 9 of 10 op 10?\n\nWat kunnen we beter doen?\n";

const DUTCH_MARKDOWN: &str = "# Werkplaats\n\n1. Wat vond u van de reparatie?\n   Geef ons gerust een 10!\n";

const ENGLISH_NOTE: &str = "Thanks for your visit!\nIf you were happy, please rate us 5 stars.\n";

/// A client like VS Code: UTF-16 only, pulls configuration, watches files,
/// and can create files in a workspace edit.
fn capabilities(encodings: &[&str]) -> Value {
    json!({
        "general": { "positionEncodings": encodings },
        "workspace": {
            "configuration": true,
            "didChangeConfiguration": { "dynamicRegistration": true },
            "didChangeWatchedFiles": { "dynamicRegistration": true },
            "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create"] },
        },
    })
}

/// The same fixture as the CLI case `suppression-limesurvey-xml`: the editor
/// honours the XML comments exactly as `surveylint check` does.
#[tokio::test]
async fn limesurvey_comments_silence_findings_as_in_the_cli() {
    let lss = include_str!("../../../tests/fixtures/teams/klantonderzoek.lss");
    let mut client = started("limesurvey-comments", None).await;
    let diagnostics = client.open("klantonderzoek.lss", "xml", lss).await;
    assert_eq!(
        summary(&diagnostics),
        vec![("unused-suppression".to_owned(), [36, 4, 36, 60], 3), ("score-begging".to_owned(), [37, 54, 37, 69], 1)]
    );
    client.stop().await;
}

async fn started(test_name: &str, config: Option<&str>) -> TestClient {
    let mut client = TestClient::start(test_name);
    if let Some(config) = config {
        client.write_file("surveylint.toml", config);
    }
    client.initialize(capabilities(&["utf-16"]), Value::Null).await;
    client
}

/// `(rule, [start line, start char, end line, end char], severity)` of each diagnostic.
fn summary(diagnostics: &Value) -> Vec<(String, [u64; 4], u64)> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| {
            let range = &diagnostic["range"];
            let at = |end: &str, part: &str| range[end][part].as_u64().unwrap();
            (
                diagnostic["code"].as_str().unwrap().to_owned(),
                [at("start", "line"), at("start", "character"), at("end", "line"), at("end", "character")],
                diagnostic["severity"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn initialize_announces_capabilities_and_registers_watchers() {
    let mut client = TestClient::start("initialize");
    let mut result = client.initialize(capabilities(&["utf-16"]), Value::Null).await;
    assert_eq!(result["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    result["serverInfo"]["version"] = json!("[version]");
    assert_json_snapshot!("initialize_result", result);
    // Opening a document after `initialized` makes sure its registrations went out.
    client.open("leeg.txt", "plaintext", "").await;
    let requests = client.server_requests.lock().unwrap().clone();
    let methods: Vec<&str> = requests.iter().filter_map(|request| request["method"].as_str()).collect();
    assert_eq!(methods, ["client/registerCapability", "workspace/configuration"]);
    assert_json_snapshot!("registrations", requests[0]["params"]);
    assert_eq!(
        client.redact(&requests[1]["params"]),
        json!({ "items": [
            { "section": "surveylint" },
            { "scopeUri": "file:///<root>", "section": "surveylint" },
        ]})
    );
    client.stop().await;
}

#[tokio::test]
async fn utf8_is_chosen_when_the_client_offers_it() {
    let mut client = TestClient::start("negotiate");
    let result = client.initialize(capabilities(&["utf-16", "utf-8"]), Value::Null).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    client.stop().await;
}

#[tokio::test]
async fn open_change_and_close_publish_versioned_diagnostics() {
    let mut client = started("sync", Some(ONLY_SCORE_BEGGING)).await;
    let uri = client.uri("uitnodiging.txt");
    let opened = client.open("uitnodiging.txt", "plaintext", DUTCH_LETTER).await;
    assert_json_snapshot!("dutch_letter_diagnostics", client.redact(&opened));
    assert_eq!(covered(DUTCH_LETTER, &opened[0]["range"], "utf-16"), "verdienen we een 9 of 10");

    // Type a second begging sentence at the end, in two incremental steps,
    // and remove the first one: only the new one must remain, on line 7.
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [
                    { "range": { "start": { "line": 7, "character": 0 }, "end": { "line": 7, "character": 0 } }, "text": "Geef ons" },
                    { "range": { "start": { "line": 7, "character": 8 }, "end": { "line": 7, "character": 8 } }, "text": " een tien!\n" },
                    { "range": { "start": { "line": 4, "character": 18 }, "end": { "line": 4, "character": 52 } }, "text": "?" },
                ],
            }),
        )
        .await;
    let changed = client.diagnostics_at(&uri, 2).await;
    assert_eq!(summary(&changed), vec![("score-begging".to_owned(), [7, 0, 7, 17], 1)]);

    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } })).await;
    let closed = client.diagnostics_where(&uri, |version, _| version.is_null()).await;
    assert_eq!(closed, json!([]));
    client.stop().await;
}

/// "😀" is 2 UTF-16 units and 4 bytes; "é" 1 unit and 2 bytes; "e" + U+0301 2 units and 3 bytes.
const ACCENTED: &str = "😀 Café, e\u{301}cht: verdienen we een 9 of 10?\n";

#[tokio::test]
async fn ranges_after_emoji_and_accents_are_exact_in_utf16() {
    let mut client = started("utf16", Some(ONLY_SCORE_BEGGING)).await;
    let diagnostics = client.open("accenten.txt", "plaintext", ACCENTED).await;
    assert_eq!(summary(&diagnostics), vec![("score-begging".to_owned(), [0, 16, 0, 40], 1)]);
    assert_eq!(covered(ACCENTED, &diagnostics[0]["range"], "utf-16"), "verdienen we een 9 of 10");
    client.stop().await;
}

#[tokio::test]
async fn ranges_after_emoji_and_accents_are_exact_in_utf8() {
    let mut client = TestClient::start("utf8");
    client.write_file("surveylint.toml", ONLY_SCORE_BEGGING);
    client.initialize(capabilities(&["utf-8"]), Value::Null).await;
    let diagnostics = client.open("accenten.txt", "plaintext", ACCENTED).await;
    assert_eq!(summary(&diagnostics), vec![("score-begging".to_owned(), [0, 20, 0, 44], 1)]);
    assert_eq!(covered(ACCENTED, &diagnostics[0]["range"], "utf-8"), "verdienen we een 9 of 10");
    // The suggestion's edit in `data` uses the same encoding: it replaces the whole sentence.
    let fix = &diagnostics[0]["data"]["fixes"][0]["edit"];
    // (The emoji is not part of the sentence: the core treats symbols as white space.)
    assert_eq!(covered(ACCENTED, &fix["range"], "utf-8"), "Café, e\u{301}cht: verdienen we een 9 of 10?");
    client.stop().await;
}

/// Requests the code actions at the first diagnostic and returns them.
async fn actions_at_first_diagnostic(client: &mut TestClient, uri: &str, diagnostics: &Value) -> Vec<Value> {
    let result = client
        .call(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": diagnostics[0]["range"],
                "context": { "diagnostics": [diagnostics[0]] },
            }),
        )
        .await;
    result.as_array().unwrap().clone()
}

/// The text each action produces, keyed by title.
fn applied(text: &str, uri: &str, actions: &[Value]) -> Vec<(String, Value)> {
    actions
        .iter()
        .map(|action| {
            let edit = &action["edit"];
            let outcome = match edit["changes"].get(uri) {
                Some(edits) => Value::String(apply_edits(text, edits.as_array().unwrap(), "utf-16")),
                None => edit.clone(),
            };
            (action["title"].as_str().unwrap().to_owned(), outcome)
        })
        .collect()
}

#[tokio::test]
async fn code_actions_on_plain_text_fix_ignore_and_disable() {
    let mut client = started("actions-plain", Some("# Team settings\nselect = [\"score-begging\"] # for now\n")).await;
    let uri = client.uri("uitnodiging.txt");
    let diagnostics = client.open("uitnodiging.txt", "plaintext", DUTCH_LETTER).await;
    let actions = actions_at_first_diagnostic(&mut client, &uri, &diagnostics).await;
    let kinds: Vec<(&str, bool)> = actions
        .iter()
        .map(|action| (action["kind"].as_str().unwrap(), action["isPreferred"].as_bool().unwrap_or(false)))
        .collect();
    assert_eq!(kinds, [("quickfix", true), ("quickfix", false), ("quickfix", false)]);
    assert_eq!(actions[0]["diagnostics"][0]["code"], "score-begging");

    let outcomes = applied(DUTCH_LETTER, &uri, &actions);
    assert_json_snapshot!("plain_text_fix_and_ignore", &outcomes[..2]);
    // The core honours the comment the ignore action wrote: the finding is gone.
    let ignored = outcomes[1].1.as_str().unwrap();
    client
        .notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": ignored }] }),
        )
        .await;
    assert_eq!(client.diagnostics_at(&uri, 2).await, json!([]));
    // The third action edits surveylint.toml, keeping its comment.
    let config_uri = client.uri("surveylint.toml");
    let config_edits = actions[2]["edit"]["changes"][&config_uri].as_array().unwrap();
    let config = std::fs::read_to_string(client.root.join("surveylint.toml")).unwrap();
    assert_eq!(outcomes[2].0, "Zet score-begging uit voor de hele werkmap (surveylint.toml)");
    assert_eq!(
        apply_edits(&config, config_edits, "utf-16"),
        "# Team settings\nselect = [\"score-begging\"] # for now\nignore = [\"score-begging\"]\n"
    );
    client.stop().await;
}

#[tokio::test]
async fn code_actions_on_markdown_keep_indentation_and_create_the_config() {
    // No surveylint.toml: the disable action must create one.
    let mut client = started("actions-markdown", None).await;
    let uri = client.uri("werkplaats.md");
    let diagnostics = client.open("werkplaats.md", "markdown", DUTCH_MARKDOWN).await;
    let begging = diagnostics.as_array().unwrap().iter().find(|d| d["code"] == "score-begging").unwrap().clone();
    let actions = actions_at_first_diagnostic(&mut client, &uri, &json!([begging])).await;
    // Only this rule's actions: rules added later may flag the same words.
    let actions: Vec<Value> =
        actions.into_iter().filter(|action| action["diagnostics"][0]["code"] == "score-begging").collect();
    assert_eq!(actions[0]["isPreferred"], true);
    let outcomes = applied(DUTCH_MARKDOWN, &uri, &actions);
    assert_json_snapshot!("markdown_actions", client.redact(&json!(outcomes)));
    client.stop().await;
}

/// A SurveyJS survey: the title holds a JSON escape and an emoji before the flagged words.
const SURVEYJS: &str = r#"{
  "pages": [{
    "elements": [{
      "type": "rating",
      "name": "nps",
      "title": "Caf\u00e9 Noord 😀: verdienen we een 9 of 10?"
    }]
  }]
}
"#;

#[tokio::test]
async fn survey_files_get_exact_ranges_and_json_escaped_fixes() {
    let mut client = started("surveyjs", Some(ONLY_SCORE_BEGGING)).await;
    let uri = client.uri("enquete.json");
    let diagnostics = client.open("enquete.json", "json", SURVEYJS).await;
    assert_eq!(summary(&diagnostics), vec![("score-begging".to_owned(), [5, 36, 5, 60], 1)]);
    assert_eq!(covered(SURVEYJS, &diagnostics[0]["range"], "utf-16"), "verdienen we een 9 of 10");
    let actions = actions_at_first_diagnostic(&mut client, &uri, &diagnostics).await;
    // JSON has no comments, so there is no "ignore this occurrence" action.
    let outcomes = applied(SURVEYJS, &uri, &actions);
    let titles: Vec<&str> = outcomes.iter().map(|(title, _)| title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Vervang door “Welk cijfer van 0 tot 10 geeft u ons, en waarom?”",
            "Zet score-begging uit voor de hele werkmap (surveylint.toml)"
        ]
    );
    assert_json_snapshot!("surveyjs_fixed", outcomes[0].1);

    // JSON has no comments: the team configuration's [[ignore-findings]] silences the question instead.
    let config = "select = [\"score-begging\"]\n\n[[ignore-findings]]\nfile = \"enquete.json\"\nquestion = \"nps\"\nrules = [\"score-begging\"]\n";
    client.write_file("surveylint.toml", config);
    let config_uri = client.uri("surveylint.toml");
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": config_uri, "type": 2 }] })).await;
    client.diagnostics_where(&uri, |_, diagnostics| diagnostics == &json!([])).await;
    client.stop().await;
}

#[tokio::test]
async fn a_cursor_away_from_findings_gets_no_actions() {
    let mut client = started("actions-none", Some(ONLY_SCORE_BEGGING)).await;
    let uri = client.uri("uitnodiging.txt");
    client.open("uitnodiging.txt", "plaintext", DUTCH_LETTER).await;
    let cursor = json!({ "start": { "line": 0, "character": 2 }, "end": { "line": 0, "character": 2 } });
    let result = client
        .call(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": cursor, "context": { "diagnostics": [] } }),
        )
        .await;
    assert_eq!(result, json!([]));
    client.stop().await;
}

#[tokio::test]
async fn hover_explains_the_rule_in_the_language_of_the_text() {
    let mut client = started("hover", Some(ONLY_SCORE_BEGGING)).await;
    let dutch_uri = client.uri("uitnodiging.txt");
    let english_uri = client.uri("note.txt");
    client.open("uitnodiging.txt", "plaintext", DUTCH_LETTER).await;
    client.open("note.txt", "plaintext", ENGLISH_NOTE).await;
    let inside = |uri: &str, line: u32, character: u32| json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } });
    let dutch = client.call("textDocument/hover", inside(&dutch_uri, 4, 30)).await;
    let english = client.call("textDocument/hover", inside(&english_uri, 1, 25)).await;
    assert_json_snapshot!("hover_dutch", dutch);
    assert_json_snapshot!("hover_english", english);
    let outside = client.call("textDocument/hover", inside(&dutch_uri, 0, 3)).await;
    assert_eq!(outside, Value::Null);
    client.stop().await;
}

#[tokio::test]
async fn client_settings_and_the_config_file_are_reread_on_change() {
    let mut client = started("config-change", Some(ONLY_SCORE_BEGGING)).await;
    let uri = client.uri("uitnodiging.txt");
    let opened = client.open("uitnodiging.txt", "plaintext", DUTCH_LETTER).await;
    assert_eq!(summary(&opened), vec![("score-begging".to_owned(), [4, 22, 4, 46], 1)]);

    // The client lowers the severity: pulled on didChangeConfiguration.
    *client.settings.lock().unwrap() = json!({ "severity": { "score-begging": "hint" } });
    client.notify("workspace/didChangeConfiguration", json!({ "settings": null })).await;
    let hinted = vec![("score-begging".to_owned(), [4, 22, 4, 46], 4)];
    client.diagnostics_where(&uri, |_, diagnostics| summary(diagnostics) == hinted).await;

    // The client turns the linter off: no diagnostics.
    *client.settings.lock().unwrap() = json!({ "enable": false });
    client.notify("workspace/didChangeConfiguration", json!({ "settings": null })).await;
    client.diagnostics_where(&uri, |_, diagnostics| diagnostics == &json!([])).await;

    // Back on; then the team ignores the rule in surveylint.toml.
    *client.settings.lock().unwrap() = Value::Null;
    client.notify("workspace/didChangeConfiguration", json!({ "settings": null })).await;
    let back_on = vec![("score-begging".to_owned(), [4, 22, 4, 46], 1)];
    client.diagnostics_where(&uri, |_, diagnostics| summary(diagnostics) == back_on).await;
    client.write_file("surveylint.toml", "select = [\"score-begging\"]\nignore = [\"score-begging\"]\n");
    let config_uri = client.uri("surveylint.toml");
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": config_uri, "type": 2 }] })).await;
    client.diagnostics_where(&uri, |_, diagnostics| diagnostics == &json!([])).await;

    // A broken file is reported with its position, and linting goes on with defaults.
    client.write_file("surveylint.toml", "select = [\"score-begging\"]\n[severity]\nscore-begging = \"loud\"\n");
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": config_uri, "type": 2 }] })).await;
    let message = client.wait_for_notification("window/showMessage").await;
    assert_eq!(
        client.redact(&message)["message"],
        "surveylint: <root>/surveylint.toml:3:17: unknown severity 'loud', expected 'error', 'warning', 'info', 'hint' or 'off'"
    );
    client.diagnostics_where(&uri, |_, diagnostics| summary(diagnostics).contains(&back_on[0])).await;
    client.stop().await;
}

#[tokio::test]
async fn initialization_options_are_settings_too() {
    let mut client = TestClient::start("init-options");
    client.write_file("surveylint.toml", ONLY_SCORE_BEGGING);
    let mut no_pull = capabilities(&["utf-16"]);
    no_pull["workspace"]["configuration"] = json!(false);
    client.initialize(no_pull, json!({ "language": "en", "severity": { "score-begging": "warning" } })).await;
    // Forced to English, the Dutch begging phrase is not recognised.
    assert_eq!(client.open("uitnodiging.txt", "plaintext", DUTCH_LETTER).await, json!([]));
    let english = client.open("note.txt", "plaintext", ENGLISH_NOTE).await;
    assert_eq!(summary(&english), vec![("score-begging".to_owned(), [1, 19, 1, 41], 2)]);
    // Without pull support, pushed settings are used directly.
    let uri = client.uri("note.txt");
    client
        .notify("workspace/didChangeConfiguration", json!({ "settings": { "surveylint": { "enable": false } } }))
        .await;
    client.diagnostics_where(&uri, |_, diagnostics| diagnostics == &json!([])).await;
    client.stop().await;
}

#[tokio::test]
async fn each_folder_uses_its_own_config_file() {
    let mut client = TestClient::start("multi-root");
    client.write_file("nl/surveylint.toml", "select = [\"score-begging\"]\n[severity]\nscore-begging = \"info\"\n");
    client.write_file("en/.surveylint.toml", "select = [\"score-begging\"]\nignore = [\"SL001\"]\n");
    let (dutch_root, english_root) = (client.uri("nl"), client.uri("en"));
    client
        .call(
            "initialize",
            json!({
                "processId": null,
                "capabilities": capabilities(&["utf-16"]),
                "workspaceFolders": [{ "uri": dutch_root, "name": "nl" }, { "uri": english_root, "name": "en" }],
            }),
        )
        .await;
    client.notify("initialized", json!({})).await;
    let dutch = client.open("nl/uitnodiging.txt", "plaintext", DUTCH_LETTER).await;
    assert_eq!(summary(&dutch), vec![("score-begging".to_owned(), [4, 22, 4, 46], 3)]);
    assert_eq!(client.open("en/uitnodiging.txt", "plaintext", DUTCH_LETTER).await, json!([]));
    client.stop().await;
}

#[tokio::test]
async fn a_failing_request_answers_an_error_and_the_server_keeps_serving() {
    let mut client = started("bad-request", Some(ONLY_SCORE_BEGGING)).await;
    let unknown = client.uri("nooit-geopend.txt");
    let position = json!({ "line": 0, "character": 0 });
    let response =
        client.request("textDocument/hover", json!({ "textDocument": { "uri": unknown }, "position": position })).await;
    assert_eq!(response["error"]["code"], -32602);
    assert_eq!(
        client.redact(&response)["error"]["message"],
        "unknown document file:///<root>/nooit-geopend.txt: open it with textDocument/didOpen first"
    );
    // Malformed parameters are rejected by the protocol layer, not by a crash.
    let garbage = client.request("textDocument/codeAction", json!({ "textDocument": 42 })).await;
    assert_eq!(garbage["error"]["code"], -32602);
    // A position far past the end clamps instead of failing.
    let uri = client.uri("uitnodiging.txt");
    client.open("uitnodiging.txt", "plaintext", DUTCH_LETTER).await;
    let far = json!({ "textDocument": { "uri": uri }, "position": { "line": 4000, "character": 4000 } });
    assert_eq!(client.call("textDocument/hover", far).await, Value::Null);
    let hover = json!({ "textDocument": { "uri": uri }, "position": { "line": 4, "character": 30 } });
    assert!(client.call("textDocument/hover", hover).await["contents"]["value"].is_string());
    client.stop().await;
}

/// Changes are linted through the document's cache (only edited units are
/// analysed again); what is published must be what a freshly opened
/// document with the same text gets, also in a JSON survey whose units map
/// to escaped source bytes and move when an edit above them changes length.
#[tokio::test]
async fn an_edited_document_gets_the_diagnostics_of_a_fresh_one() {
    let mut client = started("incremental", None).await;
    let survey = r#"{"pages": [{"elements": [
  {"type": "radiogroup", "name": "q1", "title": "Hoe tevreden bent u over onze uitstekende caf\u00e9?", "choices": ["Zeer tevreden", "Tevreden", "Ontevreden"]},
  {"type": "text", "name": "q2", "title": "Verdienen we een 10?"},
  {"type": "text", "name": "q3", "title": "Hoe was het?"}
]}]}"#;
    let edits: [(&str, &str); 5] = [
        ("\"Hoe tevreden", "\"\\u00c9n: hoe tevreden"),
        ("uitstekende ", ""),
        ("\"Tevreden\"", "\"Tevreden\", \"Weet ik niet\""),
        ("Hoe was het?", "Geef ons een 10!"),
        ("Verdienen we een 10?", "Verdienen we een 9 of 10?"),
    ];
    let uri = client.uri("enquete.json");
    client.open("enquete.json", "json", survey).await;
    let mut text = survey.to_owned();
    for (step, (old, new)) in edits.iter().enumerate() {
        text = text.replacen(old, new, 1);
        let version = step as i64 + 2;
        client
            .notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
            )
            .await;
        let changed = client.diagnostics_at(&uri, version).await;
        let fresh = client.open(&format!("fresh-{step}.json"), "json", &text).await;
        assert!(!fresh.as_array().unwrap().is_empty());
        assert_eq!(changed, fresh, "after edit {step}");
    }
    client.stop().await;
}
