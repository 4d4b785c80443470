//! Dates from git history: one `git log` pass over the site directory (no per-file processes,
//! no libgit2).
//!
//! Input: the site directory. Output: [`GitHistory`] — for every file git knows, the date of the
//! first and the last commit that touched it, the last author and the status labels and
//! relations each commit wrote into it ([`crate::load::git_log`] reads the patch) — or the reason
//! it is not available (git missing, not a repository). A shallow clone is detected: its dates are
//! not trusted, because the oldest commit it has is not when files were created.
//!
//! Also the few other questions adrsite asks git, each one process: where the site sits in its
//! checkout and which branch edits go to ([`checkout`]), and, for `adrsite new`, every path a
//! folder ever had ([`paths_in_history`]) and who is writing ([`user_name`]).

use jiff::civil::Date;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

/// What git says about one file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FileHistory {
    /// Date of the oldest commit touching the file.
    pub created: Date,
    /// Date of the newest commit touching the file.
    pub changed: Date,
    /// Author of the newest commit.
    pub author: String,
    /// What commits wrote into the file (status labels, relations), oldest first.
    pub said: Vec<Said>,
}

/// One thing a commit wrote into a file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Said {
    /// The commit's author date.
    pub date: Date,
    /// The commit's full hash.
    pub commit: String,
    /// What it wrote.
    pub statement: crate::load::hunk::Statement,
}

/// The outcome of the git pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GitHistory {
    /// Dates per path relative to the site directory.
    Dates(BTreeMap<String, FileHistory>),
    /// A shallow clone: dates would be wrong, so none are used.
    Shallow,
    /// No dates, and why (git not installed, not a repository, turned off).
    Unavailable(String),
}

impl GitHistory {
    /// The history of `path`, when dates are trusted.
    pub fn file(&self, path: &str) -> Option<&FileHistory> {
        match self {
            GitHistory::Dates(files) => files.get(path),
            _ => None,
        }
    }
}

/// Where the site directory sits in its git checkout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkout {
    /// The site directory's path inside the repository, `/`-terminated (empty at the top).
    pub prefix: String,
    /// The checked-out branch, else the remote's default branch (`origin/HEAD`).
    pub branch: Option<String>,
}

/// The site directory's place in its repository and the branch edits should go to; `None`
/// outside a repository or without git.
pub fn checkout(dir: &Path) -> Option<Checkout> {
    let git = |args: &[&str]| ask(dir, args);
    let prefix = git(&["rev-parse", "--show-prefix"])?;
    let branch = git(&["symbolic-ref", "--quiet", "--short", "HEAD"])
        .or_else(|| {
            // A detached checkout (CI checking out a commit): the branch the remote calls default.
            git(&["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"])
                .map(|r| r.trim_start_matches("origin/").to_string())
        })
        .filter(|b| !b.is_empty());
    Some(Checkout { prefix, branch })
}

/// `git@github.com:o/r.git`, `https://github.com/o/r.git` → `https://github.com/o/r`.
pub fn web_url(remote: &str) -> Option<String> {
    let r = remote.trim().trim_end_matches('/').trim_end_matches(".git");
    let r = if let Some(rest) = r.strip_prefix("git@") {
        let (host, path) = rest.split_once(':')?;
        format!("https://{host}/{path}")
    } else if let Some(rest) = r.strip_prefix("ssh://git@") {
        format!("https://{}", rest.replacen(':', "/", 1))
    } else if r.starts_with("https://") || r.starts_with("http://") {
        // Drop credentials: `https://user:token@host/o/r`.
        match r.split_once("://").and_then(|(s, rest)| rest.split_once('@').map(|(_, h)| format!("{s}://{h}"))) {
            Some(clean) => clean,
            None => r.to_string(),
        }
    } else {
        return None;
    };
    Some(r)
}

/// Where a repository's web page shows one commit: `https://github.com/o/r` →
/// `https://github.com/o/r/commit/` (GitLab's `/-/commit/`).
pub fn commit_base(repository: &str) -> String {
    let repo = repository.trim_end_matches('/');
    let dash = if repo.contains("gitlab") { "-/" } else { "" };
    format!("{repo}/{dash}commit/")
}

/// Reads the history of every file under `dir`.
pub fn read_history(dir: &Path) -> GitHistory {
    let probe = Command::new("git").arg("-C").arg(dir).args(["rev-parse", "--is-shallow-repository"]).output();
    let probe = match probe {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).trim().to_string(),
        Ok(_) => return GitHistory::Unavailable("not a git repository".into()),
        Err(_) => return GitHistory::Unavailable("git is not installed".into()),
    };
    if probe == "true" {
        return GitHistory::Shallow;
    }
    let child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "core.quotepath=off",
            "-c",
            "log.showSignature=false",
            "log",
            "--no-color",
            "--format=%x1e%H%x1f%as%x1f%an",
            // Each file's patch, so that what a commit wrote into a document (its status, its
            // relations) is read with the dates, in the same pass. Three lines of context carry
            // a `## Status` heading into the hunk that changes the status under it.
            "--patch",
            "-U3",
            "--no-ext-diff",
            "--no-textconv",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            // A rename (a moved decision folder) carries the file's history to its new name
            // instead of dating it the day of the move.
            "--find-renames",
            // `--relative` alone limits the log to the site directory; a `-- .` pathspec would
            // cost 60% more on large histories (measured with .ci/bench-git).
            "--relative",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return GitHistory::Unavailable(format!("git log could not run: {e}")),
    };
    // Read as git writes: the patch of a long history is tens of megabytes, never held whole.
    let (Some(stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return GitHistory::Unavailable("git log could not run".into());
    };
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    let files = crate::load::git_log::parse(std::io::BufReader::with_capacity(1 << 16, stdout));
    let status = child.wait();
    let errors = errors.join().unwrap_or_default();
    match status {
        Ok(s) if s.success() => GitHistory::Dates(files),
        // A repository without commits yet.
        Ok(_) if errors.contains("does not have any commits") => GitHistory::Dates(BTreeMap::new()),
        Ok(_) => GitHistory::Unavailable(format!("git log failed: {}", errors.trim())),
        Err(e) => GitHistory::Unavailable(format!("git log could not run: {e}")),
    }
}

/// Every path `folder` (relative to `dir`) ever had in any branch's history, deleted and renamed
/// files included, relative to `folder`; empty outside a repository. For `adrsite new`, which
/// never reuses a number.
pub fn paths_in_history(dir: &Path, folder: &str) -> Vec<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "core.quotepath=off",
            "log",
            "--all",
            "--format=",
            "--name-only",
            "--no-renames",
            "--relative",
            "--",
        ])
        .arg(if folder.is_empty() { "." } else { folder })
        .output();
    match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| l.strip_prefix(&format!("{folder}/")).unwrap_or(l).to_string())
            .collect(),
        _ => Vec::new(),
    }
}

/// The commit checked out in the repository holding `dir`, read from the repository's files
/// (`HEAD`, the branch's ref, `packed-refs`) without starting git: this runs before every
/// `adrsite search`. `None` outside a repository; for layouts this does not read (a `GIT_DIR`
/// elsewhere, a reftable), git itself is asked.
pub fn head_commit(dir: &Path) -> Option<String> {
    if std::env::var_os("GIT_DIR").is_some() {
        return ask(dir, &["rev-parse", "HEAD"]);
    }
    let start = std::path::absolute(dir).ok()?;
    let dot_git = start.ancestors().map(|d| d.join(".git")).find(|p| p.exists())?;
    // A worktree or submodule: `.git` is a file naming the real git directory.
    let git_dir = if dot_git.is_file() {
        let text = std::fs::read_to_string(&dot_git).ok()?;
        let target = text.strip_prefix("gitdir:")?.trim();
        dot_git.parent()?.join(target)
    } else {
        dot_git
    };
    // Refs live in the common directory of a worktree.
    let common = match std::fs::read_to_string(git_dir.join("commondir")) {
        Ok(rel) => git_dir.join(rel.trim()),
        Err(_) => git_dir.clone(),
    };
    let head = std::fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let head = head.trim();
    let Some(name) = head.strip_prefix("ref:").map(str::trim) else {
        return Some(head.to_string());
    };
    for place in [&git_dir, &common] {
        if let Ok(id) = std::fs::read_to_string(place.join(name)) {
            return Some(id.trim().to_string());
        }
    }
    if let Ok(packed) = std::fs::read_to_string(common.join("packed-refs")) {
        let found = packed.lines().find_map(|l| l.strip_suffix(name).and_then(|id| id.strip_suffix(' ')));
        if let Some(id) = found {
            return Some(id.to_string());
        }
    }
    // A branch with no commit yet has no ref; a reftable repository keeps refs elsewhere.
    if common.join("reftable").is_dir() { ask(dir, &["rev-parse", "HEAD"]) } else { Some(format!("unborn {name}")) }
}

/// git's `user.name`, for deciders, authors and owners.
pub fn user_name(dir: &Path) -> Option<String> {
    ask(dir, &["config", "user.name"]).filter(|n| !n.is_empty())
}

/// git's answer to a one-line question asked in `dir` (`rev-parse --show-prefix`), trimmed;
/// `None` when git is missing or says no.
pub fn ask(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remotes_become_web_urls() {
        assert_eq!(web_url("git@github.com:o/r.git").as_deref(), Some("https://github.com/o/r"));
        assert_eq!(web_url("https://github.com/o/r.git\n").as_deref(), Some("https://github.com/o/r"));
        assert_eq!(web_url("https://x:tok@github.com/o/r").as_deref(), Some("https://github.com/o/r"));
        assert_eq!(web_url("ssh://git@gitlab.com/o/r.git").as_deref(), Some("https://gitlab.com/o/r"));
        assert_eq!(web_url("/srv/repo"), None);
    }

    use jiff::civil::date;

    #[test]
    fn a_moved_folder_keeps_its_files_history() {
        let tmp = tempfile::tempdir().unwrap();
        git(tmp.path(), &["init", "-q", "-b", "main"]);
        let old = tmp.path().join("decisions");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(
            old.join("0001-a.md"),
            "# 1. Use a database\n\nLong enough text to be found again after the move.\n",
        )
        .unwrap();
        git(tmp.path(), &["add", "."]);
        git(tmp.path(), &["commit", "-qm", "one", "--date", "2020-01-02T00:00:00"]);
        std::fs::create_dir_all(tmp.path().join("docs")).unwrap();
        git(tmp.path(), &["mv", "decisions", "docs/adr"]);
        let env = [("GIT_COMMITTER_DATE", "2024-05-06T00:00:00"), ("GIT_AUTHOR_DATE", "2024-05-06T00:00:00")];
        let ok = Command::new("git")
            .arg("-C")
            .arg(tmp.path())
            .envs(env)
            .args(["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "move"])
            .status()
            .unwrap()
            .success();
        assert!(ok);
        let GitHistory::Dates(files) = read_history(tmp.path()) else { panic!("no dates") };
        assert_eq!(files["docs/adr/0001-a.md"].created, date(2020, 1, 2), "{files:?}");
        assert_eq!(files["docs/adr/0001-a.md"].changed, date(2024, 5, 6));
        assert!(!files.contains_key("decisions/0001-a.md"), "the old name is the same file: {files:?}");
    }

    #[test]
    fn head_commit_is_read_from_files_as_git_reads_it() {
        let tmp = tempfile::tempdir().unwrap();
        assert_eq!(head_commit(tmp.path()), None, "not a repository");
        git(tmp.path(), &["init", "-q", "-b", "main"]);
        let sub = tmp.path().join("docs");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(head_commit(&sub), Some("unborn refs/heads/main".into()));
        std::fs::write(sub.join("a.md"), "# A\n").unwrap();
        git(tmp.path(), &["add", "."]);
        git(tmp.path(), &["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "one"]);
        let first = head_commit(&sub).unwrap();
        assert_eq!(Some(first.clone()), ask(tmp.path(), &["rev-parse", "HEAD"]));
        git(tmp.path(), &["pack-refs", "--all"]);
        assert_eq!(head_commit(&sub), Some(first.clone()), "from packed-refs");
        git(tmp.path(), &["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-q", "--allow-empty", "-m", "two"]);
        assert_ne!(head_commit(&sub), Some(first), "a new commit");
        assert_eq!(head_commit(&sub), ask(tmp.path(), &["rev-parse", "HEAD"]));
    }

    #[test]
    fn outside_a_repository_is_unavailable() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(matches!(read_history(tmp.path()), GitHistory::Unavailable(_)));
    }

    fn git(dir: &Path, args: &[&str]) {
        let ok = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["-c", "user.name=T", "-c", "user.email=t@example.org"])
            .args(args)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    }

    #[test]
    fn checkout_knows_the_branch_and_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("docs")).unwrap();
        std::fs::write(tmp.path().join("docs/a.md"), "# A\n").unwrap();
        git(tmp.path(), &["init", "-q", "-b", "trunk"]);
        git(tmp.path(), &["add", "."]);
        git(tmp.path(), &["commit", "-q", "-m", "a"]);
        let place = checkout(&tmp.path().join("docs")).unwrap();
        assert_eq!(place, Checkout { prefix: "docs/".into(), branch: Some("trunk".into()) });
        // Detached, as CI checks out a commit: no branch is guessed.
        git(tmp.path(), &["checkout", "-q", "--detach"]);
        assert_eq!(checkout(tmp.path()).unwrap().branch, None);
        assert_eq!(checkout(&tmp.path().join("docs")).unwrap().prefix, "docs/");
    }
}
