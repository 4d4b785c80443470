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

#[test]
fn proposal_series_and_meetings_are_found_at_any_depth_with_their_own_ids() {
    let site = build(&fixture("real-repos"));
    let kind_and_id = |s: &str| {
        let d = site.doc(s);
        (d["kind"].as_str().unwrap().to_string(), d["display_id"].as_str().map(str::to_string))
    };
    assert_eq!(kind_and_id("CIP-0001/README.md"), ("rfc".into(), Some("CIP-0001".into())));
    assert_eq!(kind_and_id("CPS-0001/README.md"), ("rfc".into(), Some("CPS-0001".into())));
    assert_eq!(kind_and_id("rfcs/text/0001-first-rfc.md"), ("rfc".into(), Some("RFC-0001".into())));
    assert_eq!(kind_and_id("BiweeklyMeetings/2020-07-01.md").0, "standup");
    assert_eq!(kind_and_id("proposals/design-meeting-minutes/2024-01-09.md").0, "standup");
    let d = site.doc("CIP-0001/README.md");
    assert_eq!((d["title"].as_str(), d["status"].as_str()), (Some("CIP process"), Some("active")));
    // Each series is its own collection, and no id clashes: not `RFC-0001` twice, and the stub
    // beside a proposal's README is part of it.
    let dups: Vec<_> = site.report.diagnostics.iter().filter(|d| d.code == Code::DuplicateId).collect();
    assert!(dups.is_empty(), "{dups:?}");
    let slugs: Vec<&str> = site.report.collections.iter().map(|c| c.slug.as_str()).collect();
    assert!(slugs.contains(&"cip") && slugs.contains(&"cps"), "{slugs:?}");
    // Mentions of another series link to it.
    let cps = site.main_html(site.doc("CPS-0001/README.md")["url"].as_str().unwrap());
    assert!(cps.contains("class=\"mention\" href=\"../cip/cip-0001.html\""), "{cps}");
}

#[test]
fn a_collection_default_status_stands_in_for_a_status_nobody_wrote() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("text")).unwrap();
    std::fs::write(
        dir.join("adrsite.toml"),
        "[[collections]]\npath = \"text\"\nkind = \"rfc\"\ndefault_status = \"accepted\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("text/0001-merged.md"), "# Summary\n\nMerged, so accepted.\n").unwrap();
    std::fs::write(dir.join("text/0002-stated.md"), "- Status: withdrawn\n\n# Summary\n\nWithdrawn.\n").unwrap();
    let site = build(dir);
    assert_eq!(site.doc("text/0001-merged.md")["status"], "accepted");
    assert_eq!(site.doc("text/0002-stated.md")["status"], "withdrawn", "a written status wins");
}
