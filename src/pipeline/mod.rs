//! The only place that knows the order of the stages.
//!
//! ```text
//! config -> load (walk, read, parse)        -> Loaded      [parallel]
//!        -> assemble (ids, status, links)   -> Site
//!        -> render (markdown, templates)    -> staging dir [parallel]
//!        -> commit (swap staging into OUT)
//! ```
//!
//! `check` stops after assembling; `build` goes on to write. Both return every diagnostic.

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::fingerprint::fingerprint;
use crate::load::git::{GitHistory, read_history};
use crate::load::{LoadCache, load_sources_cached};
use crate::model::Site;
use crate::model::assemble::{Retained, assemble_retained};
use crate::output::Staging;
use crate::render::highlight::Highlighter;
use crate::render::{RenderOptions, Theme, render_site};
use crate::search::SearchIndex;
use anyhow::{Context as _, bail};

mod session;
use jiff::civil::Date;
pub use session::{SearchRefresh, Session, rebuild};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

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
}

impl BuildReport {
    /// The report of a run over `site` that started at `start`.
    fn of(
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
        }
    }
}

/// Reads and assembles the site without writing anything.
pub fn check(opts: &BuildOptions) -> anyhow::Result<BuildReport> {
    let start = Instant::now();
    let mut stages = Vec::new();
    let mut notes = Vec::new();
    let (site, ..) = prepare(opts, &mut stages, &mut notes, None)?;
    Ok(BuildReport::of(&site, start, stages, notes, 0, None))
}

/// Reads and assembles the site without rendering anything (for `new`, which needs to know the
/// collections, their documents and their numbers).
pub fn read_site(opts: &BuildOptions) -> anyhow::Result<(Site, Config)> {
    let (mut stages, mut notes) = (Vec::new(), Vec::new());
    let (site, _, config, _) = prepare(opts, &mut stages, &mut notes, None)?;
    Ok((site, config))
}

/// Builds the site into OUT (atomically replacing it).
pub fn build(opts: &BuildOptions) -> anyhow::Result<BuildReport> {
    let highlighter = Highlighter::cached_in(&cache_dir_for(opts)?);
    build_full(opts, None, &highlighter).map(|(report, _)| report)
}

pub(crate) fn render_options(opts: &BuildOptions, config: &Config) -> RenderOptions {
    RenderOptions {
        site_dir: opts.dir.clone(),
        site_title: config.title.clone().unwrap_or_else(|| default_title(&opts.dir)),
        base_url: opts.base_url.clone().or(config.base_url.clone()).map(|u| u.trim_end_matches('/').to_string()),
        edit_base: edit_base(&opts.dir, config, opts.git),
        live_reload: opts.live_reload.clone(),
        today: opts.today,
        stale_blocker_after: config.attention.stale_blocker_after,
    }
}

/// What a complete build assembled, for `serve` to keep.
pub(crate) struct Assembled {
    pub site: Site,
    pub retained: Retained,
    pub config: Config,
    pub theme: Theme,
    pub render_opts: RenderOptions,
}

/// The complete build; returns what it assembled too unless the build kept the last good output.
pub(crate) fn build_full(
    opts: &BuildOptions,
    load_cache: Option<&mut LoadCache>,
    highlighter: &Highlighter,
) -> anyhow::Result<(BuildReport, Option<Assembled>)> {
    let start = Instant::now();
    let mut stages = Vec::new();
    let mut notes = Vec::new();
    // Taken before reading: a file changed while the build reads it then counts as changed.
    let (config, _) = Config::load(&opts.dir)?;
    let sources = fingerprint(&opts.dir, &config, &[out_dir(opts)], opts.git)?;
    let (site, retained, config, out) = prepare(opts, &mut stages, &mut notes, load_cache)?;
    let dir = &opts.dir;
    for col in &site.collections {
        if !col.path.is_empty() && normalise(&out).starts_with(normalise(&dir.join(&col.path))) {
            bail!(
                "output directory {} is inside the collection `{}`; its pages would be read as documents\n  = help: choose an output directory outside the documents, such as {}",
                out.display(),
                col.path,
                dir.join("_site").display()
            );
        }
    }
    if opts.keep_last_good
        && out.join("index.html").is_file()
        && site.diagnostics.iter().any(|d| d.severity == crate::diagnostic::Severity::Error)
    {
        return Ok((BuildReport::of(&site, start, stages, notes, 0, None), None));
    }
    let theme = Theme::load(dir)?;
    let render_opts = render_options(opts, &config);
    let staging = Staging::create(&out)?;
    let total = site.docs.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let tick = || {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if let Some(cb) = &opts.on_page {
            cb(n, total);
        }
    };
    // Search (index, then export) and pages are independent: they run side by side and share
    // the cores, so neither waits for the other to finish.
    let cache = cache_dir(opts, &config);
    let search = || -> anyhow::Result<_> {
        let t = Instant::now();
        let index = SearchIndex::build(&site, &cache, &config.search_aliases)?;
        index.remember(&cache, sources)?;
        let indexed = t.elapsed();
        let t = Instant::now();
        crate::search::export::export(&index, &staging)?;
        Ok([("index", indexed), ("export", t.elapsed())])
    };
    let pages = || -> anyhow::Result<_> {
        let t = Instant::now();
        let pages =
            render_site(&site, &theme, &render_opts, &staging, &tick, &crate::render::PageSet::All, highlighter)?;
        highlighter.save()?;
        Ok((pages, t.elapsed()))
    };
    let (searched, rendered) = rayon::join(search, pages);
    let (pages, took) = rendered?;
    stages.extend(searched?);
    stages.push(("render", took));
    let t = Instant::now();
    staging.commit()?;
    stages.push(("commit", t.elapsed()));
    let report = BuildReport::of(&site, start, stages, notes, pages, Some(out));
    Ok((report, Some(Assembled { site, retained, config, theme, render_opts })))
}

/// The site's search index, for `adrsite search`: opened as it is when the sources have not
/// changed since it was last brought up to date (which costs one walk and one `stat` per
/// document), else read, assembled and brought up to date first.
pub fn search_index(opts: &BuildOptions) -> anyhow::Result<SearchIndex> {
    require_dir(&opts.dir)?;
    let (config, _) = Config::load(&opts.dir)?;
    let cache = cache_dir(opts, &config);
    let fingerprint = fingerprint(&opts.dir, &config, &[out_dir(opts)], opts.git)?;
    if let Some(index) = SearchIndex::open_fresh(&cache, fingerprint, &config.search_aliases)? {
        return Ok(index);
    }
    let (site, _, config, _) = prepare(opts, &mut Vec::new(), &mut Vec::new(), None)?;
    let index = SearchIndex::build(&site, &cache, &config.search_aliases)?;
    index.remember(&cache, fingerprint)?;
    Ok(index)
}

/// The search cache directory of a build, reading `cache_dir` from `adrsite.toml` when set.
pub fn cache_dir_for(opts: &BuildOptions) -> anyhow::Result<PathBuf> {
    let (config, _) = Config::load(&opts.dir)?;
    Ok(cache_dir(opts, &config))
}

/// The search cache directory.
pub(crate) fn cache_dir(opts: &BuildOptions, config: &Config) -> PathBuf {
    opts.cache_dir
        .clone()
        .or_else(|| config.cache_dir.as_ref().map(|c| opts.dir.join(c)))
        .unwrap_or_else(|| opts.dir.join(".adrsite-cache"))
}

/// Config, load and assemble; shared by `build` and `check`.
fn prepare(
    opts: &BuildOptions,
    stages: &mut Vec<(&'static str, Duration)>,
    notes: &mut Vec<String>,
    load_cache: Option<&mut LoadCache>,
) -> anyhow::Result<(Site, Retained, Config, PathBuf)> {
    let dir = &opts.dir;
    require_dir(dir)?;
    let (config, mut config_diags) = Config::load(dir)?;
    let out = out_dir(opts);
    let (abs_dir, abs_out) = (normalise(dir), normalise(&out));
    if abs_out == abs_dir || abs_dir.starts_with(&abs_out) {
        bail!(
            "refusing to write the site into {}: it contains the documents\n  = help: use an output directory inside or beside it, such as {}",
            out.display(),
            dir.join("_site").display()
        );
    }
    if let Some(url) = &opts.base_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        bail!("--base-url `{url}` is not an absolute URL\n  = help: write it as https://example.org/path");
    }
    let t = Instant::now();
    // The one `git log` runs while the files are read.
    let (loaded, git) = std::thread::scope(|s| {
        let git = s.spawn(|| {
            let t = Instant::now();
            let history = if opts.git { read_history(dir) } else { GitHistory::Unavailable(String::new()) };
            (history, t.elapsed())
        });
        let loaded = load_sources_cached(dir, &config, std::slice::from_ref(&out), load_cache);
        let (history, took) =
            git.join().unwrap_or_else(|_| (GitHistory::Unavailable("the git pass failed".into()), Duration::ZERO));
        stages.push(("git", took));
        (loaded, history)
    });
    let mut loaded = loaded.with_context(|| format!("reading {}", dir.display()))?;
    loaded.diagnostics.append(&mut config_diags);
    if let GitHistory::Unavailable(reason) = &git
        && !reason.is_empty()
    {
        notes.push(format!("git dates are unavailable ({reason}); attention rules use the dates in the documents"));
    }
    stages.push(("load", t.elapsed()));
    let t = Instant::now();
    let (site, retained) = assemble_retained(loaded, &config, &git, opts.today);
    stages.push(("assemble", t.elapsed()));
    Ok((site, retained, config, out))
}

fn require_dir(dir: &Path) -> anyhow::Result<()> {
    if !dir.is_dir() {
        bail!(
            "{} is not a directory\n  = help: run adrsite in your repository, or pass the folder that holds the documents",
            dir.display()
        );
    }
    Ok(())
}

/// The output directory: `--out`, else `DIR/_site`.
pub(crate) fn out_dir(opts: &BuildOptions) -> PathBuf {
    opts.out.clone().unwrap_or_else(|| opts.dir.join("_site"))
}

/// An absolute, lexically normalised path (the output directory may not exist yet).
fn normalise(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let abs = abs.canonicalize().unwrap_or(abs);
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// The site title when none is configured: the directory's name.
pub fn default_title(dir: &Path) -> String {
    let name = normalise(dir).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.is_empty() { "Decision log".into() } else { crate::text::title_from_name(&name) }
}

/// `https://github.com/o/r/edit/BRANCH/PATH-OF-DIR-IN-REPO/`, when a repository is configured.
fn edit_base(dir: &Path, config: &Config, use_git: bool) -> Option<String> {
    let repo = config.repository.as_ref()?.trim_end_matches('/');
    let place = if use_git { crate::load::git::checkout(dir) } else { None };
    let prefix = place.as_ref().map(|p| p.prefix.clone()).unwrap_or_default();
    // The configured branch, else the checked-out one, else the remote's default branch; when
    // none is known (a detached checkout without a remote) `HEAD`, which GitHub resolves to the
    // default branch, never a guessed `main` or `master`.
    let branch = config.branch.clone().or_else(|| place.and_then(|p| p.branch)).unwrap_or_else(|| "HEAD".to_string());
    // GitLab spells the edit route `/-/edit/`.
    let route = if repo.contains("gitlab") { "-/edit" } else { "edit" };
    Some(format!("{repo}/{route}/{branch}/{prefix}"))
}

/// Whether a diagnostic code is about the configuration rather than content.
pub fn is_config(d: &Diagnostic) -> bool {
    d.code == Code::Config
}
