//! `adrsite digest` on the real binary: the window (a day or a length back from today), each
//! format, links to the published pages, and git's first day for a document that states none.

use crate::support::project;
use std::path::Path;
use std::process::Command;

fn digest(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_adrsite"))
        .arg("digest")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_example_sites_digest_for_two_windows_and_three_formats() {
    let site = project("example-site");
    let (code, md, err) = digest(&site, &["--today", "2026-11-21", "--since", "30d", "--no-git"]);
    assert_eq!(code, 0, "{err}");
    assert!(md.starts_with("# Parcelwise decisions digest: 2026-10-22 to 2026-11-21\n"), "{md}");
    assert!(
        md.contains("## Decided (1)\n\n- ADR-0015 Render shipping labels on demand: accepted, 2026-11-02\n"),
        "{md}"
    );
    assert!(md.contains("## Needs attention (6)"), "{md}");
    assert!(md.contains("## Overdue action items (1)\n\n- Ben Okafor — 2026-11-09: @ben: draft the webhook retry policy, due 2026-11-13\n"), "{md}");
    // A window that starts after ADR-0015: nothing decided in it.
    let (_, later, _) = digest(&site, &["--today", "2026-11-21", "--since", "2026-11-10", "--no-git"]);
    assert!(
        later.starts_with("# Parcelwise decisions digest: 2026-11-10 to 2026-11-21\n") && !later.contains("## Decided"),
        "{later}"
    );
    // Slack, linked to the published site.
    let (_, slack, _) = digest(
        &site,
        &[
            "--today",
            "2026-11-21",
            "--since",
            "30d",
            "--no-git",
            "--format",
            "slack",
            "--base-url",
            "https://parcelwise.github.io/decisions/",
        ],
    );
    assert!(
        slack.contains("• <https://parcelwise.github.io/decisions/decisions/0015-render-shipping-labels-on-demand.html|ADR-0015 Render shipping labels on demand>: accepted, 2026-11-02\n"),
        "{slack}"
    );
    // JSON, for anything else.
    let (_, json, _) = digest(&site, &["--today", "2026-11-21", "--since", "2w", "--no-git", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!((v["from"].as_str(), v["to"].as_str()), (Some("2026-11-07"), Some("2026-11-21")));
    assert_eq!(v["blockers"][0]["date"], "2026-11-10", "open since its first mention");
    // A window that makes no sense is refused, with a hint.
    let (code, _, err) = digest(&site, &["--today", "2026-11-21", "--since", "soon"]);
    assert_eq!(code, 2);
    assert!(err.contains("`--since soon` is neither a date nor a length") && err.contains("help:"), "{err}");
}

/// A decision that states no date counts on the day git first saw it; a proposal carries its
/// deadline.
#[test]
fn git_dates_a_decision_that_states_none() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let git = |args: &[&str], date: &str| {
        let ok = Command::new("git")
            .current_dir(dir)
            .args(["-c", "user.name=Ana", "-c", "user.email=ana@example.org", "-c", "init.defaultBranch=main"])
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .unwrap();
        assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    };
    std::fs::create_dir_all(dir.join("docs/decisions")).unwrap();
    std::fs::write(dir.join("docs/decisions/0001-use-x.md"), "# Use X\n\n## Status\n\nAccepted\n").unwrap();
    git(&["init", "-q"], "2026-10-01T10:00:00Z");
    git(&["add", "-A"], "2026-10-01T10:00:00Z");
    git(&["commit", "-qm", "x"], "2026-10-01T10:00:00Z");
    std::fs::write(dir.join("docs/decisions/0002-use-y.md"), "# Use Y\n\n## Status\n\nAccepted\n").unwrap();
    std::fs::write(
        dir.join("docs/decisions/0003-use-z.md"),
        "---\nstatus: proposed\ndecision-deadline: 2026-12-04\n---\n# Use Z\n",
    )
    .unwrap();
    git(&["add", "-A"], "2026-11-24T10:00:00Z");
    git(&["commit", "-qm", "y and z"], "2026-11-24T10:00:00Z");
    let (code, md, err) = digest(dir, &["--today", "2026-11-27"]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("## Decided (1)\n\n- ADR-0002 Use Y: accepted, 2026-11-24\n"), "{md}");
    assert!(
        md.contains(
            "## New proposals awaiting a decision (1)\n\n- ADR-0003 Use Z: proposed, decide by 2026-12-04, 2026-11-24\n"
        ),
        "{md}"
    );
    assert!(!md.contains("Use X"), "decided before the window: {md}");
}

/// The site's weekly digest: an index of weeks, a page per week with what was decided and
/// proposed, and an Atom feed that a feed reader reads, every link resolving.
#[test]
fn the_site_has_a_page_per_week_and_a_feed() {
    let site = crate::support::build(&project("example-site"));
    let index = site.file("digest/index.html");
    assert!(index.contains("href=\"../digest/2026-w45.html\">Week 45, 2026</a>"), "{index}");
    assert!(index.contains("2026-11-02 to 2026-11-08: 1 decided, 0 proposed"), "{index}");
    let week = site.file("digest/2026-w45.html");
    assert!(week.contains("href=\"../decisions/0015-render-shipping-labels-on-demand.html\""), "{week}");
    let feed = atom_syndication::Feed::read_from(site.file("digest/feed.xml").as_bytes()).expect("an Atom feed");
    assert_eq!(feed.entries()[0].title().as_str(), "Week 45, 2026: 1 decided, 0 proposed");
    assert!(site.file("index.html").contains("href=\"digest/index.html\">Weekly digest</a>"));
    assert_eq!(crate::support::unresolved_relative_urls(&site.out), Vec::<String>::new());
}
