//! Typed views: what templates see. Rust decides every fact (status, relations, counts, URLs);
//! templates only lay them out. Every `href` here is relative to the site root; templates prefix
//! it with `root` (`../` per folder level) so the output works at `/`, under a sub-path and from
//! disk.

use crate::model::{Doc, Site};
pub use crate::render::archive_view::*;
use crate::vocab::rule;
use crate::vocab::{DocKind, Status};
use serde::Serialize;

/// A status badge.
#[derive(Clone, Debug, Serialize)]
pub struct Badge {
    /// Normalised status (`accepted`), or `unknown` for an unrecognised label; used as CSS class.
    pub status: &'static str,
    /// The normalised label (`Accepted`), or the label as written when it is not recognised.
    pub label: String,
    /// The label as written, when it says more than the normalised one (`✅ Accepted`,
    /// `Implemented (Swift 5.9)`); shown as a tooltip.
    pub raw: Option<String>,
}

impl Badge {
    /// The badge of a document, if it states a status.
    pub fn of(doc: &Doc) -> Option<Badge> {
        match (doc.status, &doc.status_label) {
            (Some(s), label) => Some(Badge {
                status: s.as_str(),
                label: s.label().to_string(),
                raw: label.clone().filter(|l| !l.eq_ignore_ascii_case(s.label())),
            }),
            (None, Some(label)) => Some(Badge { status: "unknown", label: label.clone(), raw: None }),
            (None, None) => None,
        }
    }

    /// The badge for a status group.
    pub fn group(status: Status) -> Badge {
        Badge { status: status.as_str(), label: status.label().to_string(), raw: None }
    }
}

/// A link to a document, with what a list needs to show.
#[derive(Clone, Debug, Serialize)]
pub struct DocLink {
    /// Site-root-relative URL.
    pub href: String,
    /// Title.
    pub title: String,
    /// `ADR-0005`.
    pub display_id: Option<String>,
    /// Kind.
    pub kind: DocKind,
    /// Kind label.
    pub kind_label: &'static str,
    /// Status badge.
    pub badge: Option<Badge>,
    /// Date, ISO.
    pub date: Option<String>,
    /// Deciders, else authors, else owners.
    pub people: Vec<String>,
    /// Short labels of the attention findings on the document (`deadline passed`).
    pub flags: Vec<&'static str>,
    /// Its tags' slugs, for the filter of a large collection (empty elsewhere: see
    /// [`DocLink::with_tags`]).
    pub tags: Vec<String>,
}

impl DocLink {
    /// The link to `doc`.
    pub fn of(doc: &Doc, names: crate::model::site::Names) -> DocLink {
        let people: Vec<String> = doc.credited().into_iter().map(|p| names.show(p).to_string()).collect();
        DocLink {
            href: doc.id.page_path(),
            title: doc.title.clone(),
            display_id: doc.display_id.clone(),
            kind: doc.kind,
            kind_label: doc.kind.label(),
            badge: Badge::of(doc),
            date: doc.date.map(|d| d.to_string()).or_else(|| doc.date_raw.clone()),
            people,
            flags: doc.findings.iter().filter_map(|f| rule::flag(f.code)).collect(),
            tags: Vec::new(),
        }
    }

    /// The link with its tags' slugs, which a filter box reads.
    pub fn with_tags(doc: &Doc, names: crate::model::site::Names) -> DocLink {
        DocLink { tags: doc.tags.iter().map(|t| crate::text::slugify(t)).collect(), ..DocLink::of(doc, names) }
    }
}

/// An item of the site navigation.
#[derive(Clone, Debug, Serialize)]
pub struct NavLink {
    /// Site-root-relative URL.
    pub href: String,
    /// Label.
    pub label: String,
    /// Whether it is the current section.
    pub current: bool,
}

/// What every page's layout needs.
#[derive(Clone, Debug, Serialize)]
pub struct Layout {
    /// Site title.
    pub site_title: String,
    /// The page's title.
    pub page_title: String,
    /// `../` repeated per folder level of this page; empty at the root.
    pub root: String,
    /// Navigation.
    pub nav: Vec<NavLink>,
    /// Absolute URL of this page when `base_url` is set.
    pub canonical: Option<String>,
    /// The live-reload script URL, only under `serve`.
    pub live_reload: Option<String>,
    /// adrsite's version, for the footer.
    pub version: &'static str,
    /// Whether the page has a Mermaid diagram, so that only such pages load the library.
    pub mermaid: bool,
}

/// A labelled row of the metadata panel; items may link.
#[derive(Clone, Debug, Serialize)]
pub struct MetaRow {
    /// Label.
    pub label: String,
    /// Values.
    pub items: Vec<MetaItem>,
}

/// One value in the metadata panel.
#[derive(Clone, Debug, Serialize)]
pub struct MetaItem {
    /// Text.
    pub text: String,
    /// Site-root-relative link (people, tags).
    pub href: Option<String>,
    /// Absolute link (RFC PR).
    pub url: Option<String>,
}

/// The banner on retired documents.
#[derive(Clone, Debug, Serialize)]
pub struct Banner {
    /// `superseded`, `deprecated`, `rejected`, …
    pub status: &'static str,
    /// The sentence to show.
    pub message: String,
    /// The successor, when known.
    pub successor: Option<DocLink>,
    /// The successor as written, when it is not a document of the site.
    pub successor_text: Option<String>,
}

/// Documents related one way.
#[derive(Clone, Debug, Serialize)]
pub struct RelationGroup {
    /// `Supersedes`, `Amended by`, …
    pub label: &'static str,
    /// The documents.
    pub docs: Vec<DocLink>,
}

/// One step of a document's status history, as its page shows it.
#[derive(Clone, Debug, Serialize)]
pub struct HistoryStep {
    /// ISO date.
    pub date: String,
    /// Normalised status, for its colour.
    pub status: &'static str,
    /// The status as written, or its name when the successor is linked.
    pub label: String,
    /// The document that superseded it.
    pub by: Option<DocLink>,
    /// Whether only the successor said so.
    pub by_other: bool,
    /// The first step of a document older than its history (a log imported in one commit):
    /// the day git first saw it, not the day it took the status.
    pub first_seen: bool,
    /// The commit, abbreviated.
    pub commit: String,
    /// The commit's page on the forge, when the repository is known.
    pub commit_url: Option<String>,
}

/// A document page.
#[derive(Clone, Debug, Serialize)]
pub struct DocPage {
    /// Layout.
    pub layout: Layout,
    /// Id, also the page path without `.html`.
    pub id: String,
    /// Kind.
    pub kind: DocKind,
    /// Kind label.
    pub kind_label: &'static str,
    /// Normalised status for `data-status` (empty when none).
    pub status: &'static str,
    /// `ADR-0005`.
    pub display_id: Option<String>,
    /// Title.
    pub title: String,
    /// Badge.
    pub badge: Option<Badge>,
    /// The collection.
    pub collection: NavLink,
    /// Metadata rows.
    pub meta: Vec<MetaRow>,
    /// Retirement banner.
    pub banner: Option<Banner>,
    /// Rendered body HTML.
    pub body: String,
    /// Table of contents.
    pub toc: Vec<crate::render::markdown::TocEntry>,
    /// Relations.
    pub relations: Vec<RelationGroup>,
    /// Each status it has had, oldest first.
    pub history: Vec<HistoryStep>,
    /// What it supersedes, amends, relates to and cites, drawn.
    pub graph: Option<crate::render::graph::DocGraph>,
    /// Referenced by.
    pub backlinks: Vec<DocLink>,
    /// What needs attention on this document.
    pub notices: Vec<Notice>,
    /// Edit-on-GitHub URL.
    pub edit_url: Option<String>,
    /// In an organisation's site, the source the document comes from, and why its copy is not
    /// current when it is not.
    pub source_of: Option<SourceOf>,
    /// How to embed the document's status badge elsewhere.
    pub badge_embed: Option<BadgeEmbed>,
    /// Source path relative to the site directory.
    pub source: String,
    /// What a standup or meeting note says, for notes.
    pub notes: Option<NotesPanel>,
}

/// One attention finding on a document page.
#[derive(Clone, Debug, Serialize)]
pub struct Notice {
    /// The rule's code.
    pub code: &'static str,
    /// What is wrong, since when and who owns it.
    pub message: String,
}

/// A finding on the Needs-attention page.
#[derive(Clone, Debug, Serialize)]
pub struct AttentionItem {
    /// The document.
    pub doc: DocLink,
    /// The message.
    pub message: String,
}

/// Findings of one owner under a rule.
#[derive(Clone, Debug, Serialize)]
pub struct OwnerGroup {
    /// Owner, or "No owner named".
    pub owner: String,
    /// Findings.
    pub items: Vec<AttentionItem>,
}

/// Findings of one rule.
#[derive(Clone, Debug, Serialize)]
pub struct RuleGroup {
    /// The code.
    pub code: &'static str,
    /// Heading.
    pub title: &'static str,
    /// Number of findings.
    pub count: usize,
    /// By owner.
    pub owners: Vec<OwnerGroup>,
}

/// The Needs-attention page.
#[derive(Clone, Debug, Serialize)]
pub struct AttentionPage {
    /// Layout.
    pub layout: Layout,
    /// The date the rules were evaluated against.
    pub today: String,
    /// Total findings.
    pub total: usize,
    /// By rule.
    pub rules: Vec<RuleGroup>,
}

/// A rule's count on the dashboard.
#[derive(Clone, Debug, Serialize)]
pub struct RuleCount {
    /// The code (anchor on the attention page).
    pub code: &'static str,
    /// Heading.
    pub title: &'static str,
    /// Count.
    pub count: usize,
}

/// A group of documents on an index page.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// Heading.
    pub label: String,
    /// Anchor id.
    pub anchor: String,
    /// Badge for status groups.
    pub badge: Option<Badge>,
    /// Documents.
    pub docs: Vec<DocLink>,
}

/// A count with a label and a badge, for the dashboard.
#[derive(Clone, Debug, Serialize)]
pub struct StatusCount {
    /// Badge.
    pub badge: Badge,
    /// Count.
    pub count: usize,
}

/// A kind's numbers on the dashboard.
#[derive(Clone, Debug, Serialize)]
pub struct KindSummary {
    /// Kind label, plural.
    pub label: &'static str,
    /// Total.
    pub total: usize,
    /// Per status.
    pub statuses: Vec<StatusCount>,
}

/// A collection card on the dashboard.
#[derive(Clone, Debug, Serialize)]
pub struct CollectionCard {
    /// URL.
    pub href: String,
    /// Name.
    pub name: String,
    /// Kind label.
    pub kind_label: &'static str,
    /// Source folder.
    pub path: String,
    /// Number of documents.
    pub count: usize,
}

/// The home dashboard.
#[derive(Clone, Debug, Serialize)]
pub struct HomePage {
    /// Layout.
    pub layout: Layout,
    /// Per kind.
    pub kinds: Vec<KindSummary>,
    /// The latest decisions and RFCs.
    pub latest: Vec<DocLink>,
    /// Collections.
    pub collections: Vec<CollectionCard>,
    /// Total documents.
    pub total: usize,
    /// The opening line: how many documents, and what they record.
    pub lead: String,
    /// Findings per rule, for the "Needs attention" box.
    pub attention: Vec<RuleCount>,
    /// Total findings.
    pub attention_total: usize,
    /// The standup archive's numbers, when the site has standups.
    pub standups: Option<StandupSummary>,
    /// In an organisation's site, a card per source.
    pub sources: Vec<SourceCard>,
    /// Whether the site has a weekly digest (a decision or proposal with a day).
    pub has_digest: bool,
}

/// The Sources page of an organisation's site.
#[derive(Clone, Debug, Serialize)]
pub struct SourcesPage {
    /// Layout.
    pub layout: Layout,
    /// A card per source.
    pub sources: Vec<SourceCard>,
}

/// A source of an organisation's site on the dashboard.
#[derive(Clone, Debug, Serialize)]
pub struct SourceCard {
    /// The source's name.
    pub name: String,
    /// Its repository's web URL.
    pub repository: Option<String>,
    /// Why its copy is not current, when it is not.
    pub stale: Option<String>,
    /// The commit read, shortened.
    pub commit: Option<String>,
    /// Its documents.
    pub total: usize,
    /// Its decisions and proposals per status.
    pub statuses: Vec<StatusCount>,
    /// Its findings.
    pub attention: usize,
    /// Its collections.
    pub collections: Vec<CollectionCard>,
}

/// The standup box on the dashboard.
#[derive(Clone, Debug, Serialize)]
pub struct StandupSummary {
    /// Open blockers.
    pub open_blockers: usize,
    /// Overdue action items.
    pub overdue: usize,
    /// Open action items, overdue included.
    pub open_actions: usize,
    /// The latest week with notes.
    pub latest_week: Option<NavLink>,
}

/// A page listing groups of documents (timeline, a tag, a person).
#[derive(Clone, Debug, Serialize)]
pub struct ListPage {
    /// Layout.
    pub layout: Layout,
    /// Heading.
    pub heading: String,
    /// Groups.
    pub groups: Vec<Group>,
}

/// An entry of the tags or people index.
#[derive(Clone, Debug, Serialize)]
pub struct IndexEntry {
    /// URL.
    pub href: String,
    /// Name.
    pub name: String,
    /// Number of documents.
    pub count: usize,
}

/// The tags or people index.
#[derive(Clone, Debug, Serialize)]
pub struct IndexPage {
    /// Layout.
    pub layout: Layout,
    /// Heading.
    pub heading: String,
    /// Entries.
    pub entries: Vec<IndexEntry>,
}

/// A status badge to embed in a README.
#[derive(Clone, Debug, Serialize)]
pub struct BadgeEmbed {
    /// The SVG, relative to the page (for the preview).
    pub image: String,
    /// Markdown linking the badge to the page.
    pub markdown: String,
}

/// The sitemap.
#[derive(Clone, Debug, Serialize)]
pub struct Sitemap {
    /// Page URLs, absolute when `base_url` is set.
    pub urls: Vec<String>,
}

/// Counts per status group of `docs`, with the labels no status matches as "Other".
pub fn status_counts(docs: &[&Doc]) -> Vec<StatusCount> {
    let mut statuses: Vec<StatusCount> = Status::ALL
        .iter()
        .filter_map(|s| {
            let count = docs.iter().filter(|d| d.status == Some(*s)).count();
            (count > 0).then(|| StatusCount { badge: Badge::group(*s), count })
        })
        .collect();
    let unknown = docs.iter().filter(|d| d.status.is_none() && d.status_label.is_some()).count();
    if unknown > 0 {
        statuses
            .push(StatusCount { badge: Badge { status: "unknown", label: "Other".into(), raw: None }, count: unknown });
    }
    statuses
}

/// Counts per kind and status for the dashboard.
pub fn kind_summaries(site: &Site) -> Vec<KindSummary> {
    DocKind::ALL
        .iter()
        .filter_map(|kind| {
            let docs: Vec<&Doc> = site.docs.values().filter(|d| d.kind == *kind).collect();
            if docs.is_empty() {
                return None;
            }
            Some(KindSummary { label: kind.plural(), total: docs.len(), statuses: status_counts(&docs) })
        })
        .collect()
}

/// The home page's opening line, saying what the site holds: decisions, a handbook, notes.
pub fn home_lead(site: &Site) -> String {
    let has = |kind: DocKind| site.docs.values().any(|d| d.kind == kind);
    let what = if site.docs.values().any(|d| d.kind.is_decision()) {
        "what was decided, why, and what replaced it"
    } else {
        match (has(DocKind::Handbook), has(DocKind::Standup)) {
            (true, true) => "how the team works, and what was discussed when",
            (false, true) => "what was discussed, decided and given to whom, and when",
            _ => "how the team works",
        }
    };
    let n = site.docs.len();
    format!("{n} document{}: {what}.", if n == 1 { "" } else { "s" })
}

/// The source a document of an organisation's site comes from.
#[derive(Clone, Debug, Serialize)]
pub struct SourceOf {
    /// The source's name.
    pub name: String,
    /// Its repository's web URL.
    pub repository: Option<String>,
    /// Why the copy shown is not current (fetching failed), with the commit it is at.
    pub stale: Option<String>,
}
