//! Tests of the dialect scan: each reads a small document as a team writes it.

use super::*;
use crate::vocab::Role;

fn scan(text: &str) -> (RawMeta, BodyScan) {
    let mut meta = RawMeta::default();
    let s = scan_body("x.md", text, 0, &mut meta);
    (meta, s)
}

#[test]
fn nygard() {
    let (m, s) = scan(
        "# 5. Use Postgres\n\nDate: 2020-01-02\n\n## Status\n\nSuperseded by [7. X](0007-x.md)\n\nAmends [3. Y](0003-y.md)\n\n## Context\n\nDate: 1999-01-01\n",
    );
    assert_eq!(s.title.unwrap().text, "5. Use Postgres");
    assert_eq!(m.date.unwrap().1.value, "2020-01-02");
    let st = m.status.unwrap();
    assert_eq!((st.value.as_str(), st.line), ("Superseded by [7. X](0007-x.md)", 7));
    assert_eq!(m.relations.len(), 1);
    assert_eq!(m.relations[0].0, RelationKind::Amends);
    assert_eq!(m.relations[0].1.value, "0003-y.md");
    assert!(s.has_status_section);
}

#[test]
fn madr2_bullets() {
    let (m, _) = scan(
        "# Use X\n\n* Status: accepted\n* Deciders: Ana, Ben\n* Date: 2020-01-02\n\nTechnical Story: foo\n\n## Context\n",
    );
    assert_eq!(m.status.unwrap().value, "accepted");
    assert_eq!(m.people, vec![(Role::Decider, "Ana".into()), (Role::Decider, "Ben".into())]);
    assert_eq!(m.info, vec![("Technical story", "foo".into())]);
}

#[test]
fn rfc_header_bullets() {
    let (m, s) = scan(
        "- Feature Name: `const_generics`\n- Start Date: 2017-05-01\n- RFC PR: [rust-lang/rfcs#2000](https://x)\n\n# Summary\n\nText.\n",
    );
    assert_eq!(m.date.unwrap().1.value, "2017-05-01");
    assert_eq!(m.info[0], ("Feature name", "`const_generics`".into()));
    assert_eq!(s.title.unwrap().text, "Summary");
}

#[test]
fn author_bullets_in_any_emphasis() {
    for text in [
        "# T\n\n* **Original Author(s):**: @ana\n* **Tracking Issue**: #510\n",
        "# T\n\n* **Original Author(s):** @ana\n",
        "# T\n\n- _Author_: @ana\n",
        "# T\n\n- *Authors:* @ana\n",
    ] {
        let (m, _) = scan(text);
        let authors: Vec<&str> = m.people.iter().filter(|(r, _)| *r == Role::Author).map(|(_, p)| p.as_str()).collect();
        assert_eq!(authors, ["@ana"], "{text}");
    }
}

#[test]
fn bold_keys_and_table_rows() {
    let (m, _) = scan("# T\n\n**Status:** Accepted\n");
    assert_eq!(m.status.unwrap().value, "Accepted");
    let (m, _) = scan("# T\n\n| Field | Value |\n|---|---|\n| Status | Proposed |\n");
    assert_eq!(m.status.unwrap().value, "Proposed");
}

#[test]
fn a_data_table_further_down_is_not_metadata() {
    let schema = "| Column | Type | Constraints |\n|---|---|---|\n| ID | BIGINT | PK |\n| NAME | TEXT | NOT NULL |\n| OWNER | TEXT | |\n";
    let (m, _) = scan(&format!("| Status | Date |\n|---|---|\n| Accepted | 2026-03-11 |\n\n## Context\n\n{schema}"));
    assert_eq!((m.status.unwrap().value.as_str(), m.alt_title), ("Accepted", None));
    assert!(m.people.is_empty(), "no owner from the schema");
    // A table of metadata further down still counts when nothing above says otherwise.
    let (m, _) = scan("# T\n\nWhy.\n\n## Details\n\n| Status | Proposed |\n|---|---|\n| Owner | Ana |\n");
    assert_eq!(m.status.unwrap().value, "Proposed");
}

#[test]
fn status_in_title_and_setext() {
    let (m, s) =
        scan("# [Superseded by [ADR-0019](0019-x.md)] Push metrics\n\n* Status: superseded by [ADR-0019](0019-x.md)\n");
    assert!(m.status.unwrap().value.to_lowercase().starts_with("superseded"));
    assert_eq!(crate::load::title_status::strip_title_status(&s.title.unwrap().text), "Push metrics");
    let (_, s) = scan("Team call\n=========\n\ntext\n");
    assert_eq!(s.title.unwrap().text, "Team call");
}

#[test]
fn a_leading_level_two_heading_is_the_title_when_there_is_no_h1() {
    let (m, s) =
        scan("## HTTP CONNECT Proxy Support\n\n*   Author(s): Mark Roth\n*   Status: Implemented\n\n## Abstract\n");
    assert_eq!(
        (s.title.unwrap().text.as_str(), m.status.unwrap().value.as_str()),
        ("HTTP CONNECT Proxy Support", "Implemented")
    );
    let (m, s) = scan("Service Config via DNS\n----------------------\n* Status: Implemented\n");
    assert_eq!(
        (s.title.unwrap().text.as_str(), m.status.unwrap().value.as_str()),
        ("Service Config via DNS", "Implemented")
    );
    let (_, s) = scan("## Context\n\ntext\n\n# The real title\n");
    assert_eq!(s.title.unwrap().text, "The real title", "an H1 further down wins");
    let (_, s) = scan("Some opening prose.\n\n## Details\n");
    assert!(s.title.is_none(), "a section after prose is not a title");
    let (_, s) = scan("## Status\n\nAccepted\n");
    assert!(s.title.is_none(), "a status section is not a title");
}

#[test]
fn a_logo_above_a_leading_level_two_heading_leaves_it_the_title() {
    let (_, s) = scan("![WebAssembly logo](/images/WebAssembly.png)\n\n## Agenda for the March 14th call\n\nText.\n");
    assert_eq!(s.title.unwrap().text, "Agenda for the March 14th call");
    let (_, s) = scan("Some prose first.\n\n## Section\n");
    assert!(s.title.is_none());
}

#[test]
fn code_and_comments_are_skipped_and_unclosed_fence_warns() {
    let (m, s) = scan("<!--\n# Not a title\nStatus: x\n-->\n```\n# nope\n```\n# Real\n\n```rust\nfn x() {}\n");
    assert_eq!(s.title.unwrap().text, "Real");
    assert!(m.status.is_none());
    assert_eq!(s.diagnostics[0].line, 10);
}

#[test]
fn a_french_record_with_its_deciders_as_a_nested_list() {
    let text = "# 9. Filtres\n\nDate: 2020-05-07\n\n- Décideurs:\n  - [Alexis Janvier](https://github.com/alexisjanvier)\n  - Emmanuel Bosquet\n- Ticket: -\n\n## Statut\n\n<!-- en anglais : proposed/accepted -->\n2020-05-07 accepted\n\n## Contexte\n\n  - not a decider\n";
    let (m, _) = scan(text);
    let deciders: Vec<&str> = m.people.iter().map(|(_, p)| p.as_str()).collect();
    assert_eq!(deciders, ["Alexis Janvier", "Emmanuel Bosquet"]);
    assert_eq!(m.status.unwrap().value, "2020-05-07 accepted");
}

#[test]
fn a_status_section_of_prose_is_not_a_status() {
    let (m, s) = scan(
        "# Chat commands\n\n## Status\n\nOur !status command looks at the monitoring systems to find the state.\n",
    );
    assert!(m.status.is_none() && !s.has_status_section);
    let (m, _) =
        scan("# ADR 7\n\n## Status\n\nProposed. This ADR did not reach consensus in the team before it stalled.\n");
    assert_eq!(m.status.unwrap().value, "Proposed. This ADR did not reach consensus in the team before it stalled.");
}

#[test]
fn status_section_skips_quotes_and_blank_lines() {
    let (m, _) = scan("# ADR 050: X\n\n## Status\n\n> A decision may be \"proposed\" if...\n\nImplemented\n");
    assert_eq!(m.status.unwrap().value, "Implemented");
    let (m, _) = scan(
        "# 9. Filtres\n\n## Statut\n\n<!-- les statuts sont en anglais :\nproposed/accepted -->\n2020-05-07 proposed\n",
    );
    assert_eq!(m.status.unwrap().value, "2020-05-07 proposed");
}

#[test]
fn a_preamble_under_its_heading_fenced_or_indented() {
    // Perl's PPCs: the title, `## Preamble`, then an indented block of keys.
    let ppc = "# Deferred block syntax\n\n## Preamble\n\n    Author:  Ana <a@x>\n    Sponsor:\n    ID:      0004\n    Status:  Implemented\n\n## Abstract\n\nText.\n";
    let (m, _) = scan(ppc);
    assert_eq!(m.status.unwrap().value, "Implemented");
    assert_eq!(m.number.unwrap().value, "0004");
    // Stellar's CAPs: `## Preamble` first, then a fenced block.
    let (m, _) = scan("## Preamble\n\n```\nCAP: 0008\nStatus: Draft\nCreated: 2018-11-13\n```\n");
    assert_eq!(m.status.unwrap().value, "Draft");
    // An indented block elsewhere is a code sample, whatever it says.
    let (m, _) = scan("# T\n\n## Abstract\n\n    Status: Implemented\n    Created: 2020-01-01\n");
    assert!(m.status.is_none());
    // Nothing but the block: the document ends inside it.
    let (m, _) = scan("# T\n\n## Preamble\n\n    Status: Draft\n    Created: 2020-01-01");
    assert_eq!(m.status.unwrap().value, "Draft");
}

#[test]
fn a_head_written_as_an_html_table() {
    let cep = "<table>\n<tr><td> Title </td><td> CEP Purpose and Guidelines </td>\n<tr><td> Status </td><td> Proposed </td></tr>\n<tr><td> Created </td><td> Jun 29, 2021</td></tr>\n</table>\n\n# Abstract\n\nText.\n";
    let (m, _) = scan(cep);
    assert_eq!(m.status.unwrap().value, "Proposed");
    assert_eq!(m.title.unwrap().value, "CEP Purpose and Guidelines");
    // A table further down is the document's content.
    let (m, _) = scan("# T\n\n## Data\n\n<table>\n<tr><td>Status</td><td>green</td></tr>\n</table>\n");
    assert!(m.status.is_none());
}

#[test]
fn an_indented_preamble_at_the_top_ends_at_its_first_blank_line() {
    // Erlang's EEPs: the headers, a rule, then the title as a setext heading.
    let eep = "    Author: Ana <ana(at)x>\n    Status: Draft\n    Type: Standards Track\n    Created: 07-Feb-2013\n    Post-History:\n****\nEEP 42: setrlimit(2) analogue for Erlang\n----\n\nAbstract\n========\n\nText.\n";
    let (m, s) = scan(eep);
    assert_eq!(m.status.unwrap().value, "Draft");
    assert_eq!(s.title.unwrap().text, "EEP 42: setrlimit(2) analogue for Erlang");
    // A plaintext document indented throughout: the headers, a blank line, then its text.
    let (m, _) =
        scan("    EEP: 2\n    Title: Sample Template\n    Status: Active\n\n    Abstract\n\n        Status: text\n");
    assert_eq!((m.status.unwrap().value.as_str(), m.title.unwrap().value.as_str()), ("Active", "Sample Template"));
    // A code sample that opens a document states nothing.
    let (m, _) = scan("    name: web\n    image: nginx\n\nText.\n");
    assert!(m.status.is_none() && m.title.is_none());
}

#[test]
fn a_bold_first_line_with_an_id_leads_over_a_section_heading() {
    let cfp = "**CFP-35631: Support CNI STATUS operation in Cilium-CNI**\n\n# **Meta**\n\n**Begin Design Discussion:** 2024-10-30\n\n**Status:** Implementable\n";
    let (m, s) = scan(cfp);
    assert_eq!(s.title.unwrap().text, "CFP-35631: Support CNI STATUS operation in Cilium-CNI");
    assert_eq!((m.status.unwrap().value.as_str(), m.date.unwrap().1.value.as_str()), ("Implementable", "2024-10-30"));
    // A bold note first is no title; a real title heading below it still is.
    let (_, s) = scan("**Note: this page moved.**\n\n# Hiring\n");
    assert_eq!(s.title.unwrap().text, "Hiring");
}

#[test]
fn an_html_table_never_closed_does_not_swallow_the_document() {
    let mut text = String::from("<table>\n<tr><td>Status</td><td>Accepted</td></tr>\n");
    for i in 0..150 {
        text.push_str(&format!("<tr><td>row {i}</td></tr>\n"));
    }
    text.push_str("\nStatus: Proposed\n");
    let (m, _) = scan(&text);
    assert!(m.status.is_none_or(|s| s.value != "Accepted"), "an unclosed table states nothing");
}
