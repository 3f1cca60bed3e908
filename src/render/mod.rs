//! Turns the frozen `Site` into output files: HTML pages through the theme's templates (in
//! parallel), the theme's static files, and the machine-readable exports.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Kwargs, State, Tera, Value};

use crate::config::Language;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::model::Site;
use crate::present::i18n::I18n;
use crate::present::{charts, format, markdown, urls};
use crate::progress::Progress;
use crate::theme::Theme;
use crate::views::Ctx;
use crate::write::Sink;
use std::sync::atomic::{AtomicU64, Ordering};

/// One file of the generated site, with its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What rendering produced besides the files: how many charts, and the time spent drawing
/// them summed over all threads.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChartStats {
    pub count: usize,
    pub time: std::time::Duration,
}

/// What a render produced: counts of pages and files, their size, and the charts.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderStats {
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub charts: ChartStats,
}

/// Everything needed to render pages: templates with filters, and the interface strings.
pub struct Renderer {
    tera: Tera,
    pub t: I18n,
}

/// A page to render: its output path, template and data.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    Agreements,
    Agreement(usize),
    Report(usize),
    Organisations,
    Organisation(usize),
    Goals,
    Goal(usize),
    Funding,
    Page(usize),
    NotFound,
}

/// The site's menu entry for one static page.
#[derive(Serialize)]
struct MenuItem {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct SiteMeta<'a> {
    title: &'a str,
    description: Option<&'a str>,
    base_url: &'a str,
    lang: &'static str,
    as_of: String,
    notice: Option<&'a str>,
    publisher: Option<&'a str>,
    menu: Vec<MenuItem>,
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    body: String,
}

/// A problem in a theme file, at the file level.
fn theme_error(path: std::path::PathBuf, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        path,
        line: 0,
        column: 0,
        message,
        source_line: None,
    }
}

/// A Tera error as a diagnostic at the template file, line and column it names
/// (`--> NAME:LINE:COL`), so the user sees their own template's line.
fn template_error(theme: &Theme, text: &str) -> Diagnostic {
    let message = text
        .lines()
        .next()
        .unwrap_or(text)
        .trim()
        .trim_start_matches("error: ")
        .to_string();
    let place = text
        .split("--> ")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .and_then(|place| {
            let mut parts = place.trim().rsplitn(3, ':');
            let column = parts.next()?.parse::<usize>().ok()?;
            let line = parts.next()?.parse::<usize>().ok()?;
            Some((parts.next()?.to_string(), line, column))
        });
    let Some((name, line, column)) = place else {
        return theme_error(
            "themes/default/templates".into(),
            format!("template error: {text}"),
        );
    };
    let key = format!("templates/{name}");
    let Some(file) = theme.files.get(&key) else {
        return theme_error(
            "themes/default/templates".into(),
            format!("template error: {text}"),
        );
    };
    let source = String::from_utf8_lossy(&file.bytes);
    Diagnostic {
        severity: Severity::Error,
        path: file.display(&key),
        line,
        column,
        message: format!("template error: {message}"),
        source_line: source
            .lines()
            .nth(line.saturating_sub(1))
            .map(str::to_string),
    }
}

impl Renderer {
    /// Loads templates and strings from the theme; every broken file is reported.
    pub fn new(theme: &Theme, language: Language, diags: &mut Diagnostics) -> Option<Renderer> {
        let t = load_i18n(theme, language, diags)?;
        let mut tera = Tera::new();
        // Tera checks filter names when it reads templates, so filters come first.
        register_filters(&mut tera, language, &t);
        let mut templates: Vec<(String, String)> = Vec::new();
        for (name, file) in theme.under("templates") {
            match std::str::from_utf8(&file.bytes) {
                Ok(text) => templates.push((name.to_string(), text.to_string())),
                Err(_) => diags.push(theme_error(
                    file.display(&format!("templates/{name}")),
                    "the template is not UTF-8 text".into(),
                )),
            }
        }
        if let Err(err) =
            tera.add_raw_templates(templates.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        {
            diags.push(template_error(theme, &err.to_string()));
            return None;
        }
        Some(Renderer { tera, t })
    }

    fn render_page(
        &self,
        template: &str,
        path: &str,
        title: &str,
        canonical: String,
        root: String,
        key: &str,
        data: &impl Serialize,
    ) -> Result<OutputFile, String> {
        let mut ctx = Context::new();
        ctx.insert("root", &root);
        ctx.insert("path", path);
        ctx.insert("title", title);
        ctx.insert("canonical", &canonical);
        ctx.insert(key.to_string(), data);
        // Straight into bytes: `Tera::render` would check the whole page is UTF-8 once more
        // (it is, being made of UTF-8 templates and strings), which cost 2.6 % of a build.
        let mut bytes = Vec::with_capacity(PAGE_CAPACITY);
        self.tera
            .render_to(template, &ctx, &mut bytes)
            .map(|()| OutputFile {
                path: path.to_string(),
                bytes,
            })
            .map_err(|err| err.to_string())
    }
}

/// Room for a typical page (most are 8–20 KB), so the buffer rarely grows while rendering.
const PAGE_CAPACITY: usize = 16 * 1024;

fn load_i18n(theme: &Theme, language: Language, diags: &mut Diagnostics) -> Option<I18n> {
    let name = format!("i18n/{}.yaml", language.code());
    let Some(file) = theme.files.get(&name) else {
        diags.push(theme_error(
            name.clone().into(),
            "the theme has no strings for this language".into(),
        ));
        return None;
    };
    let source = crate::diagnostics::SourceFile::new(
        file.display(&name),
        String::from_utf8_lossy(&file.bytes).into_owned(),
    );
    let map: BTreeMap<String, String> = crate::load::parse_yaml(&source, source.text(), diags)?;
    let t = I18n::from_map(map);
    let missing = t.missing_keys();
    if !missing.is_empty() {
        diags.push(theme_error(
            source.display_path.clone(),
            format!("missing strings: {}", missing.join(", ")),
        ));
        return None;
    }
    Some(t)
}

/// Formatting filters: `money` (a Money view), `kr` (whole kronor) and `num` (a statistic).
fn register_filters(tera: &mut Tera, language: Language, t: &I18n) {
    let not_published = t.get("not_published");
    let plus_unpublished = t.get("plus_unpublished");
    tera.register_filter("money", move |v: &Value, _: Kwargs, _: &State| -> String {
        let kronor = v
            .get_from_path("kronor")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let unpublished = v
            .get_from_path("unpublished")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        match (unpublished, kronor) {
            (true, 0) => not_published.clone(),
            (true, k) => format!("{} {}", format::kronor(k, language), plus_unpublished),
            (false, k) => format::kronor(k, language),
        }
    });
    tera.register_filter("kr", move |v: i64, _: Kwargs, _: &State| {
        format::kronor(v, language)
    });
    tera.register_filter("num", move |v: f64, _: Kwargs, _: &State| {
        format::number(v, language)
    });
}

impl Renderer {
    /// A renderer for `site`: the theme's templates with the site's data in their global
    /// context.
    pub fn for_site(site: &Site, theme: &Theme, diags: &mut Diagnostics) -> Option<Renderer> {
        let mut renderer = Renderer::new(theme, site.config.language, diags)?;
        let cfg = &site.config;
        let meta = SiteMeta {
            title: &cfg.title,
            description: cfg.description.as_deref(),
            base_url: &cfg.base_url,
            lang: cfg.language.code(),
            as_of: cfg.as_of.to_string(),
            notice: cfg.notice.as_deref(),
            publisher: cfg.publisher.as_deref(),
            menu: site
                .pages
                .iter()
                .map(|p| MenuItem {
                    title: p.title.clone(),
                    url: urls::page(&p.id),
                })
                .collect(),
        };
        renderer.tera.global_context().insert("site", &meta);
        renderer.tera.global_context().insert("t", &renderer.t);
        Some(renderer)
    }

    /// Renders the one file at `path` (relative to the output folder, e.g.
    /// `reports/x-2024.html`): a page, a theme file or an export. `None` if the site has no
    /// such file; `Some(Err(..))` with the template error if the page cannot be rendered.
    /// Used by `serve`, which renders only what the browser asks for.
    pub fn render_path(
        &self,
        site: &Site,
        theme: &Theme,
        pages: &PageIndex,
        path: &str,
    ) -> Option<Result<Vec<u8>, String>> {
        if let Some(job) = pages.0.get(path) {
            let clock = charts::ChartClock::default();
            let ctx = Ctx {
                site,
                t: &self.t,
                charts: &clock,
            };
            let page = render_job(self, &ctx, job).map(|file| file.bytes);
            return Some(match clock.take_errors().into_iter().next() {
                Some(err) => Err(err.to_string()),
                None => page,
            });
        }
        if let Some(file) = theme.files.get(&format!("static/{path}")) {
            return Some(Ok(file.bytes.clone()));
        }
        if !crate::export::PATHS.contains(&path) {
            return None;
        }
        crate::export::exports(site, &self.t)
            .into_iter()
            .find(|file| file.path == path)
            .map(|file| Ok(file.bytes))
    }
}

/// The pages of a site by their path in the output folder, made once per site so that
/// finding one page is a lookup rather than computing every page's path (a few ms at
/// 50,000 pages, on every request of the preview server).
pub struct PageIndex(HashMap<String, Job>);

impl PageIndex {
    pub fn new(site: &Site) -> PageIndex {
        PageIndex(jobs(site).into_iter().map(|j| (j.path(site), j)).collect())
    }

    /// How many pages the site has.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the site has a file at `path`: a page, a theme file or an export.
    pub fn has(&self, theme: &Theme, path: &str) -> bool {
        self.0.contains_key(path)
            || theme.files.contains_key(&format!("static/{path}"))
            || crate::export::PATHS.contains(&path)
    }
}

/// Every page of the site, in a fixed order.
fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![
        Job::Home,
        Job::Agreements,
        Job::Organisations,
        Job::Goals,
        Job::Funding,
        Job::NotFound,
    ];
    jobs.extend((0..site.agreements.len()).map(Job::Agreement));
    jobs.extend((0..site.reports.len()).map(Job::Report));
    jobs.extend((0..site.organisations.len()).map(Job::Organisation));
    jobs.extend((0..site.goals.len()).map(Job::Goal));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs
}

impl Job {
    /// The page's path in the output folder.
    fn path(&self, site: &Site) -> String {
        match self {
            Job::Home => "index.html".into(),
            Job::Agreements => "agreements.html".into(),
            Job::Organisations => "organisations.html".into(),
            Job::Goals => "goals.html".into(),
            Job::Funding => "funding.html".into(),
            Job::NotFound => "404.html".into(),
            Job::Agreement(i) => urls::agreement(&site.agreements[*i].agreement.id),
            Job::Report(i) => urls::report(&site.reports[*i].id),
            Job::Organisation(i) => urls::organisation(&site.organisations[*i].id),
            Job::Goal(i) => urls::goal(site.goals[*i].number),
            Job::Page(i) => urls::page(&site.pages[*i].id),
        }
    }
}

/// Renders every page of the site and hands each file to `sink` as soon as it is made.
/// Template errors are collected, not printed one by one; with any error the result is
/// `None` and whatever reached the sink must not be published. Also `None`, without
/// diagnostics, if `progress` says the run was cancelled.
pub fn render(
    site: &Site,
    theme: &Theme,
    renderer: &Renderer,
    diags: &mut Diagnostics,
    sink: &dyn Sink,
    progress: &dyn Progress,
) -> Option<RenderStats> {
    let clock = charts::ChartClock::default();
    let ctx = Ctx {
        site,
        t: &renderer.t,
        charts: &clock,
    };
    let jobs = jobs(site);
    progress.stage("rendering pages", jobs.len());
    let bytes = AtomicU64::new(0);
    let errors: Vec<String> = jobs
        .par_iter()
        .filter_map(|job| {
            if progress.cancelled() {
                return None;
            }
            let result = render_job(renderer, &ctx, job);
            progress.advance(1);
            match result {
                Ok(file) => {
                    bytes.fetch_add(file.bytes.len() as u64, Ordering::Relaxed);
                    sink.put(&file.path, &file.bytes);
                    None
                }
                Err(message) => Some(message),
            }
        })
        .collect();
    if progress.cancelled() {
        return None;
    }
    let mut failed = !errors.is_empty();
    for message in errors {
        diags.push(template_error(theme, &message));
    }
    for err in clock.take_errors() {
        failed = true;
        diags.push(theme_error("themes/default".into(), err.to_string()));
    }
    if failed {
        return None;
    }
    let mut files = jobs.len();
    let mut put = |path: &str, content: &[u8]| {
        bytes.fetch_add(content.len() as u64, Ordering::Relaxed);
        sink.put(path, content);
        files += 1;
    };
    for (name, file) in theme.under("static") {
        put(name, &file.bytes);
    }
    for file in crate::export::exports(site, &renderer.t) {
        put(&file.path, &file.bytes);
    }
    Some(RenderStats {
        pages: jobs.len(),
        files,
        bytes: bytes.into_inner(),
        charts: ChartStats {
            count: clock.count(),
            time: clock.elapsed(),
        },
    })
}

/// Held while a page with heavy Markdown is rendered (see [`markdown::heavy`]), from its text
/// to its finished bytes, so that one such page at a time is in memory however many threads
/// render: a page with the most marks a text may have takes up to about 250 MB.
static HEAVY_PAGE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Whether `job`'s page shows heavy Markdown.
fn is_heavy(site: &Site, job: &Job) -> bool {
    match job {
        Job::Report(i) => markdown::heavy([site.reports[*i].body.as_str()]),
        Job::Page(i) => markdown::heavy([site.pages[*i].body.as_str()]),
        Job::Agreement(i) => markdown::heavy(site.agreements[*i].agreement.markdown_texts()),
        _ => false,
    }
}

fn render_job(r: &Renderer, ctx: &Ctx, job: &Job) -> Result<OutputFile, String> {
    let site = ctx.site;
    // No honest site has a heavy page, so no build waits here.
    let _turn = is_heavy(site, job).then(|| HEAVY_PAGE.lock().unwrap_or_else(|e| e.into_inner()));
    let t = &r.t;
    let page =
        |template: &str, path: &str, title: &str, key: &str, data: &dyn erased_serde::Serialize| {
            r.render_page(
                template,
                path,
                title,
                format!("{}{}", site.config.base_url, path),
                urls::root_of(path),
                key,
                &data,
            )
        };
    match job {
        Job::Home => page(
            "index.html",
            "index.html",
            &site.config.title,
            "home",
            &ctx.home(),
        ),
        Job::Agreements => {
            let rows: Vec<_> = site
                .agreements
                .iter()
                .map(|e| ctx.agreement_row(e))
                .collect();
            page(
                "agreements.html",
                "agreements.html",
                &t.get("agreements"),
                "agreements",
                &rows,
            )
        }
        Job::Agreement(i) => {
            let entry = &site.agreements[*i];
            let view = ctx.agreement_page(entry);
            page(
                "agreement.html",
                &urls::agreement(&entry.agreement.id),
                &entry.agreement.title,
                "a",
                &view,
            )
        }
        Job::Report(i) => {
            let view = ctx.report_page(&site.reports[*i]);
            page(
                "report.html",
                &urls::report(&site.reports[*i].id),
                &view.title.clone(),
                "report",
                &view,
            )
        }
        Job::Organisations => {
            let rows: Vec<_> = site.organisations.iter().map(|o| ctx.org_row(o)).collect();
            page(
                "organisations.html",
                "organisations.html",
                &t.get("organisations"),
                "organisations",
                &rows,
            )
        }
        Job::Organisation(i) => {
            let org = &site.organisations[*i];
            page(
                "organisation.html",
                &urls::organisation(&org.id),
                &org.name,
                "org",
                &ctx.org_page(org),
            )
        }
        Job::Goals => {
            let rows: Vec<_> = site.goals.iter().map(|g| ctx.goal_row(g)).collect();
            page("goals.html", "goals.html", &t.get("goals"), "goals", &rows)
        }
        Job::Goal(i) => {
            let goal = &site.goals[*i];
            let title = format!(
                "{} {}: {}",
                t.get("goal"),
                goal.number,
                t.goal_name(goal.number)
            );
            page(
                "goal.html",
                &urls::goal(goal.number),
                &title,
                "goal",
                &ctx.goal_page(goal),
            )
        }
        Job::Funding => page(
            "funding.html",
            "funding.html",
            &t.get("funding"),
            "funding",
            &ctx.funding_overview(),
        ),
        Job::Page(i) => {
            let p = &site.pages[*i];
            let view = PageView {
                title: &p.title,
                body: markdown::to_html(&p.body, 2),
            };
            page("page.html", &urls::page(&p.id), &p.title, "page", &view)
        }
        Job::NotFound => {
            // Served at any depth, so its links are absolute, built from base_url.
            let path = "404.html";
            r.render_page(
                "404.html",
                path,
                &t.get("not_found"),
                format!("{}{}", site.config.base_url, path),
                site.config.base_url.clone(),
                "nothing",
                &(),
            )
        }
    }
}
