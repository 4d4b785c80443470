//! Every corpus in `../shared/corpora`, built zero-config: it must build (never an internal
//! error), give every document a page, and — for the ADR corpora — normalise stated statuses and
//! link every superseded ADR to the successor its source names. Search answers alike in the
//! terminal and the browser on each.

use crate::support::{build, unresolved_relative_urls};
use std::path::{Path, PathBuf};

fn corpora() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    assert!(root.is_dir(), "the shared corpora must be checked out at {}", root.display());
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 19, "{dirs:?}");
    dirs
}

use crate::support::ADR_CORPORA;

#[test]
fn every_corpus_builds_with_a_page_per_document() {
    for dir in corpora() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let site = build(&dir);
        let json = site.docs_json();
        let docs = json["documents"].as_array().unwrap();

        // Every Markdown-family file that is not a template, licence or partial is a document
        // with a page.
        let markdown: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/"))
            .filter(|p| adrsite::vocab::markdown_name::is_markdown(p))
            .collect();
        let sources: std::collections::BTreeSet<&str> = docs.iter().map(|d| d["source"].as_str().unwrap()).collect();
        for md in &markdown {
            let skipped = adrsite::load::skip::skip_reason(md);
            let lower = md.to_lowercase();
            let file = lower.rsplit('/').next().unwrap();
            let looks_excludable = lower.contains("template")
                || file.starts_with('_')
                || lower.contains("/partials/")
                || ["license", "licence", "notice", "copying", "patents"].iter().any(|l| file.starts_with(l));
            assert!(skipped.is_none() || looks_excludable, "{name}: {md} was left out as {skipped:?}");
            assert_eq!(sources.contains(md.as_str()), skipped.is_none(), "{name}: {md}");
        }
        for d in docs {
            assert!(site.out.join(d["url"].as_str().unwrap()).is_file(), "{name}: page of {}", d["source"]);
        }
        // No diagnostic is an internal error, and every one points into the corpus.
        for diag in &site.report.diagnostics {
            assert!(dir.join(&diag.path).is_file() || diag.path == "adrsite.toml", "{name}: {diag:?}");
        }
        let unresolved = unresolved_relative_urls(&site.out);
        assert!(unresolved.is_empty(), "{name}: {unresolved:#?}");
        // The terminal and the browser client answer alike.
        crate::search::same_top_ten(&name, &dir, &site);

        if ADR_CORPORA.contains(&name.as_str()) {
            let stated: Vec<&serde_json::Value> =
                docs.iter().filter(|d| !d["status_raw"].is_null() || !d["status"].is_null()).collect();
            let known = stated.iter().filter(|d| !d["status"].is_null()).count();
            assert!(known * 100 >= stated.len() * 98, "{name}: {known} of {} stated statuses recognised", stated.len());
            for d in docs.iter().filter(|d| d["status"] == "superseded") {
                let names_successor = d["status_raw"].as_str().is_some_and(|r| r.to_lowercase().contains(" by "));
                let linked = d["relations"].as_array().unwrap().iter().any(|r| r["kind"] == "superseded-by");
                assert!(
                    !names_successor || linked,
                    "{name}: {} names a successor but does not link to it",
                    d["source"]
                );
            }
        }
    }
}
