//! The theme: the built-in default theme embedded in the binary, with a site's own files in
//! `themes/default/` taking precedence file by file.
//!
//! Resolution order for a name such as `templates/agreement.html`:
//! 1. `SITE/themes/default/templates/agreement.html`
//! 2. the built-in `templates/agreement.html`
//!
//! A site may also add files the built-in theme lacks (for example a partial template).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostics;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));
}

/// One theme file and where it came from (for error messages).
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    /// `None` for a built-in file; the site's file otherwise.
    pub origin: Option<PathBuf>,
}

impl ThemeFile {
    /// Shown to the user as the file's location.
    pub fn display(&self, name: &str) -> PathBuf {
        self.origin
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("(built-in theme)/{name}")))
    }
}

/// All files of the resolved theme, keyed by their path inside `themes/default/`.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub files: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// The built-in theme only.
    pub fn builtin() -> Theme {
        let files = embedded::FILES
            .iter()
            .map(|(name, bytes)| {
                (
                    name.to_string(),
                    ThemeFile {
                        bytes: bytes.to_vec(),
                        origin: None,
                    },
                )
            })
            .collect();
        Theme { files }
    }

    /// The built-in theme overlaid with the site's `themes/default/` folder.
    pub fn load(site_dir: &Path, diags: &mut Diagnostics) -> Theme {
        let mut theme = Theme::builtin();
        let dir = site_dir.join("themes").join("default");
        if !dir.is_dir() {
            return theme;
        }
        for entry in WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    diags.file_error(&dir, crate::msg!("cannot-read", reason = err.to_string()));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&dir) else {
                continue;
            };
            let name = rel.to_string_lossy().replace('\\', "/");
            let shown = entry
                .path()
                .strip_prefix(site_dir)
                .unwrap_or(entry.path())
                .to_path_buf();
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    theme.files.insert(
                        name,
                        ThemeFile {
                            bytes,
                            origin: Some(shown),
                        },
                    );
                }
                Err(err) => {
                    diags.file_error(&shown, crate::msg!("cannot-read", reason = err.to_string()));
                }
            }
        }
        theme
    }

    /// Files under `prefix/` (e.g. `templates`), with names relative to it.
    pub fn under<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a ThemeFile)> + 'a {
        self.files.iter().filter_map(move |(name, file)| {
            name.strip_prefix(prefix)
                .and_then(|n| n.strip_prefix('/'))
                .map(|n| (n, file))
        })
    }
}
