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
//! - a status in the title: `# [Superseded by [ADR-0019](..)] Title`;
//! - a preamble in a code block, fenced or indented, at the top or under `## Preamble`
//!   ([`preamble`](crate::load::preamble)), and a head written as an HTML table
//!   ([`html_table`](crate::load::html_table)).
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

/// How many lines a head's HTML table may run before it is taken for something else.
const MAX_HTML_TABLE_LINES: usize = 100;

/// A series id, a separator and a title: `CFP-35631: Support CNI STATUS operation`.
static BOLD_ID_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z]{2,6}[-_ ]?\d{1,5}\s*[:.–—-]\s+[^*]+$").expect("static regex"));

static KEY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    // Any emphasis around the key, the colon inside or outside it, or both (`**Author(s):**:`); in a
    // list, numbered too (`1. Present: Rick Andrews, Kirk Hall`, minutes written as numbered items).
    Regex::new(r"^\s{0,3}(?:(?:[-*+]|\d{1,2}[.)])\s+)?(?:\*\*|__|\*|_)?(\p{L}[\p{L}0-9 ()/_'-]{0,40}?)\s*(?:\*\*|__|\*|_)?\s*:\s*(?:\*\*|__|\*|_)?\s*:?\s*(.*?)\s*\\?\s*$")
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
    // Or the block under a `## Preamble` heading that only the title precedes, fenced (Stellar's
    // CAPs) or indented (Perl's PPCs, early EIPs): the count of body lines at that heading.
    let mut preamble_after: Option<usize> = None;
    // An indented preamble, at the very top (Erlang's EEPs) or under that heading, ends at its
    // first blank line, as a PEP's headers do; the rest of the block is the document's text.
    let mut indented: Option<Vec<(&str, (usize, u32))>> = None;
    let mut indented_read = false;
    // A rule right below an indented preamble (`****`) closes it; it is not the first body line.
    let mut after_indented = false;
    // A head written as an HTML table of keys and values (conda's CEPs).
    let mut html_table: Option<Vec<(&str, u32)>> = None;

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
                    read_preamble(meta, path, &lines);
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
        if html_table.is_none() && in_head && trimmed.get(..6).is_some_and(|t| t.eq_ignore_ascii_case("<table")) {
            html_table = Some(Vec::new());
            body_lines += 1;
        }
        if let Some(rows) = &mut html_table {
            rows.push((line, line_no));
            if trimmed.to_ascii_lowercase().contains("</table>") {
                read_html_table(rows, in_head, meta, &mut table_rows);
                html_table = None;
            } else if rows.len() >= MAX_HTML_TABLE_LINES {
                // Never closed: a page of HTML, not a head of keys; the scan goes on below it.
                html_table = None;
            }
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if let Some(lines) = &mut indented {
            if !trimmed.is_empty() && indent >= 4 {
                lines.push((line, here));
                continue;
            }
            read_preamble(meta, path, lines);
            indented = None;
            after_indented = true;
        }
        if indent >= 4 && !indented_read && (body_lines == 0 || preamble_after == Some(body_lines)) {
            indented = Some(vec![(line, here)]);
            indented_read = true;
            header = false;
            continue;
        }
        if after_indented && !trimmed.is_empty() {
            after_indented = false;
            if body_lines == 0 && is_thematic_break(trimmed) {
                continue;
            }
        }
        if indent <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            let ch = trimmed.chars().next().unwrap_or('`');
            let len = trimmed.chars().take_while(|&c| c == ch).count();
            // A backtick fence's info string may not contain backticks; such a line is inline code.
            if !(ch == '`' && trimmed[len..].contains('`')) {
                // At the very top, or under a first heading that names it (`## Preamble`, Stellar's CAPs).
                if (body_lines == 0 || preamble_after == Some(body_lines)) && trimmed[len..].trim().is_empty() {
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
            let only_title = body_lines == 1 || body_lines == 2 && scan.title.is_some();
            // `## Preämble` (Perl's PPCs) names it too.
            let names_preamble = plain == "preamble" || crate::text::fold_diacritics(plain) == "preamble";
            preamble_after = (names_preamble && only_title).then_some(body_lines);
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
        // `**CFP-35631: Support CNI STATUS operation**` as the first line: a proposal's title in
        // bold, over a first heading that names a section (`# Meta`).
        if body_lines == 1
            && scan.title.is_none()
            && let Some(inner) = trimmed.strip_prefix("**").and_then(|t| t.strip_suffix("**"))
            && BOLD_ID_TITLE.is_match(inner)
        {
            lead = Some(TitleHeading { text: inner.to_string(), start: here.0, end: offset, line: here.1 });
            prev = None;
            continue;
        }
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
    // `EEP 42: …` underlined as the first line, then `Abstract` as the first H1: the section is no
    // title, the line that leads the document is.
    let section = |t: &TitleHeading| {
        let plain = crate::text::plain_inline(&t.text).to_lowercase();
        crate::vocab::section_name::is_section_name(plain.trim().trim_end_matches(':'))
    };
    if scan.title.as_ref().is_none_or(|t| lead.is_some() && section(t)) {
        scan.title = lead;
    }
    change_log.finish(meta);
    if let Some(lines) = indented {
        read_preamble(meta, path, &lines);
    }
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

/// `***`, `- - -`, `____`: a thematic break.
fn is_thematic_break(trimmed: &str) -> bool {
    let Some(c) = trimmed.chars().next().filter(|c| matches!(c, '*' | '-' | '_')) else { return false };
    trimmed.chars().filter(|x| *x == c).count() >= 3 && trimmed.chars().all(|x| x == c || x == ' ' || x == '\t')
}

/// Reads a code block that may be the document's preamble: its `Key: value` lines, when it is one.
fn read_preamble(meta: &mut RawMeta, path: &str, lines: &[(&str, (usize, u32))]) {
    let stem = crate::vocab::markdown_name::stem(path.rsplit('/').next().unwrap_or(path));
    let text: Vec<&str> = lines.iter().map(|(l, _)| *l).collect();
    for (i, key, value) in crate::load::preamble::read(&text, stem) {
        set(meta, key, &value, lines[i].1);
    }
}

/// Reads an HTML table of the head as the table of keys and values it is.
fn read_html_table(rows: &[(&str, u32)], in_head: bool, meta: &mut RawMeta, later: &mut Vec<(Key, Located)>) {
    let lines = crate::load::html_table::rows(rows);
    let mut table: Vec<meta_table::TableLine<'_>> = lines.iter().map(|(l, n)| (l.as_str(), *n)).collect();
    take_table(&mut table, in_head, meta, later);
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
mod tests;
