//! The byte streams between the client and the server: frames are read here,
//! not by tower-lsp-server, so that one undecodable message cannot stop the
//! server.
//!
//! tower-lsp-server's decoder ends its input stream at the first message it
//! cannot decode (a body that is not JSON, `[]`, a lone surrogate escape),
//! and the server then exits silently. This module reads the
//! `Content-Length` frames itself, answers a message it cannot use with a
//! JSON-RPC error (`-32700` parse error, `-32600` invalid request) and reads
//! on, replaces lone surrogate escapes with U+FFFD, and hands tower-lsp-server
//! only messages it is known to decode, through an in-memory pipe. The
//! server's output comes back through a second pipe, so the error answers
//! written here never land in the middle of one of its frames.
//!
//! Only a stream that cannot be resynchronised (a corrupt header, an input
//! that ends inside a message) ends the session with an error, after telling
//! the client why with `window/logMessage`; the caller reports it on stderr
//! and exits with a failure status, so the editor restarts the server.

use std::borrow::Cow;
use std::io;

use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, BufWriter,
    DuplexStream,
};
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::{LspService, Server};

use crate::server::{log, Backend};

/// The largest message body read into memory. A didOpen of the largest input
/// the linter accepts (16 MiB), even with every character escaped, fits.
pub(crate) const MAX_MESSAGE_BYTES: usize = 256 << 20;

/// A header line longer than this is not a header: the stream is garbage.
const MAX_HEADER_LINE_BYTES: usize = 8 << 10;

/// More header lines than this are not a header either (LSP defines two).
const MAX_HEADER_LINES: usize = 32;

/// Capacity of each in-memory pipe to and from tower-lsp-server.
const PIPE_BYTES: usize = 1 << 16;

/// JSON-RPC: the body is not valid JSON.
const PARSE_ERROR: i64 = -32700;
/// JSON-RPC: valid JSON, but not a request, notification or response.
const INVALID_REQUEST: i64 = -32600;

/// Why the server stopped reading its input.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// A header line that is not `Name: value`, or a `Content-Length` that is not a number.
    #[error("corrupt message header {line:?}: {reason}; the stream cannot be resynchronised")]
    Header {
        /// The start of the offending line.
        line: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A header without `Content-Length`: where the body ends is unknown.
    #[error("a message header without Content-Length; the stream cannot be resynchronised")]
    MissingLength,
    /// The input ended in the middle of a message.
    #[error("the input ended in the middle of a message ({0})")]
    Truncated(String),
    /// Reading the input failed.
    #[error("reading the input failed: {0}")]
    Read(#[source] io::Error),
}

/// What one frame of the input holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Frame {
    /// The body of a message.
    Body(Vec<u8>),
    /// A body larger than the limit ([`MAX_MESSAGE_BYTES`]), skipped; its length.
    Oversized(usize),
}

/// Reads the next frame, skipping a body longer than `max_body` bytes;
/// `None` when the input ends between messages.
async fn read_frame<R: AsyncBufRead + Unpin>(input: &mut R, max_body: usize) -> Result<Option<Frame>, TransportError> {
    let mut length = None;
    let mut lines = 0;
    let mut line = Vec::new();
    loop {
        line.clear();
        let limit = MAX_HEADER_LINE_BYTES as u64;
        let read = (&mut *input).take(limit).read_until(b'\n', &mut line).await.map_err(TransportError::Read)?;
        if read == 0 {
            return match (lines, length) {
                (0, None) => Ok(None),
                _ => Err(TransportError::Truncated("inside its header".to_owned())),
            };
        }
        if line.last() != Some(&b'\n') {
            if read < MAX_HEADER_LINE_BYTES {
                return Err(TransportError::Truncated("inside its header".to_owned()));
            }
            return Err(header_error(&line, "longer than 8 KiB, so not a header"));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\n', '\r']);
        if text.is_empty() {
            if lines == 0 {
                // A stray line break between two messages: harmless, skip it.
                continue;
            }
            break;
        }
        lines += 1;
        if lines > MAX_HEADER_LINES {
            return Err(header_error(&line, "too many header lines"));
        }
        let Some((name, value)) = text.split_once(':') else {
            return Err(header_error(&line, "not a `Name: value` header line"));
        };
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            match value.trim().parse::<usize>() {
                Ok(parsed) => length = Some(parsed),
                Err(_) => return Err(header_error(&line, "Content-Length is not a number")),
            }
        }
        // Other headers (`Content-Type`) change nothing: the body is read as
        // UTF-8 whatever they say, leniently.
    }
    let length = length.ok_or(TransportError::MissingLength)?;
    let mut body = (&mut *input).take(length as u64);
    if length > max_body {
        let skipped = tokio::io::copy(&mut body, &mut tokio::io::sink()).await.map_err(TransportError::Read)?;
        if skipped < length as u64 {
            return Err(truncated_body(skipped, length));
        }
        return Ok(Some(Frame::Oversized(length)));
    }
    // The header's word is not trusted with an allocation: a client that
    // announces 200 MiB and sends ten bytes costs ten bytes.
    let mut bytes = Vec::with_capacity(length.min(4 << 20));
    body.read_to_end(&mut bytes).await.map_err(TransportError::Read)?;
    if bytes.len() < length {
        return Err(truncated_body(bytes.len() as u64, length));
    }
    Ok(Some(Frame::Body(bytes)))
}

fn header_error(line: &[u8], reason: &'static str) -> TransportError {
    let text = String::from_utf8_lossy(line);
    let text = text.trim_end_matches(['\n', '\r']);
    TransportError::Header { line: text.chars().take(80).collect(), reason }
}

fn truncated_body(read: u64, length: usize) -> TransportError {
    TransportError::Truncated(format!("after {read} of the {length} bytes of its body"))
}

/// The messages tower-lsp-server decodes, with its own types and in its own
/// order (its `Message` is private): what passes here decodes there.
#[derive(Deserialize)]
#[serde(untagged)]
enum Message {
    /// An answer to one of the server's requests.
    #[allow(dead_code)]
    Response(Response),
    /// A request or a notification.
    #[allow(dead_code)]
    Request(Request),
}

/// A message body made fit for tower-lsp-server (`Ok`), or the error answer
/// to send instead (`Err`).
fn check_message(body: Vec<u8>) -> Result<String, Value> {
    // Invalid UTF-8 becomes U+FFFD: a stray byte in a document's text must
    // not cost the whole edit.
    let text = match String::from_utf8(body) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    };
    let text = match replace_lone_surrogates(&text) {
        Cow::Owned(replaced) => replaced,
        Cow::Borrowed(_) => text,
    };
    match serde_json::from_str::<Message>(&text) {
        Ok(_) => Ok(text),
        // serde's own words here ("did not match any variant of untagged
        // enum") name our types, not the client's mistake.
        Err(error) if error.is_data() => Err(error_answer(
            id_of(&text),
            INVALID_REQUEST,
            "not a JSON-RPC 2.0 request, notification or response".to_owned(),
        )),
        Err(error) => Err(error_answer(Value::Null, PARSE_ERROR, format!("the message is not valid JSON: {error}"))),
    }
}

/// The id of an invalid request, when it has a usable one, so the client can
/// match the error to what it sent; `null` otherwise, as JSON-RPC says.
fn id_of(text: &str) -> Value {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(object)) => match object.get("id") {
            Some(id @ Value::String(_)) => id.clone(),
            Some(id @ Value::Number(number)) if number.is_i64() => id.clone(),
            _ => Value::Null,
        },
        _ => Value::Null,
    }
}

fn error_answer(id: Value, code: i64, message: String) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
}

/// Replaces every `\uXXXX` escape of a lone UTF-16 surrogate (one not part of
/// a high-low pair) with `\uFFFD`. `serde_json` rejects such escapes, which
/// JavaScript clients produce when an edit splits an emoji in two.
pub(crate) fn replace_lone_surrogates(json: &str) -> Cow<'_, str> {
    let bytes = json.as_bytes();
    let mut replaced = String::new();
    let mut copied = 0;
    let mut index = 0;
    while let Some(found) = bytes.get(index..).and_then(|rest| rest.iter().position(|&byte| byte == b'\\')) {
        index += found;
        // Every escape is skipped whole, so the `u` of `\\u` (an escaped
        // backslash, then the letter) is never taken for an escape.
        if bytes.get(index + 1) != Some(&b'u') {
            index += 2;
            continue;
        }
        let lone = match hex4(bytes, index + 2) {
            Some(0xD800..=0xDBFF) => {
                let low_follows = bytes.get(index + 6) == Some(&b'\\')
                    && bytes.get(index + 7) == Some(&b'u')
                    && matches!(hex4(bytes, index + 8), Some(0xDC00..=0xDFFF));
                if low_follows {
                    index += 12;
                    continue;
                }
                true
            }
            Some(0xDC00..=0xDFFF) => true,
            _ => false,
        };
        if lone {
            // `index` is at a backslash, so both slices end on character boundaries.
            replaced.push_str(&json[copied..index]);
            replaced.push_str("\\uFFFD");
            copied = index + 6;
        }
        index += 6;
    }
    if copied == 0 {
        return Cow::Borrowed(json);
    }
    replaced.push_str(json.get(copied..).unwrap_or_default());
    Cow::Owned(replaced)
}

/// The four hexadecimal digits at `at`, as a number.
fn hex4(bytes: &[u8], at: usize) -> Option<u16> {
    let digits = bytes.get(at..at + 4)?;
    if !digits.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u16::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
}

/// Reads the client's messages, passes the good ones to tower-lsp-server and
/// answers the others. Returns when the input ends, when tower-lsp-server
/// stops reading (after `exit`), or with the reason the stream is lost.
async fn read_input<R: AsyncBufRead + Unpin>(
    mut input: R,
    mut to_server: DuplexStream,
    outgoing: UnboundedSender<Vec<u8>>,
) -> Result<(), TransportError> {
    loop {
        let frame = match read_frame(&mut input, MAX_MESSAGE_BYTES).await {
            Ok(Some(frame)) => frame,
            Ok(None) => return Ok(()),
            Err(error) => {
                // The client shows this in its output panel; stderr may go nowhere.
                let notice = json!({
                    "jsonrpc": "2.0",
                    "method": "window/logMessage",
                    "params": { "type": 1, "message": format!("surveylint-lsp stops: {error}") },
                });
                let _ = outgoing.send(notice.to_string().into_bytes());
                return Err(error);
            }
        };
        let checked = match frame {
            Frame::Body(body) => check_message(body),
            Frame::Oversized(length) => Err(error_answer(
                Value::Null,
                INVALID_REQUEST,
                format!("a message of {length} bytes is over the limit of {MAX_MESSAGE_BYTES} bytes"),
            )),
        };
        match checked {
            Ok(text) => {
                let header = format!("Content-Length: {}\r\n\r\n", text.len());
                let written = async {
                    to_server.write_all(header.as_bytes()).await?;
                    to_server.write_all(text.as_bytes()).await
                };
                if written.await.is_err() {
                    // tower-lsp-server stopped reading: it received `exit`.
                    return Ok(());
                }
            }
            Err(answer) => {
                log(&format!("answered an unreadable message: {}", answer["error"]["message"]));
                let _ = outgoing.send(answer.to_string().into_bytes());
            }
        }
    }
}

/// Passes tower-lsp-server's output on, one whole frame at a time.
async fn relay_server_output(from_server: DuplexStream, outgoing: UnboundedSender<Vec<u8>>) {
    let mut from_server = BufReader::new(from_server);
    loop {
        match read_frame(&mut from_server, MAX_MESSAGE_BYTES).await {
            Ok(Some(Frame::Body(body))) => {
                if outgoing.send(body).is_err() {
                    return;
                }
            }
            Ok(Some(Frame::Oversized(length))) => log(&format!("dropped an answer of {length} bytes")),
            Ok(None) => return,
            Err(error) => {
                log(&format!("cannot read the server's own output: {error}"));
                return;
            }
        }
    }
}

/// Frames and writes every outgoing message body, flushing whenever nothing
/// else is waiting. Bodies travel unframed so that a large answer (a
/// thousand diagnostics) is not copied once more to put a header before it.
async fn write_output<O: AsyncWrite + Unpin>(output: O, mut outgoing: UnboundedReceiver<Vec<u8>>) {
    // Header and body of a small message leave in one write.
    let mut output = BufWriter::with_capacity(PIPE_BYTES, output);
    let mut broken = false;
    while let Some(body) = outgoing.recv().await {
        if broken {
            // Keep draining so the server's tasks never wait on a dead client.
            continue;
        }
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        let mut written = output.write_all(header.as_bytes()).await;
        if written.is_ok() {
            written = output.write_all(&body).await;
        }
        if written.is_ok() && outgoing.is_empty() {
            written = output.flush().await;
        }
        if let Err(error) = written {
            log(&format!("cannot write to the client: {error}"));
            broken = true;
        }
    }
    let _ = output.flush().await;
}

/// Serves the protocol over any byte streams until the client sends `exit`
/// or closes `input`; an error says why the input could not be read on.
pub(crate) async fn serve<I, O>(input: I, output: O) -> Result<(), TransportError>
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let (service, socket) = LspService::new(Backend::new);
    let (to_server, server_input) = tokio::io::duplex(PIPE_BYTES);
    let (server_output, from_server) = tokio::io::duplex(PIPE_BYTES);
    let (outgoing, outgoing_receiver) = mpsc::unbounded_channel();

    let server = Server::new(server_input, server_output, socket).serve(service);
    let reader = read_input(BufReader::new(input), to_server, outgoing.clone());
    let session = async {
        tokio::pin!(server);
        tokio::select! {
            // The input ended or was lost: `to_server` is dropped, so
            // tower-lsp-server sees the end too and finishes its work.
            outcome = reader => {
                server.await;
                outcome
            }
            // `exit`: stop reading, even if the client keeps the stream open.
            () = &mut server => Ok(()),
        }
    };
    let (outcome, (), ()) =
        tokio::join!(session, relay_server_output(from_server, outgoing), write_output(output, outgoing_receiver));
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_are_replaced_and_pairs_kept() {
        assert_eq!(replace_lone_surrogates(r#""a\ud83d b""#), r#""a\uFFFD b""#);
        assert_eq!(replace_lone_surrogates(r#""\uDC00""#), r#""\uFFFD""#);
        assert_eq!(replace_lone_surrogates(r#""\ud83d\ud83d\ude00""#), r#""\uFFFD\ud83d\ude00""#);
        assert_eq!(replace_lone_surrogates(r#""\ud83d\u0041""#), r#""\uFFFD\u0041""#);
        assert_eq!(replace_lone_surrogates(r#""end\ud83d"#), r#""end\uFFFD"#);
        // Nothing to replace: the text is borrowed, not copied.
        for unchanged in [r#""\ud83d\ude00 é \u00e9""#, r#""C:\\ud83d""#, r#""\\\ud83d\udE00""#, "\\", r#""\u12"#] {
            assert!(matches!(replace_lone_surrogates(unchanged), Cow::Borrowed(_)), "{unchanged}");
        }
        let replaced: Value = serde_json::from_str(&replace_lone_surrogates(r#"["ok \udfff é"]"#)).unwrap_or_default();
        assert_eq!(replaced, json!(["ok \u{fffd} é"]));
    }

    #[test]
    fn messages_are_passed_answered_or_rejected() {
        let request = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        assert_eq!(check_message(request.as_bytes().to_vec()), Ok(request.to_owned()));
        let response = r#"{"jsonrpc":"2.0","id":1,"result":null}"#;
        assert_eq!(check_message(response.as_bytes().to_vec()), Ok(response.to_owned()));
        let code =
            |body: &str| check_message(body.as_bytes().to_vec()).err().map(|answer| answer["error"]["code"].clone());
        assert_eq!(code("{"), Some(json!(PARSE_ERROR)));
        assert_eq!(code(""), Some(json!(PARSE_ERROR)));
        assert_eq!(code("[]"), Some(json!(INVALID_REQUEST)));
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":{},"method":"x"}"#), Some(json!(INVALID_REQUEST)));
        let with_id = check_message(br#"{"jsonrpc":"2.0","id":"a","method":1}"#.to_vec()).err().unwrap_or_default();
        assert_eq!(with_id["id"], "a");
    }

    async fn frames(input: &[u8]) -> Vec<Result<Option<Frame>, String>> {
        let mut reader = BufReader::new(input);
        let mut frames = Vec::new();
        loop {
            let frame = read_frame(&mut reader, 8).await.map_err(|error| error.to_string());
            let done = !matches!(frame, Ok(Some(_)));
            frames.push(frame);
            if done {
                return frames;
            }
        }
    }

    #[tokio::test]
    async fn frames_are_read_leniently_until_the_stream_is_lost() {
        let good = frames(b"Content-Length: 2\r\n\r\n{}\r\ncontent-length:1\ncontent-type: x\n\nA").await;
        assert_eq!(good, [Ok(Some(Frame::Body(b"{}".to_vec()))), Ok(Some(Frame::Body(b"A".to_vec()))), Ok(None)]);
        let lost = |frames: &[Result<Option<Frame>, String>]| frames.last().and_then(|last| last.clone().err());
        let corrupt = frames(b"Content-Length: 2x\r\n\r\n{}").await;
        assert!(lost(&corrupt).is_some_and(|error| error.contains("\"Content-Length: 2x\"")), "{corrupt:?}");
        let missing = frames(b"Content-Type: a\r\n\r\n{}").await;
        assert!(lost(&missing).is_some_and(|error| error.contains("without Content-Length")), "{missing:?}");
        let short = frames(b"Content-Length: 7\r\n\r\n{}").await;
        assert!(lost(&short).is_some_and(|error| error.contains("after 2 of the 7 bytes")), "{short:?}");
        let oversized = frames(b"Content-Length: 9\r\n\r\n123456789Content-Length: 1\r\n\r\nA").await;
        assert_eq!(
            oversized,
            [Ok(Some(Frame::Oversized(9))), Ok(Some(Frame::Body(b"A".to_vec()))), Ok(None)],
            "a body over the limit is skipped whole and reading goes on"
        );
        let endless = frames(&[b'x'; MAX_HEADER_LINE_BYTES + 1]).await;
        assert!(lost(&endless).is_some_and(|error| error.contains("8 KiB")), "{endless:?}");
    }
}
