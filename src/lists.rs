//! The lists behind sorting and filtering agreement tables in the browser (`tables.js` in the
//! theme): the choices of the filter form, and every agreement's row, for a list that is
//! paginated and so cannot be filtered from the rows on one page.
//!
//! Both files are JavaScript that hands one JSON object to a function of `tables.js`
//! (`iopRows.filters({…})`, `iopRows.load({…})`), so a page opened from disk can load them
//! with `<script src>`: a page on `file://` may not `fetch` JSON. They carry facts, not
//! words: statuses and goals by key and number, the theme's i18n file names them.

use chrono::Datelike;
use serde::Serialize;

use crate::config::Language;
use crate::export::ExportError;
use crate::model::site::{AgreementEntry, Sum};
use crate::model::types::{OutcomeKind, PartyKind, When};
use crate::model::{Site, Status};
use crate::plan::Plan;
use crate::present::{format, urls};

/// The choices of the filter form, loaded with every page that has one.
pub const FILTERS_PATH: &str = "lists/agreement-filters.js";
/// Every agreement's row, loaded the first time a reader filters or sorts a paginated list.
pub const ROWS_PATH: &str = "lists/agreements.js";

/// The statuses in the order the filter offers them.
const STATUS_ORDER: [Status; 5] = [
    Status::Upcoming,
    Status::Active,
    Status::EndingSoon,
    Status::Ended,
    Status::Unclear,
];

/// Adds the two files to the output plan.
pub fn plan(plan: &mut Plan) {
    plan.made(
        FILTERS_PATH,
        Box::new(|site| script("filters", &filters(site))),
    );
    plan.made(ROWS_PATH, Box::new(|site| script("load", &rows(site))));
}

/// `iopRows.NAME({…});` with `data` as JSON. JSON is JavaScript (line and paragraph
/// separators too, since ES2019), so the file needs no other escaping.
fn script<T: Serialize>(name: &str, data: &T) -> Result<Vec<u8>, ExportError> {
    let mut out = format!("iopRows.{name}(").into_bytes();
    serde_json::to_writer(&mut out, data)?;
    out.extend_from_slice(b");\n");
    Ok(out)
}

/// `lists/agreement-filters.js`.
#[derive(Debug, Serialize)]
pub struct Filters<'a> {
    /// How many agreements the site has.
    pub total: usize,
    /// The public bodies that are a party to some agreement, in alphabetical order of the
    /// site's language: `[url of its page, name]`. The url is its key in the rows'
    /// `data-bodies` and in [`Rows`].
    pub bodies: Vec<(String, &'a str)>,
    /// The goals some agreement serves, by number.
    pub goals: Vec<u8>,
    /// The statuses some agreement has, in the order upcoming, active, ending soon, ended,
    /// unclear.
    pub statuses: Vec<Status>,
    /// The first and last year some agreement is in force; none without agreements.
    pub years: Option<(i32, i32)>,
}

/// The choices of the filter form for `site`.
pub fn filters(site: &Site) -> Filters<'_> {
    // The organisations are in alphabetical order (model::collate) already.
    let bodies: Vec<(String, &str)> = site
        .organisations
        .iter()
        .filter(|o| o.kind == PartyKind::Public && !o.roles.is_empty())
        .map(|o| (urls::organisation(&o.id), o.name.as_str()))
        .collect();
    let goals = site
        .goals
        .iter()
        .filter(|g| !g.agreements.is_empty())
        .map(|g| g.number)
        .collect();
    let statuses = STATUS_ORDER
        .into_iter()
        .filter(|s| site.agreements.iter().any(|e| e.status == *s))
        .collect();
    let years = site
        .agreements
        .iter()
        .map(AgreementEntry::in_force)
        .reduce(|a, b| {
            let (first, last) = (a.0.min(b.0), a.1.max(b.1));
            (first, last)
        });
    Filters {
        total: site.agreements.len(),
        bodies,
        goals,
        statuses,
        years,
    }
}

/// `lists/agreements.js`: every agreement as a row of the agreement table shows it. Keys are
/// short, since the file grows with the registry; `tables.js` reads the same names.
#[derive(Debug, Serialize)]
pub struct Rows<'a> {
    /// Where an agreement's page is, with `{id}` for its id.
    pub agreement_url: String,
    /// Where a goal's page is, by goal number (index 0 is goal 1).
    pub goal_urls: Vec<String>,
    /// The organisations: `[url of its page, name, 1 if a public body else 0]`; rows name
    /// them by place in this list.
    pub orgs: Vec<(String, &'a str, u8)>,
    /// The agreements, in the order of the list of all agreements.
    pub rows: Vec<Row<'a>>,
}

/// One agreement.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    /// Id.
    pub i: &'a str,
    /// The name shown (short title, else title).
    pub n: &'a str,
    /// The `lang` of the name, when it differs from the interface's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l: Option<&'static str>,
    /// Its parties' organisations, by place in [`Rows::orgs`], in party order.
    pub o: Vec<usize>,
    /// Goal numbers.
    pub g: Vec<u8>,
    /// Status key (`active`, …).
    pub s: Status,
    /// The outcome that ended it, whose words replace the status's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub e: Option<OutcomeKind>,
    /// A court has judged it unlawful (left out when not).
    #[serde(skip_serializing_if = "is_false")]
    pub u: bool,
    /// Period as shown: start, end (none: not known), approximate, proposed end.
    pub p: Period,
    /// The first and last year it is in force.
    pub y: (i32, i32),
    /// Public money per year as shown.
    pub m: Yearly,
}

/// An agreement's period as the table shows it; dates as written (`2024`, `2024-06`,
/// `2024-06-20`).
#[derive(Debug, Serialize)]
pub struct Period {
    pub s: When,
    pub e: Option<When>,
    #[serde(skip_serializing_if = "is_false")]
    pub a: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p: Option<When>,
}

/// Public money of one year, as the table's `money` filter shows it.
#[derive(Debug, Serialize)]
pub struct Yearly {
    /// The known kronor, formatted ("1 070 000 kr"); with `p` or `u` only "at least".
    pub t: String,
    /// The known kronor to sort by; none when no part is known and some is not.
    pub k: Option<i64>,
    /// Some part is not published.
    #[serde(skip_serializing_if = "is_false")]
    pub p: bool,
    /// Some part is not known.
    #[serde(skip_serializing_if = "is_false")]
    pub u: bool,
    /// The year the money is for; none without decided public money.
    pub y: Option<i32>,
}

/// For `skip_serializing_if`, which passes a reference.
fn is_false(b: &bool) -> bool {
    !*b
}

/// Every agreement's row for `site`.
pub fn rows(site: &Site) -> Rows<'_> {
    let config = &site.config;
    let year = config.as_of.year();
    Rows {
        agreement_url: urls::agreement("{id}"),
        goal_urls: (1..=17).map(urls::goal).collect(),
        orgs: site
            .organisations
            .iter()
            .map(|o| {
                let public = u8::from(o.kind == PartyKind::Public);
                (urls::organisation(&o.id), o.name.as_str(), public)
            })
            .collect(),
        rows: site
            .agreements
            .iter()
            .map(|entry| {
                let a = &entry.agreement;
                // As `views::Ctx::content_lang`: the content's language when it is not the
                // interface's.
                let content = a.language.unwrap_or(config.content_language);
                Row {
                    i: &a.id,
                    n: a.short_name(),
                    l: (content != config.language).then(|| content.code()),
                    o: entry.party_orgs.iter().map(|o| o.0).collect(),
                    g: a.goals.iter().map(|g| g.goal).collect(),
                    s: entry.status,
                    e: entry.ended_by,
                    u: a.judged_unlawful(),
                    p: Period {
                        s: a.period.start,
                        e: entry.end,
                        a: a.period.approximate,
                        p: entry.proposed_end,
                    },
                    y: entry.in_force(),
                    m: yearly(entry, year, config.language),
                }
            })
            .collect(),
    }
}

/// The public money the table shows for `entry` in the build year.
fn yearly(entry: &AgreementEntry, year: i32, language: Language) -> Yearly {
    let (y, sum) = match entry.yearly_public(year) {
        Some((y, sum)) => (Some(y), sum),
        None => (None, Sum::default()),
    };
    let incomplete = !sum.is_complete();
    Yearly {
        t: format::kronor(sum.kronor, language),
        k: (!incomplete || sum.has_known()).then_some(sum.kronor),
        p: sum.unpublished > 0,
        u: sum.unknown > 0,
        y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wrapper_is_a_call_with_json() {
        let out = script("load", &[1, 2]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "iopRows.load([1,2]);\n");
    }
}
