//! What GitHub shows for a file, adrsite shows too: one page per GitHub feature (snapshots), and
//! the cases of the fidelity issue that went wrong before — status qualifiers, ids repeated in
//! titles, addresses shown as names, links from the repository root, an `Action Items:`
//! paragraph followed by an agenda.

use crate::support::{build, fixture};

fn page_of<'a>(docs: &'a [serde_json::Value], source: &str) -> &'a serde_json::Value {
    docs.iter().find(|d| d["source"] == source).unwrap_or_else(|| panic!("{source} is a document"))
}

#[test]
fn one_page_per_github_feature() {
    let site = build(&fixture("github"));
    let json = site.docs_json();
    let docs = json["documents"].as_array().unwrap();
    for (name, source) in [
        ("alert_and_bare_urls", "docs/adr/0001-alerts.md"),
        ("footnotes_and_task_list", "docs/adr/0002-footnotes-and-tasks.md"),
        ("math_and_wide_table", "docs/adr/0003-math-and-wide-tables.md"),
        ("details", "docs/adr/0004-details.md"),
        ("mdx", "docs/adr/0005-mdx-components.mdx"),
    ] {
        let url = page_of(docs, source)["url"].as_str().unwrap();
        insta::assert_snapshot!(name, site.main_html(url));
    }
}

#[test]
fn the_cases_that_went_wrong_before() {
    let site = build(&fixture("github"));
    let json = site.docs_json();
    let docs = json["documents"].as_array().unwrap();
    let status = |source: &str| {
        let d = page_of(docs, source);
        (d["status"].as_str().unwrap_or("-").to_string(), d["status_raw"].as_str().unwrap_or("-").to_string())
    };
    // A qualifier is kept whole and does not change the class; a review is not in force.
    assert_eq!(status("docs/adr/0001-alerts.md"), ("proposed".into(), "Active review (July 17–31)".into()));
    assert_eq!(status("docs/adr/0002-footnotes-and-tasks.md"), ("implemented".into(), "Stable in 1.1".into()));
    assert_eq!(status("docs/adr/0006-root-links.md"), ("accepted".into(), "Experimental in 2.x".into()));

    // The title does not repeat the id; links from the repository root reach the documents.
    let roots = page_of(docs, "docs/adr/0006-root-links.md");
    assert_eq!(roots["title"], "Links from the repository root");
    let html = site.file(roots["url"].as_str().unwrap());
    assert!(html.contains("href=\"0001-alerts.html\""), "{html}");
    assert!(html.contains("href=\"0002-footnotes-and-tasks.html#decision\""), "{html}");
    // Addresses identify people and are never shown.
    assert!(html.contains(">Michael Knyszek<"), "{html}");
    let profiles = site.file(page_of(docs, "docs/adr/0007-profile-links.md")["url"].as_str().unwrap());
    assert!(profiles.contains(">Leo<") && profiles.contains(">Ana Silva<"), "{profiles}");
    // A wide table of items is not the document's metadata: the title is the heading's.
    assert_eq!(page_of(docs, "docs/adr/0003-math-and-wide-tables.md")["title"], "Math and wide tables");
    // (A body keeps what its author wrote; the metadata panel, lists and people pages show names.)
    let names_shown =
        regex::Regex::new(r#"(?s)<dl class="meta">.*?</dl>|<span class="people">.*?</span>|<h1>.*?</h1>"#).unwrap();
    for entry in walkdir::WalkDir::new(&site.out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let page = std::fs::read_to_string(entry.path()).unwrap();
            for m in names_shown.find_iter(&page) {
                for shown in ["mk@example.org", "ana@example.org", "Last Updated", "github.com/leo42"] {
                    assert!(!m.as_str().contains(shown), "{shown} in {}: {}", entry.path().display(), m.as_str());
                }
            }
            assert!(!page.contains("[!NOTE]") && !page.contains("{/*"), "{}", entry.path().display());
        }
    }
    let people: Vec<String> = std::fs::read_dir(site.out.join("people"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(people.iter().all(|p| !p.contains("example-org") && !p.contains("github-com")), "{people:?}");

    // The `Action Items:` paragraph is two items; the agenda after it and its details are none.
    let standups: serde_json::Value = serde_json::from_str(&site.file("api/standups.json")).unwrap();
    let actions: Vec<&str> =
        standups["actions"].as_array().unwrap().iter().map(|a| a["text"].as_str().unwrap()).collect();
    assert_eq!(actions, ["Ana & Ben to talk to the platform team", "draft the FAQ"], "{actions:?}");
}

/// Git dates are shown as what they are, and only when they fit the document's own date.
#[test]
fn git_dates_never_contradict_the_document_nor_today() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("repo");
    let adr = dir.join("docs/adr");
    std::fs::create_dir_all(&adr).unwrap();
    let git = |args: &[&str], when: &str| {
        let ok = std::process::Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(["-c", "user.name=T", "-c", "user.email=t@example.org"])
            .args(args)
            .env("GIT_AUTHOR_DATE", when)
            .env("GIT_COMMITTER_DATE", when)
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q", "-b", "main"], "2020-01-01T00:00:00");
    // Written in 2019, imported into this repository in 2024.
    std::fs::write(adr.join("0001-old.md"), "# 1. Old\n\nDate: 2019-05-01\n\n## Status\n\nAccepted\n").unwrap();
    // No date of its own: git's first commit is all there is.
    std::fs::write(adr.join("0002-undated.md"), "# 2. Undated\n\n## Status\n\nAccepted\n").unwrap();
    git(&["add", "."], "2024-03-01T00:00:00");
    git(&["commit", "-qm", "import"], "2024-03-01T00:00:00");
    // A change committed after the build's today.
    std::fs::write(adr.join("0002-undated.md"), "# 2. Undated\n\n## Status\n\nAccepted\n\nMore.\n").unwrap();
    git(&["commit", "-qam", "later"], "2027-01-01T00:00:00");

    let mut opts = adrsite::BuildOptions::new(&dir, crate::support::today());
    opts.out = Some(tmp.path().join("site"));
    opts.cache_dir = Some(tmp.path().join("cache"));
    opts.git = true;
    adrsite::build(&opts).unwrap();
    let page = |name: &str| std::fs::read_to_string(tmp.path().join("site/adr").join(name)).unwrap();
    let old = page("0001-old.html");
    assert!(!old.contains("In this repository since"), "2024 contradicts 2019: {old}");
    assert!(!old.contains(">Created<"));
    let undated = page("0002-undated.html");
    assert!(undated.contains("In this repository since") && undated.contains("2024-03-01"), "{undated}");
    assert!(!undated.contains("2027-01-01"), "nothing after today: {undated}");
}

/// Dated meeting notes are on the timeline beside the decisions, and a list row names who wrote
/// a document before who approved it.
#[test]
fn the_timeline_has_meetings_and_rows_credit_authors_first() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| crate::support::write_file(tmp.path(), rel, text);
    write(
        "docs/adr/0001-x.md",
        "# 1. Use X\n\n* Status: Accepted\n* Date: 2026-01-05\n* Authors: Ana Silva\n* Approvers: Ben Okafor\n",
    );
    write("meetings/2026-02-03.md", "# Sync 2026-02-03\n\nAttendees: Ana, Ben\n\n## Decisions\n\n- Use X\n");
    let site = build(tmp.path());
    let timeline = site.main_html("timeline/index.html");
    assert!(timeline.contains("Timeline of decisions and meetings"), "{timeline}");
    assert!(timeline.contains("2026-02-03") && timeline.contains("Use X"), "{timeline}");
    let index = site.main_html("adr/index.html");
    assert!(index.contains("<span class=\"people\">Ana Silva</span>"), "authors before approvers: {index}");
    assert!(site.file("index.html").contains("timeline/index.html"), "a timeline with entries is linked");
}

/// `show_emails = true` shows people as written; by default the address only tells them apart.
#[test]
fn addresses_are_shown_only_when_the_site_asks() {
    for show in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let adr = tmp.path().join("docs/adr");
        std::fs::create_dir_all(&adr).unwrap();
        std::fs::write(
            adr.join("0001-x.md"),
            "# 1. Use X\n\n* Status: Accepted\n* Authors: Ana Silva <ana@example.org>\n",
        )
        .unwrap();
        if show {
            std::fs::write(tmp.path().join("adrsite.toml"), "show_emails = true\n").unwrap();
        }
        let site = build(tmp.path());
        let page = site.main_html("adr/0001-x.html");
        let panel = page.split("<dl class=\"meta\">").nth(1).unwrap_or_default();
        assert_eq!(panel.contains("ana@example.org"), show, "{panel}");
        assert!(panel.contains("Ana Silva"), "{panel}");
        assert!(site.file("people/ana-silva.html").contains("<h1>Ana Silva"), "one page, one slug either way");
    }
}
