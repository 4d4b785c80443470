//! `site` sources: a site that another repository already publishes with adrsite, read from what
//! it publishes — `api/docs.json` and the documents of its search export — and nothing else:
//! no clone, no render of its pages. Each document becomes a short Markdown page in the cache,
//! at its own source path, with its title, status, people, tags, dates, relations and excerpt,
//! and a link to its published page; the rest of the build reads those as any other source.
//!
//! Input: the site's base URL. Output: the pages, written into the source's folder of the cache,
//! and an id of the published build (a hash of `api/docs.json`) for `adrsite.lock`.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Where the build id of the copy in the cache is kept.
pub const BUILD_FILE: &str = ".adrsite-published";

/// The build id of the copy at `dest`, when there is one.
pub fn copy_build(dest: &Path) -> Option<String> {
    std::fs::read_to_string(dest.join(BUILD_FILE)).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Reads the published site at `url` and writes its pages into `dest`, replacing what was there
/// only once everything was read. Returns the build id.
pub fn fetch(url: &str, dest: &Path) -> Result<String, String> {
    let base = url.trim_end_matches('/');
    let docs_bytes = get(&format!("{base}/api/docs.json"))?;
    let docs: Value = serde_json::from_slice(&docs_bytes)
        .map_err(|e| format!("{base}/api/docs.json is not the JSON adrsite publishes ({e})"))?;
    let manifest: Value = serde_json::from_slice(&get(&format!("{base}/search/manifest.json"))?)
        .map_err(|e| format!("{base}/search/manifest.json is not JSON ({e})"))?;
    let count = manifest["documents"].as_u64().unwrap_or(0) as usize;
    let shard = manifest["doc_shard"].as_u64().filter(|s| *s > 0).unwrap_or(1) as usize;
    let mut hits: Vec<Value> = Vec::with_capacity(count);
    for (i, body) in get_shards(&format!("{base}/search/docs"), count.div_ceil(shard), dest)?.into_iter().enumerate() {
        let part: Value =
            serde_json::from_slice(&body).map_err(|e| format!("{base}/search/docs/{i}.json is not JSON ({e})"))?;
        hits.extend(part.as_array().cloned().unwrap_or_default());
    }
    let build = format!("{:016x}", crate::text::stable_hash(&String::from_utf8_lossy(&docs_bytes)));
    let pages = pages(&docs, &hits, base);
    if pages.is_empty() {
        return Err(format!("{base}/api/docs.json lists no documents"));
    }
    write_copy(dest, &pages, &build)?;
    Ok(build)
}

/// The Markdown page of every document of `docs` (`api/docs.json`), with the excerpts of `hits`
/// (the search export's documents), keyed by source path.
pub fn pages(docs: &Value, hits: &[Value], base: &str) -> BTreeMap<String, String> {
    let excerpts: BTreeMap<&str, &str> =
        hits.iter().filter_map(|h| Some((h["source"].as_str()?, h["excerpt"].as_str().unwrap_or("")))).collect();
    let list = docs["documents"].as_array().cloned().unwrap_or_default();
    let source_of: BTreeMap<&str, &str> =
        list.iter().filter_map(|d| Some((d["id"].as_str()?, d["source"].as_str()?))).collect();
    let mut out = BTreeMap::new();
    for d in &list {
        let (Some(source), Some(title)) = (d["source"].as_str(), d["title"].as_str()) else { continue };
        // A path from elsewhere is written into the cache: only plain relative paths, never one
        // that climbs out, is absolute, or names a drive.
        let plain = source
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains(['\\', ':']));
        if !plain {
            continue;
        }
        let mut front = vec![format!("title: {}", yaml(title))];
        if let Some(status) = d["status_raw"].as_str().or(d["status"].as_str()) {
            front.push(format!("status: {}", yaml(status)));
        }
        if let Some(date) = d["date"].as_str() {
            front.push(format!("date: {}", yaml(date)));
        }
        if let Some(changed) = d["git"]["changed"].as_str() {
            front.push(format!("last-updated: {}", yaml(changed)));
        }
        if let Some(people) = d["people"].as_object() {
            for (role, names) in people {
                let key = match role.as_str() {
                    "decider" => "deciders",
                    "author" => "authors",
                    "owner" => "owners",
                    "consulted" => "consulted",
                    "informed" => "informed",
                    "participant" => "participants",
                    _ => continue,
                };
                front.push(format!("{key}: {}", list_of(names)));
            }
        }
        if d["tags"].as_array().is_some_and(|t| !t.is_empty()) {
            front.push(format!("tags: {}", list_of(&d["tags"])));
        }
        let mut relations: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
        for r in d["relations"].as_array().into_iter().flatten() {
            let key = match r["kind"].as_str() {
                Some("supersedes") => "supersedes",
                Some("superseded-by") => "superseded-by",
                Some("amends") => "amends",
                Some("amended-by") => "amended-by",
                Some("relates-to") => "related",
                _ => continue,
            };
            let Some(target) = r["target"].as_str().and_then(|t| source_of.get(t)) else { continue };
            relations.entry(key).or_default().push(Value::String(crate::text::relative_from(source, target)));
        }
        for (key, targets) in relations {
            front.push(format!("{key}: {}", list_of(&Value::Array(targets))));
        }
        let excerpt = excerpts.get(source).copied().unwrap_or("");
        let url = d["url"].as_str().map(|u| format!("{base}/{u}")).unwrap_or_else(|| base.to_string());
        let text = format!(
            "---\n{}\n---\n\n# {}\n\n## Summary\n\n{}\n\n[Read it on its own site]({})\n",
            front.join("\n"),
            title.replace('\n', " "),
            excerpt,
            url.replace(' ', "%20").replace(')', "%29")
        );
        out.insert(source.to_string(), text);
    }
    out
}

/// A YAML scalar: quoted, so that no value reads as another type or as YAML syntax.
fn yaml(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A YAML flow list of strings (JSON is YAML).
fn list_of(v: &Value) -> String {
    let items: Vec<Value> =
        v.as_array().into_iter().flatten().filter_map(|x| x.as_str().map(|s| Value::String(s.into()))).collect();
    serde_json::to_string(&items).unwrap_or_else(|_| "[]".into())
}

/// Writes the pages into a folder beside `dest` and moves it into place.
fn write_copy(dest: &Path, pages: &BTreeMap<String, String>, build: &str) -> Result<(), String> {
    let parent = dest.parent().unwrap_or(Path::new("."));
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = parent.join(format!(".{name}.reading-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let write = || -> std::io::Result<()> {
        for (path, text) in pages {
            let file = tmp.join(path);
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(file, text)?;
        }
        std::fs::write(tmp.join(BUILD_FILE), build)?;
        let _ = std::fs::remove_dir_all(dest);
        std::fs::rename(&tmp, dest)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_dir_all(&tmp);
        format!("writing the copy into {}: {e}", dest.display())
    })
}

/// `{base}/0.json` … `{base}/{n-1}.json`, fetched by one curl (a URL range, one connection),
/// through a folder beside `dest` that is removed afterwards.
fn get_shards(base: &str, n: usize, dest: &Path) -> Result<Vec<Vec<u8>>, String> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let parent = dest.parent().unwrap_or(Path::new("."));
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = parent.join(format!(".{name}.shards-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| format!("creating {}: {e}", tmp.display()))?;
    let range = format!("{base}/[0-{}].json", n - 1);
    let out = Command::new("curl")
        .args(["--fail", "--silent", "--show-error", "--location", "--max-time", "600", "--retry", "2"])
        .arg("--output")
        .arg(tmp.join("#1.json"))
        .arg(&range)
        .output();
    let read = || -> Result<Vec<Vec<u8>>, String> {
        let out = out.map_err(|e| format!("curl could not be run ({e}); it reads `site` sources"))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(err
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("curl failed")
                .trim_start_matches("curl: ")
                .to_string());
        }
        (0..n)
            .map(|i| {
                std::fs::read(tmp.join(format!("{i}.json")))
                    .map_err(|e| format!("{base}/{i}.json was not fetched ({e})"))
            })
            .collect()
    };
    let shards = read();
    let _ = std::fs::remove_dir_all(&tmp);
    shards
}

/// The body of `url`, fetched with curl (as git sources are fetched with git).
fn get(url: &str) -> Result<Vec<u8>, String> {
    let out = Command::new("curl")
        .args(["--fail", "--silent", "--show-error", "--location", "--max-time", "120", "--retry", "2", url])
        .output()
        .map_err(|e| format!("curl could not be run ({e}); it reads `site` sources"))?;
    if out.status.success() {
        return Ok(out.stdout);
    }
    let err = String::from_utf8_lossy(&out.stderr);
    Err(err
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("curl failed")
        .trim_start_matches("curl: ")
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_published_document_becomes_a_page_that_links_to_it() {
        let docs = json!({"version": 1, "documents": [
            {"id": "decisions/0001-a", "title": "Use \"A\": yes", "status": "superseded", "status_raw": "Superseded by ADR-0002",
             "date": "2024-01-02", "people": {"decider": ["Ana"]}, "tags": ["db"], "source": "docs/decisions/0001-a.md",
             "url": "decisions/0001-a.html", "relations": [{"kind": "superseded-by", "target": "decisions/0002-b"}],
             "git": {"changed": "2024-02-01"}},
            {"id": "decisions/0002-b", "title": "B", "source": "docs/decisions/0002-b.md", "url": "decisions/0002-b.html",
             "relations": [{"kind": "supersedes", "target": "decisions/0001-a"}]},
            {"id": "x", "title": "Escapes", "source": "../outside.md"},
            {"id": "y", "title": "Absolute", "source": "/etc/x.md"},
            {"id": "z", "title": "Drive", "source": "C:/x.md"},
            {"id": "w", "title": "Backslash", "source": "a\\..\\..\\x.md"}
        ]});
        let hits = vec![json!({"source": "docs/decisions/0001-a.md", "excerpt": "We chose A."})];
        let pages = pages(&docs, &hits, "https://example.org/web");
        assert_eq!(pages.keys().collect::<Vec<_>>(), ["docs/decisions/0001-a.md", "docs/decisions/0002-b.md"]);
        assert_eq!(
            pages["docs/decisions/0001-a.md"],
            "---\ntitle: \"Use \\\"A\\\": yes\"\nstatus: \"Superseded by ADR-0002\"\ndate: \"2024-01-02\"\nlast-updated: \"2024-02-01\"\ndeciders: [\"Ana\"]\ntags: [\"db\"]\nsuperseded-by: [\"0002-b.md\"]\n---\n\n# Use \"A\": yes\n\n## Summary\n\nWe chose A.\n\n[Read it on its own site](https://example.org/web/decisions/0001-a.html)\n"
        );
        assert!(pages["docs/decisions/0002-b.md"].contains("supersedes: [\"0001-a.md\"]"));
    }
}
