//! The write stage: every output file goes into a staging directory beside OUT, which replaces
//! OUT only once the build has finished. A failed or interrupted build leaves the previous site
//! as it was and removes its staging directory.
//!
//! Input: file paths relative to OUT and their bytes (written from rendering threads).
//! Output: OUT, swapped into place by [`Staging::commit`].

use anyhow::{Context as _, bail};
use std::path::{Path, PathBuf};

/// Where rendered files go: a [`Staging`] directory for builds, or the live directory itself
/// ([`InPlace`]) for `serve`'s incremental rebuilds.
pub trait OutputSink: Sync {
    /// Writes one file; `rel` uses `/` separators.
    fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()>;
    /// Copies a file into the output.
    fn copy(&self, rel: &str, from: &Path) -> anyhow::Result<()>;
}

impl OutputSink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        Staging::write(self, rel, bytes)
    }
    fn copy(&self, rel: &str, from: &Path) -> anyhow::Result<()> {
        Staging::copy(self, rel, from)
    }
}

/// Writes into an existing output directory, each file atomically (written aside, then renamed
/// over the old one), so a server reading it never sees half a page.
#[derive(Debug)]
pub struct InPlace {
    root: PathBuf,
}

impl InPlace {
    /// Writes into `root`, which must exist.
    pub fn new(root: &Path) -> InPlace {
        InPlace { root: root.to_path_buf() }
    }

    fn path_of(&self, rel: &str) -> anyhow::Result<PathBuf> {
        if rel.split('/').any(|s| s == ".." || s.is_empty()) || rel.starts_with('/') {
            bail!("internal error: output path `{rel}` leaves the output directory");
        }
        Ok(self.root.join(rel))
    }
}

impl OutputSink for InPlace {
    fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.path_of(rel)?;
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        let aside = path.with_file_name(format!(
            ".{}.adrsite-tmp",
            path.file_name().map_or("file".into(), |n| n.to_string_lossy().into_owned())
        ));
        std::fs::write(&aside, bytes).with_context(|| format!("writing {}", aside.display()))?;
        std::fs::rename(&aside, &path).with_context(|| format!("writing {}", path.display()))
    }

    fn copy(&self, rel: &str, from: &Path) -> anyhow::Result<()> {
        let bytes = std::fs::read(from).with_context(|| format!("reading {}", from.display()))?;
        OutputSink::write(self, rel, &bytes)
    }
}

/// A staging directory for one build.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    committed: bool,
}

impl Staging {
    /// Prepares `.{name}.adrsite-staging` beside `out`. Refuses to later replace an existing `out`
    /// that does not look like a site adrsite wrote.
    pub fn create(out: &Path) -> anyhow::Result<Staging> {
        if out.exists() && !is_replaceable(out) {
            bail!(
                "{} exists and is not a site adrsite built; refusing to replace it\n  = help: choose another output directory with -o, or remove it first",
                out.display()
            );
        }
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        let name = out.file_name().map_or("site".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.adrsite-staging"));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).with_context(|| format!("removing stale {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(Staging { out: out.to_path_buf(), dir, committed: false })
    }

    /// Writes one file; `rel` uses `/` separators and never leaves the staging directory.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))
    }

    /// Copies a file into the output.
    pub fn copy(&self, rel: &str, from: &Path) -> anyhow::Result<()> {
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::copy(from, &path).with_context(|| format!("copying {} to {}", from.display(), path.display()))?;
        Ok(())
    }

    fn path_of(&self, rel: &str) -> anyhow::Result<PathBuf> {
        if rel.split('/').any(|s| s == ".." || s.is_empty()) || rel.starts_with('/') {
            bail!("internal error: output path `{rel}` leaves the output directory");
        }
        Ok(self.dir.join(rel))
    }

    /// Swaps the staging directory into place as OUT.
    pub fn commit(mut self) -> anyhow::Result<()> {
        let old = self.dir.with_file_name(format!(
            "{}.old",
            self.dir.file_name().map_or("site".into(), |n| n.to_string_lossy().into_owned())
        ));
        if old.exists() {
            std::fs::remove_dir_all(&old).with_context(|| format!("removing {}", old.display()))?;
        }
        if self.out.exists() {
            std::fs::rename(&self.out, &old)
                .with_context(|| format!("moving the previous {} aside", self.out.display()))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            // Put the previous site back so that nothing is lost.
            if old.exists() {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(e).with_context(|| format!("moving the new site into {}", self.out.display()));
        }
        self.committed = true;
        if old.exists() {
            std::fs::remove_dir_all(&old).with_context(|| format!("removing {}", old.display()))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// An existing output directory may be replaced when it is empty or was built by adrsite.
fn is_replaceable(out: &Path) -> bool {
    if !out.is_dir() {
        return false;
    }
    let empty = std::fs::read_dir(out).map(|mut d| d.next().is_none()).unwrap_or(false);
    empty || (out.join(".nojekyll").exists() && out.join("api/docs.json").exists())
}

/// Replaces one file atomically: written beside it, then renamed over it, so that a reader (or
/// an interrupted build) never sees half of it. For the files a build keeps beside the sources
/// (`adrsite.lock`).
pub fn replace_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.adrsite-tmp"));
    std::fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("replacing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staged_files_replace_out_only_on_commit() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let s = Staging::create(&out).unwrap();
        s.write("a/b.html", b"x").unwrap();
        assert!(!out.exists());
        assert!(s.write("../evil", b"x").is_err());
        s.write(".nojekyll", b"").unwrap();
        s.write("api/docs.json", b"{}").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a/b.html")).unwrap(), b"x");

        // A second build that fails leaves the first one intact.
        let s = Staging::create(&out).unwrap();
        s.write("new.html", b"y").unwrap();
        drop(s);
        assert!(out.join("a/b.html").exists());
        assert!(!out.join("new.html").exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1, "no staging left behind");
    }

    #[test]
    fn refuses_to_replace_foreign_directories() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("precious.txt"), b"keep").unwrap();
        let err = Staging::create(tmp.path()).unwrap_err().to_string();
        assert!(err.contains("refusing to replace"), "{err}");
    }
}
