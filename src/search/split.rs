//! Identifier and compound-name splitting at index time: `CockroachDB` is also `cockroach` and
//! `db`, `extraConfig` is also `extra` and `config`, `HTTPServer` is also `http` and `server`.
//!
//! Input: the tokens of tantivy's `SimpleTokenizer`, in their original case. Output: each token,
//! followed (at the same position) by its parts when its case changes inside it. The whole word
//! stays indexed, so a query for `cockroachdb` matches as before; the parts make `cockroach` match
//! too. Queries need no splitting: every part is an ordinary corpus word in the word table the
//! browser reads.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Byte ranges of the parts of an identifier, when it has at least two; empty otherwise.
/// A part starts at a capital that follows a lowercase letter or a digit (`extra|Config`,
/// `S3|Bucket`), and at the last capital of a run followed by a lowercase letter
/// (`HTTP|Server`). One-letter parts are left out (`iOS` gives `OS`).
pub fn identifier_parts(word: &str) -> Vec<(usize, usize)> {
    // Most words have no capital after their first letter: nothing to split, nothing allocated.
    if !word.chars().skip(1).any(char::is_uppercase) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut starts = vec![0];
    for i in 1..chars.len() {
        let (prev, cur) = (chars[i - 1].1, chars[i].1);
        let next_lower = chars.get(i + 1).is_some_and(|(_, c)| c.is_lowercase());
        if cur.is_uppercase() && (prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower)) {
            starts.push(chars[i].0);
        }
    }
    if starts.len() < 2 {
        return Vec::new();
    }
    let ends = starts.iter().skip(1).copied().chain([word.len()]);
    starts.iter().copied().zip(ends).filter(|(s, e)| word[*s..*e].chars().count() >= 2).collect()
}

/// The token filter; put it right after the tokenizer, before lowercasing.
#[derive(Clone, Copy, Debug, Default)]
pub struct SplitIdentifiers;

impl TokenFilter for SplitIdentifiers {
    type Tokenizer<T: Tokenizer> = SplitIdentifiersFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SplitIdentifiersFilter<T> {
        SplitIdentifiersFilter { inner: tokenizer, parts: Vec::new() }
    }
}

/// [`SplitIdentifiers`] around a tokenizer.
#[derive(Clone)]
pub struct SplitIdentifiersFilter<T> {
    inner: T,
    parts: Vec<Token>,
}

impl<T: Tokenizer> Tokenizer for SplitIdentifiersFilter<T> {
    type TokenStream<'a> = SplitIdentifiersStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.parts.clear();
        SplitIdentifiersStream { tail: self.inner.token_stream(text), parts: &mut self.parts, current: None }
    }
}

/// The stream: the inner token, then its parts.
pub struct SplitIdentifiersStream<'a, T> {
    tail: T,
    parts: &'a mut Vec<Token>,
    /// `None`: the inner token is current; `Some(i)`: its part `i`.
    current: Option<usize>,
}

impl<T: TokenStream> TokenStream for SplitIdentifiersStream<'_, T> {
    fn advance(&mut self) -> bool {
        let next = self.current.map_or(0, |i| i + 1);
        if next < self.parts.len() {
            self.current = Some(next);
            return true;
        }
        self.current = None;
        self.parts.clear();
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token();
        for (from, to) in identifier_parts(&token.text) {
            self.parts.push(Token {
                offset_from: token.offset_from + from,
                offset_to: token.offset_from + to,
                position: token.position,
                text: token.text[from..to].to_string(),
                position_length: 1,
            });
        }
        true
    }

    fn token(&self) -> &Token {
        match self.current {
            Some(i) => &self.parts[i],
            None => self.tail.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.current {
            Some(i) => &mut self.parts[i],
            None => self.tail.token_mut(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer};

    fn parts(word: &str) -> Vec<&str> {
        identifier_parts(word).into_iter().map(|(s, e)| &word[s..e]).collect()
    }

    #[test]
    fn splits_at_case_changes() {
        assert_eq!(parts("CockroachDB"), ["Cockroach", "DB"]);
        assert_eq!(parts("extraConfig"), ["extra", "Config"]);
        assert_eq!(parts("HTTPServer"), ["HTTP", "Server"]);
        assert_eq!(parts("OpenTelemetry"), ["Open", "Telemetry"]);
        assert_eq!(parts("S3Bucket"), ["S3", "Bucket"]);
        assert_eq!(parts("iOS"), ["OS"]);
        for whole in ["kafka", "Kafka", "KAFKA", "k8s", "utf8", "Ünïcode", "x"] {
            assert!(parts(whole).is_empty(), "{whole}");
        }
    }

    #[test]
    fn the_filter_keeps_the_word_and_adds_its_parts() {
        let mut analyzer =
            TextAnalyzer::builder(SimpleTokenizer::default()).filter(SplitIdentifiers).filter(LowerCaser).build();
        let mut stream = analyzer.token_stream("use CockroachDB, not extraConfig here");
        let mut out = Vec::new();
        stream.process(&mut |t| out.push((t.text.clone(), t.position)));
        let words: Vec<&str> = out.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, ["use", "cockroachdb", "cockroach", "db", "not", "extraconfig", "extra", "config", "here"]);
        assert_eq!(out[1].1, out[2].1, "parts share the word's position");
    }
}
