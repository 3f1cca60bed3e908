//! Hostile and broken input, run through the real `iopsite` binary.
//!
//! Every case starts from a fresh copy of `tests/fixtures/minimal` that has been built once,
//! so `output/` exists. Then one thing is broken and `iopsite build DIR --as-of 2026-11-23`
//! runs again. For every case:
//!
//! - the command exits with status 1 (not 101, which is a panic, and not a signal),
//!   within 20 seconds and without using more than `MAX_PEAK_RSS_KB` of memory;
//! - stderr has `error: PATH:LINE:` (PATH relative to the site folder) when the problem is
//!   on a line, or at least `error: PATH:` for problems with a whole file;
//! - stderr never says "panicked";
//! - `output/` is byte-for-byte what the good build wrote, and nothing new appears beside it.
//!
//! The process runs with its data segment limited (`ulimit -d`), so that a runaway read or
//! YAML expansion fails inside the child instead of exhausting the test machine.

#![cfg(unix)]

mod common;
use common::{copy_dir, fixtures};

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::os::unix::fs::{PermissionsExt as _, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const AS_OF: &str = "2026-11-23";

/// A case that takes longer than this has hung.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A hard limit on the child's data segment, so a runaway allocation cannot take the machine
/// down with it (KiB, for `ulimit -d`).
const DATA_LIMIT_KB: u64 = 1024 * 1024;

/// The most memory (peak resident set) a run may use. A build of the minimal site needs a
/// few MiB; the largest legitimate input (an 8 MiB file) stays well below this.
const MAX_PEAK_RSS_KB: u64 = 256 * 1024;

/// Every file under `dir` (relative path → contents); symlinks are recorded by their target.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk output");
        let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
        if entry.file_type().is_file() {
            files.insert(rel, fs::read(entry.path()).expect("read output file"));
        } else if entry.file_type().is_symlink() {
            let target = fs::read_link(entry.path()).expect("read link");
            files.insert(rel, format!("-> {}", target.display()).into_bytes());
        } else if entry.file_type().is_dir() {
            files.insert(rel, b"<dir>".to_vec());
        }
    }
    files
}

/// The names directly inside `dir`.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read site folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// What one run of the binary did.
struct Run {
    /// `None` if the process was killed by a signal (or by us, after the timeout).
    code: Option<i32>,
    timed_out: bool,
    elapsed: Duration,
    /// Peak resident set size in KiB, from `/proc/PID/status` (Linux only).
    peak_rss_kb: Option<u64>,
    stdout: String,
    stderr: String,
}

fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs `iopsite ARGS` with a time limit and a memory limit, watching its peak memory.
fn run_iopsite(args: &[&str]) -> Run {
    let logs = tempfile::tempdir().expect("temporary folder for the logs");
    let out_path = logs.path().join("stdout");
    let err_path = logs.path().join("stderr");
    // `sh` only sets the limit and then becomes the binary (`exec`), so the pid we watch
    // and kill is iopsite's own.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -d {DATA_LIMIT_KB} 2>/dev/null; exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_iopsite"))
        // The expected messages are the English ones (the sites are Swedish).
        .args(["--lang", "en"])
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).expect("stdout log"))
        .stderr(fs::File::create(&err_path).expect("stderr log"))
        .spawn()
        .expect("run iopsite");
    let pid = child.id();
    let started = Instant::now();
    let mut peak = None;
    let mut timed_out = false;
    let status = loop {
        if let Some(kb) = peak_rss_kb(pid) {
            peak = Some(peak.map_or(kb, |p: u64| p.max(kb)));
        }
        match child.try_wait().expect("wait for iopsite") {
            Some(status) => break status,
            None if started.elapsed() > TIMEOUT => {
                timed_out = true;
                // Our own child, by its handle.
                let _ = child.kill();
                break child.wait().expect("wait for the killed iopsite");
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    let elapsed = started.elapsed();
    let read = |p: &Path| String::from_utf8_lossy(&fs::read(p).unwrap_or_default()).into_owned();
    Run {
        code: if timed_out { None } else { status.code() },
        timed_out,
        elapsed,
        peak_rss_kb: peak,
        stdout: read(&out_path),
        stderr: read(&err_path),
    }
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

fn build(site: &Path) -> Run {
    run_iopsite(&["build", path_arg(site), "--as-of", AS_OF])
}

/// A fresh copy of the minimal site, built once so that `output/` exists.
fn built_minimal_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixtures().join("minimal"), dir.path());
    let run = build(dir.path());
    assert_eq!(
        run.code,
        Some(0),
        "the first, good build failed:\n{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(dir.path().join("output/index.html").is_file());
    dir
}

// --- how each case breaks the site ------------------------------------------------------------

/// How a case breaks the site.
#[derive(Clone, Copy)]
enum Setup {
    /// Copy `tests/fixtures/invalid/NAME` into the site (as `tests/invalid_input.rs` does).
    Invalid(&'static str),
    /// Copy `tests/fixtures/hostile/NAME` into the site.
    Hostile(&'static str),
    /// Anything else, done by code (generated, binary or special files).
    Custom(fn(&Path)),
}

/// Where a fixture goes: `site-*.yaml` replaces `site.yaml`, `page-*.md` goes to pages,
/// other `.md` files to reports and `.yaml` files to agreements.
fn destination(fixture: &str) -> String {
    if fixture.starts_with("site-") {
        "content/site.yaml".to_string()
    } else if fixture.starts_with("page-") {
        format!("content/pages/{fixture}")
    } else if fixture.ends_with(".md") {
        format!("content/reports/{fixture}")
    } else {
        format!("content/agreements/{fixture}")
    }
}

/// One broken input: what is done to the site, and which file (and line) must be named.
struct Case {
    name: &'static str,
    setup: Setup,
    /// The offending file, relative to the site folder.
    path: &'static str,
    /// The line the error must point at, or `None` for a problem with the whole file.
    line: Option<usize>,
}

const fn case(name: &'static str, setup: Setup, path: &'static str, line: usize) -> Case {
    Case {
        name,
        setup,
        path,
        line: Some(line),
    }
}

const fn file_case(name: &'static str, setup: Setup, path: &'static str) -> Case {
    Case {
        name,
        setup,
        path,
        line: None,
    }
}

use Setup::{Custom, Hostile, Invalid};

fn minimal_agreement() -> String {
    fs::read_to_string(fixtures().join("minimal/content/agreements/base.yaml"))
        .expect("read the minimal agreement")
}

/// Writes the minimal agreement with `from` replaced by `to` as `content/agreements/NAME`.
fn write_agreement(site: &Path, name: &str, from: &str, to: &str) {
    let base = minimal_agreement();
    assert!(base.contains(from), "the minimal agreement has no `{from}`");
    fs::write(
        site.join("content/agreements").join(name),
        base.replacen(from, to, 1),
    )
    .expect("write the agreement");
}

fn fifty_megabytes(site: &Path) {
    let mut file =
        fs::File::create(site.join("content/agreements/huge.yaml")).expect("create huge.yaml");
    let line = format!("# {}\n", "x".repeat(1021));
    for _ in 0..50 * 1024 {
        file.write_all(line.as_bytes()).expect("write huge.yaml");
    }
}

/// Latin-1 "Testföreningen" as an old editor would save it, on line 15.
fn latin1_agreement(site: &Path) {
    let mut bytes = Vec::new();
    for line in minimal_agreement().lines() {
        if line == "  - name: Testföreningen" {
            bytes.extend_from_slice(b"  - name: Testf\xF6reningen\n");
        } else {
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
        }
    }
    fs::write(site.join("content/agreements/latin1.yaml"), bytes).unwrap();
}

/// A report whose Markdown body has an invalid byte on line 7.
fn latin1_report(site: &Path) {
    fs::write(
        site.join("content/reports/latin1-2025.md"),
        b"---\nagreement: base\nyear: 2025\n---\n# Rubrik\n\nM\xF6tesplatsen hade \xF6ppet.\n",
    )
    .unwrap();
}

/// A report of a million empty list items: 2 MiB, but two Markdown marks a line, so the limit
/// of 2,000,000 is passed on the last line of the body, line 1,000,005.
fn markdown_marks(site: &Path) {
    let body = "-\n".repeat(1_000_001);
    fs::write(
        site.join("content/reports/dense-2025.md"),
        format!("---\nagreement: base\nyear: 2025\n---\n{body}"),
    )
    .unwrap();
}

/// 1 MiB of tables of 300 columns whose 900 rows have one cell each: the Markdown parser fills
/// every row up with empty cells (at most 262,144 a table), 83 million for the file, 4 GB of
/// its memory. Each filled cell is a mark; the limit is passed in the eighth table, on line
/// 6,648.
fn padded_tables(site: &Path) {
    let table = format!(
        "|{}\n|{}\n{}\n",
        "a|".repeat(300),
        "-|".repeat(300),
        "a\n".repeat(900)
    );
    fs::write(
        site.join("content/reports/tables-2025.md"),
        format!(
            "---\nagreement: base\nyear: 2025\n---\n{}",
            table.repeat(1024 * 1024 / table.len())
        ),
    )
    .unwrap();
}

/// `content/agreements/sub/loop` points back at `content/agreements/`.
fn directory_symlink_loop(site: &Path) {
    let sub = site.join("content/agreements/sub");
    fs::create_dir(&sub).unwrap();
    symlink("..", sub.join("loop")).unwrap();
}

/// `loop.yaml` points at itself.
fn file_symlink_loop(site: &Path) {
    symlink("loop.yaml", site.join("content/agreements/loop.yaml")).unwrap();
}

/// A named pipe where an agreement should be: opening it blocks until someone writes.
fn fifo(site: &Path) {
    let path = site.join("content/agreements/pipe.yaml");
    let status = Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo failed");
}

/// A symlink to an endless device: reading it never ends.
fn symlink_to_dev_zero(site: &Path) {
    symlink("/dev/zero", site.join("content/agreements/zero.yaml")).unwrap();
}

/// A file the user may not read (root can read it anyway, so its content is broken too and
/// the case fails either way; the path must be named).
fn unreadable(site: &Path) {
    let path = site.join("content/agreements/secret.yaml");
    fs::write(&path, "title: bara en rad\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
}

fn name_with_spaces(site: &Path) {
    write_agreement(site, "my agreement.yaml", "\n", "\n");
}

fn name_in_upper_case(site: &Path) {
    write_agreement(site, "UPPER.yaml", "\n", "\n");
}

fn name_with_double_dot(site: &Path) {
    write_agreement(site, "x..yaml", "\n", "\n");
}

fn name_with_non_ascii(site: &Path) {
    write_agreement(site, "överenskommelse.yaml", "\n", "\n");
}

fn report_name_with_spaces(site: &Path) {
    fs::write(
        site.join("content/reports/base 2025.md"),
        "---\nagreement: base\nyear: 2025\n---\nText.\n",
    )
    .unwrap();
}

fn empty_site_yaml(site: &Path) {
    fs::write(site.join("content/site.yaml"), "").unwrap();
}

/// The classic billion laughs: nine levels of nine aliases each (387 420 489 strings) in
/// the agreement's `objectives` (lines 4-14).
fn billion_laughs(site: &Path) {
    let mut bomb = String::from("objectives:\n  - &a lol\n");
    let mut previous = 'a';
    for level in 1..=9u8 {
        let name = (b'a' + level) as char;
        let aliases = vec![format!("*{previous}"); 9].join(", ");
        bomb.push_str(&format!("  - &{name} [{aliases}]\n"));
        previous = name;
    }
    write_agreement(
        site,
        "bomb.yaml",
        "form: iop\n",
        &format!("form: iop\n{bomb}"),
    );
}

/// The same idea with a flat list: a 100 kB string repeated through 2.5 million aliases would
/// be 250 GB of text, in a file just under the 8 MiB limit. Line 5 holds the aliases.
fn alias_amplification(site: &Path) {
    let big = "x".repeat(100_000);
    let aliases = vec!["*a"; 2_500_000].join(",");
    write_agreement(
        site,
        "amplified.yaml",
        "form: iop\n",
        &format!("form: iop\nbackground: &a {big}\nobjectives: [{aliases}]\n"),
    );
}

/// 10 000 `[` on line 4.
fn deep_flow_nesting(site: &Path) {
    let deep = "[".repeat(10_000);
    write_agreement(
        site,
        "deep.yaml",
        "form: iop\n",
        &format!("form: iop\nobjectives: {deep}\n"),
    );
}

/// 10 000 nested block lists on line 5: `- - - - … x`.
fn deep_block_nesting(site: &Path) {
    let deep = "- ".repeat(10_000);
    write_agreement(
        site,
        "deep-block.yaml",
        "form: iop\n",
        &format!("form: iop\nobjectives:\n  {deep}x\n"),
    );
}

fn theme_file(site: &Path, name: &str, text: &str) {
    let path = site.join("themes/default").join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// `{% if %}` without a condition, on line 3.
fn template_if_without_condition(site: &Path) {
    theme_file(
        site,
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n<p>x</p>\n{% endblock content %}\n",
    );
}

/// `{% if … %}` never closed.
fn template_if_unclosed(site: &Path) {
    theme_file(
        site,
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if page.title %}\n<p>x</p>\n{% endblock content %}\n",
    );
}

/// A template that parses but fails when rendered: the variable does not exist (line 3).
fn template_undefined_variable(site: &Path) {
    theme_file(
        site,
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ nosuch.thing }}\n{% endblock content %}\n",
    );
}

/// A translation file with one key instead of all.
fn i18n_missing_keys(site: &Path) {
    theme_file(site, "i18n/sv.yaml", "agreements: Överenskommelser\n");
}

fn i18n_syntax_error(site: &Path) {
    theme_file(
        site,
        "i18n/sv.yaml",
        "agreements: Överenskommelser\ngoals: [Mål\n",
    );
}

const CASES: &[Case] = &[
    // --- YAML syntax -------------------------------------------------------------------------
    case(
        "indentation off by one",
        Invalid("yaml-syntax-error.yaml"),
        "content/agreements/yaml-syntax-error.yaml",
        14,
    ),
    case(
        "unquoted `: ` inside a value",
        Invalid("yaml-colon-in-text.yaml"),
        "content/agreements/yaml-colon-in-text.yaml",
        8,
    ),
    case(
        "tab used for indentation",
        Invalid("yaml-tab-indent.yaml"),
        "content/agreements/yaml-tab-indent.yaml",
        13,
    ),
    case(
        "quote opened and never closed",
        Hostile("yaml-unclosed-quote.yaml"),
        "content/agreements/yaml-unclosed-quote.yaml",
        2,
    ),
    case(
        "[ list never closed (noticed on the next line)",
        Hostile("yaml-unclosed-bracket.yaml"),
        "content/agreements/yaml-unclosed-bracket.yaml",
        5,
    ),
    case(
        "the same key twice",
        Hostile("yaml-duplicate-key.yaml"),
        "content/agreements/yaml-duplicate-key.yaml",
        4,
    ),
    case(
        "two YAML documents in one file",
        Hostile("yaml-two-documents.yaml"),
        "content/agreements/yaml-two-documents.yaml",
        29,
    ),
    case(
        "NUL byte in a value",
        Hostile("yaml-nul-byte.yaml"),
        "content/agreements/yaml-nul-byte.yaml",
        2,
    ),
    case(
        "report front matter: [ never closed",
        Hostile("report-yaml-syntax.md"),
        "content/reports/report-yaml-syntax.md",
        3,
    ),
    case(
        "site.yaml: quote never closed",
        Hostile("site-unclosed-quote.yaml"),
        "content/site.yaml",
        1,
    ),
    case(
        "report without front matter",
        Invalid("report-without-front-matter.md"),
        "content/reports/report-without-front-matter.md",
        1,
    ),
    case(
        "report front matter never closed",
        Invalid("report-unclosed-front-matter.md"),
        "content/reports/report-unclosed-front-matter.md",
        1,
    ),
    // --- wrong types and unknown keys --------------------------------------------------------
    case(
        "text where a number belongs",
        Invalid("wrong-type.yaml"),
        "content/agreements/wrong-type.yaml",
        26,
    ),
    case(
        "text where a list belongs",
        Hostile("wrong-type-list-as-text.yaml"),
        "content/agreements/wrong-type-list-as-text.yaml",
        11,
    ),
    case(
        "`kanske` where true/false belongs",
        Hostile("wrong-type-bool.yaml"),
        "content/agreements/wrong-type-bool.yaml",
        21,
    ),
    case(
        "report: text where the year belongs",
        Invalid("report-wrong-type.md"),
        "content/reports/report-wrong-type.md",
        3,
    ),
    case(
        "unknown top-level key",
        Invalid("unknown-key.yaml"),
        "content/agreements/unknown-key.yaml",
        3,
    ),
    case(
        "unknown key inside a party",
        Hostile("unknown-key-nested.yaml"),
        "content/agreements/unknown-key-nested.yaml",
        14,
    ),
    case(
        "site.yaml: unknown key",
        Hostile("site-unknown-key.yaml"),
        "content/site.yaml",
        6,
    ),
    case(
        "missing required key in a list entry",
        Invalid("missing-required-field.yaml"),
        "content/agreements/missing-required-field.yaml",
        15,
    ),
    case(
        "page without a title",
        Invalid("page-missing-title.md"),
        "content/pages/page-missing-title.md",
        2,
    ),
    // --- dates -------------------------------------------------------------------------------
    case(
        "date 2025-02-30",
        Invalid("invalid-date.yaml"),
        "content/agreements/invalid-date.yaml",
        20,
    ),
    case(
        "date 2025-13-01",
        Hostile("date-month-13.yaml"),
        "content/agreements/date-month-13.yaml",
        19,
    ),
    case(
        "date 0000-00-00",
        Hostile("date-zero.yaml"),
        "content/agreements/date-zero.yaml",
        19,
    ),
    case(
        "period ends before it starts",
        Invalid("end-before-start.yaml"),
        "content/agreements/end-before-start.yaml",
        20,
    ),
    // --- organisation numbers ----------------------------------------------------------------
    case(
        "organisation number with 9 digits",
        Invalid("org-number-wrong-length.yaml"),
        "content/agreements/org-number-wrong-length.yaml",
        14,
    ),
    case(
        "organisation number failing Luhn",
        Invalid("org-number-luhn.yaml"),
        "content/agreements/org-number-luhn.yaml",
        14,
    ),
    case(
        "organisation number with a letter",
        Hostile("org-number-letters.yaml"),
        "content/agreements/org-number-letters.yaml",
        14,
    ),
    // --- goals -------------------------------------------------------------------------------
    case(
        "goal 0",
        Invalid("goal-zero.yaml"),
        "content/agreements/goal-zero.yaml",
        29,
    ),
    case(
        "goal 18",
        Invalid("goal-eighteen.yaml"),
        "content/agreements/goal-eighteen.yaml",
        29,
    ),
    case(
        "goal -1",
        Hostile("goal-minus-one.yaml"),
        "content/agreements/goal-minus-one.yaml",
        29,
    ),
    // --- amounts -----------------------------------------------------------------------------
    case(
        "negative amount",
        Invalid("negative-amount.yaml"),
        "content/agreements/negative-amount.yaml",
        24,
    ),
    case(
        "absurd amount 99999999999",
        Invalid("absurd-amount.yaml"),
        "content/agreements/absurd-amount.yaml",
        24,
    ),
    case(
        "absurd amount 1e15",
        Hostile("amount-1e15.yaml"),
        "content/agreements/amount-1e15.yaml",
        24,
    ),
    case(
        "absurd amount 99999999999999999999 (over u64)",
        Hostile("amount-20-digits.yaml"),
        "content/agreements/amount-20-digits.yaml",
        24,
    ),
    case(
        "amount 1.5",
        Hostile("amount-float.yaml"),
        "content/agreements/amount-float.yaml",
        24,
    ),
    case(
        "amount as text `650 000`",
        Invalid("amount-as-text.yaml"),
        "content/agreements/amount-as-text.yaml",
        24,
    ),
    // --- parties and funding -----------------------------------------------------------------
    case(
        "two parties with the same name",
        Invalid("duplicate-party-name.yaml"),
        "content/agreements/duplicate-party-name.yaml",
        15,
    ),
    case(
        "funder is not a party",
        Invalid("funder-not-a-party.yaml"),
        "content/agreements/funder-not-a-party.yaml",
        23,
    ),
    case(
        "two funding lines for the same funder and year",
        Hostile("funding-duplicate-line.yaml"),
        "content/agreements/funding-duplicate-line.yaml",
        25,
    ),
    case(
        "funding outside the period",
        Invalid("funding-year-outside-period.yaml"),
        "content/agreements/funding-year-outside-period.yaml",
        22,
    ),
    case(
        "source url javascript:",
        Invalid("source-url-javascript.yaml"),
        "content/agreements/source-url-javascript.yaml",
        10,
    ),
    // --- reports -----------------------------------------------------------------------------
    case(
        "report for an unknown agreement",
        Invalid("report-unknown-agreement.md"),
        "content/reports/report-unknown-agreement.md",
        2,
    ),
    case(
        "report year outside the period",
        Invalid("report-year-outside-period.md"),
        "content/reports/report-year-outside-period.md",
        3,
    ),
    case(
        "second report for the same agreement and year",
        Invalid("report-duplicate.md"),
        "content/reports/report-duplicate.md",
        3,
    ),
    // --- empty files -------------------------------------------------------------------------
    file_case(
        "empty agreement",
        Invalid("empty-file.yaml"),
        "content/agreements/empty-file.yaml",
    ),
    file_case(
        "empty report",
        Hostile("report-empty.md"),
        "content/reports/report-empty.md",
    ),
    file_case(
        "empty page",
        Hostile("page-empty.md"),
        "content/pages/page-empty.md",
    ),
    file_case(
        "empty site.yaml",
        Custom(empty_site_yaml),
        "content/site.yaml",
    ),
    // --- files that are not what they seem ---------------------------------------------------
    file_case(
        "a 50 MiB agreement",
        Custom(fifty_megabytes),
        "content/agreements/huge.yaml",
    ),
    case(
        "agreement in Latin-1, not UTF-8",
        Custom(latin1_agreement),
        "content/agreements/latin1.yaml",
        15,
    ),
    case(
        "a report of a million empty list items (2,000,000 Markdown marks)",
        Custom(markdown_marks),
        "content/reports/dense-2025.md",
        1_000_005,
    ),
    case(
        "tables whose short rows the parser would fill up with 83 million empty cells",
        Custom(padded_tables),
        "content/reports/tables-2025.md",
        6_648,
    ),
    case(
        "report body with a non-UTF-8 byte",
        Custom(latin1_report),
        "content/reports/latin1-2025.md",
        7,
    ),
    file_case(
        "unreadable file (mode 000)",
        Custom(unreadable),
        "content/agreements/secret.yaml",
    ),
    file_case(
        "directory symlink loop inside agreements/",
        Custom(directory_symlink_loop),
        "content/agreements/sub/loop",
    ),
    file_case(
        "file symlink pointing at itself",
        Custom(file_symlink_loop),
        "content/agreements/loop.yaml",
    ),
    file_case(
        "named pipe (FIFO) called pipe.yaml",
        Custom(fifo),
        "content/agreements/pipe.yaml",
    ),
    file_case(
        "symlink zero.yaml -> /dev/zero",
        Custom(symlink_to_dev_zero),
        "content/agreements/zero.yaml",
    ),
    // --- file names --------------------------------------------------------------------------
    file_case(
        "file name Bad_Name.yaml",
        Invalid("Bad_Name.yaml"),
        "content/agreements/Bad_Name.yaml",
    ),
    file_case(
        "file name with a space",
        Custom(name_with_spaces),
        "content/agreements/my agreement.yaml",
    ),
    file_case(
        "file name in upper case",
        Custom(name_in_upper_case),
        "content/agreements/UPPER.yaml",
    ),
    file_case(
        "file name x..yaml",
        Custom(name_with_double_dot),
        "content/agreements/x..yaml",
    ),
    file_case(
        "file name with å/ä/ö",
        Custom(name_with_non_ascii),
        "content/agreements/överenskommelse.yaml",
    ),
    file_case(
        "report file name with a space",
        Custom(report_name_with_spaces),
        "content/reports/base 2025.md",
    ),
    // --- resource exhaustion -----------------------------------------------------------------
    case(
        // The first nested list (line 6) is already the wrong type, so nothing is expanded.
        "billion laughs (nested aliases)",
        Custom(billion_laughs),
        "content/agreements/bomb.yaml",
        6,
    ),
    case(
        "2.5 million aliases of a 100 kB string",
        Custom(alias_amplification),
        "content/agreements/amplified.yaml",
        5,
    ),
    case(
        "10 000 nested [",
        Custom(deep_flow_nesting),
        "content/agreements/deep.yaml",
        4,
    ),
    case(
        "10 000 nested block lists",
        Custom(deep_block_nesting),
        "content/agreements/deep-block.yaml",
        5,
    ),
    case(
        "report front matter with 10 000 nested [",
        Hostile("report-deep-nesting.md"),
        "content/reports/report-deep-nesting.md",
        4,
    ),
    // --- the site's own theme ----------------------------------------------------------------
    file_case(
        "template with `{% if %}` (no condition)",
        Custom(template_if_without_condition),
        "themes/default/templates/page.html",
    ),
    file_case(
        "template with `{% if x %}` never closed",
        Custom(template_if_unclosed),
        "themes/default/templates/page.html",
    ),
    file_case(
        "template using an undefined variable",
        Custom(template_undefined_variable),
        "themes/default/templates/page.html",
    ),
    file_case(
        "i18n/sv.yaml missing most keys",
        Custom(i18n_missing_keys),
        "themes/default/i18n/sv.yaml",
    ),
    case(
        "i18n/sv.yaml with a YAML error",
        Custom(i18n_syntax_error),
        "themes/default/i18n/sv.yaml",
        2,
    ),
];

/// Runs one case; `Err` describes everything that was wrong.
fn run_case(case: &Case) -> Result<Run, (Run, Vec<String>)> {
    let site = built_minimal_site();
    let output_before = snapshot(&site.path().join("output"));
    match case.setup {
        Invalid(name) => {
            fs::copy(
                fixtures().join("invalid").join(name),
                site.path().join(destination(name)),
            )
            .unwrap_or_else(|e| panic!("copy {name}: {e}"));
        }
        Hostile(name) => {
            fs::copy(
                fixtures().join("hostile").join(name),
                site.path().join(destination(name)),
            )
            .unwrap_or_else(|e| panic!("copy {name}: {e}"));
        }
        Custom(setup) => setup(site.path()),
    }
    let root_before = listing(site.path());

    let run = build(site.path());

    let mut problems = Vec::new();
    if run.timed_out {
        problems.push(format!("hung: killed after {} s", run.elapsed.as_secs()));
    } else {
        match run.code {
            Some(1) => {}
            Some(101) => problems.push("exit code 101: iopsite panicked".into()),
            Some(code) => problems.push(format!("exit code {code}, expected 1")),
            None => problems.push("killed by a signal (crash or out of memory)".into()),
        }
    }
    if run.stderr.contains("panicked") {
        problems.push("stderr says `panicked`".into());
    }
    let wanted = match case.line {
        Some(line) => format!("error: {}:{line}:", case.path),
        None => format!("error: {}:", case.path),
    };
    if !run.stderr.contains(&wanted) {
        problems.push(format!("stderr lacks `{wanted}`"));
    }
    if let Some(kb) = run.peak_rss_kb
        && kb > MAX_PEAK_RSS_KB
    {
        problems.push(format!(
            "used {} MiB of memory (limit {} MiB)",
            kb / 1024,
            MAX_PEAK_RSS_KB / 1024
        ));
    }
    let output_after = snapshot(&site.path().join("output"));
    if output_after.keys().collect::<Vec<_>>() != output_before.keys().collect::<Vec<_>>() {
        problems.push("the list of files in output/ changed".into());
    } else if let Some(changed) = output_before
        .iter()
        .find(|(path, bytes)| output_after[*path] != **bytes)
    {
        problems.push(format!("output/{} changed", changed.0.display()));
    }
    let root_after = listing(site.path());
    if root_after != root_before {
        problems.push(format!(
            "the site folder changed: {root_before:?} -> {root_after:?}"
        ));
    }
    // Let the temporary folder be removed even after `chmod 000` (no file, no harm).
    let _ = fs::set_permissions(
        site.path().join("content/agreements/secret.yaml"),
        fs::Permissions::from_mode(0o644),
    );
    if problems.is_empty() {
        Ok(run)
    } else {
        Err((run, problems))
    }
}

/// The peak memory, or `-` if the run ended before it could be measured.
fn shown_memory(run: &Run) -> String {
    run.peak_rss_kb.map_or_else(
        || "-".to_string(),
        |kb| format!("{} MiB", kb.div_ceil(1024)),
    )
}

fn first_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().take(n).collect();
    let mut shown = lines.join("\n");
    if text.lines().count() > n {
        shown.push_str("\n[…]");
    }
    shown
}

#[test]
fn every_hostile_input_fails_cleanly_and_names_the_file() {
    assert!(CASES.len() >= 30, "the table should hold at least 30 cases");
    let mut failures = Vec::new();
    for case in CASES {
        match run_case(case) {
            Ok(run) => println!(
                "ok    {:<50} exit 1 in {:>5} ms, peak {:>6}: {}",
                case.name,
                run.elapsed.as_millis(),
                shown_memory(&run),
                run.stderr.lines().next().unwrap_or("")
            ),
            Err((run, problems)) => {
                println!("FAIL  {:<50} {}", case.name, problems.join("; "));
                failures.push(format!(
                    "--- {} ({})\n{}\nexit: {:?}, {} ms, peak memory {}\nstderr:\n{}",
                    case.name,
                    case.path,
                    problems.join("\n"),
                    run.code,
                    run.elapsed.as_millis(),
                    shown_memory(&run),
                    first_lines(&run.stderr, 12)
                ));
            }
        }
    }
    println!(
        "hostile inputs: {} cases, {} passed, {} failed",
        CASES.len(),
        CASES.len() - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} hostile inputs were not handled cleanly:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_hostile_fixture_has_a_case() {
    let mut missing = Vec::new();
    for entry in fs::read_dir(fixtures().join("hostile")).expect("read fixtures") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !CASES
            .iter()
            .any(|c| matches!(c.setup, Hostile(f) if f == name))
        {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "fixtures without a case: {missing:?}");
}

#[test]
fn hidden_files_are_ignored() {
    let site = built_minimal_site();
    let content = site.path().join("content");
    // Broken content in hidden files, as editors and tools leave them behind.
    fs::write(
        content.join("agreements/.hidden.yaml"),
        "title: [nothing valid\n",
    )
    .unwrap();
    fs::write(content.join("agreements/.base.yaml.swp"), b"\x00\xFF\xFE").unwrap();
    fs::write(content.join("reports/.hidden.md"), "not a report\n").unwrap();
    let run = build(site.path());
    assert_eq!(
        run.code,
        Some(0),
        "hidden files should be ignored:\n{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!run.stderr.contains(".hidden"), "{}", run.stderr);
}

#[test]
fn a_symlink_to_a_file_outside_the_site_is_handled_sanely() {
    // Decision: a symlink to a regular file is read like the file itself (the site's author
    // put it there, as with a copied file); it is checked like any other content. What it
    // must never do is panic, hang, or leave a half-written site.
    let outside = tempfile::tempdir().unwrap();
    let valid = outside.path().join("valid.yaml");
    fs::write(&valid, minimal_agreement()).unwrap();
    let broken = outside.path().join("broken.yaml");
    fs::write(&broken, "title: bara en rad\n").unwrap();

    for (target, name) in [(&valid, "linked.yaml"), (&broken, "linked-broken.yaml")] {
        let site = built_minimal_site();
        let before = snapshot(&site.path().join("output"));
        symlink(target, site.path().join("content/agreements").join(name)).unwrap();
        let run = build(site.path());
        assert!(!run.timed_out, "{name}: hung");
        assert!(!run.stderr.contains("panicked"), "{name}:\n{}", run.stderr);
        match run.code {
            Some(0) => {}
            Some(1) => {
                assert!(
                    run.stderr
                        .contains(&format!("error: content/agreements/{name}:")),
                    "{name}: the error should name the link:\n{}",
                    run.stderr
                );
                assert_eq!(
                    snapshot(&site.path().join("output")),
                    before,
                    "{name}: a failed build changed output/"
                );
            }
            other => panic!("{name}: exit {other:?}\n{}", run.stderr),
        }
        println!("symlink to {}: exit {:?}", target.display(), run.code);
        if name == "linked-broken.yaml" {
            assert_eq!(run.code, Some(1), "the broken target must fail the build");
        }
    }
}

#[test]
fn files_in_hidden_folders_are_ignored() {
    // Editors and tools keep their own copies in hidden folders (VS Code's `.history/`,
    // `.git/`); a copy there must not become a second agreement or a bad-name error.
    let site = built_minimal_site();
    let content = site.path().join("content");
    fs::create_dir(content.join("agreements/.history")).unwrap();
    fs::write(
        content.join("agreements/.history/base_20250101120000.yaml"),
        minimal_agreement(),
    )
    .unwrap();
    let run = build(site.path());
    assert_eq!(
        run.code,
        Some(0),
        "files in hidden folders should be ignored:\n{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(!run.stderr.contains(".history"), "{}", run.stderr);
}
