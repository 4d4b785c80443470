//! The index-status pass: a decision that states no status takes the one a process's index
//! table gives it (`FULL_INDEX.md`: `[16](…/issues/16)|RFC Process|@ana|✅ done`).
//!
//! Input: the identified documents and the id index. Output: the same documents, those that
//! stated nothing now with the status of the first index row that names them, by a link that
//! resolves to them or by their number (unique under the index's folder).

use crate::config::Config;
use crate::load::SourceDoc;
use crate::load::status::{ParsedStatus, parse_status};
use crate::model::assemble::identify::Identified;
use crate::model::assemble::index::Index;
use crate::model::links::LinkTarget;
use crate::vocab::DocId;
use std::collections::{BTreeMap, HashMap};

/// Gives documents with no status the status their process's index states.
pub(super) fn apply(docs: &mut [(Identified, SourceDoc, Option<ParsedStatus>)], index: &Index, config: &Config) {
    if docs.iter().all(|(_, src, _)| src.index_rows.is_empty()) {
        return;
    }
    let position: HashMap<DocId, usize> = docs.iter().enumerate().map(|(i, (d, ..))| (d.id.clone(), i)).collect();
    let mut found: BTreeMap<usize, String> = BTreeMap::new();
    for (doc, src, _) in docs.iter() {
        let folder = src.source.rsplit_once('/').map_or("", |(f, _)| f);
        for row in &src.index_rows {
            let by_link = row.links.iter().find_map(|dest| match index.paths.resolve(&src.source, dest) {
                LinkTarget::Doc(id, _) => Some(id),
                _ if dest.contains("://") => {
                    let name =
                        dest.split(['#', '?']).next().unwrap_or(dest).trim_end_matches('/').rsplit('/').next()?;
                    index.stems.get(&crate::vocab::markdown_name::stem(name).to_lowercase()).cloned()
                }
                _ => None,
            });
            let by_number = || {
                let n = row.number.as_ref()?;
                let mut under = docs.iter().filter(|(d, s, _)| {
                    d.kind.is_decision()
                        && d.number.as_ref().is_some_and(|m| m.value == n.value && m.suffix == n.suffix)
                        && (folder.is_empty() || s.source.starts_with(&format!("{folder}/")))
                });
                match (under.next(), under.next()) {
                    (Some((d, ..)), None) => Some(d.id.clone()),
                    _ => None,
                }
            };
            let Some(target) = by_link.or_else(by_number) else { continue };
            if let Some(&i) = position.get(&target)
                && target != doc.id
            {
                found.entry(i).or_insert_with(|| row.status.clone());
            }
        }
    }
    for (i, label) in found {
        let (doc, src, parsed) = &mut docs[i];
        if doc.status.is_some() || src.meta.stated_status().is_some() || !doc.kind.is_decision() {
            continue;
        }
        let p = parse_status(&label, &config.statuses);
        if let Some(status) = p.status {
            doc.status = Some(status);
            doc.status_label = Some(p.label.clone());
            *parsed = Some(p);
        }
    }
}
