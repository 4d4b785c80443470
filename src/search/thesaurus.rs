//! Vocabulary bridging: words that stand in for one another in an engineering question
//! ("repeatable builds" for a decision about *hermetic* builds, "throttling" for *rate limiting*).
//!
//! Input: the curated table shipped in the binary (`related.txt`, one group per line) and the
//! groups a site adds in `[search] related`. Output: [`Related`], the part of the table that
//! matters to one corpus: for each query word or two-word phrase that may be typed (every member
//! of one or two words, with common inflections), the groups it belongs to, each member given as the index terms (stems)
//! of its words. A member some word of which the corpus lacks is left out, so is a group with
//! nothing left. The browser reads the same [`Related`] from the manifest.
//!
//! A related word is a weaker match than the word itself: `rank.rs` halves it and keeps it below
//! every exact match of the same word.

use crate::search::analysis::words;
use crate::search::spelling::inflections;
use serde::Serialize;
use std::collections::BTreeMap;

/// The curated table.
pub const BUILTIN: &str = include_str!("related.txt");

/// The groups of the curated table, then `extra`, as the words of each member.
pub fn groups(extra: &[Vec<String>]) -> Vec<Vec<Vec<String>>> {
    let builtin = BUILTIN
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split(',').map(words).filter(|m| !m.is_empty()).collect::<Vec<_>>());
    let extra = extra.iter().map(|g| g.iter().map(|m| words(m)).filter(|m| !m.is_empty()).collect::<Vec<_>>());
    builtin.chain(extra).filter(|g| g.len() >= 2).collect()
}

/// The keys a member is found by: a word in each of its inflections; a two-word phrase ("web
/// address", "shut down") with either word inflected, written with one space. Longer phrases
/// are only matched, never looked up.
pub fn typed_forms(member: &[String]) -> Vec<String> {
    match member {
        [word] => inflections(word),
        [first, last] => {
            let mut out: Vec<String> = inflections(first).into_iter().map(|f| format!("{f} {last}")).collect();
            out.extend(inflections(last).into_iter().skip(1).map(|l| format!("{first} {l}")));
            out
        }
        _ => Vec::new(),
    }
}

/// The index term of `word`, or of another form of it the corpus has: a table that says
/// "decline" must find a corpus that only ever writes "declined".
fn corpus_stem(word: &str, stem_of: &impl Fn(&str) -> Option<String>) -> Option<String> {
    stem_of(word).or_else(|| inflections(word).iter().skip(1).find_map(|form| stem_of(form)))
}

/// The related words of one corpus.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Related {
    /// A word as typed → the groups it belongs to.
    pub keys: BTreeMap<String, Vec<u32>>,
    /// Each group's members, each member the stems of its words.
    pub groups: Vec<Vec<Vec<String>>>,
}

impl Related {
    /// The part of `groups` that `stem_of` (a corpus word → its index term, `None` when the
    /// corpus lacks it) can match.
    pub fn for_corpus(groups: &[Vec<Vec<String>>], stem_of: impl Fn(&str) -> Option<String>) -> Related {
        let mut related = Related::default();
        for group in groups {
            let members: Vec<Vec<String>> = group
                .iter()
                .filter_map(|member| member.iter().map(|w| corpus_stem(w, &stem_of)).collect::<Option<Vec<String>>>())
                .collect();
            if members.is_empty() {
                continue;
            }
            let id = related.groups.len() as u32;
            related.groups.push(members);
            for member in group {
                for form in typed_forms(member) {
                    let ids = related.keys.entry(form).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
        related
    }

    /// The members related to a typed word, each as its stems, in group order, without repeats.
    pub fn members(&self, word: &str) -> Vec<&[String]> {
        let mut out: Vec<&[String]> = Vec::new();
        for id in self.keys.get(word).into_iter().flatten() {
            for member in &self.groups[*id as usize] {
                if !out.contains(&member.as_slice()) {
                    out.push(member);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curated_table_reads() {
        let g = groups(&[]);
        assert!(g.len() >= 300, "{} groups", g.len());
        assert!(g.iter().all(|grp| grp.iter().all(|m| m.iter().all(|w| w == &w.to_lowercase()))));
    }

    #[test]
    fn only_what_the_corpus_has_is_kept() {
        let groups = vec![
            vec![vec!["hermetic".to_string()], vec!["repeatable".to_string()], vec!["rate".into(), "limit".into()]],
            vec![vec!["absent".to_string()], vec!["missing".to_string()]],
        ];
        let corpus = |w: &str| ["hermetic", "rate", "limit"].contains(&w).then(|| format!("{w}~"));
        let r = Related::for_corpus(&groups, corpus);
        assert_eq!(r.groups.len(), 1);
        assert_eq!(r.members("repeatable"), [vec!["hermetic~".to_string()], vec!["rate~".into(), "limit~".into()]]);
        assert!(r.keys.contains_key("repeatables") && !r.keys.contains_key("absent"));
        assert!(r.keys.contains_key("rate limits") && r.keys.contains_key("rated limit"));
        // A member the corpus only has in another form is found by that form.
        let groups = vec![vec![vec!["reject".to_string()], vec!["decline".to_string()]]];
        let r = Related::for_corpus(&groups, |w: &str| (w == "declined").then(|| "declin".to_string()));
        assert_eq!(r.members("reject"), [vec!["declin".to_string()]]);
    }
}
