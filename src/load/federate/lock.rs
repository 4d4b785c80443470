//! `adrsite.lock`: the commit each git source was built from (and the build each `site` source
//! published), so that a build can be repeated
//! exactly (`adrsite build --locked`).
//!
//! Input: the file's text, or the sources as fetched. Output: commits by source name, or the
//! file's text: sorted by name, so that it changes only when a commit does.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The file name, beside `adrsite.toml`.
pub const FILE_NAME: &str = "adrsite.lock";

/// One source's entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Locked {
    /// The source's name.
    pub name: String,
    /// The URL it was fetched from: a git repository, or a published site.
    pub url: String,
    /// The commit that was built, or the id of the published build that was read.
    pub commit: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct LockFile {
    #[serde(default)]
    source: Vec<Locked>,
}

/// Reads the lock file's text: commits by source name.
pub fn parse(text: &str) -> anyhow::Result<BTreeMap<String, Locked>> {
    let file: LockFile = toml::from_str(text).map_err(|e| {
        let (line, col) = e.span().map_or((1, 1), |s| crate::diagnostic::line_col(text, s.start));
        anyhow::anyhow!(
            "{FILE_NAME}:{line}:{col}: {}\n  = help: delete {FILE_NAME} and build again to write a new one",
            e.message().trim()
        )
    })?;
    Ok(file.source.into_iter().map(|l| (l.name.clone(), l)).collect())
}

/// The lock file's text for `entries`.
pub fn render(entries: &BTreeMap<String, Locked>) -> String {
    let file = LockFile { source: entries.values().cloned().collect() };
    let body = toml::to_string(&file).unwrap_or_default();
    format!(
        "# The commit each source of this site was built from, written by `adrsite build`.\n# Commit it: `adrsite build --locked` builds exactly these commits again.\n\n{body}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_round_trips_sorted_by_name() {
        let mut entries = BTreeMap::new();
        for (name, commit) in [("web", "b".repeat(40)), ("payments", "a".repeat(40))] {
            entries.insert(name.to_string(), Locked { name: name.into(), url: format!("file:///srv/{name}"), commit });
        }
        let text = render(&entries);
        assert!(text.find("name = \"payments\"").unwrap() < text.find("name = \"web\"").unwrap(), "{text}");
        assert_eq!(parse(&text).unwrap(), entries);
        let err = parse("[[source]]\nname = 1\n").unwrap_err().to_string();
        assert!(err.starts_with("adrsite.lock:2:") && err.contains("help: delete adrsite.lock"), "{err}");
    }
}
