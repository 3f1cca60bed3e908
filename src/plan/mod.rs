//! The output plan: every file of the site, named once, with what makes it.
//!
//! [`plan`] turns the frozen `Site` and the theme into a list of [`Entry`]s: a path in the
//! output folder and its [`Maker`] — a page (a template and the view it reads), a theme file
//! or an attachment from `content/files/` copied as it is, or a data file from an [`Exporter`]. A build renders every entry, `check`
//! renders them all and keeps nothing, `serve` looks one path up and renders just that entry,
//! and the sitemap lists the pages the plan marks for it. Adding a kind of page means adding
//! its entry here, its view in `views`, and its template.

mod sink;

pub use sink::{Collect, Discard, OutputFile, Sink};

use std::collections::HashMap;

use crate::export::{self, Exporter};
use crate::model::Site;
use crate::model::site::{AgreementIdx, OrgIdx, ReportIdx};
use crate::present::{markdown, urls};
use crate::theme::Theme;
use crate::views::{Ctx, View, pager};

/// Builds a page's view from the site.
pub type ViewFn = Box<dyn for<'a> Fn(&Ctx<'a>) -> View<'a> + Send + Sync>;

/// One file of the site.
#[derive(Debug)]
pub struct Entry {
    /// Relative to the output folder, with `/` between folders.
    pub path: String,
    pub maker: Maker,
}

impl Entry {
    /// Whether the entry is an HTML page, as counted for the reader.
    pub fn is_html_page(&self) -> bool {
        matches!(self.maker, Maker::Page(_)) && self.path.ends_with(".html")
    }
}

/// What makes a file.
pub enum Maker {
    Page(Page),
    /// The theme's `static/` file of the same path, copied as it is.
    ThemeFile,
    /// A file from `content/files/` (`Site::attachments`, by place), copied as it is.
    ContentFile(usize),
    Data(&'static dyn Exporter),
    /// A data file made by a function of the site: one of a family of files (per public body,
    /// per search chunk) whose paths only the site tells.
    Made(MakeFn),
}

/// Makes a data file's bytes from the site.
pub type MakeFn = Box<dyn Fn(&Site) -> Result<Vec<u8>, export::ExportError> + Send + Sync>;

impl std::fmt::Debug for Maker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Maker::Page(page) => f.debug_tuple("Page").field(page).finish(),
            Maker::ThemeFile => f.write_str("ThemeFile"),
            Maker::ContentFile(i) => f.debug_tuple("ContentFile").field(i).finish(),
            Maker::Data(exporter) => f.debug_tuple("Data").field(exporter).finish(),
            Maker::Made(_) => f.write_str("Made"),
        }
    }
}

/// A page rendered through a template.
pub struct Page {
    /// The theme template, e.g. `agreement.html`.
    pub template: &'static str,
    pub view: ViewFn,
    /// Listed in the sitemap.
    pub listed: bool,
    /// Links are path-absolute (from `base_url`'s path, e.g. `/iop/style.css`) rather than
    /// relative: the page is served at any depth, as the 404 page is. They name no host, so
    /// the page keeps its style on any host that serves it (www or not, a staging host).
    pub path_absolute_links: bool,
    /// The Markdown texts the page shows, looked at when it is rendered: a page with heavy
    /// Markdown (see [`markdown::heavy`]) is rendered one at a time.
    pub texts: Texts,
}

/// Whose Markdown texts a page shows.
#[derive(Debug, Clone, Copy)]
pub enum Texts {
    None,
    Agreement(AgreementIdx),
    Report(ReportIdx),
    /// A free page, by its place in `Site::pages`.
    Page(usize),
}

impl Texts {
    /// Whether the texts are heavy enough to render one page of them at a time.
    pub fn heavy(self, site: &Site) -> bool {
        match self {
            Texts::None => false,
            Texts::Agreement(i) => markdown::heavy(site[i].agreement.markdown_texts()),
            Texts::Report(i) => markdown::heavy([site[i].body.as_str()]),
            Texts::Page(i) => markdown::heavy([site.pages[i].body.as_str()]),
        }
    }
}

impl std::fmt::Debug for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("template", &self.template)
            .field("listed", &self.listed)
            .field("path_absolute_links", &self.path_absolute_links)
            .field("texts", &self.texts)
            .finish_non_exhaustive()
    }
}

impl Page {
    fn new(template: &'static str, view: ViewFn) -> Page {
        Page {
            template,
            view,
            listed: true,
            path_absolute_links: false,
            texts: Texts::None,
        }
    }

    fn showing(mut self, texts: Texts) -> Page {
        self.texts = texts;
        self
    }
}

/// Every file of a site, in a fixed order, with a lookup by path.
#[derive(Debug)]
pub struct Plan {
    entries: Vec<Entry>,
    by_path: HashMap<String, usize>,
    /// Theme files left out because the site makes a file of the same path.
    clashes: Vec<String>,
}

impl Plan {
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry that makes the file at `path`, if the site has one.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.by_path.get(path).map(|&i| &self.entries[i])
    }

    /// How many HTML pages the site has (the feed and the sitemap are not counted).
    pub fn page_count(&self) -> usize {
        self.entries.iter().filter(|e| e.is_html_page()).count()
    }

    /// The pages, in plan order.
    pub fn pages(&self) -> impl Iterator<Item = (&str, &Page)> {
        self.entries.iter().filter_map(|e| match &e.maker {
            Maker::Page(page) => Some((e.path.as_str(), page)),
            _ => None,
        })
    }

    /// The paths of `static/` theme files that would replace a file the site makes.
    pub fn clashes(&self) -> &[String] {
        &self.clashes
    }

    /// Adds an entry, unless the path is taken: then the first entry keeps it (theme files
    /// come last, so a page or data file is never replaced) and the path is noted.
    fn push(&mut self, path: String, maker: Maker) {
        if self.by_path.contains_key(&path) {
            self.clashes.push(path);
            return;
        }
        self.by_path.insert(path.clone(), self.entries.len());
        self.entries.push(Entry { path, maker });
    }

    fn page(&mut self, path: impl Into<String>, page: Page) {
        self.push(path.into(), Maker::Page(page));
    }

    /// Adds a data file made by `make`.
    pub fn made(&mut self, path: impl Into<String>, make: MakeFn) {
        self.push(path.into(), Maker::Made(make));
    }
}

/// The output plan of `site` with `theme`.
pub fn plan(site: &Site, theme: &Theme) -> Plan {
    let mut plan = Plan {
        entries: Vec::new(),
        by_path: HashMap::new(),
        clashes: Vec::new(),
    };
    plan_pages(&mut plan, site);
    let listed: Vec<String> = plan
        .pages()
        .filter(|(_, page)| page.listed)
        .map(|(path, _)| path.to_string())
        .collect();
    let mut feed = Page::new("feed.xml", Box::new(|ctx| ctx.feed()));
    feed.listed = false;
    plan.page("feed.xml", feed);
    let mut sitemap = Page::new("sitemap.xml", Box::new(move |ctx| ctx.sitemap(&listed)));
    sitemap.listed = false;
    plan.page("sitemap.xml", sitemap);
    crate::search::plan(&mut plan, site);
    crate::lists::plan(&mut plan);
    for exporter in export::EXPORTERS {
        plan.push(exporter.path().to_string(), Maker::Data(*exporter));
    }
    plan_body_data(&mut plan, site);
    for (i, entry) in site.agreements.iter().enumerate() {
        plan.made(
            urls::agreement_data(&entry.agreement.id),
            Box::new(move |site| export::agreement_file(site, i)),
        );
    }
    for (i, attachment) in site.attachments.iter().enumerate() {
        plan.push(urls::file(&attachment.name), Maker::ContentFile(i));
    }
    for (name, _) in theme.under("static") {
        plan.push(name.to_string(), Maker::ThemeFile);
    }
    plan
}

/// The pages of the units of public bodies (a body's own page is its organisation page).
fn plan_bodies(plan: &mut Plan, site: &Site) {
    for (b, body) in site.bodies.iter().enumerate() {
        let org = &site[body.org];
        for (u, unit) in body.units.iter().enumerate() {
            let first = urls::unit(&org.id, &unit.id);
            for n in 1..=pager::page_count(unit.agreements.len(), site.config.rows_per_page) {
                let view: ViewFn = Box::new(move |ctx| ctx.unit(b, u, n));
                plan.page(pager::page_path(&first, n), Page::new("unit.html", view));
            }
        }
    }
}

/// Each public body's and each unit's own agreement and funding rows, as CSV and JSON.
fn plan_body_data(plan: &mut Plan, site: &Site) {
    use export::{BodyRows, Format};
    for (b, body) in site.bodies.iter().enumerate() {
        let org = &site[body.org];
        let units = body
            .units
            .iter()
            .enumerate()
            .map(|(u, unit)| (Some(u), Some(unit.id.as_str())));
        for (unit, unit_id) in std::iter::once((None, None)).chain(units) {
            for rows in [BodyRows::Agreements, BodyRows::Funding] {
                for format in [Format::Csv, Format::Json] {
                    let name = export::body_file_name(rows, format);
                    plan.made(
                        urls::body_data(&org.id, unit_id, &name),
                        Box::new(move |site| export::body_file(site, b, unit, rows, format)),
                    );
                }
            }
        }
    }
}

/// The HTML pages: the overviews first, then one page per agreement, report,
/// organisation, goal and free page.
fn plan_pages(plan: &mut Plan, site: &Site) {
    let rows = site.config.rows_per_page;
    plan.page(
        "index.html",
        Page::new("index.html", Box::new(|ctx| ctx.home())),
    );
    for n in 1..=pager::page_count(site.agreements.len(), rows) {
        plan.page(
            pager::page_path("agreements.html", n),
            Page::new("agreements.html", Box::new(move |ctx| ctx.agreements(n))),
        );
    }
    for n in 1..=pager::page_count(site.organisations.len(), rows) {
        plan.page(
            pager::page_path("organisations.html", n),
            Page::new(
                "organisations.html",
                Box::new(move |ctx| ctx.organisations(n)),
            ),
        );
    }
    plan.page(
        urls::public_bodies(),
        Page::new("public_bodies.html", Box::new(|ctx| ctx.public_bodies())),
    );
    plan.page(
        "goals.html",
        Page::new("goals.html", Box::new(|ctx| ctx.goals())),
    );
    plan.page(
        "funding.html",
        Page::new("funding.html", Box::new(|ctx| ctx.funding())),
    );
    plan.page(
        "open-data.html",
        Page::new("open_data.html", Box::new(|ctx| ctx.open_data())),
    );
    let mut not_found = Page::new("404.html", Box::new(|ctx| ctx.not_found()));
    not_found.listed = false;
    not_found.path_absolute_links = true;
    plan.page("404.html", not_found);
    for (i, entry) in site.agreements.iter().enumerate() {
        let i = AgreementIdx(i);
        let view: ViewFn = Box::new(move |ctx| ctx.agreement(&ctx.site[i]));
        plan.page(
            urls::agreement(&entry.agreement.id),
            Page::new("agreement.html", view).showing(Texts::Agreement(i)),
        );
    }
    for (i, report) in site.reports.iter().enumerate() {
        let i = ReportIdx(i);
        let view: ViewFn = Box::new(move |ctx| ctx.report(&ctx.site[i]));
        plan.page(
            urls::report(&report.id),
            Page::new("report.html", view).showing(Texts::Report(i)),
        );
    }
    for (i, org) in site.organisations.iter().enumerate() {
        let i = OrgIdx(i);
        let first = urls::organisation(&org.id);
        for n in 1..=pager::page_count(org.roles.len(), site.config.rows_per_page) {
            let view: ViewFn = Box::new(move |ctx| ctx.organisation(i, n));
            plan.page(
                pager::page_path(&first, n),
                Page::new("organisation.html", view),
            );
        }
    }
    plan_bodies(plan, site);
    for (i, goal) in site.goals.iter().enumerate() {
        let first = urls::goal(goal.number);
        for n in 1..=pager::page_count(goal.agreements.len(), rows) {
            let view: ViewFn = Box::new(move |ctx| ctx.goal(&ctx.site.goals[i], n));
            plan.page(pager::page_path(&first, n), Page::new("goal.html", view));
        }
    }
    for (i, page) in site.pages.iter().enumerate() {
        let view: ViewFn = Box::new(move |ctx| ctx.page(&ctx.site.pages[i]));
        plan.page(
            urls::page(&page.id),
            Page::new("page.html", view).showing(Texts::Page(i)),
        );
    }
}
