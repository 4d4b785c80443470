//! The decision graph on a real corpus: the Kubernetes KEPs (needs the shared corpora beside the
//! project at ../shared) draw a collection graph of more than 200 documents. Every SVG is
//! well-formed XML (roxmltree), the same bytes on a second build, and each box links to a page
//! that exists; each document's page draws its neighbourhood; and in a real browser a click on a
//! node opens its page (needs Node, `npm ci --prefix tests/browser` and Debian's chromium;
//! `.ci/run` installs them).

use crate::support::build;
use std::path::{Path, PathBuf};

fn keps() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/k8s-keps");
    assert!(dir.is_dir(), "the shared corpora must be checked out beside the project: {}", dir.display());
    dir
}

/// The `<svg>` element of an HTML page.
fn inline_svg(html: &str) -> &str {
    let start = html.find("<svg").expect("an inline drawing");
    let end = html[start..].find("</svg>").expect("closed") + start + "</svg>".len();
    &html[start..end]
}

/// Every link of a drawing, checked to resolve from `from` (a file of the site).
fn links_resolve(svg: &str, out: &Path, from: &Path) -> usize {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{}: not well-formed: {e}", from.display()));
    let links: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("a")).filter_map(|n| n.attribute("href")).collect();
    for href in &links {
        let target = from.parent().unwrap().join(href);
        assert!(target.is_file(), "{} links to {href}, which is not a page", from.display());
        assert!(target.canonicalize().unwrap().starts_with(out.canonicalize().unwrap()));
    }
    links.len()
}

#[test]
fn graphs_are_well_formed_deterministic_link_to_their_pages_and_open_them_on_a_click() {
    let first = crate::support::shared_build(&keps());
    let second = build(&keps());
    let image = first.out.join("graph/keps.svg");
    let svg = std::fs::read_to_string(&image).unwrap();
    assert!(svg.starts_with("<?xml"), "a standalone file");
    assert_eq!(svg, second.file("graph/keps.svg"), "the same drawing on a second build");
    let nodes = links_resolve(&svg, &first.out, &image);
    assert!(nodes >= 200, "a collection of more than 200 joined documents: {nodes}");
    // The page shows the same drawing, styled by the site's style sheet instead of its own.
    let page = first.file("graph/keps.html");
    let style = svg.find("<style>").unwrap()..svg.find("</style>").unwrap() + "</style>".len();
    let unstyled = format!("{}{}", &svg[..style.start], &svg[style.end..]);
    assert_eq!(inline_svg(&page), unstyled.trim_start_matches(|c| c != '\n').trim());
    assert!(first.file("keps/index.html").contains("href=\"../graph/keps.html\">Decision graph</a>"));

    // Each document's page draws its neighbourhood, itself the focus, and links to the whole.
    let mut drawn = 0;
    for entry in walkdir::WalkDir::new(first.out.join("keps")).into_iter().map(Result::unwrap) {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        if !html.contains("class=\"doc-graph\"") {
            continue;
        }
        let svg = inline_svg(&html[html.find("class=\"doc-graph\"").unwrap()..]);
        assert!(links_resolve(svg, &first.out, entry.path()) >= 2);
        assert_eq!(svg.matches(" focus\"").count(), 1, "{}", entry.path().display());
        drawn += 1;
    }
    assert!(drawn >= 200, "{drawn} pages draw their neighbourhood");

    // In a real browser, a click on a node opens its page.
    let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules");
    assert!(modules.is_dir(), "run `npm ci --prefix tests/browser` first (bash .ci/run does)");
    let out = std::process::Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/graph.mjs"))
        .arg(&first.out)
        .arg("graph/keps.html")
        .arg("200")
        .output()
        .expect("node is installed");
    let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{log}");
}
