//! What a published site offers besides its pages: Atom feeds of new and changed decisions,
//! embeddable SVG status badges and `llms.txt`.
//!
//! Input: the [`Site`] and the render options (base URL, today). Output: views rendered through
//! the theme's `feed.xml`, `badge.svg` and `llms.txt` templates, as `(path, text)` pairs for the
//! output sink. Every list is sorted, so the same site gives byte-identical files.

use crate::model::{Doc, Site};
use crate::render::context::RenderOptions;
use crate::render::theme::Theme;
use crate::vocab::Route;
use crate::vocab::Status;
use serde::Serialize;

/// How many entries a feed keeps: enough for a reader that polls weekly, small enough to fetch.
const FEED_ENTRIES: usize = 50;

/// An Atom feed.
#[derive(Debug, Serialize)]
pub struct Feed {
    /// Feed title.
    pub title: String,
    /// A permanent id: the feed's URL when the site has a base URL, else a `urn:`.
    pub id: String,
    /// Link to the feed itself (absolute when the base URL is known, else relative to it).
    pub self_href: String,
    /// Link to the page the feed follows.
    pub alternate: String,
    /// Newest entry's update time (RFC 3339), or today's midnight when there are none.
    pub updated: String,
    /// Who publishes it: the site title.
    pub author: String,
    /// adrsite's version, for `<generator>`.
    pub version: &'static str,
    /// Entries, newest first.
    pub entries: Vec<FeedEntry>,
}

/// One document in a feed.
#[derive(Debug, Serialize)]
pub struct FeedEntry {
    /// `ADR-0005: Use PostgreSQL`.
    pub title: String,
    /// Permanent id.
    pub id: String,
    /// Link to the page.
    pub href: String,
    /// When it last changed (git), else its own date; RFC 3339.
    pub updated: String,
    /// Its own date, when it has one; RFC 3339.
    pub published: Option<String>,
    /// The excerpt search shows.
    pub summary: String,
    /// Status, as a category.
    pub status: Option<&'static str>,
    /// Status label.
    pub status_label: Option<&'static str>,
    /// Deciders, authors or owners.
    pub authors: Vec<String>,
}

/// An SVG badge: a grey label and a coloured message, shields.io's flat style.
#[derive(Debug, Serialize)]
pub struct BadgeSvg {
    /// Left text.
    pub label: String,
    /// Right text.
    pub message: String,
    /// Fill of the right part.
    pub color: &'static str,
    /// Width of the left part in pixels.
    pub label_width: u32,
    /// Width of the right part.
    pub message_width: u32,
    /// Total width.
    pub width: u32,
    /// Centre of the left text.
    pub label_x: f32,
    /// Centre of the right text.
    pub message_x: f32,
}

impl BadgeSvg {
    /// A badge; widths come from the text at Verdana 11px, as shields.io sizes them.
    pub fn new(label: &str, message: &str, color: &'static str) -> BadgeSvg {
        let pad = 10;
        let label_width = text_width(label) + pad;
        let message_width = text_width(message) + pad;
        BadgeSvg {
            label: label.to_string(),
            message: message.to_string(),
            color,
            label_width,
            message_width,
            width: label_width + message_width,
            label_x: label_width as f32 / 2.0,
            message_x: label_width as f32 + message_width as f32 / 2.0,
        }
    }
}

/// Approximate width of `text` in Verdana 11px, rounded up: narrow letters, wide capitals and
/// digits differ by more than 2×, so one average would clip or pad long labels.
fn text_width(text: &str) -> u32 {
    let px: f32 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '\'' | '.' | ',' | ':' | ';' | '|' | '!' => 3.5,
            'f' | 't' | 'r' | 'I' | ' ' | '(' | ')' | '[' | ']' | '/' | '-' => 4.6,
            'm' | 'w' => 10.0,
            'M' | 'W' => 11.5,
            'A'..='Z' => 7.6,
            '0'..='9' => 7.0,
            'a'..='z' => 6.6,
            '·' => 4.0,
            _ => 8.0,
        })
        .sum();
    px.ceil() as u32
}

/// The colour of a status badge: green in force, blue under discussion, orange retired, red
/// decided against, grey otherwise. Each keeps white text above 4.5:1 contrast.
pub fn status_color(status: Option<Status>) -> &'static str {
    match status {
        Some(s) if s.is_in_force() => "#2e7d32",
        Some(Status::Proposed) => "#0969da",
        Some(Status::Deprecated | Status::Superseded) => "#b35c00",
        Some(Status::Rejected | Status::Withdrawn) => "#c62828",
        _ => "#57606a",
    }
}

/// Whether a document gets a status badge: every ADR and RFC, and other pages that state a
/// status.
pub fn has_badge(doc: &Doc) -> bool {
    doc.kind.is_decision() || doc.status.is_some()
}

/// The label of a document's badge: its id (`ADR-0005`), else its kind.
fn badge_label(doc: &Doc) -> String {
    doc.display_id.clone().unwrap_or_else(|| doc.kind.label().to_string())
}

/// Every badge file: one with counts per collection and, when the site's base URL is known, one
/// per document that has a status. A document's badge is only ever used from another page (a
/// README embeds it by absolute URL, offered on the document's page when the URL is known), so
/// without a base URL nothing could link to it and thousands of files would be written for
/// nothing.
pub fn badges(site: &Site, theme: &Theme, opts: &RenderOptions) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for doc in site.docs.values().filter(|d| opts.base_url.is_some() && has_badge(d)) {
        let message = doc.status.map_or("no status", |s| s.as_str());
        let svg = theme.render("badge.svg", &BadgeSvg::new(&badge_label(doc), message, status_color(doc.status)))?;
        out.push((Route::DocBadge(&doc.id).path(), svg));
    }
    for (i, col) in site.collections.iter().enumerate() {
        let docs: Vec<&Doc> = site.docs.values().filter(|d| d.collection == i).collect();
        if docs.is_empty() {
            continue;
        }
        let open = docs.iter().filter(|d| matches!(d.status, Some(Status::Proposed | Status::Draft))).count();
        let message = if open > 0 { format!("{} · {open} open", docs.len()) } else { docs.len().to_string() };
        let svg = theme.render("badge.svg", &BadgeSvg::new(&col.name, &message, "#0969da"))?;
        out.push((Route::CollectionBadge(&col.slug).path(), svg));
    }
    Ok(out)
}

/// When a document last changed: git's last commit, else its own date.
fn updated(doc: &Doc) -> Option<jiff::civil::Date> {
    match (doc.git.as_ref().map(|g| g.changed), doc.date) {
        (Some(g), Some(d)) => Some(g.max(d)),
        (g, d) => g.or(d),
    }
}

pub(crate) fn rfc3339(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00Z")
}

/// `prefix` + `path` when the base URL is known (absolute), else `path` relative to the folder
/// the file sits in (`depth` levels below the root).
pub(crate) fn url(opts: &RenderOptions, depth: usize, path: &str) -> String {
    match &opts.base_url {
        Some(base) => format!("{base}/{path}"),
        None => format!("{}{path}", "../".repeat(depth)),
    }
}

/// The feeds: `feed.xml` with the decisions of every collection, and `<slug>/feed.xml` per
/// collection.
pub fn feeds(site: &Site, theme: &Theme, opts: &RenderOptions) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let all = feed(site, opts, &Route::Feed.path(), &opts.site_title, &Route::Home.path(), |d| d.kind.is_decision());
    out.push((Route::Feed.path(), theme.render("feed.xml", &all)?));
    for (i, col) in site.collections.iter().enumerate() {
        if !site.docs.values().any(|d| d.collection == i) {
            continue;
        }
        let path = Route::CollectionFeed(&col.slug).path();
        let title = format!("{} · {}", col.name, opts.site_title);
        let f = feed(site, opts, &path, &title, &Route::Section(&col.slug).path(), |d| d.collection == i);
        out.push((path, theme.render("feed.xml", &f)?));
    }
    Ok(out)
}

/// A permanent id for a page: its URL when the site has a base URL, else a `urn:` built from the
/// site title and the page path, which stays the same from build to build.
pub(crate) fn permanent_id(opts: &RenderOptions, page_path: &str) -> String {
    match &opts.base_url {
        Some(base) => format!("{base}/{page_path}"),
        None => format!("urn:adrsite:{}:{page_path}", crate::text::slugify(&opts.site_title)),
    }
}

fn feed(site: &Site, opts: &RenderOptions, path: &str, title: &str, page: &str, keep: impl Fn(&Doc) -> bool) -> Feed {
    let depth = path.matches('/').count();
    let mut docs: Vec<(jiff::civil::Date, &Doc)> =
        site.docs.values().filter(|d| keep(d)).filter_map(|d| Some((updated(d)?, d))).collect();
    docs.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    docs.truncate(FEED_ENTRIES);
    let id_of = |page_path: &str| permanent_id(opts, page_path);
    let entries = docs
        .iter()
        .map(|(date, doc)| {
            let page_path = doc.id.page_path();
            FeedEntry {
                title: match &doc.display_id {
                    Some(id) => format!("{id}: {}", doc.title),
                    None => doc.title.clone(),
                },
                id: id_of(&page_path),
                href: url(opts, depth, &page_path),
                updated: rfc3339(*date),
                published: doc.date.map(rfc3339),
                summary: crate::search::document::excerpt(doc),
                status: doc.status.map(Status::as_str),
                status_label: doc.status.map(Status::label),
                authors: crate::search::document::attribution(doc, site.names),
            }
        })
        .collect::<Vec<_>>();
    Feed {
        title: title.to_string(),
        id: id_of(path),
        self_href: url(opts, depth, path),
        alternate: url(opts, depth, page),
        updated: entries.first().map_or_else(|| rfc3339(opts.today), |e| e.updated.clone()),
        author: opts.site_title.clone(),
        version: env!("CARGO_PKG_VERSION"),
        entries,
    }
}

/// `llms.txt` (llmstxt.org): the decisions in force per collection, then what is under
/// discussion, so that a tool or assistant reads current decisions first and never mistakes a
/// superseded one for policy.
#[derive(Debug, Serialize)]
pub struct LlmsTxt {
    /// Site title.
    pub title: String,
    /// Sections of links.
    pub sections: Vec<LlmsSection>,
    /// Links to the JSON API and the search page.
    pub api: String,
    /// Search page URL.
    pub search: String,
    /// How many documents are in force.
    pub in_force: usize,
    /// How many are under discussion.
    pub open: usize,
}

/// One `##` section of `llms.txt`.
#[derive(Debug, Serialize)]
pub struct LlmsSection {
    /// Heading.
    pub heading: String,
    /// Links.
    pub items: Vec<LlmsItem>,
}

/// One link of `llms.txt`.
#[derive(Debug, Serialize)]
pub struct LlmsItem {
    /// Title with id.
    pub title: String,
    /// URL.
    pub url: String,
    /// `accepted, 2026-01-02: excerpt`.
    pub note: String,
}

/// Builds `llms.txt`.
pub fn llms_txt(site: &Site, theme: &Theme, opts: &RenderOptions) -> anyhow::Result<String> {
    let item = |doc: &Doc| {
        let mut note = doc.status.map_or("", Status::as_str).to_string();
        if let Some(date) = doc.date {
            note.push_str(&format!(", {date}"));
        }
        let excerpt = crate::search::document::excerpt(doc);
        if !excerpt.is_empty() {
            note.push_str(": ");
            note.push_str(&excerpt);
        }
        LlmsItem {
            title: match &doc.display_id {
                Some(id) => format!("{id}: {}", doc.title),
                None => doc.title.clone(),
            },
            url: url(opts, 0, &doc.id.page_path()),
            note,
        }
    };
    let mut sections = Vec::new();
    let (mut in_force, mut open) = (0, 0);
    for (i, col) in site.collections.iter().enumerate() {
        if !col.kind.is_decision() {
            continue;
        }
        let docs = site.docs.values().filter(|d| d.collection == i && d.status.is_some_and(Status::is_in_force));
        let items: Vec<LlmsItem> = docs.map(item).collect();
        in_force += items.len();
        if !items.is_empty() {
            sections.push(LlmsSection { heading: col.name.clone(), items });
        }
    }
    let discussed: Vec<LlmsItem> = site
        .docs
        .values()
        .filter(|d| d.kind.is_decision() && matches!(d.status, Some(Status::Proposed | Status::Draft)))
        .map(item)
        .collect();
    open += discussed.len();
    if !discussed.is_empty() {
        sections.push(LlmsSection { heading: "Under discussion (not decided)".into(), items: discussed });
    }
    let view = LlmsTxt {
        title: opts.site_title.clone(),
        sections,
        api: url(opts, 0, &Route::Api("docs").path()),
        search: url(opts, 0, &Route::Section(crate::vocab::route::SEARCH).path()),
        in_force,
        open,
    };
    theme.render("llms.txt", &view)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_text_makes_wider_badges() {
        let narrow = BadgeSvg::new("ADR-1", "ok", "#000");
        let wide = BadgeSvg::new("ADR-0005", "superseded", "#000");
        assert!(wide.width > narrow.width);
        assert_eq!(wide.width, wide.label_width + wide.message_width);
        assert!((wide.message_x - (wide.label_width as f32 + wide.message_width as f32 / 2.0)).abs() < 0.01);
    }

    #[test]
    fn colours_follow_the_status() {
        assert_eq!(status_color(Some(Status::Accepted)), status_color(Some(Status::Implemented)));
        assert_ne!(status_color(Some(Status::Accepted)), status_color(Some(Status::Superseded)));
        assert_ne!(status_color(Some(Status::Rejected)), status_color(Some(Status::Proposed)));
    }
}
