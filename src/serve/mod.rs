//! `adrsite serve`: build, serve on loopback, rebuild on every save, reload the browser.
//!
//! Input: [`ServeOptions`]. Output: a running preview until Ctrl-C. `serve` wraps
//! [`pipeline::build`] — never the reverse — with three differences set through `BuildOptions`:
//! the site goes to the cache directory (`serve/site`), pages carry the live-reload script, and a
//! build with errors is not swapped in, so the last good site stays up while the browser shows
//! what broke.

pub mod hosts;
pub mod http;
pub mod watch;

use crate::diagnostic::{self, MessageFormat, Severity};
use crate::pipeline::{self, BuildOptions, BuildReport};
use anyhow::{Context as _, bail};
use http::{ErrorView, Status};
use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use watch::WatcherKind;

/// How to serve.
#[derive(Debug)]
pub struct ServeOptions {
    /// The build to run on every change.
    pub build: BuildOptions,
    /// Port; `None` tries 3000 and then the next free ports.
    pub port: Option<u16>,
    /// Address to bind; loopback unless told otherwise.
    pub bind: IpAddr,
    /// Open the site in a browser once it is up.
    pub open: bool,
    /// How to watch for changes.
    pub watcher: WatcherKind,
    /// Host names answered besides loopback and the bound address (`--allowed-host`).
    pub allowed_hosts: Vec<String>,
}

/// The live-reload script's URL, served by [`http::router`].
const LIVE_RELOAD: &str = "/__adrsite/live.js";

/// Runs the preview until Ctrl-C (or SIGTERM).
pub fn run(mut opts: ServeOptions) -> anyhow::Result<()> {
    let dir = opts.build.dir.clone();
    if !dir.is_dir() {
        bail!("{} is not a directory", dir.display());
    }
    // Read once here; the first build uses it, and later rebuilds read it again only when it
    // changes.
    let settings = pipeline::Settings::read(&opts.build)?;
    let pipeline::Cache { dir: cache, note } = settings.cache_dir(&opts.build);
    if let Some(note) = note {
        eprintln!("note: {note}");
    }
    let out = cache.join("serve/site");
    opts.build.out = Some(out.clone());
    opts.build.cache_dir = Some(cache.clone());
    opts.build.live_reload = Some(LIVE_RELOAD.to_string());
    opts.build.keep_last_good = true;

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let (status_tx, status_rx) = tokio::sync::watch::channel(Status::default());

    // The first build: with errors it is still written, so that there is something to show.
    let first = BuildOptions { keep_last_good: false, ..opts.build.clone() };
    let t = Instant::now();
    let mut session = pipeline::Session::new(settings);
    let (report, _) = pipeline::rebuild(&first, &mut session, true, &[])?;
    print_report(&report, &dir, &[]);
    eprintln!("built {} documents in {} ms", report.documents, t.elapsed().as_millis());
    status_tx.send_replace(Status { generation: 1, errors: errors_of(&report, &dir) });

    let watcher = watch::watch(&dir, &[cache.clone(), out.clone()], opts.watcher)?;
    let stop = Arc::new(AtomicBool::new(false));
    let rebuilder = {
        let stop = stop.clone();
        // An organisation's sources were fetched by the first build; rebuilds after an edit read
        // the copies, not the network.
        let build = BuildOptions { offline: true, ..opts.build.clone() };
        let dir = dir.clone();
        let shown = report.diagnostics;
        std::thread::spawn(move || rebuild_loop(&build, &dir, session, shown, &watcher.changes, &status_tx, &stop))
    };

    let allowed = hosts::Allowed::new(opts.bind, &opts.allowed_hosts);
    let served = runtime.block_on(async {
        let listener = bind(opts.bind, opts.port).await?;
        let addr = listener.local_addr()?;
        let url = format!("http://{}/", display_addr(addr));
        if !opts.bind.is_loopback() {
            eprintln!("warning: serving on {addr}: anyone who can reach this machine can read the site");
        }
        println!("Serving {} at {url} (Ctrl-C to stop)", dir.display());
        let _ = std::io::stdout().flush();
        if opts.open {
            open_browser(&url);
        }
        axum::serve(listener, http::router(out.clone(), status_rx, allowed)).with_graceful_shutdown(shutdown()).await?;
        anyhow::Ok(())
    });
    // Let a rebuild in progress finish, so that no staging directory is left behind.
    stop.store(true, Ordering::SeqCst);
    let _ = rebuilder.join();
    runtime.shutdown_timeout(Duration::from_secs(1));
    eprintln!("stopped");
    served
}

fn rebuild_loop(
    build: &BuildOptions,
    dir: &Path,
    mut session: pipeline::Session,
    mut shown: Vec<crate::diagnostic::Diagnostic>,
    changes: &std::sync::mpsc::Receiver<watch::Change>,
    status: &tokio::sync::watch::Sender<Status>,
    stop: &AtomicBool,
) {
    let mut generation = 1;
    let (search, sites) = std::sync::mpsc::channel::<pipeline::SearchRefresh>();
    let searcher = std::thread::spawn(move || {
        while let Ok(mut refresh) = sites.recv() {
            // Only the newest site matters when saves come faster than indexing.
            while let Ok(newer) = sites.try_recv() {
                refresh = newer;
            }
            if let Err(e) = refresh.run() {
                eprintln!("error: updating search: {e:#}");
            }
        }
    });
    while !stop.load(Ordering::SeqCst) {
        let Ok(mut change) = changes.recv_timeout(Duration::from_millis(200)) else { continue };
        // Saves that arrived while we waited belong to the same rebuild.
        while let Ok(more) = changes.try_recv() {
            change.kinds.extend(more.kinds);
            change.paths.extend(more.paths);
        }
        change.paths.sort();
        change.paths.dedup();
        let t = Instant::now();
        let what = match change.paths.as_slice() {
            [one] => one.clone(),
            [first, ..] => format!("{first} and {} more files", change.paths.len() - 1),
            [] => "a file".to_string(),
        };
        // Documents alone rebuild incrementally; config, theme and linked files rebuild everything.
        let full = change.kinds.iter().any(|k| *k != watch::ChangeKind::Content);
        match pipeline::rebuild(build, &mut session, full, &change.paths) {
            Ok((report, site)) => {
                print_report(&report, dir, &shown);
                let errors = errors_of(&report, dir);
                if errors.is_empty() {
                    generation += 1;
                }
                let ms = t.elapsed().as_millis();
                if report.out.is_some() {
                    let stages: Vec<String> =
                        report.stages.iter().map(|(s, d)| format!("{s} {} ms", d.as_millis())).collect();
                    eprintln!("rebuilt after {what} changed in {ms} ms ({})", stages.join(", "));
                } else {
                    eprintln!("{what} has errors; still serving the last good build ({ms} ms)");
                }
                status.send_replace(Status { generation, errors });
                shown = report.diagnostics;
                // The page reloads now; search catches up behind it, on its own thread.
                if let Some(site) = site {
                    let _ = search.send(site);
                }
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                let view = ErrorView {
                    location: what.clone(),
                    severity: "error",
                    code: "build",
                    message: format!("{e:#}"),
                    help: Some("fix the file and save again; the last good build is still served".into()),
                };
                status.send_replace(Status { generation, errors: vec![view] });
            }
        }
    }
    drop(search);
    let _ = searcher.join();
}

/// Errors that keep a rebuild from being swapped in.
fn errors_of(report: &BuildReport, dir: &Path) -> Vec<ErrorView> {
    let prefix = dir.to_string_lossy();
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| ErrorView {
            location: format!("{}/{}:{}:{}", prefix.trim_end_matches('/'), d.path, d.line, d.column),
            severity: d.severity.as_str(),
            code: d.code.as_str(),
            message: d.message.clone(),
            help: d.help.clone(),
        })
        .collect()
}

/// Prints a rebuild's warnings and errors that the previous build did not have (`shown`, sorted):
/// each diagnostic once, when it first appears, not thousands on every save.
fn print_report(report: &BuildReport, dir: &Path, shown: &[crate::diagnostic::Diagnostic]) {
    let prefix = dir.to_string_lossy();
    let new = report.diagnostics.iter().filter(|d| shown.binary_search(d).is_err());
    for d in new.filter(|d| d.severity >= Severity::Warning) {
        eprintln!("{}", diagnostic::format(d, MessageFormat::Human, &prefix));
    }
}

async fn bind(ip: IpAddr, port: Option<u16>) -> anyhow::Result<tokio::net::TcpListener> {
    match port {
        Some(p) => tokio::net::TcpListener::bind(SocketAddr::new(ip, p)).await.with_context(|| {
            format!("cannot listen on {}:{p} (is another server using it?); choose another port with --port", ip)
        }),
        None => {
            for p in 3000..3100 {
                if let Ok(l) = tokio::net::TcpListener::bind(SocketAddr::new(ip, p)).await {
                    return Ok(l);
                }
            }
            bail!("ports 3000 to 3099 on {ip} are all in use; choose one with --port")
        }
    }
}

fn display_addr(addr: SocketAddr) -> String {
    if addr.ip().is_loopback() && addr.is_ipv4() { format!("127.0.0.1:{}", addr.port()) } else { addr.to_string() }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("note: could not start a browser; open {url}");
    }
}

/// The output directory `serve` writes to (for tests and tools).
pub fn output_dir(cache: &Path) -> PathBuf {
    cache.join("serve/site")
}
