//! Which pages a site has, and rendering each into the staging directory.
//!
//! Input: the [`Site`], the [`Theme`] and [`RenderOptions`]. Output: every page, the JSON API,
//! the sitemap, static assets and linked files, written through [`Staging`]. Document pages are
//! rendered in parallel; each page's content depends only on the site, so order never matters.

use crate::model::{Doc, Site};
use crate::output::OutputSink;
use crate::render::context::{Ctx, PageSet, RenderOptions};
use crate::render::highlight::Highlighter;
use crate::render::theme::Theme;
use crate::vocab::route::{ATTENTION, PEOPLE, SEARCH, TAGS, TIMELINE};
use crate::vocab::{DocKind, Route};
use anyhow::Context as _;
use rayon::prelude::*;

/// Renders the site into `staging`; returns the number of HTML pages written. `tick` is called
/// once per document page.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    opts: &RenderOptions,
    staging: &dyn OutputSink,
    tick: &(dyn Fn() + Sync),
    which: &PageSet,
    highlighter: &Highlighter,
) -> anyhow::Result<usize> {
    // The navigation is the same on every page: collections that have documents, then the
    // site-wide pages. Computed once, not per page.
    // In an organisation's site the sources' collections are reached from the Sources page.
    let mut nav: Vec<(String, String)> = site
        .collections
        .iter()
        .enumerate()
        .filter(|(i, c)| c.namespace.is_none() && site.docs.values().any(|d| d.collection == *i))
        .map(|(_, c)| (c.slug.clone(), c.name.clone()))
        .collect();
    if !site.mounts.is_empty() {
        nav.insert(0, (crate::vocab::route::SOURCES.into(), "Sources".into()));
    }
    if site.docs.values().any(|d| d.kind == DocKind::Standup) {
        nav.push((crate::vocab::route::ARCHIVE.into(), "Archive".into()));
    }
    nav.extend(
        [(TIMELINE, "Timeline"), (TAGS, "Tags"), (PEOPLE, "People"), (ATTENTION, "Needs attention")]
            .into_iter()
            .filter(|(s, _)| Ctx::has_section(site, s))
            .map(|(s, l)| (s.to_string(), l.to_string())),
    );
    let graphs = crate::render::graph::collection_graphs_of(site);
    let ctx = Ctx { site, opts, theme, nav, graphs };

    let (only, lists, api) = match which {
        PageSet::All => (None, true, true),
        PageSet::Some { docs, lists, api } => (Some(docs), *lists, *api || *lists),
    };
    let docs: Vec<&Doc> = match only {
        None => site.docs.values().collect(),
        Some(ids) => ids.iter().filter_map(|id| site.docs.get(id)).collect(),
    };
    let mermaid = std::sync::atomic::AtomicBool::new(false);
    docs.par_iter().try_for_each(|doc| -> anyhow::Result<()> {
        let (html, has_mermaid) =
            ctx.doc_page(doc, highlighter).with_context(|| format!("rendering {}", doc.source))?;
        staging.write(&Route::Doc(&doc.id).path(), html.as_bytes())?;
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
            .write(&Route::Asset(crate::render::theme::MERMAID).path(), &crate::render::theme::mermaid_library()?)?;
    }
    let mut pages = docs.len();
    if api {
        staging.write(&Route::Api("docs").path(), crate::render::api::docs_json(site).as_bytes())?;
        let attention = crate::render::api::attention_json(site, opts.today);
        staging.write(&Route::Api("attention").path(), attention.as_bytes())?;
        staging
            .write(&Route::Api("standups").path(), crate::render::api::standups_json(site, opts.today).as_bytes())?;
    }
    if !lists {
        return Ok(pages);
    }

    let mut write = |path: &str, html: String| -> anyhow::Result<()> {
        pages += usize::from(path.ends_with(".html"));
        staging.write(path, html.as_bytes())
    };
    write(&Route::Home.path(), ctx.home()?)?;
    for (i, _) in site.collections.iter().enumerate() {
        if let Some((path, html)) = ctx.collection(i)? {
            write(&path, html)?;
        }
    }
    for (path, text) in ctx.collection_graphs()? {
        write(&path, text)?;
    }
    if !site.mounts.is_empty() {
        write(&Route::Section(crate::vocab::route::SOURCES).path(), ctx.sources_page()?)?;
    }
    write(&Route::Section(TIMELINE).path(), ctx.timeline()?)?;
    let weeks = crate::model::digest::weeks(site);
    if !weeks.is_empty() {
        for (path, html) in ctx.digest_pages(&weeks)? {
            write(&path, html)?;
        }
    }
    write(&Route::Section(TAGS).path(), ctx.tags_index()?)?;
    for slug in site.tags.keys() {
        write(&Route::Tag(slug).path(), ctx.tag(slug)?)?;
    }
    write(&Route::Section(PEOPLE).path(), ctx.people_index()?)?;
    for slug in site.people.keys() {
        write(&Route::Person(slug).path(), ctx.person(slug)?)?;
    }
    write(&Route::Section(ATTENTION).path(), ctx.attention()?)?;
    if ctx.has_archive() {
        write(&Route::Section(crate::vocab::route::ARCHIVE).path(), ctx.archive_index()?)?;
        write(&Route::Blockers.path(), ctx.blockers_page()?)?;
        write(&Route::Actions.path(), ctx.actions_page()?)?;
        for i in 0..site.archive.weeks.len() {
            let (path, html) = ctx.week_page(i)?;
            write(&path, html)?;
        }
    }
    write(&Route::Section(SEARCH).path(), ctx.search_page()?)?;
    write(&Route::NotFound.path(), ctx.not_found()?)?;
    let sitemap = ctx.sitemap()?;
    staging.write(&Route::Sitemap.path(), sitemap.as_bytes())?;
    for (path, text) in crate::render::publish::feeds(site, theme, opts)? {
        staging.write(&path, text.as_bytes())?;
    }
    if !weeks.is_empty() {
        let (path, text) = crate::render::digest::feed(&weeks, theme, opts)?;
        staging.write(&path, text.as_bytes())?;
    }
    for (path, text) in crate::render::publish::badges(site, theme, opts)? {
        staging.write(&path, text.as_bytes())?;
    }
    staging.write(&Route::Llms.path(), crate::render::publish::llms_txt(site, theme, opts)?.as_bytes())?;
    if only.is_some() {
        return Ok(pages);
    }
    staging.write(".nojekyll", b"")?;
    staging.write(&Route::Asset("highlight.css").path(), Highlighter::stylesheet().as_bytes())?;
    for (name, bytes) in &theme.statics {
        staging.write(&Route::Asset(name).path(), bytes)?;
    }
    for asset in &site.assets {
        // A source's files are in its own folder, not under the organisation's.
        let from = match site.mount_of(asset) {
            Some(m) => m.dir.join(&asset[m.namespace.len() + 1..]),
            None => opts.site_dir.join(asset),
        };
        staging.copy(&Route::File(asset).path(), &from)?;
    }
    Ok(pages)
}
