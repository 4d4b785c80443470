//! Which pages an edit changes, for `serve`'s incremental rebuilds.
//!
//! Input: the new [`Site`], the digests of the previous one and the sources read again. Output:
//! the [`PageSet`] to render — the changed documents' pages, the pages that show one of them (a
//! title, status or finding appears in backlinks, relations and mentions), and the list pages
//! when anything they show changed — or `None` when the set of documents changed and a full
//! build is simpler and safer.

use crate::model::site::LinkTarget;
use crate::model::{Doc, Site};
use crate::render::PageSet;
use crate::vocab::DocId;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// Fingerprints of a built site.
#[derive(Debug, Default)]
pub struct Digests {
    /// Everything a document's own page shows, except its text.
    own: BTreeMap<DocId, u64>,
    /// What other pages show of a document.
    display: BTreeMap<DocId, u64>,
}

/// A document's two digests: what other pages show of it, and what its own page shows besides
/// its text. Every field is named (no `..`), so a new field of `Doc` does not compile until it is
/// placed in one of them or said to be in neither.
fn parts(doc: &Doc) -> (u64, u64) {
    let Doc {
        // Keys: the same for the same document.
        id: _,
        source: _,
        // A line number for diagnostics; no page shows it.
        status_line: _,
        // The text: a document read again is rendered whatever its digests say.
        text: _,
        collection,
        kind,
        number,
        display_id,
        title,
        status,
        status_label,
        date,
        date_raw,
        people,
        tags,
        info,
        dates,
        relations,
        unresolved_successor,
        links,
        mentions,
        backlinks,
        body_start,
        title_range,
        outline,
        oversize,
        git,
        history,
        findings,
        notes,
    } = doc;
    let mut h = DefaultHasher::new();
    // Lists, feeds and `llms.txt` show the excerpt.
    (title, display_id, number, status, status_label, date, date_raw, people, findings, kind, notes, &outline.excerpt)
        .hash(&mut h);
    // The digest pages tell status changes.
    history.hash(&mut h);
    // The collection's graph page draws whom it is joined to.
    let joined: Vec<&DocId> = relations
        .iter()
        .map(|r| &r.target)
        .chain(links.values().filter_map(|t| match t {
            LinkTarget::Doc(id, _) => Some(id),
            _ => None,
        }))
        .chain(mentions.values())
        .chain(backlinks)
        .collect();
    joined.hash(&mut h);
    let display = h.finish();
    let mut h = DefaultHasher::new();
    (display, tags, info, dates, relations, backlinks, links, mentions, git, unresolved_successor).hash(&mut h);
    (collection, title_range, body_start, oversize).hash(&mut h);
    (display, h.finish())
}

/// Fingerprints `site`.
pub fn digests(site: &Site) -> Digests {
    use rayon::prelude::*;
    let pairs: Vec<(DocId, u64, u64)> = site
        .docs
        .par_iter()
        .map(|(id, d)| {
            let (shown, own) = parts(d);
            (id.clone(), own, shown)
        })
        .collect();
    Digests {
        own: pairs.iter().map(|(id, o, _)| (id.clone(), *o)).collect(),
        display: pairs.into_iter().map(|(id, _, d)| (id, d)).collect(),
    }
}

/// Brings the digests of `ids` up to date after those documents were patched alone.
pub fn refresh(digests: &mut Digests, site: &Site, ids: &BTreeSet<DocId>) {
    for id in ids {
        if let Some(d) = site.docs.get(id) {
            let (shown, own) = parts(d);
            digests.own.insert(id.clone(), own);
            digests.display.insert(id.clone(), shown);
        }
    }
}

/// The pages to render after an edit, and the new digests.
pub fn affected(previous: &Digests, site: &Site, reread: &BTreeSet<String>) -> (Option<PageSet>, Digests) {
    let now = digests(site);
    if !now.own.keys().eq(previous.own.keys()) {
        return (None, now);
    }
    let display_changed: BTreeSet<&DocId> =
        now.display.iter().filter(|(id, d)| previous.display.get(*id) != Some(*d)).map(|(id, _)| id).collect();
    let mut docs = BTreeSet::new();
    let mut api = false;
    for doc in site.docs.values() {
        let refs = doc.relations.iter().map(|r| &r.target).chain(&doc.backlinks).chain(doc.mentions.values()).chain(
            doc.links.values().filter_map(|t| match t {
                LinkTarget::Doc(id, _) => Some(id),
                _ => None,
            }),
        );
        let mut refs = refs;
        let own_changed = previous.own.get(&doc.id) != now.own.get(&doc.id);
        api |= own_changed;
        if reread.contains(&doc.source) || own_changed || refs.any(|r| display_changed.contains(r)) {
            docs.insert(doc.id.clone());
        }
    }
    let lists = !display_changed.is_empty();
    (Some(PageSet::Some { docs, lists, api }), now)
}
