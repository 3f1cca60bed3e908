//! `data/360giving.json`: the site's grants as a 360Giving Data Standard 1.4 data package, so
//! that GrantNav and other 360Giving tools can read Swedish public money to non-profits next
//! to the grants of other funders. `docs/data-360giving.md` explains every choice for the
//! data user; the schemas it conforms to are in `standards/360giving/`.
//!
//! One grant is one agreement and one public funder with decided money in it. A grant whose
//! decided total is not fully known is left out: 360Giving requires an amount, and a part of
//! it would read as the whole.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::{ExportError, Exporter};
use crate::config::Language;
use crate::model::Site;
use crate::model::site::{AgreementEntry, OrgIdx, Sum};
use crate::model::types::{FundingKind, FundingLine, Party, PartyKind, When};
use crate::present::i18n::I18n;
use crate::present::urls;

/// The version of the 360Giving standard the package follows, as its `version` field wants it.
const STANDARD_VERSION: &str = "1.4";

/// The UN's own URIs for the 17 goals, `http://metadata.un.org/sdg/N`.
const SDG_URI: &str = "http://metadata.un.org/sdg";

/// `data/360giving.json`.
#[derive(Debug)]
pub struct Giving360;

impl Exporter for Giving360 {
    fn path(&self) -> &'static str {
        "data/360giving.json"
    }

    fn export(&self, site: &Site) -> Result<Vec<u8>, ExportError> {
        let mut out = serde_json::to_vec_pretty(&package(site))?;
        out.push(b'\n');
        Ok(out)
    }
}

/// The package: the grants and what the package schema asks about the file itself.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Package<'a> {
    grants: Vec<Grant>,
    version: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    /// The latest date the content gives, never the build date (which would make every
    /// build differ).
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Publisher<'a>>,
    #[serde(rename = "downloadURL")]
    download_url: String,
    #[serde(rename = "accessURL")]
    access_url: &'a str,
    license: &'static str,
}

#[derive(Serialize)]
struct Publisher<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<String>,
    website: &'a str,
}

/// One agreement's decided public money from one funder.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Grant {
    id: String,
    title: String,
    description: String,
    currency: &'static str,
    amount_awarded: i64,
    award_date: String,
    /// Which date `awardDate` is: 360Giving requires one, and the content may date no
    /// signature.
    #[serde(rename = "iopsite:awardDateIs")]
    award_date_is: AwardDateIs,
    planned_dates: Vec<Event>,
    recipient_organization: Vec<Organization>,
    funding_organization: Vec<Organization>,
    grant_programme: Vec<Programme>,
    classifications: Vec<Classification>,
    /// The other grants of the same agreement in this file.
    related_activity: Vec<String>,
    url: String,
    data_source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
}

/// What `awardDate` is taken from.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum AwardDateIs {
    /// The day the last party signed.
    Signed,
    /// No signature is dated: the first day the agreement's period can start.
    Start,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Event {
    start_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<u32>,
}

#[derive(Serialize, Clone)]
struct Organization {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<String>,
}

#[derive(Serialize, Clone)]
struct Programme {
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
}

#[derive(Serialize, Clone)]
struct Classification {
    vocabulary: &'static str,
    code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    url: String,
}

/// The whole package of `site`.
fn package(site: &Site) -> Package<'_> {
    let config = &site.config;
    let names = goal_names(config.language);
    let mut grants: Vec<Grant> = site
        .agreements
        .iter()
        .flat_map(|e| agreement_grants(site, e, &names))
        .collect();
    grants.sort_by(|a, b| a.id.cmp(&b.id));
    Package {
        grants,
        version: STANDARD_VERSION,
        title: &config.title,
        description: config.description.as_deref(),
        modified: site.modified().map(midnight_utc),
        publisher: config.publisher.as_deref().map(|name| Publisher {
            name,
            identifier: config
                .publisher_org_number
                .as_ref()
                .map(crate::orgnr::OrgNumber::org_id),
            website: &config.base_url,
        }),
        download_url: format!("{}data/360giving.json", config.base_url),
        access_url: &config.base_url,
        license: config.license.url(),
    }
}

/// One public funder of an agreement, with its decided public lines.
struct Funder<'a> {
    org: OrgIdx,
    /// The funder's first party in the agreement.
    party: &'a Party,
    lines: Vec<&'a FundingLine>,
    id: String,
}

impl Funder<'_> {
    /// The decided total, when every line of it is known.
    fn amount(&self) -> Option<i64> {
        let mut sum = Sum::default();
        for line in &self.lines {
            sum.add(line.amount);
        }
        sum.is_complete().then_some(sum.kronor)
    }
}

/// The public funders of `entry` that decided money, in party order. Parties that are the same
/// organisation are one funder, so one agreement never has two grants with one id.
fn funders<'a>(site: &Site, entry: &'a AgreementEntry) -> Vec<Funder<'a>> {
    let a = &entry.agreement;
    let mut by_org: BTreeMap<OrgIdx, Funder<'a>> = BTreeMap::new();
    let decided = a.funding.iter().filter(|l| {
        l.kind == FundingKind::Public && !l.proposed && a.party(l.funder).kind == PartyKind::Public
    });
    for line in decided {
        let org = entry.org_of(line.funder);
        let funder = by_org.entry(org).or_insert_with(|| Funder {
            org,
            party: a.party(line.funder),
            lines: Vec::new(),
            id: grant_id(site, &a.id, org),
        });
        funder.lines.push(line);
    }
    let first_party = |org: OrgIdx| entry.party_orgs.iter().position(|&o| o == org);
    let mut list: Vec<Funder<'a>> = by_org.into_values().collect();
    list.sort_by_key(|f| first_party(f.org));
    list
}

/// `<prefix>-<agreement>-<funder>`: the funder by its organisation number, else by the slug
/// of its organisation page.
fn grant_id(site: &Site, agreement: &str, org: OrgIdx) -> String {
    let org = &site.organisations[org.0];
    let key = org
        .org_number
        .as_ref()
        .map_or(org.id.as_str(), |n| n.digits());
    format!("{}-{agreement}-{key}", site.config.grant_id_prefix)
}

/// The organisation id of the organisation behind a party: `SE-ON-` and its number, else one
/// under the site's own prefix.
fn org_id(site: &Site, org: OrgIdx) -> String {
    let org = &site.organisations[org.0];
    match &org.org_number {
        Some(n) => n.org_id(),
        None => format!("{}-org-{}", site.config.grant_id_prefix, org.id),
    }
}

/// The grants of one agreement: one per public funder whose decided total is known.
fn agreement_grants(site: &Site, entry: &AgreementEntry, names: &I18n) -> Vec<Grant> {
    let a = &entry.agreement;
    let recipients: Vec<Organization> = a
        .parties
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PartyKind::Nonprofit)
        .map(|(i, p)| organization(site, entry.party_orgs[i], p, p.unit.clone()))
        .collect();
    if recipients.is_empty() {
        return Vec::new(); // 360Giving requires a recipient; validation expects one anyway
    }
    let funders = funders(site, entry);
    let known: Vec<(&Funder, i64)> = funders
        .iter()
        .filter_map(|f| f.amount().map(|k| (f, k)))
        .collect();
    let shared = Shared::of(site, entry, names, recipients);
    known
        .iter()
        .map(|&(funder, amount)| {
            let others: Vec<&Funder> = funders.iter().filter(|f| f.org != funder.org).collect();
            let related = known
                .iter()
                .filter(|(f, _)| f.org != funder.org)
                .map(|(f, _)| f.id.clone())
                .collect();
            shared.grant(site, entry, funder, amount, &others, related)
        })
        .collect()
}

/// What every grant of one agreement has in common.
struct Shared {
    award_date: String,
    award_date_is: AwardDateIs,
    planned: Event,
    recipients: Vec<Organization>,
    programme: Programme,
    classifications: Vec<Classification>,
    url: String,
    modified: Option<String>,
    language: Language,
}

impl Shared {
    fn of(
        site: &Site,
        entry: &AgreementEntry,
        names: &I18n,
        recipients: Vec<Organization>,
    ) -> Self {
        let a = &entry.agreement;
        let (award, award_date_is) = match entry.signed() {
            Some(signed) => (signed.first, AwardDateIs::Signed),
            None => (a.period.start.first, AwardDateIs::Start),
        };
        let mut goals: Vec<u8> = a.goals.iter().map(|g| g.goal).collect();
        goals.sort_unstable();
        goals.dedup();
        Shared {
            award_date: day(award),
            award_date_is,
            planned: planned(a.period.start, entry.end),
            recipients,
            programme: Programme {
                code: programme_code(a.form),
                title: lookup(names, &format!("form_{}", a.form.as_ref())),
            },
            classifications: goals
                .into_iter()
                .map(|g| classification(g, names))
                .collect(),
            url: format!("{}{}", site.config.base_url, urls::agreement(&a.id)),
            modified: entry.modified(site).map(midnight_utc),
            language: a.language.unwrap_or(site.config.content_language),
        }
    }

    /// The grant of `funder`, whose decided total is `amount`; `others` are the agreement's
    /// other public funders (in the file or not), `related` the ids of those in the file.
    fn grant(
        &self,
        site: &Site,
        entry: &AgreementEntry,
        funder: &Funder,
        amount: i64,
        others: &[&Funder],
        related: Vec<String>,
    ) -> Grant {
        let a = &entry.agreement;
        let department = departments(funder);
        let mut description = a.summary.trim_end().to_string();
        if !others.is_empty() {
            let names: Vec<&str> = others.iter().map(|f| f.party.name.as_str()).collect();
            description.push_str("\n\n");
            description.push_str(&co_funded(self.language, &names));
        }
        Grant {
            id: funder.id.clone(),
            title: a.title.clone(),
            description,
            currency: "SEK",
            amount_awarded: amount,
            award_date: self.award_date.clone(),
            award_date_is: self.award_date_is,
            planned_dates: vec![self.planned.clone()],
            recipient_organization: self.recipients.clone(),
            funding_organization: vec![organization(site, funder.org, funder.party, department)],
            grant_programme: vec![self.programme.clone()],
            classifications: self.classifications.clone(),
            related_activity: related,
            url: self.url.clone(),
            data_source: self.url.clone(),
            date_modified: self.modified.clone(),
        }
    }
}

/// A party as a 360Giving organisation, named as the agreement names it.
fn organization(
    site: &Site,
    org: OrgIdx,
    party: &Party,
    department: Option<String>,
) -> Organization {
    Organization {
        id: org_id(site, org),
        name: party.name.clone(),
        department,
    }
}

/// The units that pay (as the lines name them, in order, each once), `; ` between them; else
/// the party's unit.
fn departments(funder: &Funder) -> Option<String> {
    let mut units: Vec<&str> = Vec::new();
    for unit in funder.lines.iter().filter_map(|l| l.unit.as_deref()) {
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    if units.is_empty() {
        funder.party.unit.clone()
    } else {
        Some(units.join("; "))
    }
}

/// The sentence that tells a reader of one grant that the agreement has other funders.
fn co_funded(language: Language, names: &[&str]) -> String {
    let list = names.join(", ");
    match language {
        Language::Sv => format!("Överenskommelsen finansieras även av: {list}."),
        Language::En => format!("The agreement is also funded by: {list}."),
    }
}

/// The programme code of a form of agreement.
fn programme_code(form: crate::model::types::Form) -> &'static str {
    use crate::model::types::Form;
    match form {
        Form::Iop => "IOP",
        Form::OperatingGrant => "operating_grant",
        Form::Other => "other",
    }
}

/// Goal `goal` in the UN's vocabulary of the Sustainable Development Goals.
fn classification(goal: u8, names: &I18n) -> Classification {
    Classification {
        vocabulary: SDG_URI,
        code: goal.to_string(),
        title: lookup(names, &format!("goal_{goal}")),
        url: format!("{SDG_URI}/{goal}"),
    }
}

/// The planned period: its start and its end after decided extensions, as precisely as they
/// are known (the schema takes `2024`, `2024-06` and `2024-06-20`), and the months between
/// them when both are known to the day and the period is whole months.
fn planned(start: When, end: Option<When>) -> Event {
    Event {
        start_date: start.to_string(),
        end_date: end.map(|e| e.to_string()),
        duration: end.and_then(|e| whole_months(start.exact()?, e.exact()?)),
    }
}

/// How many whole months run from `start` to `end` (both days included), when the period is a
/// whole number of months: 2025-01-01 to 2027-12-31 is 36.
fn whole_months(start: NaiveDate, end: NaiveDate) -> Option<u32> {
    let after = end.succ_opt()?;
    let months = (after.year() - start.year()) * 12 + after.month() as i32 - start.month() as i32;
    let months = u32::try_from(months).ok().filter(|&m| m > 0)?;
    (start.checked_add_months(Months::new(months)) == Some(after)).then_some(months)
}

/// A date as `YYYY-MM-DD`.
fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A date as the date-time 360Giving's `dateModified` wants: midnight UTC of that day.
fn midnight_utc(date: NaiveDate) -> String {
    format!("{}T00:00:00Z", day(date))
}

/// The goal and form names of the built-in theme in `language`. The exporter sees only the
/// site, not a site's own theme; the goal names are the UN's, so the built-in ones serve.
fn goal_names(language: Language) -> I18n {
    let theme = crate::theme::Theme::builtin();
    let map = theme
        .files
        .get(&format!("i18n/{}.yaml", language.code()))
        .and_then(|f| std::str::from_utf8(&f.bytes).ok())
        .and_then(|text| serde_saphyr::from_str::<BTreeMap<String, String>>(text).ok())
        .unwrap_or_default();
    I18n::from_map(map)
}

/// The text of `key`, when the strings have it.
fn lookup(names: &I18n, key: &str) -> Option<String> {
    let text = names.text(key);
    (text != key).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::Precision;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn whole_months_only_for_whole_month_periods() {
        assert_eq!(whole_months(d("2025-01-01"), d("2027-12-31")), Some(36));
        assert_eq!(whole_months(d("2023-07-01"), d("2026-12-31")), Some(42));
        assert_eq!(whole_months(d("2023-12-01"), d("2026-11-30")), Some(36));
        assert_eq!(whole_months(d("2024-01-15"), d("2024-03-14")), Some(2));
        assert_eq!(whole_months(d("2024-01-01"), d("2024-03-14")), None);
        assert_eq!(whole_months(d("2024-03-01"), d("2024-01-31")), None);
    }

    #[test]
    fn planned_dates_keep_the_precision_the_content_has() {
        let year = When {
            first: d("2018-01-01"),
            precision: Precision::Year,
        };
        let end = When {
            first: d("2020-01-01"),
            precision: Precision::Year,
        };
        let event = planned(year, Some(end));
        assert_eq!(event.start_date, "2018");
        assert_eq!(event.end_date.as_deref(), Some("2020"));
        assert_eq!(event.duration, None);
        let exact = planned(When::day(d("2021-01-01")), Some(When::day(d("2024-12-31"))));
        assert_eq!(exact.duration, Some(48));
        assert_eq!(planned(When::day(d("2021-01-01")), None).end_date, None);
    }

    #[test]
    fn goal_names_come_in_the_site_language() {
        let sv = goal_names(Language::Sv);
        assert_eq!(
            classification(5, &sv).title.as_deref(),
            Some("Jämställdhet")
        );
        assert_eq!(classification(5, &sv).url, "http://metadata.un.org/sdg/5");
        let en = goal_names(Language::En);
        assert!(classification(5, &en).title.is_some());
        assert_eq!(lookup(&en, "no_such_key"), None);
    }

    #[test]
    fn modified_is_a_date_time() {
        assert_eq!(midnight_utc(d("2024-06-20")), "2024-06-20T00:00:00Z");
    }
}
