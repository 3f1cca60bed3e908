//! Helpers shared by the integration tests: fixture paths and fresh copies of sites.

// Not `expect`: a test crate that used every helper would leave the expectation unfulfilled.
#![allow(
    dead_code,
    reason = "each test crate uses a different subset of these helpers"
)]

use std::fs;
use std::path::{Path, PathBuf};

/// `tests/fixtures/` of this repository.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies a folder tree (files and folders only).
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read fixture folder") {
        let entry = entry.expect("read fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// A fresh copy of the minimal valid site.
pub fn minimal_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixtures().join("minimal"), dir.path());
    dir
}

/// Diagnostics as the user sees them, each with its bare message, for a failing assertion.
pub fn show(diagnostics: &[iopsite::diagnostics::Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("{d}\n  [{}: {:?}]", d.code(), d.text()))
        .collect::<Vec<_>>()
        .join("\n")
}
