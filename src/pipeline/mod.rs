//! The only place that knows the order of the stages.
//!
//! ```text
//! settings (adrsite.toml, read once)
//!   -> load (walk, read, one parse per body; git log alongside) -> Loaded   [parallel]
//!   -> assemble (ids, status, links, graph, people, attention)  -> Site
//!   -> search index + export  ||  render (pages, API, feeds)    -> staging  [side by side]
//!   -> commit (swap staging into OUT)
//! ```
//!
//! `check` stops after assembling; `build` goes on to write; `search` opens the cached index when
//! the sources have not changed. All return every diagnostic. `serve`'s rebuilds are in
//! [`session`]; where things are read and written in `places`.

mod federation;
mod options;
mod places;
mod session;

pub use options::{BuildOptions, BuildReport, FetchProgress, Settings};
pub use places::{Cache, default_title};
pub use session::{SearchRefresh, Session, rebuild};

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
use places::{normalise, out_dir, render_options};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Reads and assembles the site without writing anything.
pub fn check(opts: &BuildOptions) -> anyhow::Result<BuildReport> {
    let start = Instant::now();
    let mut stages = Vec::new();
    let mut notes = Vec::new();
    let (site, ..) = prepare(opts, Settings::read(opts)?, &mut stages, &mut notes, None)?;
    Ok(BuildReport::of(&site, start, stages, notes, 0, None))
}

/// Reads and assembles the site without rendering anything (for `new`, which needs to know the
/// collections, their documents and their numbers).
pub fn read_site(opts: &BuildOptions) -> anyhow::Result<(Site, Config)> {
    let (mut stages, mut notes) = (Vec::new(), Vec::new());
    let (site, _, config, _) = prepare(opts, Settings::read(opts)?, &mut stages, &mut notes, None)?;
    Ok((site, config))
}

/// Builds the site into OUT (atomically replacing it).
pub fn build(opts: &BuildOptions) -> anyhow::Result<BuildReport> {
    let settings = Settings::read(opts)?;
    let cache = settings.cache_dir(opts);
    let highlighter = Highlighter::cached_in(&cache.dir);
    build_full(opts, settings, &cache, None, &highlighter).map(|(report, _)| report)
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
    settings: Settings,
    cache: &Cache,
    load_cache: Option<&mut LoadCache>,
    highlighter: &Highlighter,
) -> anyhow::Result<(BuildReport, Option<Assembled>)> {
    let start = Instant::now();
    let mut stages = Vec::new();
    let mut notes = Vec::new();
    // Taken before reading: a file changed while the build reads it then counts as changed.
    let sources = fingerprint(&opts.dir, &settings.config, &[out_dir(opts)], opts.git)?;
    let (site, retained, config, out) = prepare(opts, settings, &mut stages, &mut notes, load_cache)?;
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
    notes.extend(cache.note.clone());
    let cache = &cache.dir;
    let search = || -> anyhow::Result<_> {
        let t = Instant::now();
        let index = SearchIndex::build(&site, cache, &config.search)?;
        index.remember(cache, sources)?;
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
    let settings = Settings::read(opts)?;
    let Cache { dir: cache, note } = settings.cache_dir(opts);
    if let Some(note) = note {
        eprintln!("note: {note}");
    }
    let fingerprint = fingerprint(&opts.dir, &settings.config, &[out_dir(opts)], opts.git)?;
    // The fingerprint walks this directory only: an organisation's sources change elsewhere.
    if settings.config.sources.is_empty()
        && let Some(index) = SearchIndex::open_fresh(&cache, fingerprint, &settings.config.search)?
    {
        return Ok(index);
    }
    let (site, _, config, _) = prepare(opts, settings, &mut Vec::new(), &mut Vec::new(), None)?;
    let index = SearchIndex::build(&site, &cache, &config.search)?;
    index.remember(&cache, fingerprint)?;
    Ok(index)
}

/// Load and assemble; shared by `build`, `check` and `serve`.
fn prepare(
    opts: &BuildOptions,
    settings: Settings,
    stages: &mut Vec<(&'static str, Duration)>,
    notes: &mut Vec<String>,
    load_cache: Option<&mut LoadCache>,
) -> anyhow::Result<(Site, Retained, Config, PathBuf)> {
    let dir = &opts.dir;
    let Settings { mut config, diagnostics: mut config_diags } = settings;
    let out = out_dir(opts);
    let (abs_dir, abs_out) = (normalise(dir), normalise(&out));
    if abs_out == abs_dir || abs_dir.starts_with(&abs_out) {
        bail!(
            "refusing to write the site into {}: it contains the documents\n  = help: use an output directory inside or beside it, such as {}",
            out.display(),
            dir.join("_site").display()
        );
    }
    let t = Instant::now();
    if !config.sources.is_empty() {
        // An organisation's site: its own documents and every source, each with its own history.
        let cache = places::cache_dir(opts, &config);
        notes.extend(cache.note.clone());
        let (mut loaded, git) =
            federation::load(opts, &mut config, std::slice::from_ref(&out), &cache.dir, load_cache, notes)?;
        loaded.diagnostics.append(&mut config_diags);
        stages.push(("load", t.elapsed()));
        let t = Instant::now();
        let (site, retained) = assemble_retained(loaded, &config, &git, opts.today);
        stages.push(("assemble", t.elapsed()));
        notes.extend(skipped_note(&site.skipped));
        return Ok((site, retained, config, out));
    }
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
    if opts.git {
        loaded.repo_prefix = crate::load::git::checkout(dir).map(|c| c.prefix).unwrap_or_default();
    }
    loaded.diagnostics.append(&mut config_diags);
    if loaded.docs.is_empty() {
        let help = match other_markup(&loaded.skipped) {
            // A repository of reStructuredText decisions: say why none is read.
            Some((n, languages, first)) => format!(
                "{n} file{} here {} {languages} (`{first}`{}), which adrsite does not read: it reads Markdown (.md, .markdown)",
                if n == 1 { "" } else { "s" },
                if n == 1 { "is" } else { "are" },
                if n == 1 { "" } else { ", …" }
            ),
            None => "adrsite reads Markdown files (.md, .markdown) below the directory it is given: pass the folder that holds them, check `[[collections]]` and `exclude` in adrsite.toml, or run `adrsite init`".to_string(),
        };
        loaded.diagnostics.push(
            Diagnostic::warning("", 1, 1, Code::EmptySite, "no documents were found; the site is empty")
                .with_help(help),
        );
    }
    if let GitHistory::Unavailable(reason) = &git
        && !reason.is_empty()
    {
        notes.push(format!("git dates are unavailable ({reason}); attention rules use the dates in the documents"));
    }
    stages.push(("load", t.elapsed()));
    let t = Instant::now();
    let (site, retained) = assemble_retained(loaded, &config, &git, opts.today);
    stages.push(("assemble", t.elapsed()));
    notes.extend(skipped_note(&site.skipped));
    Ok((site, retained, config, out))
}

/// A note when Markdown-like files were left out for a reason a reader may not expect (partials,
/// layouts, extensions adrsite does not read); templates and licences are left out by design.
/// How many skipped files are in another markup language, which languages (`reStructuredText`,
/// `reStructuredText and AsciiDoc`), and the first of them.
fn other_markup(skipped: &[(String, crate::load::skip::Skip)]) -> Option<(usize, String, &str)> {
    let files: Vec<&str> = skipped
        .iter()
        .filter(|(_, why)| *why == crate::load::skip::Skip::OtherMarkup)
        .map(|(p, _)| p.as_str())
        .collect();
    let mut languages: Vec<&str> = files.iter().filter_map(|f| crate::vocab::markdown_name::other_markup(f)).collect();
    languages.sort_unstable();
    languages.dedup();
    let languages = match languages.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => return None,
    };
    Some((files.len(), languages, files[0]))
}

fn skipped_note(skipped: &[(String, crate::load::skip::Skip)]) -> Option<String> {
    use crate::load::skip::Skip;
    let counts: Vec<String> = [Skip::Partial, Skip::Layout, Skip::Extension]
        .into_iter()
        .filter_map(|why| {
            let n = skipped.iter().filter(|(_, w)| *w == why).count();
            let what = match why {
                Skip::Partial => "partial",
                Skip::Layout => "layout",
                _ => "with an extension adrsite does not read",
            };
            (n > 0).then(|| format!("{n} {what}{}", if n == 1 || why == Skip::Extension { "" } else { "s" }))
        })
        .collect();
    let total: usize =
        skipped.iter().filter(|(_, w)| !matches!(w, Skip::Template | Skip::Licence | Skip::OtherMarkup)).count();
    let markdown = (total > 0).then(|| {
        format!(
            "{total} Markdown-like file{} {} not pages ({})",
            if total == 1 { "" } else { "s" },
            if total == 1 { "is" } else { "are" },
            counts.join(", ")
        )
    });
    let other = other_markup(skipped).map(|(n, languages, _)| {
        format!(
            "{n} file{} in {languages} {} not read",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" }
        )
    });
    let parts: Vec<String> = markdown.into_iter().chain(other).collect();
    (!parts.is_empty()).then(|| format!("{}; -v lists each with the reason", parts.join("; ")))
}
