//! Turns a corpus's reports into a minimal Hugo site, the baseline bench/run.sh builds with
//! Hugo: each report's Markdown body becomes content/reports/<name>.md with only a title.
//!
//! Usage: cargo run --release --example hugo_site -- CORPUS HUGO_SITE
//!
//! CORPUS holds content/reports/*.md (YAML front matter between `---` lines, then Markdown).
//! HUGO_SITE must not exist.

use std::{
    env, fs,
    path::{Path, PathBuf},
    process::ExitCode,
};

const CONFIG: &str = r#"baseURL = "https://example.org/iop/"
languageCode = "sv"
title = "IOP benchmark"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
"#;

const SINGLE: &str = r#"<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
{{ .Content }}
</main>
</body>
</html>
"#;

const LIST: &str = r#"<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</body>
</html>
"#;

/// The one front matter field the Hugo page keeps; the rest is ignored.
#[derive(serde::Deserialize)]
struct FrontMatter {
    title: Option<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let [corpus, site] = args.as_slice() else {
        eprintln!("usage: hugo_site CORPUS HUGO_SITE");
        return ExitCode::FAILURE;
    };
    match run(Path::new(corpus), Path::new(site)) {
        Ok(count) => {
            println!("wrote a Hugo site with {count} reports to {site}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("hugo_site: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(corpus: &Path, site: &Path) -> Result<usize, String> {
    if site.exists() {
        return Err(format!("{} exists", site.display()));
    }
    let out = site.join("content/reports");
    let layouts = site.join("layouts/_default");
    for dir in [&out, &layouts] {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    write(&site.join("config.toml"), CONFIG)?;
    write(&layouts.join("single.html"), SINGLE)?;
    write(&layouts.join("list.html"), LIST)?;
    write(
        &out.join("_index.md"),
        "---\ntitle: \"Verksamhetsberättelser\"\n---\n",
    )?;

    let reports = corpus.join("content/reports");
    let mut paths: Vec<PathBuf> = fs::read_dir(&reports)
        .map_err(|e| format!("cannot read {}: {e}", reports.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    for path in &paths {
        let text =
            fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let (front, body) = split(&text).ok_or_else(|| {
            format!(
                "{} does not start with front matter between --- lines",
                path.display()
            )
        })?;
        let front: FrontMatter = serde_saphyr::from_str(front)
            .map_err(|e| format!("{}: front matter is not YAML: {e}", path.display()))?;
        // file_stem cannot be None: the path came from read_dir and ends in `.md`.
        let stem = path.file_stem().unwrap().to_string_lossy();
        let title = front.title.unwrap_or_else(|| stem.to_string());
        // A JSON string is a valid YAML scalar, so this quotes any title safely.
        let title = serde_json::to_string(&title).map_err(|e| e.to_string())?;
        write(
            &out.join(format!("{stem}.md")),
            &format!("---\ntitle: {title}\n---\n{body}"),
        )?;
    }
    Ok(paths.len())
}

/// Splits `---\nFRONT\n---\nBODY` into FRONT and BODY.
fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
