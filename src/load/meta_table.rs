//! Metadata tables, in either orientation:
//!
//! - key per row: `| Status | Accepted |` (with or without a `| Metadata | Value |` header);
//! - key per column: a header `| Status | Date | Author(s) |`, a delimiter row, and the values in
//!   the row below. Continuation rows that only fill a people column (a second author) add to it.
//!
//! Input: the consecutive `|` lines of one table with their line numbers. Output: the
//! `(Key, Located)` pairs it states, in the order written; the caller decides their precedence.

use crate::load::meta::{Key, Located, canonical_key, classify};

/// One line of a table and its 1-based line number.
pub type TableLine<'a> = (&'a str, u32);

/// The metadata a table states.
pub fn read(lines: &[TableLine<'_>]) -> Vec<(Key, Located)> {
    let rows: Vec<(Vec<String>, u32)> = lines.iter().map(|(l, n)| (cells(l), *n)).collect();
    let delimited = lines.get(1).is_some_and(|(l, _)| is_delimiter(l));
    if delimited && let Some(keys) = column_keys(&rows[0].0) {
        return by_column(&keys, &rows[2..]);
    }
    // A header row (`| Status | Description |`) is a pair of its own only when the rows below are
    // pairs too, or when there are none (`| Status | Proposed |` over a delimiter row).
    let is_key = |cells: &Vec<String>| cells.first().is_some_and(|c| classify(&canonical_key(key_text(c))).is_some());
    let header_is_pair = !delimited || rows.len() == 2 || rows[2..].iter().any(|(c, _)| is_key(c));
    rows.iter()
        .enumerate()
        .filter(|(i, _)| !(delimited && *i == 1) && (*i != 0 || header_is_pair))
        .filter_map(|(_, (cells, line))| {
            let key = classify(&canonical_key(key_text(cells.first()?)))?;
            let value = cells.get(1)?.trim();
            (!value.is_empty()).then(|| (key, located(value, *line)))
        })
        .collect()
}

/// Whether a table further down a document states metadata, rather than data that happens to
/// have keys in its first column (`| ID | BIGINT | PK |`, `| NAME | TEXT | NOT NULL |` in a
/// database schema): a header of keys over their values, or pairs of a key and its value of which
/// at least half are read.
pub fn states_metadata(lines: &[TableLine<'_>], read: usize) -> bool {
    let rows: Vec<Vec<String>> = lines.iter().filter(|(l, _)| !is_delimiter(l)).map(|(l, _)| cells(l)).collect();
    let header = lines.first().map(|(l, _)| cells(l)).unwrap_or_default();
    let keys = lines.get(1).filter(|(l, _)| is_delimiter(l)).and_then(|_| column_keys(&header));
    match keys {
        // `| ID | Title |` over one row names a document, as an index of documents does under
        // each status heading: a header of metadata also states a status, a date or people.
        Some(keys) => keys.iter().flatten().any(|k| !matches!(k, Key::Title | Key::AltTitle | Key::Number)),
        None => rows.iter().all(|r| r.len() <= 2) && read * 2 >= rows.len(),
    }
}

/// The keys of a header row when it names metadata per column: at least two known keys (or a
/// single column that is one), and no cell that is a key-per-row header such as `Value`.
fn column_keys(header: &[String]) -> Option<Vec<Option<Key>>> {
    let keys: Vec<Option<Key>> = header.iter().map(|c| classify(&canonical_key(key_text(c)))).collect();
    let known = keys.iter().flatten().count();
    // `| Revision | Date | Author |` lists changes: its first row is not the document's metadata.
    let history = header
        .iter()
        .any(|c| matches!(canonical_key(key_text(c)).as_str(), "revision" | "version" | "change" | "changes"));
    (!history && (known >= 2 || (known == 1 && keys.len() == 1))).then_some(keys)
}

fn by_column(keys: &[Option<Key>], data: &[(Vec<String>, u32)]) -> Vec<(Key, Located)> {
    let Some((first, line)) = data.first() else { return Vec::new() };
    // A full second row (not a continuation naming one more person) makes the table a list of
    // things — proposals, releases — whose first row is not this document's metadata.
    if data.get(1).is_some_and(|(cells, _)| cells.iter().filter(|c| !c.trim().is_empty()).count() > 1) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (col, key) in keys.iter().enumerate() {
        let Some(key) = *key else { continue };
        let mut value = first.get(col).map_or("", |v| v.trim()).to_string();
        if matches!(key, Key::People(_)) {
            // `| | | Ben |`: a continuation row that only names another person.
            for (cells, _) in &data[1..] {
                let filled: Vec<usize> = (0..cells.len()).filter(|i| !cells[*i].trim().is_empty()).collect();
                if filled != [col] {
                    break;
                }
                value = format!("{value}, {}", cells[col].trim());
            }
        }
        if !value.is_empty() {
            out.push((key, located(&value, *line)));
        }
    }
    out
}

#[cfg(test)]
mod list_tests {
    use super::*;

    #[test]
    fn a_table_of_several_rows_is_a_list_not_metadata() {
        let lines = [
            ("| Id | Title | Owner | Status |", 1),
            ("|---|---|---|---|", 2),
            ("| 1 | First | Ana | implemented |", 3),
            ("| 2 | Second | Ben | proposed |", 4),
        ];
        assert!(read(&lines).is_empty());
        let one = [("| Status | Author(s) |", 1), ("|---|---|", 2), ("| Draft | Ana |", 3), ("| | Ben |", 4)];
        assert_eq!(read(&one).len(), 2, "a metadata row and a continuation row");
    }
}

fn located(value: &str, line: u32) -> Located {
    Located { value: value.to_string(), line, column: 1, file: None }
}

/// A key cell without emphasis or a trailing colon: `**Status:**` → `Status`.
fn key_text(cell: &str) -> &str {
    cell.trim().trim_matches(['*', '_']).trim().trim_end_matches(':').trim()
}

/// The cells of a row, with or without outer pipes; `\|` stays inside its cell.
pub fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = if t.ends_with('|') && !t.ends_with("\\|") { &t[..t.len() - 1] } else { t };
    let mut out = vec![String::new()];
    let mut escaped = false;
    for c in t.chars() {
        match c {
            '|' if !escaped => out.push(String::new()),
            _ => {
                escaped = c == '\\' && !escaped;
                out.last_mut().expect("never empty").push(c);
            }
        }
    }
    out.into_iter().map(|c| c.trim().to_string()).collect()
}

/// `|---|:--:|`: the row under a table's header.
pub fn is_delimiter(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.contains('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Role;

    fn read_text(text: &str) -> Vec<(Key, String)> {
        let lines: Vec<TableLine<'_>> = text.lines().zip(1..).collect();
        read(&lines).into_iter().map(|(k, l)| (k, l.value)).collect()
    }

    #[test]
    fn a_table_of_delimiter_rows_alone_states_nothing() {
        let lines = [("|-", 1), ("|--", 2)];
        assert!(read(&lines).is_empty());
        assert!(states_metadata(&lines, 0), "nothing read, nothing to doubt");
    }

    #[test]
    fn a_row_of_id_and_title_further_down_names_another_document() {
        let lines =
            [("| ID | Title |", 1), ("|----|-------|", 2), ("|0004|[Deferred block syntax](rfcs/rfc0004.md)|", 3)];
        assert!(!states_metadata(&lines, read(&lines).len()));
        let lines = [("| Status | Date |", 1), ("|---|---|", 2), ("| Accepted | 2026-03-11 |", 3)];
        assert!(states_metadata(&lines, read(&lines).len()));
    }

    #[test]
    fn key_per_row_with_or_without_a_header() {
        let rows = read_text(
            "| Metadata | Value |\n|----|----|\n|Date    |2020-04-30|\n| **Status:** | Implemented |\n| Tags | a, b |",
        );
        assert_eq!(rows[0], (Key::Date(0), "2020-04-30".into()));
        assert_eq!(rows[1], (Key::Status, "Implemented".into()));
        assert_eq!(rows[2], (Key::Tags, "a, b".into()));
        assert_eq!(read_text("| Status | Proposed |\n|---|---|")[0], (Key::Status, "Proposed".into()));
        // A table about statuses is not the document's metadata.
        assert!(read_text("| Status | Description |\n|---|---|\n| green | All good |").is_empty());
    }

    #[test]
    fn key_per_column_reads_the_row_below() {
        let rows = read_text(
            "| Status | Date | Author(s) |\n|:--|--|--|\n| Accepted | 2021-01-02 | Ana |\n| | | Ben |\n| x | y | z |",
        );
        assert_eq!(
            rows,
            vec![
                (Key::Status, "Accepted".into()),
                (Key::Date(0), "2021-01-02".into()),
                (Key::People(Role::Author), "Ana, Ben".into()),
            ]
        );
    }

    #[test]
    fn a_revision_history_is_not_read_as_a_row_of_keys() {
        // A change log's first row is not the document's metadata, and no row starts with a key.
        assert!(read_text("| Revision | Date | Description |\n|---|---|---|\n| 1 | 2021-12-15 | Initial |").is_empty());
        assert!(
            read_text("| Revision | Date | Author | Info |\n|---|---|---|---|\n| 1 | 2021-12-15 | Ana | x |")
                .is_empty()
        );
    }

    #[test]
    fn escaped_pipes_stay_in_their_cell() {
        assert_eq!(cells(r"| Status | a \| b |"), vec!["Status", r"a \| b"]);
        assert!(is_delimiter("|---|:--:|") && !is_delimiter("| a | b |"));
    }
}
