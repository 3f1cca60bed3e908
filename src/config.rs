//! Site settings from `site.yaml`, combined with the command line's options.

use chrono::NaiveDate;

/// Interface language of the generated site. Its words in `site.yaml` (`sv`, `en`) come from
/// the enum, for reading and for the list of valid values in an error.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    serde::Serialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::VariantArray,
    strum::EnumMessage,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Language {
    Sv,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Sv => "sv",
            Language::En => "en",
        }
    }
}

/// Options given on the command line (or by a test) for one run.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// `--as-of`: the date status is computed for; wins over everything else.
    pub as_of: Option<NaiveDate>,
    /// Replaces `base_url` from `site.yaml` (with or without the trailing `/`); the preview
    /// server uses it so absolute links (canonical, 404 page, feed) point at itself.
    pub base_url: Option<String>,
}

/// The checked settings of a site.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: Option<String>,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: Language,
    pub publisher: Option<String>,
    pub as_of: NaiveDate,
    pub notice: Option<String>,
    pub publish_contact_details: bool,
    pub ending_soon_months: u32,
    /// The language the content is written in (`content_language`, else `language`).
    pub content_language: Language,
    /// The first year whose reports are followed up on this site, site-wide.
    pub reports_from: Option<i32>,
    /// Rows on one page of a list split over pages (`rows_per_page`, default 100).
    pub rows_per_page: usize,
}

/// The date from `SOURCE_DATE_EPOCH` (seconds since 1970, UTC), if set and valid.
pub fn source_date_epoch() -> Option<NaiveDate> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    chrono::DateTime::from_timestamp(secs, 0).map(|t| t.date_naive())
}

/// Today's date in local time; only used when no date is given in any other way.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
