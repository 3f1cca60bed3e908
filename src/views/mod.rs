//! What templates see: one view per kind of page, built from the frozen `Site` and
//! borrowing from it. Facts come from the model; a view only chooses their shape for the
//! page. Numbers stay numbers and dates stay dates: templates format them with the `money`,
//! `kr` and `num` filters. Labels come from the theme's i18n file.

pub mod agreement;
pub mod body;
pub mod feed;
pub mod funding;
pub mod goal;
pub mod home;
pub mod linked_data;
pub mod open_data;
pub mod organisation;
pub mod pager;
pub mod report;
pub mod sitemap;

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Status;
use crate::model::site::{AgreementEntry, OrgIdx, Organisation, Site, Sum, YearTotals};
use crate::model::types::{Page, PartyKind, Report, When};
use crate::present::charts::{BarChart, ChartClock, ChartText, HBarChart};
use crate::present::i18n::I18n;
use crate::present::{markdown, urls};

pub use crate::present::Money;

/// What a view reads: the site, the interface strings, and the clock that counts the
/// charts drawn.
#[derive(Debug)]
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub t: &'a I18n,
    pub charts: &'a ChartClock,
}

/// One page's view: its title, and the data its template reads under `key`.
pub struct View<'a> {
    pub title: Cow<'a, str>,
    pub key: &'static str,
    pub data: Box<dyn erased_serde::Serialize + 'a>,
}

impl std::fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("View")
            .field("title", &self.title)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl<'a> View<'a> {
    pub fn new(
        title: impl Into<Cow<'a, str>>,
        key: &'static str,
        data: impl Serialize + 'a,
    ) -> View<'a> {
        View {
            title: title.into(),
            key,
            data: Box::new(data),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Link<'a> {
    pub name: &'a str,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrgLink<'a> {
    pub name: &'a str,
    pub url: String,
    pub kind: PartyKind,
    pub kind_label: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalRef<'a> {
    pub number: u8,
    pub name: &'a str,
    pub url: String,
}

/// One agreement in a table or list.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementRow<'a> {
    pub id: &'a str,
    pub url: String,
    pub title: &'a str,
    pub name: &'a str,
    /// The `lang` of the agreement's title and name, when it differs from the interface's.
    pub lang: Option<&'static str>,
    pub status: Status,
    /// The status in words; for an agreement an outcome ended, the outcome.
    pub status_label: &'a str,
    /// The outcome that ended the agreement, if one did.
    pub ended_by: Option<crate::model::types::OutcomeKind>,
    /// A court has judged the agreement unlawful.
    pub judged_unlawful: bool,
    pub period: PeriodSpan,
    /// The first and last calendar year the agreement is in force (for filtering by year).
    pub in_force: [i32; 2],
    pub organisations: Vec<OrgLink<'a>>,
    /// Public money in `yearly_year`: the build year, else the last year with funding.
    pub yearly: Money,
    pub yearly_year: Option<i32>,
    pub total_public: Money,
    /// Public money of decisions only proposed so far (none: no such money).
    pub proposed_public: Option<Money>,
    pub goals: Vec<GoalRef<'a>>,
}

/// An agreement's period as known: dates to the day, month or year, the end perhaps unknown.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PeriodSpan {
    pub start: When,
    pub end: Option<When>,
    /// The end a proposed extension would give.
    pub proposed_end: Option<When>,
    pub approximate: bool,
}

impl PeriodSpan {
    /// The period of `entry` as known, after decided extensions.
    pub fn of(entry: &AgreementEntry) -> PeriodSpan {
        let period = &entry.agreement.period;
        PeriodSpan {
            start: period.start,
            end: entry.end,
            proposed_end: entry.proposed_end,
            approximate: period.approximate,
        }
    }
}

/// Money of one year: public, own contribution and both.
#[derive(Debug, Serialize)]
pub struct YearMoney {
    pub year: i32,
    pub public: Money,
    pub own: Money,
    pub total: Money,
    /// Money only proposed so far, kept out of the other sums.
    pub proposed: Option<Money>,
}

impl YearMoney {
    fn new(year: i32, t: &YearTotals) -> YearMoney {
        YearMoney {
            year,
            public: t.public.into(),
            own: t.own.into(),
            total: Money::from(t.public) + Money::from(t.own),
            proposed: t
                .has_proposed()
                .then(|| Money::from(t.proposed_public) + Money::from(t.proposed_own)),
        }
    }
}

/// An amount for one year.
#[derive(Debug, Serialize)]
pub struct YearAmount {
    pub year: i32,
    pub amount: Money,
}

/// A free page from `pages/`; its text is already HTML.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub body: String,
}

/// One page of a list split over pages.
#[derive(Debug, Serialize)]
pub struct Paged<T> {
    pub rows: Vec<T>,
    pub pager: pager::Pager,
}

impl<'a> Ctx<'a> {
    /// A list page's title: the list's, with "page N of M" when the list is split.
    pub fn paged_title<'t>(&self, title: &'t str, pager: &pager::Pager) -> Cow<'t, str> {
        if !pager.is_split() {
            return Cow::Borrowed(title);
        }
        Cow::Owned(
            self.t
                .text("title_page_of")
                .replace("{title}", title)
                .replace("{n}", &pager.number.to_string())
                .replace("{count}", &pager.count.to_string()),
        )
    }

    /// Rows on one page of a list.
    pub fn rows_per_page(&self) -> usize {
        self.site.config.rows_per_page
    }

    pub fn chart_text(&self) -> ChartText<'a> {
        ChartText {
            language: self.site.config.language,
            t: self.t,
        }
    }

    fn bar_chart(&self, chart: &BarChart) -> Option<String> {
        self.charts.draw(|| chart.render(self.chart_text()))
    }

    fn hbar_chart(&self, chart: &HBarChart) -> Option<String> {
        self.charts.draw(|| chart.render(self.chart_text()))
    }

    /// The `lang` to mark content with, when the content's language (its own, else the
    /// site's `content_language`) is not the interface's; `None` when they are the same.
    pub fn content_lang(&self, own: Option<crate::config::Language>) -> Option<&'static str> {
        let config = &self.site.config;
        let content = own.unwrap_or(config.content_language);
        (content != config.language).then(|| content.code())
    }

    pub fn goal_ref(&self, number: u8) -> GoalRef<'a> {
        GoalRef {
            number,
            name: self.t.goal_name(number),
            url: urls::goal(number),
        }
    }

    pub fn org_link(&self, org: &'a Organisation) -> OrgLink<'a> {
        OrgLink {
            name: &org.name,
            url: urls::organisation(&org.id),
            kind: org.kind,
            kind_label: self.t.party_kind(org.kind),
        }
    }

    /// The URL of an organisation's page.
    fn org_url(&self, org: OrgIdx) -> String {
        urls::organisation(&self.site[org].id)
    }

    pub fn agreement_row(&self, entry: &'a AgreementEntry) -> AgreementRow<'a> {
        let a = &entry.agreement;
        let yearly = entry.yearly_public(chrono::Datelike::year(&self.site.config.as_of));
        AgreementRow {
            id: &a.id,
            url: urls::agreement(&a.id),
            title: &a.title,
            name: a.short_name(),
            lang: self.content_lang(a.language),
            status: entry.status,
            status_label: match entry.ended_by {
                Some(kind) => self.t.outcome(kind),
                None => self.t.status(entry.status),
            },
            ended_by: entry.ended_by,
            judged_unlawful: a.judged_unlawful(),
            period: PeriodSpan::of(entry),
            in_force: entry.in_force().into(),
            organisations: entry
                .party_orgs
                .iter()
                .map(|&o| self.org_link(&self.site[o]))
                .collect(),
            yearly: yearly.map(|(_, s)| Money::from(s)).unwrap_or_default(),
            yearly_year: yearly.map(|(y, _)| y),
            total_public: entry.total().public.into(),
            proposed_public: {
                let proposed = entry.total().proposed_public;
                (proposed.lines > 0).then(|| proposed.into())
            },
            goals: a.goals.iter().map(|g| self.goal_ref(g.goal)).collect(),
        }
    }

    /// A report's own title, else "Annual report YEAR – AGREEMENT".
    pub fn report_title(&self, report: &'a Report) -> Cow<'a, str> {
        match &report.title {
            Some(title) => Cow::Borrowed(title),
            None => Cow::Owned(format!(
                "{} {} – {}",
                self.t.text("annual_report"),
                report.year,
                self.agreement_name(report)
            )),
        }
    }

    /// The short name of a report's agreement.
    fn agreement_name(&self, report: &Report) -> &'a str {
        self.site
            .agreement(&report.agreement)
            .map_or("", |e| e.agreement.short_name())
    }

    /// The site's free page.
    pub fn page(&self, page: &'a Page) -> View<'a> {
        let view = PageView {
            title: &page.title,
            body: markdown::to_html(&page.body, 2),
        };
        View::new(page.title.as_str(), "page", view)
    }

    /// The page for addresses the site does not have.
    pub fn not_found(&self) -> View<'a> {
        View::new(self.t.text("not_found"), "nothing", ())
    }
}

fn year_money(totals: &BTreeMap<i32, YearTotals>) -> Vec<YearMoney> {
    totals.iter().map(|(y, t)| YearMoney::new(*y, t)).collect()
}

fn by_year(map: &BTreeMap<i32, Sum>) -> Vec<YearAmount> {
    map.iter()
        .map(|(y, s)| YearAmount {
            year: *y,
            amount: Money::from(*s),
        })
        .collect()
}
