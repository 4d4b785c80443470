//! The decision graph: which documents supersede, amend, relate to and cite which.
//!
//! Input: the [`Site`] (relations on both sides, links, id mentions, backlinks). Output: a
//! [`Graph`] of documents and edges, for one document's neighbourhood or a whole collection.
//! Each pair of documents has at most one edge, the strongest that joins them (a supersession
//! over a citation), pointing from the earlier document to the later one: from what was replaced
//! to what replaced it, from what is cited to what cites it, so that a layered drawing reads from
//! top to bottom as time goes.

use crate::model::Site;
use crate::model::site::LinkTarget;
use crate::vocab::{DocId, RelationKind};
use std::collections::{BTreeMap, BTreeSet};

/// How two documents are joined, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// `to` supersedes `from`.
    Supersedes,
    /// `to` amends `from`.
    Amends,
    /// Related, declared by either.
    Relates,
    /// `to` links to or mentions `from`.
    Cites,
}

impl EdgeKind {
    /// The word for it, for legends and class names.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Supersedes => "supersedes",
            EdgeKind::Amends => "amends",
            EdgeKind::Relates => "relates",
            EdgeKind::Cites => "cites",
        }
    }
}

/// One edge.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edge {
    /// The earlier document.
    pub from: DocId,
    /// The later one.
    pub to: DocId,
    /// How they are joined.
    pub kind: EdgeKind,
}

/// A drawing's worth of the graph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Graph {
    /// The documents, sorted.
    pub nodes: Vec<DocId>,
    /// The edges, sorted.
    pub edges: Vec<Edge>,
    /// The document whose neighbourhood this is.
    pub focus: Option<DocId>,
    /// Documents left out to keep the drawing readable.
    pub left_out: usize,
    /// Whether citations were left out to keep the drawing readable.
    pub citations_left_out: bool,
}

/// Every edge that touches `id`, as the strongest kind per neighbour.
pub fn edges_of(site: &Site, id: &DocId) -> Vec<Edge> {
    let Some(doc) = site.docs.get(id) else { return Vec::new() };
    let mut best: BTreeMap<DocId, Edge> = BTreeMap::new();
    let mut put = |other: &DocId, edge: Edge| {
        if other == id || !site.docs.contains_key(other) {
            return;
        }
        match best.get(other) {
            Some(known) if known.kind <= edge.kind => {}
            _ => {
                best.insert(other.clone(), edge);
            }
        }
    };
    let edge = |from: &DocId, to: &DocId, kind| Edge { from: from.clone(), to: to.clone(), kind };
    for rel in &doc.relations {
        let t = &rel.target;
        let e = match rel.kind {
            RelationKind::Supersedes => edge(t, id, EdgeKind::Supersedes),
            RelationKind::SupersededBy => edge(id, t, EdgeKind::Supersedes),
            RelationKind::Amends => edge(t, id, EdgeKind::Amends),
            RelationKind::AmendedBy => edge(id, t, EdgeKind::Amends),
            RelationKind::RelatesTo if t < id => edge(t, id, EdgeKind::Relates),
            RelationKind::RelatesTo => edge(id, t, EdgeKind::Relates),
        };
        put(t, e);
    }
    let cited = doc.links.values().filter_map(|l| match l {
        LinkTarget::Doc(to, _) => Some(to),
        _ => None,
    });
    for t in cited.chain(doc.mentions.values()) {
        put(t, edge(t, id, EdgeKind::Cites));
    }
    for b in &doc.backlinks {
        put(b, edge(id, b, EdgeKind::Cites));
    }
    best.into_values().collect()
}

/// `id` and the documents joined to it, at most `max` of them (the strongest edges first, then
/// decisions before other pages, then by id), with the edges that join them to it.
pub fn neighbourhood(site: &Site, id: &DocId, max: usize) -> Graph {
    let mut edges = edges_of(site, id);
    if edges.is_empty() {
        return Graph::default();
    }
    let other = |e: &Edge| if &e.from == id { e.to.clone() } else { e.from.clone() };
    let not_decision = |d: &DocId| site.docs.get(d).is_none_or(|d| !d.kind.is_decision());
    edges.sort_by_key(|e| (e.kind, not_decision(&other(e)), other(e)));
    let left_out = edges.len().saturating_sub(max);
    edges.truncate(max);
    // Only the edges that touch the document: what its page shows depends on its neighbours'
    // titles and statuses, never on how they relate to each other (which `serve` relies on to
    // know which pages an edit changes).
    let mut nodes: BTreeSet<DocId> = edges.iter().map(other).collect();
    nodes.insert(id.clone());
    Graph {
        nodes: nodes.into_iter().collect(),
        edges: dedup(edges.into_iter().collect()),
        focus: Some(id.clone()),
        left_out,
        citations_left_out: false,
    }
}

/// Every document of collection `index` that is joined to another one of it, and those edges,
/// at most `max` documents: beyond that, citations are left out when supersessions, amendments
/// and relations alone join some documents; beyond that again, the `max` documents with the most
/// edges are kept.
pub fn collection(site: &Site, index: usize, max: usize) -> Graph {
    let members: BTreeSet<&DocId> = site.docs.values().filter(|d| d.collection == index).map(|d| &d.id).collect();
    let mut edges = BTreeSet::new();
    for id in &members {
        edges.extend(edges_of(site, id).into_iter().filter(|e| members.contains(&e.from) && members.contains(&e.to)));
    }
    let mut edges = dedup(edges);
    let mut citations_left_out = false;
    if joined(&edges).len() > max {
        let related: Vec<Edge> = edges.iter().filter(|e| e.kind != EdgeKind::Cites).cloned().collect();
        if !related.is_empty() {
            edges = related;
            citations_left_out = true;
        }
    }
    if joined(&edges).len() > max {
        // The best-connected documents, and the edges between them.
        let mut degree: BTreeMap<&DocId, usize> = BTreeMap::new();
        for e in &edges {
            *degree.entry(&e.from).or_default() += 1;
            *degree.entry(&e.to).or_default() += 1;
        }
        let mut ranked: Vec<(&DocId, usize)> = degree.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let kept: BTreeSet<DocId> = ranked.into_iter().take(max).map(|(id, _)| id.clone()).collect();
        edges.retain(|e| kept.contains(&e.from) && kept.contains(&e.to));
    }
    let nodes = joined(&edges);
    Graph {
        left_out: members.len() - nodes.len(),
        nodes: nodes.into_iter().collect(),
        edges,
        focus: None,
        citations_left_out,
    }
}

/// The documents `edges` join.
fn joined(edges: &[Edge]) -> BTreeSet<DocId> {
    edges.iter().flat_map(|e| [e.from.clone(), e.to.clone()]).collect()
}

/// One edge per pair of documents, the strongest.
fn dedup(edges: BTreeSet<Edge>) -> Vec<Edge> {
    let mut best: BTreeMap<(DocId, DocId), Edge> = BTreeMap::new();
    for e in edges {
        let key = if e.from < e.to { (e.from.clone(), e.to.clone()) } else { (e.to.clone(), e.from.clone()) };
        match best.get(&key) {
            Some(known) if known.kind <= e.kind => {}
            _ => {
                best.insert(key, e);
            }
        }
    }
    let mut out: Vec<Edge> = best.into_values().collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Doc;
    use crate::vocab::{DocKind, Relation, Status};

    fn site(docs: Vec<Doc>) -> Site {
        let mut site = Site::for_test();
        site.docs = docs.into_iter().map(|d| (d.id.clone(), d)).collect();
        site
    }

    fn doc(id: &str, relations: &[(RelationKind, &str)], backlinks: &[&str]) -> Doc {
        let mut d = Doc::for_test(id, DocKind::Adr, Some(Status::Accepted));
        d.relations =
            relations.iter().map(|(kind, t)| Relation { kind: *kind, target: DocId(t.to_string()) }).collect();
        d.backlinks = backlinks.iter().map(|b| DocId(b.to_string())).collect();
        d
    }

    #[test]
    fn one_edge_per_pair_the_strongest_from_earlier_to_later() {
        let s = site(vec![
            doc("a", &[(RelationKind::SupersededBy, "b")], &["b", "c"]),
            doc("b", &[(RelationKind::Supersedes, "a")], &[]),
            doc("c", &[], &[]),
        ]);
        let g = collection(&s, 0, 100);
        assert_eq!(
            g.edges,
            [
                Edge { from: DocId("a".into()), to: DocId("b".into()), kind: EdgeKind::Supersedes },
                Edge { from: DocId("a".into()), to: DocId("c".into()), kind: EdgeKind::Cites },
            ]
        );
        assert_eq!(g.left_out, 0);
        let n = neighbourhood(&s, &DocId("b".into()), 10);
        assert_eq!(n.nodes.len(), 2, "b and what it supersedes; c cites a only: {n:?}");
        assert_eq!(n.focus, Some(DocId("b".into())));
        let two = collection(&s, 0, 2);
        assert_eq!((two.nodes.len(), two.edges.len(), two.left_out), (2, 1, 1), "citations go first: {two:?}");
        let one = neighbourhood(&s, &DocId("a".into()), 1);
        assert_eq!((one.nodes.len(), one.left_out), (2, 1), "the supersession is kept over the citation");
    }
}
