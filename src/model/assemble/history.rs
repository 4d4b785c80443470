//! The history pass: each decision's status history, from what its commits wrote and from the
//! documents that declare they supersede it.
//!
//! Input: the identified documents, the [`Index`] (to resolve `Superseded by …` and
//! `Supersedes …` as the resolve pass does) and the [`GitHistory`]. Output: per document, its
//! [`Step`]s, oldest first. A status written again unchanged is not a step; a supersession
//! declared only by the successor (`Supersedes ADR-3` in ADR-9) is a step of ADR-3, dated by the
//! commit that wrote it into ADR-9.

use crate::config::Config;
use crate::load::SourceDoc;
use crate::load::git::GitHistory;
use crate::load::hunk::Statement;
use crate::load::status::{ParsedStatus, parse_status};
use crate::model::assemble::identify::Identified;
use crate::model::assemble::index::Index;
use crate::model::assemble::resolve::resolve_reference;
use crate::model::history::Step;
use crate::vocab::{DocId, RelationKind, Status};
use rayon::prelude::*;
use std::collections::HashMap;

/// What one decision's own commits say: its steps, and the documents it declares it supersedes,
/// each with the step that gives them.
struct Own {
    id: DocId,
    steps: Vec<Step>,
    replaces: Vec<(DocId, Step)>,
}

/// The status histories of every decision that git has seen.
pub(super) fn histories(
    docs: &[(Identified, SourceDoc, Option<ParsedStatus>)],
    index: &Index,
    git: &GitHistory,
    config: &Config,
) -> HashMap<DocId, Vec<Step>> {
    let read: Vec<Own> = docs
        .par_iter()
        .filter(|(doc, ..)| doc.kind.is_decision())
        .filter_map(|(doc, ..)| {
            let file = git.file(&doc.source)?;
            let resolve = |raw: &str| {
                resolve_reference(index, doc.prefix.as_deref(), &doc.source, raw).filter(|to| *to != doc.id)
            };
            let (mut own, mut replaces) = (Vec::new(), Vec::new());
            for said in &file.said {
                let step = |status, label: String, by| Step {
                    date: said.date,
                    commit: said.commit.clone(),
                    status,
                    label,
                    by,
                    declared_by_other: false,
                };
                match &said.statement {
                    Statement::Status(label) => {
                        let parsed = parse_status(label, &config.statuses);
                        if let Some(status) = parsed.status {
                            let by = parsed.successor.as_deref().and_then(resolve);
                            own.push(step(status, parsed.label, by));
                        }
                    }
                    Statement::Relation(RelationKind::SupersededBy, text) => {
                        let by = crate::load::relation_line::relation_targets(text).iter().find_map(|t| resolve(t));
                        own.push(step(Status::Superseded, "Superseded".into(), by));
                    }
                    Statement::Relation(RelationKind::Supersedes, text) => {
                        for to in crate::load::relation_line::relation_targets(text).iter().filter_map(|t| resolve(t)) {
                            let step = Step {
                                declared_by_other: true,
                                ..step(Status::Superseded, "Superseded".into(), Some(doc.id.clone()))
                            };
                            replaces.push((to, step));
                        }
                    }
                    Statement::Relation(..) => {}
                }
            }
            // `Superseded by X` written as a status and as a relation line is one step.
            own.dedup_by(|later, earlier| later.status == earlier.status);
            Some(Own { id: doc.id.clone(), steps: own, replaces })
        })
        .collect();
    let mut out: HashMap<DocId, Vec<Step>> = HashMap::with_capacity(read.len());
    let mut declared: Vec<(DocId, Step)> = Vec::new();
    for Own { id, steps, replaces } in read {
        if !steps.is_empty() {
            out.insert(id, steps);
        }
        declared.extend(replaces);
    }
    // Oldest declaration first, so that each successor counts once, on the day it first said so.
    declared.sort_by_key(|(_, step)| step.date);
    for (to, step) in declared {
        let steps = out.entry(to).or_default();
        let told = steps.iter().any(|s| s.status == Status::Superseded && (s.by.is_none() || s.by == step.by));
        if !told {
            // After the steps of the same day or earlier: the history stays in commit order.
            let at = steps.partition_point(|s| s.date <= step.date);
            steps.insert(at, step);
        }
    }
    out
}
