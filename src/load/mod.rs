//! Walks a site's content folder, reads every file and parses it into the raw schema,
//! keeping each file's text so later stages can point at the offending line.

pub mod files;
pub mod limits;
pub mod scalar;
pub mod schema;
pub mod value_shapes;
mod yaml_errors;

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::l10n::Message;
use crate::msg;
pub use limits::MAX_FILE_BYTES;
use limits::{MAX_MARKDOWN_MARKS, MAX_TOTAL_BYTES, MarkCount, mib};
use schema::{AgreementFile, PageFrontMatter, ReportFrontMatter, SiteFile};
pub(crate) use yaml_errors::closest;

/// One parsed file with its id (the file name without extension).
#[derive(Debug)]
pub struct Loaded<T> {
    pub id: String,
    pub file: SourceFile,
    pub data: T,
}

/// A Markdown file with front matter: the parsed header and the body below it.
#[derive(Debug, Clone)]
pub struct Document<T> {
    pub front: T,
    pub body: String,
}

/// Everything read from a site folder, before any cross-file check.
#[derive(Debug)]
pub struct Content {
    /// The site folder given on the command line.
    pub site_dir: PathBuf,
    /// The folder holding `site.yaml` (`site_dir/content` or `site_dir` itself).
    pub content_dir: PathBuf,
    pub site: Option<Loaded<SiteFile>>,
    /// The id of every agreement file found, including those that could not be parsed, so
    /// a report of a broken agreement is not also called a report of an unknown one.
    pub agreement_files: std::collections::BTreeSet<String>,
    pub agreements: Vec<Loaded<AgreementFile>>,
    pub reports: Vec<Loaded<Document<ReportFrontMatter>>>,
    pub pages: Vec<Loaded<Document<PageFrontMatter>>>,
    /// The files under `content/files/`, published as they are.
    pub attachments: files::Attachments,
}

/// Finds the content folder of a site: `DIR/content/site.yaml` first, then `DIR/site.yaml`.
pub fn find_content_dir(site_dir: &Path) -> Option<PathBuf> {
    let nested = site_dir.join("content");
    if nested.join("site.yaml").is_file() {
        Some(nested)
    } else if site_dir.join("site.yaml").is_file() {
        Some(site_dir.to_path_buf())
    } else {
        None
    }
}

/// Files parsed by an earlier [`load_cached`], by path, with the exact text they were parsed
/// from. Parsing is a pure function of the text, so a file whose text is unchanged gives the
/// same result without being parsed again; every file is still read and everything after
/// parsing (checks, model) still runs on the whole site. `serve` keeps one between rebuilds:
/// parsing is most of the time `load` takes (about 150 of 200 ms at 3,500 files).
#[derive(Debug, Default)]
pub struct ParseCache {
    agreements: HashMap<PathBuf, (String, AgreementFile)>,
    reports: HashMap<PathBuf, (String, Document<ReportFrontMatter>)>,
    pages: HashMap<PathBuf, (String, Document<PageFrontMatter>)>,
}

/// The `language` written in the `site.yaml` of `site_dir` (in `content/` or directly in
/// it), if the file can be read and says `sv` or `en`; nothing else of the file is checked.
/// Messages about a site that does not check are shown in this language.
pub fn site_language(site_dir: &Path) -> Option<crate::config::Language> {
    #[derive(serde::Deserialize)]
    struct Only {
        language: Option<String>,
    }
    let path = find_content_dir(site_dir)?.join("site.yaml");
    let meta = fs::metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > limits::MAX_FILE_BYTES {
        return None;
    }
    let text = fs::read_to_string(path).ok()?;
    let only: Only = serde_saphyr::from_str(&text).ok()?;
    only.language?.trim().parse().ok()
}

/// Reads and parses every content file of the site in `site_dir`. Problems go into `diags`;
/// a file with a problem is left out of the result, the others are still read.
pub fn load(site_dir: &Path, diags: &mut Diagnostics) -> Content {
    load_with(site_dir, diags, None)
}

/// [`load`], taking unchanged files' parsed data from `cache` and leaving in it the files of
/// this run that parsed without any diagnostic.
pub fn load_cached(site_dir: &Path, diags: &mut Diagnostics, cache: &mut ParseCache) -> Content {
    load_with(site_dir, diags, Some(cache))
}

/// A one-off build keeps no cache: it would only hold a second copy of every file.
fn load_with(
    site_dir: &Path,
    diags: &mut Diagnostics,
    mut cache: Option<&mut ParseCache>,
) -> Content {
    let content_dir = find_content_dir(site_dir).unwrap_or_else(|| site_dir.join("content"));
    let mut content = Content {
        site_dir: site_dir.to_path_buf(),
        content_dir: content_dir.clone(),
        site: None,
        agreement_files: Default::default(),
        agreements: Vec::new(),
        reports: Vec::new(),
        pages: Vec::new(),
        attachments: Default::default(),
    };
    let site_path = content_dir.join("site.yaml");
    if !site_path.is_file() {
        diags.file_error(
            &display_path(site_dir, &site_path),
            msg!("site-yaml-missing"),
        );
        return content;
    }
    let agreement_paths = list_files(site_dir, &content_dir.join("agreements"), "yaml", diags);
    let report_paths = list_files(site_dir, &content_dir.join("reports"), "md", diags);
    let page_paths = list_files(site_dir, &content_dir.join("pages"), "md", diags);
    let all_paths = [&agreement_paths, &report_paths, &page_paths];
    let total = content_bytes(std::iter::once(&site_path).chain(all_paths.into_iter().flatten()));
    if total > MAX_TOTAL_BYTES {
        diags.file_error(
            &display_path(site_dir, &content_dir),
            msg!(
                "content-too-large",
                size = mib(total),
                limit = mib(MAX_TOTAL_BYTES)
            ),
        );
        return content;
    }

    content.attachments = files::list(site_dir, &content_dir, diags);
    content.site = read_source(site_dir, &site_path, diags).and_then(|file| {
        parse_yaml::<SiteFile>(&file, file.text(), diags).map(|data| Loaded {
            id: "site".into(),
            file,
            data,
        })
    });
    content.agreement_files = agreement_paths
        .iter()
        .filter_map(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .collect();

    let (agreements, d1) = parse_all(
        site_dir,
        &agreement_paths,
        cache.as_deref_mut().map(|c| &mut c.agreements),
        |file, d| {
            parse_yaml::<AgreementFile>(file, file.text(), d)
                .filter(|agreement| agreement_markdown_fits(file, agreement, d))
        },
    );
    let (reports, d2) = parse_all(
        site_dir,
        &report_paths,
        cache.as_deref_mut().map(|c| &mut c.reports),
        parse_document::<ReportFrontMatter>,
    );
    let (pages, d3) = parse_all(
        site_dir,
        &page_paths,
        cache.map(|c| &mut c.pages),
        parse_document::<PageFrontMatter>,
    );
    diags.extend(d1);
    diags.extend(d2);
    diags.extend(d3);
    content.agreements = agreements;
    content.reports = reports;
    content.pages = pages;
    content
}

/// The size of the files at `paths` together, looked up before any is read so that too much
/// content is refused before it fills memory. Files that cannot be read, or are refused for
/// their own size, do not count: each is reported on its own.
fn content_bytes<'a>(paths: impl Iterator<Item = &'a PathBuf>) -> u64 {
    let paths: Vec<&PathBuf> = paths.collect();
    paths
        .par_iter()
        .filter_map(|path| fs::metadata(path).ok())
        .filter(|meta| meta.is_file() && meta.len() <= MAX_FILE_BYTES)
        .map(|meta| meta.len())
        .sum()
}

/// The path as shown to the user: relative to the site folder when possible.
fn display_path(site_dir: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(site_dir)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Is `id` a slug: a–z, 0–9 and single inner hyphens, at most 80 characters?
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// Lists the files with `extension` in `dir` (recursively, sorted, symlinks not followed).
/// Other files are reported as warnings so a stray `.yml` is noticed.
fn list_files(
    site_dir: &Path,
    dir: &Path,
    extension: &str,
    diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut paths = Vec::new();
    // Hidden files and folders (editor backups such as .history/) are not content.
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                diags.file_error(
                    &display_path(site_dir, &path),
                    msg!("cannot-read", reason = err.to_string()),
                );
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_dir() {
            continue;
        }
        if entry.file_type().is_symlink() && path.is_dir() {
            diags.file_error(&display_path(site_dir, path), msg!("link-to-folder"));
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some(extension) {
            let shown = display_path(site_dir, path);
            let file = SourceFile::new(shown, "");
            diags.warning(&file, 0, 0, msg!("file-ignored", extension));
            continue;
        }
        paths.push(path.to_path_buf());
    }
    paths
}

/// Reads a file as UTF-8 text, refusing oversized files and pointing at the first invalid byte.
fn read_source(site_dir: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    let shown = display_path(site_dir, path);
    // Follows a file link; a pipe or device would block or never end, so only plain files.
    let size = match fs::metadata(path) {
        Ok(meta) if meta.is_file() => meta.len(),
        Ok(_) => {
            diags.file_error(&shown, msg!("content-not-regular"));
            return None;
        }
        Err(err) => {
            diags.file_error(&shown, msg!("cannot-read", reason = err.to_string()));
            return None;
        }
    };
    if size > MAX_FILE_BYTES {
        diags.file_error(
            &shown,
            msg!(
                "content-file-too-large",
                size = mib(size),
                limit = mib(MAX_FILE_BYTES)
            ),
        );
        return None;
    }
    // The size limit also holds for what is actually read, should the file grow meanwhile.
    let read = fs::File::open(path).and_then(|file| {
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map(|_| bytes)
    });
    let bytes = match read {
        Ok(bytes) if bytes.len() as u64 > MAX_FILE_BYTES => {
            diags.file_error(
                &shown,
                msg!("content-file-grew", limit = mib(MAX_FILE_BYTES)),
            );
            return None;
        }
        Ok(bytes) => bytes,
        Err(err) => {
            diags.file_error(&shown, msg!("cannot-read", reason = err.to_string()));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.remove(0);
            }
            Some(SourceFile::new(shown, text))
        }
        Err(err) => {
            let good = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            let mut file =
                SourceFile::new(shown, String::from_utf8_lossy(err.as_bytes()).into_owned());
            file.line_offset = 0;
            diags.error(&file, line, column, msg!("file-not-utf8"));
            None
        }
    }
}

/// Reads and parses many files in parallel; the results come back in path order. With a
/// `cache`, a file whose text is in it is not parsed again, and afterwards it holds this
/// run's files that parsed without diagnostics.
fn parse_all<T: Send + Sync + Clone>(
    site_dir: &Path,
    paths: &[PathBuf],
    cache: Option<&mut HashMap<PathBuf, (String, T)>>,
    parse: impl Fn(&mut SourceFile, &mut Diagnostics) -> Option<T> + Sync,
) -> (Vec<Loaded<T>>, Diagnostics) {
    let keep = cache.is_some();
    let mut cache = cache;
    let mut old = cache.as_deref_mut().map(std::mem::take).unwrap_or_default();
    // The text a fresh parse started from is returned (when caching) because parsing a
    // document keeps only its front matter in the file.
    let results: Vec<(Option<Loaded<T>>, Diagnostics, Option<String>)> = paths
        .par_iter()
        .map(|path| {
            let mut diags = Diagnostics::new();
            let shown = display_path(site_dir, path);
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !is_slug(&id) {
                diags.file_error(&shown, msg!("file-name-not-id", id = &id));
                return (None, diags, None);
            }
            let Some(mut file) = read_source(site_dir, path, &mut diags) else {
                return (None, diags, None);
            };
            if let Some((text, data)) = old.get(path)
                && *text == file.text()
            {
                return (
                    Some(Loaded {
                        id,
                        file,
                        data: data.clone(),
                    }),
                    diags,
                    None,
                );
            }
            let text = keep.then(|| file.text().to_string());
            match parse(&mut file, &mut diags) {
                Some(data) => {
                    let text = text.filter(|_| diags.is_empty());
                    (Some(Loaded { id, file, data }), diags, text)
                }
                None => (None, diags, None),
            }
        })
        .collect();
    let mut all = Diagnostics::new();
    let mut loaded = Vec::with_capacity(results.len());
    for (path, (item, diags, fresh)) in paths.iter().zip(results) {
        all.extend(diags);
        if let Some(item) = item {
            if let Some(cache) = cache.as_deref_mut() {
                match fresh {
                    Some(text) => {
                        cache.insert(path.clone(), (text, item.data.clone()));
                    }
                    None => {
                        if let Some(entry) = old.remove(path) {
                            cache.insert(path.clone(), entry);
                        }
                    }
                }
            }
            loaded.push(item);
        }
    }
    (loaded, all)
}

/// Parses YAML into `T`, turning a parser error into a diagnostic in the user's words.
pub fn parse_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    yaml: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    if yaml.trim().is_empty() {
        diags.error(file, 0, 0, msg!("file-empty"));
        return None;
    }
    match serde_saphyr::from_str::<T>(yaml) {
        Ok(value) => Some(value),
        Err(err) => {
            let (line, column) = err
                .location()
                .map(|loc| {
                    (
                        usize::try_from(loc.line()).unwrap_or(0),
                        usize::try_from(loc.column()).unwrap_or(0),
                    )
                })
                .unwrap_or((0, 0));
            let (line, column, message) =
                yaml_errors::explain(yaml, line, column, &user_message(&err));
            diags.error(file, line, column, message);
            None
        }
    }
}

/// The parser's message without its own position and snippet (we print our own).
fn user_message(err: &serde_saphyr::Error) -> String {
    let options = serde_saphyr::render_options! {
        formatter: &serde_saphyr::UserMessageFormatter,
        snippets: serde_saphyr::SnippetMode::Off,
    };
    let text = err.without_snippet().render_with_options(options);
    tidy_message(&text)
}

/// Removes the position the parser appends (we show our own) and polishes serde's wording.
fn tidy_message(text: &str) -> String {
    let mut message = text.lines().next().unwrap_or("").trim().to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    message
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing required key")
        .replace(", expected one of", "; expected one of")
        .replace(", expected", "; expected")
        .replace("expected string scalar", "expected text here")
        .replace("invalid i64", "expected a whole number here")
        .replace("invalid u32", "expected a whole number (0 or more) here")
        .replace("invalid f64", "expected a number here")
        .replace("expected mapping start", "expected `key: value` lines here")
        .replace(
            "expected sequence start",
            "expected a list (lines starting with `- `) here",
        )
}

/// Splits `---` front matter from a Markdown document and parses it.
///
/// On success `file` keeps only the front matter (with its `---` lines): problems are only
/// ever reported there, and a big site need not hold every report's text twice.
pub fn parse_document<T: DeserializeOwned>(
    file: &mut SourceFile,
    diags: &mut Diagnostics,
) -> Option<Document<T>> {
    let text = file.text();
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        diags.error(file, 1, 1, msg!("front-matter-missing"));
        return None;
    };
    let mut offset = 0;
    let mut end = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = end else {
        diags.error(file, 1, 1, msg!("front-matter-not-closed"));
        return None;
    };
    let head = text.len() - rest.len() + body_start;
    if !limits::surely_within_limit([&rest[body_start..]])
        && let Some(line) = MarkCount::default().add(&rest[body_start..])
    {
        let body_line = text[..head].bytes().filter(|&b| b == b'\n').count() + 1;
        diags.error(
            file,
            body_line + line,
            0,
            too_many_marks(msg!("marks-place-line")),
        );
        return None;
    }
    let body = rest[body_start..].to_string();
    file.truncate(head);
    let front = {
        let mut front_file = file.clone();
        front_file.line_offset = 1;
        let yaml = &front_file.text()[text_start(&front_file)..];
        parse_yaml::<T>(&front_file, &yaml[..yaml_end], diags)?
    };
    Some(Document { front, body })
}

/// The message for a Markdown text that passes [`MAX_MARKDOWN_MARKS`] marks at `place`.
fn too_many_marks(place: Message) -> Message {
    msg!("markdown-too-many-marks", limit = MAX_MARKDOWN_MARKS, place)
}

/// Whether the Markdown fields of an agreement together have at most [`MAX_MARKDOWN_MARKS`]
/// marks (its page shows them all); if not, says so naming the field where they passed it.
fn agreement_markdown_fits(
    file: &SourceFile,
    agreement: &AgreementFile,
    diags: &mut Diagnostics,
) -> bool {
    let fields = [
        ("summary", Some(&agreement.summary)),
        ("background", agreement.background.as_ref()),
        ("purpose", agreement.purpose.as_ref()),
        ("target_group", agreement.target_group.as_ref()),
        ("delimitations", agreement.delimitations.as_ref()),
        ("values", agreement.values.as_ref()),
        ("termination", agreement.termination.as_ref()),
    ];
    let decisions = agreement
        .decisions
        .iter()
        .map(|d| ("decisions: summary", Some(&d.summary)));
    let texts = fields.into_iter().chain(decisions);
    if limits::surely_within_limit(
        texts
            .clone()
            .filter_map(|(_, text)| text.map(String::as_str)),
    ) {
        return true;
    }
    let mut count = MarkCount::default();
    for (key, text) in texts {
        if let Some(text) = text
            && count.add(text).is_some()
        {
            let place = msg!("marks-place-fields", key);
            diags.file_error(&file.display_path, too_many_marks(place));
            return false;
        }
    }
    true
}

/// Where the front matter's YAML starts: after the opening `---` line.
fn text_start(file: &SourceFile) -> usize {
    if file.text().starts_with("---\r\n") {
        5
    } else {
        4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for ok in ["a", "kalmar-2024", "x1"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "A", "a_b", "-a", "a-", "a--b", "../x", "å"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn yaml_errors_have_positions_and_plain_words() {
        let file = SourceFile::new("x.yaml", "title: T\nsummary: S\ntitel: oops\n");
        let mut diags = Diagnostics::new();
        let parsed = parse_yaml::<PageFrontMatter>(&file, file.text(), &mut diags);
        assert!(parsed.is_none());
        let d = &diags.sorted()[0];
        println!("{d}");
        assert_eq!(d.line, 2);
        assert!(d.code().starts_with("yaml-unknown-key"), "{d}");
    }
}
