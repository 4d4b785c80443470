//! `adrsite new` and `adrsite init` on the real binary: every built-in template, every corpus
//! numbering scheme, `--supersedes` and `--amends` editing both files, numbers kept unique across
//! git history, and `init` followed by a build in an empty repository and in a corpus copy.

use crate::support::{adrsite_in as adrsite, build, copy_tree, project};
use std::path::Path;
use std::process::Command;

/// Runs `adrsite new` in `dir`; returns the path it printed, relative to `dir`.
fn new(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["new", "--today", "2026-11-21", "--no-git"];
    all.extend(args);
    let out = adrsite(dir, &all);
    assert!(out.status.success(), "adrsite {all:?}: {}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8(out.stdout).unwrap().trim().to_string();
    printed.strip_prefix("./").unwrap_or(&printed).to_string()
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Ana Silva", "-c", "user.email=ana@example.org", "-c", "init.defaultBranch=trunk"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn corpus_copy(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&project("../shared/corpora").join(name), tmp.path());
    tmp
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
}

/// For each corpus scheme: the next file name, the dialect of its head, and what the site reads
/// back from the new document and the one it supersedes.
#[test]
fn new_follows_each_corpus_scheme_and_supersedes_in_both_files() {
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        // corpus, --supersedes, expected new path, expected head, superseded document
        (
            "adr-tools",
            "3",
            "doc/adr/0010-use-postgresql.md",
            "# 10. Use PostgreSQL\n\nDate: 2026-11-21\nDeciders: TBD\n\n## Status\n\nProposed\n\nSupersedes [3. Single command with subcommands](0003-single-command-with-subcommands.md)\n",
            "doc/adr/0003-single-command-with-subcommands.md",
        ),
        (
            "madr",
            "ADR-0013",
            "docs/decisions/0019-use-postgresql.md",
            // MADR's own adr-template.md, filled in: its comments kept, the fields added.
            "title: Use PostgreSQL\n\n# These are optional elements. Feel free to remove any of them.\n",
            "docs/decisions/0013-use-yaml-front-matter-for-meta-data.md",
        ),
        (
            "log4brains",
            "20201103-use-lunr-for-search",
            "docs/adr/20261121-use-postgresql.md",
            // Log4brains' own template.md, filled in.
            "# Use PostgreSQL\n\n- Status: proposed\n- Supersedes: [Use Lunr for search](20201103-use-lunr-for-search.md)\n- Deciders: [list everyone involved in the decision] <!-- optional -->\n- Date: 2026-11-21\n",
            "docs/adr/20201103-use-lunr-for-search.md",
        ),
        (
            "arachne-architecture",
            "ADR-004",
            "adr-018-use-postgresql.md",
            "# Architecture Decision Record: Use PostgreSQL\n\nDate: 2026-11-21\nDeciders: TBD\n\n## Status\n\nProposed\n\nSupersedes [ADR-004](adr-004-module-loading.md)\n",
            "adr-004-module-loading.md",
        ),
        (
            // NATS: `ADR-N.md` names without a slug, a template whose heading is `# Title`, and a
            // metadata table, which gains a `Supersedes` row.
            "nats-adr",
            "ADR-1",
            "adr/ADR-61.md",
            "# Use PostgreSQL\n\n| Metadata | Value",
            "adr/ADR-1.md",
        ),
    ];
    for (corpus, old_id, expected, head, old) in cases {
        let tmp = corpus_copy(corpus);
        let dir = tmp.path();
        let before = read(dir, old);
        let path = new(dir, &["adr", "Use PostgreSQL", "--supersedes", old_id]);
        assert_eq!(&path, expected, "{corpus}");
        let text = read(dir, &path);
        assert!(text.contains(head), "{corpus}: the head is in the corpus's dialect:\n{text}");
        if *corpus == "madr" {
            // Front matter names the other document by id: a Markdown link there is only a string.
            assert!(text.contains("status: proposed\ndate: 2026-11-21\nsupersedes: ADR-0013\n---\n"), "{text}");
            assert!(text.contains("\n# Use PostgreSQL\n"), "{text}");
        }

        // The old document changed in one place: its status line, or a status added to front
        // matter that had none.
        let after = read(dir, old);
        let status_line = after.lines().find(|l| l.to_lowercase().contains("superseded by ")).expect("a status");
        let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
        let changed: Vec<(&&str, &&str)> = b.iter().zip(&a).filter(|(x, y)| x != y).collect();
        let one_line_changed = a.len() == b.len() && changed.len() == 1;
        let one_line_added =
            a.len() == b.len() + 1 && a.iter().filter(|l| **l != status_line).copied().eq(b.iter().copied());
        assert!(one_line_changed || one_line_added, "{corpus}: {old} changed elsewhere:\n{after}");

        // The site reads both back: the new one proposed, the old one superseded by it.
        let site = build(dir);
        let doc = site.doc(&path);
        assert_eq!(doc["status"], "proposed", "{corpus}");
        assert_eq!(doc["title"], "Use PostgreSQL", "{corpus}");
        let old_doc = site.doc(old);
        assert_eq!(old_doc["status"], "superseded", "{corpus}");
        let successor = old_doc["relations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == "superseded-by")
            .unwrap_or_else(|| panic!("{corpus}: {old_doc}"))["target"]
            .clone();
        assert_eq!(successor, doc["id"], "{corpus}: the successor resolves to the new document");
    }
}

#[test]
fn amends_adds_a_link_to_both_files_and_keeps_the_status() {
    let tmp = corpus_copy("adr-tools");
    let dir = tmp.path();
    let path = new(dir, &["adr", "Write help in markdown", "--amends", "0009-help-scripts.md", "--status", "accepted"]);
    let text = read(dir, &path);
    assert!(text.contains("## Status\n\nAccepted\n\nAmends [9. Help scripts](0009-help-scripts.md)\n"), "{text}");
    let old = read(dir, "doc/adr/0009-help-scripts.md");
    // After the lines already in the status section, as adr-tools writes it.
    assert!(
        old.contains("Amends [5. Help comments](0005-help-comments.md)\n\nAmended by [10. Write help in markdown](0010-write-help-in-markdown.md)\n\n## Context"),
        "{old}"
    );
    let site = build(dir);
    assert_eq!(site.doc("doc/adr/0009-help-scripts.md")["status"], "accepted");
    let relations = site.doc(&path)["relations"].to_string();
    assert!(relations.contains("amends"), "{relations}");
}

/// A number that existed in the folder's history is never given out again, even when its file
/// was deleted.
#[test]
fn numbers_from_git_history_are_not_reused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let adr = dir.join("docs/adr");
    std::fs::create_dir_all(&adr).unwrap();
    for (n, name) in [(1, "use-x"), (2, "use-y"), (3, "use-z")] {
        std::fs::write(adr.join(format!("{n:04}-{name}.md")), format!("# {n}. {name}\n\n## Status\n\nAccepted\n"))
            .unwrap();
    }
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "three"]);
    git(dir, &["rm", "-q", "docs/adr/0003-use-z.md"]);
    git(dir, &["commit", "-qm", "drop three"]);
    let out = adrsite(dir, &["new", "adr", "Use W", "--today", "2026-11-21"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "./docs/adr/0004-use-w.md");
    // Without git only the files count.
    assert_eq!(new(dir, &["adr", "Use V"]), "docs/adr/0004-use-v.md".replace("0004", "0005"));
}

/// Every built-in template in a site that has none of the kinds yet: the file, its content
/// (snapshot) and what the site reads from it.
#[test]
fn every_built_in_template() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let cases = [
        ("adr", "Use PostgreSQL", "docs/decisions/0001-use-postgresql.md"),
        // Beside the decisions, under docs/, once it exists.
        ("rfc", "Parcel webhooks", "docs/rfcs/0001-parcel-webhooks.md"),
        ("handbook", "On-call rotation", "docs/handbook/on-call-rotation.md"),
        ("standup", "Ana", "docs/standups/2026-11-21-ana.md"),
        ("meeting", "Weekly planning", "docs/standups/2026-11-21-weekly-planning.md"),
    ];
    for (kind, title, expected) in cases {
        let path = new(dir, &[kind, title, "--tag", "platform"]);
        assert_eq!(path, expected);
        insta::assert_snapshot!(format!("template_{kind}"), read(dir, &path));
    }
    let site = build(dir);
    assert!(site.report.diagnostics.iter().all(|d| d.severity != adrsite::diagnostic::Severity::Error));
    let adr = site.doc("docs/decisions/0001-use-postgresql.md");
    assert_eq!(
        (adr["kind"].as_str(), adr["status"].as_str(), adr["date"].as_str()),
        (Some("adr"), Some("proposed"), Some("2026-11-21"))
    );
    assert_eq!(adr["tags"][0], "platform");
    let rfc = site.doc("docs/rfcs/0001-parcel-webhooks.md");
    assert_eq!((rfc["kind"].as_str(), rfc["status"].as_str()), (Some("rfc"), Some("draft")));
    assert_eq!(rfc["dates"]["deadline"], "2026-12-05");
    assert_eq!(rfc["dates"]["comments_by"], "2026-11-28");
    let page = site.doc("docs/handbook/on-call-rotation.md");
    assert_eq!(page["kind"], "handbook");
    assert_eq!(page["dates"]["last_reviewed"], "2026-11-21");
    assert_eq!(page["dates"]["review_every"], "6 months");
    let meeting = site.doc("docs/standups/2026-11-21-weekly-planning.md");
    assert_eq!((meeting["kind"].as_str(), meeting["date"].as_str()), (Some("standup"), Some("2026-11-21")));
    let standups: serde_json::Value = serde_json::from_str(&site.file("api/standups.json")).unwrap();
    assert!(standups["actions"].to_string().contains("2026-12-05"), "the action item's due date is read: {standups}");
}

#[test]
fn new_explains_what_it_cannot_do() {
    let tmp = corpus_copy("log4brains");
    let dir = tmp.path();
    let out = adrsite(dir, &["new", "adrr", "X", "--no-git"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`adrr` is neither a kind nor a collection") && err.contains("did you mean `adr`"), "{err}");
    let out = adrsite(dir, &["new", "adr", "X", "--supersedes", "ADR-9999", "--no-git"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document is `ADR-9999`"));
    assert!(
        !dir.join("docs/adr").read_dir().unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains("-x.md")),
        "nothing written on error"
    );
    // Another collection of the kind is chosen by its folder.
    assert_eq!(new(dir, &["packages/core/docs/adr", "Use Y"]), "packages/core/docs/adr/20261121-use-y.md");
}

fn workflow_uses(yaml: &str) -> Vec<String> {
    let v: yaml_serde::Value = yaml_serde::from_str(yaml).expect("the workflow is valid YAML");
    let mut uses = Vec::new();
    for (_, job) in v["jobs"].as_mapping().expect("jobs") {
        for step in job["steps"].as_sequence().expect("steps") {
            if let Some(u) = step["uses"].as_str() {
                uses.push(u.split('@').next().unwrap().to_string());
            }
        }
    }
    uses
}

#[test]
fn init_in_an_empty_repository_then_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, &["init", "-q"]);
    git(dir, &["remote", "add", "origin", "git@github.com:parcelwise/decisions.git"]);
    let out = adrsite(dir, &["init", "--today", "2026-11-21"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for f in [
        "adrsite.toml",
        ".gitignore",
        ".github/workflows/adrsite.yml",
        "docs/decisions/0001-record-architecture-decisions.md",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    for t in ["adr", "rfc", "handbook", "standup", "meeting"] {
        assert!(dir.join(format!(".adrsite/templates/{t}.md")).is_file(), "{t} template");
    }
    let toml = read(dir, "adrsite.toml");
    assert!(toml.contains("repository = \"https://github.com/parcelwise/decisions\"\nbranch = \"trunk\""), "{toml}");
    let workflow = read(dir, ".github/workflows/adrsite.yml");
    let uses = workflow_uses(&workflow);
    for action in ["actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"] {
        assert!(uses.iter().any(|u| u == action), "{action} in {uses:?}");
    }
    assert!(workflow.contains("fetch-depth: 0") && workflow.contains("branches: [trunk]"), "{workflow}");
    assert!(workflow.contains("base-url: ${{ steps.pages.outputs.base_url }}"), "{workflow}");
    // The adrsite action of the release that wrote the file: no compile on the runner.
    let pinned = format!("uses: adrsite/adrsite@v{}\n", env!("CARGO_PKG_VERSION"));
    assert_eq!(workflow.matches(&pinned).count(), 2, "{workflow}");
    assert!(!workflow.contains("cargo install"), "{workflow}");
    // GitHub's own workflow schema accepts it.
    let validator = project("tests/browser/node_modules/.bin/action-validator");
    assert!(validator.is_file(), "run `npm ci --prefix tests/browser` first (bash .ci/run does)");
    let checked = Command::new(validator).arg(dir.join(".github/workflows/adrsite.yml")).output().unwrap();
    assert!(
        checked.status.success() && checked.stdout.is_empty(),
        "the workflow fails GitHub's schema: {}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
    assert_eq!(read(dir, ".gitignore"), "# adrsite: the built site and the search cache\n/_site/\n/.adrsite-cache/\n");

    // Nothing is replaced a second time, unless forced.
    std::fs::write(dir.join("adrsite.toml"), "title = \"Ours\"\n").unwrap();
    let again = adrsite(dir, &["init", "--today", "2026-11-21"]);
    assert!(again.status.success());
    assert_eq!(read(dir, "adrsite.toml"), "title = \"Ours\"\n");
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("kept ./adrsite.toml"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(read(dir, ".gitignore").matches("/_site/").count(), 1, ".gitignore lines are not repeated");
    assert!(adrsite(dir, &["init", "--force", "--today", "2026-11-21"]).status.success());
    assert!(read(dir, "adrsite.toml").contains("# [[collections]]\n# path = \"docs/decisions\"\n# kind = \"adr\""));

    // The first build: the first decision, accepted, edit links on the detected branch.
    let built = adrsite(dir, &["build", "--today", "2026-11-21", "--strict"]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let page = read(dir, "_site/decisions/0001-record-architecture-decisions.html");
    assert!(
        page.contains(
            "https://github.com/parcelwise/decisions/edit/trunk/docs/decisions/0001-record-architecture-decisions.md"
        ),
        "edit link"
    );
    // The next decision comes from the template init wrote.
    std::fs::write(
        dir.join(".adrsite/templates/adr.md"),
        "---\nstatus: {{ status }}\n---\n# {{ title }}\n\nOur own template.\n",
    )
    .unwrap();
    let path = new(dir, &["adr", "Use Z"]);
    assert_eq!(path, "docs/decisions/0002-use-z.md");
    assert_eq!(read(dir, &path), "---\nstatus: proposed\n---\n# Use Z\n\nOur own template.\n");
}

#[test]
fn init_in_a_corpus_copy_keeps_its_dialect() {
    let tmp = corpus_copy("adr-tools");
    let dir = tmp.path();
    let out = adrsite(dir, &["init", "--today", "2026-11-21", "--no-git"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!dir.join("docs/decisions").exists(), "an existing decision log is used, not a new one");
    let toml = read(dir, "adrsite.toml");
    assert!(toml.contains("# path = \"doc/adr\"\n# kind = \"adr\""), "{toml}");
    let template = read(dir, ".adrsite/templates/adr.md");
    assert!(
        template.starts_with("# {{ number_short }}. {{ title }}\n\nDate: {{ date }}\n"),
        "adr-tools style: {template}"
    );
    let uses = workflow_uses(&read(dir, ".github/workflows/adrsite.yml"));
    // check: checkout, adrsite; build: checkout, configure-pages, adrsite, upload; deploy.
    assert_eq!(uses.len(), 7, "{uses:?}");
    let site = build(dir);
    assert_eq!(site.docs_json()["documents"].as_array().unwrap().len(), 9, "templates are not documents");
    let path = new(dir, &["adr", "Use PostgreSQL"]);
    assert!(read(dir, &path).starts_with("# 10. Use PostgreSQL\n\nDate: 2026-11-21\n"));
}

/// The README's Pages section shows exactly the workflow `init` writes.
#[test]
fn the_readme_shows_the_workflow_init_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, &["init", "-q", "-b", "main"]);
    assert!(adrsite(dir, &["init", "--today", "2026-11-21"]).status.success());
    let workflow = read(dir, ".github/workflows/adrsite.yml");
    let readme = std::fs::read_to_string(project("README.md")).unwrap();
    assert!(
        readme.contains(&format!("```yaml\n{workflow}```")),
        "README.md must show the workflow `adrsite init` writes:\n{workflow}"
    );
}

/// A site that lists its collections gets the new folder listed too, or the document would not
/// be read.
#[test]
fn a_new_collection_is_added_to_a_configured_site() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("adr")).unwrap();
    std::fs::write(dir.join("adr/0001-use-x.md"), "# 1. Use X\n\n## Status\n\nAccepted\n").unwrap();
    std::fs::write(dir.join("adrsite.toml"), "title = \"T\"\n\n[[collections]]\npath = \"adr\"\nkind = \"adr\"\n")
        .unwrap();
    let path = new(dir, &["rfc", "Parcel webhooks"]);
    assert_eq!(path, "rfcs/0001-parcel-webhooks.md");
    assert_eq!(
        read(dir, "adrsite.toml"),
        "title = \"T\"\n\n[[collections]]\npath = \"adr\"\nkind = \"adr\"\n\n[[collections]]\npath = \"rfcs\"\nkind = \"rfc\"\n"
    );
    assert_eq!(build(dir).doc(&path)["kind"], "rfc");
}

/// Documents in a folder of the repository: the workflow still goes to the repository's top and
/// builds that folder into the `_site` the upload step publishes.
#[test]
fn init_in_a_folder_of_the_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, &["init", "-q", "-b", "main"]);
    std::fs::create_dir_all(dir.join("docs/adr")).unwrap();
    std::fs::write(dir.join("docs/adr/0001-use-x.md"), "# 1. Use X\n\nDate: 2026-01-02\n\n## Status\n\nAccepted\n")
        .unwrap();
    let out = adrsite(dir, &["init", "docs", "--today", "2026-11-21"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.join("docs/adrsite.toml").is_file() && dir.join("docs/.gitignore").is_file());
    let workflow = read(dir, ".github/workflows/adrsite.yml");
    assert!(workflow.contains("command: build\n          directory: docs\n          out: _site\n"), "{workflow}");
    assert!(!dir.join("docs/.github").exists());
    assert!(!dir.join("docs/docs/decisions").exists(), "docs/adr is the decision log");
}

/// A collection with its own template keeps it: `init` writes no adrsite template for that kind,
/// and `new` fills the collection's one in.
#[test]
fn init_keeps_a_collections_own_template() {
    let tmp = corpus_copy("compliantkubernetes-adr");
    let dir = tmp.path();
    let out = adrsite(dir, &["init", "--today", "2026-11-21", "--no-git"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("note: `adrsite new adr` fills in the collection's own template, docs/adr/template.md"),
        "{err}"
    );
    assert!(!dir.join(".adrsite/templates/adr.md").exists());
    assert!(dir.join(".adrsite/templates/rfc.md").exists());
    let path = new(dir, &["adr", "Use Thanos"]);
    assert_eq!(path, "docs/adr/0057-use-thanos.md");
    let text = read(dir, &path);
    assert!(text.starts_with("# Use Thanos\n\n- Status: proposed\n- Deciders: [list everyone involved in the decision] <!-- optional -->\n- Date: 2026-11-21\n"), "{text}");
    assert!(text.contains("## Context and Problem Statement"), "the template's sections: {text}");
}
