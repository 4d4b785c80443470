//! How much a question's word counts.
//!
//! Input: one lowercase word of a question. Output: its weight in the ranking formula
//! (`rank.rs`): a topic word [`WORD_WEIGHT`]; a number, a version or an adverb of manner
//! [`NUMBER_WEIGHT`], so that "v2", "3.0" or "automatically" do not outweigh the one word the
//! question is about. `search.js` applies the same two tests (`isNumberLike`, `isAdverb`).

/// Weight of a concept that is a topic word.
pub const WORD_WEIGHT: u32 = 2;
/// Weight of a number or version ("v2", "3", "1st") or an adverb ([`is_adverb`]): less than a
/// topic word.
pub const NUMBER_WEIGHT: u32 = 1;

/// The weight of a question's word.
pub fn of(word: &str) -> u32 {
    if is_number_like(word) || is_adverb(word) { NUMBER_WEIGHT } else { WORD_WEIGHT }
}

/// Whether a word is a number or a version rather than a topic: digits, `v` and digits, or
/// digits with at most two letters after them (`2x`, `3rd`).
pub fn is_number_like(word: &str) -> bool {
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &word[digits..];
    all_digits(word)
        || word.strip_prefix('v').is_some_and(all_digits)
        || (digits > 0 && suffix.len() <= 2 && suffix.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Whether a word reads as an adverb of manner ("automatically", "explicitly", "actively"): how
/// something is done, rarely what a question is about, yet as rare in a corpus as its topic. Eight
/// letters or more ending in -ly, so that "weekly", "nightly" and "daily" stay topic words, and not
/// in -bly ("assembly").
pub fn is_adverb(word: &str) -> bool {
    word.chars().count() >= 8 && word.ends_with("ly") && !word.ends_with("bly")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_versions_and_adverbs_weigh_less() {
        for (w, number) in [("2x", true), ("1st", true), ("v10", true), ("k8s", false), ("http2", false), ("s3", false)]
        {
            assert_eq!(is_number_like(w), number, "{w}");
        }
        for (w, adverb) in [("automatically", true), ("explicitly", true), ("nightly", false), ("assembly", false)] {
            assert_eq!(is_adverb(w), adverb, "{w}");
        }
        assert_eq!(of("3rd"), NUMBER_WEIGHT);
        assert_eq!(of("explicitly"), NUMBER_WEIGHT);
        assert_eq!(of("kafka"), WORD_WEIGHT);
    }
}
