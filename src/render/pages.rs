//! Which pages a site has, and rendering each into the staging directory.
//!
//! Input: the [`Site`], the [`Theme`] and [`RenderOptions`]. Output: every page, the JSON API,
//! the sitemap, static assets and linked files, written through [`Staging`]. Document pages are
//! rendered in parallel; each page's content depends only on the site, so order never matters.

use crate::model::DocId;
use crate::model::attention;
use crate::model::links::relative_from;
use crate::model::site::{LinkTarget, Role, mention_key};
use crate::model::{Doc, DocKind, DocNumber, Site, Status};
use crate::output::OutputSink;
use crate::render::highlight::Highlighter;
use crate::render::markdown::{LinkRewriter, Rewrite, render_markdown};
use crate::render::theme::Theme;
use crate::render::view::*;
use anyhow::Context as _;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::path::Path;

/// How to render.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// Site title.
    pub site_title: String,
    /// Absolute base URL, without trailing slash.
    pub base_url: Option<String>,
    /// Prefix of edit links: `https://github.com/o/r/edit/main/` plus the site directory's path
    /// inside the repository.
    pub edit_base: Option<String>,
    /// Live-reload script URL (serve only).
    pub live_reload: Option<String>,
    /// The date attention rules were evaluated against.
    pub today: jiff::civil::Date,
    /// How long a standup blocker may stay open (for the stale mark on the blockers page).
    pub stale_blocker_after: jiff::Span,
}

/// Which pages to render.
#[derive(Clone, Debug)]
pub enum PageSet {
    /// Every page, the JSON API, the sitemap, static assets and linked files.
    All,
    /// These document pages, and — when `lists` is true — every list page and the JSON API
    /// (what `serve` needs after an edit).
    Some {
        /// Document pages to render.
        docs: BTreeSet<DocId>,
        /// Whether list pages (home, indexes, timeline, tags, people, attention) changed.
        lists: bool,
    },
}

/// Renders the site into `staging`; returns the number of HTML pages written. `tick` is called
/// once per document page.
pub fn render_site(
    site: &Site,
    site_dir: &Path,
    theme: &Theme,
    opts: &RenderOptions,
    staging: &dyn OutputSink,
    tick: &(dyn Fn() + Sync),
    which: &PageSet,
) -> anyhow::Result<usize> {
    let highlighter = Highlighter::new();
    // The navigation is the same on every page: collections that have documents, then the
    // site-wide pages. Computed once, not per page.
    let mut nav: Vec<(String, String)> = site
        .collections
        .iter()
        .enumerate()
        .filter(|(i, _)| site.docs.values().any(|d| d.collection == *i))
        .map(|(_, c)| (c.slug.clone(), c.name.clone()))
        .collect();
    if site.docs.values().any(|d| d.kind == DocKind::Standup) {
        nav.push(("archive".into(), "Archive".into()));
    }
    nav.extend(
        [("timeline", "Timeline"), ("tags", "Tags"), ("people", "People"), ("attention", "Needs attention")]
            .map(|(s, l)| (s.to_string(), l.to_string())),
    );
    let ctx = Ctx { site, opts, theme, nav };

    let (only, lists) = match which {
        PageSet::All => (None, true),
        PageSet::Some { docs, lists } => (Some(docs), *lists),
    };
    let docs: Vec<&Doc> = match only {
        None => site.docs.values().collect(),
        Some(ids) => ids.iter().filter_map(|id| site.docs.get(id)).collect(),
    };
    let mermaid = std::sync::atomic::AtomicBool::new(false);
    docs.par_iter().try_for_each(|doc| -> anyhow::Result<()> {
        let (html, has_mermaid) =
            ctx.doc_page(doc, &highlighter).with_context(|| format!("rendering {}", doc.source))?;
        staging.write(&doc.id.page_path(), html.as_bytes())?;
        if has_mermaid {
            mermaid.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        tick();
        Ok(())
    })?;
    // The diagram library (2.9 MB) is only written when a page needs it, also after an edit
    // under `serve` that adds the first diagram.
    if mermaid.load(std::sync::atomic::Ordering::Relaxed) && !theme.statics.contains_key(crate::render::theme::MERMAID)
    {
        staging
            .write(&format!("assets/{}", crate::render::theme::MERMAID), &crate::render::theme::mermaid_library()?)?;
    }
    let mut pages = docs.len();
    if !lists {
        return Ok(pages);
    }

    let mut write = |path: &str, html: String| -> anyhow::Result<()> {
        pages += usize::from(path.ends_with(".html"));
        staging.write(path, html.as_bytes())
    };
    write("index.html", ctx.home()?)?;
    for (i, _) in site.collections.iter().enumerate() {
        if let Some((path, html)) = ctx.collection(i)? {
            write(&path, html)?;
        }
    }
    write("timeline/index.html", ctx.timeline()?)?;
    write("tags/index.html", ctx.tags_index()?)?;
    for slug in site.tags.keys() {
        write(&format!("tags/{slug}.html"), ctx.tag(slug)?)?;
    }
    write("people/index.html", ctx.people_index()?)?;
    for slug in site.people.keys() {
        write(&format!("people/{slug}.html"), ctx.person(slug)?)?;
    }
    write("attention/index.html", ctx.attention()?)?;
    if ctx.has_archive() {
        write(crate::render::archive::ARCHIVE, ctx.archive_index()?)?;
        write(crate::render::archive::BLOCKERS, ctx.blockers_page()?)?;
        write(crate::render::archive::ACTIONS, ctx.actions_page()?)?;
        for i in 0..site.archive.weeks.len() {
            let (path, html) = ctx.week_page(i)?;
            write(&path, html)?;
        }
    }
    write("search/index.html", ctx.search_page()?)?;
    write("404.html", ctx.not_found()?)?;
    let sitemap = ctx.sitemap()?;
    staging.write("sitemap.xml", sitemap.as_bytes())?;
    for (path, text) in crate::render::publish::feeds(site, theme, opts)? {
        staging.write(&path, text.as_bytes())?;
    }
    for (path, text) in crate::render::publish::badges(site, theme)? {
        staging.write(&path, text.as_bytes())?;
    }
    staging.write("llms.txt", crate::render::publish::llms_txt(site, theme, opts)?.as_bytes())?;
    staging.write("api/docs.json", crate::render::api::docs_json(site).as_bytes())?;
    staging.write("api/attention.json", crate::render::api::attention_json(site, opts.today).as_bytes())?;
    staging.write("api/standups.json", crate::render::api::standups_json(site, opts.today).as_bytes())?;
    if only.is_some() {
        return Ok(pages);
    }
    staging.write(".nojekyll", b"")?;
    staging.write("assets/highlight.css", Highlighter::stylesheet().as_bytes())?;
    for (name, bytes) in &theme.statics {
        staging.write(&format!("assets/{name}"), bytes)?;
    }
    for asset in &site.assets {
        staging.copy(&format!("files/{asset}"), &site_dir.join(asset))?;
    }
    Ok(pages)
}

pub(super) struct Ctx<'a> {
    pub(super) site: &'a Site,
    pub(super) opts: &'a RenderOptions,
    pub(super) theme: &'a Theme,
    /// `(slug, label)` of every navigation entry.
    pub(super) nav: Vec<(String, String)>,
}

impl Ctx<'_> {
    pub(super) fn layout(&self, page_path: &str, page_title: &str, section: &str) -> Layout {
        let depth = page_path.matches('/').count();
        let nav = self
            .nav
            .iter()
            .map(|(slug, label)| NavLink {
                href: format!("{slug}/index.html"),
                label: label.clone(),
                current: section == slug,
            })
            .collect();
        Layout {
            site_title: self.opts.site_title.clone(),
            page_title: page_title.to_string(),
            root: "../".repeat(depth),
            nav,
            canonical: self.opts.base_url.as_ref().map(|b| format!("{b}/{}", page_path.trim_end_matches("index.html"))),
            live_reload: self.opts.live_reload.clone(),
            version: env!("CARGO_PKG_VERSION"),
            mermaid: false,
        }
    }

    pub(super) fn link(&self, id: &crate::model::DocId) -> Option<DocLink> {
        self.site.docs.get(id).map(DocLink::of)
    }

    /// A document's page, and whether it has a Mermaid diagram.
    fn doc_page(&self, doc: &Doc, highlighter: &Highlighter) -> anyhow::Result<(String, bool)> {
        let page_path = doc.id.page_path();
        let body = match doc.title_range {
            Some((start, end)) => format!("{}{}", &doc.text[doc.body_start..start], &doc.text[end..]),
            None => doc.text[doc.body_start..].to_string(),
        };
        let rendered = render_markdown(&body, &PageLinks { site: self.site, doc, page_path: &page_path }, highlighter);
        let col = &self.site.collections[doc.collection];

        let mut meta = Vec::new();
        if let Some(raw) = Badge::of(doc).and_then(|b| b.raw) {
            meta.push(MetaRow { label: "Status".into(), items: vec![MetaItem { text: raw, href: None, url: None }] });
        }
        if let Some(date) = doc.date.map(|d| d.to_string()).or_else(|| doc.date_raw.clone()) {
            meta.push(MetaRow { label: "Date".into(), items: vec![MetaItem { text: date, href: None, url: None }] });
        }
        for role in [Role::Decider, Role::Author, Role::Owner, Role::Consulted, Role::Informed, Role::Participant] {
            let items: Vec<MetaItem> = doc
                .people_in(role)
                .map(|p| MetaItem {
                    text: p.to_string(),
                    href: self.site.person_slug(p).map(|slug| format!("people/{slug}.html")),
                    url: None,
                })
                .collect();
            if !items.is_empty() {
                meta.push(MetaRow { label: role.label().into(), items });
            }
        }
        if let Some(g) = &doc.git {
            meta.push(MetaRow {
                label: "Created".into(),
                items: vec![MetaItem { text: g.created.to_string(), href: None, url: None }],
            });
            let text = format!("{} by {}", g.changed, g.author);
            meta.push(MetaRow { label: "Last changed".into(), items: vec![MetaItem { text, href: None, url: None }] });
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
                    href: Some(format!("tags/{}.html", crate::text::slugify(t))),
                    url: None,
                })
                .collect();
            meta.push(MetaRow { label: "Tags".into(), items });
        }

        let banner =
            doc.status.filter(|s| s.is_retired() || matches!(s, Status::Rejected | Status::Withdrawn)).map(|s| {
                let successor = doc.successor().and_then(|id| self.link(id));
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
            collection: NavLink { href: format!("{}/index.html", col.slug), label: col.name.clone(), current: true },
            meta,
            banner,
            body: rendered.html,
            toc: if rendered.toc.len() >= 3 { rendered.toc } else { Vec::new() },
            relations,
            backlinks: doc.backlinks.iter().filter_map(|id| self.link(id)).collect(),
            notices: doc
                .findings
                .iter()
                .filter(|f| flag_label(f.code).is_some())
                .map(|f| Notice { code: f.code.as_str(), message: f.message.clone() })
                .collect(),
            edit_url: self.opts.edit_base.as_ref().map(|b| format!("{b}{}", doc.source.replace(' ', "%20"))),
            badge_embed: self.badge_embed(doc),
            source: doc.source.clone(),
            notes: self.notes_panel(doc),
        };
        Ok((self.theme.render("doc.html", &view)?, rendered.has_mermaid))
    }

    fn home(&self) -> anyhow::Result<String> {
        let mut decisions: Vec<&Doc> =
            self.site.docs.values().filter(|d| d.kind.is_decision() && d.date.is_some()).collect();
        decisions.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        let collections = self
            .site
            .collections
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let count = self.site.docs.values().filter(|d| d.collection == i).count();
                (count > 0).then(|| CollectionCard {
                    href: format!("{}/index.html", c.slug),
                    name: c.name.clone(),
                    kind_label: c.kind.plural(),
                    path: c.path.clone(),
                    count,
                })
            })
            .collect();
        let view = HomePage {
            layout: self.layout("index.html", &self.opts.site_title, "home"),
            kinds: kind_summaries(self.site),
            latest: decisions.iter().take(10).map(|d| DocLink::of(d)).collect(),
            collections,
            total: self.site.docs.len(),
            attention: attention::RULES
                .iter()
                .filter_map(|code| {
                    let count = self.site.docs.values().flat_map(|d| &d.findings).filter(|f| f.code == *code).count();
                    (count > 0).then(|| RuleCount { code: code.as_str(), title: attention::rule_title(*code), count })
                })
                .collect(),
            attention_total: self.site.docs.values().map(|d| d.findings.len()).sum(),
            standups: self.has_archive().then(|| {
                let a = &self.site.archive;
                StandupSummary {
                    open_blockers: a.open_blockers.len(),
                    overdue: a
                        .actions
                        .iter()
                        .filter(|x| x.state == crate::model::archive::ActionState::Overdue)
                        .count(),
                    open_actions: a
                        .actions
                        .iter()
                        .filter(|x| x.state != crate::model::archive::ActionState::Done)
                        .count(),
                    latest_week: a.weeks.last().map(|w| NavLink {
                        href: crate::render::archive::week_path(w),
                        label: format!("Week {}, {}", w.week, w.year),
                        current: false,
                    }),
                }
            }),
        };
        self.theme.render("home.html", &view)
    }

    fn collection(&self, index: usize) -> anyhow::Result<Option<(String, String)>> {
        let col = &self.site.collections[index];
        let mut docs: Vec<&Doc> = self.site.docs.values().filter(|d| d.collection == index).collect();
        if docs.is_empty() {
            return Ok(None);
        }
        let groups = match col.kind {
            DocKind::Adr | DocKind::Rfc => {
                docs.sort_by(|a, b| {
                    let key =
                        |d: &Doc| (d.number.as_ref().map(|n| (n.value, n.suffix)), d.date, d.title.to_lowercase());
                    key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
                });
                let mut groups: Vec<Group> = Status::ALL
                    .iter()
                    .filter_map(|s| {
                        let in_group: Vec<DocLink> =
                            docs.iter().filter(|d| d.status == Some(*s)).map(|d| DocLink::of(d)).collect();
                        (!in_group.is_empty()).then(|| Group {
                            label: s.label().into(),
                            anchor: s.as_str().into(),
                            badge: Some(Badge::group(*s)),
                            docs: in_group,
                        })
                    })
                    .collect();
                let rest: Vec<DocLink> = docs.iter().filter(|d| d.status.is_none()).map(|d| DocLink::of(d)).collect();
                if !rest.is_empty() {
                    groups.push(Group {
                        label: "No recognised status".into(),
                        anchor: "no-status".into(),
                        badge: None,
                        docs: rest,
                    });
                }
                groups
            }
            DocKind::Standup => {
                docs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
                let mut groups: Vec<Group> = Vec::new();
                for d in docs {
                    let label = d.date.map_or("Undated".to_string(), |x| x.strftime("%B %Y").to_string());
                    match groups.last_mut() {
                        Some(g) if g.label == label => g.docs.push(DocLink::of(d)),
                        _ => groups.push(Group {
                            anchor: crate::text::slugify(&label),
                            label,
                            badge: None,
                            docs: vec![DocLink::of(d)],
                        }),
                    }
                }
                groups
            }
            DocKind::Handbook => {
                let mut by_folder: BTreeMap<String, Vec<&Doc>> = BTreeMap::new();
                for d in docs {
                    let rel = d.source.strip_prefix(&col.path).unwrap_or(&d.source).trim_start_matches('/');
                    let folder = rel.rsplit_once('/').map_or("", |(f, _)| f);
                    let folder =
                        if crate::model::identity::naming_stem(&d.source) == folder.rsplit('/').next().unwrap_or("") {
                            folder.rsplit_once('/').map_or("", |(f, _)| f)
                        } else {
                            folder
                        };
                    by_folder.entry(folder.to_string()).or_default().push(d);
                }
                by_folder
                    .into_iter()
                    .map(|(folder, mut docs)| {
                        docs.sort_by(|a, b| {
                            a.title.to_lowercase().cmp(&b.title.to_lowercase()).then_with(|| a.id.cmp(&b.id))
                        });
                        let label = if folder.is_empty() { "Pages".to_string() } else { folder.clone() };
                        Group {
                            anchor: crate::text::slugify(&label),
                            label,
                            badge: None,
                            docs: docs.iter().map(|d| DocLink::of(d)).collect(),
                        }
                    })
                    .collect()
            }
        };
        let path = format!("{}/index.html", col.slug);
        let view = CollectionPage {
            layout: self.layout(&path, &col.name, &col.slug),
            name: col.name.clone(),
            kind_label: col.kind.plural(),
            path: col.path.clone(),
            count: groups.iter().map(|g| g.docs.len()).sum(),
            groups,
        };
        Ok(Some((path.clone(), self.theme.render("collection.html", &view)?)))
    }

    fn timeline(&self) -> anyhow::Result<String> {
        let mut docs: Vec<&Doc> =
            self.site.docs.values().filter(|d| d.kind.is_decision() && d.date.is_some()).collect();
        docs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        let mut groups: Vec<Group> = Vec::new();
        for d in docs {
            let label = d.date.map_or(String::new(), |x| x.year().to_string());
            match groups.last_mut() {
                Some(g) if g.label == label => g.docs.push(DocLink::of(d)),
                _ => groups.push(Group { anchor: format!("y{label}"), label, badge: None, docs: vec![DocLink::of(d)] }),
            }
        }
        let view = ListPage {
            layout: self.layout("timeline/index.html", "Timeline", "timeline"),
            heading: "Timeline of decisions".into(),
            groups,
        };
        self.theme.render("timeline.html", &view)
    }

    fn tags_index(&self) -> anyhow::Result<String> {
        let entries = self
            .site
            .tags
            .iter()
            .map(|(slug, t)| IndexEntry {
                href: format!("tags/{slug}.html"),
                name: t.name.clone(),
                count: t.docs.len(),
            })
            .collect();
        let view =
            IndexPage { layout: self.layout("tags/index.html", "Tags", "tags"), heading: "Tags".into(), entries };
        self.theme.render("tags.html", &view)
    }

    fn tag(&self, slug: &str) -> anyhow::Result<String> {
        let tag = &self.site.tags[slug];
        let docs = tag.docs.iter().filter_map(|id| self.link(id)).collect();
        let heading = format!("Tagged “{}”", tag.name);
        let view = ListPage {
            layout: self.layout(&format!("tags/{slug}.html"), &heading, "tags"),
            heading,
            groups: vec![Group { label: String::new(), anchor: "docs".into(), badge: None, docs }],
        };
        self.theme.render("tag.html", &view)
    }

    fn people_index(&self) -> anyhow::Result<String> {
        let mut entries: Vec<IndexEntry> = self
            .site
            .people
            .iter()
            .map(|(slug, p)| IndexEntry {
                href: format!("people/{slug}.html"),
                name: p.name.clone(),
                count: p.roles.len(),
            })
            .collect();
        entries.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.href.cmp(&b.href)));
        let view = IndexPage {
            layout: self.layout("people/index.html", "People", "people"),
            heading: "People".into(),
            entries,
        };
        self.theme.render("people.html", &view)
    }

    fn person(&self, slug: &str) -> anyhow::Result<String> {
        let person = &self.site.people[slug];
        let mut groups: Vec<Group> = Vec::new();
        for role in [Role::Decider, Role::Author, Role::Owner, Role::Consulted, Role::Informed, Role::Participant] {
            let docs: Vec<DocLink> =
                person.roles.iter().filter(|(r, _)| *r == role).filter_map(|(_, id)| self.link(id)).collect();
            if !docs.is_empty() {
                groups.push(Group {
                    label: role.label().into(),
                    anchor: crate::text::slugify(role.label()),
                    badge: None,
                    docs,
                });
            }
        }
        let (blocker, actions, entries) = self.person_archive(slug);
        let view = PersonPage {
            layout: self.layout(&format!("people/{slug}.html"), &person.name, "people"),
            heading: person.name.clone(),
            groups,
            blocker,
            actions,
            entries,
        };
        self.theme.render("person.html", &view)
    }

    fn attention(&self) -> anyhow::Result<String> {
        let mut rules = Vec::new();
        for code in attention::RULES {
            let mut by_owner: BTreeMap<String, Vec<AttentionItem>> = BTreeMap::new();
            for doc in self.site.docs.values() {
                for f in doc.findings.iter().filter(|f| f.code == code) {
                    let owner = f.owner.clone().unwrap_or_else(|| "No owner named".to_string());
                    by_owner
                        .entry(owner)
                        .or_default()
                        .push(AttentionItem { doc: DocLink::of(doc), message: f.message.clone() });
                }
            }
            if by_owner.is_empty() {
                continue;
            }
            let count = by_owner.values().map(Vec::len).sum();
            let owners = by_owner.into_iter().map(|(owner, items)| OwnerGroup { owner, items }).collect();
            rules.push(RuleGroup { code: code.as_str(), title: attention::rule_title(code), count, owners });
        }
        let view = AttentionPage {
            layout: self.layout("attention/index.html", "Needs attention", "attention"),
            today: self.opts.today.to_string(),
            total: rules.iter().map(|r| r.count).sum(),
            rules,
        };
        self.theme.render("attention.html", &view)
    }

    fn search_page(&self) -> anyhow::Result<String> {
        let view = ListPage {
            layout: self.layout("search/index.html", "Search", "search"),
            heading: "Search".into(),
            groups: Vec::new(),
        };
        self.theme.render("search.html", &view)
    }

    fn not_found(&self) -> anyhow::Result<String> {
        let mut layout = self.layout("404.html", "Page not found", "");
        // GitHub Pages serves 404.html at any depth: only absolute links work there.
        if let Some(base) = &self.opts.base_url {
            layout.root = format!("{base}/");
        }
        layout.canonical = None;
        self.theme.render("404.html", &ListPage { layout, heading: "Page not found".into(), groups: Vec::new() })
    }

    /// The Markdown that embeds a document's badge in a README, when the site's URL is known
    /// (a relative image would not resolve from another repository).
    fn badge_embed(&self, doc: &Doc) -> Option<BadgeEmbed> {
        let base = self.opts.base_url.as_ref()?;
        if !crate::render::publish::has_badge(doc) {
            return None;
        }
        let badge = crate::render::publish::badge_path(doc);
        let page = format!("{base}/{}", doc.id.page_path());
        let alt = doc.display_id.clone().unwrap_or_else(|| doc.title.clone());
        Some(BadgeEmbed {
            markdown: format!("[![{alt}]({base}/{badge})]({page})"),
            // The preview on the page itself loads the site's own copy, also offline.
            image: format!("{}{badge}", "../".repeat(doc.id.page_path().matches('/').count())),
        })
    }

    fn sitemap(&self) -> anyhow::Result<String> {
        let base = self.opts.base_url.as_ref().map(|b| format!("{b}/")).unwrap_or_default();
        let mut urls = vec![base.clone()];
        urls.extend(self.site.docs.keys().map(|id| format!("{base}{}", id.page_path())));
        self.theme.render("sitemap.xml", &Sitemap { urls })
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
                Rewrite::To(with_fragment(relative_from(self.page_path, &format!("files/{path}")), fragment))
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
        Some(relative_from(self.page_path, &format!("people/{slug}.html")))
    }
}
