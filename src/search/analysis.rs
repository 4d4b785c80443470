//! The text rules of search, shared by the terminal, `serve` and the browser.
//!
//! Input: a question as typed ("why did we choose Postgres?", `kind:adr "event sourcing"`).
//! Output: a [`ParsedQuery`]: filters, required phrase groups and concepts, each concept being
//! the surface words it may match (the word and its aliases). Mapping surface words to index
//! terms goes through the exported word table (see `engine.rs`), so that the browser, which has no
//! stemmer, analyses exactly as tantivy does. `search.js` implements these same rules on the data
//! [`rules_json`] exports; a change here must be made there too (the equality test catches drift).

use serde::Serialize;
use std::collections::BTreeMap;

/// Question and function words, dropped from queries (never from the index).
pub const STOPWORDS: &[&str] = &[
    "a", "about", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but", "by",
    "can", "could", "did", "do", "does", "doing", "for", "from", "had", "has", "have", "having", "he", "her", "here",
    "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "ours",
    "she", "should", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "to", "too", "us", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why",
    "will", "with", "would", "you", "your",
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
pub const FILTER_KEYS: &[&str] = &["kind", "status", "tag"];

/// A concept of the query: any of these surface words may match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concept {
    /// The word as typed, lowercased.
    pub word: String,
    /// The word and its aliases, lowercased, sorted.
    pub surfaces: Vec<String>,
}

/// A query, parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Scored concepts, in query order, without duplicates.
    pub concepts: Vec<Concept>,
    /// Indexes into `concepts` that must all match (from quoted phrases).
    pub required: Vec<usize>,
    /// `kind:adr` and friends, as index filter terms (`kind:adr`).
    pub filters: Vec<String>,
}

/// Splits text into lowercase words exactly as tantivy's `SimpleTokenizer` + `LowerCaser` do:
/// maximal runs of alphanumeric characters.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
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
    let mut parsed = ParsedQuery::default();
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
    // Filters: `kind:adr`, `status:accepted`, `tag:db`.
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
    for (i, phrase) in phrases.iter().enumerate() {
        for w in content_words(&words(phrase)) {
            let at = add_concept(&mut parsed, &w, aliases);
            if !parsed.required.contains(&at) {
                parsed.required.push(at);
            }
        }
        let _ = i;
    }
    for w in content_words(&words(&text)) {
        add_concept(&mut parsed, &w, aliases);
    }
    parsed.required.sort();
    parsed
}

/// Drops stopwords, and frame verbs that follow a frame subject.
fn content_words(all: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, w) in all.iter().enumerate() {
        if STOPWORDS.contains(&w.as_str()) {
            continue;
        }
        if FRAME_VERBS.contains(&w.as_str()) && i > 0 && FRAME_SUBJECTS.contains(&all[i - 1].as_str()) {
            continue;
        }
        out.push(w.clone());
    }
    out
}

fn add_concept(parsed: &mut ParsedQuery, word: &str, aliases: &BTreeMap<String, Vec<String>>) -> usize {
    if let Some(i) = parsed.concepts.iter().position(|c| c.word == word || c.surfaces.iter().any(|s| s == word)) {
        return i;
    }
    let surfaces = aliases.get(word).cloned().unwrap_or_else(|| vec![word.to_string()]);
    parsed.concepts.push(Concept { word: word.to_string(), surfaces });
    parsed.concepts.len() - 1
}

/// The rules as data for `search.js`: stopwords, frame words, aliases and filter keys.
#[derive(Serialize)]
pub struct Rules<'a> {
    /// Stopwords.
    pub stopwords: &'a [&'a str],
    /// Frame verbs.
    pub frame_verbs: &'a [&'a str],
    /// Frame subjects.
    pub frame_subjects: &'a [&'a str],
    /// Surface word → its alias group.
    pub aliases: &'a BTreeMap<String, Vec<String>>,
    /// Filter keys.
    pub filter_keys: &'a [&'a str],
}

/// The rules, ready to serialise into the manifest.
pub fn rules_json(aliases: &BTreeMap<String, Vec<String>>) -> Rules<'_> {
    Rules {
        stopwords: STOPWORDS,
        frame_verbs: FRAME_VERBS,
        frame_subjects: FRAME_SUBJECTS,
        aliases,
        filter_keys: FILTER_KEYS,
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
    fn words_split_like_tantivy() {
        assert_eq!(
            words("PostgreSQL's JSONB, k8s-native; ADR-0005"),
            ["postgresql", "s", "jsonb", "k8s", "native", "adr", "0005"]
        );
    }
}
