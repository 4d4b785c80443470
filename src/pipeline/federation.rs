//! The load stage of an organisation's site: its own documents, then every `[[sources]]` entry
//! fetched (git sources, in parallel), read from its own directory with its own `adrsite.toml`,
//! dated from its own history, and mounted under its name; `adrsite.lock` records the commits.
//!
//! Input: [`BuildOptions`] and the site's [`Config`]. Output: one [`Loaded`] with its mounts, the
//! git dates of every source, and notes; a source that cannot be read is a diagnostic and the
//! rest still builds.

use super::BuildOptions;
use crate::config::{Config, SourceConfig, SourceLocation};
use crate::diagnostic::{Code, Diagnostic};
use crate::load::federate::fetch::{self, Fetched, Mode, Remote, RemoteSource, State};
use crate::load::federate::lock::{self, Locked};
use crate::load::federate::mount::{self, Mount};
use crate::load::git::{FileHistory, GitHistory};
use crate::load::{LoadCache, Loaded};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where a source was read from, for diagnostics.
const CONFIG: &str = crate::config::FILE_NAME;

/// Loads the site's own documents and every source, mounted.
pub(super) fn load(
    opts: &BuildOptions,
    config: &mut Config,
    skip: &[PathBuf],
    cache_dir: &Path,
    load_cache: Option<&mut LoadCache>,
    notes: &mut Vec<String>,
) -> anyhow::Result<(Loaded, GitHistory)> {
    let dir = &opts.dir;
    // Sources checked out inside the site directory are read as sources, not twice.
    let mut skip = skip.to_vec();
    for s in &config.sources {
        if let SourceLocation::Path(p) = &s.location {
            skip.push(dir.join(p));
        }
    }
    let mut loaded = crate::load::load_sources_cached(dir, config, &skip, load_cache)?;
    let mut dates: BTreeMap<String, FileHistory> = BTreeMap::new();
    if opts.git {
        loaded.repo_prefix = crate::load::git::checkout(dir).map(|c| c.prefix).unwrap_or_default();
        if let GitHistory::Dates(own) = crate::load::git::read_history(dir) {
            dates.extend(own);
        }
    }

    let fetched = fetch_git_sources(opts, config, cache_dir, &mut loaded.diagnostics)?;
    let mut no_dates = Vec::new();
    for source in &config.sources.clone() {
        let (root, commit, stale) = match &source.location {
            SourceLocation::Path(p) => {
                let root = dir.join(p);
                let commit = opts.git.then(|| crate::load::git::ask(&root, &["rev-parse", "HEAD"])).flatten();
                (root, commit, None)
            }
            SourceLocation::Git { .. } | SourceLocation::Site(_) => match fetched.get(&source.name) {
                Some(Fetched { dir, commit, state: State::Current, .. }) => (dir.clone(), commit.clone(), None),
                Some(Fetched { dir, commit, state: State::Stale(why), .. }) => {
                    (dir.clone(), commit.clone(), Some(why.clone()))
                }
                // Reported while fetching.
                _ => continue,
            },
        };
        let site_dir = if source.dir.is_empty() { root.clone() } else { root.join(&source.dir) };
        if !site_dir.is_dir() {
            loaded.diagnostics.push(unavailable(
                source,
                format!("{} is not a folder", site_dir.display()),
                "check the source's `path` (relative to this site's folder) and `dir`",
            ));
            continue;
        }
        if let Some(c) = loaded
            .collections
            .iter()
            .find(|c| c.slug == source.name || c.slug.starts_with(&format!("{}/", source.name)))
        {
            loaded.diagnostics.push(unavailable(
                source,
                format!("its name is also the folder of this site's collection `{}` ({})", c.slug, c.path),
                "rename the source: its pages would be written over that collection's",
            ));
            continue;
        }
        let (mut own_config, config_diags) = match Config::load(&site_dir) {
            Ok(loaded_config) => loaded_config,
            Err(e) => {
                loaded.diagnostics.push(unavailable(
                    source,
                    format!("its adrsite.toml cannot be read: {e:#}"),
                    "fix the source's own adrsite.toml; the other sources are built",
                ));
                continue;
            }
        };
        if !own_config.sources.is_empty() {
            notes.push(format!(
                "source `{}` lists sources of its own; they are not read (list them in this site's adrsite.toml)",
                source.name
            ));
        }
        let (part, repository) = {
            if own_config.repository.is_none() {
                own_config.repository = repository_of(source, &site_dir, opts.git);
            }
            let mut part = crate::load::load_sources(&site_dir, &own_config, &[site_dir.join("_site")])?;
            part.diagnostics.extend(config_diags);
            (part, own_config.repository.clone())
        };
        let prefix = if opts.git {
            crate::load::git::checkout(&site_dir).map(|c| c.prefix).unwrap_or_default()
        } else {
            match &source.location {
                SourceLocation::Git { .. } if !source.dir.is_empty() => format!("{}/", source.dir),
                _ => String::new(),
            }
        };
        let edit_base = super::places::repository_links(&site_dir, &own_config, opts.git).map(|(edit, _)| edit);
        if let Some(why) = &stale {
            let at = commit.as_deref().map(|c| format!(" (commit {})", &c[..c.len().min(12)])).unwrap_or_default();
            loaded.diagnostics.push(
                Diagnostic::warning(
                    CONFIG,
                    source.line,
                    1,
                    Code::SourceStale,
                    format!(
                        "source `{}` could not be fetched ({why}); its last fetched copy{at} is shown",
                        source.name
                    ),
                )
                .with_help("the pages of this source say so; build again when the repository can be reached"),
            );
        }
        // A published site's dates are in what it publishes; its copy has no history.
        if opts.git && !matches!(source.location, SourceLocation::Site(_)) {
            let history = crate::load::git::read_history(&site_dir);
            if let Some(why) = mount::merge_history(&mut dates, history, &source.name) {
                no_dates.push(format!("{} ({why})", source.name));
            }
        }
        // Statuses a source maps are its documents' words; the site's own mapping wins.
        for (label, status) in &own_config.statuses {
            config.statuses.entry(label.clone()).or_insert(*status);
        }
        mount::merge(&mut loaded, part, &source.name);
        loaded.mounts.push(Mount {
            namespace: source.name.clone(),
            repository,
            prefix,
            edit_base,
            commit,
            stale,
            dir: site_dir.clone(),
        });
    }
    if !no_dates.is_empty() {
        notes.push(format!(
            "git dates are unavailable for {}; attention rules use the dates in their documents",
            no_dates.join(", ")
        ));
    }
    let history = if opts.git { GitHistory::Dates(dates) } else { GitHistory::Unavailable(String::new()) };
    Ok((loaded, history))
}

/// The web URL of a source's repository: its git URL, else its checkout's `origin` remote.
fn repository_of(source: &SourceConfig, site_dir: &Path, use_git: bool) -> Option<String> {
    match &source.location {
        SourceLocation::Git { url, .. } => crate::load::git::web_url(url),
        SourceLocation::Site(_) => None,
        SourceLocation::Path(_) if use_git => crate::load::git::ask(site_dir, &["remote", "get-url", "origin"])
            .and_then(|u| crate::load::git::web_url(&u)),
        SourceLocation::Path(_) => None,
    }
}

fn unavailable(source: &SourceConfig, why: String, help: &str) -> Diagnostic {
    Diagnostic::error(
        CONFIG,
        source.line,
        1,
        Code::SourceUnavailable,
        format!("source `{}` cannot be read: {why}", source.name),
    )
    .with_help(help)
}

/// Fetches the git sources (refreshed, offline or at the locked commits), reports the ones that
/// failed, and records the commits in `adrsite.lock` when they were refreshed.
fn fetch_git_sources(
    opts: &BuildOptions,
    config: &Config,
    cache_dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> anyhow::Result<BTreeMap<String, Fetched>> {
    let sources: Vec<RemoteSource> = config
        .sources
        .iter()
        .filter_map(|s| match &s.location {
            SourceLocation::Git { url, rev } => {
                Some(RemoteSource { name: s.name.clone(), url: url.clone(), remote: Remote::Git(rev.clone()) })
            }
            SourceLocation::Site(url) => {
                Some(RemoteSource { name: s.name.clone(), url: url.clone(), remote: Remote::Site })
            }
            SourceLocation::Path(_) => None,
        })
        .collect();
    if sources.is_empty() {
        return Ok(BTreeMap::new());
    }
    let lock_path = opts.dir.join(lock::FILE_NAME);
    let previous = match std::fs::read_to_string(&lock_path) {
        Ok(text) => lock::parse(&text)?,
        Err(_) => BTreeMap::new(),
    };
    let mode = if opts.locked {
        if previous.is_empty() {
            anyhow::bail!(
                "--locked needs {}, which is missing or empty\n  = help: build once without --locked to write it, and commit it",
                lock_path.display()
            );
        }
        Mode::Locked(previous.iter().map(|(n, l)| (n.clone(), l.commit.clone())).collect())
    } else if opts.offline {
        Mode::Offline
    } else {
        Mode::Refresh
    };
    let total = sources.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let progress = |name: &str| {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if let Some(cb) = &opts.on_fetch {
            cb(name, n, total);
        }
    };
    let fetched = fetch::fetch_all(&sources, &cache_dir.join("sources"), &mode, &progress);
    let mut locked = previous.clone();
    for f in &fetched {
        let source = config.sources.iter().find(|s| s.name == f.name).expect("fetched sources are configured");
        if let State::Missing(why) = &f.state {
            diagnostics.push(unavailable(
                source,
                why.clone(),
                match &source.location {
                    SourceLocation::Site(_) => "check the `site` URL: it must serve the api/docs.json and search/ that adrsite publishes; the other sources are built",
                    _ => "check the `git` URL and `ref`, and that this machine can reach it; the other sources are built",
                },
            ));
        }
        if let (State::Current, Some(commit), Some(git)) =
            (&f.state, &f.commit, sources.iter().find(|s| s.name == f.name))
        {
            locked
                .insert(f.name.clone(), Locked { name: f.name.clone(), url: git.url.clone(), commit: commit.clone() });
        }
    }
    locked.retain(|name, _| sources.iter().any(|s| s.name == *name));
    if matches!(mode, Mode::Refresh) && locked != previous {
        crate::output::replace_file(&lock_path, lock::render(&locked).as_bytes())?;
    }
    Ok(fetched.into_iter().map(|f| (f.name.clone(), f)).collect())
}
