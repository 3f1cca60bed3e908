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

pub mod http;
pub mod watch;

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use tiny_http::{Header, Method, Request, Response};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::{BuildOptions, Failure, Prepared, Progress};
use http::Resolved;

/// The live-reload script, served as `BASE/__iopsite/reload.js`.
const RELOAD_JS: &str = include_str!("reload.js");
/// How long a poll for a new build waits before answering "nothing new".
const LONG_POLL: Duration = Duration::from_secs(25);
/// How long stopping waits for answers still being sent.
const DRAIN: Duration = Duration::from_secs(2);
/// How long the background check of every page waits after a rebuild is published: the
/// open tabs reload meanwhile, and their pages are not slowed down by a check using every core
/// (at 1,000 agreements it renders 3,500 pages in about 400 ms on two cores).
const CHECK_DELAY: Duration = Duration::from_millis(250);
/// Requests answered at once at most (each has a thread; most are waiting long polls).
const MAX_IN_FLIGHT: usize = 256;

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
}

/// One problem of the last build, as the browser shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Self {
        Problem {
            file: d.path.display().to_string(),
            line: d.line,
            column: d.column,
            message: d.message.clone(),
        }
    }
}

/// The build state that pages poll for.
#[derive(Default, Clone, serde::Serialize)]
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
#[derive(Clone)]
struct Served {
    generation: u64,
    site: Arc<Prepared>,
}

/// What the server threads share.
struct Shared {
    state: Mutex<BuildState>,
    changed: Condvar,
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

/// Counts a request as being answered for as long as it lives (also if its thread panics).
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
#[derive(Clone)]
pub struct StopHandle(Arc<Shared>);

impl StopHandle {
    pub fn stop(&self) {
        self.0.stop.store(true, Ordering::SeqCst);
        let _guard = self.0.state();
        self.0.changed.notify_all();
    }
}

/// A started preview server: bound, with the first build done.
pub struct Preview {
    server: Arc<tiny_http::Server>,
    shared: Arc<Shared>,
    site_dir: PathBuf,
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
    /// Binds the address and builds the site once (printing the outcome), without serving yet.
    pub fn start(options: &ServeOptions) -> Result<Preview, ServeError> {
        let base_path =
            http::normalise_base_path(&options.base_path).map_err(ServeError::BasePath)?;
        if crate::load::find_content_dir(&options.site_dir).is_none() {
            return Err(ServeError::NoSite(options.site_dir.display().to_string()));
        }
        let addr = SocketAddr::new(options.bind, options.port);
        let server = listen(addr)
            .map_err(|e| e.to_string())
            .and_then(|listener| {
                tiny_http::Server::from_listener(listener, None).map_err(|e| e.to_string())
            })
            .map_err(|message| ServeError::Bind { addr, message })?;
        let port = server
            .server_addr()
            .to_ip()
            .map_or(options.port, |a| a.port());
        let host = match options.bind {
            IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_string(),
            IpAddr::V6(ip) if ip.is_unspecified() => "[::1]".to_string(),
            IpAddr::V4(ip) => ip.to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
        };
        let url = format!("http://{host}:{port}{base_path}");
        let preview = Preview {
            server: Arc::new(server),
            shared: Arc::new(Shared {
                state: Mutex::new(BuildState::default()),
                changed: Condvar::new(),
                stop: AtomicBool::new(false),
                changes: AtomicU64::new(0),
                in_flight: AtomicUsize::new(0),
            }),
            site_dir: options.site_dir.clone(),
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
        let preview = Arc::new(self);
        if let Some(check) = first_check {
            preview.spawn_check(check);
        }
        let watcher = {
            let preview = Arc::clone(&preview);
            std::thread::spawn(move || preview.watch(watcher))
        };
        while !preview.shared.stop.load(Ordering::SeqCst) {
            match preview.server.recv_timeout(Duration::from_millis(200)) {
                Ok(Some(request)) => {
                    if preview.shared.in_flight.load(Ordering::SeqCst) >= MAX_IN_FLIGHT {
                        let busy =
                            Response::from_string("too many requests\n").with_status_code(503);
                        send(request, busy, "text/plain; charset=utf-8");
                        continue;
                    }
                    let worker = Arc::clone(&preview);
                    let counted = InFlight::new(&preview.shared);
                    // A request whose thread cannot start is dropped, which answers it 500.
                    let _ = std::thread::Builder::new()
                        .name("iopsite-request".into())
                        .spawn(move || {
                            let _counted = counted;
                            worker.handle(request);
                        });
                }
                Ok(None) => {}
                Err(err) => {
                    eprintln!("error: the server stopped accepting requests: {err}");
                    break;
                }
            }
        }
        preview.stop_handle().stop();
        let _ = watcher.join();
        let drained = Instant::now() + DRAIN;
        while preview.shared.in_flight.load(Ordering::SeqCst) > 0 && Instant::now() < drained {
            std::thread::sleep(Duration::from_millis(10));
        }
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
                for warning in &prepared.warnings {
                    eprintln!("{warning}\n");
                }
                if generation == 1 {
                    println!(
                        "ready in {ms} ms: {} pages, each rendered when asked for; status as of {}",
                        prepared.pages.len(),
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
                self.shared.changed.notify_all();
                // The last site is freed (3-7 ms at 1,000 agreements) only after the lock is
                // let go: the pages' polls, woken above, need it to hear of the new build.
                drop(state);
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
                    Failure::Content(diagnostics) => problems(diagnostics),
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
                self.shared.changed.notify_all();
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
        let rendered = crate::render::render(
            &site.site,
            &site.theme,
            &site.renderer,
            &mut diags,
            &crate::write::Discard,
            &cancel,
        );
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
        let pages = site.pages.len();
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
        let errors = problems(&diags.sorted());
        eprintln!(
            "{ready}checking all {pages} pages in {ms} ms found {} error(s); \
             the other pages are served",
            errors.len(),
        );
        state.generation += 1;
        state.errors = errors;
        self.shared.changed.notify_all();
    }

    fn handle(&self, request: Request) {
        if !matches!(request.method(), Method::Get | Method::Head) {
            let response = Response::from_string("only GET and HEAD\n")
                .with_status_code(405)
                .with_header(fixed_header("Allow", "GET, HEAD"));
            return send(request, response, "text/plain; charset=utf-8");
        }
        let url = request.url().to_string();
        let served = self.shared.state().good.clone();
        let has_file = |path: &str| served.as_ref().is_some_and(|s| s.site.has_path(path));
        match http::resolve(has_file, &self.base_path, &url) {
            Resolved::File(path) => {
                let Some(served) = served else {
                    return self.not_found(request, None);
                };
                match served.site.render_path(&path) {
                    Some(Ok(bytes)) => self.send_file(request, &path, bytes, 200, &served),
                    Some(Err(message)) => self.page_error(request, &path, &message, &served),
                    None => self.not_found(request, Some(&served)),
                }
            }
            Resolved::Redirect(to) => match Header::from_bytes("Location", to.as_bytes()) {
                Ok(location) => {
                    let response = Response::from_string(format!("see {to}\n"))
                        .with_status_code(302)
                        .with_header(location);
                    send(request, response, "text/plain; charset=utf-8");
                }
                // Not ASCII: no generated file is named like that anyway.
                Err(()) => self.not_found(request, served.as_ref()),
            },
            Resolved::Internal(name) => {
                let query = url.split_once('?').map_or("", |(_, q)| q);
                self.internal(request, &name, query)
            }
            Resolved::NotFound => self.not_found(request, served.as_ref()),
        }
    }

    /// The server's own files: the reload script and the build-state poll.
    fn internal(&self, request: Request, name: &str, query: &str) {
        match name {
            "reload.js" => send(
                request,
                Response::from_string(RELOAD_JS),
                "text/javascript; charset=utf-8",
            ),
            "poll" => {
                let since = query
                    .split('&')
                    .find_map(|pair| pair.strip_prefix("since="))
                    .and_then(|n| n.parse::<u64>().ok());
                let state = self.wait_for_build(since);
                let json = serde_json::to_string(&state).unwrap_or_else(|_| "{}".into());
                send(request, Response::from_string(json), "application/json");
            }
            _ => {
                let served = self.shared.state().good.clone();
                self.not_found(request, served.as_ref())
            }
        }
    }

    /// Answers at once if the build generation is not `since`, else when it changes, when
    /// the server stops, or after [`LONG_POLL`].
    fn wait_for_build(&self, since: Option<u64>) -> BuildState {
        let deadline = Instant::now() + LONG_POLL;
        let mut state = self.shared.state();
        while since == Some(state.generation) && !self.shared.stop.load(Ordering::SeqCst) {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            state = self
                .shared
                .changed
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        state.clone()
    }

    /// The site's own 404 page with status 404; before any good build, a page that only
    /// carries the reload script (and so the error banner).
    fn not_found(&self, request: Request, served: Option<&Served>) {
        let Some(served) = served else {
            let bytes = NO_SITE.as_bytes().to_vec();
            let html = self.with_script(bytes, 0);
            return send(
                request,
                Response::from_data(html).with_status_code(503),
                HTML,
            );
        };
        match served.site.render_path("404.html") {
            Some(Ok(bytes)) => self.send_file(request, "404.html", bytes, 404, served),
            // A broken 404 template: say so on the page as for any other page.
            Some(Err(message)) => self.page_error(request, "404.html", &message, served),
            None => send(
                request,
                Response::from_string("not found\n").with_status_code(404),
                "text/plain; charset=utf-8",
            ),
        }
    }

    /// A page whose template fails: status 500, the error in the terminal and on a page that
    /// reloads by itself once the template is fixed.
    fn page_error(&self, request: Request, path: &str, message: &str, served: &Served) {
        eprintln!("error: cannot render {path}: {message}\n");
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>iopsite: {path} cannot be rendered</title></head><body><main>\
             <h1>{path} cannot be rendered</h1><pre>{}</pre><p>The page reloads by itself \
             once the template is fixed.</p></main></body></html>\n",
            crate::export::escape_xml(message),
            path = crate::export::escape_xml(path),
        );
        let html = self.with_script(page.into_bytes(), served.generation);
        send(
            request,
            Response::from_data(html).with_status_code(500),
            HTML,
        );
    }

    /// Sends a file of the site; HTML gets the reload script for `served`'s generation.
    fn send_file(
        &self,
        request: Request,
        path: &str,
        bytes: Vec<u8>,
        status: u16,
        served: &Served,
    ) {
        let content_type = http::content_type(Path::new(path));
        let bytes = if content_type == HTML {
            self.with_script(bytes, served.generation)
        } else {
            bytes
        };
        send(
            request,
            Response::from_data(bytes).with_status_code(status),
            content_type,
        );
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
fn problems(diagnostics: &[Diagnostic]) -> Vec<Problem> {
    for d in diagnostics {
        eprintln!("{d}\n");
    }
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(Problem::from)
        .collect()
}

const HTML: &str = "text/html; charset=utf-8";

/// Shown for every page while no build has succeeded yet; the banner lists the problems.
const NO_SITE: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>iopsite: the site has errors</title></head><body><main>\
<h1>The site could not be built</h1><p>The problems are listed in the terminal and in the \
banner on this page. The page reloads by itself once they are fixed.</p></main></body></html>\n";

/// A header whose name and value are ASCII constants of this module.
fn fixed_header(name: &'static str, value: &'static str) -> Header {
    // Only called with ASCII literals (and content types from `http::content_type`).
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn send<R: io::Read>(request: Request, response: Response<R>, content_type: &'static str) {
    let response = response
        .with_header(fixed_header("Content-Type", content_type))
        .with_header(fixed_header("Cache-Control", "no-store"))
        .with_header(fixed_header("X-Content-Type-Options", "nosniff"));
    // The browser may have gone away; there is nobody to tell.
    let _ = request.respond(response);
}

/// A listening socket for `addr` whose connections send every write at once.
///
/// Without `TCP_NODELAY`, the second answer on a kept-alive connection waits about 40 ms:
/// tiny_http writes the headers and the body separately, and the body's last part is held
/// back (Nagle) until the browser acknowledges the headers, which it delays. A reloaded
/// page and its stylesheet each took that wait. Accepted connections take the option
/// from the listening socket (Linux, BSD, macOS).
fn listen(addr: SocketAddr) -> io::Result<std::net::TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    // As `TcpListener::bind` does: a restarted server can take its port back at once.
    #[cfg(unix)]
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&addr.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

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
