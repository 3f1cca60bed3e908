//! `iopsite init` and `iopsite new`: commented starting points that pass `check`. What the
//! user must replace is marked with the placeholders of [`crate::validate::placeholders`],
//! which `check` warns about until they are gone; only a new report's empty figures are
//! errors, so that it is not published before they are written.

mod names;
mod page;
mod report;

use std::fs;
use std::path::{Path, PathBuf};

use crate::load::find_content_dir;
pub use names::suggest_id;
pub use page::new_page;
pub use report::new_report;

mod editor;
pub use editor::{SCHEMA_DIR, write_editor_support};

const AGREEMENT: &str = include_str!("agreement.yaml");

const SITE: &str = "\
# Settings for the whole site; see docs/format.md of iopsite.
title: IOP-överenskommelser
description: Vilka föreningar får offentliga medel, för vad, hur länge och med vilka resultat.
base_url: https://www.exempelkommunen.example/iop/   # where the site will be published
language: sv                         # sv or en
notice: >-
  Webbplatsen är under uppbyggnad.
publish_contact_details: false       # publish contact persons' phone numbers and e-mail?
";

const ABOUT: &str = "\
---
title: Om webbplatsen
order: 1
---
Här publicerar vi våra överenskommelser om idéburet offentligt partnerskap.
";

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{0} already exists; choose another name or folder")]
    Exists(PathBuf),
    #[error(
        "`{name}` is not a valid name: use lower-case letters a-z, digits and single hyphens{}",
        names::try_instead(.instead.as_deref())
    )]
    BadName {
        name: String,
        /// The same command with the name made valid, when one can be made.
        instead: Option<String>,
    },
    #[error("`{0}` is not a year; write it with four digits, e.g. 2025")]
    BadYear(String),
    #[error(
        "there is no agreement `{id}` in {}{}",
        .folder.display(),
        names::did_you_mean(.closest.as_deref())
    )]
    UnknownAgreement {
        id: String,
        folder: PathBuf,
        /// The agreement with the closest id, if one is close.
        closest: Option<String>,
    },
    #[error(
        "{} already holds the report of `{agreement}` for {year}; edit that file instead (iopsite never overwrites a file)",
        .path.display()
    )]
    ReportExists {
        path: PathBuf,
        agreement: String,
        year: String,
    },
    #[error("no site found in {0} (no content/site.yaml or site.yaml); run `iopsite init` first")]
    NoSite(PathBuf),
    #[error(
        "{0} already holds a site ({1} exists); `init` makes a new site only in a folder without one"
    )]
    SiteExists(PathBuf, PathBuf),
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, std::io::Error),
}

impl ScaffoldError {
    /// The error as a message in the user's language; its `Display` is the same in English.
    pub fn message(&self) -> crate::l10n::Message {
        use crate::msg;
        let shown = |path: &Path| path.display().to_string();
        match self {
            ScaffoldError::Exists(path) => msg!("scaffold-exists", path = shown(path)),
            ScaffoldError::BadName {
                name,
                instead: Some(command),
            } => msg!("scaffold-bad-name-try", name, command),
            ScaffoldError::BadName {
                name,
                instead: None,
            } => msg!("scaffold-bad-name", name),
            ScaffoldError::BadYear(year) => msg!("scaffold-bad-year", year),
            ScaffoldError::UnknownAgreement {
                id,
                folder,
                closest: Some(closest),
            } => msg!(
                "scaffold-unknown-agreement-suggest",
                id,
                folder = shown(folder),
                closest
            ),
            ScaffoldError::UnknownAgreement {
                id,
                folder,
                closest: None,
            } => msg!("scaffold-unknown-agreement", id, folder = shown(folder)),
            ScaffoldError::ReportExists {
                path,
                agreement,
                year,
            } => msg!(
                "scaffold-report-exists",
                path = shown(path),
                agreement,
                year
            ),
            ScaffoldError::NoSite(dir) => msg!("scaffold-no-site", dir = shown(dir)),
            ScaffoldError::SiteExists(dir, file) => {
                msg!("scaffold-site-exists", dir = shown(dir), file = shown(file))
            }
            ScaffoldError::Io(path, err) => {
                msg!("scaffold-io", path = shown(path), reason = err.to_string())
            }
        }
    }
}

fn write_new(path: &Path, text: &str) -> Result<PathBuf, ScaffoldError> {
    if path.exists() {
        return Err(ScaffoldError::Exists(path.to_path_buf()));
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| ScaffoldError::Io(dir.to_path_buf(), e))?;
    }
    fs::write(path, text).map_err(|e| ScaffoldError::Io(path.to_path_buf(), e))?;
    Ok(path.to_path_buf())
}

/// What shows that a folder already holds a site, in either layout: its settings, or one of
/// its content folders (a site being put together may have no `site.yaml` yet).
const SITE_SIGNS: [&str; 6] = [
    "site.yaml",
    "content/site.yaml",
    "agreements",
    "reports",
    "content/agreements",
    "content/reports",
];

/// Creates a new site in `dir`: `content/site.yaml`, an example agreement and an about page,
/// and the editor support of [`write_editor_support`].
/// Refuses a folder that already holds a site with its files directly in it or in `content/`:
/// a new `content/` would otherwise win over the real content at the next build.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if let Some(found) = SITE_SIGNS.iter().map(|s| dir.join(s)).find(|p| p.exists()) {
        return Err(ScaffoldError::SiteExists(dir.to_path_buf(), found));
    }
    let content = dir.join("content");
    let mut created = vec![
        write_new(&content.join("site.yaml"), SITE)?,
        write_new(&content.join("agreements/example.yaml"), AGREEMENT)?,
        write_new(&content.join("pages/about.md"), ABOUT)?,
        {
            let reports = content.join("reports");
            fs::create_dir_all(&reports).map_err(|e| ScaffoldError::Io(reports.clone(), e))?;
            reports
        },
    ];
    created.extend(write_editor_support(dir)?);
    Ok(created)
}

/// Creates `agreements/NAME.yaml` in the site in `dir`.
pub fn new_agreement(dir: &Path, name: &str) -> Result<Vec<PathBuf>, ScaffoldError> {
    names::check("agreement", name, dir)?;
    let content = find_content_dir(dir).ok_or_else(|| ScaffoldError::NoSite(dir.to_path_buf()))?;
    Ok(vec![write_new(
        &content.join("agreements").join(format!("{name}.yaml")),
        AGREEMENT,
    )?])
}
