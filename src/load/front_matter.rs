//! Front matter: a YAML block between `---` lines or a TOML block between `+++` lines at the top
//! of a file.
//!
//! Input: a document's text. Output: the byte offset where the Markdown body starts and the
//! front matter's fields as flat `(key, value, line)` entries, or a `front-matter` diagnostic with
//! the line and column of the parse error. A `---` block that is not YAML at all (a thematic
//! break followed by prose) is body, not front matter.

use crate::diagnostic::{Code, Diagnostic};
use regex::Regex;
use std::sync::LazyLock;

static YAML_CONTEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r", while parsing (.+?) at line (\d+) column (\d+)").expect("static regex"));

/// A front-matter value reduced to text: scalars, or a list of scalars.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldValue {
    /// A string, number or boolean, as text.
    Scalar(String),
    /// A list of scalars.
    List(Vec<String>),
}

/// One front-matter field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The key as written.
    pub key: String,
    /// The value.
    pub value: FieldValue,
    /// 1-based line of the key in the file.
    pub line: u32,
}

/// The split of a file into front matter and body.
#[derive(Debug, Default)]
pub struct FrontMatter {
    /// Fields, in the order written.
    pub fields: Vec<Field>,
    /// Byte offset of the Markdown body.
    pub body_start: usize,
    /// A parse problem, if any.
    pub diagnostic: Option<Diagnostic>,
}

/// Splits `text` (newlines already normalised) read from `path`.
pub fn split(path: &str, text: &str) -> FrontMatter {
    let (fence, is_yaml) = if text.starts_with("---") {
        ("---", true)
    } else if text.starts_with("+++") {
        ("+++", false)
    } else {
        return FrontMatter::default();
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != fence {
        return FrontMatter::default();
    }
    let block_start = (first_line_end + 1).min(text.len());
    let mut offset = block_start;
    let mut close = None;
    for line in text[block_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == fence || (is_yaml && trimmed == "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((block_end, body_start)) = close else {
        if is_yaml && !looks_like_yaml(&text[block_start..]) {
            return FrontMatter::default();
        }
        return FrontMatter {
            diagnostic: Some(
                Diagnostic::error(
                    path,
                    1,
                    1,
                    Code::FrontMatter,
                    format!("front matter opened with `{fence}` is never closed"),
                )
                .with_help(format!("add a line with only `{fence}` after the last key")),
            ),
            ..FrontMatter::default()
        };
    };
    let block = &text[block_start..block_end];
    if is_yaml {
        // Line 1 is the opening `---`, so the block's first line is line 2 of the file.
        parse_yaml(path, block, body_start, 2)
    } else {
        parse_toml(path, block, body_start)
    }
}

/// Whether a block starts like a YAML mapping (`key: value`), as opposed to prose between rules.
fn looks_like_yaml(block: &str) -> bool {
    block.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).is_some_and(|l| {
        let key = l.split(':').next().unwrap_or("");
        l.contains(':')
            && !key.is_empty()
            && key.len() < 40
            && key.chars().all(|c| c.is_alphanumeric() || "_- \"'".contains(c))
    })
}

/// Parses a YAML mapping whose first line is line `first_line` of the file at `path`; used for
/// front matter and for whole-file sidecars such as `kep.yaml`.
pub fn parse_yaml(path: &str, block: &str, body_start: usize, first_line: u32) -> FrontMatter {
    match yaml_serde::from_str::<yaml_serde::Value>(block) {
        Ok(yaml_serde::Value::Mapping(map)) => {
            let mut fields = Vec::new();
            for (k, v) in map {
                let Some(key) = scalar(&k) else { continue };
                let value = match &v {
                    yaml_serde::Value::Sequence(items) => FieldValue::List(items.iter().filter_map(scalar).collect()),
                    yaml_serde::Value::Mapping(_) | yaml_serde::Value::Null => continue,
                    other => match scalar(other) {
                        Some(s) => FieldValue::Scalar(s),
                        None => continue,
                    },
                };
                let line = key_line(block, &key).map_or(first_line, |l| l + first_line - 1);
                fields.push(Field { key, value, line });
            }
            FrontMatter { fields, body_start, diagnostic: None }
        }
        Ok(yaml_serde::Value::Null) => FrontMatter { fields: Vec::new(), body_start, diagnostic: None },
        // `tag:Web Client`: without a space after its colon a key is one string to YAML, though
        // its author meant a key (and generators still take the block off the page).
        Ok(yaml_serde::Value::String(_)) if looks_like_yaml(block) => {
            let (fields, lost) = recover_lines(block, first_line);
            // Keys of one word only: `See also:the handbook` between two rules is prose.
            let keys = !lost && fields.iter().all(|f| !f.key.contains(' '));
            let Some(first) = fields.first().filter(|_| keys) else { return FrontMatter::default() };
            let written = block.lines().nth((first.line - first_line) as usize).unwrap_or_default().trim();
            let column = written.find(':').map_or(1, |c| c as u32 + 2);
            let value = match &first.value {
                FieldValue::Scalar(v) => v.clone(),
                FieldValue::List(items) => items.join(", "),
            };
            let diagnostic = Diagnostic::warning(
                path,
                first.line,
                column,
                Code::FrontMatter,
                format!("`{written}` is not a YAML key: YAML reads a key only with a space after its colon"),
            )
            .with_help(format!("write `{}: {value}`; adrsite read it so", first.key));
            FrontMatter { fields, body_start, diagnostic: Some(diagnostic) }
        }
        // A scalar or list: a thematic break with prose, not front matter.
        Ok(_) => FrontMatter::default(),
        Err(e) => {
            if !looks_like_yaml(block) {
                return FrontMatter::default();
            }
            let (mut line, mut column) =
                e.location().map_or((first_line, 1), |l| (l.line() as u32 + first_line - 1, l.column() as u32));
            let full = e.to_string();
            let mut message = full.split(" at line ").next().unwrap_or(&full).to_string();
            // "…, while parsing a flow sequence at line 2 column 9": the opening bracket is where
            // the author has to look, so point there.
            if let Some(c) = YAML_CONTEXT.captures(&full) {
                message = format!("{message} while parsing {}", &c[1]);
                line = c[2].parse::<u32>().unwrap_or(1) + first_line - 1;
                column = c[3].parse().unwrap_or(1);
            }
            // Authors write `rfc pr: [#335](https://…)` every day; YAML reads a flow sequence and
            // fails. Keep every key that can be read line by line, and say what was wrong.
            let (fields, lost) = recover_lines(block, first_line);
            let help = "quote values that contain `: ` or start with `[`, `{`, `*` or `@`";
            // An error when something could not be read; a warning when every key was kept.
            let diagnostic = if lost || fields.is_empty() {
                Diagnostic::error(
                    path,
                    line,
                    column,
                    Code::FrontMatter,
                    format!("front matter is not valid YAML: {message}"),
                )
                .with_help(format!("{help}; the body was still rendered"))
            } else {
                Diagnostic::warning(
                    path,
                    line,
                    column,
                    Code::FrontMatter,
                    format!("front matter is not valid YAML: {message}; every key was read line by line"),
                )
                .with_help(format!("{help}, so that every YAML reader agrees"))
            };
            FrontMatter { fields, body_start, diagnostic: Some(diagnostic) }
        }
    }
}

/// The fields of a YAML block that a YAML parser rejected, read line by line: `key: value` at the
/// start of a line, with `- item` lines below a key with no value as its list. Values are taken
/// as written (quotes removed). Also says whether anything was lost: a value with unbalanced
/// brackets or quotes, a nested mapping or a block scalar.
fn recover_lines(block: &str, first_line: u32) -> (Vec<Field>, bool) {
    let mut fields: Vec<Field> = Vec::new();
    let mut lost = false;
    let mut open_list: Option<usize> = None;
    for (i, line) in block.lines().enumerate() {
        let line_no = first_line + i as u32;
        let trimmed = line.trim();
        // A comment, or a line with nothing to read (a stray `\u{FFFC}` pasted from an editor).
        if trimmed.is_empty() || trimmed.starts_with('#') || !trimmed.chars().any(char::is_alphanumeric) {
            continue;
        }
        if line.starts_with([' ', '\t', '-']) {
            match (open_list, trimmed.strip_prefix("- ").or(trimmed.strip_prefix('-'))) {
                (Some(at), Some(item)) if readable(item.trim()) => {
                    if let FieldValue::List(items) = &mut fields[at].value {
                        items.push(unquote(item.trim()).to_string());
                    }
                }
                _ => lost = true,
            }
            continue;
        }
        open_list = None;
        let Some((key, value)) = line.split_once(':') else {
            lost = true;
            continue;
        };
        let key = unquote(key.trim());
        // `tracking-link: # the ticket`, then the list: a comment is no value.
        let value = value.trim();
        let value = if value.starts_with('#') { "" } else { value };
        let valid_key =
            !key.is_empty() && key.len() <= 60 && key.chars().all(|c| c.is_alphanumeric() || " _-.()".contains(c));
        if !valid_key || matches!(value, "|" | ">" | "|-" | ">-") || !readable(value) {
            lost = true;
        } else if value.is_empty() {
            open_list = Some(fields.len());
            fields.push(Field { key: key.to_string(), value: FieldValue::List(Vec::new()), line: line_no });
        } else {
            fields.push(Field {
                key: key.to_string(),
                value: FieldValue::Scalar(unquote(value).to_string()),
                line: line_no,
            });
        }
    }
    fields.retain(|f| !matches!(&f.value, FieldValue::List(items) if items.is_empty()));
    (fields, lost)
}

/// Whether a value read outside YAML means what it says: brackets and quotes are balanced
/// (`[#335](https://…)` is; `[accepted` is not).
fn readable(value: &str) -> bool {
    let count = |c: char| value.chars().filter(|x| *x == c).count();
    match value.chars().next() {
        Some('[') => count('[') == count(']'),
        Some('{') => count('{') == count('}'),
        Some(q @ ('"' | '\'')) => value.len() >= 2 && value.ends_with(q),
        _ => true,
    }
}

/// A value without the quotes around it.
pub(crate) fn unquote(s: &str) -> &str {
    let quoted =
        s.len() >= 2 && ((s.starts_with('"') && s.ends_with('"')) || (s.starts_with('\'') && s.ends_with('\'')));
    if quoted { &s[1..s.len() - 1] } else { s }
}

fn parse_toml(path: &str, block: &str, body_start: usize) -> FrontMatter {
    match block.parse::<toml::Table>() {
        Ok(table) => {
            let mut fields = Vec::new();
            let mut push = |key: &str, v: &toml::Value| {
                let value = match v {
                    toml::Value::Array(items) => FieldValue::List(items.iter().filter_map(toml_scalar).collect()),
                    other => match toml_scalar(other) {
                        Some(s) => FieldValue::Scalar(s),
                        None => return,
                    },
                };
                let line = key_line(block, key).map_or(2, |l| l + 1);
                fields.push(Field { key: key.to_string(), value, line });
            };
            for (k, v) in &table {
                if !matches!(v, toml::Value::Table(_)) {
                    push(k, v);
                }
            }
            // `[extra]` tables: their keys count, after the top-level ones.
            for v in table.values() {
                if let toml::Value::Table(inner) = v {
                    for (ik, iv) in inner {
                        push(ik, iv);
                    }
                }
            }
            FrontMatter { fields, body_start, diagnostic: None }
        }
        Err(e) => {
            let (line, column) = e.span().map_or((2, 1), |s| {
                let (l, c) = crate::diagnostic::line_col(block, s.start);
                (l + 1, c)
            });
            FrontMatter {
                fields: Vec::new(),
                body_start,
                diagnostic: Some(
                    Diagnostic::error(
                        path,
                        line,
                        column,
                        Code::FrontMatter,
                        format!("front matter is not valid TOML: {}", e.message()),
                    )
                    .with_help("TOML strings need quotes: title = \"My decision\""),
                ),
            }
        }
    }
}

fn scalar(v: &yaml_serde::Value) -> Option<String> {
    match v {
        yaml_serde::Value::String(s) => Some(s.clone()),
        yaml_serde::Value::Number(n) => Some(n.to_string()),
        yaml_serde::Value::Bool(b) => Some(b.to_string()),
        yaml_serde::Value::Tagged(t) => scalar(&t.value),
        _ => None,
    }
}

fn toml_scalar(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        _ => None,
    }
}

/// The 1-based line within `block` where `key` is defined at the start of a line.
pub fn key_line(block: &str, key: &str) -> Option<u32> {
    block
        .lines()
        .position(|l| {
            let l = l.trim_start_matches(['"', '\'']);
            l.strip_prefix(key).is_some_and(|rest| {
                let rest = rest.trim_start_matches(['"', '\'']).trim_start();
                rest.starts_with(':') || rest.starts_with('=')
            })
        })
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_fields_and_body() {
        let t = "---\nstatus: accepted\ntags: [a, b]\ndate: 2020-01-02\n---\n# Title\n";
        let fm = split("x.md", t);
        assert!(fm.diagnostic.is_none());
        assert_eq!(&t[fm.body_start..], "# Title\n");
        assert_eq!(fm.fields[0], Field { key: "status".into(), value: FieldValue::Scalar("accepted".into()), line: 2 });
        assert_eq!(fm.fields[1].value, FieldValue::List(vec!["a".into(), "b".into()]));
        assert_eq!(fm.fields[2].line, 4);
    }

    #[test]
    fn toml_fields() {
        let fm = split("x.md", "+++\ntitle = \"T\"\nauthors = [\"A\"]\n[extra]\nteam = \"X\"\n+++\nbody");
        assert_eq!(fm.fields.len(), 3);
        assert_eq!(fm.fields[2].key, "team");
    }

    #[test]
    fn bad_yaml_has_location() {
        let fm = split("x.md", "---\ntitle: ok\nstatus: [unclosed\n---\nbody");
        let d = fm.diagnostic.unwrap();
        assert_eq!(d.code, Code::FrontMatter);
        assert_eq!((d.line, d.column), (3, 9), "{d:?}");
        assert!(d.message.contains("while parsing a flow sequence"), "{d:?}");
        assert_eq!(fm.body_start, "---\ntitle: ok\nstatus: [unclosed\n---\n".len());
    }

    #[test]
    fn yaml_that_fails_is_read_line_by_line() {
        let t =
            "---\nfeature name: import\nrfc pr: [#266](https://x/pull/266)\nauthors:\n  - \"Ana\"\n  - Ben\n---\nbody";
        let fm = split("x.md", t);
        let d = fm.diagnostic.unwrap();
        assert_eq!(d.severity, crate::diagnostic::Severity::Warning, "{d:?}");
        assert!(d.message.ends_with("read line by line"), "{d:?}");
        // Something that cannot be read is still an error, and the rest is kept.
        let lossy = split("x.md", "---\ntitle: ok\nstatus: [unclosed\n---\n");
        assert_eq!(lossy.diagnostic.unwrap().severity, crate::diagnostic::Severity::Error);
        assert_eq!(lossy.fields, vec![Field { key: "title".into(), value: FieldValue::Scalar("ok".into()), line: 2 }]);
        let got: Vec<(&str, &FieldValue, u32)> = fm.fields.iter().map(|f| (f.key.as_str(), &f.value, f.line)).collect();
        assert_eq!(
            got,
            vec![
                ("feature name", &FieldValue::Scalar("import".into()), 2),
                ("rfc pr", &FieldValue::Scalar("[#266](https://x/pull/266)".into()), 3),
                ("authors", &FieldValue::List(vec!["Ana".into(), "Ben".into()]), 4),
            ]
        );
        assert_eq!(&t[fm.body_start..], "body");
        // Unquoted handles, a comment where the value would be and a stray symbol: all read.
        let t = "---\nreviewers:\n  - @simonpasquier\ntracking-link: # the ticket\n  - https://x/CNV-1\n\u{FFFC}\nstatus: new\n---\n";
        let fm = split("x.md", t);
        assert_eq!(fm.diagnostic.unwrap().severity, crate::diagnostic::Severity::Warning);
        assert_eq!(fm.fields[0].value, FieldValue::List(vec!["@simonpasquier".into()]));
        assert_eq!(fm.fields[1].value, FieldValue::List(vec!["https://x/CNV-1".into()]));
        assert_eq!(fm.fields.len(), 3);
    }

    #[test]
    fn thematic_break_with_prose_is_body() {
        let t = "---\n**Warning:** this repository is archived.\n---\n# Team\n";
        let fm = split("x.md", t);
        assert!(fm.diagnostic.is_none());
        assert_eq!(fm.body_start, 0);
    }

    #[test]
    fn a_key_without_a_space_after_its_colon_is_read_and_pointed_out() {
        let t = "---\ntag:Web Client\n---\n# 5. Unit tests\n";
        let fm = split("x.md", t);
        assert_eq!(
            fm.fields,
            vec![Field { key: "tag".into(), value: FieldValue::Scalar("Web Client".into()), line: 2 }]
        );
        assert_eq!(&t[fm.body_start..], "# 5. Unit tests\n");
        let d = fm.diagnostic.unwrap();
        assert_eq!((d.severity, d.line, d.column), (crate::diagnostic::Severity::Warning, 2, 5));
        assert_eq!(d.help.as_deref(), Some("write `tag: Web Client`; adrsite read it so"));
        // Prose between two rules is still body.
        let prose = "---\nSee also:the handbook, which says more\n---\n";
        assert_eq!(split("x.md", prose).body_start, 0);
    }

    #[test]
    fn unclosed_front_matter() {
        let fm = split("x.md", "---\ntitle: x\n# Body");
        assert_eq!(fm.diagnostic.unwrap().code, Code::FrontMatter);
    }

    proptest::proptest! {
        #[test]
        fn splitting_never_panics(s in "(---|\\+\\+\\+)?\\PC{0,200}") {
            let fm = split("p.md", &s);
            proptest::prop_assert!(fm.body_start <= s.len());
        }
    }
}
