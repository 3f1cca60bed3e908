//! The YAML files exactly as written: every struct rejects unknown keys, and every value
//! that `validate` may reject keeps its position. See docs/format.md for the user's view.

use serde::Deserialize;

use super::scalar::{AmountText, Spanned, Text};

/// `agreements/NAME.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementFile {
    pub title: Spanned<String>,
    #[serde(default)]
    pub short_title: Option<Spanned<String>>,
    #[serde(default)]
    pub form: Option<Spanned<String>>,
    #[serde(default)]
    pub diary_numbers: Vec<String>,
    pub summary: String,
    #[serde(default)]
    pub background: Option<String>,
    #[serde(default)]
    pub purpose: Option<String>,
    #[serde(default)]
    pub target_group: Option<String>,
    #[serde(default)]
    pub delimitations: Option<String>,
    #[serde(default)]
    pub values: Option<String>,
    #[serde(default)]
    pub termination: Option<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub activities: Vec<ActivityEntry>,
    pub sources: Spanned<Vec<SourceEntry>>,
    pub parties: Spanned<Vec<PartyEntry>>,
    pub period: PeriodEntry,
    #[serde(default)]
    pub funding: Vec<FundingEntry>,
    #[serde(default)]
    pub in_kind: Option<String>,
    #[serde(default)]
    pub payment: Option<String>,
    #[serde(default)]
    pub follow_up: Option<FollowUpEntry>,
    #[serde(default)]
    pub decisions: Vec<DecisionEntry>,
    #[serde(default)]
    pub goals: Vec<GoalEntry>,
    #[serde(default)]
    pub outcomes: Vec<OutcomeEntry>,
    /// The language of the texts, when it is not the site's `content_language`.
    #[serde(default)]
    pub language: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityEntry {
    pub name: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub volume: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub title: Spanned<String>,
    #[serde(default)]
    pub date: Option<Spanned<Text>>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// A file's path below `content/files/`.
    #[serde(default)]
    pub file: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyEntry {
    pub name: Spanned<String>,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub org_number: Option<Spanned<Text>>,
    #[serde(default)]
    pub unit: Option<Spanned<String>>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub contacts: Vec<ContactEntry>,
    #[serde(default)]
    pub signatories: Vec<SignatoryEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactEntry {
    pub name: Spanned<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatoryEntry {
    pub name: Spanned<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub date: Option<Spanned<Text>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodEntry {
    pub start: Spanned<Text>,
    /// A date, or `unknown`.
    pub end: Spanned<Text>,
    #[serde(default)]
    pub approximate: bool,
    #[serde(default)]
    pub ends_without_notice: bool,
    #[serde(default)]
    pub extension: Option<ExtensionEntry>,
    #[serde(default)]
    pub notice: Option<String>,
    #[serde(default)]
    pub previous: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtensionEntry {
    pub max_years: Spanned<u32>,
    #[serde(default)]
    pub decision_months_before_end: Option<Spanned<u32>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingEntry {
    pub years: Spanned<Text>,
    pub funder: Spanned<String>,
    #[serde(default)]
    pub unit: Option<String>,
    /// The amount for each of the years.
    #[serde(default)]
    pub amount: Option<Spanned<AmountText>>,
    /// One amount for all the years together, when the split per year is not known.
    #[serde(default)]
    pub total: Option<Spanned<AmountText>>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpEntry {
    #[serde(default)]
    pub meetings_per_year: Option<u32>,
    #[serde(default)]
    pub convener: Option<Spanned<String>>,
    #[serde(default)]
    pub reports: Vec<DueReportEntry>,
    #[serde(default)]
    pub notes: Option<String>,
    /// The first year whose report the site follows up.
    #[serde(default)]
    pub reports_from: Option<Spanned<i64>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DueReportEntry {
    pub name: String,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub due: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionEntry {
    pub date: Spanned<Text>,
    pub body: String,
    #[serde(default)]
    pub diary_number: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub status: Option<Spanned<String>>,
    #[serde(default)]
    pub extends_to: Option<Spanned<Text>>,
    #[serde(default)]
    pub funding: Vec<FundingEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeEntry {
    pub kind: Spanned<String>,
    pub date: Spanned<Text>,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub case: Option<String>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub fine: Option<Spanned<AmountText>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalEntry {
    pub goal: Spanned<i64>,
    pub basis: Spanned<String>,
    #[serde(default)]
    pub motivation: Option<String>,
    /// Targets such as `5.2` or `5.a`; kept as written, so `8.10` stays `8.10`.
    #[serde(default)]
    pub targets: Vec<Spanned<String>>,
}

/// Front matter of `reports/NAME.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFrontMatter {
    pub agreement: Spanned<String>,
    pub year: Spanned<i64>,
    #[serde(default)]
    pub title: Option<Spanned<String>>,
    #[serde(default)]
    pub received: Option<Spanned<Text>>,
    #[serde(default)]
    pub spent: Option<Spanned<AmountText>>,
    #[serde(default)]
    pub statistics: Vec<StatisticEntry>,
    /// The language of the report, when it is not its agreement's.
    #[serde(default)]
    pub language: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatisticEntry {
    pub name: String,
    /// Empty (`value:`) in a new report's skeleton until the number is known; `validate`
    /// refuses it, so a report is never published with a figure missing.
    pub value: Spanned<Option<f64>>,
    #[serde(default)]
    pub unit: Option<String>,
}

/// Front matter of `pages/NAME.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    pub title: Spanned<String>,
    #[serde(default)]
    pub order: Option<i64>,
}

/// `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    pub title: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    pub base_url: Spanned<String>,
    #[serde(default)]
    pub language: Option<Spanned<String>>,
    #[serde(default)]
    pub publisher: Option<Spanned<String>>,
    #[serde(default)]
    pub as_of: Option<Spanned<Text>>,
    #[serde(default)]
    pub notice: Option<String>,
    #[serde(default)]
    pub publish_contact_details: bool,
    #[serde(default)]
    pub ending_soon_months: Option<u32>,
    /// The language the content is written in, when it is not `language`.
    #[serde(default)]
    pub content_language: Option<Spanned<String>>,
    /// The first year whose reports the site follows up (every agreement).
    #[serde(default)]
    pub reports_from: Option<Spanned<i64>>,
    /// Rows on one page of a list split over pages.
    #[serde(default)]
    pub rows_per_page: Option<Spanned<i64>>,
    /// The publisher's organisation number, for the open data's publisher.
    #[serde(default)]
    pub publisher_org_number: Option<Spanned<Text>>,
    /// A functional mailbox for questions about the data (the catalogue's contact point).
    #[serde(default)]
    pub contact_email: Option<Spanned<String>>,
    /// The licence of the open data, as an SPDX id.
    #[serde(default)]
    pub license: Option<Spanned<String>>,
    /// The identifier prefix of the 360Giving grants (`360G-…`).
    #[serde(default)]
    pub grant_id_prefix: Option<Spanned<String>>,
}
