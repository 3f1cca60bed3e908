//! Just enough YAML writing for the generated files: plain scalars where YAML reads them
//! back unchanged, double quotes elsewhere, and long texts as wrapped block scalars.

use std::borrow::Cow;
use std::fmt::Write;

/// Text lines are wrapped at this column, as a person would in an editor.
const WIDTH: usize = 96;

/// `value` as a YAML scalar that reads back as the same string.
pub fn scalar(value: &str) -> Cow<'_, str> {
    let plain = !value.is_empty()
        && !value.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@` ".contains(c) || c.is_ascii_digit())
        && !value.ends_with([':', ' '])
        && !value.contains(": ")
        && !value.contains(" #")
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~"
        );
    if plain {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(format!(
            "\"{}\"",
            value.replace('\\', "\\\\").replace('"', "\\\"")
        ))
    }
}

/// Appends `key: value` at `indent` spaces. `key` may start with `- ` for a list item.
pub fn field(out: &mut String, indent: usize, key: &str, value: &str) {
    let _ = writeln!(out, "{:indent$}{key}: {}", "", scalar(value));
}

/// Appends `- value`, an item of a list of strings, at `indent` spaces.
pub fn item(out: &mut String, indent: usize, value: &str) {
    let _ = writeln!(out, "{:indent$}- {}", "", scalar(value));
}

/// Appends `key: value` for a value YAML reads as itself (numbers, dates, fixed words).
pub fn raw(out: &mut String, indent: usize, key: &str, value: impl std::fmt::Display) {
    let _ = writeln!(out, "{:indent$}{key}: {value}", "");
}

/// Appends `key:` and `text` as a block scalar, wrapped and indented two more spaces:
/// folded (`>-`) for one paragraph, literal (`|-`) to keep blank lines between several.
pub fn text(out: &mut String, indent: usize, key: &str, text: &str) {
    let style = if text.contains("\n\n") { "|-" } else { ">-" };
    let _ = writeln!(out, "{:indent$}{key}: {style}", "");
    let inner = indent + 2;
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut column = 0;
        for word in paragraph.split_whitespace() {
            let width = word.chars().count();
            if column > 0 && column + 1 + width > WIDTH - inner {
                out.push('\n');
                column = 0;
            }
            if column == 0 {
                let _ = write!(out, "{:inner$}", "");
            } else {
                out.push(' ');
                column += 1;
            }
            out.push_str(word);
            column += width;
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_yaml_would_misread() {
        assert_eq!(scalar("Kalmar kommun"), "Kalmar kommun");
        assert_eq!(scalar("Not: this"), "\"Not: this\"");
        assert_eq!(scalar("2024"), "\"2024\"");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("- a"), "\"- a\"");
    }

    #[test]
    fn wraps_paragraphs() {
        let mut out = String::new();
        text(&mut out, 0, "summary", &"ord ".repeat(40));
        assert!(out.starts_with("summary: >-\n  ord ord"));
        assert!(out.lines().all(|l| l.len() <= WIDTH));
    }
}
