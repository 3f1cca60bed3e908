//! The Atom feed: the newest reports and decisions.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Ctx, View};
use crate::present::urls;

/// How many entries the feed keeps: readers poll it for what is new, and the full lists are
/// in the sitemap and the data files.
pub const FEED_ENTRIES: usize = 100;

/// The feed's data; the theme's `feed.xml` writes it out.
#[derive(Debug, Serialize)]
pub struct Feed<'a> {
    /// Who publishes the site: its publisher, else its title.
    pub author: &'a str,
    /// The newest entry's date, else the build date.
    pub updated: NaiveDate,
    pub entries: Vec<FeedEntry<'a>>,
}

/// A report or a decision in the feed.
#[derive(Debug, Serialize)]
pub struct FeedEntry<'a> {
    pub updated: NaiveDate,
    pub title: Cow<'a, str>,
    /// The page it is on.
    pub url: String,
    /// Unique for each entry: the page, with the decision's fragment for a decision.
    pub id: String,
}

impl<'a> Ctx<'a> {
    /// The [`FEED_ENTRIES`] newest reports (dated by `received`, else the end of the
    /// following January) and decisions, newest first. Dates are midnight UTC in the
    /// template, so builds are reproducible.
    pub fn feed(&self) -> View<'a> {
        let site = self.site;
        let base = &site.config.base_url;
        let mut entries: Vec<FeedEntry> = Vec::new();
        for r in &site.reports {
            let url = format!("{base}{}", urls::report(&r.id));
            entries.push(FeedEntry {
                updated: r
                    .received
                    .map_or_else(|| end_of_next_january(r.year), |w| w.first),
                title: self.report_title(r),
                id: url.clone(),
                url,
            });
        }
        for e in &site.agreements {
            let url = format!("{base}{}", urls::agreement(&e.agreement.id));
            for (i, d) in e.agreement.decisions.iter().enumerate() {
                entries.push(FeedEntry {
                    updated: d.date.first,
                    title: Cow::Owned(format!("{} – {}", e.agreement.short_name(), d.body)),
                    id: format!("{url}#decision-{}", i + 1),
                    url: url.clone(),
                });
            }
            for (i, o) in e.agreement.outcomes.iter().enumerate() {
                let what = self.t.outcome(o.kind);
                entries.push(FeedEntry {
                    updated: o.date.first,
                    title: Cow::Owned(match &o.by {
                        Some(by) => format!("{} – {what} ({by})", e.agreement.short_name()),
                        None => format!("{} – {what}", e.agreement.short_name()),
                    }),
                    id: format!("{url}#outcome-{}", i + 1),
                    url: url.clone(),
                });
            }
        }
        entries.sort_by(|a, b| {
            (b.updated, &b.title, &b.url, &b.id).cmp(&(a.updated, &a.title, &a.url, &a.id))
        });
        entries.truncate(FEED_ENTRIES);
        let feed = Feed {
            author: site
                .config
                .publisher
                .as_deref()
                .unwrap_or(&site.config.title),
            updated: entries.first().map_or(site.config.as_of, |e| e.updated),
            entries,
        };
        View::new(site.config.title.as_str(), "feed", feed)
    }
}

/// When a report of `year` is due at the latest, as far as the feed is concerned.
fn end_of_next_january(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year + 1, 1, 31).unwrap_or(NaiveDate::MAX)
}
