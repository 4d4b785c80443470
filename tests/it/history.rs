//! Status history from git on the real binary: a repository whose decisions change status across
//! commits — a folder renamed, a status edited twice in one day, a supersession declared by the
//! successor only, front matter and `## Status` sections — read into each page's timeline,
//! `api/docs.json` and the digest, for several windows and every format.

use crate::support::adrsite_in;
use std::path::Path;
use std::process::Command;

/// Runs git in `dir` as `author` on `when` (author and committer date), with no one's settings.
fn git(dir: &Path, when: &str, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Ana", "-c", "user.email=ana@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_DATE", when)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// An adr-tools record, dated the day it was first written.
fn nygard(n: u32, title: &str, date: &str, status: &str, extra: &str) -> String {
    format!("# {n}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n{extra}\n## Context\n\nWhy {title}.\n")
}

/// Commits everything in `dir` on `when` and returns the commit's hash.
fn commit(dir: &Path, when: &str, message: &str) -> String {
    git(dir, when, &["add", "-A"]);
    git(dir, when, &["commit", "-q", "-m", message]);
    git(dir, when, &["rev-parse", "HEAD"])
}

struct Repo {
    _tmp: tempfile::TempDir,
    dir: std::path::PathBuf,
    /// The commits, by what they did.
    commits: std::collections::BTreeMap<&'static str, String>,
}

fn repository() -> Repo {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("repo");
    std::fs::create_dir_all(&dir).unwrap();
    git(&dir, "2024-01-01T00:00:00Z", &["init", "-q", "-b", "main"]);
    write(&dir, "adrsite.toml", "title = \"Decisions\"\nrepository = \"https://github.com/acme/decisions\"\n");
    let mut commits = std::collections::BTreeMap::new();
    let pg = "decisions/0001-use-postgres.md";
    write(&dir, pg, &nygard(1, "Use Postgres", "2024-01-03", "Proposed", ""));
    commits.insert("pg proposed", commit(&dir, "2024-01-03T10:00:00Z", "Propose Postgres"));
    write(&dir, pg, &nygard(1, "Use Postgres", "2024-01-03", "Accepted", ""));
    commits.insert("pg accepted", commit(&dir, "2024-01-20T10:00:00Z", "Accept Postgres"));
    // A correction that leaves the status as it was is not a step.
    write(&dir, pg, &nygard(1, "Use Postgres", "2024-01-03", "Accepted", "").replace("Why Use", "Why we use"));
    commit(&dir, "2024-01-22T10:00:00Z", "Wording");

    let kafka = "decisions/0002-use-kafka.md";
    write(&dir, kafka, &nygard(2, "Use Kafka", "2024-01-31", "Proposed", ""));
    commits.insert("kafka proposed", commit(&dir, "2024-01-31T10:00:00Z", "Propose Kafka"));
    // Edited twice in one day: accepted in the morning, rejected in the evening.
    write(&dir, kafka, &nygard(2, "Use Kafka", "2024-01-31", "Accepted", ""));
    commits.insert("kafka accepted", commit(&dir, "2024-02-01T09:00:00Z", "Accept Kafka"));
    write(&dir, kafka, &nygard(2, "Use Kafka", "2024-01-31", "Rejected", ""));
    commits.insert("kafka rejected", commit(&dir, "2024-02-01T17:00:00Z", "Reject Kafka after all"));

    // The folder moves: the history goes with it.
    git(&dir, "2024-03-01T10:00:00Z", &["mv", "decisions", "adr"]);
    commit(&dir, "2024-03-01T10:00:00Z", "Move the decisions");

    // The successor says it supersedes ADR-0001; ADR-0001 itself is never edited.
    write(
        &dir,
        "adr/0003-use-cockroachdb.md",
        &nygard(
            3,
            "Use CockroachDB",
            "2025-03-02",
            "Accepted",
            "\nSupersedes [1. Use Postgres](0001-use-postgres.md)\n",
        ),
    );
    commits.insert("cockroach", commit(&dir, "2025-03-02T10:00:00Z", "Replace Postgres"));

    // Front matter, as MADR and Log4brains write it.
    let grpc = "adr/0004-use-grpc.md";
    let madr =
        |status: &str| format!("---\nstatus: {status}\ndate: 2025-06-01\n---\n# Use gRPC\n\n## Context\n\nCalls.\n");
    write(&dir, grpc, &madr("proposed"));
    commits.insert("grpc proposed", commit(&dir, "2025-06-02T10:00:00Z", "Propose gRPC"));
    write(&dir, grpc, &madr("\"accepted\""));
    commits.insert("grpc accepted", commit(&dir, "2025-06-10T10:00:00Z", "Accept gRPC"));
    Repo { _tmp: tmp, dir, commits }
}

/// `(date, status, by)` of each step of the document at `source` in `api/docs.json`.
fn steps(docs: &serde_json::Value, source: &str) -> Vec<(String, String, String, String)> {
    let doc = docs["documents"].as_array().unwrap().iter().find(|d| d["source"] == source).unwrap();
    doc["history"]
        .as_array()
        .map(|h| {
            h.iter()
                .map(|s| {
                    let text = |k: &str| s[k].as_str().unwrap_or_default().to_string();
                    (text("date"), text("status"), text("by"), text("commit"))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn each_decision_has_its_history_on_its_page_in_the_api_and_in_the_digest() {
    let repo = repository();
    let c = |what: &str| repo.commits[what].clone();
    let out = repo.dir.join("_site");
    let built = adrsite_in(&repo.dir, &["build", "--today", "2026-01-01"]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let docs: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("api/docs.json")).unwrap()).unwrap();
    let step = |d: &str, s: &str, by: &str, commit: &str| (d.to_string(), s.to_string(), by.to_string(), c(commit));

    // Renamed with its folder, and superseded on the day the successor said so.
    assert_eq!(
        steps(&docs, "adr/0001-use-postgres.md"),
        [
            step("2024-01-03", "proposed", "", "pg proposed"),
            step("2024-01-20", "accepted", "", "pg accepted"),
            step("2025-03-02", "superseded", "adr/0003-use-cockroachdb", "cockroach"),
        ]
    );
    // Twice in one day, in the order of the commits.
    assert_eq!(
        steps(&docs, "adr/0002-use-kafka.md"),
        [
            step("2024-01-31", "proposed", "", "kafka proposed"),
            step("2024-02-01", "accepted", "", "kafka accepted"),
            step("2024-02-01", "rejected", "", "kafka rejected"),
        ]
    );
    assert_eq!(steps(&docs, "adr/0003-use-cockroachdb.md"), [step("2025-03-02", "accepted", "", "cockroach")]);
    assert_eq!(
        steps(&docs, "adr/0004-use-grpc.md"),
        [step("2025-06-02", "proposed", "", "grpc proposed"), step("2025-06-10", "accepted", "", "grpc accepted")]
    );

    // The page: a timeline, each step linked to its commit, the successor linked to its page.
    let page = std::fs::read_to_string(out.join("adr/0001-use-postgres.html")).unwrap();
    let timeline = &page[page.find("<ol class=\"timeline\">").expect("a timeline")..];
    let timeline = &timeline[..timeline.find("</ol>").unwrap()];
    let items: Vec<&str> = timeline.split("<li ").skip(1).collect();
    assert_eq!(items.len(), 3, "{timeline}");
    assert!(items[0].starts_with("data-status=\"proposed\"><time datetime=\"2024-01-03\">"), "{}", items[0]);
    assert!(
        items[0].contains(&format!("href=\"https://github.com/acme/decisions/commit/{}\"", c("pg proposed"))),
        "{}",
        items[0]
    );
    assert!(
        items[2].contains("Superseded</span> by") && items[2].contains("0003-use-cockroachdb.html"),
        "{}",
        items[2]
    );
    assert!(items[2].contains("(declared there)"), "{}", items[2]);
    assert!(!timeline.contains("first in git"), "each document is dated the day of its first commit");
    // The rule that finds ADR-0001 still accepted dates it by the successor's commit.
    let attention: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("api/attention.json")).unwrap()).unwrap();
    let found = attention["findings"].as_array().unwrap().iter().find(|f| f["code"] == "contradiction").unwrap();
    assert_eq!(
        (found["source"].as_str(), found["since"].as_str()),
        (Some("adr/0001-use-postgres.md"), Some("2025-03-02"))
    );

    // The digest, for several windows and every format.
    let digest = |today: &str, args: &[&str]| {
        let mut all = vec!["digest", "--today", today];
        all.extend_from_slice(args);
        let out = adrsite_in(&repo.dir, &all);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let feb = digest("2024-02-04", &["--since", "2024-01-29"]);
    assert!(feb.contains("## Decided (1)\n\n- ADR-0002 Use Kafka: accepted, 2024-02-01\n"), "{feb}");
    assert!(
        feb.contains("## Changed status (1)\n\n- ADR-0002 Use Kafka: accepted → rejected on 2024-02-01\n"),
        "{feb}"
    );
    // A proposal counts where it appeared only while it still awaits a decision.
    assert!(!feb.contains("New proposals"), "{feb}");
    let all = digest("2026-01-01", &["--since", "2024-01-01"]);
    assert!(all.contains("## Decided (4)") && all.contains("## Changed status (2)"), "{all}");
    assert!(all.contains("- ADR-0001 Use Postgres: accepted → superseded on 2025-03-02\n"), "{all}");

    let march = digest(
        "2026-01-01",
        &["--since", "2025-03-01", "--format", "slack", "--base-url", "https://acme.github.io/d/"],
    );
    assert!(
        march.contains("*Changed status* (1)\n• <https://acme.github.io/d/adr/0001-use-postgres.html|ADR-0001 Use Postgres>: accepted → superseded on 2025-03-02\n"),
        "{march}"
    );
    assert!(march.contains("ADR-0003 Use CockroachDB>: accepted, 2025-03-02"), "{march}");

    let june: serde_json::Value =
        serde_json::from_str(&digest("2025-06-14", &["--since", "2025-06-05", "--format", "json"])).unwrap();
    let decided: Vec<(&str, &str)> = june["decided"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["date"].as_str().unwrap()))
        .collect();
    assert_eq!(decided, [("ADR-0004", "2025-06-10")], "accepted the day its status line changed, not its own date");
    assert!(june["changed"].as_array().unwrap().is_empty(), "{june}");

    // The site's week pages tell the same.
    let week = std::fs::read_to_string(out.join("digest/2024-w05.html")).unwrap();
    assert!(week.contains("Changed status") && week.contains("accepted → rejected on 2024-02-01"), "{week}");
}

#[test]
fn a_log_imported_in_one_commit_keeps_the_dates_it_states() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, "2025-01-01T00:00:00Z", &["init", "-q", "-b", "main"]);
    write(dir, "adr/0001-use-postgres.md", &nygard(1, "Use Postgres", "2019-05-06", "Accepted", ""));
    commit(dir, "2025-01-10T10:00:00Z", "Import the decision log");
    let built = adrsite_in(dir, &["build", "--today", "2026-01-01"]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let page = std::fs::read_to_string(dir.join("_site/adr/0001-use-postgres.html")).unwrap();
    assert!(page.contains("Accepted</span> <span class=\"muted\">(first in git)</span>"), "{page}");
    // The import is not news: the decision counts on the day it states.
    let out = adrsite_in(dir, &["digest", "--today", "2025-01-12", "--since", "7d"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("ADR-0001"), "{text}");
    let out = adrsite_in(dir, &["digest", "--today", "2019-05-10", "--since", "7d"]);
    assert!(String::from_utf8(out.stdout).unwrap().contains("- ADR-0001 Use Postgres: accepted, 2019-05-06"));
}

#[test]
fn without_history_the_api_has_none_and_the_page_no_timeline() {
    let repo = repository();
    let built = adrsite_in(&repo.dir, &["build", "--today", "2026-01-01", "--no-git"]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let docs = std::fs::read_to_string(repo.dir.join("_site/api/docs.json")).unwrap();
    assert!(!docs.contains("\"history\""), "{docs}");
    let page = std::fs::read_to_string(repo.dir.join("_site/adr/0001-use-postgres.html")).unwrap();
    assert!(!page.contains("class=\"timeline\""));
}
