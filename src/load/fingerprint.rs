//! What the sources look like, without reading them: a cheap freshness check for caches.
//!
//! Input: the site directory, its config and the directories to skip. Output: one number that
//! changes whenever anything a build reads may have changed — the set of documents and
//! `kep.yaml` sidecars with their sizes and modification times, `adrsite.toml`, the collections
//! (which also reflect `.adr-dir` and `.log4brains.yml`), when git dates are used, the commit
//! checked out, and the adrsite release and commit that reads them (another release may read the
//! same files differently). It costs one directory walk and one `stat` per document: `adrsite
//! search` uses it to answer from the cached index without reading a single document.

use crate::config::{Config, FILE_NAME};
use crate::load::discover;
use crate::text::StableHasher;
use rayon::prelude::*;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The sources' fingerprint; see the module documentation for what it covers.
pub fn fingerprint(dir: &Path, config: &Config, skip: &[PathBuf], git: bool) -> anyhow::Result<u64> {
    let inventory = discover::walk(dir, config, skip)?;
    let collections = discover::collections(dir, config, &inventory);
    // The value is stored in the cache and compared by later processes.
    let mut h = StableHasher::default();
    (env!("CARGO_PKG_VERSION"), env!("ADRSITE_COMMIT")).hash(&mut h);
    stamp(&dir.join(FILE_NAME)).hash(&mut h);
    format!("{collections:?}").hash(&mut h);
    // One `stat` per file is most of the cost; the calls are independent, so they run in parallel.
    let files: Vec<&String> = inventory.markdown.iter().chain(&inventory.sidecars).collect();
    let stamps: Vec<Option<(u64, u128)>> = files.par_iter().map(|rel| stamp(&dir.join(rel))).collect();
    for (rel, stamp) in files.iter().zip(stamps) {
        rel.hash(&mut h);
        stamp.hash(&mut h);
    }
    // Git dates come from the commits reachable from HEAD, so HEAD's commit stands for them.
    // Outside a repository there are no git dates either way, so `--no-git` changes nothing.
    let head = if git { crate::load::git::head_commit(dir) } else { None };
    head.hash(&mut h);
    Ok(h.finish())
}

/// Size and modification time (nanoseconds), or nothing for a missing file.
fn stamp(path: &Path) -> Option<(u64, u128)> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_nanos();
    Some((meta.len(), modified))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn print(dir: &Path) -> u64 {
        fingerprint(dir, &Config::default(), &[], false).unwrap()
    }

    #[test]
    fn changes_with_content_additions_and_removals_but_not_with_other_files() {
        let tmp = tempfile::tempdir().unwrap();
        let adr = tmp.path().join("docs/adr");
        std::fs::create_dir_all(&adr).unwrap();
        std::fs::write(adr.join("0001-a.md"), "# A\n").unwrap();
        let first = print(tmp.path());
        assert_eq!(first, print(tmp.path()), "stable when nothing changed");

        std::fs::write(tmp.path().join("diagram.png"), b"\x89PNG").unwrap();
        assert_eq!(first, print(tmp.path()), "a non-document file changes no search result");

        std::fs::write(adr.join("0001-a.md"), "# A, longer\n").unwrap();
        let edited = print(tmp.path());
        assert_ne!(first, edited, "an edit that changes the size");

        std::fs::write(adr.join("0002-b.md"), "# B\n").unwrap();
        let added = print(tmp.path());
        assert_ne!(edited, added, "a new document");

        std::fs::remove_file(adr.join("0002-b.md")).unwrap();
        assert_eq!(edited, print(tmp.path()), "removing it again");

        std::fs::write(tmp.path().join(FILE_NAME), "title = \"T\"\n").unwrap();
        assert_ne!(edited, print(tmp.path()), "the config");
    }
}
