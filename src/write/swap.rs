//! Putting a new site in the place of the old one, so that there is always an output folder.
//!
//! On Linux the two folders trade places in one step (`renameat2` with `RENAME_EXCHANGE`):
//! at every instant the output path is either the whole old site or the whole new one, also
//! if the build is killed. Elsewhere, and on the few Linux file systems without the exchange,
//! it takes two renames (old folder aside, new folder in). Killed between them, there is no
//! output folder until the next build, which first moves the set-aside site back.

use std::io;
use std::path::{Path, PathBuf};

/// Where the previous site went, if there was one.
#[derive(Debug)]
pub enum Swapped {
    /// The previous site is now at this path, to be deleted.
    Previous(PathBuf),
    /// There was no previous site.
    Fresh,
}

/// A swap that failed, and the state it left.
#[derive(Debug)]
pub struct SwapFailed {
    pub source: io::Error,
    /// `None`: the previous site is still in place. `Some(path)`: the output folder is
    /// missing and the previous site is at `path`.
    pub previous_moved_to: Option<PathBuf>,
}

/// Moves the folder `staged` to `dir`. If `dir` exists, the old folder ends up at `staged`
/// (exchanged) or at `aside` (two renames); the returned value says where.
pub fn swap(staged: &Path, dir: &Path, aside: &Path) -> Result<Swapped, SwapFailed> {
    let unchanged = |source| SwapFailed {
        source,
        previous_moved_to: None,
    };
    fault("abort-before-swap");
    if !dir.exists() {
        std::fs::rename(staged, dir).map_err(unchanged)?;
        return Ok(Swapped::Fresh);
    }
    if !fault("two-renames") {
        match exchange(staged, dir) {
            Ok(()) => {
                fault("abort-after-swap");
                return Ok(Swapped::Previous(staged.to_path_buf()));
            }
            Err(e) if !exchange_unsupported(&e) => return Err(unchanged(e)),
            Err(_) => {}
        }
    }
    std::fs::rename(dir, aside).map_err(unchanged)?;
    fault("abort-between-renames");
    let second = if fault("fail-second-rename") {
        Err(io::Error::other("injected failure (IOPSITE_TEST_FAULT)"))
    } else {
        std::fs::rename(staged, dir)
    };
    match second {
        Ok(()) => {
            fault("abort-after-swap");
            Ok(Swapped::Previous(aside.to_path_buf()))
        }
        Err(source) => {
            let restored = !fault("fail-restore") && std::fs::rename(aside, dir).is_ok();
            Err(SwapFailed {
                source,
                previous_moved_to: (!restored).then(|| aside.to_path_buf()),
            })
        }
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Whether the system or file system cannot exchange two folders at all (then two renames
/// are used), as opposed to a failure such as missing permission.
fn exchange_unsupported(e: &io::Error) -> bool {
    const EINVAL: i32 = 22;
    const ENOSYS: i32 = 38;
    const EOPNOTSUPP: i32 = 95;
    e.kind() == io::ErrorKind::Unsupported
        || (cfg!(target_os = "linux")
            && matches!(e.raw_os_error(), Some(EINVAL | ENOSYS | EOPNOTSUPP)))
}

/// For the tests of publishing only: the environment variable `IOPSITE_TEST_FAULT` names a
/// point of the swap where the process aborts (as if killed: `abort-before-swap`,
/// `abort-between-renames`, `abort-after-swap`), or a step that fails or is forced
/// (`fail-second-rename`, `fail-restore`, `two-renames`). Returns whether `point` is named.
pub(super) fn fault(point: &str) -> bool {
    let Some(named) = std::env::var_os("IOPSITE_TEST_FAULT") else {
        return false;
    };
    let hit = named
        .to_str()
        .is_some_and(|n| n.split(',').any(|p| p == point));
    if hit && point.starts_with("abort-") {
        std::process::abort();
    }
    hit
}
