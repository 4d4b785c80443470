//! A collection's own template — `template.md` (Log4brains, MADR 2), `adr-template.md` (MADR),
//! `0000-template.md` (Rust and React RFCs), `TEMPLATE.md` (Go), `templates/template.md`
//! (adr-tools) — filled in the way an author would: the title in the heading, the number, today's
//! date and the status in the fields the template has, the rest of its guidance left in place.
//!
//! Input: the site directory and the collection folder; then the template text and the values.
//! Output: the template found, and the filled-in document.

use crate::author::edit::{self, Insert};
use crate::author::style::Style;
use std::path::Path;

/// File names (lowercase) a collection's template goes by, most specific first.
const NAMES: &[&str] =
    &["templates/template.md", "template.md", "adr-template.md", "rfc-template.md", "0000-template.md", "_template.md"];

/// The collection's template: in its folder, else in the folder above (Rust and React keep
/// `0000-template.md` beside `text/`). Returns its path relative to the site and its text.
pub fn find(dir: &Path, folder: &str) -> Option<(String, String)> {
    let mut places = vec![folder.to_string()];
    if let Some((parent, _)) = folder.rsplit_once('/') {
        places.push(parent.to_string());
    } else if !folder.is_empty() {
        places.push(String::new());
    }
    for place in places {
        let base = if place.is_empty() { dir.to_path_buf() } else { dir.join(&place) };
        let Ok(entries) = std::fs::read_dir(&base) else { continue };
        let mut files: Vec<String> =
            entries.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().to_string()).collect();
        files.sort();
        for name in NAMES {
            let (sub, file) = name.rsplit_once('/').unwrap_or(("", name));
            let found = if sub.is_empty() {
                files.iter().find(|f| f.to_lowercase() == *file).cloned()
            } else {
                base.join(sub).join(file).is_file().then(|| format!("{sub}/{file}"))
            };
            if let Some(f) = found {
                let rel = if place.is_empty() { f.clone() } else { format!("{place}/{f}") };
                if let Ok(text) = std::fs::read_to_string(dir.join(&rel)) {
                    return Some((rel, text));
                }
            }
        }
    }
    None
}

/// What a collection's template is filled in with.
#[derive(Clone, Debug)]
pub struct Fill<'a> {
    /// The title.
    pub title: &'a str,
    /// The number as written in file names.
    pub number: Option<&'a str>,
    /// The status, when the kind has one.
    pub status: Option<&'a str>,
    /// Today.
    pub date: &'a str,
    /// Who is writing, when known.
    pub author: Option<&'a str>,
}

/// Whether a value only says what to write: `[list everyone involved]`, `{YYYY-MM-DD …}`,
/// `(fill me in …)`, or nothing.
fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    v.is_empty() || v.starts_with(['[', '{', '<', '(']) || v.contains("YYYY")
}

/// The value of the first `key:` line or front-matter key among `keys`.
fn value_of(text: &str, keys: &[&str]) -> Option<String> {
    text.lines().take(60).find_map(|l| {
        let t = l.trim_start().trim_start_matches(['-', '*', '+']).trim_start().trim_start_matches(['*', '_']);
        let (k, v) = t.split_once(':')?;
        let k = k.trim_end_matches(['*', '_']).trim().to_lowercase().replace(['-', '_'], " ");
        keys.contains(&k.as_str()).then(|| v.trim().trim_start_matches(['*', '_']).trim().to_string())
    })
}

/// Fills in a collection's template.
pub fn fill(template: &str, style: &Style, f: &Fill) -> String {
    let short = f.number.map(|n| n.trim_start_matches('0').max("0").to_string());
    let mut text = template.to_string();
    // adr-tools' own placeholders.
    if text.lines().any(|l| l.starts_with("# ") && l.contains("TITLE")) {
        text = text
            .replace("NUMBER", short.as_deref().unwrap_or(""))
            .replace("TITLE", f.title)
            .replace("DATE", f.date)
            .replace("STATUS", f.status.unwrap_or("Proposed"));
    } else {
        text = title(&text, style, f);
    }
    // A `title:` key in front matter names the page (MADR's `title: ADR Template`).
    if let Some(t) = edit::set_field(&text, &["title"], f.title, Insert::Never) {
        text = t;
    }
    if let Some(status) = f.status
        && let Some(t) = edit::set_field(&text, &["status"], status, Insert::FrontMatter)
    {
        text = t;
    }
    let date_keys = ["date", "start date", "last updated", "created"];
    if value_of(&text, &date_keys).is_none_or(|v| is_placeholder(&v))
        && let Some(t) = edit::set_field(&text, &date_keys, f.date, Insert::FrontMatter)
    {
        text = t;
    }
    if let Some(author) = f.author {
        for keys in [&["deciders", "decision makers"][..], &["authors", "author(s)", "author"], &["owner"]] {
            if value_of(&text, keys).is_some_and(|v| is_placeholder(&v))
                && let Some(t) = edit::set_field(&text, keys, author, Insert::Never)
            {
                text = t;
            }
        }
    }
    text
}

/// A heading that only says where the title goes: `# Title`, `# Short title`, `# ADR title`.
fn is_title_placeholder(h: &str) -> bool {
    let words: Vec<String> =
        h.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).collect();
    words.len() <= 3 && words.last().is_some_and(|w| w == "title")
}

/// Puts the title into the first heading: the whole heading when it is a placeholder
/// (`# [short title of solved problem]`), the bracketed part of `# Proposal: [Title]`, or a new
/// heading above a template that opens with a section (`# Summary`).
fn title(text: &str, style: &Style, f: &Fill) -> String {
    let heading = style.title_line(f.title, f.number);
    let mut in_fence = false;
    let mut offset = 0;
    let front_end = if text.starts_with("---") || text.starts_with("+++") {
        crate::author::style::front_matter_end(text).unwrap_or(0)
    } else {
        0
    };
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if start < front_end {
            continue;
        }
        let t = line.trim_end();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if in_fence || !t.starts_with("# ") {
            continue;
        }
        let h = t[2..].trim();
        let newline = &line[t.len()..];
        let replaced = if h.starts_with(['[', '{', '<']) {
            format!("{heading}{newline}")
        } else if let Some(open) = h.find(['[', '{', '<']) {
            let close = h[open..].find([']', '}', '>']).map_or(h.len(), |c| open + c + 1);
            format!("# {}{}{}{newline}", &h[..open], f.title, &h[close..])
        } else if is_title_placeholder(h) {
            format!("{heading}{newline}")
        } else {
            return format!("{}{heading}\n\n{}", &text[..start], &text[start..]);
        };
        return format!("{}{replaced}{}", &text[..start], &text[offset..]);
    }
    format!("{heading}\n\n{text}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::author::style::{MetaStyle, TitleStyle};

    fn fill_in(template: &str, style: &Style) -> String {
        let f = Fill {
            title: "Use X",
            number: Some("0012"),
            status: Some("proposed"),
            date: "2026-11-21",
            author: Some("Ana"),
        };
        fill(template, style, &f)
    }

    #[test]
    fn a_heading_that_says_title_is_the_title() {
        // NATS: `# Title`, then a metadata table.
        let t =
            "# Title\n\n| Metadata | Value |\n|---|---|\n| Date | YYYY-MM-DD |\n| Status | `Proposed`, `Approved` |\n";
        let style = Style { meta: MetaStyle::Yaml, title: TitleStyle::Plain };
        assert!(fill_in(t, &style).starts_with("# Use X\n\n| Metadata |"), "{}", fill_in(t, &style));
        assert!(!is_title_placeholder("Title of the game we play"));
        assert!(is_title_placeholder("Short title"));
    }

    #[test]
    fn log4brains_and_madr2_templates() {
        let t = "# [short title of solved problem and solution]\n\n- Status: [draft | proposed | rejected] <!-- optional -->\n- Deciders: [list everyone involved in the decision] <!-- optional -->\n- Date: [YYYY-MM-DD when the decision was last updated] <!-- optional -->\n\n## Context\n\n[Describe the context]\n";
        let style = Style { meta: MetaStyle::Bullets('-'), title: TitleStyle::Plain };
        assert_eq!(
            fill_in(t, &style),
            "# Use X\n\n- Status: proposed\n- Deciders: Ana\n- Date: 2026-11-21\n\n## Context\n\n[Describe the context]\n"
        );
    }

    #[test]
    fn madr_front_matter_template() {
        let t = "---\nparent: Decisions\ntitle: ADR Template\n\n# status: \"{proposed | rejected}\"\n---\n# {short title, representative of solved problem}\n\n## Context\n";
        let out = fill_in(t, &Style::default());
        assert_eq!(
            out,
            "---\nparent: Decisions\ntitle: Use X\n\n# status: \"{proposed | rejected}\"\nstatus: proposed\ndate: 2026-11-21\n---\n# Use X\n\n## Context\n"
        );
    }

    #[test]
    fn rfc_templates_and_adr_tools() {
        let rust = "- Feature Name: (fill me in with a unique ident)\n- Start Date: (fill me in with today's date, YYYY-MM-DD)\n\n# Summary\n\nOne paragraph.\n";
        let style = Style { meta: MetaStyle::RfcHeader, title: TitleStyle::Plain };
        assert_eq!(
            fill_in(rust, &style),
            "- Feature Name: (fill me in with a unique ident)\n- Start Date: 2026-11-21\n\n# Use X\n\n# Summary\n\nOne paragraph.\n"
        );
        let go = "[This is a template.]\n\n# Proposal: [Title]\n\nAuthor(s): [Author Name, Co-Author Name]\n\nLast updated: [Date]\n";
        assert_eq!(
            fill_in(go, &Style::default()),
            "[This is a template.]\n\n# Proposal: Use X\n\nAuthor(s): Ana\n\nLast updated: 2026-11-21\n"
        );
        let adr_tools = "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n";
        assert_eq!(fill_in(adr_tools, &Style::default()), "# 12. Use X\n\nDate: 2026-11-21\n\n## Status\n\nproposed\n");
    }
}
