//! The real binary: exit codes, message formats and the summary line.

use crate::support::{copy_tree, fixture, project};
use assert_cmd::Command;

fn adrsite() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_adrsite"));
    cmd.env_remove("SOURCE_DATE_EPOCH").env("CI", "true");
    cmd
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn example_site_builds_with_no_warning() {
    let tmp = tempfile::tempdir().unwrap();
    // `--no-git`: a shallow CI clone would rightly add a `shallow-clone` warning.
    let out = adrsite()
        .args(["build", "--no-git", "--today", "2026-11-21", "--cache-dir"])
        .arg(tmp.path().join("cache"))
        .arg("-o")
        .arg(tmp.path().join("t"))
        .arg(project("example-site"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("0 warnings, 0 errors (8 info)"), "the example's findings are on purpose, at info: {err}");
    assert!(err.contains("info[contradiction]"), "{err}");
    assert!(err.contains("Built 36 documents into "), "{err}");
}

#[test]
fn content_errors_exit_1_and_still_write_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("t");
    let out =
        adrsite().args(["build", "--today", "2026-11-21", "-o"]).arg(&site).arg(fixture("bad-input")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let dir = fixture("bad-input").display().to_string();
    assert!(err.contains(&format!("{dir}/docs/adr/0001-broken-yaml.md:3:9:")), "{err}");
    assert!(err.contains("error[front-matter]: front matter is not valid YAML"), "{err}");
    assert!(
        err.contains("warning[unknown-status]: unknown status `Imlpemented`\n  = help: did you mean `implemented`?"),
        "{err}"
    );
    assert!(site.join("adr/0001-broken-yaml.html").is_file());
}

#[test]
fn strict_fails_on_warnings_only() {
    let tmp = tempfile::tempdir().unwrap();
    let clean = adrsite().args(["check", "--strict", "--today", "2026-11-21"]).arg(fixture("clean")).output().unwrap();
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    let dir = tmp.path().join("d");
    copy_tree(&fixture("clean"), &dir);
    std::fs::write(dir.join("decisions/0003-broken.md"), "---\nstatus: accepted\n---\n# Broken\n\n[x](nope.md)\n")
        .unwrap();
    let lenient = adrsite().args(["check", "--today", "2026-11-21"]).arg(&dir).output().unwrap();
    assert_eq!(lenient.status.code(), Some(0));
    let strict = adrsite().args(["check", "--strict", "--today", "2026-11-21"]).arg(&dir).output().unwrap();
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        stderr(&strict)
            .contains("decisions/0003-broken.md:6:1: warning[broken-link]: link target `nope.md` does not exist"),
        "{}",
        stderr(&strict)
    );
}

#[test]
fn check_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    copy_tree(&fixture("clean"), &dir);
    let out = adrsite().arg("check").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("\nChecked 2 documents in "), "{}", stderr(&out));
    assert!(!dir.join("_site").exists());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn json_and_github_formats() {
    let out = adrsite().args(["check", "--message-format", "json"]).arg(fixture("bad-input")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> =
        stdout.lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect();
    assert!(!lines.is_empty());
    for l in &lines {
        for key in ["severity", "code", "path", "line", "column", "message"] {
            assert!(l.get(key).is_some(), "{key} in {l}");
        }
    }
    assert!(lines.iter().any(|l| l["code"] == "duplicate-id"));

    let out =
        adrsite().args(["check", "--message-format", "github"]).current_dir(fixture("bad-input")).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().any(|l| l.starts_with("::error file=docs/adr/0001-broken-yaml.md,line=3,col=")), "{stdout}");
    assert!(stdout.lines().all(|l| l.starts_with("::warning ") || l.starts_with("::error ")), "{stdout}");
}

#[test]
fn usage_and_configuration_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let bad_date = adrsite().args(["build", "--today", "21/11/2026"]).arg(fixture("clean")).output().unwrap();
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(stderr(&bad_date).contains("is not a date; write it as YYYY-MM-DD"));

    let missing = adrsite().args(["check"]).arg(tmp.path().join("nope")).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("is not a directory"), "{}", stderr(&missing));

    let dir = tmp.path().join("d");
    copy_tree(&fixture("clean"), &dir);
    let into_sources = adrsite().args(["build", "-o"]).arg(&dir).arg(&dir).output().unwrap();
    assert_eq!(into_sources.status.code(), Some(2));
    assert!(stderr(&into_sources).contains("refusing to write the site into"), "{}", stderr(&into_sources));

    std::fs::write(dir.join("adrsite.toml"), "title = \"x\"\n[[collections]\n").unwrap();
    let broken = adrsite().arg("check").arg(&dir).output().unwrap();
    assert_eq!(broken.status.code(), Some(2));
    assert!(stderr(&broken).contains("adrsite.toml:2:"), "{}", stderr(&broken));

    let unknown_flag = adrsite().args(["build", "--frobnicate"]).output().unwrap();
    assert_eq!(unknown_flag.status.code(), Some(2));

    let typo = tmp.path().join("typo");
    copy_tree(&fixture("clean"), &typo);
    std::fs::write(typo.join("adrsite.toml"), "[[collections]]\npath = \"decison\"\nkind = \"adr\"\n").unwrap();
    let mistyped = adrsite().arg("check").arg(&typo).output().unwrap();
    assert_eq!(mistyped.status.code(), Some(2), "a mistyped collection is not an empty site");
    assert!(stderr(&mistyped).contains("collection folder `decison` does not exist"), "{}", stderr(&mistyped));
    assert!(stderr(&mistyped).contains("did you mean `decisions`?"), "{}", stderr(&mistyped));

    let relative = adrsite().args(["build", "--base-url", "docs/site"]).arg(fixture("clean")).output().unwrap();
    assert_eq!(relative.status.code(), Some(2));
    assert!(stderr(&relative).contains("`docs/site` is not an absolute URL"), "{}", stderr(&relative));
}

#[test]
fn source_date_epoch_is_today() {
    let out = adrsite().arg("check").arg(fixture("clean")).env("SOURCE_DATE_EPOCH", "not-a-number").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("SOURCE_DATE_EPOCH"));
    let out = adrsite().arg("check").arg(fixture("clean")).env("SOURCE_DATE_EPOCH", "1763683200").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn quiet_prints_only_errors() {
    let out = adrsite().args(["check", "-q"]).arg(fixture("bad-input")).output().unwrap();
    let err = stderr(&out);
    assert!(err.contains("error[front-matter]"));
    assert!(!err.contains("warning["), "{err}");
    assert!(!err.contains("Checked"), "{err}");
}

#[test]
fn an_unwritable_cache_falls_back_to_a_temporary_directory_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    // A file where the cache directory should be: no user, root included, can create it.
    let blocked = tmp.path().join("cache");
    std::fs::write(&blocked, "not a directory").unwrap();
    let out = adrsite()
        .args(["build", "--no-git", "--today", "2026-11-21", "--cache-dir"])
        .arg(&blocked)
        .arg("-o")
        .arg(tmp.path().join("out"))
        .arg(fixture("clean"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("cannot be written") && err.contains("using ") && err.contains("--cache-dir"), "{err}");
    assert!(tmp.path().join("out/search/manifest.json").is_file(), "the site, search included, is still built");
    let search = adrsite()
        .args(["search", "--no-git", "--json", "--cache-dir"])
        .arg(&blocked)
        .arg(fixture("clean"))
        .arg("first")
        .output()
        .unwrap();
    assert_eq!(search.status.code(), Some(0), "{}", stderr(&search));
    assert!(stderr(&search).contains("cannot be written"), "{}", stderr(&search));
}

#[test]
fn an_empty_site_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "not Markdown").unwrap();
    let out = adrsite().args(["check", "--no-git"]).arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("warning[empty-site]: no documents were found"), "{}", stderr(&out));
    let strict = adrsite().args(["check", "--no-git", "--strict"]).arg(tmp.path()).output().unwrap();
    assert_eq!(strict.status.code(), Some(1), "--strict fails on it");
}

#[test]
fn decisions_in_another_markup_language_are_named_not_silently_left_out() {
    let tmp = tempfile::tempdir().unwrap();
    let adr = tmp.path().join("docs/decisions");
    std::fs::create_dir_all(&adr).unwrap();
    std::fs::write(adr.join("0001-purpose.rst"), "Purpose\n=======\n\nStatus\n------\n\nAccepted\n").unwrap();
    std::fs::write(adr.join("0002-naming.rst"), "Naming\n======\n").unwrap();
    let out = adrsite().args(["check", "--no-git", "-v"]).arg(tmp.path()).output().unwrap();
    let err = stderr(&out);
    assert!(err.contains("help: 2 files here are reStructuredText (`docs/decisions/0001-purpose.rst`, …)"), "{err}");
    assert!(err.contains("it reads Markdown"), "{err}");
    assert!(err.contains("skipped docs/decisions/0002-naming.rst: written in a markup language"), "{err}");
    // Beside Markdown documents, the summary counts them.
    std::fs::write(tmp.path().join("README.md"), "# Decisions\n").unwrap();
    let out = adrsite().args(["check", "--no-git"]).arg(tmp.path()).output().unwrap();
    assert!(stderr(&out).contains("2 files in reStructuredText are not read"), "{}", stderr(&out));
}

/// `--version` names the release and the commit it was built from: this checkout's HEAD when
/// built from one.
#[test]
fn version_names_the_release_and_the_commit() {
    let out = adrsite().arg("--version").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let re = regex::Regex::new(r"^adrsite (\d+\.\d+\.\d+\S*) \(commit ([0-9a-f]{12}|unknown)\)\n$").unwrap();
    let caps = re.captures(&text).unwrap_or_else(|| panic!("unexpected --version: {text:?}"));
    assert_eq!(&caps[1], env!("CARGO_PKG_VERSION"));
    let head = std::process::Command::new("git")
        .arg("-C")
        .arg(project("."))
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if let Some(head) = head {
        assert_eq!(&caps[2], head, "built from this checkout");
    }
    // Subcommands say the same.
    let sub = adrsite().args(["build", "--version"]).output().unwrap();
    assert_eq!(String::from_utf8(sub.stdout).unwrap(), text.replacen("adrsite", "adrsite-build", 1));
}
