//! Words a query word may have meant: completions of an unfinished last word; for a word the
//! corpus lacks, its other forms (the bases it may be an inflection of, and their inflections),
//! the word without a common prefix, and corrections of a misspelling.
//!
//! Input: a query word and corpus words from the word table (in byte order, as both the tantivy
//! term dictionary and the browser's word shards list them). Output: candidate words (at most
//! [`KEPT`] completions or corrections), chosen by a fixed order so that the terminal and
//! `search.js` pick the same ones. Their matches
//! count for less than the word's own (see `rank.rs`).

/// Completions scanned, in byte order, from the first corpus word that begins with the prefix.
pub const PREFIX_SCAN: usize = 64;
/// Completions or corrections kept per word.
pub const KEPT: usize = 8;
/// Words of this many characters may have one typo.
pub const ONE_TYPO_CHARS: usize = 5;
/// Words of this many characters may have two.
pub const TWO_TYPOS_CHARS: usize = 8;

/// How many typos a word of this length may have.
pub fn typos_allowed(word: &str) -> usize {
    match word.chars().count() {
        n if n >= TWO_TYPOS_CHARS => 2,
        n if n >= ONE_TYPO_CHARS => 1,
        _ => 0,
    }
}

/// Edit distance with adjacent transpositions (optimal string alignment), over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// Prefixes that a word the corpus lacks may put before a word it has: "reconnect", "unpinned".
pub const PREFIXES: &[&str] = &["re", "un", "non", "pre", "dis", "mis", "de"];
/// The shortest word left when a prefix is taken off.
pub const PREFIXED_MIN_CHARS: usize = 4;
/// The shortest base left when an ending is taken off.
pub const BASE_MIN_CHARS: usize = 3;

/// The base forms of an inflected word, most likely first: without -ies/-ied (as -y), -ing or
/// -ed (as is, with a silent e, with a doubled last letter undone), -es or -s. The stemmer
/// would have joined these to the word had the corpus written it; a question may use a form the
/// corpus never does ("shutting" where the text says "shut").
pub fn inflection_bases(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |w: String| {
        if w.chars().count() >= BASE_MIN_CHARS && w != word && !out.contains(&w) {
            out.push(w);
        }
    };
    let undouble = |b: &str| {
        let cs: Vec<char> = b.chars().collect();
        match cs.as_slice() {
            [.., x, y] if x == y && !"aeiouls".contains(*x) => Some(cs[..cs.len() - 1].iter().collect::<String>()),
            _ => None,
        }
    };
    if let Some(b) = word.strip_suffix("ies").or_else(|| word.strip_suffix("ied")) {
        push(format!("{b}y"));
    } else if let Some(b) = word.strip_suffix("ing").or_else(|| word.strip_suffix("ed")) {
        push(b.to_string());
        push(format!("{b}e"));
        if let Some(u) = undouble(b) {
            push(u);
        }
    } else if let Some(b) = word.strip_suffix("es") {
        push(b.to_string());
        push(format!("{b}e"));
    } else if let Some(b) =
        word.strip_suffix('s').filter(|b| !b.ends_with('s') && !b.ends_with('u') && !b.ends_with('i'))
    {
        push(b.to_string());
    }
    out
}

/// The forms a person may type of a base word: plural, past, gerund. The plural takes "-es" only
/// after a sibilant or "o" (boxes, patches, heroes): "guid" + "es" would make "guides" a GUID.
pub fn inflections(word: &str) -> Vec<String> {
    let sibilant = ["s", "x", "z", "ch", "sh", "o"].iter().any(|end| word.ends_with(end));
    let plural = if sibilant { format!("{word}es") } else { format!("{word}s") };
    let mut out = vec![word.to_string(), plural];
    // Over characters, as search.js counts them.
    let cs: Vec<char> = word.chars().collect();
    let n = cs.len();
    let vowel = |c: char| "aeiou".contains(c);
    if let Some(stem) = word.strip_suffix('e') {
        out.extend([format!("{word}d"), format!("{stem}ing")]);
    } else if let Some(stem) = word.strip_suffix('y').filter(|_| n >= 2 && !vowel(cs[n - 2])) {
        out.extend([format!("{stem}ies"), format!("{stem}ied"), format!("{word}ing")]);
    } else {
        out.extend([format!("{word}ed"), format!("{word}ing")]);
        // Short consonant-vowel-consonant words double their last letter: ship, shipped.
        if (3..=5).contains(&n)
            && !vowel(cs[n - 1])
            && vowel(cs[n - 2])
            && !vowel(cs[n - 3])
            && !"wxy".contains(cs[n - 1])
        {
            let last = cs[n - 1];
            out.extend([format!("{word}{last}ed"), format!("{word}{last}ing")]);
        }
    }
    out
}

/// The other forms of a word the corpus lacks, most likely first: the bases it may be an
/// inflection of, the word's own inflections, then the bases' ("declining": decline, declined).
/// The stemmer would have joined them to the word had the corpus written it; the browser has no
/// stemmer, so both sides find them by these rules.
pub fn other_forms(word: &str) -> Vec<String> {
    let bases = inflection_bases(word);
    let mut out: Vec<String> = Vec::new();
    let inflected = std::iter::once(word).chain(bases.iter().map(String::as_str)).flat_map(inflections);
    for form in bases.iter().cloned().chain(inflected) {
        if form != word && !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

/// The words left when a common prefix is taken off `word` or off one of its base forms
/// ("reconnecting" → "connecting", "connect"): a related word, not the same one.
pub fn unprefixed(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for form in std::iter::once(word.to_string()).chain(inflection_bases(word)) {
        for p in PREFIXES {
            if let Some(rest) = form.strip_prefix(p).filter(|r| r.chars().count() >= PREFIXED_MIN_CHARS)
                && !out.iter().any(|o| o == rest)
            {
                out.push(rest.to_string());
            }
        }
    }
    out
}

/// Every way of cutting `word` into two words of at least [`BASE_MIN_CHARS`] characters each,
/// from the shortest first part: "webassembly" is `web assembly`, `weba ssembly`, …; the corpus
/// says which of them are words.
pub fn halves(word: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = word.chars().collect();
    (BASE_MIN_CHARS..=chars.len().saturating_sub(BASE_MIN_CHARS))
        .map(|at| (chars[..at].iter().collect(), chars[at..].iter().collect()))
        .collect()
}

/// Byte order, as Rust sorts strings and `search.js` compares them.
fn shortest_first(a: &String, b: &String) -> std::cmp::Ordering {
    a.chars().count().cmp(&b.chars().count()).then_with(|| a.cmp(b))
}

/// The completions of `prefix` among `scanned` (the first [`PREFIX_SCAN`] corpus words from it,
/// in byte order): the shortest words that begin with it, other than itself.
pub fn completions(prefix: &str, scanned: &[String]) -> Vec<String> {
    let mut out: Vec<String> = scanned.iter().filter(|w| w.starts_with(prefix) && *w != prefix).cloned().collect();
    out.sort_by(shortest_first);
    out.truncate(KEPT);
    out
}

/// The corrections of `word` among `candidates` (every corpus word with its first character):
/// those within its typo allowance, nearest first, then shortest.
pub fn corrections(word: &str, candidates: &[String]) -> Vec<String> {
    let allowed = typos_allowed(word);
    if allowed == 0 {
        return Vec::new();
    }
    let len = word.chars().count();
    let mut out: Vec<(usize, String)> = candidates
        .iter()
        .filter(|c| c.chars().count().abs_diff(len) <= allowed && *c != word)
        .map(|c| (distance(word, c), c.clone()))
        .filter(|(d, _)| *d <= allowed)
        .collect();
    out.sort_by(|(da, a), (db, b)| da.cmp(db).then_with(|| shortest_first(a, b)));
    // Only the nearest: a word one edit away is what was meant, not one two edits away.
    let nearest = out.first().map(|(d, _)| *d);
    out.retain(|(d, _)| Some(*d) == nearest);
    out.truncate(KEPT);
    out.into_iter().map(|(_, w)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_word_is_cut_into_two_of_three_letters_or_more() {
        let cut = |w: &str| halves(w).into_iter().map(|(a, b)| format!("{a} {b}")).collect::<Vec<_>>();
        assert_eq!(cut("frontend"), ["fro ntend", "fron tend", "front end"]);
        assert_eq!(cut("webapp"), ["web app"]);
        assert!(cut("kafka").is_empty());
        assert_eq!(cut("αβγδεζ"), ["αβγ δεζ"], "by characters");
    }

    #[test]
    fn distances_count_transpositions_as_one() {
        assert_eq!(distance("postgress", "postgres"), 1);
        assert_eq!(distance("opentelemtry", "opentelemetry"), 1);
        assert_eq!(distance("kafak", "kafka"), 1);
        assert_eq!(distance("caché", "cache"), 1);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn corrections_respect_the_allowance() {
        let words = owned(&["postgres", "postgresql", "posters", "postgis"]);
        assert_eq!(corrections("postgress", &words), ["postgres"], "one edit away beats two");
        assert_eq!(corrections("postgrsqll", &words), ["postgresql"], "10 letters: two typos");
        assert_eq!(corrections("kafak", &owned(&["kafka", "karma"])), ["kafka"]);
        assert!(corrections("kafk", &owned(&["kafka"])).is_empty(), "four letters: exact only");
    }

    #[test]
    fn inflected_and_prefixed_forms_lead_to_their_base() {
        assert_eq!(inflection_bases("shutting"), ["shutt", "shutte", "shut"]);
        assert_eq!(inflection_bases("retries"), ["retry"]);
        assert_eq!(inflection_bases("cached"), ["cach", "cache"]);
        assert_eq!(inflection_bases("caches"), ["cach", "cache"]);
        assert_eq!(inflection_bases("tags"), ["tag"]);
        assert!(inflection_bases("status").is_empty() && inflection_bases("class").is_empty());
        assert!(inflection_bases("killed").contains(&"kill".to_string()));
        assert_eq!(unprefixed("reconnecting"), ["connecting", "connect", "connecte"]);
        assert_eq!(unprefixed("untriaged"), ["triaged", "triag", "triage"]);
        assert!(unprefixed("reuse").is_empty(), "too short a remainder");
    }

    #[test]
    fn other_forms_reach_the_corpus_form() {
        assert!(other_forms("declining").contains(&"declined".to_string()));
        assert!(other_forms("decline").contains(&"declined".to_string()));
        assert!(other_forms("retries").contains(&"retried".to_string()));
        assert_eq!(other_forms("shutting")[..3], ["shutt", "shutte", "shut"]);
        assert!(!other_forms("tags").contains(&"tags".to_string()));
    }

    #[test]
    fn inflections_cover_common_forms() {
        assert!(inflections("throttle").contains(&"throttling".to_string()));
        assert!(inflections("deploy").contains(&"deployed".to_string()));
        assert!(inflections("retry").contains(&"retries".to_string()));
        assert!(inflections("ship").contains(&"shipping".to_string()));
        assert!(inflections("cache").contains(&"cached".to_string()));
        assert!(inflections("patch").contains(&"patches".to_string()));
        assert!(!inflections("guid").contains(&"guides".to_string()));
    }

    #[test]
    fn completions_prefer_short_words() {
        let words = owned(&["post", "postgres", "postgresql", "posting", "postmortem"]);
        assert_eq!(completions("postg", &words), ["postgres", "postgresql"]);
        assert_eq!(completions("post", &words)[0], "posting");
    }
}
