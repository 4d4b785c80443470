//! Ranking: the one formula, over integer impacts.
//!
//! Input: a [`ParsedQuery`] and a [`PostingSource`] (the tantivy index for the terminal and
//! `serve`; `search.js` implements the same steps over the exported shards). Output: document
//! ords with scores, best first.
//!
//! For each concept, a document's *exact* impact is the largest impact of any of the concept's
//! terms (a word and its aliases count once). Its *expanded* impact comes from words the concept
//! may stand for: related words of the thesaurus (a related phrase matches with the smallest
//! impact of its words), the word joined to the next one when the corpus writes them as one,
//! completions of an unfinished last word, and, for a word the corpus
//! lacks, its other forms ("declining": declined), else the word without a prefix, else its typo
//! corrections. An expanded impact is halved and kept so that, weighted by the document's class,
//! it stays below the smallest weighted exact impact of the concept anywhere: it never outranks
//! a document that has the word itself. A concept counts the larger of the two.
//!
//! The concepts' counts are summed with their weights (a number weighs less than a topic word);
//! the sum is scaled by `(a·W + M) / ((a+1)·W)` — each concept weighing its weight times its
//! rarity in bits, `W` the question's total, `M` what the document's best passage matched (a
//! concept in its title, tags or people is in every passage; see `passage.rs`), `a` set by the
//! question's intent — and by the weight of the document's kind and status under that intent
//! (per mille). Documents must carry every filter and match every
//! concept of a quoted phrase. Ties go to the lower ord. Every step is integer or a fixed sequence
//! of f64 operations, so JavaScript computes bit-identical scores.

use crate::search::analysis::{Concept, ParsedQuery, STOPWORDS};
pub use crate::search::engine::Posting;
use crate::search::intent::{self, DocClass, Intent};
use crate::search::passage::EVERYWHERE;
use crate::search::spelling;
use std::collections::{BTreeMap, BTreeSet};

/// Expanded impacts are divided by this.
pub const EXPANDED_DIVISOR: u32 = 2;

/// Where postings come from.
pub trait PostingSource {
    /// The index term for a surface word, if the word occurs in the corpus.
    fn stem_of(&self, word: &str) -> anyhow::Result<Option<String>>;
    /// A term's postings, sorted by ord.
    fn impacts(&self, stem: &str) -> anyhow::Result<Vec<Posting>>;
    /// Ords carrying a filter term, sorted.
    fn filtered(&self, filter: &str) -> anyhow::Result<Vec<u32>>;
    /// Up to `limit` corpus words, in byte order, that begin with `prefix`.
    fn words_from(&self, prefix: &str, limit: usize) -> anyhow::Result<Vec<String>>;
    /// The related members of a typed word, each as its stems (see `thesaurus.rs`).
    fn related(&self, word: &str) -> Vec<Vec<String>>;
    /// The kind and status class of a document.
    fn class_of(&self, ord: u32) -> DocClass;
    /// How many documents the index holds.
    fn documents(&self) -> u32;
}

/// A ranked document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranked {
    /// Its ord.
    pub ord: u32,
    /// Its score.
    pub score: f64,
    /// The bucket of its passage that matched most (the first of equals), when the question's
    /// words are only in some of its passages.
    pub passage: Option<u32>,
}

/// A question's ranked documents, best first, and what each of its concepts may match and how
/// much that counts: what chooses the sentences a hit shows (`passage::best_piece`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ranking {
    /// The documents, best first.
    pub hits: Vec<Ranked>,
    /// Per concept of the question, in its order: the index terms it may match
    /// ([`Expansion::stems`]) and its weight times rarity.
    pub concepts: Vec<(Vec<String>, u64)>,
}

/// A concept's match in one document: its impact, and the passages where it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Match {
    impact: u32,
    mask: u32,
}

impl Match {
    /// The better impact, in the passages of either.
    fn join(&mut self, impact: u32, mask: u32) {
        self.impact = self.impact.max(impact);
        self.mask |= mask;
    }
}

/// Each document's best impact over `stems`, in the passages of any of them.
fn best_of(stems: &BTreeSet<String>, source: &dyn PostingSource) -> anyhow::Result<BTreeMap<u32, Match>> {
    let mut best: BTreeMap<u32, Match> = BTreeMap::new();
    for stem in stems {
        for p in source.impacts(stem)? {
            best.entry(p.ord).or_default().join(p.impact, p.mask);
        }
    }
    Ok(best)
}

/// The stems of corpus words, other than `exact`.
fn stems_of(
    words: &[String],
    exact: &BTreeSet<String>,
    source: &dyn PostingSource,
) -> anyhow::Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for w in words {
        if let Some(stem) = source.stem_of(w)?.filter(|s| !exact.contains(s)) {
            out.insert(stem);
        }
    }
    Ok(out)
}

/// What a concept may match: its own terms, and the words it may stand for.
#[derive(Debug, Default)]
pub struct Expansion {
    /// The stems of the word and its aliases.
    pub exact: BTreeSet<String>,
    /// Related thesaurus members, each as its stems.
    pub related: Vec<Vec<String>>,
    /// Stems of the completions of an unfinished last word.
    pub completions: BTreeSet<String>,
    /// Stems of the corrections of a word the corpus lacks.
    pub corrections: BTreeSet<String>,
}

impl Expansion {
    /// The expansion of `concept` in the corpus of `source`.
    pub fn of(concept: &Concept, source: &dyn PostingSource) -> anyhow::Result<Expansion> {
        let mut x = Expansion::default();
        for surface in &concept.surfaces {
            if let Some(stem) = source.stem_of(surface)? {
                x.exact.insert(stem);
            }
        }
        // Related members of the word, and of the phrase it begins with the next word; a member
        // that the two words themselves match is no expansion.
        let mut keys = concept.surfaces.clone();
        let mut own = x.exact.clone();
        if let Some(next) = &concept.next {
            keys.push(format!("{} {next}", concept.word));
            own.extend(source.stem_of(next)?);
        }
        for key in &keys {
            for member in source.related(key) {
                if !member.iter().all(|s| own.contains(s)) && !x.related.contains(&member) {
                    x.related.push(member);
                }
            }
        }
        // Two words the corpus writes as one ("locked file": lockedfile, "go toolchain").
        if let Some(next) = &concept.next
            && let Some(joined) = source.stem_of(&format!("{}{next}", concept.word))?
            && !own.contains(&joined)
            && !x.related.contains(&vec![joined.clone()])
        {
            x.related.push(vec![joined]);
        }
        if concept.prefix {
            let scanned = source.words_from(&concept.word, spelling::PREFIX_SCAN)?;
            x.completions = stems_of(&spelling::completions(&concept.word, &scanned), &x.exact, source)?;
        }
        // A word the corpus lacks: its other forms ("shutting": "shut", "declining": "declined");
        // failing that, the word without a prefix ("reconnect": "connect"); failing that, its
        // nearest corpus words with the same first letter. Each counts as an expansion: taking
        // an ending off by rule can land on another word ("plugging": a plug).
        if x.exact.is_empty() {
            x.corrections = stems_of(&spelling::other_forms(&concept.word), &x.exact, source)?;
        }
        if x.exact.is_empty() && x.corrections.is_empty() {
            x.corrections = stems_of(&spelling::unprefixed(&concept.word), &x.exact, source)?;
        }
        if x.exact.is_empty() && x.corrections.is_empty() && spelling::typos_allowed(&concept.word) > 0 {
            let first: String = concept.word.chars().take(1).collect();
            let candidates = source.words_from(&first, usize::MAX)?;
            x.corrections = stems_of(&spelling::corrections(&concept.word, &candidates), &x.exact, source)?;
        }
        // Last, a compound the corpus writes as two words ("webassembly": *Web Assembly*,
        // "frontend": *front-end*): each cut into two corpus words, as a phrase.
        if x.exact.is_empty() && x.corrections.is_empty() {
            for (first, second) in spelling::halves(&concept.word) {
                if STOPWORDS.contains(&first.as_str()) || STOPWORDS.contains(&second.as_str()) {
                    continue;
                }
                if let Some(a) = source.stem_of(&first)?
                    && let Some(b) = source.stem_of(&second)?
                {
                    let member = vec![a, b];
                    if !x.related.contains(&member) {
                        x.related.push(member);
                    }
                }
            }
        }
        Ok(x)
    }

    /// Every single stem it may match, for highlighting: the word's own, its one-word related
    /// words, completions and corrections.
    pub fn stems(&self) -> BTreeSet<String> {
        let mut out = self.exact.clone();
        let single = self.related.iter().filter(|m| m.len() == 1).flatten();
        out.extend(single.filter(|s| !STOPWORDS.contains(&s.as_str())).cloned());
        out.extend(self.completions.iter().cloned());
        out.extend(self.corrections.iter().cloned());
        out
    }

    /// The related phrases it may match ("spending plan", "is down"), each as its stems in order:
    /// a highlighter marks their words only where they stand together, not every "plan" or "is".
    pub fn phrases(&self) -> Vec<Vec<String>> {
        self.related.iter().filter(|m| m.len() > 1).cloned().collect()
    }
}

/// A concept's count per document: exact, or expanded (halved, and capped so that, weighted by
/// class under the question's intent, it stays below every exact match of the concept), with the
/// passages it matched in; and the index terms it may match.
fn concept_impacts(
    concept: &Concept,
    source: &dyn PostingSource,
    intent: Intent,
) -> anyhow::Result<(BTreeMap<u32, Match>, Vec<String>)> {
    let x = Expansion::of(concept, source)?;
    let exact = best_of(&x.exact, source)?;
    let mut expanded: BTreeMap<u32, Match> = BTreeMap::new();
    // A related phrase matches where all its words do, with the least impact, in the passages
    // where they meet (or, when they never share one, where any of them is).
    for member in &x.related {
        let mut common: Option<BTreeMap<u32, (u32, u32, u32)>> = None;
        for stem in member {
            let postings = source.impacts(stem)?;
            common = Some(match common {
                None => postings.into_iter().map(|p| (p.ord, (p.impact, p.mask, p.mask))).collect(),
                Some(c) => {
                    let here: BTreeMap<u32, Posting> = postings.into_iter().map(|p| (p.ord, p)).collect();
                    c.into_iter()
                        .filter_map(|(o, (i, both, any))| {
                            here.get(&o).map(|p| (o, (i.min(p.impact), both & p.mask, any | p.mask)))
                        })
                        .collect()
                }
            });
        }
        for (ord, (impact, both, any)) in common.unwrap_or_default() {
            expanded.entry(ord).or_default().join(impact, if both != 0 { both } else { any });
        }
    }
    for (ord, m) in best_of(&x.completions, source)?.into_iter().chain(best_of(&x.corrections, source)?) {
        expanded.entry(ord).or_default().join(m.impact, m.mask);
    }

    let weight = |ord: u32| u64::from(intent::class_weight(intent, source.class_of(ord)));
    let least = exact.iter().map(|(ord, m)| u64::from(m.impact) * weight(*ord)).min();
    let mut out = exact;
    for (ord, m) in expanded {
        let impact = match least {
            Some(least) => (m.impact / EXPANDED_DIVISOR).min((least.saturating_sub(1) / weight(ord)) as u32),
            None => m.impact / EXPANDED_DIVISOR,
        };
        if impact > 0 {
            out.entry(ord).or_default().join(impact, m.mask);
        }
    }
    Ok((out, x.stems().into_iter().collect()))
}

/// The most a document's best passage matched, and that passage's bucket: per bucket, the
/// rarities of the concepts whose mask has it, summed; the largest of those sums (the first
/// bucket of equals). Concepts that are everywhere count in every bucket, so only the others'
/// buckets are visited; when every concept is everywhere there is no one passage.
fn best_passage(masks: &[(u32, u64)]) -> (u64, Option<u32>) {
    let everywhere: u64 = masks.iter().filter(|(m, _)| *m == EVERYWHERE).map(|(_, r)| r).sum();
    let some = masks.iter().filter(|(m, _)| *m != EVERYWHERE).fold(0u32, |u, (m, _)| u | m);
    let (mut best, mut at) = (0, None);
    for bit in (0..32).filter(|bit| some >> bit & 1 == 1) {
        let here: u64 = masks.iter().filter(|(m, _)| *m != EVERYWHERE && m >> bit & 1 == 1).map(|(_, r)| r).sum();
        if here > best {
            (best, at) = (here, Some(bit));
        }
    }
    (everywhere + best, at)
}

/// Ranks documents for `query`.
pub fn rank(query: &ParsedQuery, source: &dyn PostingSource, limit: usize) -> anyhow::Result<Ranking> {
    let n = query.concepts.len();
    if n == 0 && query.filters.is_empty() {
        return Ok(Ranking::default());
    }
    let (per_concept, stems): (Vec<BTreeMap<u32, Match>>, Vec<Vec<String>>) = query
        .concepts
        .iter()
        .map(|c| concept_impacts(c, source, query.intent))
        .collect::<anyhow::Result<Vec<_>>>()?
        .into_iter()
        .unzip();
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
    // How much matching a concept counts for the bonus: its weight times how rare it is, in whole
    // bits (1 + log2 of documents per match), so that matching the question's rare words counts
    // for more than matching its common ones. Integer, so that JavaScript agrees.
    let documents = u64::from(source.documents()).max(1);
    let rarity: Vec<u64> = per_concept
        .iter()
        .zip(&query.concepts)
        .map(|(m, c)| {
            let per_match = documents / (m.len() as u64).max(1);
            u64::from(c.weight) * u64::from(1 + per_match.max(1).ilog2())
        })
        .collect();
    let total: u64 = rarity.iter().sum();
    let a = u64::from(intent::coordination(query.intent));
    let mut ranked = Vec::new();
    // Each matched concept's passages and rarity, for the document being scored.
    let mut masks: Vec<(u32, u64)> = Vec::with_capacity(n);
    for ord in candidates {
        if allowed.as_ref().is_some_and(|a| !a.contains(&ord)) {
            continue;
        }
        if query.required.iter().any(|&i| !per_concept[i].contains_key(&ord)) {
            continue;
        }
        let mut sum: u64 = 0;
        masks.clear();
        for ((m, concept), rare) in per_concept.iter().zip(&query.concepts).zip(&rarity) {
            if let Some(hit) = m.get(&ord) {
                sum += u64::from(hit.impact) * u64::from(concept.weight);
                masks.push((hit.mask, *rare));
            }
        }
        let (matched, passage) = best_passage(&masks);
        let weight = intent::class_weight(query.intent, source.class_of(ord));
        let score = if n == 0 {
            0.0
        } else {
            sum as f64 * (a * total + matched) as f64 / ((a + 1) * total) as f64 * f64::from(weight) / 1000.0
        };
        ranked.push(Ranked { ord, score, passage });
    }
    // Higher score first, then lower ord: a total order, so choosing the best `limit` before
    // sorting them gives what sorting every match would.
    let order = |a: &Ranked, b: &Ranked| b.score.total_cmp(&a.score).then(a.ord.cmp(&b.ord));
    if limit == 0 {
        return Ok(Ranking { hits: Vec::new(), concepts: stems.into_iter().zip(rarity).collect() });
    }
    if ranked.len() > limit {
        ranked.select_nth_unstable_by(limit - 1, order);
        ranked.truncate(limit);
    }
    ranked.sort_by(order);
    Ok(Ranking { hits: ranked, concepts: stems.into_iter().zip(rarity).collect() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analysis::{alias_table, parse};
    use crate::vocab::{DocKind, Status};

    /// Ord 1 and 2 mention postgres, 2 and 3 kafka; 4 says "hermetic"; 5 "postgis".
    struct Fake;
    impl PostingSource for Fake {
        fn stem_of(&self, word: &str) -> anyhow::Result<Option<String>> {
            Ok(match word {
                "postgresql" | "postgres" => Some("postgr".into()),
                "kafka" | "hermetic" | "postgis" => Some(word.into()),
                _ => None,
            })
        }
        fn impacts(&self, stem: &str) -> anyhow::Result<Vec<Posting>> {
            let postings: Vec<(u32, u32)> = match stem {
                "postgr" => vec![(1, 300), (2, 100)],
                "kafka" => vec![(2, 250), (3, 500)],
                "hermetic" => vec![(4, 900)],
                "postgis" => vec![(5, 700)],
                _ => vec![],
            };
            Ok(postings.into_iter().map(|(ord, impact)| Posting { ord, impact, mask: EVERYWHERE }).collect())
        }
        fn filtered(&self, filter: &str) -> anyhow::Result<Vec<u32>> {
            Ok(if filter == "kind:adr" { vec![1, 3] } else { vec![] })
        }
        fn words_from(&self, prefix: &str, limit: usize) -> anyhow::Result<Vec<String>> {
            let words = ["hermetic", "kafka", "postgis", "postgres", "postgresql"];
            Ok(words.iter().filter(|w| w.starts_with(prefix)).take(limit).map(|w| w.to_string()).collect())
        }
        fn related(&self, word: &str) -> Vec<Vec<String>> {
            match word {
                "repeatable" | "kafka" | "steady builds" => vec![vec!["hermetic".into()]],
                _ => vec![],
            }
        }
        fn documents(&self) -> u32 {
            6
        }
        fn class_of(&self, ord: u32) -> DocClass {
            let status = if ord == 3 { Status::Rejected } else { Status::Accepted };
            DocClass::of(DocKind::Adr, Some(status))
        }
    }

    fn ords(q: &str) -> Vec<(u32, f64)> {
        rank(&parse(q, &alias_table(&Default::default())), &Fake, 10)
            .unwrap()
            .hits
            .into_iter()
            .map(|r| (r.ord, r.score))
            .collect()
    }

    fn order(q: &str) -> Vec<u32> {
        ords(q).into_iter().map(|(o, _)| o).collect()
    }

    #[test]
    fn or_with_a_coordination_bonus_and_class_weights() {
        // Doc 2 matches both concepts: (100 + 250) * 2 * 4/4 * 1.3; doc 3 only kafka, and is
        // rejected: 500 * 2 * 3/4 * 0.5; doc 1: 300 * 2 * 3/4 * 1.3. Doc 4 only by a word related
        // to kafka: 900 halved, then kept so that weighted it is below kafka's least weighted
        // exact impact (doc 3's 500 * 500): 249999 / 1300 = 192, and 192 * 2 * 3/4 * 1.3.
        assert_eq!(ords("postgres kafka"), vec![(2, 910.0), (1, 585.0), (3, 375.0), (4, 374.4)]);
        assert_eq!(order("why did we choose postgresql"), [1, 2]);
        assert_eq!(ords("why"), vec![]);
    }

    #[test]
    fn a_rejected_decision_fully_answers_what_was_decided() {
        // Asked plainly, the accepted doc 2 (250 * 1.3) beats the rejected doc 3 (500 * 0.5).
        // Doc 4, only related to kafka, stays below both exact matches whatever its class.
        assert_eq!(order("kafka"), [2, 3, 4]);
        // Asked what was decided, every outcome weighs the same: the better match wins.
        assert_eq!(order("what did we decide about kafka"), [3, 2, 4]);
    }

    #[test]
    fn expansions_never_outrank_the_word_itself() {
        // "repeatable" is not in the corpus: the related "hermetic" answers, halved: 450 * 2 * 1.3.
        assert_eq!(ords("repeatable"), vec![(4, 1170.0)]);
        // The last word is a prefix: "postg" finds postgis and postgres, each halved.
        assert_eq!(order("postg"), [5, 1, 2]);
        // A typo: "postgress" has no exact match; its corrections do.
        assert_eq!(order("postgress"), [1, 2]);
        // A two-word phrase of the thesaurus: neither word is in the corpus, the phrase's stand-in is.
        assert_eq!(order("steady builds"), [4]);
        assert_eq!(order("steady"), Vec::<u32>::new());
        // "postgis" typed in full is exact; "postgres" is not a completion of it.
        assert_eq!(order("postgis"), [5]);
    }

    /// Two long sets of minutes (ords 0 and 1) and a short note (2): the first names the budget
    /// and travel in different passages, the second in the same one.
    struct Minutes;
    impl PostingSource for Minutes {
        fn stem_of(&self, word: &str) -> anyhow::Result<Option<String>> {
            Ok(["budget", "travel", "fares"].contains(&word).then(|| word.to_string()))
        }
        fn impacts(&self, stem: &str) -> anyhow::Result<Vec<Posting>> {
            let p = |ord, impact, mask| Posting { ord, impact, mask };
            Ok(match stem {
                "budget" => vec![p(0, 300, 0b0001), p(1, 300, 0b0100), p(2, 100, EVERYWHERE)],
                "travel" => vec![p(0, 300, 0b1000), p(1, 300, 0b0100)],
                "fares" => vec![p(0, 300, 0b1000), p(1, 300, 0b0010)],
                _ => vec![],
            })
        }
        fn filtered(&self, _: &str) -> anyhow::Result<Vec<u32>> {
            Ok(vec![])
        }
        fn words_from(&self, _: &str, _: usize) -> anyhow::Result<Vec<String>> {
            Ok(vec![])
        }
        fn related(&self, word: &str) -> Vec<Vec<String>> {
            if word == "commute" { vec![vec!["travel".into()]] } else { vec![] }
        }
        fn documents(&self) -> u32 {
            8
        }
        fn class_of(&self, _: u32) -> DocClass {
            DocClass::of(DocKind::Standup, None)
        }
    }

    #[test]
    fn words_that_share_a_passage_count_as_matched_together() {
        let rank_of = |q: &str| {
            let ranked = rank(&parse(q, &alias_table(&Default::default())), &Minutes, 10).unwrap().hits;
            ranked.into_iter().map(|r| (r.ord, r.score)).collect::<Vec<_>>()
        };
        // Same impacts; the budget and travel meet in one passage of ord 1 only.
        let both = rank_of("budget travel");
        assert_eq!(both.iter().map(|(o, _)| *o).collect::<Vec<_>>(), [1, 0, 2]);
        assert!(both[0].1 > both[1].1);
        // Asked about the budget and fares, ord 0 has them side by side instead.
        assert_eq!(rank_of("budget fares")[0].0, 0);
        // A related word meets in the passage where it is: "commute" stands for travel.
        assert_eq!(rank_of("budget commute")[0].0, 1);
        assert_eq!(best_passage(&[(0b0110, 3), (0b0100, 2), (0b1000, 5)]), (5, Some(2)), "the first of equals");
        assert_eq!(best_passage(&[(0b0110, 3), (0b0100, 4), (0b1000, 5)]), (7, Some(2)));
        assert_eq!(best_passage(&[]), (0, None));
        assert_eq!(
            best_passage(&[(EVERYWHERE, 4), (0b0100, 4), (0b1000, 5)]),
            (9, Some(3)),
            "a title word is in every passage"
        );
        assert_eq!(best_passage(&[(EVERYWHERE, 4)]), (4, None), "no one passage");
    }

    #[test]
    fn filters_and_phrases() {
        assert_eq!(order("kind:adr postgres kafka"), [1, 3]);
        assert_eq!(order("\"postgres kafka\""), [2]);
        assert_eq!(ords("kind:adr"), vec![(1, 0.0), (3, 0.0)]);
    }
}
