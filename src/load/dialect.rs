//! Metadata written in the Markdown body itself, in every dialect the corpora use:
//!
//! - Nygard / adr-tools: `# 5. Title`, a `Date:` line, a `## Status` section whose first paragraph
//!   is the status and whose other lines may say `Supersedes [..](..)` or `Amends ..`;
//! - MADR 2 and Log4brains: `* Status: accepted` / `- Deciders: ..` bullets under the title;
//! - RFC headers: `- Start Date:`, `- RFC PR:`, `- Feature Name:` bullets before the first heading;
//! - plain `Author(s):` / `Last updated:` lines (Go proposals, meeting notes), and bold keys
//!   without colons, several to a line (`**Owner** [Ana](…) | **Status** Accepted`,
//!   [`bold_keys`](crate::load::bold_keys));
//! - a metadata table, a key per row or per column ([`meta_table`]), which in the head wins over a
//!   `## Status` section further down;
//! - a status in the title: `# [Superseded by [ADR-0019](..)] Title`.
//!
//! Input: the body text. Output: fields fed into [`RawMeta`] (after front matter, so front matter
//! wins), the heading that may serve as title, and `markdown` diagnostics for unclosed fences.

use crate::diagnostic::{Code, Diagnostic};
use crate::load::front_matter::FieldValue;
use crate::load::meta::{Key, Located, RawMeta, canonical_key, classify};
use crate::load::meta_table;
use crate::load::relation_line::{relation_line, relation_targets};
use crate::vocab::RelationKind;
use regex::Regex;
use std::sync::LazyLock;

/// The first level-1 heading, candidate for the title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleHeading {
    /// Inline Markdown of the heading.
    pub text: String,
    /// Byte range of the heading's lines in the document text (dropped from the rendered body
    /// when the heading becomes the page title).
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// 1-based line.
    pub line: u32,
}

/// What scanning the body found besides metadata.
#[derive(Debug, Default)]
pub struct BodyScan {
    /// The first H1.
    pub title: Option<TitleHeading>,
    /// Whether the body has a `## Status` section (a hint that it is an ADR).
    pub has_status_section: bool,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
}

static KEY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    // Any emphasis around the key, the colon inside or outside it, or both (`**Author(s):**:`).
    Regex::new(r"^\s{0,3}(?:[-*+]\s+)?(?:\*\*|__|\*|_)?(\p{L}[\p{L}0-9 ()/_'-]{0,40}?)\s*(?:\*\*|__|\*|_)?\s*:\s*(?:\*\*|__|\*|_)?\s*:?\s*(.*?)\s*\\?\s*$")
        .expect("static regex")
});
/// Scans the body of the document at `path` (`text[body_start..]`) and feeds `meta`.
pub fn scan_body(path: &str, text: &str, body_start: usize, meta: &mut RawMeta) -> BodyScan {
    let mut scan = BodyScan::default();
    let first_line = crate::diagnostic::line_col(text, body_start).0;
    let mut offset = body_start;
    let mut fence: Option<(char, usize, u32)> = None;
    let mut in_comment = false;
    let mut header = true;
    let mut header_keys = 0usize;
    let mut status_section: Option<bool> = None; // Some(found_status_paragraph)
    let mut change_log = crate::load::changelog::ChangeLog::default();
    // Inside a list that a sentence ending in `:` introduced.
    let mut introduced = false;
    let mut listed: Option<crate::load::value_below::ValueBelow> = None;
    // Metadata tables in the head (before the first section) count as they come, so they win
    // over a `## Status` section further down; later tables count after every other dialect.
    let mut table_rows: Vec<(Key, Located)> = Vec::new();
    let mut table: Vec<meta_table::TableLine<'_>> = Vec::new();
    let mut in_head = true;
    let mut prev: Option<(usize, &str, u32)> = None;
    let mut body_lines = 0usize;
    // `## HTTP CONNECT Proxy Support` as a document's first line, with no H1 anywhere: the
    // title, written one level down (gRPC's proposals).
    let mut lead: Option<TitleHeading> = None;
    // A bare code block opening the document may be its preamble (`EIP: 2`, `Title: …`).
    let mut preamble: Option<Vec<(&str, (usize, u32))>> = None;
    let mut preamble_heading = false;

    for (line_no, raw) in (first_line..).zip(text[body_start..].split_inclusive('\n')) {
        let line = raw.trim_end_matches('\n');
        let here = (offset, line_no);
        offset += raw.len();
        let trimmed = line.trim();
        if fence.is_none() && !in_comment && trimmed.starts_with('|') && body_lines < 80 {
            table.push((line, line_no));
            body_lines += 1;
            prev = None;
            continue;
        }
        if !table.is_empty() {
            take_table(&mut table, in_head, meta, &mut table_rows);
        }

        if let Some((ch, len, _)) = fence {
            let t = line.trim_start();
            if t.starts_with(ch)
                && t.chars().take_while(|&c| c == ch).count() >= len
                && t.trim_start_matches(ch).trim().is_empty()
            {
                fence = None;
                if let Some(lines) = preamble.take() {
                    let stem = crate::vocab::markdown_name::stem(path.rsplit('/').next().unwrap_or(path));
                    let text: Vec<&str> = lines.iter().map(|(l, _)| *l).collect();
                    for (i, key, value) in crate::load::preamble::read(&text, stem) {
                        set(meta, key, &value, lines[i].1);
                    }
                }
            } else if let Some(lines) = &mut preamble {
                lines.push((line, here));
            }
            continue;
        }
        if in_comment {
            if trimmed.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if indent <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            let ch = trimmed.chars().next().unwrap_or('`');
            let len = trimmed.chars().take_while(|&c| c == ch).count();
            // A backtick fence's info string may not contain backticks; such a line is inline code.
            if !(ch == '`' && trimmed[len..].contains('`')) {
                // At the very top, or under a first heading that names it (`## Preamble`, Stellar's CAPs).
                if (body_lines == 0 || body_lines == 1 && preamble_heading) && trimmed[len..].trim().is_empty() {
                    preamble = Some(Vec::new());
                }
                fence = Some((ch, len, here.1));
                header = false;
                continue;
            }
        }
        if trimmed.starts_with("<!--") && !trimmed.contains("-->") {
            in_comment = true;
            continue;
        }
        if trimmed.is_empty() {
            if let Some(below) = &mut listed {
                below.blank();
            }
            prev = None;
            continue;
        }
        // A logo or badge above everything (`![WebAssembly logo](…)`) does not stop a `##` below it
        // from leading the document.
        if body_lines == 0 && is_image_line(trimmed) {
            continue;
        }
        body_lines += 1;

        // `- Deciders:` with the people as a list below it.
        if let Some(below) = &mut listed {
            let is_key = KEY_LINE.captures(line).is_some_and(|c| classify(&canonical_key(&c[1])).is_some());
            if below.take(line, is_key) {
                continue;
            }
            if let Some(below) = listed.take() {
                set(meta, below.key, &below.value(), below.at);
            }
        }
        if let Some(level) = atx_level(line) {
            let heading = line.trim_start().trim_start_matches('#').trim();
            let heading = heading.trim_end_matches('#').trim();
            let leads = level == 2 && body_lines == 1 && scan.title.is_none() && !names_a_status(heading);
            if leads {
                lead = Some(TitleHeading { text: heading.to_string(), start: here.0, end: offset, line: here.1 });
            } else if level == 1 {
                if scan.title.is_none() {
                    scan.title =
                        Some(TitleHeading { text: heading.to_string(), start: here.0, end: offset, line: here.1 });
                    if heading.starts_with('[') {
                        crate::load::title_status::read(heading, here.1, meta);
                    }
                } else {
                    header = false;
                }
            } else {
                header = false;
            }
            if header_keys > 0 && level == 1 && scan.title.as_ref().is_some_and(|t| t.start != here.0) {
                header = false;
            }
            if !leads && scan.title.as_ref().is_none_or(|t| t.start != here.0) {
                in_head = false;
            }
            let plain = crate::text::plain_inline(heading).to_lowercase();
            let plain = plain.trim_end_matches(':').trim();
            change_log.heading(plain);
            preamble_heading = body_lines == 1 && plain == "preamble";
            if crate::load::status::is_status_heading(plain) {
                status_section = Some(false);
            } else if let Some(rest) = plain.strip_prefix("status:") {
                let _ = rest;
                let value = heading.split_once(':').map(|x| x.1).unwrap_or("").trim();
                set(meta, Key::Status, value, here);
                status_section = None;
                scan.has_status_section = true;
            } else {
                status_section = None;
            }
            prev = None;
            continue;
        }
        // A setext H2 (`---` under the first line) leads the document in the same way.
        if trimmed.chars().all(|c| c == '-')
            && trimmed.len() >= 2
            && body_lines == 2
            && scan.title.is_none()
            && let Some((start, prev_line, prev_no)) = prev
            && !names_a_status(prev_line.trim())
        {
            lead = Some(TitleHeading { text: prev_line.trim().to_string(), start, end: offset, line: prev_no });
            prev = None;
            continue;
        }
        // Setext H1: a single paragraph line underlined with `===`.
        if trimmed.chars().all(|c| c == '=') && trimmed.len() >= 2 {
            if let Some((start, prev_line, prev_no)) = prev
                && scan.title.is_none()
            {
                scan.title =
                    Some(TitleHeading { text: prev_line.trim().to_string(), start, end: offset, line: prev_no });
            }
            prev = None;
            continue;
        }

        change_log.line(line, here.1);
        if let Some(found) = status_section {
            // A quoted explanation, or a comment to authors (`<!-- proposed/accepted/… -->`; one
            // over several lines is skipped above).
            if trimmed.starts_with('>') || trimmed.starts_with("<!--") {
                continue;
            }
            if !found {
                // The first paragraph is the status, even when it reads `Superseded by [..](..)`;
                // a sentence about something else's status ("Our !status command looks at…") is
                // prose, not the document's status.
                let value = trimmed.trim_start_matches(['-', '*', '+']).trim();
                let words = crate::text::plain_inline(value).split_whitespace().count();
                if words <= 3 || crate::load::status::is_status(value) {
                    set(meta, Key::Status, value, here);
                    scan.has_status_section = true;
                }
                status_section = Some(true);
            } else if let Some(rel) = relation_line(line) {
                add_relations(meta, rel.0, &rel.1, here);
            }
            continue;
        }

        let item = trimmed.starts_with(['-', '*', '+']) && trimmed[1..].starts_with([' ', '\t']);
        if header && body_lines <= 60 && !(introduced && item) {
            if let Some(rel) = relation_line(line) {
                add_relations(meta, rel.0, &rel.1, here);
                header_keys += 1;
                continue;
            }
            if let Some(c) = KEY_LINE.captures(line) {
                let key = canonical_key(&c[1]);
                if let Some(k) = classify(&key) {
                    if c[2].trim().is_empty() {
                        listed = Some(crate::load::value_below::ValueBelow::new(k, here, line));
                    }
                    set(meta, k, &c[2], here);
                    header_keys += 1;
                    prev = None;
                    continue;
                }
            }
            let pairs = crate::load::bold_keys::bold_keys(line);
            if !pairs.is_empty() {
                for (k, value) in pairs {
                    set(meta, k, &value, here);
                    header_keys += 1;
                }
                prev = None;
                continue;
            }
        }
        // `Each receipt requires the following details:` introduces a list of what the page is
        // about (`* **Date**: the date on the receipt`), not the page's metadata.
        if trimmed.ends_with(':') && trimmed.split_whitespace().count() >= 3 {
            introduced = true;
        } else if !item {
            introduced = false;
        }
        prev = Some((here.0, line, here.1));
    }
    if let Some(below) = listed {
        set(meta, below.key, &below.value(), below.at);
    }
    if scan.title.is_none() {
        scan.title = lead;
    }
    change_log.finish(meta);
    take_table(&mut table, in_head, meta, &mut table_rows);
    for (key, at) in table_rows {
        meta.set(key, &FieldValue::Scalar(at.value.clone()), at);
    }
    if let Some((ch, _, line)) = fence {
        scan.diagnostics.push(
            Diagnostic::warning(
                path,
                line,
                1,
                Code::Markdown,
                format!("the code fence opened here with {} is never closed", ch.to_string().repeat(3)),
            )
            .with_help("close it with a matching fence line; until then the rest of the document renders as code"),
        );
    }
    scan
}

/// Reads a finished table block: in the head its metadata counts at once, later it waits.
fn take_table(
    table: &mut Vec<meta_table::TableLine<'_>>,
    in_head: bool,
    meta: &mut RawMeta,
    later: &mut Vec<(Key, Located)>,
) {
    let pairs = meta_table::read(table);
    if !in_head && !meta_table::states_metadata(table, pairs.len()) {
        table.clear();
        return;
    }
    for (key, at) in pairs {
        if in_head {
            meta.set(key, &FieldValue::Scalar(at.value.clone()), at);
        } else {
            later.push((key, at));
        }
    }
    table.clear();
}

/// The level of an ATX heading line (`## Status` → 2).
pub(crate) fn atx_level(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let t = &line[indent..];
    let level = t.chars().take_while(|&c| c == '#').count();
    ((1..=6).contains(&level) && t[level..].chars().next().is_none_or(|c| c == ' ' || c == '\t')).then_some(level)
}

fn set(meta: &mut RawMeta, key: Key, value: &str, (_, line): (usize, u32)) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    meta.set(
        key,
        &FieldValue::Scalar(value.to_string()),
        Located { value: String::new(), line, column: 1, file: None },
    );
}

/// Whether a line holds images only, each perhaps a link (`![logo](…)`, `[![CI](…)](…)`, `<img …>`).
fn is_image_line(trimmed: &str) -> bool {
    (trimmed.starts_with("![") || trimmed.starts_with("[![") || trimmed.starts_with("<img"))
        && (trimmed.ends_with(')') || trimmed.ends_with('>'))
}

/// A `Key: value` line of a document's head (`* Status: accepted`, `**Date:** 2024-01-02`,
/// `status: proposed` in front matter): what the key means and the value.
pub(crate) fn key_line(line: &str) -> Option<(Key, String)> {
    let c = KEY_LINE.captures(line)?;
    classify(&canonical_key(&c[1])).map(|k| (k, c[2].to_string()))
}

fn add_relations(meta: &mut RawMeta, kind: RelationKind, rest: &str, (_, line): (usize, u32)) {
    for t in relation_targets(rest) {
        meta.relations.push((kind, Located { value: t, line, column: 1, file: None }));
    }
}

/// Whether a heading is a status section's (`Status`, `Status: Accepted`), never a title.
fn names_a_status(heading: &str) -> bool {
    let plain = crate::text::plain_inline(heading).to_lowercase();
    let plain = plain.trim_end_matches(':').trim();
    crate::load::status::is_status_heading(plain) || plain.starts_with("status:")
}

#[cfg(test)]
mod tests {
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
            let authors: Vec<&str> =
                m.people.iter().filter(|(r, _)| *r == Role::Author).map(|(_, p)| p.as_str()).collect();
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
        let (m, _) =
            scan(&format!("| Status | Date |\n|---|---|\n| Accepted | 2026-03-11 |\n\n## Context\n\n{schema}"));
        assert_eq!((m.status.unwrap().value.as_str(), m.alt_title), ("Accepted", None));
        assert!(m.people.is_empty(), "no owner from the schema");
        // A table of metadata further down still counts when nothing above says otherwise.
        let (m, _) = scan("# T\n\nWhy.\n\n## Details\n\n| Status | Proposed |\n|---|---|\n| Owner | Ana |\n");
        assert_eq!(m.status.unwrap().value, "Proposed");
    }

    #[test]
    fn status_in_title_and_setext() {
        let (m, s) = scan(
            "# [Superseded by [ADR-0019](0019-x.md)] Push metrics\n\n* Status: superseded by [ADR-0019](0019-x.md)\n",
        );
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
        let (_, s) =
            scan("![WebAssembly logo](/images/WebAssembly.png)\n\n## Agenda for the March 14th call\n\nText.\n");
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
        assert_eq!(
            m.status.unwrap().value,
            "Proposed. This ADR did not reach consensus in the team before it stalled."
        );
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
}
