//! Machine-readable output from the same `Site` the pages use: agreements and funding rows
//! as JSON and CSV, an Atom feed of reports and decisions, and a sitemap.

use serde::Serialize;

use crate::model::Site;
use crate::model::types::{Amount, FundingKind};
use crate::present::i18n::I18n;
use crate::present::urls;
use crate::render::OutputFile;

/// One agreement in the open data.
#[derive(Serialize)]
struct AgreementRecord<'a> {
    id: &'a str,
    title: &'a str,
    short_title: Option<&'a str>,
    status: crate::model::Status,
    start: String,
    end: String,
    organisations: String,
    organisation_numbers: String,
    goals: String,
    /// Published public money over all years, whole kronor.
    public_total: i64,
    own_contribution_total: i64,
    /// True when some amount of the agreement is not published (the totals leave it out).
    has_unpublished_amounts: bool,
    url: String,
}

/// One funding row: one agreement, year and funder.
#[derive(Serialize)]
struct FundingRecord<'a> {
    agreement: &'a str,
    year: i32,
    funder: &'a str,
    funder_org_number: Option<String>,
    unit: Option<&'a str>,
    kind: FundingKind,
    /// Empty (CSV) or null (JSON) when the amount is not published.
    amount: Option<i64>,
    published: bool,
}

/// The paths of the files [`exports`] makes, known without making them.
pub const PATHS: [&str; 6] = [
    "data/agreements.json",
    "data/agreements.csv",
    "data/funding.json",
    "data/funding.csv",
    "feed.xml",
    "sitemap.xml",
];

/// The machine-readable files: agreements and funding as JSON and CSV, the feed, the sitemap.
/// Their paths are [`PATHS`].
pub fn exports(site: &Site, t: &I18n) -> Vec<OutputFile> {
    let base = &site.config.base_url;
    let agreements: Vec<AgreementRecord> = site
        .agreements
        .iter()
        .map(|e| {
            let a = &e.agreement;
            let total = e.total();
            AgreementRecord {
                id: &a.id,
                title: &a.title,
                short_title: a.short_title.as_deref(),
                status: e.status,
                start: a.period.start.to_string(),
                end: e.end.to_string(),
                organisations: a
                    .parties
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                organisation_numbers: a
                    .parties
                    .iter()
                    .map(|p| {
                        p.org_number
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default()
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                goals: a
                    .goals
                    .iter()
                    .map(|g| g.goal.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
                public_total: total.public.kronor,
                own_contribution_total: total.own.kronor,
                has_unpublished_amounts: total.public.unpublished + total.own.unpublished > 0,
                url: format!("{base}{}", urls::agreement(&a.id)),
            }
        })
        .collect();
    let mut funding: Vec<FundingRecord> = site
        .agreements
        .iter()
        .flat_map(|e| {
            let a = &e.agreement;
            a.funding.iter().map(move |l| FundingRecord {
                agreement: &a.id,
                year: l.year,
                funder: &a.parties[l.funder].name,
                funder_org_number: a.parties[l.funder]
                    .org_number
                    .as_ref()
                    .map(ToString::to_string),
                unit: l.unit.as_deref(),
                kind: l.kind,
                amount: l.amount.kronor(),
                published: l.amount != Amount::Unpublished,
            })
        })
        .collect();
    funding.sort_by(|a, b| {
        (a.agreement, a.year, a.funder, a.unit).cmp(&(b.agreement, b.year, b.funder, b.unit))
    });

    let mut files = vec![
        OutputFile {
            path: "data/agreements.json".into(),
            bytes: json(&agreements),
        },
        OutputFile {
            path: "data/agreements.csv".into(),
            bytes: csv(&agreements),
        },
        OutputFile {
            path: "data/funding.json".into(),
            bytes: json(&funding),
        },
        OutputFile {
            path: "data/funding.csv".into(),
            bytes: csv(&funding),
        },
    ];
    files.push(OutputFile {
        path: "feed.xml".into(),
        bytes: feed(site, t).into_bytes(),
    });
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        bytes: sitemap(site).into_bytes(),
    });
    files
}

fn json<T: Serialize>(rows: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(rows).unwrap_or_default();
    out.push(b'\n');
    out
}

fn csv<T: Serialize>(rows: &[T]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Serialising plain structs of strings and numbers into memory cannot fail.
        let _ = writer.serialize(row);
    }
    writer.into_inner().unwrap_or_default()
}

pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// How many entries the feed keeps: readers poll it for what is new, and the full lists are
/// in the sitemap and the data files.
pub const FEED_ENTRIES: usize = 100;

/// Atom feed of the [`FEED_ENTRIES`] newest reports (dated by `received`, else the end of
/// the following January) and decisions, newest first. Timestamps are dates at midnight UTC,
/// so builds are reproducible.
fn feed(site: &Site, t: &I18n) -> String {
    let base = &site.config.base_url;
    let mut entries: Vec<(String, String, String, String)> = Vec::new();
    for r in &site.reports {
        let name = site
            .agreement(&r.agreement)
            .map(|e| e.agreement.short_name().to_string())
            .unwrap_or_default();
        let date = r
            .received
            .map(|d| d.to_string())
            .unwrap_or_else(|| format!("{}-01-31", r.year + 1));
        let title = r
            .title
            .clone()
            .unwrap_or_else(|| format!("{} {} – {}", t.get("annual_report"), r.year, name));
        let url = format!("{base}{}", urls::report(&r.id));
        entries.push((date, title, url.clone(), url));
    }
    for e in &site.agreements {
        for (i, d) in e.agreement.decisions.iter().enumerate() {
            let url = format!("{base}{}", urls::agreement(&e.agreement.id));
            let title = format!("{} – {}", e.agreement.short_name(), d.body);
            entries.push((
                d.date.to_string(),
                title,
                url.clone(),
                format!("{url}#decision-{}", i + 1),
            ));
        }
    }
    entries.sort_by(|a, b| b.cmp(a));
    entries.truncate(FEED_ENTRIES);
    let updated = entries
        .first()
        .map(|e| e.0.clone())
        .unwrap_or_else(|| site.config.as_of.to_string());
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    out.push_str(&format!(
        "  <title>{}</title>\n",
        escape_xml(&site.config.title)
    ));
    out.push_str(&format!(
        "  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}feed.xml\"/>\n",
        escape_xml(base),
        escape_xml(base)
    ));
    out.push_str(&format!(
        "  <id>{}</id>\n  <updated>{updated}T00:00:00Z</updated>\n",
        escape_xml(base)
    ));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape_xml(
            site.config
                .publisher
                .as_deref()
                .unwrap_or(&site.config.title)
        )
    ));
    for (date, title, url, id) in entries {
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{date}T00:00:00Z</updated>\n  </entry>\n",
            escape_xml(&title),
            escape_xml(&url),
            escape_xml(&id)
        ));
    }
    out.push_str("</feed>\n");
    out
}

fn sitemap(site: &Site) -> String {
    let base = &site.config.base_url;
    let mut paths: Vec<String> = vec![
        "index.html".into(),
        "agreements.html".into(),
        "organisations.html".into(),
        "goals.html".into(),
        "funding.html".into(),
    ];
    paths.extend(
        site.agreements
            .iter()
            .map(|e| urls::agreement(&e.agreement.id)),
    );
    paths.extend(site.reports.iter().map(|r| urls::report(&r.id)));
    paths.extend(site.organisations.iter().map(|o| urls::organisation(&o.id)));
    paths.extend(site.goals.iter().map(|g| urls::goal(g.number)));
    paths.extend(site.pages.iter().map(|p| urls::page(&p.id)));
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape_xml(&format!("{base}{p}"))
        ));
    }
    out.push_str("</urlset>\n");
    out
}
