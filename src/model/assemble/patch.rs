//! Assembling one edited document alone (`serve`), when the edit stays inside it.
//!
//! Input: the assembled [`Site`] and what its assembly [retained](super::Retained), the document
//! read again, and the diagnostics of reading it. Output: the site with that document replaced,
//! or `None` when the edit reaches other pages — its title, status, dates, people, tags, number,
//! relations, references, linked files, diagnostics or findings changed, it is a standup (the
//! archive reads every standup) or it moved collection — and a full assemble is needed. Running
//! the document's own passes (identify, resolve, its attention rules) and comparing what they
//! found with what the full assembly found for it is what makes the shortcut safe: when all of it
//! is equal, no other document, list or diagnostic can differ.

use super::{Linked, Links, Local, Retained, identify, make_doc, resolve};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::SourceDoc;
use crate::model::attention;
use crate::model::site::{Doc, Site};
use crate::vocab::{DocId, DocKind};
use jiff::civil::Date;

/// What a patch changed.
#[derive(Debug)]
pub struct Patched {
    /// The document replaced.
    pub id: DocId,
    /// Whether its excerpt changed (feeds and `llms.txt` show it).
    pub excerpt_changed: bool,
}

/// Replaces the document read from `src` in `site`; see the module documentation.
pub fn patch(
    site: &mut Site,
    retained: &Retained,
    src: SourceDoc,
    read: Vec<Diagnostic>,
    config: &Config,
    today: Date,
) -> Option<Patched> {
    let old = site.docs.values().find(|d| d.source == src.source)?;
    if old.collection != src.collection
        || old.kind == DocKind::Standup
        || !src.index_rows.is_empty()
        || retained.index_sources.contains(&src.source)
    {
        return None;
    }
    let id = old.id.clone();
    let mut diagnostics = read;
    let (doc, parsed) =
        identify::identify(&src, &site.collections[src.collection], config, id.0.clone(), &mut diagnostics);
    let one = [(doc, src, parsed)];
    let resolved = resolve::resolve(&one, &retained.index).pop()?;
    let [(doc, _, _)] = one;
    diagnostics.extend(resolved.problems.into_iter().map(|p| p.diagnostic));
    let local = Local { diagnostics, edges: resolved.edges, refs: resolved.refs, assets: resolved.assets };
    if retained.local.get(&id) != Some(&local) {
        return None;
    }
    // What other documents, git and the rules said of it is unchanged when everything checked
    // here is.
    let links = Links {
        links: resolved.links,
        mentions: resolved.mentions,
        unresolved_successor: resolved.unresolved_successor,
    };
    let linked = Linked {
        relations: old.relations.clone(),
        backlinks: old.backlinks.clone(),
        git: old.git.clone(),
        history: old.history.clone(),
        findings: old.findings.clone(),
    };
    let doc = make_doc(doc, links, linked);
    let policy = config.policy();
    if outward(&doc) != outward(old)
        || attention::evaluate(&doc, &site.docs, today, &policy) != attention::evaluate(old, &site.docs, today, &policy)
    {
        return None;
    }
    let excerpt_changed = doc.outline.excerpt != old.outline.excerpt;
    site.docs.insert(id.clone(), doc);
    Some(Patched { id, excerpt_changed })
}

/// Everything of a document that other pages, lists, the graph or the rules read. Every field is
/// named (no `..`), so a new field of `Doc` does not compile until it is placed.
fn outward(d: &Doc) -> impl PartialEq + '_ {
    let Doc {
        // Identity: the same document.
        id: _,
        source: _,
        // Shown on its own page only, which a patch renders.
        text: _,
        body_start: _,
        title_range: _,
        outline: _,
        // Compared through what resolving found (`Local`), or carried over from the assembly.
        mentions: _,
        relations: _,
        backlinks: _,
        git: _,
        history: _,
        findings: _,
        links,
        collection,
        kind,
        number,
        display_id,
        title,
        status,
        status_label,
        status_line,
        date,
        date_raw,
        people,
        tags,
        info,
        dates,
        unresolved_successor,
        oversize,
        notes,
    } = d;
    // The links to other documents are in `api/docs.json`.
    let links_out: Vec<&crate::vocab::DocId> = links
        .values()
        .filter_map(|t| match t {
            crate::model::LinkTarget::Doc(id, _) => Some(id),
            _ => None,
        })
        .collect();
    (
        links_out,
        (kind, collection, number, display_id, title, status, status_label, status_line),
        (date, date_raw, people, tags, info, dates, notes, unresolved_successor, oversize),
    )
}
