//! Bounded inputs: a document over `max_file_size` is reported and linked, not rendered; one under
//! it is rendered in full.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// A generated document of about `bytes`: a long table, then deeply nested lists (what a
/// generator writes, and what costs a Markdown parser most).
fn generated(path: &Path, title: &str, bytes: usize) {
    let mut text = format!("# {title}\n\n## Status\n\nAccepted\n\n## Decision\n\nWe keep a generated inventory.\n\n");
    text.push_str("| Service | Owner | Notes |\n|---|---|---|\n");
    let mut i = 0;
    while text.len() < bytes * 4 / 5 {
        let _ = writeln!(
            text,
            "| svc-{i} | team-{} | `code {i}` and **bold** with a [link](https://example.org/{i}) |",
            i % 97
        );
        i += 1;
    }
    text.push('\n');
    while text.len() < bytes {
        let _ = writeln!(text, "{}- item {i} with *emphasis*", "  ".repeat(i % 30));
        i += 1;
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_document_over_the_limit_is_reported_and_linked_one_under_it_is_rendered() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let adr = site.join("docs/adr");
    std::fs::create_dir_all(&adr).unwrap();
    generated(&adr.join("0001-nine-megabytes.md"), "Nine megabytes", 9_000_000);
    generated(&adr.join("0002-twelve-megabytes.md"), "Twelve megabytes", 12_000_000);
    let out = tmp.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_adrsite"))
        .args(["build", "--no-git", "--today", "2026-11-21", "--message-format", "json", "--cache-dir"])
        .arg(tmp.path().join("cache"))
        .arg("-o")
        .arg(&out)
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let diags: Vec<serde_json::Value> =
        String::from_utf8_lossy(&run.stdout).lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let too_large: Vec<&serde_json::Value> = diags.iter().filter(|d| d["code"] == "file-too-large").collect();
    assert_eq!(too_large.len(), 1, "{diags:?}");
    let d = too_large[0];
    assert!(d["path"].as_str().unwrap().ends_with("docs/adr/0002-twelve-megabytes.md"), "{d}");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(1), Some(1)));
    assert!(d["message"].as_str().unwrap().contains("12.0 MB, over the 10.0 MB limit"), "{d}");
    assert!(d["help"].as_str().unwrap().contains("max_file_size"), "{d}");

    let big = std::fs::read_to_string(out.join("adr/0002-twelve-megabytes.html")).unwrap();
    assert!(big.len() < 100_000, "the page does not carry the body: {} bytes", big.len());
    assert!(big.contains("Twelve megabytes"), "the title is still read from the head");
    assert!(big.contains("href=\"../files/docs/adr/0002-twelve-megabytes.md\""), "it links to the source");
    assert!(out.join("files/docs/adr/0002-twelve-megabytes.md").is_file(), "and the source is published");
    let nine = std::fs::read_to_string(out.join("adr/0001-nine-megabytes.html")).unwrap();
    assert!(nine.contains("<td>svc-4242</td>"), "the document under the limit is rendered in full");

    // The limit is the team's to set.
    std::fs::write(site.join("adrsite.toml"), "max_file_size = \"20MB\"\n").unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_adrsite"))
        .args(["check", "--no-git", "--today", "2026-11-21"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&run.stderr).contains("file-too-large"));
}
