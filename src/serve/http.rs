//! The preview server: the built site over HTTP, an event stream for live reload, and guards.
//!
//! Input: the output directory, a [`Status`] channel updated by the rebuild loop and the
//! [`Allowed`] hosts. Output: responses. A request addressed to a host that is not allowed gets
//! 403, and so does an event-stream or non-GET request from a foreign `Origin` (no other web page
//! can read the preview). Only files under the output directory are served: `..` segments (also
//! when percent-encoded) are refused, and a path that resolves through a symlink to outside the
//! output gets the site's 404 page. Every response says `nosniff`, sends no referrer and may not
//! be framed. The event stream admits a bounded number of clients.

use super::hosts::Allowed;
use crate::text::escape_html;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::watch;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::WatchStream;
use tower_http::services::ServeDir;

/// Most event-stream clients at once (each open tab holds one).
pub const MAX_CLIENTS: usize = 64;

/// What the browser is told after every rebuild.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Status {
    /// Increases with every successful rebuild.
    pub generation: u64,
    /// The diagnostics that stopped the last rebuild; empty when the last rebuild succeeded.
    pub errors: Vec<ErrorView>,
}

/// A diagnostic for the overlay.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErrorView {
    /// `path:line:col`.
    pub location: String,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The code.
    pub code: &'static str,
    /// The message.
    pub message: String,
    /// The hint.
    pub help: Option<String>,
}

#[derive(Clone)]
struct AppState {
    out: PathBuf,
    status: watch::Receiver<Status>,
    clients: Arc<AtomicUsize>,
    allowed: Arc<Allowed>,
}

/// The router serving `out` to the hosts `allowed`.
pub fn router(out: PathBuf, status: watch::Receiver<Status>, allowed: Allowed) -> Router {
    let state =
        AppState { out: out.clone(), status, clients: Arc::new(AtomicUsize::new(0)), allowed: Arc::new(allowed) };
    let files = ServeDir::new(&out).append_index_html_on_directories(true);
    Router::new()
        .route("/__adrsite/events", get(events))
        .route("/__adrsite/live.js", get(live_js))
        .route("/__adrsite/status", get(status_json))
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// Headers on every response, the refusals and the 404 page included.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("frame-ancestors 'none'"));
    response
}

/// Refuses requests addressed to a host that is not allowed, and event-stream or non-GET
/// requests sent from a page of a foreign origin.
async fn check_host(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| request.uri().authority().map(|a| a.to_string()))
        .unwrap_or_default();
    if !state.allowed.host(&host) {
        return refusal(&format!("requests for the host <code>{}</code>", escape_html(&host)), &host);
    }
    let guarded = request.uri().path() == "/__adrsite/events"
        || !matches!(*request.method(), axum::http::Method::GET | axum::http::Method::HEAD);
    if guarded && let Some(origin) = request.headers().get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("null");
        if !state.allowed.origin(origin) {
            let name = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            return refusal(&format!("requests from pages of <code>{}</code>", escape_html(origin)), name);
        }
    }
    next.run(request).await
}

/// 403, with a page that says what was refused and how to allow it.
fn refusal(what: &str, host: &str) -> Response {
    let name = host.rsplit_once(':').filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit())).map_or(host, |(n, _)| n);
    let page = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>403 Forbidden · adrsite serve</title></head>\n\
         <body><h1>403 Forbidden</h1>\n<p><code>adrsite serve</code> refused {what}. The preview answers only \
         <code>localhost</code>, <code>127.0.0.1</code>, <code>[::1]</code> and the address given with \
         <code>--bind</code>, so that no other web page can read it (DNS rebinding).</p>\n\
         <p>If you opened the preview under this name on purpose, restart it with \
         <code>adrsite serve --allowed-host {}</code>.</p></body></html>\n",
        escape_html(if name.is_empty() { "NAME" } else { name })
    );
    let mut response = Response::new(Body::from(page));
    *response.status_mut() = StatusCode::FORBIDDEN;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    response
}

async fn live_js() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], include_str!("live.js"))
}

async fn status_json(State(state): State<AppState>) -> impl IntoResponse {
    axum::Json(state.status.borrow().clone())
}

/// Decrements the client count when a stream ends.
struct ClientSlot(Arc<AtomicUsize>);

impl Drop for ClientSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn events(State(state): State<AppState>) -> Response {
    if state.clients.fetch_add(1, Ordering::SeqCst) >= MAX_CLIENTS {
        state.clients.fetch_sub(1, Ordering::SeqCst);
        return (StatusCode::SERVICE_UNAVAILABLE, "too many live-reload clients").into_response();
    }
    let slot = ClientSlot(state.clients.clone());
    let stream = WatchStream::new(state.status.clone()).map(move |status| {
        let _keep = &slot;
        Ok::<Event, Infallible>(Event::default().event("status").json_data(&status).unwrap_or_default())
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

/// Refuses paths that could leave the output directory, and answers unknown paths with the
/// site's 404 page and status 404.
async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    if path.starts_with("/__adrsite/") {
        return next.run(request).await;
    }
    let decoded = crate::text::percent_decode(&path);
    if decoded.split(['/', '\\']).any(|s| s == "..") || decoded.contains('\0') {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    }
    let rel = decoded.trim_start_matches('/');
    let candidate = state.out.join(rel);
    let inside = match (candidate.canonicalize(), state.out.canonicalize()) {
        (Ok(c), Ok(root)) => c.starts_with(&root),
        // Missing files are answered by the 404 page below.
        _ => true,
    };
    if !inside {
        return not_found(&state).await;
    }
    let mut response = next.run(request).await;
    if response.status() == StatusCode::NOT_FOUND {
        return not_found(&state).await;
    }
    // A file rewritten within the second would otherwise revalidate as unchanged (Last-Modified
    // has one-second resolution) and the reload would show the old page.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn not_found(state: &AppState) -> Response {
    let page = tokio::fs::read(state.out.join("404.html")).await.unwrap_or_else(|_| b"404 not found".to_vec());
    let mut response = Response::new(Body::from(page));
    *response.status_mut() = StatusCode::NOT_FOUND;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    response
}
