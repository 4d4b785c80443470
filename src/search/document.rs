//! What search knows about a document.
//!
//! Input: the [`Site`]. Output: one [`SearchDoc`] per document, in site order (its `ord`):
//! plain text per field (title, and — from the outline the load stage read — headings, the
//! decision section and body; tags, people), filter terms (`kind:adr`, `status:accepted`,
//! `tag:db`), its kind and status class, the outline's excerpt and a content hash that decides whether
//! the index must re-read it. No body is parsed here.

use crate::load::outline::{ExcerptSource, Outline};
use crate::model::{Doc, Site};
use crate::search::intent::DocClass;
use crate::vocab::{DocKind, Status};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A document as search sees it.
#[derive(Clone, Debug)]
pub struct SearchDoc {
    /// Position in site order; the browser index refers to documents by it.
    pub ord: u32,
    /// Document id.
    pub id: String,
    /// What results show.
    pub meta: HitMeta,
    /// Title text.
    pub title: String,
    /// Headings, decision section and plain text, as the load stage read them.
    pub outline: Arc<Outline>,
    /// Tags, space-separated.
    pub tags_text: String,
    /// People, space-separated.
    pub people: String,
    /// Filter terms.
    pub filters: Vec<String>,
    /// Kind and status class: how much it weighs depends on the question (`intent.rs`).
    pub class: DocClass,
    /// Hash of everything above; a change re-indexes the document.
    pub hash: u64,
}

impl SearchDoc {
    /// Whether a hit on it shows the lead of the passage the question matched (when it is long
    /// enough to have passages) rather than its excerpt: when the excerpt is only its opening, and
    /// for meeting notes and handbook pages, which cover many topics, so that their summary says
    /// little about the one asked of. A decision's summary or decision sentence is the answer.
    pub fn shows_passages(&self) -> bool {
        self.outline.excerpt_from == ExcerptSource::Opening
            || matches!(self.meta.kind, DocKind::Standup | DocKind::Handbook)
    }
}

/// Who a hit is by, for results: a standup's people, else the first of deciders, authors and
/// owner that names anyone; three at most.
pub fn attribution(doc: &Doc, shown: crate::model::site::Names) -> Vec<String> {
    let names: Vec<String> = doc.credited().into_iter().map(|p| shown.show(p).to_string()).collect();
    let more = names.len().saturating_sub(3);
    let mut out: Vec<String> = names.into_iter().take(3).collect();
    if more > 0 {
        out.push(format!("+{more}"));
    }
    out
}

/// What a hit shows: the same fields in `adrsite search --json` and in the browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HitMeta {
    /// Title.
    pub title: String,
    /// `ADR-0005`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_id: Option<String>,
    /// Kind.
    pub kind: DocKind,
    /// Normalised status.
    pub status: Option<Status>,
    /// Date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Who: a standup's people, else the deciders, authors or owner (at most three).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    /// Page URL relative to the site root.
    pub url: String,
    /// Source path relative to the site directory.
    pub source: String,
    /// In an organisation's site, the source (repository) it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// A sentence or two.
    pub excerpt: String,
    /// The current successor of a superseded document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<Successor>,
}

/// The successor named on a superseded hit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Successor {
    /// Its title, with its id.
    pub title: String,
    /// Its page URL relative to the site root.
    pub url: String,
}

/// Every document of the site, in site order.
pub fn documents(site: &Site) -> Vec<SearchDoc> {
    use rayon::prelude::*;
    let docs: Vec<&Doc> = site.docs.values().collect();
    docs.par_iter().enumerate().map(|(ord, doc)| document(site, doc, ord as u32)).collect()
}

/// The short excerpt shown for a document in search hits and feeds: its TL;DR, else the first
/// sentence of its decision, else its first paragraph; at most 240 characters.
pub fn excerpt(doc: &Doc) -> String {
    doc.outline.excerpt.clone()
}

fn document(site: &Site, doc: &Doc, ord: u32) -> SearchDoc {
    let mut filters = vec![format!("kind:{}", doc.kind.as_str())];
    if let Some(ns) = &site.collections[doc.collection].namespace {
        filters.push(format!("source:{ns}"));
    }
    if let Some(s) = doc.status {
        filters.push(format!("status:{}", s.as_str()));
    }
    for t in &doc.tags {
        let slug = crate::text::slugify(t);
        if !slug.is_empty() {
            filters.push(format!("tag:{slug}"));
        }
    }
    filters.sort();
    filters.dedup();
    let successor = if doc.status == Some(Status::Superseded) {
        site.current_successor(doc).map(|s| Successor {
            title: match &s.display_id {
                Some(id) => format!("{id}: {}", s.title),
                None => s.title.clone(),
            },
            url: s.id.page_path(),
        })
    } else {
        None
    };
    let meta = HitMeta {
        title: doc.title.clone(),
        display_id: doc.display_id.clone(),
        kind: doc.kind,
        status: doc.status,
        date: doc.date.map(|d| d.to_string()),
        people: attribution(doc, site.names),
        url: doc.id.page_path(),
        source: doc.source.clone(),
        origin: site.collections[doc.collection].namespace.clone(),
        excerpt: doc.outline.excerpt.clone(),
        successor,
    };
    let title = match &doc.display_id {
        Some(id) => format!("{id} {}", doc.title),
        None => doc.title.clone(),
    };
    let tags_text = doc.tags.join(" ");
    let people = doc.people.iter().map(|(_, p)| p.as_str()).collect::<Vec<_>>().join(" ");
    let class = DocClass::of(doc.kind, doc.status);
    let hash = {
        use std::hash::{Hash, Hasher};
        let mut h = crate::text::StableHasher::default();
        let o = &doc.outline;
        (&doc.id.0, &title, &o.headings, &o.decision, &o.body, &o.sections, &tags_text, &people, &filters).hash(&mut h);
        class.0.hash(&mut h);
        h.finish()
    };
    SearchDoc {
        ord,
        id: doc.id.0.clone(),
        meta,
        title,
        outline: doc.outline.clone(),
        tags_text,
        people,
        filters,
        class,
        hash,
    }
}
