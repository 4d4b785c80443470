//! What search knows about a document.
//!
//! Input: the [`Site`]. Output: one [`SearchDoc`] per document, in site order (its `ord`):
//! plain text per field (title, headings, the decision section, body, tags, people), filter terms
//! (`kind:adr`, `status:accepted`, `tag:db`), a kind/status boost, a short excerpt (a TL;DR, else
//! the decision's first sentence, else the first paragraph) and a content hash that decides
//! whether the index must re-read it.

use crate::model::{Doc, Site};
use crate::vocab::{DocKind, Status};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

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
    /// Every heading's text.
    pub headings: String,
    /// The decision / outcome / resolution section.
    pub decision: String,
    /// The whole body as plain text.
    pub body: String,
    /// Tags, space-separated.
    pub tags_text: String,
    /// People, space-separated.
    pub people: String,
    /// Filter terms.
    pub filters: Vec<String>,
    /// Kind and status boost: accepted decisions first, rejected and superseded lower.
    pub boost: f32,
    /// Hash of everything above; a change re-indexes the document.
    pub hash: u64,
}

/// Who a hit is by, for results: a standup's people, else the first of deciders, authors and
/// owner that names anyone; three at most.
pub fn attribution(doc: &Doc) -> Vec<String> {
    use crate::vocab::Role;
    let roles: &[Role] = if doc.kind == DocKind::Standup {
        &[Role::Author, Role::Owner]
    } else {
        &[Role::Decider, Role::Author, Role::Owner]
    };
    let names: Vec<String> = roles
        .iter()
        .map(|r| doc.people_in(*r).map(str::to_string).collect::<Vec<_>>())
        .find(|p| !p.is_empty())
        .unwrap_or_default();
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

/// Headings that introduce the decision itself.
const DECISION_HEADINGS: &[&str] =
    &["decision", "decision outcome", "resolution", "outcome", "decisions", "the decision", "conclusion", "decided"];
/// Headings that introduce a summary written for readers in a hurry.
const SUMMARY_HEADINGS: &[&str] = &["tl;dr", "tldr", "summary", "abstract"];

/// The kind and status boost.
pub fn boost(kind: DocKind, status: Option<Status>) -> f32 {
    let by_status = match status {
        Some(s) if s.is_in_force() => 1.3,
        Some(Status::Proposed | Status::Draft) | None => 1.0,
        Some(Status::Postponed) => 0.9,
        Some(Status::Deprecated | Status::Superseded | Status::Archived) => 0.6,
        Some(Status::Rejected | Status::Withdrawn) => 0.5,
        Some(_) => 1.0,
    };
    let by_kind = match kind {
        DocKind::Adr | DocKind::Rfc => 1.0,
        DocKind::Handbook => 0.9,
        DocKind::Standup => 0.7,
    };
    by_status * by_kind
}

/// The current successor of a document: follows `superseded-by` links to the end of the chain.
fn current_successor<'a>(site: &'a Site, doc: &Doc) -> Option<&'a Doc> {
    let mut current = site.docs.get(doc.successor()?)?;
    for _ in 0..32 {
        match current.successor().and_then(|id| site.docs.get(id)) {
            Some(next) if next.id != doc.id => current = next,
            _ => break,
        }
    }
    Some(current)
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
    let text = extract(&doc.text[doc.body_start..]);
    let excerpt =
        text.summary.clone().or_else(|| first_sentence(&text.decision)).unwrap_or_else(|| text.first_paragraph.clone());
    truncate(&excerpt, 240)
}

fn document(site: &Site, doc: &Doc, ord: u32) -> SearchDoc {
    let text = extract(&doc.text[doc.body_start..]);
    let excerpt =
        text.summary.clone().or_else(|| first_sentence(&text.decision)).unwrap_or_else(|| text.first_paragraph.clone());
    let mut filters = vec![format!("kind:{}", doc.kind.as_str())];
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
        current_successor(site, doc).map(|s| Successor {
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
        people: attribution(doc),
        url: doc.id.page_path(),
        source: doc.source.clone(),
        excerpt: truncate(&excerpt, 240),
        successor,
    };
    let title = match &doc.display_id {
        Some(id) => format!("{id} {}", doc.title),
        None => doc.title.clone(),
    };
    let tags_text = doc.tags.join(" ");
    let people = doc.people.iter().map(|(_, p)| p.as_str()).collect::<Vec<_>>().join(" ");
    let boost = boost(doc.kind, doc.status);
    let hash = crate::text::stable_hash(&format!(
        "{}\u{0}{title}\u{0}{}\u{0}{}\u{0}{}\u{0}{tags_text}\u{0}{people}\u{0}{}\u{0}{boost}",
        doc.id,
        text.headings,
        text.decision,
        text.body,
        filters.join(" ")
    ));
    SearchDoc {
        ord,
        id: doc.id.0.clone(),
        meta,
        title,
        headings: text.headings,
        decision: text.decision,
        body: text.body,
        tags_text,
        people,
        filters,
        boost,
        hash,
    }
}

/// Plain text of a Markdown body, split the ways search needs it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// All heading texts.
    pub headings: String,
    /// Text under decision headings.
    pub decision: String,
    /// All text.
    pub body: String,
    /// The first paragraph.
    pub first_paragraph: String,
    /// The first paragraph under a TL;DR or summary heading.
    pub summary: Option<String>,
}

/// Extracts plain text from Markdown.
pub fn extract(markdown: &str) -> Extracted {
    let mut out = Extracted::default();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut section: Option<(HeadingLevel, bool, bool)> = None; // (level, is decision, is summary)
    let mut paragraph: Option<String> = None;
    let mut in_code = false;
    for event in Parser::new_ext(markdown, crate::text::markdown_options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    let lower = text.trim().trim_end_matches(':').to_lowercase();
                    out.headings.push_str(&text);
                    out.headings.push('\n');
                    // A decision or summary section lasts until a heading of the same or a higher
                    // level; its subsections belong to it.
                    let inside = section.is_some_and(|(l, _, _)| level > l);
                    if !inside {
                        let decision = DECISION_HEADINGS.contains(&lower.as_str());
                        let summary = SUMMARY_HEADINGS.contains(&lower.as_str());
                        section = (decision || summary).then_some((level, decision, summary));
                    }
                    out.body.push_str(&text);
                    out.body.push('\n');
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Paragraph) => paragraph = Some(String::new()),
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = paragraph.take() {
                    let p = p.trim().to_string();
                    if out.first_paragraph.is_empty() && p.chars().count() > 20 && !p.contains(": ") {
                        out.first_paragraph = p.clone();
                    }
                    if let Some((_, _, true)) = section
                        && out.summary.is_none()
                        && !p.is_empty()
                    {
                        out.summary = Some(p);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                    continue;
                }
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(&t);
                }
                if let Some((_, true, _)) = section {
                    out.decision.push_str(&t);
                    out.decision.push(' ');
                }
                if !in_code || t.len() < 2000 {
                    out.body.push_str(&t);
                    out.body.push(' ');
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = paragraph.as_mut() {
                    p.push(' ');
                }
                out.body.push(' ');
            }
            Event::End(TagEnd::Item) => {
                if let Some((_, true, _)) = section {
                    out.decision.push('\n');
                }
            }
            _ => {}
        }
    }
    if out.first_paragraph.is_empty() {
        out.first_paragraph = out.body.split_whitespace().take(40).collect::<Vec<_>>().join(" ");
    }
    out
}

fn first_sentence(text: &str) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return None;
    }
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    Some(text[..end].to_string())
}

fn truncate(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_sections_and_summaries() {
        let e = extract(
            "# Title\n\nIntro line that is long enough to count.\n\n## Context\n\nWhy.\n\n## Decision Outcome\n\nChosen option: \"PostgreSQL\", because JSONB. More text.\n\n### Consequences\n\n* Good.\n\n## Links\n\nunrelated\n",
        );
        assert!(e.decision.contains("Chosen option"));
        assert!(e.decision.contains("Good"), "subsections belong to the decision");
        assert!(!e.decision.contains("unrelated"), "a sibling section ends it");
        assert_eq!(e.first_paragraph, "Intro line that is long enough to count.");
        assert!(e.headings.contains("Decision Outcome"));
        let e = extract("## TL;DR\n\nWe use Kafka.\n\n## Detail\n\nMore.\n");
        assert_eq!(e.summary.as_deref(), Some("We use Kafka."));
    }

    #[test]
    fn boosts_rank_accepted_first() {
        assert!(boost(DocKind::Adr, Some(Status::Accepted)) > boost(DocKind::Adr, Some(Status::Proposed)));
        assert!(boost(DocKind::Adr, Some(Status::Proposed)) > boost(DocKind::Adr, Some(Status::Superseded)));
        assert!(boost(DocKind::Adr, Some(Status::Superseded)) > boost(DocKind::Adr, Some(Status::Rejected)));
    }
}
