//! Status tables in a process's index pages: `README.md`, `FULL_INDEX.md` or `ACCEPTED.md` of an
//! RFC repository list each proposal with its status, when the proposals themselves state none.
//!
//! Input: a document's body. Output: one [`IndexRow`] per row of a table whose header has a
//! status column and a number or link per row: what the row names (its links, the number in its
//! first cell) and the status as written. The assemble stage matches rows to documents.

use crate::load::meta::{Key, canonical_key, classify};
use crate::load::meta_table::{cells, is_delimiter};
use crate::vocab::DocNumber;

/// A row of a status index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexRow {
    /// Link destinations in the row, as written.
    pub links: Vec<String>,
    /// The number in the row's first cell (`[16](…/issues/16)` → 16).
    pub number: Option<DocNumber>,
    /// The status as written (`✅ done`).
    pub status: String,
    /// 1-based line.
    pub line: u32,
}

/// Tables of fewer rows are a document's own metadata, not an index.
const MIN_ROWS: usize = 3;

/// The rows of every status index in `text[body_start..]`.
pub fn read(text: &str, body_start: usize) -> Vec<IndexRow> {
    let body = &text[body_start..];
    // Cheap refusal for the common case: no table header with a status column.
    if !body.contains('|') || !(body.contains("Status") || body.contains("status")) {
        return Vec::new();
    }
    let first_line = crate::diagnostic::line_col(text, body_start).0;
    let lines: Vec<(&str, u32)> = body.lines().zip(first_line..).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        let (header, _) = lines[i];
        let status_col = (header.contains('|') && is_delimiter(lines[i + 1].0))
            .then(|| {
                cells(header)
                    .iter()
                    .position(|c| classify(&canonical_key(c.trim_matches(['*', '_']))) == Some(Key::Status))
            })
            .flatten();
        let Some(col) = status_col else {
            i += 1;
            continue;
        };
        let mut rows = Vec::new();
        let mut j = i + 2;
        while j < lines.len() && lines[j].0.contains('|') {
            let (line, no) = lines[j];
            let cells = cells(line);
            if let Some(status) = cells.get(col).map(|s| crate::text::plain_inline(s).trim().to_string())
                && !status.is_empty()
            {
                let links: Vec<String> = cells
                    .iter()
                    .flat_map(|c| crate::load::scan::scan(c, 0).links.into_iter().map(|l| l.dest))
                    .collect();
                let number = cells.first().and_then(|c| DocNumber::parse(crate::text::plain_inline(c).trim()));
                if !links.is_empty() || number.is_some() {
                    rows.push(IndexRow { links, number, status, line: no });
                }
            }
            j += 1;
        }
        if rows.len() >= MIN_ROWS {
            out.extend(rows);
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_of_a_status_index() {
        let text = "# RFCs\n\n\\#|Title|Owner|Status\n-------|-----|-----|------\n[16](https://x/issues/16)|[RFC Process](https://x/pull/53)|[@ana](https://x)|✅ done\n[55](https://x/issues/55)|[Flags](text/0055-flags.md)|@ben|👎 rejected\n[77](https://x/issues/77)|Imports||💡 proposed\n";
        let rows = read(text, 0);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            (rows[0].number.as_ref().map(|n| n.value), rows[0].status.as_str(), rows[0].line),
            (Some(16), "✅ done", 5)
        );
        assert!(rows[1].links.contains(&"text/0055-flags.md".to_string()));
        assert_eq!(rows[2].status, "💡 proposed");
        // A document's own metadata table is not an index.
        assert!(read("| Status | Date |\n|---|---|\n| Accepted | 2020-01-01 |\n", 0).is_empty());
    }
}
