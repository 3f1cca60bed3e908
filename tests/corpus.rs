//! The corpus generator (`examples/corpus.rs`) writes a site that iopsite checks without
//! errors or warnings, and the same seed gives the same files.

// The example's `main` and argument parsing are not used here.
#[allow(dead_code)]
#[path = "../examples/corpus.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use iopsite::BuildOptions;
use walkdir::WalkDir;

const AGREEMENTS: usize = 50;

fn generate(seed: u64) -> (tempfile::TempDir, corpus::Summary) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let options = corpus::Options {
        agreements: AGREEMENTS,
        seed,
    };
    let summary = corpus::generate(dir.path(), &options).expect("the corpus is written");
    (dir, summary)
}

/// Every file under `dir` by its relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk the corpus"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(dir).expect("under dir");
            (
                path.display().to_string(),
                fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

#[test]
fn the_corpus_checks_without_errors_or_warnings() {
    let (dir, summary) = generate(1);
    let outcome = iopsite::check(dir.path(), &BuildOptions::default())
        .unwrap_or_else(|e| panic!("{e}: {e:#?}"));
    let warnings: Vec<String> = outcome.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.is_empty(), "{}", warnings.join("\n\n"));

    let site = &outcome.site;
    assert_eq!(summary.agreements, AGREEMENTS);
    assert_eq!(site.agreements.len(), AGREEMENTS);
    assert_eq!(site.reports.len(), summary.reports);
    assert_eq!(summary.organisations, AGREEMENTS * 4 / 5);
    // The site merges parties into organisations: the public bodies and the non-profits.
    assert_eq!(
        site.organisations.len(),
        summary.organisations + summary.public_bodies
    );
    assert_eq!(site.config.as_of, corpus::as_of());
    let reports = AGREEMENTS * 3..=AGREEMENTS * 5;
    assert!(reports.contains(&summary.reports), "{summary:?}");
    let words = summary.words / summary.reports;
    assert!((450..=800).contains(&words), "{words} words a report");
}

#[test]
fn the_same_seed_gives_the_same_files() {
    let (first, summary) = generate(7);
    let (second, again) = generate(7);
    assert_eq!(summary, again);
    let (a, b) = (files(first.path()), files(second.path()));
    assert_eq!(a.len(), 1 + 2 + AGREEMENTS + summary.reports);
    assert!(a == b, "two runs with seed 7 wrote different files");

    let (other, _) = generate(8);
    assert!(
        files(other.path()) != a,
        "seeds 7 and 8 wrote the same files"
    );
}

/// A build long enough for the progress bar (over a second) still prints one summary line
/// and nothing else when its output is not a terminal, and nothing at all with `--quiet`.
/// The feed keeps only the newest entries however many reports there are.
#[test]
fn a_long_build_off_a_terminal_prints_one_line_and_a_short_feed() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let options = corpus::Options {
        agreements: 1500,
        seed: 3,
    };
    let summary = corpus::generate(dir.path(), &options).expect("the corpus is written");
    let build = |extra: &[&str]| {
        let started = std::time::Instant::now();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_iopsite"))
            .arg("build")
            .arg(dir.path())
            .args(extra)
            .output()
            .expect("run iopsite");
        assert!(output.status.success(), "{output:?}");
        (output, started.elapsed())
    };
    let (output, took) = build(&[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("built ")
            && stdout.contains(" pages, ")
            && stdout.contains(" charts and ")
            && stdout.contains(" files ("),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{} reports", summary.reports)),
        "{stdout}"
    );
    // Otherwise the test says nothing about the bar, which only appears after a second.
    assert!(took.as_secs_f64() > 1.0, "the build took only {took:?}");

    let (quiet, _) = build(&["--quiet"]);
    assert!(
        quiet.stdout.is_empty() && quiet.stderr.is_empty(),
        "{quiet:?}"
    );

    let feed = fs::read_to_string(dir.path().join("output/feed.xml")).expect("feed");
    assert_eq!(
        feed.matches("<entry>").count(),
        iopsite::views::feed::FEED_ENTRIES
    );
}
