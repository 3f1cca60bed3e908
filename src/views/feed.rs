//! The Atom feed: what is new about the agreements — new agreements, decisions, outcomes,
//! agreements that start ending soon, and annual reports — each dated by the content.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Ctx, View};
use crate::model::site::AgreementEntry;
use crate::model::types::{Decision, DecisionStatus, Outcome, Report};
use crate::present::{escape_xml, markdown, urls};

/// How many entries the feed keeps: readers poll it for what is new, and the full lists are
/// in the sitemap and the data files.
pub const FEED_ENTRIES: usize = 100;

/// The feed's data; the theme's `feed.xml` writes it out.
#[derive(Debug, Serialize)]
pub struct Feed<'a> {
    /// Who publishes the site: its publisher, else its title.
    pub author: &'a str,
    /// The newest entry's date; with no entry, the date the site is built as of.
    pub updated: NaiveDate,
    pub entries: Vec<FeedEntry<'a>>,
}

/// What an entry tells of; its `<category term>`, so readers can filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A new agreement, dated by its signing.
    Agreement,
    Decision,
    Outcome,
    /// The agreement has come within the window before its end.
    EndingSoon,
    Report,
}

/// One entry of the feed.
#[derive(Debug, Serialize)]
pub struct FeedEntry<'a> {
    /// The date the content gives for it (never the build date).
    pub updated: NaiveDate,
    /// Names the agreement, and what happened.
    pub title: Cow<'a, str>,
    /// The page it is on, with the fragment of a decision or an outcome.
    pub url: String,
    /// Unique and stable for each entry: the page, with a fragment saying which entry.
    pub id: String,
    pub kind: EntryKind,
    /// The kind in words, for the category's label.
    pub kind_label: &'a str,
    /// HTML (escaped once more by the template, `type="html"`).
    pub summary: String,
}

impl<'a> Ctx<'a> {
    /// The [`FEED_ENTRIES`] newest entries dated on or before the build date, newest first.
    /// Dates are midnight UTC in the template, so builds are reproducible.
    pub fn feed(&self) -> View<'a> {
        let site = self.site;
        let as_of = site.config.as_of;
        let mut entries: Vec<FeedEntry> = Vec::new();
        for r in &site.reports {
            entries.push(self.report_entry(r));
        }
        for e in &site.agreements {
            self.agreement_entries(e, &mut entries);
        }
        // What the content dates after the build date has not happened as of it.
        entries.retain(|e| e.updated <= as_of);
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
            updated: entries.first().map_or(as_of, |e| e.updated),
            entries,
        };
        View::new(site.config.title.as_str(), "feed", feed)
    }

    /// The entries of one agreement: its signing, decisions, outcomes, and the day it starts
    /// ending soon.
    fn agreement_entries(&self, e: &'a AgreementEntry, out: &mut Vec<FeedEntry<'a>>) {
        let a = &e.agreement;
        let page = format!("{}{}", self.site.config.base_url, urls::agreement(&a.id));
        let summary = markdown::to_html(&a.summary, 2);
        let name = a.short_name();
        // Signed, else in force from the first day its period can start.
        let signed = e.signed().map_or(a.period.start.first, |w| w.first);
        out.push(FeedEntry {
            updated: signed,
            title: Cow::Owned(self.t.text("feed_new_agreement").replace("{name}", name)),
            url: page.clone(),
            id: format!("{page}#agreement"),
            kind: EntryKind::Agreement,
            kind_label: self.t.text("feed_kind_agreement"),
            summary: summary.clone(),
        });
        for (i, d) in a.decisions.iter().enumerate() {
            out.push(self.decision_entry(name, &page, i, d));
        }
        for (i, o) in a.outcomes.iter().enumerate() {
            out.push(self.outcome_entry(name, &page, i, o));
        }
        if let (Some(day), Some(end)) = (e.ending_soon_since(&self.site.config), e.end) {
            let title = self
                .t
                .text("feed_ending_soon")
                .replace("{name}", name)
                .replace("{end}", &end.to_string());
            out.push(FeedEntry {
                updated: day,
                title: Cow::Owned(title),
                url: page.clone(),
                id: format!("{page}#ending-soon-{end}"),
                kind: EntryKind::EndingSoon,
                kind_label: self.t.text("feed_kind_ending_soon"),
                summary,
            });
        }
    }

    /// A decision: "NAME – decided: extension to END (BODY)", or "proposed".
    fn decision_entry(&self, name: &str, page: &str, i: usize, d: &'a Decision) -> FeedEntry<'a> {
        let key = match (d.status, d.extends_to.is_some()) {
            (DecisionStatus::Decided, true) => "feed_extension_decided",
            (DecisionStatus::Proposed, true) => "feed_extension_proposed",
            (DecisionStatus::Decided, false) => "feed_decision_decided",
            (DecisionStatus::Proposed, false) => "feed_decision_proposed",
        };
        let title = self
            .t
            .text(key)
            .replace("{name}", name)
            .replace("{body}", &d.body)
            .replace(
                "{to}",
                &d.extends_to.map(|w| w.to_string()).unwrap_or_default(),
            );
        FeedEntry {
            updated: d.date.first,
            title: Cow::Owned(title),
            url: format!("{page}#decision-{}", i + 1),
            id: format!("{page}#decision-{}", i + 1),
            kind: EntryKind::Decision,
            kind_label: self.t.text("feed_kind_decision"),
            summary: markdown::to_html(&d.summary, 2),
        }
    }

    /// An outcome: "NAME – Ended early (BY)".
    fn outcome_entry(&self, name: &str, page: &str, i: usize, o: &'a Outcome) -> FeedEntry<'a> {
        let what = self.t.outcome(o.kind);
        let title = match &o.by {
            Some(by) => format!("{name} – {what} ({by})"),
            None => format!("{name} – {what}"),
        };
        FeedEntry {
            updated: o.date.first,
            title: Cow::Owned(title),
            url: format!("{page}#outcome-{}", i + 1),
            id: format!("{page}#outcome-{}", i + 1),
            kind: EntryKind::Outcome,
            kind_label: self.t.text("feed_kind_outcome"),
            summary: o
                .summary
                .as_deref()
                .map_or_else(|| escape_xml(what), |s| markdown::to_html(s, 2)),
        }
    }

    /// A report: "TITLE – AGREEMENT" (the report's own title, else "Annual report YEAR"),
    /// dated by when it was received, else by the last day of its year.
    fn report_entry(&self, r: &'a Report) -> FeedEntry<'a> {
        let url = format!("{}{}", self.site.config.base_url, urls::report(&r.id));
        let agreement = self.site.agreement(&r.agreement).map(|e| &e.agreement);
        let name = agreement.map_or("", |a| a.short_name());
        let own = r
            .title
            .clone()
            .unwrap_or_else(|| format!("{} {}", self.t.text("annual_report"), r.year));
        let title = if own.contains(name) {
            own.clone()
        } else {
            format!("{own} – {name}")
        };
        let summary = self
            .t
            .text("feed_report_summary")
            .replace("{title}", &own)
            .replace("{year}", &r.year.to_string())
            .replace("{agreement}", agreement.map_or("", |a| a.title.as_str()));
        FeedEntry {
            // Without `received` the content still dates the report by its year: it tells of
            // that whole year, so the year's last day is the earliest it can be complete. It
            // is a date of the content, not the build's, and not a guessed due date.
            updated: r.received.map_or_else(|| last_day_of(r.year), |w| w.first),
            title: Cow::Owned(title),
            id: url.clone(),
            url,
            kind: EntryKind::Report,
            kind_label: self.t.text("feed_kind_report"),
            summary: escape_xml(&summary),
        }
    }
}

/// 31 December of `year`.
fn last_day_of(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}
