//! Problems found in a site's content, each tied to a file, line and column, and printed
//! the way a compiler would: the message, then the offending line with a caret under it.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the user's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as shown to the user (relative to the site folder where possible).
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// The text of the offending line, when there is one.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = self.path.display();
        match (self.line, self.column) {
            (0, _) => write!(f, "{label}: {path}: {}", self.message)?,
            (line, 0) => write!(f, "{label}: {path}:{line}: {}", self.message)?,
            (line, col) => write!(f, "{label}: {path}:{line}:{col}: {}", self.message)?,
        }
        if let Some(full) = &self.source_line {
            let (text, column) = window(full, self.column);
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            // Tabs are kept so the caret lines up under the same character in a terminal.
            let lead: String = text
                .chars()
                .take(column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{pad} |\n{number} | {text}\n{pad} | {lead}^")?;
        }
        Ok(())
    }
}

/// At most `WIDTH` characters of a long line around `column`, with the column adjusted.
fn window(line: &str, column: usize) -> (String, usize) {
    const WIDTH: usize = 120;
    let count = line.chars().count();
    if count <= WIDTH {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(WIDTH / 2).min(count - WIDTH);
    let mut text: String = line.chars().skip(start).take(WIDTH).collect();
    let mut column = column - start;
    if start > 0 {
        text.insert(0, '…');
        column += 1;
    }
    if start + WIDTH < count {
        text.push('…');
    }
    (text, column)
}

/// The text of one content file, kept so that diagnostics can quote the offending line.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path shown to the user.
    pub display_path: PathBuf,
    text: String,
    /// Byte offset of the start of each line, so quoting a line costs no scan of the file
    /// (a file can have thousands of problems).
    line_starts: Vec<usize>,
    /// Lines in `text` that precede line 1 of what the YAML parser saw (front matter offset).
    pub line_offset: usize,
}

impl SourceFile {
    pub fn new(display_path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            display_path: display_path.into(),
            text,
            line_starts,
            line_offset: 0,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Keeps only the first `len` bytes (at a line start or the end) of the text.
    pub fn truncate(&mut self, len: usize) {
        if len < self.text.len() && self.text.is_char_boundary(len) {
            self.text.truncate(len);
            self.text.shrink_to_fit();
            self.line_starts.retain(|&start| start <= len);
            self.line_starts.shrink_to_fit();
        }
    }

    /// The text of 1-based `line` of the file, without its line ending.
    pub fn line_text(&self, line: usize) -> Option<String> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        if start >= self.text.len() && line > 1 {
            return None;
        }
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        Some(self.text[start..end].trim_end_matches('\r').to_string())
    }
}

/// Collects every problem of a run, so the user sees all of them at once.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem at a position of a parsed file. `line` and `column` are as the YAML
    /// parser reported them (1-based, 0 for unknown); the file's front-matter offset is added.
    pub fn at(
        &mut self,
        severity: Severity,
        file: &SourceFile,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) {
        let line = if line == 0 {
            0
        } else {
            line + file.line_offset
        };
        self.items.push(Diagnostic {
            severity,
            path: file.display_path.clone(),
            line,
            column,
            message: message.into(),
            source_line: file.line_text(line),
        });
    }

    pub fn error(
        &mut self,
        file: &SourceFile,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) {
        self.at(Severity::Error, file, line, column, message);
    }

    pub fn warning(
        &mut self,
        file: &SourceFile,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) {
        self.at(Severity::Warning, file, line, column, message);
    }

    /// Records a problem that concerns a whole file (unreadable, not UTF-8, bad name).
    pub fn file_error(&mut self, path: &Path, message: impl Into<String>) {
        self.items.push(Diagnostic {
            severity: Severity::Error,
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
            source_line: None,
        });
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The problems in a stable order: by file, then position, so output is reproducible
    /// even though files are parsed in parallel.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_line_and_caret() {
        let file = SourceFile::new("agreements/a.yaml", "title: x\ngoals:\n  - goal: 18\n");
        let mut d = Diagnostics::new();
        d.error(&file, 3, 11, "goal 18 does not exist");
        let text = d.sorted()[0].to_string();
        assert_eq!(
            text,
            "error: agreements/a.yaml:3:11: goal 18 does not exist\n  |\n3 |   - goal: 18\n  |           ^"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let long = format!("title: {}", "[".repeat(5000));
        let file = SourceFile::new("a.yaml", long);
        let mut d = Diagnostics::new();
        d.error(&file, 1, 3000, "x");
        let text = d.sorted()[0].to_string();
        let quoted = text.lines().nth(2).unwrap();
        assert!(quoted.chars().count() < 140, "{quoted}");
        let caret = text.lines().nth(3).unwrap();
        // The caret stands under the same character: "…" plus 60 characters of context.
        let at = caret.chars().count() - 1;
        assert_eq!(at, "1 | …".chars().count() + 59, "{caret}");
        assert_eq!(quoted.chars().nth(at), Some('['));
    }

    #[test]
    fn line_text_by_index() {
        let file = SourceFile::new("a", "one\r\ntwo\n\nfour");
        let lines: Vec<_> = (0..6).map(|n| file.line_text(n)).collect();
        assert_eq!(
            lines,
            [
                None,
                Some("one".into()),
                Some("two".into()),
                Some("".into()),
                Some("four".into()),
                None
            ]
        );
        assert_eq!(SourceFile::new("b", "x\n").line_text(2), None);
    }

    #[test]
    fn front_matter_offset_is_added() {
        let mut file = SourceFile::new("reports/r.md", "---\nyear: x\n---\n");
        file.line_offset = 1;
        let mut d = Diagnostics::new();
        d.error(&file, 1, 7, "bad year");
        let diag = &d.sorted()[0];
        assert_eq!(diag.line, 2);
        assert_eq!(diag.source_line.as_deref(), Some("year: x"));
    }
}
