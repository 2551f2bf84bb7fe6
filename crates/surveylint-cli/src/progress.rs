//! A progress bar on standard error for long runs in a terminal. It never
//! appears when standard error is piped or redirected, so CI logs and
//! snapshots stay clean.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Runs over more files than this show a bar.
const MIN_FILES: usize = 20;
const WIDTH: usize = 30;

pub struct Progress {
    total: usize,
    done: AtomicUsize,
    enabled: bool,
    /// Serialises drawing, so lines from two threads never interleave.
    drawing: Mutex<()>,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        let enabled = total > MIN_FILES && std::io::stderr().is_terminal();
        Progress { total, done: AtomicUsize::new(0), enabled, drawing: Mutex::new(()) }
    }

    /// Counts one finished file and redraws the bar.
    pub fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.enabled {
            return;
        }
        let Ok(_guard) = self.drawing.lock() else { return };
        let filled = WIDTH * done / self.total.max(1);
        let bar = format!("{}{}", "=".repeat(filled), " ".repeat(WIDTH - filled));
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r[{bar}] {done}/{} files", self.total);
        let _ = stderr.flush();
    }

    /// Erases the bar before the results are printed.
    pub fn finish(&self) {
        if self.enabled {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[2K");
            let _ = stderr.flush();
        }
    }
}
