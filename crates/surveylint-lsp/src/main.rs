//! The `surveylint-lsp` binary: the surveylint language server over stdio.

fn main() -> anyhow::Result<()> {
    surveylint_lsp::run_stdio_blocking()
}
