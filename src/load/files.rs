//! The attachments of a site: every file under `content/files/` (the original agreement,
//! decisions, minutes), published as it is at `files/NAME`. Here they are only listed, with
//! their sizes; their bytes are read when a build writes them or `serve` sends one.
//!
//! Only files inside the folder are published. A link (symlink) is followed only to a file
//! inside the folder; a link leading out of it, or to a folder, is an error, so that content
//! checked out from a repository cannot publish other files of the machine that builds it.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::display_path;
use super::limits::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_TOTAL_BYTES, mib};
use crate::diagnostics::Diagnostics;
use crate::l10n::Message;
use crate::msg;

/// The folder of attachments in the content folder, and of the published files in the output.
pub const FOLDER: &str = "files";

/// A file under `content/files/` that can be published.
#[derive(Debug, Clone)]
pub struct FoundFile {
    /// Where its bytes are: the file itself, or the file inside the folder a link leads to.
    pub path: PathBuf,
    pub size: u64,
}

/// The files of `content/files/`, each by its name: its path below that folder, with `/`
/// between folders (`avtal.pdf`, `2024/beslut.pdf`).
#[derive(Debug, Clone, Default)]
pub struct Attachments {
    /// The folder as the user sees it, e.g. `content/files`.
    pub shown_dir: PathBuf,
    /// Whether the folder exists.
    pub exists: bool,
    /// Every file that can be published.
    pub files: BTreeMap<String, FoundFile>,
    /// Files of the folder that cannot be published, with why (in a few words, to follow
    /// "cannot be published: "); each is also reported where it is.
    pub refused: BTreeMap<String, Message>,
    /// The names by their lower-case form, to suggest `Avtal.pdf` for `avtal.pdf`.
    folded: HashMap<String, String>,
}

/// Suggestions by likeness are looked for among at most this many files; in a larger folder
/// only a name differing in case is suggested, so that many wrong names stay cheap to report.
const MAX_FILES_FOR_LIKENESS: usize = 200;

impl Attachments {
    /// `name` as the user sees it on disk: `content/files/NAME`.
    pub fn shown(&self, name: &str) -> String {
        format!("{}/{name}", self.shown_dir.display())
    }

    /// A published file whose name is close to `name` (case, a typing error, another
    /// folder), if there is one.
    pub fn closest(&self, name: &str) -> Option<&str> {
        let lower = name.to_lowercase();
        if let Some(found) = self.folded.get(&lower) {
            return Some(found);
        }
        if self.files.len() > MAX_FILES_FOR_LIKENESS {
            return None;
        }
        let base = last_segment(&lower);
        let limit = (lower.chars().count() / 4).clamp(1, 3);
        self.files
            .keys()
            .filter_map(|candidate| {
                let folded = candidate.to_lowercase();
                if last_segment(&folded) == base {
                    return Some((0, candidate));
                }
                within(&lower, &folded, limit).map(|d| (d, candidate))
            })
            .min()
            .map(|(_, candidate)| candidate.as_str())
    }
}

fn last_segment(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// The edit distance between `a` and `b` if it is at most `limit` (counted in characters).
fn within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let replace = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = replace.min(previous + 1).min(row[j] + 1);
        }
        if row.iter().min().is_some_and(|&least| least > limit) {
            return None;
        }
    }
    row.last().copied().filter(|&d| d <= limit)
}

/// Lists the files under `content_dir/files/` (recursively, hidden files and folders left
/// out). Problems go into `diags`; a file with a problem is left out and noted as refused.
pub fn list(site_dir: &Path, content_dir: &Path, diags: &mut Diagnostics) -> Attachments {
    let dir = content_dir.join(FOLDER);
    let mut found = Attachments {
        shown_dir: display_path(site_dir, &dir),
        ..Attachments::default()
    };
    let shown_dir = found.shown_dir.clone();
    match fs::symlink_metadata(&dir) {
        Ok(meta) if meta.is_dir() => found.exists = true,
        Ok(meta) if meta.file_type().is_symlink() => {
            diags.file_error(&shown_dir, msg!("files-folder-is-link"));
            return found;
        }
        Ok(_) => {
            diags.file_error(&shown_dir, msg!("files-folder-not-folder"));
            return found;
        }
        Err(_) => return found,
    }
    let base = match fs::canonicalize(&dir) {
        Ok(base) => base,
        Err(err) => {
            diags.file_error(&shown_dir, msg!("cannot-read", reason = err.to_string()));
            return found;
        }
    };
    let mut total = 0;
    let walker = WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(&dir);
                diags.file_error(
                    &display_path(site_dir, path),
                    msg!("cannot-read", reason = err.to_string()),
                );
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path();
        let shown = display_path(site_dir, path);
        let name = match name_of(path.strip_prefix(&dir).unwrap_or(path)) {
            Ok(name) => name,
            Err(why) => {
                diags.file_error(&shown, why);
                continue;
            }
        };
        match publishable(path, entry.file_type().is_symlink(), &base, &shown_dir) {
            Ok(file) => {
                total += file.size;
                found.folded.insert(name.to_lowercase(), name.clone());
                found.files.insert(name, file);
            }
            Err((why, short)) => {
                diags.file_error(&shown, why);
                found.refused.insert(name, short);
            }
        }
    }
    if total > MAX_ATTACHMENTS_TOTAL_BYTES {
        diags.file_error(
            &shown_dir,
            msg!(
                "files-total-too-large",
                size = mib(total),
                limit = mib(MAX_ATTACHMENTS_TOTAL_BYTES)
            ),
        );
    }
    found
}

/// The name of the file at `relative` (below the folder), with `/` between folders, if it
/// can be published under it: UTF-8, without `\`, `:` or control characters, which some
/// systems cannot hold in a file name and the preview server does not serve.
fn name_of(relative: &Path) -> Result<String, Message> {
    let mut parts = Vec::new();
    for part in relative.components() {
        let Some(text) = part.as_os_str().to_str() else {
            return Err(msg!("file-name-not-utf8"));
        };
        if text
            .chars()
            .any(|c| c == '\\' || c == ':' || c.is_control())
        {
            return Err(msg!(
                "file-name-bad-character",
                name = text.escape_debug().to_string()
            ));
        }
        parts.push(text);
    }
    Ok(parts.join("/"))
}

/// The file at `path`, if it may be published: a regular file within the size limit, or a
/// link to one inside the folder `base` (canonical). Otherwise the error, and the reason in a
/// few words for a source that names it.
fn publishable(
    path: &Path,
    is_link: bool,
    base: &Path,
    shown_dir: &Path,
) -> Result<FoundFile, (Message, Message)> {
    let dir = shown_dir.display().to_string();
    let target = if is_link {
        match fs::canonicalize(path) {
            Ok(target) if target.starts_with(base) => target,
            Ok(target) => {
                return Err((
                    msg!(
                        "attachment-link-outside",
                        dir = &dir,
                        target = target.display().to_string()
                    ),
                    msg!("attachment-refused-link-outside", dir),
                ));
            }
            Err(err) => {
                return Err((
                    msg!("attachment-link-nowhere", reason = err.to_string()),
                    msg!("attachment-refused-link-nowhere"),
                ));
            }
        }
    } else {
        path.to_path_buf()
    };
    let meta = fs::metadata(&target).map_err(|err| {
        (
            msg!("cannot-read", reason = err.to_string()),
            msg!("attachment-refused-unreadable"),
        )
    })?;
    if meta.is_dir() {
        return Err((
            msg!("link-to-folder"),
            msg!("attachment-refused-link-to-folder"),
        ));
    }
    if !meta.is_file() {
        return Err((
            msg!("attachment-not-regular", dir),
            msg!("attachment-refused-not-regular"),
        ));
    }
    if meta.len() > MAX_ATTACHMENT_BYTES {
        return Err((
            msg!(
                "attachment-too-large",
                size = mib(meta.len()),
                dir,
                limit = mib(MAX_ATTACHMENT_BYTES)
            ),
            msg!(
                "attachment-refused-too-large",
                limit = mib(MAX_ATTACHMENT_BYTES)
            ),
        ));
    }
    Ok(FoundFile {
        path: target,
        size: meta.len(),
    })
}

/// The bytes of an attachment found at `path` by [`list`], read when it is published. It must
/// still be a regular file (not since replaced by a link) within the size limit.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    let meta = fs::symlink_metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::other(
            "it is no longer a regular file; build again",
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    fs::File::open(path)?
        .take(MAX_ATTACHMENT_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_ATTACHMENT_BYTES {
        return Err(io::Error::other(format!(
            "it has grown larger than {}",
            mib(MAX_ATTACHMENT_BYTES)
        )));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_within_a_limit() {
        assert_eq!(within("avtal.pdf", "avtal.pdf", 1), Some(0));
        assert_eq!(within("avtal.pdf", "avtl.pdf", 1), Some(1));
        assert_eq!(within("avtal.pdf", "avtal.pfd", 2), Some(2));
        assert_eq!(within("avtal.pdf", "beslut.pdf", 2), None);
        assert_eq!(within("å.txt", "a.txt", 1), Some(1));
    }

    fn attachments(names: &[&str]) -> Attachments {
        let mut found = Attachments {
            shown_dir: "content/files".into(),
            exists: true,
            ..Attachments::default()
        };
        for name in names {
            let file = FoundFile {
                path: PathBuf::from(name),
                size: 1,
            };
            found.folded.insert(name.to_lowercase(), name.to_string());
            found.files.insert(name.to_string(), file);
        }
        found
    }

    #[test]
    fn close_names() {
        let found = attachments(&["Avtal.pdf", "2024/beslut.pdf", "protokoll.docx"]);
        assert_eq!(found.closest("avtal.pdf"), Some("Avtal.pdf"));
        assert_eq!(found.closest("beslut.pdf"), Some("2024/beslut.pdf"));
        assert_eq!(found.closest("protokol.docx"), Some("protokoll.docx"));
        assert_eq!(found.closest("budget.xlsx"), None);
        assert_eq!(found.shown("a/b.pdf"), "content/files/a/b.pdf");
    }
}
