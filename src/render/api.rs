//! `api/docs.json`: every document with its metadata and links, for scripts and other tools.
//!
//! Input: the [`Site`]. Output: deterministic, pretty-printed JSON (format version 1).

use crate::model::site::{LinkTarget, Role};
use crate::model::{DocId, Site};
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
    kind: crate::model::DocKind,
    number: Option<String>,
    display_id: Option<&'a str>,
    title: &'a str,
    status: Option<crate::model::Status>,
    status_raw: Option<&'a str>,
    date: Option<String>,
    people: BTreeMap<Role, Vec<&'a str>>,
    tags: &'a [String],
    source: &'a str,
    url: String,
    relations: &'a [crate::model::Relation],
    links_out: Vec<&'a DocId>,
    links_in: &'a [DocId],
    #[serde(skip_serializing_if = "Option::is_none")]
    git: Option<ApiGit<'a>>,
}

#[derive(Serialize)]
struct ApiGit<'a> {
    created: String,
    changed: String,
    author: &'a str,
}

/// The JSON text of `api/docs.json`.
pub fn docs_json(site: &Site) -> String {
    let documents = site
        .docs
        .values()
        .map(|d| {
            let mut people: BTreeMap<Role, Vec<&str>> = BTreeMap::new();
            for (role, name) in &d.people {
                people.entry(*role).or_default().push(name);
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
