//! What every page renderer shares: the options of a render, which pages to render, and the
//! context (site, theme, navigation) with the page layout built from it.
//!
//! Input: the [`Site`], the [`Theme`] and [`RenderOptions`]. Output: [`Ctx`], from which each
//! page module builds its view, and the [`Layout`] of a page.

use crate::model::Site;
use crate::render::theme::Theme;
use crate::render::view::*;
use crate::vocab::{DocId, Route};
use std::collections::BTreeSet;

/// How to render.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// The site directory, where linked files are copied from.
    pub site_dir: std::path::PathBuf,
    /// Site title.
    pub site_title: String,
    /// Absolute base URL, without trailing slash.
    pub base_url: Option<String>,
    /// Prefix of edit links: `https://github.com/o/r/edit/main/` plus the site directory's path
    /// inside the repository.
    pub edit_base: Option<String>,
    /// Prefix of links to the repository's files outside the site: `https://github.com/o/r/blob/main/`.
    pub repo_base: Option<String>,
    /// Prefix of links to a commit: `https://github.com/o/r/commit/`.
    pub commit_base: Option<String>,
    /// Live-reload script URL (serve only).
    pub live_reload: Option<String>,
    /// The date attention rules were evaluated against.
    pub today: jiff::civil::Date,
    /// How long a standup blocker may stay open (for the stale mark on the blockers page).
    pub stale_blocker_after: jiff::Span,
    /// Whether documents' raw HTML is sanitised or kept (`allow_raw_html`).
    pub raw_html: crate::render::sanitise::RawHtml,
}

/// Which pages to render.
#[derive(Clone, Debug)]
pub enum PageSet {
    /// Every page, the JSON API, the sitemap, static assets and linked files.
    All,
    /// These document pages, every list page and feed when `lists` is true, and the JSON API
    /// when `api` or `lists` is (what `serve` needs after an edit).
    Some {
        /// Document pages to render.
        docs: BTreeSet<DocId>,
        /// Whether list pages (home, indexes, timeline, tags, people, attention) changed.
        lists: bool,
        /// Whether something only the JSON API shows (links, backlinks, relations) changed.
        api: bool,
    },
}

pub(crate) struct Ctx<'a> {
    pub(crate) site: &'a Site,
    pub(crate) opts: &'a RenderOptions,
    pub(crate) theme: &'a Theme,
    /// `(slug, label)` of every navigation entry.
    pub(crate) nav: Vec<(String, String)>,
    /// Each collection's decision graph, when its documents are joined (by collection index).
    pub(crate) graphs: Vec<Option<crate::model::decision_graph::Graph>>,
}

impl Ctx<'_> {
    pub(crate) fn layout(&self, page_path: &str, page_title: &str, section: &str) -> Layout {
        let depth = page_path.matches('/').count();
        let nav = self
            .nav
            .iter()
            .map(|(slug, label)| NavLink {
                href: Route::Section(slug).path(),
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

    pub(crate) fn link(&self, id: &DocId) -> Option<DocLink> {
        self.site.docs.get(id).map(|d| DocLink::of(d, self.site.names))
    }
}
