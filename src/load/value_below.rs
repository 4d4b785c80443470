//! A head key whose value is written below it rather than after its colon:
//!
//! ```text
//! - Deciders:            **Authors:**          **Authors:**
//!   - Ana Silva          * @afrittoli          @peterbell10
//!   - Ben Okafor         * Multi-cloud WG
//! ```
//!
//! Input: the key line, then each line after it. Output: the value, its items joined with
//! commas. A key written as a list item (`- Deciders:`) takes a nested list only, so that the next
//! item of the same list (`- Considered options`) is not taken for a value; a key on a line of its
//! own takes a list at any indent, or, for people, one bare line right below it.

use crate::load::meta::Key;

/// A key waiting for its value on the lines below.
#[derive(Debug)]
pub struct ValueBelow {
    /// The key.
    pub key: Key,
    /// Where the key was written: byte offset and line.
    pub at: (usize, u32),
    items: Vec<String>,
    bulleted: bool,
    gap: bool,
}

impl ValueBelow {
    /// A key with nothing after its colon, written on `key_line`.
    pub fn new(key: Key, at: (usize, u32), key_line: &str) -> Self {
        let bulleted = bullet_item(key_line.trim()).is_some();
        ValueBelow { key, at, items: Vec::new(), bulleted, gap: false }
    }

    /// Takes `line` (not blank) into the value when it is part of it; `false` ends the value. `is_key` says
    /// the line is a head key of its own (`* Date: 2020-01-05`), which is never a value.
    pub fn take(&mut self, line: &str, is_key: bool) -> bool {
        let trimmed = line.trim();
        let indent = line.len() - line.trim_start().len();
        if is_key || trimmed.starts_with('#') {
            return false;
        }
        let item = bullet_item(trimmed);
        let taken = match item {
            Some(item) if indent >= 2 || !self.bulleted => item,
            Some(_) => return false,
            // A bare line is taken for people only: under `Last updated:` it is as often a
            // generator's leftover (`{{ pageTag.tags(tags) }}`) as a date.
            None if self.items.is_empty()
                && !self.bulleted
                && !self.gap
                && matches!(self.key, Key::People(_))
                && trimmed.chars().count() <= 100 =>
            {
                trimmed
            }
            None => return false,
        };
        self.items.push(taken.to_string());
        true
    }

    /// A blank line: a list may go on after it, a bare value may not (`**Status:**`, a blank
    /// line, then prose).
    pub fn blank(&mut self) {
        self.gap = true;
    }

    /// The value: the items, joined with commas.
    pub fn value(&self) -> String {
        self.items.join(", ")
    }
}

/// The text of a list item (`- x`, `*\tx`); `None` for a line that is none (`**Authors:**`).
fn bullet_item(trimmed: &str) -> Option<&str> {
    let rest = trimmed.strip_prefix(['-', '*', '+'])?;
    rest.starts_with(char::is_whitespace).then(|| rest.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Role;

    fn read(key_line: &str, lines: &[&str]) -> String {
        read_key(Key::People(Role::Author), key_line, lines)
    }

    fn read_key(key: Key, key_line: &str, lines: &[&str]) -> String {
        let mut below = ValueBelow::new(key, (0, 1), key_line);
        for line in lines {
            if line.is_empty() {
                below.blank();
                continue;
            }
            let is_key = line.contains("Date:");
            if !below.take(line, is_key) {
                break;
            }
        }
        below.value()
    }

    #[test]
    fn a_list_or_one_line_below_the_key() {
        assert_eq!(read("- Deciders:", &["  - Ana Silva", "  - Ben Okafor", "- Date: 2020"]), "Ana Silva, Ben Okafor");
        // The next item of the key's own list is not its value.
        assert_eq!(read("* Deciders:", &["* Considered options"]), "");
        assert_eq!(
            read("**Authors:**", &["* @afrittoli", "* Multi-cloud Working Group", ""]),
            "@afrittoli, Multi-cloud Working Group"
        );
        assert_eq!(read("**Authors:**", &["@peterbell10", "", "## Summary"]), "@peterbell10");
        // One bare line only; a heading or a key ends it.
        assert_eq!(read("**Authors:**", &["@a", "Some prose that follows"]), "@a");
        assert_eq!(read("**Authors:**", &["## Summary"]), "");
        assert_eq!(read("Authors:", &["Date: 2020-01-01"]), "");
        assert_eq!(read("**Status:**", &["", "We discussed it at length."]), "");
        assert_eq!(read("- Deciders:", &["", "  - Ana Silva"]), "Ana Silva");
        let updated = Key::Dated(crate::vocab::DateKey::LastUpdated);
        assert_eq!(read_key(updated, "Last updated:", &["{{ pageTag.tags(tags) }}"]), "");
        assert_eq!(read("- **Attendees:**", &["  - @jacobheun", "  -\t@kumavis"]), "@jacobheun, @kumavis");
    }
}
