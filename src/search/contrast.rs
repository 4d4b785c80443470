//! A question's contrast clause: "why X instead of Y", "X rather than Y".
//!
//! Input: a question's words (as `analysis.rs` splits them). Output: where the clause opens.
//! The words after the opener name the alternative that was not chosen, so the document about
//! X is the answer and one about Y alone should not outrank it: `analysis.rs` drops the opener's
//! words (they frame the question) and gives the clause's words [`CONTRAST_WEIGHT`]. `search.js`
//! reads the same openers from the exported rules.

use std::ops::Range;

/// Weight of a word in the contrast clause: a number's, less than a topic word's.
pub const CONTRAST_WEIGHT: u32 = 1;

/// What opens a contrast clause.
pub const CONTRAST_OPENERS: &[&[&str]] =
    &[&["instead", "of"], &["rather", "than"], &["as", "opposed", "to"], &["in", "place", "of"], &["apart", "from"]];

/// A question's first contrast clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contrast {
    /// The indexes of the words that open it. The clause is every word after them; without a
    /// clause, both ends are the number of words.
    pub opener: Range<usize>,
}

/// Finds the first contrast clause among a question's words (each with its backtick mark).
pub fn find(words: &[(String, bool)]) -> Contrast {
    let opener = (0..words.len())
        .find_map(|i| {
            CONTRAST_OPENERS.iter().find_map(|opener| {
                let end = i + opener.len();
                let opens = end <= words.len() && words[i..end].iter().zip(opener.iter()).all(|((w, _), o)| w == o);
                opens.then_some(i..end)
            })
        })
        .unwrap_or(words.len()..words.len());
    Contrast { opener }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analysis;
    use std::collections::BTreeMap;

    fn opener(question: &str) -> Range<usize> {
        let words: Vec<(String, bool)> =
            crate::search::analysis::words(question).into_iter().map(|w| (w, false)).collect();
        find(&words).opener
    }

    #[test]
    fn the_first_opener_is_found() {
        assert_eq!(opener("why postgres instead of mysql"), 2..4);
        assert_eq!(opener("why X rather than Y instead of Z"), 2..4);
        assert_eq!(opener("why run Concourse apart from tenant apps"), 3..5);
        assert_eq!(opener("what did we decide about instead"), 6..6);
        assert_eq!(opener("why not mysql"), 3..3);
    }

    #[test]
    fn a_contrast_clause_weighs_less_and_its_opener_is_dropped() {
        let q = analysis::parse(
            "why verify signatures in batches instead of aggregating them with BLS",
            &analysis::alias_table(&BTreeMap::new()),
        );
        let weights: Vec<(&str, u32, bool)> =
            q.concepts.iter().map(|c| (c.word.as_str(), c.weight, c.prefix)).collect();
        assert_eq!(
            weights,
            [
                ("verify", 2, false),
                ("signatures", 2, false),
                ("batches", 2, false),
                ("aggregating", 1, false),
                ("bls", 1, false)
            ]
        );
        // A word asked about before the clause keeps its weight when the clause repeats it.
        let q =
            analysis::parse("why postgres rather than postgres 9 or mysql", &analysis::alias_table(&BTreeMap::new()));
        let weights: Vec<(&str, u32, bool)> =
            q.concepts.iter().map(|c| (c.word.as_str(), c.weight, c.prefix)).collect();
        assert_eq!(weights, [("postgres", 2, false), ("9", 1, false), ("mysql", 1, true)]);
    }
}
