//! Turns the frozen `Site` into output files: HTML pages through the theme's templates (in
//! parallel), the theme's static files, the attachments, and the machine-readable exports.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Kwargs, State, Tera, Value};

use crate::config::Language;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::l10n::Message;
use crate::model::Site;
use crate::msg;
use crate::plan::{Entry, Maker, Page, Plan, Sink};
use crate::present::charts::ChartClock;
use crate::present::i18n::I18n;
use crate::present::{escape_xml, format, urls};
use crate::theme::Theme;
use crate::views::Ctx;

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
#[derive(Debug)]
pub struct Renderer {
    tera: Tera,
    pub t: I18n,
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

/// A problem in a theme file, at the file level.
fn theme_error(path: std::path::PathBuf, message: Message) -> Diagnostic {
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
            msg!("template-error", detail = text),
        );
    };
    let key = format!("templates/{name}");
    let Some(file) = theme.files.get(&key) else {
        return theme_error(
            "themes/default/templates".into(),
            msg!("template-error", detail = text),
        );
    };
    let source = String::from_utf8_lossy(&file.bytes);
    Diagnostic {
        severity: Severity::Error,
        path: file.display(&key),
        line,
        column,
        message: msg!("template-error", detail = message),
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
        // XML templates (the feed, the sitemap) escape with `escape_xml` themselves: HTML
        // escaping writes `&#39;`, which XML 1.0 readers take, but it keeps control
        // characters XML forbids.
        tera.autoescape_on(vec![".html", ".htm"]);
        // Tera checks filter names when it reads templates, so filters come first.
        register_filters(&mut tera, language, &t);
        let mut templates: Vec<(String, String)> = Vec::new();
        for (name, file) in theme.under("templates") {
            match std::str::from_utf8(&file.bytes) {
                Ok(text) => templates.push((name.to_string(), text.to_string())),
                Err(_) => diags.push(theme_error(
                    file.display(&format!("templates/{name}")),
                    msg!("template-not-utf8"),
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

    /// Renders one page of the plan: builds its view, then fills in its template.
    fn render_page(&self, ctx: &Ctx, path: &str, page: &Page) -> Result<Vec<u8>, String> {
        // No honest site has a heavy page, so no build waits here.
        let _turn = page
            .texts
            .heavy(ctx.site)
            .then(|| HEAVY_PAGE.lock().unwrap_or_else(|e| e.into_inner()));
        let base_url = &ctx.site.config.base_url;
        let view = (page.view)(ctx);
        let mut context = Context::new();
        // A page served at any depth links from the site's path instead of its own place,
        // and names no host: the host it is served from may not be `base_url`'s.
        let (root, canonical) = if page.path_absolute_links {
            let site_path = urls::site_path(base_url);
            let canonical = format!("{site_path}{path}");
            (site_path, canonical)
        } else {
            (urls::root_of(path), format!("{base_url}{path}"))
        };
        context.insert("root", &root);
        context.insert("path", path);
        context.insert("title", &view.title);
        context.insert("canonical", &canonical);
        context.insert(view.key, &view.data);
        // Straight into bytes: `Tera::render` would check the whole page is UTF-8 once more
        // (it is, being made of UTF-8 templates and strings), which cost 2.6 % of a build.
        let mut bytes = Vec::with_capacity(PAGE_CAPACITY);
        self.tera
            .render_to(page.template, &context, &mut bytes)
            .map(|()| bytes)
            .map_err(|err| err.to_string())
    }

    /// Makes the file of one plan entry.
    fn make(&self, ctx: &Ctx, theme: &Theme, entry: &Entry) -> Result<Vec<u8>, Problem> {
        match &entry.maker {
            Maker::Page(page) => self
                .render_page(ctx, &entry.path, page)
                .map_err(Problem::Template),
            Maker::ThemeFile => theme
                .files
                .get(&format!("static/{}", entry.path))
                .map(|file| file.bytes.clone())
                .ok_or_else(|| Problem::Data(msg!("output-theme-file-gone", path = &entry.path))),
            Maker::ContentFile(i) => {
                let attachment = &ctx.site.attachments[*i];
                crate::load::files::read(&attachment.path).map_err(|err| {
                    Problem::Data(msg!(
                        "output-file-unreadable",
                        path = attachment.path.display().to_string(),
                        reason = err.to_string()
                    ))
                })
            }
            Maker::Data(exporter) => exporter.export(ctx.site).map_err(|err| {
                Problem::Data(msg!(
                    "output-failed",
                    path = &entry.path,
                    reason = err.to_string()
                ))
            }),
            Maker::Made(make) => make(ctx.site).map_err(|err| {
                Problem::Data(msg!(
                    "output-failed",
                    path = &entry.path,
                    reason = err.to_string()
                ))
            }),
        }
    }
}

/// Why a file could not be made.
enum Problem {
    /// A template error, as Tera tells it (with the template's name, line and column).
    Template(String),
    /// A data file or theme file could not be made.
    Data(Message),
}

/// Room for a typical page (most are 8–20 KB), so the buffer rarely grows while rendering.
const PAGE_CAPACITY: usize = 16 * 1024;

fn load_i18n(theme: &Theme, language: Language, diags: &mut Diagnostics) -> Option<I18n> {
    let name = format!("i18n/{}.yaml", language.code());
    let Some(file) = theme.files.get(&name) else {
        diags.push(theme_error(name.clone().into(), msg!("theme-no-strings")));
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
            msg!("theme-missing-strings", keys = missing.join(", ")),
        ));
        return None;
    }
    Some(t)
}

/// Formatting filters: `money` (a Money view), `kr` (whole kronor), `num` (a statistic),
/// `goal_legend` (the goals of a table's rows), `breakable` (soft hyphens in long words) and
/// `escape_xml` (text in an XML template).
fn register_filters(tera: &mut Tera, language: Language, t: &I18n) {
    tera.register_filter("escape_xml", |v: &str, _: Kwargs, _: &State| escape_xml(v));
    let words = MoneyWords {
        not_published: t.get("not_published"),
        not_known: t.get("not_known"),
        not_published_or_known: t.get("not_published_or_known"),
        at_least: t.get("at_least"),
        rest_unpublished: t.get("rest_unpublished"),
        rest_unknown: t.get("rest_unknown"),
    };
    tera.register_filter("money", move |v: &Value, _: Kwargs, _: &State| -> String {
        let flag = |key: &str| {
            v.get_from_path(key)
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        let kronor = v
            .get_from_path("kronor")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        words.say(
            kronor,
            flag("known"),
            flag("unpublished"),
            flag("unknown"),
            language,
        )
    });
    let breaks = SoftHyphens::new(&t.get("hyphenation_points"));
    tera.register_filter("breakable", move |v: &str, _: Kwargs, _: &State| {
        breaks.apply(v)
    });
    tera.register_filter("goal_legend", |rows: &Value, _: Kwargs, _: &State| {
        goal_legend(rows)
    });
    tera.register_filter("kr", move |v: i64, _: Kwargs, _: &State| {
        format::kronor(v, language)
    });
    tera.register_filter("num", move |v: f64, _: Kwargs, _: &State| {
        format::number(v, language)
    });
}

/// Where the language's long words may break, from the theme's `hyphenation_points`: words
/// separated by spaces, each with `|` at its break points ("klimat|förändringarna"). A browser
/// without a hyphenation dictionary for the language (`hyphens: auto` then does nothing) breaks
/// such a word at a soft hyphen, with a hyphen shown, instead of mid-word or not at all.
struct SoftHyphens {
    /// The word as written, and the same word with U+00AD at its break points.
    words: Vec<(String, String)>,
}

impl SoftHyphens {
    fn new(points: &str) -> Self {
        let words = points
            .split_whitespace()
            .filter(|w| w.contains('|'))
            .map(|w| (w.replace('|', ""), w.replace('|', "\u{ad}")))
            .collect();
        SoftHyphens { words }
    }

    fn apply(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (plain, marked) in &self.words {
            if out.contains(plain.as_str()) {
                out = out.replace(plain.as_str(), marked);
            }
        }
        out
    }
}

/// The goals named in a table's rows (each row's `goals`: `number`, `name`), each once and in
/// the order of their numbers: the legend under an agreement table.
fn goal_legend(rows: &Value) -> Value {
    let mut seen: std::collections::BTreeMap<i64, Value> = std::collections::BTreeMap::new();
    for row in rows.as_array().unwrap_or_default() {
        let goals = row.get_from_path("goals").and_then(Value::as_array);
        for goal in goals.unwrap_or_default() {
            if let Some(number) = goal.get_from_path("number").and_then(Value::as_i64) {
                seen.entry(number).or_insert_with(|| goal.clone());
            }
        }
    }
    Value::from(seen.into_values().collect::<Vec<_>>())
}

/// The words of the `money` filter for sums that are not wholly known.
struct MoneyWords {
    not_published: String,
    not_known: String,
    not_published_or_known: String,
    at_least: String,
    rest_unpublished: String,
    rest_unknown: String,
}

impl MoneyWords {
    /// "1 000 kr"; "minst 1 000 kr (resten ej publicerat)"; "ej publicerat"; "okänt".
    fn say(
        &self,
        kronor: i64,
        known: bool,
        unpublished: bool,
        unknown: bool,
        language: Language,
    ) -> String {
        let amount = format::kronor(kronor, language);
        if !unpublished && !unknown {
            return amount;
        }
        if !known {
            return match (unpublished, unknown) {
                (true, true) => self.not_published_or_known.clone(),
                (true, false) => self.not_published.clone(),
                _ => self.not_known.clone(),
            };
        }
        let rest = if unpublished {
            &self.rest_unpublished
        } else {
            &self.rest_unknown
        };
        format!("{} {rest}", self.at_least.replace("{amount}", &amount))
    }
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

    /// Makes the one file at `path` (relative to the output folder, e.g.
    /// `reports/x-2024.html`) as a build would. `None` if the plan has no such file;
    /// `Some(Err(..))` with the error if it cannot be made. Used by `serve`, which renders
    /// only what the browser asks for.
    pub fn render_path(
        &self,
        site: &Site,
        theme: &Theme,
        plan: &Plan,
        path: &str,
    ) -> Option<Result<Vec<u8>, String>> {
        let entry = plan.get(path)?;
        let clock = ChartClock::default();
        let ctx = Ctx {
            site,
            t: &self.t,
            charts: &clock,
        };
        let made = self
            .make(&ctx, theme, entry)
            .map_err(|problem| match problem {
                Problem::Template(message) => message,
                Problem::Data(message) => message.to_string(),
            });
        Some(match clock.take_errors().into_iter().next() {
            Some(err) => Err(err.to_string()),
            None => made,
        })
    }
}

/// Makes every file of the plan and hands each to `sink` as soon as it is made, pages in
/// parallel. Errors are collected, not printed one by one; with any error the result is
/// `None` and whatever reached the sink must not be published. Also `None`, without
/// diagnostics, if `progress` says the run was cancelled.
pub fn render(
    site: &Site,
    theme: &Theme,
    renderer: &Renderer,
    plan: &Plan,
    diags: &mut Diagnostics,
    sink: &dyn Sink,
    progress: &dyn crate::progress::Progress,
) -> Option<RenderStats> {
    let clock = ChartClock::default();
    let ctx = Ctx {
        site,
        t: &renderer.t,
        charts: &clock,
    };
    let pages = plan.page_count();
    progress.stage("rendering pages", pages);
    let bytes = AtomicU64::new(0);
    let problems: Vec<Problem> = plan
        .entries()
        .par_iter()
        .filter_map(|entry| {
            if progress.cancelled() {
                return None;
            }
            // A large attachment is held from reading to writing one at a time.
            let _turn = is_large_file(site, entry)
                .then(|| LARGE_FILE.lock().unwrap_or_else(|e| e.into_inner()));
            let made = renderer.make(&ctx, theme, entry);
            if entry.is_html_page() {
                progress.advance(1);
            }
            match made {
                Ok(file) => {
                    bytes.fetch_add(file.len() as u64, Ordering::Relaxed);
                    sink.put(&entry.path, &file);
                    None
                }
                Err(problem) => Some(problem),
            }
        })
        .collect();
    if progress.cancelled() {
        return None;
    }
    let mut failed = !problems.is_empty();
    for problem in problems {
        diags.push(match problem {
            Problem::Template(message) => template_error(theme, &message),
            Problem::Data(message) => theme_error("output".into(), message),
        });
    }
    for err in clock.take_errors() {
        failed = true;
        diags.push(theme_error(
            "themes/default".into(),
            msg!("chart-failed", id = err.id, reason = err.message),
        ));
    }
    if failed {
        return None;
    }
    Some(RenderStats {
        pages,
        files: plan.entries().len(),
        bytes: bytes.into_inner(),
        charts: ChartStats {
            count: clock.count(),
            time: clock.elapsed(),
        },
    })
}

/// Held while a page with heavy Markdown is rendered (see
/// [`crate::present::markdown::heavy`]), from its text to its finished bytes, so that one
/// such page at a time is in memory however many threads render: a page with the most marks
/// a text may have takes up to about 250 MB.
static HEAVY_PAGE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Held while an attachment larger than a content file may be (8 MiB) is read and written,
/// so that at most one such file at a time is in memory however many threads render.
static LARGE_FILE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Whether `entry` is an attachment larger than [`crate::load::MAX_FILE_BYTES`].
fn is_large_file(site: &Site, entry: &Entry) -> bool {
    matches!(entry.maker, Maker::ContentFile(i)
        if site.attachments[i].size > crate::load::MAX_FILE_BYTES)
}

#[cfg(test)]
mod soft_hyphen_tests {
    use super::SoftHyphens;

    #[test]
    fn marked_words_get_soft_hyphens_and_other_words_stay() {
        let breaks = SoftHyphens::new("klimat|förändringarna väl|be|finnande plain");
        assert_eq!(
            breaks.apply("Bekämpa klimatförändringarna"),
            "Bekämpa klimat\u{ad}förändringarna"
        );
        assert_eq!(
            breaks.apply("Hälsa och välbefinnande"),
            "Hälsa och väl\u{ad}be\u{ad}finnande"
        );
        assert_eq!(breaks.apply("plain text"), "plain text");
    }
}
