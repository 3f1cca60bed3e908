//! Characters that change how a name or title reads without being seen: the bidirectional
//! controls, which reorder the text around them (`U+202E` shows `abc` as `cba`), and the
//! invisible characters, which make two names that look the same differ. Text copied from a
//! PDF or a web page brings them along. Names, titles and organisation numbers may not hold
//! them; the long Markdown texts may (a soft hyphen or an emoji's joiner is at home there).
//!
//! Which characters: the bidirectional controls (the Unicode property `Bidi_Control`), every
//! format character (general category `Cf`, from `unicode-properties`) but the few that are
//! drawn, control characters other than tab and line breaks, the line and paragraph separators,
//! the combining grapheme joiner and the Hangul fillers (letters that show as blank space).
//! A joiner is kept where it belongs: between the parts of an emoji (👩 U+200D 💻) and, with
//! the non-joiner, between letters of scripts that join their letters (Arabic, Indic).

use unicode_properties::{GeneralCategory, UnicodeEmoji, UnicodeGeneralCategory};

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::l10n::Message;
use crate::load::scalar::{Spanned, Text, position};
use crate::load::schema::AgreementFile;
use crate::msg;

/// What a refused character does to the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// A bidirectional control: it can reverse the text that follows it.
    Reverses,
    /// Takes no room on the page, so the text differs from what it looks like.
    Invisible,
}

/// One refused character of a text: its place (counted in characters), itself and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub index: usize,
    pub char: char,
    pub hidden: Hidden,
}

/// The characters with the Unicode property `Bidi_Control`.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Format characters that are drawn: the prepended concatenation marks (Arabic number signs
/// and the like), which stand visibly before the digits they go with.
fn is_drawn_format(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{110BD}'
            | '\u{110CD}'
    )
}

/// Whether `c` takes no visible room of its own (bidirectional controls included).
pub fn is_invisible(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => false,
        // Combining grapheme joiner, Hangul fillers, line and paragraph separator.
        '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{2028}'
        | '\u{2029}' => true,
        _ => {
            matches!(
                c.general_category(),
                GeneralCategory::Format | GeneralCategory::Control
            ) && !is_drawn_format(c)
        }
    }
}

/// Letters of the scripts whose letters join, where a (non-)joiner chooses a letter's form:
/// Arabic, Syriac, Thaana, N'Ko, the Indic scripts, Sinhala, Mongolian, and the Arabic
/// presentation forms.
fn joins_letters(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{07FF}'
            | '\u{0860}'..='\u{0DFF}'
            | '\u{1800}'..='\u{18AF}'
            | '\u{A8E0}'..='\u{A8FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFC}'
    )
}

/// A character that takes part in an emoji sequence (not the digits, `#` and `*`, which
/// count as emoji too).
fn is_emoji_part(c: char) -> bool {
    !c.is_ascii() && c.is_emoji_char_or_emoji_component()
}

/// Whether the joiner or non-joiner `c` between `before` and `after` does a visible job.
fn joins(c: char, before: Option<char>, after: Option<char>) -> bool {
    let (Some(before), Some(after)) = (before, after) else {
        return false;
    };
    let emoji =
        c == '\u{200D}' && is_emoji_part(before) && after.is_emoji_char() && !after.is_ascii();
    emoji || (joins_letters(before) && joins_letters(after))
}

/// The first character of `text` that a name, title or number may not hold.
pub fn find(text: &str) -> Option<Found> {
    let mut before = None;
    let mut chars = text.chars().enumerate().peekable();
    while let Some((index, c)) = chars.next() {
        if is_invisible(c) {
            let after = chars.peek().map(|&(_, next)| next);
            let kept = matches!(c, '\u{200C}' | '\u{200D}') && joins(c, before, after);
            if !kept {
                let hidden = if is_bidi_control(c) {
                    Hidden::Reverses
                } else {
                    Hidden::Invisible
                };
                return Some(Found {
                    index,
                    char: c,
                    hidden,
                });
            }
        }
        before = Some(c);
    }
    None
}

/// The Unicode name of the characters most likely to be met.
fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{034F}' => "COMBINING GRAPHEME JOINER",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{115F}' => "HANGUL CHOSEONG FILLER",
        '\u{1160}' => "HANGUL JUNGSEONG FILLER",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{3164}' => "HANGUL FILLER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        '\u{FFA0}' => "HALFWIDTH HANGUL FILLER",
        '\u{FFF9}' => "INTERLINEAR ANNOTATION ANCHOR",
        '\u{FFFA}' => "INTERLINEAR ANNOTATION SEPARATOR",
        '\u{FFFB}' => "INTERLINEAR ANNOTATION TERMINATOR",
        '\u{E0001}' => "LANGUAGE TAG",
        '\u{E007F}' => "CANCEL TAG",
        _ => return None,
    })
}

/// `U+202E (RIGHT-TO-LEFT OVERRIDE)`; a character without a name here gets its kind.
pub fn describe(c: char) -> Message {
    let code = format!("U+{:04X}", u32::from(c));
    match name(c) {
        Some(name) => msg!("char-named", code, name),
        None if c.is_control() => msg!("char-control", code),
        None if ('\u{E0000}'..='\u{E007F}').contains(&c) => msg!("char-tag", code),
        None => msg!("char-format", code),
    }
}

/// The message for `found` in the value that `field` names (`the party name`).
pub fn message(field: Message, found: &Found) -> Message {
    let character = describe(found.char);
    match found.hidden {
        Hidden::Reverses => msg!("text-reversing-character", field, character),
        Hidden::Invisible => msg!("text-invisible-character", field, character),
    }
}

/// Reports the first refused character of `text`, a value the parser found at `at` (its line
/// and column), under `field`; returns whether the text was clean. The error points at the
/// character itself when the value is written on its line as it reads, plain or in quotes;
/// otherwise (an escape before it, a folded or block text) at the value.
pub fn check(
    file: &SourceFile,
    field: Message,
    text: &str,
    at: (usize, usize),
    diags: &mut Diagnostics,
) -> bool {
    let Some(found) = find(text) else {
        return true;
    };
    let (line, column) = at;
    let column = column_of(file, at, text, found.index).unwrap_or(column);
    diags.error(file, line, column, message(field, &found));
    false
}

/// [`check`] for a value that keeps its position.
pub fn check_value(
    file: &SourceFile,
    field: Message,
    value: &Spanned<String>,
    diags: &mut Diagnostics,
) -> bool {
    check(file, field, &value.value, position(value), diags)
}

/// The column of character `index` of `text`, when the source line at `at` has the text up to
/// and including that character written there as it is (after an opening quote, if any).
fn column_of(file: &SourceFile, at: (usize, usize), text: &str, index: usize) -> Option<usize> {
    let (line, column) = at;
    if line == 0 || column == 0 {
        return None;
    }
    let source = file.line_text(line + file.line_offset)?;
    let start = source.char_indices().nth(column - 1)?.0;
    let written = &source[start..];
    let quote = usize::from(written.starts_with(['"', '\'']));
    let wanted: String = text.chars().take(index + 1).collect();
    written[quote..]
        .starts_with(&wanted)
        .then_some(column + quote + index)
}

/// Checks the names, titles and organisation numbers of an agreement file; returns whether
/// they were all clean.
pub fn check_agreement(file: &SourceFile, raw: &AgreementFile, diags: &mut Diagnostics) -> bool {
    fn entry(field: Message, v: &Spanned<String>) -> (Message, &str, (usize, usize)) {
        (field, v.value.as_str(), position(v))
    }
    fn number(v: &Spanned<Text>) -> (Message, &str, (usize, usize)) {
        (msg!("field-org-number"), v.value.0.as_str(), position(v))
    }
    let mut values = vec![entry(msg!("field-title"), &raw.title)];
    values.extend(
        raw.short_title
            .iter()
            .map(|t| entry(msg!("field-short-title"), t)),
    );
    values.extend(
        raw.activities
            .iter()
            .map(|a| entry(msg!("field-activity-name"), &a.name)),
    );
    values.extend(
        raw.sources
            .value
            .iter()
            .map(|s| entry(msg!("field-source-title"), &s.title)),
    );
    for party in &raw.parties.value {
        values.push(entry(msg!("field-party-name"), &party.name));
        values.extend(party.org_number.iter().map(number));
        values.extend(party.unit.iter().map(|u| entry(msg!("field-unit"), u)));
        values.extend(
            party
                .contacts
                .iter()
                .map(|c| entry(msg!("field-contact-name"), &c.name)),
        );
        values.extend(
            party
                .signatories
                .iter()
                .map(|s| entry(msg!("field-signatory-name"), &s.name)),
        );
    }
    values.into_iter().fold(true, |clean, (field, text, at)| {
        check(file, field, text, at, diags) && clean
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<(usize, char, Hidden)> {
        find(text).map(|f| (f.index, f.char, f.hidden))
    }

    #[test]
    fn plain_text_and_swedish_letters_are_clean() {
        for text in [
            "Kalmar kommun",
            "Föreningen Ågården i Östra Göinge",
            "212000-0746",
            "212000\u{2011}0746",
            "Mötesplats\u{a0}Test",
            "tab\tand\nline",
            "",
        ] {
            assert_eq!(found(text), None, "{text:?}");
        }
    }

    #[test]
    fn bidi_controls_reverse() {
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ] {
            let text = format!("Kalmar{c} kommun");
            assert_eq!(found(&text), Some((6, c, Hidden::Reverses)), "{c:?}");
            assert!(is_bidi_control(c));
        }
    }

    #[test]
    fn invisible_characters_are_found() {
        for c in [
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{2061}',
            '\u{2062}',
            '\u{2063}',
            '\u{2064}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{180E}',
            '\u{3164}',
            '\u{115F}',
            '\u{034F}',
            '\u{2028}',
            '\u{E0041}',
            '\u{1D173}',
            '\u{0007}',
            '\u{0085}',
        ] {
            let text = format!("ab{c}c");
            assert_eq!(found(&text), Some((2, c, Hidden::Invisible)), "{c:?}");
        }
    }

    #[test]
    fn the_place_counts_characters_not_bytes() {
        assert_eq!(
            found("Förening\u{200B}"),
            Some((8, '\u{200B}', Hidden::Invisible))
        );
    }

    #[test]
    fn drawn_format_characters_are_kept() {
        assert_eq!(found("\u{0600}\u{0661}\u{0662}"), None);
    }

    #[test]
    fn joiners_are_kept_where_they_join() {
        // Woman technologist; rainbow flag (with its variation selector).
        assert_eq!(found("Kodklubb 👩\u{200D}💻"), None);
        assert_eq!(found("🏳\u{FE0F}\u{200D}🌈 Pride"), None);
        // Persian: a non-joiner between two letters.
        assert_eq!(found("می\u{200C}خواهم"), None);
        // Not between two emoji, or at an end, or between Latin letters.
        assert_eq!(found("a\u{200D}b").map(|f| f.1), Some('\u{200D}'));
        assert_eq!(found("1\u{200D}2").map(|f| f.1), Some('\u{200D}'));
        assert_eq!(found("👩\u{200D}").map(|f| f.1), Some('\u{200D}'));
        assert_eq!(found("\u{200D}💻").map(|f| f.1), Some('\u{200D}'));
        assert_eq!(found("👩\u{200C}💻").map(|f| f.1), Some('\u{200C}'));
        assert_eq!(found("👩\u{200D}\u{200D}💻").map(|f| f.1), Some('\u{200D}'));
    }

    #[test]
    fn characters_are_shown_by_code_and_name() {
        assert_eq!(
            describe('\u{202E}').to_string(),
            "U+202E (RIGHT-TO-LEFT OVERRIDE)"
        );
        assert_eq!(describe('\u{AD}').to_string(), "U+00AD (SOFT HYPHEN)");
        assert_eq!(
            describe('\u{E0041}').to_string(),
            "U+E0041 (a tag character)"
        );
        assert_eq!(
            describe('\u{7}').to_string(),
            "U+0007 (a control character)"
        );
        assert_eq!(
            describe('\u{1D173}').to_string(),
            "U+1D173 (a format character)"
        );
    }

    fn column(line: &str, at: (usize, usize), text: &str) -> Option<usize> {
        let file = SourceFile::new("a.yaml", format!("x: 1\n{line}\n"));
        let index = find(text)?.index;
        column_of(&file, at, text, index)
    }

    #[test]
    fn the_column_is_the_characters_when_written_as_it_reads() {
        let text = "Fö\u{202E}rening";
        assert_eq!(
            column(&format!("  - name: {text}"), (2, 11), text),
            Some(13)
        );
        assert_eq!(
            column(&format!("  - name: \"{text}\""), (2, 11), text),
            Some(14)
        );
        assert_eq!(
            column(&format!("  - name: '{text}'"), (2, 11), text),
            Some(14)
        );
        // An escape: the character is not in the file where the text has it.
        assert_eq!(column("  - name: \"Fö\\u202Erening\"", (2, 11), text), None);
        // A folded text: the value starts on another line.
        assert_eq!(column("  - name: >-", (2, 11), text), None);
        assert_eq!(column("x", (0, 0), text), None);
    }
}
