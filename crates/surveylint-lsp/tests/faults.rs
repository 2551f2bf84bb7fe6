//! The real binary with faults injected (`SURVEYLINT_LSP_FAULTS`, honoured
//! by debug builds only): a panicking lint or handler is logged with the
//! document's URI, a request is answered with an error, and the server keeps
//! serving; slow lints do not hold up requests or pile up behind typing.

#![allow(clippy::unwrap_used)]

mod process;

use process::Process;
use serde_json::{json, Value};

const URI: &str = "file:///tmp/surveylint-faults/uitnodiging.txt";
const OTHER_URI: &str = "file:///tmp/surveylint-faults/andere.txt";
const BEGGING: &str = "Beste klant,\n\nGeef ons een 10!\n";

fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics.as_array().unwrap().iter().map(|diagnostic| diagnostic["code"].as_str().unwrap().to_owned()).collect()
}

fn replace_text(server: &mut Process, uri: &str, version: i64, text: &str) {
    server.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
    );
}

fn hover(server: &mut Process, uri: &str) -> Value {
    server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 3 } }),
    )
}

#[test]
fn a_panicking_lint_is_logged_with_the_uri_and_the_next_change_is_linted() {
    let mut server = Process::start_with_env(&[("SURVEYLINT_LSP_FAULTS", "panic=KABOEM")]);
    server.initialize();
    server.open(URI, BEGGING);
    assert!(codes(&server.diagnostics_at(URI, 1)).contains(&"score-begging".to_owned()));
    replace_text(&mut server, URI, 2, &format!("{BEGGING}KABOEM\n"));
    let logged = server.wait_for(|message| message["method"] == "window/logMessage");
    assert_eq!(logged["params"]["type"], 1, "{logged}");
    let text = logged["params"]["message"].as_str().unwrap();
    assert!(text.contains(URI) && text.contains("injected fault"), "{text}");
    // No stale underlines for the version that could not be linted.
    assert_eq!(server.diagnostics_at(URI, 2), json!([]));
    replace_text(&mut server, URI, 3, BEGGING);
    assert!(codes(&server.diagnostics_at(URI, 3)).contains(&"score-begging".to_owned()));
    let stderr = server.stop();
    assert!(stderr.contains(&format!("linting {URI} failed: panicked: injected fault")), "{stderr}");
}

#[test]
fn a_panicking_request_is_answered_with_an_internal_error_and_serving_goes_on() {
    let mut server = Process::start_with_env(&[("SURVEYLINT_LSP_FAULTS", "panic=KABOEM")]);
    server.initialize();
    server.open(URI, &format!("{BEGGING}KABOEM\n"));
    server.open(OTHER_URI, BEGGING);
    let failed = hover(&mut server, URI);
    assert_eq!(failed["error"]["code"], -32603, "{failed}");
    assert!(failed["error"]["message"].as_str().unwrap().contains(URI), "{failed}");
    // The same server still answers, and still lints.
    assert!(codes(&server.diagnostics_at(OTHER_URI, 1)).contains(&"score-begging".to_owned()));
    let answered = hover(&mut server, OTHER_URI);
    assert!(answered["result"]["contents"]["value"].is_string(), "{answered}");
    let stderr = server.stop();
    assert!(stderr.contains(&format!("textDocument/hover on {URI} panicked")), "{stderr}");
}

#[test]
fn changes_during_a_slow_lint_replace_it_instead_of_queueing_behind_it() {
    let mut server = Process::start_with_env(&[("SURVEYLINT_LSP_FAULTS", "slow-lint-ms=300")]);
    server.initialize();
    server.open(URI, BEGGING);
    const LAST: i64 = 31;
    for version in 2..=LAST {
        replace_text(&mut server, URI, version, &format!("{BEGGING}Vraag {version}?\n"));
    }
    let id = server.send_request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 0 } }),
    );
    // The request is answered while lints are still pending: it does not wait
    // behind thirty of them (which a server awaiting each lint in its
    // `didChange` handler would make it do).
    let first = server.wait_for(|message| {
        message["id"] == id
            || (message["method"] == "textDocument/publishDiagnostics" && message["params"]["version"] == LAST)
    });
    assert_eq!(first["id"], id, "the hover was answered after the last lint: {first}");
    server.diagnostics_at(URI, LAST);
    let stderr = server.stop();
    // The opening, the first change, and the newest text once that lint
    // ended: the changes in between made each other stale and were never
    // linted. A server linting every version would run 31 lints here.
    let lints = stderr.matches("injected fault: a lint delayed").count();
    assert!(lints < LAST as usize / 2, "{lints} lints for {LAST} versions; stderr:\n{stderr}");
}
