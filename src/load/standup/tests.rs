//! The reader on every shape of standup and meeting notes.

use super::*;
use jiff::civil::date;

fn notes(body: &str) -> Notes {
    read(body, 1, None, Some(date(2026, 3, 4)), None)
}

#[test]
fn per_person_file_with_headings() {
    let n = read(
        "## Yesterday\n- shipped the importer\n\n## Today\n- review ADR-0012\n\n## Blockers\n- none\n",
        5,
        Some("Ana"),
        None,
        None,
    );
    assert_eq!(n.entries.len(), 1);
    let e = &n.entries[0];
    assert_eq!(e.person.as_deref(), Some("Ana"));
    assert_eq!(e.done, ["shipped the importer"]);
    assert_eq!(e.doing, ["review ADR-0012"]);
    assert!(e.blocked.is_some() && e.blocker().is_none());
    assert_eq!(e.line, 5);
}

#[test]
fn sections_per_person_three_ways() {
    let body = "# Standup 2026-03-04\n\n## Ana\n### Done\n- a\n### Blocked\n- waiting on the VPN\n\n\
                ## @ben\n**Yesterday:** b\n**Today:** c\n**Blockers:** n/a\n\n\
                **Chloe**\n\nShipped: d\nWorking on: e\nHelp needed: staging is down\n";
    let n = notes(body);
    let people: Vec<_> = n.entries.iter().map(|e| e.person.clone().unwrap()).collect();
    assert_eq!(people, ["Ana", "@ben", "Chloe"]);
    assert_eq!(n.entries[0].blocker().unwrap().text(), "waiting on the VPN");
    assert_eq!(n.entries[0].anchor.as_deref(), Some("ana"));
    assert!(n.entries[1].blocker().is_none());
    assert_eq!(n.entries[1].doing, ["c"]);
    assert_eq!(n.entries[2].done, ["d"]);
    assert_eq!(n.entries[2].blocker().unwrap().text(), "staging is down");
}

#[test]
fn list_labels_under_handles() {
    // The shape of the IPFS weekly notes.
    let body = "### Week Update\n\n@alanshaw\n  - Done:\n    - Investigated [#5146](https://x)\n  - Blocked:\n    - `null`\n  - Next:\n    - Finish tests\n\n@vmx\n - Done:\n   - GraphSync\n - Blocked: No\n - Next:\n   - Reviews\n\n@fsdiogo\n- Done:\n    - errors\n- Blocked:\n    - the CI is red\n- Next:\n    - codes\n\n### Questions\n- none\n";
    let n = notes(body);
    let people: Vec<_> = n.entries.iter().map(|e| e.person.clone().unwrap()).collect();
    assert_eq!(people, ["alanshaw", "vmx", "fsdiogo"].map(|p| format!("@{p}")));
    assert_eq!(n.entries[0].done, ["Investigated #5146"]);
    assert!(n.entries[0].blocker().is_none());
    assert!(n.entries[1].blocker().is_none());
    assert_eq!(n.entries[2].blocker().unwrap().text(), "the CI is red");
    assert_eq!(n.entries[2].doing, ["codes"]);
}

#[test]
fn handles_as_list_items() {
    // The shape of the IPFS browser-team notes: a list of people, answers nested under each.
    let n = notes(
        "### Updates\n\n- @lidel\n    - Done: reviews\n    - Next: the status page\n- @olizilla\n    - Blocked: CI\n\n## Attendees\n- @vmx\n- @ana\n",
    );
    let people: Vec<_> = n.entries.iter().map(|e| e.person.clone().unwrap()).collect();
    assert_eq!(people, ["@lidel", "@olizilla"]);
    assert_eq!(n.entries[0].doing, ["the status page"]);
    assert_eq!(n.entries[1].blocker().unwrap().text(), "CI");
    assert_eq!(n.participants, ["@vmx", "@ana"]);
}

#[test]
fn heading_over_people_is_not_a_person() {
    let n = notes("## Team Updates\n\n### Ana\n- Progress: x\n");
    assert_eq!(n.entries.len(), 1);
    assert_eq!(n.entries[0].person.as_deref(), Some("Ana"));
    assert_eq!(n.entries[0].done, ["x"]);
}

#[test]
fn section_name_families() {
    for (done, doing, blocked) in [
        ("Yesterday", "Today", "Blocked"),
        ("Done", "Doing", "Blockers"),
        ("Shipped", "Working on", "Blockers"),
        ("Progress", "Plans", "Help needed"),
    ] {
        let n = read(&format!("## {done}\nx\n## {doing}\ny\n## {blocked}\nz\n## Notes\nw\n"), 1, None, None, None);
        let e = &n.entries[0];
        assert_eq!((e.done.as_slice(), e.doing.as_slice()), (&["x".to_string()][..], &["y".to_string()][..]));
        assert_eq!(e.blocker().map(Blocked::text).as_deref(), Some("z"));
        assert_eq!(e.notes, ["w"]);
    }
}

#[test]
fn nothing_is_not_a_blocker() {
    for none in ["none", "None.", "n/a", "N/A", "`null`", "No", "-", "nothing blocking", "_None_"] {
        let n = read(&format!("Blocked: {none}\n"), 1, None, None, None);
        assert!(n.entries[0].blocker().is_none(), "{none}");
    }
    let n = read("## Blockers\n\n## Notes\nfine\n", 1, None, None, None);
    assert!(n.entries[0].blocked.is_some() && n.entries[0].blocker().is_none());
}

#[test]
fn meeting_notes() {
    let body = "**Date:** March 4, 2026\n**Attendees:** @ana, Ben Okafor, **Chloe**\n\n## Agenda\n- retries\n\n## Decisions\n- Adopt RFC-0002 as written\n\n## Action items\n- [ ] @ben: write the migration plan (due: March 7)\n- [x] Chloe: book the room\n- Ana to draft the FAQ by 2026-03-10\n- Action: rotate keys — @chloe, due 2026-03-20\n";
    let n = read(body, 1, None, None, None);
    assert_eq!(n.date, Some(date(2026, 3, 4)));
    assert_eq!(n.participants, ["@ana", "Ben Okafor", "Chloe"]);
    assert_eq!(n.decisions, ["Adopt RFC-0002 as written"]);
    assert!(n.entries.is_empty());
    let a = &n.actions;
    assert_eq!(a.len(), 4, "{a:#?}");
    assert_eq!(
        (a[0].owner.as_deref(), a[0].text.as_str(), a[0].due, a[0].done),
        (Some("@ben"), "write the migration plan", Some(date(2026, 3, 7)), false)
    );
    assert_eq!((a[1].owner.as_deref(), a[1].text.as_str(), a[1].done), (Some("Chloe"), "book the room", true));
    assert_eq!(a[2].due, Some(date(2026, 3, 10)));
    assert_eq!(
        (a[3].owner.as_deref(), a[3].text.as_str(), a[3].due),
        (Some("@chloe"), "rotate keys", Some(date(2026, 3, 20)))
    );
}

#[test]
fn action_items_anywhere() {
    let n = notes(
        "Some text.\n\n@alex to upgrade the runners by 2026-03-07\n- [ ] @dana: renew the cert (due: March 9)\n- [ ] a personal todo\n",
    );
    assert_eq!(n.actions.len(), 2);
    assert_eq!(n.actions[0].owner.as_deref(), Some("@alex"));
    assert_eq!(n.actions[0].text, "upgrade the runners");
    assert_eq!(n.actions[0].due, Some(date(2026, 3, 7)));
    assert_eq!(n.actions[1].due, Some(date(2026, 3, 9)));
    assert_eq!(n.actions[1].column, 7);
    // A note that there are none is no item.
    let n =
        notes("Action items: None, first meeting!\n\n## Action items\n- Nothing this week.\n- N/A, see last week\n");
    assert!(n.actions.is_empty(), "{:?}", n.actions);
    let n = notes("## Action items\n- none. Open until the PR lands. Michael to continue moving this\n");
    assert_eq!(n.actions.len(), 1);
}

#[test]
fn dates_from_headings_and_opening_lines() {
    let read_date = |body| read(body, 1, None, None, Some(2026)).date;
    assert_eq!(read_date("# Standup March 4\n"), Some(date(2026, 3, 4)));
    assert_eq!(read_date("# Review\n\n*Issues snapshot collected on 2025-07-17T12:25:42Z*\n"), Some(date(2025, 7, 17)));
    assert_eq!(read_date("Date: 04/03/2026\n# Sync 2026-05-01\n"), Some(date(2026, 3, 4)));
    assert_eq!(read_date("# Future agenda\n\nSee the doc.\n"), None);
}

#[test]
fn template_leftovers_are_not_entries() {
    let n = notes("@alanshaw\n- Done:\n  - x\n\n@name\n- Done:\n- Blocked:\n- Next:\n");
    assert_eq!(n.entries.len(), 1);
    // `## Voting Member Attendees` lists who attended; `## Voting Member Regrets` who did not.
    let n = notes(
        "## Voting Member Attendees\n\n- Daniel Heckenberg, Animal Logic\n\n## Voting Member Regrets\n\n- Steve May, Disney\n",
    );
    assert_eq!(n.participants, vec!["Daniel Heckenberg"]);
    // In bold, as a checklist: a ticked box attended, an empty one did not.
    let n = notes(
        "## **Voting member attendance**\n\n* [x] Daniel Heckenberg - Chairperson, Animal Logic\n* [ ] Gordon Bradley, Autodesk\n* [x] Henry Vera, Double Negative\n",
    );
    assert_eq!(n.participants, vec!["Daniel Heckenberg", "Henry Vera"]);
    assert!(n.actions.is_empty(), "an attendance checklist holds no action items: {:?}", n.actions);
    // `* TODO` under `## Attendees`, as a meeting's template leaves it.
    let n = notes("## Attendees\n\n* TODO\n\n## Notes\n\n* TODO\n");
    assert!(n.participants.is_empty(), "{:?}", n.participants);
}

#[test]
fn code_and_comments_are_skipped() {
    let n = notes("```\nBlocked: fake\n```\n<!-- Blocked: also fake -->\n");
    assert!(n.entries.is_empty());
}

#[test]
fn handles_not_emails() {
    let found: Vec<_> = handles("ping @ana and a@b.com, (@ben)").collect();
    assert_eq!(found, ["ana", "ben"]);
}

#[test]
fn an_action_items_paragraph_is_its_items_and_an_agenda_after_it_is_not() {
    let n = notes(
        "Action Items:\nMDawson & Myles to talk to Node\nDan & Jory talk to JSF projects\n\n* Drafting initial governance #33\n  - 20 minute timebox\n  - refs:\n    - What does the CPC look like?\n",
    );
    let texts: Vec<&str> = n.actions.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[1].contains("JSF projects"), "{texts:?}");
    let n = notes(
        "## Action items\n\n- Ana to send the draft\n  - refs: the old draft\n  - 20 minute timebox\n- Ben to book the room\n",
    );
    let texts: Vec<&str> = n.actions.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["send the draft", "book the room"], "an item's details are not items");
    let n = notes(
        "## Action items

- OKRs
- {?}
- Gozala/libdweb

## Notes

@jacob will be out Aug 1 - 8th
",
    );
    assert!(n.actions.is_empty(), "a topic, a placeholder, an absence: {:?}", n.actions);
}

#[test]
fn a_participants_list_names_one_person_an_entry_whatever_it_says_about_them() {
    let body = "## Attendees\n* Ashley Whetter - Chairperson, DNEG\n* Person B, Affiliation B\n* Rich Trott (joined at 2:19pm ET, left at 2:40pm ET)\n* David Dias - @diasdavid\n* Saleh Abdel Motaal (@smotaal) - joined mid way\n* @lidel (Marcin Rataj)\n* Joe Sepi (@joesepi)\n* @vmx\n\n## Agenda\n- retries\n";
    let n = read(body, 1, None, None, None);
    assert_eq!(
        n.participants,
        [
            "Ashley Whetter",
            "Person B",
            "Rich Trott",
            "David Dias (@diasdavid)",
            "Saleh Abdel Motaal (@smotaal)",
            "Marcin Rataj (@lidel)",
            "Joe Sepi (@joesepi)",
            "@vmx"
        ]
    );
    let n = read("Present: Ana Silva (IBM), Ben Okafor\n", 1, None, None, None);
    assert_eq!(n.participants, ["Ana Silva", "Ben Okafor"]);
    // A handle after a full name is that person's; after a first name alone, another person's.
    let n = read(
        "## Present\n\nRobin Ginn, @rginn\nBen Michel, @obensource\nAna, @ben\n\n## Agenda\n",
        1,
        None,
        None,
        None,
    );
    assert_eq!(n.participants, ["Robin Ginn (@rginn)", "Ben Michel (@obensource)", "Ana", "@ben"]);
}

#[test]
fn attendees_one_to_a_line_after_a_blank_line() {
    let body = "## Meeting Notes\n\nAttendees:\n\nDan Gohman\nPaul Dworzanski\nLin Clark\n\nMeeting notes:\n\nDan: Process is consensus-driven.\n";
    let n = notes(body);
    assert_eq!(n.participants, vec!["Dan Gohman", "Paul Dworzanski", "Lin Clark"]);
    // A label with its names on its own line is done at the blank line after it.
    let n = notes("Attendees: Ana, Ben\n\nWe talked about retries.\n");
    assert_eq!(n.participants, vec!["Ana", "Ben"]);
}

#[test]
fn a_section_heading_keeps_its_meaning_with_a_note_to_whoever_fills_it_in() {
    let body = "# **2021-01-12 Meeting**\n\n## Attendance (please add yourself):\n\n* Dan Middleton (intel)\n* Phil Estes (Amazon)\n\n## Agenda:\n\n* Ratify the vision\n";
    let n = notes(body);
    assert_eq!(n.participants, vec!["Dan Middleton", "Phil Estes"]);
    let n = notes("## Blockers (if any)\n\n- waiting on legal\n");
    assert!(n.participants.is_empty());
}
