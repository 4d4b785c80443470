//! The list pages: home, timeline, tags, people, needs attention, search,
//! not found and the sitemap.
//!
//! Input: the [`Site`] through the render context. Output: each page's HTML.

use crate::model::Doc;
use crate::render::context::Ctx;
use crate::render::view::*;
use crate::vocab::route::{ATTENTION, PEOPLE, SEARCH, TAGS, TIMELINE};
use crate::vocab::{DocKind, Role, Route, rule};
use std::collections::BTreeMap;

impl Ctx<'_> {
    pub(crate) fn home(&self) -> anyhow::Result<String> {
        let mut decisions: Vec<&Doc> =
            self.site.docs.values().filter(|d| d.kind.is_decision() && d.date.is_some()).collect();
        decisions.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        let collections = self
            .site
            .collections
            .iter()
            .enumerate()
            .filter(|(_, c)| c.namespace.is_none())
            .filter_map(|(i, c)| self.collection_card(i, c))
            .collect();
        let view = HomePage {
            layout: self.layout(&Route::Home.path(), &self.opts.site_title, "home"),
            kinds: kind_summaries(self.site),
            latest: decisions.iter().take(10).map(|d| DocLink::of(d, self.site.names)).collect(),
            collections,
            total: self.site.docs.len(),
            lead: crate::render::view::home_lead(self.site),
            attention: rule::RULES
                .iter()
                .filter_map(|rule| {
                    let count =
                        self.site.docs.values().flat_map(|d| &d.findings).filter(|f| f.code == rule.code).count();
                    (count > 0).then(|| RuleCount { code: rule.code.as_str(), title: rule.title, count })
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
            sources: self.source_cards(),
            has_digest: !crate::model::digest::weeks(self.site).is_empty(),
        };
        self.theme.render("home.html", &view)
    }

    /// An organisation's sources, each with its counts and collections.
    pub(crate) fn sources_page(&self) -> anyhow::Result<String> {
        let route = Route::Section(crate::vocab::route::SOURCES).path();
        let view = SourcesPage {
            layout: self.layout(&route, "Sources", crate::vocab::route::SOURCES),
            sources: self.source_cards(),
        };
        self.theme.render("sources.html", &view)
    }

    fn collection_card(&self, i: usize, c: &crate::load::discover::Collection) -> Option<CollectionCard> {
        let count = self.site.docs.values().filter(|d| d.collection == i).count();
        (count > 0).then(|| CollectionCard {
            href: Route::Section(&c.slug).path(),
            name: c.name.clone(),
            kind_label: c.kind.plural(),
            path: c.path.clone(),
            count,
        })
    }

    /// A card per source of an organisation's site: its decisions per status, its findings and
    /// its collections.
    fn source_cards(&self) -> Vec<SourceCard> {
        self.site
            .mounts
            .iter()
            .map(|m| {
                let ns = Some(m.namespace.as_str());
                let docs: Vec<&Doc> = self
                    .site
                    .docs
                    .values()
                    .filter(|d| self.site.collections[d.collection].namespace.as_deref() == ns)
                    .collect();
                let decisions: Vec<&Doc> = docs.iter().copied().filter(|d| d.kind.is_decision()).collect();
                SourceCard {
                    name: m.namespace.clone(),
                    repository: m.repository.clone(),
                    stale: m.stale.clone(),
                    commit: m.commit.as_deref().map(|c| c[..c.len().min(12)].to_string()),
                    total: docs.len(),
                    statuses: status_counts(&decisions),
                    attention: docs.iter().map(|d| d.findings.len()).sum(),
                    collections: self
                        .site
                        .collections
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.namespace.as_deref() == ns)
                        .filter_map(|(i, c)| self.collection_card(i, c))
                        .collect(),
                }
            })
            .collect()
    }

    pub(crate) fn timeline(&self) -> anyhow::Result<String> {
        let mut docs: Vec<&Doc> = self.site.docs.values().filter(|d| on_timeline(d)).collect();
        let decisions = docs.iter().any(|d| d.kind.is_decision());
        let meetings = docs.iter().any(|d| d.kind == DocKind::Standup);
        docs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        let mut groups: Vec<Group> = Vec::new();
        for d in docs {
            let label = d.date.map_or(String::new(), |x| x.year().to_string());
            match groups.last_mut() {
                Some(g) if g.label == label => g.docs.push(DocLink::of(d, self.site.names)),
                _ => groups.push(Group {
                    anchor: format!("y{label}"),
                    label,
                    badge: None,
                    docs: vec![DocLink::of(d, self.site.names)],
                }),
            }
        }
        let view = ListPage {
            layout: self.layout(&Route::Section(TIMELINE).path(), "Timeline", TIMELINE),
            heading: match (decisions, meetings) {
                (true, true) => "Timeline of decisions and meetings",
                (false, true) => "Timeline of meetings",
                _ => "Timeline of decisions",
            }
            .into(),
            groups,
        };
        self.theme.render("timeline.html", &view)
    }

    /// Whether the site has pages that the tags, people and timeline sections list: a link to an
    /// empty section is not shown.
    pub(crate) fn has_section(site: &crate::model::Site, section: &str) -> bool {
        match section {
            TIMELINE => site.docs.values().any(on_timeline),
            TAGS => !site.tags.is_empty(),
            PEOPLE => !site.people.is_empty(),
            _ => true,
        }
    }

    pub(crate) fn tags_index(&self) -> anyhow::Result<String> {
        let entries = self
            .site
            .tags
            .iter()
            .map(|(slug, t)| IndexEntry { href: Route::Tag(slug).path(), name: t.name.clone(), count: t.docs.len() })
            .collect();
        let view = IndexPage {
            layout: self.layout(&Route::Section(TAGS).path(), "Tags", TAGS),
            heading: "Tags".into(),
            entries,
        };
        self.theme.render("tags.html", &view)
    }

    pub(crate) fn tag(&self, slug: &str) -> anyhow::Result<String> {
        let tag = &self.site.tags[slug];
        let docs = tag.docs.iter().filter_map(|id| self.link(id)).collect();
        let heading = format!("Tagged “{}”", tag.name);
        let view = ListPage {
            layout: self.layout(&Route::Tag(slug).path(), &heading, TAGS),
            heading,
            groups: vec![Group { label: String::new(), anchor: "docs".into(), badge: None, docs }],
        };
        self.theme.render("tag.html", &view)
    }

    pub(crate) fn people_index(&self) -> anyhow::Result<String> {
        let mut entries: Vec<IndexEntry> = self
            .site
            .people
            .iter()
            .map(|(slug, p)| IndexEntry {
                href: Route::Person(slug).path(),
                name: p.name.clone(),
                count: p.roles.len(),
            })
            .collect();
        entries.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.href.cmp(&b.href)));
        let view = IndexPage {
            layout: self.layout(&Route::Section(PEOPLE).path(), "People", PEOPLE),
            heading: "People".into(),
            entries,
        };
        self.theme.render("people.html", &view)
    }

    pub(crate) fn person(&self, slug: &str) -> anyhow::Result<String> {
        let person = &self.site.people[slug];
        let mut groups: Vec<Group> = Vec::new();
        for role in Role::ALL {
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
            layout: self.layout(&Route::Person(slug).path(), &person.name, PEOPLE),
            heading: person.name.clone(),
            groups,
            blocker,
            actions,
            entries,
        };
        self.theme.render("person.html", &view)
    }

    pub(crate) fn attention(&self) -> anyhow::Result<String> {
        let mut rules = Vec::new();
        for rule in rule::RULES {
            let code = rule.code;
            let mut by_owner: BTreeMap<String, Vec<AttentionItem>> = BTreeMap::new();
            for doc in self.site.docs.values() {
                for f in doc.findings.iter().filter(|f| f.code == code) {
                    let owner = f.owner.clone().unwrap_or_else(|| "No owner named".to_string());
                    by_owner
                        .entry(owner)
                        .or_default()
                        .push(AttentionItem { doc: DocLink::of(doc, self.site.names), message: f.message.clone() });
                }
            }
            if by_owner.is_empty() {
                continue;
            }
            let count = by_owner.values().map(Vec::len).sum();
            let owners = by_owner.into_iter().map(|(owner, items)| OwnerGroup { owner, items }).collect();
            rules.push(RuleGroup { code: code.as_str(), title: rule.title, count, owners });
        }
        let view = AttentionPage {
            layout: self.layout(&Route::Section(ATTENTION).path(), "Needs attention", ATTENTION),
            today: self.opts.today.to_string(),
            total: rules.iter().map(|r| r.count).sum(),
            rules,
        };
        self.theme.render("attention.html", &view)
    }

    pub(crate) fn search_page(&self) -> anyhow::Result<String> {
        let view = ListPage {
            layout: self.layout(&Route::Section(SEARCH).path(), "Search", SEARCH),
            heading: "Search".into(),
            groups: Vec::new(),
        };
        self.theme.render("search.html", &view)
    }

    pub(crate) fn not_found(&self) -> anyhow::Result<String> {
        let mut layout = self.layout(&Route::NotFound.path(), "Page not found", "");
        // GitHub Pages serves 404.html at any depth: only absolute links work there.
        if let Some(base) = &self.opts.base_url {
            layout.root = format!("{base}/");
        }
        layout.canonical = None;
        self.theme.render("404.html", &ListPage { layout, heading: "Page not found".into(), groups: Vec::new() })
    }

    pub(crate) fn sitemap(&self) -> anyhow::Result<String> {
        let base = self.opts.base_url.as_ref().map(|b| format!("{b}/")).unwrap_or_default();
        let mut urls = vec![base.clone()];
        urls.extend(self.site.docs.keys().map(|id| format!("{base}{}", id.page_path())));
        self.theme.render("sitemap.xml", &Sitemap { urls })
    }
}

/// Whether a document is on the timeline: a dated decision, or dated meeting notes.
pub(crate) fn on_timeline(d: &Doc) -> bool {
    d.date.is_some() && (d.kind.is_decision() || d.kind == DocKind::Standup)
}
