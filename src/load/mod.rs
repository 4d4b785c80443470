//! The load stage: from a directory to parsed source documents.
//!
//! Input: the site directory and its [`Config`]. Output: [`Loaded`] — one [`SourceDoc`] per
//! Markdown document (sorted by path), the collections, the set of other files, and every
//! diagnostic found while reading. Files are read and parsed in parallel; nothing here decides
//! statuses or resolves links.

pub mod bold_keys;
pub mod changelog;
pub mod chosen_option;
pub mod decode;
pub mod dialect;
pub mod discover;
pub mod federate;
pub mod fingerprint;
pub mod front_matter;
pub mod git;
pub mod git_log;
pub mod heading_series;
pub mod html_table;
pub mod hunk;
pub mod index_table;
pub mod infer;
pub mod meta;
pub mod meta_table;
pub mod outline;
pub mod preamble;
pub mod relation_line;
pub mod scan;
pub mod skip;
pub mod standup;
pub mod status;
pub mod template;
pub mod title_status;
pub mod value_below;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::vocab::DocKind;
use anyhow::Context as _;
use discover::{Collection, Inventory};
use meta::{Key, Located, RawMeta};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A document as read from disk, before normalisation.
#[derive(Clone, Debug)]
pub struct SourceDoc {
    /// Path relative to the site directory, `/`-separated.
    pub source: String,
    /// Index into [`Loaded::collections`].
    pub collection: usize,
    /// The kind, from its collection.
    pub kind: DocKind,
    /// The decoded text, newlines normalised.
    pub text: std::sync::Arc<str>,
    /// Byte offset where the Markdown body starts (after front matter).
    pub body_start: usize,
    /// Metadata from every dialect.
    pub meta: RawMeta,
    /// The first H1.
    pub title_heading: Option<dialect::TitleHeading>,
    /// Whether the body has a `## Status` section.
    pub has_status_section: bool,
    /// Links in the body.
    pub links: Vec<scan::RawLink>,
    /// Ids mentioned in the body.
    pub mentions: Vec<scan::Mention>,
    /// The body's outline, for search, feeds and `llms.txt`.
    pub outline: std::sync::Arc<outline::Outline>,
    /// The file's size when it is over `max_file_size`: then only its head was read (for front
    /// matter, title and status), and its page links to the source instead of showing it.
    pub oversize: Option<u64>,
    /// Rows of status index tables in it (a process README listing proposals and statuses).
    pub index_rows: Vec<index_table::IndexRow>,
}

/// The result of the load stage.
#[derive(Debug)]
pub struct Loaded {
    /// Documents, sorted by source path.
    pub docs: Vec<SourceDoc>,
    /// Collections, in the order found; documents refer to them by index.
    pub collections: Vec<Collection>,
    /// Every non-Markdown file under the site directory (link targets).
    pub files: BTreeSet<String>,
    /// Problems found while reading.
    pub diagnostics: Vec<Diagnostic>,
    /// Markdown-like files that are not pages, and why, sorted by path.
    pub skipped: Vec<(String, skip::Skip)>,
    /// For documents outside every configured or detected collection: which collection each
    /// folder's documents went to, and why (the first reason found in that folder).
    pub placements: Vec<Placement>,
    /// The site directory's path inside its git repository (`docs/`), empty at the top or when
    /// unknown; set by the caller, which knows whether git may be asked.
    pub repo_prefix: String,
    /// In an organisation's site, each source's namespace and repository (set by the pipeline
    /// as it mounts them); empty otherwise.
    pub mounts: Vec<federate::mount::Mount>,
}

/// Where the documents of one folder went when no collection held them, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    /// The folder, relative to the site directory.
    pub folder: String,
    /// Index into [`Loaded::collections`].
    pub collection: usize,
    /// Why.
    pub why: infer::Why,
}

/// Parsed files kept between rebuilds (`serve`): a file is read again only when its size or
/// modification time — or its `kep.yaml` sidecar's — changed.
#[derive(Debug, Default)]
pub struct LoadCache {
    files: std::collections::HashMap<String, (Stamp, std::sync::Arc<Parsed>)>,
    /// Paths read again by the last load (new or changed files).
    pub reread: BTreeSet<String>,
    /// The previous walk, reused when a rebuild only modifies known files.
    inventory: Option<Inventory>,
    /// Set before a load: the files a watcher saw change. When every one is a known file that
    /// still exists, the walk is skipped and only these files are looked at again.
    pub hint: Option<BTreeSet<String>>,
}

/// Size and modification times of a file and its sidecar.
type Stamp = (Option<std::time::SystemTime>, u64, Option<std::time::SystemTime>);

/// A read file: its document (none for a binary file) and what reading it reported.
type Parsed = (Option<SourceDoc>, Vec<Diagnostic>);

fn stamp(dir: &Path, rel: &str, sidecar: Option<&String>) -> Stamp {
    let meta = std::fs::metadata(dir.join(rel)).ok();
    let side = sidecar.and_then(|s| std::fs::metadata(dir.join(s)).ok()).and_then(|m| m.modified().ok());
    (meta.as_ref().and_then(|m| m.modified().ok()), meta.map_or(0, |m| m.len()), side)
}

/// Walks `dir` and reads every document. `skip` lists directories never to read (the output).
pub fn load_sources(dir: &Path, config: &Config, skip: &[PathBuf]) -> anyhow::Result<Loaded> {
    load_sources_cached(dir, config, skip, None)
}

/// [`load_sources`], reusing what `cache` holds for unchanged files and refreshing it.
pub fn load_sources_cached(
    dir: &Path,
    config: &Config,
    skip: &[PathBuf],
    cache: Option<&mut LoadCache>,
) -> anyhow::Result<Loaded> {
    let hint = cache.as_ref().and_then(|c| c.hint.clone());
    let reuse = match (cache.as_ref().and_then(|c| c.inventory.as_ref()), &hint) {
        (Some(inv), Some(hint)) => hint
            .iter()
            .all(|p| (inv.markdown.binary_search(p).is_ok() || inv.sidecars.contains(p)) && dir.join(p).is_file()),
        _ => false,
    };
    let inventory = match cache.as_ref().and_then(|c| c.inventory.clone()) {
        Some(inv) if reuse => inv,
        _ => discover::walk(dir, config, skip)?,
    };
    discover::check_collections(dir, config, &inventory)?;
    let keep_inventory = cache.is_some().then(|| inventory.clone());
    let mut diagnostics = Vec::new();
    let mut collections = discover::collections(dir, config, &inventory);
    let Inventory { markdown, unread, sidecars, mut files } = inventory;

    // Templates, licences and partials get no page, but links to them still resolve to the file.
    let mut skipped: Vec<(String, skip::Skip)> = unread
        .into_iter()
        .map(|p| {
            let why = match crate::vocab::markdown_name::other_markup(&p) {
                Some(_) => skip::Skip::OtherMarkup,
                None => skip::Skip::Extension,
            };
            (p, why)
        })
        .collect();
    let mut candidates: Vec<&String> = Vec::with_capacity(markdown.len());
    for p in &markdown {
        match skip::skip_reason(p) {
            Some(why) => {
                files.insert(p.clone());
                skipped.push((p.clone(), why));
            }
            None => candidates.push(p),
        }
    }
    skipped.sort();
    let sidecar_of = |rel: &str| {
        let parent = rel.rsplit_once('/').map_or("", |(p, _)| p);
        let s = if parent.is_empty() { "kep.yaml".to_string() } else { format!("{parent}/kep.yaml") };
        sidecars.get(&s).cloned()
    };
    // With a reused walk, only the hinted files (and documents whose sidecar is hinted) changed.
    let changed = |rel: &str| {
        !reuse || hint.as_ref().is_some_and(|h| h.contains(rel) || sidecar_of(rel).is_some_and(|s| h.contains(&s)))
    };
    let previous = cache.as_deref();
    let parsed: Vec<anyhow::Result<(Option<SourceDoc>, Vec<Diagnostic>)>> = candidates
        .par_iter()
        .map(|rel| {
            if let Some(cache) = previous {
                if !changed(rel)
                    && let Some((_, entry)) = cache.files.get(rel.as_str())
                {
                    return Ok(entry.as_ref().clone());
                }
                let now = stamp(dir, rel, sidecar_of(rel).as_ref());
                if let Some((was, entry)) = cache.files.get(rel.as_str())
                    && *was == now
                {
                    return Ok(entry.as_ref().clone());
                }
            }
            read_document(dir, rel, &sidecars, config.max_file_size)
        })
        .collect();
    if let Some(cache) = cache {
        let mut files = std::collections::HashMap::with_capacity(candidates.len());
        cache.reread.clear();
        for (rel, result) in candidates.iter().zip(&parsed) {
            let Ok(result) = result else { continue };
            if !changed(rel)
                && let Some(kept) = cache.files.remove(rel.as_str())
            {
                files.insert((*rel).clone(), kept);
                continue;
            }
            let now = stamp(dir, rel, sidecar_of(rel).as_ref());
            match cache.files.remove(rel.as_str()) {
                Some((was, entry)) if was == now => {
                    files.insert((*rel).clone(), (was, entry));
                }
                _ => {
                    cache.reread.insert((*rel).clone());
                    files.insert((*rel).clone(), (now, std::sync::Arc::new(result.clone())));
                }
            }
        }
        cache.files = files;
        cache.inventory = keep_inventory;
        cache.hint = None;
    }

    let mut docs = Vec::with_capacity(parsed.len());
    let mut placements = Vec::new();
    for result in parsed {
        let (doc, diags) = result?;
        diagnostics.extend(diags);
        let Some(mut doc) = doc else { continue };
        let folder = doc.source.rsplit_once('/').map_or("", |(f, _)| f).to_string();
        let (index, why) = match place(&doc, &collections, config) {
            Place::In(i) => (i, None),
            Place::Inferred(inferred) => {
                let i = discover::inferred_collection(&mut collections, inferred.kind, inferred.series.as_deref());
                (i, Some(inferred.why))
            }
            // With configured collections, documents outside them are not part of the site.
            Place::Outside => continue,
        };
        if let Some(why) = why
            && !placements.iter().any(|p: &Placement| p.folder == folder && p.collection == index)
        {
            placements.push(Placement { folder, collection: index, why });
        }
        doc.collection = index;
        doc.kind = collections[index].kind;
        docs.push(doc);
    }
    docs.sort_by(|a, b| a.source.cmp(&b.source));
    heading_series::apply(&mut collections, &docs);
    Ok(Loaded {
        docs,
        collections,
        files,
        diagnostics,
        skipped,
        placements,
        repo_prefix: String::new(),
        mounts: Vec::new(),
    })
}

/// Where a read document belongs.
enum Place {
    /// In this collection.
    In(usize),
    /// Outside every collection: in the inferred collection of this kind and series.
    Inferred(infer::Inferred),
    /// Not part of the site (collections are configured and none holds it).
    Outside,
}

/// The collection `doc` belongs to: the deepest configured or detected one that holds it, else
/// (with no configured collections) the inferred one of its kind. The index page of a detected
/// collection's folder, or of a folder in it whose name says what it holds, introduces those
/// documents and is not one of them: it is inferred (a page). A configured collection holds
/// what its configuration says.
fn place(doc: &SourceDoc, collections: &[Collection], config: &Config) -> Place {
    let home = collections
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.origin != discover::Origin::Inferred
                && (doc.source.starts_with(&format!("{}/", c.path)) || c.path.is_empty())
        })
        .max_by_key(|(_, c)| c.path.len())
        .filter(|(_, c)| {
            c.origin == discover::Origin::Configured
                || c.kind == DocKind::Handbook
                || infer::introduces(doc, Some(&c.path)).is_none()
        })
        .map(|(i, _)| i);
    match home {
        Some(i) => Place::In(i),
        None if config.collections.is_empty() => Place::Inferred(infer::infer(doc)),
        None => Place::Outside,
    }
}

/// Reads one document of a loaded site again after an edit (`serve`), placed as a full load would
/// place it among `collections`. `None` when the cache holds no walk to read it against, when
/// it is not a known document, or when it would need a collection the site does not have: a
/// full load is needed then. The file's diagnostics come with it.
pub fn reread(
    dir: &Path,
    config: &Config,
    cache: &LoadCache,
    rel: &str,
    collections: &[Collection],
) -> anyhow::Result<Option<(SourceDoc, Vec<Diagnostic>)>> {
    let Some(inventory) = &cache.inventory else { return Ok(None) };
    if inventory.markdown.binary_search_by(|p| p.as_str().cmp(rel)).is_err() || !dir.join(rel).is_file() {
        return Ok(None);
    }
    let (Some(mut doc), diags) = read_document(dir, rel, &inventory.sidecars, config.max_file_size)? else {
        return Ok(None);
    };
    let index = match place(&doc, collections, config) {
        Place::In(i) => i,
        Place::Inferred(inferred) => {
            let prefix = inferred.series.or_else(|| inferred.kind.default_prefix().map(str::to_string));
            match collections.iter().position(|c| {
                c.origin == discover::Origin::Inferred && c.kind == inferred.kind && c.id_prefix == prefix
            }) {
                Some(i) => i,
                None => return Ok(None),
            }
        }
        Place::Outside => return Ok(None),
    };
    doc.collection = index;
    doc.kind = collections[index].kind;
    Ok(Some((doc, diags)))
}

impl LoadCache {
    /// Records a document read by [`reread`], so that later loads use it instead of the version
    /// read before the edit.
    pub fn remember(&mut self, dir: &Path, doc: &SourceDoc, diagnostics: &[Diagnostic]) {
        let sidecar = self.inventory.as_ref().and_then(|inv| {
            let parent = doc.source.rsplit_once('/').map_or("", |(p, _)| p);
            let name = if parent.is_empty() { "kep.yaml".to_string() } else { format!("{parent}/kep.yaml") };
            inv.sidecars.get(&name).cloned()
        });
        let now = stamp(dir, &doc.source, sidecar.as_ref());
        let entry = std::sync::Arc::new((Some(doc.clone()), diagnostics.to_vec()));
        self.files.insert(doc.source.clone(), (now, entry));
    }
}

/// Reads and parses one Markdown file; no document for a binary file, diagnostics either way.
fn read_document(
    dir: &Path,
    rel: &str,
    sidecars: &BTreeSet<String>,
    max_size: u64,
) -> anyhow::Result<(Option<SourceDoc>, Vec<Diagnostic>)> {
    let path = dir.join(rel);
    let size = std::fs::metadata(&path).with_context(|| format!("reading {rel}"))?.len();
    let oversize = (size > max_size).then_some(size);
    let bytes = match oversize {
        None => std::fs::read(&path).with_context(|| format!("reading {rel}"))?,
        Some(_) => read_head(&path).with_context(|| format!("reading {rel}"))?,
    };
    let mut diags = Vec::new();
    let text = match decode::decode(rel, &bytes) {
        decode::Decoded::Text(text, diag) => {
            diags.extend(diag);
            text
        }
        decode::Decoded::Binary(diag) => {
            diags.push(diag);
            return Ok((None, diags));
        }
    };
    if let Some(size) = oversize {
        diags.push(
            Diagnostic::warning(
                rel,
                1,
                1,
                Code::FileTooLarge,
                format!(
                    "document is {}, over the {} limit; its page links to the source instead of showing it",
                    crate::text::format_size(size),
                    crate::text::format_size(max_size)
                ),
            )
            .with_help("raise `max_file_size` in adrsite.toml (such as \"20MB\"), or add the file to `exclude` if it is generated"),
        );
    } else if text.trim().is_empty() {
        diags.push(
            Diagnostic::warning(rel, 1, 1, Code::EmptyDocument, "document is empty; its page has only a title")
                .with_help("write the document, or delete the file"),
        );
    }
    let fm = front_matter::split(rel, &text);
    diags.extend(fm.diagnostic);
    let flavour = crate::vocab::markdown_name::flavour(rel);
    let text = template::neutralise(flavour, &text, fm.body_start, &fm.fields).unwrap_or(text);
    let mut meta = RawMeta::default();
    let file_name = rel.rsplit('/').next().unwrap_or(rel);
    for field in &fm.fields {
        let at = Located { value: String::new(), line: field.line, column: 1, file: None };
        if let Some(key) = meta::classify(&meta::canonical_key(&field.key)) {
            meta.set(key, &field.value, at);
        } else if let front_matter::FieldValue::Scalar(v) = &field.value
            && let Some(id) =
                crate::vocab::series::from_key(&field.key, v, crate::vocab::markdown_name::stem(file_name))
        {
            // `CIP: 1`, `eip: 1344` in `eip-1344.md`: the key names the series.
            let value = front_matter::FieldValue::Scalar(id.id());
            meta.set(Key::Number, &value, at);
        }
    }
    // A Kubernetes KEP keeps its metadata in `kep.yaml` beside the README.
    let parent = rel.rsplit_once('/').map_or("", |(p, _)| p);
    let sidecar = if parent.is_empty() { "kep.yaml".to_string() } else { format!("{parent}/kep.yaml") };
    // The sidecar describes the folder's document, not its supporting files.
    if sidecars.contains(&sidecar) && crate::vocab::markdown_name::is_folder_index(rel) {
        read_sidecar(dir, &sidecar, &mut meta, &mut diags)?;
    }
    let body = dialect::scan_body(rel, &text, fm.body_start, &mut meta);
    diags.extend(body.diagnostics);
    let mut scanned = scan::scan(&text, fm.body_start);
    if oversize.is_some() {
        // Links in a cut-off head could point anywhere; the page shows none of them.
        scanned.links.clear();
        scanned.mentions.clear();
    }
    let scan::Scanned { links, mentions, outline } = scanned;
    let index_rows = if oversize.is_some() { Vec::new() } else { index_table::read(&text, fm.body_start) };
    let doc = SourceDoc {
        index_rows,
        source: rel.to_string(),
        collection: 0,
        kind: DocKind::Handbook,
        body_start: fm.body_start,
        meta,
        title_heading: body.title,
        has_status_section: body.has_status_section,
        links,
        mentions,
        outline: outline.into(),
        text: text.into(),
        oversize,
    };
    Ok((Some(doc), diags))
}

/// How much of an oversized document is read: enough for its front matter, title and status.
const HEAD_BYTES: u64 = 64 * 1024;

/// The first [`HEAD_BYTES`] of a file, cut after its last complete line.
fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::with_capacity(HEAD_BYTES as usize);
    std::fs::File::open(path)?.take(HEAD_BYTES).read_to_end(&mut bytes)?;
    if let Some(end) = bytes.iter().rposition(|b| *b == b'\n') {
        bytes.truncate(end + 1);
    }
    Ok(bytes)
}

fn read_sidecar(dir: &Path, rel: &str, meta: &mut RawMeta, diags: &mut Vec<Diagnostic>) -> anyhow::Result<()> {
    let bytes = std::fs::read(dir.join(rel)).with_context(|| format!("reading {rel}"))?;
    let text = match decode::decode(rel, &bytes) {
        decode::Decoded::Text(t, d) => {
            diags.extend(d);
            t
        }
        decode::Decoded::Binary(d) => {
            diags.push(d);
            return Ok(());
        }
    };
    let fm = front_matter::parse_yaml(rel, &text, 0, 1);
    diags.extend(fm.diagnostic);
    for field in &fm.fields {
        if let Some(key) = meta::classify(&meta::canonical_key(&field.key)) {
            // `participating-sigs` and `owning-sig` become tags; reviewers are consulted.
            meta.set(
                key,
                &field.value,
                Located { value: String::new(), line: field.line, column: 1, file: Some(rel.to_string()) },
            );
        } else if field.key == "participating-sigs" {
            meta.set(
                Key::Tags,
                &field.value,
                Located { value: String::new(), line: field.line, column: 1, file: Some(rel.to_string()) },
            );
        }
    }
    Ok(())
}
