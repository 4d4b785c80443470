//! The assemble stage: source documents become a [`Site`], in passes.
//!
//! Input: the load stage's [`Loaded`], the config, the git history and `today`. Output: a
//! [`Site`] whose documents (keyed by [`DocId`], so iteration order is deterministic) carry a
//! normalised status, date, number and title; links resolved to pages, assets or `broken-link`
//! problems; relations shown on both sides; backlinks from every kind; git dates; and findings.
//!
//! ```text
//! identify  (ids, numbers, titles, statuses, dates)      -> Identified per source [parallel]
//! index     (paths, ids, stems; duplicate ids)           -> Index
//! resolve   (links, mentions, declared relations)        -> Resolved per doc      [parallel]
//! history   (statuses commits set, supersessions)        -> Steps per decision    [parallel]
//! graph     (relations on both sides, backlinks)         -> Graph
//!           each Doc is made once from these (`make_doc`), git dates included
//! people    (tags, people, aliases)                      -> Directory
//! attention (rules, archive, problems -> findings)       -> Attention: each Doc's findings
//! ```
//!
//! Every pass returns a value; no pass fills in a document made earlier.

mod findings;
mod graph;
mod history;
mod identify;
mod index;
mod index_status;
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
use crate::model::site::{Doc, Names, Site};
use crate::vocab::DocId;
use identify::Identified;
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
    /// Documents with status index tables: an edit of one can change other documents' statuses.
    index_sources: BTreeSet<String>,
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

/// Where a document's references go, from the resolve pass.
struct Links {
    links: BTreeMap<String, crate::model::LinkTarget>,
    mentions: BTreeMap<String, DocId>,
    unresolved_successor: Option<String>,
}

/// What other documents, git and the rules say of a document.
struct Linked {
    relations: Vec<crate::vocab::Relation>,
    backlinks: Vec<DocId>,
    git: Option<crate::load::git::FileHistory>,
    history: Vec<crate::model::history::Step>,
    findings: Vec<crate::model::attention::Finding>,
}

/// The one place a [`Doc`] is made, from what every pass found for it.
fn make_doc(i: Identified, links: Links, linked: Linked) -> Doc {
    Doc {
        id: i.id,
        source: i.source,
        collection: i.collection,
        kind: i.kind,
        number: i.number,
        display_id: i.display_id,
        title: i.title,
        status: i.status,
        status_label: i.status_label,
        status_line: i.status_line,
        date: i.date,
        date_raw: i.date_raw,
        people: i.people,
        tags: i.tags,
        info: i.info,
        dates: i.dates,
        text: i.text,
        body_start: i.body_start,
        title_range: i.title_range,
        outline: i.outline,
        oversize: i.oversize,
        notes: i.notes,
        links: links.links,
        mentions: links.mentions,
        unresolved_successor: links.unresolved_successor,
        relations: linked.relations,
        backlinks: linked.backlinks,
        git: linked.git,
        history: linked.history,
        findings: linked.findings,
    }
}

/// Builds the site model from loaded sources, git history and `today`.
pub fn assemble(loaded: Loaded, config: &Config, git: &GitHistory, today: Date) -> Site {
    assemble_retained(loaded, config, git, today).0
}

/// [`assemble`], also returning what [`patch`] needs.
pub fn assemble_retained(loaded: Loaded, config: &Config, git: &GitHistory, today: Date) -> (Site, Retained) {
    let Loaded { docs: sources, collections, files, diagnostics, skipped, placements, repo_prefix, mounts } = loaded;
    let mut problems = Vec::new();
    let mut read_diagnostics: std::collections::HashMap<&str, Vec<Diagnostic>> = Default::default();
    for d in &diagnostics {
        read_diagnostics.entry(d.path.as_str()).or_default().push(d.clone());
    }
    let mut local: std::collections::HashMap<DocId, Local> = Default::default();

    let ids = identify::allocate_ids(&sources, &collections);
    let identified: Vec<(Identified, SourceDoc, Option<ParsedStatus>, Vec<Diagnostic>)> = sources
        .into_par_iter()
        .zip(ids)
        .map(|(src, id)| {
            let mut diags = Vec::new();
            let (doc, parsed) = identify::identify(&src, &collections[src.collection], config, id, &mut diags);
            (doc, src, parsed, diags)
        })
        .collect();
    let mut docs: Vec<(Identified, SourceDoc, Option<ParsedStatus>)> = Vec::with_capacity(identified.len());
    for (doc, src, parsed, diags) in identified {
        let mut own = read_diagnostics.remove(src.source.as_str()).unwrap_or_default();
        own.extend(diags.iter().cloned());
        local.insert(doc.id.clone(), Local { diagnostics: own, ..Local::default() });
        problems.extend(diags.into_iter().map(|diagnostic| Problem { doc: Some(doc.id.clone()), diagnostic }));
        docs.push((doc, src, parsed));
    }
    drop(read_diagnostics);

    let index_sources: BTreeSet<String> =
        docs.iter().filter(|(_, src, _)| !src.index_rows.is_empty()).map(|(d, ..)| d.source.clone()).collect();
    let slugs: Vec<&str> = collections.iter().map(|c| c.slug.as_str()).collect();
    let (index, duplicates) = index::index_of(&docs, files, repo_prefix, config.repository.is_some(), mounts, &slugs);
    problems.extend(duplicates);
    index_status::apply(&mut docs, &index, config);

    let mut histories = history::histories(&docs, &index, git, config);
    let mut assets = BTreeSet::new();
    let mut edges = Vec::new();
    let mut refs = Vec::new();
    let resolved = resolve::resolve(&docs, &index);
    let mut parts = Vec::with_capacity(docs.len());
    for (r, (doc, _, _)) in resolved.into_iter().zip(docs) {
        if let Some(own) = local.get_mut(&doc.id) {
            own.diagnostics.extend(r.problems.iter().map(|p| p.diagnostic.clone()));
            (own.edges, own.refs, own.assets) = (r.edges.clone(), r.refs.clone(), r.assets.clone());
        }
        // An oversized document's page links to its source, which the site then carries.
        if doc.oversize.is_some() {
            assets.insert(doc.source.clone());
        }
        assets.extend(r.assets);
        edges.extend(r.edges);
        refs.extend(r.refs);
        problems.extend(r.problems);
        parts.push((doc, Links { links: r.links, mentions: r.mentions, unresolved_successor: r.unresolved_successor }));
    }

    let mut graph = graph::graph(&edges, refs);
    let ordered: Vec<Doc> = parts
        .into_iter()
        .map(|(doc, links)| {
            let (relations, backlinks) = graph.take(&doc.id);
            let git = git.file(&doc.source).cloned();
            let history = histories.remove(&doc.id).unwrap_or_default();
            make_doc(doc, links, Linked { relations, backlinks, git, history, findings: Vec::new() })
        })
        .collect();
    let names = if config.show_emails { Names::AsWritten } else { Names::Plain };
    let directory = people::directory(ordered.iter(), &config.people, names);
    let docs: BTreeMap<DocId, Doc> = ordered.into_iter().map(|d| (d.id.clone(), d)).collect();

    // The rules read complete documents; what they find is the last part of each.
    let mut attention = findings::attention(&docs, &directory, diagnostics, problems, git, config, today);
    let docs = docs
        .into_iter()
        .map(|(id, doc)| {
            let findings = attention.findings.remove(&id).unwrap_or_default();
            (id, Doc { findings, ..doc })
        })
        .collect();
    let site = Site {
        docs,
        collections,
        assets,
        tags: directory.tags,
        people: directory.people,
        aliases: directory.aliases,
        archive: attention.archive,
        diagnostics: attention.diagnostics,
        skipped,
        placements,
        names,
        mounts: index.paths.mounts.clone(),
    };
    (site, Retained { index, local, index_sources })
}
