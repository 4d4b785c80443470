//! `[[sources]]` in `adrsite.toml`: the repositories an organisation's site is built from.
//!
//! Input: the `sources` array of the parsed TOML table. Output: validated [`SourceConfig`]s and
//! `config` diagnostics (a missing or duplicate name, a name a site page already uses, no place
//! or two places to read the source from). A source that is wrong is left out; the rest are kept.

use crate::diagnostic::{Code, Diagnostic};

/// Where a source's documents come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceLocation {
    /// A local checkout, relative to the site directory or absolute.
    Path(String),
    /// A git repository, fetched into the cache: its URL and the branch, tag or commit to read
    /// (`None`: the remote's default branch).
    Git {
        /// Any URL git accepts, `file://` included.
        url: String,
        /// Branch, tag or commit.
        rev: Option<String>,
    },
    /// A site the source's repository publishes with adrsite: its base URL. What it publishes
    /// is read; nothing is cloned or rendered again.
    Site(String),
}

/// One `[[sources]]` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceConfig {
    /// The namespace: ids are `NAME/ADR-0003`, pages live under `NAME/`.
    pub name: String,
    /// Where it is read from.
    pub location: SourceLocation,
    /// The site directory inside the repository (`docs`), empty for its top.
    pub dir: String,
    /// The line of its `name` in `adrsite.toml`, where its problems are reported.
    pub line: u32,
}

/// The keys a `[[sources]]` entry may have.
pub const SOURCE_KEYS: &[&str] = &["name", "path", "git", "site", "ref", "dir"];

/// Reads the `sources` array of `text` (the file `file`).
pub fn parse(file: &str, text: &str, sources: &[toml::Value], diags: &mut Vec<Diagnostic>) -> Vec<SourceConfig> {
    // The line of each `[[sources]]` header, and of a key inside the entry it opens.
    let lines: Vec<&str> = text.lines().collect();
    let headers: Vec<usize> =
        lines.iter().enumerate().filter(|(_, l)| l.trim() == "[[sources]]").map(|(i, _)| i).collect();
    let key_line = |entry: usize, key: &str| -> u32 {
        let Some(&start) = headers.get(entry) else { return 1 };
        let found = lines[start + 1..]
            .iter()
            .take_while(|l| !l.trim_start().starts_with('['))
            .position(|l| l.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')));
        found.map_or(start + 1, |i| start + 2 + i) as u32
    };
    let mut out: Vec<SourceConfig> = Vec::new();
    for (i, value) in sources.iter().enumerate() {
        let line_of = |key: &str| key_line(i, key);
        let Some(t) = value.as_table() else {
            diags.push(error(
                file,
                line_of(""),
                format!("sources entry {} is not a table", i + 1),
                "write it as [[sources]]",
            ));
            continue;
        };
        let text = |key: &str| t.get(key).and_then(toml::Value::as_str).map(|s| s.trim().to_string());
        let Some(name) = text("name").filter(|n| !n.is_empty()) else {
            diags.push(error(
                file,
                line_of("name"),
                format!("sources entry {} has no name", i + 1),
                "give it a name = \"payments\": its documents are published under payments/",
            ));
            continue;
        };
        let line = line_of("name");
        let valid = name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
            && name.as_bytes()[0].is_ascii_alphanumeric();
        if !valid {
            diags.push(error(
                file,
                line,
                format!("source name `{name}` is not a folder name"),
                "use lowercase letters, digits, `-` and `_`, starting with a letter or digit: it becomes ids (payments/ADR-0003) and URLs",
            ));
            continue;
        }
        if crate::vocab::route::RESERVED.contains(&name.as_str()) {
            diags.push(error(
                file,
                line,
                format!("source name `{name}` is a folder of the site itself"),
                format!("choose another name; these are taken: {}", crate::vocab::route::RESERVED.join(", ")),
            ));
            continue;
        }
        if out.iter().any(|s| s.name == name) {
            diags.push(error(file, line, format!("two sources are named `{name}`"), "give each source its own name"));
            continue;
        }
        let places: Vec<&str> = ["path", "git", "site"].into_iter().filter(|k| text(k).is_some()).collect();
        let location = match places.as_slice() {
            ["path"] => SourceLocation::Path(text("path").unwrap_or_default()),
            ["git"] => {
                SourceLocation::Git { url: text("git").unwrap_or_default(), rev: text("ref").filter(|r| !r.is_empty()) }
            }
            ["site"] => {
                let url = text("site").unwrap_or_default().trim_end_matches('/').to_string();
                if !["https://", "http://", "file://"].iter().any(|s| url.starts_with(s)) {
                    diags.push(error(
                        file,
                        line_of("site"),
                        format!("source `{name}`: site `{url}` is not a URL"),
                        "write the base URL the site is published at, such as https://org.github.io/payments",
                    ));
                    continue;
                }
                SourceLocation::Site(url)
            }
            [] => {
                diags.push(error(
                    file,
                    line,
                    format!("source `{name}` says neither where to read it (`path`), fetch it (`git`) nor where it is published (`site`)"),
                    "add path = \"../payments\", git = \"https://github.com/org/payments\" or site = \"https://org.github.io/payments\"",
                ));
                continue;
            }
            many => {
                diags.push(error(
                    file,
                    line,
                    format!("source `{name}` has {}", many.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and ")),
                    "keep one: `path` reads a local checkout, `git` fetches the repository, `site` reads what it publishes",
                ));
                continue;
            }
        };
        if matches!(location, SourceLocation::Path(_)) && t.contains_key("ref") {
            diags.push(
                Diagnostic::warning(
                    file,
                    line,
                    1,
                    Code::Config,
                    format!("source `{name}` is a path: its `ref` is not used"),
                )
                .with_help("check out the revision in that folder, or read the source with `git` and `ref`"),
            );
        }
        let dir = text("dir").unwrap_or_default().trim_matches('/').trim_start_matches("./").to_string();
        out.push(SourceConfig { name, location, dir, line });
    }
    out
}

fn error(file: &str, line: u32, message: String, help: impl Into<String>) -> Diagnostic {
    Diagnostic::error(file, line, 1, Code::Config, message).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<SourceConfig>, Vec<Diagnostic>) {
        let table: toml::Table = text.parse().unwrap();
        let sources = table.get("sources").and_then(toml::Value::as_array).cloned().unwrap_or_default();
        let mut diags = Vec::new();
        (parse("adrsite.toml", text, &sources, &mut diags), diags)
    }

    #[test]
    fn each_kind_of_source_is_read() {
        let (sources, diags) = read(
            "[[sources]]\nname = \"payments\"\ngit = \"file:///srv/payments.git\"\nref = \"trunk\"\ndir = \"docs/\"\n\n[[sources]]\nname = \"web\"\npath = \"../web\"\n\n[[sources]]\nname = \"shop\"\nsite = \"https://org.github.io/shop/\"\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            sources,
            [
                SourceConfig {
                    name: "payments".into(),
                    location: SourceLocation::Git { url: "file:///srv/payments.git".into(), rev: Some("trunk".into()) },
                    dir: "docs".into(),
                    line: 2,
                },
                SourceConfig {
                    name: "web".into(),
                    location: SourceLocation::Path("../web".into()),
                    dir: String::new(),
                    line: 8,
                },
                SourceConfig {
                    name: "shop".into(),
                    location: SourceLocation::Site("https://org.github.io/shop".into()),
                    dir: String::new(),
                    line: 12,
                },
            ]
        );
    }

    #[test]
    fn a_wrong_source_is_reported_where_it_is_written_and_left_out() {
        let text = "[[sources]]\nname = \"Pay Ments\"\npath = \"a\"\n\n[[sources]]\nname = \"tags\"\npath = \"b\"\n\n[[sources]]\nname = \"ok\"\n\n[[sources]]\nname = \"two\"\npath = \"c\"\ngit = \"d\"\n\n[[sources]]\nname = \"fine\"\npath = \"e\"\n\n[[sources]]\nname = \"fine\"\npath = \"f\"\n";
        let (sources, diags) = read(text);
        assert_eq!(sources.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["fine"]);
        let messages: Vec<String> = diags.iter().map(|d| format!("{}: {}", d.line, d.message)).collect();
        assert_eq!(
            messages,
            [
                "2: source name `Pay Ments` is not a folder name",
                "6: source name `tags` is a folder of the site itself",
                "10: source `ok` says neither where to read it (`path`), fetch it (`git`) nor where it is published (`site`)",
                "13: source `two` has `path` and `git`",
                "22: two sources are named `fine`",
            ]
        );
        assert!(diags.iter().all(|d| d.help.is_some()));
    }
}
