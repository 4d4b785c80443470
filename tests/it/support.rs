//! Helpers: build a fixture into a temporary directory and read what came out.

use adrsite::{BuildOptions, BuildReport};
use regex::Regex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

/// The shared corpora whose documents are ADRs.
pub const ADR_CORPORA: &[&str] = &[
    "adr-tools",
    "arachne-architecture",
    "compliantkubernetes-adr",
    "edc-decision-records",
    "govuk-aws",
    "log4brains",
    "madr",
    "moj-cloud-platform",
    "cometbft",
];

/// The fixed "today" of every test.
pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 21)
}

/// `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The project's root.
pub fn project(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A built site in a temporary directory.
pub struct Built {
    /// The build's report.
    pub report: BuildReport,
    /// The output directory.
    pub out: PathBuf,
    _tmp: tempfile::TempDir,
}

/// Builds a directory no test changes (a shared corpus, the example site) once per test run
/// and shares the site: several tests read the same corpora, and building each once keeps the
/// suite quick on two cores. Tests that must see two builds call [`build`] instead.
pub fn shared_build(dir: &Path) -> Arc<Built> {
    /// A site, built by the first test that asks for it.
    type Slot = Arc<OnceLock<Arc<Built>>>;
    static SITES: LazyLock<Mutex<HashMap<PathBuf, Slot>>> = LazyLock::new(Default::default);
    // The map is held only to find the slot; the build runs outside it, so that two tests
    // building different corpora run side by side and a second asker of one corpus waits for it.
    let slot = Arc::clone(
        SITES.lock().unwrap_or_else(std::sync::PoisonError::into_inner).entry(dir.to_path_buf()).or_default(),
    );
    Arc::clone(slot.get_or_init(|| Arc::new(build(dir))))
}

/// Builds `dir` into a fresh temporary directory.
#[must_use]
pub fn build(dir: &Path) -> Built {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("site");
    let mut opts = BuildOptions::new(dir, today());
    opts.out = Some(out.clone());
    // Fixtures live in this repository: its history (or a shallow CI clone) must not change them.
    opts.git = false;
    // Never write a search cache into fixtures or the shared corpora.
    opts.cache_dir = Some(tmp.path().join("cache"));
    let report = adrsite::build(&opts).unwrap_or_else(|e| panic!("building {}: {e:#}", dir.display()));
    Built { report, out, _tmp: tmp }
}

impl Built {
    /// A file of the output, as text.
    pub fn file(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// The `<main>` element of a page: what snapshots compare.
    pub fn main_html(&self, rel: &str) -> String {
        let html = self.file(rel);
        let start = html.find("<main").unwrap_or_else(|| panic!("{rel} has no <main>"));
        let end = html.rfind("</main>").expect("</main>") + "</main>".len();
        html[start..end].to_string()
    }

    /// `api/docs.json`, parsed.
    pub fn docs_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.file("api/docs.json")).expect("docs.json is JSON")
    }

    /// The document with `source` in `api/docs.json`.
    pub fn doc(&self, source: &str) -> serde_json::Value {
        self.docs_json()["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .find(|d| d["source"] == source)
            .unwrap_or_else(|| panic!("no document with source {source}"))
            .clone()
    }
}

static URL_ATTR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"<[a-zA-Z][^<>]*?\s(?:href|src)="([^"]*)""#).unwrap());

/// Every relative `href`/`src` in the HTML under `out` that does not resolve to a file.
pub fn unresolved_relative_urls(out: &Path) -> Vec<String> {
    let mut bad = Vec::new();
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") || entry.file_name() == "404.html" {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        for c in URL_ATTR.captures_iter(&html) {
            let url = c[1].replace("&amp;", "&");
            if url.is_empty() || url.starts_with('#') || url.starts_with('/') || url.contains(':') {
                continue;
            }
            let path = url.split(['#', '?']).next().unwrap();
            let decoded = adrsite::text::percent_decode(path);
            let target = entry.path().parent().unwrap().join(&decoded);
            if !target.is_file() {
                bad.push(format!("{}: {url}", entry.path().strip_prefix(out).unwrap().display()));
            }
        }
    }
    bad
}

/// Writes `text` to `root/rel`, making its folders.
pub fn write_file(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Copies a directory tree (for tests that modify a fixture).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Serves the files under `root` over HTTP on a loopback port, for as long as the test runs:
/// a published site for `site` sources. Returns the base URL.
pub fn serve_files(root: PathBuf) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            // Drain the headers.
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").split('?').next().unwrap_or("/");
            let file = root.join(path.trim_start_matches('/'));
            let mut out = &stream;
            let _ = match std::fs::read(&file) {
                Ok(body) if !path.contains("..") => {
                    let head =
                        format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                    out.write_all(head.as_bytes()).and_then(|_| out.write_all(&body))
                }
                _ => out.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
            };
        }
    });
    base
}

/// Runs the real binary in `dir`, with no git configuration but the repository's own (so that
/// nobody's global settings leak in), no colours and no progress bars.
pub fn adrsite_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_adrsite"))
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .env("CI", "true")
        .output()
        .expect("the binary runs")
}
