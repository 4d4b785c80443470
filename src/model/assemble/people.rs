//! The people and tags pass: who did what, and which documents carry which tag.
//!
//! Input: the documents, complete but for findings. Output: tags by slug, people by slug, and
//! the aliases (`ana` → `ana-silva`) under which a person is also known.

use crate::model::site::{Doc, Names, Person, Tag, name_rank, person_email, person_key};
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

/// Collects tags and people from `docs`, in the order given (source order). `aliases` are the
/// configured other spellings of a person (`[people]` in `adrsite.toml`).
pub(super) fn directory<'a>(
    docs: impl Iterator<Item = &'a Doc>,
    aliases: &BTreeMap<String, Vec<String>>,
    names: Names,
) -> Directory {
    let mut dir = Directory { tags: BTreeMap::new(), people: BTreeMap::new(), aliases: BTreeMap::new() };
    // `Ana Silva <asilva@example.org>` is also `@asilva`: the address's local part → the person.
    let mut by_address: Vec<(String, String)> = Vec::new();
    // `Beth Griggs (@BethGriggs)`: the name → the handles written with it.
    let mut handles_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
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
        for (role, written) in &doc.people {
            let slug = person_key(written);
            if slug.is_empty() {
                continue;
            }
            if let Some(email) = person_email(written)
                && let Some((local, _)) = email.split_once('@')
            {
                let local = crate::text::slugify(local);
                if !local.is_empty() && local != slug {
                    by_address.push((local, slug.clone()));
                }
            }
            let name = names.show(written);
            if let Some((plain, _)) = name.split_once("(@") {
                let handles = handles_of.entry(crate::text::slugify(plain)).or_default();
                if !handles.contains(&slug) {
                    handles.push(slug.clone());
                }
            }
            let entry = dir.people.entry(slug).or_insert_with(|| Person { name: name.to_string(), roles: Vec::new() });
            if name_rank(name) > name_rank(&entry.name) {
                entry.name = name.to_string();
            }
            entry.roles.push((*role, doc.id.clone()));
        }
    }
    for (canonical, others) in aliases {
        for other in others {
            by_address.push((person_key(other), person_key(canonical)));
        }
    }
    // `Beth Griggs` is `Beth Griggs (@BethGriggs)` when no other handle goes with that name.
    for (plain, handles) in handles_of {
        if let [handle] = handles.as_slice() {
            by_address.push((plain, handle.clone()));
        }
    }
    for (from, into) in by_address {
        merge(&mut dir, &from, &into);
    }
    // `@nicolo-ribaudo` is `Nicolò Ribaudo`: a handle that is a person's name without its accents.
    let accented: Vec<String> = dir.people.keys().filter(|k| !k.is_ascii()).cloned().collect();
    for key in accented {
        let folded = crate::text::fold_diacritics(&key);
        if folded != key && dir.people.contains_key(&folded) {
            merge(&mut dir, &folded, &key);
        }
    }
    // `@ana` and `Ana` are `Ana Silva` when she is the only Ana with a full name.
    let singles: Vec<String> = dir.people.keys().filter(|k| !k.contains('-')).cloned().collect();
    for single in singles {
        let prefix = format!("{single}-");
        let mut full = dir.people.iter().filter(|(k, p)| k.starts_with(&prefix) && p.name.contains(' '));
        if let (Some((target, _)), None) = (full.next(), full.next()) {
            let target = target.clone();
            merge(&mut dir, &single, &target);
        }
    }
    for person in dir.people.values_mut() {
        person.roles.sort_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
        person.roles.dedup();
    }
    dir
}

/// Makes `from` another key of the person at `into`: their roles join, and `from` (and every
/// key that pointed at it) points at `into` from now on.
fn merge(dir: &mut Directory, from: &str, into: &str) {
    let into = dir.aliases.get(into).cloned().unwrap_or_else(|| into.to_string());
    if from == into || from.is_empty() || !dir.people.contains_key(&into) {
        return;
    }
    if let Some(merged) = dir.people.remove(from) {
        let target = dir.people.get_mut(&into).expect("checked above");
        if name_rank(&merged.name) > name_rank(&target.name) {
            target.name = merged.name;
        }
        target.roles.extend(merged.roles);
    }
    for alias in dir.aliases.values_mut() {
        if alias == from {
            alias.clone_from(&into);
        }
    }
    dir.aliases.insert(from.to_string(), into);
}
