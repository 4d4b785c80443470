//! Every corpus in `../shared/corpora`, built zero-config: it must build (never an internal
//! error), give every document a page, and — for the ADR corpora — normalise stated statuses and
//! link every superseded ADR to the successor its source names. Search answers alike in the
//! terminal and the browser on each.

use crate::support::{shared_build, unresolved_relative_urls};
use std::path::{Path, PathBuf};

fn corpora() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    assert!(root.is_dir(), "the shared corpora must be checked out at {}", root.display());
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 19, "{dirs:?}");
    dirs
}

use crate::support::ADR_CORPORA;

/// What GitHub would not show for the same files: a literal alert marker, an MDX comment in a
/// heading, an email address in a person's name or page address, a date after the build's
/// today, a link from the repository root to a document of the site left unresolved; and a page
/// over 1 MB (no corpus has a source that large).
fn what_a_reader_sees(corpus: &Path, out: &Path) -> Vec<String> {
    let alert = regex::Regex::new(r"\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]").unwrap();
    let code = regex::Regex::new(r"(?s)<(pre|code)\b.*?</(?:pre|code)>").unwrap();
    let heading = regex::Regex::new(r"(?s)<h[1-6][^>]*>(.*?)</h[1-6]>").unwrap();
    let email = regex::Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}").unwrap();
    let time = regex::Regex::new(r#"<time datetime="(\d{4}-\d{2}-\d{2})"#).unwrap();
    let rooted = regex::Regex::new(r##"(?:href="|broken link: )(/[^"#?]*)"##).unwrap();
    let today = crate::support::today().to_string();
    let is_document = |path: &str| {
        let p = corpus.join(path.trim_start_matches('/'));
        (adrsite::vocab::markdown_name::is_markdown(path) && p.is_file()) || p.join("README.md").is_file()
    };
    let mut seen = Vec::new();
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        if html.len() > 1 << 20 {
            seen.push(format!("{rel}: {} KB, over 1 MB", html.len() >> 10));
        }
        let prose = code.replace_all(&html, "");
        if let Some(m) = alert.find(&prose) {
            seen.push(format!("{rel}: literal alert {}", m.as_str()));
        }
        for h in heading.captures_iter(&html) {
            if h[1].contains("{/*") {
                seen.push(format!("{rel}: MDX comment in heading {}", &h[1]));
            }
        }
        if rel.starts_with("people/") {
            let title = heading.captures(&html).map(|h| h[1].to_string()).unwrap_or_default();
            if email.is_match(&title) || rel.contains("-com.") || rel.contains("-org.") || rel.contains("-io.") {
                seen.push(format!("{rel}: an address shown as a person: {title}"));
            }
        }
        for t in time.captures_iter(&html) {
            if t[1] > *today {
                seen.push(format!("{rel}: dated {} after today", &t[1]));
            }
        }
        for r in rooted.captures_iter(&html) {
            if is_document(&r[1]) {
                seen.push(format!("{rel}: {} from the repository root is not resolved", &r[1]));
            }
        }
    }
    seen
}

#[test]
fn every_corpus_builds_with_a_page_per_document() {
    let card =
        regex::Regex::new(r#"<li class="card"><a href="([^"]+)">[^<]*</a> <span class="count">(\d+)</span>"#).unwrap();
    let heading = regex::Regex::new(r#"<h1>[^<]*<span class="count">(\d+)</span></h1>"#).unwrap();
    for dir in corpora() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let site = shared_build(&dir);
        let json = site.docs_json();
        let docs = json["documents"].as_array().unwrap();

        // Every Markdown-family file that is not a template, licence or partial is a document
        // with a page.
        let markdown: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/"))
            .filter(|p| adrsite::vocab::markdown_name::is_markdown(p))
            .collect();
        let sources: std::collections::BTreeSet<&str> = docs.iter().map(|d| d["source"].as_str().unwrap()).collect();
        for md in &markdown {
            let skipped = adrsite::load::skip::skip_reason(md);
            let lower = md.to_lowercase();
            let file = lower.rsplit('/').next().unwrap();
            let looks_excludable = lower.contains("template")
                || file.starts_with('_')
                || lower.contains("/partials/")
                || ["license", "licence", "notice", "copying", "patents"].iter().any(|l| file.starts_with(l));
            assert!(skipped.is_none() || looks_excludable, "{name}: {md} was left out as {skipped:?}");
            assert_eq!(sources.contains(md.as_str()), skipped.is_none(), "{name}: {md}");
        }
        for d in docs {
            assert!(site.out.join(d["url"].as_str().unwrap()).is_file(), "{name}: page of {}", d["source"]);
        }
        // No diagnostic is an internal error, and every one points into the corpus.
        for diag in &site.report.diagnostics {
            assert!(dir.join(&diag.path).is_file() || diag.path == "adrsite.toml", "{name}: {diag:?}");
        }
        let unresolved = unresolved_relative_urls(&site.out);
        assert!(unresolved.is_empty(), "{name}: {unresolved:#?}");
        let seen = what_a_reader_sees(&dir, &site.out);
        assert!(seen.is_empty(), "{name}: {seen:#?}");
        // A home card and its collection page give the same count.
        let home = site.file("index.html");
        assert!(card.is_match(&home), "{name}: the home page has collection cards");
        for c in card.captures_iter(&home) {
            let page = site.file(&c[1]);
            let count = heading.captures(&page).map(|h| h[1].to_string());
            assert_eq!(count.as_deref(), Some(&c[2]), "{name}: the card and the page of {}", &c[1]);
        }
        // A title does not repeat the id shown beside it (`ADR-002 ADR002: …`).
        for d in docs {
            let (Some(id), Some(title)) = (d["display_id"].as_str(), d["title"].as_str()) else { continue };
            let squash = |s: &str| s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase();
            let number = id.rsplit('-').next().unwrap_or(id).trim_start_matches('0');
            let head: String = title.split([':', ' ']).next().unwrap_or("").to_string();
            let repeats = squash(&head).starts_with(&squash(id.split('-').next().unwrap_or("")))
                && squash(&head).trim_start_matches(char::is_alphabetic).trim_start_matches('0') == number
                && title.contains(':');
            assert!(!repeats, "{name}: {id} is titled {title:?}");
        }
        // The terminal and the browser client answer alike.
        crate::search::same_top_ten(&name, &dir, &site);

        if ADR_CORPORA.contains(&name.as_str()) {
            let stated: Vec<&serde_json::Value> =
                docs.iter().filter(|d| !d["status_raw"].is_null() || !d["status"].is_null()).collect();
            let known = stated.iter().filter(|d| !d["status"].is_null()).count();
            assert!(known * 100 >= stated.len() * 98, "{name}: {known} of {} stated statuses recognised", stated.len());
            for d in docs.iter().filter(|d| d["status"] == "superseded") {
                let names_successor = d["status_raw"].as_str().is_some_and(|r| r.to_lowercase().contains(" by "));
                let linked = d["relations"].as_array().unwrap().iter().any(|r| r["kind"] == "superseded-by");
                assert!(
                    !names_successor || linked,
                    "{name}: {} names a successor but does not link to it",
                    d["source"]
                );
            }
        }
    }
}

/// The largest collection of the shared corpora (the Kubernetes KEPs, a tree of folders by SIG),
/// filtered in a real browser by a word and by a status (needs Node, `npm ci --prefix
/// tests/browser` and Debian's chromium; `.ci/run` installs them).
#[test]
fn the_largest_collection_index_filters_in_a_real_browser() {
    let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules");
    assert!(modules.is_dir(), "run `npm ci --prefix tests/browser` first (bash .ci/run does)");
    let dir = corpora().into_iter().find(|d| d.ends_with("k8s-keps")).expect("k8s-keps");
    let site = shared_build(&dir);
    // The collection page with the most rows is the one a reader would need to filter.
    let page = walkdir::WalkDir::new(&site.out)
        .max_depth(2)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "index.html")
        .map(|e| (std::fs::read_to_string(e.path()).unwrap(), e.path().strip_prefix(&site.out).unwrap().to_owned()))
        .filter(|(html, _)| html.contains("<form class=\"filter\"") && html.contains("<select name=\"status\""))
        .max_by_key(|(html, _)| html.matches("class=\"doc-row\"").count())
        .map(|(_, path)| path.to_string_lossy().replace('\\', "/"))
        .expect("a collection page with a filter by status");
    let out = std::process::Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/filter.mjs"))
        .arg(&site.out)
        .arg(&page)
        .arg("pod")
        .output()
        .expect("node is installed");
    let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{page}: {log}");
}

/// Action items found in the shared minutes, against a labelled sample (`.ci/action-sample`
/// drew it; each row was labelled by reading the item in its source): at least 90% of the
/// sampled items adrsite still finds are tasks someone was given.
#[test]
fn action_items_in_the_shared_minutes_are_real_tasks() {
    let labelled =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/action-items/labelled.tsv"))
            .unwrap();
    let rows: Vec<Vec<&str>> =
        labelled.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(|l| l.split('\t').collect()).collect();
    assert!(rows.len() >= 100, "a sample of at least 100 items");
    let mut found = std::collections::BTreeSet::new();
    for name in ["openjs-cpc-minutes", "ipfs-team-mgmt", "rust-compiler-team-minutes", "cardano-cips"] {
        let dir = corpora().into_iter().find(|d| d.ends_with(name)).unwrap_or_else(|| panic!("{name}"));
        let site = shared_build(&dir);
        let standups: serde_json::Value = serde_json::from_str(&site.file("api/standups.json")).unwrap();
        for a in standups["actions"].as_array().unwrap() {
            found.insert(format!("{name}\t{}:{}", a["source"].as_str().unwrap(), a["line"]));
        }
    }
    let kept: Vec<&Vec<&str>> = rows.iter().filter(|r| found.contains(&format!("{}\t{}", r[0], r[1]))).collect();
    let real = kept.iter().filter(|r| r.last() == Some(&"yes")).count();
    assert!(kept.len() * 10 >= rows.len() * 9, "most sampled items are still found: {} of {}", kept.len(), rows.len());
    assert!(real * 100 >= kept.len() * 90, "precision {real} of {}", kept.len());
}
