//! The YAML files exactly as written: every struct rejects unknown keys, and every value
//! that `validate` may reject keeps its position. See docs/format.md for the user's view.
//!
//! The same structs give the JSON Schemas that editors use (`iopsite schema`, see
//! `crate::json_schema`): their `///` comments are the descriptions an editor shows, so they
//! are written for the person editing the file. `#[schemars(…)]` only shapes those schemas;
//! reading does not look at it.

use schemars::JsonSchema;
use serde::Deserialize;

use super::scalar::{AmountText, Spanned, Text};
use super::value_shapes::{self as shape, words};

/// An agreement: one file `agreements/NAME.yaml`, where NAME is its id and the address of its page.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "iopsite agreement")]
pub struct AgreementFile {
    /// The agreement's full title.
    pub title: Spanned<String>,
    /// A short name for tables and charts.
    #[serde(default)]
    pub short_title: Option<Spanned<String>>,
    /// The kind of agreement: `iop` (the default), `operating_grant` or `other`.
    #[serde(default)]
    #[schemars(extend("x-iopsite-words" = words::FORM))]
    pub form: Option<Spanned<String>>,
    /// Diary numbers (Dnr) of the agreement, e.g. `[KS 2023/0123]`.
    #[serde(default)]
    pub diary_numbers: Vec<String>,
    /// Two or three sentences for the citizen (Markdown).
    pub summary: String,
    /// Background (Markdown).
    #[serde(default)]
    pub background: Option<String>,
    /// Purpose (Markdown).
    #[serde(default)]
    pub purpose: Option<String>,
    /// Target group (Markdown).
    #[serde(default)]
    pub target_group: Option<String>,
    /// What the agreement does not cover (Markdown).
    #[serde(default)]
    pub delimitations: Option<String>,
    /// Values the parties share (Markdown).
    #[serde(default)]
    pub values: Option<String>,
    /// What happens on breach: repayment, disputes (Markdown).
    #[serde(default)]
    pub termination: Option<String>,
    /// Objectives, one text each.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Activities the agreement pays for.
    #[serde(default)]
    pub activities: Vec<ActivityEntry>,
    /// The documents this file is transcribed from; at least one.
    #[schemars(length(min = 1))]
    pub sources: Spanned<Vec<SourceEntry>>,
    /// The parties; at least two, each name once.
    #[schemars(length(min = 2))]
    pub parties: Spanned<Vec<PartyEntry>>,
    /// When the agreement runs.
    pub period: PeriodEntry,
    /// The money: one line per funder and year, or range of years.
    #[serde(default)]
    pub funding: Vec<FundingEntry>,
    /// Contributions in kind, such as volunteers' hours.
    #[serde(default)]
    pub in_kind: Option<String>,
    /// Payment schedule and invoicing.
    #[serde(default)]
    pub payment: Option<String>,
    /// Meetings and reports the agreement requires.
    #[serde(default)]
    pub follow_up: Option<FollowUpEntry>,
    /// Decisions after signing, e.g. an extension.
    #[serde(default)]
    pub decisions: Vec<DecisionEntry>,
    /// Agenda 2030 goals the agreement serves.
    #[serde(default)]
    pub goals: Vec<GoalEntry>,
    /// How the agreement ended other than as planned, or what a court found about it.
    #[serde(default)]
    pub outcomes: Vec<OutcomeEntry>,
    /// The language of the texts, when it is not the site's `content_language`.
    #[serde(default)]
    #[schemars(extend("x-iopsite-words" = words::LANGUAGE))]
    pub language: Option<Spanned<String>>,
}

/// An activity the agreement pays for.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityEntry {
    /// The activity's name.
    pub name: Spanned<String>,
    /// What it is (Markdown).
    #[serde(default)]
    pub description: Option<String>,
    /// The volume as the agreement states it, e.g. "about 25 participants a week".
    #[serde(default)]
    pub volume: Option<String>,
}

/// A document the agreement file is transcribed from.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// The document's title.
    pub title: Spanned<String>,
    /// Its date: a day (2023-06-15), a month (2023-06) or a year.
    #[serde(default)]
    #[schemars(with = "Option<shape::When>")]
    pub date: Option<Spanned<Text>>,
    /// Where it can be read.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// A file in `files/` to publish with the site and link, by its path below `files/`.
    #[serde(default)]
    pub file: Option<Spanned<String>>,
}

/// A party to the agreement.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyEntry {
    /// The party's name, unique within the agreement.
    pub name: Spanned<String>,
    /// `public` (a municipality, region or agency) or `nonprofit`.
    #[schemars(extend("x-iopsite-words" = words::PARTY_KIND))]
    pub kind: Spanned<String>,
    /// Organisation number: ten digits with a valid check digit; spaces and any dash are fine.
    #[serde(default)]
    #[schemars(with = "Option<shape::OrgNumber>")]
    pub org_number: Option<Spanned<Text>>,
    /// The board, department or office that is party.
    #[serde(default)]
    pub unit: Option<Spanned<String>>,
    /// Postal address.
    #[serde(default)]
    pub address: Option<String>,
    /// Contact persons.
    #[serde(default)]
    pub contacts: Vec<ContactEntry>,
    /// Who signed, and their roles.
    #[serde(default)]
    pub signatories: Vec<SignatoryEntry>,
}

/// A contact person.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactEntry {
    /// Name.
    pub name: Spanned<String>,
    /// Role or title.
    #[serde(default)]
    pub role: Option<String>,
    /// Phone number; published only when `site.yaml` has `publish_contact_details: true`.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail address; published only when `site.yaml` has `publish_contact_details: true`.
    #[serde(default)]
    pub email: Option<String>,
}

/// A person who signed.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatoryEntry {
    /// Name.
    pub name: Spanned<String>,
    /// Role or title.
    #[serde(default)]
    pub role: Option<String>,
    /// When they signed: a day, a month or a year.
    #[serde(default)]
    #[schemars(with = "Option<shape::When>")]
    pub date: Option<Spanned<Text>>,
}

/// When the agreement runs.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodEntry {
    /// The first day: a day (2023-07-01), a month (2023-07) or a year (2023).
    #[schemars(with = "shape::When")]
    pub start: Spanned<Text>,
    /// The last day: a day, a month or a year, not before `start`; or `unknown`.
    #[schemars(with = "shape::WhenOrUnknown")]
    pub end: Spanned<Text>,
    /// `true` when the source gives the period only roughly; pages then say "about".
    #[serde(default)]
    pub approximate: bool,
    /// `true` when the agreement ends without notice at its end (default `false`).
    #[serde(default)]
    pub ends_without_notice: bool,
    /// The option to extend the agreement.
    #[serde(default)]
    pub extension: Option<ExtensionEntry>,
    /// The notice period, as text.
    #[serde(default)]
    pub notice: Option<String>,
    /// Earlier agreements, as text.
    #[serde(default)]
    pub previous: Option<String>,
}

/// The option to extend the agreement.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtensionEntry {
    /// At most this many years.
    pub max_years: Spanned<u32>,
    /// A position on extension is due this many months before the end.
    #[serde(default)]
    pub decision_months_before_end: Option<Spanned<u32>>,
}

/// A funding line: money from one funder for a year or a range of years.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingEntry {
    /// A year (2025) or an inclusive range of years (2021-2024).
    #[schemars(with = "shape::Years")]
    pub years: Spanned<Text>,
    /// The name of the party that pays. A non-profit party's line is its own contribution.
    pub funder: Spanned<String>,
    /// The unit of that party that pays.
    #[serde(default)]
    pub unit: Option<String>,
    /// Whole kronor for EACH of the years, or `unpublished` or `unknown`. Give `amount` or `total`.
    #[serde(default)]
    pub amount: Option<Spanned<AmountText>>,
    /// One sum for ALL the years together, when the split per year is not known: whole
    /// kronor, or `unpublished` or `unknown`. Give `amount` or `total`.
    #[serde(default)]
    pub total: Option<Spanned<AmountText>>,
    /// A note shown under the funding table and in the funding data.
    #[serde(default)]
    pub note: Option<String>,
}

/// Meetings and reports the agreement requires.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpEntry {
    /// At least this many follow-up meetings a year.
    #[serde(default)]
    pub meetings_per_year: Option<u32>,
    /// The party that calls the meetings, by name.
    #[serde(default)]
    pub convener: Option<Spanned<String>>,
    /// What must be handed in each year.
    #[serde(default)]
    pub reports: Vec<DueReportEntry>,
    /// Notes, as text.
    #[serde(default)]
    pub notes: Option<String>,
    /// The first year whose report this site follows up (wins over `site.yaml`'s).
    #[serde(default)]
    #[schemars(with = "Option<shape::Year>")]
    pub reports_from: Option<Spanned<i64>>,
}

/// A report the agreement requires each year.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DueReportEntry {
    /// What is handed in, e.g. "Verksamhetsberättelse".
    pub name: String,
    /// Who receives it.
    #[serde(default)]
    pub to: Option<String>,
    /// When it is due, as text.
    #[serde(default)]
    pub due: Option<String>,
}

/// A decision after signing.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionEntry {
    /// When it was decided: a day, a month or a year.
    #[schemars(with = "shape::When")]
    pub date: Spanned<Text>,
    /// Who decided.
    pub body: String,
    /// The decision's diary number.
    #[serde(default)]
    pub diary_number: Option<String>,
    /// What was decided (Markdown).
    pub summary: String,
    /// `decided` (the default) or `proposed`: a proposal's end and money are shown as proposed.
    #[serde(default)]
    #[schemars(extend("x-iopsite-words" = words::DECISION_STATUS))]
    pub status: Option<Spanned<String>>,
    /// The agreement's new end: a day, a month or a year.
    #[serde(default)]
    #[schemars(with = "Option<shape::When>")]
    pub extends_to: Option<Spanned<Text>>,
    /// Funding lines the decision adds.
    #[serde(default)]
    pub funding: Vec<FundingEntry>,
}

/// How the agreement ended other than as planned, or what a court found about it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeEntry {
    /// `ended_early`, `terminated`, `annulled` or `judged_unlawful`.
    #[schemars(extend("x-iopsite-words" = words::OUTCOME_KIND))]
    pub kind: Spanned<String>,
    /// When it took effect or the judgement was given: a day, a month or a year.
    #[schemars(with = "shape::When")]
    pub date: Spanned<Text>,
    /// The court, board or party that decided.
    #[serde(default)]
    pub by: Option<String>,
    /// Case or diary number.
    #[serde(default)]
    pub case: Option<String>,
    /// Where the ruling or decision can be read.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// What happened (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    /// A fine imposed, in whole kronor.
    #[serde(default)]
    pub fine: Option<Spanned<AmountText>>,
}

/// An Agenda 2030 goal the agreement serves.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalEntry {
    /// The goal's number, 1-17.
    #[schemars(range(min = 1, max = 17))]
    pub goal: Spanned<i64>,
    /// `named` (in the agreement text) or `assessed` (by the publisher).
    #[schemars(extend("x-iopsite-words" = words::GOAL_BASIS))]
    pub basis: Spanned<String>,
    /// Why the agreement serves the goal.
    #[serde(default)]
    pub motivation: Option<String>,
    /// Targets of this goal as the UN numbers them, e.g. `["10.2"]`; kept as written.
    #[serde(default)]
    pub targets: Vec<Spanned<String>>,
}

/// Front matter of an annual report, `reports/NAME.md`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "iopsite report front matter")]
pub struct ReportFrontMatter {
    /// The id of the agreement (its file name without `.yaml`).
    pub agreement: Spanned<String>,
    /// The year the report is about, within the agreement's period.
    #[schemars(with = "shape::Year")]
    pub year: Spanned<i64>,
    /// The report's title.
    #[serde(default)]
    pub title: Option<Spanned<String>>,
    /// When the report came in: a day, a month or a year.
    #[serde(default)]
    #[schemars(with = "Option<shape::When>")]
    pub received: Option<Spanned<Text>>,
    /// Money spent in the year, in whole kronor.
    #[serde(default)]
    pub spent: Option<Spanned<AmountText>>,
    /// Key figures, shown as a table.
    #[serde(default)]
    pub statistics: Vec<StatisticEntry>,
    /// The report's language, when it is not its agreement's.
    #[serde(default)]
    #[schemars(extend("x-iopsite-words" = words::LANGUAGE))]
    pub language: Option<Spanned<String>>,
}

/// A key figure of a report.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatisticEntry {
    /// What is counted.
    pub name: String,
    /// Empty (`value:`) in a new report's skeleton until the number is known; `validate`
    /// refuses it, so a report is never published with a figure missing.
    pub value: Spanned<Option<f64>>,
    #[serde(default)]
    pub unit: Option<String>,
}

/// Front matter of a page, `pages/NAME.md`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "iopsite page front matter")]
pub struct PageFrontMatter {
    /// The page's title.
    pub title: Spanned<String>,
    /// Position in the footer menu.
    #[serde(default)]
    pub order: Option<i64>,
}

/// Settings for the whole site: `site.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "iopsite site.yaml")]
pub struct SiteFile {
    /// The site's name.
    pub title: Spanned<String>,
    /// One sentence for the home page and feeds.
    #[serde(default)]
    pub description: Option<String>,
    /// Where the site will be published, e.g. https://example.org/iop/ (for canonical links,
    /// sitemap, feed and data files).
    #[schemars(regex(pattern = r"^\s*https?://\S*\s*$"))]
    pub base_url: Spanned<String>,
    /// The interface language: `sv` (the default) or `en`.
    #[serde(default)]
    #[schemars(extend("x-iopsite-words" = words::LANGUAGE))]
    pub language: Option<Spanned<String>>,
    /// Who publishes the site.
    #[serde(default)]
    pub publisher: Option<Spanned<String>>,
    /// The date statuses are computed for, YYYY-MM-DD; `--as-of` wins over it.
    #[serde(default)]
    #[schemars(with = "Option<shape::Day>")]
    pub as_of: Option<Spanned<Text>>,
    /// A notice shown on every page.
    #[serde(default)]
    pub notice: Option<String>,
    /// `true` to publish contact persons' phone numbers and e-mail addresses.
    #[serde(default)]
    pub publish_contact_details: bool,
    /// Months before the end an agreement without an extension option counts as "ending
    /// soon" (default 6).
    #[serde(default)]
    pub ending_soon_months: Option<u32>,
    /// The language the content is written in, when it is not `language`.
    #[serde(default)]
    #[schemars(extend("x-iopsite-words" = words::LANGUAGE))]
    pub content_language: Option<Spanned<String>>,
    /// The first year whose reports the site follows up (every agreement).
    #[serde(default)]
    #[schemars(with = "Option<shape::Year>")]
    pub reports_from: Option<Spanned<i64>>,
    /// Rows on one page of a list split over pages, 1-1000 (default 100).
    #[serde(default)]
    #[schemars(range(min = 1, max = 1000))]
    pub rows_per_page: Option<Spanned<i64>>,
    /// The publisher's organisation number, for the open data's publisher.
    #[serde(default)]
    #[schemars(with = "Option<shape::OrgNumber>")]
    pub publisher_org_number: Option<Spanned<Text>>,
    /// A functional mailbox for questions about the data (the catalogue's contact point).
    #[serde(default)]
    pub contact_email: Option<Spanned<String>>,
    /// The licence of the open data, as an SPDX id (default `CC0-1.0`).
    #[serde(default)]
    #[schemars(extend("x-iopsite-words" = words::LICENSE))]
    pub license: Option<Spanned<String>>,
    /// The identifier prefix 360Giving gave the publisher, `360G-…`.
    #[serde(default)]
    #[schemars(regex(pattern = r"^\s*360G-[A-Za-z0-9_-]+\s*$"))]
    pub grant_id_prefix: Option<Spanned<String>>,
}
