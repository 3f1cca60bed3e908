//! Checks a source's `file:`: it must name a file inside `content/files/`, which is then
//! published with the site.

use super::types::{Attachment, FileKind};
use crate::diagnostics::{Diagnostics, SourceFile};
use crate::l10n::Message;
use crate::load::files::{Attachments, FoundFile};
use crate::load::scalar::{Spanned, position};
use crate::msg;

/// The attachment that `value` (a `file:` of `file`) names; `None`, with the problem
/// reported at the value, if it names none that can be published.
pub(super) fn attachment(
    file: &SourceFile,
    value: &Spanned<String>,
    found: &Attachments,
    diags: &mut Diagnostics,
) -> Option<Attachment> {
    let (line, col) = position(value);
    let name = match normalise(&value.value, found) {
        Ok(name) => name,
        Err(message) => {
            diags.error(file, line, col, message);
            return None;
        }
    };
    if let Some(published) = found.files.get(&name) {
        return Some(of(&name, published));
    }
    let message = match found.refused.get(&name) {
        Some(why) => msg!(
            "attachment-refused",
            file = found.shown(&name),
            why = why.clone()
        ),
        None => missing(&name, found),
    };
    diags.error(file, line, col, message);
    None
}

/// The attachment `name` of the folder, as the site publishes it.
pub(super) fn of(name: &str, published: &FoundFile) -> Attachment {
    Attachment {
        name: name.to_string(),
        size: published.size,
        kind: FileKind::of(name),
        path: published.path.clone(),
    }
}

/// The message for a `file:` naming a file the folder does not have.
fn missing(name: &str, found: &Attachments) -> Message {
    let dir = found.shown_dir.display().to_string();
    let path = found.shown(name);
    if !found.exists {
        msg!("attachment-missing-no-folder", name, dir, path)
    } else if name.split('/').any(|part| part.starts_with('.')) {
        msg!("attachment-missing-hidden", name, dir, path)
    } else if let Some(close) = found.closest(name) {
        msg!("attachment-missing-suggest", name, dir, path, close)
    } else {
        msg!("attachment-missing", name, dir, path)
    }
}

/// The name as the folder lists it: `./` and doubled `/` left out. An empty name, an
/// absolute path, `..` and `\` are refused with the message to show.
fn normalise(raw: &str, found: &Attachments) -> Result<String, Message> {
    let dir = found.shown_dir.display().to_string();
    let name = raw.trim();
    let bytes = name.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if name.starts_with('/') || name.starts_with('\\') || drive {
        return Err(msg!("attachment-absolute", name, dir));
    }
    if name.contains('\\') {
        return Err(msg!("attachment-backslash", name));
    }
    let parts: Vec<&str> = name
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    if parts.contains(&"..") {
        return Err(msg!("attachment-dot-dot", name, dir));
    }
    if parts.is_empty() {
        return Err(msg!("attachment-empty", dir));
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_paths_inside_the_folder() {
        let mut found = Attachments::default();
        found.shown_dir = "content/files".into();
        assert_eq!(normalise(" ./a//b.pdf ", &found), Ok("a/b.pdf".into()));
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "C:\\x.pdf",
            "a\\b.pdf",
            "",
            "./",
        ] {
            assert!(normalise(bad, &found).is_err(), "{bad}");
        }
    }
}
