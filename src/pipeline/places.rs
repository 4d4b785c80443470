//! Where a build reads and writes, and the render options that follow from the settings.
//!
//! Input: [`BuildOptions`] and the [`Config`]. Output: the output and cache directories, the
//! checks that keep the output away from the documents, the site title, the edit-link base and
//! the [`RenderOptions`].

use super::BuildOptions;
use crate::config::Config;
use crate::render::RenderOptions;
use anyhow::bail;
use std::path::{Component, Path, PathBuf};

pub(crate) fn render_options(opts: &BuildOptions, config: &Config) -> RenderOptions {
    let (edit_base, repo_base) = repository_links(&opts.dir, config, opts.git).unzip();
    RenderOptions {
        site_dir: opts.dir.clone(),
        site_title: config.title.clone().unwrap_or_else(|| default_title(&opts.dir)),
        base_url: opts.base_url.clone().or(config.base_url.clone()).map(|u| u.trim_end_matches('/').to_string()),
        edit_base,
        repo_base,
        commit_base: config.repository.as_deref().map(crate::load::git::commit_base),
        live_reload: opts.live_reload.clone(),
        today: opts.today,
        stale_blocker_after: config.attention.stale_blocker_after,
        raw_html: if config.allow_raw_html {
            crate::render::sanitise::RawHtml::Allow
        } else {
            crate::render::sanitise::RawHtml::Sanitise
        },
    }
}

/// The cache directory asked for: `--cache-dir`, else `cache_dir` from `adrsite.toml`, else
/// `DIR/.adrsite-cache`.
fn wanted_cache_dir(opts: &BuildOptions, config: &Config) -> PathBuf {
    opts.cache_dir
        .clone()
        .or_else(|| config.cache_dir.as_ref().map(|c| opts.dir.join(c)))
        .unwrap_or_else(|| opts.dir.join(".adrsite-cache"))
}

/// The cache directory a command uses, found once per command (it is tried by writing to it).
#[derive(Clone, Debug)]
pub struct Cache {
    /// The directory.
    pub dir: PathBuf,
    /// Why it is not the one asked for, when it is not.
    pub note: Option<String>,
}

/// The cache directory to use: the one asked for when it can be written, else (a read-only
/// checkout, a mounted volume) one in the system's temporary directory, named after the site
/// directory so that later runs find it again, with a note saying so.
pub(crate) fn cache_dir(opts: &BuildOptions, config: &Config) -> Cache {
    let wanted = wanted_cache_dir(opts, config);
    let probe = wanted.join(".adrsite-write-test");
    let writable = std::fs::create_dir_all(&wanted).and_then(|_| std::fs::write(&probe, b"")).map(|_| {
        let _ = std::fs::remove_file(&probe);
    });
    match writable {
        Ok(()) => Cache { dir: wanted, note: None },
        Err(e) => {
            let site = normalise(&opts.dir).to_string_lossy().into_owned();
            let fallback = std::env::temp_dir().join(format!("adrsite-cache-{:016x}", crate::text::stable_hash(&site)));
            let note = format!(
                "the cache directory {} cannot be written ({e}); using {} instead (set another with --cache-dir or `cache_dir` in adrsite.toml)",
                wanted.display(),
                fallback.display()
            );
            Cache { dir: fallback, note: Some(note) }
        }
    }
}

pub(crate) fn require_dir(dir: &Path) -> anyhow::Result<()> {
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
pub(crate) fn normalise(p: &Path) -> PathBuf {
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

/// When a repository is configured: where edits of the site's files go,
/// `https://github.com/o/r/edit/BRANCH/PATH-OF-DIR-IN-REPO/`, and where the repository's other
/// files are shown, `https://github.com/o/r/blob/BRANCH/`.
pub(super) fn repository_links(dir: &Path, config: &Config, use_git: bool) -> Option<(String, String)> {
    let repo = config.repository.as_ref()?.trim_end_matches('/');
    let place = if use_git { crate::load::git::checkout(dir) } else { None };
    let prefix = place.as_ref().map(|p| p.prefix.clone()).unwrap_or_default();
    // The configured branch, else the checked-out one, else the remote's default branch; when
    // none is known (a detached checkout without a remote) `HEAD`, which GitHub resolves to the
    // default branch, never a guessed `main` or `master`.
    let branch = config.branch.clone().or_else(|| place.and_then(|p| p.branch)).unwrap_or_else(|| "HEAD".to_string());
    // GitLab spells the routes `/-/edit/` and `/-/blob/`.
    let dash = if repo.contains("gitlab") { "-/" } else { "" };
    Some((format!("{repo}/{dash}edit/{branch}/{prefix}"), format!("{repo}/{dash}blob/{branch}/")))
}
