//! The attention pass: what needs attention, as findings on documents and as diagnostics.
//!
//! Input: the complete documents, the people directory, the problems recorded by earlier passes,
//! the config and `today`. Output: the standup archive, each document's findings and every
//! diagnostic with the severity `[attention.severity]` gives it. Each problem is recorded once:
//! a rule's finding becomes a diagnostic, and a problem about a document whose code is a rule
//! becomes a finding on that document.

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::git::GitHistory;
use crate::model::archive::Archive;
use crate::model::assemble::Problem;
use crate::model::assemble::people::Directory;
use crate::model::attention::{self, Finding};
use crate::model::site::{Doc, person_slug};
use crate::vocab::{DocId, rule};
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// What the attention pass produces.
pub(super) struct Attention {
    /// The standup archive.
    pub archive: Archive,
    /// Findings per document, sorted.
    pub findings: BTreeMap<DocId, Vec<Finding>>,
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

/// Evaluates the rules and merges the earlier problems.
pub(super) fn attention(
    docs: &BTreeMap<DocId, Doc>,
    directory: &Directory,
    mut diagnostics: Vec<Diagnostic>,
    problems: Vec<Problem>,
    git: &GitHistory,
    config: &Config,
    today: Date,
) -> Attention {
    if *git == GitHistory::Shallow {
        diagnostics.push(
            Diagnostic::warning("", 1, 1, Code::ShallowClone, "this is a shallow clone, so git dates are not used")
                .with_help(
                    "fetch the whole history: `fetch-depth: 0` with actions/checkout, or `git fetch --unshallow`",
                ),
        );
    }
    let policy = config.policy();
    let mut findings: Vec<Finding> =
        docs.par_iter().flat_map_iter(|(_, d)| attention::evaluate(d, docs, today, &policy)).collect();
    let (archive, archive_findings) = crate::model::archive::build(
        docs,
        &|name| {
            person_slug(&directory.people, &directory.aliases, name)
                .map(|s| (s.to_string(), directory.people[s].name.clone()))
        },
        today,
        policy.stale_blocker_after,
    );
    findings.extend(archive_findings);
    for f in &findings {
        let source = &docs[&f.doc].source;
        let help = rule::rule_of(f.code).map_or("", |r| r.help);
        diagnostics.push(Diagnostic::warning(source, f.line, 1, f.code, &f.message).with_help(help));
    }
    for Problem { doc, diagnostic } in problems {
        if let Some(doc) = doc.as_ref().and_then(|id| docs.get(id))
            && rule::rule_of(diagnostic.code).is_some()
        {
            let owner = doc.accountable().first().map(|p| p.to_string());
            findings.push(Finding {
                code: diagnostic.code,
                doc: doc.id.clone(),
                since: None,
                owner,
                message: diagnostic.message.clone(),
                line: diagnostic.line,
            });
        }
        diagnostics.push(diagnostic);
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
    let mut by_doc: BTreeMap<DocId, Vec<Finding>> = BTreeMap::new();
    for f in findings {
        by_doc.entry(f.doc.clone()).or_default().push(f);
    }
    diagnostics.sort();
    diagnostics.dedup();
    Attention { archive, findings: by_doc, diagnostics }
}
