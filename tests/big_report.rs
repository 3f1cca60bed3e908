//! Big content through the real `iopsite` binary: the memory a build of the example site takes
//! with reports just under the 8 MiB file limit, and the limits that keep any content from
//! exhausting memory, with their messages (sizes in MiB).

#![cfg(unix)]

mod common;
use common::copy_dir;

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const MIB: usize = 1024 * 1024;

/// A copy of the example site (the repository's `content/`) in a temporary folder.
fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &dir.path().join("content"),
    );
    dir
}

/// The example site's reports, sorted.
fn reports(site: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(site.join("content/reports"))
        .expect("reports folder")
        .map(|e| e.expect("report").path())
        .collect();
    paths.sort();
    paths
}

/// Replaces the body of the report at `path` (keeping its front matter) with `- item N`
/// lines, as many as keep the file under 8 MiB.
fn make_list_report(path: &Path) {
    let text = fs::read_to_string(path).expect("read report");
    let end = text[4..].find("\n---\n").expect("front matter") + 4 + 5;
    let mut report = text[..end].to_string();
    for n in 1.. {
        let line = format!("- item {n}\n");
        if report.len() + line.len() > 8 * MIB - 1024 {
            break;
        }
        report.push_str(&line);
    }
    fs::write(path, report).expect("write report");
}

/// What one build did.
struct Build {
    code: Option<i32>,
    stderr: String,
    /// Peak resident memory of the build, in KiB (Linux).
    peak_rss_kib: u64,
}

/// The build's peak memory is under the bound of 300 MB.
#[track_caller]
fn assert_under_300_mb(run: &Build) {
    assert!(
        run.peak_rss_kib < MAX_PEAK_KIB,
        "peak memory {} MB, limit 300 MB",
        run.peak_rss_kib * 1024 / 1_000_000
    );
}

/// Builds `site` with the real binary into `site/output` and measures the build's peak
/// memory as the system counted it for this one child (`wait4`).
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its peak memory"
)]
fn build(site: &Path) -> Build {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iopsite"))
        // The expected messages are the English ones (the site is Swedish).
        .args(["--lang", "en", "build", "--quiet", "--as-of", "2026-11-23"])
        .arg(site)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run iopsite");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value; `wait4` fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, by its pid, with valid pointers.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4: {}", std::io::Error::last_os_error());
    Build {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        stderr,
        peak_rss_kib: u64::try_from(usage.ru_maxrss).expect("ru_maxrss"),
    }
}

/// The peak memory the issue allows a build with an 8 MiB report: 300 MB (in KiB).
const MAX_PEAK_KIB: u64 = 300_000_000 / 1024;

#[test]
#[cfg(target_os = "linux")]
fn an_8_mib_list_report_builds_in_under_300_mb() {
    let site = example_site();
    let report = &reports(site.path())[0];
    make_list_report(report);
    let size = fs::metadata(report).expect("report").len();
    assert!(
        size > 8 * MIB as u64 - 2048 && size <= 8 * MIB as u64,
        "{size}"
    );
    let run = build(site.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // Before the Markdown was rendered as a stream, this took about 350 MB.
    assert_under_300_mb(&run);
    let page = site.path().join("output/reports").join(
        report
            .with_extension("html")
            .file_name()
            .expect("report name"),
    );
    let html = fs::read_to_string(page).expect("report page");
    assert!(html.contains("<li>item 1</li>\n<li>item 2</li>"));
    assert!(html.contains("<li>item 600000</li>"));
}

#[test]
#[cfg(target_os = "linux")]
fn ten_8_mib_list_reports_build_in_under_300_mb() {
    let site = example_site();
    let reports = reports(site.path());
    assert_eq!(reports.len(), 10);
    for report in &reports {
        make_list_report(report);
    }
    let run = build(site.path());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // One heavy page at a time, whatever the number of cores (before: about 710 MB on two).
    assert_under_300_mb(&run);
}

/// The first error line of a failed build.
fn first_error(run: &Build) -> &str {
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    run.stderr.lines().next().unwrap_or_default()
}

#[test]
fn a_file_over_8_mib_is_refused_with_its_size_in_mib() {
    let site = example_site();
    let report = &reports(site.path())[0];
    let file = fs::OpenOptions::new()
        .append(true)
        .open(report)
        .expect("open report");
    file.set_len(8_800_000).expect("grow report");
    let name = report.file_name().expect("name").to_string_lossy();
    let run = build(site.path());
    assert_eq!(
        first_error(&run),
        format!("error: content/reports/{name}: is 8.4 MiB; content files may be at most 8 MiB")
    );
}

#[test]
fn more_than_512_mib_of_content_is_refused_before_any_is_read() {
    let site = example_site();
    // Files that take no room on disk but count by their size: 64 of 8 MiB are 512 MiB, and
    // the example site's files push them over.
    for n in 0..64 {
        let file = fs::File::create(site.path().join(format!("content/pages/empty-{n}.md")))
            .expect("create page");
        file.set_len(8 * MIB as u64).expect("size page");
    }
    let run = build(site.path());
    assert!(
        first_error(&run).starts_with(
            "error: content: the content files are 512.1 MiB in all; a site's content \
             (site.yaml, agreements, reports and pages together) may be at most 512 MiB"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    // Nothing was read: 512 MiB of pages would show in the memory.
    assert!(run.peak_rss_kib < 100 * 1024, "{} KiB", run.peak_rss_kib);
}

#[test]
fn a_report_with_too_many_markdown_marks_is_refused_at_the_line() {
    let site = example_site();
    let report = &reports(site.path())[0];
    let text = fs::read_to_string(report).expect("read report");
    let end = text[4..].find("\n---\n").expect("front matter") + 4 + 5;
    let body_line = text[..end].lines().count() + 1;
    // Two marks a line (the line and its `-`): the limit is reached on line 1,000,000 of the
    // body and passed on the next, though the file is only 2 MiB.
    let body = "-\n".repeat(1_000_001);
    fs::write(report, format!("{}{body}", &text[..end])).expect("write report");
    let name = report.file_name().expect("name").to_string_lossy();
    let run = build(site.path());
    assert_eq!(
        first_error(&run),
        format!(
            "error: content/reports/{name}:{}: the Markdown text passes 2,000,000 marks on this \
             line; a text may have at most that many (every line, punctuation character and \
             table cell is a mark), so that rendering it cannot exhaust memory: split it into \
             smaller files or shorten it",
            body_line + 1_000_000
        )
    );
}

#[test]
fn an_agreement_whose_markdown_has_too_many_marks_is_refused() {
    let site = example_site();
    let path = site
        .path()
        .join("content/agreements/kalmar-kvinnojouren.yaml");
    let mut text = fs::read_to_string(&path).expect("read agreement");
    // A table of one column whose million rows are charged for the line and the cell each,
    // in a decision's summary, after the agreement's other texts.
    text.push_str("decisions:\n  - date: 2025-01-01\n    body: Kommunstyrelsen\n");
    text.push_str("    summary: |\n      | a |\n      |---|\n");
    text.push_str(&"      x\n".repeat(1_000_000));
    fs::write(&path, text).expect("write agreement");
    let run = build(site.path());
    assert_eq!(
        first_error(&run),
        "error: content/agreements/kalmar-kvinnojouren.yaml: the Markdown text passes 2,000,000 \
         marks in `decisions: summary`, counting the agreement's Markdown fields together; a \
         text may have at most that many (every line, punctuation character and table cell is \
         a mark), so that rendering it cannot exhaust memory: split it into smaller files or \
         shorten it"
    );
}
