//! Progress of a long build, for a person watching a terminal.
//!
//! The library reports stages and steps through [`Progress`]; the command line shows them
//! with an `indicatif` bar on a terminal, and only once a build has run for a second, so
//! small sites build without flicker.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Receives the stages of a build and the steps within them. Called from many threads.
pub trait Progress: Sync {
    /// A new stage begins with `total` steps (0 when not known in advance).
    fn stage(&self, _name: &'static str, _total: usize) {}
    /// `steps` more steps of the current stage are done.
    fn advance(&self, _steps: usize) {}
    /// Something the person running the build should know that is not a problem of the
    /// content: waiting for another build, cleaning up after a killed one.
    fn notice(&self, _message: &str) {}
    /// Whether the caller no longer wants the result (the preview server, when a newer
    /// edit has arrived): rendering then stops early and produces nothing.
    fn cancelled(&self) -> bool {
        false
    }
}

/// No progress shown.
impl Progress for () {}

/// How long a build runs before the bar appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A bar on standard error, drawn only when it is a terminal and the build has run for a
/// second. Cleared when dropped, so only the summary line stays.
#[derive(Debug)]
pub struct TerminalBar {
    bar: ProgressBar,
}

impl TerminalBar {
    /// A bar that shows itself if standard error is a terminal and `quiet` is off.
    pub fn new(quiet: bool) -> TerminalBar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if !quiet && std::io::stderr().is_terminal() {
            let later = bar.clone();
            std::thread::spawn(move || {
                std::thread::sleep(SHOW_AFTER);
                if !later.is_finished() {
                    later.set_draw_target(ProgressDrawTarget::stderr());
                    // Stages without steps (loading, checking) still show their time.
                    later.enable_steady_tick(Duration::from_millis(200));
                }
            });
        }
        TerminalBar { bar }
    }
}

impl Progress for TerminalBar {
    fn stage(&self, name: &'static str, total: usize) {
        // A stage of known length gets a bar; the others only their name and the time.
        let template = if total > 0 {
            "{msg:>15} [{bar:30}] {pos}/{len} {elapsed}"
        } else {
            "{msg:>15} {elapsed}"
        };
        let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        self.bar.set_style(style);
        self.bar.set_message(name);
        self.bar.set_position(0);
        if total > 0 {
            self.bar.set_length(total as u64);
        } else {
            self.bar.unset_length();
        }
    }

    fn advance(&self, steps: usize) {
        self.bar.inc(steps as u64);
    }

    /// Printed on standard error even with `--quiet`: it explains a wait or a leftover.
    fn notice(&self, message: &str) {
        self.bar.suspend(|| eprintln!("note: {message}"));
    }
}

impl Drop for TerminalBar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
