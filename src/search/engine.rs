//! The tantivy index: the one search engine.
//!
//! Input: [`SearchDoc`]s. Output: an index in the cache directory, updated incrementally (a
//! document is re-indexed only when its content hash changes), and from it:
//! - *impacts*: for a term, every document's score contribution — tantivy's BM25 per field
//!   (from tantivy's own statistics), times the field boost, quantised to an integer. Both the
//!   terminal and the browser rank by summing these (a document's kind and status weigh in at
//!   query time, by the question's intent). Each impact carries the mask of the passages of a
//!   long body the term is in, read from the body's positions (`passage.rs`).
//! - the *word table*: every surface word of the corpus (a lowercase-only field) and its stem, so
//!   that queries are analysed by lookup, identically everywhere. Identifiers are indexed whole
//!   and in parts (`split.rs`), so the parts are words of the table too.

use crate::search::document::SearchDoc;
use crate::search::passage;
use crate::search::split::SplitIdentifiers;
use crate::text::stable_hash;
use anyhow::Context as _;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use tantivy::postings::Postings;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value as _,
};
use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer};
use tantivy::{DocSet, Index, IndexReader, ReloadPolicy, TERMINATED, TantivyDocument, Term};

/// Bumped whenever the schema or the analysis changes; an old cache is then rebuilt.
pub const SCHEMA_VERSION: u32 = 5;
const STEMMED: &str = "adrsite_en";
const SURFACE: &str = "adrsite_surface";

/// Scaling of BM25 scores before rounding to integer impacts.
const IMPACT_SCALE: f32 = 100.0;

/// The text fields and their boosts, in the fixed order impacts are summed.
const TEXT_FIELDS: [(&str, f32); 6] =
    [("title", 3.0), ("decision", 2.0), ("headings", 1.5), ("tags", 1.5), (BODY, 1.0), ("people", 0.5)];
const BODY: &str = "body";
const BODY_ANALYZER: &str = "adrsite_body";
/// The fields that hold text of the body, so that a term in them is in some passage of it; a term
/// of the others speaks for every passage.
const IN_BODY: [&str; 3] = ["decision", "headings", BODY];

/// The index and what is needed to read it.
pub struct Engine {
    index: Index,
    reader: IndexReader,
    id: Field,
    idhash: Field,
    hash: Field,
    text: Vec<(Field, f32)>,
    body: Field,
    passages: Field,
    leads: Field,
    has_leads: Field,
    surface: Field,
    filter: Field,
    stemmer: TextAnalyzer,
    /// [`Engine::stats`], cleared whenever [`Engine::update`] changes the index.
    stats: std::sync::Mutex<Option<(u64, Vec<f32>)>>,
}

/// A term's weight in one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    /// The document's ord.
    pub ord: u32,
    /// Its impact: BM25 per field, boosted, scaled and rounded.
    pub impact: u32,
    /// The buckets of the document's passages the term is in, one bit each (`passage.rs`).
    pub mask: u32,
}

/// Per segment: document id → ord in the site (or `u32::MAX` for deleted documents).
pub type OrdMap = Vec<Vec<u32>>;

/// The analysis of the body: stemmed, each term at its passage bucket (`passage.rs`).
pub fn body_analyzer() -> TextAnalyzer {
    stemming().filter(passage::BucketPositions).build()
}

/// The analysis of every stemmed field.
fn stemming() -> tantivy::tokenizer::TextAnalyzerBuilder<impl tantivy::tokenizer::Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(SplitIdentifiers)
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
}

fn analyzers() -> (TextAnalyzer, TextAnalyzer) {
    let stem = stemming().build();
    let surface = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(SplitIdentifiers)
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build();
    (stem, surface)
}

fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("id", STRING);
    b.add_u64_field("idhash", INDEXED | FAST);
    b.add_u64_field("hash", FAST);
    let stemmed = |analyzer, record| {
        TextOptions::default()
            .set_indexing_options(TextFieldIndexing::default().set_tokenizer(analyzer).set_index_option(record))
    };
    for (name, _) in TEXT_FIELDS {
        // The body's positions are its terms' passage buckets (`passage.rs`).
        b.add_text_field(
            name,
            if name == BODY {
                stemmed(BODY_ANALYZER, IndexRecordOption::WithFreqsAndPositions)
            } else {
                stemmed(STEMMED, IndexRecordOption::WithFreqs)
            },
        );
    }
    // How many buckets each body has.
    b.add_u64_field("passages", FAST);
    // What a hit shows for each bucket, joined by `passage::MARK`: only for a document of more
    // than one that shows them (`SearchDoc::shows_passages`). Stored, so that a hit reads its
    // own and nothing else.
    b.add_text_field("leads", STORED);
    // Whether a document has them, so that the export reads the stored leads of those alone.
    b.add_u64_field("has_leads", FAST);
    let surface = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(SURFACE).set_index_option(IndexRecordOption::Basic),
    );
    b.add_text_field("surface", surface);
    b.add_text_field("filter", STRING);
    b.build()
}

impl Engine {
    /// Opens the index under `cache_dir`, creating it (or recreating an outdated one).
    pub fn open(cache_dir: &Path) -> anyhow::Result<Engine> {
        let dir = cache_dir.join(format!("search-v{SCHEMA_VERSION}"));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating the search cache {}", dir.display()))?;
        let schema = schema();
        let index = match Index::open_in_dir(&dir) {
            Ok(index) if index.schema() == schema => index,
            _ => {
                // Missing, unreadable or from another version: start over. The cache holds nothing else.
                std::fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
                std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
                Index::create_in_dir(&dir, schema.clone()).context("creating the search index")?
            }
        };
        let (stem, surface) = analyzers();
        index.tokenizers().register(STEMMED, stem.clone());
        index.tokenizers().register(BODY_ANALYZER, body_analyzer());
        index.tokenizers().register(SURFACE, surface);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .context("opening the search index")?;
        let field = |n: &str| schema.get_field(n).expect("field of our own schema");
        Ok(Engine {
            id: field("id"),
            idhash: field("idhash"),
            hash: field("hash"),
            text: TEXT_FIELDS.iter().map(|(n, b)| (field(n), *b)).collect(),
            body: field(BODY),
            passages: field("passages"),
            leads: field("leads"),
            has_leads: field("has_leads"),
            surface: field("surface"),
            filter: field("filter"),
            index,
            reader,
            stemmer: stem,
            stats: std::sync::Mutex::new(None),
        })
    }

    /// Brings the index up to date with `docs`; returns how many documents were (re)indexed and
    /// removed.
    /// With `exact`, segments are merged after deletions so that statistics (and so every impact)
    /// equal a fresh build's — what `build` needs for byte-identical output. `serve` skips that
    /// merge to stay quick.
    pub fn update(&mut self, docs: &[SearchDoc], exact: bool) -> anyhow::Result<(usize, usize)> {
        let searcher = self.reader.searcher();
        let mut existing: HashMap<u64, u64> = HashMap::new();
        for seg in searcher.segment_readers() {
            let ids = seg.fast_fields().u64("idhash")?;
            let hashes = seg.fast_fields().u64("hash")?;
            for doc in 0..seg.max_doc() {
                if seg.is_deleted(doc) {
                    continue;
                }
                if let (Some(i), Some(h)) = (ids.first(doc), hashes.first(doc)) {
                    existing.insert(i, h);
                }
            }
        }
        let wanted: HashMap<u64, &SearchDoc> = docs.iter().map(|d| (stable_hash(&d.id), d)).collect();
        let stale: Vec<u64> =
            existing.iter().filter(|(k, h)| wanted.get(k).is_none_or(|d| d.hash != **h)).map(|(k, _)| *k).collect();
        let fresh: Vec<&SearchDoc> =
            docs.iter().filter(|d| existing.get(&stable_hash(&d.id)) != Some(&d.hash)).collect();
        if stale.is_empty() && fresh.is_empty() {
            return Ok((0, 0));
        }
        let removed = stale.iter().filter(|k| !wanted.contains_key(k)).count();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
        let mut writer = self.index.writer_with_num_threads::<TantivyDocument>(threads, 40_000_000 * threads)?;
        for key in &stale {
            writer.delete_term(Term::from_field_u64(self.idhash, *key));
        }
        for d in &fresh {
            let mut doc = TantivyDocument::default();
            doc.add_text(self.id, &d.id);
            doc.add_u64(self.idhash, stable_hash(&d.id));
            doc.add_u64(self.hash, d.hash);
            let o = &d.outline;
            let (body, buckets) = passage::mark(&o.body, &o.sections);
            let texts = [&d.title, &o.decision, &o.headings, &d.tags_text, &*body, &d.people];
            for ((field, _), text) in self.text.iter().zip(texts) {
                doc.add_text(*field, text);
            }
            doc.add_u64(self.passages, u64::from(buckets));
            // A short body's one passage too: a hit on short minutes shows the sentences that
            // matched when they hold more of the question than the opening.
            let has_leads = d.shows_passages() && !o.body.trim().is_empty();
            doc.add_u64(self.has_leads, u64::from(has_leads));
            if has_leads {
                doc.add_text(
                    self.leads,
                    passage::leads(&o.body, &o.sections, &o.code)
                        .iter()
                        .map(|pieces| pieces.join(&passage::PIECE.to_string()))
                        .collect::<Vec<_>>()
                        .join(&passage::MARK.to_string()),
                );
            }
            for text in texts {
                doc.add_text(self.surface, text);
            }
            for f in &d.filters {
                doc.add_text(self.filter, f);
            }
            writer.add_document(doc)?;
        }
        writer.commit().context("writing the search index")?;
        if exact && !stale.is_empty() {
            // Deleted documents still count in BM25 statistics until their segments are merged;
            // merging keeps impacts identical to a fresh build's.
            let ids = self.index.searchable_segment_ids()?;
            if !ids.is_empty() {
                writer.merge(&ids).wait().context("merging the search index")?;
            }
        }
        writer.wait_merging_threads().context("finishing the search index")?;
        self.reader.reload()?;
        *self.stats.get_mut().unwrap_or_else(|e| e.into_inner()) = None;
        Ok((fresh.len(), removed))
    }

    /// The index's last commit: it changes with every update.
    pub fn opstamp(&self) -> anyhow::Result<u64> {
        Ok(self.index.load_metas().context("reading the search index")?.opstamp)
    }

    /// Maps every live document of every segment to its ord: the position of its id in `ids`.
    pub fn ords<'a>(&self, ids: impl Iterator<Item = &'a str>) -> anyhow::Result<OrdMap> {
        let by_hash: HashMap<u64, u32> = ids.enumerate().map(|(ord, id)| (stable_hash(id), ord as u32)).collect();
        let searcher = self.reader.searcher();
        let mut out = Vec::new();
        for seg in searcher.segment_readers() {
            let ids = seg.fast_fields().u64("idhash")?;
            out.push(
                (0..seg.max_doc())
                    .map(|doc| {
                        if seg.is_deleted(doc) {
                            return u32::MAX;
                        }
                        ids.first(doc).and_then(|h| by_hash.get(&h).copied()).unwrap_or(u32::MAX)
                    })
                    .collect(),
            );
        }
        Ok(out)
    }

    /// The stem of one lowercase word, as the index analyses it.
    pub fn stem(&self, word: &str) -> Option<String> {
        let mut analyzer = self.stemmer.clone();
        let mut stream = analyzer.token_stream(word);
        let mut out = None;
        stream.process(&mut |t| {
            if out.is_none() {
                out = Some(t.text.clone());
            }
        });
        out
    }

    /// Every surface word of the corpus, with its stem.
    pub fn word_table(&self) -> anyhow::Result<BTreeMap<String, String>> {
        let mut words = BTreeSet::new();
        for seg in self.reader.searcher().segment_readers() {
            let inv = seg.inverted_index(self.surface)?;
            let mut stream = inv.terms().stream()?;
            while stream.advance() {
                if let Ok(w) = std::str::from_utf8(stream.key()) {
                    words.insert(w.to_string());
                }
            }
        }
        Ok(words.into_iter().filter_map(|w| self.stem(&w).map(|s| (w, s))).collect())
    }

    /// Whether `word` occurs in the corpus (so that it has a stem in the word table).
    pub fn has_word(&self, word: &str) -> anyhow::Result<bool> {
        let term = Term::from_field_text(self.surface, word);
        for seg in self.reader.searcher().segment_readers() {
            if seg.inverted_index(self.surface)?.doc_freq(&term)? > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Every stem that some text field indexes.
    pub fn stems(&self) -> anyhow::Result<BTreeSet<String>> {
        let mut stems = BTreeSet::new();
        for seg in self.reader.searcher().segment_readers() {
            for (field, _) in &self.text {
                let inv = seg.inverted_index(*field)?;
                let mut stream = inv.terms().stream()?;
                while stream.advance() {
                    if let Ok(s) = std::str::from_utf8(stream.key()) {
                        stems.insert(s.to_string());
                    }
                }
            }
        }
        Ok(stems)
    }

    /// Up to `limit` corpus words, in byte order, that begin with `prefix`.
    pub fn words_from(&self, prefix: &str, limit: usize) -> anyhow::Result<Vec<String>> {
        let mut words = BTreeSet::new();
        for seg in self.reader.searcher().segment_readers() {
            let inv = seg.inverted_index(self.surface)?;
            let mut stream = inv.terms().range().ge(prefix.as_bytes()).into_stream()?;
            let mut taken = 0;
            while taken < limit && stream.advance() {
                let Ok(w) = std::str::from_utf8(stream.key()) else { continue };
                if !w.starts_with(prefix) {
                    break;
                }
                words.insert(w.to_string());
                taken += 1;
            }
        }
        Ok(words.into_iter().take(limit).collect())
    }

    /// The document count and each text field's average length, read once per index state.
    fn stats(&self) -> anyhow::Result<(u64, Vec<f32>)> {
        use tantivy::query::Bm25StatisticsProvider as _;
        let mut cached = self.stats.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(stats) = cached.as_ref() {
            return Ok(stats.clone());
        }
        let searcher = self.reader.searcher();
        let total_docs = searcher.total_num_docs()?.max(1);
        let mut averages = Vec::new();
        for (field, _) in &self.text {
            averages.push(searcher.total_num_tokens(*field)? as f32 / total_docs as f32);
        }
        *cached = Some((total_docs, averages.clone()));
        Ok((total_docs, averages))
    }

    /// Every document's impact for `stem`, and the passages it is in, sorted by ord.
    ///
    /// Each field is scored with BM25 over its own lengths, but with one document frequency for
    /// the term: the largest of its fields'. Per-field frequencies would make a word that is in
    /// every body but few titles look rare in titles, so that any title naming it outweighs the
    /// one body that names the question's rare word.
    pub fn impacts(&self, stem: &str, ords: &OrdMap) -> anyhow::Result<Vec<Posting>> {
        use tantivy::query::Bm25Weight;
        let searcher = self.reader.searcher();
        let stats = self.stats()?;
        let total_docs = stats.0;
        let mut doc_freq = 0;
        for (field, _) in &self.text {
            doc_freq = doc_freq.max(searcher.doc_freq(&Term::from_field_text(*field, stem))?);
        }
        if doc_freq == 0 {
            return Ok(Vec::new());
        }
        // Per document: the summed score, and where the term is: everywhere when a field outside
        // the body has it, else the buckets of the body that do.
        let mut acc: BTreeMap<u32, (f32, u32)> = BTreeMap::new();
        let mut positions = Vec::new();
        for (((field, boost), average), (name, _)) in self.text.iter().zip(&stats.1).zip(TEXT_FIELDS) {
            let term = Term::from_field_text(*field, stem);
            let weight = Bm25Weight::for_one_term_without_explain(doc_freq, total_docs, *average);
            let is_body = *field == self.body;
            let record = if is_body { IndexRecordOption::WithFreqsAndPositions } else { IndexRecordOption::WithFreqs };
            for (seg_ord, seg) in searcher.segment_readers().iter().enumerate() {
                let inv = seg.inverted_index(*field)?;
                let Some(mut postings) = inv.read_postings(&term, record)? else { continue };
                let norms = seg.get_fieldnorms_reader(*field)?;
                let buckets = seg.fast_fields().u64("passages")?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    let ord = ords[seg_ord][doc as usize];
                    if ord != u32::MAX {
                        let mask = if !IN_BODY.contains(&name) {
                            passage::EVERYWHERE
                        } else if is_body {
                            // Positions are read only where there is more than one bucket.
                            match buckets.first(doc).map_or(1, |b| b as u32) {
                                0 | 1 => passage::EVERYWHERE,
                                n => {
                                    postings.positions(&mut positions);
                                    let bit = |p: u32| 1u32 << p.min(passage::BUCKETS - 1);
                                    passage::mask(positions.iter().fold(0, |m, &p| m | bit(p)), n)
                                }
                            }
                        } else {
                            0
                        };
                        let e = acc.entry(ord).or_insert((0.0, 0));
                        e.0 += weight.score(norms.fieldnorm_id(doc), postings.term_freq()) * boost;
                        e.1 |= mask;
                    }
                    doc = postings.advance();
                }
            }
        }
        Ok(acc
            .into_iter()
            .map(|(ord, (s, mask))| Posting {
                ord,
                impact: (s * IMPACT_SCALE).round() as u32,
                mask: if mask == 0 { passage::EVERYWHERE } else { mask },
            })
            .filter(|p| p.impact > 0)
            .collect())
    }

    /// The passage leads and pieces of the documents that have them (`passage::leads`), by ord;
    /// with `only`, of those documents alone.
    pub fn leads(
        &self,
        ords: &OrdMap,
        only: Option<&BTreeSet<u32>>,
    ) -> anyhow::Result<BTreeMap<u32, Vec<Vec<String>>>> {
        let mut out = BTreeMap::new();
        for (seg_ord, seg) in self.reader.searcher().segment_readers().iter().enumerate() {
            let has_leads = seg.fast_fields().u64("has_leads")?;
            let mut store = None;
            for doc in 0..seg.max_doc() {
                let ord = ords[seg_ord][doc as usize];
                if ord == u32::MAX || only.is_some_and(|o| !o.contains(&ord)) || has_leads.first(doc) != Some(1) {
                    continue;
                }
                let store = match &mut store {
                    Some(s) => s,
                    None => store.insert(seg.get_store_reader(1).context("reading the search index")?),
                };
                let stored: TantivyDocument = store.get(doc).context("reading the search index")?;
                if let Some(text) = stored.get_first(self.leads).and_then(|v| v.as_str()) {
                    let pieces = |bucket: &str| bucket.split(passage::PIECE).map(String::from).collect();
                    out.insert(ord, text.split(passage::MARK).map(pieces).collect());
                }
            }
        }
        Ok(out)
    }

    /// The ords of the documents carrying a filter term (`kind:adr`), sorted.
    pub fn filtered(&self, filter: &str, ords: &OrdMap) -> anyhow::Result<Vec<u32>> {
        let term = Term::from_field_text(self.filter, filter);
        let mut out = Vec::new();
        for (seg_ord, seg) in self.reader.searcher().segment_readers().iter().enumerate() {
            let inv = seg.inverted_index(self.filter)?;
            let Some(mut postings) = inv.read_postings(&term, IndexRecordOption::Basic)? else { continue };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let ord = ords[seg_ord][doc as usize];
                if ord != u32::MAX {
                    out.push(ord);
                }
                doc = postings.advance();
            }
        }
        out.sort_unstable();
        Ok(out)
    }

    /// Every filter term in the index.
    pub fn filters(&self) -> anyhow::Result<BTreeSet<String>> {
        let mut out = BTreeSet::new();
        for seg in self.reader.searcher().segment_readers() {
            let inv = seg.inverted_index(self.filter)?;
            let mut stream = inv.terms().stream()?;
            while stream.advance() {
                if let Ok(s) = std::str::from_utf8(stream.key()) {
                    out.insert(s.to_string());
                }
            }
        }
        Ok(out)
    }
}
