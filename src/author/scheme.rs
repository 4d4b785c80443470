//! How a collection names its files, and the name of the next one.
//!
//! Input: the paths of a collection's documents (relative to the collection folder) and every
//! path its folder ever had in git. Output: a [`Naming`] — numbered (`0005-slug.md`,
//! `adr-005-slug.md`), dated (`20200924-slug.md`, `2026-03-04-slug/README.md`) or plain slugs —
//! and the next free name. A number that ever existed in the folder's history is never reused,
//! so links and ids in old commits, issues and chat keep pointing at one document.

use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The naming scheme of a collection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Naming {
    /// `{prefix}{number:0width}{sep}{slug}`, or `{prefix}{number}` alone (`ADR-12.md`).
    Numbered {
        /// Text before the number (`adr-`), often empty.
        prefix: String,
        /// Digits, zero-padded.
        width: usize,
        /// Between the number and the slug; `None` when names have no slug.
        sep: Option<char>,
    },
    /// A date, then optionally the slug.
    Dated {
        /// `20200924` rather than `2020-09-24`.
        compact: bool,
        /// Whether the slug follows the date.
        slug: bool,
    },
    /// The slug alone.
    Slug,
}

/// Where and how the next document is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scheme {
    /// The naming scheme.
    pub naming: Naming,
    /// `README.md` when every document is a folder of its own (`2026-03-04-slug/README.md`).
    pub folder_file: Option<String>,
    /// The file extension, without the dot.
    pub ext: String,
}

static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Za-z]+[-_]?)?(\d{1,6})(?:([-_])(.+))?$").expect("static regex"));
static DATED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d{2})(-?)(\d{2})-?(\d{2})(?:[-_](.+))?$").expect("static regex"));

/// The name that stands for a document: its file stem, or its folder for `x/README.md`.
fn stem(rel: &str) -> (String, Option<String>, String) {
    let mut parts: Vec<&str> = rel.split('/').collect();
    let file = parts.pop().unwrap_or_default();
    let (file_stem, ext) = file.rsplit_once('.').unwrap_or((file, "md"));
    let lower = file_stem.to_lowercase();
    if (lower == "readme" || lower == "index")
        && let Some(folder) = parts.last()
    {
        return (folder.to_string(), Some(file.to_string()), ext.to_string());
    }
    (file_stem.to_string(), None, ext.to_string())
}

/// What one name says: numbered (prefix, digits, sep), dated (compact, slug) or neither.
fn classify(name: &str) -> Naming {
    if let Some(c) = DATED.captures(name) {
        return Naming::Dated { compact: c[2].is_empty(), slug: c.get(5).is_some() };
    }
    if let Some(c) = NUMBERED.captures(name) {
        let sep = c.get(3).and_then(|m| m.as_str().chars().next());
        return Naming::Numbered {
            prefix: c.get(1).map_or(String::new(), |m| m.as_str().to_string()),
            width: c[2].len(),
            sep,
        };
    }
    Naming::Slug
}

/// The scheme most of `docs` (paths relative to the collection folder) follow; `fallback` when
/// the collection is empty.
pub fn detect<'a>(docs: impl IntoIterator<Item = &'a str>, fallback: Naming) -> Scheme {
    let mut namings: BTreeMap<String, (usize, Naming)> = BTreeMap::new();
    let mut folders: BTreeMap<Option<String>, usize> = BTreeMap::new();
    let mut exts: BTreeMap<String, usize> = BTreeMap::new();
    for rel in docs {
        let (name, folder_file, ext) = stem(rel);
        let naming = classify(&name);
        let entry = namings.entry(format!("{naming:?}")).or_insert((0, naming));
        entry.0 += 1;
        *folders.entry(folder_file).or_default() += 1;
        *exts.entry(ext).or_default() += 1;
    }
    let naming = namings.into_values().max_by_key(|(c, _)| *c).map_or(fallback, |(_, n)| n);
    Scheme {
        naming,
        folder_file: most_common(&folders).flatten(),
        ext: most_common(&exts).unwrap_or_else(|| "md".to_string()),
    }
}

/// The key counted most often (the first in order among equals).
pub fn most_common<K: Clone + Ord>(counts: &BTreeMap<K, usize>) -> Option<K> {
    let max = counts.values().max()?;
    counts.iter().find(|(_, c)| *c == max).map(|(k, _)| k.clone())
}

/// The number in a name written in `naming`'s numbered form.
pub fn number_of(naming: &Naming, rel: &str) -> Option<u64> {
    let Naming::Numbered { prefix, .. } = naming else { return None };
    // Every path segment: a renamed folder-per-document keeps its number in the folder name.
    rel.split('/').find_map(|seg| {
        let seg = seg.rsplit_once('.').map_or(seg, |(s, _)| s);
        let c = NUMBERED.captures(seg)?;
        let p = c.get(1).map_or("", |m| m.as_str());
        (p.eq_ignore_ascii_case(prefix)).then(|| c[2].parse().ok()).flatten()
    })
}

/// The file name (relative to the folder new documents go in) for the next document.
pub fn file_name(scheme: &Scheme, number: Option<u64>, slug: &str, today: jiff::civil::Date) -> String {
    let name = match &scheme.naming {
        Naming::Numbered { prefix, width, sep } => {
            let number = format!("{prefix}{:0width$}", number.unwrap_or(1), width = *width);
            match sep {
                Some(sep) => format!("{number}{sep}{slug}"),
                None => number,
            }
        }
        Naming::Dated { compact, slug: with_slug } => {
            let date = if *compact { today.strftime("%Y%m%d").to_string() } else { today.to_string() };
            if *with_slug { format!("{date}-{slug}") } else { date }
        }
        Naming::Slug => slug.to_string(),
    };
    match &scheme.folder_file {
        Some(file) => format!("{name}/{file}"),
        None => format!("{name}.{}", scheme.ext),
    }
}

/// The lowest number above every number used now or ever in the folder's history.
pub fn next_number(naming: &Naming, current: &[u64], history: &[String]) -> Option<u64> {
    if !matches!(naming, Naming::Numbered { .. }) {
        return None;
    }
    let highest = current.iter().copied().chain(history.iter().filter_map(|p| number_of(naming, p))).max();
    Some(highest.map_or(1, |n| n + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn numbered(prefix: &str, width: usize) -> Naming {
        Naming::Numbered { prefix: prefix.into(), width, sep: Some('-') }
    }

    #[test]
    fn each_corpus_scheme_is_recognised() {
        let adr_tools = ["0001-record-architecture-decisions.md", "0002-implement-as-shell-scripts.md"];
        assert_eq!(detect(adr_tools, Naming::Slug).naming, numbered("", 4));
        let arachne = ["adr-001-use-adrs.md", "adr-002-configuration.md", "README.md"];
        assert_eq!(detect(arachne, Naming::Slug).naming, numbered("adr-", 3));
        let log4brains = ["20200924-use-markdown.md", "20201016-use-the-slug.md", "template.md"];
        assert_eq!(detect(log4brains, Naming::Slug).naming, Naming::Dated { compact: true, slug: true });
        let edc = ["2022-02-03-integration-testing/README.md", "2023-01-01-x/README.md"];
        let s = detect(edc, Naming::Slug);
        assert_eq!(s.naming, Naming::Dated { compact: false, slug: true });
        assert_eq!(s.folder_file.as_deref(), Some("README.md"));
        assert_eq!(file_name(&s, None, "use-y", date(2026, 11, 21)), "2026-11-21-use-y/README.md");
    }

    #[test]
    fn numbers_deleted_from_the_folder_are_not_reused() {
        let n = numbered("", 4);
        let history = vec!["doc/adr/0007-removed.md".to_string(), "doc/adr/0003-x.md".to_string()];
        assert_eq!(next_number(&n, &[1, 2, 3], &history), Some(8));
        assert_eq!(next_number(&n, &[], &[]), Some(1));
        assert_eq!(next_number(&Naming::Slug, &[1], &[]), None);
        let arachne = numbered("adr-", 3);
        assert_eq!(number_of(&arachne, "adr-017-x.md"), Some(17));
        assert_eq!(number_of(&arachne, "0017-x.md"), None);
        let s = Scheme { naming: arachne, folder_file: None, ext: "md".into() };
        assert_eq!(file_name(&s, Some(18), "use-y", date(2026, 1, 1)), "adr-018-use-y.md");
    }

    #[test]
    fn names_of_a_number_alone_stay_so() {
        // NATS: `ADR-1.md` … `ADR-53.md`.
        let nats = ["ADR-1.md", "ADR-9.md", "ADR-10.md", "ADR-53.md", "ADR-12.md"];
        let s = detect(nats, Naming::Slug);
        assert_eq!(s.naming, Naming::Numbered { prefix: "ADR-".into(), width: 2, sep: None });
        assert_eq!(number_of(&s.naming, "ADR-53.md"), Some(53));
        assert_eq!(file_name(&s, Some(54), "use-y", date(2026, 1, 1)), "ADR-54.md");
    }
}
