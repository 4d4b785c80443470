//! What a command asks of the pipeline and what it reports back.
//!
//! Input: command-line flags (through the CLI) and `adrsite.toml`. Output: [`BuildOptions`],
//! [`Settings`] (the configuration, read once) and, after a run, a [`BuildReport`].

use super::places::{Cache, cache_dir, require_dir};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use jiff::civil::Date;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Progress of fetching an organisation's sources: the name of the one just done, how many
/// are done, how many there are.
pub type FetchProgress = std::sync::Arc<dyn Fn(&str, usize, usize) + Send + Sync>;

/// What to build and how.
#[derive(Clone)]
pub struct BuildOptions {
    /// The site directory (the repository, or the folder holding the documents).
    pub dir: PathBuf,
    /// Output directory; default `DIR/_site`.
    pub out: Option<PathBuf>,
    /// Absolute URL the site is published at; overrides `base_url` in `adrsite.toml`.
    pub base_url: Option<String>,
    /// The date every rule is evaluated against; the only source of "now".
    pub today: Date,
    /// Live-reload script URL injected into pages (serve only).
    pub live_reload: Option<String>,
    /// Read created and last-changed dates from git (default true).
    pub git: bool,
    /// Where the search index is kept; default `cache_dir` from config, else `DIR/.adrsite-cache`.
    pub cache_dir: Option<PathBuf>,
    /// When the build has errors and OUT already holds a site, leave OUT as it is (serve keeps
    /// showing the last good build). Default false: a build with errors is still written.
    pub keep_last_good: bool,
    /// Called once per rendered document page, for progress display.
    pub on_page: Option<std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>>,
    /// Use the cached copies of git sources as they are (`--offline`).
    pub offline: bool,
    /// Check git sources out at the commits of `adrsite.lock` (`--locked`).
    pub locked: bool,
    /// Called once per fetched source (its name, how many are done, how many there are).
    pub on_fetch: Option<FetchProgress>,
}

impl BuildOptions {
    /// Options for building `dir` with `today`.
    pub fn new(dir: impl Into<PathBuf>, today: Date) -> Self {
        BuildOptions {
            dir: dir.into(),
            out: None,
            base_url: None,
            today,
            live_reload: None,
            git: true,
            cache_dir: None,
            keep_last_good: false,
            on_page: None,
            offline: false,
            locked: false,
            on_fetch: None,
        }
    }
}

impl std::fmt::Debug for BuildOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuildOptions")
            .field("dir", &self.dir)
            .field("out", &self.out)
            .field("base_url", &self.base_url)
            .field("today", &self.today)
            .field("live_reload", &self.live_reload)
            .finish_non_exhaustive()
    }
}

/// What a build or check found and did.
#[derive(Debug)]
pub struct BuildReport {
    /// Every diagnostic, sorted by path and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Number of documents.
    pub documents: usize,
    /// Number of HTML pages written (0 for a check).
    pub pages: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Where the site was written.
    pub out: Option<PathBuf>,
    /// The collections, for `--verbose`.
    pub collections: Vec<crate::load::discover::Collection>,
    /// Wall time per stage, for `--verbose`.
    pub stages: Vec<(&'static str, Duration)>,
    /// Things to say once that are not diagnostics (git dates unavailable).
    pub notes: Vec<String>,
    /// Markdown-like files that are not pages, and why, for `--verbose`.
    pub skipped: Vec<(String, crate::load::skip::Skip)>,
    /// Which collection each folder outside every collection became, and why, for `--verbose`.
    pub placements: Vec<crate::load::Placement>,
}

impl BuildReport {
    /// The report of a run over `site` that started at `start`.
    pub(super) fn of(
        site: &Site,
        start: Instant,
        stages: Vec<(&'static str, Duration)>,
        notes: Vec<String>,
        pages: usize,
        out: Option<PathBuf>,
    ) -> BuildReport {
        BuildReport {
            diagnostics: site.diagnostics.clone(),
            documents: site.docs.len(),
            pages,
            elapsed: start.elapsed(),
            out,
            collections: site.collections.clone(),
            stages,
            notes,
            skipped: site.skipped.clone(),
            placements: site.placements.clone(),
        }
    }
}

/// `adrsite.toml` of the site directory, and what is wrong in it: read once per command (and
/// once per change of it under `serve`).
pub struct Settings {
    /// The configuration.
    pub config: Config,
    /// Unknown keys and bad values, reported with the documents' diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

impl Settings {
    /// Reads the settings of the site `opts` builds.
    pub fn read(opts: &BuildOptions) -> anyhow::Result<Settings> {
        require_dir(&opts.dir)?;
        let (config, diagnostics) = Config::load(&opts.dir)?;
        Ok(Settings { config, diagnostics })
    }

    /// The cache directory: `--cache-dir`, else `cache_dir` from `adrsite.toml`, else
    /// `DIR/.adrsite-cache`; when that cannot be written, one in the temporary directory, with a
    /// note saying so. Created if missing.
    pub fn cache_dir(&self, opts: &BuildOptions) -> Cache {
        cache_dir(opts, &self.config)
    }
}
