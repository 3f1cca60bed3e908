//! Warnings for the placeholders that `iopsite init` and `iopsite new` write into their
//! skeletons (`NAMN`, `Exempelkommunen`, the guidance marked `MALLTEXT` …) and that are still
//! in the content: a site published with them names parties that do not exist or shows the
//! skeleton's instructions as text.
//!
//! The skeletons take their placeholders from [`PLACEHOLDERS`], and the tests of
//! `scaffold` hold every value of every skeleton to it, so the two cannot drift apart.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::load::scalar::value_ranges;
use crate::load::{Content, Document, Loaded};

/// Text a skeleton holds where the user must write their own. Each is matched as a whole
/// word, with this case, and holds no white space (so that a folded YAML line cannot split it).
pub const PLACEHOLDERS: &[&str] = &[
    // An agreement's name, in its title and short title.
    "NAMN",
    // The parties of the agreement skeleton.
    "Exempelkommunen",
    "Exempelföreningen",
    // The host of the site skeleton's `base_url` (`.example` is reserved for examples).
    "exempelkommunen.example",
    // Starts each piece of guidance in a skeleton's texts, to be replaced by the real text.
    "MALLTEXT",
];

/// The guidance marker of [`PLACEHOLDERS`], for the skeletons that write guidance.
pub const GUIDANCE: &str = "MALLTEXT";

/// At most this many placeholders are reported in one file; the rest are counted.
const MAX_PER_FILE: usize = 50;

/// The warning for a placeholder left in the content.
pub fn message(placeholder: &str) -> crate::l10n::Message {
    crate::msg!("placeholder-left", placeholder)
}

/// The warning that ends a file's list of placeholders when it holds more than
/// [`MAX_PER_FILE`].
fn more_message(more: usize) -> crate::l10n::Message {
    crate::msg!("placeholder-more", more)
}

static FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(PLACEHOLDERS)
        .expect("a handful of short literal patterns always builds")
});

/// Every placeholder in `text` that stands as a whole word, with its byte range.
pub fn find(text: &str) -> impl Iterator<Item = (Range<usize>, &'static str)> + '_ {
    FINDER.find_iter(text).filter_map(move |hit| {
        let placeholder = PLACEHOLDERS[hit.pattern().as_usize()];
        let joined = |edge: Option<char>, own: Option<char>| {
            own.is_some_and(char::is_alphanumeric) && edge.is_some_and(char::is_alphanumeric)
        };
        let before = text[..hit.start()].chars().next_back();
        let after = text[hit.end()..].chars().next();
        let whole = !joined(before, placeholder.chars().next())
            && !joined(after, placeholder.chars().next_back());
        whole.then_some((hit.range(), placeholder))
    })
}

/// Warns at every placeholder left in the values of the YAML files and the front matter and
/// text of the reports and pages. Comments are not looked at: the skeletons' own comments
/// may stay.
pub(crate) fn warn(content: &Content, diags: &mut Diagnostics) {
    if let Some(site) = &content.site {
        in_yaml(&site.file, 0, site.file.text().len(), diags);
    }
    let agreements: Vec<Diagnostics> = content
        .agreements
        .par_iter()
        .map(|loaded| {
            let mut found = Diagnostics::new();
            in_yaml(&loaded.file, 0, loaded.file.text().len(), &mut found);
            found
        })
        .collect();
    let reports: Vec<Diagnostics> = content.reports.par_iter().map(in_document).collect();
    let pages: Vec<Diagnostics> = content.pages.par_iter().map(in_document).collect();
    for found in agreements.into_iter().chain(reports).chain(pages) {
        diags.extend(found);
    }
}

/// A report or page: the values of its front matter and its text.
fn in_document<T>(loaded: &Loaded<Document<T>>) -> Diagnostics {
    let mut found = Diagnostics::new();
    let text = loaded.file.text();
    // The file holds the front matter, from the line after the first `---` to the next line
    // `---`, and, when its parse was taken from a cache, the body after it.
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = start;
    let mut close = None;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((end, head)) = close else {
        return found;
    };
    in_yaml(&loaded.file, start, end, &mut found);
    let body = &loaded.data.body;
    if find(body).next().is_some() {
        // Only now the whole text is put together again, to quote the lines.
        let whole = SourceFile::new(
            loaded.file.display_path.clone(),
            format!("{}{body}", &text[..head]),
        );
        let hits = find(body).map(|(range, p)| (head + range.start, p));
        report(&whole, hits, &mut found);
    }
    found
}

/// The placeholders in the scalar values of the YAML in bytes `start..end` of `file`.
fn in_yaml(file: &SourceFile, start: usize, end: usize, diags: &mut Diagnostics) {
    let Some(yaml) = file.text().get(start..end) else {
        return;
    };
    if find(yaml).next().is_none() {
        return;
    }
    // Parsed a second time, and only when a placeholder is written somewhere, to leave out
    // those in comments.
    let mut values = value_ranges(yaml);
    values.sort_by_key(|v| v.start);
    let mut next = 0;
    let hits = find(yaml)
        .filter(|(range, _)| {
            // Both in the order of the text: skip the values that end before this hit.
            while values.get(next).is_some_and(|v| v.end <= range.start) {
                next += 1;
            }
            values.get(next).is_some_and(|v| v.contains(&range.start))
        })
        .map(|(range, p)| (start + range.start, p));
    report(file, hits, diags);
}

/// One warning for each placeholder at a byte offset of `file`'s text, in order.
fn report<'a>(
    file: &SourceFile,
    hits: impl Iterator<Item = (usize, &'a str)>,
    diags: &mut Diagnostics,
) {
    let text = file.text();
    let mut whole = file.clone();
    whole.line_offset = 0;
    let (mut line, mut line_start, mut scanned) = (1, 0, 0);
    let mut shown = 0;
    let mut more = 0;
    for (offset, placeholder) in hits {
        if shown == MAX_PER_FILE {
            more += 1;
            continue;
        }
        for (i, _) in text[scanned..offset].match_indices('\n') {
            line += 1;
            line_start = scanned + i + 1;
        }
        scanned = offset;
        let column = text[line_start..offset].chars().count() + 1;
        diags.warning(&whole, line, column, message(placeholder));
        shown += 1;
    }
    if more > 0 {
        diags.warning(&whole, line, 0, more_message(more));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_whole_words_without_spaces() {
        for p in PLACEHOLDERS {
            assert!(!p.contains(char::is_whitespace), "{p}");
        }
        assert!(PLACEHOLDERS.contains(&GUIDANCE));
        let found = |text: &str| find(text).map(|(r, p)| (r.start, p)).collect::<Vec<_>>();
        assert_eq!(found("för NAMN."), [(5, "NAMN")]);
        assert_eq!(found("NAMNET, namn, FÖRNAMN, NAMN2"), []);
        assert_eq!(
            found("https://www.exempelkommunen.example/iop/"),
            [(12, "exempelkommunen.example")]
        );
        assert_eq!(found("<!-- MALLTEXT: skriv"), [(5, "MALLTEXT")]);
        assert_eq!(found("Exempelkommunens"), []);
    }

    #[test]
    fn only_values_are_looked_at_and_positions_count_characters() {
        let text =
            "# NAMN: the name\ntitle: Överenskommelse för NAMN # NAMN\nsummary: >-\n  Två NAMN\n";
        let file = SourceFile::new("agreements/x.yaml", text);
        let mut diags = Diagnostics::new();
        in_yaml(&file, 0, text.len(), &mut diags);
        let found: Vec<(usize, usize)> = diags.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(found, [(2, 28), (4, 7)]);
        assert!(diags.iter().all(|d| !d.is_error()));
        let first = diags.iter().next().unwrap();
        assert_eq!(
            first.text(),
            "`NAMN` is a placeholder from the skeleton; replace it with your own text"
        );
        assert_eq!(
            first.source_line.as_deref(),
            Some("title: Överenskommelse för NAMN # NAMN")
        );
    }

    #[test]
    fn a_document_is_looked_at_whether_its_file_holds_the_body_or_not() {
        use crate::load::parse_document;
        use crate::load::schema::PageFrontMatter;
        let text = "---\n# NAMN\ntitle: NAMN\n---\nText.\n\n<!-- MALLTEXT: skriv -->\n";
        let mut truncated = SourceFile::new("pages/x.md", text);
        let mut diags = Diagnostics::new();
        let data = parse_document::<PageFrontMatter>(&mut truncated, &mut diags).unwrap();
        assert!(truncated.text().len() < text.len());
        // A parse taken from `serve`'s cache keeps the whole file.
        for file in [truncated, SourceFile::new("pages/x.md", text)] {
            let loaded = Loaded {
                id: "x".into(),
                file,
                data: data.clone(),
            };
            let found: Vec<(usize, usize, Option<String>)> = in_document(&loaded)
                .iter()
                .map(|d| (d.line, d.column, d.source_line.clone()))
                .collect();
            assert_eq!(
                found,
                [
                    (3, 8, Some("title: NAMN".into())),
                    (7, 6, Some("<!-- MALLTEXT: skriv -->".into()))
                ]
            );
        }
    }

    #[test]
    fn many_placeholders_in_one_file_are_counted_after_the_first_fifty() {
        let text = "x: >-\n".to_string() + &"  NAMN\n".repeat(60);
        let file = SourceFile::new("site.yaml", text.as_str());
        let mut diags = Diagnostics::new();
        in_yaml(&file, 0, text.len(), &mut diags);
        assert_eq!(diags.warning_count(), MAX_PER_FILE + 1);
        let last = diags.iter().last().unwrap();
        assert_eq!(
            last.text(),
            "this file holds 10 more placeholders from the skeleton after this one"
        );
    }
}
