//! Snapshots of page `<main>` fragments, and properties every page must have.

use crate::support::{build, fixture, project, unresolved_relative_urls};

#[test]
fn document_pages() {
    let site = build(&fixture("dialects"));
    insta::assert_snapshot!("superseded_madr2", site.main_html("adr/0002-use-postgres.html"));
    insta::assert_snapshot!("successor_yaml", site.main_html("adr/0003-use-cockroachdb.html"));
    insta::assert_snapshot!("kep_sidecar", site.main_html("keps/sig-node/1234-pod-quotas.html"));
}

#[test]
fn index_pages() {
    let site = build(&fixture("dialects"));
    insta::assert_snapshot!("adr_index", site.main_html("adr/index.html"));
    insta::assert_snapshot!("home", site.main_html("index.html"));
}

#[test]
fn main_carries_kind_and_status() {
    let site = build(&fixture("dialects"));
    assert!(
        site.file("adr/0002-use-postgres.html")
            .contains(r#"<main id="main" class="doc" data-kind="adr" data-status="superseded">"#)
    );
    assert!(site.file("handbook/on-call.html").contains(r#"data-kind="handbook" data-status="""#));
}

#[test]
fn example_site_builds_clean_and_every_relative_url_resolves() {
    let site = build(&project("example-site"));
    // No warning or error; one finding of each attention rule, on purpose, at `info`.
    let mut codes: Vec<&str> = site.report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "contradiction",
            "deadline-passed",
            "missing-successor",
            "overdue-action",
            "review-overdue",
            "revisit-due",
            "stagnant",
            "stale-blocker"
        ]
    );
    assert!(site.report.diagnostics.iter().all(|d| d.severity == adrsite::diagnostic::Severity::Info));
    assert_eq!(unresolved_relative_urls(&site.out), Vec::<String>::new());
    // Pages, feeds and machine files the site promises.
    for f in [
        "index.html",
        "404.html",
        ".nojekyll",
        "sitemap.xml",
        "api/docs.json",
        "timeline/index.html",
        "tags/index.html",
        "people/index.html",
        "assets/style.css",
        "assets/highlight.css",
    ] {
        assert!(site.out.join(f).is_file(), "{f}");
    }
    // The image an ADR shows is copied.
    assert!(site.out.join("files/docs/decisions/assets/architecture-overview.svg").is_file());
    // No request to any other host from the theme.
    let home = site.file("index.html");
    assert!(!home.contains("https://") || !home.contains("<link rel=\"stylesheet\" href=\"http"));
}

#[test]
fn sitemap_is_relative_without_base_url_and_absolute_with_it() {
    let site = build(&fixture("clean"));
    assert!(site.file("sitemap.xml").contains("<loc>decisions/0001-first.html</loc>"));
    let tmp = tempfile::tempdir().unwrap();
    let mut opts = adrsite::BuildOptions::new(fixture("clean"), crate::support::today());
    opts.out = Some(tmp.path().join("o"));
    opts.cache_dir = Some(tmp.path().join("cache"));
    opts.base_url = Some("https://example.org/repo/".into());
    adrsite::build(&opts).unwrap();
    let sitemap = std::fs::read_to_string(tmp.path().join("o/sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/repo/decisions/0001-first.html</loc>"), "{sitemap}");
    let page = std::fs::read_to_string(tmp.path().join("o/decisions/0001-first.html")).unwrap();
    assert!(page.contains(r#"<link rel="canonical" href="https://example.org/repo/decisions/0001-first.html">"#));
    assert!(
        page.contains(
            r#"href="https://github.com/example/clean/edit/trunk/tests/fixtures/clean/decisions/0001-first.md""#
        ),
        "edit link uses the configured branch"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let a = build(&project("example-site"));
    let b = build(&project("example-site"));
    let files = |root: &std::path::Path| {
        let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(root).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
            .collect();
        v.sort();
        v
    };
    let (fa, fb) = (files(&a.out), files(&b.out));
    assert_eq!(fa.len(), fb.len());
    for ((na, ba), (nb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(na, nb);
        assert!(ba == bb, "{na} differs between two builds");
    }
}

#[test]
fn bad_input_never_stops_the_build() {
    let site = build(&fixture("bad-input"));
    insta::assert_yaml_snapshot!("bad_input_diagnostics", site.report.diagnostics);
    // Every readable document still has a page, including the one with broken front matter.
    for page in [
        "adr/0001-broken-yaml.html",
        "adr/0004-latin1.html",
        "adr/0005-crlf-bom.html",
        "adr/0006-empty.html",
        "adr/0007-unclosed-fence.html",
        "adr/0008-tags.html",
    ] {
        assert!(site.out.join(page).is_file(), "{page}");
    }
    assert!(site.file("adr/0004-latin1.html").contains("Café decision"));
    assert!(site.file("adr/0001-broken-yaml.html").contains("The body still renders."));
    // A Liquid tag is neutralised; tags of other generators in a plain `.md` file stay text.
    let tags = site.file("adr/0008-tags.html");
    assert!(!tags.contains("{% include") && tags.contains("erb %&gt;") && tags.contains("hugo"), "{tags}");
    assert!(!site.out.join("adr/0009-binary.html").exists());
}

#[test]
fn a_one_megabyte_line_is_fine() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    std::fs::create_dir_all(dir.join("docs/adr")).unwrap();
    let long = "word ".repeat(220_000);
    std::fs::write(dir.join("docs/adr/0001-long.md"), format!("# 1. Long\n\n## Status\n\nAccepted\n\n{long}\n"))
        .unwrap();
    let site = build(&dir);
    assert_eq!(site.doc("docs/adr/0001-long.md")["status"], "accepted");
}

#[test]
fn a_superseded_decision_names_the_decision_in_force_at_the_end_of_the_chain() {
    // ADR-0003 is superseded by ADR-0007, itself superseded by ADR-0012.
    let site = build(&crate::support::project("example-site"));
    let page = site.main_html("decisions/0003-use-rest-with-json-for-the-public-api.html");
    let banner = page.split("class=\"banner").nth(1).expect("a banner").split("</aside>").next().unwrap();
    assert!(banner.contains("The current decision is"), "{banner}");
    assert!(banner.contains("0012-return-to-rest-with-openapi-for-the-public-api.html"), "{banner}");
    assert!(!banner.contains("0007-"), "not the decision that was itself replaced: {banner}");
}

#[test]
fn a_large_collection_is_a_folder_tree_with_a_filter_and_empty_sections_are_not_linked() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| crate::support::write_file(tmp.path(), rel, text);
    // A handbook whose every page sits under `content/`, a folder named by its own page, a
    // folder holding only one folder, and one-page folders (a KEP's README) listed as pages.
    write("handbook/README.md", "# Handbook\n\nThe start.\n");
    write("handbook/content/teams/index.md", "# Our teams\n\nWho does what.\n");
    for i in 0..30 {
        write(&format!("handbook/content/teams/page-{i:02}.md"), &format!("# Team page {i}\n\nText.\n"));
    }
    for i in 0..25 {
        write(
            &format!("handbook/content/policies/security/rule-{i:02}.md"),
            &format!("# Security rule {i}\n\nText.\n"),
        );
    }
    write("handbook/content/tools/build-cache/README.md", "# Build cache\n\nText.\n");
    let site = build(tmp.path());
    let page = std::fs::read_dir(site.out.as_path())
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .find(|p| std::fs::read_to_string(p).is_ok_and(|h| h.contains("<form class=\"filter\"")))
        .expect("a filtered collection page");
    let html = std::fs::read_to_string(&page).unwrap();
    let summaries: Vec<String> =
        regex::Regex::new(r"<summary>([^<]*) <span").unwrap().captures_iter(&html).map(|c| c[1].to_string()).collect();
    assert_eq!(summaries, ["Policies / Security", "Our teams", "Tools"], "{html}");
    assert!(html.contains("data-path=\"policies/security\""), "{html}");
    assert!(!html.contains(">Content<"), "the folder every page sits in is left out");
    assert!(html.contains("Build cache"), "a one-page folder's page is listed in the folder above");
    assert!(html.contains("assets/filter.js"));
    // No tags and no dated documents: the site does not link to empty sections.
    let home = site.file("index.html");
    assert!(!home.contains("tags/index.html") && !home.contains("timeline/index.html"), "{home}");
}

#[test]
fn links_the_way_generators_write_them_resolve_and_near_misses_say_what_was_meant() {
    let site = build(&fixture("link-hints"));
    // Zola's `@/` link goes from its content folder to the other post's page.
    let first = site.doc("content/blog/first.md")["url"].as_str().unwrap().to_string();
    let second = site.doc("content/blog/second.md")["url"].as_str().unwrap().to_string();
    let name = second.rsplit('/').next().unwrap();
    let main = site.main_html(&first);
    assert!(main.contains(&format!("href=\"{name}#plans\"")), "{main}");
    // So does a blog's permalink, with the post's date before its name.
    assert!(main.contains(&format!("href=\"{name}\">the second post")), "{main}");
    // A page published at its own name, as a handbook's generator does, wherever its file is.
    let booking = site.doc("handbook/travel/booking.md")["url"].as_str().unwrap().to_string();
    assert!(site.main_html(&booking).contains("blog/first.html\">first post"), "{}", site.main_html(&booking));
    // A folder of documents with no index page is listed, as GitHub lists it: by its collection's
    // index, or the home page when it holds several collections.
    let booking_html = site.main_html(&booking);
    assert!(booking_html.contains("href=\"../../adr/index.html\">the decision log"), "{booking_html}");
    assert!(booking_html.contains("href=\"../../index.html\">everything we wrote"), "{booking_html}");
    // A page's old address, from its `redirect_from`, finds it.
    assert!(main.contains("travel/booking.html\">the handbook says"), "{main}");
    let unresolved = unresolved_relative_urls(&site.out);
    assert!(unresolved.is_empty(), "{unresolved:#?}");
    let hint = |path: &str| {
        let found = site.report.diagnostics.iter().filter(|d| d.path == path).collect::<Vec<_>>();
        assert_eq!(found.len(), 1, "{found:#?}");
        found[0].help.clone().unwrap_or_default()
    };
    // A web address without its scheme is a path on GitHub too: the hint adds it.
    assert!(hint("content/blog/first.md").contains("`https://golang.org/issue/16093`"));
    // A decision renamed since the link was written is found by its number.
    assert!(hint("adr/0001-record-decisions.md").starts_with("did you mean `0002-use-kafka-for-events.md`?"));
}
