//! A status written in brackets before a title, as some decision logs mark a record they have
//! moved past: `# [Superseded by [ADR-0019](0019-x.md)] Push metrics`.
//!
//! Input: the title heading. Output: the status it states, for the document's metadata, and the
//! title without it.

use crate::load::front_matter::FieldValue;
use crate::load::meta::{Key, Located, RawMeta};

/// `[Superseded by [ADR-0019](..)] Title`: a status in brackets before the title.
pub fn read(heading: &str, line: u32, meta: &mut RawMeta) {
    if let Some((inner, _)) = bracketed(heading)
        && crate::load::status::is_status(inner)
    {
        let at = Located { value: String::new(), line, column: 1, file: None };
        meta.set(Key::Status, &FieldValue::Scalar(inner.trim().to_string()), at);
    }
}

/// Strips a status prefix in brackets from a title: `[Superseded by [ADR-0019](x)] Title` → `Title`.
pub fn strip_title_status(title: &str) -> &str {
    match bracketed(title) {
        Some((inner, rest))
            if ["superseded", "deprecated", "rejected"].iter().any(|w| inner.to_lowercase().contains(w)) =>
        {
            rest.trim()
        }
        _ => title,
    }
}

/// The first bracketed group a title opens with, nested brackets and all, and what follows it.
fn bracketed(title: &str) -> Option<(&str, &str)> {
    if !title.starts_with('[') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in title.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some((&title[1..i], &title[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_in_brackets_before_the_title() {
        let title = "[Superseded by [ADR-0019](0019-x.md)] Push metrics";
        assert_eq!(strip_title_status(title), "Push metrics");
        assert_eq!(strip_title_status("[WIP] Push metrics"), "[WIP] Push metrics");
        assert_eq!(strip_title_status("[unclosed Push"), "[unclosed Push");
        let mut meta = RawMeta::default();
        read(title, 1, &mut meta);
        assert_eq!(meta.status.map(|s| s.value).as_deref(), Some("Superseded by [ADR-0019](0019-x.md)"));
    }
}
