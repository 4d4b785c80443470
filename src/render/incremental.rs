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

fn display(doc: &Doc) -> u64 {
    let mut h = DefaultHasher::new();
    (
        &doc.title,
        &doc.display_id,
        doc.status,
        &doc.status_label,
        doc.date,
        &doc.date_raw,
        &doc.people,
        &doc.findings,
        doc.kind,
        &doc.notes,
    )
        .hash(&mut h);
    h.finish()
}

fn own(doc: &Doc, display: u64) -> u64 {
    let mut h = DefaultHasher::new();
    (display, &doc.tags, &doc.info, &doc.dates, &doc.relations, &doc.backlinks).hash(&mut h);
    (
        &doc.links,
        &doc.mentions,
        &doc.git,
        &doc.unresolved_successor,
        doc.collection,
        doc.title_range,
        doc.body_start,
        doc.oversize,
    )
        .hash(&mut h);
    h.finish()
}

/// Fingerprints `site`.
pub fn digests(site: &Site) -> Digests {
    use rayon::prelude::*;
    let pairs: Vec<(DocId, u64, u64)> = site
        .docs
        .par_iter()
        .map(|(id, d)| {
            let shown = display(d);
            (id.clone(), own(d, shown), shown)
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
            let shown = display(d);
            digests.own.insert(id.clone(), own(d, shown));
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
