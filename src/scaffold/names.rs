//! The ids `iopsite new` gives files: a name the user typed as they would say it
//! ("Kramfors Kvinnoforum") is refused, with the id it would have suggested in the message.

use std::path::Path;

use super::ScaffoldError;
use crate::load::is_slug;

/// Ids are at most this long (see [`is_slug`]).
const MAX_ID: usize = 80;

/// The id for `name`: in lower case, å, ä and ö as a, a and o (and other letters as their
/// nearest ASCII letters: é as e, æ as ae), every run of other characters as one hyphen.
/// `None` when no letter or digit is left.
pub fn suggest_id(name: &str) -> Option<String> {
    let mut id = slug::slugify(name);
    if id.len() > MAX_ID {
        // ASCII only, so every byte is a character boundary; cut at a hyphen when there is one.
        let cut = id[..=MAX_ID]
            .rfind('-')
            .filter(|&i| i > 0)
            .unwrap_or(MAX_ID);
        id.truncate(cut);
    }
    is_slug(&id).then_some(id)
}

/// Refuses a `name` that is not an id, suggesting `iopsite new KIND ID` with the id it would
/// have (and the same `--dir`).
pub(super) fn check(kind: &str, name: &str, dir: &Path) -> Result<(), ScaffoldError> {
    if is_slug(name) {
        return Ok(());
    }
    let instead = suggest_id(name).map(|id| {
        let mut command = format!("iopsite new {kind} {id}");
        if dir != Path::new(".") {
            command.push_str(" --dir ");
            command.push_str(&shell_word(&dir.to_string_lossy()));
        }
        command
    });
    Err(ScaffoldError::BadName {
        name: name.to_string(),
        instead,
    })
}

/// `text` as one word of a shell command line: as it is when it is safe, else in single quotes.
fn shell_word(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:,=@".contains(c));
    if safe {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// The end of the message for a refused name.
pub(super) fn try_instead(command: Option<&str>) -> String {
    command.map_or_else(String::new, |c| format!("; try `{c}`"))
}

/// The end of the message for an unknown agreement.
pub(super) fn did_you_mean(closest: Option<&str>) -> String {
    match closest {
        Some(id) => format!("; did you mean `{id}`?"),
        None => "; an agreement's id is the name of its file there, without .yaml".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_names_become_ids() {
        let cases = [
            ("Kramfors Kvinnoforum", "kramfors-kvinnoforum"),
            (
                "Örebro Läns Bildningsförbund",
                "orebro-lans-bildningsforbund",
            ),
            ("  Café  Åtta ", "cafe-atta"),
            ("Om oss", "om-oss"),
            ("Tillgänglighetsredogörelse", "tillganglighetsredogorelse"),
            (
                "Kvinnojouren & Ungdomsjouren (Kalmar)",
                "kvinnojouren-ungdomsjouren-kalmar",
            ),
            ("Bad_Name--2024", "bad-name-2024"),
        ];
        for (name, id) in cases {
            assert_eq!(suggest_id(name).as_deref(), Some(id), "{name}");
        }
        assert_eq!(suggest_id("!!! ---"), None);
        let long = suggest_id(&"föreningen ".repeat(12)).unwrap();
        assert!(long.len() <= MAX_ID && is_slug(&long), "{long}");
        assert!(long.ends_with("foreningen"), "{long}");
    }

    #[test]
    fn a_refused_name_suggests_the_command() {
        let message = |name: &str, dir: &str| {
            check("agreement", name, Path::new(dir))
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            message("Kramfors Kvinnoforum", "."),
            "`Kramfors Kvinnoforum` is not a valid name: use lower-case letters a-z, digits and single hyphens; try `iopsite new agreement kramfors-kvinnoforum`"
        );
        assert!(
            message("Om oss", "min sajt")
                .ends_with("try `iopsite new agreement om-oss --dir 'min sajt'`")
        );
        assert!(message("???", ".").ends_with("single hyphens"));
        assert!(check("page", "om-oss", Path::new(".")).is_ok());
    }
}
