//! What killed builds leave beside the output folder: `.NAME-new-*` (a site being written,
//! or after the swap the previous site being deleted) and `.NAME-old-*` (the previous site set
//! aside, where the swap takes two renames). Only folders that carry iopsite's marker, or
//! are empty, are touched; the caller holds the output's lock, so no build is using them.

use std::fs;
use std::path::PathBuf;

use super::target::Target;
use super::{MARKER, WriteError, ours_or_empty, remove_all};
use crate::progress::Progress;

/// The leftovers of earlier builds of `target`, oldest first: (path, is a set-aside site).
fn find(target: &Target) -> Vec<(PathBuf, bool)> {
    let name = target.name.to_string_lossy();
    let (new, old) = (format!(".{name}-new-"), format!(".{name}-old-"));
    let Ok(entries) = fs::read_dir(&target.parent) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let set_aside = file_name.starts_with(&old);
            if !set_aside && !file_name.starts_with(&new) {
                return None;
            }
            // Not through a link: only real folders.
            let meta = fs::symlink_metadata(entry.path()).ok()?;
            let path = entry.path();
            if !(meta.is_dir() && ours_or_empty(&path)) {
                return None;
            }
            Some((meta.modified().ok()?, path, set_aside))
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|(_, path, set_aside)| (path, set_aside))
        .collect()
}

/// Where there is no output folder but a set-aside previous site (a build was killed between
/// its two renames), moves that site back, so that a build that fails now still leaves it.
pub fn recover(target: &Target, progress: &dyn Progress) -> Result<(), WriteError> {
    if fs::symlink_metadata(&target.dir).is_ok() {
        return Ok(());
    }
    let newest = find(target)
        .into_iter()
        .rfind(|(path, set_aside)| *set_aside && path.join(MARKER).is_file());
    if let Some((aside, _)) = newest {
        fs::rename(&aside, &target.dir).map_err(|source| WriteError::Io {
            path: target.dir.clone(),
            source,
        })?;
        progress.notice(&format!(
            "moved the previous site back from {} to {}: a build was stopped while publishing",
            aside.display(),
            target.dir.display()
        ));
    }
    Ok(())
}

/// Deletes the leftovers of killed builds; one that cannot be deleted is only reported.
pub fn remove(target: &Target, progress: &dyn Progress) {
    for (path, _) in find(target) {
        if let Err(err) = remove_all(&path) {
            progress.notice(&format!(
                "cannot delete {}, left by an earlier build: {err}",
                path.display()
            ));
        }
    }
}
