//! Turns the YAML parser's messages into advice for an editor: plain words, a position on
//! the line that needs changing, and a "did you mean" for misspelt keys.

/// Rewrites a parser message found at 1-based (`line`, `column`) of `yaml`.
pub fn explain(yaml: &str, line: usize, column: usize, message: &str) -> (usize, usize, String) {
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
        return (
            l,
            c,
            "a tab character is used for indentation; YAML needs spaces".to_string(),
        );
    }
    if message.starts_with("missing required key") {
        let (l, c) = mapping_start(&lines, line, column);
        let message = if c > 1 {
            format!("{message} in the entry that starts here")
        } else {
            message.to_string()
        };
        return (l, c, message);
    }
    if message.starts_with("unknown key") {
        return (line, column, suggest(message));
    }
    let advice = if message.contains("mapping values are not allowed") {
        "a `: ` inside a value starts a new key; put the whole value in quotes, e.g. title: \"IOP: Mötesplats\""
    } else if message.contains("did not find expected '-' indicator")
        || message.contains("did not find expected key")
    {
        "the indentation does not match the lines above; check the spaces at the start of this line"
    } else if message.contains("illegal placement of ':'")
        || message.contains("did not find expected ',' or ']'")
    {
        "a list in [brackets] is not closed, or a `:` inside it needs quotes"
    } else {
        return (line, column, message.to_string());
    };
    (
        line,
        column,
        format!("{advice} (the YAML parser says: {message})"),
    )
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
fn suggest(message: &str) -> String {
    let Some(unknown) = message.split('`').nth(1) else {
        return message.to_string();
    };
    let Some((_, expected)) = message.split_once("expected one of ") else {
        return message.to_string();
    };
    let best = expected
        .split(", ")
        .map(|k| k.trim().trim_matches('`'))
        .map(|k| (edit_distance(unknown, k), k))
        .filter(|(d, _)| *d <= 2)
        .min();
    match best {
        Some((_, key)) => {
            format!("unknown key `{unknown}`; did you mean `{key}`? (expected one of {expected})")
        }
        None => message.to_string(),
    }
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
        let m = suggest("unknown key `titel`; expected one of title, short_title, form");
        assert_eq!(
            m,
            "unknown key `titel`; did you mean `title`? (expected one of title, short_title, form)"
        );
        assert_eq!(
            suggest("unknown key `zzz`; expected one of title"),
            "unknown key `zzz`; expected one of title"
        );
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
        assert!(m.contains("tab"));
    }
}
