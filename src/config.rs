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
    /// The publisher's organisation number (`publisher_org_number`).
    pub publisher_org_number: Option<crate::orgnr::OrgNumber>,
    /// Where to ask about the data (`contact_email`).
    pub contact_email: Option<String>,
    /// The licence of the data files (`license`, default CC0-1.0).
    pub license: License,
    /// The start of every 360Giving grant id (`grant_id_prefix`), e.g. `360G-kalmar`.
    pub grant_id_prefix: String,
}

/// The licences the open data can carry, by SPDX id. Each has the address portals and
/// 360Giving expect.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    strum::EnumString,
    strum::AsRefStr,
    strum::VariantArray,
    strum::EnumMessage,
)]
pub enum License {
    /// Public domain dedication: anyone may use the data for anything.
    #[default]
    #[strum(serialize = "CC0-1.0", message = "meaning-license-cc0")]
    #[serde(rename = "CC0-1.0")]
    Cc0,
    #[strum(serialize = "CC-BY-4.0", message = "meaning-license-cc-by")]
    #[serde(rename = "CC-BY-4.0")]
    CcBy4,
    #[strum(serialize = "CC-BY-SA-4.0", message = "meaning-license-cc-by-sa")]
    #[serde(rename = "CC-BY-SA-4.0")]
    CcBySa4,
}

impl License {
    /// The SPDX id, e.g. `CC0-1.0`.
    pub fn id(self) -> &'static str {
        match self {
            License::Cc0 => "CC0-1.0",
            License::CcBy4 => "CC-BY-4.0",
            License::CcBySa4 => "CC-BY-SA-4.0",
        }
    }

    /// The licence's own page.
    pub fn url(self) -> &'static str {
        match self {
            License::Cc0 => "https://creativecommons.org/publicdomain/zero/1.0/",
            License::CcBy4 => "https://creativecommons.org/licenses/by/4.0/",
            License::CcBySa4 => "https://creativecommons.org/licenses/by-sa/4.0/",
        }
    }

    /// The licence in the EU's licence vocabulary, which DCAT-AP portals read.
    pub fn eu_uri(self) -> &'static str {
        match self {
            License::Cc0 => "http://publications.europa.eu/resource/authority/licence/CC0",
            License::CcBy4 => "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0",
            License::CcBySa4 => {
                "http://publications.europa.eu/resource/authority/licence/CC_BY_SA_4_0"
            }
        }
    }
}

/// The grant id prefix of a site that sets none: `360G-iopsite-` and the host and path of
/// `base_url`, letters and digits only, so two sites do not share ids by accident.
pub fn default_grant_prefix(base_url: &str) -> String {
    let rest = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let mut slug = String::new();
    for c in rest.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    format!("360G-iopsite-{}", slug.trim_end_matches('-'))
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
