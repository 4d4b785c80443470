//! Finding the documents: one walk over the site directory, then collections.
//!
//! Input: the site directory, the config and the output directory to skip. Output: an
//! [`Inventory`] of Markdown files, `kep.yaml` sidecars and other files (link targets), and the
//! [`Collection`]s: configured ones, or — with no `[[collections]]` — the usual layouts detected
//! by folder name, `.adr-dir` and `.log4brains.yml`.

use crate::config::Config;
use crate::vocab::DocKind;
use anyhow::Context as _;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every file the walk found, as `/`-separated paths relative to the site directory.
#[derive(Clone, Debug, Default)]
pub struct Inventory {
    /// Markdown files (every extension of the family), sorted as strings.
    pub markdown: Vec<String>,
    /// Files that look like Markdown but have an extension adrsite does not read.
    pub unread: Vec<String>,
    /// `kep.yaml` sidecars.
    pub sidecars: BTreeSet<String>,
    /// Every other file: candidates for linked images, PDFs and diagrams.
    pub files: BTreeSet<String>,
}

/// How a collection came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Listed in `adrsite.toml`.
    Configured,
    /// A folder with a well-known name, `.adr-dir` or `.log4brains.yml`.
    Detected,
    /// Documents outside any collection, grouped by their inferred kind.
    Inferred,
}

/// A folder of documents of one kind, published under `/{slug}/`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Collection {
    /// Folder relative to the site directory (empty for inferred collections).
    pub path: String,
    /// Kind of every document in it.
    pub kind: DocKind,
    /// Display name.
    pub name: String,
    /// URL segment, unique in the site.
    pub slug: String,
    /// Prefix of ids in prose (`ADR`, `RFC`, `KEP`).
    pub id_prefix: Option<String>,
    /// Whether `id_prefix` was configured, so that it wins over a series id in a document.
    pub fixed_prefix: bool,
    /// The status of a document that states none (configured).
    pub default_status: Option<String>,
    /// Where it came from.
    pub origin: Origin,
    /// The source it belongs to in an organisation's site (`payments`), which namespaces its ids
    /// and pages; `None` in the site of one repository.
    pub namespace: Option<String>,
}

/// Folder names that hold documents of a kind, and the deepest level at which they count.
const KNOWN_DIRS: &[(&str, DocKind, usize)] = &[
    // Names that can only mean decision records are found deeper, as a documentation site has
    // them (`website/docs/contributing/ADRs/`).
    ("adr", DocKind::Adr, 5),
    ("adrs", DocKind::Adr, 5),
    ("decisions", DocKind::Adr, 3),
    ("decision-records", DocKind::Adr, 5),
    ("decision-record", DocKind::Adr, 5),
    ("architecture-decision-record", DocKind::Adr, 5),
    ("architecture-decision-records", DocKind::Adr, 5),
    ("architecture-decisions", DocKind::Adr, 5),
    ("rfcs", DocKind::Rfc, 3),
    ("rfc", DocKind::Rfc, 3),
    ("keps", DocKind::Rfc, 2),
    ("proposals", DocKind::Rfc, 1),
    ("design", DocKind::Rfc, 1),
    ("design-docs", DocKind::Rfc, 2),
    ("handbook", DocKind::Handbook, 2),
    ("standups", DocKind::Standup, 3),
    ("standup", DocKind::Standup, 3),
    ("meeting-notes", DocKind::Standup, 3),
    ("minutes", DocKind::Standup, 3),
    ("meetings", DocKind::Standup, 3),
    ("weekly-updates", DocKind::Standup, 3),
];

/// Walks `dir`, skipping hidden entries, dependency and build folders, `themes/`, the output
/// directory and `exclude` patterns.
pub fn walk(dir: &Path, config: &Config, skip: &[PathBuf]) -> anyhow::Result<Inventory> {
    let mut builder = globset::GlobSetBuilder::new();
    for pattern in &config.exclude {
        if let Ok(glob) = globset::Glob::new(pattern) {
            builder.add(glob);
        }
    }
    let exclude = builder.build().context("compiling exclude patterns")?;
    let skip: Vec<PathBuf> = skip.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut inv = Inventory::default();
    // Unsorted: sorting each folder by name costs a path parse per comparison; the lists are
    // sorted as strings at the end instead (which is also the order `binary_search` needs).
    let walker = walkdir::WalkDir::new(dir).into_iter().filter_entry(|e| {
        if e.depth() == 0 {
            return true;
        }
        let name = e.file_name().to_string_lossy();
        if name.starts_with('.') || matches!(name.as_ref(), "node_modules" | "target" | "_site") {
            return false;
        }
        if (e.depth() == 1 && name == "themes" && e.file_type().is_dir())
            || (!exclude.is_empty() && exclude.is_match(relative(dir, e.path())))
        {
            return false;
        }
        if e.file_type().is_dir()
            && !skip.is_empty()
            && let Ok(canon) = e.path().canonicalize()
        {
            return !skip.contains(&canon);
        }
        true
    });
    for entry in walker {
        let entry = entry.with_context(|| format!("walking {}", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(dir, entry.path());
        if crate::vocab::markdown_name::is_markdown(&rel) {
            inv.markdown.push(rel);
        } else if rel.ends_with("/kep.yaml") || rel == "kep.yaml" {
            inv.sidecars.insert(rel);
        } else {
            use crate::vocab::markdown_name::{looks_like_markdown, other_markup};
            if looks_like_markdown(&rel) || other_markup(&rel).is_some() {
                inv.unread.push(rel.clone());
            }
            inv.files.insert(rel);
        }
    }
    inv.markdown.sort_unstable();
    inv.unread.sort_unstable();
    Ok(inv)
}

/// `path` relative to `dir`, with `/` separators.
pub fn relative(dir: &Path, path: &Path) -> String {
    // The walk's paths are `dir` joined with plain names: cut the prefix as bytes (this runs for
    // every file of every walk, and `adrsite search` walks before each query).
    let (d, p) = (dir.as_os_str().as_encoded_bytes(), path.as_os_str().as_encoded_bytes());
    let separator = |b: &u8| *b == b'/' || (cfg!(windows) && *b == b'\\');
    if let Some(rest) = p.strip_prefix(d)
        && (d.last().is_some_and(separator) || rest.first().is_some_and(separator))
        && let Ok(rest) = std::str::from_utf8(rest.strip_prefix(b"/").or(rest.strip_prefix(b"\\")).unwrap_or(rest))
        && !rest.split(['/', '\\']).any(|c| c.is_empty() || c == "." || c == "..")
    {
        return if cfg!(windows) { rest.replace('\\', "/") } else { rest.to_string() };
    }
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// A collection before its slug is chosen: path, kind, name, id prefix, default status and origin.
type Candidate = (String, DocKind, Option<String>, Option<String>, Option<String>, Origin);

/// Stops when a configured collection folder does not exist: a mistyped path would otherwise
/// build an empty site and succeed. The error suggests the closest folder that holds documents.
pub fn check_collections(dir: &Path, config: &Config, inv: &Inventory) -> anyhow::Result<()> {
    if let Some(c) = config.collections.iter().find(|c| !dir.join(&c.path).is_dir()) {
        let folders: BTreeSet<&str> = inv.markdown.iter().filter_map(|f| f.rsplit_once('/').map(|(d, _)| d)).collect();
        let hint = match crate::diagnostic::did_you_mean(&c.path, folders.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? paths in [[collections]] are relative to the site directory"),
            None => "paths in [[collections]] are relative to the site directory".to_string(),
        };
        anyhow::bail!(
            "{}: collection folder `{}` does not exist in {}\n  = help: {hint}",
            crate::config::FILE_NAME,
            c.path,
            dir.display()
        );
    }
    Ok(())
}

/// The collections of the site: configured, or detected.
pub fn collections(dir: &Path, config: &Config, inv: &Inventory) -> Vec<Collection> {
    // (path, kind, name, id prefix, origin)
    let mut found: Vec<Candidate> = Vec::new();
    if !config.collections.is_empty() {
        for c in &config.collections {
            let c = c.clone();
            found.push((c.path, c.kind, c.name, c.id_prefix, c.default_status, Origin::Configured));
        }
    } else {
        for (path, name) in adr_tool_dirs(dir) {
            found.push((path, DocKind::Adr, name, None, None, Origin::Detected));
        }
        let dirs: BTreeSet<String> = inv
            .markdown
            .iter()
            .flat_map(|f| {
                let parts: Vec<&str> = f.split('/').collect();
                (1..parts.len()).map(move |n| parts[..n].join("/")).collect::<Vec<_>>()
            })
            .collect();
        for d in &dirs {
            let depth = d.split('/').count();
            let name = d.rsplit('/').next().unwrap_or(d).to_lowercase();
            let enclosing =
                found.iter().filter(|(p, ..)| d.starts_with(&format!("{p}/")) || p == d).max_by_key(|(p, ..)| p.len());
            let kind = match enclosing {
                None => match KNOWN_DIRS.iter().find(|(n, _, max)| *n == name && depth <= *max) {
                    Some((_, kind, _)) => *kind,
                    None => continue,
                },
                // `proposals/design-meeting-minutes/`: a folder of another kind inside a
                // collection is a collection of its own.
                Some((p, enclosing_kind, ..)) => {
                    match crate::load::infer::folder_kind(d.rsplit('/').next().unwrap_or(d), depth == 1) {
                        Some(kind) if kind != *enclosing_kind && p != d => kind,
                        _ => continue,
                    }
                }
            };
            found.push((d.clone(), kind, None, None, None, Origin::Detected));
        }
        for d in &dirs {
            if d.rsplit('/').next() == Some("text") && d.split('/').count() == 1 {
                let parent = d.rsplit_once('/').map_or("", |(p, _)| p);
                let template = if parent.is_empty() {
                    "0000-template.md".to_string()
                } else {
                    format!("{parent}/0000-template.md")
                };
                if inv.markdown.contains(&template) && !found.iter().any(|(p, ..)| p == d) {
                    found.push((d.clone(), DocKind::Rfc, None, None, None, Origin::Detected));
                }
            }
        }
    }
    let mut out: Vec<Collection> = Vec::new();
    for (path, kind, name, prefix, default_status, origin) in found {
        let fixed_prefix = prefix.is_some();
        let id_prefix = prefix.or_else(|| {
            if path.rsplit('/').next().is_some_and(|n| n.eq_ignore_ascii_case("keps")) {
                Some("KEP".to_string())
            } else {
                kind.default_prefix().map(str::to_string)
            }
        });
        let last = path.rsplit('/').next().unwrap_or(&path);
        let name = name.unwrap_or_else(|| kind.plural().to_string());
        // The repository itself (`.`) is named by what it holds.
        let preferred = if path.is_empty() { kind.default_slug().to_string() } else { crate::text::slugify(last) };
        let slug = unique_slug(&out, preferred, &path);
        out.push(Collection {
            path,
            kind,
            name,
            slug,
            id_prefix,
            fixed_prefix,
            default_status,
            origin,
            namespace: None,
        });
    }
    out
}

/// The collection for documents of `kind` (and, for a series such as `CIP`, of that series) found
/// outside every other collection, created on first use.
pub fn inferred_collection(cols: &mut Vec<Collection>, kind: DocKind, series: Option<&str>) -> usize {
    let series = series.filter(|p| Some(*p) != kind.default_prefix());
    let prefix = series.map(str::to_string).or_else(|| kind.default_prefix().map(str::to_string));
    if let Some(i) = cols.iter().position(|c| c.origin == Origin::Inferred && c.kind == kind && c.id_prefix == prefix) {
        return i;
    }
    let (preferred, name) = match series {
        Some(p) => (crate::text::slugify(p), format!("{p}s")),
        None if cols.iter().any(|c| c.kind == kind) => {
            (kind.default_slug().to_string(), format!("Other {}", kind.plural().to_lowercase()))
        }
        None => (kind.default_slug().to_string(), kind.plural().to_string()),
    };
    let slug = unique_slug(cols, preferred.clone(), &preferred);
    cols.push(Collection {
        path: String::new(),
        kind,
        name,
        slug,
        id_prefix: prefix,
        fixed_prefix: false,
        default_status: None,
        origin: Origin::Inferred,
        namespace: None,
    });
    cols.len() - 1
}

fn unique_slug(existing: &[Collection], preferred: String, path: &str) -> String {
    let taken = |s: &str| crate::vocab::route::RESERVED.contains(&s) || existing.iter().any(|c| c.slug == s);
    let mut slug = if preferred.is_empty() { "docs".to_string() } else { preferred };
    if taken(&slug) {
        slug = crate::text::slugify(path);
    }
    if taken(&slug) || slug.is_empty() {
        let base = if slug.is_empty() { "docs".to_string() } else { slug.clone() };
        let mut n = 2;
        slug = format!("{base}-{n}");
        while taken(&slug) {
            n += 1;
            slug = format!("{base}-{n}");
        }
    }
    slug
}

/// Folders named by `.adr-dir` (adr-tools) and `.log4brains.yml`, with a display name.
fn adr_tool_dirs(dir: &Path) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    // `.` is the repository itself (a repository of decisions and nothing else): the empty path,
    // which holds every document but the folder's own index pages.
    let clean = |p: &str| match p.trim().trim_start_matches("./").trim_end_matches('/') {
        "" if !p.trim().starts_with('.') => None,
        "." | "" => Some(String::new()),
        p => Some(p.to_string()),
    };
    if let Ok(text) = std::fs::read_to_string(dir.join(".adr-dir"))
        && let Some(p) = clean(text.lines().next().unwrap_or(""))
    {
        out.push((p, None));
    }
    if let Ok(text) = std::fs::read_to_string(dir.join(".log4brains.yml"))
        && let Ok(yaml) = yaml_serde::from_str::<yaml_serde::Value>(&text)
    {
        let project = &yaml["project"];
        if let Some(p) = project["adrFolder"].as_str().and_then(clean) {
            out.push((p, None));
        }
        if let Some(packages) = project["packages"].as_sequence() {
            for pkg in packages {
                if let Some(p) = pkg["adrFolder"].as_str().and_then(clean) {
                    let name = pkg["name"].as_str().map(|n| format!("Decisions: {n}"));
                    out.push((p, name));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_use_slashes_whatever_the_directory_looks_like() {
        // The same as naming every component, which is what the byte-cutting must equal.
        for (dir, path) in [
            (".", "./docs/a.md"),
            ("site", "site/docs/adr/0001-a.md"),
            ("site/", "site/docs/a.md"),
            ("/abs/site", "/abs/site/a b/ü.md"),
            ("site", "site/./docs/../a.md"),
        ] {
            let old: Vec<_> = Path::new(path)
                .strip_prefix(dir)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            assert_eq!(relative(Path::new(dir), Path::new(path)), old.join("/"), "{dir} {path}");
        }
        assert_eq!(relative(Path::new("site"), Path::new("site/docs/a.md")), "docs/a.md");
        assert_eq!(relative(Path::new("si"), Path::new("site/a.md")), "site/a.md", "not a prefix of whole names");
    }
}
