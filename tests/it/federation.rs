//! An organisation's site built from several repositories (`[[sources]]`): three git
//! repositories in three dialects reached as `file://` URLs, with namespaced ids, a decision in
//! one repository superseded by one in another, links between them, edit links and git dates
//! per repository, one search with a `source:` filter, a source that cannot be fetched, the
//! last good copy of one that stopped answering, and `adrsite.lock`.

use crate::support::{adrsite_in as adrsite, copy_tree, project, serve_files};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

const TODAY: &str = "2026-11-27";

fn git(dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "init.defaultBranch=main", "-c", "user.name=Dev", "-c", "user.email=dev@example.org"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A repository `name` made from a round-trip fixture, with its own `adrsite.toml`, committed
/// on `date`; `extra` files are added in the same commit.
fn repository(root: &Path, name: &str, fixture: &str, date: &str, extra: &[(&str, &str)]) {
    let dir = root.join(name);
    copy_tree(&project("tests/fixtures/round-trip").join(fixture), &dir);
    std::fs::write(dir.join("adrsite.toml"), format!("repository = \"https://github.com/org/{name}\"\n")).unwrap();
    for (path, text) in extra {
        std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
        std::fs::write(dir.join(path), text).unwrap();
    }
    git(&dir, &["init", "-q"], date);
    git(&dir, &["add", "-A"], date);
    git(&dir, &["commit", "-qm", "Decisions"], date);
}

fn docs(site: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(site.join("_site/api/docs.json")).unwrap();
    serde_json::from_str::<Value>(&text).unwrap()["documents"].as_array().unwrap().clone()
}

fn doc<'a>(all: &'a [Value], display_id: &str) -> &'a Value {
    all.iter().find(|d| d["display_id"] == display_id).unwrap_or_else(|| panic!("no {display_id}"))
}

#[test]
fn an_organisation_site_from_three_repositories() {
    let tmp = tempfile::tempdir().unwrap();
    let repos = tmp.path().join("repos");
    // payments (adr-tools): its ADR-0002 is superseded by a decision of `web`, and says so.
    let payments_status = "# 2. Use PostgreSQL for orders\n\nDate: 2024-05-10\n\n## Status\n\nSuperseded by [web/ADR-0003](https://github.com/org/web/blob/main/docs/decisions/0003-use-cockroachdb-for-orders.md)\n\n## Context\n\nOrders need transactions ([the load test](load-test.csv)).\n";
    repository(
        &repos,
        "payments",
        "adr-tools",
        "2024-06-01T10:00:00Z",
        &[("doc/adr/0002-use-postgresql-for-orders.md", payments_status), ("doc/adr/load-test.csv", "tps,latency\n")],
    );
    // billing (MADR 2 bullets).
    repository(&repos, "billing", "madr", "2024-07-01T10:00:00Z", &[]);
    // web (YAML front matter): supersedes payments/ADR-0002 by id, links into billing by a
    // path between sibling checkouts, and mentions billing/ADR-0001 in prose.
    let cockroach = "---\nstatus: accepted\ndate: 2025-02-01\nsupersedes: payments/ADR-0002\n---\n\n# Use CockroachDB for orders\n\nIt builds on [the job queue](../../../billing/docs/adr/0002-queue-jobs-in-redis.md) and on billing/ADR-0001, and replaces ADR-0001's storage.\n";
    repository(
        &repos,
        "web",
        "front-matter",
        "2025-03-01T10:00:00Z",
        &[("docs/decisions/0003-use-cockroachdb-for-orders.md", cockroach)],
    );

    // shop (Log4brains) publishes its own site, served on loopback: the organisation reads what
    // it publishes.
    let shop = tmp.path().join("shop");
    copy_tree(&project("tests/fixtures/round-trip/log4brains"), &shop);
    let out = adrsite(&shop, &["build", "--today", TODAY, "--no-git", "-q"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shop_url = serve_files(shop.join("_site"));

    let site = tmp.path().join("org");
    std::fs::create_dir_all(&site).unwrap();
    let url = |name: &str| format!("file://{}", repos.join(name).display());
    let config = format!(
        "title = \"Parcelwise decisions\"\n\n[[sources]]\nname = \"payments\"\ngit = \"{}\"\n\n[[sources]]\nname = \"billing\"\ngit = \"{}\"\nref = \"main\"\n\n[[sources]]\nname = \"web\"\ngit = \"{}\"\n\n[[sources]]\nname = \"legacy\"\ngit = \"{}\"\n\n[[sources]]\nname = \"shop\"\nsite = \"{shop_url}\"\n",
        url("payments"),
        url("billing"),
        url("web"),
        url("legacy-was-never-pushed")
    );
    std::fs::write(site.join("adrsite.toml"), &config).unwrap();

    // A source that cannot be fetched is an error (exit 1), said where it is configured; the
    // others are built.
    let out = adrsite(&site, &["build", "--today", TODAY]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("adrsite.toml:17:1: error[source-unavailable]: source `legacy` cannot be read"), "{err}");
    assert!(err.contains("Built 9 documents"), "{err}");

    let all = docs(&site);
    // The published site's documents, each a page that sends the reader to the published one.
    let cdn = all.iter().find(|d| d["title"] == "Serve images from a CDN").expect("shop's decision");
    assert_eq!((cdn["status"].as_str(), cdn["date"].as_str()), (Some("accepted"), Some("2024-06-12")));
    assert!(cdn["url"].as_str().unwrap().starts_with("shop/"), "{cdn}");
    let stub = std::fs::read_to_string(site.join("_site").join(cdn["url"].as_str().unwrap())).unwrap();
    assert!(stub.contains(&format!("href=\"{shop_url}/adr/20240612-serve-images-from-a-cdn.html\"")), "{stub}");
    // Namespaced ids and pages under each source's folder.
    for (id, url) in [
        ("payments/ADR-0002", "payments/adr/0002-use-postgresql-for-orders.html"),
        ("billing/ADR-0001", "billing/adr/0001-use-markdown-architectural-decision-records.html"),
        ("web/ADR-0003", "web/decisions/0003-use-cockroachdb-for-orders.html"),
    ] {
        assert_eq!(doc(&all, id)["url"], url);
        assert!(site.join("_site").join(url).is_file(), "{url}");
    }
    // The supersede across repositories, on both sides, and shown on both pages.
    let (old, new) = (doc(&all, "payments/ADR-0002"), doc(&all, "web/ADR-0003"));
    assert_eq!(old["status"], "superseded");
    assert!(old["relations"].as_array().unwrap().contains(&json!({"kind": "superseded-by", "target": new["id"]})));
    assert!(new["relations"].as_array().unwrap().contains(&json!({"kind": "supersedes", "target": old["id"]})));
    let old_page =
        std::fs::read_to_string(site.join("_site/payments/adr/0002-use-postgresql-for-orders.html")).unwrap();
    assert!(old_page.contains("../../web/decisions/0003-use-cockroachdb-for-orders.html"), "the successor is linked");
    // Backlinks across repositories: billing's queue decision is linked from web; the prose
    // mention `billing/ADR-0001` is billing's, and `ADR-0001` alone is web's own.
    let queue = doc(&all, "billing/ADR-0002");
    assert!(queue["links_in"].as_array().unwrap().contains(&new["id"]), "{queue}");
    let new_page =
        std::fs::read_to_string(site.join("_site/web/decisions/0003-use-cockroachdb-for-orders.html")).unwrap();
    assert!(new_page.contains("href=\"../../billing/adr/0001-use-markdown-architectural-decision-records.html\""));
    assert!(new_page.contains("href=\"0001-record-decisions-in-markdown.html\""));
    // A file a source's document links to is published from that source's copy.
    assert!(old_page.contains("href=\"../../files/payments/doc/adr/load-test.csv\""), "{old_page}");
    assert_eq!(
        std::fs::read_to_string(site.join("_site/files/payments/doc/adr/load-test.csv")).unwrap(),
        "tps,latency\n"
    );
    // Edit links and git dates from each source's own repository.
    assert!(
        old_page
            .contains("href=\"https://github.com/org/payments/edit/main/doc/adr/0002-use-postgresql-for-orders.md\"")
    );
    assert!(
        new_page.contains("https://github.com/org/web/edit/main/docs/decisions/0003-use-cockroachdb-for-orders.md")
    );
    assert_eq!(old["git"]["changed"], "2024-06-01");
    assert_eq!(doc(&all, "billing/ADR-0002")["git"]["changed"], "2024-07-01");
    assert_eq!(new["git"]["changed"], "2025-03-01");
    // The organisation's home: a card per source, with its counts.
    let home = std::fs::read_to_string(site.join("_site/index.html")).unwrap();
    for name in ["payments", "billing", "web"] {
        assert!(home.contains(&format!("id=\"source-{name}\"")), "{name} card");
    }
    assert!(site.join("_site/sources/index.html").is_file());

    // One search over every source, each hit naming its source; `source:` narrows it.
    let hits = |q: &str| -> Vec<Value> {
        let out = adrsite(&site, &["search", ".", q, "--json", "--offline"]);
        assert!(out.status.success() || out.status.code() == Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap_or_default()
    };
    let every: Vec<String> = hits("record").iter().filter_map(|h| h["origin"].as_str().map(String::from)).collect();
    let cdn_hits = hits("images cdn");
    assert_eq!(cdn_hits.first().map(|h| h["origin"].clone()), Some(json!("shop")), "{cdn_hits:?}");
    // All four sources answer: the three repositories on one question, the published site on
    // another.
    for name in ["payments", "billing", "web"] {
        assert!(every.iter().any(|o| o == name), "a hit from {name}: {every:?}");
    }
    let billing = hits("source:billing record");
    assert!(!billing.is_empty() && billing.iter().all(|h| h["origin"] == "billing"), "{billing:?}");
    // And in the browser: the published search box, in headless Chromium.
    assert!(
        project("tests/browser/node_modules").is_dir(),
        "run `npm ci --prefix tests/browser` first (bash .ci/run does); this test drives Chromium"
    );
    let out = Command::new("node")
        .arg(project("tests/browser/search.mjs"))
        .arg(site.join("_site"))
        .arg("source:billing lean and structured")
        .arg("Use Markdown Architectural Decision Records")
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));

    // adrsite.lock records each fetched commit; a later commit is built only without --locked.
    let lock = std::fs::read_to_string(site.join("adrsite.lock")).unwrap();
    assert_eq!(lock.matches("[[source]]").count(), 4, "{lock}");
    std::fs::write(
        repos.join("billing/docs/adr/0003-archive-invoices.md"),
        "# Archive invoices\n\n* Status: proposed\n* Date: 2026-01-05\n",
    )
    .unwrap();
    git(&repos.join("billing"), &["add", "-A"], "2026-01-05T10:00:00Z");
    git(&repos.join("billing"), &["commit", "-qm", "Archive"], "2026-01-05T10:00:00Z");
    let out = adrsite(&site, &["build", "--today", TODAY, "--locked"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Built 9 documents"), "the locked commits");
    assert_eq!(std::fs::read_to_string(site.join("adrsite.lock")).unwrap(), lock, "--locked never rewrites the lock");
    let out = adrsite(&site, &["build", "--today", TODAY]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Built 10 documents"));
    assert_ne!(std::fs::read_to_string(site.join("adrsite.lock")).unwrap(), lock);

    // A source that stops answering: its last good copy is built, with a warning and a banner.
    std::fs::rename(repos.join("payments"), repos.join("payments-moved")).unwrap();
    let out = adrsite(&site, &["build", "--today", TODAY]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("adrsite.toml:4:1: warning[source-stale]: source `payments` could not be fetched"), "{err}");
    assert!(err.contains("Built 10 documents"), "{err}");
    let page = std::fs::read_to_string(site.join("_site/payments/adr/0002-use-postgresql-for-orders.html")).unwrap();
    assert!(page.contains("class=\"banner banner-stale-source\""), "the page says its copy is old");
    // Offline, the cached copies are read as they are, without a warning.
    let out = adrsite(&site, &["check", "--today", TODAY, "--offline"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("source-stale"));
}

/// Sources that cannot be read are reported where they are configured, and the others are
/// built: a folder that does not exist, a source whose own `adrsite.toml` is not TOML, and a name
/// this site's own collection already publishes under.
#[test]
fn sources_that_cannot_be_read_are_reported_and_the_rest_is_built() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    copy_tree(&project("tests/fixtures/round-trip/adr-tools"), &root.join("good"));
    copy_tree(&project("tests/fixtures/round-trip/madr"), &root.join("broken"));
    std::fs::write(root.join("broken/adrsite.toml"), "title = \"unclosed\n").unwrap();
    let site = root.join("org");
    copy_tree(&project("tests/fixtures/round-trip/front-matter"), &site);
    std::fs::write(
        site.join("adrsite.toml"),
        "[[sources]]\nname = \"good\"\npath = \"../good\"\n\n[[sources]]\nname = \"missing\"\npath = \"../nowhere\"\n\n[[sources]]\nname = \"broken\"\npath = \"../broken\"\n\n[[sources]]\nname = \"decisions\"\npath = \"../good\"\n",
    )
    .unwrap();
    let out = adrsite(&site, &["build", "--today", TODAY, "--no-git"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for expected in [
        "adrsite.toml:6:1: error[source-unavailable]: source `missing` cannot be read:",
        "adrsite.toml:10:1: error[source-unavailable]: source `broken` cannot be read: its adrsite.toml cannot be read",
        "adrsite.toml:14:1: error[source-unavailable]: source `decisions` cannot be read: its name is also the folder of this site's collection `decisions`",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    // The site's own two decisions and the good source's two.
    assert!(err.contains("Built 4 documents"), "{err}");
    assert!(site.join("_site/good/adr/0001-record-architecture-decisions.html").is_file());

    std::fs::write(site.join("adrsite.toml"), "sources = \"../good\"\n").unwrap();
    let out = adrsite(&site, &["check", "--today", TODAY, "--no-git"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("adrsite.toml:1:1: error[config]: `sources` is not a list of tables"), "{err}");
}
