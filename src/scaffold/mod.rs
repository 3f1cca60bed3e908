//! `iopsite init` and `iopsite new agreement`: commented starting points that pass `check`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::load::{find_content_dir, is_slug};

const AGREEMENT: &str = include_str!("agreement.yaml");

const SITE: &str = "\
# Settings for the whole site; see docs/format.md of iopsite.
title: IOP-överenskommelser
description: Vilka föreningar får offentliga medel, för vad, hur länge och med vilka resultat.
base_url: https://example.org/iop/   # where the site will be published
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
    #[error("`{0}` is not a valid name: use lower-case letters a-z, digits and single hyphens")]
    BadName(String),
    #[error("no site found in {0} (no content/site.yaml or site.yaml); run `iopsite init` first")]
    NoSite(PathBuf),
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, std::io::Error),
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

/// Creates a new site in `dir`: `content/site.yaml`, an example agreement and an about page.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    let content = dir.join("content");
    if content.join("site.yaml").exists() {
        return Err(ScaffoldError::Exists(content.join("site.yaml")));
    }
    Ok(vec![
        write_new(&content.join("site.yaml"), SITE)?,
        write_new(&content.join("agreements/example.yaml"), AGREEMENT)?,
        write_new(&content.join("pages/about.md"), ABOUT)?,
        {
            let reports = content.join("reports");
            fs::create_dir_all(&reports).map_err(|e| ScaffoldError::Io(reports.clone(), e))?;
            reports
        },
    ])
}

/// Creates `agreements/NAME.yaml` in the site in `dir`.
pub fn new_agreement(dir: &Path, name: &str) -> Result<Vec<PathBuf>, ScaffoldError> {
    if !is_slug(name) {
        return Err(ScaffoldError::BadName(name.to_string()));
    }
    let content = find_content_dir(dir).ok_or_else(|| ScaffoldError::NoSite(dir.to_path_buf()))?;
    Ok(vec![write_new(
        &content.join("agreements").join(format!("{name}.yaml")),
        AGREEMENT,
    )?])
}
