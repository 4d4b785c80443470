//! A status written in brackets before a title, as some decision logs mark a record they have
//! moved past: `# [Superseded by [ADR-0019](0019-x.md)] Push metrics`.
//!
//! Input: the title heading. Output: the status it states, for the document's metadata, and the
//! title without it.

use crate::load::front_matter::FieldValue;
use crate::load::meta::{Key, Located, RawMeta};

/// `[Superseded by [ADR-0019](..)] Title`: a status in brackets before the title.
pub fn read(heading: &str, line: u32, meta: &mut RawMeta) {
    let mut depth = 0;
    for (i, c) in heading.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    let inner = &heading[1..i];
                    if crate::load::status::is_status(inner) {
                        let value = inner.trim().to_string();
                        meta.set(
                            Key::Status,
                            &FieldValue::Scalar(value),
                            Located { value: String::new(), line, column: 1, file: None },
                        );
                    }
                    return;
                }
            }
            _ => {}
        }
    }
}

/// Strips a status prefix in brackets from a title: `[Superseded by [ADR-0019](x)] Title` → `Title`.
pub fn strip_title_status(title: &str) -> &str {
    if !title.starts_with('[') {
        return title;
    }
    let mut depth = 0;
    for (i, c) in title.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    let inner = title[1..i].to_lowercase();
                    if inner.contains("superseded") || inner.contains("deprecated") || inner.contains("rejected") {
                        return title[i + 1..].trim();
                    }
                    return title;
                }
            }
            _ => {}
        }
    }
    title
}
