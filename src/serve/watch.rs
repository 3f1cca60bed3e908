//! Notices edits to a site's sources: told by the operating system where it can (inotify,
//! FSEvents, ReadDirectoryChangesW through the `notify` crate), else by looking at them many
//! times a second.
//!
//! Told of a change, a rebuild can start as soon as the save has settled, with no poll
//! interval to wait out and no look at every file first. Where the system tells nothing
//! (some network and container mounts, Windows drives seen from WSL), or its watches run
//! out, looking still works: it sees every way an editor saves (in place, write-then-rename,
//! delete-then-create) and folders that appear after start. A look costs well under a
//! millisecond for the example site and about 16 ms for a national one (1,000 agreements and
//! 4,000 reports, 5,000 files: 16 ms on tmpfs, warm cache, one core), so the pause between
//! looks grows with their cost to keep an idle server's polling to about a fifth of one
//! core. While events are used the sources are still looked at once a [`RECHECK`] (less
//! often where a look is costly); a change found that way and not told of means the system
//! does not report this folder's changes, and the watcher polls from then on.

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecursiveMode, Watcher as _};

/// How often the sources are looked at, at most, when polling: an edit is seen 25 ms after
/// the save on average (plus the look itself).
pub const POLL: Duration = Duration::from_millis(50);
/// The pause between looks is at least this many times the last look's cost, so a site
/// whose look takes longer than `POLL / 4` (more than ~15,000 files) is looked at less often.
const POLL_PER_LOOK: u32 = 4;
/// How long the sources must stay unchanged after an edit before a rebuild starts, so a save
/// that touches several files (an editor's backup and rename, a script writing a report and
/// its agreement) gives one rebuild. Editors finish a save within a few milliseconds, and
/// the events of one save arrive within a millisecond of each other; 25 ms leaves room for
/// a script writing files one after another on a busy machine.
pub const SETTLE: Duration = Duration::from_millis(25);
/// While the system reports changes, how often the sources are still looked at, in case it
/// misses some (a network mount changed from another machine).
pub const RECHECK: Duration = Duration::from_secs(1);
/// The pause between those looks is at least this many times a look's cost, so an idle
/// server spends at most a twentieth of one core on them (a national site of 50,000 files
/// takes about 160 ms a look).
const RECHECK_PER_LOOK: u32 = 20;
/// How often a wait for events looks at the stop flag.
const TICK: Duration = Duration::from_millis(100);

/// Modification time, size and kind of one watched path.
type Stamp = (Option<SystemTime>, u64, bool);

/// What the watched paths looked like at one moment.
#[derive(Debug, PartialEq, Eq, Default)]
pub struct Snapshot(BTreeMap<PathBuf, Stamp>);

/// The sources of the site in `site_dir`: `content/`, `themes/` and `site.yaml` (the two
/// places `load` finds it). Folders that do not exist yet are watched for appearing.
pub fn watched_paths(site_dir: &Path) -> Vec<PathBuf> {
    ROOTS.iter().map(|name| site_dir.join(name)).collect()
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

/// The names of the sources in the site folder (see [`watched_paths`]).
const ROOTS: [&str; 7] = [
    "content",
    "themes",
    "site.yaml",
    "agreements",
    "reports",
    "pages",
    "files",
];
/// Those of [`ROOTS`] that are folders.
const FOLDERS: [&str; 6] = [
    "content",
    "themes",
    "agreements",
    "reports",
    "pages",
    "files",
];

/// What the system's watcher passes on to [`Watcher::wait`].
enum Signal {
    /// Sources were created, changed, renamed or removed; `folder` when one was a source
    /// folder itself (`content/`, `themes/`, ...), which is then watched anew.
    Changed { paths: Vec<PathBuf>, folder: bool },
    /// The system lost events (its queue overflowed): anything may have changed.
    Lost,
    /// The watcher failed (e.g. the limit of watches was reached): poll from now on.
    Failed(String),
}

/// The system's watcher and what it tells.
#[derive(Debug)]
struct Events {
    watcher: notify::RecommendedWatcher,
    signals: Receiver<Signal>,
    /// The source folders watched (recursively); the site folder itself is watched alone,
    /// for sources that appear or go.
    watched: Vec<PathBuf>,
    /// How long to go without a look at the sources ([`RECHECK`]; longer in tests).
    recheck: Duration,
    /// When the sources were last looked at.
    looked: Instant,
    /// How long that look took.
    look_cost: Duration,
    /// The paths told of since then: a difference the next look finds in them, or in a
    /// folder holding them, was told.
    told: HashSet<PathBuf>,
    /// Events were lost since the last look: any difference may have been among them.
    lost: bool,
}

/// What the system told during one wait.
#[derive(Default)]
struct Told {
    /// A source changed.
    changed: bool,
    /// A source folder itself was made, removed or moved, or events were lost: the source
    /// folders are watched anew.
    folders: bool,
    failed: Option<String>,
}

/// Watches a site's sources; see the module documentation.
#[derive(Debug)]
pub struct Watcher {
    site_dir: PathBuf,
    roots: Vec<PathBuf>,
    /// The sources as last looked at.
    last: Snapshot,
    /// `None` while polling.
    events: Option<Events>,
}

impl Watcher {
    /// Starts watching the sources of the site in `site_dir`: told by the system where it
    /// can, else by polling. The sources are looked at once now; an edit after this call is
    /// seen by the first [`Watcher::wait`].
    pub fn new(site_dir: &Path) -> Watcher {
        let mut watcher = Watcher::polling(site_dir);
        match Events::start(&watcher.site_dir) {
            Ok(events) => watcher.events = Some(events),
            Err(err) => eprintln!(
                "note: looking for changes many times a second, as the system does not \
                 report them here ({err})"
            ),
        }
        watcher.last = snapshot(&watcher.roots);
        watcher
    }

    /// A watcher that only polls.
    pub fn polling(site_dir: &Path) -> Watcher {
        // Event paths are absolute; the site folder as given may be relative.
        let site_dir = std::path::absolute(site_dir).unwrap_or_else(|_| site_dir.to_path_buf());
        let roots = watched_paths(&site_dir);
        Watcher {
            last: snapshot(&roots),
            site_dir,
            roots,
            events: None,
        }
    }

    /// Whether the system reports changes to this watcher (else it polls).
    pub fn uses_events(&self) -> bool {
        self.events.is_some()
    }

    /// Waits until the sources change and then stay unchanged for [`SETTLE`]; returns
    /// `false`, without waiting further, as soon as `stop` is set.
    pub fn wait(&mut self, stop: &AtomicBool) -> bool {
        loop {
            if stop.load(Ordering::SeqCst) {
                return false;
            }
            let Some(events) = &mut self.events else {
                return self.poll_for_change(stop);
            };
            let every = events.recheck.max(events.look_cost * RECHECK_PER_LOOK);
            let recheck_in = every.saturating_sub(events.looked.elapsed());
            let mut told = Told::default();
            match events.signals.recv_timeout(TICK.min(recheck_in)) {
                Ok(signal) => events.note(signal, &mut told),
                Err(RecvTimeoutError::Disconnected) => told.failed = Some("it stopped".into()),
                Err(RecvTimeoutError::Timeout) if recheck_in > TICK => continue,
                Err(RecvTimeoutError::Timeout) => {
                    if !events.look(&self.roots, &mut self.last, &mut told) {
                        self.fall_back("a change was not reported");
                        return self.settle_by_looking(stop);
                    }
                }
            }
            if told.failed.is_none() {
                if !told.changed {
                    continue;
                }
                if !events.settle(stop, &mut told) {
                    return false;
                }
            }
            if told.folders
                && told.failed.is_none()
                && let Err(err) = events.watch_sources(&self.site_dir, true)
            {
                told.failed = Some(err.to_string());
            }
            if let Some(err) = told.failed {
                // The sources are compared with the last look from now on; a change told
                // since then is taken for a new one: at worst one rebuild too many.
                self.fall_back(&err);
                if !told.changed {
                    continue;
                }
            }
            return true;
        }
    }

    /// Stops using the system's events, saying why once.
    fn fall_back(&mut self, why: &str) {
        if self.events.take().is_some() {
            eprintln!("note: looking for changes many times a second from now on ({why})");
        }
    }

    /// Waits until the sources differ from the last look and then stay unchanged for
    /// [`SETTLE`]; `false` as soon as `stop` is set.
    fn poll_for_change(&mut self, stop: &AtomicBool) -> bool {
        let mut pause = POLL;
        loop {
            if stop.load(Ordering::SeqCst) {
                return false;
            }
            std::thread::sleep(pause);
            let looked = Instant::now();
            let now = snapshot(&self.roots);
            pause = POLL.max(looked.elapsed() * POLL_PER_LOOK);
            if now != self.last {
                self.last = now;
                return self.settle_by_looking(stop);
            }
        }
    }

    /// Looks at the sources until they have not changed for [`SETTLE`] since `last`.
    fn settle_by_looking(&mut self, stop: &AtomicBool) -> bool {
        let mut quiet = Duration::ZERO;
        while quiet < SETTLE {
            if stop.load(Ordering::SeqCst) {
                return false;
            }
            let step = POLL.min(SETTLE - quiet);
            std::thread::sleep(step);
            let now = snapshot(&self.roots);
            if now == self.last {
                quiet += step;
            } else {
                self.last = now;
                quiet = Duration::ZERO;
            }
        }
        true
    }
}

impl Events {
    /// Watches `site_dir` itself and every source folder in it.
    fn start(site_dir: &Path) -> notify::Result<Events> {
        let (send, signals) = mpsc::channel();
        let site = site_dir.to_path_buf();
        // Runs on the watcher's thread for every event; only a change to a source is passed
        // on (a backend that still tells of a file being read, or closed, is not listened to).
        let handler = move |event: notify::Result<notify::Event>| {
            let signal = match event {
                Err(err) => Signal::Failed(err.to_string()),
                Ok(event) if event.need_rescan() => Signal::Lost,
                Ok(event) if matches!(event.kind, EventKind::Access(_)) => return,
                Ok(event) => {
                    let paths: Vec<PathBuf> = (event.paths.into_iter())
                        .filter(|p| is_source(&site, p))
                        .collect();
                    if paths.is_empty() {
                        return;
                    }
                    let folder = paths.iter().any(|p| is_source_folder(&site, p));
                    Signal::Changed { paths, folder }
                }
            };
            // The receiver is gone only when the server stops.
            let _ = send.send(signal);
        };
        // Not told of files being opened or closed: without that, each rebuild would be told
        // of every file it reads (5,000 at 1,000 agreements, 15 ms more for a rebuild), and
        // at 10,000 agreements the system's queue of 16,384 events could overflow, which is
        // taken for a change: a rebuild, then another, without end.
        let config = notify::Config::default().with_event_kinds(notify::EventKindMask::CORE);
        let mut watcher = notify::RecommendedWatcher::new(handler, config)?;
        watcher.watch(site_dir, RecursiveMode::NonRecursive)?;
        let mut events = Events {
            watcher,
            signals,
            watched: Vec::new(),
            recheck: RECHECK,
            looked: Instant::now(),
            look_cost: Duration::ZERO,
            told: HashSet::new(),
            lost: false,
        };
        events.watch_sources(site_dir, false)?;
        Ok(events)
    }

    /// Watches the source folders that exist now and were not watched, and forgets those
    /// that are gone. With `again`, also watches anew those watched (one may have been
    /// removed and made again, and its watch went with it). A change while a folder is
    /// between two watches is not lost: the rebuild that follows reads it.
    fn watch_sources(&mut self, site_dir: &Path, again: bool) -> notify::Result<()> {
        for name in FOLDERS {
            let folder = site_dir.join(name);
            let exists = folder.is_dir();
            if let Some(at) = self.watched.iter().position(|w| *w == folder) {
                if exists && !again {
                    continue;
                }
                self.watched.remove(at);
                // Gone with the folder, or still there: either way nothing to tell.
                let _ = self.watcher.unwatch(&folder);
            }
            if exists {
                self.watcher.watch(&folder, RecursiveMode::Recursive)?;
                self.watched.push(folder);
            }
        }
        Ok(())
    }

    /// Adds what `signal` tells to `told`, and its paths to those told since the last look.
    fn note(&mut self, signal: Signal, told: &mut Told) {
        match signal {
            Signal::Changed { paths, folder } => {
                told.changed = true;
                told.folders |= folder;
                self.told.extend(paths);
            }
            Signal::Lost => {
                told.changed = true;
                told.folders = true;
                self.lost = true;
            }
            Signal::Failed(err) => told.failed = Some(err),
        }
    }

    /// Waits until nothing has been told for [`SETTLE`], adding what is told to `told`;
    /// `false` if `stop` is set first.
    fn settle(&mut self, stop: &AtomicBool, told: &mut Told) -> bool {
        loop {
            if stop.load(Ordering::SeqCst) {
                return false;
            }
            match self.signals.recv_timeout(SETTLE) {
                Ok(signal) => self.note(signal, told),
                Err(_) => return true,
            }
        }
    }

    /// Looks at the sources, in case the system missed a change: `false` if it did. A
    /// difference from `last` in a path told of since then was told (and rebuilt); one not
    /// yet told may have its event still on the way (its thread waiting for a core), which
    /// is waited for and added to `told`.
    fn look(&mut self, roots: &[PathBuf], last: &mut Snapshot, told: &mut Told) -> bool {
        let started = Instant::now();
        let now = snapshot(roots);
        self.looked = Instant::now();
        let mut missed = differences(last, &now);
        *last = now;
        // The whole cost: looking, comparing and letting go of the last look.
        self.look_cost = started.elapsed();
        missed.retain(|path| !self.was_told(path));
        self.told.clear();
        self.lost = false;
        let deadline = Instant::now() + TICK;
        while !missed.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            let Ok(signal) = self.signals.recv_timeout(left) else {
                return false;
            };
            self.note(signal, told);
            missed.retain(|path| !self.was_told(path));
        }
        true
    }

    /// Whether a change of `path` was told since the last look.
    fn was_told(&self, path: &Path) -> bool {
        self.lost || path.ancestors().any(|p| self.told.contains(p))
    }
}

/// The paths whose stamp differs between `a` and `b`, or that are in only one of them.
fn differences(a: &Snapshot, b: &Snapshot) -> Vec<PathBuf> {
    let changed =
        a.0.iter()
            .filter(|(path, stamp)| b.0.get(*path) != Some(stamp));
    let added = b.0.keys().filter(|path| !a.0.contains_key(*path));
    changed
        .map(|(path, _)| path)
        .chain(added)
        .cloned()
        .collect()
}

/// Whether `path` is a source folder of the site in `site_dir` (absolute) itself.
fn is_source_folder(site_dir: &Path, path: &Path) -> bool {
    path.parent() == Some(site_dir)
        && path
            .file_name()
            .is_some_and(|name| FOLDERS.iter().any(|f| name == *f))
}

/// Whether `path` is one of the sources of the site in `site_dir` (absolute): in one of its
/// [`ROOTS`] and not an editor leftover.
fn is_source(site_dir: &Path, path: &Path) -> bool {
    let Ok(inside) = path.strip_prefix(site_dir) else {
        return false;
    };
    let mut names = inside.components().map(|c| match c {
        Component::Normal(name) => name.to_string_lossy(),
        _ => "..".into(),
    });
    names.next().is_some_and(|root| ROOTS.contains(&&*root)) && !names.any(|n| ignored(&n))
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

    /// Both kinds of watcher of `site`: told by the system (looking only once an hour, so a
    /// change it sees was told) and polling.
    fn both(site: &Path) -> [Watcher; 2] {
        let mut told = Watcher::new(site);
        if cfg!(any(target_os = "linux", target_os = "macos", windows)) {
            assert!(told.uses_events(), "no events on this system");
        }
        if let Some(events) = &mut told.events {
            events.recheck = Duration::from_secs(3600);
        }
        [told, Watcher::polling(site)]
    }

    /// The watcher told by the system, as in [`both`]; `None` where the system tells nothing.
    fn told(site: &Path) -> Option<Watcher> {
        let [watcher, _] = both(site);
        watcher.uses_events().then_some(watcher)
    }

    /// Whether `watcher` sees a change within `limit` (then it is stopped).
    fn changes_within(watcher: &mut Watcher, limit: Duration) -> bool {
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let stopper = {
            let stop = std::sync::Arc::clone(&stop);
            let deadline = Instant::now() + limit;
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(5));
                }
                stop.store(true, Ordering::SeqCst);
            })
        };
        let changed = watcher.wait(&stop);
        stop.store(true, Ordering::SeqCst);
        stopper.join().unwrap();
        changed
    }

    #[test]
    fn waits_for_the_edit_to_settle_and_stops_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        for mut watcher in both(dir.path()) {
            let stop = AtomicBool::new(false);
            let site = dir.path().to_path_buf();
            let writer = std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(30));
                fs::write(site.join("site.yaml"), "x").unwrap();
            });
            assert!(watcher.wait(&stop));
            writer.join().unwrap();
            assert!(!changes_within(&mut watcher, Duration::from_millis(300)));

            stop.store(true, Ordering::SeqCst);
            assert!(!watcher.wait(&stop));
        }
    }

    #[test]
    fn a_save_of_several_files_is_one_change() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        fs::create_dir_all(content.join("reports")).unwrap();
        fs::write(content.join("site.yaml"), "a").unwrap();
        for (round, mut watcher) in both(dir.path()).into_iter().enumerate() {
            let stop = AtomicBool::new(false);
            let content = content.clone();
            let writer = std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(30));
                // As an editor saves: a backup, the new text under a temporary name, a
                // rename, the backup removed; and a second file right after.
                let report = content.join("reports/r.md");
                fs::write(content.join("reports/r.md~"), "").unwrap();
                fs::write(content.join("reports/r.md.tmp"), format!("new {round}")).unwrap();
                fs::rename(content.join("reports/r.md.tmp"), &report).unwrap();
                fs::remove_file(content.join("reports/r.md~")).unwrap();
                fs::write(content.join("site.yaml"), format!("ab {round}")).unwrap();
            });
            assert!(watcher.wait(&stop));
            writer.join().unwrap();
            // One wait saw the whole save: nothing is left to see after it.
            assert!(!changes_within(&mut watcher, Duration::from_millis(300)));
        }
    }

    #[test]
    fn a_change_is_told_without_waiting_for_a_look() {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("content/reports");
        fs::create_dir_all(&reports).unwrap();
        let Some(mut watcher) = told(dir.path()) else {
            return;
        };
        // Only editor leftovers and files outside the sources: no change.
        fs::write(reports.join(".#r.md"), "lock").unwrap();
        fs::write(reports.join("r.md.swp"), "swap").unwrap();
        fs::write(dir.path().join("README.md"), "not a source").unwrap();
        fs::create_dir_all(dir.path().join("content/output/x")).unwrap();
        fs::write(dir.path().join("content/output/x/index.html"), "built").unwrap();
        assert!(!changes_within(&mut watcher, Duration::from_millis(300)));
        // Reading a source (as a rebuild does) is not a change either.
        fs::write(reports.join("r.md"), "text").unwrap();
        assert!(changes_within(&mut watcher, Duration::from_secs(5)));
        assert_eq!(fs::read_to_string(reports.join("r.md")).unwrap(), "text");
        assert!(!changes_within(&mut watcher, Duration::from_millis(300)));

        // An edit is seen within the settle time, not a poll interval and a look later
        // (the watcher looks only once an hour here).
        let writer = {
            let report = reports.join("r.md");
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(50));
                fs::write(report, "new text").unwrap();
                Instant::now()
            })
        };
        assert!(changes_within(&mut watcher, Duration::from_secs(5)));
        let seen = writer.join().unwrap().elapsed();
        eprintln!("change seen {seen:?} after the save");
        assert!(seen < Duration::from_secs(1), "{seen:?}");
    }

    #[test]
    fn source_folders_made_after_start_are_watched() {
        let dir = tempfile::tempdir().unwrap();
        let Some(mut watcher) = told(dir.path()) else {
            return;
        };
        let templates = dir.path().join("themes/mine/templates");
        fs::create_dir_all(&templates).unwrap();
        assert!(changes_within(&mut watcher, Duration::from_secs(5)));
        fs::write(templates.join("page.html"), "x").unwrap();
        assert!(changes_within(&mut watcher, Duration::from_secs(5)));

        // A source folder removed and made again is watched again.
        fs::create_dir_all(dir.path().join("content/reports")).unwrap();
        assert!(changes_within(&mut watcher, Duration::from_secs(5)));
        fs::remove_dir_all(dir.path().join("content")).unwrap();
        assert!(changes_within(&mut watcher, Duration::from_secs(5)));
        fs::create_dir_all(dir.path().join("content")).unwrap();
        assert!(changes_within(&mut watcher, Duration::from_secs(5)));
        fs::write(dir.path().join("content/site.yaml"), "x").unwrap();
        assert!(changes_within(&mut watcher, Duration::from_secs(5)));
        // Both within one settle time: the folder is there before and after.
        fs::remove_dir_all(dir.path().join("content")).unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        assert!(changes_within(&mut watcher, Duration::from_secs(5)));
        fs::write(dir.path().join("content/site.yaml"), "y").unwrap();
        assert!(changes_within(&mut watcher, Duration::from_secs(5)));
    }

    #[test]
    fn a_look_after_told_changes_finds_nothing_missed() {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("content/reports");
        fs::create_dir_all(&reports).unwrap();
        let Some(mut watcher) = told(dir.path()) else {
            return;
        };
        watcher.events.as_mut().unwrap().recheck = Duration::from_millis(50);
        for round in 0..3 {
            // A file changed, one added, a folder made with a file in it, one removed.
            fs::write(dir.path().join("content/site.yaml"), format!("{round}")).unwrap();
            fs::write(reports.join(format!("r{round}.md")), "text").unwrap();
            let folder = dir.path().join(format!("content/pages/p{round}"));
            fs::create_dir_all(&folder).unwrap();
            fs::write(folder.join("page.md"), "text").unwrap();
            if round > 0 {
                fs::remove_file(reports.join(format!("r{}.md", round - 1))).unwrap();
            }
            assert!(changes_within(&mut watcher, Duration::from_secs(5)));
            // Several looks: each finds the changes told, none missed.
            assert!(!changes_within(&mut watcher, Duration::from_millis(300)));
            assert!(watcher.uses_events(), "round {round}: fell back to polling");
        }
    }

    #[test]
    fn a_change_the_system_did_not_tell_is_found_by_looking() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        let Some(mut watcher) = told(dir.path()) else {
            return;
        };
        // A file system that tells nothing: the events are dropped unread.
        let (_send, nothing) = mpsc::channel();
        let events = watcher.events.as_mut().unwrap();
        events.signals = nothing;
        events.recheck = Duration::from_millis(100);
        fs::write(dir.path().join("content/site.yaml"), "x").unwrap();
        assert!(changes_within(&mut watcher, Duration::from_secs(5)));
        assert!(!watcher.uses_events(), "polls from now on");
        fs::write(dir.path().join("content/site.yaml"), "xy").unwrap();
        assert!(changes_within(&mut watcher, Duration::from_secs(5)));
    }

    #[test]
    fn only_sources_are_sources() {
        let site = Path::new("/site");
        for yes in [
            "/site/site.yaml",
            "/site/content",
            "/site/content/reports/r.md",
            "/site/themes/mine/templates/page.html",
            "/site/agreements/a.yaml",
            "/site/files/avtal.pdf",
        ] {
            assert!(is_source(site, Path::new(yes)), "{yes}");
        }
        for no in [
            "/site",
            "/site/README.md",
            "/site/output/index.html",
            "/site/content/output/index.html",
            "/site/content/reports/r.md~",
            "/site/content/reports/.#r.md",
            "/site/content/.output-x/index.html",
            "/elsewhere/content/site.yaml",
        ] {
            assert!(!is_source(site, Path::new(no)), "{no}");
        }
    }
}
