//! Small, targeted edits to an existing document: set its status, add a relation line. Every
//! other byte of the file is kept — line endings, front-matter order, comments — so that the diff
//! of `adrsite new --supersedes` shows exactly what changed.
//!
//! Input: the document text. Output: the edited text, or why the edit was not possible.

use crate::author::style::{self, MetaStyle};

/// The relation line a document gets, in its own dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// `Supersedes [..](..)`.
    Supersedes,
    /// `Amends [..](..)`.
    Amends,
    /// `Amended by [..](..)`.
    AmendedBy,
}

impl Relation {
    fn label(self) -> &'static str {
        match self {
            Relation::Supersedes => "Supersedes",
            Relation::Amends => "Amends",
            Relation::AmendedBy => "Amended by",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Relation::Supersedes => "supersedes",
            Relation::Amends => "amends",
            Relation::AmendedBy => "amended-by",
        }
    }
}

/// Another document, as a relation or a status names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The link text: `ADR-0012`, `12. Use X` or the title.
    pub label: String,
    /// The path from the editing document to the other one.
    pub path: String,
    /// The other document's id (`ADR-0012`) when it names that document alone.
    pub id: Option<String>,
}

impl Reference {
    /// In front matter: the id, else the path. A Markdown link there is a string to every
    /// front-matter reader, not a link.
    pub fn plain(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.path)
    }

    /// In Markdown: a link.
    pub fn link(&self) -> String {
        format!("[{}]({})", self.label, self.path)
    }
}

/// A value as written in front matter and as written in the Markdown body.
#[derive(Clone, Copy, Debug)]
struct Value<'a> {
    front_matter: &'a str,
    body: &'a str,
}

impl<'a> Value<'a> {
    fn same(text: &'a str) -> Value<'a> {
        Value { front_matter: text, body: text }
    }
}

/// The text as lines with their endings, and the newline the file uses.
fn lines(text: &str) -> (Vec<String>, &'static str) {
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    (text.split_inclusive('\n').map(str::to_string).collect(), nl)
}

/// Where the front matter's closing fence is (line index), if the file has front matter.
fn front_close(ls: &[String]) -> Option<usize> {
    let open = ls.first()?.trim_end();
    if open != "---" && open != "+++" {
        return None;
    }
    ls.iter().enumerate().skip(1).find(|(_, l)| l.trim_end() == open).map(|(i, _)| i)
}

fn key_of(line: &str) -> Option<(String, usize)> {
    // `status: x`, `* Status: x`, `- **Status**: x`, `status = "x"`: the key and where its
    // value starts.
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let body = trimmed.strip_prefix(['*', '-', '+']).map_or(trimmed, |r| r.strip_prefix(' ').unwrap_or(r));
    let marker = trimmed.len() - body.len();
    let bare = body.trim_start_matches(['*', '_']);
    let emph = body.len() - bare.len();
    let end = bare.find([':', '='])?;
    let key = bare[..end].trim_end_matches(['*', '_']).trim();
    if key.is_empty() || key.len() > 30 {
        return None;
    }
    let mut value_start = indent + marker + emph + end + 1;
    let rest = &line[value_start..];
    let rest_trimmed = rest.trim_start_matches(['*', '_']);
    value_start += rest.len() - rest_trimmed.len();
    value_start += rest_trimmed.len() - rest_trimmed.trim_start().len();
    Some((key.to_lowercase(), value_start))
}

/// A `# comment` after a front-matter value (outside quotes), with the space before it.
fn trailing_comment(value: &str) -> &str {
    let body = value.trim_end_matches(['\n', '\r']);
    let mut quote = None;
    for (i, c) in body.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if i > 0 && body[..i].ends_with([' ', '\t']) => {
                return &body[body[..i].trim_end().len()..];
            }
            _ => {}
        }
    }
    ""
}

fn ending(line: &str) -> &str {
    let body = line.trim_end_matches(['\n', '\r']);
    &line[body.len()..]
}

/// Sets the document's status to `value` wherever it states one: a front-matter key, a status
/// bullet or line, a table row or the paragraph of a `## Status` section. A document with no
/// status gets one in its dialect.
pub fn set_status(text: &str, value: &str) -> String {
    set_value(text, &["status"], Value::same(value), Insert::Anywhere).unwrap_or_else(|| text.to_string())
}

/// Sets the document's status to `word` followed by a reference to another document:
/// `superseded by ADR-0012` in front matter, `Superseded by [ADR-0012](0012-x.md)` in Markdown.
pub fn set_status_naming(text: &str, word: &str, other: &Reference) -> String {
    let front_matter = format!("{word} {}", other.plain());
    let body = format!("{word} {}", other.link());
    set_value(text, &["status"], Value { front_matter: &front_matter, body: &body }, Insert::Anywhere)
        .unwrap_or_else(|| text.to_string())
}

/// Where [`set_field`] may add a field the document does not have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Insert {
    /// Nowhere: only replace.
    Never,
    /// Into front matter, when the document has some.
    FrontMatter,
    /// Into front matter, else as a line under the title.
    Anywhere,
}

/// Sets the field named by any of `keys` (lowercase, as written: `status`, `start date`) to
/// `value`: a front-matter key, a bullet or `Key:` line, a table row, or the paragraph of a
/// section with that heading. `None` when the document has no such field and `insert` does not
/// allow adding one.
pub fn set_field(text: &str, keys: &[&str], value: &str, insert: Insert) -> Option<String> {
    set_value(text, keys, Value::same(value), insert)
}

fn set_value(text: &str, keys: &[&str], value: Value<'_>, insert: Insert) -> Option<String> {
    let (mut ls, nl) = lines(text);
    let close = front_close(&ls);
    let toml = ls.first().is_some_and(|l| l.trim_end() == "+++");
    let wanted = |k: &str| keys.contains(&k.trim());
    // Front matter.
    if let Some(close) = close {
        for l in ls.iter_mut().take(close).skip(1) {
            if let Some((key, start)) = key_of(l)
                && wanted(&key.replace(['-', '_'], " "))
            {
                let v =
                    if toml { style::toml_value(value.front_matter) } else { style::yaml_value(value.front_matter) };
                let comment = trailing_comment(&l[start..]);
                *l = format!("{}{v}{comment}{}", &l[..start], ending(l));
                return Some(ls.concat());
            }
        }
    }
    let body_start = close.map_or(0, |c| c + 1);
    let (front_matter, value) = (value.front_matter, value.body);
    let mut in_fence = false;
    for i in body_start..ls.len() {
        let t = ls[i].trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if in_fence {
            continue;
        }
        // A `## Status` section: replace its first paragraph.
        if t.starts_with("##") && wanted(&t.trim_start_matches('#').trim().to_lowercase()) {
            let mut j = i + 1;
            while j < ls.len() && ls[j].trim().is_empty() {
                j += 1;
            }
            let mut k = j;
            while k < ls.len() && !ls[k].trim().is_empty() && !ls[k].trim_start().starts_with('#') {
                k += 1;
            }
            if j < k {
                ls.splice(j..k, [format!("{value}{nl}")]);
            } else {
                ls.insert(j.min(ls.len()), format!("{nl}{value}{nl}"));
            }
            return Some(ls.concat());
        }
        // `* Status: accepted`, `Status: accepted`.
        if let Some((key, start)) = key_of(&ls[i])
            && wanted(&key)
            && !t.starts_with('|')
        {
            ls[i] = format!("{}{value}{}", &ls[i][..start], ending(&ls[i]));
            return Some(ls.concat());
        }
        // `| Status | Accepted |`.
        let cells: Vec<&str> = t.split('|').map(str::trim).collect();
        if t.starts_with('|') && cells.len() >= 4 && wanted(&cells[1].trim_matches(['*', '_']).to_lowercase()) {
            let line = &ls[i];
            let first = line.find('|').unwrap_or(0);
            let second = first + 1 + line[first + 1..].find('|').unwrap_or(0);
            let third = second + 1 + line[second + 1..].find('|').unwrap_or(0);
            ls[i] = format!("{} {value} {}", &line[..=second], &line[third..]);
            return Some(ls.concat());
        }
    }
    if insert == Insert::Never {
        return None;
    }
    let key = keys[0];
    if let Some(close) = close {
        let line = if toml {
            format!("{} = {}{nl}", key.replace(' ', "_"), style::toml_value(front_matter))
        } else {
            format!("{}: {}{nl}", key.replace(' ', "-"), style::yaml_value(front_matter))
        };
        ls.insert(close, line);
        return Some(ls.concat());
    }
    if insert == Insert::FrontMatter {
        return None;
    }
    let mut label = key.to_string();
    label[..1].make_ascii_uppercase();
    match header_end(&ls) {
        Some(at) => ls.insert(at, format!("- {label}: {value}{nl}")),
        None => insert_after_title(&mut ls, nl, format!("{label}: {value}{nl}")),
    }
    Some(ls.concat())
}

/// After the last `- Key: value` bullet of an RFC header that comes before the title.
fn header_end(ls: &[String]) -> Option<usize> {
    let first = ls.iter().position(|l| !l.trim().is_empty())?;
    let count = ls[first..].iter().take_while(|l| l.starts_with("- ") && key_of(l).is_some()).count();
    (count > 0).then_some(first + count)
}

/// Inserts `line` as a paragraph after the H1 (or at the top when there is none).
fn insert_after_title(ls: &mut Vec<String>, nl: &str, line: String) {
    match ls.iter().position(|l| l.starts_with("# ")) {
        Some(i) => {
            ls.insert(i + 1, format!("{nl}{line}"));
        }
        None => ls.insert(0, format!("{line}{nl}")),
    }
}

/// Adds a relation to another document in the document's dialect: a front-matter key naming it
/// by id or path, or a Markdown link in a bullet beside the status bullet, in a line of the
/// `## Status` section as adr-tools writes it, or under the title.
pub fn add_relation(text: &str, relation: Relation, other: &Reference) -> String {
    let link = &other.link();
    let (mut ls, nl) = lines(text);
    let close = front_close(&ls);
    let (meta, _) = style::detect_one(text);
    match meta {
        Some(MetaStyle::Yaml | MetaStyle::Toml) if let Some(close) = close => {
            let toml = ls[0].trim_end() == "+++";
            let line = if toml {
                format!("{} = {}{nl}", relation.key().replace('-', "_"), style::toml_value(other.plain()))
            } else {
                format!("{}: {}{nl}", relation.key(), style::yaml_value(other.plain()))
            };
            ls.insert(close, line);
        }
        Some(MetaStyle::RfcHeader) if let Some(end) = header_end(&ls) => {
            let at =
                ls[..end].iter().position(|l| key_of(l).is_some_and(|(k, _)| k == "status")).map_or(end, |i| i + 1);
            ls.insert(at, format!("- {}: {link}{nl}", relation.label()));
        }
        Some(MetaStyle::Bullets(c)) => {
            let at = ls
                .iter()
                .position(|l| key_of(l).is_some_and(|(k, _)| k == "status") && l.trim_start().starts_with(c))
                .map_or(0, |i| i + 1);
            ls.insert(at, format!("{c} {}: {link}{nl}", relation.label()));
        }
        Some(MetaStyle::Nygard)
            if let Some(i) = ls.iter().position(|l| {
                let t = l.trim();
                t.starts_with('#') && t.trim_start_matches('#').trim().eq_ignore_ascii_case("status")
            }) =>
        {
            // After the section's last non-blank line.
            let mut end = i + 1;
            let mut last = i;
            while end < ls.len() && !ls[end].trim_start().starts_with('#') {
                if !ls[end].trim().is_empty() {
                    last = end;
                }
                end += 1;
            }
            if !ls[last].ends_with('\n') {
                ls[last].push_str(nl);
            }
            ls.insert(last + 1, format!("{nl}{} {link}{nl}", relation.label()));
        }
        // A metadata table (`| Status | Accepted |`): a row of its own below the status.
        _ if let Some(i) = ls.iter().position(|l| table_key(l).is_some_and(|k| k == "status")) => {
            ls.insert(i + 1, format!("| {} | {link} |{nl}", relation.label()));
        }
        _ => insert_after_title(&mut ls, nl, format!("{} {link}{nl}", relation.label())),
    }
    ls.concat()
}

/// The first cell of a table row, lowercase, without emphasis.
fn table_key(line: &str) -> Option<String> {
    let t = line.trim();
    let cells: Vec<&str> = t.strip_prefix('|')?.split('|').collect();
    (cells.len() >= 3).then(|| cells[0].trim().trim_matches(['*', '_']).to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "[10. Use Y](0010-use-y.md)";

    fn y() -> Reference {
        Reference { label: "10. Use Y".into(), path: "0010-use-y.md".into(), id: Some("ADR-0010".into()) }
    }

    #[test]
    fn nygard_status_paragraph_is_replaced_and_relations_follow_it() {
        let text = "# 5. Use X\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n";
        let edited = set_status(text, &format!("Superseded by {LINK}"));
        assert_eq!(edited, text.replace("\nAccepted\n", &format!("\nSuperseded by {LINK}\n")));
        let amended = add_relation(text, Relation::AmendedBy, &y());
        assert!(amended.contains(&format!("## Status\n\nAccepted\n\nAmended by {LINK}\n\n## Context")), "{amended}");
    }

    #[test]
    fn front_matter_keeps_its_other_keys_and_comments() {
        let text = "---\n# comment\nstatus: accepted # was proposed\ndate: 2020-01-01\n---\n# Use X\n";
        let edited = set_status(text, "superseded by [ADR-0010](0010-use-y.md)");
        assert_eq!(
            edited,
            "---\n# comment\nstatus: superseded by [ADR-0010](0010-use-y.md) # was proposed\ndate: 2020-01-01\n---\n# Use X\n"
        );
        let quoted = "---\nstatus: \"accepted # really\"  # note\n---\n";
        assert_eq!(set_status(quoted, "deprecated"), "---\nstatus: deprecated  # note\n---\n");
        let none = "---\nparent: Decisions\n---\n# Use X\n";
        assert_eq!(set_status(none, "accepted"), "---\nparent: Decisions\nstatus: accepted\n---\n# Use X\n");
        // Front matter names the other document by id, or by path when it has none: never a
        // Markdown link, which no front-matter reader follows.
        let rel = add_relation(none, Relation::Supersedes, &y());
        assert_eq!(rel, "---\nparent: Decisions\nsupersedes: ADR-0010\n---\n# Use X\n");
        let no_id = Reference { id: None, ..y() };
        let rel = add_relation(none, Relation::Supersedes, &no_id);
        assert_eq!(rel, "---\nparent: Decisions\nsupersedes: 0010-use-y.md\n---\n# Use X\n");
        let toml = "+++\ntitle = \"X\"\n+++\n";
        assert_eq!(add_relation(toml, Relation::Amends, &y()), "+++\ntitle = \"X\"\namends = \"ADR-0010\"\n+++\n");
        assert_eq!(
            set_status_naming(text, "superseded by", &y()),
            "---\n# comment\nstatus: superseded by ADR-0010 # was proposed\ndate: 2020-01-01\n---\n# Use X\n"
        );
        // A status in the body keeps the link, in front matter or not.
        let section = "---\ndate: 2020-01-01\n---\n# Use X\n\n## Status\n\nAccepted\n";
        assert!(
            set_status_naming(section, "Superseded by", &y())
                .ends_with(&format!("## Status\n\nSuperseded by {LINK}\n"))
        );
    }

    #[test]
    fn bullets_rows_and_crlf() {
        let text = "# Use X\r\n\r\n* Status: accepted\r\n* Date: 2020-01-01\r\n";
        let edited = set_status(text, "superseded by [ADR-0010](0010-use-y.md)");
        assert_eq!(
            edited,
            "# Use X\r\n\r\n* Status: superseded by [ADR-0010](0010-use-y.md)\r\n* Date: 2020-01-01\r\n"
        );
        let rel = add_relation(text, Relation::AmendedBy, &y());
        assert!(rel.contains(&format!("* Status: accepted\r\n* Amended by: {LINK}\r\n* Date")), "{rel:?}");
        let bold = "# Use X\n\n- **Status**: Accepted\n";
        assert_eq!(set_status(bold, "Superseded"), "# Use X\n\n- **Status**: Superseded\n");
        let table = "# Use X\n\n| Status | Accepted |\n|---|---|\n";
        assert_eq!(set_status(table, "Superseded"), "# Use X\n\n| Status | Superseded |\n|---|---|\n");
        let nats = "# Use X\n\n| Metadata | Value |\n|---|---|\n| Status | Implemented |\n| Tags | a |\n";
        assert_eq!(
            add_relation(nats, Relation::AmendedBy, &y()),
            format!(
                "# Use X\n\n| Metadata | Value |\n|---|---|\n| Status | Implemented |\n| Amended by | {LINK} |\n| Tags | a |\n"
            )
        );
        let header = "- Start Date: 2020-01-01\n- RFC PR: #1\n\n# Summary\n";
        assert_eq!(
            add_relation(header, Relation::Supersedes, &y()),
            format!("- Start Date: 2020-01-01\n- RFC PR: #1\n- Supersedes: {LINK}\n\n# Summary\n")
        );
        assert_eq!(
            set_status(header, "Superseded"),
            "- Start Date: 2020-01-01\n- RFC PR: #1\n- Status: Superseded\n\n# Summary\n"
        );
        let bare = "# Use X\n\nBody.\n";
        assert_eq!(set_status(bare, "Superseded"), "# Use X\n\nStatus: Superseded\n\nBody.\n");
    }
}
