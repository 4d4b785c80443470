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

/// `CIP-0001`, `SE-0042-x`, `KEP_12`, `ODH-ADR-DSP-0002`: capitals (up to three groups of them),
/// a separator and digits, at the start of a name.
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Z]{2,6}(?:[-_][A-Z]{2,6}){0,2})[-_](\d{1,5})([a-z])?(?:[-_. ]|$)").expect("static regex")
});

/// The kinds a group of a compound prefix names (`ODH-ADR-0001`: Open Data Hub's ADRs).
const KIND_GROUPS: &[&str] = &["ADR", "RFC", "KEP", "PEP", "DR", "EP"];

impl SeriesId {
    /// The id as its series writes it: `CIP-0001`, `EIP-1344`.
    pub fn id(&self) -> String {
        format!("{}-{}", self.prefix, self.number.display())
    }

    /// Whether the series is of decision records (`ADR`, `ODH-ADR`), not proposals.
    pub fn is_decision_records(&self) -> bool {
        self.prefix.split('-').any(|g| g == "ADR")
    }
}
/// The same anywhere in a short value (`[SE-0042](0042-x.md)`, `CIP-1694`).
static VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([A-Z]{2,6})-(\d{1,5})([a-z])?\b").expect("static regex"));

fn from_captures(c: &regex::Captures<'_>) -> Option<SeriesId> {
    let number = DocNumber::parse(&format!("{}{}", &c[2], c.get(3).map_or("", |m| m.as_str())))?;
    Some(SeriesId { prefix: c[1].replace('_', "-"), number })
}

/// The series id a file or folder name starts with, written in capitals (`CIP-0001`,
/// `ADR-8.md`). Lower-case names (`adr-004-x`) are left to the collection's prefix.
pub fn from_name(stem: &str) -> Option<SeriesId> {
    let id = from_name_parts(stem)?;
    // `ODH-ADR-0001`: a compound prefix counts when one of its groups names a kind; `HTTP-API-2`
    // names none.
    let groups: Vec<&str> = id.prefix.split('-').collect();
    (groups.len() == 1 || groups.iter().any(|g| KIND_GROUPS.contains(g))).then_some(id)
}

fn from_name_parts(stem: &str) -> Option<SeriesId> {
    // `CG-09-05.md` in a year's folder, `WG-2019-05-22.md`: a group's meeting on a day.
    static DATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Z]{2,6}[-_](?:\d{4}[-_])?(0[1-9]|1[0-2])[-_](0[1-9]|[12]\d|3[01])(?:[-_. ]|$)")
            .expect("static regex")
    });
    if DATED.is_match(stem) {
        return None;
    }
    from_captures(&NAME.captures(stem)?)
}

/// `eeps/eep-0042.md`, `ppcs/ppc0001-defer.md`, `neps/nep-0001.md`: a name that starts with a
/// prefix and a number, in a folder named as that prefix's plural, is the series' id in any case.
/// The folder is what tells `eep-0042` from `step-2` or `part3`.
pub fn from_plural_folder(folder: &str, stem: &str) -> Option<SeriesId> {
    static PREFIXED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([A-Za-z]{2,6})[-_]?(\d{1,5})([a-z])?(?:[-_. ]|$)").expect("static regex"));
    let c = PREFIXED.captures(stem)?;
    let plural = folder.strip_suffix(['s', 'S'])?;
    if !plural.eq_ignore_ascii_case(&c[1]) {
        return None;
    }
    let number = DocNumber::parse(&format!("{}{}", &c[2], c.get(3).map_or("", |m| m.as_str())))?;
    Some(SeriesId { prefix: c[1].to_ascii_uppercase(), number })
}

/// A series id in a header value such as `Proposal: [SE-0042](0042-x.md)`.
pub fn from_value(value: &str) -> Option<SeriesId> {
    if value.len() > 200 {
        return None;
    }
    from_captures(&VALUE.captures(value)?)
}

/// `# RFC-0010: Burn Coretime Revenue`, `title: SIP-42 - Binary Integer Literals`, `# FLIP 722:
/// Optional References`: a title that opens with a proposal's series id and a colon or a dash. A
/// space may stand for the hyphen in the improvement-proposal family and `PEP`/`KEP`, not in `RFC`
/// (`RFC 1918:` names the IETF's). Only a proposal series' prefix counts (`RFC`, `ADR`, `KEP`, `PEP`, and the
/// improvement-proposal family `BIP`, `EIP`, `CIP`, …): `# COVID-19: Working from home` names none.
pub fn from_heading(heading: &str) -> Option<SeriesId> {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:(RFC|ADR|KEP|PEP|DEP|[A-Z]{1,4}IP)-|(PEP|KEP|[A-Z]{1,4}IP) )(\d{1,5})([a-z])?(?:\s*[:.–—]|\s+-)\s+\S",
        )
        .expect("static regex")
    });
    let c = HEADING.captures(heading.trim())?;
    let prefix = c.get(1).or_else(|| c.get(2))?.as_str();
    let number = DocNumber::parse(&format!("{}{}", &c[3], c.get(4).map_or("", |m| m.as_str())))?;
    Some(SeriesId { prefix: prefix.to_string(), number })
}

/// A front-matter key that is itself a series (`CIP: 1`, `PEP: 8`, `BIP: 32`): capitals only,
/// with a number as its value. In lower case (`eip: 1344`, `fip: "0001"`) a key is as often
/// something else (`pr: 12`, `weight: 3`), so it names a series only when the file's name
/// (`stem`) starts with that key and that number (`eip-1344.md`).
pub fn from_key(key: &str, value: &str, stem: &str) -> Option<SeriesId> {
    if !(2..=6).contains(&key.len()) || !key.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let value = value.trim().trim_matches(['"', '\'']);
    let number = DocNumber::parse(value)?;
    let upper = key.bytes().all(|b| b.is_ascii_uppercase());
    let named = || {
        let rest = stem.get(key.len()..).filter(|_| stem[..key.len()].eq_ignore_ascii_case(key))?;
        let digits = rest.strip_prefix(['-', '_'])?;
        let end = digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len());
        let in_name = DocNumber::parse(&digits[..end])?;
        (in_name.value == number.value && digits[end..].chars().next().is_none_or(|c| matches!(c, '-' | '_' | '.')))
            .then_some(in_name)
    };
    if upper {
        return Some(SeriesId { prefix: key.to_string(), number });
    }
    // `simd: '0049'` in `0049-syscall.md`: the name carries the same number alone. A key that
    // counts or links something else (`pr: 49`, `issue: 49`) is no series.
    let bare = || {
        let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
        let in_name = DocNumber::parse(&stem[..digits])?;
        (key.len() >= 3
            && !NOT_SERIES.contains(&key)
            && in_name.value == number.value
            && stem[digits..].chars().next().is_none_or(|c| matches!(c, '-' | '_' | '.')))
        .then_some(in_name)
    };
    // The digits as the name writes them (`fip-0001`).
    named().or_else(bare).map(|number| SeriesId { prefix: key.to_ascii_uppercase(), number })
}

/// Lower-case keys whose number is not the document's series id, even when it equals the number
/// in the file's name.
const NOT_SERIES: &[&str] = &[
    "issue",
    "issues",
    "pull",
    "number",
    "num",
    "order",
    "weight",
    "index",
    "rank",
    "version",
    "position",
    "ticket",
    "discussion",
    "tracking",
    "page",
    "nav",
    "part",
    "chapter",
    "step",
    "level",
    "priority",
    "count",
    "year",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn show(s: Option<SeriesId>) -> Option<String> {
        s.map(|s| s.id())
    }

    #[test]
    fn names_in_a_folder_of_their_plural() {
        assert_eq!(show(from_plural_folder("eeps", "eep-0042")).as_deref(), Some("EEP-0042"));
        assert_eq!(show(from_plural_folder("ppcs", "ppc0001-n-at-a-time-for")).as_deref(), Some("PPC-0001"));
        assert_eq!(show(from_plural_folder("ARCs", "arc-0003")).as_deref(), Some("ARC-0003"));
        assert_eq!(from_plural_folder("guides", "step-2-setup"), None, "another word");
        assert_eq!(from_plural_folder("steps", "step-two"), None, "no number");
        assert_eq!(from_plural_folder("eeps", "eep"), None);
    }

    #[test]
    fn series_ids() {
        assert_eq!(show(from_name("CIP-0001")).as_deref(), Some("CIP-0001"));
        assert_eq!(show(from_name("ADR-8")).as_deref(), Some("ADR-8"));
        assert_eq!(show(from_name("SE-0042-result-builders")).as_deref(), Some("SE-0042"));
        assert_eq!(show(from_name("ODH-ADR-0001-use-adrs")).as_deref(), Some("ODH-ADR-0001"));
        assert_eq!(show(from_name("ODH-ADR-DSP-0002-ttl")).as_deref(), Some("ODH-ADR-DSP-0002"));
        assert!(from_name("ODH-ADR-0001-x").unwrap().is_decision_records());
        assert!(!from_name("CIP-0001").unwrap().is_decision_records());
        for name in [
            "adr-004-x",
            "0005-x",
            "README",
            "V2-x",
            "v1-api",
            "CG-09-05",
            "WG-2019-05-22",
            "WASI-12-16",
            "HTTP-API-2-x",
        ] {
            assert_eq!(from_name(name), None, "{name}");
        }
        assert_eq!(show(from_value("[SE-0042](0042-x.md)")).as_deref(), Some("SE-0042"));
        assert_eq!(show(from_heading("RFC-0010: Burn Coretime Revenue")).as_deref(), Some("RFC-0010"));
        assert_eq!(show(from_heading("EIP-1559: Fee market change")).as_deref(), Some("EIP-1559"));
        assert_eq!(show(from_heading("SIP-42 - Support Binary Integer Literals")).as_deref(), Some("SIP-42"));
        assert_eq!(show(from_heading("FLIP 722: Optional References")).as_deref(), Some("FLIP-722"));
        assert_eq!(show(from_heading("PEP 8: Style Guide")).as_deref(), Some("PEP-8"));
        for heading in [
            "COVID-19: Working from home",
            "RFC-0010",
            "ADR 5: Title",
            "HTTP-2: support",
            "SIP-42-x - y",
            "RFC 1918: Private addresses",
        ] {
            assert_eq!(from_heading(heading), None, "{heading}");
        }
        assert_eq!(show(from_key("CIP", "1", "CIP-0001")).as_deref(), Some("CIP-1"));
        assert_eq!(from_key("Cip", "1", "x"), None);
        assert_eq!(from_key("CIP", "one", "x"), None);
        // A lower-case key names a series when the file's name agrees.
        assert_eq!(show(from_key("eip", "1344", "eip-1344")).as_deref(), Some("EIP-1344"));
        assert_eq!(show(from_key("fip", "\"0001\"", "fip-0001")).as_deref(), Some("FIP-0001"));
        assert_eq!(from_key("eip", "1344", "eip-1345"), None);
        assert_eq!(from_key("pr", "12", "0012-x"), None);
        assert_eq!(from_key("weight", "3", "guide"), None);
        // A name with the number alone agrees too, unless the key counts something else.
        assert_eq!(show(from_key("simd", "'0049'", "0049-syscall")).as_deref(), Some("SIMD-0049"));
        assert_eq!(from_key("simd", "49", "0050-x"), None);
        assert_eq!(from_key("issue", "49", "0049-x"), None);
        assert_eq!(from_key("pr", "49", "0049-x"), None);
    }
}
