//! Watching the site directory: file-system events, debounced, reduced to what changed.
//!
//! Input: raw notify events (editors' atomic saves, renames and bursts of writes). Output: one
//! [`Change`] per burst, naming the kinds of change; events under the output and cache
//! directories, `.git` and other hidden folders never count, so a rebuild cannot trigger itself.

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer, new_debouncer_opt};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// What a changed file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// A document or sidecar: Markdown, `kep.yaml`.
    Content,
    /// `adrsite.toml`, `.adr-dir`, `.log4brains.yml`.
    Config,
    /// A template or stylesheet under `themes/`.
    Theme,
    /// Any other file (images and files documents link to).
    Static,
}

/// A burst of changes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// The kinds of change, sorted, without duplicates.
    pub kinds: Vec<ChangeKind>,
    /// The changed paths, relative to the site directory.
    pub paths: Vec<String>,
}

/// How to watch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum WatcherKind {
    /// The operating system's notifications (inotify, FSEvents, …).
    #[default]
    Native,
    /// Polling every half second, for file systems where notifications do not arrive (network
    /// mounts, some containers).
    Poll,
}

/// Classifies a path relative to the site directory; `None` for paths that never matter.
pub fn classify(rel: &str, ignored: &[String]) -> Option<ChangeKind> {
    if rel.is_empty() || ignored.iter().any(|i| rel == i || rel.starts_with(&format!("{i}/"))) {
        return None;
    }
    let segments: Vec<&str> = rel.split('/').collect();
    let name = segments.last().copied().unwrap_or_default();
    // Editors' swap and backup files, and anything hidden except the adr tools' config files.
    if segments.iter().any(|s| s.starts_with('.') && !matches!(*s, ".adr-dir" | ".log4brains.yml"))
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || matches!(segments[0], "_site" | "node_modules" | "target")
    {
        return None;
    }
    let lower = name.to_lowercase();
    Some(if segments[0] == "themes" {
        ChangeKind::Theme
    } else if matches!(name, "adrsite.toml" | ".adr-dir" | ".log4brains.yml") {
        ChangeKind::Config
    } else if crate::vocab::markdown_name::is_markdown(&lower) || lower == "kep.yaml" {
        ChangeKind::Content
    } else {
        ChangeKind::Static
    })
}

/// A running watcher; dropping it stops watching.
pub struct SiteWatcher {
    _guard: Box<dyn std::any::Any + Send>,
    /// Bursts of changes.
    pub changes: mpsc::Receiver<Change>,
}

/// Watches `dir`, ignoring `ignored` (absolute paths: the output and cache directories).
pub fn watch(dir: &Path, ignored: &[PathBuf], kind: WatcherKind) -> anyhow::Result<SiteWatcher> {
    let root = dir.canonicalize()?;
    let ignored_rel: Vec<String> = ignored
        .iter()
        .filter_map(|p| p.canonicalize().ok().or_else(|| std::path::absolute(p).ok()))
        .filter_map(|p| p.strip_prefix(&root).ok().map(|r| crate::load::discover::relative(Path::new(""), r)))
        .filter(|r| !r.is_empty())
        .collect();
    let (tx, rx) = mpsc::channel();
    let handler = {
        let root = root.clone();
        move |result: DebounceEventResult| {
            let Ok(events) = result else { return };
            let mut change = Change::default();
            for event in events {
                // Reading files (the build itself opens every document) is not a change.
                if matches!(event.kind, notify::EventKind::Access(_) | notify::EventKind::Other) {
                    continue;
                }
                for path in &event.paths {
                    // A folder's own events say nothing its files' events do not.
                    if path.is_dir() {
                        continue;
                    }
                    let Ok(rel) = path.strip_prefix(&root) else { continue };
                    let rel = crate::load::discover::relative(Path::new(""), rel);
                    if let Some(k) = classify(&rel, &ignored_rel) {
                        change.kinds.push(k);
                        change.paths.push(rel);
                    }
                }
            }
            change.kinds.sort();
            change.kinds.dedup();
            change.paths.sort();
            change.paths.dedup();
            if !change.kinds.is_empty() {
                let _ = tx.send(change);
            }
        }
    };
    // Editors save in bursts (write, rename, chmod) that last a few milliseconds; 40 ms collapses
    // a burst into one rebuild.
    let debounce = Duration::from_millis(40);
    let guard: Box<dyn std::any::Any + Send> = match kind {
        WatcherKind::Native => {
            let mut d = new_debouncer(debounce, None, handler)?;
            d.watch(&root, RecursiveMode::Recursive)?;
            Box::new(d)
        }
        WatcherKind::Poll => {
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(500));
            let mut d = new_debouncer_opt::<_, notify::PollWatcher, notify_debouncer_full::RecommendedCache>(
                debounce,
                None,
                handler,
                notify_debouncer_full::RecommendedCache::new(),
                config,
            )?;
            d.watch(&root, RecursiveMode::Recursive)?;
            Box::new(d)
        }
    };
    Ok(SiteWatcher { _guard: guard, changes: rx })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        let ignored = vec![".adrsite-cache".to_string(), "out".to_string()];
        assert_eq!(classify("docs/adr/0001-x.md", &ignored), Some(ChangeKind::Content));
        assert_eq!(classify("keps/x/kep.yaml", &ignored), Some(ChangeKind::Content));
        assert_eq!(classify("adrsite.toml", &ignored), Some(ChangeKind::Config));
        assert_eq!(classify(".adr-dir", &ignored), Some(ChangeKind::Config));
        assert_eq!(classify("themes/default/templates/doc.html", &ignored), Some(ChangeKind::Theme));
        assert_eq!(classify("docs/img/a.png", &ignored), Some(ChangeKind::Static));
        for never in
            ["out/index.html", ".adrsite-cache/x", ".git/HEAD", "docs/.0001.md.swp", "docs/a.md~", "_site/x.html"]
        {
            assert_eq!(classify(never, &ignored), None, "{never}");
        }
    }
}
