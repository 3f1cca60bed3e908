//! `iopsite serve` as a user runs it: the real binary on a free port with a copy of the
//! example site, fetched over plain TCP. Edits show up, a broken file keeps the last good
//! site and reports the problem, a template error on any page reaches the banner, nothing but
//! the site's own files is ever served, and nothing is written to disk (no `output/`, no
//! temporary folder). And it answers only its owner: requests for other host names get 403,
//! reload polls cannot hold up pages, a huge request head gets 431, and idle connections are
//! closed.

mod common;
use common::copy_dir;

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const AS_OF: &str = "2026-11-23";
const REPORT: &str = "content/reports/kalmar-stadsmission-2024.md";
const REPORT_PAGE: &str = "reports/kalmar-stadsmission-2024.html";
const AGREEMENT: &str = "content/agreements/kalmar-stadsmission.yaml";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the example site, and a private TMPDIR that the server must leave empty.
struct Fixture {
    site: tempfile::TempDir,
    tmp: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let site = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("content"), &site.path().join("content"));
        Fixture {
            site,
            tmp: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.site.path().join(rel)
    }

    /// Whatever the server left in our TMPDIR (it renders in memory: nothing).
    fn temp_files(&self) -> Vec<PathBuf> {
        fs::read_dir(self.tmp.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    }

    /// Every file of the site folder, with its contents.
    fn site_files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(self.site.path())
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().to_path_buf(), fs::read(e.path()).unwrap()))
            .collect();
        files.sort();
        files
    }
}

/// A running `iopsite serve`; stopped with SIGINT (as Ctrl-C) at the latest when dropped.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/BASE/`
    url: String,
    addr: String,
    lines: mpsc::Receiver<String>,
}

impl Server {
    fn start(fixture: &Fixture, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_iopsite"))
            .arg("serve")
            .arg(fixture.site.path())
            .args(["--port", "0", "--as-of", AS_OF])
            .args(extra)
            .env("TMPDIR", fixture.tmp.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start iopsite serve");
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(20);
        let url = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = lines
                .recv_timeout(left)
                .expect("iopsite serve should print its address");
            if let Some(at) = line.find("http://") {
                break line[at..].split_whitespace().next().unwrap().to_string();
            }
        };
        let addr = url["http://".len()..]
            .split('/')
            .next()
            .unwrap()
            .to_string();
        Server {
            child,
            url,
            addr,
            lines,
        }
    }

    fn request(&self, method: &str, target: &str) -> Response {
        fetch(&self.addr, method, target)
    }

    fn get(&self, target: &str) -> Response {
        self.request("GET", target)
    }

    /// The build state, answered at once.
    fn state(&self, base: &str) -> serde_json::Value {
        let r = self.get(&format!("{base}__iopsite/poll?since=-1"));
        assert_eq!(r.status, 200);
        serde_json::from_str(&r.body).expect("poll answers JSON")
    }

    /// Stops the server as Ctrl-C does and returns its exit code and the rest of its output.
    fn interrupt(mut self) -> (Option<i32>, String) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
            std::thread::sleep(Duration::from_millis(20));
        };
        let rest: Vec<String> = self.lines.try_iter().collect();
        (status.code(), rest.join("\n"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `method target` as written (no normalisation) and returns status, headers, body.
fn fetch(addr: &str, method: &str, target: &str) -> Response {
    fetch_raw(
        addr,
        &format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
}

/// Sends `request` (a whole request head, as written) and reads the answer to the end.
fn fetch_raw(addr: &str, request: &str) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Response {
        status,
        head,
        body: String::from_utf8_lossy(&raw[split + 4..]).into_owned(),
    }
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// Polls `check` every 50 ms until it holds or `limit` passes; returns how long it took.
fn within(limit: Duration, what: &str, mut check: impl FnMut() -> bool) -> Duration {
    let started = Instant::now();
    while !check() {
        assert!(started.elapsed() < limit, "not within {limit:?}: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
    started.elapsed()
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    save(path, &text.replacen(from, to, 1));
}

/// Writes `text` to `path` as many editors save: into a new file, renamed over the old one.
/// `fs::write` empties the file first, and on a loaded machine the server can notice the
/// empty file, wait out its settle time and build it before the text arrives: an extra
/// build whose errors and generation number a test would then see instead of its own.
fn save(path: &Path, text: &str) {
    let name = path.file_name().unwrap().to_string_lossy();
    // `.tmp` files are ignored by the watcher.
    let new = path.with_file_name(format!("{name}.tmp"));
    fs::write(&new, text).unwrap();
    fs::rename(&new, path).unwrap();
}

#[test]
fn edits_show_up_and_a_broken_file_keeps_the_last_good_site() {
    let fixture = Fixture::new();
    let server = Server::start(&fixture, &[]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.body
            .contains("<script src=\"/__iopsite/reload.js?g=1\" defer></script></body>")
    );
    assert!(
        home.body
            .contains(&format!("href=\"{}index.html\"", server.url)),
        "canonical link should point at the preview"
    );
    let first = server.state("/");
    assert_eq!(first["generation"], 1);
    assert_eq!(first["errors"], serde_json::json!([]));

    // An edit to a report's Markdown is on its page within a few seconds.
    let report = fixture.path(REPORT);
    let text = fs::read_to_string(&report).unwrap();
    save(
        &report,
        &format!("{text}\nEn helt ny mening om matkassar.\n"),
    );
    let took = within(
        Duration::from_secs(5),
        "the edit on the report page",
        || {
            server
                .get(&format!("/{REPORT_PAGE}"))
                .body
                .contains("En helt ny mening om matkassar.")
        },
    );
    eprintln!("edit visible after {took:?}");
    assert_eq!(server.state("/")["generation"], 2);

    // A long poll for generation 2 answers when generation 3 (a broken build) is done.
    let waiting = {
        let addr = server.addr.clone();
        std::thread::spawn(move || fetch(&addr, "GET", "/__iopsite/poll?since=2"))
    };
    std::thread::sleep(Duration::from_millis(200));
    replace_in(&fixture.path(AGREEMENT), "title: ", "title: [");
    let answer = waiting.join().unwrap();
    let state: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(state["generation"], 3);
    let error = &state["errors"][0];
    assert_eq!(error["file"], "content/agreements/kalmar-stadsmission.yaml");
    assert_eq!(error["line"], 1);
    assert!(error["column"].as_u64().unwrap() > 0);
    assert!(!error["message"].as_str().unwrap().is_empty());

    // The last good site is still served, edit included, and its pages carry its generation.
    let page = server.get(&format!("/{REPORT_PAGE}"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("En helt ny mening om matkassar."));
    assert!(page.body.contains("reload.js?g=2"));

    // Fixed: the errors are gone and a new good build is served.
    replace_in(&fixture.path(AGREEMENT), "title: [", "title: ");
    within(Duration::from_secs(5), "the errors to clear", || {
        let state = server.state("/");
        state["errors"] == serde_json::json!([]) && state["generation"].as_u64() >= Some(4)
    });
    assert!(server.get("/").body.contains("reload.js?g=4"));

    // Nothing was written: no published output folder, no temporary folder, and Ctrl-C
    // ends the server cleanly.
    assert!(!fixture.path("output").exists());
    assert!(!fixture.path("content/output").exists());
    assert_eq!(fixture.temp_files(), Vec::<PathBuf>::new());
    let (code, rest) = server.interrupt();
    assert_eq!(code, Some(0), "serve should exit 0 on Ctrl-C");
    assert!(rest.contains("stopped"), "{rest}");
    assert_eq!(fixture.temp_files(), Vec::<PathBuf>::new());
}

/// Requests that reach for files outside the site's output, or that the site does not make.
const NOT_SERVED: &[&str] = &[
    "/../Cargo.toml",
    "/../../Cargo.toml",
    "/%2e%2e/Cargo.toml",
    "/%2E%2E/Cargo.toml",
    "/%2E%2E%2fCargo.toml",
    "/..%2fCargo.toml",
    "/..%2FCargo.toml",
    "/agreements/..%2f..%2fCargo.toml",
    "/agreements/../../Cargo.toml",
    "/agreements/%2e%2e/%2e%2e/Cargo.toml",
    "/%252e%252e/Cargo.toml",
    "/%c0%ae%c0%ae/Cargo.toml",
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    "/C:%5cWindows",
    "/C:/Windows/win.ini",
    "/..\\Cargo.toml",
    "/..%5cCargo.toml",
    "/index.html%00",
    "/%00",
    "/link.html",
    "/up/Cargo.toml",
    "/passwd.txt",
    "/.iopsite-output",
    "/Cargo.toml",
    "/reports/secret.html",
    "/content/secret.html",
    "/secret.html",
    "/content/site.yaml",
    "/site.yaml",
    "/content/agreements/kalmar-stadsmission.yaml",
    "/templates/base.html",
    "/static/style.css",
    "/reports/",
    "/reports",
    "/data/",
    "/no-such-page.html",
    "/reports/no-such-report-2024.html",
];

#[test]
fn nothing_but_the_sites_own_files_is_served() {
    let fixture = Fixture::new();
    // Secrets in the site folder, beside it, and files named like pages that the site does
    // not generate: none is served, as nothing is read from disk.
    fs::write(fixture.path("Cargo.toml"), "SECRET").unwrap();
    fs::write(fixture.tmp.path().join("Cargo.toml"), "SECRET").unwrap();
    fs::write(fixture.path("link.html"), "SECRET").unwrap();
    fs::create_dir_all(fixture.path("reports")).unwrap();
    fs::write(fixture.path("reports/secret.html"), "SECRET").unwrap();
    fs::write(fixture.path("content/secret.html"), "SECRET").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", fixture.path("passwd.txt")).unwrap();
        std::os::unix::fs::symlink(fixture.tmp.path(), fixture.path("up")).unwrap();
    }
    let server = Server::start(&fixture, &[]);
    for target in NOT_SERVED {
        let r = server.get(target);
        assert_eq!(r.status, 404, "{target}");
        assert!(!r.body.contains("SECRET"), "{target}");
        assert!(!r.body.contains("root:"), "{target}");
        assert!(
            r.body.contains("<!DOCTYPE html>") && r.body.contains("__iopsite/reload.js"),
            "{target}: the site's 404 page"
        );
    }
    // An absolute-form target is not a path on this server either.
    assert_eq!(server.get("http://example.org/index.html").status, 404);

    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let r = server.request(method, "/index.html");
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("Allow"), Some("GET, HEAD"));
    }
    let head = server.request("HEAD", "/index.html");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());

    for (target, ty) in [
        ("/index.html", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/data/agreements.json", "application/json"),
        ("/data/funding.csv", "text/csv; charset=utf-8"),
        ("/data/catalog.rdf", "application/rdf+xml"),
        ("/feed.xml", "application/xml"),
        ("/sitemap.xml", "application/xml"),
        ("/__iopsite/reload.js", "text/javascript; charset=utf-8"),
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(r.header("Content-Type"), Some(ty), "{target}");
        assert_eq!(r.header("Cache-Control"), Some("no-store"), "{target}");
    }
    // Only HTML gets the script.
    assert!(!server.get("/style.css").body.contains("__iopsite"));
    assert!(
        !server
            .get("/data/agreements.json")
            .body
            .contains("__iopsite")
    );

    let miss = server.get("/no-such-page.html");
    assert_eq!(miss.status, 404);
    let site_404 = server.get("/404.html");
    assert_eq!(site_404.status, 200);
    let title = site_404
        .body
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap();
    assert!(miss.body.contains(title), "the site's own 404 page");
}

#[test]
fn a_template_error_on_a_page_nobody_opened_reaches_the_banner() {
    let fixture = Fixture::new();
    let server = Server::start(&fixture, &[]);
    within(Duration::from_secs(10), "the first check", || {
        server.lines.try_iter().any(|l| l.contains("pages checked"))
    });
    let before = fixture.site_files();
    let generation = server.state("/")["generation"].as_u64().unwrap();

    // Goal pages now use a variable that does not exist: the templates still load, so the
    // site is rebuilt and served, and only rendering a goal page fails.
    let template = fixture.path("themes/default/templates/goal.html");
    fs::create_dir_all(template.parent().unwrap()).unwrap();
    save(
        &template,
        "<!DOCTYPE html><html><body><p>{{ no_such_thing.at_all }}</p></body></html>\n",
    );
    within(Duration::from_secs(10), "the check's errors", || {
        let state = server.state("/");
        state["generation"].as_u64() >= Some(generation + 2)
            && state["errors"].as_array().is_some_and(|e| !e.is_empty())
    });
    let state = server.state("/");
    let error = &state["errors"][0];
    assert!(
        error["file"]
            .as_str()
            .unwrap()
            .ends_with("themes/default/templates/goal.html"),
        "{error}"
    );
    assert!(!error["message"].as_str().unwrap().is_empty(), "{error}");

    // The goal page says what is wrong, with the reload script; other pages are served.
    let goal = server.get("/goals/1.html");
    assert_eq!(goal.status, 500);
    assert!(goal.body.contains("goals/1.html cannot be rendered"));
    assert!(goal.body.contains("no_such_thing"), "{}", goal.body);
    assert!(goal.body.contains("__iopsite/reload.js?g="));
    assert!(!goal.body.contains("<p>{{"));
    assert_eq!(server.get("/").status, 200);
    assert_eq!(server.get(&format!("/{REPORT_PAGE}")).status, 200);

    // Fixed: the errors clear and the page is back.
    fs::remove_file(&template).unwrap();
    within(Duration::from_secs(10), "the errors to clear", || {
        server.state("/")["errors"] == serde_json::json!([])
    });
    assert_eq!(server.get("/goals/1.html").status, 200);
    // Serving wrote nothing into the site folder (the template was ours).
    fs::remove_dir_all(fixture.path("themes")).unwrap();
    assert!(fixture.site_files() == before);
}

#[test]
fn a_base_path_previews_the_site_under_a_sub_path() {
    let fixture = Fixture::new();
    let server = Server::start(&fixture, &["--base-path", "/iop"]);
    assert!(server.url.ends_with("/iop/"), "{}", server.url);
    let home = server.get("/iop/");
    assert_eq!(home.status, 200);
    assert!(
        home.body
            .contains(&format!("href=\"{}index.html\"", server.url))
    );
    assert!(
        home.body
            .contains("<script src=\"/iop/__iopsite/reload.js?g=1\" defer>")
    );
    assert_eq!(
        server
            .get("/iop/reports/kalmar-stadsmission-2024.html")
            .status,
        200
    );
    let root = server.get("/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("Location"), Some("/iop/"));
    assert_eq!(server.get("/iop").header("Location"), Some("/iop/"));
    assert_eq!(server.get("/index.html").status, 404);
    assert_eq!(server.get("/iop/../iop/index.html").status, 404);
    assert_eq!(server.state("/iop/")["generation"], 1);
    assert_eq!(server.get("/__iopsite/poll?since=-1").status, 404);
}

/// The preview's 404 page, at any depth, links to the stylesheet by a path-absolute link
/// under the base path and names no host, so it is styled however the preview is reached.
#[test]
fn the_preview_404_page_links_from_the_base_path() {
    let fixture = Fixture::new();
    let server = Server::start(&fixture, &["--base-path", "/iop"]);
    for target in ["/iop/no-such-page.html", "/iop/agreements/a/b/c.html"] {
        let miss = server.get(target);
        assert_eq!(miss.status, 404, "{target}");
        assert!(
            miss.body
                .contains("<link rel=\"stylesheet\" href=\"/iop/style.css\">"),
            "{target}: {}",
            miss.body
        );
        assert!(
            !miss.body.contains("href=\"http"),
            "{target}: {}",
            miss.body
        );
        assert!(!miss.body.contains("src=\"http"), "{target}: {}", miss.body);
    }
    assert_eq!(server.get("/iop/style.css").status, 200);
}

#[test]
fn a_site_that_never_built_shows_its_problems_and_recovers() {
    let fixture = Fixture::new();
    replace_in(&fixture.path(AGREEMENT), "title: ", "title: [");
    let server = Server::start(&fixture, &[]);
    assert_eq!(server.get("/reports/").status, 503);
    let page = server.get("/");
    assert_eq!(page.status, 503);
    assert!(page.body.contains("reload.js?g=0"));
    let state = server.state("/");
    assert_eq!(
        state["errors"][0]["file"],
        "content/agreements/kalmar-stadsmission.yaml"
    );
    replace_in(&fixture.path(AGREEMENT), "title: [", "title: ");
    within(Duration::from_secs(5), "the site to build", || {
        server.get("/").status == 200
    });
}

#[test]
fn a_busy_port_is_reported() {
    let fixture = Fixture::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_iopsite"))
        .arg("serve")
        .arg(fixture.site.path())
        .args(["--port", &port])
        .env("TMPDIR", fixture.tmp.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot listen on 127.0.0.1:"), "{stderr}");
    assert!(fixture.temp_files().is_empty());
}

#[test]
fn built_output_has_no_trace_of_the_preview() {
    let fixture = Fixture::new();
    let out = fixture.tmp.path().join("built");
    let status = Command::new(env!("CARGO_BIN_EXE_iopsite"))
        .arg("build")
        .arg(fixture.site.path())
        .args(["--as-of", AS_OF, "--quiet", "--output"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            files += 1;
            let bytes = fs::read(entry.path()).unwrap();
            assert!(
                !bytes.windows(9).any(|w| w == b"__iopsite"),
                "{} mentions the preview server",
                entry.path().display()
            );
        }
    }
    assert!(files > 40);
}

#[test]
fn a_folder_without_a_site_is_refused() {
    let empty = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_iopsite"))
        .arg("serve")
        .arg(empty.path())
        .args(["--port", "0"])
        .env("TMPDIR", empty.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no site.yaml in"), "{stderr}");
    assert_eq!(fs::read_dir(empty.path()).unwrap().count(), 0);
}

/// Reads one answer from a kept-alive connection: its status and body (by Content-Length).
fn read_answer(stream: &mut BufReader<TcpStream>) -> (u16, Vec<u8>) {
    let mut status = 0;
    let mut length = 0;
    loop {
        let mut line = String::new();
        stream.read_line(&mut line).expect("read a header line");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(code) = line.strip_prefix("HTTP/1.1 ") {
            status = code[..3].parse().unwrap();
        } else if let Some((key, value)) = line.split_once(':')
            && key.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).expect("read the body");
    (status, body)
}

#[test]
fn answers_on_a_kept_alive_connection_are_not_held_back() {
    // A reloading browser asks for the page and then its stylesheet on connections it keeps
    // open. With Nagle's algorithm on, every answer after a connection's first waited for
    // the browser's delayed acknowledgement (40 ms on Linux): 200 ms for these six.
    let fixture = Fixture::new();
    let server = Server::start(&fixture, &[]);
    let stream = TcpStream::connect(&server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    // The first answer renders the page; only the later ones are timed.
    let request = format!(
        "GET /{REPORT_PAGE} HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    );
    writer.write_all(request.as_bytes()).unwrap();
    assert_eq!(read_answer(&mut reader).0, 200);
    let started = Instant::now();
    for path in [
        "style.css",
        REPORT_PAGE,
        "style.css",
        REPORT_PAGE,
        "style.css",
    ] {
        let request = format!("GET /{path} HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr);
        writer.write_all(request.as_bytes()).unwrap();
        let (status, body) = read_answer(&mut reader);
        assert_eq!(status, 200, "{path}");
        assert!(body.len() > 1000, "{path}: {} bytes", body.len());
    }
    let took = started.elapsed();
    assert!(
        took < Duration::from_millis(150),
        "five answers took {took:?}"
    );
}

/// The port of `addr` (`127.0.0.1:PORT`).
fn port(addr: &str) -> &str {
    addr.rsplit(':').next().unwrap()
}

/// `GET target` with the `Host` header `host` (none if `None`).
fn get_for_host(addr: &str, target: &str, host: Option<&str>) -> Response {
    let host = host.map_or(String::new(), |h| format!("Host: {h}\r\n"));
    fetch_raw(
        addr,
        &format!("GET {target} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"),
    )
}

#[test]
fn only_requests_for_the_previews_own_names_are_answered() {
    // DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1 asks for
    // the preview as its own origin; its requests say `Host: evil.example`.
    let fixture = Fixture::new();
    let server = Server::start(&fixture, &[]);
    let addr = server.addr.as_str();
    let p = port(addr);
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{p}"),
        format!("localhost.evil.example:{p}"),
        format!("192.168.1.5:{p}"),
    ] {
        for target in ["/", &format!("/{REPORT_PAGE}"), "/__iopsite/poll?since=-1"] {
            let r = get_for_host(addr, target, Some(&host));
            assert_eq!(r.status, 403, "{host} {target}");
            assert!(r.body.contains("--allow-host"), "{host}: {}", r.body);
            assert!(!r.body.contains("generation"), "{host} {target}");
        }
    }
    let r = get_for_host(addr, "/", Some(&format!("evil.example:{p}")));
    assert!(r.body.contains("--allow-host evil.example"), "{}", r.body);
    assert_eq!(r.header("Content-Type"), Some("text/plain; charset=utf-8"));
    // HTTP/1.1 requires a Host header; without one there is nothing to check.
    assert_eq!(get_for_host(addr, "/", None).status, 403);
    // The names the preview is known by, whatever their case and with or without the port.
    for host in [
        format!("localhost:{p}"),
        format!("LocalHost:{p}"),
        "localhost".to_string(),
        format!("127.0.0.1:{p}"),
        format!("[::1]:{p}"),
    ] {
        assert_eq!(get_for_host(addr, "/", Some(&host)).status, 200, "{host}");
    }
    // HTTP/1.0 has no Host header (browsers send one anyway).
    let old = fetch_raw(addr, "GET / HTTP/1.0\r\n\r\n");
    assert_eq!(old.status, 200);

    // Another name only when it is given.
    let named = Server::start(&fixture, &["--allow-host", "preview.test"]);
    let addr = named.addr.as_str();
    let p = port(addr);
    for host in [format!("preview.test:{p}"), "Preview.Test".to_string()] {
        assert_eq!(get_for_host(addr, "/", Some(&host)).status, 200, "{host}");
    }
    assert_eq!(
        get_for_host(addr, "/", Some(&format!("other.test:{p}"))).status,
        403
    );
    assert_eq!(
        get_for_host(addr, "/", Some(&format!("localhost:{p}"))).status,
        200
    );
}

#[test]
fn an_unreadable_allow_host_is_refused() {
    let fixture = Fixture::new();
    let output = Command::new(env!("CARGO_BIN_EXE_iopsite"))
        .arg("serve")
        .arg(fixture.site.path())
        .args(["--port", "0", "--allow-host", "http://preview.test/"])
        .env("TMPDIR", fixture.tmp.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--allow-host `http://preview.test/` is not a host name"),
        "{stderr}"
    );
}

/// A connection that has sent a reload poll for a build after `generation`, unanswered yet.
fn send_poll(addr: &str, generation: u64) -> TcpStream {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET /__iopsite/poll?since={generation} HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    stream
}

/// Sends a reload poll for a build after `generation` and leaves it waiting; `None` if the
/// server refused it with 429. Any other answer fails the test.
fn waiting_poll(addr: &str, generation: u64) -> Option<TcpStream> {
    let stream = send_poll(addr, generation);
    stream
        .set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    match reader.read_line(&mut line) {
        Ok(_) if line.starts_with("HTTP/1.1 429") => None,
        Ok(_) => panic!("a poll for the current build answered at once: {line}"),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ) =>
        {
            stream.set_read_timeout(None).unwrap();
            Some(stream)
        }
        Err(e) => panic!("poll: {e}"),
    }
}

/// [`waiting_poll`], asked again until it is not refused; how long that took.
fn waiting_poll_within(addr: &str, generation: u64, limit: Duration) -> (TcpStream, Duration) {
    let started = Instant::now();
    loop {
        if let Some(stream) = waiting_poll(addr, generation) {
            return (stream, started.elapsed());
        }
        assert!(
            started.elapsed() < limit,
            "polls still refused after {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn reload_polls_never_hold_up_pages() {
    let fixture = Fixture::new();
    let server = Server::start(&fixture, &[]);
    let addr = server.addr.as_str();
    let generation = server.state("/")["generation"].as_u64().unwrap();

    // A page opens 300 polls and aborts them (a fetch with an AbortController does this).
    let polls: Vec<TcpStream> = (0..300).map(|_| send_poll(addr, generation)).collect();
    std::thread::sleep(Duration::from_millis(300));
    drop(polls);
    // Pages answer at once all the same.
    let started = Instant::now();
    for _ in 0..10 {
        assert_eq!(server.get(&format!("/{REPORT_PAGE}")).status, 200);
        assert_eq!(server.get("/style.css").status, 200);
    }
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "20 answers took {took:?}");

    // One client has at most four polls waiting; a fifth is refused at once, asking to
    // come back in a second. Pages are answered meanwhile.
    let held: Vec<TcpStream> = (0..4)
        .map(|_| waiting_poll_within(addr, generation, Duration::from_secs(3)).0)
        .collect();
    let started = Instant::now();
    let fifth = server.get(&format!("/__iopsite/poll?since={generation}"));
    assert_eq!(fifth.status, 429, "{}", fifth.body);
    assert_eq!(fifth.header("Retry-After"), Some("1"));
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(server.get(&format!("/{REPORT_PAGE}")).status, 200);
    // A poll for an older build is answered at once, without a place.
    assert_eq!(server.state("/")["generation"], generation);

    // Closing the waiting polls gives their places back at once.
    drop(held);
    let mut again = Vec::new();
    for _ in 0..4 {
        let (stream, took) = waiting_poll_within(addr, generation, Duration::from_secs(3));
        assert!(
            took < Duration::from_secs(1),
            "a place came back after {took:?}"
        );
        again.push(stream);
    }
    assert!(waiting_poll(addr, generation).is_none());

    // The waiting polls are real: an edit answers every one of them.
    let report = fixture.path(REPORT);
    let text = fs::read_to_string(&report).unwrap();
    save(&report, &format!("{text}\nEn mening till.\n"));
    for stream in again {
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let (status, body) = read_answer(&mut BufReader::new(stream));
        assert_eq!(status, 200);
        let state: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(state["generation"], generation + 1);
    }
}

/// The server's resident memory in KiB (Linux).
fn resident_kib(server: &Server) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{}/status", server.child.id())).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Sends `bytes` of one endless header line on a new connection, ignoring the server closing
/// it, and returns the connection (still open on this side) with whatever it answered.
fn endless_header(addr: &str, bytes: usize) -> (TcpStream, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).unwrap();
    let head = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nX-Long: ");
    let mut sent = stream.write_all(head.as_bytes());
    let chunk = vec![b'a'; 64 * 1024];
    let mut left = bytes;
    while left > 0 && sent.is_ok() {
        let n = left.min(chunk.len());
        sent = stream.write_all(&chunk[..n]);
        left -= n;
    }
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut answer = Vec::new();
    // Reset or timed out: the answer so far is what there is.
    let _ = stream.read_to_end(&mut answer);
    (stream, answer)
}

#[test]
fn a_huge_request_head_gets_431_and_costs_no_memory() {
    let fixture = Fixture::new();
    let server = Server::start(&fixture, &[]);
    let addr = server.addr.as_str();
    // A head just under the limit is answered; one a little over it gets 431.
    let big = format!(
        "GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nX-Big: {}\r\n\r\n",
        "a".repeat(15 * 1024)
    );
    assert_eq!(fetch_raw(addr, &big).status, 200);
    let too_big = format!(
        "GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nX-Big: {}\r\n\r\n",
        "a".repeat(17 * 1024)
    );
    assert_eq!(fetch_raw(addr, &too_big).status, 431);

    // Four clients each send 16 MB of one header line and keep their connections open: the
    // server reads no more than the limit of each.
    let before = resident_kib(&server);
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let addr = addr.to_string();
            std::thread::spawn(move || endless_header(&addr, 16 << 20))
        })
        .collect();
    let answers: Vec<_> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    let after = resident_kib(&server);
    for (_, answer) in &answers {
        let text = String::from_utf8_lossy(answer);
        assert!(
            text.is_empty() || text.starts_with("HTTP/1.1 431"),
            "{text}"
        );
    }
    if let (Some(before), Some(after)) = (before, after) {
        let grew = after.saturating_sub(before);
        assert!(grew < 16 * 1024, "the server grew by {grew} KiB");
        eprintln!("resident memory {before} KiB before, {after} KiB after");
    }
    drop(answers);
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn idle_connections_are_closed() {
    let fixture = Fixture::new();
    let server = Server::start(&fixture, &[]);
    let addr = server.addr.clone();
    // A connection that sends nothing, one that sends half a request head, and one kept
    // alive after an answer: each is closed within the server's 10 s.
    let kinds: [(&str, &str); 3] = [
        ("silent", ""),
        ("half a head", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"),
        (
            "kept alive",
            "GET /style.css HTTP/1.1\r\nHost: localhost\r\n\r\n",
        ),
    ];
    let waits: Vec<_> = kinds
        .into_iter()
        .map(|(name, sent)| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(&addr).unwrap();
                stream.write_all(sent.as_bytes()).unwrap();
                let started = Instant::now();
                stream
                    .set_read_timeout(Some(Duration::from_secs(15)))
                    .unwrap();
                let mut reader = BufReader::new(stream);
                if name == "kept alive" {
                    assert_eq!(read_answer(&mut reader).0, 200);
                }
                let mut rest = Vec::new();
                let end = reader.read_to_end(&mut rest);
                (name, end.map_err(|e| e.kind()), started.elapsed())
            })
        })
        .collect();
    for wait in waits {
        let (name, end, took) = wait.join().unwrap();
        assert!(end.is_ok(), "{name}: not closed by the server ({end:?})");
        assert!(
            took > Duration::from_secs(8) && took < Duration::from_secs(13),
            "{name}: closed after {took:?}"
        );
    }
    // Closing them did not stop the server.
    assert_eq!(server.get("/").status, 200);
}
