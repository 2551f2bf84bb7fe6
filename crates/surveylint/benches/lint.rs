//! Throughput of the whole lint pipeline (parse, detect language, normalise,
//! match every rule, build diagnostics) over more than 1 MB of mixed Dutch and
//! English questionnaire text, and the cost of building the linter.
//!
//! Run: `cargo bench -p surveylint --bench lint`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use surveylint::{LintOptions, Linter, TextFormat};

mod common;

use common::corpus;

fn bench_lint(c: &mut Criterion) {
    let linter = Linter::new();
    let text = corpus(1 << 20);
    let options = LintOptions::default();
    let mut group = c.benchmark_group("lint");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("markdown_1mb_mixed", |b| b.iter(|| linter.lint_text(&text, TextFormat::Markdown, &options)));
    group.finish();

    c.bench_function("linter_new", |b| b.iter(Linter::new));
}

criterion_group!(benches, bench_lint);
criterion_main!(benches);
