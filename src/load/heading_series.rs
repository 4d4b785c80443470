//! The series a collection's documents name themselves by in their titles, when their file names
//! carry the number alone: Matrix's `proposals/1708-well-known-for-federation.md` opens with
//! `# MSC1708: .well-known support for server name resolution`, so the collection's ids are
//! `MSC-1708`, not the kind's default `RFC-1708`.
//!
//! Input: the collections and their placed documents. Output: a collection's id prefix (and its
//! default name) set to the series that most of its numbered documents state in their title
//! heading with their own number. A configured `id_prefix` is never changed.

use crate::load::SourceDoc;
use crate::load::discover::Collection;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// `MSC1708:`, `MSC1929 Homeserver…`, `LIP-12 –`: capitals, the number, then the title.
static HEADING_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Z]{2,6})[-_ ]?(\d{1,5})[a-z]?(?:\s*[:.–—-]\s+|\s+)\S").expect("static regex"));

/// The number a document's file (or, for `1708-x/README.md`, its folder) starts with.
fn file_number(source: &str) -> Option<u32> {
    let mut parts = source.rsplit('/');
    let file = parts.next()?;
    let stem = crate::vocab::markdown_name::stem(file);
    let name = if crate::vocab::markdown_name::is_folder_index(file) { parts.next()? } else { stem };
    let rest = name.trim_start_matches(|c: char| c.is_ascii_alphabetic()).trim_start_matches(['-', '_']);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && digits <= 5).then(|| rest[..digits].parse().ok()).flatten()
}

/// The series prefix a heading states with the document's own number.
fn stated_series(heading: &str, own: u32) -> Option<&str> {
    let c = HEADING_ID.captures(heading.trim())?;
    (c[2].parse::<u32>().ok()? == own).then(|| c.get(1).map(|m| m.as_str())).flatten()
}

/// Sets each collection's prefix to the series most of its numbered documents state.
pub fn apply(collections: &mut [Collection], docs: &[SourceDoc]) {
    // One pass over the documents: per collection, its numbered documents and the series stated.
    let mut tally: Vec<(usize, BTreeMap<&str, usize>)> = vec![(0, BTreeMap::new()); collections.len()];
    for doc in docs {
        let Some((numbered, stated)) = tally.get_mut(doc.collection) else { continue };
        let Some(own) = file_number(&doc.source) else { continue };
        *numbered += 1;
        if let Some(p) = doc.title_heading.as_ref().and_then(|h| stated_series(&h.text, own)) {
            *stated.entry(p).or_default() += 1;
        }
    }
    for (col, (numbered, stated)) in collections.iter_mut().zip(tally) {
        if col.fixed_prefix || !col.kind.is_decision() {
            continue;
        }
        let Some((prefix, count)) = stated.into_iter().max_by_key(|(_, n)| *n) else { continue };
        if count < 2 || count * 2 <= numbered || col.id_prefix.as_deref() == Some(prefix) {
            continue;
        }
        if col.name == col.kind.plural() {
            col.name = format!("{prefix}s");
        }
        col.id_prefix = Some(prefix.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_of_files_and_folders() {
        assert_eq!(file_number("proposals/1708-well-known.md"), Some(1708));
        assert_eq!(file_number("text/0010-x/README.md"), Some(10));
        assert_eq!(file_number("rfcs/LIP-0002-sharding.md"), Some(2));
        assert_eq!(file_number("rfcs/README.md"), None);
        assert_eq!(file_number("rfcs/use-x.md"), None);
    }

    #[test]
    fn a_heading_states_a_series_with_the_files_own_number() {
        assert_eq!(stated_series("MSC1708: .well-known support", 1708), Some("MSC"));
        assert_eq!(stated_series("MSC1929 Homeserver Admin Contact", 1929), Some("MSC"));
        assert_eq!(stated_series("LIP-12 – Sharding", 12), Some("LIP"));
        // Another number, or none, states nothing.
        assert_eq!(stated_series("MSC1772: Spaces", 1708), None);
        assert_eq!(stated_series("HTTP2 support", 1), None);
        assert_eq!(stated_series("Invalidating devices", 2457), None);
        assert_eq!(stated_series("MSC2457", 2457), None);
    }
}
