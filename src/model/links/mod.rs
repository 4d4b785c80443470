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
    /// A folder of documents with no index page of its own, listed as GitHub lists it: its
    /// collection's index page (by slug), or the home page when its documents are of several.
    Listing(Option<String>),
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
    /// Paths a page says the published site serves it at (`permalink`, `redirect_from`), each
    /// as [`address_key`] makes it → the page.
    pub addresses: BTreeMap<String, DocId>,
    /// A page's source → the path its `permalink` serves it at, from the site's root
    /// (`manuals/programming-languages.html`; the source's namespace first in an organisation's
    /// site): a browser resolves the page's relative links from there.
    pub served_at: BTreeMap<String, String>,
    /// Each folder that holds documents, at any depth (`doc/adr`; empty for the site's top) → the
    /// slug of the one collection they are in, `None` when they are in several.
    pub folders: BTreeMap<String, Option<String>>,
}

impl PathIndex {
    /// Resolves a link destination found in the document at `from`.
    pub fn resolve(&self, from: &str, dest: &str) -> LinkTarget {
        let dest = dest.trim();
        // Zola's internal link (`@/blog/x.md`) is written from its `content/` folder: a path from
        // the generator's root, found below as any root-relative path is.
        let dest = dest.strip_prefix('@').filter(|d| d.starts_with('/')).unwrap_or(dest);
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
        // `/artsy/README/blob/main/playbooks/rfcs.md`: a file as GitHub's web view addresses it,
        // which GitHub renders as a working link. The site's copy of that path is meant.
        if let Some(inside) = web_view_path(&path).and_then(|p| p.strip_prefix(self.repo_prefix.as_str())) {
            let found = self.lookup(inside, fragment.clone());
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
        if found != LinkTarget::Broken {
            return found;
        }
        if !path.starts_with('/') {
            // A page served at its `permalink` has its relative links followed from there, as a
            // reader's browser does: `programming-languages/css.html` in the page served at
            // `manuals/programming-languages.html` is `/manuals/programming-languages/css.html`.
            let served = self.served_at.get(from).and_then(|at| join(at, &path));
            return match served {
                Some(rooted) => {
                    let dest = format!("/{rooted}");
                    self.resolve(from, &fragment.map_or_else(|| dest.clone(), |f| format!("{dest}#{f}")))
                }
                None => found,
            };
        }
        // A site generator's root (`source/` of Middleman, `content/` of Hugo) is where its
        // pages' root-relative links start: the nearest folder of the document that holds the
        // target is taken, as the published site would have it. A blog's permalink puts the
        // post's date before its name (`/2019/09/30/async-await-hits-beta/`), which the source
        // path does not have.
        let undated = undated(&from_root);
        for rooted in std::iter::once(&from_root).chain(undated.as_ref()) {
            let mut folder = from;
            while let Some((up, _)) = folder.rsplit_once('/') {
                let target = self.lookup(&format!("{up}/{rooted}"), fragment.clone());
                if target != LinkTarget::Broken {
                    return target;
                }
                folder = up;
            }
            if rooted != &from_root {
                let found = self.lookup(rooted.strip_prefix(&self.repo_prefix).unwrap_or(rooted), fragment.clone());
                if found != LinkTarget::Broken {
                    return found;
                }
            }
        }
        // A path a page says it is served at, now or before.
        if let Some(id) = self.addresses.get(&address_key(self.mount_of(from).map(|m| m.namespace.as_str()), &path)) {
            return LinkTarget::Doc(id.clone(), fragment);
        }
        // A generator that publishes each page at its name (`/software/` for
        // `pages/general/software.md`): the one document whose path ends so.
        match self.published_at(from, undated.as_deref().unwrap_or(&from_root)) {
            Some(id) => LinkTarget::Doc(id.clone(), fragment),
            None => LinkTarget::Broken,
        }
    }

    /// The only document of the source of `from` whose path, without its extension (a folder
    /// index without its name), ends in the segments of `url`.
    fn published_at(&self, from: &str, url: &str) -> Option<&DocId> {
        let url = url.trim_matches('/');
        let url = url.strip_suffix(".html").unwrap_or(url);
        if url.is_empty() {
            return None;
        }
        let scope = self.mount_of(from).map_or(String::new(), |m| format!("{}/", m.namespace));
        let mut found = self.docs.iter().filter(|(source, _)| source.starts_with(&scope)).filter(|(source, _)| {
            let stem = crate::vocab::markdown_name::stem(source);
            let page = if crate::vocab::markdown_name::is_folder_index(source) {
                stem.rsplit_once('/').map_or("", |(folder, _)| folder)
            } else {
                stem
            };
            let ends = |page: &str| page == url || page.strip_suffix(url).is_some_and(|above| above.ends_with('/'));
            // Jekyll publishes a collection's folder (`_guides/x.md`) without its underscore.
            ends(page) || (page.contains("/_") || page.starts_with('_')) && ends(&without_collection_marks(page))
        });
        let (_, id) = found.next()?;
        found.next().is_none().then_some(id)
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
        match self.folders.get(base) {
            Some(slug) => LinkTarget::Listing(slug.clone()),
            None => LinkTarget::Broken,
        }
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
        if let Some(inner) = dest.trim().strip_prefix('(').and_then(|d| d.strip_suffix(')')) {
            return Some(format!("the destination has a second pair of parentheses; write `[text]({inner})`"));
        }
        let path = crate::text::percent_decode(dest.split(['#', '?']).next().unwrap_or(dest));
        if let Some(host) = web_host(&path) {
            return Some(format!(
                "did you mean `https://{}`? Without `https://`, `{host}` is read as a folder of the repository, on GitHub too",
                dest.trim()
            ));
        }
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
        let last = joined.rsplit('/').next()?;
        // An image or download is another file of that name, never a document.
        let markdown = crate::vocab::markdown_name::is_markdown(last);
        if last.contains('.') && !markdown && !last.ends_with(".html") {
            let name = last.to_lowercase();
            let found = self.files.iter().find(|f| f.rsplit('/').next().is_some_and(|n| n.to_lowercase() == name))?;
            return Some(format!("did you mean `{}`?", relative_from(from, found)));
        }
        // Every folder has a README: its name says nothing of which one was meant.
        let named = !crate::vocab::markdown_name::is_folder_index(last);
        let name = last.to_lowercase();
        let name = crate::vocab::markdown_name::stem(&name);
        let found = self.docs.keys().filter(|_| named).find(|k| {
            let stem = k.rsplit('/').next().unwrap_or(k).to_lowercase();
            let stem = crate::vocab::markdown_name::stem(&stem);
            stem == name || (name.len() >= 6 && stem.ends_with(&format!("-{name}")))
        });
        if let Some(found) = found {
            return Some(format!("did you mean `{}`?", relative_from(from, found)));
        }
        let found = self.same_number(joined)?;
        Some(format!("did you mean `{}`? It has the same number; its name has changed", relative_from(from, found)))
    }

    /// The one document that a numbered path whose name has drifted (`0007-use-kafka.md` for
    /// `0007-adopt-kafka.md`, `sig-node/3570-cpu-manager` for the folder `3570-cpumanager`) most
    /// likely means: in the folder the path points into, the only file or folder with that
    /// number, or that folder's index page.
    fn same_number(&self, joined: &str) -> Option<&String> {
        let mut segments: Vec<&str> = joined.trim_end_matches('/').split('/').collect();
        if segments.len() > 1 && crate::vocab::markdown_name::is_folder_index(segments[segments.len() - 1]) {
            segments.pop();
        }
        let at = segments.len() - 1;
        // A document's number as its id is read from its name (`0007-x`, `adr-004-x`; a date is none).
        let number_of = |name: &str| crate::model::identity::number_from_name(name).map(|n| (n.value, n.suffix));
        let number = number_of(segments[at])?;
        let parent: String = segments[..at].iter().map(|s| format!("{s}/")).collect();
        let mut found: Vec<(&str, &String)> = self
            .docs
            .keys()
            .filter_map(|k| {
                let rest = k.strip_prefix(&parent)?;
                let (segment, below) = rest.split_once('/').unwrap_or((rest, ""));
                (number_of(segment) == Some(number)).then_some((below, k))
            })
            .collect();
        if found.len() > 1 {
            // A numbered folder of several pages: its index page.
            found.retain(|(below, _)| crate::vocab::markdown_name::is_folder_index(below));
        }
        match found.as_slice() {
            [(_, one)] => Some(one),
            _ => None,
        }
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

/// The path from a repository's root in a link to GitHub's web view of it, written from
/// GitHub's root: `/owner/repo/blob/main/docs/x.md` → `docs/x.md`.
fn web_view_path(path: &str) -> Option<&str> {
    let mut parts = path.strip_prefix('/')?.splitn(5, '/');
    let (_owner, _repo, view, _branch, rest) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    (matches!(view, "blob" | "tree") && !rest.is_empty()).then_some(rest)
}

/// How a served path is looked up: within its source's namespace, without the slashes around it
/// or an `.html` ending (`/travel-guide-faq/` and `/travel-guide-faq.html` are one address).
pub fn address_key(namespace: Option<&str>, path: &str) -> String {
    let path = path.trim_matches('/');
    let path = path.strip_suffix(".html").unwrap_or(path);
    match namespace {
        Some(ns) => format!("{ns}/{path}"),
        None => path.to_string(),
    }
}

/// A path without the `YYYY/MM/DD` of a blog's permalink, when it has one.
fn undated(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let numeric = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    let at = segments.windows(3).position(|w| numeric(w[0], 4) && numeric(w[1], 2) && numeric(w[2], 2))?;
    let rest: Vec<&str> = segments[..at].iter().chain(&segments[at + 3..]).copied().collect();
    (at + 3 < segments.len()).then(|| rest.join("/"))
}

/// The host a link written without its scheme begins with (`golang.org` in
/// `golang.org/issue/16093`, `www.boost.org/doc`): a first segment of dotted names that ends in a
/// common top-level domain that no file extension shares (not `.rs`, `.sh` or `.ai`: `lib.rs` and
/// `install.sh` are files).
fn web_host(path: &str) -> Option<&str> {
    const TLDS: &[&str] = &[
        "app", "cloud", "co", "com", "de", "dev", "edu", "eu", "fr", "gg", "gov", "info", "io", "me", "net", "nl",
        "org", "uk", "us",
    ];
    let host = path.split('/').next()?;
    let tld = host.rsplit_once('.')?.1;
    let labels_ok = host.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    (labels_ok && (host.starts_with("www.") || TLDS.contains(&tld.to_ascii_lowercase().as_str()))).then_some(host)
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

/// A page's path with the underscore Jekyll's collection folders start with dropped from each
/// folder (`_guides/card-sort` → `guides/card-sort`).
fn without_collection_marks(page: &str) -> String {
    let (folders, name) = page.rsplit_once('/').unwrap_or(("", page));
    let folders: Vec<&str> = folders.split('/').map(|f| f.strip_prefix('_').unwrap_or(f)).collect();
    if folders == [""] { name.to_string() } else { format!("{}/{name}", folders.join("/")) }
}

#[cfg(test)]
mod tests;
