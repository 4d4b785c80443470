//! A document's preamble written as a code block at its very top, as early Ethereum EIPs and
//! other PEP-style proposal sets wrote it:
//!
//! ````text
//! ```
//! EIP: 2
//! Title: Homestead Hard-fork Changes
//! Status: Final
//! Created: 2015-11-15
//! ```
//! ````
//!
//! Input: the lines of that block and the file's stem. Output: the keys and values it states,
//! when every line is a `Key: value` pair and at least two keys mean something to adrsite; a
//! code sample that happens to open a document (`name: web`, `image: nginx`) states nothing.

use crate::load::meta::{Key, canonical_key, classify};

/// The fields a top code block states, or nothing when it is not a preamble.
pub fn read(lines: &[&str], stem: &str) -> Vec<(usize, Key, String)> {
    let mut fields = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else { return Vec::new() };
        let (key, value) = (key.trim(), value.trim());
        let named = key.len() <= 40 && key.starts_with(|c: char| c.is_alphabetic()) && !key.contains("  ");
        if !named {
            return Vec::new();
        }
        if value.is_empty() {
            continue;
        }
        if let Some(k) = classify(&canonical_key(key)) {
            fields.push((i, k, value.to_string()));
        } else if let Some(id) = crate::vocab::series::from_key(key, value, stem) {
            // `EIP: 2`: the key names the series.
            fields.push((i, Key::Number, id.id()));
        }
    }
    if fields.len() < 2 {
        return Vec::new();
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_block_states_its_keys_and_a_code_sample_nothing() {
        let block = ["EIP: 2", "Title: Homestead Hard-fork Changes", "Author: Vitalik Buterin", "Status: Final"];
        let fields = read(&block, "eip-2");
        assert_eq!(fields[0], (0, Key::Number, "EIP-2".into()));
        assert_eq!(fields[1], (1, Key::Title, "Homestead Hard-fork Changes".into()));
        assert_eq!(fields.len(), 4);
        // Code, or one key only, is no preamble.
        assert!(read(&["let status = 1;", "Status: x"], "x").is_empty());
        assert!(read(&["image: nginx", "name: web"], "x").len() < 2);
        assert!(read(&["ports:", "  - 80:80"], "x").is_empty());
    }

    #[test]
    fn the_body_reader_takes_a_preamble_only_at_the_top() {
        let scan = |text: &str| {
            let mut meta = crate::load::meta::RawMeta::default();
            crate::load::dialect::scan_body("EIPS/eip-2.md", text, 0, &mut meta);
            meta
        };
        let top = "```\nEIP: 2\nTitle: Homestead Hard-fork Changes\nStatus: Final\nCreated: 2015-11-15\n```\n\n# Specification\n";
        let meta = scan(top);
        assert_eq!(meta.number.unwrap().value, "EIP-2");
        assert_eq!(meta.title.unwrap().value, "Homestead Hard-fork Changes");
        let status = meta.status.unwrap();
        assert_eq!((status.value.as_str(), status.line), ("Final", 4));
        // Further down, or with a language, it is code.
        assert!(scan("# Title\n\n```\nStatus: Final\nTitle: x\n```\n").status.is_none());
        assert!(scan("```yaml\nstatus: final\ntitle: x\n```\n").status.is_none());
    }
}
