//! Publishing as municipalities set it up, through the real binary: an output folder that is a
//! link to the web root, odd output paths, a build killed in the middle of the swap, two
//! builds at once, leftovers of killed builds, and `init` over an existing site. Whatever
//! happens, nothing already published is lost and the message says what state the output is in.

#![cfg(unix)]

mod common;
use common::{copy_dir, fixtures, minimal_site};

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const AS_OF: &str = "2026-11-23";

fn iopsite(args: &[&str], fault: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_iopsite"));
    // The messages are checked in English (the sites are Swedish).
    command
        .args(["--lang", "en"])
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH");
    match fault {
        Some(fault) => command.env("IOPSITE_TEST_FAULT", fault),
        None => command.env_remove("IOPSITE_TEST_FAULT"),
    };
    command.output().expect("run iopsite")
}

fn build(site: &Path, extra: &[&str], fault: Option<&str>) -> Output {
    let mut args = vec!["build", site.to_str().unwrap(), "--as-of", AS_OF, "--quiet"];
    args.extend_from_slice(extra);
    iopsite(&args, fault)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[track_caller]
fn assert_exit(output: &Output, code: i32, what: &str) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "{what}: status {:?}\nstderr:\n{}",
        output.status,
        stderr(output)
    );
}

/// The process ended as if killed (the fault points abort).
#[track_caller]
fn assert_killed(output: &Output, what: &str) {
    assert_eq!(
        output.status.signal(),
        Some(6),
        "{what}: not aborted: {}",
        stderr(output)
    );
}

/// Beside the output there is nothing but the lock file (and the site's content).
#[track_caller]
fn assert_nothing_left(site: &Path) {
    assert_eq!(names(site), [".output.lock", "content", "output"]);
}

/// Every file under `dir` (not following links) with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, fs::read(e.path()).unwrap_or_default())
        })
        .collect()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// Adds an agreement with a goal that does not exist, so the next build fails.
fn break_site(site: &Path) {
    fs::copy(
        fixtures().join("invalid/goal-eighteen.yaml"),
        site.join("content/agreements/goal-eighteen.yaml"),
    )
    .unwrap();
}

fn fix_site(site: &Path) {
    fs::remove_file(site.join("content/agreements/goal-eighteen.yaml")).unwrap();
}

/// Changes the site so that a new build differs from the last one (the home page's title).
fn edit_site(site: &Path, title: &str) {
    let path = site.join("content/site.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let at = lines.iter().position(|l| l.starts_with("title:")).unwrap();
    lines[at] = format!("title: {title}");
    fs::write(&path, lines.join("\n") + "\n").unwrap();
}

fn home_has(out: &Path, text: &str) -> bool {
    fs::read_to_string(out.join("index.html")).is_ok_and(|html| html.contains(text))
}

/// A copy of the minimal site, built once with `title`: the site, its output, the output's files.
fn published(title: &str) -> (tempfile::TempDir, PathBuf, BTreeMap<PathBuf, Vec<u8>>) {
    let site = minimal_site();
    let out = site.path().join("output");
    edit_site(site.path(), title);
    assert_exit(&build(site.path(), &[], None), 0, "first build");
    let files = files(&out);
    (site, out, files)
}

#[test]
fn a_link_to_a_web_root_stays_a_link_and_nothing_else_in_it_is_lost() {
    let site = minimal_site();
    let www = tempfile::tempdir().unwrap();
    let root = www.path().join("iop");
    fs::create_dir(&root).unwrap();
    // A web root with files iopsite never wrote: refused, with nothing changed.
    fs::write(root.join("by-hand.html"), "keep me").unwrap();
    fs::create_dir(root.join("cms")).unwrap();
    fs::write(root.join("cms/page.txt"), "keep me too").unwrap();
    let out = site.path().join("output");
    symlink(&root, &out).unwrap();
    let before = files(&root);
    let output = build(site.path(), &[], None);
    assert_exit(&output, 1, "build into a web root iopsite did not make");
    assert!(
        stderr(&output).contains("did not write"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("Nothing was changed"));
    assert_eq!(files(&root), before, "the web root changed");
    assert!(fs::symlink_metadata(&out).unwrap().is_symlink());

    // An empty web root: the site is written into the link's target; the link stays.
    fs::remove_file(root.join("by-hand.html")).unwrap();
    fs::remove_dir_all(root.join("cms")).unwrap();
    edit_site(site.path(), "First title");
    assert_exit(
        &build(site.path(), &[], None),
        0,
        "build into an empty web root",
    );
    assert!(
        fs::symlink_metadata(&out).unwrap().is_symlink(),
        "the link was replaced"
    );
    assert_eq!(fs::read_link(&out).unwrap(), root);
    assert!(home_has(&root, "First title"));

    // Again: replaced in place, the link still a link, nothing left beside it.
    edit_site(site.path(), "Second title");
    assert_exit(
        &build(site.path(), &[], None),
        0,
        "second build through the link",
    );
    assert!(fs::symlink_metadata(&out).unwrap().is_symlink());
    assert!(home_has(&root, "Second title"));
    assert_eq!(names(www.path()), [".iop.lock", "iop"]);
    assert_eq!(names(site.path()), ["content", "output"]);

    // A file put into the published site by hand stops the next build; nothing is lost.
    fs::create_dir(root.join("stats")).unwrap();
    fs::write(root.join("stats/visits.log"), "keep").unwrap();
    let before = files(&root);
    edit_site(site.path(), "Third title");
    let output = build(site.path(), &[], None);
    assert_exit(&output, 1, "build over a file put in by hand");
    assert!(
        stderr(&output).contains("stats/visits.log"),
        "{}",
        stderr(&output)
    );
    assert_eq!(files(&root), before, "the published site changed");
}

#[test]
fn an_output_path_through_the_output_folder_itself() {
    let site = minimal_site();
    let out = site.path().join("output");
    assert_exit(&build(site.path(), &[], None), 0, "first build");
    let odd = format!("{}/output/../output/./", site.path().display());
    edit_site(site.path(), "Through dot-dot");
    let output = build(site.path(), &["--output", &odd], None);
    assert_exit(&output, 0, "build to output/../output");
    assert!(home_has(&out, "Through dot-dot"));
    assert_nothing_left(site.path());

    // The site folder itself, or a folder holding it, is never an output.
    let site_arg = site.path().to_str().unwrap().to_string();
    let parent = format!("{site_arg}/..");
    for bad in [site_arg.as_str(), parent.as_str(), "/"] {
        let output = build(site.path(), &["--output", bad], None);
        assert_exit(&output, 1, bad);
        assert!(
            stderr(&output).contains("Nothing was changed"),
            "{}",
            stderr(&output)
        );
    }
    assert!(home_has(&out, "Through dot-dot"));
}

#[test]
fn a_build_killed_while_publishing_never_leaves_the_site_missing() {
    let (site, out, old) = published("Old site");

    // Killed just before or just after the one-step swap: the output is whole, old or new.
    edit_site(site.path(), "New site");
    for (fault, expect) in [
        ("abort-before-swap", "Old site"),
        ("abort-after-swap", "New site"),
    ] {
        let output = build(site.path(), &[], Some(fault));
        assert_killed(&output, fault);
        assert!(
            home_has(&out, expect),
            "{fault}: the output is not the {expect}"
        );
        assert!(
            names(site.path())
                .iter()
                .any(|n| n.starts_with(".output-new-")),
            "{fault}: a killed build leaves its folder"
        );
        // The next build removes what the killed one left.
        edit_site(site.path(), "Old site");
        assert_exit(&build(site.path(), &[], None), 0, "build after a kill");
        assert_nothing_left(site.path());
        assert_eq!(files(&out), old);
        edit_site(site.path(), "New site");
    }

    // Where the swap takes two renames, a kill between them leaves no output folder; the
    // next build moves the previous site back first, so even a failing build keeps it.
    let output = build(site.path(), &[], Some("two-renames,abort-between-renames"));
    assert_killed(&output, "between the renames");
    assert!(!out.exists(), "the output was there after the first rename");
    break_site(site.path());
    let output = build(site.path(), &[], None);
    assert_exit(&output, 1, "a failing build after a kill between renames");
    assert!(
        stderr(&output).contains("moved the previous site back"),
        "{}",
        stderr(&output)
    );
    assert_eq!(files(&out), old, "the previous site was not put back whole");
    assert_nothing_left(site.path());
    fix_site(site.path());
}

#[test]
fn a_failed_swap_says_what_state_the_output_is_in() {
    let (site, out, old) = published("Old site");
    edit_site(site.path(), "New site");

    // The second rename fails and the first is undone: unchanged, and said so.
    let output = build(site.path(), &[], Some("two-renames,fail-second-rename"));
    assert_exit(&output, 1, "failed second rename");
    assert!(
        stderr(&output).contains("the previous output is unchanged"),
        "{}",
        stderr(&output)
    );
    assert_eq!(files(&out), old);
    assert_nothing_left(site.path());

    // Undoing fails too: the message says the output folder is missing and where the site is.
    let output = build(
        site.path(),
        &[],
        Some("two-renames,fail-second-rename,fail-restore"),
    );
    assert_exit(&output, 1, "failed second rename and restore");
    let text = stderr(&output);
    assert!(!text.contains("unchanged"), "{text}");
    assert!(text.contains("There is no output folder"), "{text}");
    let aside = names(site.path())
        .into_iter()
        .find(|n| n.starts_with(".output-old-"))
        .expect("the previous site set aside");
    assert!(text.contains(&aside), "the message names {aside}: {text}");
    assert_eq!(files(&site.path().join(&aside)), old);
    // The next build puts it back and publishes.
    assert_exit(
        &build(site.path(), &[], None),
        0,
        "build after a failed restore",
    );
    assert!(home_has(&out, "New site"));
    assert_nothing_left(site.path());
}

#[test]
fn builds_of_one_site_at_once_run_one_after_the_other() {
    let site = minimal_site();
    let out = site.path().join("output");
    assert_exit(&build(site.path(), &[], None), 0, "first build");
    for round in 0..4 {
        let children: Vec<_> = (0..3)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_iopsite"))
                    .args(["build", site.path().to_str().unwrap(), "--as-of", AS_OF])
                    .args(["--quiet"])
                    .env_remove("IOPSITE_TEST_FAULT")
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert_exit(&output, 0, &format!("round {round}: a build run at once"));
        }
        assert!(home_has(&out, "<html"), "round {round}: no home page");
        assert_eq!(
            names(site.path()),
            [".output.lock", "content", "output"],
            "round {round}: folders left behind"
        );
    }
}

#[test]
fn a_build_waits_for_the_one_holding_the_lock_and_names_it() {
    let site = minimal_site();
    assert_exit(&build(site.path(), &[], None), 0, "first build");
    // This test holds the lock as a running build would, with its process id in the file.
    let lock = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(site.path().join(".output.lock"))
        .unwrap();
    lock.lock().unwrap();
    fs::write(site.path().join(".output.lock"), "4242").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_iopsite"))
        .args(["build", site.path().to_str().unwrap(), "--as-of", AS_OF])
        .args(["--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert!(child.try_wait().unwrap().is_none(), "built while locked");
    lock.unlock().unwrap();
    let started = Instant::now();
    let output = child.wait_with_output().unwrap();
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_exit(&output, 0, "build after the lock was let go");
    let text = stderr(&output);
    assert!(
        text.contains("another build of") && text.contains("(pid 4242)"),
        "{text}"
    );
}

#[test]
fn leftovers_of_killed_builds_are_removed_but_nothing_else() {
    let site = minimal_site();
    assert_exit(&build(site.path(), &[], None), 0, "first build");
    for _ in 0..3 {
        let output = build(site.path(), &[], Some("abort-before-swap"));
        assert_killed(&output, "before the swap");
    }
    let left = names(site.path())
        .into_iter()
        .filter(|n| n.starts_with(".output-new-"))
        .count();
    // Each build first removes what the one before it left: only the last kill's folder is there.
    assert_eq!(left, 1, "{:?}", names(site.path()));
    // Something of the user's that only looks like a leftover stays.
    let look_alike = site.path().join(".output-old-mine");
    fs::create_dir(&look_alike).unwrap();
    fs::write(look_alike.join("notes.txt"), "mine").unwrap();
    assert_exit(&build(site.path(), &[], None), 0, "build after three kills");
    assert_eq!(
        names(site.path()),
        [".output-old-mine", ".output.lock", "content", "output"]
    );
    assert_eq!(
        fs::read_to_string(look_alike.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn init_refuses_a_folder_that_holds_a_site_in_either_layout() {
    // Settings directly in the folder (no content/ folder).
    let flat = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("minimal/content"), flat.path());
    // Settings in content/.
    let nested = minimal_site();
    for dir in [flat.path(), nested.path()] {
        let before = files(dir);
        let output = iopsite(&["init", dir.to_str().unwrap()], None);
        assert_exit(&output, 1, "init over a site");
        assert!(
            stderr(&output).contains("already holds a site"),
            "{}",
            stderr(&output)
        );
        assert!(stderr(&output).contains("site.yaml"), "{}", stderr(&output));
        assert_eq!(files(dir), before, "init changed {}", dir.display());
    }
    // A folder with agreements but no settings yet is a site too.
    let partial = tempfile::tempdir().unwrap();
    fs::create_dir(partial.path().join("agreements")).unwrap();
    let output = iopsite(&["init", partial.path().to_str().unwrap()], None);
    assert_exit(&output, 1, "init over a folder of agreements");
    assert!(
        stderr(&output).contains("agreements"),
        "{}",
        stderr(&output)
    );
    assert_eq!(names(partial.path()), ["agreements"]);
}
