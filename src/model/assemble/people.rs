//! The people and tags pass: who did what, and which documents carry which tag.
//!
//! Input: the documents, complete but for findings. Output: tags by slug, people by slug, and
//! the aliases (`ana` → `ana-silva`) under which a person is also known.

use crate::model::site::{Doc, Person, Tag, name_rank, person_key};
use std::collections::BTreeMap;

/// Tags, people and aliases of a site.
pub(super) struct Directory {
    /// Tags by slug.
    pub tags: BTreeMap<String, Tag>,
    /// People by slug.
    pub people: BTreeMap<String, Person>,
    /// Other keys of people → their slug.
    pub aliases: BTreeMap<String, String>,
}

/// Collects tags and people from `docs`, in the order given (source order).
pub(super) fn directory<'a>(docs: impl Iterator<Item = &'a Doc>) -> Directory {
    let mut dir = Directory { tags: BTreeMap::new(), people: BTreeMap::new(), aliases: BTreeMap::new() };
    for doc in docs {
        for tag in &doc.tags {
            let slug = crate::text::slugify(tag);
            if slug.is_empty() {
                continue;
            }
            let entry = dir.tags.entry(slug).or_insert_with(|| Tag { name: tag.clone(), docs: Vec::new() });
            if entry.docs.last() != Some(&doc.id) {
                entry.docs.push(doc.id.clone());
            }
        }
        for (role, name) in &doc.people {
            let slug = person_key(name);
            if slug.is_empty() {
                continue;
            }
            let entry = dir.people.entry(slug).or_insert_with(|| Person { name: name.clone(), roles: Vec::new() });
            if name_rank(name) > name_rank(&entry.name) {
                entry.name = name.clone();
            }
            entry.roles.push((*role, doc.id.clone()));
        }
    }
    // `@ana` and `Ana` are `Ana Silva` when she is the only Ana with a full name.
    let singles: Vec<String> = dir.people.keys().filter(|k| !k.contains('-')).cloned().collect();
    for single in singles {
        let prefix = format!("{single}-");
        let mut full = dir.people.iter().filter(|(k, p)| k.starts_with(&prefix) && p.name.contains(' '));
        if let (Some((target, _)), None) = (full.next(), full.next()) {
            let target = target.clone();
            let merged = dir.people.remove(&single).expect("listed above");
            dir.people.get_mut(&target).expect("listed above").roles.extend(merged.roles);
            dir.aliases.insert(single, target);
        }
    }
    for person in dir.people.values_mut() {
        person.roles.sort_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
        person.roles.dedup();
    }
    dir
}
