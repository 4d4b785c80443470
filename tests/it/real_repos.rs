//! Layouts and dialects of real repositories nobody on the project wrote, each reduced to a
//! fixture file in `tests/fixtures/real-repos`: every check here failed before adrsite read it.

use crate::support::{build, fixture};
use adrsite::diagnostic::{Code, Severity};
use adrsite::load::skip::Skip;
use serde_json::json;

/// A document's kind, id, title, status and date, as the site's API gives them.
fn facts(site: &crate::support::Built, source: &str) -> [Option<String>; 5] {
    let d = site.doc(source);
    [&d["kind"], &d["display_id"], &d["title"], &d["status"], &d["date"]].map(|v| v.as_str().map(str::to_string))
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

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
fn the_index_page_of_a_folder_of_decisions_or_meetings_introduces_them_and_is_not_one() {
    let site = build(&fixture("real-repos"));
    // `adr/` is a detected collection; `BiweeklyMeetings/` is a folder whose name says what it
    // holds. Their index pages are pages, listed with neither the decisions nor the meetings.
    for source in ["adr/README.md", "BiweeklyMeetings/README.md"] {
        let d = site.doc(source);
        assert_eq!((d["kind"].as_str(), d["status"].as_str()), (Some("handbook"), None), "{source}");
    }
    assert_eq!(site.doc("adr/0003-one-person-three-ways.md")["kind"], "adr");
    assert_eq!(site.doc("BiweeklyMeetings/2020-07-01.md")["kind"], "standup");
    // The decisions' page lists them and links to their introduction.
    let decisions = site.main_html("adr/index.html");
    assert!(
        decisions.contains("Keep one queue per team") && !decisions.contains("Architecture decisions</a>"),
        "{decisions}"
    );
    let intro = site.doc("adr/README.md")["url"].as_str().unwrap().to_string();
    assert!(decisions.contains(&format!("<a href=\"../{intro}\">Introduction</a>")), "{decisions}");
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

#[test]
fn an_rfc_with_h1_sections_is_titled_from_its_feature_and_its_sections_are_sections() {
    let site = build(&fixture("real-repos"));
    let d = site.doc("rfcs/text/0004-sections-as-h1.md");
    assert_eq!(d["title"], "Dark mode for dashboards");
    // `name:` in front matter titles a page with no title of its own.
    assert_eq!(site.doc("source/on-call.md")["title"], "On-call rota");
    let html = site.main_html(d["url"].as_str().unwrap());
    // One h1, the page's title; the sections are h2 and in the contents.
    assert_eq!(html.matches("<h1").count(), 1, "{html}");
    assert!(html.contains("<h2 id=\"summary\">") && html.contains("<h2 id=\"motivation\">"), "{html}");
    assert!(html.contains("<h3 id=\"prior-art\">"), "{html}");
    assert!(html.contains("href=\"#motivation\""), "the contents list the sections: {html}");
}

#[test]
fn one_page_per_new_dialect_feature() {
    let site = build(&fixture("real-repos"));
    for (name, source) in [
        ("metadata_by_column", "adr/0001-metadata-by-column.md"),
        ("metadata_table_over_status_section", "adr/0002-metadata-table-over-status-section.md"),
        ("yaml_read_line_by_line", "rfcs/text/0003-yaml-that-fails.md"),
        ("middleman_page", "source/guides/index.html.md.erb"),
        ("series_proposal", "CIP-0001/README.md"),
        ("h1_sections", "rfcs/text/0004-sections-as-h1.md"),
    ] {
        let url = site.doc(source)["url"].as_str().unwrap().to_string();
        insta::assert_snapshot!(format!("page_{name}"), site.main_html(&url));
    }
    insta::assert_yaml_snapshot!("real_repos_diagnostics", site.report.diagnostics);
}

#[test]
fn raw_html_is_sanitised_as_github_does_unless_the_site_allows_it() {
    let site = build(&fixture("real-repos"));
    let url = site.doc("meetings/2024-02-01.md")["url"].as_str().unwrap().to_string();
    let page = site.file(&url);
    // The theme's own script loads; nothing from another host does.
    for gone in ["cdn.example.com", "<iframe", "onclick", "display: none", "Saved page", "<html>\n<head>"] {
        assert!(!page.contains(gone), "{gone} in {page}");
    }
    let main = site.main_html(&url);
    assert!(main.contains("<details><summary>Action items</summary>") && main.contains("Notes copied"), "{main}");

    // `allow_raw_html = true` keeps it as written.
    let tmp = tempfile::tempdir().unwrap();
    crate::support::copy_tree(&fixture("real-repos").join("meetings"), &tmp.path().join("meetings"));
    std::fs::write(tmp.path().join("adrsite.toml"), "allow_raw_html = true\n").unwrap();
    let trusted = build(tmp.path());
    assert!(trusted.file(&url).contains("<iframe src=\"https://video.example.com/embed/1\">"));
}

#[test]
fn one_person_written_three_ways_is_one_person() {
    let site = build(&fixture("real-repos"));
    let people = site.docs_json();
    let _ = people;
    // `Ben Okafor <bokafor@…>`, `@bokafor` and `Ben Okafor` (a continuation row elsewhere).
    let page = site.file("people/ben-okafor.html");
    assert!(page.contains("Keep one queue per team") && page.contains("Use a message queue"), "{page}");
    assert!(!site.out.join("people/bokafor.html").exists());
    assert!(!std::fs::read_dir(site.out.join("people")).unwrap().any(|e| {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        name.contains("example-org")
    }));
    let html = site.main_html(site.doc("adr/0003-one-person-three-ways.md")["url"].as_str().unwrap());
    assert!(!html.contains("bokafor@example.org"), "no email shown: {html}");

    // Configured aliases join what nothing in the text joins.
    let tmp = tempfile::tempdir().unwrap();
    crate::support::copy_tree(&fixture("real-repos").join("adr"), &tmp.path().join("adr"));
    std::fs::write(tmp.path().join("adrsite.toml"), "[people]\n\"Ana Silva\" = [\"@ana-s\"]\n").unwrap();
    let aliased = build(tmp.path());
    let ana = aliased.file("people/ana-silva.html");
    assert!(ana.contains("Keep one queue per team") && !aliased.out.join("people/ana-s.html").exists(), "{ana}");
}

#[test]
fn a_status_that_lives_in_the_process_index_reaches_each_rfc() {
    let site = build(&fixture("real-repos"));
    // By a relative link, by number, and by an absolute URL of the file.
    assert_eq!(site.doc("rfcs/text/0001-first-rfc.md")["status"], "implemented");
    assert_eq!(site.doc("rfcs/text/0003-yaml-that-fails.md")["status"], "rejected");
    assert_eq!(site.doc("rfcs/text/0004-sections-as-h1.md")["status"], "proposed");
}

/// An Eleventy handbook (GOV.UK's GDS Way, the Home Office's engineering standards), a council's
/// monthly updates (Python's steering council) and design docs (Loki's LIDs, Lit's RFCs), written
/// as their repositories write them.
#[test]
fn eleventy_permalinks_and_file_dates_and_monthly_logs_read_as_their_sites_publish_them() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| crate::support::write_file(tmp.path(), rel, text);
    // A page served at `manuals/languages.html` links its neighbours as its readers' browser
    // resolves them from there; the neighbours say where they are served.
    write(
        "source/manuals/languages/index.md",
        "---\ntitle: Style guides\npermalink: manuals/languages.html\ndate: git Last Modified\n---\n\n\
         Read the [CSS guide](languages/css.html#lint) and the [accessibility statement](../accessibility.html).\n",
    );
    write(
        "source/manuals/languages/css.md",
        "---\ntitle: CSS\npermalink: manuals/languages/css.html\n---\n\n## Lint\n",
    );
    write("source/accessibility.md", "---\ntitle: Accessibility\ndate: Created\n---\n\nWho can use the site.\n");
    // One file per month, a heading per meeting; one draft update; a link pasted into a link.
    write(
        "updates/2021-04-council-update.md",
        "# April 5\n\n- Accepted PEP 647.\n\n# April 12\n\n- Discussed the [donation page]([https://x.org/d](https://x.org/d)).\n",
    );
    write("updates/2021-01-council-update.md", "# November\n\n- Met twice.\n\n# January\n\n## January 7\n\n- Met.\n");
    write("updates/2019-03-01_council-update.md", "# [DRAFT] Council update [DRAFT]\n\nDate: 2019-03-01 (DRAFT)\n");
    // A heading of the page linked without its `#`; a month written with its year (Loki's LIDs).
    write("lids/0001-intro.md", "# Intro\n\n**Date:** 01/2023\n\n## Objective\n\nSee [#Objective](Objective).\n");
    let site = build(tmp.path());
    let diags = &site.report.diagnostics;
    assert!(!diags.iter().any(|d| d.code == Code::BadDate), "Eleventy's words for a file's date: {diags:?}");
    let broken: Vec<_> = diags.iter().filter(|d| d.code == Code::BrokenLink).collect();
    let help = |path: &str| broken.iter().find(|d| d.path == path).and_then(|d| d.help.clone()).unwrap_or_default();
    assert_eq!(broken.len(), 2, "the pasted link and the heading: {broken:?}");
    assert!(help("updates/2021-04-council-update.md").contains("write the address alone: `(https://x.org/d)`"));
    assert!(help("lids/0001-intro.md").contains("link it as `#objective`"));
    assert_eq!(site.doc("lids/0001-intro.md")["date"], "2023-01-01");
    let page = site.file(site.doc("source/manuals/languages/index.md")["url"].as_str().unwrap());
    assert!(page.contains("href=\"languages/css.html#lint\""), "the CSS guide's page, from the style guides' page");
    for log in ["updates/2021-04-council-update.md", "updates/2021-01-council-update.md"] {
        assert_eq!(site.doc(log)["title"], "Council update", "{log}");
    }
    let draft = site.doc("updates/2019-03-01_council-update.md");
    assert_eq!((draft["kind"].as_str(), draft["status"].as_str()), (Some("handbook"), Some("draft")));
}

#[test]
fn a_series_key_in_lower_case_or_in_a_preamble_block_and_a_proposal_stage_are_read() {
    let site = build(&fixture("real-repos"));
    let read = |s: &str| facts(&site, s);
    // `eip: 1344` in `eip-1344.md`: the key names the series when the file's name agrees.
    assert_eq!(
        read("EIPS/eip-1344.md"),
        [some("rfc"), some("EIP-1344"), some("ChainID opcode"), some("draft"), some("2018-08-22")]
    );
    // The same keys in a bare code block that opens the document.
    assert_eq!(
        read("EIPS/eip-2.md"),
        [some("rfc"), some("EIP-2"), some("Homestead Hard-fork Changes"), some("final"), some("2015-11-15")]
    );
    // `stage: recommended`: a proposal's stage is its status, and makes it a proposal.
    let [kind, _, _, status, _] = read("ember/text/0278-template-only-components.md");
    assert_eq!((kind, status), (some("rfc"), some("accepted")));
    // `# RFC-0010: Title`: a heading that opens with a proposal's id; `RFC-XXXX:`, a number not
    // given yet, is no part of the title.
    assert_eq!(
        read("polkadot/text/0010-burn-coretime-revenue.md"),
        [some("rfc"), some("RFC-0010"), some("Burn Coretime Revenue"), None, some("2023-07-19")]
    );
    assert_eq!(read("polkadot/text/0000-snowbridge-emergency-pause.md")[2], some("Snowbridge Emergency Pause"));
    // `**Authors:**` with the people below it, as a list or on the next line.
    let authors = |s: &str| site.doc(s)["people"]["author"].clone();
    assert_eq!(authors("pytorch/RFC-0049-infra-contribution.md"), json!(["@afrittoli", "Multi-cloud Working Group"]));
    assert_eq!(authors("pytorch/RFC-0025-improving-incremental-builds.md"), json!(["@peterbell10"]));
    // `CG-03-14.md` in a year's folder is a group's meeting on a day, not `CG-03`; a logo above
    // its `##` heading leaves that heading the title; its attendees are one to a line.
    let d = site.doc("wasm-meetings/2023/CG-03-14.md");
    assert_eq!(
        [&d["kind"], &d["display_id"], &d["title"], &d["date"]].map(|v| v.as_str()),
        [
            Some("standup"),
            None,
            Some("Agenda for the March 14th video call of WebAssembly's Community Group"),
            Some("2023-03-14")
        ]
    );
    assert_eq!(d["people"]["participant"], json!(["Dan Gohman", "Lin Clark"]));
    // A compound series prefix with a kind in it: Open Data Hub's `ODH-ADR-0001`.
    assert_eq!(
        read("odh/ODH-ADR-0001-use-architecture-decision-records.md"),
        [
            some("adr"),
            some("ODH-ADR-0001"),
            some("Use Architecture Decision Records for Open Data Hub"),
            some("accepted"),
            some("2023-02-20")
        ]
    );
    // A heading that once introduced a list keeps no colon as a title.
    assert_eq!(read("proposals-done/README.md")[2], some("Done Proposals"));
}

#[test]
fn series_named_in_headings_change_log_dates_and_lists_that_are_content() {
    let site = build(&fixture("real-repos"));
    let read = |s: &str| facts(&site, s)[1..].to_vec();
    // `# MSC1708: …` over `1708-….md`: most of the folder's proposals name their series, so the
    // folder's ids are that series', also for the one whose heading does not say it.
    assert_eq!(read("proposals/1708-well-known-for-federation.md")[0], some("MSC-1708"));
    assert_eq!(
        read("proposals/1929-admin-contact.md")[..2],
        [some("MSC-1929"), some("Homeserver Admin Contact and Support page")]
    );
    assert_eq!(read("proposals/2457-password-modification-invalidating-devices.md")[0], some("MSC-2457"));
    // A change log dates the record from its first entry, and its latest is the last update.
    let d = site.doc("adr/0004-a-change-log-dates-the-record.md");
    assert_eq!((d["date"].as_str(), d["status"].as_str()), (Some("2020-01-14"), Some("proposed")));
    // A list a sentence introduces is the page's content: no `bad-date` for a receipt's date;
    // a Jekyll collection's page is found at the address it is published at.
    let diags: Vec<_> = site.report.diagnostics.iter().filter(|d| d.path == "_guides/claiming-expenses.md").collect();
    assert!(diags.is_empty(), "{diags:?}");
    // `## Attendance (please add yourself)` lists who attended.
    let notes = site.doc("minutes/2021-01-12.md");
    assert_eq!(notes["people"]["participant"], json!(["Dan Middleton", "Phil Estes"]));
    assert_eq!(read("KEEP/proposals/KEEP-0193-named-arguments.md")[2], some("proposed"));
}

#[test]
fn a_preamble_under_its_heading_a_title_that_opens_with_an_id_and_values_that_say_none() {
    let site = build(&fixture("real-repos"));
    let read = |s: &str| facts(&site, s);
    // `## Preamble` then a bare code block of keys (Stellar's CAPs); the section is no title.
    assert_eq!(
        read("core/cap-0008.md"),
        [
            some("rfc"),
            some("CAP-0008"),
            some("Self Identified Pre-Auth Transaction"),
            some("draft"),
            some("2018-11-13")
        ]
    );
    // `title: SIP-42 - …` (Scala's SIPs): the id a title opens with; `SIP-XX -` is a number to come.
    assert_eq!(
        read("content/binary-integer-literals.md")[..4],
        [some("rfc"), some("SIP-42"), some("Support Binary Integer Literals"), some("implemented")]
    );
    assert_eq!(read("content/no-curly-partial-match.md")[2], some("No-Curly Partial Functions and Matches"));
    // `simd: '0049'` in `0049-….md`: a proposal key agreeing with the number alone in the name.
    assert_eq!(read("simds/0049-syscall-get-remaining-compute-units.md")[1], some("SIMD-0049"));
    // `# TITLE:  …` is no part of the title; `Status: N/A` and `Date: N/A` state none, silently.
    assert_eq!(read("adr/0005-a-title-key-in-the-heading.md")[2], some("Establishing ADRs for US Notify"));
    assert_eq!(read("adr/0006-none-stated.md")[3..], [None, None]);
    let noted: Vec<_> = site.report.diagnostics.iter().filter(|d| d.path == "adr/0006-none-stated.md").collect();
    assert!(noted.is_empty(), "{noted:?}");
}

#[test]
fn preambles_indented_or_in_html_tables_series_named_by_their_folder_and_titles_in_other_forms() {
    let site = build(&fixture("real-repos"));
    let read = |s: &str| facts(&site, s);
    // Erlang's EEPs: an indented preamble at the very top, a rule, the title underlined below it;
    // `eeps/eep-0042.md` is EEP-0042, and an obfuscated address is no part of a name.
    assert_eq!(
        read("eeps/eep-0042.md"),
        [some("rfc"), some("EEP-0042"), some("setrlimit(2) analogue for Erlang"), some("draft"), some("2013-02-07")]
    );
    assert_eq!(site.doc("eeps/eep-0042.md")["people"]["author"], json!(["Richard A. O'Keefe"]));
    assert_eq!(
        read("eeps/eep-0002.md")[..4],
        [some("rfc"), some("EEP-0002"), some("Sample Plaintext EEP Template"), some("active")]
    );
    // Perl's PPCs: an indented block under `## Preämble`; `Incorporated` is implemented.
    assert_eq!(
        read("ppcs/ppc0004-defer-block.md")[..4],
        [some("rfc"), some("PPC-0004"), some("Deferred block syntax"), some("implemented")]
    );
    // A `| ID | Title |` row further down names another document, not this page's title.
    assert_eq!(read("ppcs/README.md")[2], some("Ppcs"));
    // conda's CEPs: the head as an HTML table of keys and values.
    assert_eq!(
        read("cep-0012.md")[2..],
        [some("Serving run_exports metadata in conda channels"), some("accepted"), some("2023-05-04")]
    );
    // Its `Discussion: NA` is the template's: the page shows nothing for it.
    assert!(!site.main_html("pages/cep-0012.html").contains("<dt>Discussion</dt>"));
    // Tekton's TEPs: a slug in `title:` gives way to the heading; `in pr review` is proposed.
    assert_eq!(read("teps/0033-proxy-support.md")[2..4], [some("Proxy Support"), some("proposed")]);
    // F#'s RFCs: words before the title's own id go with it.
    assert_eq!(
        read("FSharp-6.0/FS-1100-printf-binary.md")[1..3],
        [some("FS-1100"), some("Printf format as binary number")]
    );
    // Cilium's CFPs: the title in bold above `# Meta`, and the day design discussion began.
    assert_eq!(
        read("cilium/CFP-35631-support-cni-status-operation.md"),
        [
            some("rfc"),
            some("CFP-35631"),
            some("Support CNI STATUS operation in Cilium-CNI"),
            some("accepted"),
            some("2024-10-30")
        ]
    );
    // Flow's FLIPs: `# FLIP 722: …` over a file named by its date.
    assert_eq!(
        read("cadence/20211208-cadence-remove-optional-reference.md")[..4],
        [some("rfc"), some("FLIP-722"), some("Optional References to Indexed Accesses"), some("implemented")]
    );
    // Sui's SIPs: a comma inside a person's brackets does not split them in two.
    assert_eq!(read("sips/sip-4.md")[1..4], [some("SIP-4"), some("Dependency Update Check API"), some("draft")]);
    assert_eq!(site.doc("sips/sip-4.md")["people"]["owner"], json!(["Henry Duong"]));
    // ASWF's TAC: a title that is the file's name gives way to the heading; `## Voting Member
    // Attendees` lists who attended; a year's folder index introduces that year's meetings.
    assert_eq!(read("meetings/2018/2018-09-12.md")[2], some("AWSF TAC Meeting - September 12, 2018"));
    assert_eq!(
        site.doc("meetings/2018/2018-09-12.md")["people"]["participant"],
        json!(["Daniel Heckenberg", "Kimball Thurston"])
    );
    assert_eq!(read("meetings/2018/README.md")[0], some("handbook"));
    // Attendance as a checklist under a bold heading: a ticked box attended, an empty one did not.
    let notes = site.doc("meetings/2019/2019-05-08.md");
    assert_eq!(notes["people"]["participant"], json!(["Daniel Heckenberg", "Henry Vera"]));
    // CA/B Forum: `1. Present: …` in a numbered list, each person without their organisation;
    // Hugo's `archetypes/` are templates.
    assert_eq!(
        site.doc("content/posts/2013/2013-07-25-minutes.md")["people"]["participant"],
        json!(["Rick Andrews", "Kirk Hall", "Atsushi Inaba"])
    );
    assert!(site.docs_json()["documents"].as_array().unwrap().iter().all(|d| d["source"] != "archetypes/minutes.md"));
    // A French MADR log: `0000-modele-adr.md` is its template; `title: 0031-Convergence-des-…`
    // is the file's name, and the heading the title.
    assert!(
        site.docs_json()["documents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["source"] != "docs/decisions/0000-modele-adr.md")
    );
    assert_eq!(
        read("docs/decisions/0031-cms-esantegouvfr-portail-industriel.md")[1..4],
        [some("ADR-0031"), some("Convergence des CMS publics esanté.gouv.fr et Portail Industriel"), some("accepted")]
    );
    // Wikibase's ADRs: a heading's attribute block is no part of the title.
    assert_eq!(read("adr/0011-declare-strict-types.md")[2], some("declare strict_types Rollout"));
    // Crossplane's `Defunct` designs no longer apply.
    assert_eq!(read("design/defunct/one-pager-resource-reclaim-policy.md")[3], some("deprecated"));
    // A meeting template's `* TODO` under `## Attendees` names nobody.
    assert_eq!(site.doc("SIG-Debugging/2023/debugging-02-09.md")["people"], json!({}));
}
