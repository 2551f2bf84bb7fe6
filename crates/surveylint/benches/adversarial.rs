//! Inputs shaped to find non-linear time: one long paragraph without a full
//! stop, dense with flagged words; the same as a natural sentence repeated;
//! a 10 MB single line; position conversion on that line; and a line of
//! emphasis runs that never close. Each case is
//! measured at two sizes, so a doubling in time per doubling in size (linear)
//! can be read straight off the report.
//!
//! Run: `cargo bench -p surveylint --bench adversarial`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use surveylint::position::{ColumnUnit, LineIndex};
use surveylint::{LintOptions, Linter, TextFormat};

/// Words that trigger many rules, in an order that never repeats for long.
const WORDS: &[&str] = &[
    "hoe",
    "tevreden",
    "bent",
    "u",
    "over",
    "onze",
    "uitstekende",
    "service",
    "en",
    "verdienen",
    "we",
    "een",
    "9",
    "of",
    "10",
    "geef",
    "ons",
    "5",
    "sterren",
    "de",
    "monteur",
    "krijgt",
    "bonus",
    "wij",
    "hopen",
    "op",
    "tien",
    "uw",
    "mening",
    "is",
    "van",
    "levensbelang",
];

/// `bytes` of flagged words without punctuation, from a fixed seed.
fn dense_paragraph(bytes: usize) -> String {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut text = String::with_capacity(bytes + 16);
    while text.len() < bytes {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        text.push_str(WORDS[(state % WORDS.len() as u64) as usize]);
        text.push(' ');
    }
    text
}

/// A natural manipulative sentence repeated without a full stop.
fn repeated_sentence(bytes: usize) -> String {
    let sentence = "hoe tevreden bent u over onze uitstekende service en verdienen we een 9 of 10 ";
    sentence.repeat(bytes / sentence.len() + 1)
}

/// Emphasis runs that open and never close ("**tien a* "), so every closing
/// run searches the runs still open (bounded, see `emphasis.rs`).
fn unmatched_emphasis(bytes: usize) -> String {
    let piece = "**tien a* geef ons een 10 ";
    piece.repeat(bytes / piece.len() + 1)
}

fn bench_adversarial(c: &mut Criterion) {
    let linter = Linter::new();
    let options = LintOptions::default();
    let mut group = c.benchmark_group("adversarial");
    group.sample_size(10);
    for (name, make) in [
        ("dense_paragraph", dense_paragraph as fn(usize) -> String),
        ("repeated_sentence", repeated_sentence),
        ("unmatched_emphasis", unmatched_emphasis),
    ] {
        for size in [150_000, 300_000] {
            let text = make(size);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, size), &text, |b, text| {
                b.iter(|| linter.lint_text(text, TextFormat::Markdown, &options))
            });
        }
    }
    for size in [5_000_000, 10_000_000] {
        let text = repeated_sentence(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("single_line", size), &text, |b, text| {
            b.iter(|| linter.lint_text(text, TextFormat::Plain, &options))
        });
        // A column for every 100th byte of one long line.
        let offsets: Vec<usize> = (0..text.len()).step_by(100).collect();
        group.bench_with_input(BenchmarkId::new("columns_on_one_line", size), &text, |b, text| {
            b.iter(|| {
                let index = LineIndex::new(text);
                offsets.iter().map(|&offset| index.line_column(text, offset, ColumnUnit::Utf16).column).sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_adversarial);
criterion_main!(benches);
