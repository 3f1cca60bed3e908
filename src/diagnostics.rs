//! Problems found in a site's content, each tied to a file, line and column, and printed
//! the way a compiler would: the message, then the offending line with a caret under it.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::l10n::{Language, Message};
use crate::msg;

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
    /// What is wrong: a code and its arguments, put into words when shown (see [`crate::l10n`]).
    pub message: Message,
    /// The text of the offending line, when there is one.
    pub source_line: Option<String>,
}

impl Severity {
    /// `error` or `warning`, as JSON and GitHub's workflow commands name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// The label in front of a problem: `error`/`fel`, `warning`/`varning`.
    pub fn label(self, language: Language) -> String {
        match self {
            Severity::Error => msg!("severity-error"),
            Severity::Warning => msg!("severity-warning"),
        }
        .render(language)
    }
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The problem's stable code, e.g. `date-invalid`.
    pub fn code(&self) -> &'static str {
        self.message.code
    }

    /// The message in English (the language the tests compare in).
    pub fn text(&self) -> String {
        self.message.render(Language::En)
    }

    /// The message in `language`.
    pub fn text_in(&self, language: Language) -> String {
        self.message.render(language)
    }

    /// The problem as a terminal shows it, in `language`: label, place, message, and the
    /// offending line with a caret.
    pub fn display(&self, language: Language) -> Shown<'_> {
        Shown {
            diagnostic: self,
            language,
        }
    }
}

/// A [`Diagnostic`] in one language; see [`Diagnostic::display`].
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    language: Language,
}

/// In English; [`Diagnostic::display`] shows it in another language.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.display(Language::En).fmt(f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        let label = d.severity.label(self.language);
        let message = d.text_in(self.language);
        let path = d.path.display();
        match (d.line, d.column) {
            (0, _) => write!(f, "{label}: {path}: {message}")?,
            (line, 0) => write!(f, "{label}: {path}:{line}: {message}")?,
            (line, col) => write!(f, "{label}: {path}:{line}:{col}: {message}")?,
        }
        if let Some(full) = &d.source_line {
            let (text, column) = window(full, d.column);
            let number = d.line.to_string();
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
        message: Message,
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
            message,
            source_line: file.line_text(line),
        });
    }

    pub fn error(&mut self, file: &SourceFile, line: usize, column: usize, message: Message) {
        self.at(Severity::Error, file, line, column, message);
    }

    pub fn warning(&mut self, file: &SourceFile, line: usize, column: usize, message: Message) {
        self.at(Severity::Warning, file, line, column, message);
    }

    /// Records a problem that concerns a whole file (unreadable, not UTF-8, bad name).
    pub fn file_error(&mut self, path: &Path, message: Message) {
        self.items.push(Diagnostic {
            severity: Severity::Error,
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message,
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
        d.error(&file, 3, 11, msg!("goal-unknown", number = 18));
        let all = d.sorted();
        let text = all[0].to_string();
        assert_eq!(
            text,
            "error: agreements/a.yaml:3:11: goal 18 does not exist; the Agenda 2030 goals are numbered 1 to 17\n  |\n3 |   - goal: 18\n  |           ^"
        );
        let swedish = all[0].display(Language::Sv).to_string();
        assert!(
            swedish.starts_with("fel: agreements/a.yaml:3:11: mål 18 finns inte;"),
            "{swedish}"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let long = format!("title: {}", "[".repeat(5000));
        let file = SourceFile::new("a.yaml", long);
        let mut d = Diagnostics::new();
        d.error(&file, 1, 3000, msg!("file-empty"));
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
        d.error(&file, 1, 7, msg!("file-empty"));
        let diag = &d.sorted()[0];
        assert_eq!(diag.line, 2);
        assert_eq!(diag.source_line.as_deref(), Some("year: x"));
    }
}
