//! The render stage: from the [`crate::model::Site`] to files in the staging directory.
//!
//! Input: the site, the theme and render options. Output: HTML pages, `api/docs.json`, the
//! sitemap and assets. Markdown is rendered per page with links rewritten relative to that page.

pub mod api;
mod archive;
pub mod highlight;
pub mod incremental;
pub mod markdown;
pub mod pages;
pub mod publish;
pub mod theme;
pub mod view;

pub use pages::{PageSet, RenderOptions, render_site};
pub use theme::Theme;
