//! Every metadata dialect of the shared corpora, in one zero-config fixture repository.

use crate::support::{build, fixture};
use serde_json::json;

#[test]
fn every_dialect_is_read() {
    let site = build(&fixture("dialects"));
    let doc = |s: &str| site.doc(s);

    // Nygard: number and title from the heading, Date line, Status section.
    let d = doc("docs/adr/0001-record-decisions.md");
    assert_eq!(
        (d["title"].as_str(), d["status"].as_str(), d["date"].as_str()),
        (Some("Record architecture decisions"), Some("accepted"), Some("2020-01-05"))
    );
    assert_eq!(d["display_id"], "ADR-0001");

    // MADR 2 bullets, a worded date and "superseded by [ADR-0003](…)".
    let d = doc("docs/adr/0002-use-postgres.md");
    assert_eq!((d["status"].as_str(), d["date"].as_str()), (Some("superseded"), Some("2021-01-05")));
    assert_eq!(d["people"]["decider"], json!(["Ana Silva", "Ben Okafor"]));
    assert!(
        d["relations"]
            .as_array()
            .unwrap()
            .contains(&json!({"kind": "superseded-by", "target": "adr/0003-use-cockroachdb"}))
    );

    // YAML front matter (MADR 3): decision-makers, consulted, tags, supersedes by id.
    let d = doc("docs/adr/0003-use-cockroachdb.md");
    assert_eq!(d["tags"], json!(["database", "storage"]));
    assert_eq!(d["people"]["consulted"], json!(["Dmitri"]));
    let rels = d["relations"].as_array().unwrap();
    assert!(rels.contains(&json!({"kind": "supersedes", "target": "adr/0002-use-postgres"})));
    assert!(
        rels.contains(&json!({"kind": "supersedes", "target": "adr/0006-heading-prefix"})),
        "declared on the other side"
    );
    assert!(rels.contains(&json!({"kind": "amended-by", "target": "adr/0004a-amend-cockroach"})));

    // Emoji status, letter-suffixed number, `ADR-0004a:` heading prefix.
    let d = doc("docs/adr/0004a-amend-cockroach.md");
    assert_eq!(
        (d["status"].as_str(), d["status_raw"].as_str(), d["number"].as_str()),
        (Some("accepted"), Some("✅ Accepted"), Some("0004a"))
    );
    assert_eq!(d["title"], "Tune CockroachDB for latency");

    // Status in a table row, day-first short date.
    let d = doc("docs/adr/0005-table-status.md");
    assert_eq!((d["status"].as_str(), d["date"].as_str()), (Some("proposed"), Some("2018-04-10")));

    // Status prefix in the title.
    let d = doc("docs/adr/0006-heading-prefix.md");
    assert_eq!((d["title"].as_str(), d["status"].as_str()), (Some("Push metrics"), Some("superseded")));

    // Qualified status and `ADR 007:` heading.
    let d = doc("docs/adr/0007-implemented-qualifier.md");
    assert_eq!(
        (d["status"].as_str(), d["status_raw"].as_str(), d["title"].as_str()),
        (Some("implemented"), Some("Implemented (Swift 5.9)"), Some("Qualified status"))
    );

    // Dates only in a file or folder name.
    assert_eq!(doc("docs/adr/20210315-date-named.md")["date"], "2021-03-15");
    let d = doc("docs/adr/2022-02-03-integration-testing/README.md");
    assert_eq!(
        (d["date"].as_str(), d["title"].as_str(), d["url"].as_str()),
        (Some("2022-02-03"), Some("Integration testing"), Some("adr/2022-02-03-integration-testing.html"))
    );

    // RFC header bullets; the title falls back to the file name, not `# Summary`.
    let d = doc("rfcs/text/0001-private-fields.md");
    assert_eq!(
        (d["kind"].as_str(), d["title"].as_str(), d["status"].as_str(), d["date"].as_str()),
        (Some("rfc"), Some("Private fields"), Some("active"), Some("2014-03-11"))
    );

    // TOML front matter.
    let d = doc("rfcs/text/0002-no-title.md");
    assert_eq!(
        (d["title"].as_str(), d["status"].as_str(), d["date"].as_str()),
        (Some("TOML front matter RFC"), Some("final"), Some("2019-05-06"))
    );

    // kep.yaml sidecar: title, number, status, unpadded date, owning SIG as a tag; the HTML
    // comment's fake status is ignored.
    let d = doc("keps/sig-node/1234-pod-quotas/README.md");
    assert_eq!(
        (d["display_id"].as_str(), d["title"].as_str(), d["status"].as_str(), d["date"].as_str()),
        (Some("KEP-1234"), Some("Pod quotas"), Some("accepted"), Some("2021-02-01"))
    );
    assert_eq!(d["tags"], json!(["sig-node"]));

    // Handbook and standup kinds from their folders; no metadata at all for the README.
    assert_eq!(doc("handbook/on-call.md")["kind"], "handbook");
    assert_eq!(doc("handbook/on-call.md")["people"]["owner"], json!(["@ana"]));
    let d = doc("standups/2026-03-04-ana.md");
    assert_eq!((d["kind"].as_str(), d["title"].as_str()), (Some("standup"), Some("Ana Silva — 2026-03-04")));
    assert_eq!(doc("README.md")["title"], "Example repository");
}

#[test]
fn templates_and_licences_get_no_page_but_links_to_them_work() {
    let site = build(&fixture("dialects"));
    let sources: Vec<String> = site.docs_json()["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["source"].as_str().unwrap().to_string())
        .collect();
    assert!(!sources.iter().any(|s| s.contains("template") || s.contains("LICENSE")), "{sources:?}");
    assert_eq!(sources.len(), 15);
    let html = site.file("adr/0001-record-decisions.html");
    assert!(html.contains("href=\"../files/docs/adr/0000-template.md\""), "template linked as a file");
    assert!(site.out.join("files/docs/adr/0000-template.md").is_file());
}

#[test]
fn backlinks_come_from_links_mentions_and_relations_of_every_kind() {
    let site = build(&fixture("dialects"));
    let d = site.doc("docs/adr/0001-record-decisions.md");
    let mut links_in: Vec<&str> = d["links_in"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    links_in.sort();
    assert_eq!(links_in, ["adr/0002-use-postgres", "handbook/on-call", "pages/readme"]);
    let d = site.doc("docs/adr/0003-use-cockroachdb.md");
    let links_in: Vec<&str> = d["links_in"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(links_in.contains(&"standups/2026-03-04-ana"), "a standup mentioning ADR-0003: {links_in:?}");
    assert!(links_in.contains(&"adr/0001-record-decisions"), "`ADR 3` in prose: {links_in:?}");
}

#[test]
fn the_dialect_fixture_reports_only_what_is_really_wrong() {
    let site = build(&fixture("dialects"));
    insta::assert_yaml_snapshot!(site.report.diagnostics);
}

/// The file names under a built site's `people/`, sorted.
fn people_pages(site: &crate::support::Built) -> Vec<String> {
    let mut people: Vec<String> = std::fs::read_dir(site.out.join("people"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    people.sort();
    people
}

#[test]
fn a_handle_that_is_a_name_without_its_accents_is_that_person() {
    let src = tempfile::tempdir().unwrap();
    let adr = src.path().join("docs/adr");
    std::fs::create_dir_all(&adr).unwrap();
    let record = |n: u32, who: &str| {
        format!("# {n}. Record {n}\n\n* Status: accepted\n* Deciders: {who}\n\n## Decision\n\nWe do {n}.\n")
    };
    std::fs::write(adr.join("0001-one.md"), record(1, "Nicolò Ribaudo")).unwrap();
    std::fs::write(adr.join("0002-two.md"), record(2, "[@nicolo-ribaudo](https://github.com/nicolo-ribaudo)")).unwrap();
    std::fs::write(adr.join("0003-three.md"), record(3, "@nicolas")).unwrap();
    let site = build(src.path());
    let people = people_pages(&site);
    assert_eq!(people, ["index.html", "nicolas.html", "nicolò-ribaudo.html"]);
    let page = site.file("people/nicolò-ribaudo.html");
    assert!(page.contains("Record 1") && page.contains("Record 2"), "{page}");
}

#[test]
fn a_name_written_once_with_its_handle_is_that_person_without_it_too() {
    let src = tempfile::tempdir().unwrap();
    let notes = src.path().join("meetings");
    std::fs::create_dir_all(&notes).unwrap();
    let note = |who: &str| format!("# Weekly\n\n## Present\n\n{who}\n\n## Agenda\n\n- Releases\n");
    std::fs::write(notes.join("2024-01-03.md"), note("* Beth Griggs (@BethGriggs)\n* Jo Lee (@jlee)")).unwrap();
    std::fs::write(notes.join("2024-01-10.md"), note("* Beth Griggs\n* Jo Lee")).unwrap();
    // Two people of one name, each with a handle: the name alone is neither.
    std::fs::write(notes.join("2024-01-17.md"), note("* Jo Lee (@jolee2)")).unwrap();
    let site = build(src.path());
    let people = people_pages(&site);
    assert_eq!(people, ["bethgriggs.html", "index.html", "jlee.html", "jo-lee.html", "jolee2.html"]);
    let beth = site.file("people/bethgriggs.html");
    assert!(beth.contains("2024-01-03") && beth.contains("2024-01-10"), "{beth}");
}

#[test]
fn a_log4brains_folder_of_dot_is_the_repository_itself() {
    let src = tempfile::tempdir().unwrap();
    std::fs::write(src.path().join(".log4brains.yml"), "project:\n  name: Ledger\n  adrFolder: .\n  packages: []\n")
        .unwrap();
    std::fs::write(src.path().join("README.md"), "# Architecture decision records\n\nOur decisions.\n").unwrap();
    for (name, title) in [("0001-use-adrs.md", "Use ADRs"), ("20250108-use-log4brains.md", "Use Log4brains")] {
        let body = format!("# {title}\n\n- Status: accepted\n- Date: 2025-01-08\n\n## Decision\n\nWe do.\n");
        std::fs::write(src.path().join(name), body).unwrap();
    }
    let site = build(src.path());
    let docs = site.docs_json();
    let collections: Vec<(&str, &str)> = docs["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["source"].as_str().unwrap(), d["kind"].as_str().unwrap()))
        .collect();
    assert!(collections.contains(&("0001-use-adrs.md", "adr")), "{collections:?}");
    assert!(collections.contains(&("20250108-use-log4brains.md", "adr")), "{collections:?}");
    assert!(collections.contains(&("README.md", "handbook")), "the folder's index introduces it: {collections:?}");
    let nav = site.file("index.html");
    assert!(nav.contains("href=\"decisions/index.html\"") && !nav.contains("Other decisions"), "{nav}");
}

#[test]
fn a_documentation_site_s_decision_folder_its_category_page_and_a_status_folder() {
    let src = tempfile::tempdir().unwrap();
    let adrs = src.path().join("website/docs/contributing/ADRs");
    std::fs::create_dir_all(adrs.join("front-end/deprecated")).unwrap();
    std::fs::write(adrs.join("ADRs.md"), "---\ntitle: ADR Overview\n---\n\nOur decisions, by area.\n").unwrap();
    std::fs::write(
        adrs.join("front-end/naming.md"),
        "---\ntitle: \"ADR: Naming\"\n---\n\n## Decision\n\nKebab case.\n",
    )
    .unwrap();
    let old = "---\ntitle: \"ADR: Styles import placement\"\n---\n\n## Decision\n\nImports first.\n";
    std::fs::write(adrs.join("front-end/deprecated/styles-import-placement.md"), old).unwrap();
    let jsx = "---\ntitle: \"ADR: Use of conditionals in JSX (deprecated)\"\n---\n\n## Decision\n\nTernaries.\n";
    std::fs::write(adrs.join("front-end/jsx-conditionals.md"), jsx).unwrap();
    let site = build(src.path());
    let jsx = site.doc("website/docs/contributing/ADRs/front-end/jsx-conditionals.md");
    assert_eq!(
        (jsx["title"].as_str(), jsx["status"].as_str()),
        (Some("Use of conditionals in JSX"), Some("deprecated"))
    );
    let naming = site.doc("website/docs/contributing/ADRs/front-end/naming.md");
    assert_eq!((naming["kind"].as_str(), naming["title"].as_str()), (Some("adr"), Some("Naming")), "{naming}");
    let old = site.doc("website/docs/contributing/ADRs/front-end/deprecated/styles-import-placement.md");
    assert_eq!(old["status"], "deprecated", "its folder says so: {old}");
    assert_eq!(naming["status"], serde_json::Value::Null);
    let overview = site.doc("website/docs/contributing/ADRs/ADRs.md");
    assert_eq!(overview["kind"], "handbook", "the category's page introduces it: {overview}");
}
