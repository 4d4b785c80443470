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

use super::{Local, Retained, identify, resolve};
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
    if old.collection != src.collection || old.kind == DocKind::Standup {
        return None;
    }
    let id = old.id.clone();
    let mut diagnostics = read;
    let (doc, parsed) =
        identify::identify(&src, &site.collections[src.collection], config, id.0.clone(), &mut diagnostics);
    let mut one = [(doc, src, parsed)];
    let resolved = resolve::resolve(&mut one, &site.collections, &retained.index).pop()?;
    let [(mut doc, _, _)] = one;
    diagnostics.extend(resolved.problems.into_iter().map(|p| p.diagnostic));
    let local = Local { diagnostics, edges: resolved.edges, refs: resolved.refs, assets: resolved.assets };
    if retained.local.get(&id) != Some(&local) || outward(&doc) != outward(old) {
        return None;
    }
    doc.relations = old.relations.clone();
    doc.backlinks = old.backlinks.clone();
    doc.git = old.git.clone();
    let policy = config.policy();
    if attention::evaluate(&doc, &site.docs, today, &policy) != attention::evaluate(old, &site.docs, today, &policy) {
        return None;
    }
    doc.findings = old.findings.clone();
    let excerpt_changed = doc.outline.excerpt != old.outline.excerpt;
    site.docs.insert(id.clone(), doc);
    Some(Patched { id, excerpt_changed })
}

/// Everything of a document that other pages, lists, the graph or the rules read.
fn outward(d: &Doc) -> impl PartialEq + '_ {
    let links_out: Vec<&crate::vocab::DocId> = d
        .links
        .values()
        .filter_map(|t| match t {
            crate::model::LinkTarget::Doc(id, _) => Some(id),
            _ => None,
        })
        .collect();
    (
        links_out,
        (d.kind, d.collection, &d.number, &d.display_id, &d.title, d.status, &d.status_label, d.status_line),
        (d.date, &d.date_raw, &d.people, &d.tags, &d.info, &d.dates, &d.notes, &d.unresolved_successor, d.oversize),
    )
}
