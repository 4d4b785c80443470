//! What a document is and how it is named: its kind, its site-wide id and its number.
//!
//! Input: nothing of the crate. Output: the [`DocKind`], [`DocId`] and [`DocNumber`] every stage
//! speaks of.

use serde::Serialize;
use std::fmt;

/// What a document is. Meeting notes and weekly updates are standups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// An architecture decision record.
    Adr,
    /// An RFC, design doc, proposal or KEP.
    Rfc,
    /// A handbook page.
    Handbook,
    /// A written standup, meeting notes or a weekly update.
    Standup,
}

impl DocKind {
    /// Every kind, in display order.
    pub const ALL: [DocKind; 4] = [DocKind::Adr, DocKind::Rfc, DocKind::Handbook, DocKind::Standup];

    /// The kebab-case name, as written in config and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Adr => "adr",
            DocKind::Rfc => "rfc",
            DocKind::Handbook => "handbook",
            DocKind::Standup => "standup",
        }
    }

    /// The singular label shown on badges.
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Adr => "ADR",
            DocKind::Rfc => "RFC",
            DocKind::Handbook => "Handbook page",
            DocKind::Standup => "Standup",
        }
    }

    /// The plural label shown on the dashboard.
    pub fn plural(self) -> &'static str {
        match self {
            DocKind::Adr => "Decisions",
            DocKind::Rfc => "RFCs",
            DocKind::Handbook => "Handbook",
            DocKind::Standup => "Standups and notes",
        }
    }

    /// The URL segment of the collection that holds documents of this kind when no configured or
    /// detected collection does.
    pub fn default_slug(self) -> &'static str {
        match self {
            DocKind::Adr => "decisions",
            DocKind::Rfc => "rfcs",
            DocKind::Handbook => "pages",
            DocKind::Standup => "notes",
        }
    }

    /// The prefix of ids written in prose (`ADR-0005`, `RFC 2094`), if documents of this kind have one.
    pub fn default_prefix(self) -> Option<&'static str> {
        match self {
            DocKind::Adr => Some("ADR"),
            DocKind::Rfc => Some("RFC"),
            DocKind::Handbook | DocKind::Standup => None,
        }
    }

    /// Whether the kind records decisions (ADRs and RFCs).
    pub fn is_decision(self) -> bool {
        matches!(self, DocKind::Adr | DocKind::Rfc)
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document's site-wide id: its page path without `.html`, such as `decisions/0005-use-postgres`.
/// Ordering by id is the canonical document order everywhere, which keeps output deterministic.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DocId(pub String);

impl DocId {
    /// The page path relative to the site root.
    pub fn page_path(&self) -> String {
        crate::vocab::Route::Doc(self).path()
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A document number: `0005`, `4a`, `050`. The digits are kept as written for display.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DocNumber {
    /// The numeric value, used for sorting and for resolving `ADR 5`.
    pub value: u32,
    /// A letter suffix (`0004a`), lowercase.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<char>,
    /// The digits as written.
    pub digits: String,
}

impl DocNumber {
    /// Reads `0005`, `4a`, `#42`; `None` for anything else.
    pub fn parse(s: &str) -> Option<DocNumber> {
        let s = s.trim().trim_start_matches('#');
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || digits.len() > 7 {
            return None;
        }
        let rest = &s[digits.len()..];
        let suffix = match rest.chars().collect::<Vec<_>>().as_slice() {
            [] => None,
            [c] if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
            _ => return None,
        };
        Some(DocNumber { value: digits.parse().ok()?, suffix, digits })
    }

    /// The number as written, with its suffix.
    pub fn display(&self) -> String {
        match self.suffix {
            Some(c) => format!("{}{c}", self.digits),
            None => self.digits.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let n = DocNumber::parse("0004a").unwrap();
        assert_eq!((n.value, n.suffix, n.display()), (4, Some('a'), "0004a".to_string()));
        assert_eq!(DocNumber::parse("#42").unwrap().value, 42);
        assert_eq!(DocNumber::parse("12ab"), None);
        assert_eq!(DocNumber::parse("x"), None);
    }
}
