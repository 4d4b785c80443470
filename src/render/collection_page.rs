//! A collection's index page: its documents grouped by status (decisions), month (standups) or
//! folder (handbook pages), and, for a collection of more than [`LARGE`] documents, a filter box
//! (text, status, tag) that works in the reader's browser without a server and, when its
//! documents sit in several folders, a tree of collapsible folders in place of flat groups.
//!
//! Input: the [`Site`](crate::model::Site) through the render context and a collection's index.
//! Output: the page's path and HTML, or nothing for an empty collection.

use crate::load::discover::Origin;
use crate::model::Doc;
use crate::model::site::Names;
use crate::render::context::Ctx;
use crate::render::view::*;
use crate::vocab::{DocKind, Route, Status};
use serde::Serialize;
use std::collections::BTreeMap;

/// From this many documents a collection's index gets a filter box, and a folder tree when its
/// documents sit in more than one folder: a flat page of hundreds of rows is not browsable.
pub const LARGE: usize = 50;

/// A collection index.
#[derive(Clone, Debug, Serialize)]
pub struct CollectionPage {
    /// Layout.
    pub layout: Layout,
    /// Name.
    pub name: String,
    /// Kind label.
    pub kind_label: &'static str,
    /// Source folder.
    pub path: String,
    /// Number of documents.
    pub count: usize,
    /// Groups, when the page is not a tree.
    pub groups: Vec<Group>,
    /// The folder tree, flattened in reading order; empty when the page has groups.
    pub tree: Vec<TreeItem>,
    /// The filter box of a large collection.
    pub filter: Option<Filter>,
    /// Its decision graph's page, when its documents are joined.
    pub graph: Option<String>,
    /// The page that introduces it: its folder's `README.md`, `index.md` or `_index.md`, read as
    /// a page of its own (see `load/infer.rs`).
    pub intro: Option<DocLink>,
}

/// What the filter box offers: only values some document of the collection has.
#[derive(Clone, Debug, Serialize)]
pub struct Filter {
    /// Statuses, in the order indexes group them.
    pub statuses: Vec<FilterOption>,
    /// Tags, by name.
    pub tags: Vec<FilterOption>,
}

/// One value of a filter.
#[derive(Clone, Debug, Serialize)]
pub struct FilterOption {
    /// What rows carry (`accepted`, a tag's slug).
    pub value: String,
    /// What the reader sees.
    pub label: String,
    /// Documents with it.
    pub count: usize,
}

/// One step of the folder tree: a folder opens, a document, or the last folder closes.
#[derive(Clone, Debug, Serialize)]
pub struct TreeItem {
    /// A folder that opens here.
    pub open: Option<Folder>,
    /// A document.
    pub doc: Option<DocLink>,
    /// Whether the innermost open folder closes here.
    pub close: bool,
}

/// A folder of the tree.
#[derive(Clone, Debug, Serialize)]
pub struct Folder {
    /// The folder's name, in words.
    pub label: String,
    /// Its path inside the collection.
    pub path: String,
    /// Documents in it and below it.
    pub count: usize,
    /// Whether it starts open.
    pub expanded: bool,
}

impl Ctx<'_> {
    pub(crate) fn collection(&self, index: usize) -> anyhow::Result<Option<(String, String)>> {
        let col = &self.site.collections[index];
        let mut docs: Vec<&Doc> = self.site.docs.values().filter(|d| d.collection == index).collect();
        if docs.is_empty() {
            return Ok(None);
        }
        let count = docs.len();
        // Rows carry their tags only where a filter reads them.
        let names = self.site.names;
        let row = |d: &Doc| if count > LARGE { DocLink::with_tags(d, names) } else { DocLink::of(d, names) };
        let filter = (count > LARGE).then(|| filter_of(&docs, self.site));
        let folders: std::collections::BTreeSet<String> = docs.iter().map(|d| folder_of(d, &col.path)).collect();
        let tree = if count > LARGE && folders.len() > 1 {
            tree_of(&docs, &col.path, col.kind, self.site.names)
        } else {
            Vec::new()
        };
        let groups = if !tree.is_empty() {
            Vec::new()
        } else {
            match col.kind {
                DocKind::Adr | DocKind::Rfc => {
                    docs.sort_by(|a, b| {
                        let key =
                            |d: &Doc| (d.number.as_ref().map(|n| (n.value, n.suffix)), d.date, d.title.to_lowercase());
                        key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
                    });
                    let mut groups: Vec<Group> = Status::ALL
                        .iter()
                        .filter_map(|s| {
                            let in_group: Vec<DocLink> =
                                docs.iter().filter(|d| d.status == Some(*s)).map(|d| row(d)).collect();
                            (!in_group.is_empty()).then(|| Group {
                                label: s.label().into(),
                                anchor: s.as_str().into(),
                                badge: Some(Badge::group(*s)),
                                docs: in_group,
                            })
                        })
                        .collect();
                    let rest: Vec<DocLink> = docs.iter().filter(|d| d.status.is_none()).map(|d| row(d)).collect();
                    if !rest.is_empty() {
                        groups.push(Group {
                            label: "No recognised status".into(),
                            anchor: "no-status".into(),
                            badge: None,
                            docs: rest,
                        });
                    }
                    groups
                }
                DocKind::Standup => {
                    docs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
                    let mut groups: Vec<Group> = Vec::new();
                    for d in docs {
                        let label = d.date.map_or("Undated".to_string(), |x| x.strftime("%B %Y").to_string());
                        match groups.last_mut() {
                            Some(g) if g.label == label => g.docs.push(row(d)),
                            _ => groups.push(Group {
                                anchor: crate::text::slugify(&label),
                                label,
                                badge: None,
                                docs: vec![row(d)],
                            }),
                        }
                    }
                    groups
                }
                DocKind::Handbook => {
                    let mut by_folder: BTreeMap<String, Vec<&Doc>> = BTreeMap::new();
                    for d in docs {
                        by_folder.entry(folder_of(d, &col.path)).or_default().push(d);
                    }
                    by_folder
                        .into_iter()
                        .map(|(folder, mut docs)| {
                            docs.sort_by(|a, b| {
                                a.title.to_lowercase().cmp(&b.title.to_lowercase()).then_with(|| a.id.cmp(&b.id))
                            });
                            let label = if folder.is_empty() { "Pages".to_string() } else { folder.clone() };
                            Group {
                                anchor: crate::text::slugify(&label),
                                label,
                                badge: None,
                                docs: docs.iter().map(|d| row(d)).collect(),
                            }
                        })
                        .collect()
                }
            }
        };
        let path = Route::Section(&col.slug).path();
        let view = CollectionPage {
            layout: self.layout(&path, &col.name, &col.slug),
            name: col.name.clone(),
            kind_label: col.kind.plural(),
            path: col.path.clone(),
            count,
            groups,
            tree,
            filter,
            graph: self.graphs[index].is_some().then(|| Route::CollectionGraph(&col.slug).path()),
            // An inferred collection has no folder of its own (in an organisation's site its path
            // is the source's, whose README introduces the repository, not these documents).
            intro: (col.origin != Origin::Inferred)
                .then(|| intro_of(self.site.docs.values(), &col.path, index))
                .flatten()
                .map(|d| DocLink::of(d, names)),
        };
        Ok(Some((path.clone(), self.theme.render("collection.html", &view)?)))
    }
}

/// The first index page of the folder `path` that another collection holds: the introduction of
/// the collection `index` read from that folder.
fn intro_of<'a>(docs: impl Iterator<Item = &'a Doc>, path: &str, index: usize) -> Option<&'a Doc> {
    if path.is_empty() {
        return None;
    }
    docs.filter(|d| d.collection != index && crate::vocab::markdown_name::is_folder_index(&d.source))
        .filter(|d| d.source.rsplit_once('/').is_some_and(|(folder, _)| folder == path))
        .min_by(|a, b| a.source.cmp(&b.source))
}

/// The folder a document is listed under, inside its collection: a document that is its
/// folder's README (`895-y/README.md`, a KEP) is listed in the folder above.
fn folder_of(d: &Doc, collection_path: &str) -> String {
    let rel = d.source.strip_prefix(collection_path).unwrap_or(&d.source).trim_start_matches('/');
    let folder = rel.rsplit_once('/').map_or("", |(f, _)| f);
    let folder = if crate::model::identity::naming_stem(&d.source) == folder.rsplit('/').next().unwrap_or("") {
        folder.rsplit_once('/').map_or("", |(f, _)| f)
    } else {
        folder
    };
    folder.to_string()
}

/// The statuses and tags the collection's documents have, with counts.
fn filter_of(docs: &[&Doc], site: &crate::model::Site) -> Filter {
    let statuses = Status::ALL
        .iter()
        .filter_map(|s| {
            let count = docs.iter().filter(|d| d.status == Some(*s)).count();
            (count > 0).then(|| FilterOption { value: s.as_str().into(), label: s.label().into(), count })
        })
        .collect();
    let mut tags: BTreeMap<String, FilterOption> = BTreeMap::new();
    for d in docs {
        for t in &d.tags {
            let slug = crate::text::slugify(t);
            let label = site.tags.get(&slug).map_or_else(|| t.clone(), |tag| tag.name.clone());
            tags.entry(slug.clone()).or_insert(FilterOption { value: slug, label, count: 0 }).count += 1;
        }
    }
    let mut tags: Vec<FilterOption> = tags.into_values().collect();
    tags.sort_by_key(|t| t.label.to_lowercase());
    Filter { statuses, tags }
}

/// A folder of the tree being built.
#[derive(Default)]
struct Node<'d> {
    /// The folder's own page (its README or index), which names it.
    own: Option<&'d Doc>,
    docs: Vec<&'d Doc>,
    children: BTreeMap<String, Node<'d>>,
}

impl Node<'_> {
    fn count(&self) -> usize {
        usize::from(self.own.is_some()) + self.docs.len() + self.children.values().map(Node::count).sum::<usize>()
    }
}

/// The folder tree of `docs`, flattened: each folder's own page first, then its documents (by
/// number for decisions, else by title), then its subfolders. A folder is named by its own
/// page's title when it has one; folders every document sits in (`content/`) are left out, and a
/// folder holding only one folder is shown with it as one step (`Teams / Design`).
fn tree_of(docs: &[&Doc], collection_path: &str, kind: DocKind, names: Names) -> Vec<TreeItem> {
    let folders: Vec<Vec<&str>> = docs
        .iter()
        .map(|d| {
            let rel = d.source.strip_prefix(collection_path).unwrap_or(&d.source).trim_start_matches('/');
            rel.rsplit_once('/').map_or(vec![], |(f, _)| f.split('/').filter(|s| !s.is_empty()).collect())
        })
        .collect();
    // How many documents sit in or below each folder: a folder's own page whose folder holds
    // nothing else (a KEP's `895-y/README.md`) is a document of the folder above.
    let mut below: std::collections::HashMap<&[&str], usize> = std::collections::HashMap::new();
    for f in &folders {
        for depth in 0..=f.len() {
            *below.entry(&f[..depth]).or_default() += 1;
        }
    }
    let mut placed: Vec<(Vec<&str>, bool)> = Vec::with_capacity(docs.len());
    for (d, f) in docs.iter().zip(&folders) {
        let own = f.last().is_some_and(|last| crate::model::identity::naming_stem(&d.source) == *last);
        if own && below.get(f.as_slice()).copied().unwrap_or(0) == 1 {
            placed.push((f[..f.len() - 1].to_vec(), false));
        } else {
            placed.push((f.clone(), own));
        }
    }
    let common = placed.iter().filter(|(f, own)| !f.is_empty() && !own).fold(None::<&[&str]>, |acc, (f, _)| {
        Some(match acc {
            None => f.as_slice(),
            Some(a) => &a[..a.iter().zip(f).take_while(|(x, y)| x == y).count()],
        })
    });
    let common = common.map_or(0, <[&str]>::len);
    let mut root = Node::default();
    for (d, (f, own)) in docs.iter().zip(&placed) {
        let rest = f.get(common..).unwrap_or(&[]);
        let node = rest.iter().fold(&mut root, |n, seg| n.children.entry((*seg).to_string()).or_default());
        match (own, node.own) {
            (true, None) if !rest.is_empty() => node.own = Some(d),
            _ => node.docs.push(d),
        }
    }
    let mut items = Vec::new();
    emit(&root, (kind, names), 0, docs.len() <= 4 * LARGE, &mut items);
    items
}

/// Writes `node`'s pages, then each subfolder as an open step, its contents and a close.
fn emit(node: &Node<'_>, (kind, names): (DocKind, Names), depth: usize, expand_top: bool, items: &mut Vec<TreeItem>) {
    let mut docs: Vec<&Doc> = node.docs.clone();
    docs.sort_by(|a, b| {
        let by_number = |d: &Doc| kind.is_decision().then(|| d.number.as_ref().map(|n| (n.value, n.suffix)));
        by_number(a)
            .cmp(&by_number(b))
            .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
            .then_with(|| a.id.cmp(&b.id))
    });
    items.extend(node.own.iter().chain(&docs).map(|d| TreeItem {
        open: None,
        doc: Some(DocLink::with_tags(d, names)),
        close: false,
    }));
    for (name, child) in &node.children {
        let (mut label, mut path, mut child) = (folder_label(name, child), name.clone(), child);
        while child.own.is_none() && child.docs.is_empty() && child.children.len() == 1 {
            let (next_name, next) = child.children.iter().next().expect("one child");
            label = format!("{label} / {}", folder_label(next_name, next));
            path = format!("{path}/{next_name}");
            child = next;
        }
        let folder = Folder { label, path, count: child.count(), expanded: depth == 0 && expand_top };
        items.push(TreeItem { open: Some(folder), doc: None, close: false });
        emit(child, (kind, names), depth + 1, expand_top, items);
        items.push(TreeItem { open: None, doc: None, close: true });
    }
}

/// A folder's name in words: its own page's title, else its name (`sig-api-machinery` →
/// `Sig api machinery`).
fn folder_label(name: &str, node: &Node<'_>) -> String {
    node.own.map_or_else(|| crate::text::title_from_name(name), |d| d.title.clone())
}
