//! Resolving what a document points at: relative paths, ids and references.
//!
//! Input: a link destination or reference as written, the source it appears in, and indexes of
//! the site. Output: a [`LinkTarget`]. Paths resolve exactly as a case-sensitive file system would;
//! a near miss becomes a hint, not a silent fix.

use crate::vocab::DocId;
use std::collections::{BTreeMap, BTreeSet};

/// Where a link goes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LinkTarget {
    /// Another document's page, with an optional `#fragment`.
    Doc(DocId, Option<String>),
    /// A non-document file copied into the output, with an optional `#fragment`.
    Asset(String, Option<String>),
    /// A file of the repository outside the site directory, by its path from the repository's
    /// root: linked to the repository's web view.
    Repository(String, Option<String>),
    /// Left as written: absolute URLs, `mailto:` and same-page anchors.
    External,
    /// A relative link to nothing; reported as `broken-link`.
    Broken,
}

/// Indexes for resolving paths.
#[derive(Debug, Default)]
pub struct PathIndex {
    /// Source path → document.
    pub docs: BTreeMap<String, DocId>,
    /// Every other file under the site directory.
    pub files: BTreeSet<String>,
    /// The site directory's place in its repository (`docs/`, `/`-terminated, empty at the top or
    /// when unknown): a path from the repository's root (`/docs/adr/0001-x.md`), as GitHub
    /// resolves it, is looked up below it.
    pub repo_prefix: String,
    /// Whether files outside the site can be linked to the repository's web view.
    pub has_repository: bool,
    /// The sources of an organisation's site, each under its namespace.
    pub mounts: Vec<crate::load::federate::mount::Mount>,
}

impl PathIndex {
    /// Resolves a link destination found in the document at `from`.
    pub fn resolve(&self, from: &str, dest: &str) -> LinkTarget {
        let dest = dest.trim();
        let email = dest.contains('@') && !dest.contains('/');
        if has_scheme(dest)
            && let Some(path) = self.mounted_url(dest)
        {
            // A web link to a file of one of the site's sources: that file's page.
            let fragment = dest.split_once('#').map(|(_, f)| f.to_string()).filter(|f| !f.is_empty());
            let found = self.lookup(&path, fragment);
            if found != LinkTarget::Broken {
                return found;
            }
        }
        if dest.is_empty() || dest.starts_with('#') || has_scheme(dest) || email {
            return LinkTarget::External;
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string()).filter(|f| !f.is_empty())),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        let path = crate::text::percent_decode(path);
        // In an organisation's site, a path from the root is from the root of the document's
        // own repository.
        if let (Some(rooted), Some(mount)) = (path.strip_prefix('/'), self.mount_of(from))
            && let Some(inside) = mount.path_of(rooted)
        {
            let found = self.lookup(&inside, fragment.clone());
            if found != LinkTarget::Broken {
                return found;
            }
        }
        // Both kinds of path are followed from the repository's root, as GitHub does: a path
        // written from the root, and a relative one that climbs out of the site directory.
        let from_root = match path.strip_prefix('/') {
            Some(rooted) => join("", rooted),
            None => join(&format!("{}{from}", self.repo_prefix), &path),
        };
        let Some(from_root) = from_root else { return LinkTarget::Broken };
        let found = match from_root.strip_prefix(&self.repo_prefix) {
            Some(inside) => self.lookup(inside, fragment.clone()),
            None if self.has_repository => LinkTarget::Repository(from_root.clone(), fragment.clone()),
            None => LinkTarget::Broken,
        };
        if found != LinkTarget::Broken || !path.starts_with('/') {
            return found;
        }
        // A site generator's root (`source/` of Middleman, `content/` of Hugo) is where its
        // pages' root-relative links start: the nearest folder of the document that holds the
        // target is taken, as the published site would have it.
        let mut folder = from;
        while let Some((up, _)) = folder.rsplit_once('/') {
            let target = self.lookup(&format!("{up}/{}", from_root), fragment.clone());
            if target != LinkTarget::Broken {
                return target;
            }
            folder = up;
        }
        LinkTarget::Broken
    }

    fn lookup(&self, joined: &str, fragment: Option<String>) -> LinkTarget {
        let base = joined.trim_end_matches('/').trim_start_matches('/');
        if let Some(id) = self.docs.get(base) {
            return LinkTarget::Doc(id.clone(), fragment);
        }
        // `x` or `x.html` for `x.md`, `x.html.md.erb`; a folder for its README or index.
        use crate::vocab::markdown_name::EXTENSIONS;
        let bare = base.strip_suffix(".html").unwrap_or(base);
        let named = EXTENSIONS.iter().map(|e| format!("{bare}{e}"));
        let indexes = ["README", "index", "_index", "readme"]
            .iter()
            .flat_map(|i| EXTENSIONS.iter().map(move |e| format!("{base}/{i}{e}")));
        for c in named.chain(indexes) {
            if let Some(id) = self.docs.get(c.trim_start_matches('/')) {
                return LinkTarget::Doc(id.clone(), fragment);
            }
        }
        if !base.is_empty() && self.files.contains(base) {
            return LinkTarget::Asset(base.to_string(), fragment);
        }
        // A folder whose index is a file without a page (a template's `README.md`).
        let index = ["README.md", "index.md", "readme.md"].iter().map(|i| format!("{base}/{i}"));
        if let Some(file) = index.into_iter().find(|f| !base.is_empty() && self.files.contains(f)) {
            return LinkTarget::Asset(file, fragment);
        }
        LinkTarget::Broken
    }

    /// The source a path of the site belongs to.
    pub fn mount_of(&self, path: &str) -> Option<&crate::load::federate::mount::Mount> {
        self.mounts.iter().find(|m| path.strip_prefix(&m.namespace).is_some_and(|r| r.starts_with('/')))
    }

    /// The site path a web URL of a source's file names.
    pub fn mounted_url(&self, url: &str) -> Option<String> {
        self.mounts.iter().find_map(|m| m.path_of_url(url))
    }

    /// Resolves a path written from the site root (`/keps/sig-x/0006-apply.md`).
    pub fn resolve_from_root(&self, path: &str) -> LinkTarget {
        let path = path.trim_start_matches('/');
        self.lookup(path.strip_prefix(&self.repo_prefix).unwrap_or(path), None)
    }

    /// A hint for a broken link: a file whose name differs only in case, or a document with the
    /// same file name elsewhere.
    pub fn suggest(&self, from: &str, dest: &str) -> Option<String> {
        let path = crate::text::percent_decode(dest.split(['#', '?']).next().unwrap_or(dest));
        let from_root = match path.strip_prefix('/') {
            Some(rooted) => join("", rooted)?,
            None => join(&format!("{}{from}", self.repo_prefix), &path)?,
        };
        let Some(joined) = from_root.strip_prefix(&self.repo_prefix) else {
            return Some(format!(
                "`{from_root}` is outside the site directory; set `repository` in adrsite.toml to link it to the repository"
            ));
        };
        let lower = joined.to_lowercase();
        if let Some(found) = self.docs.keys().chain(self.files.iter()).find(|k| k.to_lowercase() == lower) {
            return Some(format!("`{found}` exists; names are case-sensitive on Linux and on GitHub Pages"));
        }
        let name = joined.rsplit('/').next()?.to_lowercase();
        let name = crate::vocab::markdown_name::stem(&name);
        let found = self.docs.keys().find(|k| {
            let stem = k.rsplit('/').next().unwrap_or(k).to_lowercase();
            let stem = crate::vocab::markdown_name::stem(&stem);
            stem == name || (name.len() >= 6 && stem.ends_with(&format!("-{name}")))
        })?;
        Some(format!("did you mean `{}`?", relative_from(from, found)))
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !scheme.contains('/')
        }
        None => dest.starts_with("//"),
    }
}

/// Joins a relative path to the folder of `from`, resolving `.` and `..`; `None` above the root.
pub fn join(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if rel.ends_with('/') {
        joined.push('/');
    }
    Some(joined)
}

pub use crate::text::relative_from;

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> PathIndex {
        let mut idx = PathIndex::default();
        idx.docs.insert("docs/adr/0002-a.md".into(), DocId("adr/0002-a".into()));
        idx.docs.insert("docs/guide/README.md".into(), DocId("pages/guide".into()));
        idx.docs.insert("content/field marketing.md".into(), DocId("pages/fm".into()));
        idx.files.insert("docs/adr/img/x.png".into());
        idx
    }

    #[test]
    fn resolves_docs_assets_and_externals() {
        let idx = index();
        let from = "docs/adr/0001-b.md";
        assert_eq!(idx.resolve(from, "0002-a.md#ctx"), LinkTarget::Doc(DocId("adr/0002-a".into()), Some("ctx".into())));
        assert_eq!(idx.resolve(from, "./0002-a.md"), LinkTarget::Doc(DocId("adr/0002-a".into()), None));
        assert_eq!(idx.resolve(from, "../guide/"), LinkTarget::Doc(DocId("pages/guide".into()), None));
        assert_eq!(idx.resolve(from, "../guide"), LinkTarget::Doc(DocId("pages/guide".into()), None));
        assert_eq!(idx.resolve(from, "img/x.png?raw=true"), LinkTarget::Asset("docs/adr/img/x.png".into(), None));
        assert_eq!(
            idx.resolve("content/a.md", "field%20marketing.md"),
            LinkTarget::Doc(DocId("pages/fm".into()), None)
        );
        assert_eq!(idx.resolve(from, "https://x.org/a.md"), LinkTarget::External);
        assert_eq!(idx.resolve(from, "mailto:a@b"), LinkTarget::External);
        assert_eq!(idx.resolve(from, "/abs/path"), LinkTarget::Broken);
        assert_eq!(idx.resolve(from, "/docs/adr/0002-a.md"), LinkTarget::Doc(DocId("adr/0002-a".into()), None));
        assert_eq!(idx.resolve(from, "/docs/guide#x"), LinkTarget::Doc(DocId("pages/guide".into()), Some("x".into())));
        assert_eq!(idx.resolve(from, "/guide/"), LinkTarget::Doc(DocId("pages/guide".into()), None), "from docs/");
        assert_eq!(idx.resolve(from, "#here"), LinkTarget::External);
        assert_eq!(idx.resolve(from, "0002-A.md"), LinkTarget::Broken);
        assert_eq!(idx.resolve(from, "../../../x.md"), LinkTarget::Broken);
    }

    #[test]
    fn paths_from_the_repository_root_as_github_reads_them() {
        let mut idx = index();
        idx.repo_prefix = "site/".into();
        let from = "docs/adr/0001-b.md";
        assert_eq!(idx.resolve(from, "/site/docs/adr/0002-a.md"), LinkTarget::Doc(DocId("adr/0002-a".into()), None));
        assert_eq!(idx.resolve(from, "/docs/adr/0002-a.md"), LinkTarget::Broken, "outside the site, no repository");
        assert!(idx.suggest(from, "../../../src/main.rs").unwrap().contains("`src/main.rs` is outside the site"));
        idx.has_repository = true;
        assert_eq!(
            idx.resolve(from, "../../../src/main.rs#L3"),
            LinkTarget::Repository("src/main.rs".into(), Some("L3".into()))
        );
        assert_eq!(idx.resolve(from, "/CONTRIBUTING.md"), LinkTarget::Repository("CONTRIBUTING.md".into(), None));
        assert_eq!(idx.resolve(from, "../../../../x.md"), LinkTarget::Broken, "above the repository");
    }

    #[test]
    fn suggestions() {
        let idx = index();
        assert!(idx.suggest("docs/adr/0001-b.md", "0002-A.md").unwrap().contains("case-sensitive"));
        assert_eq!(idx.suggest("docs/x.md", "a/0002-a.md").as_deref(), Some("did you mean `adr/0002-a.md`?"));
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative_from("a/b/c.html", "a/d/e.html"), "../d/e.html");
        assert_eq!(relative_from("index.html", "a/e.html"), "a/e.html");
        assert_eq!(relative_from("a/b.html", "a/c.html"), "c.html");
    }
}
