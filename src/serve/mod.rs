//! `iopsite serve`: builds the site into a private temporary folder, serves it on the local
//! machine, rebuilds it whole when a source changes, and reloads the open browser tabs.
//!
//! The published `output/` folder is never touched: the preview is built with a `base_url`
//! pointing at the server itself. A failed rebuild keeps the last good site and shows its
//! problems in the terminal and in a banner in the browser.

pub mod http;
pub mod watch;

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, RwLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use tiny_http::{Header, Method, Request, Response};

use crate::diagnostics::Diagnostic;
use crate::{BuildOptions, Failure};
use http::Resolved;

/// The live-reload script, served as `BASE/__iopsite/reload.js`.
const RELOAD_JS: &str = include_str!("reload.js");
/// How long a poll for a new build waits before answering "nothing new".
const LONG_POLL: Duration = Duration::from_secs(25);
/// How long stopping waits for answers still being sent.
const DRAIN: Duration = Duration::from_secs(2);
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
    #[error("cannot create a temporary folder for the preview: {0}")]
    TempDir(io::Error),
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
#[derive(Debug, Default, Clone, serde::Serialize)]
struct BuildState {
    /// Counts every build, good or failed.
    generation: u64,
    /// The generation of the site being served; `None` until a build succeeds.
    #[serde(skip)]
    good: Option<u64>,
    /// The errors of the last build; empty when it succeeded.
    errors: Vec<Problem>,
}

/// What the server threads share.
struct Shared {
    state: Mutex<BuildState>,
    changed: Condvar,
    stop: AtomicBool,
    /// Held for writing while a new build is swapped into the folder, so no request sees
    /// the moment between the old site moving out and the new one moving in.
    swap: RwLock<()>,
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
    // Dropped (and so deleted) when the preview ends.
    temp: tempfile::TempDir,
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
        let server = tiny_http::Server::http(addr).map_err(|e| ServeError::Bind {
            addr,
            message: e.to_string(),
        })?;
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
        let temp = tempfile::Builder::new()
            .prefix("iopsite-serve-")
            .tempdir()
            .map_err(ServeError::TempDir)?;
        let preview = Preview {
            server: Arc::new(server),
            shared: Arc::new(Shared {
                state: Mutex::new(BuildState::default()),
                changed: Condvar::new(),
                stop: AtomicBool::new(false),
                swap: RwLock::new(()),
                in_flight: AtomicUsize::new(0),
            }),
            site_dir: options.site_dir.clone(),
            options: BuildOptions {
                as_of: options.as_of,
                base_url: Some(url.clone()),
            },
            base_path,
            url,
            temp,
        };
        preview.rebuild();
        Ok(preview)
    }

    /// The address of the site's home page.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The folder the preview is built into (temporary; deleted when the preview ends).
    pub fn output_dir(&self) -> PathBuf {
        self.temp.path().join("site")
    }

    pub fn stop_handle(&self) -> StopHandle {
        StopHandle(Arc::clone(&self.shared))
    }

    /// Serves and rebuilds on change until stopped; then deletes the temporary folder.
    pub fn run(self) {
        let preview = Arc::new(self);
        let watcher = {
            let preview = Arc::clone(&preview);
            std::thread::spawn(move || preview.watch())
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

    /// Rebuilds whenever the sources change, until stopped.
    fn watch(&self) {
        let roots = watch::watched_paths(&self.site_dir);
        let mut last = watch::snapshot(&roots);
        while let Some(now) = watch::wait_for_change(&roots, &last, &self.shared.stop) {
            last = now;
            self.rebuild();
        }
    }

    /// Builds the site into the temporary folder, publishes the new state and prints one
    /// line (or the problems, as `iopsite build` prints them).
    fn rebuild(&self) {
        let started = Instant::now();
        let out = self.output_dir();
        // Like `iopsite::build`, but only the swap, not the whole build, holds up requests.
        let result = crate::write::Staging::new(&out)
            .map_err(Failure::from)
            .and_then(|staging| {
                let outcome = crate::render_into(&self.site_dir, &self.options, &staging, &())?;
                let _swap = self.shared.swap.write().unwrap_or_else(|e| e.into_inner());
                staging.publish()?;
                Ok(outcome)
            });
        let mut state = self.shared.state();
        let generation = state.generation + 1;
        let first = generation == 1;
        match result {
            Ok(outcome) => {
                for warning in &outcome.warnings {
                    eprintln!("{warning}\n");
                }
                let ms = started.elapsed().as_millis();
                if first {
                    println!(
                        "built {} pages in {ms} ms, status as of {}",
                        outcome.page_count(),
                        outcome.site.config.as_of
                    );
                } else {
                    println!("rebuilt {} pages in {ms} ms", outcome.page_count());
                }
                *state = BuildState {
                    generation,
                    good: Some(generation),
                    errors: Vec::new(),
                };
            }
            Err(failure) => {
                let errors = match &failure {
                    Failure::Content(diagnostics) => {
                        for d in diagnostics {
                            eprintln!("{d}\n");
                        }
                        diagnostics
                            .iter()
                            .filter(|d| d.is_error())
                            .map(Problem::from)
                            .collect()
                    }
                    Failure::Write(err) => {
                        eprintln!("error: {err}");
                        vec![Problem {
                            file: out.display().to_string(),
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
                    good: state.good,
                    errors,
                };
            }
        }
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
        match http::resolve(&self.output_dir(), &self.base_path, &url) {
            Resolved::File(path) => {
                let read = {
                    let _swap = self.shared.swap.read().unwrap_or_else(|e| e.into_inner());
                    std::fs::read(&path)
                };
                match read {
                    Ok(bytes) => self.send_file(request, &path, bytes, 200),
                    Err(_) => self.not_found(request),
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
                Err(()) => self.not_found(request),
            },
            Resolved::Internal(name) => {
                let query = url.split_once('?').map_or("", |(_, q)| q);
                self.internal(request, &name, query)
            }
            Resolved::NotFound => self.not_found(request),
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
            _ => self.not_found(request),
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
    fn not_found(&self, request: Request) {
        let page = self.output_dir().join("404.html");
        let has_site = self.shared.state().good.is_some();
        let read = {
            let _swap = self.shared.swap.read().unwrap_or_else(|e| e.into_inner());
            std::fs::read(&page)
        };
        match read {
            Ok(bytes) if has_site => self.send_file(request, &page, bytes, 404),
            _ if !has_site => self.send_file(
                request,
                Path::new("x.html"),
                NO_SITE.as_bytes().to_vec(),
                503,
            ),
            _ => send(
                request,
                Response::from_string("not found\n").with_status_code(404),
                "text/plain; charset=utf-8",
            ),
        }
    }

    fn send_file(&self, request: Request, path: &Path, bytes: Vec<u8>, status: u16) {
        let content_type = http::content_type(path);
        let bytes = if content_type.starts_with("text/html") {
            let generation = self.shared.state().good.unwrap_or(0);
            let src = format!(
                "{}{}reload.js?g={generation}",
                self.base_path,
                http::INTERNAL
            );
            http::inject_script(&bytes, &src)
        } else {
            bytes
        };
        send(
            request,
            Response::from_data(bytes).with_status_code(status),
            content_type,
        );
    }
}

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

/// Starts the preview, prints its address, opens a browser if asked, and serves until
/// Ctrl-C (or a termination signal); the temporary folder is deleted on the way out.
pub fn serve(options: &ServeOptions, open: bool) -> Result<(), ServeError> {
    // Ctrl-C during the first build must still end in `run`, which deletes the folder.
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
