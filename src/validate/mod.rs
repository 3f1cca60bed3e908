//! Checks the raw content and turns it into the domain types, collecting every problem of
//! the run instead of stopping at the first.

pub mod agenda2030;
mod agreement;
mod attachments;
mod organisations;
pub mod placeholders;
pub mod text;
pub mod types;
mod vocabulary;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rayon::prelude::*;

use self::types::{Agreement, Attachment, Page, Report, Statistic};
use crate::config::{self, BuildOptions, Config, Language};
use crate::diagnostics::{Diagnostics, SourceFile};
use crate::l10n::Message;
use crate::load::scalar::{AmountText, Spanned, Text, as_written, position};
use crate::load::schema::{AgreementFile, SiteFile};
use crate::load::{Content, Loaded};
use crate::msg;

/// Amounts above this (ten billion kronor a year) are typing errors, not grants.
pub const MAX_AMOUNT: i128 = 10_000_000_000;

/// The checked content of a site, ready for the model.
#[derive(Debug)]
pub struct Checked {
    pub config: Config,
    pub agreements: Vec<Agreement>,
    pub reports: Vec<Report>,
    pub pages: Vec<Page>,
    /// Every file under `content/files/`, by name: all are published, named by a source or not.
    pub attachments: Vec<Attachment>,
}

/// Checks everything; returns the checked content when there was no error.
pub fn validate(
    content: Content,
    options: &BuildOptions,
    diags: &mut Diagnostics,
) -> Option<Checked> {
    let config = content
        .site
        .as_ref()
        .and_then(|site| check_config(site, options, diags));
    let mut content = content;
    let files = &content.attachments;
    let agreements: Vec<Agreement> = check_all(&mut content.agreements, diags, |loaded, diags| {
        check_agreement(loaded, files, diags)
    })
    .into_iter()
    .flatten()
    .collect();
    organisations::warn_about_shared_numbers(&content.agreements, diags);
    check_titles(&content, diags);
    placeholders::warn(&content, diags);
    let by_id: BTreeMap<&str, &Agreement> = agreements.iter().map(|a| (a.id.as_str(), a)).collect();
    let agreement_files = &content.agreement_files;
    let checked_reports = check_all(&mut content.reports, diags, |loaded, diags| {
        let agreement = loaded.data.front.agreement.value.trim();
        if !by_id.contains_key(agreement) && agreement_files.contains(agreement) {
            // The agreement exists but has its own errors, reported there.
            return None;
        }
        let mut report = check_report(loaded, &by_id, diags)?;
        // The body moves into the report: the source is not needed after this.
        report.body = std::mem::take(&mut loaded.data.body);
        Some(report)
    });
    let mut reports = Vec::new();
    let mut seen: BTreeMap<(String, i32), &SourceFile> = BTreeMap::new();
    for (loaded, report) in content.reports.iter().zip(checked_reports) {
        if let Some(report) = report {
            let key = (report.agreement.clone(), report.year);
            if let Some(first) = seen.get(&key) {
                let (line, col) = position(&loaded.data.front.year);
                diags.error(
                    &front_file(&loaded.file),
                    line,
                    col,
                    msg!(
                        "report-duplicate",
                        first = first.display_path.display().to_string(),
                        agreement = &report.agreement,
                        year = report.year.to_string()
                    ),
                );
                continue;
            }
            seen.insert(key, &loaded.file);
            reports.push(report);
        }
    }
    let mut pages: Vec<Page> = content
        .pages
        .iter()
        .map(|loaded| Page {
            id: loaded.id.clone(),
            title: loaded.data.front.title.value.clone(),
            order: loaded.data.front.order.unwrap_or(i64::MAX),
            body: loaded.data.body.clone(),
        })
        .collect();
    pages.sort_by(|a, b| (a.order, &a.id).cmp(&(b.order, &b.id)));
    let attachments = content
        .attachments
        .files
        .iter()
        .map(|(name, found)| attachments::of(name, found))
        .collect();
    let config = config?;
    if diags.has_errors() {
        return None;
    }
    Some(Checked {
        config,
        agreements,
        reports,
        pages,
        attachments,
    })
}

/// Checks one agreement file: the characters of its names and titles, then its parts; returns
/// the agreement when the file has no error.
pub fn check_agreement(
    loaded: &Loaded<AgreementFile>,
    files: &crate::load::files::Attachments,
    diags: &mut Diagnostics,
) -> Option<Agreement> {
    let clean = text::check_agreement(&loaded.file, &loaded.data, diags);
    agreement::check(loaded, files, diags).filter(|_| clean)
}

/// The titles of reports and pages may not hold invisible characters (see [`text`]).
fn check_titles(content: &Content, diags: &mut Diagnostics) {
    for loaded in &content.reports {
        if let Some(title) = &loaded.data.front.title {
            text::check_value(
                &front_file(&loaded.file),
                msg!("field-report-title"),
                title,
                diags,
            );
        }
    }
    for loaded in &content.pages {
        let title = &loaded.data.front.title;
        text::check_value(
            &front_file(&loaded.file),
            msg!("field-page-title"),
            title,
            diags,
        );
    }
}

/// Runs `check` on every item, in parallel; the problems are kept in the items' order.
/// `check` may take what it keeps out of its item instead of copying it.
fn check_all<T: Send, U: Send>(
    items: &mut [T],
    diags: &mut Diagnostics,
    check: impl Fn(&mut T, &mut Diagnostics) -> Option<U> + Sync,
) -> Vec<Option<U>> {
    let results: Vec<(Option<U>, Diagnostics)> = items
        .par_iter_mut()
        .map(|item| {
            let mut found = Diagnostics::new();
            let checked = check(item, &mut found);
            (checked, found)
        })
        .collect();
    results
        .into_iter()
        .map(|(checked, found)| {
            diags.extend(found);
            checked
        })
        .collect()
}

fn front_file(file: &SourceFile) -> SourceFile {
    let mut f = file.clone();
    f.line_offset = 1;
    f
}

fn check_config(
    site: &Loaded<SiteFile>,
    options: &BuildOptions,
    diags: &mut Diagnostics,
) -> Option<Config> {
    let file = &site.file;
    let raw = &site.data;
    let before = diags.error_count();
    let base = raw.base_url.value.trim();
    if !(base.starts_with("https://") || base.starts_with("http://"))
        || base.contains(char::is_whitespace)
    {
        let (line, col) = position(&raw.base_url);
        diags.error(file, line, col, msg!("base-url-invalid", base));
    }
    let language = match &raw.language {
        None => Language::Sv,
        Some(word) => {
            vocabulary::word(file, word, msg!("field-language"), diags).unwrap_or(Language::Sv)
        }
    };
    let site_as_of = raw.as_of.as_ref().and_then(|d| date(file, d, diags));
    let content_language = raw
        .content_language
        .as_ref()
        .and_then(|word| vocabulary::word(file, word, msg!("field-content-language"), diags));
    let reports_from = raw
        .reports_from
        .as_ref()
        .and_then(|y| year_from(file, y, diags));
    let rows_per_page = raw
        .rows_per_page
        .as_ref()
        .and_then(|n| rows_per_page(file, n, diags));
    let publisher_org_number = raw
        .publisher_org_number
        .as_ref()
        .and_then(|n| agreement::org_number(file, n, diags));
    let contact_email = raw
        .contact_email
        .as_ref()
        .and_then(|e| contact_email(file, e, diags));
    let license = match &raw.license {
        None => config::License::default(),
        Some(word) => {
            vocabulary::word(file, word, msg!("field-license"), diags).unwrap_or_default()
        }
    };
    let grant_id_prefix = raw
        .grant_id_prefix
        .as_ref()
        .and_then(|p| grant_id_prefix(file, p, diags));
    text::check_value(file, msg!("field-site-title"), &raw.title, diags);
    if let Some(publisher) = &raw.publisher {
        text::check_value(file, msg!("field-publisher"), publisher, diags);
    }
    if diags.error_count() > before {
        return None;
    }
    let as_of = options
        .as_of
        .or(site_as_of)
        .or_else(config::source_date_epoch)
        .unwrap_or_else(config::today);
    let mut base_url = options.base_url.clone().unwrap_or_else(|| base.to_string());
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    Some(Config {
        title: raw.title.value.clone(),
        description: raw.description.clone(),
        language,
        publisher: raw.publisher.as_ref().map(|p| p.value.clone()),
        as_of,
        notice: raw.notice.clone(),
        publish_contact_details: raw.publish_contact_details,
        ending_soon_months: raw.ending_soon_months.unwrap_or(6),
        content_language: content_language.unwrap_or(language),
        reports_from,
        rows_per_page: rows_per_page.unwrap_or(100),
        publisher_org_number,
        contact_email,
        license,
        grant_id_prefix: grant_id_prefix.unwrap_or_else(|| config::default_grant_prefix(&base_url)),
        base_url,
    })
}

/// `contact_email`: one address, `name@host`, nothing around it.
fn contact_email(
    file: &SourceFile,
    value: &Spanned<String>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let text = value.value.trim();
    let valid = text
        .split_once('@')
        .is_some_and(|(name, host)| !name.is_empty() && host.contains('.') && !host.contains('@'))
        && !text.contains(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"');
    if !valid {
        let (line, col) = position(value);
        diags.error(file, line, col, msg!("contact-email-invalid", text));
    }
    valid.then(|| text.to_string())
}

/// `grant_id_prefix`: `360G-` and then letters, digits and dashes, as 360Giving gives them.
fn grant_id_prefix(
    file: &SourceFile,
    value: &Spanned<String>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let text = value.value.trim();
    let valid = text.len() > 5
        && text.starts_with("360G-")
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        let (line, col) = position(value);
        diags.error(file, line, col, msg!("grant-id-prefix-invalid", text));
    }
    valid.then(|| text.trim_end_matches('-').to_string())
}

/// `rows_per_page`: a page of a list holds from 1 to 1,000 rows.
fn rows_per_page(
    file: &SourceFile,
    value: &Spanned<i64>,
    diags: &mut Diagnostics,
) -> Option<usize> {
    whole_in(file, value, 1..=1000, diags, |n| {
        msg!("rows-per-page-invalid", rows = n.to_string())
    })
}

/// `value` as a `T` within `range`; otherwise the error `message` gives, at the value.
fn whole_in<T: TryFrom<i64> + PartialOrd>(
    file: &SourceFile,
    value: &Spanned<i64>,
    range: std::ops::RangeInclusive<T>,
    diags: &mut Diagnostics,
    message: impl FnOnce(i64) -> Message,
) -> Option<T> {
    let whole = T::try_from(value.value).ok().filter(|n| range.contains(n));
    if whole.is_none() {
        let (line, col) = position(value);
        diags.error(file, line, col, message(value.value));
    }
    whole
}

/// A `reports_from` year: a plausible calendar year.
pub(crate) fn year_from(
    file: &SourceFile,
    value: &Spanned<i64>,
    diags: &mut Diagnostics,
) -> Option<i32> {
    whole_in(file, value, 1900..=2200, diags, |y| {
        msg!("reports-from-invalid", year = y.to_string())
    })
}

/// Parses a `YYYY-MM-DD` date, reporting a problem at its position.
pub(crate) fn date(
    file: &SourceFile,
    value: &Spanned<Text>,
    diags: &mut Diagnostics,
) -> Option<NaiveDate> {
    let text = value.value.0.trim();
    let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10);
    if parsed.is_none() {
        let (line, col) = position(value);
        diags.error(file, line, col, msg!("date-invalid", text));
    }
    parsed
}

/// Parses a date known to the day, the month or the year (`2024-06-20`, `2024-06`, `2024`),
/// reporting a problem at its position.
pub(crate) fn when(
    file: &SourceFile,
    value: &Spanned<Text>,
    diags: &mut Diagnostics,
) -> Option<self::types::When> {
    when_or(file, value, false, diags)
}

/// [`when`] for a date that may also be `unknown` (`or_unknown`), which its error then says.
pub(crate) fn when_or(
    file: &SourceFile,
    value: &Spanned<Text>,
    or_unknown: bool,
    diags: &mut Diagnostics,
) -> Option<self::types::When> {
    let text = value.value.0.trim();
    let parsed = parse_when(text);
    if parsed.is_none() {
        let (line, col) = position(value);
        diags.error(
            file,
            line,
            col,
            if or_unknown {
                msg!("when-invalid-or-unknown", text)
            } else {
                msg!("when-invalid", text)
            },
        );
    }
    parsed
}

/// `2024-06-20`, `2024-06` or `2024` (years 1900–2200).
fn parse_when(text: &str) -> Option<self::types::When> {
    use self::types::{Precision, When};
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = i32::try_from(number(parts.first()?, 4)?).ok()?;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    let (month, day, precision) = match parts.as_slice() {
        [_] => (1, 1, Precision::Year),
        [_, m] => (number(m, 2)?, 1, Precision::Month),
        [_, m, d] => (number(m, 2)?, number(d, 2)?, Precision::Day),
        _ => return None,
    };
    let first = NaiveDate::from_ymd_opt(year, month, day)?;
    Some(When { first, precision })
}

/// Checks an amount in kronor: not negative, not absurd, whole.
pub(crate) fn amount(
    file: &SourceFile,
    value: &Spanned<AmountText>,
    diags: &mut Diagnostics,
) -> Option<self::types::Amount> {
    use self::types::Amount;
    let (line, col) = position(value);
    match &value.value {
        AmountText::Unpublished => Some(Amount::Unpublished),
        AmountText::Unknown => Some(Amount::Unknown),
        AmountText::Kronor(k) if *k < 0 => {
            diags.error(
                file,
                line,
                col,
                msg!("amount-negative", amount = k.to_string()),
            );
            None
        }
        AmountText::Kronor(k) if *k > MAX_AMOUNT => {
            diags.error(
                file,
                line,
                col,
                msg!("amount-too-large", amount = k.to_string()),
            );
            None
        }
        AmountText::Kronor(k) => i64::try_from(*k).ok().map(Amount::Kronor),
        AmountText::Invalid(text) => {
            // Quote what the editor wrote: YAML reads `500.000` as the number 500.
            let text = as_written(file, value).unwrap_or_else(|| text.clone());
            let message = match grouped_kronor(&text) {
                Some(kronor) => msg!("amount-grouped", text = &text, kronor),
                None => msg!("amount-invalid", text = &text),
            };
            diags.error(file, line, col, message);
            None
        }
    }
}

/// The digits of whole kronor written in groups of three with one kind of separator
/// (`500.000`, `650 000`, `1,200,000`), or `None` if `text` is not written so.
fn grouped_kronor(text: &str) -> Option<String> {
    let separator = text.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(
        separator,
        ' ' | '.' | ',' | '\'' | '\u{a0}' | '\u{2009}' | '\u{202f}'
    ) {
        return None;
    }
    let groups: Vec<&str> = text.split(separator).collect();
    let grouped = groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3);
    grouped.then(|| groups.concat())
}

/// The error for a statistic whose `value` is left empty, as `iopsite new report` writes it:
/// a report is not published before every figure in it is known.
fn no_statistic_value(name: &str, year: i64) -> Message {
    msg!("statistic-no-value", name, year)
}

fn check_report(
    loaded: &Loaded<crate::load::Document<crate::load::schema::ReportFrontMatter>>,
    agreements: &BTreeMap<&str, &Agreement>,
    diags: &mut Diagnostics,
) -> Option<Report> {
    let file = front_file(&loaded.file);
    let front = &loaded.data.front;
    let before = diags.error_count();
    let id = front.agreement.value.trim();
    let agreement = agreements.get(id);
    if agreement.is_none() {
        let (line, col) = position(&front.agreement);
        let known: Vec<&str> = agreements.keys().copied().collect();
        diags.error(
            &file,
            line,
            col,
            if known.is_empty() {
                msg!("report-agreement-unknown-none", id)
            } else {
                msg!("report-agreement-unknown", id, known = known.join(", "))
            },
        );
    }
    let year = front.year.value;
    if let Some(a) = agreement {
        let first = a.period.start.year();
        let last = a
            .furthest_end()
            .map_or(i32::MAX, |e| chrono::Datelike::year(&e.last()));
        if year < i64::from(first) || year > i64::from(last) {
            let (line, col) = position(&front.year);
            diags.error(
                &file,
                line,
                col,
                msg!(
                    "report-year-outside",
                    year = year.to_string(),
                    id,
                    first = first.to_string(),
                    last = last.to_string()
                ),
            );
        }
    }
    let received = front.received.as_ref().and_then(|d| when(&file, d, diags));
    let language = front
        .language
        .as_ref()
        .and_then(|l| vocabulary::word(&file, l, msg!("field-language"), diags));
    let spent = front
        .spent
        .as_ref()
        .and_then(|a| amount(&file, a, diags))
        .and_then(|a| a.kronor());
    let mut statistics = Vec::new();
    for stat in &front.statistics {
        let (line, col) = position(&stat.value);
        let Some(value) = stat.value.value else {
            diags.error(&file, line, col, no_statistic_value(&stat.name, year));
            continue;
        };
        if !value.is_finite() {
            diags.error(&file, line, col, msg!("statistic-not-finite"));
        }
        statistics.push(Statistic {
            name: stat.name.clone(),
            value,
            unit: stat.unit.clone(),
        });
    }
    if diags.error_count() > before {
        return None;
    }
    Some(Report {
        id: loaded.id.clone(),
        agreement: id.to_string(),
        year: i32::try_from(year).ok()?,
        title: front.title.as_ref().map(|t| t.value.clone()),
        received,
        spent,
        statistics,
        body: String::new(), // moved in by the caller, which owns the source
        language,
    })
}
