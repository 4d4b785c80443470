//! `adrsite serve` on the real binary: serving, rebuilding on save, keeping the last good build
//! when a save breaks it, recovering, and refusing paths outside the output.

use crate::support::{copy_tree, fixture};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
    site: PathBuf,
    cache: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Server {
    fn start(name: &str) -> Server {
        Self::start_with(name, &[])
    }

    fn start_with(name: &str, extra: &[&str]) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        copy_tree(&fixture(name), &site);
        let cache = tmp.path().join("cache");
        let mut child = Command::new(env!("CARGO_BIN_EXE_adrsite"))
            .args(["serve", "--port", "0", "--no-git", "--today", "2026-11-21", "--cache-dir"])
            .arg(&cache)
            .args(extra)
            .arg(&site)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let line = lines.next().expect("serve prints its URL").unwrap();
        let addr = line.split("http://").nth(1).expect(&line).trim_end_matches(|c| c != '/').trim_end_matches('/');
        let addr = addr.split('/').next().unwrap().to_string();
        Server { child, addr, site, cache, _tmp: tmp }
    }

    /// A raw HTTP/1.1 GET, so that `..` and `%2e%2e` reach the server as written.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr).unwrap();
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let body = response.split_once("\r\n\r\n").map_or(String::new(), |(_, b)| b.to_string());
        (status, body)
    }

    /// A raw request with the given `Host` and extra headers; returns the status, the response
    /// headers (lowercase) and as much of the body as arrives before the connection goes quiet (an
    /// event stream never ends).
    fn request(&self, method: &str, path: &str, host: &str, headers: &[&str]) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(1500))).unwrap();
        let extra: String = headers.iter().map(|h| format!("{h}\r\n")).collect();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut bytes = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buf[..n]);
        }
        let response = String::from_utf8_lossy(&bytes).into_owned();
        let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        (status, head.to_lowercase(), body.to_string())
    }

    fn port(&self) -> &str {
        self.addr.rsplit_once(':').unwrap().1
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__adrsite/status").1).unwrap()
    }

    fn wait_for(&self, what: &str, mut cond: impl FnMut() -> bool) {
        let start = Instant::now();
        while !cond() {
            assert!(start.elapsed() < Duration::from_secs(30), "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Stops the server as Ctrl-C or a service manager would; returns what it printed and the
    /// temporary directory (still there).
    fn stop(mut self) -> (std::process::Output, tempfile::TempDir) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let start = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            assert!(start.elapsed() < Duration::from_secs(20), "serve did not stop");
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut err = String::new();
        self.child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let status = self.child.wait().unwrap();
        (std::process::Output { status, stdout: Vec::new(), stderr: err.into_bytes() }, self._tmp)
    }
}

fn edit(site: &Path, rel: &str, text: &str) {
    // Editors write a temporary file and rename it over the original.
    let tmp = site.join(format!("{rel}.tmp"));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, site.join(rel)).unwrap();
}

#[test]
fn edits_rebuild_broken_saves_keep_the_last_good_build_and_fixes_recover() {
    let server = Server::start("clean");
    let (code, page) = server.get("/decisions/0001-first.html");
    assert_eq!(code, 200);
    assert!(page.contains("First decision"));
    assert!(page.contains("/__adrsite/live.js"), "serve injects the live-reload script");
    assert_eq!(server.status()["errors"], serde_json::json!([]));

    edit(
        &server.site,
        "decisions/0001-first.md",
        "---\nstatus: accepted\ndate: 2024-01-02\n---\n# First decision, revised\n\nContext.\n",
    );
    server.wait_for("the edit to be served", || {
        server.get("/decisions/0001-first.html").1.contains("First decision, revised")
    });

    // A broken save: the front matter does not parse.
    edit(
        &server.site,
        "decisions/0002-second.md",
        "---\nstatus: [accepted\n---\n# Second decision\n\nBroken now, and edited.\n",
    );
    server.wait_for("the errors", || server.status()["errors"].as_array().is_some_and(|e| !e.is_empty()));
    let errors = server.status()["errors"].clone();
    assert_eq!(errors[0]["code"], "front-matter");
    assert!(errors[0]["location"].as_str().unwrap().ends_with("decisions/0002-second.md:2:9"), "{errors}");
    assert!(errors[0]["help"].is_string());
    let (_, page) = server.get("/decisions/0002-second.html");
    assert!(page.contains("Refers back to"), "the last good build is still served");
    assert!(!page.contains("Broken now"));

    edit(
        &server.site,
        "decisions/0002-second.md",
        "---\nstatus: accepted\ndate: 2024-02-03\n---\n# Second decision\n\nFixed.\n",
    );
    server.wait_for("the recovery", || server.status()["errors"] == serde_json::json!([]));
    server.wait_for("the fixed page", || server.get("/decisions/0002-second.html").1.contains("Fixed."));

    let cache = server.cache.clone();
    let (out, _tmp) = server.stop();
    assert!(out.status.success() || out.status.code().is_none(), "{}", String::from_utf8_lossy(&out.stderr));
    let leftovers: Vec<_> = std::fs::read_dir(cache.join("serve")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(leftovers.iter().all(|n| !n.to_string_lossy().contains("staging")), "no temporary files: {leftovers:?}");
}

#[test]
fn only_files_under_the_output_are_served() {
    let server = Server::start("clean");
    let out = server.cache.join("serve/site");
    std::os::unix::fs::symlink("/etc", out.join("etc-link")).unwrap();
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/decisions/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/etc-link/passwd",
    ] {
        let (code, body) = server.get(path);
        assert!(code == 404 || code == 400, "{path}: {code}");
        assert!(!body.contains("root:"), "{path} leaked a file");
    }
    let (code, body) = server.get("/no/such/page.html");
    assert_eq!(code, 404);
    assert!(body.contains("Page not found"), "the site's 404 page");
    server.stop();
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_adrsite"))
        .args(["serve", "--no-git", "--port", &port, "--cache-dir"])
        .arg(tmp.path())
        .arg(fixture("clean"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("cannot listen on 127.0.0.1:{port}")) && err.contains("--port"), "{err}");
}

#[test]
fn the_page_reloads_by_itself_in_a_real_browser() {
    assert!(
        crate::support::project("tests/browser/node_modules").is_dir(),
        "run `npm ci --prefix tests/browser` first (bash .ci/run does)"
    );
    let server = Server::start("clean");
    let out = Command::new("node")
        .arg(crate::support::project("tests/browser/reload.mjs"))
        .arg(format!("http://{}/", server.addr))
        .arg(&server.site)
        .arg("decisions/0001-first.md")
        .arg("decisions/0001-first.html")
        .output()
        .unwrap();
    let (stopped, _tmp) = server.stop();
    assert!(
        out.status.success(),
        "{}{}\nserve said:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&stopped.stderr)
    );
}

#[test]
fn the_polling_watcher_sees_edits_too() {
    let server = Server::start_with("clean", &["--watcher", "poll"]);
    // Polling compares modification times in whole seconds: an edit within the second the file was
    // last written is indistinguishable (documented in the README).
    std::thread::sleep(Duration::from_millis(1100));
    edit(
        &server.site,
        "decisions/0002-second.md",
        "---\nstatus: accepted\ndate: 2024-02-03\n---\n# Second decision\n\nPolled.\n",
    );
    server.wait_for("the polled edit", || server.get("/decisions/0002-second.html").1.contains("Polled."));
    server.stop();
}

#[test]
fn foreign_hosts_and_origins_are_refused_and_every_response_is_hardened() {
    let server = Server::start_with("clean", &["--allowed-host", "preview.example"]);
    let port = server.port().to_string();
    let evil = format!("evil.example:{port}");
    for path in ["/", "/index.html", "/api/docs.json", "/__adrsite/events", "/__adrsite/status", "/no/such/page"] {
        let (code, head, body) = server.request("GET", path, &evil, &[]);
        assert_eq!(code, 403, "{path} for a foreign host: {head}");
        assert!(body.contains("--allowed-host evil.example"), "the refusal says how to allow it: {body}");
        assert!(!body.contains("\"documents\""), "nothing of the site leaks");
    }
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        format!("preview.example:{port}"),
    ] {
        let (code, head, _) = server.request("GET", "/api/docs.json", &host, &[]);
        assert_eq!(code, 200, "{host}: {head}");
    }
    let local = format!("127.0.0.1:{port}");
    let (code, _, _) = server.request(
        "GET",
        "/__adrsite/events",
        &local,
        &["Origin: http://evil.example", "Accept: text/event-stream"],
    );
    assert_eq!(code, 403, "a foreign page may not listen to the event stream");
    let (code, _, _) = server.request("POST", "/index.html", &local, &["Origin: http://evil.example"]);
    assert_eq!(code, 403, "nor send anything");
    let same = format!("Origin: http://localhost:{port}");
    let (code, head, _) = server.request("GET", "/__adrsite/events", &local, &[&same, "Accept: text/event-stream"]);
    assert_eq!(code, 200, "the preview's own pages may: {head}");
    assert!(head.contains("text/event-stream"), "{head}");

    for path in ["/", "/decisions/0001-first.html", "/assets/style.css", "/no/such/page", "/__adrsite/live.js"] {
        let (code, head, _) = server.request("GET", path, &local, &[]);
        assert!(code == 200 || code == 404, "{path}: {code}");
        for header in ["x-content-type-options: nosniff", "referrer-policy: no-referrer", "x-frame-options: deny"] {
            assert!(head.contains(header), "{path} lacks {header}: {head}");
        }
        assert!(head.contains("content-security-policy: frame-ancestors 'none'"), "{path}: {head}");
    }
    let (_, head, _) = server.request("GET", "/", &evil, &[]);
    assert!(head.contains("x-frame-options: deny"), "the refusal too: {head}");
    server.stop();
}

/// Every file under `dir` but the search export (an index updated in place may weigh words a
/// little differently from a fresh one until it merges), with its bytes.
fn files_of(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), e.path().to_path_buf()))
        .filter(|(rel, _)| !rel.starts_with("search/"))
        .map(|(rel, path)| (rel, std::fs::read(path).unwrap()))
        .collect()
}

#[test]
fn every_incremental_rebuild_equals_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_tree(&crate::support::project("example-site"), &site);
    let opts = |out: &str| {
        let mut o = adrsite::BuildOptions::new(&site, crate::support::today());
        o.out = Some(tmp.path().join(out));
        o.cache_dir = Some(tmp.path().join(format!("cache-{out}")));
        o.git = false;
        o.live_reload = Some("/__adrsite/live.js".into());
        o.keep_last_good = true;
        o
    };
    let served = opts("served");
    let mut session = adrsite::pipeline::Session::default();
    adrsite::pipeline::rebuild(&served, &mut session, true, &[]).unwrap();
    let adr = "docs/decisions/0005-write-backend-services-in-rust.md";
    let original = std::fs::read_to_string(site.join(adr)).unwrap();
    // (edit, whether it stays inside the document and so is assembled alone)
    let edits: Vec<(&str, String, bool)> = vec![
        ("a paragraph added", format!("{original}\nA new closing paragraph about ownership.\n"), true),
        ("a word changed", original.replacen("over a weekend", "over one weekend", 1), true),
        (
            "the excerpt changed",
            original.replacen("because its type system", "because its strong type system", 1),
            true,
        ),
        ("the title changed", original.replacen("# ", "# Really ", 1), false),
        ("a broken link added", format!("{original}\nSee [the plan](no-such-plan.md).\n"), false),
        ("a mention of another decision", format!("{original}\nThis builds on ADR-0002.\n"), false),
        ("back as it was", original.clone(), false),
    ];
    for (what, text, alone) in edits {
        edit(&site, adr, &text);
        let (report, refresh) = adrsite::pipeline::rebuild(&served, &mut session, false, &[adr.to_string()]).unwrap();
        let patched = !report.stages.iter().any(|(s, _)| *s == "compare");
        assert_eq!(patched, alone, "{what}: stages {:?}", report.stages);
        if let Some(refresh) = refresh {
            refresh.run().unwrap();
        }
        let fresh = opts(&format!("fresh-{}", what.replace(' ', "-")));
        let full = adrsite::build(&fresh).unwrap();
        assert_eq!(report.diagnostics, full.diagnostics, "{what}: the same diagnostics");
        let (a, b) = (files_of(&tmp.path().join("served")), files_of(fresh.out.as_ref().unwrap()));
        assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "{what}: the same files");
        for (rel, bytes) in &a {
            assert!(bytes == &b[rel], "{what}: {rel} differs from a full build");
        }
    }
}
