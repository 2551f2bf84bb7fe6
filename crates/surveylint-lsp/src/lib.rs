//! # surveylint-lsp
//!
//! The surveylint language server. Editors get an underline under
//! manipulative survey wording ("verdienen we een 9 of 10?") as it is typed,
//! the rule's rationale and advice on hover, and code actions that apply the
//! neutral rewrite, ignore one occurrence, or disable the rule for the
//! workspace.
//!
//! Only this crate knows the protocol: the core reports byte spans, and the
//! conversion layer turns them into positions in the encoding negotiated
//! with the client (UTF-16 by default, UTF-8 when offered).
//!
//! ```no_run
//! fn main() -> anyhow::Result<()> {
//!     surveylint_lsp::run_stdio_blocking()
//! }
//! ```

// The handlers (`server`) and the conversion layer (`convert`) are the only
// modules that know the protocol's types; `transport` moves its messages.
// Everything else works in bytes, paths and the core's types.
mod actions;
mod config;
mod convert;
mod document;
mod faults;
mod formats;
mod hover;
mod incremental;
mod panics;
mod server;
mod transport;

use tokio::io::{AsyncRead, AsyncWrite};

pub use transport::TransportError;

/// Serves the protocol over any byte streams until the client sends `exit`
/// or closes `input`. Tests use it with an in-memory pipe. An error says why
/// the input could not be read on (a corrupt header, an input that ended in
/// the middle of a message); messages that are merely unreadable are
/// answered with an error and do not end the session.
pub async fn serve<I, O>(input: I, output: O) -> Result<(), TransportError>
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    transport::serve(input, output).await
}

/// The diagnostics the server publishes for `findings` of `text` (UTF-16
/// positions), serialised as JSON: the server's own share of publishing,
/// which the latency bench times. Not an API: the protocol's types stay
/// inside this crate.
#[doc(hidden)]
pub fn diagnostics_json(text: &str, findings: &[surveylint::Diagnostic]) -> String {
    let lines = surveylint::position::LineIndex::new(text);
    let diagnostics = convert::diagnostics_of(text, &lines, findings, convert::Encoding::Utf16);
    serde_json::to_string(&diagnostics).unwrap_or_default()
}

/// Serves the protocol over standard input and output. Logs go to stderr.
pub async fn run_stdio() -> Result<(), TransportError> {
    serve(tokio::io::stdin(), tokio::io::stdout()).await
}

/// Starts a Tokio runtime and serves over standard input and output until
/// the client exits. This is what `surveylint server` and the
/// `surveylint-lsp` binary call. An error means the input was lost; the
/// caller reports it and exits with a failure status, so the editor
/// restarts the server.
pub fn run_stdio_blocking() -> anyhow::Result<()> {
    // One worker thread is plenty: linting a document takes about a
    // millisecond, and it runs on the blocking pool, off the protocol thread.
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
    let outcome = runtime.block_on(run_stdio());
    // Tokio reads stdin on a blocking thread that cannot be interrupted;
    // waiting for it would keep a server that received `exit` alive until
    // the client writes again. Lints still running are of no use any more.
    runtime.shutdown_background();
    Ok(outcome?)
}

#[cfg(test)]
mod tests {
    /// The protocol's types stay in the handlers and the conversion layer:
    /// the rest of the server works in bytes, paths and the core's types.
    #[test]
    fn only_the_handlers_and_the_conversion_layer_know_the_protocol() {
        let protocol_free = [
            ("actions.rs", include_str!("actions.rs")),
            ("config.rs", include_str!("config.rs")),
            ("document.rs", include_str!("document.rs")),
            ("faults.rs", include_str!("faults.rs")),
            ("formats.rs", include_str!("formats.rs")),
            ("hover.rs", include_str!("hover.rs")),
            ("incremental.rs", include_str!("incremental.rs")),
            ("panics.rs", include_str!("panics.rs")),
        ];
        for (module, source) in protocol_free {
            assert!(!source.contains("tower_lsp_server"), "{module} uses the protocol's types");
        }
    }
}
