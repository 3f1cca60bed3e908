//! iopsite: a static-site generator for transparency pages about IOP agreements.
//!
//! The stages run in one direction: `load` → `validate` (with `config`) → `model` →
//! `plan` → `render` → `write`. Each takes the previous stage's output and never reaches
//! back; `check` runs every stage but the last. Below the plan sit what it names: `views`
//! (the data of each kind of page, drawn with `present`) and `export` (the data files).

pub mod alloc;
pub mod config;
pub mod diagnostics;
pub mod export;
pub mod json_schema;
pub mod l10n;
pub mod lists;
pub mod load;
pub mod messages;
pub mod model;
pub mod orgnr;
pub mod plan;
pub mod present;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod theme;
pub mod validate;
pub mod views;
pub mod write;

use std::path::Path;
use std::time::{Duration, Instant};

pub use config::BuildOptions;
use diagnostics::{Diagnostic, Diagnostics};
use model::Site;
pub use progress::Progress;

/// What a successful check or build produced.
#[derive(Debug)]
pub struct Outcome {
    pub site: Site,
    /// Pages, files and charts made (a check makes them too, then drops them).
    pub rendered: render::RenderStats,
    /// Warnings (a successful run has no errors).
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
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
    render_into(site_dir, options, &plan::Discard, &())
}

/// A site loaded, checked and modelled, with its templates ready and its output planned:
/// any of its files can be made from it. `serve` keeps one and renders only the files the
/// browser asks for.
#[derive(Debug)]
pub struct Prepared {
    pub site: Site,
    pub theme: theme::Theme,
    pub renderer: render::Renderer,
    /// Every file of the site.
    pub plan: plan::Plan,
    /// Warnings (a prepared site has no errors).
    pub warnings: Vec<Diagnostic>,
}

impl Prepared {
    /// The file at `path` in the output folder; see [`render::Renderer::render_path`].
    pub fn render_path(&self, path: &str) -> Option<Result<Vec<u8>, String>> {
        self.renderer
            .render_path(&self.site, &self.theme, &self.plan, path)
    }

    /// Whether a build would write a file at `path` (relative to the output folder),
    /// without making it.
    pub fn has_path(&self, path: &str) -> bool {
        self.plan.get(path).is_some()
    }

    /// Makes every file of the site and hands it to `sink`; see [`render::render`].
    pub fn render_all(
        &self,
        diags: &mut Diagnostics,
        sink: &dyn plan::Sink,
        progress: &dyn Progress,
    ) -> Option<render::RenderStats> {
        render::render(
            &self.site,
            &self.theme,
            &self.renderer,
            &self.plan,
            diags,
            sink,
            progress,
        )
    }
}

/// Loads, checks and models the site and sets up its templates, rendering nothing yet.
pub fn prepare(
    site_dir: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Prepared, Failure> {
    prepare_with(site_dir, options, progress, None)
}

/// [`prepare`], reusing the parsed data of files unchanged since the last run with the same
/// `cache` (see [`load::ParseCache`]); `serve` prepares the site on every change this way.
pub fn prepare_cached(
    site_dir: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
    cache: &mut load::ParseCache,
) -> Result<Prepared, Failure> {
    prepare_with(site_dir, options, progress, Some(cache))
}

/// A one-off build keeps no cache: it would only hold a second copy of every file.
fn prepare_with(
    site_dir: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
    cache: Option<&mut load::ParseCache>,
) -> Result<Prepared, Failure> {
    let mut diags = Diagnostics::new();
    progress.stage("loading", 0);
    let content = match cache {
        Some(cache) => load::load_cached(site_dir, &mut diags, cache),
        None => load::load(site_dir, &mut diags),
    };
    let theme = theme::Theme::load(site_dir, &mut diags);
    progress.stage("checking", 0);
    let checked = validate::validate(content, options, &mut diags);
    let (Some(checked), false) = (checked, diags.has_errors()) else {
        return Err(Failure::Content(diags.sorted()));
    };
    let site = model::build(checked);
    let plan = plan::plan(&site, &theme);
    for path in plan.clashes() {
        let name = format!("static/{path}");
        let shown = theme
            .files
            .get(&name)
            .map_or(name.clone().into(), |f| f.display(&name));
        diags.file_error(&shown, msg!("theme-file-clash", path = path.clone()));
    }
    match render::Renderer::for_site(&site, &theme, &mut diags) {
        Some(renderer) if !diags.has_errors() => Ok(Prepared {
            plan,
            site,
            theme,
            renderer,
            warnings: diags.sorted(),
        }),
        _ => Err(Failure::Content(diags.sorted())),
    }
}

/// Runs every stage and hands each rendered file to `sink`.
pub fn render_into(
    site_dir: &Path,
    options: &BuildOptions,
    sink: &dyn plan::Sink,
    progress: &dyn Progress,
) -> Result<Outcome, Failure> {
    let started = Instant::now();
    let mut prepared = prepare(site_dir, options, progress)?;
    let mut diags = Diagnostics::new();
    for warning in std::mem::take(&mut prepared.warnings) {
        diags.push(warning);
    }
    let rendered = prepared.render_all(&mut diags, sink, progress);
    match rendered {
        Some(rendered) if !diags.has_errors() => Ok(Outcome {
            site: prepared.site,
            rendered,
            warnings: diags.sorted(),
            elapsed: started.elapsed(),
        }),
        _ => Err(Failure::Content(diags.sorted())),
    }
}

/// Checks the site and writes it to `out_dir` (default `site_dir/output`), replacing the
/// previous output whole. On any error the previous output is left exactly as it was, except
/// where the error says otherwise (see [`write::WriteError::Swap`]).
pub fn build(
    site_dir: &Path,
    out_dir: Option<&Path>,
    options: &BuildOptions,
) -> Result<Outcome, Failure> {
    build_with(site_dir, out_dir, options, &())
}

/// `build`, reporting its stages to `progress`.
pub fn build_with(
    site_dir: &Path,
    out_dir: Option<&Path>,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Outcome, Failure> {
    let started = Instant::now();
    let default_out = site_dir.join("output");
    let staging = write::Staging::new(out_dir.unwrap_or(&default_out), site_dir, progress)?;
    let mut outcome = render_into(site_dir, options, &staging, progress)?;
    progress.stage("publishing", 0);
    staging.publish(progress)?;
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
            // One file alone has no `content/files/`: every `file:` names a missing file.
            let files = crate::load::files::Attachments::default();
            let _ = crate::validate::check_agreement(&loaded, &files, &mut diags);
        }
        diags
    }

    /// Parses a report's front matter and renders its Markdown body; `None` if the front
    /// matter has a problem.
    pub fn render_report(text: &str) -> Option<String> {
        let mut diags = Diagnostics::new();
        let mut file = SourceFile::new("reports/fuzz.md", text);
        let document = crate::load::parse_document::<crate::load::schema::ReportFrontMatter>(
            &mut file, &mut diags,
        )?;
        Some(crate::present::markdown::to_html(&document.body, 3))
    }
}
