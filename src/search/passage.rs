//! A body's passages: which part of a long document each of its words is in.
//!
//! Input: a body's plain text and where its sections begin (`Outline::sections`). Output: the
//! body with a [`MARK`] where each passage *bucket* after the first begins, and the number of
//! buckets; the index's body analyser ends in [`BucketPositions`], which gives every term the
//! number of marks before it, its bucket, as its position. A passage is a section, cut into runs
//! of about [`PASSAGE_WORDS`] words when it is long; a body of more than [`BUCKETS`] passages
//! folds neighbouring passages into one bucket, and a body of fewer than [`SHORT_BODY_WORDS`]
//! is one passage. The body is still analysed once, by tantivy, and the marks are not words, so
//! every impact is what it was without them.
//!
//! Ranking reads a term's buckets as a bit mask (`rank.rs`): a question whose words share one
//! part of a long set of minutes is asking about that part, while the same words scattered over
//! unrelated agenda items are weaker evidence.

use std::borrow::Cow;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The most buckets a body has: one bit each of a `u32` mask.
pub const BUCKETS: u32 = 32;
/// About how many words a passage holds before a long section is cut.
pub const PASSAGE_WORDS: usize = 150;
/// A body of fewer words (as whitespace separates them) is one passage.
pub const SHORT_BODY_WORDS: usize = 300;
/// Where a bucket begins: a control character that is no word and that plain text never holds
/// (one that does is read as a space).
pub const MARK: char = '\u{1e}';

/// The mask of a term that is in every passage: any term of a one-passage document, and a word
/// of the title, tags or people, since those speak for the whole document.
pub const EVERYWHERE: u32 = u32::MAX;

/// The mask ranking reads for a term found in the `found` buckets of a document with `buckets`:
/// [`EVERYWHERE`] when the term is in a third of them or more (it is what the whole document is
/// about, and a long document's common words then cost the browser no mask), and in any
/// one-passage document.
pub fn mask(found: u32, buckets: u32) -> u32 {
    if found == EVERYWHERE || buckets <= 1 || found.count_ones() * 3 >= buckets { EVERYWHERE } else { found.max(1) }
}

/// Where each bucket of `body` begins (its first is 0), or `None` for a short body, which is one
/// passage: its words are close anyway.
fn bucket_starts(body: &str, sections: &[u32]) -> Option<Vec<usize>> {
    body.split_whitespace().nth(SHORT_BODY_WORDS - 1)?;
    let mut bounds: Vec<usize> = vec![0];
    bounds
        .extend(sections.iter().map(|&s| s as usize).filter(|&s| s > 0 && s < body.len() && body.is_char_boundary(s)));
    bounds.push(body.len());
    bounds.sort_unstable();
    bounds.dedup();
    // Where each passage's first word begins: every section, cut into even runs of words.
    let mut starts: Vec<usize> = Vec::new();
    for pair in bounds.windows(2) {
        let section = &body[pair[0]..pair[1]];
        let words: Vec<usize> = section
            .char_indices()
            .filter(|&(i, c)| !c.is_whitespace() && section[..i].chars().next_back().is_none_or(char::is_whitespace))
            .map(|(i, _)| pair[0] + i)
            .collect();
        let cuts = words.len().div_ceil(PASSAGE_WORDS);
        starts.extend((0..cuts).map(|k| words[k * words.len() / cuts]));
    }
    let passages = starts.len();
    let bucket = |p: usize| if passages <= BUCKETS as usize { p } else { p * BUCKETS as usize / passages };
    let mut out = vec![0];
    out.extend((1..passages).filter(|&p| bucket(p) != bucket(p - 1)).map(|p| starts[p]));
    Some(out)
}

/// `body` with a [`MARK`] where each bucket after the first begins, and the number of buckets.
/// A short body is one passage and comes back as it is.
pub fn mark<'a>(body: &'a str, sections: &[u32]) -> (Cow<'a, str>, u32) {
    let Some(starts) = bucket_starts(body, sections) else { return (Cow::Borrowed(body), 1) };
    let mut out = String::with_capacity(body.len() + starts.len() * MARK.len_utf8());
    let ends = starts.iter().skip(1).copied().chain([body.len()]);
    for (i, (from, to)) in starts.iter().copied().zip(ends).enumerate() {
        if i > 0 {
            out.push(MARK);
        }
        out.extend(body[from..to].chars().map(|c| if c == MARK { ' ' } else { c }));
    }
    (Cow::Owned(out), starts.len() as u32)
}

/// Longest lead of a passage, in characters.
pub const LEAD_CHARS: usize = 200;
/// Between the pieces of one passage in the stored leads (a control character plain text never
/// holds, like [`MARK`] between passages).
pub const PIECE: char = '\u{1f}';

/// What a hit may show for each bucket of `body`, as [`mark`] cuts it (a short body is one).
/// First the bucket's lead: its opening words without its code blocks (`code`, byte ranges
/// of `body`), at most [`LEAD_CHARS`] characters, a heading it begins with set off by a dash
/// ("Travel budget — We agreed …"), and an ellipsis before one that begins where a long section
/// was cut. Then the whole of its prose in pieces of whole sentences and lines, each at most
/// [`LEAD_CHARS`] characters: a hit shows the piece of the passage its question matched that
/// holds the most of the question ([`best_piece`]; see `SearchDoc::shows_passages`).
pub fn leads(body: &str, sections: &[u32], code: &[(u32, u32)]) -> Vec<Vec<String>> {
    let starts = bucket_starts(body, sections).unwrap_or_else(|| vec![0]);
    let ends = starts.iter().skip(1).copied().chain([body.len()]);
    // A bucket that begins inside a section, where a long one was cut, begins mid-text.
    let opens_section = |from: usize| {
        from == 0
            || sections
                .iter()
                .any(|&s| (s as usize) <= from && body.get(s as usize..from).is_some_and(|g| g.trim().is_empty()))
    };
    starts
        .iter()
        .copied()
        .zip(ends)
        .map(|(from, to)| {
            let prose = prose(body, from, to, code);
            let lead = lead(&prose);
            let mut each = vec![if opens_section(from) { lead } else { format!("…{lead}") }];
            each.extend(pieces(&prose).into_iter().map(|p| format!("…{p}")));
            // A run cut from a long section ends mid-text too.
            if let Some(last) = each.last_mut().filter(|p| to < body.len() && !opens_section(to) && !p.ends_with('…'))
            {
                last.push('…');
            }
            each
        })
        .collect()
}

/// The prose of `body[from..to]`: its text with each code block cut out.
fn prose(body: &str, from: usize, to: usize, code: &[(u32, u32)]) -> String {
    let mut prose = String::new();
    let mut at = from;
    for &(a, b) in code {
        let (a, b) = ((a as usize).clamp(at, to), (b as usize).clamp(at, to));
        if a < b && body.is_char_boundary(a) && body.is_char_boundary(b) {
            prose.push_str(&body[at..a]);
            prose.push(' ');
            at = b;
        }
    }
    prose.push_str(&body[at..to]);
    prose.trim_start().replace([MARK, PIECE], " ")
}

/// The lead of a passage's prose.
fn lead(prose: &str) -> String {
    let lead = match prose.split_once('\n') {
        Some((first, rest)) if is_heading(first) && !rest.trim().is_empty() => format!("{} — {rest}", first.trim()),
        _ => prose.to_string(),
    };
    crate::text::shorten(&crate::text::without_markup(&lead), LEAD_CHARS)
}

/// A passage's prose as pieces to show: its lines and sentences, packed in order into runs of
/// at most [`LEAD_CHARS`] characters (a longer sentence is a piece of its own, shortened).
fn pieces(prose: &str) -> Vec<String> {
    // A sentence ends at `.`, `!` or `?` before a space (not in `v1.2`).
    let mut units: Vec<&str> = Vec::new();
    for line in prose.lines() {
        let mut from = 0;
        for ((_, c), (next, n)) in line.char_indices().zip(line.char_indices().skip(1)) {
            if matches!(c, '.' | '!' | '?') && n.is_whitespace() {
                units.push(&line[from..next]);
                from = next;
            }
        }
        units.push(&line[from..]);
    }
    let mut out: Vec<String> = Vec::new();
    let mut run = String::new();
    for unit in units.into_iter().map(|u| crate::text::without_markup(u.trim())).filter(|u| !u.is_empty()) {
        let unit = crate::text::shorten(&unit, LEAD_CHARS);
        if !run.is_empty() && run.chars().count() + 1 + unit.chars().count() > LEAD_CHARS {
            out.push(std::mem::take(&mut run));
        }
        if !run.is_empty() {
            run.push(' ');
        }
        run.push_str(&unit);
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// Which of a passage's `pieces` ([`leads`]) a hit shows: the first that holds the most of the
/// question, each of its concepts given as the index terms it may match (a word of the piece
/// matches a term it begins with, as a highlighter marks it) and how much it counts (its weight
/// times rarity in ranking: a rare word outweighs a common one); the lead, the first, when none
/// holds more.
pub fn best_piece(pieces: &[impl AsRef<str>], concepts: &[(Vec<String>, u64)]) -> usize {
    let mut best = (0, 0);
    for (i, piece) in pieces.iter().enumerate() {
        let words = crate::search::analysis::words(piece.as_ref());
        let held: u64 = concepts
            .iter()
            .filter(|(stems, _)| stems.iter().any(|s| !s.is_empty() && words.iter().any(|w| w.starts_with(s.as_str()))))
            .map(|(_, counts)| counts)
            .sum();
        if held > best.1 {
            best = (i, held);
        }
    }
    best.0
}

/// What a hit on a document with `leads` shows instead of its excerpt, if anything: of the
/// `passage` its question matched, the best piece ([`best_piece`]); when no one passage matched
/// (a one-passage document, or the question's words in many), its best piece of all when that
/// holds more of the question than its opening; else nothing.
pub fn shown<'a>(leads: &'a [Vec<String>], passage: Option<u32>, concepts: &[(Vec<String>, u64)]) -> Option<&'a str> {
    if let Some(p) = passage {
        let pieces = leads.get(p as usize)?;
        return pieces.get(best_piece(pieces, concepts)).map(String::as_str);
    }
    let all: Vec<&str> = leads.iter().flatten().map(String::as_str).collect();
    let best = best_piece(&all, concepts);
    (best > 0).then(|| all[best])
}

/// Whether a line reads as a heading: short, and not ending a sentence or a clause.
fn is_heading(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && line.chars().count() <= 80 && !line.ends_with(['.', '!', '?', ':', ';', ','])
}

/// The token filter that sets each term's position to its bucket: the number of [`MARK`]s
/// before it. Put it last.
#[derive(Clone, Copy, Debug, Default)]
pub struct BucketPositions;

impl TokenFilter for BucketPositions {
    type Tokenizer<T: Tokenizer> = BucketPositionsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> BucketPositionsFilter<T> {
        BucketPositionsFilter { inner: tokenizer, marks: Vec::new() }
    }
}

/// [`BucketPositions`] around a tokenizer.
#[derive(Clone)]
pub struct BucketPositionsFilter<T> {
    inner: T,
    marks: Vec<usize>,
}

impl<T: Tokenizer> Tokenizer for BucketPositionsFilter<T> {
    type TokenStream<'a> = BucketPositionsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.marks.clear();
        self.marks.extend(text.match_indices(MARK).map(|(i, _)| i));
        BucketPositionsStream { tail: self.inner.token_stream(text), marks: &self.marks, before: 0 }
    }
}

/// The stream: the inner tokens, positioned by bucket.
pub struct BucketPositionsStream<'a, T> {
    tail: T,
    marks: &'a [usize],
    /// Marks before the current token.
    before: usize,
}

impl<T: TokenStream> TokenStream for BucketPositionsStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        while self.marks.get(self.before).is_some_and(|&m| m < token.offset_from) {
            self.before += 1;
        }
        token.position = self.before;
        token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer};

    /// Each word of `body`, marked, with its bucket.
    fn buckets(body: &str, sections: &[u32]) -> (Vec<(String, usize)>, u32) {
        let (marked, n) = mark(body, sections);
        let mut analyzer =
            TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(BucketPositions).build();
        let mut out = Vec::new();
        analyzer.token_stream(&marked).process(&mut |t| out.push((t.text.clone(), t.position)));
        (out, n)
    }

    fn of(words: &[(String, usize)], word: &str) -> Vec<usize> {
        let mut b: Vec<usize> = words.iter().filter(|(w, _)| w == word).map(|(_, b)| *b).collect();
        b.dedup();
        b
    }

    #[test]
    fn sections_are_passages() {
        let filler = "more ".repeat(SHORT_BODY_WORDS / 2);
        let body = format!("Intro words\nBudget\nthe budget is fine {filler}\nTravel\ntrain fares {filler}\n");
        let starts: Vec<u32> = ["Budget", "Travel"].iter().map(|h| body.find(h).unwrap() as u32).collect();
        let (words, n) = buckets(&body, &starts);
        // The intro is one passage; each long section is cut into runs of at most PASSAGE_WORDS.
        let cuts = (SHORT_BODY_WORDS / 2 + 5).div_ceil(PASSAGE_WORDS);
        assert_eq!(n as usize, 1 + 2 * cuts);
        assert_eq!(of(&words, "budget"), [1]);
        assert_eq!(of(&words, "fares"), [1 + cuts]);
        assert_eq!(of(&words, "more").len(), 2 * cuts);
        assert!(words.windows(2).all(|w| w[0].1 <= w[1].1), "buckets never go back");
        let plain: Vec<String> = body.split_whitespace().map(str::to_lowercase).collect();
        assert_eq!(words.iter().map(|(w, _)| w.clone()).collect::<Vec<_>>(), plain, "marks are no words");
        let (short, n) = buckets("Intro\nBudget\nthe budget\n", &[6]);
        assert_eq!((n, of(&short, "budget")), (1, vec![0]), "a short body is one passage");
    }

    #[test]
    fn long_sections_are_cut_and_many_passages_fold_into_buckets() {
        let body = "word ".repeat(SHORT_BODY_WORDS + 1);
        assert_eq!(buckets(&body, &[]).1, (SHORT_BODY_WORDS + 1).div_ceil(PASSAGE_WORDS) as u32);
        let body = "word ".repeat(PASSAGE_WORDS * 100);
        let (words, n) = buckets(&body, &[]);
        assert_eq!(n, BUCKETS);
        assert_eq!(of(&words, "word"), (0..BUCKETS as usize).collect::<Vec<_>>());
        assert_eq!(buckets(&body, &[7, 3, 3, u32::MAX, 2]).1, BUCKETS, "odd section starts are read in order");
        let stray = format!("{}\u{1e}tail", "word ".repeat(SHORT_BODY_WORDS));
        let last = (SHORT_BODY_WORDS + 1).div_ceil(PASSAGE_WORDS) - 1;
        assert_eq!(of(&buckets(&stray, &[]).0, "tail"), [last], "a mark of the text itself is a space");
        assert_eq!(mask(0b0001, 8), 0b0001);
        assert_eq!(mask(0b0101, 8), 0b0101);
        assert_eq!(mask(0b0111, 8), EVERYWHERE, "in a third of the passages: about the whole document");
        assert_eq!(mask(0b0001, 1), EVERYWHERE, "one passage");
    }

    #[test]
    fn each_bucket_has_a_lead() {
        let filler = "more ".repeat(SHORT_BODY_WORDS / 2);
        let body = format!("Intro words.\nTravel budget\nWe agreed the travel budget. {filler}{filler}\nDone.\n");
        let sections = [body.find("Travel").unwrap() as u32];
        let first = |each: Vec<Vec<String>>| each.into_iter().map(|mut p| p.swap_remove(0)).collect::<Vec<_>>();
        let each = first(leads(&body, &sections, &[]));
        assert_eq!(each.len(), mark(&body, &sections).1 as usize);
        assert_eq!(each[0], "Intro words.");
        assert!(each[1].starts_with("Travel budget — We agreed the travel budget. more more"), "{}", each[1]);
        assert!(each[1].ends_with('…') && each[1].chars().count() <= LEAD_CHARS + 1);
        assert!(each[2].starts_with("…more more"), "a run cut from a long section opens mid-text");
        let short = leads("Heading only\nThe body. Its end.", &[], &[]);
        assert_eq!(short, [["Heading only — The body. Its end.", "…Heading only The body. Its end."]], "one passage");
        let at = body.find("We agreed").unwrap();
        let code = [(at as u32, (at + "We agreed the travel budget. ".len()) as u32), (u32::MAX - 1, u32::MAX)];
        assert!(first(leads(&body, &sections, &code))[1].starts_with("Travel budget — more more"), "code is left out");
        let stray = format!("Notes\n** npm on ipfs ** with a `stray tick and [a](broken link\n{filler}{filler}");
        let lead = &first(leads(&stray, &[], &[]))[0];
        assert!(lead.starts_with("Notes — npm on ipfs with a stray tick and [a] (broken link more"), "{lead}");
    }

    #[test]
    fn a_passage_is_also_whole_sentences_in_pieces() {
        let filler = "Nothing new on this item again. ".repeat(SHORT_BODY_WORDS / 5);
        let body = format!("Agenda\n{filler}\nWe moved the v1.2 release. The **travel** budget is agreed!\nDone");
        let each = leads(&body, &[], &[]);
        let last = each.last().unwrap();
        assert!(last.iter().skip(1).all(|p| p.starts_with('…') && p.chars().count() <= LEAD_CHARS + 1), "{last:?}");
        let tail = last.last().unwrap();
        assert!(tail.ends_with("We moved the v1.2 release. The travel budget is agreed! Done"), "{tail}");
        // Every word of the prose is in a piece, in order.
        let words: Vec<String> =
            each.iter().flat_map(|p| p.iter().skip(1)).flat_map(|p| crate::search::analysis::words(p)).collect();
        assert_eq!(words, crate::search::analysis::words(&body.replace("**", "")));
        let long = format!("{} end.", "word ".repeat(LEAD_CHARS));
        assert_eq!(pieces(&long).len(), 1, "a long sentence is one piece, shortened");
        assert!(pieces(&long)[0].ends_with('…'));
    }

    #[test]
    fn the_piece_shown_holds_the_most_of_the_question() {
        let pieces = ["Agenda — roll call".to_string(), "…the budget".into(), "…travel and budget".into()];
        let concept = |stems: &[&str], counts| (stems.iter().map(|s| s.to_string()).collect::<Vec<_>>(), counts);
        assert_eq!(best_piece(&pieces, &[concept(&["budget"], 2), concept(&["travel", "trip"], 2)]), 2);
        assert_eq!(best_piece(&pieces, &[concept(&["budg"], 1)]), 1, "a word matches a term it begins with");
        assert_eq!(best_piece(&pieces, &[concept(&["roll"], 3), concept(&["budget"], 1), concept(&["travel"], 1)]), 0);
        assert_eq!(best_piece(&pieces, &[concept(&["nothing"], 1), concept(&[""], 1)]), 0, "else the lead");
        assert_eq!(best_piece(&pieces, &[]), 0);
        let leads = vec![pieces.to_vec()];
        let budget = [concept(&["budget"], 1)];
        assert_eq!(shown(&leads, None, &budget), Some("…the budget"), "a one-passage document's best piece");
        assert_eq!(shown(&leads, None, &[concept(&["roll"], 1)]), None, "its opening is its excerpt's business");
        assert_eq!(shown(&leads, Some(0), &[concept(&["roll"], 1)]), Some("Agenda — roll call"));
        let two = [vec!["Agenda — roll call".to_string()], vec!["Budget — the budget".to_string()]];
        assert_eq!(shown(&two, None, &budget), Some("Budget — the budget"), "the best of every passage");
        assert_eq!(shown(&two, None, &[concept(&["roll"], 1)]), None);
        assert_eq!(shown(&leads, Some(3), &budget), None);
    }
}
