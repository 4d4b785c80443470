//! What a commit wrote into a document: the status label it set and the relations it declared.
//!
//! Input: one hunk of a patch, each line with whether the commit added it, removed it or kept it
//! (a file's first version is one hunk of added lines). Output: [`Statement`]s,
//! only for lines the commit added: context lines say what was already there. The dialects are
//! those the load stage reads ([`crate::load::dialect`]): a `status:` key in front matter, in a
//! bullet or on a plain line, a `## Status` section's first paragraph, a metadata table's status
//! row, and `Supersedes …` / `Amended by …` lines and keys.
//!
//! A hunk is a window on the file, not the file: a status paragraph is recognised when its
//! `## Status` heading is in the same hunk, which `git log -U3` gives for the usual layout
//! (heading, blank line, status), or when a line that reads as a status label replaces another
//! (`-Proposed` / `+Accepted`).

use crate::load::dialect::{atx_level, key_line};
use crate::load::meta::Key;
use crate::load::meta_table;
use crate::load::relation_line::relation_line;
use crate::vocab::RelationKind;

/// What an added line says.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Statement {
    /// A status label as written (`Accepted`, `superseded by [ADR-9](0009-x.md)`).
    Status(String),
    /// A relation and the text naming its targets.
    Relation(RelationKind, String),
}

/// A line of a hunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    /// Unchanged, shown for context.
    Kept,
    /// Written by the commit.
    Added,
    /// Taken out by the commit.
    Removed,
}

/// The statements of one hunk, in the order written.
pub fn statements(hunk: &[(Line, &str)]) -> Vec<Statement> {
    let mut out = Vec::new();
    // The new side, each line with whether it was added and the line it replaced.
    let mut lines: Vec<(bool, &str)> = Vec::with_capacity(hunk.len());
    let mut replaced: Vec<Option<&str>> = Vec::with_capacity(hunk.len());
    let mut removed: std::collections::VecDeque<&str> = Default::default();
    for &(kind, text) in hunk {
        match kind {
            Line::Removed => removed.push_back(text),
            Line::Added => {
                lines.push((true, text));
                replaced.push(removed.pop_front());
            }
            Line::Kept => {
                removed.clear();
                lines.push((false, text));
                replaced.push(None);
            }
        }
    }
    let lines = &lines[..];
    let mut fence: Option<char> = None;
    // Inside a `## Status` section: whether its first paragraph has been read.
    let mut section: Option<bool> = None;
    let mut table: Vec<(&str, u32)> = Vec::new();
    let flush = |table: &mut Vec<(&str, u32)>, out: &mut Vec<Statement>| {
        for (key, at) in meta_table::read(table) {
            let added = lines.get(at.line as usize).is_some_and(|(added, _)| *added);
            if key == Key::Status && added {
                out.push(Statement::Status(at.value));
            }
        }
        table.clear();
    };
    for (i, &(added, line)) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if fence.is_none() && trimmed.starts_with('|') {
            // Table lines are numbered by their index in the hunk, to find whether each was added.
            table.push((line, i as u32));
            continue;
        }
        if !table.is_empty() {
            flush(&mut table, &mut out);
        }
        if let Some(ch) = fence {
            if trimmed.starts_with(ch) && trimmed.trim_start_matches(ch).trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = trimmed.chars().next();
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('>') {
            continue;
        }
        if atx_level(line).is_some() {
            let heading = trimmed.trim_start_matches('#').trim().trim_end_matches('#').trim();
            let plain = crate::text::plain_inline(heading).to_lowercase();
            let plain = plain.trim_end_matches(':').trim();
            section = None;
            if crate::load::status::is_status_heading(plain) {
                section = Some(false);
            } else if plain.starts_with("status:")
                && added
                && let Some((_, value)) = heading.split_once(':')
            {
                out.push(Statement::Status(value.trim().to_string()));
            }
            continue;
        }
        if section == Some(false) {
            section = Some(true);
            let value = trimmed.trim_start_matches(['-', '*', '+']).trim();
            let words = crate::text::plain_inline(value).split_whitespace().count();
            // As the load stage reads it: a short label, or a sentence that starts with one.
            if added && (words <= 3 || crate::load::status::is_status(value)) {
                out.push(Statement::Status(value.to_string()));
                // `Superseded by [ADR-9](..)` says who as well; the status carries it.
                continue;
            }
        }
        if !added {
            continue;
        }
        if let Some(old) = replaced[i]
            && is_label(trimmed)
            && is_label(old.trim())
        {
            out.push(Statement::Status(trimmed.to_string()));
            continue;
        }
        if let Some((kind, rest)) = relation_line(line) {
            out.push(Statement::Relation(kind, rest));
            continue;
        }
        let pair = key_line(line).or_else(|| toml_line(trimmed));
        match pair {
            Some((Key::Status, value)) => {
                let value = unquote(&value);
                if !value.is_empty() {
                    out.push(Statement::Status(value.to_string()));
                }
            }
            Some((Key::Relation(kind), value)) if !unquote(&value).is_empty() => {
                out.push(Statement::Relation(kind, unquote(&value).to_string()));
            }
            _ => {}
        }
    }
    flush(&mut table, &mut out);
    out
}

/// A line that is a status label and nothing else: `Accepted`, `**Superseded**`.
fn is_label(line: &str) -> bool {
    line.split_whitespace().count() <= 6
        && crate::load::status::is_status(line)
        && crate::text::plain_inline(line).split_whitespace().count() <= 3
}

/// `status = "accepted"` in TOML front matter.
fn toml_line(line: &str) -> Option<(Key, String)> {
    let (key, value) = line.split_once('=')?;
    let key = key.trim();
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    crate::load::meta::classify(&crate::load::meta::canonical_key(key)).map(|k| (k, value.trim().to_string()))
}

/// A YAML or TOML value without its quotes; a YAML flow list (`[ADR-1, ADR-2]`) without brackets.
fn unquote(value: &str) -> &str {
    let v = value.trim();
    let v = v.strip_prefix('[').and_then(|v| v.strip_suffix(']')).unwrap_or(v).trim();
    crate::load::front_matter::unquote(v).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn added(text: &str) -> Vec<Statement> {
        let lines: Vec<(Line, &str)> = text.lines().map(|l| (Line::Added, l)).collect();
        statements(&lines)
    }

    /// A hunk written as a patch: ` kept`, `+added`, `-removed`.
    fn patch(text: &str) -> Vec<Statement> {
        let lines: Vec<(Line, &str)> = text
            .lines()
            .map(|l| match l.split_at(1) {
                ("+", rest) => (Line::Added, rest),
                ("-", rest) => (Line::Removed, rest),
                (_, rest) => (Line::Kept, rest),
            })
            .collect();
        statements(&lines)
    }

    fn status(s: &str) -> Statement {
        Statement::Status(s.into())
    }

    #[test]
    fn every_dialect_of_a_first_version() {
        assert_eq!(added("# 1. X\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n"), [status("Accepted")]);
        assert_eq!(added("---\ntitle: X\nstatus: \"proposed\"\n---\n# X\n"), [status("proposed")]);
        assert_eq!(added("+++\nstatus = \"draft\"\n+++\n"), [status("draft")]);
        assert_eq!(added("# X\n\n* Status: rejected\n* Deciders: A\n"), [status("rejected")]);
        assert_eq!(added("# X\n\n**Status:** Accepted\n"), [status("Accepted")]);
        assert_eq!(added("# X\n\n| Status | Proposed |\n|---|---|\n| Date | 2024-01-01 |\n"), [status("Proposed")]);
        assert_eq!(
            added("# 9. Y\n\n## Status\n\nAccepted\n\nSupersedes [1. X](0001-x.md)\n"),
            [status("Accepted"), Statement::Relation(RelationKind::Supersedes, "[1. X](0001-x.md)".into())]
        );
        assert_eq!(
            added("---\nsuperseded_by: ADR-0009\n---\n"),
            [Statement::Relation(RelationKind::SupersededBy, "ADR-0009".into())]
        );
    }

    #[test]
    fn only_added_lines_speak() {
        assert_eq!(patch(" ## Status\n \n Accepted\n \n-Revision 1.\n+Revision 2."), []);
        assert_eq!(
            patch(" ## Status\n \n-Accepted\n+Superseded by [ADR-9](0009-y.md)\n "),
            [status("Superseded by [ADR-9](0009-y.md)")]
        );
        assert_eq!(
            patch(" | Field | Value |\n |---|---|\n-| Status | Proposed |\n+| Status | Accepted |"),
            [status("Accepted")]
        );
        // Out of sight of its heading, a label that replaces a label is still a status.
        assert_eq!(patch("-Proposed\n+Accepted"), [status("Accepted")]);
        assert_eq!(patch("-We looked at it.\n+Accepted"), []);
    }

    #[test]
    fn prose_and_code_are_not_statuses() {
        assert_eq!(added("## Status\n\nOur !status command looks at the monitoring systems to find the state.\n"), []);
        assert_eq!(added("```yaml\nstatus: accepted\n```\n"), []);
        assert_eq!(added("> status: accepted\n"), []);
    }
}
