//! What the command line prints about a run, in the chosen language (see [`crate::l10n`]):
//! the problems, as a person reads them (`human`), as one JSON array (`json`) or as GitHub
//! Actions workflow commands (`github`), and the closing summary line.
//!
//! In the human format problems go to stderr and the summary to stdout. In the two machine
//! formats stdout holds only the problems, so it can be read as it is; the summary goes to
//! stderr.

use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::diagnostics::{Diagnostic, Severity};
use crate::l10n::{Language, Message};
use crate::{Failure, Outcome, msg};

/// How problems are printed: `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// For a person at a terminal: the message, the line and a caret.
    #[default]
    Human,
    /// One JSON array of objects (file, line, column, severity, code, message).
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`), which GitHub
    /// shows as annotations on the lines of a pull request.
    Github,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "github" => Ok(Format::Github),
            _ => Err(format!(
                "`{text}` is not a format; use human, json or github"
            )),
        }
    }
}

/// Which command ran, for its summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Built,
    Checked,
}

/// Prints a run's outcome in one format and language.
#[derive(Debug, Clone)]
pub struct Printer {
    pub format: Format,
    pub language: Language,
    /// The site folder as given on the command line. A problem's file is shown from the site
    /// folder, but a GitHub annotation names it from the folder the command runs in (the
    /// repository's root in a workflow), so `github` puts this folder in front.
    pub site_dir: Option<PathBuf>,
}

impl Printer {
    /// Prints the problems and the summary of a `build` or `check`; returns whether the run
    /// succeeded (no error).
    pub fn report(&self, result: &Result<Outcome, Failure>, verb: Verb, quiet: bool) -> bool {
        match result {
            Ok(outcome) => {
                self.problems(&outcome.warnings);
                if !quiet {
                    self.summary(&summary(outcome, verb).render(self.language));
                }
                true
            }
            Err(Failure::Content(diagnostics)) => {
                self.problems(diagnostics);
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                let counts = msg!(
                    "summary-counts",
                    errors,
                    warnings = diagnostics.len() - errors
                );
                let line = match verb {
                    Verb::Built => msg!("summary-nothing-written", counts),
                    Verb::Checked => counts,
                };
                eprintln!("{}", line.render(self.language));
                false
            }
            Err(Failure::Write(write)) => {
                self.problems(&[]);
                self.error(&write.message().render(self.language));
                false
            }
        }
    }

    /// Prints `diagnostics` in the chosen format.
    pub fn problems(&self, diagnostics: &[Diagnostic]) {
        match self.format {
            Format::Human => {
                for d in diagnostics {
                    eprintln!("{}\n", d.display(self.language));
                }
            }
            Format::Json => println!("{}", json(diagnostics, self.language)),
            Format::Github => print!(
                "{}",
                github(diagnostics, self.language, self.site_dir.as_deref())
            ),
        }
    }

    /// The closing line of a good run: on stdout for a person, on stderr beside the machine
    /// formats.
    fn summary(&self, line: &str) {
        match self.format {
            Format::Human => println!("{line}"),
            Format::Json | Format::Github => eprintln!("{line}"),
        }
    }

    /// An error that is not about the content (a folder that cannot be written, a name that
    /// is taken), after the label `error:` in the chosen language.
    pub fn error(&self, text: &dyn Display) {
        eprintln!("{}: {text}", Severity::Error.label(self.language));
    }

    /// `created PATH`, for each file a scaffolding command made.
    pub fn created(&self, path: &Path) {
        let path = path.display().to_string();
        println!("{}", msg!("created", path).render(self.language));
    }
}

/// The summary line of a good run: what was made, how long it took, the date of the statuses.
fn summary(outcome: &Outcome, verb: Verb) -> Message {
    let site = &outcome.site;
    let message = match verb {
        Verb::Built => msg!("summary-built"),
        Verb::Checked => msg!("summary-checked"),
    };
    message
        .arg("pages", outcome.rendered.pages)
        .arg("charts", outcome.rendered.charts.count)
        .arg("files", outcome.rendered.files)
        .arg("agreements", site.agreements.len())
        .arg("reports", site.reports.len())
        .arg("warnings", outcome.warnings.len())
        .arg("ms", outcome.elapsed.as_millis().to_string())
        .arg(
            "chart_ms",
            format!("{:.1}", outcome.rendered.charts.time.as_secs_f64() * 1000.0),
        )
        .arg("as_of", site.config.as_of.to_string())
}

/// One problem as a JSON object.
#[derive(Debug, serde::Serialize)]
struct JsonProblem<'a> {
    file: String,
    /// `null` when the problem concerns the whole file.
    line: Option<usize>,
    /// `null` when not known.
    column: Option<usize>,
    severity: &'static str,
    code: &'a str,
    message: String,
}

/// `diagnostics` as a JSON array (`[]` when there are none), messages in `language`.
pub fn json(diagnostics: &[Diagnostic], language: Language) -> String {
    let items: Vec<JsonProblem> = diagnostics
        .iter()
        .map(|d| JsonProblem {
            file: d.path.display().to_string(),
            line: (d.line > 0).then_some(d.line),
            column: (d.line > 0 && d.column > 0).then_some(d.column),
            severity: d.severity.as_str(),
            code: d.code(),
            message: d.text_in(language),
        })
        .collect();
    // Serialising strings and numbers cannot fail.
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string())
}

/// `diagnostics` as GitHub Actions workflow commands, one line each. A file is named from the
/// folder the command runs in: `site_dir` (the site folder as given) joined with its path in
/// the site, with the current folder taken off an absolute `site_dir` below it.
pub fn github(diagnostics: &[Diagnostic], language: Language, site_dir: Option<&Path>) -> String {
    let here = std::env::current_dir().ok();
    let base = site_dir.map(|dir| match &here {
        Some(here) => dir.strip_prefix(here).unwrap_or(dir),
        None => dir,
    });
    let mut out = String::new();
    for d in diagnostics {
        let file = match base {
            Some(base) if d.path.is_relative() && !base.as_os_str().is_empty() => {
                base.join(&d.path)
            }
            _ => d.path.clone(),
        };
        let file = file
            .strip_prefix(".")
            .unwrap_or(&file)
            .display()
            .to_string();
        let mut properties = vec![format!("file={}", property(&file))];
        if d.line > 0 {
            properties.push(format!("line={}", d.line));
            if d.column > 0 {
                properties.push(format!("col={}", d.column));
            }
        }
        properties.push(format!(
            "title={}",
            property(&format!("iopsite {}", d.code()))
        ));
        out.push_str(&format!(
            "::{} {}::{}\n",
            d.severity.as_str(),
            properties.join(","),
            data(&d.text_in(language))
        ));
    }
    out
}

/// A workflow command's message: `%`, carriage return and line feed escaped, as GitHub's
/// runner reads them back.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: as [`data`], and `:` and `,`, which separate
/// properties, escaped too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Diagnostics, SourceFile};

    fn sample() -> Vec<Diagnostic> {
        let file = SourceFile::new("content/agreements/a,b:c.yaml", "goals:\n  - goal: 18\n");
        let mut d = Diagnostics::new();
        d.error(&file, 2, 11, msg!("goal-unknown", number = "18"));
        d.warning(
            &file,
            0,
            0,
            msg!("yaml-parser", detail = "100% sure\r\nsecond line"),
        );
        d.sorted()
    }

    #[test]
    fn github_files_are_named_from_the_folder_the_command_runs_in() {
        let named = |dir: Option<&Path>| {
            let text = github(&sample(), Language::En, dir);
            let line = text.lines().nth(1).unwrap_or_default().to_string();
            line.split(',').next().unwrap_or_default().to_string()
        };
        assert_eq!(
            named(None),
            "::error file=content/agreements/a%2Cb%3Ac.yaml"
        );
        assert_eq!(
            named(Some(Path::new("."))),
            "::error file=content/agreements/a%2Cb%3Ac.yaml"
        );
        assert_eq!(
            named(Some(Path::new("site"))),
            "::error file=site/content/agreements/a%2Cb%3Ac.yaml"
        );
        let here = std::env::current_dir().expect("current folder");
        assert_eq!(
            named(Some(&here.join("docs/site"))),
            "::error file=docs/site/content/agreements/a%2Cb%3Ac.yaml"
        );
    }

    #[test]
    fn github_commands_escape_what_github_reads_back() {
        let text = github(&sample(), Language::En, None);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "::warning file=content/agreements/a%2Cb%3Ac.yaml,title=iopsite yaml-parser::100%25 sure%0D%0Asecond line",
                "::error file=content/agreements/a%2Cb%3Ac.yaml,line=2,col=11,title=iopsite goal-unknown::goal 18 does not exist; the Agenda 2030 goals are numbered 1 to 17",
            ]
        );
    }

    #[test]
    fn json_has_every_field_and_nulls_for_a_whole_file() {
        let text = json(&sample(), Language::Sv);
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let items = value.as_array().expect("an array");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["line"], serde_json::Value::Null);
        assert_eq!(items[0]["severity"], "warning");
        assert_eq!(items[1]["line"], 2);
        assert_eq!(items[1]["column"], 11);
        assert_eq!(items[1]["code"], "goal-unknown");
        assert!(
            items[1]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("mål 18 finns inte")),
            "{text}"
        );
        assert_eq!(json(&[], Language::En), "[]");
    }

    #[test]
    fn formats_by_name() {
        assert_eq!("json".parse(), Ok(Format::Json));
        assert_eq!("github".parse(), Ok(Format::Github));
        assert_eq!("human".parse(), Ok(Format::Human));
        assert!("xml".parse::<Format>().is_err());
    }
}
