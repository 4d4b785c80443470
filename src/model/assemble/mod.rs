//! The assemble stage: source documents become a [`Site`], in passes.
//!
//! Input: the load stage's [`Loaded`], the config, the git history and `today`. Output: a
//! [`Site`] whose documents (keyed by [`DocId`], so iteration order is deterministic) carry a
//! normalised status, date, number and title; links resolved to pages, assets or `broken-link`
//! problems; relations shown on both sides; backlinks from every kind; git dates; and findings.
//!
//! ```text
//! identify  (ids, numbers, titles, statuses, dates)      -> Doc per source   [parallel]
//! index     (paths, ids, stems; duplicate ids)           -> Index
//! resolve   (links, mentions, declared relations)        -> Resolved per doc [parallel]
//! graph     (relations on both sides, backlinks)         -> Graph
//! people    (tags, people, aliases)                      -> Directory
//! attention (rules, archive, problems -> findings)       -> Attention
//! ```

mod findings;
mod graph;
mod identify;
mod index;
mod notes;
mod patch;
mod people;
mod resolve;

pub use patch::{Patched, patch};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::git::GitHistory;
use crate::load::status::ParsedStatus;
use crate::load::{Loaded, SourceDoc};
use crate::model::site::{Doc, Site};
use crate::vocab::DocId;
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// A problem found by a pass, recorded once: its diagnostic, and the document it is about when
/// there is one (a problem whose code is an attention rule is then also a finding on that page).
pub(super) struct Problem {
    /// The document the problem is about.
    pub doc: Option<DocId>,
    /// What `check` and the build report.
    pub diagnostic: Diagnostic,
}

/// What an assembly keeps so that a later edit can be assembled alone ([`patch`]): the index
/// references resolve against, and per document what its own passes found.
pub struct Retained {
    index: index::Index,
    local: std::collections::HashMap<DocId, Local>,
}

impl std::fmt::Debug for Retained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Retained").field("documents", &self.local.len()).finish_non_exhaustive()
    }
}

/// What one document's own passes (read, identify, resolve) produced.
#[derive(Clone, Debug, Default, PartialEq)]
struct Local {
    /// Every diagnostic about it from reading, identifying and resolving it.
    diagnostics: Vec<Diagnostic>,
    /// The relations it declares, the documents it refers to and the files it links.
    edges: Vec<(DocId, crate::vocab::RelationKind, DocId)>,
    refs: Vec<(DocId, DocId)>,
    assets: Vec<String>,
}

/// Builds the site model from loaded sources, git history and `today`.
pub fn assemble(loaded: Loaded, config: &Config, git: &GitHistory, today: Date) -> Site {
    assemble_retained(loaded, config, git, today).0
}

/// [`assemble`], also returning what [`patch`] needs.
pub fn assemble_retained(loaded: Loaded, config: &Config, git: &GitHistory, today: Date) -> (Site, Retained) {
    let Loaded { docs: sources, collections, files, diagnostics } = loaded;
    let mut problems = Vec::new();
    let mut read_diagnostics: std::collections::HashMap<&str, Vec<Diagnostic>> = Default::default();
    for d in &diagnostics {
        read_diagnostics.entry(d.path.as_str()).or_default().push(d.clone());
    }
    let mut local: std::collections::HashMap<DocId, Local> = Default::default();

    let ids = identify::allocate_ids(&sources, &collections);
    let identified: Vec<(Doc, SourceDoc, Option<ParsedStatus>, Vec<Diagnostic>)> = sources
        .into_par_iter()
        .zip(ids)
        .map(|(src, id)| {
            let mut diags = Vec::new();
            let (doc, parsed) = identify::identify(&src, &collections[src.collection], config, id, &mut diags);
            (doc, src, parsed, diags)
        })
        .collect();
    let mut docs: Vec<(Doc, SourceDoc, Option<ParsedStatus>)> = Vec::with_capacity(identified.len());
    for (doc, src, parsed, diags) in identified {
        let mut own = read_diagnostics.remove(src.source.as_str()).unwrap_or_default();
        own.extend(diags.iter().cloned());
        local.insert(doc.id.clone(), Local { diagnostics: own, ..Local::default() });
        problems.extend(diags.into_iter().map(|diagnostic| Problem { doc: Some(doc.id.clone()), diagnostic }));
        docs.push((doc, src, parsed));
    }
    drop(read_diagnostics);

    let (index, duplicates) = index::index_of(&docs, &collections, files);
    problems.extend(duplicates);

    let mut assets = BTreeSet::new();
    let mut edges = Vec::new();
    let mut refs = Vec::new();
    for (r, (doc, _, _)) in resolve::resolve(&mut docs, &collections, &index).into_iter().zip(&docs) {
        if let Some(own) = local.get_mut(&doc.id) {
            own.diagnostics.extend(r.problems.iter().map(|p| p.diagnostic.clone()));
            (own.edges, own.refs, own.assets) = (r.edges.clone(), r.refs.clone(), r.assets.clone());
        }
        assets.extend(r.assets);
        edges.extend(r.edges);
        refs.extend(r.refs);
        problems.extend(r.problems);
    }

    // An oversized document's page links to its source, which the site then carries.
    assets.extend(docs.iter().filter(|(d, _, _)| d.oversize.is_some()).map(|(d, _, _)| d.source.clone()));
    let mut graph = graph::graph(&edges, refs);
    let mut ordered: Vec<Doc> = Vec::with_capacity(docs.len());
    for (mut doc, _, _) in docs {
        (doc.relations, doc.backlinks) = graph.take(&doc.id);
        doc.git = git.file(&doc.source).cloned();
        ordered.push(doc);
    }
    let directory = people::directory(ordered.iter());
    let mut docs: BTreeMap<DocId, Doc> = ordered.into_iter().map(|d| (d.id.clone(), d)).collect();

    let attention = findings::attention(&docs, &directory, diagnostics, problems, git, config, today);
    for (id, found) in attention.findings {
        if let Some(doc) = docs.get_mut(&id) {
            doc.findings = found;
        }
    }
    let site = Site {
        docs,
        collections,
        assets,
        tags: directory.tags,
        people: directory.people,
        aliases: directory.aliases,
        archive: attention.archive,
        diagnostics: attention.diagnostics,
    };
    (site, Retained { index, local })
}
