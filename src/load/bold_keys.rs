//! A head line of bold keys without colons, several to a line: `**Owner** [Rich Lander](…) |
//! [Nick Guerrera](…)`, `**PM** [Immo](…) | **Dev** [Daniel](…)` (.NET's design documents).
//!
//! Input: one line of a document's head. Output: the keys adrsite knows, each with its values
//! joined as a list (`a, b`); keys it does not know (`PM`) are read past, their values with them.

use crate::load::meta::{Key, canonical_key, classify};

/// The known keys a line of bold keys states, with their values; empty when the line is not one.
pub fn bold_keys(line: &str) -> Vec<(Key, String)> {
    let t = line.trim();
    let t = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")).unwrap_or(t);
    if !t.starts_with("**") {
        return Vec::new();
    }
    let mut out: Vec<(Key, Vec<&str>)> = Vec::new();
    // Whether the values that follow belong to the last key of `out` (a known key).
    let mut known = false;
    for segment in t.split(" | ") {
        // `**PM** [Immo](…) |` at the end of a line: the next line goes on with the list.
        let segment = segment.trim().trim_end_matches('|').trim_end();
        let keyed = segment.strip_prefix("**").and_then(|rest| rest.split_once("**"));
        match keyed {
            Some((key, value)) if (1..=40).contains(&key.trim().len()) && !key.contains('[') => {
                let key = key.trim().trim_end_matches(':');
                let value = value.trim().trim_start_matches(':').trim();
                known = match classify(&canonical_key(key)) {
                    Some(k) => {
                        out.push((k, Vec::new()));
                        true
                    }
                    None => false,
                };
                if known
                    && !value.is_empty()
                    && let Some((_, values)) = out.last_mut()
                {
                    values.push(value);
                }
            }
            // `**Owner** a | b`: another value of the same key.
            _ if known && !segment.is_empty() => {
                if let Some((_, values)) = out.last_mut() {
                    values.push(segment);
                }
            }
            _ => {}
        }
    }
    out.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (k, v.join(", "))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Role;

    #[test]
    fn bold_keys_without_colons() {
        let owners = bold_keys(
            "**Owner** [Rich Lander](https://github.com/richlander) | [Nick Guerrera](https://github.com/nguerrera)",
        );
        assert_eq!(
            owners,
            vec![(
                Key::People(Role::Owner),
                "[Rich Lander](https://github.com/richlander), [Nick Guerrera](https://github.com/nguerrera)"
                    .to_string()
            )]
        );
        let mixed = bold_keys("**PM** [Immo](https://x.org/immo) | **Author** Daniel Plaisted | **Status** Accepted");
        assert_eq!(
            mixed,
            vec![(Key::People(Role::Author), "Daniel Plaisted".to_string()), (Key::Status, "Accepted".to_string())]
        );
        assert_eq!(
            bold_keys("**Owner** Immo Landwerth |"),
            vec![(Key::People(Role::Owner), "Immo Landwerth".to_string())]
        );
        for prose in ["**Note** this matters", "Owner: Ana", "**Owner**", "**[link](x)** Ana", "plain text"] {
            assert!(bold_keys(prose).is_empty(), "{prose}");
        }
    }
}
