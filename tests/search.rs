//! The search index of the example site: the files under `search/`, what their chunks find,
//! and the same bytes from two builds.

use std::collections::BTreeMap;
use std::path::PathBuf;

use iopsite::BuildOptions;

// As in the binary, so the time of the index below is the time a build takes.
#[global_allocator]
static GLOBAL: iopsite::alloc::Allocator = iopsite::alloc::Allocator;

fn options() -> BuildOptions {
    BuildOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        ..Default::default()
    }
}

/// The `search/` files of a build of the example site, by path.
fn search_files() -> BTreeMap<String, String> {
    let collect = iopsite::plan::Collect::default();
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    iopsite::render_into(&example, &options(), &collect, &()).expect("example builds");
    collect
        .into_files()
        .into_iter()
        .filter(|f| f.path.starts_with("search/"))
        .map(|f| (f.path, String::from_utf8(f.bytes).expect("UTF-8")))
        .collect()
}

/// The document numbers of one field of `word` in a chunk file, decoded as `search.js` does.
fn postings(chunk: &str, word: &str, field: usize) -> Vec<usize> {
    let start = chunk
        .find(&format!("\"{word}\":["))
        .unwrap_or_else(|| panic!("{word} not in {chunk}"));
    let lists = &chunk[start + word.len() + 4..];
    let lists = &lists[..lists.find(']').expect("list ends")];
    let Some(list) = lists.split(',').nth(field) else {
        return Vec::new();
    };
    let more = "0123456789abcdefghijklmnopqrstuv";
    let last = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz()";
    let mut out = Vec::new();
    let (mut previous, mut value) = (-1i64, 0i64);
    for c in list.trim_matches('"').chars() {
        if let Some(d) = more.find(c) {
            value = value * 32 + d as i64;
        } else {
            value = value * 32 + last.find(c).expect("a digit") as i64;
            previous += value + 1;
            out.push(previous as usize);
            value = 0;
        }
    }
    out
}

/// The records of every document, in number order.
fn records(files: &BTreeMap<String, String>) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for b in 0.. {
        let Some(block) = files.get(&format!("search/d-{b}.js")) else {
            break;
        };
        let json = block
            .strip_prefix(&format!("iopSearch.docs({b},"))
            .and_then(|s| s.strip_suffix(");\n"))
            .expect("a block calls iopSearch.docs");
        let list: Vec<serde_json::Value> = serde_json::from_str(json).expect("JSON");
        out.extend(list);
    }
    out
}

fn number_of(records: &[serde_json::Value], link: &str) -> usize {
    records
        .iter()
        .position(|r| r[2] == link)
        .unwrap_or_else(|| panic!("no record links to {link}"))
}

#[test]
fn the_chunks_find_agreements_organisations_and_reports() {
    let files = search_files();
    let manifest = &files["search/index.js"];
    assert!(manifest.starts_with("iopSearch.manifest({"), "{manifest}");
    for key in ["ma", "kv", "21"] {
        assert!(
            manifest.contains(&format!("\"{key}\"")),
            "{key} in {manifest}"
        );
    }
    let records = records(&files);
    // 7 organisations (3 public), 4 agreements, 10 reports.
    assert_eq!(records.len(), 21);
    assert_eq!(
        records[0][0], "p",
        "public bodies come first: {:?}",
        records[0]
    );

    // "Malmö" folds to "malmo": the public body by name, the agreement by its title.
    let ma = &files["search/k-ma.js"];
    assert!(ma.starts_with("iopSearch.add(\"ma\",{"), "{ma}");
    let malmo = postings(ma, "malmo", 0);
    let body = number_of(&records, "organisations/malmo-stad.html");
    let agreement = number_of(
        &records,
        "agreements/malmo-region-skane-roda-korset-barn.html",
    );
    assert_eq!(records[body][0], "p");
    assert_eq!(records[body][1], "Malmö stad");
    assert!(
        malmo.contains(&body) && malmo.contains(&agreement),
        "{malmo:?}"
    );

    // A word of a title; an organisation number, one word without its dash, found as a name
    // of the organisation and in the texts of its agreements.
    let kvinnojouren = postings(&files["search/k-kv.js"], "kvinnojouren", 0);
    assert!(kvinnojouren.contains(&number_of(&records, "agreements/kalmar-kvinnojouren.html")));
    let kalmar = number_of(&records, "organisations/kalmar-kommun.html");
    assert_eq!(records[kalmar][3], "212000-0746");
    let chunk = &files["search/k-21.js"];
    assert_eq!(postings(chunk, "2120000746", 0), [kalmar]);
    assert!(
        postings(chunk, "2120000746", 1)
            .contains(&number_of(&records, "agreements/kalmar-kvinnojouren.html"))
    );

    // A report by its year (its own name) and by its agreement's name (context only).
    let report = number_of(&records, "reports/kalmar-stadsmission-2024.html");
    assert_eq!(records[report][0], "r");
    assert_eq!(records[report][4], 2024);
    assert!(postings(&files["search/k-20.js"], "2024", 0).contains(&report));
    assert!(postings(&files["search/k-st.js"], "stadsmission", 2).contains(&report));
}

#[test]
fn two_builds_write_the_same_search_files() {
    let (a, b) = (search_files(), search_files());
    assert!(a.len() > 40, "only {} search files", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, text) in &a {
        assert!(b[path] == *text, "{path} differs between builds");
    }
}

#[test]
fn chunk_files_have_plain_names() {
    for path in search_files().keys() {
        let name = path.strip_prefix("search/").expect("under search/");
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b)),
            "{name}"
        );
    }
}

/// How long the index of a large site takes to build (it is built once, when the output is
/// planned): `SEARCH_SITE=DIR cargo test --release --test search -- --ignored --nocapture`
/// with DIR a generated corpus (`cargo run --release --example corpus -- --agreements 10000 DIR`).
#[test]
#[ignore = "needs a generated corpus in SEARCH_SITE"]
fn index_time_of_a_large_site() {
    let dir = PathBuf::from(std::env::var("SEARCH_SITE").expect("SEARCH_SITE"));
    let prepared = iopsite::prepare(&dir, &BuildOptions::default(), &()).expect("site prepares");
    let (mut times, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let (started, cpu_before) = (std::time::Instant::now(), cpu_ms());
        let index = iopsite::search::index(&prepared.site);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        cpu.push(cpu_ms() - cpu_before);
        assert!(index.chunk_count() > 0);
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    println!(
        "index of {} agreements, {} organisations, {} reports: median {:.0} ms (of {times:.0?}), \
         CPU time over all threads median {:.0} ms (of {cpu:.0?})",
        prepared.site.agreements.len(),
        prepared.site.organisations.len(),
        prepared.site.reports.len(),
        times[2],
        cpu[2]
    );
}

/// The CPU time of this process so far, in ms.
fn cpu_ms() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a rusage struct.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    ms(usage.ru_utime) + ms(usage.ru_stime)
}
