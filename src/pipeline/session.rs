//! What `serve` keeps between rebuilds, and the rebuild after a save.
//!
//! Input: the build options, the paths a watcher saw change and whether anything but documents
//! changed. Output: the output directory brought up to date in place, a report, and the search
//! refresh to run once the browser has reloaded.
//!
//! ```text
//! edit of known documents -> read them again -> patch the site (each alone) -> render their pages
//!                            (anything else, or a patch that reaches other pages: full assemble,
//!                             then render what the digests say changed)
//! config, theme or files  -> full build
//! ```

use super::{Assembled, BuildOptions, BuildReport, Settings, build_full, out_dir};
use crate::config::Config;
use crate::load::LoadCache;
use crate::model::Site;
use crate::model::assemble::{Retained, patch};
use crate::output::InPlace;
use crate::render::highlight::Highlighter;
use crate::render::incremental::{self, Digests};
use crate::render::{PageSet, RenderOptions, Theme, render_site};
use crate::search::SearchIndex;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// What `serve` keeps between rebuilds.
#[derive(Default)]
pub struct Session {
    load: LoadCache,
    digests: Option<Digests>,
    /// Kept for the session: a block highlighted once is not highlighted again.
    highlighter: Option<Highlighter>,
    /// The last complete assembly, patched by edits that stay inside a document.
    kept: Option<Kept>,
    /// Settings read before the first build, used by it instead of reading them again.
    settings: Option<Settings>,
}

impl Session {
    /// A session whose first build uses `settings`, already read.
    pub fn new(settings: Settings) -> Session {
        Session { settings: Some(settings), ..Session::default() }
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("load", &self.load).field("kept", &self.kept.is_some()).finish_non_exhaustive()
    }
}

/// The last full build's site, configuration, theme and render options: read once, reused by
/// every patch until something that is not a document changes.
struct Kept {
    /// The cache directory found for the last full build.
    cache: PathBuf,
    site: Arc<Site>,
    retained: Retained,
    config: Config,
    config_diagnostics: Vec<crate::diagnostic::Diagnostic>,
    theme: Theme,
    render_opts: RenderOptions,
}

/// Work for after the browser has reloaded: bringing the search index and its export up to date.
#[derive(Debug)]
pub struct SearchRefresh {
    site: Arc<Site>,
    cache: PathBuf,
    out: PathBuf,
    words: crate::config::SearchWords,
}

impl SearchRefresh {
    /// Updates the index and exports it into the output in place. The site is let go as soon
    /// as its search documents are made, so that the next edit can patch it without a copy.
    pub fn run(self) -> anyhow::Result<()> {
        let SearchRefresh { site, cache, out, words } = self;
        let docs = crate::search::document::documents(&site);
        drop(site);
        let index = SearchIndex::build_from(docs, &cache, &words, false)?;
        crate::search::export::export(&index, &InPlace::new(&out))?;
        Ok(())
    }
}

/// Rebuilds for `serve`. With `full` (config, theme or static files changed) or on the first
/// call this is a complete build. Otherwise the changed documents are read again: each is
/// assembled alone when the edit stays inside it, else the site is assembled again from the
/// load cache; then only the pages that show something that changed are rendered, in place.
/// Returns the search refresh to run after the browser has reloaded, when one is needed.
pub fn rebuild(
    opts: &BuildOptions,
    session: &mut Session,
    full: bool,
    changed: &[String],
) -> anyhow::Result<(BuildReport, Option<SearchRefresh>)> {
    if !full && let Some(done) = patched(opts, session, changed)? {
        return Ok(done);
    }
    if full || session.digests.is_none() {
        return complete(opts, session);
    }
    let start = Instant::now();
    let mut stages = Vec::new();
    let mut notes = Vec::new();
    session.load.hint = Some(changed.iter().cloned().collect());
    // Only documents changed, so the settings are those of the last full build.
    let settings = match &session.kept {
        Some(kept) => Settings { config: kept.config.clone(), diagnostics: kept.config_diagnostics.clone() },
        None => Settings::read(opts)?,
    };
    let config_diagnostics = settings.diagnostics.clone();
    let (site, retained, config, out) =
        super::prepare(opts, settings, &mut stages, &mut notes, Some(&mut session.load))?;
    let errors = site.diagnostics.iter().any(|d| d.severity == crate::diagnostic::Severity::Error);
    if opts.keep_last_good && errors {
        return Ok((BuildReport::of(&site, start, stages, notes, 0, None), None));
    }
    let t = Instant::now();
    let previous = session.digests.take().unwrap_or_default();
    let (set, digests) = incremental::affected(&previous, &site, &session.load.reread);
    stages.push(("compare", t.elapsed()));
    let Some(set) = set else {
        // Documents were added or removed: a full build keeps every list and link right.
        session.digests = None;
        return complete(opts, session);
    };
    session.digests = Some(digests);
    let t = Instant::now();
    let theme = crate::render::Theme::load(&opts.dir)?;
    let render_opts = super::render_options(opts, &config);
    let highlighter = session.highlighter.get_or_insert_with(Highlighter::new);
    let pages = render_site(&site, &theme, &render_opts, &InPlace::new(&out), &|| {}, &set, highlighter)?;
    stages.push(("render", t.elapsed()));
    let report = BuildReport::of(&site, start, stages, notes, pages, Some(out.clone()));
    let site = Arc::new(site);
    let cache = match &session.kept {
        Some(kept) => kept.cache.clone(),
        None => settings_cache(opts, &config),
    };
    let refresh = refresh_of(&cache, &config, Arc::clone(&site), out);
    session.kept = Some(Kept { cache, site, retained, config, config_diagnostics, theme, render_opts });
    Ok((report, Some(refresh)))
}

/// A complete build, keeping what it assembled.
fn complete(opts: &BuildOptions, session: &mut Session) -> anyhow::Result<(BuildReport, Option<SearchRefresh>)> {
    let settings = match session.settings.take() {
        Some(s) => s,
        None => Settings::read(opts)?,
    };
    let config_diagnostics = settings.diagnostics.clone();
    let cache = settings.cache_dir(opts);
    let highlighter = match session.highlighter.take() {
        Some(h) => h,
        None => Highlighter::cached_in(&cache.dir),
    };
    let built = build_full(opts, settings, &cache, Some(&mut session.load), &highlighter);
    session.highlighter = Some(highlighter);
    let (report, assembled) = built?;
    session.kept = None;
    if let Some(Assembled { site, retained, config, theme, render_opts }) = assembled {
        session.digests = Some(incremental::digests(&site));
        let site = Arc::new(site);
        session.kept = Some(Kept { cache: cache.dir, site, retained, config, config_diagnostics, theme, render_opts });
    }
    // The build brought the search index up to date itself.
    Ok((report, None))
}

/// The rebuild after an edit of known documents that stays inside each of them: read them again,
/// patch the kept site, render their pages. `None` when that does not apply (the caller then
/// assembles the whole site).
fn patched(
    opts: &BuildOptions,
    session: &mut Session,
    changed: &[String],
) -> anyhow::Result<Option<(BuildReport, Option<SearchRefresh>)>> {
    let (Some(kept), Some(digests)) = (session.kept.as_mut(), session.digests.as_mut()) else { return Ok(None) };
    if changed.is_empty() {
        return Ok(None);
    }
    let start = Instant::now();
    let mut read = Vec::with_capacity(changed.len());
    for rel in changed {
        match crate::load::reread(&opts.dir, &kept.config, &session.load, rel, &kept.site.collections)? {
            Some(doc) => read.push(doc),
            None => return Ok(None),
        }
    }
    let loaded = start.elapsed();
    let t = Instant::now();
    // Patched in place (copied only while a search refresh still reads the previous site). When
    // one of several documents cannot be patched, those patched before it are still right, and
    // the caller assembles the whole site, which replaces this one.
    let site = Arc::make_mut(&mut kept.site);
    let mut ids = BTreeSet::new();
    let mut lists = false;
    for (doc, diagnostics) in &read {
        let Some(p) = patch(site, &kept.retained, doc.clone(), diagnostics.clone(), &kept.config, opts.today) else {
            return Ok(None);
        };
        lists |= p.excerpt_changed;
        ids.insert(p.id);
    }
    for (doc, diagnostics) in &read {
        session.load.remember(&opts.dir, doc, diagnostics);
    }
    incremental::refresh(digests, site, &ids);
    let assembled = t.elapsed();
    let t = Instant::now();
    let out = out_dir(opts);
    // What the patch replaced shows only on the document's own page (and, through its excerpt,
    // in the feeds and llms.txt).
    let set = PageSet::Some { docs: ids, lists, api: false };
    let highlighter = session.highlighter.get_or_insert_with(Highlighter::new);
    let pages =
        render_site(&kept.site, &kept.theme, &kept.render_opts, &InPlace::new(&out), &|| {}, &set, highlighter)?;
    let stages = vec![("load", loaded), ("assemble", assembled), ("render", t.elapsed())];
    let report = BuildReport::of(&kept.site, start, stages, Vec::new(), pages, Some(out.clone()));
    let refresh = refresh_of(&kept.cache, &kept.config, Arc::clone(&kept.site), out);
    Ok(Some((report, Some(refresh))))
}

fn refresh_of(cache: &std::path::Path, config: &Config, site: Arc<Site>, out: PathBuf) -> SearchRefresh {
    SearchRefresh { site, cache: cache.to_path_buf(), out, words: config.search.clone() }
}

/// The cache directory when no full build has found it yet.
fn settings_cache(opts: &BuildOptions, config: &Config) -> PathBuf {
    super::places::cache_dir(opts, config).dir
}
