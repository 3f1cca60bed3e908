//! The open-data page (`open-data.html`): every data file of the site, what it holds, its
//! format and licence, and where portals and programs find them. The files listed are the
//! ones the output plan makes, so the page cannot name a file the site does not have.

use serde::Serialize;

use super::{Ctx, View};
use crate::export::EXPORTERS;
use crate::present::urls;

/// The page's data.
#[derive(Debug, Serialize)]
pub struct OpenData<'a> {
    pub files: Vec<DataFile>,
    /// An agreement's own JSON, as an example of the per-agreement files.
    pub agreement_example: Option<String>,
    pub license_id: &'static str,
    pub license_url: &'static str,
    pub publisher: &'a str,
    /// The latest date the content gives for any agreement.
    pub modified: Option<chrono::NaiveDate>,
    /// The catalogue's absolute address, which a portal is given to harvest.
    pub catalog_url: Option<String>,
    pub agreement_count: usize,
    /// Where to ask about the data (`contact_email`).
    pub contact_email: Option<&'a str>,
}

/// One site-wide data file.
#[derive(Debug, Serialize)]
pub struct DataFile {
    /// Relative to the site root.
    pub path: &'static str,
    /// The key of its description in the i18n file (`file_agreements`, …).
    pub about: String,
    /// `CSV`, `JSON`, `RDF/XML`, `Atom`.
    pub format: &'static str,
    pub media_type: &'static str,
}

/// The format's name and media type, from the file name.
fn format_of(path: &str) -> (&'static str, &'static str) {
    match path.rsplit('.').next() {
        Some("csv") => ("CSV", "text/csv"),
        Some("json") => ("JSON", "application/json"),
        Some("rdf") => ("RDF/XML", "application/rdf+xml"),
        Some("xml") => ("Atom", "application/atom+xml"),
        _ => ("", "application/octet-stream"),
    }
}

impl DataFile {
    fn new(path: &'static str) -> DataFile {
        let stem = path
            .rsplit('/')
            .next()
            .and_then(|name| name.split('.').next())
            .unwrap_or(path);
        let (format, media_type) = format_of(path);
        DataFile {
            path,
            about: format!("file_{stem}"),
            format,
            media_type,
        }
    }
}

impl<'a> Ctx<'a> {
    pub fn open_data(&self) -> View<'a> {
        let site = self.site;
        let config = &site.config;
        let mut files: Vec<DataFile> = EXPORTERS.iter().map(|e| DataFile::new(e.path())).collect();
        files.push(DataFile::new("feed.xml"));
        let catalog_url = files
            .iter()
            .find(|f| f.format == "RDF/XML")
            .map(|f| format!("{}{}", config.base_url, f.path));
        let data = OpenData {
            files,
            agreement_example: site
                .agreements
                .first()
                .map(|e| urls::agreement_data(&e.agreement.id)),
            license_id: config.license.id(),
            license_url: config.license.url(),
            publisher: config.publisher.as_deref().unwrap_or(&config.title),
            modified: site.modified(),
            catalog_url,
            agreement_count: site.agreements.len(),
            contact_email: config.contact_email.as_deref(),
        };
        View::new(self.t.text("open_data"), "open_data", data)
    }
}
