//! What the published site offers besides pages: Atom feeds read back by a feed parser, badges
//! that are well-formed SVG, `llms.txt`, canonical URLs, and Mermaid diagrams drawn by a real
//! headless Chromium from the site's own copy of the library.

use crate::support::{build, project, today};
use adrsite::BuildOptions;
use std::process::Command;

/// The example site built with a base URL, as the Pages workflow builds it.
fn published() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let mut opts = BuildOptions::new(project("example-site"), today());
    opts.out = Some(out.clone());
    opts.git = false;
    opts.cache_dir = Some(tmp.path().join("cache"));
    opts.base_url = Some("https://parcelwise.github.io/decisions".into());
    adrsite::build(&opts).unwrap();
    (tmp, out)
}

#[test]
fn feeds_parse_as_atom() {
    let (_tmp, out) = published();
    let text = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    let feed: atom_syndication::Feed = text.parse().expect("feed.xml is Atom");
    assert_eq!(feed.title().as_str(), "Parcelwise decisions");
    assert_eq!(feed.id(), "https://parcelwise.github.io/decisions/feed.xml");
    assert!(feed.links().iter().any(|l| l.rel() == "self"), "a self link");
    // Decisions only, newest first, each with what Atom requires.
    assert_eq!(feed.entries().len(), 20, "15 ADRs and 5 RFCs");
    let updated: Vec<_> = feed.entries().iter().map(|e| *e.updated()).collect();
    assert!(updated.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_eq!(feed.updated(), &updated[0]);
    let first = &feed.entries()[0];
    assert_eq!(first.title().as_str(), "ADR-0015: Render shipping labels on demand");
    assert!(first.links()[0].href().starts_with("https://parcelwise.github.io/decisions/decisions/0015-"));
    for e in feed.entries() {
        assert!(!e.id().is_empty() && e.summary().is_some(), "{}", e.title().as_str());
    }
    let ids: std::collections::BTreeSet<&str> = feed.entries().iter().map(|e| e.id()).collect();
    assert_eq!(ids.len(), 20, "ids are unique");
    assert!(text.contains("<category term=\"superseded\" label=\"Superseded\"/>"));
    // A collection's own feed, with links relative to it when there is no base URL.
    let site = build(&project("example-site"));
    let rfcs: atom_syndication::Feed = site.file("rfcs/feed.xml").parse().expect("rfcs/feed.xml is Atom");
    assert_eq!(rfcs.entries().len(), 5);
    assert!(rfcs.entries()[0].links()[0].href().starts_with("../rfcs/0"), "{}", rfcs.entries()[0].links()[0].href());
    assert!(rfcs.id().starts_with("urn:adrsite:"), "{}", rfcs.id());
    let standups: atom_syndication::Feed = site.file("standups/feed.xml").parse().unwrap();
    assert_eq!(standups.entries().len(), 10);
}

#[test]
fn badges_are_well_formed_svg() {
    let (_tmp, out) = published();
    let mut count = 0;
    for entry in walkdir::WalkDir::new(out.join("badges")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        count += 1;
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
        let width: u32 = root.attribute("width").unwrap().parse().unwrap();
        assert!(width > 40, "{}", entry.path().display());
        assert!(root.attribute("aria-label").is_some_and(|l| l.contains(": ")));
    }
    assert_eq!(count, 20 + 4, "one per ADR and RFC, one per collection");
    let superseded =
        std::fs::read_to_string(out.join("badges/decisions/0003-use-rest-with-json-for-the-public-api.svg")).unwrap();
    assert!(superseded.contains("aria-label=\"ADR-0003: superseded\""), "{superseded}");
    let collection = std::fs::read_to_string(out.join("badges/decisions.svg")).unwrap();
    assert!(collection.contains("aria-label=\"Architecture decisions: 15 · 2 open\""), "{collection}");
    // The page offers the Markdown that embeds it.
    let page = std::fs::read_to_string(out.join("decisions/0002-use-postgresql-as-the-primary-database.html")).unwrap();
    assert!(page.contains("[![ADR-0002](https://parcelwise.github.io/decisions/badges/decisions/0002-use-postgresql-as-the-primary-database.svg)](https://parcelwise.github.io/decisions/decisions/0002-use-postgresql-as-the-primary-database.html)"));
}

#[test]
fn llms_txt_lists_current_decisions_only() {
    let (_tmp, out) = published();
    let text = std::fs::read_to_string(out.join("llms.txt")).unwrap();
    assert!(text.starts_with("# Parcelwise decisions\n\n> "), "{text}");
    assert!(text.contains("\n## Architecture decisions\n\n- [ADR-0001: Record architecture decisions](https://parcelwise.github.io/decisions/decisions/0001-record-architecture-decisions.html): accepted, 2025-01-14"));
    assert!(text.contains("[ADR-0012: Return to REST with OpenAPI for the public API]"));
    assert!(!text.contains("ADR-0003"), "a superseded decision is not listed as current");
    assert!(!text.contains("ADR-0007"), "nor is the one between");
    assert!(text.contains("\n## Under discussion (not decided)\n"));
}

#[test]
fn canonical_urls_only_with_a_base_url() {
    let (_tmp, out) = published();
    let page = std::fs::read_to_string(out.join("decisions/0002-use-postgresql-as-the-primary-database.html")).unwrap();
    assert!(page.contains("<link rel=\"canonical\" href=\"https://parcelwise.github.io/decisions/decisions/0002-use-postgresql-as-the-primary-database.html\">"));
    assert!(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\""));
    let local = build(&project("example-site"));
    assert!(!local.file("decisions/0002-use-postgresql-as-the-primary-database.html").contains("rel=\"canonical\""));
    assert!(!local.file("llms.txt").contains("https://parcelwise"), "relative links without a base URL");
    // Without a URL no README could embed a document's badge, so none is written; the
    // collections' count badges still are.
    assert!(!local.out.join("badges/decisions/0002-use-postgresql-as-the-primary-database.svg").exists());
    assert!(local.out.join("badges/decisions.svg").is_file());
}

/// The library is written once, only for sites with a diagram, and loaded only by pages that
/// have one.
#[test]
fn mermaid_is_loaded_only_where_needed() {
    let site = build(&project("example-site"));
    let with = site.file("decisions/0009-use-a-transactional-outbox-for-parcel-events.html");
    assert!(with.contains("<pre class=\"mermaid\">sequenceDiagram"));
    assert!(with.contains("src=\"../assets/mermaid.tiny.js\""));
    let without = site.file("decisions/0002-use-postgresql-as-the-primary-database.html");
    assert!(!without.contains("mermaid"));
    assert!(site.out.join("assets/mermaid.tiny.js").metadata().unwrap().len() > 2_000_000);
    let clean = build(&crate::support::fixture("clean"));
    assert!(!clean.out.join("assets/mermaid.tiny.js").exists(), "a site without diagrams does not carry the library");
}

/// Chromium draws the diagram from the site's own copy (no request leaves loopback) and decodes
/// the badges as images.
#[test]
fn mermaid_renders_and_badges_decode_in_a_real_browser() {
    assert!(
        project("tests/browser/node_modules").is_dir(),
        "run `npm ci --prefix tests/browser` first (bash .ci/run does)"
    );
    // Per-document badges are written for a site whose URL is known (only then can a README
    // embed one).
    let (_tmp, site) = published();
    let out = Command::new("node").arg(project("tests/browser/published.mjs")).arg(&site).output().unwrap();
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}
