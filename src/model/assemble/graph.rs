//! The graph pass: relations on both sides and backlinks from every kind.
//!
//! Input: the relation edges and references the resolve pass found. Output: a [`Graph`] with each
//! document's relations (declared here or by the other side, sorted) and the documents that link
//! to, mention or relate to it.

use crate::vocab::{DocId, Relation, RelationKind};
use std::collections::{BTreeMap, BTreeSet};

/// The relations and backlinks of every document.
#[derive(Default)]
pub(super) struct Graph {
    relations: BTreeMap<DocId, BTreeSet<Relation>>,
    backlinks: BTreeMap<DocId, BTreeSet<DocId>>,
}

impl Graph {
    /// Takes the relations and backlinks of `id`, sorted.
    pub fn take(&mut self, id: &DocId) -> (Vec<Relation>, Vec<DocId>) {
        (
            self.relations.remove(id).map(|r| r.into_iter().collect()).unwrap_or_default(),
            self.backlinks.remove(id).map(|b| b.into_iter().collect()).unwrap_or_default(),
        )
    }
}

/// Builds the graph: every edge is shown on both sides and counts as a reference.
pub(super) fn graph(edges: &[(DocId, RelationKind, DocId)], mut refs: Vec<(DocId, DocId)>) -> Graph {
    let mut graph = Graph::default();
    for (from, kind, to) in edges {
        graph.relations.entry(from.clone()).or_default().insert(Relation { kind: *kind, target: to.clone() });
        graph.relations.entry(to.clone()).or_default().insert(Relation { kind: kind.inverse(), target: from.clone() });
        refs.push((from.clone(), to.clone()));
    }
    for (from, to) in refs {
        if from != to {
            graph.backlinks.entry(to).or_default().insert(from);
        }
    }
    graph
}
