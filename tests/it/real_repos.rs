//! Layouts and dialects of real repositories nobody on the project wrote, each reduced to a
//! fixture file in `tests/fixtures/real-repos`: every check here failed before adrsite read it.

use crate::support::{build, fixture};
use adrsite::diagnostic::{Code, Severity};
use adrsite::load::skip::Skip;
use serde_json::json;

#[test]
fn metadata_tables_are_read_in_either_orientation_and_the_head_wins() {
    let site = build(&fixture("real-repos"));
    // Keys in the header row, values in the row below, a second author on a continuation row.
    let d = site.doc("adr/0001-metadata-by-column.md");
    assert_eq!((d["status"].as_str(), d["date"].as_str()), (Some("accepted"), Some("2024-03-02")));
    assert_eq!(d["people"]["author"], json!(["Ana Silva", "Ben Okafor"]));
    // A key-per-row table at the head wins over a `### Status` section about an API, and a
    // revision history's first row is not the document's date.
    let d = site.doc("adr/0002-metadata-table-over-status-section.md");
    assert_eq!(
        (d["status_raw"].as_str(), d["status"].as_str(), d["date"].as_str()),
        (Some("Implemented"), Some("implemented"), Some("2021-06-30"))
    );
    assert_eq!(d["tags"], json!(["kv", "client"]));
}

#[test]
fn front_matter_that_yaml_rejects_keeps_what_can_be_read() {
    let site = build(&fixture("real-repos"));
    let d = site.doc("rfcs/text/0003-yaml-that-fails.md");
    assert_eq!(d["date"], "2020-02-03");
    let diag = site
        .report
        .diagnostics
        .iter()
        .find(|d| d.path == "rfcs/text/0003-yaml-that-fails.md" && d.code == Code::FrontMatter)
        .expect("the YAML problem is reported");
    assert_eq!((diag.severity, diag.line, diag.column), (Severity::Warning, 4, 9), "{diag:?}");
    assert_eq!(
        adrsite::diagnostic::Tally::of(&site.report.diagnostics).errors,
        0,
        "the build does not fail: {:?}",
        site.report.diagnostics
    );
}

#[test]
fn middleman_and_mdx_pages_are_read_without_their_template_tags() {
    let site = build(&fixture("real-repos"));
    let d = site.doc("source/index.html.md.erb");
    assert_eq!((d["title"].as_str(), d["url"].as_str()), (Some("Technical guidance"), Some("pages/source.html")));
    let d = site.doc("source/guides/index.html.md.erb");
    assert_eq!(d["url"], "pages/source/guides.html");
    // GOV.UK page expiry: reviewed on a date, to be reviewed again after a while.
    assert!(
        site.report
            .diagnostics
            .iter()
            .any(|d| d.code == Code::ReviewOverdue && d.path == "source/guides/index.html.md.erb"),
        "{:?}",
        site.report.diagnostics
    );
    let page = site.file("pages/source/guides.html");
    assert!(!page.contains("<%") && !page.contains("current_page"), "{page}");
    assert!(page.contains("Every guide, in order.") && page.contains("#tech-guidance"));
    // The partial is not a page, and the build says why.
    assert!(site.report.skipped.contains(&("source/partials/_toc.html.md.erb".to_string(), Skip::Partial)));
    let docs = site.docs_json();
    assert!(!docs["documents"].as_array().unwrap().iter().any(|d| d["source"].as_str().unwrap().contains("partials")));
    let mdx = site.main_html("pages/source/sandbox.html");
    assert!(!mdx.contains("import Sandpack") && !mdx.contains("/*"), "{mdx}");
    assert_eq!(site.doc("source/sandbox.mdx")["title"], "Playground");
}
