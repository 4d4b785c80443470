//! Small text transformations shared by several stages: URL slugs, heading anchors and the plain
//! text of inline Markdown.

/// Turns any text into a lowercase, URL-safe slug of `[a-z0-9-]` (empty input gives an empty slug).
///
/// Letters outside ASCII are kept when alphanumeric so that non-English titles stay readable.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            // `İ` lowercases to `i` and a combining dot, which is no letter of a slug.
            out.extend(c.to_lowercase().filter(|l| l.is_alphanumeric()));
        } else {
            dash = true;
        }
    }
    out
}

/// `s` without its accents (`Nicolò` → `Nicolo`): each letter decomposed and its combining marks
/// dropped. Letters that are not a base letter plus marks (`ø`, `ł`) stay as they are.
pub fn fold_diacritics(s: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    s.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// The anchor id GitHub gives a heading: lowercase, punctuation dropped, spaces to `-`.
/// Using the same rule keeps `#anchor` links written for GitHub working.
pub fn heading_anchor(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// A heading's text without the attribute block that ends it (`Rollout {#adr_0011}`, `Ambiguity
/// { #ambig .note }`, as Pandoc, kramdown and Zola write them), and the id the block names. Only a
/// block whose every word is an `#id`, a `.class` or a `key=value` is one: a template's
/// `{TITLE}` or a path's `{template|html/template}` stays text.
pub fn split_heading_attributes(heading: &str) -> (&str, Option<&str>) {
    let t = heading.trim_end();
    let Some(open) = t.strip_suffix('}').and_then(|b| b.rfind('{')) else { return (heading, None) };
    let block = &t[open + 1..t.len() - 1];
    let words: Vec<&str> = block.split_whitespace().collect();
    let attribute = |w: &&str| {
        (w.len() > 1 && (w.starts_with('#') || w.starts_with('.')))
            || w.split_once('=')
                .is_some_and(|(k, _)| !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    };
    if words.is_empty() || block.contains('{') || !words.iter().all(attribute) {
        return (heading, None);
    }
    let id = words.iter().rev().find_map(|w| w.strip_prefix('#'));
    (t[..open].trim_end(), id)
}

/// The plain text of one line of inline Markdown: links keep their text, emphasis and code marks
/// are dropped.
pub fn plain_inline(s: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::with_capacity(s.len());
    for event in Parser::new(s) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Makes a title out of a file or folder name: `0005-use-postgres` becomes `Use postgres`.
pub fn title_from_name(name: &str) -> String {
    // Numbers that lead the name and end at a separator (`0005-`, `2022-02-03-`) order it; a
    // number that is part of a word (`18f-handbook`, `2fa-rollout`) is its name.
    let mut trimmed = name;
    loop {
        let digits = trimmed.len() - trimmed.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let rest = &trimmed[digits..];
        match rest.chars().next() {
            Some('-' | '_' | '.' | ' ') if digits > 0 => trimmed = &rest[1..],
            _ => break,
        }
    }
    let trimmed = trimmed.trim_start_matches(['-', '_', '.', ' ']);
    // A name of numbers only (a date) is all there is, written as it is (`2020-07-01`).
    if trimmed.chars().all(|c| c.is_ascii_digit()) {
        return name.to_string();
    }
    let base = trimmed;
    let words: String = base.chars().map(|c| if c == '-' || c == '_' { ' ' } else { c }).collect();
    let words = words.trim();
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}

/// The Markdown extensions every stage parses with, so that loading and rendering see the same
/// document: tables, footnotes, strikethrough, task lists, alerts and math.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        // Alerts (`> [!NOTE]`) and `$…$` math, as GitHub reads them.
        | Options::ENABLE_GFM
        | Options::ENABLE_MATH
}

/// Matches ids written in prose: `ADR-0005`, `ADR 5`, `RFC 2094`, `RFC #2094`, `KEP-1234`, `adr-004a`.
static ID_MENTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:\b(?i:(ADR|RFC|KEP|PEP))(?:[-_ ]?#?|\s#)|\b([A-Z]{2,5})-)(\d{1,5})(?i:([a-z]))?\b")
        .expect("static regex")
});

/// An id written in prose: `ADR-0005`, `RFC 2094`, `rfc #12`, or any series written in capitals
/// with a hyphen (`CIP-0030`, `SE-0042`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdMention<'a> {
    /// Byte range in the text.
    pub range: std::ops::Range<usize>,
    /// The prefix, upper-cased.
    pub prefix: String,
    /// The digits and letter suffix as written (`0004a`).
    pub number: &'a str,
}

/// Every id mentioned in `text`, in order.
pub fn id_mentions(text: &str) -> impl Iterator<Item = IdMention<'_>> {
    ID_MENTION.captures_iter(text).map(|c| {
        let whole = c.get(0).expect("a match");
        let mut prefix = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str()).to_uppercase();
        let end = c.get(4).or_else(|| c.get(3)).map_or(whole.end(), |m| m.end());
        let mut start = whole.start();
        // `payments/ADR-0003`: the id of a source of an organisation's site.
        if let Some(ns) = namespace_before(&text[..start]) {
            start -= ns.len() + 1;
            prefix = format!("{ns}/{prefix}");
        }
        IdMention { range: start..whole.end(), prefix, number: &text[c.get(3).map_or(end, |m| m.start())..end] }
    })
}

/// The `name` of a `name/` that `before` ends with: a lowercase word standing on its own (not the
/// last folder of a longer path).
fn namespace_before(before: &str) -> Option<&str> {
    let head = before.strip_suffix('/')?;
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_')
        .last()
        .map(|(i, _)| i)?;
    let ns = &head[start..];
    let standalone = head[..start].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || "/.:~".contains(c)));
    (standalone && ns.as_bytes()[0].is_ascii_alphanumeric()).then_some(ns)
}

/// `text` without the Markdown that its author wrote but that did not parse as such (`** a **`,
/// `**Topic:**Text`, a stray backtick, an unclosed `[link](`): an excerpt shows words, never syntax.
pub fn without_markup(text: &str) -> String {
    text.replace("**", "").replace("__", "").replace('`', "").replace("](", "] (").replace("][", "] [")
}

/// `s` with its whitespace collapsed, cut at a word to at most `max` characters, with an
/// ellipsis when it was longer (excerpts; the titles in a decision graph's boxes).
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// The relative path from the folder of `from` to `to` (both relative to the same root).
pub fn relative_from(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect::<Vec<_>>().split_last().map_or(vec![], |(_, d)| d.to_vec());
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; from_dirs.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

/// Decodes `%XX` escapes in a URL path; malformed escapes stay as written.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(v) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

/// Escapes a URL for an `href`/`src` attribute: unsafe characters percent-encoded, `&` escaped.
pub fn escape_href(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    pulldown_cmark_escape::escape_href(&mut out, s).expect("writing to a String cannot fail");
    out
}

/// A stable hash of a string (FNV-1a), so ids map to the same value in every run.
pub fn stable_hash(s: &str) -> u64 {
    use std::hash::Hasher as _;
    let mut h = StableHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// FNV-1a as a [`Hasher`](std::hash::Hasher): the same value in every process and release
/// (unlike the standard library's), for what is stored in the cache and compared later.
#[derive(Clone, Copy, Debug)]
pub struct StableHasher(u64);

impl Default for StableHasher {
    fn default() -> Self {
        StableHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for StableHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A size written by a person: `20MB`, `512 KiB`, `1.5 GB` or a plain number of bytes. `KB`,
/// `MB` and `GB` are powers of 1000; `KiB`, `MiB` and `GiB` powers of 1024. `None` for anything
/// else, and for zero.
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let bytes = (number * scale).round();
    (bytes >= 1.0 && bytes < u64::MAX as f64).then_some(bytes as u64)
}

/// A byte count as people read it: `12.6 MB`, `740 KB`, `512 bytes` (powers of 1000).
pub fn format_size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.0} KB", bytes as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.1} GB", bytes as f64 / 1e9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_fold_to_their_base_letters() {
        assert_eq!(fold_diacritics("nicolò-ribaudo"), "nicolo-ribaudo");
        assert_eq!(fold_diacritics("José Müller"), "Jose Muller");
        assert_eq!(fold_diacritics("søren"), "søren", "ø is a letter of its own");
    }

    #[test]
    fn an_id_may_name_its_source() {
        let found: Vec<(String, &str)> = id_mentions("billing/ADR-0001, see ADR-2 and docs/adr/x and a/billing/ADR-3")
            .map(|m| (m.prefix.clone(), &"billing/ADR-0001, see ADR-2 and docs/adr/x and a/billing/ADR-3"[m.range]))
            .collect();
        assert_eq!(
            found,
            [
                ("billing/ADR".to_string(), "billing/ADR-0001"),
                ("ADR".to_string(), "ADR-2"),
                ("ADR".to_string(), "ADR-3"),
            ]
        );
    }

    #[test]
    fn sizes_are_read_and_written_as_people_do() {
        assert_eq!(parse_size("20MB"), Some(20_000_000));
        assert_eq!(parse_size("512 KiB"), Some(524_288));
        assert_eq!(parse_size("1.5 gb"), Some(1_500_000_000));
        assert_eq!(parse_size("4096"), Some(4096));
        assert_eq!(parse_size("0"), None);
        assert_eq!(parse_size("ten MB"), None);
        assert_eq!(parse_size("5 parsecs"), None);
        assert_eq!(format_size(12_582_953), "12.6 MB");
        assert_eq!(format_size(740_100), "740 KB");
        assert_eq!(format_size(512), "512 bytes");
    }
    use proptest::prelude::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Use PostgreSQL!"), "use-postgresql");
        assert_eq!(slugify("  a  b  "), "a-b");
        assert_eq!(slugify("T-compiler Meeting 2022-09-15"), "t-compiler-meeting-2022-09-15");
        assert_eq!(slugify("Ⓙⓢ⚡"), "ⓙⓢ");
        assert_eq!(slugify("İstanbul"), "istanbul", "no combining mark");
    }

    #[test]
    fn heading_attribute_blocks() {
        assert_eq!(
            split_heading_attributes("declare strict_types Rollout {#adr_0011}"),
            ("declare strict_types Rollout", Some("adr_0011"))
        );
        assert_eq!(split_heading_attributes("Ambiguity { #ambig .note }"), ("Ambiguity", Some("ambig")));
        assert_eq!(split_heading_attributes("Notes {.aside}"), ("Notes", None));
        for text in [
            "{short title, representative of solved problem}",
            "Package x/text/{template|html/template}",
            "RFC {RFC-NUMBER}: {TITLE}",
            "Empty {}",
            "Plain",
        ] {
            assert_eq!(split_heading_attributes(text), (text, None), "{text}");
        }
    }

    #[test]
    fn anchors_match_github() {
        assert_eq!(heading_anchor("Decision Outcome"), "decision-outcome");
        assert_eq!(heading_anchor("Pros & Cons (v2)"), "pros--cons-v2");
    }

    #[test]
    fn plain_inline_drops_markup() {
        assert_eq!(plain_inline("[ADR-0019](x.md) **is** `here`"), "ADR-0019 is here");
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("/%2e%2e/etc"), "/../etc");
        assert_eq!(percent_decode("/a%20b.html"), "/a b.html");
        assert_eq!(percent_decode("/100%"), "/100%");
        assert_eq!(percent_decode("/%zz"), "/%zz");
    }

    #[test]
    fn titles_from_names() {
        assert_eq!(title_from_name("0005-use-postgres"), "Use postgres");
        assert_eq!(title_from_name("2022-02-03-integration-testing"), "Integration testing");
        assert_eq!(title_from_name("0000"), "0000");
        assert_eq!(title_from_name("2020-07-01"), "2020-07-01");
        assert_eq!(title_from_name("18f-handbook"), "18f handbook");
        assert_eq!(title_from_name("2fa-rollout"), "2fa rollout");
        assert_eq!(title_from_name("1.2-x"), "X");
        assert_eq!(title_from_name("007_-_naming"), "Naming");
    }

    proptest! {
        #[test]
        fn slugify_is_idempotent_and_url_safe(s in "\\PC*") {
            let once = slugify(&s);
            prop_assert_eq!(slugify(&once), once.clone());
            prop_assert!(!once.starts_with('-') && !once.ends_with('-'));
            prop_assert!(once.chars().all(|c| c == '-' || c.is_alphanumeric()));
            prop_assert!(!once.contains("--"));
        }
    }
}
