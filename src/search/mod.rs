//! Search that answers "why did we choose X": one engine (tantivy), one analyser, one ranking,
//! used by `adrsite search`, `serve` and — through a static export — the published site.
//!
//! Input: the assembled [`Site`] and a cache directory. Output: a [`SearchIndex`] that answers
//! queries ([`SearchIndex::search`]) and writes the browser's sharded index
//! ([`export::export`]).

pub mod analysis;
pub mod contrast;
pub mod document;
pub mod engine;
pub mod export;
pub mod intent;
pub mod passage;
pub mod rank;
pub mod snapshot;
pub mod spelling;
pub mod split;
pub mod thesaurus;
pub mod weight;

use crate::config::SearchWords;
use crate::model::Site;
use document::HitMeta;
use engine::{Engine, OrdMap, SCHEMA_VERSION};
use serde::Serialize;
use snapshot::Entry;
use std::collections::BTreeMap;
use std::path::Path;

/// A search hit: what `adrsite search --json` prints and what `search.js` returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// Score (higher is better).
    pub score: f64,
    /// The document.
    #[serde(flatten)]
    pub meta: HitMeta,
}

/// The index of one site.
pub struct SearchIndex {
    engine: Engine,
    /// Every document in site order (its ord): id, class and what a hit shows.
    docs: Vec<Entry>,
    ords: OrdMap,
    aliases: BTreeMap<String, Vec<String>>,
    related: thesaurus::Related,
    /// Documents (re)indexed and removed by the last update.
    pub updated: (usize, usize),
}

impl SearchIndex {
    /// Opens the index in `cache_dir` and brings it up to date with `site`.
    pub fn build(site: &Site, cache_dir: &Path, words: &SearchWords) -> anyhow::Result<SearchIndex> {
        Self::build_with(site, cache_dir, words, true)
    }

    /// [`SearchIndex::build`]; without `exact`, statistics may still count replaced documents
    /// until tantivy merges segments on its own (fine for a preview, not for a reproducible build).
    pub fn build_with(site: &Site, cache_dir: &Path, words: &SearchWords, exact: bool) -> anyhow::Result<SearchIndex> {
        Self::build_from(document::documents(site), cache_dir, words, exact)
    }

    /// [`SearchIndex::build_with`] from the site's search documents.
    pub fn build_from(
        docs: Vec<document::SearchDoc>,
        cache_dir: &Path,
        words: &SearchWords,
        exact: bool,
    ) -> anyhow::Result<SearchIndex> {
        let mut engine = Engine::open(cache_dir)?;
        let updated = engine.update(&docs, exact)?;
        let docs: Vec<Entry> = docs.into_iter().map(|d| Entry { id: d.id, class: d.class, meta: d.meta }).collect();
        Self::assemble(engine, docs, words, updated)
    }

    /// Opens the index in `cache_dir` as it is, when it was last brought up to date from sources
    /// whose fingerprint is `fingerprint` (see [`SearchIndex::remember`]); `None` when it was not.
    /// Nothing of the site is read.
    pub fn open_fresh(cache_dir: &Path, fingerprint: u64, words: &SearchWords) -> anyhow::Result<Option<SearchIndex>> {
        if !cache_dir.join(format!("search-v{SCHEMA_VERSION}")).is_dir() {
            return Ok(None);
        }
        let engine = Engine::open(cache_dir)?;
        let Some(docs) = snapshot::load(cache_dir, SCHEMA_VERSION, fingerprint, engine.opstamp()?) else {
            return Ok(None);
        };
        Ok(Some(Self::assemble(engine, docs, words, (0, 0))?))
    }

    /// Saves what [`SearchIndex::open_fresh`] needs to answer for sources with `fingerprint`.
    pub fn remember(&self, cache_dir: &Path, fingerprint: u64) -> anyhow::Result<()> {
        snapshot::save(cache_dir, SCHEMA_VERSION, fingerprint, self.engine.opstamp()?, &self.docs)
    }

    fn assemble(
        engine: Engine,
        docs: Vec<Entry>,
        words: &SearchWords,
        updated: (usize, usize),
    ) -> anyhow::Result<SearchIndex> {
        let ords = engine.ords(docs.iter().map(|d| d.id.as_str()))?;
        let groups = thesaurus::groups(&words.related);
        let related = thesaurus::Related::for_corpus(&groups, |w| {
            engine.has_word(w).ok().filter(|has| *has).and_then(|_| engine.stem(w))
        });
        Ok(SearchIndex { engine, docs, ords, aliases: analysis::alias_table(&words.aliases), related, updated })
    }

    /// Answers a query with at most `limit` hits.
    pub fn search(&self, query: &str, limit: usize) -> anyhow::Result<Vec<Hit>> {
        let parsed = analysis::parse(query, &self.aliases);
        let rank::Ranking { hits: ranked, concepts } = rank::rank(&parsed, self, limit)?;
        // A document that shows its passages (`SearchDoc::shows_passages`) shows the sentences
        // of the one that matched instead of its excerpt (`passage::shown`).
        let shown: std::collections::BTreeSet<u32> = ranked.iter().map(|r| r.ord).collect();
        let leads = if shown.is_empty() { BTreeMap::new() } else { self.engine.leads(&self.ords, Some(&shown))? };
        Ok(ranked
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let mut meta = self.docs[r.ord as usize].meta.clone();
                if let Some(piece) = leads.get(&r.ord).and_then(|each| passage::shown(each, r.passage, &concepts)) {
                    meta.excerpt = piece.to_string();
                }
                Hit { rank: i + 1, score: r.score, meta }
            })
            .collect())
    }

    /// What a query may match, for showing hits: the index terms of its words, their aliases,
    /// related words, completions and corrections (to highlight), and the words that match
    /// nothing in the corpus, even through those (where the documents may say it in other words).
    pub fn query_words(&self, query: &str) -> anyhow::Result<QueryWords> {
        let parsed = analysis::parse(query, &self.aliases);
        let mut stems = std::collections::BTreeSet::new();
        let mut phrases = std::collections::BTreeSet::new();
        let mut unmatched = Vec::new();
        for concept in &parsed.concepts {
            let x = rank::Expansion::of(concept, self)?;
            let (found, together) = (x.stems(), x.phrases());
            if found.is_empty() && together.is_empty() {
                unmatched.push(concept.word.clone());
            }
            stems.extend(found);
            phrases.extend(together);
        }
        Ok(QueryWords { stems: stems.into_iter().collect(), phrases: phrases.into_iter().collect(), unmatched })
    }
}

/// See [`SearchIndex::query_words`].
#[derive(Debug, Default)]
pub struct QueryWords {
    /// Index terms to highlight.
    pub stems: Vec<String>,
    /// Related phrases, as their terms in order: highlighted only where their words stand together.
    pub phrases: Vec<Vec<String>>,
    /// Question words no document uses.
    pub unmatched: Vec<String>,
}

impl QueryWords {
    /// Whether the question names nothing to look for: blank, or only question words ("why did
    /// we"), which are never searched for.
    pub fn asks_nothing(&self) -> bool {
        self.stems.is_empty() && self.phrases.is_empty() && self.unmatched.is_empty()
    }
}

impl rank::PostingSource for SearchIndex {
    fn stem_of(&self, word: &str) -> anyhow::Result<Option<String>> {
        // Only words of the corpus have a stem: the browser's word table holds exactly those.
        if self.engine.has_word(word)? { Ok(self.engine.stem(word)) } else { Ok(None) }
    }

    fn impacts(&self, stem: &str) -> anyhow::Result<Vec<rank::Posting>> {
        self.engine.impacts(stem, &self.ords)
    }

    fn words_from(&self, prefix: &str, limit: usize) -> anyhow::Result<Vec<String>> {
        self.engine.words_from(prefix, limit)
    }

    fn related(&self, word: &str) -> Vec<Vec<String>> {
        self.related.members(word).into_iter().map(<[String]>::to_vec).collect()
    }

    fn class_of(&self, ord: u32) -> intent::DocClass {
        self.docs[ord as usize].class
    }

    fn documents(&self) -> u32 {
        self.docs.len() as u32
    }

    fn filtered(&self, filter: &str) -> anyhow::Result<Vec<u32>> {
        self.engine.filtered(filter, &self.ords)
    }
}
