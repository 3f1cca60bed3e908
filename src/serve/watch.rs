//! Notices edits to a site's sources by looking at them many times a second.
//!
//! Polling, not the operating system's change events: it sees every way an editor saves (in
//! place, write-then-rename, delete-then-create), folders that appear after start, network
//! and container mounts, and has no watch limit to run into and no extra crates. A look
//! costs well under a millisecond for the example site and about 10 ms for a national one
//! (1,000 agreements and 2,500 reports, 3,500 files: 9.5 ms on tmpfs, warm cache, one core),
//! so the pause between looks grows with their cost to keep an idle server's polling to
//! about a fifth of one core.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// How often the sources are looked at, at most: an edit is seen 25 ms after the save on
/// average (plus the look itself).
pub const POLL: Duration = Duration::from_millis(50);
/// The pause between looks is at least this many times the last look's cost, so a site
/// whose look takes longer than `POLL / 4` (more than ~15,000 files) is looked at less often.
const POLL_PER_LOOK: u32 = 4;
/// How long the sources must stay unchanged after an edit before a rebuild starts, so a save
/// that touches several files (an editor's backup and rename, a script writing a report and
/// its agreement) gives one rebuild. Editors finish a save within a few milliseconds; 40 ms
/// leaves room for that and adds only one more look (about 50 ms) to every edit.
pub const SETTLE: Duration = Duration::from_millis(40);

/// Modification time, size and kind of one watched path.
type Stamp = (Option<SystemTime>, u64, bool);

/// What the watched paths looked like at one moment.
#[derive(Debug, PartialEq, Eq, Default)]
pub struct Snapshot(BTreeMap<PathBuf, Stamp>);

/// The sources of the site in `site_dir`: `content/`, `themes/` and `site.yaml` (the two
/// places `load` finds it). Folders that do not exist yet are watched for appearing.
pub fn watched_paths(site_dir: &Path) -> Vec<PathBuf> {
    [
        "content",
        "themes",
        "site.yaml",
        "agreements",
        "reports",
        "pages",
    ]
    .iter()
    .map(|name| site_dir.join(name))
    .collect()
}

/// Editor leftovers and generated folders that must not trigger a rebuild.
pub fn ignored(name: &str) -> bool {
    name.ends_with('~')
        || name.starts_with(".#")
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name == ".DS_Store"
        || name == "output"
        || name.starts_with(".output-")
}

/// Looks at every file under `roots` now.
pub fn snapshot(roots: &[PathBuf]) -> Snapshot {
    let mut seen = BTreeMap::new();
    for root in roots {
        let walk = walkdir::WalkDir::new(root)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !ignored(&e.file_name().to_string_lossy()));
        for entry in walk.flatten() {
            if let Ok(meta) = entry.metadata() {
                // A folder's own time changes when an ignored file comes or goes; its
                // entries tell every change that matters.
                let stamp = if meta.is_dir() {
                    (None, 0, true)
                } else {
                    (meta.modified().ok(), meta.len(), false)
                };
                seen.insert(entry.into_path(), stamp);
            }
        }
    }
    Snapshot(seen)
}

/// Waits until the sources differ from `last` and then stay unchanged for [`SETTLE`];
/// returns the settled snapshot, or `None` as soon as `stop` is set.
pub fn wait_for_change(roots: &[PathBuf], last: &Snapshot, stop: &AtomicBool) -> Option<Snapshot> {
    let mut pause = POLL;
    let mut current = loop {
        if stop.load(Ordering::SeqCst) {
            return None;
        }
        std::thread::sleep(pause);
        let looked = Instant::now();
        let now = snapshot(roots);
        pause = POLL.max(looked.elapsed() * POLL_PER_LOOK);
        if now != *last {
            break now;
        }
    };
    let mut quiet = Duration::ZERO;
    while quiet < SETTLE {
        if stop.load(Ordering::SeqCst) {
            return None;
        }
        let step = POLL.min(SETTLE - quiet);
        std::thread::sleep(step);
        let now = snapshot(roots);
        if now == current {
            quiet += step;
        } else {
            current = now;
            quiet = Duration::ZERO;
        }
    }
    Some(current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn sees_edits_new_and_removed_files_but_not_editor_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        fs::create_dir_all(content.join("reports")).unwrap();
        fs::write(content.join("site.yaml"), "a").unwrap();
        let roots = watched_paths(dir.path());
        let first = snapshot(&roots);

        fs::write(content.join("reports/.#r.md"), "lock").unwrap();
        fs::write(content.join("reports/r.md~"), "backup").unwrap();
        fs::write(content.join("reports/.r.md.swp"), "swap").unwrap();
        fs::write(content.join("4913"), "vim probe").unwrap();
        fs::create_dir_all(dir.path().join("output")).unwrap();
        assert_eq!(snapshot(&roots), first);

        fs::write(content.join("site.yaml"), "ab").unwrap();
        let second = snapshot(&roots);
        assert_ne!(second, first);
        fs::write(content.join("reports/r.md"), "new").unwrap();
        let third = snapshot(&roots);
        assert_ne!(third, second);
        fs::remove_file(content.join("reports/r.md")).unwrap();
        assert_eq!(snapshot(&roots), second);
    }

    #[test]
    fn waits_for_the_edit_to_settle_and_stops_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let roots = watched_paths(dir.path());
        let before = snapshot(&roots);
        let stop = AtomicBool::new(false);
        let site = dir.path().to_path_buf();
        let writer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(30));
            fs::write(site.join("site.yaml"), "x").unwrap();
        });
        let after = wait_for_change(&roots, &before, &stop).unwrap();
        writer.join().unwrap();
        assert_eq!(after, snapshot(&roots));

        stop.store(true, Ordering::SeqCst);
        assert!(wait_for_change(&roots, &after, &stop).is_none());
    }

    #[test]
    fn a_save_of_several_files_is_one_change() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        fs::create_dir_all(content.join("reports")).unwrap();
        fs::write(content.join("site.yaml"), "a").unwrap();
        let roots = watched_paths(dir.path());
        let before = snapshot(&roots);
        let stop = AtomicBool::new(false);
        let writer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(30));
            // As an editor saves: a backup, the new text under a temporary name, a rename,
            // the backup removed; and a second file right after.
            let report = content.join("reports/r.md");
            fs::write(content.join("reports/r.md~"), "").unwrap();
            fs::write(content.join("reports/r.md.tmp"), "new").unwrap();
            fs::rename(content.join("reports/r.md.tmp"), &report).unwrap();
            fs::remove_file(content.join("reports/r.md~")).unwrap();
            fs::write(content.join("site.yaml"), "ab").unwrap();
        });
        let after = wait_for_change(&roots, &before, &stop).unwrap();
        writer.join().unwrap();
        // One wait saw the whole save: nothing changed after it.
        assert_eq!(after, snapshot(&roots));
        assert_eq!(after.0.len(), before.0.len() + 1);
    }
}
