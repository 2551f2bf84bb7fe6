//! Measures how fast the readers turn files into documents, and how long
//! linting those documents takes, for BENCHMARKS.md:
//!
//! ```text
//! cargo run --release -p surveylint-formats --example read_speed -- FILE...
//! ```
//!
//! Each file is read (and linted) repeatedly for about half a second; the
//! median of the runs is reported. Not a test: timings vary by machine.

use std::path::Path;
use std::time::{Duration, Instant};

use surveylint::{LintOptions, Linter};
use surveylint_formats::{detect, read};

fn median_of_runs(mut run: impl FnMut()) -> Duration {
    let mut times = Vec::new();
    let started = Instant::now();
    while times.len() < 5 || (started.elapsed() < Duration::from_millis(500) && times.len() < 10_000) {
        let start = Instant::now();
        run();
        times.push(start.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let linter = Linter::new();
    let options = LintOptions::default();
    #[allow(clippy::print_stdout)]
    for argument in std::env::args().skip(1) {
        let path = Path::new(&argument);
        let bytes = std::fs::read(path)?;
        let format = match detect(Some(path), &bytes) {
            Ok(format) => format,
            Err(error) => {
                println!("{}: {error}", path.display());
                continue;
            }
        };
        let document = read(format, &bytes)?;
        let reading = median_of_runs(|| {
            let _ = read(format, &bytes);
        });
        let linting = median_of_runs(|| {
            let _ = linter.lint(&document, &options);
        });
        let megabytes_per_second = bytes.len() as f64 / reading.as_secs_f64() / 1e6;
        println!(
            "{:<16} {:>8} bytes {:>5} units  read {:>9.3} ms ({megabytes_per_second:>6.1} MB/s)  lint {:>8.3} ms  {}",
            format.name(),
            bytes.len(),
            document.units.len(),
            reading.as_secs_f64() * 1e3,
            linting.as_secs_f64() * 1e3,
            path.file_name().map_or(String::new(), |name| name.to_string_lossy().into_owned())
        );
    }
    Ok(())
}
