//! Ranking: the one formula, over integer impacts.
//!
//! Input: a [`ParsedQuery`] and a [`PostingSource`] (the tantivy index for the terminal and
//! `serve`; `search.js` implements the same steps over the exported shards). Output: document
//! ords with scores, best first.
//!
//! For each concept, a document's contribution is the largest impact of any of the concept's
//! terms (a word and its aliases count once). The contributions are summed; the sum is scaled by
//! `(n + matched) / 2n` — OR semantics with a bonus for matching more of the question's `n`
//! concepts. Documents must carry every filter and match every concept of a quoted phrase. Ties
//! go to the lower ord. Every step is integer or a fixed sequence of f64 operations, so JavaScript
//! computes bit-identical scores.

use crate::search::analysis::ParsedQuery;
use std::collections::{BTreeMap, BTreeSet};

/// Where postings come from.
pub trait PostingSource {
    /// The index term for a surface word, if the word occurs in the corpus.
    fn stem_of(&self, word: &str) -> anyhow::Result<Option<String>>;
    /// Impacts of a term: `(ord, impact)` sorted by ord.
    fn impacts(&self, stem: &str) -> anyhow::Result<Vec<(u32, u32)>>;
    /// Ords carrying a filter term, sorted.
    fn filtered(&self, filter: &str) -> anyhow::Result<Vec<u32>>;
}

/// A ranked document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranked {
    /// Its ord.
    pub ord: u32,
    /// Its score.
    pub score: f64,
}

/// Ranks documents for `query`.
pub fn rank(query: &ParsedQuery, source: &dyn PostingSource, limit: usize) -> anyhow::Result<Vec<Ranked>> {
    let n = query.concepts.len();
    if n == 0 && query.filters.is_empty() {
        return Ok(Vec::new());
    }
    // Per concept: ord → best impact among its terms.
    let mut per_concept: Vec<BTreeMap<u32, u32>> = Vec::with_capacity(n);
    for concept in &query.concepts {
        let mut stems = BTreeSet::new();
        for surface in &concept.surfaces {
            if let Some(stem) = source.stem_of(surface)? {
                stems.insert(stem);
            }
        }
        let mut best: BTreeMap<u32, u32> = BTreeMap::new();
        for stem in &stems {
            for (ord, impact) in source.impacts(stem)? {
                let e = best.entry(ord).or_insert(0);
                *e = (*e).max(impact);
            }
        }
        per_concept.push(best);
    }
    let mut allowed: Option<BTreeSet<u32>> = None;
    for f in &query.filters {
        let set: BTreeSet<u32> = source.filtered(f)?.into_iter().collect();
        allowed = Some(match allowed {
            Some(a) => a.intersection(&set).copied().collect(),
            None => set,
        });
    }
    let candidates: BTreeSet<u32> = if n == 0 {
        allowed.clone().unwrap_or_default()
    } else {
        per_concept.iter().flat_map(|m| m.keys().copied()).collect()
    };
    let mut ranked = Vec::new();
    for ord in candidates {
        if allowed.as_ref().is_some_and(|a| !a.contains(&ord)) {
            continue;
        }
        if query.required.iter().any(|&i| !per_concept[i].contains_key(&ord)) {
            continue;
        }
        let mut sum: u64 = 0;
        let mut matched: u64 = 0;
        for m in &per_concept {
            if let Some(i) = m.get(&ord) {
                sum += u64::from(*i);
                matched += 1;
            }
        }
        let score = if n == 0 { 0.0 } else { sum as f64 * (n as u64 + matched) as f64 / (2 * n as u64) as f64 };
        ranked.push(Ranked { ord, score });
    }
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.ord.cmp(&b.ord)));
    ranked.truncate(limit);
    Ok(ranked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analysis::{alias_table, parse};

    struct Fake;
    impl PostingSource for Fake {
        fn stem_of(&self, word: &str) -> anyhow::Result<Option<String>> {
            Ok(match word {
                "postgresql" | "postgres" => Some("postgr".into()),
                "kafka" => Some("kafka".into()),
                _ => None,
            })
        }
        fn impacts(&self, stem: &str) -> anyhow::Result<Vec<(u32, u32)>> {
            Ok(match stem {
                "postgr" => vec![(1, 300), (2, 100)],
                "kafka" => vec![(2, 250), (3, 500)],
                _ => vec![],
            })
        }
        fn filtered(&self, filter: &str) -> anyhow::Result<Vec<u32>> {
            Ok(if filter == "kind:adr" { vec![1, 3] } else { vec![] })
        }
    }

    fn ords(q: &str) -> Vec<(u32, f64)> {
        rank(&parse(q, &alias_table(&Default::default())), &Fake, 10)
            .unwrap()
            .into_iter()
            .map(|r| (r.ord, r.score))
            .collect()
    }

    #[test]
    fn or_with_a_coordination_bonus() {
        // Doc 2 matches both concepts: (100 + 250) * 4/4; doc 3 only kafka: 500 * 3/4; doc 1: 300 * 3/4.
        assert_eq!(ords("postgres kafka"), vec![(3, 375.0), (2, 350.0), (1, 225.0)]);
        assert_eq!(ords("why did we choose postgresql"), vec![(1, 300.0), (2, 100.0)]);
        assert_eq!(ords("why"), vec![]);
    }

    #[test]
    fn filters_and_phrases() {
        assert_eq!(ords("kind:adr postgres kafka"), vec![(3, 375.0), (1, 225.0)]);
        assert_eq!(ords("\"postgres kafka\""), vec![(2, 350.0)]);
        assert_eq!(ords("kind:adr"), vec![(1, 0.0), (3, 0.0)]);
    }
}
