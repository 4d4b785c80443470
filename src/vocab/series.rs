//! A document's series id, as its authors write it: `CIP-0001`, `SE-0042`, `KEP-1234`, `ADR-8`.
//!
//! Input: a file or folder name, a front-matter key and value, or a header value. Output: the
//! [`SeriesId`] (prefix and number) they state. A site over several series (or, later, several
//! repositories) names each document by its own series, so two series never share `RFC-0001`.

use crate::vocab::DocNumber;
use regex::Regex;
use std::sync::LazyLock;

/// A prefix and a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeriesId {
    /// The prefix, upper-cased: `CIP`.
    pub prefix: String,
    /// The number.
    pub number: DocNumber,
}

/// `CIP-0001`, `SE-0042-x`, `KEP_12`: capitals, a separator and digits, at the start of a name.
static NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Z]{2,6})[-_](\d{1,5})([a-z])?(?:[-_. ]|$)").expect("static regex"));
/// The same anywhere in a short value (`[SE-0042](0042-x.md)`, `CIP-1694`).
static VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([A-Z]{2,6})-(\d{1,5})([a-z])?\b").expect("static regex"));

fn from_captures(c: &regex::Captures<'_>) -> Option<SeriesId> {
    let number = DocNumber::parse(&format!("{}{}", &c[2], c.get(3).map_or("", |m| m.as_str())))?;
    Some(SeriesId { prefix: c[1].to_string(), number })
}

/// The series id a file or folder name starts with, written in capitals (`CIP-0001`,
/// `ADR-8.md`). Lower-case names (`adr-004-x`) are left to the collection's prefix.
pub fn from_name(stem: &str) -> Option<SeriesId> {
    from_captures(&NAME.captures(stem)?)
}

/// A series id in a header value such as `Proposal: [SE-0042](0042-x.md)`.
pub fn from_value(value: &str) -> Option<SeriesId> {
    if value.len() > 200 {
        return None;
    }
    from_captures(&VALUE.captures(value)?)
}

/// A front-matter key that is itself a series (`CIP: 1`, `PEP: 8`, `BIP: 32`): capitals only,
/// with a number as its value.
pub fn from_key(key: &str, value: &str) -> Option<SeriesId> {
    let upper = (2..=6).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_uppercase());
    if !upper {
        return None;
    }
    let number = DocNumber::parse(value.trim())?;
    Some(SeriesId { prefix: key.to_string(), number })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(s: Option<SeriesId>) -> Option<String> {
        s.map(|s| format!("{}-{}", s.prefix, s.number.display()))
    }

    #[test]
    fn series_ids() {
        assert_eq!(show(from_name("CIP-0001")).as_deref(), Some("CIP-0001"));
        assert_eq!(show(from_name("ADR-8")).as_deref(), Some("ADR-8"));
        assert_eq!(show(from_name("SE-0042-result-builders")).as_deref(), Some("SE-0042"));
        for name in ["adr-004-x", "0005-x", "README", "V2-x", "v1-api"] {
            assert_eq!(from_name(name), None, "{name}");
        }
        assert_eq!(show(from_value("[SE-0042](0042-x.md)")).as_deref(), Some("SE-0042"));
        assert_eq!(show(from_key("CIP", "1")).as_deref(), Some("CIP-1"));
        assert_eq!(from_key("Cip", "1"), None);
        assert_eq!(from_key("CIP", "one"), None);
    }
}
