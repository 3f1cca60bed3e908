//! The corpus generator (`examples/corpus.rs`) writes a site that iopsite checks without
//! errors or warnings, and the same seed gives the same files.

#[expect(
    dead_code,
    reason = "the example's `main` and argument parsing are not used here"
)]
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

/// The relative path of every file under `dir`.
fn paths(dir: &Path) -> Vec<String> {
    WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk the folder"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(dir).expect("under dir");
            path.display().to_string()
        })
        .collect()
}

/// Every file under `dir` by its relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    paths(dir)
        .into_iter()
        .map(|path| {
            let bytes = fs::read(dir.join(&path)).expect("read");
            (path, bytes)
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
    // Site settings, two pages, the agreements, the reports, and the files sources name.
    let attachments = a.keys().filter(|p| p.contains("/files/")).count();
    assert!(
        attachments > 0 && attachments < AGREEMENTS,
        "{attachments} attachments"
    );
    assert_eq!(a.len(), 1 + 2 + AGREEMENTS + summary.reports + attachments);
    assert!(a == b, "two runs with seed 7 wrote different files");

    let (other, _) = generate(8);
    assert!(
        files(other.path()) != a,
        "seeds 7 and 8 wrote the same files"
    );
}

/// `n` as the English summary line writes it: from 10,000 up in groups of three.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    if n < 10_000 {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A long build still prints one summary line and nothing else when its output is not a
/// terminal, and nothing at all with `--quiet`; the line's counts are those of the corpus and
/// of the folder written. The feed keeps only the newest entries however many reports there
/// are.
///
/// The corpus is large so that the build usually runs past the second after which a terminal
/// would show the progress bar. That is not asserted: a machine fast enough to finish sooner
/// is no fault of iopsite, and off a terminal nothing may be drawn however long a build runs.
#[test]
fn a_long_build_off_a_terminal_prints_one_line_and_a_short_feed() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let options = corpus::Options {
        agreements: 1500,
        seed: 3,
    };
    let summary = corpus::generate(dir.path(), &options).expect("the corpus is written");
    let build = |extra: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_iopsite"))
            // The summary line is checked in English (the site is Swedish).
            .args(["--lang", "en", "build"])
            .arg(dir.path())
            .args(extra)
            .output()
            .expect("run iopsite");
        assert!(output.status.success(), "{output:?}");
        output
    };
    let output = build(&[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let written: Vec<String> = paths(&dir.path().join("output"))
        .into_iter()
        .filter(|p| p != iopsite::write::MARKER)
        .collect();
    let pages = written.iter().filter(|p| p.ends_with(".html")).count();
    assert!(
        stdout.starts_with(&format!("built {} pages, ", grouped(pages))),
        "{pages} pages written: {stdout}"
    );
    let counts = format!(
        " charts and {} files ({} agreements, {} reports, 0 warnings) in ",
        grouped(written.len()),
        grouped(options.agreements),
        grouped(summary.reports)
    );
    assert!(stdout.contains(&counts), "expected `{counts}`: {stdout}");

    let quiet = build(&["--quiet"]);
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
