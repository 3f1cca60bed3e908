//! How much content a site may have: per file, in all, and per Markdown text. Each limit is far
//! above what honest content needs; they exist so that a runaway or hostile file is refused
//! with a clear message instead of exhausting the machine's memory. Sizes are in MiB
//! (1 MiB = 1,048,576 bytes).

/// One MiB in bytes.
pub const MIB: u64 = 1024 * 1024;

/// Files larger than this are refused: no honest agreement or report comes near it, and
/// reading a runaway file would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 8 * MIB;

/// All content files of a site together (`site.yaml`, agreements, reports and pages). A build
/// holds all content in memory, and needs about 2.6 times its size at its peak: a made-up
/// national registry of 10,000 agreements (`examples/corpus.rs`) is 227 MiB and builds in
/// 583 MiB. This limit is more than twice that registry.
pub const MAX_TOTAL_BYTES: u64 = 512 * MIB;

/// One attachment (a file under `content/files/`): a scanned agreement or a decision with its
/// appendices can be some tens of MiB. Attachments are not parsed, nor held together in memory:
/// each is read when it is written or served, those over [`MAX_FILE_BYTES`] one at a time.
pub const MAX_ATTACHMENT_BYTES: u64 = 64 * MIB;

/// All attachments of a site together; they do not count towards [`MAX_TOTAL_BYTES`], which
/// bounds memory. Every build copies them into the output, so this bounds the disk and time
/// a build takes: a registry of 10,000 agreements with three documents of 300 kB each would
/// have about 9 GB.
pub const MAX_ATTACHMENTS_TOTAL_BYTES: u64 = 16 * 1024 * MIB;

/// Marks one Markdown text may have (a report's or page's body, or all the Markdown fields of
/// one agreement together); see [`MarkCount`]. The Markdown parser keeps a node of 48 bytes
/// for every element of a text while it is rendered, up to two per mark, whatever the text's
/// size: 8 MiB of one-letter lines would need about 830 MB, the most marks allowed at most
/// about 250 MB. Ordinary prose has a few marks per hundred bytes; 8 MiB of `- item N` lines
/// has 1.2 million.
pub const MAX_MARKDOWN_MARKS: usize = 2_000_000;

/// `bytes` in MiB as people read it: whole MiB exactly (`8 MiB`), else with one decimal,
/// rounded up, so that a size over a limit never reads as equal to it.
pub fn mib(bytes: u64) -> String {
    if bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        let tenths = (u128::from(bytes) * 10).div_ceil(u128::from(MIB));
        format!("{}.{} MiB", tenths / 10, tenths % 10)
    }
}

/// `n` with thousands separated by commas, as the documentation writes it.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Counts the marks of Markdown texts, which bound the memory their rendering needs: every
/// line, every ASCII punctuation character (`-`, `*`, `|`, `[`, `#`, …), and in a table every
/// row once per column (the parser fills a short row up with empty cells). Every element the
/// parser keeps starts at a line or a punctuation character, or is a cell of a table, so a
/// text with few marks cannot need much memory, however it is written.
#[derive(Debug, Default)]
pub struct MarkCount {
    marks: usize,
}

/// Whether `texts` together surely have at most [`MAX_MARKDOWN_MARKS`] marks, found without
/// counting every byte: a byte is at most one mark (a newline or punctuation), so their
/// length, their lines and their table cells bound them. Almost every site's texts are far
/// below, and only a text of some MiB needs the count of [`MarkCount`].
pub fn surely_within_limit<'a>(texts: impl IntoIterator<Item = &'a str>) -> bool {
    let mut bound = 0;
    for text in texts {
        bound += text.len() + 1 + table_cells(text);
        if bound > MAX_MARKDOWN_MARKS {
            return false;
        }
    }
    true
}

impl MarkCount {
    /// Adds the marks of `text`. Returns the 0-based line of `text` on which the count passed
    /// [`MAX_MARKDOWN_MARKS`], if it did (then the count stops there).
    pub fn add(&mut self, text: &str) -> Option<usize> {
        // Counted in bulk first, and line by line only if the limit is passed.
        let marks = lines_and_punctuation(text.as_bytes()) + table_cells(text);
        if self.marks + marks <= MAX_MARKDOWN_MARKS {
            self.marks += marks;
            return None;
        }
        let mut table = 0;
        for (number, line) in text.split('\n').enumerate() {
            self.marks += lines_and_punctuation(line.as_bytes()) + table_cells_of(line, &mut table);
            if self.marks > MAX_MARKDOWN_MARKS {
                return Some(number);
            }
        }
        None
    }
}

/// The lines of `text` (one more than its newlines) and its ASCII punctuation characters.
fn lines_and_punctuation(text: &[u8]) -> usize {
    // Counted in 32 lanes of a byte each, which the compiler turns into vector instructions,
    // and added up before a lane can overflow.
    const LANES: usize = 32;
    let mut total = 1;
    for block in text.chunks(LANES * usize::from(u8::MAX)) {
        let mut lanes = [0u8; LANES];
        let mut rounds = block.chunks_exact(LANES);
        for round in &mut rounds {
            for (lane, &b) in lanes.iter_mut().zip(round) {
                *lane += u8::from(is_mark(b));
            }
        }
        total += lanes.iter().map(|&n| usize::from(n)).sum::<usize>();
        total += rounds.remainder().iter().filter(|&&b| is_mark(b)).count();
    }
    total
}

/// Whether `b` is a newline or ASCII punctuation: `!` to `/`, `:` to `@`, `[` to `` ` `` and
/// `{` to `~`. Written without branches, so that many bytes are tested at once.
fn is_mark(b: u8) -> bool {
    (b == b'\n')
        | (b.wrapping_sub(b'!') < 15)
        | (b.wrapping_sub(b':') < 7)
        | (b.wrapping_sub(b'[') < 6)
        | (b.wrapping_sub(b'{') < 4)
}

/// How many table cells the lines of `text` are charged: each line after a line that could be
/// a table's delimiter row, up to the next blank line, once per column of that row. Cheap
/// for a text without tables: only lines with a pipe are looked at.
pub fn table_cells(text: &str) -> usize {
    // Only lines with a pipe can be delimiter rows; they are found without looking at others.
    let bytes = text.as_bytes();
    let line_end =
        |from: usize| memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |i| from + i);
    let mut cells = 0;
    let mut at = 0;
    while let Some(pipe) = memchr::memchr(b'|', &bytes[at..]).map(|i| at + i) {
        let start = memchr::memrchr(b'\n', &bytes[..pipe]).map_or(0, |i| i + 1);
        at = line_end(pipe);
        let Some(mut columns) = delimiter_row_columns(&text[start..at]) else {
            continue;
        };
        // `at` is the newline ending the line before.
        while at < text.len() {
            let line_start = at + 1;
            at = line_end(line_start);
            let line = &text[line_start..at];
            if line.trim_ascii().is_empty() {
                break;
            }
            cells += columns;
            if let Some(next) = delimiter_row_columns(line) {
                columns = next;
            }
        }
    }
    cells
}

/// The cells `line` is charged, given the columns of the table it may be in (`table`, 0 for
/// none), which it updates: a blank line ends a table, a line that may be a delimiter row
/// starts one.
fn table_cells_of(line: &str, table: &mut usize) -> usize {
    if line.trim_ascii().is_empty() {
        *table = 0;
        return 0;
    }
    let cells = *table;
    if let Some(columns) = delimiter_row_columns(line) {
        *table = columns;
    }
    cells
}

/// If `line` may be a table's delimiter row, how many columns the table has: one per pipe,
/// less a leading pipe, plus one for a last column without a closing pipe. Errs on the side
/// of yes: block quote marks and indentation before it are skipped.
fn delimiter_row_columns(line: &str) -> Option<usize> {
    let row = line.trim_start_matches([' ', '\t', '>']).trim_ascii_end();
    let mut pipes = 0;
    let mut hyphen = false;
    for b in row.bytes() {
        match b {
            b'|' => pipes += 1,
            b'-' => hyphen = true,
            b':' | b' ' | b'\t' => {}
            _ => return None,
        }
    }
    let columns = pipes - usize::from(row.starts_with('|')) + usize::from(!row.ends_with('|'));
    (pipes > 0 && hyphen).then_some(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_mib() {
        assert_eq!(mib(8 * MIB), "8 MiB");
        assert_eq!(mib(512 * MIB), "512 MiB");
        assert_eq!(mib(8 * MIB + 1), "8.1 MiB");
        assert_eq!(mib(8_800_000), "8.4 MiB");
        assert_eq!(mib(50 * MIB + MIB / 2), "50.5 MiB");
        assert_eq!(thousands(2_000_000), "2,000,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }

    fn marks(text: &str) -> usize {
        let mut count = MarkCount::default();
        assert_eq!(count.add(text), None);
        count.marks
    }

    #[test]
    fn marks_are_lines_punctuation_and_table_cells() {
        assert_eq!(marks("Ett två tre"), 1);
        assert_eq!(marks("- item 1\n- item 2\n"), 5);
        assert_eq!(marks("*a* [b](c)"), 7);
        // Header and delimiter row: lines and punctuation; then each row once per column
        // (two), also a row without pipes, until a blank line.
        assert_eq!(
            marks("| a | b |\n|---|--:|\nx\n\ny\n"),
            (1 + 3) + (1 + 9) + (1 + 2) + 1 + 1 + 1
        );
        assert_eq!(marks("> |-|-|\n> a\n"), (1 + 6) + (1 + 1 + 2) + 1);
        assert_eq!(delimiter_row_columns("--|:-:|-- "), Some(3));
        assert_eq!(delimiter_row_columns("|--"), Some(1));
        assert_eq!(delimiter_row_columns("| a |"), None);
        // A thematic break or a setext underline is no delimiter row.
        assert_eq!(marks("---\na\n"), 4 + 1 + 1);
    }

    #[test]
    fn counted_in_bulk_as_line_by_line() {
        for text in [
            "",
            "a|b\n|-|-|\n",
            "| a | b |\n|---|--:|\nx\n| y |\n\nz | w\n|-|\n1\n2",
            "|-|\n|-|-|-|\na\n \nb\n|--\n\n\n",
            "text!\n> |:-:|\n> a\n>\nb|c\r\n",
        ] {
            let mut table = 0;
            let by_line: usize = text
                .split('\n')
                .map(|line| {
                    lines_and_punctuation(line.as_bytes()) + table_cells_of(line, &mut table)
                })
                .sum();
            let bulk = lines_and_punctuation(text.as_bytes()) + table_cells(text);
            assert_eq!(bulk, by_line, "{text:?}");
        }
        for b in 0..=255u8 {
            assert_eq!(is_mark(b), b.is_ascii_punctuation() || b == b'\n', "{b}");
        }
    }

    #[test]
    fn a_bound_without_counting() {
        assert!(surely_within_limit(["a", "b|c\n|-|-|\nd"]));
        let long = "a".repeat(MAX_MARKDOWN_MARKS);
        // Two million bytes of text without marks: within the limit, but not surely.
        assert!(!surely_within_limit([long.as_str()]));
        assert_eq!(MarkCount::default().add(&long), None);
        let mut cells = String::from("|-|-|\n");
        cells.push_str(&"x\n".repeat(MAX_MARKDOWN_MARKS / 2));
        assert!(!surely_within_limit([cells.as_str()]));
    }

    #[test]
    fn the_line_that_passes_the_limit() {
        // Two marks a line, and one for the empty line after the last newline.
        let mut count = MarkCount::default();
        assert_eq!(
            count.add(&"- item\n".repeat(MAX_MARKDOWN_MARKS / 2 - 1)),
            None
        );
        assert_eq!(count.marks, MAX_MARKDOWN_MARKS - 1);
        // The limit is reached on the first line, passed on the second.
        assert_eq!(count.add("a\n- b\n- c\n"), Some(1));
    }
}
