//! The checked domain types: what `validate` produces from the raw files.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;
use strum::{AsRefStr, EnumMessage, EnumString, VariantArray};

use crate::orgnr::OrgNumber;

/// What kind of agreement it is; `form:` in the file, `iop` when left out.
///
/// The enums read from the files derive their words from the variant names twice, for serde
/// (output) and for strum (input and the list of valid words in errors); both use snake_case,
/// and a test in `validate::vocabulary` checks that they agree.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Serialize,
    EnumString,
    AsRefStr,
    VariantArray,
    EnumMessage,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Form {
    #[default]
    Iop,
    OperatingGrant,
    Other,
}

/// `kind:` of a party.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    PartialOrd,
    Ord,
    EnumString,
    AsRefStr,
    VariantArray,
    EnumMessage,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PartyKind {
    Public,
    Nonprofit,
}

/// A sum of money: whole kronor, withheld by the publisher, or not known to the publisher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    Kronor(i64),
    /// The publisher has the amount but does not publish it.
    Unpublished,
    /// The publisher does not know the amount.
    Unknown,
}

impl Amount {
    pub fn kronor(self) -> Option<i64> {
        match self {
            Amount::Kronor(k) => Some(k),
            Amount::Unpublished | Amount::Unknown => None,
        }
    }

    /// `known`, `unpublished` or `unknown`: the word the data files use.
    pub fn state(self) -> &'static str {
        match self {
            Amount::Kronor(_) => "known",
            Amount::Unpublished => "unpublished",
            Amount::Unknown => "unknown",
        }
    }
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date known to the day, the month or the year: `2024-06-20`, `2024-06` or `2024`.
/// Shown and exported as written; compared by its first possible day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct When {
    /// The first day it can be.
    pub first: NaiveDate,
    pub precision: Precision,
}

impl When {
    pub fn day(date: NaiveDate) -> When {
        When {
            first: date,
            precision: Precision::Day,
        }
    }

    /// The last day it can be.
    pub fn last(self) -> NaiveDate {
        use chrono::Datelike;
        let year = self.first.year();
        match self.precision {
            Precision::Day => self.first,
            Precision::Month => {
                let next = if self.first.month() == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, self.first.month() + 1, 1)
                };
                next.and_then(|d| d.pred_opt()).unwrap_or(self.first)
            }
            Precision::Year => NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(self.first),
        }
    }

    pub fn year(self) -> i32 {
        use chrono::Datelike;
        self.first.year()
    }

    /// The exact day, when it is known.
    pub fn exact(self) -> Option<NaiveDate> {
        (self.precision == Precision::Day).then_some(self.first)
    }
}

impl PartialOrd for When {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for When {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.first, self.precision).cmp(&(other.first, other.precision))
    }
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.precision {
            Precision::Day => write!(f, "{}", self.first.format("%Y-%m-%d")),
            Precision::Month => write!(f, "{}", self.first.format("%Y-%m")),
            Precision::Year => write!(f, "{}", self.first.format("%Y")),
        }
    }
}

impl Serialize for When {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Whether money is public funding or the non-profit's own contribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum FundingKind {
    Public,
    OwnContribution,
}

/// `basis:` of a goal link: why the agreement is linked to the goal.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, EnumString, AsRefStr, VariantArray, EnumMessage,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum GoalBasis {
    #[strum(message = "meaning-basis-named")]
    Named,
    #[strum(message = "meaning-basis-assessed")]
    Assessed,
}

/// `status:` of a decision; `decided` when left out.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Serialize,
    EnumString,
    AsRefStr,
    VariantArray,
    EnumMessage,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DecisionStatus {
    #[default]
    Decided,
    Proposed,
}

#[derive(Debug, Clone, Serialize)]
pub struct Activity {
    pub name: String,
    pub description: Option<String>,
    pub volume: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub title: String,
    pub date: Option<When>,
    pub url: Option<String>,
    /// The file under `content/files/` the source names, published with the site.
    pub file: Option<Attachment>,
}

/// A file under `content/files/`, published as it is at `files/NAME`.
#[derive(Debug, Clone, Serialize)]
pub struct Attachment {
    /// Its path below `content/files/` (and `files/` in the output), with `/` between folders.
    pub name: String,
    /// In bytes.
    pub size: u64,
    pub kind: FileKind,
    /// Where its bytes are read from when it is published.
    #[serde(skip)]
    pub path: PathBuf,
}

impl Attachment {
    /// The file's own name, without the folders it is in.
    pub fn file_name(&self) -> &str {
        self.name.rsplit('/').next().unwrap_or(&self.name)
    }

    /// The extension in capitals (`EPUB`), if it is a short word: shown as the type of a
    /// file of a kind iopsite has no name for.
    pub fn extension(&self) -> Option<String> {
        let (_, ext) = self.file_name().rsplit_once('.')?;
        let word = (1..=5).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphanumeric());
        word.then(|| ext.to_ascii_uppercase())
    }
}

/// What kind of document a file is, by its extension; the reader sees it next to the link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Pdf,
    Word,
    Excel,
    PowerPoint,
    OpenDocument,
    Text,
    Csv,
    Image,
    Zip,
    Other,
}

impl FileKind {
    /// The kind of the file named `name`, by its extension in any case.
    pub fn of(name: &str) -> FileKind {
        let ext = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "pdf" => FileKind::Pdf,
            "doc" | "docx" => FileKind::Word,
            "xls" | "xlsx" => FileKind::Excel,
            "ppt" | "pptx" => FileKind::PowerPoint,
            "odt" | "ods" | "odp" => FileKind::OpenDocument,
            "txt" | "md" => FileKind::Text,
            "csv" => FileKind::Csv,
            "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "tif" | "tiff" => FileKind::Image,
            "zip" => FileKind::Zip,
            _ => FileKind::Other,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub name: String,
    pub role: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Signatory {
    pub name: String,
    pub role: Option<String>,
    pub date: Option<When>,
}

#[derive(Debug, Clone)]
pub struct Party {
    pub name: String,
    pub kind: PartyKind,
    pub org_number: Option<OrgNumber>,
    pub unit: Option<String>,
    pub address: Option<String>,
    pub contacts: Vec<Contact>,
    pub signatories: Vec<Signatory>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Extension {
    pub max_years: u32,
    pub decision_months_before_end: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Period {
    pub start: When,
    /// The end in the signed agreement (`None`: not known); see `Agreement::end` for the
    /// end after extensions.
    pub end: Option<When>,
    /// The source gives the dates only roughly ("probably 2018–2020").
    pub approximate: bool,
    pub ends_without_notice: bool,
    pub extension: Option<Extension>,
    pub notice: Option<String>,
    pub previous: Option<String>,
}

/// One year of money from one funder (optionally one unit of it), or one sum for several
/// years together when the split per year is not known.
#[derive(Debug, Clone)]
pub struct FundingLine {
    pub year: i32,
    /// `Some(last)`: the amount is one sum for `year..=last` together (written `total:`).
    pub until: Option<i32>,
    /// The party that gives the money.
    pub funder: PartyIdx,
    pub unit: Option<String>,
    pub amount: Amount,
    pub kind: FundingKind,
    pub note: Option<String>,
    /// The later decision that added this line, if one did.
    pub decision: Option<DecisionIdx>,
    /// The line comes from a decision that is only proposed so far.
    pub proposed: bool,
}

impl FundingLine {
    /// The years the amount is for.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.year..=self.until.unwrap_or(self.year)
    }
}

#[derive(Debug, Clone)]
pub struct Decision {
    pub date: When,
    pub body: String,
    pub diary_number: Option<String>,
    pub summary: String,
    pub status: DecisionStatus,
    pub extends_to: Option<When>,
}

/// `kind:` of an outcome: how an agreement ended other than as planned, or what a court
/// found about it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    EnumString,
    AsRefStr,
    VariantArray,
    EnumMessage,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum OutcomeKind {
    #[strum(message = "meaning-outcome-ended-early")]
    EndedEarly,
    #[strum(message = "meaning-outcome-terminated")]
    Terminated,
    #[strum(message = "meaning-outcome-annulled")]
    Annulled,
    #[strum(message = "meaning-outcome-judged-unlawful")]
    JudgedUnlawful,
}

impl OutcomeKind {
    /// Whether the outcome ends the agreement (a judgement alone does not).
    pub fn ends(self) -> bool {
        !matches!(self, OutcomeKind::JudgedUnlawful)
    }
}

/// Something that ended the agreement early or judged it: an entry of `outcomes:`.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub kind: OutcomeKind,
    /// When it took effect, or the date of the judgement.
    pub date: When,
    /// Who decided: a party, a board or a court.
    pub by: Option<String>,
    /// Case or diary number.
    pub case: Option<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
    /// A fine the court imposed (e.g. a procurement fine), whole kronor.
    pub fine: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct FollowUp {
    pub meetings_per_year: Option<u32>,
    /// The party that calls the follow-up meetings.
    pub convener: Option<PartyIdx>,
    pub reports: Vec<DueReport>,
    pub notes: Option<String>,
    /// The first year whose report this site follows, when later than the start.
    pub reports_from: Option<i32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DueReport {
    pub name: String,
    pub to: Option<String>,
    pub due: Option<String>,
}

#[derive(Debug, Clone)]
pub struct GoalLink {
    pub goal: u8,
    pub basis: GoalBasis,
    pub motivation: Option<String>,
    /// Targets of the goal (`5.2`), checked against the real numbering.
    pub targets: Vec<String>,
}

/// One agreement as written, checked.
#[derive(Debug, Clone)]
pub struct Agreement {
    pub id: String,
    pub title: String,
    pub short_title: Option<String>,
    pub form: Form,
    pub diary_numbers: Vec<String>,
    pub summary: String,
    pub background: Option<String>,
    pub purpose: Option<String>,
    pub target_group: Option<String>,
    pub delimitations: Option<String>,
    pub values: Option<String>,
    pub termination: Option<String>,
    pub objectives: Vec<String>,
    pub activities: Vec<Activity>,
    pub sources: Vec<Source>,
    pub parties: Vec<Party>,
    pub period: Period,
    pub funding: Vec<FundingLine>,
    pub in_kind: Option<String>,
    pub payment: Option<String>,
    pub follow_up: Option<FollowUp>,
    pub decisions: Vec<Decision>,
    pub outcomes: Vec<Outcome>,
    pub goals: Vec<GoalLink>,
    /// The language of the texts, when it is not the site's.
    pub language: Option<crate::config::Language>,
}

impl Agreement {
    /// The planned end after every decided extension; `None` when it is not known.
    pub fn end(&self) -> Option<When> {
        self.decisions
            .iter()
            .filter(|d| d.status == DecisionStatus::Decided)
            .filter_map(|d| d.extends_to)
            .chain(self.period.end)
            .max_by_key(|w| w.last())
    }

    /// The end a proposed extension would give, when it is later than [`Agreement::end`].
    pub fn proposed_end(&self) -> Option<When> {
        let end = self.end();
        self.decisions
            .iter()
            .filter(|d| d.status == DecisionStatus::Proposed)
            .filter_map(|d| d.extends_to)
            .filter(|to| end.is_some_and(|e| to.last() > e.last()))
            .max_by_key(|w| w.last())
    }

    /// The last end the agreement may have: the proposed end, else the end.
    pub fn furthest_end(&self) -> Option<When> {
        self.proposed_end().or_else(|| self.end())
    }

    /// The outcome that ended the agreement, if one did (the earliest).
    pub fn ending_outcome(&self) -> Option<&Outcome> {
        self.outcomes
            .iter()
            .filter(|o| o.kind.ends())
            .min_by_key(|o| o.date)
    }

    /// Whether a court has judged the agreement unlawful.
    pub fn judged_unlawful(&self) -> bool {
        self.outcomes
            .iter()
            .any(|o| o.kind == OutcomeKind::JudgedUnlawful)
    }

    /// The name to use in tables and charts.
    pub fn short_name(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }

    /// The texts of the agreement that are Markdown, as its page shows them.
    pub fn markdown_texts(&self) -> impl Iterator<Item = &str> {
        let fields = [
            &self.background,
            &self.purpose,
            &self.target_group,
            &self.delimitations,
            &self.values,
            &self.termination,
        ];
        std::iter::once(self.summary.as_str())
            .chain(fields.into_iter().filter_map(|text| text.as_deref()))
            .chain(self.decisions.iter().map(|d| d.summary.as_str()))
            .chain(self.outcomes.iter().filter_map(|o| o.summary.as_deref()))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Statistic {
    pub name: String,
    pub value: f64,
    pub unit: Option<String>,
}

/// An annual report of one agreement and year.
#[derive(Debug, Clone)]
pub struct Report {
    pub id: String,
    pub agreement: String,
    pub year: i32,
    pub title: Option<String>,
    pub received: Option<When>,
    pub spent: Option<i64>,
    pub statistics: Vec<Statistic>,
    pub body: String,
    /// The language of the report, when it is not the agreement's or the site's.
    pub language: Option<crate::config::Language>,
}

/// A free page from `pages/`.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub title: String,
    pub order: i64,
    pub body: String,
}

/// The place of a party in its agreement's `parties`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartyIdx(pub usize);

/// The place of a decision in its agreement's `decisions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DecisionIdx(pub usize);

impl Agreement {
    pub fn party(&self, p: PartyIdx) -> &Party {
        &self.parties[p.0]
    }

    pub fn decision(&self, d: DecisionIdx) -> &Decision {
        &self.decisions[d.0]
    }

    /// Whether some amount of the agreement is not published.
    pub fn has_unpublished(&self) -> bool {
        self.funding.iter().any(|l| l.amount == Amount::Unpublished)
    }

    /// Whether some amount of the agreement is not known.
    pub fn has_unknown(&self) -> bool {
        self.funding.iter().any(|l| l.amount == Amount::Unknown)
    }

    /// Whether the non-profit's own contribution is part of the funding.
    pub fn has_own_contribution(&self) -> bool {
        self.funding
            .iter()
            .any(|l| l.kind == FundingKind::OwnContribution)
    }
}
