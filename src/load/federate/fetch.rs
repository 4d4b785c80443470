//! Sources fetched into the cache. A git source is cloned once without file contents (a
//! partial clone keeps every commit, so `git log` still dates each file), refreshed on every
//! build unless offline, and checked out at a locked commit when asked. A `site` source is read
//! again from what it publishes ([`super::published`]). A source that cannot be fetched falls
//! back to its last good copy; one that was never fetched is missing.
//!
//! Input: the sources, the folder their copies live in, and [`Mode`]. Output: one [`Fetched`]
//! per source, in the order given, fetched in parallel.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A source to fetch.
#[derive(Clone, Debug)]
pub struct RemoteSource {
    /// The source's name, which names its copy in the cache.
    pub name: String,
    /// The repository URL, or the published site's base URL.
    pub url: String,
    /// What is at the URL.
    pub remote: Remote,
}

/// What a source's URL leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Remote {
    /// A git repository, read at a branch, tag or commit (the remote's default branch when
    /// `None`).
    Git(Option<String>),
    /// A site published with adrsite, read from what it publishes.
    Site,
}

/// How fetching goes.
#[derive(Clone, Debug)]
pub enum Mode {
    /// Fetch, and check out the branch, tag or commit asked for.
    Refresh,
    /// Use the copies in the cache as they are (`--offline`).
    Offline,
    /// Check out the commits of `adrsite.lock`, by source name, fetching only what is missing.
    Locked(BTreeMap<String, String>),
}

/// What became of one source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    /// Fetched now, or used from the cache offline.
    Current,
    /// Fetching failed; the last good copy is used. Why it failed.
    Stale(String),
    /// Never fetched, and fetching failed now: there is nothing to read. Why.
    Missing(String),
}

/// One source after fetching.
#[derive(Clone, Debug)]
pub struct Fetched {
    /// The source's name.
    pub name: String,
    /// The checkout to read (unless missing).
    pub dir: PathBuf,
    /// The commit checked out.
    pub commit: Option<String>,
    /// Whether it is current.
    pub state: State,
}

/// How many fetches run at once: they wait on the network, not on the processors.
const PARALLEL: usize = 8;

/// Fetches every source into `cache/NAME`, up to [`PARALLEL`] at once. `done` is called after
/// each, with the source's name, for progress.
pub fn fetch_all(sources: &[RemoteSource], cache: &Path, mode: &Mode, done: &(dyn Fn(&str) + Sync)) -> Vec<Fetched> {
    // git runs in other folders (`-C`): paths must not depend on this process's.
    let cache = &std::path::absolute(cache).unwrap_or_else(|_| cache.to_path_buf());
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Fetched>>> = Mutex::new(vec![None; sources.len()]);
    std::thread::scope(|s| {
        for _ in 0..PARALLEL.min(sources.len()) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(source) = sources.get(i) else { break };
                    let fetched = fetch_one(source, &cache.join(&source.name), mode);
                    done(&source.name);
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(fetched);
                    }
                }
            });
        }
    });
    results.into_inner().unwrap_or_default().into_iter().flatten().collect()
}

fn fetch_one(source: &RemoteSource, dest: &Path, mode: &Mode) -> Fetched {
    let rev = match &source.remote {
        Remote::Site => return fetch_published(source, dest, mode),
        Remote::Git(rev) => rev.as_deref(),
    };
    let had_copy = dest.join(".git").exists();
    let outcome = refresh(source, rev, dest, mode, had_copy);
    let commit = git(dest, &["rev-parse", "HEAD"]).ok();
    let state = match outcome {
        Ok(()) => State::Current,
        Err(why) if commit.is_some() && had_copy => State::Stale(why),
        Err(why) => State::Missing(why),
    };
    Fetched { name: source.name.clone(), dir: dest.to_path_buf(), commit, state }
}

/// A published site: read again (unless offline or locked to the build in the cache).
fn fetch_published(source: &RemoteSource, dest: &Path, mode: &Mode) -> Fetched {
    let had = super::published::copy_build(dest);
    let outcome = match mode {
        Mode::Offline if had.is_some() => Ok(()),
        Mode::Offline => Err("it has never been read, and the build is offline".to_string()),
        Mode::Locked(builds) => match (builds.get(&source.name), &had) {
            (Some(locked), Some(copy)) if locked == copy => Ok(()),
            (Some(_), _) => Err("the cache no longer holds the published build adrsite.lock names; build without --locked to read the site again".to_string()),
            (None, _) => Err("adrsite.lock has no build for it; build without --locked once to record one".to_string()),
        },
        Mode::Refresh => super::published::fetch(&source.url, dest).map(drop),
    };
    let commit = super::published::copy_build(dest);
    let state = match outcome {
        Ok(()) => State::Current,
        Err(why) if had.is_some() && !matches!(mode, Mode::Locked(_)) => State::Stale(why),
        Err(why) => State::Missing(why),
    };
    Fetched { name: source.name.clone(), dir: dest.to_path_buf(), commit, state }
}

/// Brings the copy at `dest` to what `mode` asks; the error says why it could not.
fn refresh(source: &RemoteSource, rev: Option<&str>, dest: &Path, mode: &Mode, had_copy: bool) -> Result<(), String> {
    let locked = match mode {
        Mode::Locked(commits) => commits.get(&source.name).cloned(),
        _ => None,
    };
    if matches!(mode, Mode::Locked(_)) && locked.is_none() {
        return Err("adrsite.lock has no commit for it; build without --locked once to record one".into());
    }
    if !had_copy {
        if matches!(mode, Mode::Offline) {
            return Err("it has never been fetched, and the build is offline".into());
        }
        clone(&source.url, dest)?;
    }
    let target = match (&locked, mode) {
        (Some(commit), _) => {
            if git(dest, &["cat-file", "-e", &format!("{commit}^{{commit}}")]).is_err() {
                git(dest, &["fetch", "--quiet", "--filter=blob:none", "origin", commit])?;
            }
            commit.clone()
        }
        (None, Mode::Offline) => return Ok(()),
        (None, _) => {
            if had_copy {
                git(dest, &["fetch", "--quiet", "--prune", "--tags", "--filter=blob:none", "origin"])?;
            }
            resolve(dest, rev)?
        }
    };
    git(dest, &["checkout", "--quiet", "--force", "--detach", &target]).map(drop)
}

/// A partial clone into `dest`, made beside it and moved into place, so that an interrupted
/// clone never looks like a copy.
fn clone(url: &str, dest: &Path) -> Result<(), String> {
    let parent = dest.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = parent.join(format!(".{name}.cloning-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let tmp_text = tmp.to_string_lossy().into_owned();
    let cloned = git(parent, &["clone", "--quiet", "--filter=blob:none", "--no-checkout", url, &tmp_text]);
    if let Err(why) = cloned {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(why);
    }
    let _ = std::fs::remove_dir_all(dest);
    std::fs::rename(&tmp, dest).map_err(|e| format!("moving the clone into {}: {e}", dest.display()))
}

/// The commit `rev` names in the copy: a remote branch, a tag or a commit; the remote's default
/// branch when `None`.
fn resolve(dest: &Path, rev: Option<&str>) -> Result<String, String> {
    let candidates: Vec<String> = match rev {
        None => vec!["origin/HEAD".into(), "FETCH_HEAD".into()],
        Some(r) => vec![format!("origin/{r}"), format!("refs/tags/{r}"), r.to_string()],
    };
    for c in &candidates {
        if let Ok(commit) = git(dest, &["rev-parse", "--verify", "--quiet", &format!("{c}^{{commit}}")]) {
            return Ok(commit);
        }
    }
    Err(match rev {
        Some(r) => format!("`{r}` is neither a branch, a tag nor a commit of the repository"),
        None => "the repository has no default branch".to_string(),
    })
}

/// Runs git in `dir` without ever asking for credentials; its output, or the first line of
/// what it said when it failed.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_ASK_YESNO", "false")
        .output()
        .map_err(|e| format!("git could not be run: {e}"))?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).trim().to_string());
    }
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("git failed");
    Err(line.trim_start_matches("fatal: ").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(dir: &Path, args: &[&str]) {
        let ok = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"])
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .unwrap();
        assert!(ok.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&ok.stderr));
    }

    #[test]
    fn clone_refresh_lock_offline_and_a_failure_with_and_without_a_copy() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repo");
        std::fs::create_dir_all(&repo).unwrap();
        run(&repo, &["init", "-q"]);
        std::fs::write(repo.join("a.md"), "# A\n").unwrap();
        run(&repo, &["add", "."]);
        run(&repo, &["commit", "-qm", "one"]);
        let first = git(&repo, &["rev-parse", "HEAD"]).unwrap();
        let url = format!("file://{}", repo.display());
        let cache = tmp.path().join("cache");
        let src = RemoteSource { name: "a".into(), url: url.clone(), remote: Remote::Git(None) };
        let none = |_: &str| {};

        let f = &fetch_all(std::slice::from_ref(&src), &cache, &Mode::Refresh, &none)[0];
        assert_eq!((&f.state, f.commit.as_deref()), (&State::Current, Some(first.as_str())));
        assert!(f.dir.join("a.md").is_file());

        // A new commit is fetched; the lock takes the copy back to the first.
        std::fs::write(repo.join("b.md"), "# B\n").unwrap();
        run(&repo, &["add", "."]);
        run(&repo, &["commit", "-qm", "two"]);
        let second = git(&repo, &["rev-parse", "HEAD"]).unwrap();
        let f = &fetch_all(std::slice::from_ref(&src), &cache, &Mode::Refresh, &none)[0];
        assert_eq!(f.commit.as_deref(), Some(second.as_str()));
        let lock = Mode::Locked(BTreeMap::from([("a".to_string(), first.clone())]));
        let f = &fetch_all(std::slice::from_ref(&src), &cache, &lock, &none)[0];
        assert_eq!((&f.state, f.commit.as_deref()), (&State::Current, Some(first.as_str())));
        assert!(!f.dir.join("b.md").exists());

        // The repository goes away: the last good copy is used, and says why.
        std::fs::remove_dir_all(&repo).unwrap();
        let f = &fetch_all(std::slice::from_ref(&src), &cache, &Mode::Refresh, &none)[0];
        assert!(matches!(&f.state, State::Stale(why) if !why.is_empty()), "{:?}", f.state);
        assert!(f.dir.join("a.md").is_file());
        // Offline, the copy is current as it is.
        let f = &fetch_all(std::slice::from_ref(&src), &cache, &Mode::Offline, &none)[0];
        assert_eq!(f.state, State::Current);
        // A source never fetched, and not fetchable: missing, and nothing half-made is left.
        let gone = RemoteSource { name: "b".into(), url, remote: Remote::Git(Some("main".into())) };
        let f = &fetch_all(&[gone], &cache, &Mode::Refresh, &none)[0];
        assert!(matches!(&f.state, State::Missing(_)), "{:?}", f.state);
        assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1, "only the first copy is in the cache");
    }
}
