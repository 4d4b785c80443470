//! Attention rules on fixture sites: exactly the expected findings, on the pages, on the
//! Needs-attention page, in `api/attention.json`, and through `adrsite check`.

use crate::support::{build, copy_tree, fixture};
use assert_cmd::Command;
use std::path::Path;

fn findings(site: &crate::support::Built) -> Vec<String> {
    site.report.diagnostics.iter().map(|d| format!("{} {}:{}", d.code.as_str(), d.path, d.line)).collect()
}

#[test]
fn one_finding_per_rule_and_nothing_else() {
    let site = build(&fixture("attention"));
    assert_eq!(
        findings(&site),
        [
            "contradiction decisions/0001-old-choice.md:2",
            "missing-successor decisions/0003-lost-successor.md:7",
            "revisit-due decisions/0004-revisit.md:5",
            "stagnant decisions/0005-stagnant.md:2",
            "broken-link decisions/0006-broken-link.md:7",
            "duplicate-id decisions/0006-duplicate.md:1",
            "unknown-status decisions/0007-unknown-status.md:2",
            "review-overdue handbook/overdue.md:4",
            "deadline-passed rfcs/0001-deadline.md:5",
        ]
    );
    insta::assert_yaml_snapshot!("attention_diagnostics", site.report.diagnostics);
}

#[test]
fn a_clean_site_has_no_findings() {
    let site = build(&fixture("clean"));
    assert_eq!(findings(&site), Vec::<String>::new());
    let json: serde_json::Value = serde_json::from_str(&site.file("api/attention.json")).unwrap();
    assert_eq!(json["findings"], serde_json::json!([]));
    assert!(site.file("attention/index.html").contains("Nothing needs attention"));
}

#[test]
fn findings_show_on_pages_the_attention_page_and_the_api() {
    let site = build(&fixture("attention"));
    let page = site.file("handbook/overdue.html");
    assert!(
        page.contains("<strong>Needs attention:</strong> due for review since 2026-04-02 (owner: @ana); last reviewed 2026-01-02, every 90 days."),
        "calm banner with date and owner"
    );
    insta::assert_snapshot!("attention_page", site.main_html("attention/index.html"));
    let index = site.file("rfcs/index.html");
    assert!(index.contains("<span class=\"flag\">deadline passed</span>"), "overdue RFCs are flagged in indexes");
    let home = site.file("index.html");
    assert!(
        home.contains("attention/index.html#deadline-passed\">Decision deadline passed</a> 1"),
        "home links the counts"
    );

    let json: serde_json::Value = serde_json::from_str(&site.file("api/attention.json")).unwrap();
    assert_eq!(json["today"], "2026-11-21");
    assert_eq!(json["counts"]["review-overdue"], 1);
    let f = json["findings"].as_array().unwrap().iter().find(|f| f["code"] == "review-overdue").unwrap();
    assert_eq!(
        (f["source"].as_str(), f["line"].as_u64(), f["since"].as_str(), f["owner"].as_str()),
        (Some("handbook/overdue.md"), Some(4), Some("2026-04-02"), Some("@ana"))
    );
}

#[test]
fn severities_are_configurable() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    copy_tree(&fixture("attention"), &dir);
    let config = std::fs::read_to_string(dir.join("adrsite.toml")).unwrap();
    std::fs::write(
        dir.join("adrsite.toml"),
        config.replace(
            "[attention]\n",
            "[attention]\nseverity = { stagnant = \"off\", deadline-passed = \"error\", review-overdue = \"info\" }\n",
        ),
    )
    .unwrap();
    let site = build(&dir);
    let codes: Vec<(&str, &str)> =
        site.report.diagnostics.iter().map(|d| (d.code.as_str(), d.severity.as_str())).collect();
    assert!(!codes.iter().any(|(c, _)| *c == "stagnant"));
    assert!(codes.contains(&("deadline-passed", "error")));
    assert!(codes.contains(&("review-overdue", "info")));
    assert!(!site.file("decisions/0005-stagnant.html").contains("Needs attention:"), "off means off on the site too");
}

#[test]
fn check_strict_and_github_annotations() {
    let run = |dir: &Path, extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_adrsite"))
            .args(["check", "--no-git", "--today", "2026-11-21"])
            .args(extra)
            .arg(dir)
            .env("CI", "true")
            .output()
            .unwrap()
    };
    assert_eq!(run(&fixture("attention"), &["--strict"]).status.code(), Some(1));
    assert_eq!(run(&fixture("attention"), &[]).status.code(), Some(0));
    assert_eq!(run(&fixture("clean"), &["--strict"]).status.code(), Some(0));
    let out = Command::new(env!("CARGO_BIN_EXE_adrsite"))
        .args(["check", "--no-git", "--today", "2026-11-21", "--message-format", "github"])
        .current_dir(fixture("attention"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("attention_github", stdout);
}

fn git(dir: &Path, args: &[&str], date: &str, author: &str) {
    let status = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", format!("{date}T12:00:00Z"))
        .env("GIT_COMMITTER_DATE", format!("{date}T12:00:00Z"))
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", "a@example.org")
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", "a@example.org")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn git_dates_come_from_one_log_pass_and_shallow_clones_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(repo.join("docs/handbook")).unwrap();
    git(&repo, &["init", "-q", "-b", "main"], "2025-01-01", "Ana");
    std::fs::write(repo.join("docs/handbook/page.md"), "# Page\n\nFirst version.\n").unwrap();
    std::fs::write(repo.join("docs/handbook/other.md"), "# Other\n").unwrap();
    git(&repo, &["add", "."], "2025-01-10", "Ana");
    git(&repo, &["commit", "-q", "-m", "first"], "2025-01-10", "Ana");
    std::fs::write(repo.join("docs/handbook/page.md"), "# Page\n\nSecond version.\n").unwrap();
    git(&repo, &["commit", "-q", "-am", "second"], "2025-03-01", "Ben");
    std::fs::write(repo.join("docs/handbook/other.md"), "# Other\n\nNew.\n").unwrap();
    git(&repo, &["commit", "-q", "-am", "third"], "2026-11-01", "Chloe");

    let mut opts = adrsite::BuildOptions::new(repo.join("docs"), crate::support::today());
    opts.out = Some(tmp.path().join("out"));
    opts.cache_dir = Some(tmp.path().join("cache"));
    let report = adrsite::build(&opts).unwrap();
    let docs: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("out/api/docs.json")).unwrap()).unwrap();
    let page = docs["documents"].as_array().unwrap().iter().find(|d| d["source"] == "handbook/page.md").unwrap();
    assert_eq!(page["git"], serde_json::json!({"created": "2025-01-10", "changed": "2025-03-01", "author": "Ben"}));
    // No review metadata: the last commit counts, 180 days by default.
    let overdue: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "review-overdue")
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect();
    assert_eq!(
        overdue,
        [
            "handbook/page.md: due for review since 2025-08-28 (no owner named); no review date, last changed 2025-03-01 (git), every 180 days"
        ]
    );
    let html = std::fs::read_to_string(tmp.path().join("out/handbook/page.html")).unwrap();
    assert!(html.contains("<dt>Last changed</dt>\n        <dd>2025-03-01 by Ben</dd>"), "git dates on the page");
    assert!(report.notes.is_empty());

    // A shallow clone: one warning, and git dates are not trusted.
    let clone = tmp.path().join("clone");
    git(
        tmp.path(),
        &["clone", "-q", "--depth", "1", &format!("file://{}", repo.display()), "clone"],
        "2026-11-01",
        "Ana",
    );
    let mut opts = adrsite::BuildOptions::new(clone.join("docs"), crate::support::today());
    opts.out = Some(tmp.path().join("out2"));
    opts.cache_dir = Some(tmp.path().join("cache2"));
    let report = adrsite::build(&opts).unwrap();
    let shallow: Vec<&adrsite::diagnostic::Diagnostic> =
        report.diagnostics.iter().filter(|d| d.code.as_str() == "shallow-clone").collect();
    assert_eq!(shallow.len(), 1);
    assert!(shallow[0].help.as_deref().unwrap().contains("fetch-depth: 0"));
    assert!(!report.diagnostics.iter().any(|d| d.code.as_str() == "review-overdue"), "no dates from a shallow clone");

    // Outside a repository: a note, said once, and metadata dates still work.
    let plain = tmp.path().join("plain");
    copy_tree(&fixture("attention"), &plain);
    let mut opts = adrsite::BuildOptions::new(&plain, crate::support::today());
    opts.out = Some(tmp.path().join("out3"));
    opts.cache_dir = Some(tmp.path().join("cache3"));
    let report = adrsite::build(&opts).unwrap();
    assert_eq!(report.notes.len(), 1, "{:?}", report.notes);
    assert!(report.notes[0].contains("not a git repository"));
    assert!(report.diagnostics.iter().any(|d| d.code.as_str() == "review-overdue"));
}
