//! iopsite: a static-site generator for transparency pages about IOP agreements.
//!
//! The stages run in one direction: `load` → `validate` (with `config`) → `model` →
//! `render` (with `export`) → `write`. Each takes the previous stage's output and never
//! reaches back; `check` runs every stage but the last.

pub mod config;
pub mod diagnostics;
pub mod export;
pub mod load;
pub mod model;
pub mod orgnr;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod validate;
pub mod write;

use std::path::Path;
use std::time::{Duration, Instant};

pub use config::BuildOptions;
use diagnostics::{Diagnostic, Diagnostics};
use model::Site;
use render::OutputFile;

/// What a successful check or build produced.
#[derive(Debug)]
pub struct Outcome {
    pub site: Site,
    pub files: Vec<OutputFile>,
    /// Warnings (a successful run has no errors).
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// Charts drawn, and the time spent drawing them (summed over threads).
    pub charts: render::ChartStats,
}

impl Outcome {
    pub fn page_count(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count()
    }
}

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{} error(s) in the content", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

/// Loads, validates, models and renders the site in `site_dir`, without writing anything.
pub fn check(site_dir: &Path, options: &BuildOptions) -> Result<Outcome, Failure> {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let content = load::load(site_dir, &mut diags);
    let theme = render::theme::Theme::load(site_dir, &mut diags);
    let checked = validate::validate(content, options, &mut diags);
    let (Some(checked), false) = (checked, diags.has_errors()) else {
        return Err(Failure::Content(diags.sorted()));
    };
    let site = model::build(checked);
    match render::render(&site, &theme, &mut diags) {
        Some((files, charts)) if !diags.has_errors() => Ok(Outcome {
            site,
            files,
            warnings: diags.sorted(),
            elapsed: started.elapsed(),
            charts,
        }),
        _ => Err(Failure::Content(diags.sorted())),
    }
}

/// Checks the site, then writes it to `out_dir` (default `site_dir/output`), replacing the
/// previous output whole. On any error the previous output is left exactly as it was.
pub fn build(
    site_dir: &Path,
    out_dir: Option<&Path>,
    options: &BuildOptions,
) -> Result<Outcome, Failure> {
    let started = Instant::now();
    let mut outcome = check(site_dir, options)?;
    let default_out = site_dir.join("output");
    write::write_site(out_dir.unwrap_or(&default_out), &outcome.files)?;
    outcome.elapsed = started.elapsed();
    Ok(outcome)
}

/// Entry points that take one file's text, for fuzzing and tests: they run the same code
/// as a build and must never panic.
pub mod single {
    use crate::diagnostics::{Diagnostics, SourceFile};

    /// Parses and checks one agreement file; returns its problems.
    pub fn check_agreement(text: &str) -> Diagnostics {
        let mut diags = Diagnostics::new();
        let file = SourceFile::new("agreements/fuzz.yaml", text);
        if let Some(data) =
            crate::load::parse_yaml::<crate::load::schema::AgreementFile>(&file, text, &mut diags)
        {
            let loaded = crate::load::Loaded {
                id: "fuzz".into(),
                file,
                data,
            };
            let _ = crate::validate::check_agreement(&loaded, &mut diags);
        }
        diags
    }

    /// Parses a report's front matter and renders its Markdown body; `None` if the front
    /// matter has a problem.
    pub fn render_report(text: &str) -> Option<String> {
        let mut diags = Diagnostics::new();
        let file = SourceFile::new("reports/fuzz.md", text);
        let document = crate::load::parse_document::<crate::load::schema::ReportFrontMatter>(
            &file, &mut diags,
        )?;
        Some(crate::render::markdown::to_html(&document.body, 3))
    }
}
