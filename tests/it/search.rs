//! Search: the terminal and the browser give the same answers, the answers are the ones people
//! expect, and the search box works in a real browser.

use crate::support::{build, project};
use adrsite::search::passage;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn corpus(name: &str) -> PathBuf {
    if name == "example-site" { project("example-site") } else { project("../shared/corpora").join(name) }
}

/// Builds `dir` and opens its search index (already up to date: the build made it).
fn indexed(dir: &Path) -> (std::sync::Arc<crate::support::Built>, adrsite::search::SearchIndex) {
    let site = crate::support::shared_build(dir);
    let index = index_of(dir, &site);
    (site, index)
}

fn node_modules() -> PathBuf {
    let dir = project("tests/browser/node_modules");
    assert!(dir.is_dir(), "run `npm ci --prefix tests/browser` first (bash .ci/run does)");
    dir
}

/// Runs the exported `search.js` under Node on `queries`.
fn js_search(site: &Path, queries: &[String]) -> Vec<Vec<serde_json::Value>> {
    js_client(site, queries, "10")
}

/// Runs `search-cli.mjs` on `queries` with its LIMIT argument: hits, or with `terms` the words
/// each query highlights.
fn js_client(site: &Path, queries: &[String], limit: &str) -> Vec<Vec<serde_json::Value>> {
    let mut child = Command::new("node")
        .arg(project("tests/browser/search-cli.mjs"))
        .arg(site)
        .arg(limit)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node is installed");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(serde_json::to_string(queries).unwrap().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "search.js failed");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Opens the index a build of `dir` left (see [`build`]).
fn index_of(dir: &Path, site: &crate::support::Built) -> adrsite::search::SearchIndex {
    let mut opts = adrsite::BuildOptions::new(dir, crate::support::today());
    opts.git = false;
    opts.cache_dir = Some(site.out.parent().unwrap().join("cache"));
    let index = adrsite::pipeline::search_index(&opts).unwrap();
    assert_eq!(index.updated, (0, 0), "the build left the index up to date");
    index
}

/// Asks a built site's index and its exported `search.js` the same questions, made from its own
/// titles: why-questions, the other frames, an unfinished word, a typo, filters and odd input.
/// Every shared corpus goes through this (`corpora.rs` builds them); so does the example site.
pub fn same_top_ten(name: &str, dir: &Path, site: &crate::support::Built) {
    node_modules();
    let index = index_of(dir, site);
    let docs = site.docs_json();
    let titles: Vec<String> = docs["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["title"].as_str())
        .step_by(5)
        .take(12)
        .map(str::to_lowercase)
        .collect();
    let mut queries: Vec<String> = titles.iter().map(|t| format!("why did we choose {t}")).collect();
    if let (Some(first), Some(last)) = (titles.first(), titles.last()) {
        queries.push(format!("what did we decide about {first}"));
        queries.push(format!("how do we {last}"));
        queries.push(format!("when did we discuss {}", titles[titles.len() / 2]));
    }
    let long: Vec<&str> =
        titles.iter().flat_map(|t| t.split_whitespace()).filter(|w| w.chars().all(char::is_alphabetic)).collect();
    for w in long.iter().filter(|w| w.len() >= 7 && w.is_ascii()).take(3) {
        queries.push(w[..5].to_string());
        queries.push(format!("{}{}{}", &w[..1], &w[2..3], &w[1..2]) + &w[3..]);
    }
    queries.extend(
        [
            "why did we choose postgres?",
            "why postgres rather than mysql or sqlite",
            "how do we deploy to kubernetes",
            "what logging do we use",
            "monitoring alerts v2",
            "\"architecture decision\" records",
            "kind:adr status:accepted security",
            "tag:database",
            "the `where` clause",
            "Ⓙⓢ⚡ naïve café constructor __proto__",
        ]
        .map(String::from),
    );
    let js = js_search(&site.out, &queries);
    for (q, js_hits) in queries.iter().zip(js) {
        same_hits(name, q, &index.search(q, 10).unwrap(), &js_hits);
    }
}

#[test]
fn terminal_and_browser_give_the_same_top_ten() {
    for dir in [project("example-site"), project("tests/fixtures/search-words")] {
        same_top_ten("fixture", &dir, &build(&dir));
    }
}

/// Two long sets of minutes both name the travel budget; the January one more strongly (it is
/// shorter), but in two agenda items far apart, the February one in one sentence. The words of a
/// question that meet in one passage rank that document first, in both clients.
#[test]
fn words_that_meet_in_one_passage_of_long_minutes_rank_them_first() {
    node_modules();
    let dir = project("tests/fixtures/search-passages");
    let (site, index) = indexed(&dir);
    let queries: Vec<String> =
        ["when did we discuss the travel budget", "travel budget", "budget for travel"].map(String::from).into();
    let js = js_search(&site.out, &queries);
    for (q, js_hits) in queries.iter().zip(js) {
        let cli = index.search(q, 10).unwrap();
        let order: Vec<&str> = cli.iter().map(|h| h.meta.source.as_str()).collect();
        assert_eq!(order, ["notes/2026-02-09-maintainers.md", "notes/2026-01-12-maintainers.md"], "`{q}`");
        same_hits("search-passages", q, &cli, &js_hits);
        // Minutes have no summary or decision: a hit shows the sentences of the passage that
        // matched, not the opening agenda item (the same excerpt in both clients, checked above).
        let shown = &cli[0].meta.excerpt;
        assert!(shown.starts_with('…') && shown.contains("We agreed the travel budget covers"), "`{q}`: {shown}");
        assert!(cli[1].meta.excerpt.chars().count() <= passage::LEAD_CHARS + 2);
    }
    assert!(site.out.join("search/passages").is_dir());
    // A filter alone has no words to choose sentences by: both clients show the excerpt.
    let filter = ["kind:standup".to_string()];
    let js = js_search(&site.out, &filter);
    same_hits("search-passages", &filter[0], &index.search(&filter[0], 10).unwrap(), &js[0]);
    assert_eq!(js[0].len(), 2);
    // The browser marks every index term the terminal marks ("chang" for "changes", so also
    // "changed").
    let inflected = ["changes budget".to_string()];
    for (q, terms) in inflected.iter().zip(js_client(&site.out, &inflected, "terms")) {
        let stems = index.query_words(q).unwrap().stems;
        assert!(stems.contains(&"chang".to_string()), "{stems:?}");
        for stem in stems {
            assert!(terms.contains(&serde_json::Value::from(stem.as_str())), "`{q}`: {stem} in {terms:?}");
        }
    }
    // One word alone has no passage to share: the shorter January notes weigh it more.
    assert!(index.search("budget", 1).unwrap()[0].meta.source.ends_with("2026-01-12-maintainers.md"));
}

/// The terminal's hits and the browser client's are the same, score for score.
fn same_hits(name: &str, q: &str, cli: &[adrsite::search::Hit], js_hits: &[serde_json::Value]) {
    let cli = serde_json::to_value(cli).unwrap();
    let cli = cli.as_array().unwrap();
    assert_eq!(cli.len(), js_hits.len(), "{name}: `{q}`");
    for (a, b) in cli.iter().zip(js_hits) {
        for key in ["rank", "title", "url", "kind", "status", "source", "excerpt", "successor"] {
            assert_eq!(a.get(key), b.get(key), "{name}: `{q}`: {key}");
        }
        assert_eq!(a["score"].as_f64(), b["score"].as_f64(), "{name}: `{q}`: score");
    }
}

/// Unfinished words, typos, transpositions, identifier parts and other words for the same thing,
/// each with the document it must find in the top 3 (`tests/fixtures/search-words`).
const WORD_QUERIES: &[(&str, &str)] = &[
    ("cockroach", "0001-use-cockroachdb-for-the-ledger.md"),
    ("cockroach ledger", "0001-use-cockroachdb-for-the-ledger.md"),
    ("cockroch", "0001-use-cockroachdb-for-the-ledger.md"),
    ("where do we keep the bookkeeping", "0001-use-cockroachdb-for-the-ledger.md"),
    ("extra config", "0002-configure-workers-with-extraconfig.md"),
    ("extraconfig", "0002-configure-workers-with-extraconfig.md"),
    ("opentelemtry", "0003-trace-requests-with-opentelemetry.md"),
    ("opentelemetyr", "0003-trace-requests-with-opentelemetry.md"),
    ("open telemetry", "0003-trace-requests-with-opentelemetry.md"),
    ("opentel", "0003-trace-requests-with-opentelemetry.md"),
    ("kuberentes", "0004-run-services-on-kubernetes.md"),
    ("kubernets", "0004-run-services-on-kubernetes.md"),
    ("kube", "0004-run-services-on-kubernetes.md"),
    ("postgre", "0008-store-events-in-postgresql.md"),
    ("postgress", "0008-store-events-in-postgresql.md"),
    ("postgresl", "0008-store-events-in-postgresql.md"),
    ("why did we pick postgr", "0008-store-events-in-postgresql.md"),
    ("hermtic builds", "0006-make-builds-hermetic.md"),
    ("sandbx", "0006-make-builds-hermetic.md"),
    ("repeatable builds", "0006-make-builds-hermetic.md"),
    ("how do we make builds reproducible", "0006-make-builds-hermetic.md"),
    ("throttling", "0007-limit-api-request-rates.md"),
    ("credentail vault", "0005-keep-secrets-in-a-credential-vault.md"),
    ("what did we decide about a credential vault", "0005-keep-secrets-in-a-credential-vault.md"),
    ("stop keeping secrets in the repo", "0005-keep-secrets-in-a-credential-vault.md"),
    // Forms the corpus never writes: an inflection of its word, its word with a prefix.
    ("tracing", "0003-trace-requests-with-opentelemetry.md"),
    ("keeping", "0005-keep-secrets-in-a-credential-vault.md"),
    ("reinstrument", "0003-trace-requests-with-opentelemetry.md"),
    ("uninstrumented services", "0003-trace-requests-with-opentelemetry.md"),
    // Forms the corpus writes only otherwise ("retired", "declined"), asked directly and through
    // the thesaurus ("sunset": retire).
    ("retiring the importer", "0010-stop-the-nightly-importer.md"),
    ("declining to repair", "0010-stop-the-nightly-importer.md"),
    ("did we sunset the nightly job", "0010-stop-the-nightly-importer.md"),
    // Two words the corpus writes as one.
    ("module cache", "0009-guard-shared-files-with-lockedfile.md"),
    ("is there a locked file package", "0009-guard-shared-files-with-lockedfile.md"),
    // One word the corpus writes as two.
    ("webassembly", "0011-draw-charts-in-web-assembly.md"),
    ("why do we draw charts in webassembly", "0011-draw-charts-in-web-assembly.md"),
    ("frontend charts", "0011-draw-charts-in-web-assembly.md"),
    // Contractions leave no stray letters behind.
    ("what's the ledger's database", "0001-use-cockroachdb-for-the-ledger.md"),
];

#[test]
fn prefixes_typos_compounds_and_related_words_find_the_document_in_both_clients() {
    node_modules();
    let (site, index) = indexed(&project("tests/fixtures/search-words"));
    let queries: Vec<String> = WORD_QUERIES.iter().map(|(q, _)| q.to_string()).collect();
    let js = js_search(&site.out, &queries);
    for ((q, expected), js_hits) in WORD_QUERIES.iter().zip(js) {
        let cli = index.search(q, 10).unwrap();
        let top3: Vec<&str> = cli.iter().take(3).map(|h| h.meta.source.as_str()).collect();
        assert!(top3.iter().any(|s| s.ends_with(expected)), "`{q}` finds {top3:?}, not {expected}");
        same_hits("search-words", q, &cli, &js_hits);
    }
    // Related words widen a question only where the word itself is missing or rarer.
    let hits = index.search("hermetic", 10).unwrap();
    assert_eq!(hits.len(), 1, "only the document with the word: {hits:?}");
}

#[derive(serde::Deserialize)]
struct Question {
    corpus: String,
    /// Its class in `classes.json`; the older set has none.
    #[serde(default)]
    class: String,
    question: String,
    expected: String,
}

/// A question set under `tests/relevance/`, and the corpora it asks about, sorted.
fn question_set(file: &str) -> (Vec<Question>, Vec<String>) {
    let text = std::fs::read_to_string(project("tests/relevance").join(file)).unwrap();
    let questions: Vec<Question> = serde_json::from_str(&text).unwrap();
    let mut corpora: Vec<String> = questions.iter().map(|q| q.corpus.clone()).collect();
    corpora.sort();
    corpora.dedup();
    (questions, corpora)
}

#[test]
fn natural_questions_find_the_expected_document() {
    let (questions, corpora) = question_set("questions.json");
    assert!(questions.len() >= 30);
    let (mut reciprocal, mut top3, mut report) = (0.0, 0, Vec::new());
    for name in &corpora {
        let (_site, index) = indexed(&corpus(name));
        for q in questions.iter().filter(|q| &q.corpus == name) {
            let hits = index.search(&q.question, 10).unwrap();
            let rank = hits.iter().position(|h| h.meta.source == q.expected).map(|p| p + 1);
            if let Some(r) = rank {
                reciprocal += 1.0 / r as f64;
                top3 += usize::from(r <= 3);
            }
            let first = hits.first().map_or("nothing", |h| h.meta.source.as_str());
            report.push(format!("{rank:?}\t{name}: {}\t(first: {first})", q.question));
        }
    }
    let n = questions.len() as f64;
    let mrr = reciprocal / n;
    let share = top3 as f64 / n;
    eprintln!("{}\nMRR {mrr:.3}, top-3 {:.1}% of {} questions", report.join("\n"), share * 100.0, questions.len());
    assert!(mrr >= 0.9, "mean reciprocal rank {mrr:.3} < 0.9");
    assert!(share >= 0.9, "top-3 share {share:.3} < 0.9");
}

/// The broader set (`tests/relevance/classes.json`): why, what did we decide, how do we, when did
/// we discuss, and questions in other words than the documents', over RFC sets, handbooks and
/// minutes as well as ADR logs. Prints MRR and the top-3 share per class, and checks the
/// browser client gives the same answers on every one of these corpora. `.ci/relevance` prints
/// the same report from the release binary.
#[test]
fn questions_of_every_class_find_the_expected_document() {
    node_modules();
    let (questions, corpora) = question_set("classes.json");
    assert!(questions.len() >= 120);
    assert!(corpora.len() >= 8, "{corpora:?}");
    let mut per_class: std::collections::BTreeMap<&str, Vec<Option<usize>>> = Default::default();
    for name in &corpora {
        let dir = corpus(name);
        assert!(dir.is_dir(), "the shared corpora must be checked out beside the project: {}", dir.display());
        let (site, index) = indexed(&dir);
        let asked: Vec<&Question> = questions.iter().filter(|q| &q.corpus == name).collect();
        let js = js_search(&site.out, &asked.iter().map(|q| q.question.clone()).collect::<Vec<_>>());
        for (q, js_hits) in asked.iter().zip(js) {
            let hits = index.search(&q.question, 10).unwrap();
            same_hits(name, &q.question, &hits, &js_hits);
            for h in &hits {
                let e = &h.meta.excerpt;
                assert!(!["**", "`", "](", "]["].iter().any(|m| e.contains(m)), "{name}: Markdown in an excerpt: {e}");
            }
            let rank = hits.iter().position(|h| h.meta.source == q.expected).map(|p| p + 1);
            per_class.entry(q.class.as_str()).or_default().push(rank);
        }
    }
    let score = |ranks: &[Option<usize>]| {
        let n = ranks.len() as f64;
        let mrr = ranks.iter().flatten().map(|r| 1.0 / *r as f64).sum::<f64>() / n;
        let top3 = ranks.iter().flatten().filter(|r| **r <= 3).count() as f64 / n;
        (mrr, top3)
    };
    let mut all = Vec::new();
    for (class, ranks) in &per_class {
        let (mrr, top3) = score(ranks);
        eprintln!("{class:12} {:3} questions  MRR {mrr:.3}  top-3 {:.1}%", ranks.len(), top3 * 100.0);
        // Floors a little under what the set scores today: a regression fails here.
        assert!(mrr >= 0.6, "{class}: MRR {mrr:.3}");
        all.extend(ranks.iter().copied());
    }
    let (mrr, top3) = score(&all);
    eprintln!("overall      {:3} questions  MRR {mrr:.3}  top-3 {:.1}%", all.len(), top3 * 100.0);
    assert!(mrr >= 0.8, "overall MRR {mrr:.3}");
}

#[test]
fn the_search_box_answers_in_a_real_browser() {
    node_modules();
    let site = crate::support::shared_build(&project("example-site"));
    // A whole question, and an unfinished word: results appear as it is typed, without Enter.
    for (question, expected) in [
        ("why did we choose postgres?", "Use PostgreSQL as the primary database"),
        ("opentelem", "Adopt OpenTelemetry"),
    ] {
        let out = Command::new("node")
            .arg(project("tests/browser/search.mjs"))
            .arg(&site.out)
            .arg(question)
            .arg(expected)
            .output()
            .unwrap();
        let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{log}");
    }
}

#[test]
fn the_cli_prints_ranked_hits_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_adrsite"))
            .args(["search", "--no-git", "--cache-dir"])
            .arg(tmp.path())
            .arg(project("example-site"))
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let out = run(&["why did we choose postgres", "--limit", "2"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(" 1. [accepted] ADR-0002 Use PostgreSQL as the primary database\n"), "{text}");
    assert!(text.contains("**PostgreSQL**"), "matched words are marked: {text}");
    let out = run(&["--json", "rest api"]);
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let superseded = hits.iter().find(|h| h["status"] == "superseded").expect("a superseded hit");
    assert_eq!(superseded["successor"]["url"], "decisions/0012-return-to-rest-with-openapi-for-the-public-api.html");
    for key in ["rank", "score", "title", "kind", "status", "url", "source", "excerpt"] {
        assert!(hits[0].get(key).is_some(), "{key}");
    }
    let none = run(&["zzzqqq"]);
    assert_eq!(none.status.code(), Some(1), "no hit is exit 1, like grep");
    let err = String::from_utf8(none.stderr).unwrap();
    assert!(err.contains("note: no document uses `zzzqqq`") && err.contains("[search]"), "{err}");
    // A word the documents lack is named, with where to add the team's own word for it.
    let out = run(&["why did we choose postgres over flibbertigibbet"]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no document uses `flibbertigibbet`") && !err.contains("`postgres`"), "{err}");
    // A question of question words only: what to ask instead.
    let out = run(&["why did we"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("name what the question is about"), "{err}");
    assert!(!String::from_utf8(run(&["zzzqqq"]).stderr).unwrap().contains("name what"), "a real word is named instead");
    let quiet = run(&["--json", "why did we choose postgres"]);
    assert!(quiet.stderr.is_empty(), "every word is found: nothing to say");
}

#[test]
fn the_cli_answers_from_the_cached_index_and_sees_edits_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    crate::support::copy_tree(&project("example-site"), &site);
    let cache = tmp.path().join("cache");
    let run = |query: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_adrsite"))
            .args(["search", "--no-git", "--json", "--cache-dir"])
            .arg(&cache)
            .arg(&site)
            .arg(query)
            .output()
            .unwrap();
        let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        hits.iter().map(|h| h["source"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    let first = run("why did we choose postgres");
    assert_eq!(first[0], "docs/decisions/0002-use-postgresql-as-the-primary-database.md");

    // The first query left the index and its snapshot; the same sources open it directly.
    let mut opts = adrsite::BuildOptions::new(&site, crate::support::today());
    opts.git = false;
    let (config, _) = adrsite::config::Config::load(&site).unwrap();
    let print = || adrsite::load::fingerprint::fingerprint(&site, &config, &[site.join("_site")], false).unwrap();
    let fresh = adrsite::search::SearchIndex::open_fresh(&cache, print(), &config.search).unwrap();
    assert!(fresh.is_some(), "unchanged sources answer from the cache");
    assert_eq!(run("why did we choose postgres"), first, "the cached answer is the read one");

    // An edit is seen by the very next query, with no build in between.
    let doc = site.join("docs/decisions/0002-use-postgresql-as-the-primary-database.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(&doc, format!("{text}\nWe also evaluated quokkadb and zanzibarstore.\n")).unwrap();
    assert!(adrsite::search::SearchIndex::open_fresh(&cache, print(), &config.search).unwrap().is_none());
    assert_eq!(run("quokkadb"), ["docs/decisions/0002-use-postgresql-as-the-primary-database.md"]);

    // So are a new document and a removed one.
    let new = site.join("docs/decisions/0099-adopt-wombatmq.md");
    std::fs::write(&new, "# Adopt WombatMQ\n\n## Status\n\nAccepted\n\n## Decision\n\nWe adopt wombatmq.\n").unwrap();
    assert_eq!(run("wombatmq"), ["docs/decisions/0099-adopt-wombatmq.md"]);
    std::fs::remove_file(&new).unwrap();
    assert!(run("wombatmq").is_empty());
}
