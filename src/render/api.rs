//! `api/docs.json`: every document with its metadata and links, for scripts and other tools.
//!
//! Input: the [`Site`]. Output: deterministic, pretty-printed JSON (format version 1).

use crate::model::Site;
use crate::model::site::LinkTarget;
use crate::vocab::DocId;
use crate::vocab::Role;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Serialize)]
struct Api<'a> {
    version: u32,
    documents: Vec<ApiDoc<'a>>,
}

#[derive(Serialize)]
struct ApiDoc<'a> {
    id: &'a str,
    kind: crate::vocab::DocKind,
    number: Option<String>,
    display_id: Option<&'a str>,
    title: &'a str,
    status: Option<crate::vocab::Status>,
    status_raw: Option<&'a str>,
    date: Option<String>,
    /// Named dates (deadline, review dates) as ISO dates, or as written when not a date.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    dates: BTreeMap<&'static str, String>,
    people: BTreeMap<Role, Vec<&'a str>>,
    tags: &'a [String],
    source: &'a str,
    url: String,
    relations: &'a [crate::vocab::Relation],
    links_out: Vec<&'a DocId>,
    links_in: &'a [DocId],
    #[serde(skip_serializing_if = "Option::is_none")]
    git: Option<ApiGit<'a>>,
    /// Each status it has had, oldest first, with the day and the commit that set it.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    history: &'a [crate::model::history::Step],
}

#[derive(Serialize)]
struct ApiGit<'a> {
    created: String,
    changed: String,
    author: &'a str,
}

/// The JSON name of a named date.
fn date_key(key: crate::vocab::DateKey) -> &'static str {
    use crate::vocab::DateKey;
    match key {
        DateKey::Deadline => "deadline",
        DateKey::CommentsBy => "comments_by",
        DateKey::ReviewBy => "review_by",
        DateKey::LastReviewed => "last_reviewed",
        DateKey::ReviewEvery => "review_every",
        DateKey::LastUpdated => "last_updated",
    }
}

/// The JSON text of `api/docs.json`.
pub fn docs_json(site: &Site) -> String {
    let documents = site
        .docs
        .values()
        .map(|d| {
            let mut people: BTreeMap<Role, Vec<&str>> = BTreeMap::new();
            for (role, name) in &d.people {
                people.entry(*role).or_default().push(site.names.show(name));
            }
            let mut out: BTreeSet<&DocId> = d
                .links
                .values()
                .filter_map(|t| match t {
                    LinkTarget::Doc(id, _) => Some(id),
                    _ => None,
                })
                .collect();
            out.extend(d.mentions.values());
            out.extend(d.relations.iter().map(|r| &r.target));
            out.remove(&d.id);
            ApiDoc {
                id: &d.id.0,
                kind: d.kind,
                number: d.number.as_ref().map(|n| n.display()),
                display_id: d.display_id.as_deref(),
                title: &d.title,
                status: d.status,
                status_raw: d.status_label.as_deref(),
                date: d.date.map(|x| x.to_string()),
                dates: d
                    .dates
                    .iter()
                    .map(|n| (date_key(n.key), n.date.map_or_else(|| n.raw.clone(), |x| x.to_string())))
                    .collect(),
                people,
                tags: &d.tags,
                source: &d.source,
                url: d.id.page_path(),
                relations: &d.relations,
                links_out: out.into_iter().collect(),
                links_in: &d.backlinks,
                git: d.git.as_ref().map(|g| ApiGit {
                    created: g.created.to_string(),
                    changed: g.changed.to_string(),
                    author: &g.author,
                }),
                history: &d.history,
            }
        })
        .collect();
    let mut json =
        serde_json::to_string_pretty(&Api { version: 1, documents }).expect("serialising plain data cannot fail");
    json.push('\n');
    json
}

#[derive(Serialize)]
struct AttentionApi<'a> {
    version: u32,
    today: String,
    counts: BTreeMap<&'static str, usize>,
    findings: Vec<ApiFinding<'a>>,
}

#[derive(Serialize)]
struct ApiFinding<'a> {
    code: &'static str,
    doc: &'a str,
    title: &'a str,
    source: &'a str,
    line: u32,
    url: String,
    since: Option<String>,
    owner: Option<&'a str>,
    message: &'a str,
}

/// The JSON text of `api/attention.json`: every finding, with the date the rules used.
pub fn attention_json(site: &Site, today: jiff::civil::Date) -> String {
    let mut counts = BTreeMap::new();
    let mut findings = Vec::new();
    for doc in site.docs.values() {
        for f in &doc.findings {
            *counts.entry(f.code.as_str()).or_insert(0) += 1;
            findings.push(ApiFinding {
                code: f.code.as_str(),
                doc: &doc.id.0,
                title: &doc.title,
                source: &doc.source,
                line: f.line,
                url: doc.id.page_path(),
                since: f.since.map(|d| d.to_string()),
                owner: f.owner.as_deref(),
                message: &f.message,
            });
        }
    }
    let api = AttentionApi { version: 1, today: today.to_string(), counts, findings };
    let mut json = serde_json::to_string_pretty(&api).expect("serialising plain data cannot fail");
    json.push('\n');
    json
}

#[derive(Serialize)]
struct StandupsApi<'a> {
    version: u32,
    today: String,
    entries: Vec<ApiEntry<'a>>,
    open_blockers: Vec<ApiBlocker<'a>>,
    resolved_blockers: Vec<ApiBlocker<'a>>,
    actions: Vec<ApiAction<'a>>,
    undated: Vec<&'a str>,
    indexes: Vec<&'a str>,
}

#[derive(Serialize)]
struct ApiEntry<'a> {
    doc: &'a str,
    url: String,
    date: String,
    person: Option<&'a str>,
    person_slug: Option<&'a str>,
    line: u32,
    done: &'a [String],
    doing: &'a [String],
    blocker: Option<String>,
}

#[derive(Serialize)]
struct ApiBlocker<'a> {
    person: &'a str,
    name: &'a str,
    text: &'a str,
    since: String,
    doc: &'a str,
    url: String,
    resolved_on: Option<String>,
}

#[derive(Serialize)]
struct ApiAction<'a> {
    state: &'static str,
    owner: Option<&'a str>,
    owner_slug: Option<&'a str>,
    text: &'a str,
    due: Option<String>,
    first_seen: Option<String>,
    doc: &'a str,
    url: String,
    source: &'a str,
    line: u32,
}

/// The JSON text of `api/standups.json`: every standup entry, the open and resolved blockers
/// and the action items, as the archive pages show them.
pub fn standups_json(site: &Site, today: jiff::civil::Date) -> String {
    let a = &site.archive;
    let notes = |id: &DocId| site.docs[id].notes.as_deref().expect("archive entries come from notes");
    let entries = a
        .entries
        .iter()
        .map(|r| {
            let e = &notes(&r.doc).entries[r.index];
            ApiEntry {
                doc: &r.doc.0,
                url: r.doc.page_path(),
                date: r.date.to_string(),
                person: e.person.as_deref(),
                person_slug: r.person.as_deref(),
                line: e.line,
                done: &e.done,
                doing: &e.doing,
                blocker: e.blocker().map(|b| b.text()),
            }
        })
        .collect();
    fn blockers(list: &[crate::model::archive::Blocker]) -> Vec<ApiBlocker<'_>> {
        list.iter()
            .map(|b| ApiBlocker {
                person: &b.person,
                name: &b.name,
                text: &b.text,
                since: b.since.to_string(),
                doc: &b.entry.doc.0,
                url: b.entry.doc.page_path(),
                resolved_on: b.resolved.as_ref().map(|r| r.date.to_string()),
            })
            .collect()
    }
    let actions = a
        .actions
        .iter()
        .map(|x| {
            let item = &notes(&x.doc).actions[x.index];
            ApiAction {
                state: x.state.as_str(),
                owner: item.owner.as_deref(),
                owner_slug: x.owner.as_deref(),
                text: &item.text,
                due: item.due.map(|d| d.to_string()),
                first_seen: x.first_seen.map(|d| d.to_string()),
                doc: &x.doc.0,
                url: x.doc.page_path(),
                source: &site.docs[&x.doc].source,
                line: item.line,
            }
        })
        .collect();
    let api = StandupsApi {
        version: 1,
        today: today.to_string(),
        entries,
        open_blockers: blockers(&a.open_blockers),
        resolved_blockers: blockers(&a.resolved_blockers),
        actions,
        undated: a.undated.iter().map(|d| d.0.as_str()).collect(),
        indexes: a.indexes.iter().map(|d| d.0.as_str()).collect(),
    };
    let mut json = serde_json::to_string_pretty(&api).expect("serialising plain data cannot fail");
    json.push('\n');
    json
}
