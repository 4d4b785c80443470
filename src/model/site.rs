//! The assemble stage: source documents become a [`Site`].
//!
//! Input: the load stage's [`Loaded`], the config and `today`. Output: a [`Site`] whose documents
//! (keyed by [`DocId`], so iteration order is deterministic) carry a normalised status, date,
//! number and title; links resolved to pages, assets or `broken-link` diagnostics; relations
//! (supersedes, amends, relates-to) shown on both sides; and backlinks from every kind.

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::discover::Collection;
use crate::load::git::GitHistory;
use crate::load::meta::{DateKey, Located};
use crate::load::{Loaded, SourceDoc};
use crate::model::attention::{self, Finding};
use crate::model::date::{date_in_name, parse_date};
use crate::model::identity;
use crate::model::standup::Notes;
use crate::model::status::{ParsedStatus, parse_status};
use crate::model::{DocId, DocKind, DocNumber, Status};
use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub use crate::model::links::{LinkTarget, PathIndex};

/// The part a person played in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Made the decision.
    Decider,
    /// Wrote the document.
    Author,
    /// Owns the page and keeps it current.
    Owner,
    /// Was consulted.
    Consulted,
    /// Was informed.
    Informed,
    /// Took part in a meeting.
    Participant,
}

impl Role {
    /// Label for the metadata panel.
    pub fn label(self) -> &'static str {
        match self {
            Role::Decider => "Deciders",
            Role::Author => "Authors",
            Role::Owner => "Owner",
            Role::Consulted => "Consulted",
            Role::Informed => "Informed",
            Role::Participant => "Participants",
        }
    }
}

/// How two documents relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationKind {
    /// This document replaces the target.
    Supersedes,
    /// The target replaces this document.
    SupersededBy,
    /// This document amends the target.
    Amends,
    /// The target amends this document.
    AmendedBy,
    /// Related, in both directions.
    RelatesTo,
}

impl RelationKind {
    /// The relation as seen from the other document.
    pub fn inverse(self) -> RelationKind {
        match self {
            RelationKind::Supersedes => RelationKind::SupersededBy,
            RelationKind::SupersededBy => RelationKind::Supersedes,
            RelationKind::Amends => RelationKind::AmendedBy,
            RelationKind::AmendedBy => RelationKind::Amends,
            RelationKind::RelatesTo => RelationKind::RelatesTo,
        }
    }

    /// Label for the document page.
    pub fn label(self) -> &'static str {
        match self {
            RelationKind::Supersedes => "Supersedes",
            RelationKind::SupersededBy => "Superseded by",
            RelationKind::Amends => "Amends",
            RelationKind::AmendedBy => "Amended by",
            RelationKind::RelatesTo => "Related",
        }
    }
}

/// A resolved relation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Relation {
    /// How this document relates to the target.
    pub kind: RelationKind,
    /// The other document.
    pub target: DocId,
}

/// A named date from the metadata (deadline, last reviewed, …), parsed when possible.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NamedDate {
    /// Which date.
    pub key: DateKey,
    /// As written.
    pub raw: String,
    /// Parsed, when it is a date.
    pub date: Option<Date>,
    /// 1-based line where it is written.
    pub line: u32,
}

/// A document with normalised metadata and resolved links.
#[derive(Clone, Debug)]
pub struct Doc {
    /// Site-wide id; also the page path without `.html`.
    pub id: DocId,
    /// Source path relative to the site directory.
    pub source: String,
    /// Index into [`Site::collections`].
    pub collection: usize,
    /// Kind.
    pub kind: DocKind,
    /// Number, for ADRs and RFCs that have one.
    pub number: Option<DocNumber>,
    /// `ADR-0005`, when the document has a number and its collection a prefix.
    pub display_id: Option<String>,
    /// Title.
    pub title: String,
    /// Normalised status.
    pub status: Option<Status>,
    /// The status label as written (cleaned of Markdown), for display.
    pub status_label: Option<String>,
    /// Line of the status in the source (1 when none).
    pub status_line: u32,
    /// The document's date.
    pub date: Option<Date>,
    /// The date text when it could not be parsed.
    pub date_raw: Option<String>,
    /// People and their roles, in the order written.
    pub people: Vec<(Role, String)>,
    /// Tags as written.
    pub tags: Vec<String>,
    /// Other facts for the metadata panel.
    pub info: Vec<(&'static str, String)>,
    /// Named dates.
    pub dates: Vec<NamedDate>,
    /// Relations, both declared here and declared by the other side, sorted.
    pub relations: Vec<Relation>,
    /// `superseded by X` where X is not a document of the site.
    pub unresolved_successor: Option<String>,
    /// Every link destination as written → where it goes.
    pub links: BTreeMap<String, LinkTarget>,
    /// Every resolved id mention (`ADR-5`, `RFC-2094a`, normalised by [`mention_key`]) → document.
    pub mentions: BTreeMap<String, DocId>,
    /// Documents that link to, mention or relate to this one.
    pub backlinks: Vec<DocId>,
    /// The document text.
    pub text: std::sync::Arc<str>,
    /// Byte offset of the Markdown body.
    pub body_start: usize,
    /// Byte range of the heading that became the title (not rendered in the body).
    pub title_range: Option<(usize, usize)>,
    /// Created and last-changed dates and last author from git, when trusted.
    pub git: Option<crate::load::git::FileHistory>,
    /// What needs attention, from the attention rules.
    pub findings: Vec<crate::model::attention::Finding>,
    /// What a standup or meeting note says: entries, blockers, action items.
    pub notes: Option<Box<Notes>>,
}

impl Doc {
    /// The successor named by a `superseded-by` relation.
    pub fn successor(&self) -> Option<&DocId> {
        self.relations.iter().find(|r| r.kind == RelationKind::SupersededBy).map(|r| &r.target)
    }

    /// People in `role`.
    pub fn people_in(&self, role: Role) -> impl Iterator<Item = &str> {
        self.people.iter().filter(move |(r, _)| *r == role).map(|(_, p)| p.as_str())
    }

    /// A bare document, for unit tests of rules.
    #[cfg(test)]
    pub fn for_test(id: &str, kind: DocKind, status: Option<Status>) -> Doc {
        Doc {
            id: DocId(id.into()),
            source: format!("{id}.md"),
            collection: 0,
            kind,
            number: None,
            display_id: None,
            title: id.into(),
            status,
            status_label: None,
            status_line: 1,
            date: None,
            date_raw: None,
            people: Vec::new(),
            tags: Vec::new(),
            info: Vec::new(),
            dates: Vec::new(),
            relations: Vec::new(),
            unresolved_successor: None,
            links: BTreeMap::new(),
            mentions: BTreeMap::new(),
            backlinks: Vec::new(),
            text: "".into(),
            body_start: 0,
            title_range: None,
            git: None,
            findings: Vec::new(),
            notes: None,
        }
    }
}

/// A tag and the documents that carry it.
#[derive(Clone, Debug, Default)]
pub struct Tag {
    /// The tag as first written.
    pub name: String,
    /// Documents, in id order.
    pub docs: Vec<DocId>,
}

/// A person and what they did.
#[derive(Clone, Debug, Default)]
pub struct Person {
    /// Name as first written.
    pub name: String,
    /// Roles per document, in id order.
    pub roles: Vec<(Role, DocId)>,
}

/// The whole site model.
#[derive(Debug)]
pub struct Site {
    /// Documents by id.
    pub docs: BTreeMap<DocId, Doc>,
    /// Collections; documents refer to them by index.
    pub collections: Vec<Collection>,
    /// Non-document files that documents link to; copied into the output.
    pub assets: BTreeSet<String>,
    /// Tags by slug.
    pub tags: BTreeMap<String, Tag>,
    /// People by slug.
    pub people: BTreeMap<String, Person>,
    /// Other keys of people (`ana` for `Ana Silva`) → their slug.
    pub aliases: BTreeMap<String, String>,
    /// The standup archive: weeks, entries, blockers and action items.
    pub archive: crate::model::archive::Archive,
    /// Diagnostics from loading and assembling, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

impl Site {
    /// The page slug of a person named in any of the ways they are written, when they have a
    /// page.
    pub fn person_slug(&self, name: &str) -> Option<&str> {
        person_slug(&self.people, &self.aliases, name)
    }
}

fn person_slug<'a>(
    people: &'a BTreeMap<String, Person>,
    aliases: &'a BTreeMap<String, String>,
    name: &str,
) -> Option<&'a str> {
    let key = person_key(name);
    let key = aliases.get(&key).map_or(key.as_str(), String::as_str);
    people.get_key_value(key).map(|(k, _)| k.as_str())
}

/// How well a spelling names a person: a full name beats a capitalised one beats a handle.
fn name_rank(name: &str) -> (bool, bool, bool) {
    (name.contains(' '), name.chars().next().is_some_and(char::is_uppercase), !name.starts_with('@'))
}

/// The key under which an id mention is stored: `ADR-5`, `RFC-2094a`.
pub fn mention_key(prefix: &str, number: &DocNumber) -> String {
    format!("{}-{}{}", prefix.to_uppercase(), number.value, number.suffix.map(String::from).unwrap_or_default())
}

/// Builds the site model from loaded sources, git history and `today`.
pub fn assemble(loaded: Loaded, config: &Config, git: &GitHistory, today: Date) -> Site {
    let Loaded { docs: sources, collections, files, mut diagnostics } = loaded;

    // Identity: ids, numbers, titles, statuses, dates.
    // Unique ids first (in source order, so suffixes are deterministic), then the rest of each
    // document's identity in parallel.
    let mut taken = BTreeSet::new();
    let ids: Vec<String> = sources
        .iter()
        .map(|src| {
            let col = &collections[src.collection];
            let mut id = format!("{}/{}", col.slug, identity::page_slug(&src.source, &col.path));
            if taken.contains(&id) {
                let base = id.clone();
                let mut n = 2;
                while taken.contains(&format!("{base}-{n}")) {
                    n += 1;
                }
                id = format!("{base}-{n}");
            }
            taken.insert(id.clone());
            id
        })
        .collect();
    let identified: Vec<(Doc, SourceDoc, Option<ParsedStatus>, Vec<Diagnostic>)> = sources
        .into_par_iter()
        .zip(ids)
        .map(|(src, id)| {
            let mut diags = Vec::new();
            let (doc, parsed) = identify(&src, &collections[src.collection], config, id, &mut diags);
            (doc, src, parsed, diags)
        })
        .collect();
    let mut docs: Vec<(Doc, SourceDoc, Option<ParsedStatus>)> = Vec::with_capacity(identified.len());
    for (doc, src, parsed, diags) in identified {
        diagnostics.extend(diags);
        docs.push((doc, src, parsed));
    }

    // Indexes for resolution.
    let mut paths = PathIndex { docs: BTreeMap::new(), files };
    let mut ids: BTreeMap<String, DocId> = BTreeMap::new();
    let mut id_sources: BTreeMap<String, String> = BTreeMap::new();
    let mut stems: BTreeMap<String, DocId> = BTreeMap::new();
    let mut by_source: Vec<usize> = (0..docs.len()).collect();
    by_source.sort_by(|&a, &b| docs[a].0.source.cmp(&docs[b].0.source));
    for &i in &by_source {
        let (doc, src, _) = &docs[i];
        paths.docs.insert(doc.source.clone(), doc.id.clone());
        stems.entry(identity::naming_stem(&doc.source).to_lowercase()).or_insert_with(|| doc.id.clone());
        if let (Some(n), Some(prefix)) = (&doc.number, &collections[doc.collection].id_prefix) {
            let key = mention_key(prefix, n);
            if let Some(first) = id_sources.get(&key) {
                let line = src.meta.number.as_ref().map_or(1, |n| n.line);
                diagnostics.push(
                    Diagnostic::warning(
                        &doc.source,
                        line,
                        1,
                        Code::DuplicateId,
                        format!("{} is also the id of {first}", doc.display_id.as_deref().unwrap_or(&key)),
                    )
                    .with_help("give each document its own number; references by id go to the first one"),
                );
            } else {
                id_sources.insert(key.clone(), doc.source.clone());
                ids.insert(key, doc.id.clone());
            }
        }
    }

    // Links, mentions, relations.
    // Each document resolves on its own (in parallel); the results are merged in order.
    #[derive(Default)]
    struct Resolved {
        assets: Vec<String>,
        edges: Vec<(DocId, RelationKind, DocId)>,
        refs: Vec<(DocId, DocId)>,
        diags: Vec<Diagnostic>,
    }
    let resolved: Vec<Resolved> = docs
        .par_iter_mut()
        .map(|(doc, src, parsed)| {
            let mut out = Resolved::default();
            for link in &src.links {
                if doc.links.contains_key(&link.dest) {
                    if matches!(doc.links[&link.dest], LinkTarget::Broken) {
                        report_broken(&paths, doc, src, link, &mut out.diags);
                    }
                    continue;
                }
                let target = paths.resolve(&doc.source, &link.dest);
                match &target {
                    LinkTarget::Doc(to, _) => out.refs.push((doc.id.clone(), to.clone())),
                    LinkTarget::Asset(path, _) => {
                        out.assets.push(path.clone());
                    }
                    LinkTarget::Broken => report_broken(&paths, doc, src, link, &mut out.diags),
                    LinkTarget::External => {}
                }
                doc.links.insert(link.dest.clone(), target);
            }
            let own_prefix = collections[doc.collection].id_prefix.clone();
            for m in &src.mentions {
                let key = mention_key(&m.prefix, &m.number);
                let bare = mention_key(&m.prefix, &DocNumber { suffix: None, ..m.number.clone() });
                if let Some(to) = ids.get(&key).or_else(|| ids.get(&bare)) {
                    out.refs.push((doc.id.clone(), to.clone()));
                    doc.mentions.insert(key, to.clone());
                }
            }
            let mut declared: Vec<(RelationKind, Located)> = src.meta.relations.clone();
            if let Some(successor) = parsed.as_ref().and_then(|p| p.successor.clone()) {
                let at = src.meta.status.clone().expect("a parsed status comes from a located status");
                declared.push((RelationKind::SupersededBy, Located { value: successor, ..at }));
            }
            for (kind, at) in declared {
                match resolve_reference(&paths, &ids, &stems, own_prefix.as_deref(), &doc.source, &at.value) {
                    Some(to) if to != doc.id => out.edges.push((doc.id.clone(), kind, to)),
                    Some(_) => {}
                    None => {
                        if kind == RelationKind::SupersededBy {
                            doc.unresolved_successor.get_or_insert_with(|| at.value.clone());
                        }
                        if at.value.contains("://") || kind == RelationKind::SupersededBy {
                            // A relation to a document in another repository is legitimate, and a
                            // missing successor is reported by its own rule.
                            continue;
                        }
                        let file = at.file.clone().unwrap_or_else(|| doc.source.clone());
                        out.diags.push(
                            Diagnostic::warning(
                                file,
                                at.line,
                                at.column,
                                Code::BrokenLink,
                                format!(
                                    "{} `{}`, which is not a document in this site",
                                    kind.label().to_lowercase(),
                                    at.value
                                ),
                            )
                            .with_help(
                                "refer to the other document by relative path (`0007-x.md`) or by id (`ADR-0007`)",
                            ),
                        );
                    }
                }
            }
            out
        })
        .collect();
    let mut assets = BTreeSet::new();
    let mut edges: Vec<(DocId, RelationKind, DocId)> = Vec::new();
    let mut refs: Vec<(DocId, DocId)> = Vec::new();
    for r in resolved {
        assets.extend(r.assets);
        edges.extend(r.edges);
        refs.extend(r.refs);
        diagnostics.extend(r.diags);
    }

    // Relations on both sides, backlinks from every kind.
    let mut relations: BTreeMap<DocId, BTreeSet<Relation>> = BTreeMap::new();
    for (from, kind, to) in &edges {
        relations.entry(from.clone()).or_default().insert(Relation { kind: *kind, target: to.clone() });
        relations.entry(to.clone()).or_default().insert(Relation { kind: kind.inverse(), target: from.clone() });
        refs.push((from.clone(), to.clone()));
    }
    let mut backlinks: BTreeMap<DocId, BTreeSet<DocId>> = BTreeMap::new();
    for (from, to) in refs {
        if from != to {
            backlinks.entry(to).or_default().insert(from);
        }
    }

    let mut site = Site {
        docs: BTreeMap::new(),
        collections,
        assets,
        tags: BTreeMap::new(),
        people: BTreeMap::new(),
        aliases: BTreeMap::new(),
        archive: Default::default(),
        diagnostics: Vec::new(),
    };
    for (mut doc, _, _) in docs {
        doc.relations = relations.remove(&doc.id).map(|r| r.into_iter().collect()).unwrap_or_default();
        doc.backlinks = backlinks.remove(&doc.id).map(|b| b.into_iter().collect()).unwrap_or_default();
        for tag in &doc.tags {
            let slug = crate::text::slugify(tag);
            if slug.is_empty() {
                continue;
            }
            let entry = site.tags.entry(slug).or_insert_with(|| Tag { name: tag.clone(), docs: Vec::new() });
            if entry.docs.last() != Some(&doc.id) {
                entry.docs.push(doc.id.clone());
            }
        }
        for (role, name) in &doc.people {
            let slug = person_key(name);
            if slug.is_empty() {
                continue;
            }
            let entry = site.people.entry(slug).or_insert_with(|| Person { name: name.clone(), roles: Vec::new() });
            if name_rank(name) > name_rank(&entry.name) {
                entry.name = name.clone();
            }
            entry.roles.push((*role, doc.id.clone()));
        }
        site.docs.insert(doc.id.clone(), doc);
    }
    // `@ana` and `Ana` are `Ana Silva` when she is the only Ana with a full name.
    let singles: Vec<String> = site.people.keys().filter(|k| !k.contains('-')).cloned().collect();
    for single in singles {
        let prefix = format!("{single}-");
        let mut full = site.people.iter().filter(|(k, p)| k.starts_with(&prefix) && p.name.contains(' '));
        if let (Some((target, _)), None) = (full.next(), full.next()) {
            let target = target.clone();
            let merged = site.people.remove(&single).expect("listed above");
            site.people.get_mut(&target).expect("listed above").roles.extend(merged.roles);
            site.aliases.insert(single, target);
        }
    }
    for person in site.people.values_mut() {
        person.roles.sort_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
        person.roles.dedup();
    }

    // Git dates, when the history can be trusted.
    for doc in site.docs.values_mut() {
        doc.git = git.file(&doc.source).cloned();
    }
    if *git == GitHistory::Shallow {
        diagnostics.push(
            Diagnostic::warning("", 1, 1, Code::ShallowClone, "this is a shallow clone, so git dates are not used")
                .with_help(
                    "fetch the whole history: `fetch-depth: 0` with actions/checkout, or `git fetch --unshallow`",
                ),
        );
    }

    // Attention rules, then the document problems found earlier, as findings on the site.
    let policy = config.policy();
    let mut findings: Vec<Finding> =
        site.docs.par_iter().flat_map_iter(|(_, d)| attention::evaluate(d, &site.docs, today, &policy)).collect();
    for f in &findings {
        let source = &site.docs[&f.doc].source;
        diagnostics.push(Diagnostic::warning(source, f.line, 1, f.code, &f.message).with_help(attention_help(f.code)));
    }
    let (archive, archive_findings) = crate::model::archive::build(
        &site.docs,
        &|name| person_slug(&site.people, &site.aliases, name).map(|s| (s.to_string(), site.people[s].name.clone())),
        today,
        policy.stale_blocker_after,
    );
    for f in &archive_findings {
        let source = &site.docs[&f.doc].source;
        diagnostics.push(Diagnostic::warning(source, f.line, 1, f.code, &f.message).with_help(attention_help(f.code)));
    }
    findings.extend(archive_findings);
    site.archive = archive;
    let by_source: BTreeMap<&str, &DocId> = site.docs.values().map(|d| (d.source.as_str(), &d.id)).collect();
    for d in &diagnostics {
        if !matches!(d.code, Code::BrokenLink | Code::DuplicateId | Code::UnknownStatus) {
            continue;
        }
        // A problem in a `kep.yaml` belongs to the KEP's README.
        let readme = d.path.strip_suffix("kep.yaml").map(|dir| format!("{dir}README.md"));
        let Some(id) = by_source.get(d.path.as_str()).or_else(|| readme.as_deref().and_then(|r| by_source.get(r)))
        else {
            continue;
        };
        let doc = &site.docs[*id];
        let owner = [Role::Owner, Role::Decider, Role::Author]
            .iter()
            .find_map(|r| doc.people_in(*r).next().map(str::to_string));
        findings.push(Finding {
            code: d.code,
            doc: (*id).clone(),
            since: None,
            owner,
            message: d.message.clone(),
            line: d.line,
        });
    }

    // Severities from `[attention.severity]`: `off` removes a code everywhere.
    let severity = &config.attention.severity;
    diagnostics.retain_mut(|d| match severity.get(&d.code) {
        Some(None) => false,
        Some(Some(s)) => {
            d.severity = *s;
            true
        }
        None => true,
    });
    findings.retain(|f| severity.get(&f.code) != Some(&None));
    findings.sort();
    findings.dedup();
    for f in findings {
        if let Some(doc) = site.docs.get_mut(&f.doc) {
            doc.findings.push(f);
        }
    }
    diagnostics.sort();
    diagnostics.dedup();
    site.diagnostics = diagnostics;
    site
}

/// What to do about a finding.
fn attention_help(code: Code) -> &'static str {
    match code {
        Code::ReviewOverdue => "review the page, then update `last_reviewed` (or set `review_every`)",
        Code::RevisitDue => "revisit the decision and move `review_by` forward, or supersede it",
        Code::Stagnant => "accept, reject or withdraw it, or record progress with `last_updated`",
        Code::DeadlinePassed => "record the decision (accepted or rejected), or move the deadline",
        Code::Contradiction => "set its status to `superseded by …` its successor",
        Code::MissingSuccessor => "link the successor by relative path (`0007-x.md`) or id (`ADR-0007`)",
        Code::OverdueAction => "do it and tick it (`- [x]`) in a later note, or write a new due date",
        Code::StaleBlocker => "ask who can unblock them, or write `Blocked: none` in their next update",
        _ => "",
    }
}

fn report_broken(
    paths: &PathIndex,
    doc: &Doc,
    src: &SourceDoc,
    link: &crate::load::scan::RawLink,
    diags: &mut Vec<Diagnostic>,
) {
    let (line, col) = crate::diagnostic::line_col(&src.text, link.offset);
    let what = if link.image { "image" } else { "link" };
    let help = paths
        .suggest(&doc.source, &link.dest)
        .unwrap_or_else(|| "the target is not in the site directory; fix the path or link to an absolute URL".into());
    diags.push(
        Diagnostic::warning(
            &doc.source,
            line,
            col,
            Code::BrokenLink,
            format!("{what} target `{}` does not exist", link.dest),
        )
        .with_help(help),
    );
}

/// Resolves a relation reference: a relative path, an id (`ADR-0019`, `#33`), an absolute URL
/// ending in a document's file name, or a bare file stem.
fn resolve_reference(
    paths: &PathIndex,
    ids: &BTreeMap<String, DocId>,
    stems: &BTreeMap<String, DocId>,
    own_prefix: Option<&str>,
    from: &str,
    reference: &str,
) -> Option<DocId> {
    let reference = reference.trim().trim_matches(['"', '\'', '`']);
    if let Some((prefix, number)) = identity::parse_id_reference(reference) {
        let prefix = prefix.or_else(|| own_prefix.map(str::to_string))?;
        return ids.get(&mention_key(&prefix, &number)).cloned();
    }
    if reference.contains("://") {
        let path = reference.split(['#', '?']).next().unwrap_or(reference).trim_end_matches('/');
        let last = path.rsplit('/').next().unwrap_or(path);
        let stem = last.trim_end_matches(".md");
        return stems.get(&stem.to_lowercase()).cloned();
    }
    let resolved =
        if reference.starts_with('/') { paths.resolve_from_root(reference) } else { paths.resolve(from, reference) };
    if let LinkTarget::Doc(id, _) = resolved {
        return Some(id);
    }
    let last = reference.trim_end_matches('/').rsplit('/').next().unwrap_or(reference);
    stems.get(&last.trim_end_matches(".md").to_lowercase()).cloned()
}

/// Works out a document's identity and normalised metadata.
fn identify(
    src: &SourceDoc,
    col: &Collection,
    config: &Config,
    id: String,
    diags: &mut Vec<Diagnostic>,
) -> (Doc, Option<ParsedStatus>) {
    let meta = &src.meta;

    let heading = src.title_heading.as_ref();
    let heading_title = heading.and_then(|h| identity::title_from_heading(&h.text));
    let mut number = None;
    if col.kind.is_decision() {
        number = meta
            .number
            .as_ref()
            .and_then(|n| {
                DocNumber::parse(n.value.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '-' || c == ' '))
            })
            .or_else(|| identity::number_from_name(&src.source))
            .or_else(|| {
                heading
                    .and_then(|h| identity::split_heading_number(crate::load::dialect::strip_title_status(&h.text)).0)
            });
    }
    let display_id = match (&number, &col.id_prefix) {
        (Some(n), Some(prefix)) => Some(format!("{prefix}-{}", n.display())),
        _ => None,
    };

    let front_title = meta.title.as_ref().map(|t| crate::text::plain_inline(&t.value)).filter(|t| !t.is_empty());
    let mut title_range = None;
    let title = match (&front_title, &heading_title) {
        (Some(t), Some(h)) => {
            if t.eq_ignore_ascii_case(h) {
                title_range = heading.map(|h| (h.start, h.end));
            }
            t.clone()
        }
        (Some(t), None) => t.clone(),
        (None, Some(h)) => {
            title_range = heading.map(|h| (h.start, h.end));
            h.clone()
        }
        (None, None) => fallback_title(src, col.kind),
    };

    let parsed = meta.status.as_ref().map(|s| parse_status(&s.value, &config.statuses));
    let mut status = None;
    let mut status_label = None;
    if let (Some(p), Some(at)) = (&parsed, &meta.status) {
        status = p.status;
        if !p.label.is_empty() {
            status_label = Some(short_label(&p.label));
        }
        let file = at.file.clone().unwrap_or_else(|| src.source.clone());
        if p.placeholder {
            diags.push(
                Diagnostic::warning(
                    file,
                    at.line,
                    at.column,
                    Code::UnknownStatus,
                    format!("status `{}` is a template placeholder", p.label),
                )
                .with_help("replace it with one status, such as `accepted`"),
            );
            status_label = None;
        } else if p.status.is_none() {
            let help = match p.suggestion {
                Some(s) => format!(
                    "did you mean `{s}`? or map this label in adrsite.toml: [statuses] \"{}\" = \"accepted\"",
                    p.label.to_lowercase()
                ),
                None => format!(
                    "use a known status (accepted, proposed, rejected, deprecated, superseded, draft, …) or map it in adrsite.toml: [statuses] \"{}\" = \"accepted\"",
                    p.label.to_lowercase()
                ),
            };
            diags.push(
                Diagnostic::warning(
                    file,
                    at.line,
                    at.column,
                    Code::UnknownStatus,
                    format!("unknown status `{}`", p.label),
                )
                .with_help(help),
            );
        }
    }

    let mut date = None;
    let mut date_raw = None;
    let path_date = date_from_path(&src.source, &col.path);
    if let Some((_, at)) = &meta.date {
        date = parse_date(&at.value);
        if date.is_none() {
            date_raw = Some(at.value.clone());
            diags.push(bad_date(src, at));
        } else if crate::model::date::is_ambiguous(&at.value) {
            // `03/04/2026`: a date in the file name settles which reading is meant.
            let swapped = date.and_then(|d| jiff::civil::Date::new(d.year(), d.day(), d.month()).ok());
            match path_date {
                Some(p) if Some(p) == date || Some(p) == swapped => date = Some(p),
                _ => diags.push(ambiguous_date(src, at, date)),
            }
        }
    }
    if date.is_none() {
        date = path_date;
    }
    if date.is_none()
        && let Some(d) = meta.dates.iter().find(|(k, _)| *k == DateKey::LastUpdated)
    {
        date = parse_date(&d.1.value);
    }
    let mut people = meta.people.clone();
    let mut notes = None;
    if col.kind == DocKind::Standup {
        let (n, found) = read_notes(src, col, date, &title, &mut people);
        date = date.or(found);
        notes = Some(Box::new(n));
    }
    let dates = meta
        .dates
        .iter()
        .map(|(key, at)| {
            let parsed = if *key == DateKey::ReviewEvery { None } else { parse_date(&at.value) };
            if *key == DateKey::ReviewEvery {
                if crate::model::date::parse_duration(&at.value).is_none() {
                    let file = at.file.clone().unwrap_or_else(|| src.source.clone());
                    diags.push(
                        Diagnostic::warning(
                            file,
                            at.line,
                            at.column,
                            Code::BadDate,
                            format!("`{}` is not a duration", at.value),
                        )
                        .with_help("write a review interval as `90d`, `6 months` or `1y`"),
                    );
                }
            } else if parsed.is_none() {
                diags.push(bad_date(src, at));
            }
            NamedDate { key: *key, raw: at.value.clone(), date: parsed, line: at.line }
        })
        .collect();

    let mut tags: Vec<String> = Vec::new();
    for t in &meta.tags {
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            tags.push(t.clone());
        }
    }
    let doc = Doc {
        id: DocId(id),
        source: src.source.clone(),
        collection: src.collection,
        kind: col.kind,
        number,
        display_id,
        title,
        status,
        status_label,
        status_line: meta.status.as_ref().filter(|s| s.file.is_none()).map_or(1, |s| s.line),
        date,
        date_raw,
        people,
        tags,
        info: meta.info.iter().map(|(l, v)| (*l, crate::text::plain_inline(v))).collect(),
        dates,
        relations: Vec::new(),
        unresolved_successor: None,
        links: BTreeMap::new(),
        mentions: BTreeMap::new(),
        backlinks: Vec::new(),
        text: src.text.clone(),
        body_start: src.body_start,
        title_range,
        git: None,
        findings: Vec::new(),
        notes,
    };
    (doc, parsed)
}

/// Reads a standup's entries, participants and action items; adds the people it names to
/// `people` and returns the date it found (a `Date:` line, a heading or the title) for a document
/// that had none.
fn read_notes(
    src: &SourceDoc,
    col: &Collection,
    date: Option<Date>,
    title: &str,
    people: &mut Vec<(Role, String)>,
) -> (Notes, Option<Date>) {
    let rel = src.source.strip_prefix(&col.path).unwrap_or(&src.source).trim_start_matches('/');
    let year = year_from_path(rel);
    let first_line = u32::try_from(src.text[..src.body_start].matches('\n').count() + 1).unwrap_or(1);
    let author = people.iter().find(|(r, _)| matches!(r, Role::Author | Role::Owner)).map(|(_, p)| p.clone());
    let mut notes = crate::model::standup::read(&src.text[src.body_start..], first_line, author.as_deref(), date, year);
    let found =
        if date.is_none() { notes.date.or_else(|| crate::model::date::date_in_text(title, year)) } else { None };
    // One person's file, named by its path: `ana/2026-03-04.md`, `2026-03-04-ana.md`.
    if let [only] = notes.entries.as_mut_slice()
        && only.person.is_none()
    {
        // A handle from a path (`ana`) reads as a name (`Ana`) until a fuller one turns up.
        only.person = person_from_path(rel).map(|p| {
            let mut chars = p.chars();
            chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        });
    }
    let known = |people: &Vec<(Role, String)>, name: &str| {
        let key = person_key(name);
        people.iter().any(|(_, p)| person_key(p) == key)
    };
    for name in notes.entries.iter().filter_map(|e| e.person.clone()) {
        if !known(people, &name) {
            people.push((Role::Author, name));
        }
    }
    for name in &notes.participants {
        if !known(people, name) {
            people.push((Role::Participant, name.clone()));
        }
    }
    (notes, found)
}

/// The key a person is known by: `Ana`, `@ana` and `**Ana**` are one person, and
/// `Alan Shaw (@alanshaw)` is `alanshaw`.
pub fn person_key(name: &str) -> String {
    let name = name.trim().trim_matches(['*', '_']);
    if let Some((_, paren)) = name.split_once("(@") {
        return crate::text::slugify(paren.trim_end_matches(')'));
    }
    crate::text::slugify(name.trim_start_matches('@'))
}

/// A four-digit year among the folders of a path inside its collection (`2026/Q1/…`).
fn year_from_path(rel: &str) -> Option<i16> {
    let (folders, _) = rel.rsplit_once('/')?;
    folders.split('/').filter_map(|f| f.parse::<i16>().ok()).find(|y| (1970..=2100).contains(y))
}

/// The person a per-person standup file belongs to, from its path: the folder in
/// `ana/2026-03-04.md`, or the word after the date in `2026-03-04-ana.md`.
fn person_from_path(rel: &str) -> Option<String> {
    let (folders, file) = rel.rsplit_once('/').map_or(("", rel), |(f, n)| (f, n));
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let word = |w: &str| {
        !w.is_empty()
            && w.len() <= 30
            && w.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
            && w.chars().any(char::is_alphabetic)
    };
    if date_in_name(stem).is_some() {
        let rest: String = stem.chars().skip_while(|c| c.is_ascii_digit() || matches!(c, '-' | '_' | '.')).collect();
        let rest = rest.trim_matches(['-', '_']);
        if word(rest) && crate::model::date::date_in_text(rest, Some(2000)).is_none() {
            return Some(rest.to_string());
        }
    }
    let folder = folders.rsplit('/').next().unwrap_or("");
    let date_like = folder.chars().all(|c| c.is_ascii_digit())
        || (folder.len() == 2 && folder.starts_with(['q', 'Q']))
        || crate::model::date::date_in_text(&format!("{folder} 1"), Some(2000)).is_some();
    (word(folder) && !date_like && date_in_name(stem).is_some()).then(|| folder.to_string())
}

fn ambiguous_date(src: &SourceDoc, at: &Located, read: Option<Date>) -> Diagnostic {
    let file = at.file.clone().unwrap_or_else(|| src.source.clone());
    let read = read.map_or(String::new(), |d| d.strftime("%-d %B %Y").to_string());
    Diagnostic::info(
        file,
        at.line,
        at.column,
        Code::AmbiguousDate,
        format!("`{}` could be day-first or month-first; read as {read} (day first)", at.value.trim()),
    )
    .with_help("write dates as YYYY-MM-DD, or put the date in the file name (`2026-03-04-…`)")
}

fn bad_date(src: &SourceDoc, at: &Located) -> Diagnostic {
    let file = at.file.clone().unwrap_or_else(|| src.source.clone());
    Diagnostic::warning(
        file,
        at.line,
        at.column,
        Code::BadDate,
        format!("`{}` is not a date adrsite can read", at.value),
    )
    .with_help("write dates as YYYY-MM-DD; the text is shown as written")
}

/// A status label short enough for a badge: the first clause, without links or explanations.
fn short_label(label: &str) -> String {
    let first = label.split(['(', '\n', '.']).next().unwrap_or(label).trim();
    let first = if first.is_empty() { label } else { first };
    if first.chars().count() > 40 { first.chars().take(40).collect::<String>() + "…" } else { first.to_string() }
}

/// A date in the file name, else in a folder name inside the collection.
fn date_from_path(source: &str, collection_path: &str) -> Option<Date> {
    let rel = source.strip_prefix(collection_path).unwrap_or(source);
    rel.rsplit('/').find_map(date_in_name)
}

fn fallback_title(src: &SourceDoc, kind: DocKind) -> String {
    let stem = identity::naming_stem(&src.source);
    // A file name of one word (`2094-nll`) says less than the RFC's `Feature Name`.
    let from_name = crate::text::title_from_name(stem);
    if !from_name.contains(' ')
        && let Some((_, name)) = src.meta.info.iter().find(|(l, _)| *l == "Feature name")
    {
        let name = crate::text::plain_inline(name);
        if !name.is_empty() && !name.contains('[') {
            return name;
        }
    }
    if kind == DocKind::Standup
        && let Some((_, who)) = src.meta.people.iter().find(|(r, _)| matches!(r, Role::Author | Role::Owner))
    {
        let when =
            src.meta.date.as_ref().map(|(_, d)| d.value.clone()).or_else(|| date_in_name(stem).map(|d| d.to_string()));
        return match when {
            Some(d) => format!("{who} — {d}"),
            None => who.clone(),
        };
    }
    from_name
}
