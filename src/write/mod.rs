//! Writes the generated files into a temporary folder beside `output/`, then swaps it in,
//! so a failed or killed build never leaves a half-written, emptied or missing site.
//!
//! Before anything is touched the output path is resolved (links and `..` followed, see
//! [`target`]), a lock beside it keeps a second build of the same folder waiting
//! ([`lock`]), leftovers of builds that were killed are removed, and a folder that iopsite
//! did not make, or files put into an output folder by hand, stop the build. The new folder
//! then trades places with the old one in one step where the system can ([`swap`]).

mod leftovers;
pub mod lock;
mod swap;
pub mod target;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::plan::Sink;
use crate::progress::Progress;
use target::Target;

/// A file iopsite puts in every output folder, so it only ever replaces folders it made. It
/// lists the files the build wrote, so that a file put there by hand is noticed.
pub const MARKER: &str = ".iopsite-output";

/// The marker's first lines; the list of files follows [`FILES_HEADING`].
const MARKER_TEXT: &str = "This folder is made by iopsite and replaced whole on every build.\n\
A build stops, changing nothing, while it holds a file not listed below.\n";
const FILES_HEADING: &str = "files:\n";

/// Files put into an output folder by hand named in a message at most.
const SHOW_FILES: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "{0} holds files that iopsite did not write (it has no {MARKER} file), so a build will \
         not replace it; move them away or write the site to another folder. Nothing was changed"
    )]
    NotOurs(String),
    #[error(
        "{output} holds {} that no build wrote: {}; a build replaces the whole folder, so move \
         {} out of it (or delete {}) and build again. Nothing was changed",
        plural(.files.len(), "a file", "files"),
        .files.join(", "),
        plural(.files.len(), "it", "them"),
        plural(.files.len(), "it", "them")
    )]
    HandFiles { output: String, files: Vec<String> },
    #[error("cannot write the site to {output}: {why}. Nothing was changed")]
    Unsuitable {
        output: PathBuf,
        why: crate::l10n::Message,
    },
    #[error("cannot follow the output path {path}: {source}. Nothing was changed")]
    Resolve {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot lock {path} (one build at a time): {source}. Nothing was changed")]
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}; the previous output is unchanged")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the output path `{0}` is not allowed (it must stay inside the output folder); the \
         previous output is unchanged"
    )]
    BadPath(String),
    #[error("{}", swap_message(.output, .source, .moved_to.as_deref()))]
    Swap {
        output: String,
        source: std::io::Error,
        moved_to: Option<PathBuf>,
    },
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

impl WriteError {
    /// The error as a message in the user's language; its `Display` is the same in English.
    pub fn message(&self) -> crate::l10n::Message {
        use crate::msg;
        let shown = |path: &Path| path.display().to_string();
        match self {
            WriteError::NotOurs(dir) => msg!("write-not-ours", dir, marker = MARKER),
            WriteError::HandFiles { output, files } => msg!(
                "write-hand-files",
                output,
                count = files.len(),
                files = files.join(", ")
            ),
            WriteError::Unsuitable { output, why } => {
                msg!(
                    "write-unsuitable",
                    output = shown(output),
                    why = why.clone()
                )
            }
            WriteError::Resolve { path, source } => {
                msg!(
                    "write-resolve",
                    path = shown(path),
                    reason = source.to_string()
                )
            }
            WriteError::Lock { path, source } => {
                msg!(
                    "write-lock",
                    path = shown(path),
                    reason = source.to_string()
                )
            }
            WriteError::Io { path, source } => {
                msg!("write-io", path = shown(path), reason = source.to_string())
            }
            WriteError::BadPath(path) => msg!("write-bad-path", path),
            WriteError::Swap {
                output,
                source,
                moved_to: None,
            } => msg!("write-swap", output, reason = source.to_string()),
            WriteError::Swap {
                output,
                source,
                moved_to: Some(moved),
            } => msg!(
                "write-swap-moved",
                output,
                reason = source.to_string(),
                moved = shown(moved)
            ),
        }
    }
}

fn swap_message(output: &str, source: &std::io::Error, moved_to: Option<&Path>) -> String {
    match moved_to {
        None => format!(
            "cannot put the new site in place of {output}: {source}; the previous output is unchanged"
        ),
        Some(moved) => format!(
            "cannot put the new site in place of {output}: {source}; the previous site could not \
             be moved back and is now at {}. There is no output folder: build again (the next \
             build first moves the previous site back) or move it back yourself",
            moved.display()
        ),
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A new output folder being written beside the old one. Files go to disk as soon as they
/// are rendered, so a build never holds the whole site in memory; `publish` swaps the
/// folder in whole. Dropped without `publish`, it deletes itself and the old output stays.
#[derive(Debug)]
pub struct Staging {
    target: Target,
    dir: tempfile::TempDir,
    /// The paths written, for the marker's list.
    written: Mutex<Vec<String>>,
    /// The first write that failed; later files are skipped.
    failed: Mutex<Option<WriteError>>,
    /// Files in the current output that no build wrote, looked for while the site renders.
    hand_files: Option<std::thread::JoinHandle<std::io::Result<Vec<String>>>>,
    /// Held until the new site is published or dropped.
    _lock: lock::BuildLock,
}

impl Staging {
    /// Starts a new output for `out_dir`: resolves it, waits for any other build of it,
    /// cleans up after killed builds, and refuses a folder iopsite did not make or one that
    /// holds `site_dir`. Notices (waiting, cleaning up) go to `progress`.
    pub fn new(
        out_dir: &Path,
        site_dir: &Path,
        progress: &dyn Progress,
    ) -> Result<Staging, WriteError> {
        let target = Target::resolve(out_dir, site_dir)?;
        fs::create_dir_all(&target.parent).map_err(io(&target.parent))?;
        let lock_path = lock::path_for(&target.parent, &target.name);
        let lock = lock::BuildLock::take(&lock_path, &|pid| {
            let who = pid.map_or(String::new(), |pid| format!(" (pid {pid})"));
            progress.notice(&format!(
                "another build of {} is running{who}; waiting for it to finish",
                target.shown()
            ));
        })?;
        leftovers::recover(&target, progress)?;
        target.check_ours()?;
        leftovers::remove(&target, progress);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{}-new-", target.name.to_string_lossy()))
            .tempdir_in(&target.parent)
            .map_err(io(&target.parent))?;
        // Marked at once, so that the folder of a build killed now is known as ours.
        let marker = dir.path().join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(io(&marker))?;
        let hand_files = {
            let old = target.dir.clone();
            Some(std::thread::spawn(move || hand_files(&old)))
        };
        Ok(Staging {
            target,
            dir,
            written: Mutex::default(),
            failed: Mutex::new(None),
            hand_files,
            _lock: lock,
        })
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let relative = Path::new(rel);
        if relative.is_absolute()
            || relative
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
            || rel == MARKER
        {
            return Err(WriteError::BadPath(rel.to_string()));
        }
        let path = self.dir.path().join(relative);
        // Most folders exist already: try the write first, make the folder only if needed.
        match fs::write(&path, bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(folder) = path.parent() {
                    fs::create_dir_all(folder).map_err(io(folder))?;
                }
                fs::write(&path, bytes).map_err(io(&path))
            }
            other => other.map_err(io(&path)),
        }?;
        lock(&self.written).push(rel.to_string());
        Ok(())
    }

    /// Puts the new folder in the place of the old one and deletes the old one. Fails, with
    /// the old output untouched, if any file could not be written or the old output holds
    /// files no build wrote. A previous site that cannot be deleted is left for the next
    /// build to remove, and said to `progress`.
    pub fn publish(mut self, progress: &dyn Progress) -> Result<(), WriteError> {
        if let Some(err) = lock(&self.failed).take() {
            return Err(err);
        }
        // The look is a safety check: if it could not be made, nothing is replaced.
        let found = match self.hand_files.take().map(std::thread::JoinHandle::join) {
            Some(Ok(found)) => found,
            Some(Err(_)) => Err(std::io::Error::other("the look at its files failed")),
            None => Ok(Vec::new()),
        };
        match found {
            Ok(files) if !files.is_empty() => {
                return Err(WriteError::HandFiles {
                    output: self.target.shown(),
                    files: name_some(&self.target.given, files),
                });
            }
            Ok(_) => {}
            Err(source) => {
                return Err(WriteError::Io {
                    path: self.target.dir.clone(),
                    source,
                });
            }
        }
        let mut written = std::mem::take(&mut *lock(&self.written));
        written.sort_unstable();
        let mut text = String::from(MARKER_TEXT);
        text.push_str(FILES_HEADING);
        for path in &written {
            text.push_str(path);
            text.push('\n');
        }
        let marker = self.dir.path().join(MARKER);
        fs::write(&marker, text).map_err(io(&marker))?;

        let target = &self.target;
        let aside = target.sibling(&format!("-old-{}", std::process::id()));
        let staged = self.dir.keep();
        let previous = match swap::swap(&staged, &target.dir, &aside) {
            Ok(swap::Swapped::Previous(previous)) => previous,
            Ok(swap::Swapped::Fresh) => return Ok(()),
            Err(failed) => {
                if failed.previous_moved_to.is_none() {
                    let _ = fs::remove_dir_all(&staged);
                }
                return Err(WriteError::Swap {
                    output: target.shown(),
                    source: failed.source,
                    moved_to: failed.previous_moved_to,
                });
            }
        };
        if let Err(err) = remove_all(&previous) {
            progress.notice(&format!(
                "the new site is published, but the previous one could not be deleted from {} \
                 ({err}); the next build deletes it",
                previous.display()
            ));
        }
        Ok(())
    }
}

/// Whether `dir` is a folder iopsite may replace or delete: it holds iopsite's marker, or is
/// empty.
fn ours_or_empty(dir: &Path) -> bool {
    dir.join(MARKER).is_file() || fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Each holder only pushes or takes whole values: a panic elsewhere leaves them whole.
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The files (and links) in the output folder `dir` that the build that made it did not
/// write, by the list in its marker. A folder made by an iopsite that wrote no list, or no
/// folder at all, has none.
fn hand_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let marker = match fs::read_to_string(dir.join(MARKER)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let Some((_, list)) = marker.split_once(FILES_HEADING) else {
        return Ok(Vec::new());
    };
    let known: HashSet<&str> = list.lines().collect();
    let mut unknown = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(std::io::Error::from)?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel != MARKER && !known.contains(rel.as_str()) {
            unknown.push(rel);
        }
    }
    unknown.sort();
    Ok(unknown)
}

/// The first few of `files` as paths under the output as given, and how many more there are.
fn name_some(output: &Path, files: Vec<String>) -> Vec<String> {
    let more = files.len().saturating_sub(SHOW_FILES);
    let mut named: Vec<String> = files
        .into_iter()
        .take(SHOW_FILES)
        .map(|f| output.join(f).display().to_string())
        .collect();
    if more > 0 {
        named.push(format!("and {more} more"));
    }
    named
}

/// Deletes a folder, its subfolders in parallel: at 10,000 agreements the old site has
/// 58,000 files, and deleting them one by one took a tenth of the build. A link inside is
/// deleted as a link; what it points to is never touched.
fn remove_all(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) {
        if lock(&self.failed).is_some() {
            return;
        }
        if let Err(err) = self.write(path, bytes) {
            lock(&self.failed).get_or_insert(err);
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn messages_say_in_english_what_display_says() {
        let io = || std::io::Error::other("disk full");
        let errors = [
            WriteError::NotOurs("out".into()),
            WriteError::HandFiles {
                output: "out".into(),
                files: vec!["a.html".into()],
            },
            WriteError::HandFiles {
                output: "out".into(),
                files: vec!["a.html".into(), "b.html".into()],
            },
            WriteError::Unsuitable {
                output: "/".into(),
                why: crate::msg!("output-is-root"),
            },
            WriteError::Resolve {
                path: "out".into(),
                source: io(),
            },
            WriteError::Lock {
                path: "out".into(),
                source: io(),
            },
            WriteError::Io {
                path: "out/x".into(),
                source: io(),
            },
            WriteError::BadPath("../x".into()),
            WriteError::Swap {
                output: "out".into(),
                source: io(),
                moved_to: None,
            },
            WriteError::Swap {
                output: "out".into(),
                source: io(),
                moved_to: Some(".output-old-1".into()),
            },
        ];
        for err in errors {
            let message = err.message();
            assert_eq!(
                crate::l10n::try_render(crate::l10n::Language::En, &message),
                Ok(err.to_string())
            );
            assert!(crate::l10n::try_render(crate::l10n::Language::Sv, &message).is_ok());
        }
    }

    use super::*;
    use crate::plan::OutputFile;

    /// Writes `files` as the new content of `out_dir`, replacing it whole.
    fn write_site(out_dir: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
        let site = out_dir.with_file_name("site");
        let staging = Staging::new(out_dir, &site, &())?;
        for file in files {
            staging.write(&file.path, &file.bytes)?;
        }
        staging.publish(&())
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_site(&out, &[file("a.html", "1"), file("x/b.html", "2")]).unwrap();
        write_site(&out, &[file("c.html", "3")]).unwrap();
        assert!(!out.join("a.html").exists());
        assert_eq!(fs::read_to_string(out.join("c.html")).unwrap(), "3");
        let mut leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        leftovers.sort();
        assert_eq!(leftovers, [".output.lock", "output"]);
        // The marker lists what the build wrote, and only that.
        let marker = fs::read_to_string(out.join(MARKER)).unwrap();
        assert!(marker.ends_with("files:\nc.html\n"), "{marker}");
    }

    #[test]
    fn refuses_files_put_into_the_output_by_hand() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_site(&out, &[file("a.html", "1")]).unwrap();
        fs::create_dir(out.join("stats")).unwrap();
        fs::write(out.join("stats/visits.log"), "keep").unwrap();
        let err = write_site(&out, &[file("b.html", "2")]).unwrap_err();
        assert!(matches!(&err, WriteError::HandFiles { files, .. } if files.len() == 1));
        assert!(err.to_string().contains("stats/visits.log"), "{err}");
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "1");
        assert_eq!(
            fs::read_to_string(out.join("stats/visits.log")).unwrap(),
            "keep"
        );
        assert!(!out.join("b.html").exists());
    }

    #[test]
    fn refuses_a_folder_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("precious.txt"), "keep").unwrap();
        assert!(matches!(
            write_site(&out, &[file("a.html", "1")]),
            Err(WriteError::NotOurs(_))
        ));
        assert_eq!(
            fs::read_to_string(out.join("precious.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn rejects_paths_outside() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        assert!(matches!(
            write_site(&out, &[file("../evil.html", "x")]),
            Err(WriteError::BadPath(_))
        ));
        assert!(!dir.path().join("evil.html").exists());
    }
}
