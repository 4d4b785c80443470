//! Standups and meeting notes: every form of the fixture, the archive pages, the findings, the
//! example site and the two shared minutes corpora.

use crate::support::{build, fixture, project, unresolved_relative_urls};
use serde_json::Value;
use std::collections::BTreeSet;

fn standups(site: &crate::support::Built) -> Value {
    serde_json::from_str(&site.file("api/standups.json")).expect("standups.json is JSON")
}

fn rows(list: &Value, fields: &[&str]) -> Vec<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|x| fields.iter().map(|f| x[f].as_str().unwrap_or("-").to_string()).collect::<Vec<_>>().join(" | "))
        .collect()
}

#[test]
fn every_form_of_the_fixture_is_read() {
    let site = build(&fixture("standups"));
    let s = standups(&site);
    // Per-person files named by folder and by file name, a team file with people written as a
    // heading, an @handle heading and a bold line, a weekly file dated by its heading and folder.
    assert_eq!(
        rows(&s["entries"], &["date", "doc", "person_slug", "blocker"]),
        [
            "2026-03-02 | standups/2026-03-02-ben | ben | -",
            "2026-03-02 | standups/ana/2026-03-02 | ana-silva | Waiting on VPN access to the staging database.",
            "2026-03-03 | standups/daily/2026-03-03 | ana-silva | Still no VPN access.",
            "2026-03-03 | standups/daily/2026-03-03 | ben | -",
            "2026-03-03 | standups/daily/2026-03-03 | chloe | -",
            "2026-03-04 | standups/ana/2026-03-04 | ana-silva | -",
            "2026-03-05 | standups/2026-03-05-ben | ben | legal review of the data processing agreement.",
            "2026-03-09 | standups/2026/q1/weekly | chloe | the test printer is broken.",
        ]
    );
    // Ana (folder), @ana (action items) and Ana Silva (participants) are one person.
    let people: BTreeSet<String> = std::fs::read_dir(site.out.join("people"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(people, BTreeSet::from(["ana-silva.html", "ben.html", "chloe.html", "index.html"].map(String::from)));

    assert_eq!(
        rows(&s["open_blockers"], &["person", "since", "text"]),
        [
            "ben | 2026-03-05 | legal review of the data processing agreement.",
            "chloe | 2026-03-09 | the test printer is broken."
        ]
    );
    assert_eq!(
        rows(&s["resolved_blockers"], &["person", "since", "resolved_on"]),
        ["ana-silva | 2026-03-02 | 2026-03-04"]
    );
    // The three written forms of an action item, and a ticked one.
    assert_eq!(
        rows(&s["actions"], &["state", "owner_slug", "due", "text"]),
        [
            "overdue | ben | 2026-03-13 | benchmark PgBouncer in transaction mode",
            "overdue | ana-silva | 2026-03-20 | write the pooling runbook",
            "open | chloe | 2026-12-18 | order a new test printer",
            "done | ana-silva | - | share the load-test numbers",
        ]
    );
    assert_eq!(s["undated"], serde_json::json!(["meetings/next-agenda"]));
}

#[test]
fn dates_from_every_source_and_ambiguous_ones() {
    let site = build(&fixture("standups"));
    let date = |source: &str| site.doc(source)["date"].as_str().map(str::to_string);
    // Front matter `03/04/2026` with no date in the file name: read day first, and said so.
    assert_eq!(date("meetings/planning.md").as_deref(), Some("2026-04-03"));
    let ambiguous: Vec<_> = site
        .report
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "ambiguous-date")
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(ambiguous, ["meetings/planning.md"]);
    // `Date: 03/04/2026` in a file named 2026-04-03: the name settles it, nothing to report.
    assert_eq!(date("meetings/2026-04-03-retro.md").as_deref(), Some("2026-04-03"));
    // `# Weekly update — March 9` in `2026/Q1/`: the year comes from the folder.
    assert_eq!(date("standups/2026/Q1/weekly.md").as_deref(), Some("2026-03-09"));
    // A `**Date:**` line.
    assert_eq!(date("meetings/2026-03-06-architecture-sync.md").as_deref(), Some("2026-03-06"));
    assert_eq!(date("meetings/next-agenda.md"), None);
}

#[test]
fn findings_for_overdue_actions_and_stale_blockers() {
    let site = build(&fixture("standups"));
    let mut found: Vec<String> = site
        .report
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code.as_str(), "overdue-action" | "stale-blocker"))
        .map(|d| format!("{}:{} {}", d.path, d.line, d.code.as_str()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            "meetings/2026-03-06-architecture-sync.md:13 overdue-action",
            "meetings/2026-03-06-architecture-sync.md:16 overdue-action",
            "standups/2026-03-05-ben.md:3 stale-blocker",
            "standups/2026/Q1/weekly.md:6 stale-blocker",
        ]
    );
    insta::assert_yaml_snapshot!("standup_diagnostics", site.report.diagnostics);
    let attention: Value = serde_json::from_str(&site.file("api/attention.json")).unwrap();
    assert_eq!(attention["counts"]["overdue-action"], 2);
    assert_eq!(attention["counts"]["stale-blocker"], 2);
    assert!(site.file("attention/index.html").contains(r#"id="overdue-action""#));
}

#[test]
fn stale_blocker_window_and_severity_are_configurable() {
    let tmp = tempfile::tempdir().unwrap();
    crate::support::copy_tree(&fixture("standups"), tmp.path());
    std::fs::write(
        tmp.path().join("adrsite.toml"),
        "[attention]\nstale_blocker_after = \"300 days\"\n[attention.severity]\noverdue-action = \"error\"\n",
    )
    .unwrap();
    let site = build(tmp.path());
    let codes: Vec<(&str, &str)> = site
        .report
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code.as_str(), "overdue-action" | "stale-blocker"))
        .map(|d| (d.code.as_str(), d.severity.as_str()))
        .collect();
    assert_eq!(codes, [("overdue-action", "error"), ("overdue-action", "error")]);
}

#[test]
fn archive_pages() {
    let site = build(&fixture("standups"));
    assert!(unresolved_relative_urls(&site.out).is_empty(), "{:?}", unresolved_relative_urls(&site.out));
    let archive = site.file("archive/index.html");
    for week in ["2026-w10", "2026-w11", "2026-w14"] {
        assert!(archive.contains(&format!("href=\"../archive/{week}.html\"")), "{week} in the calendar");
    }
    // Weeks without notes are in the calendar, unlinked.
    assert!(archive.contains("<th scope=\"row\">W12</th>"));
    assert!(archive.contains("Next agenda"), "undated notes are listed");
    let home = site.file("index.html");
    assert!(home.contains("href=\"archive/blockers.html\"") && home.contains("href=\"archive/actions.html\""));
    insta::assert_snapshot!("week_page", site.main_html("archive/2026-w10.html"));
    insta::assert_snapshot!("blockers_page", site.main_html("archive/blockers.html"));
    insta::assert_snapshot!("actions_page", site.main_html("archive/actions.html"));
    // A person's page: their blocker, what they owe and their updates.
    let ben = site.file("people/ben.html");
    assert!(ben.contains("legal review of the data processing agreement."));
    assert!(ben.contains("benchmark PgBouncer in transaction mode"));
    // The ADR a standup and a meeting mention lists them in its backlinks.
    let adr = site.main_html("adr/0001-use-postgresql.html");
    let backlinks = &adr[adr.find("class=\"backlinks\"").unwrap()..];
    assert!(backlinks.contains("meetings/2026-03-06-architecture-sync.html"), "{backlinks}");
    assert!(backlinks.contains("standups/ana/2026-03-02.html"), "{backlinks}");
    // The note's page: @handles link to people, the summary links the week.
    let note = site.file("meetings/2026-03-06-architecture-sync.html");
    assert!(note.contains(r#"<a class="person-mention" href="../people/ben.html">@ben</a>"#), "{note}");
    assert!(note.contains(r#"href="../archive/2026-w10.html">Week 10, 2026</a>"#));
}

#[test]
fn example_site_shows_an_open_blocker_a_resolved_one_and_an_overdue_action() {
    let site = crate::support::shared_build(&project("example-site"));
    let s = standups(&site);
    assert_eq!(rows(&s["open_blockers"], &["person", "since"]), ["chloe-martin | 2026-11-10"]);
    assert_eq!(
        rows(&s["resolved_blockers"], &["person", "since", "resolved_on"]),
        ["ben-okafor | 2026-11-09 | 2026-11-17"]
    );
    let overdue: Vec<String> =
        rows(&s["actions"], &["state", "owner_slug", "due"]).into_iter().filter(|r| r.starts_with("overdue")).collect();
    assert_eq!(overdue, ["overdue | ben-okafor | 2026-11-13"]);
}

/// Both minutes corpora: every note dated (or listed with the reason it is not), a week page for
/// every week with notes.
#[test]
fn minutes_corpora_are_dated_with_week_pages() {
    for (corpus, undated, indexes) in [
        ("ipfs-team-mgmt", &[][..], 0),
        // A template for a future meeting's agenda, with no date anywhere. The `_index.md` pages of
        // `minutes/` and its `*-meeting/` folders introduce the minutes: pages, not notes.
        ("rust-compiler-team-minutes", &["notes/content/working-groups/rustc-dev-guide/minutes/agenda"][..], 0),
    ] {
        let site = crate::support::shared_build(&project(&format!("../shared/corpora/{corpus}")));
        let s = standups(&site);
        assert_eq!(s["undated"], serde_json::json!(undated), "{corpus}");
        assert_eq!(s["indexes"].as_array().unwrap().len(), indexes, "{corpus}: README/_index pages");
        let docs = site.docs_json();
        let notes: Vec<&Value> =
            docs["documents"].as_array().unwrap().iter().filter(|d| d["kind"] == "standup").collect();
        let dated = notes.iter().filter(|d| d["date"].is_string()).count();
        assert_eq!(dated + undated.len() + indexes, notes.len(), "{corpus}");
        // One week page per ISO week with a dated note.
        let weeks: BTreeSet<String> = notes
            .iter()
            .filter_map(|d| d["date"].as_str())
            .map(|d| {
                let date: jiff::civil::Date = d.parse().unwrap();
                let iso = date.iso_week_date();
                format!("{}-w{:02}.html", iso.year(), iso.week())
            })
            .collect();
        for week in &weeks {
            assert!(site.out.join("archive").join(week).is_file(), "{corpus}: archive/{week}");
        }
        let pages = std::fs::read_dir(site.out.join("archive")).unwrap().count();
        assert_eq!(pages, weeks.len() + 3, "{corpus}: weeks plus index, blockers and actions");
    }
}

#[test]
fn standups_are_searchable_dated_and_attributed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut opts = adrsite::BuildOptions::new(fixture("standups"), crate::support::today());
    opts.git = false;
    opts.cache_dir = Some(tmp.path().join("cache"));
    let index = adrsite::pipeline::search_index(&opts).unwrap();
    let hits = index.search("when were we blocked on the legal review", 3).unwrap();
    let top = &hits[0].meta;
    assert_eq!(top.source, "standups/2026-03-05-ben.md", "{hits:#?}");
    assert_eq!(top.date.as_deref(), Some("2026-03-05"));
    assert_eq!(top.people, ["Ben"]);
}

#[test]
fn meeting_notes_under_a_year_folder_take_their_month_and_day_from_the_name() {
    let src = tempfile::tempdir().unwrap();
    let year = src.path().join("wasmtime/2023");
    std::fs::create_dir_all(&year).unwrap();
    let call = "# March 16 project call\n\n## Agenda\n\n1. Announcements\n\n## Notes\n\n### Attendees\n\n- Ana Silva\n";
    std::fs::write(year.join("wasmtime-03-16.md"), call).unwrap();
    let site = crate::support::build(src.path());
    let doc = site.doc("wasmtime/2023/wasmtime-03-16.md");
    assert_eq!((doc["kind"].as_str(), doc["date"].as_str()), (Some("standup"), Some("2023-03-16")), "{doc}");
}

/// A site of notes alone says so on its home page, not that it records decisions.
#[test]
fn the_home_page_of_a_site_of_notes_says_what_it_holds() {
    let tmp = tempfile::tempdir().unwrap();
    crate::support::copy_tree(&fixture("standups").join("meetings"), &tmp.path().join("meetings"));
    crate::support::copy_tree(&fixture("standups").join("standups"), &tmp.path().join("standups"));
    let site = build(tmp.path());
    assert!(site.docs_json()["documents"].as_array().unwrap().iter().all(|d| d["kind"] == "standup"));
    let home = site.main_html("index.html");
    assert!(home.contains("documents: what was discussed, decided and given to whom, and when."), "{home}");
    let with_decisions = crate::support::shared_build(&fixture("standups")).main_html("index.html");
    assert!(with_decisions.contains("documents: what was decided, why, and what replaced it."));
}
