//! A document's page: its rendered body, metadata panel, banner, relations and backlinks.
//!
//! Input: one [`Doc`] of the [`Site`] and the render context. Output: the page's HTML and whether
//! it needs the diagram library.

use crate::model::links::relative_from;
use crate::model::site::{LinkTarget, mention_key};
use crate::model::{Doc, Site};
use crate::render::context::Ctx;
use crate::render::highlight::Highlighter;
use crate::render::markdown::{LinkRewriter, Rendered, Rewrite, render_markdown};
use crate::render::view::*;
use crate::text::escape_html;
use crate::vocab::{DocNumber, Role, Route, Status, rule};

/// The body of an oversized document's page: what happened, and a link to the source.
fn oversize_notice(page_path: &str, doc: &Doc, size: u64) -> Rendered {
    let href = relative_from(page_path, &Route::File(&doc.source).path());
    let html = format!(
        "<div class=\"notice notice-oversize\"><p>This document is {}, more than adrsite renders \
         (<code>max_file_size</code> in <code>adrsite.toml</code>), so it is not shown here.</p>\
         <p><a href=\"{}\">Read the source</a> ({})</p></div>\n",
        crate::text::format_size(size),
        escape_html(&href),
        escape_html(&doc.source),
    );
    Rendered { html, toc: Vec::new(), has_mermaid: false }
}

impl Ctx<'_> {
    /// A document's page, and whether it has a Mermaid diagram.
    pub(crate) fn doc_page(&self, doc: &Doc, highlighter: &Highlighter) -> anyhow::Result<(String, bool)> {
        let page_path = doc.id.page_path();
        let body = match doc.title_range {
            Some((start, end)) => format!("{}{}", &doc.text[doc.body_start..start], &doc.text[end..]),
            None => doc.text[doc.body_start..].to_string(),
        };
        let rendered = match doc.oversize {
            None => render_markdown(
                &body,
                &PageLinks { site: self.site, doc, page_path: &page_path, repo_base: self.opts.repo_base.as_deref() },
                highlighter,
                self.opts.raw_html,
            ),
            Some(size) => oversize_notice(&page_path, doc, size),
        };
        let col = &self.site.collections[doc.collection];

        let mut meta = Vec::new();
        if let Some(raw) = Badge::of(doc).and_then(|b| b.raw) {
            meta.push(MetaRow { label: "Status".into(), items: vec![MetaItem { text: raw, href: None, url: None }] });
        }
        if let Some(date) = doc.date.map(|d| d.to_string()).or_else(|| doc.date_raw.clone()) {
            meta.push(MetaRow { label: "Date".into(), items: vec![MetaItem { text: date, href: None, url: None }] });
        }
        for role in Role::ALL {
            let items: Vec<MetaItem> = doc
                .people_in(role)
                .map(|p| MetaItem {
                    text: self.site.names.show(p).to_string(),
                    href: self.site.person_slug(p).map(|slug| Route::Person(slug).path()),
                    url: None,
                })
                .collect();
            if !items.is_empty() {
                meta.push(MetaRow { label: role.label().into(), items });
            }
        }
        if let Some(g) = &doc.git {
            // Git knows when the file came into this repository, which is not when the document
            // was written: a log imported in one commit, or a folder moved, would date every
            // decision that day. It is shown as what it is, and only when the document's own
            // date does not contradict it; nothing is dated after the build's today.
            let today = self.opts.today;
            if g.created <= today && doc.date.is_none_or(|d| g.created <= d) {
                let text = g.created.to_string();
                let items = vec![MetaItem { text, href: None, url: None }];
                meta.push(MetaRow { label: "In this repository since".into(), items });
            }
            if g.changed <= today {
                let text = format!("{} by {}", g.changed, g.author);
                meta.push(MetaRow {
                    label: "Last changed".into(),
                    items: vec![MetaItem { text, href: None, url: None }],
                });
            }
        }
        for d in &doc.dates {
            let text = d.date.map(|x| x.to_string()).unwrap_or_else(|| d.raw.clone());
            meta.push(MetaRow { label: d.key.label().into(), items: vec![MetaItem { text, href: None, url: None }] });
        }
        for (label, value) in &doc.info {
            let url = first_url(doc, value);
            meta.push(MetaRow {
                label: (*label).into(),
                items: vec![MetaItem { text: value.clone(), href: None, url }],
            });
        }
        if !doc.tags.is_empty() {
            let items = doc
                .tags
                .iter()
                .map(|t| MetaItem {
                    text: t.clone(),
                    href: Some(Route::Tag(&crate::text::slugify(t)).path()),
                    url: None,
                })
                .collect();
            meta.push(MetaRow { label: "Tags".into(), items });
        }

        let banner =
            doc.status.filter(|s| s.is_retired() || matches!(s, Status::Rejected | Status::Withdrawn)).map(|s| {
                let successor = self.site.current_successor(doc).and_then(|d| self.link(&d.id));
                let message = match (s, &successor, &doc.unresolved_successor) {
                    (Status::Superseded, Some(_), _) => {
                        "This decision has been superseded. The current decision is".to_string()
                    }
                    (Status::Superseded, None, Some(_)) => "This decision has been superseded by".to_string(),
                    (Status::Superseded, None, None) => "This decision has been superseded.".to_string(),
                    (Status::Deprecated, _, _) => "This decision is deprecated and no longer applies.".to_string(),
                    (Status::Rejected, _, _) => {
                        "This proposal was rejected; it records what was decided against.".to_string()
                    }
                    (Status::Withdrawn, _, _) => "This proposal was withdrawn by its authors.".to_string(),
                    (_, _, _) => "This page is archived and kept for history.".to_string(),
                };
                Banner { status: s.as_str(), message, successor, successor_text: doc.unresolved_successor.clone() }
            });

        let mut relations: Vec<RelationGroup> = Vec::new();
        for rel in &doc.relations {
            let Some(link) = self.link(&rel.target) else { continue };
            match relations.iter_mut().find(|g| g.label == rel.kind.label()) {
                Some(g) => g.docs.push(link),
                None => relations.push(RelationGroup { label: rel.kind.label(), docs: vec![link] }),
            }
        }
        // As with git's dates above: nothing dated after the build's today.
        let history = doc
            .history
            .iter()
            .filter(|step| step.date <= self.opts.today)
            .enumerate()
            .map(|(i, step)| {
                let by = step.by.as_ref().and_then(|id| self.link(id));
                HistoryStep {
                    date: step.date.to_string(),
                    status: step.status.as_str(),
                    label: if by.is_some() { step.status.label().to_string() } else { step.label.clone() },
                    by,
                    by_other: step.declared_by_other,
                    first_seen: i == 0 && doc.date.is_some_and(|d| d < step.date),
                    commit: step.commit.chars().take(7).collect(),
                    commit_url: self.commit_base(doc).map(|base| format!("{base}{}", step.commit)),
                }
            })
            .collect();
        let mut layout = self.layout(&page_path, &doc.title, &col.slug);
        layout.mermaid = rendered.has_mermaid;
        let view = DocPage {
            layout,
            id: doc.id.0.clone(),
            kind: doc.kind,
            kind_label: doc.kind.label(),
            status: doc.status.map_or("", Status::as_str),
            display_id: doc.display_id.clone(),
            title: doc.title.clone(),
            badge: Badge::of(doc),
            collection: NavLink { href: Route::Section(&col.slug).path(), label: col.name.clone(), current: true },
            meta,
            banner,
            body: rendered.html,
            toc: if rendered.toc.len() >= 3 { rendered.toc } else { Vec::new() },
            relations,
            history,
            graph: self.doc_graph(doc),
            backlinks: doc.backlinks.iter().filter_map(|id| self.link(id)).collect(),
            notices: doc
                .findings
                .iter()
                .filter(|f| rule::flag(f.code).is_some())
                .map(|f| Notice { code: f.code.as_str(), message: f.message.clone() })
                .collect(),
            edit_url: self.edit_url(doc),
            source_of: self.site.mount_of(&doc.source).map(|m| SourceOf {
                name: m.namespace.clone(),
                repository: m.repository.clone(),
                stale: m.stale.as_ref().map(|why| {
                    let at = m
                        .commit
                        .as_deref()
                        .map(|c| format!(" at commit {}", &c[..c.len().min(12)]))
                        .unwrap_or_default();
                    format!(
                        "This page is from the last copy of {} that could be fetched{at}: fetching it failed ({why}).",
                        m.namespace
                    )
                }),
            }),
            badge_embed: self.badge_embed(doc),
            source: doc.source.clone(),
            notes: self.notes_panel(doc),
        };
        Ok((self.theme.render("doc.html", &view)?, rendered.has_mermaid))
    }

    /// Where the commits of the document's repository are shown: its own source's in an
    /// organisation's site.
    fn commit_base(&self, doc: &Doc) -> Option<String> {
        match self.site.mount_of(&doc.source) {
            Some(m) => {
                m.repository.as_deref().and_then(crate::load::git::web_url).map(|r| crate::load::git::commit_base(&r))
            }
            None => self.opts.commit_base.clone(),
        }
    }

    /// Where the document is edited: in its own source's repository in an organisation's site.
    fn edit_url(&self, doc: &Doc) -> Option<String> {
        let (base, path) = match self.site.mount_of(&doc.source) {
            Some(m) => (m.edit_base.as_ref()?, &doc.source[m.namespace.len() + 1..]),
            None => (self.opts.edit_base.as_ref()?, doc.source.as_str()),
        };
        Some(format!("{base}{}", path.replace(' ', "%20")))
    }

    /// The Markdown that embeds a document's badge in a README, when the site's URL is known
    /// (a relative image would not resolve from another repository).
    fn badge_embed(&self, doc: &Doc) -> Option<BadgeEmbed> {
        let base = self.opts.base_url.as_ref()?;
        if !crate::render::publish::has_badge(doc) {
            return None;
        }
        let badge = Route::DocBadge(&doc.id).path();
        let page = format!("{base}/{}", doc.id.page_path());
        let alt = doc.display_id.clone().unwrap_or_else(|| doc.title.clone());
        Some(BadgeEmbed {
            markdown: format!("[![{alt}]({base}/{badge})]({page})"),
            // The preview on the page itself loads the site's own copy, also offline.
            image: format!("{}{badge}", "../".repeat(doc.id.page_path().matches('/').count())),
        })
    }
}

/// The first absolute URL in a metadata value (an `RFC PR` written as a Markdown link).
fn first_url(doc: &Doc, value: &str) -> Option<String> {
    let _ = doc;
    value
        .split_whitespace()
        .find(|w| w.starts_with("https://") || w.starts_with("http://"))
        .map(|w| w.trim_end_matches([')', '>', ',']).to_string())
}

/// Where links go from one document's page.
struct PageLinks<'a> {
    site: &'a Site,
    doc: &'a Doc,
    page_path: &'a str,
    repo_base: Option<&'a str>,
}

impl LinkRewriter for PageLinks<'_> {
    fn rewrite(&self, dest: &str) -> Rewrite {
        let with_fragment = |url: String, fragment: &Option<String>| match fragment {
            Some(f) => format!("{url}#{f}"),
            None => url,
        };
        match self.doc.links.get(dest) {
            Some(LinkTarget::Doc(id, fragment)) => {
                Rewrite::To(with_fragment(relative_from(self.page_path, &id.page_path()), fragment))
            }
            Some(LinkTarget::Asset(path, fragment)) => {
                Rewrite::To(with_fragment(relative_from(self.page_path, &Route::File(path).path()), fragment))
            }
            Some(LinkTarget::Repository(path, fragment)) => match self.repo_base {
                Some(base) => Rewrite::To(with_fragment(format!("{base}{}", path.replace(' ', "%20")), fragment)),
                None => Rewrite::Broken,
            },
            Some(LinkTarget::Listing(slug)) => {
                Rewrite::To(relative_from(self.page_path, &slug.as_deref().map_or(Route::Home, Route::Section).path()))
            }
            Some(LinkTarget::Broken) => Rewrite::Broken,
            // `[Ian](iant@golang.org)`: an address written without `mailto:`.
            Some(LinkTarget::External) if dest.contains('@') && !dest.contains(['/', ':']) => {
                Rewrite::To(format!("mailto:{dest}"))
            }
            Some(LinkTarget::External) | None => Rewrite::Keep,
        }
    }

    fn mention(&self, prefix: &str, number: &DocNumber) -> Option<(String, String)> {
        let key = mention_key(prefix, number);
        let bare = mention_key(prefix, &DocNumber { suffix: None, ..number.clone() });
        let id = self.doc.mentions.get(&key).or_else(|| self.doc.mentions.get(&bare))?;
        let target = self.site.docs.get(id)?;
        if target.id == self.doc.id {
            return None;
        }
        Some((relative_from(self.page_path, &id.page_path()), target.title.clone()))
    }

    fn person(&self, handle: &str) -> Option<String> {
        let slug = self.site.person_slug(handle)?;
        Some(relative_from(self.page_path, &Route::Person(slug).path()))
    }
}
