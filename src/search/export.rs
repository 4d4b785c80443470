//! The static search index the browser reads, exported from the tantivy index.
//!
//! Input: the [`SearchIndex`]. Output, under `OUT/search/` (format version 5: 3 added
//! passages, 4 their leads, 5 their pieces; deterministic, plain JSON that gzip compresses well):
//! - `manifest.json`: document count, the first key of every word and term shard, the query rules,
//!   the first key of every related-word shard, and each document's kind and status class (one
//!   letter per document, in ord order);
//! - `related/N.json`: `{word: [[stem, …], …]}`, the thesaurus members a typed word may stand
//!   for in this corpus (`thesaurus.rs`);
//! - `words/N.json`: `[surface, stem]` pairs (`[surface]` when the stem is the word itself);
//! - `terms/N.json`: `{term: [ord, impact, Δord, impact, …]}`, where a term that is only in some
//!   passages of a document has its impact negated and followed by the mask of those passages
//!   (`Δord, -impact, mask`; see `passage.rs`), and `{"kind:adr": [ord, Δord, …]}` for filters;
//! - `docs/N.json`: what a hit shows, [`DOC_SHARD`] documents per file, with `"passages": true`
//!   for a document whose hits show their passage (`SearchDoc::shows_passages`);
//! - `passages/ORD.json`: that document's passages, one array per bucket (`passage::leads`): its
//!   lead, then its prose in pieces; a hit shows the piece of the passage the question matched
//!   that holds the most of the question (`passage::best_piece`) instead of the opening;
//! - `search.js`: the dependency-free client.
//!
//! Shards are split by size, so that a question downloads a few small files.

use crate::output::OutputSink;
use crate::search::SearchIndex;
use crate::search::analysis::rules_json;
use crate::search::passage;
use anyhow::Context as _;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Documents per `docs/N.json` shard.
pub const DOC_SHARD: usize = 8;
const WORD_SHARD_BYTES: usize = 4 * 1024;
const TERM_SHARD_BYTES: usize = 8 * 1024;
const RELATED_SHARD_BYTES: usize = 4 * 1024;

/// The client, written to `search/search.js`.
pub const CLIENT_JS: &str = include_str!("search.js");

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    documents: usize,
    doc_shard: usize,
    words: Vec<String>,
    terms: Vec<String>,
    rules: crate::search::analysis::Rules<'a>,
    related: Vec<String>,
    classes: String,
}

/// A document of a `docs/N.json` shard: what a hit shows, and whether `passages/ORD.json` holds
/// the leads of its passages.
#[derive(Serialize)]
struct ShardDoc<'a> {
    #[serde(flatten)]
    meta: &'a crate::search::document::HitMeta,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    passages: bool,
}

/// What the export wrote.
#[derive(Debug, Default)]
pub struct ExportStats {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: usize,
}

/// Splits sorted `(key, json)` entries into objects of about `max` bytes; returns each shard's
/// first key and text.
fn shards(entries: Vec<(String, String)>, max: usize, open: char, close: char) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut current = String::new();
    let mut first = String::new();
    for (key, json) in entries {
        if !current.is_empty() && current.len() + json.len() > max {
            current.push(close);
            out.push((std::mem::take(&mut first), std::mem::take(&mut current)));
        }
        if current.is_empty() {
            current.push(open);
            first = key;
        } else {
            current.push(',');
        }
        current.push_str(&json);
    }
    if !current.is_empty() {
        current.push(close);
        out.push((first, current));
    }
    out
}

/// Writes the static index into `staging` under `search/`.
pub fn export(index: &SearchIndex, staging: &dyn OutputSink) -> anyhow::Result<ExportStats> {
    let mut stats = ExportStats::default();
    let mut write = |path: String, text: &str| -> anyhow::Result<()> {
        stats.files += 1;
        stats.bytes += text.len();
        staging.write(&path, text.as_bytes())
    };
    let json = |v: &dyn erased::Json| v.to_json();

    let table = index.engine.word_table()?;
    let words: Vec<(String, String)> = table
        .iter()
        .map(|(w, s)| (w.clone(), if w == s { json(&[w.as_str()]) } else { json(&[w.as_str(), s.as_str()]) }))
        .collect();
    let word_shards = shards(words, WORD_SHARD_BYTES, '[', ']');

    // Every stem's impacts are independent of the others': computed in parallel, collected in
    // stem order.
    let stems: Vec<String> = index.engine.stems()?.into_iter().collect();
    let entries: Vec<Option<(String, String)>> = stems
        .into_par_iter()
        .map(|stem| {
            let impacts = index.engine.impacts(&stem, &index.ords)?;
            if impacts.is_empty() {
                return Ok(None);
            }
            let mut flat: Vec<i64> = Vec::with_capacity(impacts.len() * 2);
            let mut prev = 0;
            for p in impacts {
                flat.push(i64::from(p.ord - prev));
                if p.mask == passage::EVERYWHERE {
                    flat.push(i64::from(p.impact));
                } else {
                    flat.extend([-i64::from(p.impact), i64::from(p.mask)]);
                }
                prev = p.ord;
            }
            let entry = format!("{}:{}", json(&stem.as_str()), json(&flat));
            Ok(Some((stem, entry)))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut terms: BTreeMap<String, String> = entries.into_iter().flatten().collect();
    for filter in index.engine.filters()? {
        let ords = index.engine.filtered(&filter, &index.ords)?;
        let mut prev = 0;
        let deltas: Vec<u32> = ords
            .iter()
            .map(|o| {
                let d = o - prev;
                prev = *o;
                d
            })
            .collect();
        terms.insert(filter.clone(), format!("{}:{}", json(&filter.as_str()), json(&deltas)));
    }
    let term_shards = shards(terms.into_iter().collect(), TERM_SHARD_BYTES, '{', '}');
    let related: Vec<(String, String)> = index
        .related
        .keys
        .keys()
        .map(|key| (key.clone(), format!("{}:{}", json(&key.as_str()), json(&index.related.members(key)))))
        .collect();
    let related_shards = shards(related, RELATED_SHARD_BYTES, '{', '}');

    for (i, (_, text)) in word_shards.iter().enumerate() {
        write(format!("search/words/{i}.json"), text)?;
    }
    for (i, (_, text)) in term_shards.iter().enumerate() {
        write(format!("search/terms/{i}.json"), text)?;
    }
    for (i, (_, text)) in related_shards.iter().enumerate() {
        write(format!("search/related/{i}.json"), text)?;
    }
    let leads = index.engine.leads(&index.ords, None)?;
    for (i, chunk) in index.docs.chunks(DOC_SHARD).enumerate() {
        let metas: Vec<ShardDoc> = chunk
            .iter()
            .enumerate()
            .map(|(j, d)| ShardDoc { meta: &d.meta, passages: leads.contains_key(&((i * DOC_SHARD + j) as u32)) })
            .collect();
        write(format!("search/docs/{i}.json"), &serde_json::to_string(&metas).context("serialising documents")?)?;
    }
    for (ord, each) in &leads {
        write(format!("search/passages/{ord}.json"), &json(each))?;
    }
    let manifest = Manifest {
        version: 5,
        documents: index.docs.len(),
        doc_shard: DOC_SHARD,
        words: word_shards.into_iter().map(|(k, _)| k).collect(),
        terms: term_shards.into_iter().map(|(k, _)| k).collect(),
        rules: rules_json(&index.aliases),
        related: related_shards.into_iter().map(|(k, _)| k).collect(),
        classes: index.docs.iter().map(|d| d.class.letter()).collect(),
    };
    write("search/manifest.json".into(), &serde_json::to_string(&manifest).context("serialising the manifest")?)?;
    write("search/search.js".into(), CLIENT_JS)?;
    Ok(stats)
}

/// Compact JSON of small values, without a trait object per type at the call sites.
mod erased {
    pub trait Json {
        fn to_json(&self) -> String;
    }
    impl<T: serde::Serialize + ?Sized> Json for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).expect("plain data serialises")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_by_size_and_keep_first_keys() {
        let entries: Vec<(String, String)> = (0..10).map(|i| (format!("k{i}"), format!("\"k{i}\":[{i}]"))).collect();
        let s = shards(entries, 20, '{', '}');
        assert_eq!(s[0].0, "k0");
        assert!(s.iter().all(|(_, t)| t.starts_with('{') && t.ends_with('}')));
        let total: usize = s
            .iter()
            .map(|(_, t)| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(t).unwrap().len())
            .sum();
        assert_eq!(total, 10);
    }
}
