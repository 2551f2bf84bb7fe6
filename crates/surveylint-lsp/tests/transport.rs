//! The real `surveylint-lsp` binary against undecodable input: a message
//! that cannot be read is answered with an error and the server reads on; a
//! stream that cannot be resynchronised makes it exit, saying why on stderr
//! and to the client, so the editor restarts it.

#![allow(clippy::unwrap_used)]

mod process;

use process::{frame, Process};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/surveylint-transport/uitnodiging.txt";

/// A request the server answers without any open document.
fn answered_after(server: &mut Process) {
    let response = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 0 } }),
    );
    // The document is not open: an error answer, but an answer.
    assert_eq!(response["error"]["code"], -32602, "{response}");
}

/// The error answer with id `null` that follows an undecodable message.
fn error_with_null_id(server: &mut Process) -> Value {
    server.wait_for(|message| message.get("error").is_some() && message["id"].is_null())
}

#[test]
fn a_body_that_is_not_json_is_answered_with_a_parse_error() {
    let mut server = Process::start();
    server.initialize();
    assert!(server.send_raw(&frame("{\"jsonrpc\": \"2.0\", \"method\": ")));
    let error = error_with_null_id(&mut server);
    assert_eq!(error["error"]["code"], -32700, "{error}");
    assert!(server.send_raw(&frame("Geef ons een 10!")));
    assert_eq!(error_with_null_id(&mut server)["error"]["code"], -32700);
    answered_after(&mut server);
    server.stop();
}

#[test]
fn an_empty_batch_is_an_invalid_request() {
    let mut server = Process::start();
    server.initialize();
    assert!(server.send_raw(&frame("[]")));
    let error = error_with_null_id(&mut server);
    assert_eq!(error["error"]["code"], -32600, "{error}");
    answered_after(&mut server);
    server.stop();
}

#[test]
fn json_that_is_not_json_rpc_is_an_invalid_request_answered_with_its_id() {
    let mut server = Process::start();
    server.initialize();
    // A method must be a string; the id is still readable, so the answer carries it.
    assert!(server.send_raw(&frame(r#"{"jsonrpc": "2.0", "id": 77, "method": 12}"#)));
    let error = server.wait_for(|message| message["id"] == 77);
    assert_eq!(error["error"]["code"], -32600, "{error}");
    // Neither a request nor a response, and no usable id.
    for body in [r#"{"jsonrpc": "1.0", "method": "initialized"}"#, "42", r#""text""#, "null", "[1, 2]"] {
        assert!(server.send_raw(&frame(body)));
        let error = error_with_null_id(&mut server);
        assert_eq!(error["error"]["code"], -32600, "{body}: {error}");
    }
    answered_after(&mut server);
    server.stop();
}

#[test]
fn an_empty_body_and_invalid_utf8_are_answered_and_reading_goes_on() {
    let mut server = Process::start();
    server.initialize();
    assert!(server.send_raw(b"Content-Length: 0\r\n\r\n"));
    assert_eq!(error_with_null_id(&mut server)["error"]["code"], -32700);
    // A request whose text holds a byte that is not UTF-8: read leniently (U+FFFD), and answered.
    let mut body = br#"{"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///tmp/x.txt"}, "position": {"line": 0, "character": 0}}, "note": "caf"#.to_vec();
    body.extend_from_slice(b"\xe9\"}");
    let mut message = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    message.extend_from_slice(&body);
    assert!(server.send_raw(&message));
    assert_eq!(server.response(5)["error"]["code"], -32602);
    answered_after(&mut server);
    server.stop();
}

/// A `didChange` whose new text is raw JSON, so it can hold what
/// `serde_json` would never write: a lone surrogate escape.
fn did_change_raw(version: i64, text_json: &str) -> String {
    format!(
        r#"{{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {{"textDocument": {{"uri": "{URI}", "version": {version}}}, "contentChanges": [{{"text": {text_json}}}]}}}}"#
    )
}

#[test]
fn a_lone_surrogate_in_a_change_is_replaced_and_still_linted() {
    let mut server = Process::start();
    server.initialize();
    server.open(URI, "Beste klant,\n");
    assert_eq!(server.diagnostics_at(URI, 1), json!([]));
    // A lone high surrogate, a lone low one, and a correct pair (an emoji) that must stay.
    let text = r#""\ud83d Zou u ons aanraden en verdienen we een 9 of 10? \udc00 \ud83d\ude00 einde""#;
    assert!(server.send_raw(&frame(&did_change_raw(2, text))));
    let diagnostics = server.diagnostics_at(URI, 2);
    let begging: Vec<&Value> =
        diagnostics.as_array().unwrap().iter().filter(|diagnostic| diagnostic["code"] == "score-begging").collect();
    assert_eq!(begging.len(), 1, "{diagnostics}");
    // U+FFFD is one UTF-16 unit, as was the lone surrogate it replaces.
    assert_eq!(begging[0]["range"]["start"], json!({ "line": 0, "character": 24 }));
    assert_eq!(begging[0]["range"]["end"], json!({ "line": 0, "character": 48 }));
    // Deleting that one unit moves the finding one column to the left.
    let delete_first = json!({
        "jsonrpc": "2.0", "method": "textDocument/didChange",
        "params": { "textDocument": { "uri": URI, "version": 3 }, "contentChanges": [
            { "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 1 } }, "text": "" },
        ]},
    });
    server.send(&delete_first);
    let shifted = server.diagnostics_at(URI, 3);
    let begging = shifted.as_array().unwrap().iter().find(|diagnostic| diagnostic["code"] == "score-begging").unwrap();
    assert_eq!(begging["range"]["start"], json!({ "line": 0, "character": 23 }));
    // An escaped backslash before "u" is not an escape: the text keeps it as typed.
    assert!(server.send_raw(&frame(&did_change_raw(4, r#""pad C:\\ud83d\\ Geef ons een 10!""#))));
    let diagnostics = server.diagnostics_at(URI, 4);
    assert!(diagnostics.as_array().unwrap().iter().any(|diagnostic| diagnostic["code"] == "score-begging"));
    server.stop();
}

#[test]
fn a_corrupt_header_makes_the_server_exit_saying_why() {
    let mut server = Process::start();
    server.initialize();
    assert!(server.send_raw(b"Content-Length: twelve\r\n\r\n{\"jsonrpc\":1}"));
    let logged = server.wait_for(|message| message["method"] == "window/logMessage");
    assert_eq!(logged["params"]["type"], 1, "an error: {logged}");
    assert!(logged["params"]["message"].as_str().unwrap().contains("Content-Length"), "{logged}");
    let (status, stderr) = server.wait_exit();
    assert!(!status.success(), "a crash, so the editor restarts the server: {status}");
    assert!(stderr.contains("Content-Length") && stderr.contains("twelve"), "stderr says why: {stderr}");
}

#[test]
fn a_header_without_content_length_makes_the_server_exit_saying_why() {
    let mut server = Process::start();
    server.initialize();
    assert!(server.send_raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"));
    let (status, stderr) = server.wait_exit();
    assert!(!status.success(), "{status}");
    assert!(stderr.contains("Content-Length"), "stderr says why: {stderr}");
}

#[test]
fn a_stream_that_ends_inside_a_message_makes_the_server_exit_saying_why() {
    let mut server = Process::start();
    server.initialize();
    assert!(server.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\": \"2.0\""));
    server.close_input();
    let (status, stderr) = server.wait_exit();
    assert!(!status.success(), "{status}");
    assert!(stderr.contains("ended"), "stderr says why: {stderr}");
}

#[test]
fn a_client_that_closes_the_stream_between_messages_stops_the_server_quietly() {
    let mut server = Process::start();
    server.initialize();
    server.close_input();
    let (status, stderr) = server.wait_exit();
    assert!(status.success(), "{status}: {stderr}");
}
