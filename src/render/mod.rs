//! The render stage: from the [`crate::model::Site`] to files in the staging directory.
//!
//! Input: the site, the theme and render options. Output: HTML pages, `api/docs.json`, the
//! sitemap and assets. Markdown is rendered per page with links rewritten relative to that page.

pub mod api;
mod archive;
mod archive_view;
mod collection_page;
mod context;
pub mod digest;
mod doc_page;
pub mod graph;
pub mod highlight;
pub mod highlight_cache;
pub mod highlight_html;
pub mod incremental;
mod lists;
pub mod markdown;
pub mod pages;
pub mod publish;
pub mod sanitise;
pub mod theme;
pub mod view;

pub use context::{PageSet, RenderOptions};
pub use pages::render_site;
pub use theme::Theme;
