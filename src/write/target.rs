//! Where a build really writes: the output path with every link and `..` followed, checked
//! before anything is touched.
//!
//! `output/` is often a link to a web root (`output -> /var/www/iop`). The folder that is
//! replaced is then the link's target, in the target's own parent folder, and the link stays a
//! link. A path such as `output/../output` names the same folder as `output`; resolving it
//! first means no later step depends on a folder that the swap itself moves away.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::fs;
use std::path::{Component, Path, PathBuf};

use super::WriteError;

/// Links followed at most while resolving one path (as the kernel's own limit).
const MAX_LINKS: usize = 40;

/// The output folder of a build, resolved.
#[derive(Debug, Clone)]
pub struct Target {
    /// The path as the user gave it, for messages.
    pub given: PathBuf,
    /// The real folder that is replaced: absolute, with no link, `.` or `..` in it.
    pub dir: PathBuf,
    /// `dir`'s parent: the staging folder, the lock file and leftovers live here.
    pub parent: PathBuf,
    /// `dir`'s last component.
    pub name: OsString,
}

impl Target {
    /// Resolves `given` and checks that a build may replace it: it is not the root, not a
    /// file, and does not hold the site's own sources (`site_dir`).
    pub fn resolve(given: &Path, site_dir: &Path) -> Result<Target, WriteError> {
        let dir = real_path(given).map_err(|source| WriteError::Resolve {
            path: given.to_path_buf(),
            source,
        })?;
        let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
            return Err(WriteError::Unsuitable {
                output: given.to_path_buf(),
                why: crate::msg!("output-is-root"),
            });
        };
        let target = Target {
            given: given.to_path_buf(),
            parent: parent.to_path_buf(),
            name: name.to_os_string(),
            dir,
        };
        if let Ok(meta) = fs::metadata(&target.dir)
            && !meta.is_dir()
        {
            return Err(WriteError::Unsuitable {
                output: given.to_path_buf(),
                why: crate::msg!("output-is-file", path = target.dir.display().to_string()),
            });
        }
        if let Ok(site) = fs::canonicalize(site_dir)
            && site.starts_with(&target.dir)
        {
            let why = if site == target.dir {
                crate::msg!("output-is-site", path = site.display().to_string())
            } else {
                crate::msg!(
                    "output-holds-site",
                    path = target.dir.display().to_string(),
                    site = site.display().to_string()
                )
            };
            return Err(WriteError::Unsuitable {
                output: given.to_path_buf(),
                why: crate::msg!("output-own-folder", why),
            });
        }
        Ok(target)
    }

    /// How the output is named in messages: as given, and where it leads if that differs.
    pub fn shown(&self) -> String {
        let given = self.given.display().to_string();
        if std::path::absolute(&self.given).is_ok_and(|a| a == self.dir) {
            given
        } else {
            format!("{given} (that is, {})", self.dir.display())
        }
    }

    /// A sibling of the output folder: `.NAME` followed by `suffix`.
    pub fn sibling(&self, suffix: &str) -> PathBuf {
        let mut name = OsString::from(".");
        name.push(&self.name);
        name.push(suffix);
        self.parent.join(name)
    }

    /// Whether the output folder exists and may be replaced: it is empty, or it holds the
    /// marker iopsite writes into every output folder.
    pub fn check_ours(&self) -> Result<(), WriteError> {
        match fs::symlink_metadata(&self.dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(WriteError::Io {
                path: self.dir.clone(),
                source,
            }),
            Ok(_) if super::ours_or_empty(&self.dir) => Ok(()),
            Ok(_) => Err(WriteError::NotOurs(self.shown())),
        }
    }
}

/// `path` made absolute with every link followed and every `.` and `..` applied, also when
/// its last components do not exist yet (they are then taken as written). Unlike
/// `fs::canonicalize`, this works for a folder still to be made and for a link whose target
/// does not exist yet.
pub fn real_path(path: &Path) -> std::io::Result<PathBuf> {
    let mut pending: VecDeque<OsString> = VecDeque::new();
    let mut out = PathBuf::new();
    push_components(&std::path::absolute(path)?, &mut out, &mut pending);
    let mut links = 0;
    while let Some(part) = pending.pop_front() {
        match part.to_str() {
            Some(".") => continue,
            Some("..") => {
                // `out` never holds a link, so its parent is the real parent.
                out.pop();
                continue;
            }
            _ => {}
        }
        let next = out.join(&part);
        match fs::symlink_metadata(&next) {
            Ok(meta) if meta.file_type().is_symlink() => {
                links += 1;
                if links > MAX_LINKS {
                    return Err(std::io::Error::other(format!(
                        "more than {MAX_LINKS} links to follow (a loop?) at {}",
                        next.display()
                    )));
                }
                let to = fs::read_link(&next)?;
                // The link's own components come before the rest of the path.
                let mut front = VecDeque::new();
                push_components(&to, &mut out, &mut front);
                front.extend(pending);
                pending = front;
            }
            _ => out = next,
        }
    }
    Ok(out)
}

/// Appends `path`'s components to `pending`; a root or prefix restarts `out` there.
fn push_components(path: &Path, out: &mut PathBuf, pending: &mut VecDeque<OsString>) {
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => {
                if pending.is_empty() {
                    out.push(component.as_os_str());
                } else {
                    // Only the first components of a path can be a root.
                    pending.push_back(component.as_os_str().to_os_string());
                }
            }
            Component::CurDir => {}
            Component::ParentDir => pending.push_back("..".into()),
            Component::Normal(name) => pending.push_back(name.to_os_string()),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn follows_links_and_dot_dot() {
        let tmp = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(tmp.path()).unwrap();
        fs::create_dir_all(root.join("site/output")).unwrap();
        fs::create_dir_all(root.join("www/iop")).unwrap();
        assert_eq!(
            real_path(&root.join("site/output/../output")).unwrap(),
            root.join("site/output")
        );
        assert_eq!(
            real_path(&root.join("site/./output/")).unwrap(),
            root.join("site/output")
        );
        symlink(root.join("www/iop"), root.join("site/link")).unwrap();
        assert_eq!(
            real_path(&root.join("site/link")).unwrap(),
            root.join("www/iop")
        );
        // A relative link, and `..` after a link: the link's parent, not the path's.
        symlink("../www", root.join("site/rel")).unwrap();
        assert_eq!(
            real_path(&root.join("site/rel/iop/..")).unwrap(),
            root.join("www")
        );
        // A link to a folder that does not exist yet, and components still to be made.
        symlink(root.join("www/new"), root.join("site/dangling")).unwrap();
        assert_eq!(
            real_path(&root.join("site/dangling")).unwrap(),
            root.join("www/new")
        );
        assert_eq!(
            real_path(&root.join("site/none/a/../b")).unwrap(),
            root.join("site/none/b")
        );
        // A loop is an error, not a hang.
        symlink(root.join("loop-b"), root.join("loop-a")).unwrap();
        symlink(root.join("loop-a"), root.join("loop-b")).unwrap();
        assert!(real_path(&root.join("loop-a")).is_err());
    }
}
