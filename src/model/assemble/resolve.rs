//! The resolve pass: every link, id mention and declared relation of a document, resolved.
//!
//! Input: the identified documents and the [`Index`]. Output: per document, [`Resolved`]: where
//! each link and id mention goes, a successor that is not in the site, the assets it links to,
//! the relation edges it declares, the documents it refers to and a `broken-link` problem for
//! every reference that goes nowhere. Documents resolve independently, in parallel.

use crate::diagnostic::{Code, Diagnostic};
use crate::load::SourceDoc;
use crate::load::meta::Located;
use crate::load::status::ParsedStatus;
use crate::model::assemble::Problem;
use crate::model::assemble::identify::Identified;
use crate::model::assemble::index::Index;
use crate::model::identity;
use crate::model::links::{LinkTarget, PathIndex};
use crate::model::site::mention_key;
use crate::vocab::{DocId, DocNumber, RelationKind};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// What one document's references resolved to.
#[derive(Default)]
pub(super) struct Resolved {
    /// Every link destination as written → where it goes.
    pub links: BTreeMap<String, LinkTarget>,
    /// Every resolved id mention → document.
    pub mentions: BTreeMap<String, DocId>,
    /// `superseded by X` where X is not a document of the site.
    pub unresolved_successor: Option<String>,
    /// Files linked to, copied into the output.
    pub assets: Vec<String>,
    /// Relations declared by this document: `(from, kind, to)`.
    pub edges: Vec<(DocId, RelationKind, DocId)>,
    /// Links and mentions: `(from, to)`.
    pub refs: Vec<(DocId, DocId)>,
    /// References that go nowhere.
    pub problems: Vec<Problem>,
}

/// Resolves the references of every document.
pub(super) fn resolve(docs: &[(Identified, SourceDoc, Option<ParsedStatus>)], index: &Index) -> Vec<Resolved> {
    docs.par_iter()
        .map(|(doc, src, parsed)| {
            let mut out = Resolved::default();
            for link in &src.links {
                if let Some(known) = out.links.get(&link.dest) {
                    if matches!(known, LinkTarget::Broken) {
                        report_broken(&index.paths, doc, src, link, &mut out.problems);
                    }
                    continue;
                }
                let target = index.paths.resolve(&doc.source, &link.dest);
                match &target {
                    LinkTarget::Doc(to, _) => out.refs.push((doc.id.clone(), to.clone())),
                    LinkTarget::Asset(path, _) => {
                        out.assets.push(path.clone());
                    }
                    LinkTarget::Broken => report_broken(&index.paths, doc, src, link, &mut out.problems),
                    LinkTarget::Repository(..) | LinkTarget::Listing(_) | LinkTarget::External => {}
                }
                out.links.insert(link.dest.clone(), target);
            }
            let own_prefix = doc.prefix.clone();
            let namespace = index.paths.mount_of(&doc.source).map(|m| m.namespace.as_str());
            for m in &src.mentions {
                let key = mention_key(&m.prefix, &m.number);
                let bare = mention_key(&m.prefix, &DocNumber { suffix: None, ..m.number.clone() });
                // `ADR-0003` in a source of an organisation's site is that source's own; a
                // `docs/ADR-0003` that names no source is `ADR-0003`.
                let (written_ns, unqualified) = match m.prefix.split_once('/') {
                    Some((_, p)) => (true, p),
                    None => (false, m.prefix.as_str()),
                };
                let own = namespace
                    .filter(|_| !written_ns)
                    .map(|ns| mention_key(&format!("{ns}/{unqualified}"), &m.number))
                    .and_then(|k| index.ids.get(&k));
                let plain = written_ns.then(|| mention_key(unqualified, &m.number));
                let found = own
                    .or_else(|| index.ids.get(&key))
                    .or_else(|| index.ids.get(&bare))
                    .or_else(|| plain.and_then(|k| index.ids.get(&k)));
                if let Some(to) = found {
                    out.refs.push((doc.id.clone(), to.clone()));
                    out.mentions.insert(key, to.clone());
                }
            }
            let mut declared: Vec<(RelationKind, Located)> = src.meta.relations.clone();
            // A successor named by a collection's `default_status` belongs to no document.
            if let (Some(successor), Some(at)) =
                (parsed.as_ref().and_then(|p| p.successor.clone()), src.meta.status.clone())
            {
                declared.push((RelationKind::SupersededBy, Located { value: successor, ..at }));
            }
            for (kind, at) in declared {
                match resolve_reference(index, own_prefix.as_deref(), &doc.source, &at.value) {
                    Some(to) if to != doc.id => out.edges.push((doc.id.clone(), kind, to)),
                    Some(_) => {}
                    None => {
                        if kind == RelationKind::SupersededBy {
                            out.unresolved_successor.get_or_insert_with(|| at.value.clone());
                        }
                        if at.value.contains("://") || kind == RelationKind::SupersededBy {
                            // A relation to a document in another repository is legitimate, and a
                            // missing successor is reported by its own rule.
                            continue;
                        }
                        let file = at.file.clone().unwrap_or_else(|| doc.source.clone());
                        out.problems.push(Problem {
                            doc: Some(doc.id.clone()),
                            diagnostic: Diagnostic::warning(
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
                                index.paths.suggest(&doc.source, &at.value).unwrap_or_else(|| {
                                    "refer to the other document by relative path (`0007-x.md`) or by id (`ADR-0007`)"
                                        .into()
                                }),
                            ),
                        });
                    }
                }
            }
            out
        })
        .collect()
}

fn report_broken(
    paths: &PathIndex,
    doc: &Identified,
    src: &SourceDoc,
    link: &crate::load::scan::RawLink,
    problems: &mut Vec<Problem>,
) {
    let (line, col) = crate::diagnostic::line_col(&src.text, link.offset);
    let what = if link.image { "image" } else { "link" };
    // `[#Objective](Objective)`: a heading of this very page, written without its `#`.
    let anchor = crate::text::heading_anchor(&link.dest);
    let own_heading = || {
        !link.dest.contains(['/', '.', '#'])
            && src.outline.headings.lines().any(|h| crate::text::heading_anchor(h) == anchor)
    };
    let help = match link_destination(&link.dest) {
        // A Markdown link pasted whole where its target goes (`[x]([https://x.org](https://x.org))`).
        Some(url) => format!("the target is a Markdown link itself; write the address alone: `({url})`"),
        None if own_heading() => format!("`{}` is a heading of this page; link it as `#{anchor}`", link.dest),
        None => paths.suggest(&doc.source, &link.dest).unwrap_or_else(|| {
            "the target is not in the site directory; fix the path or link to an absolute URL".into()
        }),
    };
    problems.push(Problem {
        doc: Some(doc.id.clone()),
        diagnostic: Diagnostic::warning(
            &doc.source,
            line,
            col,
            Code::BrokenLink,
            format!("{what} target `{}` does not exist", link.dest),
        )
        .with_help(help),
    });
}

/// The destination of a value that is exactly one Markdown link, `[text](dest "title")`.
fn link_destination(value: &str) -> Option<&str> {
    let rest = value.strip_prefix('[')?;
    let (_, dest) = rest.split_once("](")?;
    let dest = dest.strip_suffix(')')?;
    let dest = dest.split_once(" \"").map_or(dest, |(d, _)| d).trim();
    let dest = dest.strip_prefix('<').and_then(|d| d.strip_suffix('>')).unwrap_or(dest);
    (!dest.is_empty() && !dest.contains(['(', ')', '[', ']'])).then_some(dest)
}

/// Resolves a relation reference: a relative path, an id (`ADR-0019`, `#33`), an absolute URL
/// ending in a document's file name, or a bare file stem.
pub(super) fn resolve_reference(index: &Index, own_prefix: Option<&str>, from: &str, reference: &str) -> Option<DocId> {
    let reference = reference.trim().trim_matches(['"', '\'', '`']);
    // `[ADR-0002](0002-x.md)` written into front matter, where it is only a string: its
    // destination is what the author meant.
    let reference = link_destination(reference).unwrap_or(reference);
    if let Some((prefix, number)) = identity::parse_id_reference(reference) {
        let prefix = prefix.or_else(|| own_prefix.map(str::to_string))?;
        // A bare `ADR-0003` in a source of an organisation's site names that source's own.
        let own = index
            .paths
            .mount_of(from)
            .filter(|_| !prefix.contains('/'))
            .and_then(|m| index.ids.get(&mention_key(&format!("{}/{prefix}", m.namespace), &number)));
        return own.or_else(|| index.ids.get(&mention_key(&prefix, &number))).cloned();
    }
    if let Some(path) = index.paths.mounted_url(reference)
        && let LinkTarget::Doc(id, _) = index.paths.resolve_from_root(&path)
    {
        return Some(id);
    }
    if reference.contains("://") {
        let path = reference.split(['#', '?']).next().unwrap_or(reference).trim_end_matches('/');
        let last = path.rsplit('/').next().unwrap_or(path);
        let stem = crate::vocab::markdown_name::stem(last);
        return index.stems.get(&stem.to_lowercase()).cloned();
    }
    let resolved = if reference.starts_with('/') {
        index.paths.resolve_from_root(reference)
    } else {
        index.paths.resolve(from, reference)
    };
    if let LinkTarget::Doc(id, _) = resolved {
        return Some(id);
    }
    let last = reference.trim_end_matches('/').rsplit('/').next().unwrap_or(reference);
    index.stems.get(&crate::vocab::markdown_name::stem(last).to_lowercase()).cloned()
}

#[cfg(test)]
mod tests {
    use super::link_destination;

    #[test]
    fn a_markdown_link_in_a_relation_names_its_destination() {
        assert_eq!(link_destination("[ADR-0002](0002-use-postgresql.md)"), Some("0002-use-postgresql.md"));
        assert_eq!(link_destination("[2. X](<0002 x.md> )"), Some("0002 x.md"));
        assert_eq!(link_destination("[X](x.md \"title\")"), Some("x.md"));
        assert_eq!(link_destination("ADR-0002"), None);
        assert_eq!(link_destination("[A](a.md) and [B](b.md)"), None);
        let pasted = "[https://x.org/a](https://x.org/a)";
        assert_eq!(link_destination(pasted), Some("https://x.org/a"), "a link pasted as a link's target");
    }
}
