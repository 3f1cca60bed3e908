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

/// A sum of money in whole kronor, or a sum the agreement does not publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    Kronor(i64),
    Unpublished,
}

impl Amount {
    pub fn kronor(self) -> Option<i64> {
        match self {
            Amount::Kronor(k) => Some(k),
            Amount::Unpublished => None,
        }
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
    #[strum(message = "in the agreement text")]
    Named,
    #[strum(message = "by the publisher")]
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
    pub date: Option<NaiveDate>,
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
    pub date: Option<NaiveDate>,
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
    pub start: NaiveDate,
    /// The end in the signed agreement; see `Agreement::end` for the end after extensions.
    pub end: NaiveDate,
    pub ends_without_notice: bool,
    pub extension: Option<Extension>,
    pub notice: Option<String>,
    pub previous: Option<String>,
}

/// One year of money from one funder (optionally one unit of it).
#[derive(Debug, Clone)]
pub struct FundingLine {
    pub year: i32,
    /// The party that gives the money.
    pub funder: PartyIdx,
    pub unit: Option<String>,
    pub amount: Amount,
    pub kind: FundingKind,
    pub note: Option<String>,
    /// The later decision that added this line, if one did.
    pub decision: Option<DecisionIdx>,
}

#[derive(Debug, Clone)]
pub struct Decision {
    pub date: NaiveDate,
    pub body: String,
    pub diary_number: Option<String>,
    pub summary: String,
    pub status: DecisionStatus,
    pub extends_to: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct FollowUp {
    pub meetings_per_year: Option<u32>,
    /// The party that calls the follow-up meetings.
    pub convener: Option<PartyIdx>,
    pub reports: Vec<DueReport>,
    pub notes: Option<String>,
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
    pub goals: Vec<GoalLink>,
}

impl Agreement {
    /// The end after every extension decision.
    pub fn end(&self) -> NaiveDate {
        self.decisions
            .iter()
            .filter_map(|d| d.extends_to)
            .fold(self.period.end, NaiveDate::max)
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
    pub received: Option<NaiveDate>,
    pub spent: Option<i64>,
    pub statistics: Vec<Statistic>,
    pub body: String,
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

    /// Whether the non-profit's own contribution is part of the funding.
    pub fn has_own_contribution(&self) -> bool {
        self.funding
            .iter()
            .any(|l| l.kind == FundingKind::OwnContribution)
    }
}
