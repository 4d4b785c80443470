//! One source's loaded documents placed under its namespace, so that many repositories make one
//! site: `docs/adr/0003-x.md` of `payments` becomes `payments/docs/adr/0003-x.md`, its
//! collections publish under `payments/`, and its git dates are keyed the same way.
//!
//! Input: a source's [`Loaded`] and [`GitHistory`], read from its own directory with its own
//! configuration, and its name. Output: the same, under the namespace, merged into the site's.
//! Relative links between documents need no change: a link that leaves one repository for a
//! sibling checkout (`../../billing/docs/adr/x.md`) lands in that source's namespace.

use crate::load::Loaded;
use crate::load::discover::Origin;
use crate::load::git::{FileHistory, GitHistory};
use std::collections::BTreeMap;

/// A source's place in an organisation's site, for links into it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mount {
    /// The source's name: its documents are under `NAME/`.
    pub namespace: String,
    /// The repository's web URL (`https://github.com/org/payments`), when known: a link to a file
    /// of it (`…/blob/main/docs/adr/0003-x.md`) goes to that file's page.
    pub repository: Option<String>,
    /// The source's site directory inside its repository (`docs/`, `/`-terminated; empty at the
    /// top).
    pub prefix: String,
    /// Where its documents are edited: `https://github.com/org/payments/edit/main/docs/`.
    pub edit_base: Option<String>,
    /// The commit its documents were read at, when it is a git checkout.
    pub commit: Option<String>,
    /// Why its copy is not current (fetching failed and the last good copy is shown).
    pub stale: Option<String>,
    /// Its site directory on this machine (a checkout, or its copy in the cache), where its
    /// linked files are copied from.
    pub dir: std::path::PathBuf,
}

impl Mount {
    /// The path under the namespace of a file of the source's repository (`docs/adr/x.md`).
    pub fn path_of(&self, repo_path: &str) -> Option<String> {
        let inside = repo_path.trim_start_matches('/').strip_prefix(&self.prefix)?;
        Some(format!("{}/{inside}", self.namespace))
    }

    /// The path under the namespace that a web URL of a file in the repository names: GitHub's
    /// and Gitea's `/blob/REF/…`, `/tree/REF/…`, `/raw/REF/…` and GitLab's `/-/blob/REF/…`.
    pub fn path_of_url(&self, url: &str) -> Option<String> {
        let repo = self.repository.as_deref()?;
        let rest = url.split(['#', '?']).next()?.strip_prefix(repo)?.strip_prefix('/')?;
        let rest = rest.strip_prefix("-/").unwrap_or(rest);
        let (view, rest) = rest.split_once('/')?;
        if !matches!(view, "blob" | "tree" | "raw" | "src") {
            return None;
        }
        // After the branch or commit, the path (a branch with a slash is not told apart).
        let (_, path) = rest.split_once('/')?;
        self.path_of(&crate::text::percent_decode(path))
    }
}

/// Moves `part` under `namespace` and appends it to `site`.
pub fn merge(site: &mut Loaded, mut part: Loaded, namespace: &str) {
    let under = |p: &str| if p.is_empty() { namespace.to_string() } else { format!("{namespace}/{p}") };
    let offset = site.collections.len();
    for c in &mut part.collections {
        // An inferred collection holds documents from anywhere in its source: its folder is the
        // source's top, so that page names do not repeat the namespace.
        c.path = if c.path.is_empty() && c.origin != Origin::Inferred { String::new() } else { under(&c.path) };
        c.slug = under(&c.slug);
        c.namespace = Some(namespace.to_string());
    }
    for d in &mut part.docs {
        d.source = under(&d.source);
        d.collection += offset;
        for located in d.meta.locations_mut() {
            if let Some(file) = &mut located.file {
                *file = under(file);
            }
        }
    }
    for p in &mut part.placements {
        p.folder = under(&p.folder);
        p.collection += offset;
    }
    for d in &mut part.diagnostics {
        d.path = under(&d.path);
    }
    site.collections.append(&mut part.collections);
    site.docs.append(&mut part.docs);
    site.docs.sort_by(|a, b| a.source.cmp(&b.source));
    site.files.extend(part.files.into_iter().map(|f| under(&f)));
    site.diagnostics.append(&mut part.diagnostics);
    site.skipped.extend(part.skipped.into_iter().map(|(p, why)| (under(&p), why)));
    site.skipped.sort_by(|a, b| a.0.cmp(&b.0));
    site.placements.append(&mut part.placements);
}

/// A source's git dates under its namespace, added to `dates`. Returns why there are none when
/// its history cannot be used (a shallow clone, no repository).
pub fn merge_history(dates: &mut BTreeMap<String, FileHistory>, part: GitHistory, namespace: &str) -> Option<String> {
    match part {
        GitHistory::Dates(files) => {
            dates.extend(files.into_iter().map(|(p, h)| (format!("{namespace}/{p}"), h)));
            None
        }
        GitHistory::Shallow => Some("a shallow clone".into()),
        GitHistory::Unavailable(why) => Some(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn web_urls_of_a_sources_files_name_their_paths() {
        let m = Mount {
            namespace: "payments".into(),
            repository: Some("https://github.com/org/payments".into()),
            prefix: "docs/".into(),
            ..Mount::default()
        };
        let path = |u: &str| m.path_of_url(u);
        assert_eq!(
            path("https://github.com/org/payments/blob/main/docs/adr/0003-x.md#context").as_deref(),
            Some("payments/adr/0003-x.md")
        );
        assert_eq!(path("https://github.com/org/payments/tree/v2/docs/adr").as_deref(), Some("payments/adr"));
        let gitlab = Mount { repository: Some("https://gitlab.com/org/payments".into()), ..m.clone() };
        assert_eq!(
            gitlab.path_of_url("https://gitlab.com/org/payments/-/blob/main/docs/a.md").as_deref(),
            Some("payments/a.md")
        );
        assert_eq!(path("https://github.com/org/payments/issues/3"), None);
        assert_eq!(path("https://github.com/org/payments-old/blob/main/docs/a.md"), None);
        assert_eq!(path("https://github.com/org/payments/blob/main/src/main.rs"), None, "outside the site directory");
    }

    #[test]
    fn a_source_moves_under_its_namespace() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::create_dir_all(dir.join("docs/adr")).unwrap();
        std::fs::write(dir.join("docs/adr/0001-use-x.md"), "# 1. Use X\n\n## Status\n\nAccepted\n\n![d](d.png)\n")
            .unwrap();
        std::fs::write(dir.join("docs/adr/d.png"), b"png").unwrap();
        std::fs::write(dir.join("notes.md"), "# Notes\n\nText.\n").unwrap();
        let part = crate::load::load_sources(dir, &Config::default(), &[]).unwrap();
        let mut site = crate::load::load_sources(&dir.join("docs"), &Config::default(), &[]).unwrap();
        let own = site.collections.len();
        merge(&mut site, part, "payments");
        let sources: Vec<&str> = site.docs.iter().map(|d| d.source.as_str()).collect();
        assert!(sources.contains(&"payments/docs/adr/0001-use-x.md") && sources.contains(&"adr/0001-use-x.md"));
        let adr = site.docs.iter().find(|d| d.source == "payments/docs/adr/0001-use-x.md").unwrap();
        let col = &site.collections[adr.collection];
        assert!(adr.collection >= own);
        assert_eq!((col.path.as_str(), col.namespace.as_deref()), ("payments/docs/adr", Some("payments")));
        assert!(col.slug.starts_with("payments/"), "{}", col.slug);
        let notes = site.docs.iter().find(|d| d.source == "payments/notes.md").unwrap();
        assert_eq!(site.collections[notes.collection].path, "payments", "an inferred collection's top");
        assert!(site.files.contains("payments/docs/adr/d.png"));

        let mut dates = BTreeMap::new();
        let h = FileHistory {
            created: jiff::civil::date(2026, 1, 2),
            changed: jiff::civil::date(2026, 1, 3),
            author: "A".into(),
            said: Vec::new(),
        };
        let history = GitHistory::Dates(BTreeMap::from([("docs/adr/0001-use-x.md".to_string(), h.clone())]));
        assert_eq!(merge_history(&mut dates, history, "payments"), None);
        assert_eq!(dates.get("payments/docs/adr/0001-use-x.md"), Some(&h));
        assert_eq!(merge_history(&mut dates, GitHistory::Shallow, "web").as_deref(), Some("a shallow clone"));
    }
}
