//! `iopsite serve`: previews the site on the local machine, rendering each page from memory
//! when the browser asks for it, and reloads the open browser tabs when a source changes.
//!
//! On start and on every change the whole site is loaded, checked and modelled again
//! ([`crate::prepare_cached`]; files whose text did not change are not parsed again), but no
//! page is rendered until it is asked for, so an edit reaches the browser in the time one
//! page takes, not the whole site. At 1,000 agreements (3,500 pages) a change is ready in
//! about 100 ms, where rendering every page takes 400 ms more. Nothing is written to disk, and the
//! published `output/` folder is never touched: the preview is rendered with a `base_url`
//! pointing at the server itself. A change that breaks the content keeps the last good site
//! and shows its problems in the terminal and in a banner in the browser.
//!
//! Since only the pages someone opens are rendered, every page is then also rendered in the
//! background (and thrown away) to find template errors on pages nobody has open; those are
//! shown in the banner too. A newer change cancels that check. A page whose template fails
//! when it is asked for answers 500 with the error.
//!
//! The HTTP side (`server`: connections, limits, the reload polls) answers only requests
//! addressed to the preview's own names ([`host`]); the watcher and the background check
//! are threads of their own.

pub mod host;
pub mod http;
mod server;
pub mod watch;

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use hyper::header::{self, HeaderValue};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::{BuildOptions, Failure, Prepared, Progress};
use host::AllowedHosts;
use http::Resolved;
use server::Answer;

/// The live-reload script, served as `BASE/__iopsite/reload.js`.
const RELOAD_JS: &str = include_str!("reload.js");
/// How long a poll for a new build waits before answering "nothing new".
const LONG_POLL: Duration = Duration::from_secs(25);
/// How long the background check of every page waits after a rebuild is published: the
/// open tabs reload meanwhile, and their pages are not slowed down by a check using every core
/// (at 1,000 agreements it renders 3,500 pages in about 400 ms on two cores).
const CHECK_DELAY: Duration = Duration::from_millis(250);

/// What `iopsite serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site_dir: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system pick a free port (the chosen one is in [`Preview::url`]).
    pub port: u16,
    /// The sub-path the site is previewed under, e.g. `/iop/`.
    pub base_path: String,
    pub as_of: Option<NaiveDate>,
    /// More host names (or addresses) the preview answers to, besides localhost, 127.0.0.1,
    /// `[::1]` and the address it listens on (see [`host`]).
    pub allow_hosts: Vec<String>,
    /// `--lang`: the language of the problems shown; else the site's own (see
    /// [`crate::l10n::choose`]).
    pub language: Option<crate::l10n::Language>,
}

/// Why the preview server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0}")]
    BasePath(String),
    #[error("no site.yaml in {0} or {0}/content; run `iopsite init DIR` to start a new site")]
    NoSite(String),
    #[error("cannot listen on {addr}: {message} (is another server using the port? try --port)")]
    Bind { addr: SocketAddr, message: String },
    #[error("cannot handle Ctrl-C: {0}")]
    Signal(#[from] ctrlc::Error),
    #[error(
        "--allow-host `{0}` is not a host name or address; write a name such as preview.test \
         (letters, digits, - and .) or an address such as 192.168.1.5"
    )]
    AllowHost(String),
    #[error("cannot start the server's threads: {0}")]
    Runtime(io::Error),
}

/// One problem of the last build, as the browser shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    /// `d` with its message in `language`.
    pub fn new(d: &Diagnostic, language: crate::l10n::Language) -> Self {
        Problem {
            file: d.path.display().to_string(),
            line: d.line,
            column: d.column,
            message: d.text_in(language),
        }
    }
}

/// The build state that pages poll for.
#[derive(Debug, Default, Clone, serde::Serialize)]
struct BuildState {
    /// Counts every build, good or failed, and every background check that found errors.
    generation: u64,
    /// The site being served; `None` until a build succeeds.
    #[serde(skip)]
    good: Option<Served>,
    /// The errors of the last build, or of the last good build's background check; empty
    /// when there are none.
    errors: Vec<Problem>,
}

/// A prepared site and the generation it was prepared in, published together so that a page
/// always carries the generation of the site it was rendered from.
#[derive(Debug, Clone)]
struct Served {
    generation: u64,
    site: Arc<Prepared>,
}

/// What the server threads share.
#[derive(Debug)]
struct Shared {
    state: Mutex<BuildState>,
    /// Sent whenever `state` changes and when the server stops: waiting polls wake on it.
    changed: tokio::sync::watch::Sender<()>,
    stop: AtomicBool,
    /// Counts the changes the watcher has seen; a background check that sees it move on
    /// stops, as its result would be for an outdated site.
    changes: AtomicU64,
    in_flight: AtomicUsize,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, BuildState> {
        // A panic in another thread cannot leave the state half-updated (it is replaced whole).
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Counts a request as being answered for as long as it lives (also if it is dropped).
struct InFlight(Arc<Shared>);

impl InFlight {
    fn new(shared: &Arc<Shared>) -> InFlight {
        shared.in_flight.fetch_add(1, Ordering::SeqCst);
        InFlight(Arc::clone(shared))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Stops a running [`Preview`] from another thread (a signal handler, a test).
#[derive(Debug, Clone)]
pub struct StopHandle(Arc<Shared>);

impl StopHandle {
    pub fn stop(&self) {
        self.0.stop.store(true, Ordering::SeqCst);
        self.0.changed.send_replace(());
    }
}

/// A started preview server: bound, with the first build done.
#[derive(Debug)]
pub struct Preview {
    /// Taken by [`Preview::run`].
    listener: Option<std::net::TcpListener>,
    /// Taken by [`Preview::run`].
    runtime: Option<tokio::runtime::Runtime>,
    hosts: AllowedHosts,
    shared: Arc<Shared>,
    site_dir: PathBuf,
    /// `--lang`, if given.
    language: Option<crate::l10n::Language>,
    options: BuildOptions,
    base_path: String,
    url: String,
    /// The background check of the first build, started by [`Preview::run`].
    first_check: Option<Check>,
    /// Watches the sources from just before the first build, so that an edit made while
    /// the first build runs is not taken for the starting state and lost. Taken by
    /// [`Preview::run`] into the thread that rebuilds (a lock, as it is not `Sync`).
    watcher: Mutex<Option<watch::Watcher>>,
    /// Parsed content files kept between rebuilds (only the watcher thread rebuilds).
    cache: Mutex<crate::load::ParseCache>,
}

impl Preview {
    /// The language problems are shown in: `--lang`, else the site's as it is now.
    fn language(&self) -> crate::l10n::Language {
        crate::l10n::choose(self.language, crate::load::site_language(&self.site_dir))
    }

    /// Binds the address and builds the site once (printing the outcome), without serving yet.
    pub fn start(options: &ServeOptions) -> Result<Preview, ServeError> {
        let base_path =
            http::normalise_base_path(&options.base_path).map_err(ServeError::BasePath)?;
        if crate::load::find_content_dir(&options.site_dir).is_none() {
            return Err(ServeError::NoSite(options.site_dir.display().to_string()));
        }
        let hosts =
            AllowedHosts::new(options.bind, &options.allow_hosts).map_err(ServeError::AllowHost)?;
        let runtime = server::runtime().map_err(ServeError::Runtime)?;
        let addr = SocketAddr::new(options.bind, options.port);
        // On Unix this sets `SO_REUSEADDR`: a restarted server takes its port back at once.
        let listener = std::net::TcpListener::bind(addr).map_err(|err| ServeError::Bind {
            addr,
            message: err.to_string(),
        })?;
        let port = listener.local_addr().map_or(options.port, |a| a.port());
        let host = match options.bind {
            IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_string(),
            IpAddr::V6(ip) if ip.is_unspecified() => "[::1]".to_string(),
            IpAddr::V4(ip) => ip.to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
        };
        let url = format!("http://{host}:{port}{base_path}");
        let preview = Preview {
            listener: Some(listener),
            runtime: Some(runtime),
            hosts,
            shared: Arc::new(Shared {
                state: Mutex::new(BuildState::default()),
                changed: tokio::sync::watch::Sender::new(()),
                stop: AtomicBool::new(false),
                changes: AtomicU64::new(0),
                in_flight: AtomicUsize::new(0),
            }),
            site_dir: options.site_dir.clone(),
            language: options.language,
            options: BuildOptions {
                as_of: options.as_of,
                base_url: Some(url.clone()),
            },
            base_path,
            url,
            first_check: None,
            watcher: Mutex::default(),
            cache: Mutex::default(),
        };
        let mut preview = preview;
        preview.watcher = Mutex::new(Some(watch::Watcher::new(&preview.site_dir)));
        preview.first_check = preview.rebuild();
        Ok(preview)
    }

    /// The address of the site's home page.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn stop_handle(&self) -> StopHandle {
        StopHandle(Arc::clone(&self.shared))
    }

    /// Serves and rebuilds on change until stopped.
    pub fn run(mut self) {
        let first_check = self.first_check.take();
        let watcher = self
            .watcher
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_else(|| watch::Watcher::new(&self.site_dir));
        // Both are set by `start` and taken only here.
        let (Some(listener), Some(runtime)) = (self.listener.take(), self.runtime.take()) else {
            return;
        };
        let preview = Arc::new(self);
        if let Some(check) = first_check {
            preview.spawn_check(check);
        }
        let watcher = {
            let preview = Arc::clone(&preview);
            std::thread::spawn(move || preview.watch(watcher))
        };
        runtime.block_on(server::serve(Arc::clone(&preview), listener));
        // Ends the connections still open (idle ones, and any answer not sent in time).
        runtime.shutdown_timeout(Duration::from_millis(100));
        preview.stop_handle().stop();
        let _ = watcher.join();
        println!("stopped");
    }

    /// Rebuilds whenever the sources change (`watcher` started before the first build),
    /// until stopped.
    fn watch(self: &Arc<Self>, mut watcher: watch::Watcher) {
        while watcher.wait(&self.shared.stop) {
            self.shared.changes.fetch_add(1, Ordering::SeqCst);
            if let Some(check) = self.rebuild() {
                self.spawn_check(check);
            }
        }
    }

    /// Starts [`Preview::check_all_pages`] in a thread of its own.
    fn spawn_check(self: &Arc<Self>, check: Check) {
        let preview = Arc::clone(self);
        // Without a thread there is no check; the pages are still rendered on request.
        let _ = std::thread::Builder::new()
            .name("iopsite-check".into())
            .spawn(move || preview.check_all_pages(check));
    }

    /// Prepares the site again, publishes it (or its problems) to the requests and the
    /// polling pages, and prints one line (or the problems, as `iopsite build` prints them).
    /// For a good site, returns what the background check of all its pages needs.
    fn rebuild(&self) -> Option<Check> {
        let started = Instant::now();
        let changes = self.shared.changes.load(Ordering::SeqCst);
        let result = {
            // A panic while preparing leaves at worst a cache of whole, parsed files.
            let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            crate::prepare_cached(&self.site_dir, &self.options, &(), &mut cache)
        };
        let ms = started.elapsed().as_millis();
        let mut state = self.shared.state();
        let generation = state.generation + 1;
        match result {
            Ok(prepared) => {
                let language = self.language();
                for warning in &prepared.warnings {
                    eprintln!("{}\n", warning.display(language));
                }
                if generation == 1 {
                    println!(
                        "ready in {ms} ms: {} pages, each rendered when asked for; status as of {}",
                        prepared.plan.page_count(),
                        prepared.site.config.as_of
                    );
                }
                let site = Arc::new(prepared);
                let last = std::mem::replace(
                    &mut *state,
                    BuildState {
                        generation,
                        good: Some(Served {
                            generation,
                            site: Arc::clone(&site),
                        }),
                        errors: Vec::new(),
                    },
                );
                // The last site is freed (3-7 ms at 1,000 agreements) only after the lock is
                // let go: the pages' polls, woken here, need it to hear of the new build.
                drop(state);
                self.shared.changed.send_replace(());
                drop(last);
                Some(Check {
                    generation,
                    changes,
                    site,
                    prepared_ms: ms,
                })
            }
            Err(failure) => {
                let errors = match &failure {
                    Failure::Content(diagnostics) => problems(diagnostics, self.language()),
                    // `prepare` writes nothing.
                    Failure::Write(err) => {
                        eprintln!("error: {err}");
                        vec![Problem {
                            file: self.site_dir.display().to_string(),
                            line: 0,
                            column: 0,
                            message: err.to_string(),
                        }]
                    }
                };
                let kept = if state.good.is_some() {
                    "still serving the last good build"
                } else {
                    "nothing to serve until they are fixed"
                };
                eprintln!("{} error(s); {kept}", errors.len());
                *state = BuildState {
                    generation,
                    good: state.good.take(),
                    errors,
                };
                drop(state);
                self.shared.changed.send_replace(());
                None
            }
        }
    }

    /// Renders every page of a newly published site, keeping nothing, to find template
    /// errors on pages nobody has open; shows them as a build's errors are shown, unless a
    /// newer change has come in meanwhile (that cancels the check).
    fn check_all_pages(&self, check: Check) {
        let cancel = CancelOnChange {
            shared: &self.shared,
            changes: check.changes,
        };
        std::thread::sleep(CHECK_DELAY);
        let started = Instant::now();
        let site = &check.site;
        let mut diags = Diagnostics::new();
        let rendered = site.render_all(&mut diags, &crate::plan::Discard, &cancel);
        if cancel.cancelled() {
            if check.generation > 1 {
                println!(
                    "rebuilt in {} ms (site ready), page check dropped for a newer change",
                    check.prepared_ms
                );
            }
            return;
        }
        let ms = started.elapsed().as_millis();
        let mut state = self.shared.state();
        if state.generation != check.generation {
            return;
        }
        let pages = site.plan.page_count();
        // The first build printed its own line when it was ready.
        let ready = if check.generation == 1 {
            String::new()
        } else {
            format!("rebuilt in {} ms (site ready), ", check.prepared_ms)
        };
        if rendered.is_some() {
            println!("{ready}all {pages} pages checked in {ms} ms");
            return;
        }
        let errors = problems(&diags.sorted(), self.language());
        eprintln!(
            "{ready}checking all {pages} pages in {ms} ms found {} error(s); \
             the other pages are served",
            errors.len(),
        );
        state.generation += 1;
        state.errors = errors;
        drop(state);
        self.shared.changed.send_replace(());
    }

    /// The answer to a GET or HEAD of `target` (as sent: path and query), other than a
    /// reload poll. Renders the page if it is one: called on a thread that may block.
    fn answer(&self, target: &str) -> Answer {
        let served = self.shared.state().good.clone();
        let has_file = |path: &str| served.as_ref().is_some_and(|s| s.site.has_path(path));
        match http::resolve(has_file, &self.base_path, target) {
            Resolved::File(path) => {
                let Some(served) = served else {
                    return self.not_found(None);
                };
                match served.site.render_path(&path) {
                    Some(Ok(bytes)) => self.file(&path, bytes, 200, &served),
                    Some(Err(message)) => self.page_error(&path, &message, &served),
                    None => self.not_found(Some(&served)),
                }
            }
            Resolved::Redirect(to) => match HeaderValue::from_str(&to) {
                Ok(location) => {
                    Answer::text(302, format!("see {to}\n")).with_header(header::LOCATION, location)
                }
                // Not ASCII: no generated file is named like that anyway.
                Err(_) => self.not_found(served.as_ref()),
            },
            Resolved::Internal(name) if name == "reload.js" => {
                Answer::new(200, "text/javascript; charset=utf-8", RELOAD_JS)
            }
            Resolved::Internal(_) | Resolved::NotFound => self.not_found(served.as_ref()),
        }
    }

    /// Whether a poll for a build newer than `since` would wait (rather than answer at once).
    fn would_wait(&self, since: Option<u64>) -> bool {
        since == Some(self.shared.state().generation) && !self.shared.stop.load(Ordering::SeqCst)
    }

    /// Answers at once if the build generation is not `since`, else when it changes, when
    /// the server stops, or after [`LONG_POLL`].
    async fn wait_for_build(&self, since: Option<u64>) -> BuildState {
        let deadline = tokio::time::Instant::now() + LONG_POLL;
        // Subscribed before the state is looked at, so no change after the look is missed.
        let mut changed = self.shared.changed.subscribe();
        while self.would_wait(since) {
            match tokio::time::timeout_at(deadline, changed.changed()).await {
                Ok(Ok(())) => {}
                // Timed out, or the server is going away.
                Ok(Err(_)) | Err(_) => break,
            }
        }
        self.shared.state().clone()
    }

    /// Returns once the server is asked to stop.
    async fn stopped(&self) {
        let mut changed = self.shared.changed.subscribe();
        while !self.shared.stop.load(Ordering::SeqCst) {
            if changed.changed().await.is_err() {
                return;
            }
        }
    }

    /// Counts a request as being answered until the returned value is dropped.
    fn count_request(&self) -> InFlight {
        InFlight::new(&self.shared)
    }

    /// Requests being answered now.
    fn in_flight(&self) -> usize {
        self.shared.in_flight.load(Ordering::SeqCst)
    }

    /// The site's own 404 page with status 404; before any good build, a page that only
    /// carries the reload script (and so the error banner).
    fn not_found(&self, served: Option<&Served>) -> Answer {
        let Some(served) = served else {
            let html = self.with_script(NO_SITE.as_bytes().to_vec(), 0);
            return Answer::new(503, HTML, html);
        };
        match served.site.render_path("404.html") {
            Some(Ok(bytes)) => self.file("404.html", bytes, 404, served),
            // A broken 404 template: say so on the page as for any other page.
            Some(Err(message)) => self.page_error("404.html", &message, served),
            None => Answer::text(404, "not found\n"),
        }
    }

    /// A page whose template fails: status 500, the error in the terminal and on a page that
    /// reloads by itself once the template is fixed.
    fn page_error(&self, path: &str, message: &str, served: &Served) -> Answer {
        eprintln!("error: cannot render {path}: {message}\n");
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>iopsite: {path} cannot be rendered</title></head><body><main>\
             <h1>{path} cannot be rendered</h1><pre>{}</pre><p>The page reloads by itself \
             once the template is fixed.</p></main></body></html>\n",
            crate::present::escape_xml(message),
            path = crate::present::escape_xml(path),
        );
        let html = self.with_script(page.into_bytes(), served.generation);
        Answer::new(500, HTML, html)
    }

    /// A file of the site; HTML gets the reload script for `served`'s generation.
    fn file(&self, path: &str, bytes: Vec<u8>, status: u16, served: &Served) -> Answer {
        let content_type = http::content_type(Path::new(path));
        let bytes = if content_type == HTML {
            self.with_script(bytes, served.generation)
        } else {
            bytes
        };
        Answer::new(status, content_type, bytes)
    }

    /// `html` with the reload script of a page rendered from the site of `generation`.
    fn with_script(&self, html: Vec<u8>, generation: u64) -> Vec<u8> {
        let src = format!(
            "{}{}reload.js?g={generation}",
            self.base_path,
            http::INTERNAL
        );
        http::inject_script(&html, &src)
    }
}

/// What the background check of a newly published site needs.
#[derive(Debug)]
struct Check {
    generation: u64,
    /// [`Shared::changes`] when the site was prepared.
    changes: u64,
    site: Arc<Prepared>,
    prepared_ms: u128,
}

/// Tells the background check to stop once the watcher has seen a newer change.
struct CancelOnChange<'a> {
    shared: &'a Shared,
    changes: u64,
}

impl Progress for CancelOnChange<'_> {
    fn cancelled(&self) -> bool {
        self.shared.changes.load(Ordering::SeqCst) != self.changes
            || self.shared.stop.load(Ordering::SeqCst)
    }
}

/// The errors among `diagnostics`, as the browser shows them; all are printed.
fn problems(diagnostics: &[Diagnostic], language: crate::l10n::Language) -> Vec<Problem> {
    for d in diagnostics {
        eprintln!("{}\n", d.display(language));
    }
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| Problem::new(d, language))
        .collect()
}

const HTML: &str = "text/html; charset=utf-8";

/// Shown for every page while no build has succeeded yet; the banner lists the problems.
const NO_SITE: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>iopsite: the site has errors</title></head><body><main>\
<h1>The site could not be built</h1><p>The problems are listed in the terminal and in the \
banner on this page. The page reloads by itself once they are fixed.</p></main></body></html>\n";

/// Starts the preview, prints its address, opens a browser if asked, and serves until
/// Ctrl-C (or a termination signal).
pub fn serve(options: &ServeOptions, open: bool) -> Result<(), ServeError> {
    // Ctrl-C during the first build must still end in `run`, which stops the threads.
    let handle: Arc<OnceLock<StopHandle>> = Arc::default();
    let early = Arc::new(AtomicBool::new(false));
    {
        let (handle, early) = (Arc::clone(&handle), Arc::clone(&early));
        ctrlc::set_handler(move || match handle.get() {
            Some(stop) => stop.stop(),
            None => early.store(true, Ordering::SeqCst),
        })?;
    }
    let preview = Preview::start(options)?;
    let _ = handle.set(preview.stop_handle());
    if early.load(Ordering::SeqCst) {
        preview.stop_handle().stop();
    }
    println!(
        "serving {} at {} (Ctrl-C to stop)",
        options.site_dir.display(),
        preview.url()
    );
    if options.bind.is_unspecified() {
        println!(
            "note: --bind {} makes the preview reachable from other machines",
            options.bind
        );
    }
    if open {
        open_browser(preview.url());
    }
    preview.run();
    Ok(())
}

/// Opens `url` in the desktop's browser; a failure is only reported.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(err) = spawned {
        eprintln!("note: could not open a browser ({err}); open {url} yourself");
    }
}
