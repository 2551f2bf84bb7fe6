//! One benchmark per stage of a lint over the same 1 MB of mixed Dutch and
//! English questionnaire text as `lint.rs`, so a slowdown points at its stage
//! (issue 9): reading the text into units, analysis (matching views and
//! languages), the lexicon scan alone, the phrase rules (scan, pattern
//! evaluation, exceptions, messages), the survey rules, and finishing (source
//! order and suppressions). Rendering the findings for a terminal or an editor
//! happens in the CLI and the server and is measured there, whole-process.
//!
//! Run: `cargo bench -p surveylint --bench stages`

mod common;

use common::corpus;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use surveylint::{parse_text, stages, LintOptions, Linter, TextFormat};

fn bench_stages(c: &mut Criterion) {
    let linter = Linter::new();
    let options = LintOptions::default();
    let settings = linter.settings(&options);
    let text = corpus(1 << 20);
    let document = parse_text(&text, TextFormat::Markdown);
    let analysis = stages::analyse(&document, &options);
    // Warm the lazily compiled patterns, as any second lint finds them.
    let _ = linter.lint(&document, &options);

    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("1_read_units", |b| b.iter(|| parse_text(&text, TextFormat::Markdown)));
    group.bench_function("2_analyse", |b| b.iter(|| stages::analyse(&document, &options)));
    group.bench_function("3_lexicon_scan", |b| b.iter(|| stages::scan(&linter, &analysis)));
    group.bench_function("4_phrase_rules", |b| {
        b.iter(|| stages::phrase_rules(&linter, &document, &analysis, &settings));
    });
    group.bench_function("5_survey_rules", |b| {
        b.iter(|| stages::survey_rules(&linter, &document, &analysis, &options, &settings));
    });
    group.bench_function("6_finish", |b| {
        b.iter_batched(
            || {
                let phrase = stages::phrase_rules(&linter, &document, &analysis, &settings);
                let survey = stages::survey_rules(&linter, &document, &analysis, &options, &settings);
                (phrase, survey)
            },
            |(phrase, survey)| stages::finish(&linter, &document, &analysis, &options, &settings, phrase, survey),
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, bench_stages);
criterion_main!(benches);
