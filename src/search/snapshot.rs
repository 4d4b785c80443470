//! What a query needs besides the tantivy index, kept beside it so that `adrsite search` can
//! answer without reading the site.
//!
//! Input: the documents of an up-to-date [`SearchIndex`](crate::search::SearchIndex) (id, class,
//! what a hit shows), the sources' fingerprint and the index commit they belong to. Output:
//! `search-vN.snapshot.json` in the cache directory, and — when both the fingerprint and the
//! commit still match — the same documents read back.

use crate::output::{InPlace, OutputSink};
use crate::search::document::HitMeta;
use crate::search::intent::DocClass;
use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One document as a query result needs it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Document id (the index keys documents by its hash).
    pub id: String,
    /// Kind and status class.
    pub class: DocClass,
    /// What a hit shows.
    pub meta: HitMeta,
}

/// The saved documents of one index state.
#[derive(Debug, Deserialize)]
struct Snapshot {
    /// Fingerprint of the sources the index was built from.
    fingerprint: u64,
    /// The tantivy commit the documents belong to: an index updated since (by `serve`, or an
    /// interrupted run) no longer matches, whatever the fingerprint says.
    opstamp: u64,
    /// Documents in site order.
    docs: Vec<Entry>,
}

fn file_name(schema: u32) -> String {
    format!("search-v{schema}.snapshot.json")
}

/// The same fields as [`Snapshot`], borrowed, for writing without a copy of every document.
#[derive(Serialize)]
struct SnapshotRef<'a> {
    fingerprint: u64,
    opstamp: u64,
    docs: &'a [Entry],
}

/// Writes the snapshot atomically into `cache_dir`.
pub fn save(cache_dir: &Path, schema: u32, fingerprint: u64, opstamp: u64, docs: &[Entry]) -> anyhow::Result<()> {
    let snapshot = SnapshotRef { fingerprint, opstamp, docs };
    let json = serde_json::to_vec(&snapshot).context("serialising the search snapshot")?;
    InPlace::new(cache_dir).write(&file_name(schema), &json)
}

/// The documents saved for `fingerprint` and `opstamp`, or `None` when there are none or they are
/// out of date (a damaged file counts as out of date: the caller rebuilds it).
pub fn load(cache_dir: &Path, schema: u32, fingerprint: u64, opstamp: u64) -> Option<Vec<Entry>> {
    let bytes = std::fs::read(cache_dir.join(file_name(schema))).ok()?;
    let snapshot: Snapshot = serde_json::from_slice(&bytes).ok()?;
    (snapshot.fingerprint == fingerprint && snapshot.opstamp == opstamp).then_some(snapshot.docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::DocKind;

    fn entry(id: &str) -> Entry {
        Entry {
            id: id.into(),
            class: DocClass::of(DocKind::Adr, Some(crate::vocab::Status::Accepted)),
            meta: HitMeta {
                title: "Use PostgreSQL".into(),
                display_id: Some("ADR-0002".into()),
                kind: DocKind::Adr,
                status: Some(crate::vocab::Status::Accepted),
                date: Some("2024-01-02".into()),
                people: vec!["Ana".into()],
                url: "adr/0002.html".into(),
                source: "docs/adr/0002.md".into(),
                origin: None,
                excerpt: "We chose it.".into(),
                successor: None,
            },
        }
    }

    #[test]
    fn round_trips_only_for_the_same_fingerprint_and_commit() {
        let tmp = tempfile::tempdir().unwrap();
        save(tmp.path(), 1, 42, 7, &[entry("adr/0002")]).unwrap();
        assert_eq!(load(tmp.path(), 1, 42, 7), Some(vec![entry("adr/0002")]));
        assert_eq!(load(tmp.path(), 1, 43, 7), None, "the sources changed");
        assert_eq!(load(tmp.path(), 1, 42, 8), None, "the index changed");
        assert_eq!(load(tmp.path(), 2, 42, 7), None, "another schema");
        std::fs::write(tmp.path().join(file_name(1)), b"{\"fingerprint\":42,").unwrap();
        assert_eq!(load(tmp.path(), 1, 42, 7), None, "a damaged file");
    }
}
