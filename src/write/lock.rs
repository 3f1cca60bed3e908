//! One build of an output folder at a time: a lock file beside the folder, held with the
//! operating system's file lock for as long as the build runs.
//!
//! The lock is the system's, not the file's existence: it is let go when the process ends,
//! however it ends, so a killed build never leaves a stale lock behind. The file stays (removing
//! it would let a third build lock a new file while a second still waits on the old one) and
//! holds the process id of the build that last took it, for the message a waiting build prints.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::WriteError;

/// A held lock; dropping it lets the next build go on.
#[derive(Debug)]
pub struct BuildLock {
    file: File,
}

impl Drop for BuildLock {
    /// Empties the file before letting go, so that a process id in it is always the holder's
    /// (except after a holder was killed, until the next one writes its own).
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
    }
}

impl BuildLock {
    /// Takes the lock at `path`, waiting while another build holds it; `waiting` is called once,
    /// with that build's process id if known, before waiting.
    pub fn take(path: &Path, waiting: &dyn Fn(Option<u32>)) -> Result<BuildLock, WriteError> {
        let io = |source| WriteError::Lock {
            path: path.to_path_buf(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                waiting(holder(&mut file));
                file.lock().map_err(io)?;
            }
            Err(TryLockError::Error(source)) => return Err(io(source)),
        }
        let pid = std::process::id().to_string();
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(pid.as_bytes()))
            .map_err(io)?;
        Ok(BuildLock { file })
    }
}

/// The process id written by the build that holds the lock. A build that has only just
/// taken it writes its id a moment later, so an empty file is read again a few times.
fn holder(file: &mut File) -> Option<u32> {
    for _ in 0..20 {
        let mut text = String::new();
        file.rewind().ok()?;
        file.read_to_string(&mut text).ok()?;
        if let Ok(pid) = text.trim().parse() {
            return Some(pid);
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    None
}

/// The lock file of the output folder `dir`: `.NAME.lock` beside it.
pub fn path_for(parent: &Path, name: &std::ffi::OsStr) -> PathBuf {
    let mut file = std::ffi::OsString::from(".");
    file.push(name);
    file.push(".lock");
    parent.join(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, mpsc};
    use std::time::Duration;

    #[test]
    fn a_second_taker_waits_and_learns_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".output.lock");
        let first = BuildLock::take(&path, &|_| panic!("nobody holds it yet")).unwrap();
        let (told, heard) = mpsc::channel();
        let got = Arc::new(AtomicBool::new(false));
        let second = {
            let (path, got) = (path.clone(), Arc::clone(&got));
            std::thread::spawn(move || {
                let lock = BuildLock::take(&path, &|pid| told.send(pid).unwrap()).unwrap();
                got.store(true, Ordering::SeqCst);
                lock
            })
        };
        let pid = heard.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(pid, Some(std::process::id()));
        std::thread::sleep(Duration::from_millis(100));
        assert!(!got.load(Ordering::SeqCst), "took a lock that is held");
        drop(first);
        drop(second.join().unwrap());
        assert!(got.load(Ordering::SeqCst));
    }
}
