//! Turns the YAML parser's messages into advice for an editor: plain words, a position on
//! the line that needs changing, and a "did you mean" for misspelt keys. A value the parser
//! could not read is quoted as the editor wrote it, with what to write instead.

use std::collections::BTreeMap;

use super::scalar::written_at;
use crate::l10n::{Arg, Message};
use crate::msg;

/// Rewrites a parser message found at 1-based (`line`, `column`) of `yaml`.
pub fn explain(yaml: &str, line: usize, column: usize, message: &str) -> (usize, usize, Message) {
    let lines: Vec<&str> = yaml.lines().collect();
    if message.contains("found a tab") || message.contains("tabs") {
        // The parser reports the end of the line before; point at the tab itself.
        let at = lines
            .iter()
            .enumerate()
            .skip(line.saturating_sub(1))
            .find(|(_, l)| l.trim_start_matches(' ').starts_with('\t'));
        let (l, c) = at
            .map(|(i, l)| (i + 1, l.len() - l.trim_start_matches(' ').len() + 1))
            .unwrap_or((line, column));
        return (l, c, msg!("yaml-tab-indent"));
    }
    if message.starts_with("missing required key") {
        let (l, c) = mapping_start(&lines, line, column);
        let key = message.split('`').nth(1);
        let message = match key {
            Some(key) if c > 1 => msg!("yaml-missing-key-in-entry", key),
            Some(key) => msg!("yaml-missing-key", key),
            None => parser_words(message),
        };
        return (l, c, message);
    }
    if message.starts_with("unknown key") {
        return (line, column, suggest(message));
    }
    if let Some(found) = explain_value(&lines, line, column, message)
        .or_else(|| missing_space_after_colon(&lines, line, message))
    {
        return found;
    }
    let unexpected_key = message.contains("mapping values are not allowed");
    // A `: ` after the line's own key is inside its value; otherwise it is the line's own
    // key that came where the parser expected none, most often because of its indentation.
    let colon_in_value = unexpected_key && has_colon_before(&lines, line, column);
    if unexpected_key
        && !colon_in_value
        && let Some(found) = over_indented(&lines, line)
    {
        return found;
    }
    let parser = message.to_string();
    let advice = if colon_in_value {
        msg!("yaml-colon-in-value", parser)
    } else if unexpected_key
        || message.contains("did not find expected '-' indicator")
        || message.contains("did not find expected key")
    {
        msg!("yaml-indentation", parser)
    } else if message.contains("illegal placement of ':'")
        || message.contains("did not find expected ',' or ']'")
    {
        msg!("yaml-bracket-list", parser)
    } else {
        return (line, column, parser_words(message));
    };
    (line, column, advice)
}

/// A parser message (tidied by `load::tidy_message`) that has no advice of ours: the ones we
/// know by heart get their own code; any other is shown in the parser's own words.
fn parser_words(message: &str) -> Message {
    match message {
        "expected text here" => msg!("yaml-expected-text"),
        "expected a whole number here" => msg!("yaml-expected-whole-number"),
        "expected a whole number (0 or more) here" => msg!("yaml-expected-count"),
        "expected a number here" => msg!("yaml-expected-number"),
        "expected `key: value` lines here" => msg!("yaml-expected-mapping"),
        "expected a list (lines starting with `- `) here" => msg!("yaml-expected-list"),
        _ => {
            if let Some(rest) = message.strip_prefix("unknown key `")
                && let Some((key, tail)) = rest.split_once('`')
            {
                return match tail.strip_prefix("; expected one of ") {
                    Some(expected) => msg!("yaml-unknown-key", key, expected),
                    None if tail.is_empty() => msg!("yaml-unknown-key-only", key),
                    None => msg!("yaml-parser", detail = message),
                };
            }
            if let Some(key) = message
                .strip_prefix("missing required key `")
                .and_then(|rest| rest.strip_suffix('`'))
            {
                return msg!("yaml-missing-key", key);
            }
            msg!("yaml-parser", detail = message)
        }
    }
}

/// What kind of value the parser failed to read, from its (tidied) message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    WholeNumber,
    Number,
    Boolean,
}

/// Advice for a value of the wrong kind at `line`, `column`, in the words of the key it
/// belongs to; `None` to keep the parser's message.
fn explain_value(
    lines: &[&str],
    line: usize,
    column: usize,
    message: &str,
) -> Option<(usize, usize, Message)> {
    let kind = if message == "expected a whole number here" {
        ValueKind::WholeNumber
    } else if message.contains("invalid floating point") || message == "expected a number here" {
        ValueKind::Number
    } else if message.contains("invalid boolean") {
        ValueKind::Boolean
    } else {
        return None;
    };
    if let Some(found) = continued_value(lines, line) {
        return Some(found);
    }
    let text = lines.get(line.checked_sub(1)?)?;
    let written = written_at(text, column)?;
    let advice = match kind {
        ValueKind::Boolean => msg!("yaml-not-boolean", written),
        ValueKind::Number if written.parse::<f64>().is_err() => number_advice(&written),
        ValueKind::WholeNumber if written.parse::<i64>().is_err() => match key_at(text, column)? {
            "goal" => goal_advice(&written),
            "year" => year_advice(&written),
            _ => return None,
        },
        _ => return None,
    };
    Some((line, column, advice))
}

/// The key whose value starts at `column` of `text`: `goal` for `  - goal: x`.
fn key_at(text: &str, column: usize) -> Option<&str> {
    let start = text
        .char_indices()
        .nth(column.checked_sub(1)?)
        .map_or(text.len(), |(i, _)| i);
    let key = text[..start].trim_end().strip_suffix(':')?;
    let key = key.trim_start_matches([' ', '-']);
    (!key.is_empty() && !key.contains([' ', ':'])).then_some(key)
}

/// A number written the Swedish way or with a unit: say how to write it.
fn number_advice(written: &str) -> Message {
    if !written.chars().any(|c| c.is_ascii_digit()) {
        return msg!("number-not-digits", written);
    }
    let compact: String = written
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\''))
        .collect();
    let digits = compact.strip_prefix('-').unwrap_or(&compact);
    let groups: Vec<&str> = digits.split(',').collect();
    let all_digits = groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    if !all_digits {
        return msg!("number-with-unit", written);
    }
    let thousands = groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3);
    match groups.len() {
        1 => msg!("number-with-separators", written, number = compact),
        2 if !thousands => msg!(
            "number-decimal-comma",
            written,
            number = compact.replace(',', ".")
        ),
        2 => msg!(
            "number-comma-ambiguous",
            written,
            thousands = compact.replace(',', ""),
            decimals = compact.replace(',', ".")
        ),
        _ if thousands => msg!(
            "number-with-separators",
            written,
            number = compact.replace(',', "")
        ),
        _ => msg!("number-malformed", written),
    }
}

/// A goal written as a word or as a target: name the number to write.
fn goal_advice(written: &str) -> Message {
    if let Some((goal, target)) = written.split_once('.')
        && goal.parse::<u8>().is_ok_and(|g| (1..=17).contains(&g))
        && !target.is_empty()
        && target.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return msg!("goal-is-target", written, goal);
    }
    let numbers: Vec<&str> = written
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect();
    if let [number] = numbers.as_slice()
        && number.parse::<u8>().is_ok_and(|g| (1..=17).contains(&g))
    {
        return msg!("goal-with-words", written, number = *number);
    }
    let named: Vec<Arg> = goals_named(written)
        .into_iter()
        .map(|(n, en, sv)| msg!("goal-named", number = n, en, sv).into())
        .collect();
    if named.is_empty() {
        msg!("goal-not-number", written)
    } else {
        msg!(
            "goal-not-number-named",
            written,
            named = Arg::List(named, "; ")
        )
    }
}

/// The goals (number, English name, Swedish name) whose name contains `word` or is contained
/// in it, ignoring case. The names are the built-in theme's, the ones the site shows.
fn goals_named(word: &str) -> Vec<(u8, String, String)> {
    let word = word.trim().to_lowercase();
    if word.chars().count() < 4 {
        return Vec::new();
    }
    let theme = crate::theme::Theme::builtin();
    let names = |language: &str| -> BTreeMap<String, String> {
        theme
            .files
            .get(&format!("i18n/{language}.yaml"))
            .and_then(|file| std::str::from_utf8(&file.bytes).ok())
            .and_then(|text| serde_saphyr::from_str(text).ok())
            .unwrap_or_default()
    };
    let (en, sv) = (names("en"), names("sv"));
    (1..=17u8)
        .filter_map(|n| {
            let key = format!("goal_{n}");
            Some((n, en.get(&key)?.clone(), sv.get(&key)?.clone()))
        })
        .filter(|(_, en, sv)| {
            [en, sv].iter().any(|name| {
                let name = name.to_lowercase();
                name.contains(&word) || word.contains(&name)
            })
        })
        .collect()
}

/// A year written as a span, a date or a word: a report covers one calendar year.
fn year_advice(written: &str) -> Message {
    let runs: Vec<&str> = written
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
        .collect();
    let first = runs.first().filter(|r| r.len() == 4);
    let between = |a: &str, b: &str| {
        let (Some(i), Some(j)) = (written.find(a), written.rfind(b)) else {
            return String::new();
        };
        written
            .get(i + a.len()..j)
            .unwrap_or("")
            .trim()
            .to_lowercase()
    };
    match (first, runs.as_slice()) {
        (Some(year), [a, b])
            if matches!(b.len(), 2 | 4)
                && ["/", "-", "–", "—", "till", "to", "och", "and", "&", ","]
                    .contains(&between(a, b).as_str()) =>
        {
            msg!("year-span", written, year = *year)
        }
        (Some(year), _) => msg!("year-not-year", written, year = *year),
        (None, _) => msg!("year-not-digits", written),
    }
}

/// `key:value` with no space after the colon: YAML reads the whole line as one word.
fn missing_space_after_colon(
    lines: &[&str],
    line: usize,
    message: &str,
) -> Option<(usize, usize, Message)> {
    if !(message.contains("simple key expected ':'")
        || message.starts_with("expected `key: value` lines here"))
    {
        return None;
    }
    let text = lines.get(line.checked_sub(1)?)?;
    let start = key_column(text);
    let content = &text[start..];
    let (key, value) = content.split_once(':')?;
    let value = value.split(" #").next().unwrap_or(value).trim_end();
    // A key is a word (`amount`), not a time (`10:30`) or an address (`https://…`).
    if !key.starts_with(|c: char| c.is_alphabetic())
        || !key.chars().all(|c| c.is_alphanumeric() || c == '_')
        || value.is_empty()
        || value.starts_with([' ', ':', '/'])
    {
        return None;
    }
    Some((
        line,
        start + key.chars().count() + 2,
        msg!("yaml-colon-space", key, value),
    ))
}

/// The value on `line` went on to the next line because that line is indented more than
/// the value's key: point at that line.
fn continued_value(lines: &[&str], line: usize) -> Option<(usize, usize, Message)> {
    let text = lines.get(line.checked_sub(1)?)?;
    if !has_inline_value(text) {
        return None;
    }
    let key = key_column(text);
    let next = (line..lines.len()).find(|&i| is_content(lines[i]))?;
    let spaces = indent(lines[next]);
    (spaces > key).then(|| (next + 1, spaces + 1, over_indented_message(key + 1)))
}

/// `line` holds a key indented more than the key above it, whose value it then seems to
/// continue: say so, instead of advising quotes.
fn over_indented(lines: &[&str], line: usize) -> Option<(usize, usize, Message)> {
    let text = lines.get(line.checked_sub(1)?)?;
    let above = (0..line - 1).rev().find(|&i| is_content(lines[i]))?;
    let key = key_column(lines[above]);
    let spaces = indent(text);
    (has_inline_value(lines[above]) && spaces > key)
        .then(|| (line, spaces + 1, over_indented_message(key + 1)))
}

fn over_indented_message(column: usize) -> Message {
    msg!("yaml-over-indented", column)
}

/// Whether a `:` comes before `column` on `line`: the line has a key of its own there, so a
/// second `: ` is inside its value.
fn has_colon_before(lines: &[&str], line: usize, column: usize) -> bool {
    lines.get(line.wrapping_sub(1)).is_some_and(|text| {
        text.chars()
            .take(column.saturating_sub(1))
            .any(|c| c == ':')
    })
}

/// Whether a line holds something (not blank, not only a comment).
fn is_content(text: &str) -> bool {
    let trimmed = text.trim_start_matches(' ');
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

/// The spaces at the start of a line.
fn indent(text: &str) -> usize {
    text.len() - text.trim_start_matches(' ').len()
}

/// The 0-based column of a line's key: after its indentation and any `- ` of list entries.
fn key_column(text: &str) -> usize {
    let mut rest = text.trim_start_matches(' ');
    while let Some(after) = rest.strip_prefix("- ") {
        rest = after.trim_start_matches(' ');
    }
    text.len() - rest.len()
}

/// Whether a line is `key: value` with the value on the same line (not a block that follows).
fn has_inline_value(text: &str) -> bool {
    let content = &text[key_column(text)..];
    content.split_once(": ").is_some_and(|(key, value)| {
        let value = value.trim_start();
        !key.is_empty() && !value.is_empty() && !value.starts_with(['#', '|', '>'])
    })
}

/// The first line of the mapping whose key sits at `column` on `line`: walks up over its
/// sibling keys to the first one (the line with `- ` for a list entry).
fn mapping_start(lines: &[&str], line: usize, column: usize) -> (usize, usize) {
    let indent = column.saturating_sub(1);
    let mut start = (line, column);
    for i in (0..line.min(lines.len())).rev() {
        let text = lines[i];
        let trimmed = text.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let spaces = text.len() - trimmed.len();
        let after_dash = trimmed
            .strip_prefix("- ")
            .map(|rest| spaces + 2 + (rest.len() - rest.trim_start_matches(' ').len()));
        if after_dash == Some(indent) {
            return (i + 1, indent + 1);
        }
        if spaces == indent {
            start = (i + 1, indent + 1);
        } else if spaces < indent {
            break;
        }
    }
    start
}

/// Adds "did you mean …?" to an unknown-key message when a known key is one or two edits away.
fn suggest(message: &str) -> Message {
    let Some(unknown) = message.split('`').nth(1) else {
        return parser_words(message);
    };
    let Some((_, expected)) = message.split_once("expected one of ") else {
        return parser_words(message);
    };
    let keys = expected.split(", ").map(|k| k.trim().trim_matches('`'));
    match closest(unknown, keys, 2) {
        Some(key) => msg!(
            "yaml-unknown-key-suggest",
            key = unknown,
            suggestion = key,
            expected
        ),
        None => parser_words(message),
    }
}

/// The candidate at the fewest edits from `word`, if that is at most `limit` edits; of
/// equally close candidates the first in sort order, so the answer does not depend on the
/// order they come in.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut row = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            row.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(row[j] + 1),
            );
        }
        prev = row;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_key_points_at_the_entry() {
        let yaml = "parties:\n  - name: A\n    kind: public\n  - name: B\n    org_number: 1\n";
        assert_eq!(
            mapping_start(&yaml.lines().collect::<Vec<_>>(), 5, 5),
            (4, 5)
        );
        let top = "# c\ntitle: x\nsummary: y\ngoals: []\n";
        assert_eq!(
            mapping_start(&top.lines().collect::<Vec<_>>(), 4, 1),
            (2, 1)
        );
    }

    #[test]
    fn did_you_mean() {
        let m =
            suggest("unknown key `titel`; expected one of title, short_title, form").to_string();
        assert_eq!(
            m,
            "unknown key `titel`; did you mean `title`? (expected one of title, short_title, form)"
        );
        assert_eq!(
            suggest("unknown key `zzz`; expected one of title").to_string(),
            "unknown key `zzz`; expected one of title"
        );
    }

    #[test]
    fn numbers_as_written() {
        assert_eq!(
            number_advice("1,000").to_string(),
            "`1,000` is not a number; write decimals with a point and no spaces or thousands separators: 1000 for thousands, or 1.000 if the comma marks decimals"
        );
        assert_eq!(
            number_advice("1 200,5").to_string(),
            "`1 200,5` is not a number; write decimals with a point (1200.5) and no spaces or thousands separators"
        );
        assert_eq!(
            number_advice("1,000,000").to_string(),
            "`1,000,000` is not a number; write it with no spaces or thousands separators (1000000) and decimals with a point"
        );
        assert_eq!(
            number_advice("40 %").to_string(),
            "`40 %` is not a number; write only the number here (such as 40 or 3.5) and a unit under `unit:`"
        );
        assert_eq!(
            number_advice("många").to_string(),
            "`många` is not a number; write the value as a number, such as 40 or 3.5"
        );
    }

    #[test]
    fn years_as_written() {
        for span in ["2024/25", "2024 till 2025", "2024–2025"] {
            assert!(
                year_advice(span).to_string().contains(
                    "is not one year; a report covers one calendar year: write year: 2024"
                ),
                "{span}"
            );
        }
        assert_eq!(
            year_advice("2024-12-31").to_string(),
            "`2024-12-31` is not a year; write the calendar year the report covers as four digits: year: 2024"
        );
        assert_eq!(
            year_advice("2024.5").to_string(),
            "`2024.5` is not a year; write the calendar year the report covers as four digits: year: 2024"
        );
    }

    #[test]
    fn goals_as_written() {
        assert_eq!(
            goal_advice("5.a").to_string(),
            "`5.a` is a target, not a goal number; write goal: 5 and targets: [5.a]"
        );
        assert_eq!(
            goal_advice("Mål 13").to_string(),
            "`Mål 13` is not a goal number; write only the number: goal: 13"
        );
        assert_eq!(
            goal_advice("Climate ACTION").to_string(),
            "`Climate ACTION` is not a goal number; write the number of the Agenda 2030 goal, 1–17 (goal 13 is Climate action / Bekämpa klimatförändringarna)"
        );
        assert_eq!(
            goal_advice("xyzzy").to_string(),
            "`xyzzy` is not a goal number; write the number of the Agenda 2030 goal, 1–17"
        );
    }

    #[test]
    fn colon_without_space() {
        let lines = [
            "funding:",
            "  - amount:500 # kr",
            "  - 10:30",
            "  - https://x.se",
        ];
        assert_eq!(
            missing_space_after_colon(&lines, 2, "simple key expected ':'"),
            Some((
                2,
                12,
                msg!("yaml-colon-space", key = "amount", value = "500")
            ))
        );
        assert_eq!(
            missing_space_after_colon(&lines, 3, "simple key expected ':'"),
            None
        );
        assert_eq!(
            missing_space_after_colon(&lines, 4, "simple key expected ':'"),
            None
        );
    }

    #[test]
    fn indented_too_far_or_colon_in_value() {
        let yaml = "period:\n  start: 2024-01-01\n   end: 2026-12-31\n";
        let (l, c, m) = explain(yaml, 3, 7, "mapping values are not allowed in this context");
        assert_eq!((l, c), (3, 4));
        let m = m.to_string();
        assert!(m.contains("(column 3)"), "{m}");
        let yaml = "sources:\n  - title: IOP: Kupan\n";
        let (l, c, m) = explain(
            yaml,
            2,
            14,
            "mapping values are not allowed in this context",
        );
        assert_eq!((l, c), (2, 14));
        let m = m.to_string();
        assert!(m.contains("quotes"), "{m}");
    }

    #[test]
    fn tabs() {
        let (l, c, m) = explain(
            "parties:\n  - name: A\n\tkind: x\n",
            2,
            12,
            "while scanning a plain scalar, found a tab",
        );
        assert_eq!((l, c), (3, 1));
        assert_eq!(m.code, "yaml-tab-indent");
    }
}
