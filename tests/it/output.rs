//! The output directory: atomic replacement, refusal to clobber sources, nothing written outside.

use crate::support::{copy_tree, fixture, today};
use adrsite::BuildOptions;

#[test]
fn a_failed_build_leaves_the_previous_site_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("src");
    copy_tree(&fixture("clean"), &dir);
    let out = tmp.path().join("out");
    let mut opts = BuildOptions::new(&dir, today());
    opts.out = Some(out.clone());
    opts.cache_dir = Some(tmp.path().join("cache"));
    adrsite::build(&opts).unwrap();
    let before = std::fs::read(out.join("decisions/0001-first.html")).unwrap();

    // A theme override with a template syntax error makes the next build fail.
    std::fs::create_dir_all(dir.join("themes/default/templates")).unwrap();
    std::fs::write(dir.join("themes/default/templates/doc.html"), "{% if %}").unwrap();
    std::fs::write(dir.join("decisions/0001-first.md"), "# Changed\n").unwrap();
    let err = adrsite::build(&opts).unwrap_err();
    assert!(format!("{err:#}").contains("template"), "{err:#}");
    assert_eq!(std::fs::read(out.join("decisions/0001-first.html")).unwrap(), before);
    let names: Vec<String> =
        std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.contains("staging")), "no staging directory left behind: {names:?}");
}

#[test]
fn refuses_an_output_that_is_or_contains_the_sources() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("src");
    copy_tree(&fixture("clean"), &dir);
    for out in [dir.clone(), tmp.path().to_path_buf(), dir.join("decisions/out")] {
        let mut opts = BuildOptions::new(&dir, today());
        opts.out = Some(out.clone());
        opts.cache_dir = Some(tmp.path().join("cache"));
        let err = adrsite::build(&opts).unwrap_err().to_string();
        assert!(err.contains("refusing") || err.contains("inside the collection"), "{}: {err}", out.display());
    }
    assert!(dir.join("decisions/0001-first.md").is_file());
}

#[test]
fn the_default_output_is_dir_site_and_is_not_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("src");
    copy_tree(&fixture("dialects"), &dir);
    let opts = BuildOptions::new(&dir, today());
    let first = adrsite::build(&opts).unwrap();
    assert!(dir.join("_site/index.html").is_file());
    let second = adrsite::build(&opts).unwrap();
    assert_eq!(first.documents, second.documents, "the output is never read as documents");
}
