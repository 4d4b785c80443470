//! The text rules of search, shared by the terminal, `serve` and the browser.
//!
//! Input: a question as typed ("why did we choose Postgres?", `kind:adr "event sourcing"`).
//! Output: a [`ParsedQuery`]: filters, required phrase groups and concepts, each concept being
//! the surface words it may match (the word and its aliases). Mapping surface words to index
//! terms goes through the exported word table (see `engine.rs`), so that the browser, which has no
//! stemmer, analyses exactly as tantivy does. `search.js` implements these same rules on the data
//! [`rules_json`] exports; a change here must be made there too (the equality test catches drift).

use crate::search::contrast::{self, CONTRAST_OPENERS, CONTRAST_WEIGHT};
use crate::search::intent::{self, Intent};
use crate::search::weight::{self, NUMBER_WEIGHT, WORD_WEIGHT, is_number_like};
use serde::Serialize;
use std::collections::BTreeMap;

/// Question and function words, dropped from queries (never from the index).
pub const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "for",
    "from",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "me",
    "my",
    "of",
    "on",
    "or",
    "our",
    "ours",
    "she",
    "should",
    "so",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "too",
    "us",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "ever",
    "still",
    "whatever",
    "actually",
    "really",
    "just",
    "anyone",
    "someone",
    "somebody",
    "anything",
    "something",
    "get",
    "got",
    "gets",
    "ok",
    "okay",
    "let",
    // What an apostrophe leaves of a contraction ("it's", "don't", "we've") in any tokenizer that
    // splits on it.
    "s",
    "t",
    "ve",
    "ll",
    "re",
    "d",
    "m",
    "don",
    "doesn",
    "didn",
    "isn",
    "aren",
    "wasn",
    "weren",
    "haven",
    "hasn",
    "hadn",
    "shouldn",
    "couldn",
    "wouldn",
];

/// Verbs that only frame a question ("why did we *choose* X") when they follow one of
/// [`FRAME_SUBJECTS`]; elsewhere they are ordinary words.
pub const FRAME_VERBS: &[&str] = &[
    "choose",
    "chose",
    "chosen",
    "choosing",
    "pick",
    "picked",
    "decide",
    "decided",
    "select",
    "selected",
    "go",
    "went",
    "use",
    "using",
    "adopt",
    "adopted",
    "opt",
    "opted",
    "prefer",
    "preferred",
    "switch",
    "switched",
    "move",
    "moved",
];

/// Words after which a frame verb is part of the question, not of the subject.
pub const FRAME_SUBJECTS: &[&str] = &["we", "i", "they", "you", "team", "did", "do", "does"];

/// Words that mean the same to a reader of decision logs. Each group is symmetric.
pub const ALIASES: &[&[&str]] = &[
    &["postgres", "postgresql", "pg", "psql"],
    &["k8s", "kubernetes"],
    &["js", "javascript"],
    &["ts", "typescript"],
    &["chose", "choose", "chosen", "choice"],
    &["db", "database", "databases"],
    &["mongo", "mongodb"],
    &["es", "elasticsearch"],
    &["auth", "authentication", "authn"],
    &["authz", "authorization", "authorisation"],
    &["config", "configuration"],
    &["repo", "repository"],
    &["infra", "infrastructure"],
    &["perf", "performance"],
    &["env", "environment"],
    &["docs", "documentation"],
    &["gh", "github"],
    &["mq", "queue"],
    &["api", "apis"],
    &["ci", "cd", "pipeline"],
];

/// Filters written as `key:value`.
pub const FILTER_KEYS: &[&str] = &["kind", "status", "tag", "source"];

/// Stopwords that are also keywords of programming languages: kept as the topic when
/// [`TOPIC_BEFORE`] precedes them or [`TOPIC_AFTER`] follows them ("the `where` clause").
pub const KEYWORDS: &[&str] =
    &["where", "when", "while", "if", "for", "then", "with", "from", "this", "do", "in", "as", "let"];

/// Words after which a keyword is what the question is about.
pub const TOPIC_BEFORE: &[&str] = &[
    "the",
    "a",
    "an",
    "about",
    "add",
    "adding",
    "added",
    "remove",
    "removing",
    "removed",
    "introduce",
    "introducing",
    "allow",
    "allowing",
    "support",
    "supporting",
];

/// Words before which a keyword is what the question is about.
pub const TOPIC_AFTER: &[&str] = &[
    "clause",
    "clauses",
    "keyword",
    "keywords",
    "loop",
    "loops",
    "statement",
    "statements",
    "expression",
    "expressions",
    "block",
    "blocks",
    "syntax",
    "bound",
    "bounds",
    "binding",
    "bindings",
];

/// The last word of a question also matches as a prefix (search as you type) from this length.
pub const PREFIX_MIN_CHARS: usize = 4;

/// A concept of the query: any of these surface words may match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concept {
    /// The word as typed, lowercased.
    pub word: String,
    /// The word and its aliases, lowercased, sorted.
    pub surfaces: Vec<String>,
    /// How much the word counts ([`weight::of`]).
    pub weight: u32,
    /// Whether the word is the question's last and may be unfinished: corpus words it begins
    /// also match (see `rank.rs`).
    pub prefix: bool,
    /// The content word typed right after it, if any: with it, the word may begin a phrase of
    /// the thesaurus ("web address").
    pub next: Option<String>,
}

/// A query, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Scored concepts, in query order, without duplicates.
    pub concepts: Vec<Concept>,
    /// Indexes into `concepts` that must all match (from quoted phrases).
    pub required: Vec<usize>,
    /// `kind:adr` and friends, as index filter terms (`kind:adr`).
    pub filters: Vec<String>,
    /// What the question asks for.
    pub intent: Intent,
}

/// Splits text into lowercase words exactly as tantivy's `SimpleTokenizer` + `LowerCaser` do:
/// maximal runs of alphanumeric characters.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Words with a mark: whether they were written in backticks (`` `where` ``), which keeps them
/// whatever they are.
fn marked_words(text: &str) -> Vec<(String, bool)> {
    text.split('`').enumerate().flat_map(|(i, part)| words(part).into_iter().map(move |w| (w, i % 2 == 1))).collect()
}

/// The alias table, extended by configuration (`[search] aliases`).
pub fn alias_table(extra: &BTreeMap<String, Vec<String>>) -> BTreeMap<String, Vec<String>> {
    let mut groups: Vec<Vec<String>> = ALIASES.iter().map(|g| g.iter().map(|s| s.to_string()).collect()).collect();
    for (word, same) in extra {
        let mut g = vec![word.to_lowercase()];
        g.extend(same.iter().map(|s| s.to_lowercase()));
        groups.push(g);
    }
    let mut table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for g in groups {
        for w in &g {
            let entry = table.entry(w.clone()).or_default();
            entry.extend(g.iter().cloned());
            entry.sort();
            entry.dedup();
        }
    }
    table
}

/// Parses a question.
pub fn parse(query: &str, aliases: &BTreeMap<String, Vec<String>>) -> ParsedQuery {
    let mut parsed =
        ParsedQuery { concepts: Vec::new(), required: Vec::new(), filters: Vec::new(), intent: Intent::Plain };
    let mut free = String::new();
    let mut phrases: Vec<String> = Vec::new();
    // Quoted phrases first: `"event sourcing"`.
    let mut rest = query;
    while let Some(open) = rest.find('"') {
        free.push_str(&rest[..open]);
        free.push(' ');
        let after = &rest[open + 1..];
        match after.find('"') {
            Some(close) => {
                phrases.push(after[..close].to_string());
                rest = &after[close + 1..];
            }
            None => {
                rest = after;
            }
        }
    }
    free.push_str(rest);
    // Filters: `kind:adr`, `status:accepted`, `tag:db`, `source:payments`.
    let mut text = String::new();
    for token in free.split_whitespace() {
        if let Some((key, value)) = token.split_once(':') {
            let key = key.to_lowercase();
            if FILTER_KEYS.contains(&key.as_str()) && !value.is_empty() {
                let value = if key == "tag" { crate::text::slugify(value) } else { value.to_lowercase() };
                parsed.filters.push(format!("{key}:{value}"));
                continue;
            }
        }
        text.push_str(token);
        text.push(' ');
    }
    parsed.filters.sort();
    parsed.filters.dedup();
    parsed.intent = intent::detect(&words(&text));
    let markers = intent::markers(parsed.intent);
    for phrase in &phrases {
        for (w, _) in content_words(&marked_words(phrase), &[]) {
            let at = add_concept(&mut parsed, &w, aliases);
            if !parsed.required.contains(&at) {
                parsed.required.push(at);
            }
        }
    }
    let mut last: Option<usize> = None;
    let marked = marked_words(&text);
    let contrast = contrast::find(&marked);
    for (w, i) in content_words(&marked, markers) {
        if contrast.opener.contains(&i) {
            continue;
        }
        if let Some(before) = last {
            parsed.concepts[before].next.get_or_insert_with(|| w.clone());
        }
        let known = parsed.concepts.len();
        let at = add_concept(&mut parsed, &w, aliases);
        if at == known && i >= contrast.opener.end {
            parsed.concepts[at].weight = parsed.concepts[at].weight.min(CONTRAST_WEIGHT);
        }
        last = Some(at);
    }
    if let Some(at) = last {
        let c = &mut parsed.concepts[at];
        c.prefix = c.word.chars().count() >= PREFIX_MIN_CHARS && !is_number_like(&c.word);
    }
    parsed.required.sort();
    parsed
}

/// Drops stopwords, the intent's marker words, and frame verbs that follow a frame subject;
/// keeps a keyword that is the topic, and every word written in backticks. Each word comes with
/// its index among `all`.
fn content_words(all: &[(String, bool)], markers: &[&str]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (i, (w, kept)) in all.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| all[j].0.as_str());
        let after = all.get(i + 1).map(|n| n.0.as_str());
        let topic = *kept
            || (KEYWORDS.contains(&w.as_str())
                && (before.is_some_and(|b| TOPIC_BEFORE.contains(&b))
                    || after.is_some_and(|a| TOPIC_AFTER.contains(&a))));
        if !topic && (STOPWORDS.contains(&w.as_str()) || markers.contains(&w.as_str())) {
            continue;
        }
        if !topic && FRAME_VERBS.contains(&w.as_str()) && before.is_some_and(|b| FRAME_SUBJECTS.contains(&b)) {
            continue;
        }
        out.push((w.clone(), i));
    }
    out
}

fn add_concept(parsed: &mut ParsedQuery, word: &str, aliases: &BTreeMap<String, Vec<String>>) -> usize {
    if let Some(i) = parsed.concepts.iter().position(|c| c.word == word || c.surfaces.iter().any(|s| s == word)) {
        return i;
    }
    let surfaces = aliases.get(word).cloned().unwrap_or_else(|| vec![word.to_string()]);
    let weight = weight::of(word);
    parsed.concepts.push(Concept { word: word.to_string(), surfaces, weight, prefix: false, next: None });
    parsed.concepts.len() - 1
}

/// The rules as data for `search.js`: query words, intents, class weights and the constants of
/// expansion, so that the client holds no copy of them.
#[derive(Serialize)]
pub struct Rules<'a> {
    /// Stopwords.
    pub stopwords: &'a [&'a str],
    /// Frame verbs.
    pub frame_verbs: &'a [&'a str],
    /// Frame subjects.
    pub frame_subjects: &'a [&'a str],
    /// Keywords that may be the topic, and the words around them that say so.
    pub keywords: &'a [&'a str],
    /// See [`TOPIC_BEFORE`].
    pub topic_before: &'a [&'a str],
    /// See [`TOPIC_AFTER`].
    pub topic_after: &'a [&'a str],
    /// Surface word → its alias group.
    pub aliases: &'a BTreeMap<String, Vec<String>>,
    /// Filter keys.
    pub filter_keys: &'a [&'a str],
    /// Concept weights: `[word, number, contrast]`.
    pub weights: [u32; 3],
    /// See [`CONTRAST_OPENERS`].
    pub contrast_openers: &'a [&'a [&'a str]],
    /// [`PREFIX_MIN_CHARS`].
    pub prefix_min_chars: usize,
    /// Constants of `spelling.rs`: prefix scan, kept, one-typo and two-typo lengths.
    pub spelling: [usize; 4],
    /// [`spelling::PREFIXES`](crate::search::spelling::PREFIXES).
    pub prefixes: &'a [&'a str],
    /// Shortest word left without a prefix, and shortest base left without an ending.
    pub base_chars: [usize; 2],
    /// `rank.rs`'s divisor of expanded impacts.
    pub expanded_divisor: u32,
    /// Intent detection and weights (`intent.rs`).
    pub intent: IntentRules,
}

/// The data of `intent.rs`.
#[derive(Serialize)]
pub struct IntentRules {
    /// Intent names in row order.
    pub names: [Intent; 5],
    /// See [`intent::WHY_OPENINGS`].
    pub why_openings: &'static [&'static [&'static str]],
    /// See [`intent::DECIDED_WORDS`].
    pub decided_words: &'static [&'static str],
    /// See [`intent::DISCUSSED_WORDS`].
    pub discussed_words: &'static [&'static str],
    /// See [`intent::DISCUSSED_OPENINGS`].
    pub discussed_openings: &'static [&'static [&'static str]],
    /// See [`intent::DECIDED_OPENINGS`].
    pub decided_openings: &'static [&'static [&'static str]],
    /// See [`intent::HOWTO_OPENINGS`].
    pub howto_openings: &'static [&'static [&'static str]],
    /// See [`intent::HOWTO_WORDS`].
    pub howto_words: &'static [&'static str],
    /// See [`intent::CLASS_WEIGHTS`].
    pub class_weights: [[u32; 20]; 5],
    /// See [`intent::COORDINATION`].
    pub coordination: [u32; 5],
}

/// The rules, ready to serialise into the manifest.
pub fn rules_json(aliases: &BTreeMap<String, Vec<String>>) -> Rules<'_> {
    use crate::search::spelling;
    Rules {
        stopwords: STOPWORDS,
        frame_verbs: FRAME_VERBS,
        frame_subjects: FRAME_SUBJECTS,
        keywords: KEYWORDS,
        topic_before: TOPIC_BEFORE,
        topic_after: TOPIC_AFTER,
        aliases,
        filter_keys: FILTER_KEYS,
        weights: [WORD_WEIGHT, NUMBER_WEIGHT, CONTRAST_WEIGHT],
        contrast_openers: CONTRAST_OPENERS,
        prefix_min_chars: PREFIX_MIN_CHARS,
        spelling: [spelling::PREFIX_SCAN, spelling::KEPT, spelling::ONE_TYPO_CHARS, spelling::TWO_TYPOS_CHARS],
        prefixes: spelling::PREFIXES,
        base_chars: [spelling::PREFIXED_MIN_CHARS, spelling::BASE_MIN_CHARS],
        expanded_divisor: crate::search::rank::EXPANDED_DIVISOR,
        intent: IntentRules {
            names: Intent::ALL,
            why_openings: intent::WHY_OPENINGS,
            decided_words: intent::DECIDED_WORDS,
            discussed_words: intent::DISCUSSED_WORDS,
            discussed_openings: intent::DISCUSSED_OPENINGS,
            decided_openings: intent::DECIDED_OPENINGS,
            howto_openings: intent::HOWTO_OPENINGS,
            howto_words: intent::HOWTO_WORDS,
            class_weights: intent::CLASS_WEIGHTS,
            coordination: intent::COORDINATION,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concepts(q: &str) -> Vec<String> {
        parse(q, &alias_table(&BTreeMap::new())).concepts.into_iter().map(|c| c.word).collect()
    }

    #[test]
    fn question_frames_are_dropped() {
        assert_eq!(concepts("Why did we choose Postgres?"), ["postgres"]);
        assert_eq!(concepts("how do we deploy to k8s"), ["deploy", "k8s"]);
        assert_eq!(concepts("which database should I use"), ["database"]);
        assert_eq!(concepts("use of kafka"), ["use", "kafka"], "a frame verb only after a subject");
    }

    #[test]
    fn aliases_filters_and_phrases() {
        let q =
            parse("kind:ADR status:accepted tag:Data-Base \"event sourcing\" postgres", &alias_table(&BTreeMap::new()));
        assert_eq!(q.filters, ["kind:adr", "status:accepted", "tag:data-base"]);
        assert_eq!(q.concepts.iter().map(|c| c.word.as_str()).collect::<Vec<_>>(), ["event", "sourcing", "postgres"]);
        assert_eq!(q.required, [0, 1]);
        assert_eq!(q.concepts[2].surfaces, ["pg", "postgres", "postgresql", "psql"]);
        let mut extra = BTreeMap::new();
        extra.insert("tf".to_string(), vec!["terraform".to_string()]);
        assert_eq!(alias_table(&extra)["terraform"], ["terraform", "tf"]);
    }

    #[test]
    fn a_keyword_that_is_the_topic_is_kept() {
        assert_eq!(concepts("why did we add where clauses"), ["add", "where", "clauses"]);
        assert_eq!(concepts("what did we decide about the `match` keyword"), ["match", "keyword"]);
        assert_eq!(concepts("what did we decide about `where`"), ["where"]);
        assert_eq!(concepts("where do we keep secrets"), ["keep", "secrets"], "a question word, not the topic");
        assert_eq!(concepts("what happened to the remote mempool"), ["remote", "mempool"], "frame words go");
        assert_eq!(concepts("`unbalanced where"), ["unbalanced", "where"]);
    }

    #[test]
    fn numbers_weigh_less_and_the_last_word_is_a_prefix() {
        let q = parse("why v2 of the 3.0 api gatew", &alias_table(&BTreeMap::new()));
        let weights: Vec<(&str, u32, bool)> =
            q.concepts.iter().map(|c| (c.word.as_str(), c.weight, c.prefix)).collect();
        assert_eq!(
            weights,
            [("v2", 1, false), ("3", 1, false), ("0", 1, false), ("api", 2, false), ("gatew", 2, true)]
        );
        // How a thing is done weighs like a number: "actively" does not outweigh "sidecar".
        let q = parse("the node actively sends to a sidecar weekly", &alias_table(&BTreeMap::new()));
        let weights: Vec<(&str, u32)> = q.concepts.iter().map(|c| (c.word.as_str(), c.weight)).collect();
        assert_eq!(weights, [("node", 2), ("actively", 1), ("sends", 2), ("sidecar", 2), ("weekly", 2)]);
    }

    #[test]
    fn words_split_like_tantivy() {
        assert_eq!(
            words("PostgreSQL's JSONB, k8s-native; ADR-0005"),
            ["postgresql", "s", "jsonb", "k8s", "native", "adr", "0005"]
        );
    }
}
