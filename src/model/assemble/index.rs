//! The index pass: what references can be resolved against.
//!
//! Input: the identified documents and the non-document files. Output: an [`Index`] of source
//! paths, ids (`ADR-5`) and file stems, each pointing at a document, and a `duplicate-id` problem
//! for every document whose id another one already has.

use crate::diagnostic::{Code, Diagnostic};
use crate::load::SourceDoc;
use crate::load::status::ParsedStatus;
use crate::model::assemble::Problem;
use crate::model::assemble::identify::Identified;
use crate::model::identity;
use crate::model::links::PathIndex;
use crate::model::site::mention_key;
use crate::vocab::DocId;
use std::collections::{BTreeMap, BTreeSet};

/// Where references go.
pub(super) struct Index {
    /// Source paths and files.
    pub paths: PathIndex,
    /// `ADR-5` → the first document with that id.
    pub ids: BTreeMap<String, DocId>,
    /// Lowercase file stems → the first document with that stem.
    pub stems: BTreeMap<String, DocId>,
}

/// Indexes `docs` (in source order, so the first of two duplicates wins everywhere).
pub(super) fn index_of(
    docs: &[(Identified, SourceDoc, Option<ParsedStatus>)],
    files: BTreeSet<String>,
    repo_prefix: String,
    has_repository: bool,
    mounts: Vec<crate::load::federate::mount::Mount>,
    slugs: &[&str],
) -> (Index, Vec<Problem>) {
    let paths = PathIndex {
        docs: BTreeMap::new(),
        files,
        repo_prefix,
        has_repository,
        mounts,
        addresses: BTreeMap::new(),
        served_at: BTreeMap::new(),
        folders: BTreeMap::new(),
    };
    let mut index = Index { paths, ids: BTreeMap::new(), stems: BTreeMap::new() };
    let mut problems = Vec::new();
    let mut id_sources: BTreeMap<String, String> = BTreeMap::new();
    let mut by_source: Vec<usize> = (0..docs.len()).collect();
    by_source.sort_by(|&a, &b| docs[a].0.source.cmp(&docs[b].0.source));
    for &i in &by_source {
        let (doc, src, _) = &docs[i];
        index.paths.docs.insert(doc.source.clone(), doc.id.clone());
        let slug = slugs.get(doc.collection).map(|s| s.to_string());
        let mut folder = doc.source.as_str();
        loop {
            folder = folder.rsplit_once('/').map_or("", |(up, _)| up);
            let entry = index.paths.folders.entry(folder.to_string()).or_insert_with(|| slug.clone());
            if *entry != slug {
                *entry = None;
            }
            if folder.is_empty() {
                break;
            }
        }
        let namespace = index.paths.mount_of(&doc.source).map(|m| m.namespace.clone());
        for address in &src.meta.addresses {
            let key = crate::model::links::address_key(namespace.as_deref(), address);
            index.paths.addresses.entry(key).or_insert_with(|| doc.id.clone());
        }
        if let Some(served) = &src.meta.served_at {
            let served = served.trim_start_matches('/');
            let at = match &namespace {
                Some(ns) => format!("{ns}/{served}"),
                None => served.to_string(),
            };
            index.paths.served_at.insert(doc.source.clone(), at);
        }
        index.stems.entry(identity::naming_stem(&doc.source).to_lowercase()).or_insert_with(|| doc.id.clone());
        if let (Some(n), Some(prefix)) = (&doc.number, &doc.prefix) {
            let key = mention_key(prefix, n);
            if let Some(first) = id_sources.get(&key) {
                // `44167/README.md` beside `44167-gc-pacer.md`: a folder named by the bare number
                // holds the document's companions, not a second document with that id.
                if companion(&doc.source, first, n) {
                    continue;
                }
                if companion(first, &doc.source, n) {
                    id_sources.insert(key.clone(), doc.source.clone());
                    index.ids.insert(key, doc.id.clone());
                    continue;
                }
                let line = src.meta.number.as_ref().map_or(1, |n| n.line);
                let diagnostic = Diagnostic::warning(
                    &doc.source,
                    line,
                    1,
                    Code::DuplicateId,
                    format!("{} is also the id of {first}", doc.display_id.as_deref().unwrap_or(&key)),
                )
                .with_help("give each document its own number; references by id go to the first one");
                problems.push(Problem { doc: Some(doc.id.clone()), diagnostic });
            } else {
                id_sources.insert(key.clone(), doc.source.clone());
                index.ids.insert(key, doc.id.clone());
            }
        }
    }
    (index, problems)
}

/// Whether `source` is a companion of `other`, which has the same id, rather than a second
/// document with it: the index of a folder named only by the number (`44167/README.md` beside
/// `44167-gc-pacer.md`), or a file beside its folder's index (`CIP-0001/CIP-0001.md` beside
/// `CIP-0001/README.md`).
fn companion(source: &str, other: &str, number: &crate::vocab::DocNumber) -> bool {
    use crate::vocab::markdown_name::is_folder_index;
    let folder = |p: &str| p.rsplit_once('/').map_or("", |(f, _)| f).to_string();
    (is_folder_index(source) && source.rsplit('/').nth(1).is_some_and(|f| f == number.digits))
        || (!is_folder_index(source) && is_folder_index(other) && folder(source) == folder(other))
}
