//! The layering of the crate, checked on its source: no module imports a later stage, and no
//! source file grows past 600 lines. ARCHITECTURE.md describes the same layers.

use std::collections::BTreeSet;
use std::path::Path;

/// Top-level modules from the floor up. A module may import modules of its own layer or below.
const LAYERS: &[&[&str]] = &[
    &["vocab", "text"],
    &["date", "diagnostic", "output"],
    &["config"],
    &["load"],
    &["model"],
    &["search"],
    &["render"],
    &["pipeline"],
    &["serve", "author"],
    &["cli"],
    // `build` is the build script: it runs before the crate compiles and imports none of it.
    &["lib", "main", "build"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file names through `crate::` paths, outside its tests.
fn imports(text: &str) -> BTreeSet<String> {
    let text = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut out = BTreeSet::new();
    let ident = regex::Regex::new(r"crate::([a-z_]+)").unwrap();
    for c in ident.captures_iter(text) {
        out.insert(c[1].to_string());
    }
    // `use crate::{a::X, b::Y};`
    let group = regex::Regex::new(r"crate::\{([^;]*)\}").unwrap();
    let head = regex::Regex::new(r"(?:^|[{,])\s*([a-z_]+)::").unwrap();
    for g in group.captures_iter(text) {
        for h in head.captures_iter(&g[1]) {
            out.insert(h[1].to_string());
        }
    }
    out
}

#[test]
fn no_module_imports_a_later_stage() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        let from = layer(&top).unwrap_or_else(|| panic!("src/{} is in no layer; add `{top}` to LAYERS", rel.display()));
        for to in imports(&std::fs::read_to_string(file).unwrap()) {
            let Some(target) = layer(&to) else { continue };
            if target > from {
                wrong.push(format!("src/{} ({top}) imports {to}, a later stage", rel.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layer order:\n{}", wrong.join("\n"));
}

#[test]
fn the_checker_sees_both_import_forms() {
    let found = imports(
        "use crate::{model::Site, vocab::DocId};\nfn f() { crate::render::x(); }\n#[cfg(test)]\nuse crate::cli;",
    );
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["model", "render", "vocab"]);
}

#[test]
fn no_source_file_over_600_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > 600).then(|| format!("{} has {n} lines", f.strip_prefix(&root).unwrap().display()))
        })
        .collect();
    assert!(long.is_empty(), "split these by concept:\n{}", long.join("\n"));
}
