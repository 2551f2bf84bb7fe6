//! The `surveylint-lsp` binary: the surveylint language server over stdio.

use std::process::ExitCode;

fn main() -> ExitCode {
    match surveylint_lsp::run_stdio_blocking() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // A failure status, so the editor knows the server crashed and restarts it.
            eprintln!("surveylint-lsp: {error:#}");
            ExitCode::FAILURE
        }
    }
}
