//! A document's identity from its source: page slug, number and title.
//!
//! Input: the source path, the collection path and raw metadata. Output: plain values; the
//! assemble stage makes slugs unique and builds the id index.

use crate::load::title_status::strip_title_status;
use crate::vocab::DocNumber;
use regex::Regex;
use std::sync::LazyLock;

static NAME_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:adr|rfc|kep|pep|dr)[-_ ]?)?#?(\d{1,5})([a-z])?(?:[-_. ]|$)").expect("static regex")
});
static HEADING_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:adr|rfc|kep|pep)[-_ ]?#?\s*(\d{1,5}[a-z]?)\s*(?:[:.\-–—]\s*|\s+)|(\d{1,5}[a-z]?)\.\s+)")
        .expect("static regex")
});
static TITLE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        // `RFC-XXXX:`, `XXXX:` and `[RFC]` too: a number left as the template's placeholder, or
        // the kind in brackets, before the title.
        r"(?i)^(?:(?:architecture decision record|architectural decision record|decision record|adr|rfc|proposal|design doc(?:ument)?)(?:[-_ ]?(?:x{2,5}|n{2,5}|#{1,5}|\?{1,5}))?\s*[:.\-–—]\s*|(?:x{3,5}|n{3,5})\s*[:.\-–—]\s+|\[(?:rfc|adr|proposal)\]\s*|title\s*:\s*|[a-z]{2,6}-(?:x{2,5}|n{2,5})\s*[:.\-–—]\s+)",
    )
    .expect("static regex")
});

/// The file or folder name that stands for the document: the folder for `README.md`/`index.md`.
pub fn naming_stem(source: &str) -> &str {
    let mut parts = source.rsplit('/');
    let file = parts.next().unwrap_or(source);
    let stem = crate::vocab::markdown_name::stem(file);
    if crate::vocab::markdown_name::is_folder_index(file) { parts.next().unwrap_or(stem) } else { stem }
}

/// The page slug of a document within its collection: its path without extension, each folder
/// slugified; `README.md` and `index.md` stand for their folder.
pub fn page_slug(source: &str, collection_path: &str) -> String {
    let rel = if collection_path.is_empty() {
        source
    } else {
        source.strip_prefix(collection_path).map_or(source, |r| r.trim_start_matches('/'))
    };
    let mut segments: Vec<&str> = rel.split('/').collect();
    let file = segments.pop().unwrap_or_default();
    let stem = crate::vocab::markdown_name::stem(file);
    let mut parts: Vec<String> = segments.iter().map(|s| crate::text::slugify(s)).collect();
    if !crate::vocab::markdown_name::is_folder_index(file) || parts.is_empty() {
        parts.push(crate::text::slugify(stem));
    }
    let parts: Vec<String> = parts.into_iter().map(|p| if p.is_empty() { "doc".into() } else { p }).collect();
    let slug = parts.join("/");
    if slug == "index" { "index-page".into() } else { slug }
}

/// The series a name states in a folder of its plural (`eeps/eep-0042.md`: `EEP-0042`), for a
/// document or a document's own folder (`neps/nep-0001/README.md`).
pub fn series_in_plural_folder(source: &str) -> Option<crate::vocab::series::SeriesId> {
    let mut parts: Vec<&str> = source.split('/').collect();
    if parts.last().is_some_and(|f| crate::vocab::markdown_name::is_folder_index(f)) {
        parts.pop();
    }
    let (name, folder) = (parts.pop()?, parts.pop()?);
    crate::vocab::series::from_plural_folder(folder, crate::vocab::markdown_name::stem(name))
}

/// A number in a file or folder name (`0005-x`, `adr-004-x`, `rfc-100-x`, `0004a-x`), not a date.
pub fn number_from_name(source: &str) -> Option<DocNumber> {
    // `20241206-oci-registries/7-open-questions.md`: a part of the document whose folder is named
    // with its date or number; the part's number is no id.
    let mut parts = source.rsplit('/');
    let (file, folder) = (parts.next().unwrap_or(source), parts.next());
    let own_folder = folder.is_some_and(|f| {
        let named = f.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '_' || c == '.');
        f.starts_with(|c: char| c.is_ascii_digit()) && named.chars().any(char::is_alphabetic)
    });
    if own_folder && !crate::vocab::markdown_name::is_folder_index(file) {
        return None;
    }
    let stem = naming_stem(source);
    // `2013-12-type-params` and `2022-02-03-slug` start with a date, not a number.
    let b = stem.as_bytes();
    if b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[5..7].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let c = NAME_NUMBER.captures(stem)?;
    DocNumber::parse(&format!("{}{}", &c[1], c.get(2).map_or("", |m| m.as_str())))
}

/// A number at the start of a heading (`5. Title`, `ADR 050: Title`, `ADR-0005: Title`), and the
/// title without it.
pub fn split_heading_number(heading: &str) -> (Option<DocNumber>, &str) {
    match HEADING_NUMBER.captures(heading) {
        Some(c) => {
            let digits = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            let rest = &heading[c.get(0).map_or(0, |m| m.end())..];
            (DocNumber::parse(digits), rest.trim())
        }
        // The template's placeholder left in (`# n. Django templates` from `# NUMBER. TITLE`).
        None => (None, heading.strip_prefix("n. ").or(heading.strip_prefix("N. ")).map_or(heading, str::trim_start)),
    }
}

/// A title without the kind of record written before it (`ADR: Naming`, `Architecture Decision
/// Record: Configuration`), when something is left.
pub fn strip_record_prefix(title: &str) -> &str {
    match TITLE_PREFIX.find(title) {
        Some(m) if !title[m.end()..].trim().is_empty() => title[m.end()..].trim(),
        _ => title,
    }
}

/// A title without the document's own number written before it (`0002: Remote Rule Evaluation`,
/// `LID 0002 - Sharding`, `#12 | Caching`): the page shows the number beside the title already.
/// Another number (`2024: A year in review`) is part of the title and stays. A series' id written
/// as one word needs no separator after it (`MSC1929 Homeserver Admin Contact`), nor a number
/// glued to a word (`0002-Licence des projets`), as a file's name writes it; a few words may
/// come before a series' id (`F# RFC FS-1010 - Add Map.count`), when they name no other
/// document (`CIP-88 Extension: CIP-0025 | …` stays).
pub fn strip_own_number<'a>(title: &'a str, own: &DocNumber) -> &'a str {
    static OWN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:(?:[A-Z]{2,6}[-_ ]?)?#?\s*(?<n>\d{1,5})(?<s>[a-z]?)\s*[:.|\-–—]\s+|(?<g>\d{2,5})[-_]\p{L}|[A-Z]{2,6}[-_]?(?<w>\d{3,5})\s+|(?:[A-Za-z#+]+\s+){1,3}?[A-Z]{2,6}[-_ ]?(?<l>\d{1,5})\s*[:|\-–—]\s+)",
        )
        .expect("static regex")
    });
    let Some(c) = OWN.captures(title) else { return title };
    let (digits, suffix) = match c.name("n") {
        Some(n) => (n.as_str(), c.name("s").and_then(|s| s.as_str().chars().next())),
        None => (c.name("w").or_else(|| c.name("l")).or_else(|| c.name("g")).map_or("", |w| w.as_str()), None),
    };
    let same = digits.parse::<u32>().is_ok_and(|v| v == own.value) && suffix == own.suffix;
    // The glued form's match ends with the title's first letter, which stays.
    let end = c.name("g").map_or_else(|| c.get(0).map_or(0, |m| m.end()), |g| g.end() + 1);
    let rest = title[end..].trim();
    if same && !rest.is_empty() { rest } else { title }
}

/// Whether a title names no document: only a kind (`RFC`, `Proposal`) or a section (`Summary`,
/// `Agenda`), as a template's `title: RFC` left in place.
pub fn is_generic_title(title: &str) -> bool {
    let t = title.trim().trim_end_matches(':').to_lowercase();
    let kind = TITLE_PREFIX.find(&format!("{t}:")).is_some_and(|m| m.end() == t.len() + 1);
    kind || crate::vocab::section_name::is_section_name(&t)
}

/// Whether a title is a slug (`redirecting-step-output-streams`, `Fabric_Website`): words joined by
/// hyphens (lowercase) or underscores (any case), as a template's `title:` filled with the file's
/// name. A heading says the same in words.
pub fn is_slug_title(title: &str) -> bool {
    let t = title.trim();
    let words = |sep: &[char], upper: bool| {
        t.contains(sep)
            && t.split(sep).all(|w| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || upper && b.is_ascii_uppercase())
            })
            && t.bytes().any(|b| b.is_ascii_lowercase())
    };
    // `Fabric_Website`: words joined by underscores, in any case; with hyphens, capitals make a
    // name (`Wi-Fi`, `COVID-19`).
    words(&['-', '_'], false) || words(&['_'], true)
}

/// Whether a front-matter title is the file's name written out: the document's own number glued
/// to it (`0003-Convergence-des-CMS-publics`), or the name itself when it reads as one
/// (`'2018-09-12'` in `2018-09-12.md`). A name with capitals and no digits (`One-on-Ones`) is a
/// title that happens to be the name.
pub fn is_file_name_title(title: &str, own: Option<&DocNumber>, source: &str) -> bool {
    let t = title.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = own.is_some_and(|n| t[..digits].parse::<u32>().is_ok_and(|v| v == n.value))
        && t[digits..].starts_with(['-', '_']);
    let name_like = t.bytes().any(|b| b.is_ascii_digit()) || !t.bytes().any(|b| b.is_ascii_uppercase());
    let named = t.eq_ignore_ascii_case(naming_stem(source)) && t.contains(['-', '_']) && name_like;
    (numbered || named) && !t.contains(char::is_whitespace)
}

/// Cleans a heading into a title: attribute block (`{#adr_0011}`), status prefix, number prefix and
/// `Architecture Decision Record:` dropped, inline Markdown flattened. `None` for empty or generic headings.
pub fn title_from_heading(heading: &str) -> Option<String> {
    let (heading, _) = crate::text::split_heading_attributes(heading);
    let h = strip_title_status(heading.trim());
    let (_, h) = split_heading_number(h);
    let plain = crate::text::plain_inline(h);
    let plain = TITLE_PREFIX.replace(&plain, "").trim().to_string();
    let (_, plain) = split_heading_number(&plain);
    let plain = plain.trim().to_string();
    if plain.is_empty() || is_generic_title(&plain) { None } else { Some(plain) }
}

/// Reads an id written as a reference: `ADR-0019`, `ADR 19`, `#0033`, `0019`, `KEP-1234`.
pub fn parse_id_reference(s: &str) -> Option<(Option<String>, DocNumber)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:([a-z0-9][a-z0-9_-]*)/)?(?:(adr|rfc|kep|pep)[-_ ]?)?#?\s*(\d{1,5}[a-z]?)$")
            .expect("static regex")
    });
    let c = RE.captures(s.trim())?;
    let prefix = c.get(2).map(|m| m.as_str().to_uppercase());
    // `payments/ADR-0003`: the id of another source of an organisation's site.
    let prefix = match (c.get(1), prefix) {
        (Some(ns), Some(p)) => Some(format!("{}/{p}", ns.as_str().to_lowercase())),
        (Some(_), None) => return None,
        (None, p) => p,
    };
    Some((prefix, DocNumber::parse(&c[3])?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(page_slug("docs/adr/0005-Use-X.md", "docs/adr"), "0005-use-x");
        assert_eq!(page_slug("d/2022-02-03-slug/README.md", "d"), "2022-02-03-slug");
        assert_eq!(page_slug("keps/sig-node/127-user-ns/README.md", "keps"), "sig-node/127-user-ns");
        assert_eq!(page_slug("d/README.md", "d"), "readme");
        assert_eq!(page_slug("d/index.md", "d"), "index-page");
        assert_eq!(page_slug("c/field marketing.md", ""), "c/field-marketing");
        assert_eq!(page_slug("source/guides/index.html.md.erb", "source"), "guides");
        assert_eq!(page_slug("source/accessibility.html.md.erb", "source"), "accessibility");
    }

    #[test]
    fn numbers_from_names() {
        let n = |s| number_from_name(s).map(|n| n.display());
        assert_eq!(n("docs/adr/0005-x.md").as_deref(), Some("0005"));
        assert_eq!(n("adr-004-module-loading.md").as_deref(), Some("004"));
        assert_eq!(n("rfc-100-x.md").as_deref(), Some("100"));
        assert_eq!(n("0004a-x.md").as_deref(), Some("0004a"));
        assert_eq!(n("keps/sig/1029-quotas/README.md").as_deref(), Some("1029"));
        assert_eq!(n("design/2013-12-type-params.md"), None);
        assert_eq!(n("20201016-use-slugs.md"), None);
        assert_eq!(n("d/2022-02-03-slug/README.md"), None);
        assert_eq!(n("onboarding.md"), None);
        assert_eq!(n("rfc/20241206-oci-registries/7-open-questions.md"), None, "a part of a document");
        assert_eq!(n("keps/sig-node/1234-quotas/README.md").as_deref(), Some("1234"));
        assert_eq!(n("decisions/2024/0005-use-x.md").as_deref(), Some("0005"), "a year's folder");
    }

    #[test]
    fn titles_that_are_the_files_name() {
        let own = DocNumber::parse("0003").unwrap();
        let long = "0003-Convergence-des-CMS-publics";
        assert!(is_file_name_title(long, Some(&own), "d/0003-cms.md"));
        assert!(!is_file_name_title("0003-Convergence des CMS", Some(&own), "d/0003-cms.md"), "words");
        assert!(is_file_name_title("2018-09-12", None, "meetings/2018/2018-09-12.md"));
        assert!(!is_file_name_title("One-on-Ones", None, "how/one-on-ones.md"), "a title");
        assert!(!is_file_name_title("Onboarding", None, "onboarding.md"), "one word");
    }

    #[test]
    fn slug_titles() {
        assert!(is_slug_title("redirecting-step-output-streams"));
        assert!(is_slug_title("pipeline_concurrency"));
        assert!(is_slug_title("tep-0011-x"));
        assert!(!is_slug_title("Pipeline concurrency"));
        assert!(!is_slug_title("postgres"), "one word names itself");
        assert!(!is_slug_title("Use-Postgres"));
        assert!(!is_slug_title("Wi-Fi"));
        assert!(is_slug_title("Fabric_Website"));
        assert!(!is_slug_title("2020-07-01"), "a date");
        assert!(!is_slug_title("a--b"));
    }

    #[test]
    fn heading_titles() {
        assert_eq!(title_from_heading("5. Use Postgres").as_deref(), Some("Use Postgres"));
        assert_eq!(
            title_from_heading("ADR 050: Improved trusted peering").as_deref(),
            Some("Improved trusted peering")
        );
        assert_eq!(title_from_heading("ADR-102: RPC Companion").as_deref(), Some("RPC Companion"));
        assert_eq!(title_from_heading("Architecture Decision Record: Configuration").as_deref(), Some("Configuration"));
        assert_eq!(
            title_from_heading("[Superseded by [ADR-0019](x.md)] Push metrics").as_deref(),
            Some("Push metrics")
        );
        assert_eq!(title_from_heading("Summary"), None);
        assert_eq!(title_from_heading("n. Django Templates").as_deref(), Some("Django Templates"));
        assert_eq!(strip_record_prefix("ADR: Naming"), "Naming");
        assert_eq!(strip_record_prefix("Proposal: Security Policy for Go"), "Security Policy for Go");
        for generic in ["RFC", "Proposal", "Design Document", "agenda", "Summary:"] {
            assert!(is_generic_title(generic), "{generic}");
        }
        for title in ["RFC process", "Use Postgres", "Proposals"] {
            assert!(!is_generic_title(title), "{title}");
        }
        assert_eq!(strip_record_prefix("ADR:"), "ADR:", "nothing would be left");
        assert_eq!(strip_record_prefix("Adrenaline: a story"), "Adrenaline: a story");
        // A placeholder for the number, or the kind in brackets.
        assert_eq!(strip_record_prefix("RFC-XXXX: Snowbridge Emergency Pause"), "Snowbridge Emergency Pause");
        assert_eq!(strip_record_prefix("XXXX: Decision Deposit Track"), "Decision Deposit Track");
        assert_eq!(strip_record_prefix("ADR-NNNN: Use Postgres"), "Use Postgres");
        assert_eq!(strip_record_prefix("[RFC] Generalization of device tests"), "Generalization of device tests");
        assert_eq!(
            title_from_heading("RFC-XXXX: Snowbridge Emergency Pause").as_deref(),
            Some("Snowbridge Emergency Pause")
        );
        assert_eq!(
            title_from_heading("[RFC] Generalization of device tests").as_deref(),
            Some("Generalization of device tests")
        );
        assert_eq!(strip_record_prefix("Xxxxl: a size"), "Xxxxl: a size");
        assert_eq!(title_from_heading("TITLE:  Establishing ADRs").as_deref(), Some("Establishing ADRs"));
        assert_eq!(strip_record_prefix("SIP-NN - Drop Forwards Compatibility"), "Drop Forwards Compatibility");
        assert_eq!(strip_record_prefix("SIP-XX - No-Curly Partial Functions"), "No-Curly Partial Functions");
        assert_eq!(title_from_heading("Preamble"), None, "Stellar's first section");
        assert_eq!(title_from_heading("Context and Problem Statement"), None, "MADR's first section");
        assert_eq!(title_from_heading("**Use `rayon`**").as_deref(), Some("Use rayon"));
        let own = DocNumber::parse("0002").expect("a number");
        assert_eq!(strip_own_number("0002: Remote Rule Evaluation", &own), "Remote Rule Evaluation");
        assert_eq!(strip_own_number("LID 0002 - Sharding", &own), "Sharding");
        assert_eq!(strip_own_number("#2 | Caching", &own), "Caching");
        assert_eq!(strip_own_number("2024: A year in review", &own), "2024: A year in review");
        assert_eq!(strip_own_number("Phase 2: Rollout", &own), "Phase 2: Rollout", "a word, not a series");
        assert_eq!(strip_own_number("2: ", &own), "2: ", "nothing would be left");
        assert_eq!(strip_own_number("2a: Variant", &own), "2a: Variant", "another document's number");
        let msc = DocNumber::parse("1929").unwrap();
        assert_eq!(strip_own_number("MSC1929 Homeserver Admin Contact", &msc), "Homeserver Admin Contact");
        assert_eq!(strip_own_number("MSC1929: Homeserver", &msc), "Homeserver");
        assert_eq!(strip_own_number("MSC1772 Spaces", &msc), "MSC1772 Spaces", "another proposal");
        assert_eq!(strip_own_number("HTTP2 support", &own), "HTTP2 support", "a name with a digit");
        assert_eq!(strip_own_number("0002-Licence des projets Github", &own), "Licence des projets Github");
        assert_eq!(strip_own_number("0002-2024 plan", &own), "0002-2024 plan", "a number glued to a number");
        let fs = DocNumber::parse("1010").unwrap();
        assert_eq!(strip_own_number("F# RFC FS-1010 - Add Map.count", &fs), "Add Map.count");
        assert_eq!(strip_own_number("Amend RFC FS-1009 - Map", &fs), "Amend RFC FS-1009 - Map", "another RFC");
        assert_eq!(strip_own_number("Phase 1010 - x", &fs), "Phase 1010 - x", "no series named");
        let cip = DocNumber::parse("0025").unwrap();
        let extension = "CIP-88 Extension: CIP-0025 | Token Project Information";
        assert_eq!(strip_own_number(extension, &cip), extension, "the words before name another document");
        assert_eq!(
            title_from_heading("declare strict_types Rollout {#adr_0011}").as_deref(),
            Some("declare strict_types Rollout")
        );
    }

    #[test]
    fn id_references() {
        let r = |s| parse_id_reference(s).map(|(p, n)| (p, n.value));
        assert_eq!(r("ADR-0019"), Some((Some("ADR".into()), 19)));
        assert_eq!(r("ADR 19"), Some((Some("ADR".into()), 19)));
        assert_eq!(r("#0033"), Some((None, 33)));
        assert_eq!(r("KEP-1234"), Some((Some("KEP".into()), 1234)));
        assert_eq!(r("0019-x.md"), None);
    }
}

#[cfg(test)]
mod never_panic {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Titles come from any file: none of the readers may panic on what a title holds,
        /// multi-byte letters right after a number included.
        #[test]
        fn title_readers_take_any_text(t in "\\PC{0,40}", n in 0u32..3000) {
            let own = DocNumber::parse(&n.to_string()).expect("digits");
            let _ = strip_own_number(&t, &own);
            let _ = is_file_name_title(&t, Some(&own), &format!("d/{t}.md"));
            let _ = is_slug_title(&t);
            let _ = title_from_heading(&t);
            let _ = crate::text::split_heading_attributes(&t);
            let _ = strip_own_number(&format!("{n}-{t}"), &own);
        }
    }
}
