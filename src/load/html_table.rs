//! A document's head written as an HTML table of keys and values, as conda's CEPs write it:
//!
//! ```html
//! <table>
//! <tr><td> Title </td><td> CEP Purpose and Guidelines </td>
//! <tr><td> Status </td><td> Proposed </td></tr>
//! <tr><td> Created </td><td> Jun 29, 2021</td></tr>
//! </table>
//! ```
//!
//! Input: the lines of one `<table>` … `</table>` block with their line numbers. Output: its rows
//! as Markdown table lines (`| Status | Proposed |`), the cells' tags dropped and their entities
//! decoded, for the metadata table reader to read like any other table.

/// The rows of an HTML table, one Markdown table line each, at the line its row starts on.
pub fn rows(lines: &[(&str, u32)]) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    // The text of the row being read and the line it started on.
    let mut row: Option<(String, u32)> = None;
    for (line, no) in lines {
        let mut rest = *line;
        while !rest.is_empty() {
            let lower = rest.to_ascii_lowercase();
            match find_tag(&lower, "tr") {
                Some(at) => {
                    if let Some((text, _)) = &mut row {
                        text.push_str(&rest[..at]);
                    }
                    finish(&mut row, &mut out);
                    row = Some((String::new(), *no));
                    rest = &rest[at + 3..];
                }
                None => {
                    if let Some((text, _)) = &mut row {
                        text.push_str(rest);
                        text.push('\n');
                    }
                    rest = "";
                }
            }
        }
    }
    finish(&mut row, &mut out);
    out
}

/// Where `<name` opens a tag in lowercase text (`<tr>`, `<tr class=…>`, not `<track>`).
fn find_tag(lower: &str, name: &str) -> Option<usize> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(i) = lower[from..].find(&open) {
        let at = from + i;
        if lower[at + open.len()..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            return Some(at);
        }
        from = at + open.len();
    }
    None
}

/// Closes a row: its cells as a Markdown table line, when it has any.
fn finish(row: &mut Option<(String, u32)>, out: &mut Vec<(String, u32)>) {
    let Some((text, no)) = row.take() else { return };
    let cells = cells(&text);
    if !cells.is_empty() {
        let line = cells.iter().map(|c| c.replace('|', "\\|")).collect::<Vec<_>>().join(" | ");
        out.push((format!("| {line} |"), no));
    }
}

/// The plain text of each `<td>` or `<th>` of a row; a cell ends at the next cell or the row's end,
/// closed or not.
fn cells(row: &str) -> Vec<String> {
    let lower = row.to_ascii_lowercase();
    let mut starts: Vec<usize> = Vec::new();
    for name in ["td", "th"] {
        let mut from = 0;
        while let Some(at) = find_tag(&lower[from..], name) {
            starts.push(from + at);
            from += at + 3;
        }
    }
    starts.sort_unstable();
    let mut out = Vec::new();
    for (i, start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(row.len());
        let Some(open_end) = lower[*start..end].find('>') else { continue };
        let inner = &row[start + open_end + 1..end];
        let inner_lower = &lower[start + open_end + 1..end];
        let close = ["</td", "</th", "</tr", "</table"].iter().filter_map(|t| inner_lower.find(t)).min();
        let inner = &inner[..close.unwrap_or(inner.len())];
        // Tags (`<code>`) drop out and entities (`&lt;`) decode as inline Markdown reads them.
        let joined = inner.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(crate::text::plain_inline(&joined));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, u32)> {
        let lines: Vec<(&str, u32)> = text.lines().zip(1..).collect();
        rows(&lines)
    }

    #[test]
    fn rows_of_keys_and_values() {
        let rows = read(
            "<table>\n<tr><td> Title </td><td> Serving <code>run_exports</code> metadata </td>\n<tr><td> Status </td><td> Accepted </td></tr>\n<tr><td> Author(s) </td>\n<td>\n    Ana &lt;ana@example.org&gt;\n</td></tr>\n</table>",
        );
        assert_eq!(
            rows,
            vec![
                ("| Title | Serving run_exports metadata |".to_string(), 2),
                ("| Status | Accepted |".to_string(), 3),
                ("| Author(s) | Ana <ana@example.org> |".to_string(), 4),
            ]
        );
    }

    #[test]
    fn one_line_header_cells_and_pipes() {
        let rows = read("<table><tr><th>Status</th><th>a | b</th></tr></table>");
        assert_eq!(rows, vec![("| Status | a \\| b |".to_string(), 1)]);
        assert!(read("<table><tbody></tbody></table>").is_empty());
        assert!(read("<table><track></table>").is_empty(), "not a row");
    }
}

#[cfg(test)]
mod never_panic {
    use proptest::prelude::*;

    proptest! {
        /// Tags cut anywhere, in any case, between letters of any width.
        #[test]
        fn any_table_text(parts in prop::collection::vec(prop_oneof![
            Just("<tr>"), Just("<TD "), Just("</td>"), Just("<th>"), Just("</TR>"), Just(">"), Just("<"),
            Just("é"), Just("Status"), Just(" | "), Just("\n"), Just("&lt;"), Just("<code>"),
        ], 0..40)) {
            let text = parts.concat();
            let lines: Vec<(&str, u32)> = text.lines().zip(1..).collect();
            let _ = super::rows(&lines);
        }
    }
}
