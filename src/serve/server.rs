//! The preview's HTTP side: connections, their limits, and which requests are answered.
//!
//! hyper's HTTP/1 server on a small tokio runtime: a connection is a task, not a thread, so
//! a page that opens hundreds of connections costs memory, not threads. Limits:
//! - a request head (request line and headers) over [`MAX_HEAD`] is answered 431 and its
//!   connection closed, so a client cannot make the server hold more than that per connection;
//! - a connection that has not sent a complete request head within [`IDLE`] of opening, or
//!   of its last answer (an idle kept-alive connection), is closed;
//! - only requests for an allowed `Host` are answered ([`super::host`]; anything else 403);
//! - a reload poll waits without a thread, and one client (by IP address) has at most
//!   [`POLLS_PER_CLIENT`] waiting: a further one is answered 429 at once. A poll whose
//!   connection is closed is dropped with it (hyper notices the end of the connection while
//!   the answer is pending), which frees its place at once;
//! - pages are rendered on at most [`RENDER_THREADS`] threads of the runtime's blocking pool,
//!   which polls never occupy, so a page is never kept waiting by polls.
//!
//! Why 429 and not "answer the oldest poll": several preview tabs of one browser share one
//! address, and with more tabs than places each new poll would push out an older one, whose
//! tab asks again at once and pushes out the next: a loop of polls. With 429 the extra tab
//! asks again a second later (see `reload.js`) and is at most that much late to reload.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode, Version};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;

use super::http::Resolved;
use super::{Preview, host};

/// The largest request head (request line and headers) answered; larger ones get 431.
pub const MAX_HEAD: usize = 16 * 1024;
/// How long a connection may take to send a complete request head, counted from its
/// opening or from its last answer; then it is closed.
pub const IDLE: Duration = Duration::from_secs(10);
/// Reload polls one client address may have waiting at once; a further one gets 429.
pub const POLLS_PER_CLIENT: usize = 4;
/// Threads rendering pages at most; further requests wait for one.
const RENDER_THREADS: usize = 8;
/// Threads driving connections (they only move bytes and wait).
const IO_THREADS: usize = 2;
/// How long stopping waits for answers still being sent.
const DRAIN: Duration = Duration::from_secs(2);

/// The runtime the server runs on.
pub fn runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(IO_THREADS)
        .max_blocking_threads(RENDER_THREADS)
        .thread_name("iopsite-http")
        .enable_io()
        .enable_time()
        .build()
}

/// An answer to one request, before it is put on the wire.
pub struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// One more header (`Allow`, `Location`, `Retry-After`).
    pub header: Option<(HeaderName, HeaderValue)>,
}

impl Answer {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status,
            content_type,
            body: body.into(),
            header: None,
        }
    }

    /// A short plain-text answer.
    pub fn text(status: u16, text: impl Into<String>) -> Answer {
        Answer::new(status, "text/plain; charset=utf-8", text.into())
    }

    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Answer {
        self.header = Some((name, value));
        self
    }

    fn into_response(self) -> Response<Full<Bytes>> {
        let mut response = Response::new(Full::new(Bytes::from(self.body)));
        *response.status_mut() =
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        if let Some((name, value)) = self.header {
            headers.insert(name, value);
        }
        response
    }
}

/// The reload polls waiting now, counted by client address.
#[derive(Default)]
struct PollSlots(Mutex<HashMap<IpAddr, usize>>);

/// One waiting poll's place; given back when dropped (answered, or its connection closed).
struct PollSlot<'a> {
    slots: &'a PollSlots,
    client: IpAddr,
}

impl PollSlots {
    fn counts(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, usize>> {
        // The map is only ever changed by one whole increment or decrement.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A place for a poll of `client`, unless it has [`POLLS_PER_CLIENT`] waiting already.
    fn take(&self, client: IpAddr) -> Option<PollSlot<'_>> {
        let mut counts = self.counts();
        let count = counts.entry(client).or_insert(0);
        if *count >= POLLS_PER_CLIENT {
            return None;
        }
        *count += 1;
        Some(PollSlot {
            slots: self,
            client,
        })
    }
}

impl Drop for PollSlot<'_> {
    fn drop(&mut self) {
        let mut counts = self.slots.counts();
        if let Some(count) = counts.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.client);
            }
        }
    }
}

/// What every connection's requests need.
struct Server {
    preview: Arc<Preview>,
    polls: PollSlots,
    http: http1::Builder,
}

/// Serves on `listener` until the preview is stopped, then waits (up to [`DRAIN`]) for the
/// answers being sent.
pub async fn serve(preview: Arc<Preview>, listener: std::net::TcpListener) {
    let listener = match listener
        .set_nonblocking(true)
        .and_then(|()| TcpListener::from_std(listener))
    {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("error: cannot serve: {err}");
            return;
        }
    };
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(IDLE)
        .max_header_size(MAX_HEAD);
    let server = Arc::new(Server {
        preview: Arc::clone(&preview),
        polls: PollSlots::default(),
        http,
    });
    let accepting = tokio::spawn(accept(server, listener));
    preview.stopped().await;
    accepting.abort();
    let drained = Instant::now() + DRAIN;
    while preview.in_flight() > 0 && Instant::now() < drained {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Takes connections, each into a task of its own.
async fn accept(server: Arc<Server>, listener: TcpListener) {
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(err) => {
                // Out of file descriptors, or a connection reset before it was taken: the
                // next one may well work.
                eprintln!("error: cannot take a connection: {err}");
                tokio::time::sleep(Duration::from_millis(250)).await;
                continue;
            }
        };
        // Without it, an answer on a kept-alive connection can wait for the browser's
        // delayed acknowledgement of the previous one (40 ms on Linux): Nagle's algorithm.
        let _ = stream.set_nodelay(true);
        let client = peer.ip().to_canonical();
        let server = Arc::clone(&server);
        tokio::spawn(async move {
            let service = service_fn(|request| {
                let server = Arc::clone(&server);
                async move { Ok::<_, Infallible>(server.respond(client, request).await) }
            });
            // A connection that breaks or times out has nobody left to tell.
            let _ = server
                .http
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

impl Server {
    async fn respond(&self, client: IpAddr, request: Request<Incoming>) -> Response<Full<Bytes>> {
        let _counted = self.preview.count_request();
        self.answer(client, request).await.into_response()
    }

    async fn answer(&self, client: IpAddr, request: Request<Incoming>) -> Answer {
        let mut hosts = request.headers().get_all(header::HOST).iter();
        let host = match (hosts.next(), hosts.next()) {
            (Some(value), None) => Some(value.to_str().ok()),
            (None, _) => None,
            // Two Host headers: no single name to check.
            (Some(_), Some(_)) => Some(None),
        };
        let allowed = match host {
            Some(Some(value)) => self.preview.hosts.allows(value),
            Some(None) => false,
            // HTTP/1.0 has no Host header; browsers always send one.
            None => request.version() <= Version::HTTP_10,
        };
        if !allowed {
            return Answer::text(403, host::refusal(host.flatten()));
        }
        if !matches!(*request.method(), Method::GET | Method::HEAD) {
            return Answer::text(405, "only GET and HEAD\n")
                .with_header(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        }
        // As sent: an absolute-form target (`http://host/path`) is no path of this server.
        let target = request.uri().to_string();
        drop(request);
        let preview = &self.preview;
        if internal_name(&preview.base_path, &target).as_deref() == Some("poll") {
            return self.poll(client, &target).await;
        }
        let preview = Arc::clone(preview);
        tokio::task::spawn_blocking(move || preview.answer(&target))
            .await
            .unwrap_or_else(|_| Answer::text(500, "the page could not be rendered\n"))
    }

    /// A reload poll: answered at once when the page is out of date, else when the next
    /// build is published, if the client has a place for one more waiting poll.
    async fn poll(&self, client: IpAddr, target: &str) -> Answer {
        let since = target
            .split_once('?')
            .map_or("", |(_, q)| q)
            .split('&')
            .find_map(|pair| pair.strip_prefix("since="))
            .and_then(|n| n.parse::<u64>().ok());
        let preview = &self.preview;
        let slot = if preview.would_wait(since) {
            match self.polls.take(client) {
                Some(slot) => Some(slot),
                None => {
                    return Answer::text(
                        429,
                        format!(
                            "this address has {POLLS_PER_CLIENT} reload polls waiting already; \
                             ask again in a second\n"
                        ),
                    )
                    .with_header(header::RETRY_AFTER, HeaderValue::from_static("1"));
                }
            }
        } else {
            None
        };
        let state = preview.wait_for_build(since).await;
        drop(slot);
        let json = serde_json::to_string(&state).unwrap_or_else(|_| "{}".into());
        Answer::new(200, "application/json", json)
    }
}

/// The name of the server's own file that `target` asks for, if it asks for one.
fn internal_name(base_path: &str, target: &str) -> Option<String> {
    // Internal names are recognised before any file of the site is looked up.
    match super::http::resolve(|_| false, base_path, target) {
        Resolved::Internal(name) => Some(name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_has_a_few_poll_places_and_gets_them_back() {
        let slots = PollSlots::default();
        let me: IpAddr = "127.0.0.1".parse().unwrap();
        let other: IpAddr = "::1".parse().unwrap();
        let mine: Vec<_> = (0..POLLS_PER_CLIENT)
            .map(|_| slots.take(me).expect("a place"))
            .collect();
        assert!(slots.take(me).is_none());
        assert!(slots.take(other).is_some());
        drop(mine);
        assert!(slots.take(me).is_some());
        assert!(slots.counts().is_empty());
    }
}
