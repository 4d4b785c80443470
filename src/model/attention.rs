//! Attention rules: what is stale, overdue or contradictory.
//!
//! Input: one document (with its git history and relations), the site (to look at successors),
//! `today` and the [`Policy`]. Output: [`Finding`]s. Every rule is a pure function of those
//! inputs — nothing reads the clock — so a finding appears exactly when `today` passes its date
//! and never disappears as `today` advances.

use crate::config::Policy;
use crate::date::{describe_duration, parse_duration};
use crate::diagnostic::Code;
use crate::model::site::Doc;
use crate::model::site::{Chain, supersede_chain};
use crate::vocab::DateKey;
use crate::vocab::RelationKind;
use crate::vocab::{DocId, DocKind, Status};
use jiff::Span;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// One thing that needs attention.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Finding {
    /// The rule.
    pub code: Code,
    /// The document.
    pub doc: DocId,
    /// Since when (the due date, deadline or last change).
    #[serde(serialize_with = "serialize_date")]
    pub since: Option<Date>,
    /// Who should act: the owner, else the deciders or authors.
    pub owner: Option<String>,
    /// What is wrong, in calm words.
    pub message: String,
    /// Line of the metadata the finding is about (1 when none).
    pub line: u32,
}

/// An optional date as `YYYY-MM-DD` (jiff is built without serde).
pub(crate) fn serialize_date<S: serde::Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

/// A date as `YYYY-MM-DD`.
pub(crate) fn serialize_day<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

fn named(doc: &Doc, key: DateKey) -> Option<(&crate::model::site::NamedDate, u32)> {
    doc.dates.iter().find(|d| d.key == key).map(|d| (d, d.line))
}

fn owner(doc: &Doc) -> Option<String> {
    let names: Vec<&str> = doc.accountable().into_iter().map(crate::model::site::person_display).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

fn add(date: Date, span: Span) -> Date {
    date.checked_add(span).unwrap_or(date)
}

/// Evaluates every rule for `doc`. `docs` resolves successors.
pub fn evaluate(doc: &Doc, docs: &BTreeMap<DocId, Doc>, today: Date, policy: &Policy) -> Vec<Finding> {
    let mut out = Vec::new();
    let finding = |code, since, message: String, line| Finding {
        code,
        doc: doc.id.clone(),
        since,
        owner: owner(doc),
        message,
        line,
    };
    let owner_note = || match owner(doc) {
        Some(o) => format!(" (owner: {o})"),
        None => " (no owner named)".to_string(),
    };

    // review-overdue: handbook pages past their review date.
    if doc.kind == DocKind::Handbook {
        let explicit = named(doc, DateKey::ReviewBy).and_then(|(d, line)| d.date.map(|x| (x, line)));
        let interval = named(doc, DateKey::ReviewEvery)
            .and_then(|(d, _)| parse_duration(&d.raw))
            .unwrap_or_else(|| policy.review_every_in(doc.collection));
        let due = match explicit {
            Some((d, line)) => Some((d, line, String::new())),
            None => match named(doc, DateKey::LastReviewed).and_then(|(d, line)| d.date.map(|x| (x, line))) {
                Some((reviewed, line)) => Some((
                    add(reviewed, interval),
                    line,
                    format!("; last reviewed {reviewed}, every {}", describe_duration(&interval)),
                )),
                None => doc.git.as_ref().map(|g| {
                    (
                        add(g.changed, interval),
                        1,
                        format!(
                            "; no review date, last changed {} (git), every {}",
                            g.changed,
                            describe_duration(&interval)
                        ),
                    )
                }),
            },
        };
        if let Some((due, line, basis)) = due
            && today > due
        {
            out.push(finding(
                Code::ReviewOverdue,
                Some(due),
                format!("due for review since {due}{}{basis}", owner_note()),
                line,
            ));
        }
    }

    let decided = |s: Option<Status>| !matches!(s, None | Some(Status::Proposed | Status::Draft));
    let closed = matches!(doc.status, Some(s) if s.is_retired() || matches!(s, Status::Rejected | Status::Withdrawn));

    // revisit-due: decisions with a review or revisit date in the past.
    if doc.kind != DocKind::Handbook
        && !closed
        && let Some((d, line)) = named(doc, DateKey::ReviewBy)
        && let Some(date) = d.date
        && today > date
    {
        out.push(finding(
            Code::RevisitDue,
            Some(date),
            format!("due to be revisited since {date}{}", owner_note()),
            line,
        ));
    }

    // stagnant: proposals and drafts unchanged for longer than the window.
    if matches!(doc.status, Some(Status::Proposed | Status::Draft)) {
        let last = named(doc, DateKey::LastUpdated)
            .and_then(|(d, _)| d.date)
            .or_else(|| doc.git.as_ref().map(|g| g.changed))
            .or(doc.date);
        let window = policy.stagnant_after_in(doc.collection);
        if let Some(last) = last
            && today > add(last, window)
        {
            let status = doc.status.map_or("proposed", Status::as_str);
            out.push(finding(
                Code::Stagnant,
                Some(last),
                format!(
                    "{status} and unchanged since {last}, more than {}{}",
                    describe_duration(&window),
                    owner_note()
                ),
                doc.status_line,
            ));
        }
    }

    // deadline-passed: a decision deadline in the past and no decision.
    if !decided(doc.status)
        && let Some((d, line)) = named(doc, DateKey::Deadline)
        && let Some(date) = d.date
        && today > date
    {
        out.push(finding(
            Code::DeadlinePassed,
            Some(date),
            format!("the decision deadline {date} has passed with no decision{}", owner_note()),
            line,
        ));
    }

    // contradiction: still in force although an in-force document supersedes it.
    if doc.status.is_some_and(Status::is_in_force) {
        for rel in doc.relations.iter().filter(|r| r.kind == RelationKind::SupersededBy) {
            let Some(successor) = docs.get(&rel.target) else { continue };
            if let Some(s) = successor.status.filter(|s| s.is_in_force()) {
                let name = successor.display_id.clone().unwrap_or_else(|| successor.title.clone());
                // The day the successor said so, from the history, is more exact than its date.
                let declared = doc
                    .history
                    .iter()
                    .find(|s| s.status == Status::Superseded && s.by.as_ref() == Some(&rel.target))
                    .map(|s| s.date);
                out.push(finding(
                    Code::Contradiction,
                    declared.or(successor.date),
                    format!(
                        "still {} although {name} ({}) supersedes it; mark it superseded",
                        doc.status.map_or("", Status::as_str),
                        s.as_str()
                    ),
                    doc.status_line,
                ));
            }
        }
    }

    // missing-successor: superseded, but the successor is not in the site.
    if doc.status == Some(Status::Superseded) && doc.successor().is_none() {
        let message = match &doc.unresolved_successor {
            Some(s) => format!("superseded by `{s}`, which is not a document of this site"),
            None => "marked superseded, but it does not say by what".to_string(),
        };
        // Superseded since the commit that said so, when the history knows it.
        let since = crate::model::history::since(&doc.history, Status::Superseded).or(doc.date);
        out.push(finding(Code::MissingSuccessor, since, message, doc.status_line));
    }

    // supersede-cycle: the chain of successors comes back round, so no decision is in force.
    if let Chain::Cycle(cycle) = supersede_chain(docs, doc)
        && cycle.first().is_some_and(|d| d.id == doc.id)
    {
        let names: Vec<&str> = cycle.iter().map(|d| d.display_id.as_deref().unwrap_or(&d.title)).collect();
        let message = format!("superseded in a circle: {}", names.join(" → "));
        let since = crate::model::history::since(&doc.history, Status::Superseded).or(doc.date);
        out.push(finding(Code::SupersedeCycle, since, message, doc.status_line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::site::NamedDate;
    use crate::vocab::{Relation, Role};
    use jiff::civil::date;

    fn doc(id: &str, kind: DocKind, status: Option<Status>) -> Doc {
        Doc::for_test(id, kind, status)
    }

    fn with_date(mut d: Doc, key: DateKey, raw: &str) -> Doc {
        d.dates.push(NamedDate { key, raw: raw.into(), date: crate::date::parse_date(raw), line: 3 });
        d
    }

    fn codes(d: &Doc, docs: &BTreeMap<DocId, Doc>, today: Date) -> Vec<Code> {
        evaluate(d, docs, today, &Policy::default()).into_iter().map(|f| f.code).collect()
    }

    /// The day before, on and after a due date: only after is it overdue.
    fn boundary(d: &Doc, due: Date, code: Code) {
        let docs = BTreeMap::new();
        let before = due.yesterday().unwrap();
        let after = due.tomorrow().unwrap();
        assert!(!codes(d, &docs, before).contains(&code), "{code:?} the day before {due}");
        assert!(!codes(d, &docs, due).contains(&code), "{code:?} on {due}");
        assert!(codes(d, &docs, after).contains(&code), "{code:?} the day after {due}");
    }

    #[test]
    fn review_overdue_boundaries_and_sources() {
        let mut page = with_date(doc("h/a", DocKind::Handbook, None), DateKey::LastReviewed, "2026-01-01");
        page.people.push((Role::Owner, "@ana".into()));
        boundary(&page, date(2026, 6, 30), Code::ReviewOverdue); // 180 days later
        let f = &evaluate(&page, &BTreeMap::new(), date(2026, 11, 21), &Policy::default())[0];
        assert_eq!(
            f.message,
            "due for review since 2026-06-30 (owner: @ana); last reviewed 2026-01-01, every 180 days"
        );
        assert_eq!((f.since, f.line), (Some(date(2026, 6, 30)), 3));

        let own = with_date(page.clone(), DateKey::ReviewEvery, "1 month");
        boundary(&own, date(2026, 2, 1), Code::ReviewOverdue);
        let explicit = with_date(doc("h/b", DocKind::Handbook, None), DateKey::ReviewBy, "2026-03-01");
        boundary(&explicit, date(2026, 3, 1), Code::ReviewOverdue);

        let mut git = doc("h/c", DocKind::Handbook, None);
        git.git = Some(crate::load::git::FileHistory {
            created: date(2025, 1, 1),
            changed: date(2026, 1, 1),
            author: "Ben".into(),
            said: Vec::new(),
        });
        boundary(&git, date(2026, 6, 30), Code::ReviewOverdue);
        assert!(
            codes(&doc("h/d", DocKind::Handbook, None), &BTreeMap::new(), date(2030, 1, 1)).is_empty(),
            "no dates at all: nothing to say"
        );
    }

    #[test]
    fn revisit_due_boundaries() {
        let d = with_date(doc("a/1", DocKind::Adr, Some(Status::Accepted)), DateKey::ReviewBy, "2026-05-01");
        boundary(&d, date(2026, 5, 1), Code::RevisitDue);
        let retired = with_date(doc("a/2", DocKind::Adr, Some(Status::Superseded)), DateKey::ReviewBy, "2026-05-01");
        assert!(!codes(&retired, &BTreeMap::new(), date(2027, 1, 1)).contains(&Code::RevisitDue));
    }

    #[test]
    fn stagnant_boundaries() {
        let mut d = doc("r/1", DocKind::Rfc, Some(Status::Proposed));
        d.date = Some(date(2026, 1, 1));
        boundary(&d, date(2026, 4, 1), Code::Stagnant); // 90 days
        let updated = with_date(d.clone(), DateKey::LastUpdated, "2026-03-01");
        boundary(&updated, date(2026, 5, 30), Code::Stagnant);
        let mut accepted = d.clone();
        accepted.status = Some(Status::Accepted);
        assert!(codes(&accepted, &BTreeMap::new(), date(2030, 1, 1)).is_empty());
    }

    #[test]
    fn deadline_boundaries() {
        let d = with_date(doc("r/1", DocKind::Rfc, Some(Status::Proposed)), DateKey::Deadline, "2026-12-15");
        boundary(&d, date(2026, 12, 15), Code::DeadlinePassed);
        let mut decided = d.clone();
        decided.status = Some(Status::Accepted);
        assert!(!codes(&decided, &BTreeMap::new(), date(2027, 1, 1)).contains(&Code::DeadlinePassed));
    }

    #[test]
    fn contradiction_and_missing_successor() {
        let mut old = doc("a/1", DocKind::Adr, Some(Status::Accepted));
        old.relations.push(Relation { kind: RelationKind::SupersededBy, target: DocId("a/2".into()) });
        let new = doc("a/2", DocKind::Adr, Some(Status::Accepted));
        let mut docs = BTreeMap::new();
        docs.insert(new.id.clone(), new);
        assert_eq!(codes(&old, &docs, date(2026, 1, 1)), vec![Code::Contradiction]);
        docs.get_mut(&DocId("a/2".into())).unwrap().status = Some(Status::Proposed);
        assert!(codes(&old, &docs, date(2026, 1, 1)).is_empty(), "a proposed successor does not contradict");

        let mut lost = doc("a/3", DocKind::Adr, Some(Status::Superseded));
        assert_eq!(codes(&lost, &docs, date(2026, 1, 1)), vec![Code::MissingSuccessor]);
        lost.unresolved_successor = Some("ADR-0099".into());
        let f = &evaluate(&lost, &docs, date(2026, 1, 1), &Policy::default())[0];
        assert_eq!(f.message, "superseded by `ADR-0099`, which is not a document of this site");
    }

    #[test]
    fn supersede_chains_end_at_the_decision_in_force_and_circles_are_findings() {
        let superseded_by = |id: &str, next: &str| {
            let mut d = doc(id, DocKind::Adr, Some(Status::Superseded));
            d.display_id = Some(id.to_uppercase());
            d.relations.push(Relation { kind: RelationKind::SupersededBy, target: DocId(next.into()) });
            d
        };
        let in_force = doc("a/12", DocKind::Adr, Some(Status::Accepted));
        let chain = [superseded_by("a/3", "a/7"), superseded_by("a/7", "a/12"), in_force];
        let docs: BTreeMap<DocId, Doc> = chain.into_iter().map(|d| (d.id.clone(), d)).collect();
        let start = &docs[&DocId("a/3".into())];
        assert!(matches!(supersede_chain(&docs, start), Chain::End(d) if d.id.0 == "a/12"), "ADR-3 → 7 → 12");
        assert!(codes(start, &docs, date(2026, 1, 1)).is_empty());

        let circle = [superseded_by("a/1", "a/2"), superseded_by("a/2", "a/1"), superseded_by("a/0", "a/1")];
        let docs: BTreeMap<DocId, Doc> = circle.into_iter().map(|d| (d.id.clone(), d)).collect();
        let one = &docs[&DocId("a/1".into())];
        let found = evaluate(one, &docs, date(2026, 1, 1), &Policy::default());
        assert_eq!(found.iter().map(|f| f.code).collect::<Vec<_>>(), vec![Code::SupersedeCycle]);
        assert_eq!(found[0].message, "superseded in a circle: A/1 → A/2 → A/1");
        let lead_in = &docs[&DocId("a/0".into())];
        assert!(codes(lead_in, &docs, date(2026, 1, 1)).is_empty(), "only the documents in the circle");
    }

    proptest::proptest! {
        /// Once a document needs attention it keeps needing it as `today` advances.
        #[test]
        fn once_stale_stays_stale(offset in 0i64..2000, later in 0i64..2000) {
            let mut d = with_date(doc("h/a", DocKind::Handbook, None), DateKey::LastReviewed, "2025-01-01");
            d.dates.push(NamedDate { key: DateKey::Deadline, raw: "2025-06-01".into(), date: Some(date(2025, 6, 1)), line: 4 });
            let base = date(2025, 1, 1);
            let t1 = base.checked_add(Span::new().days(offset)).unwrap();
            let t2 = t1.checked_add(Span::new().days(later)).unwrap();
            let docs = BTreeMap::new();
            let first = codes(&d, &docs, t1);
            let second = codes(&d, &docs, t2);
            for c in first {
                proptest::prop_assert!(second.contains(&c));
            }
        }
    }
}
