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
            }
        })
        .collect();
    let mut json =
        serde_json::to_string_pretty(&Api { version: 1, documents }).expect("serialising plain data cannot fail");
    json.push('\n');
    json
}
