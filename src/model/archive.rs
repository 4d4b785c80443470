//! The standup archive across documents: entries by week and by person, open blockers and
//! action items.
//!
//! Input: the site's documents (their [`Notes`](crate::load::standup::Notes) and dates), a way
//! to name people by their page slug, `today` and how long a blocker may stay open. Output: an
//! [`Archive`] and the `overdue-action` and `stale-blocker` findings. Like the attention rules it
//! is a pure function of its inputs, so the same `today` gives the same archive.

use crate::date::describe_duration;
use crate::diagnostic::Code;
use crate::model::Doc;
use crate::model::attention::Finding;
use crate::vocab::{DocId, DocKind};
use jiff::Span;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// One person's entry in one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryRef {
    /// The document.
    pub doc: DocId,
    /// Index into its entries.
    pub index: usize,
    /// The document's date.
    pub date: Date,
    /// The person's page slug, when the entry names someone.
    pub person: Option<String>,
}

/// A blocker: open, or resolved by a later entry of the same person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocker {
    /// The person's page slug.
    pub person: String,
    /// The person as written in the latest entry.
    pub name: String,
    /// The latest entry that reports it.
    pub entry: EntryRef,
    /// The blocker as written there.
    pub text: String,
    /// The first of the entries in a row that report a blocker.
    pub since: Date,
    /// The entry that no longer reports it, for a resolved blocker.
    pub resolved: Option<EntryRef>,
    /// 1-based line of the Blocked section in the latest entry.
    pub line: u32,
    /// Open longer than the stale window (a `stale-blocker` finding).
    pub stale: bool,
}

/// Where an action item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ActionState {
    /// Past its due date and not done.
    Overdue,
    /// Not done.
    Open,
    /// Ticked, struck through or marked done.
    Done,
}

impl ActionState {
    /// Lowercase name for CSS classes and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionState::Overdue => "overdue",
            ActionState::Open => "open",
            ActionState::Done => "done",
        }
    }
}

/// An action item as it stands now: its latest mention decides its state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    /// The document of its latest mention.
    pub doc: DocId,
    /// Index into that document's action items.
    pub index: usize,
    /// The owner's page slug, when the owner has a page.
    pub owner: Option<String>,
    /// Where it stands.
    pub state: ActionState,
    /// The date of its first mention.
    pub first_seen: Option<Date>,
}

/// One ISO week with notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Week {
    /// ISO week-numbering year.
    pub year: i16,
    /// ISO week, 1–53.
    pub week: i8,
    /// Its Monday.
    pub monday: Date,
    /// Dated standup documents of the week, by date then id.
    pub docs: Vec<DocId>,
}

impl Week {
    /// `2026-w46`: the page name.
    pub fn slug(&self) -> String {
        format!("{}-w{:02}", self.year, self.week)
    }
}

/// The archive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Archive {
    /// Every dated entry, oldest first.
    pub entries: Vec<EntryRef>,
    /// Weeks with notes, oldest first.
    pub weeks: Vec<Week>,
    /// Each person's latest blocker that no later entry of theirs resolves, longest open first.
    pub open_blockers: Vec<Blocker>,
    /// Blockers a later entry resolved, latest first.
    pub resolved_blockers: Vec<Blocker>,
    /// Action items, each once: overdue, open, then done; by due date within each.
    pub actions: Vec<Action>,
    /// Standup documents that have no date.
    pub undated: Vec<DocId>,
    /// Where each action item mentioned last stands, by document and index.
    pub action_states: BTreeMap<(DocId, usize), ActionState>,
    /// Folder introductions (`README.md`, `_index.md`, `index.md`) among the notes: pages, but
    /// not notes of a day.
    pub indexes: Vec<DocId>,
}

/// Whether a file introduces its folder rather than recording a day.
fn is_folder_index(source: &str) -> bool {
    crate::vocab::markdown_name::is_folder_index(source)
}

/// Builds the archive and its findings. `person` gives the page slug and display name of a
/// person as written, when they have a page.
pub fn build(
    docs: &BTreeMap<DocId, Doc>,
    person: &dyn Fn(&str) -> Option<(String, String)>,
    today: Date,
    stale_after: Span,
) -> (Archive, Vec<Finding>) {
    let mut archive = Archive::default();
    let mut findings = Vec::new();
    let mut by_week: BTreeMap<(i16, i8), Vec<(Date, DocId)>> = BTreeMap::new();
    for doc in docs.values().filter(|d| d.kind == DocKind::Standup) {
        if is_folder_index(&doc.source) && doc.notes.as_ref().is_none_or(|n| n.entries.is_empty()) {
            archive.indexes.push(doc.id.clone());
            continue;
        }
        let Some(date) = doc.date else {
            archive.undated.push(doc.id.clone());
            continue;
        };
        let iso = date.iso_week_date();
        by_week.entry((iso.year(), iso.week())).or_default().push((date, doc.id.clone()));
        let Some(notes) = &doc.notes else { continue };
        for (index, e) in notes.entries.iter().enumerate() {
            archive.entries.push(EntryRef {
                doc: doc.id.clone(),
                index,
                date,
                person: e.person.as_deref().and_then(person).map(|(s, _)| s),
            });
        }
    }
    archive.entries.sort_by(|a, b| (a.date, &a.doc, a.index).cmp(&(b.date, &b.doc, b.index)));
    for ((year, week), mut days) in by_week {
        days.sort();
        let monday = days[0].0.iso_week_date().first_of_week().map(|w| w.date()).unwrap_or(days[0].0);
        archive.weeks.push(Week { year, week, monday, docs: days.into_iter().map(|(_, id)| id).collect() });
    }

    // Blockers: walk each person's entries in order. A run of entries reporting a blocker opens
    // it on the first; the next entry without one resolves it.
    let mut by_person: BTreeMap<&str, Vec<&EntryRef>> = BTreeMap::new();
    for e in &archive.entries {
        if let Some(p) = &e.person {
            by_person.entry(p).or_default().push(e);
        }
    }
    let entry = |r: &EntryRef| &docs[&r.doc].notes.as_ref().expect("entries come from notes").entries[r.index];
    for (slug, entries) in by_person {
        let mut open: Option<Blocker> = None;
        for r in entries {
            let e = entry(r);
            match e.blocker() {
                Some(b) => {
                    let since = open.as_ref().map_or(r.date, |o| o.since);
                    let written = e.person.clone().unwrap_or_default();
                    open = Some(Blocker {
                        person: slug.to_string(),
                        name: person(&written).map_or(written, |(_, name)| name),
                        entry: r.clone(),
                        text: b.text(),
                        since,
                        resolved: None,
                        line: b.line,
                        stale: false,
                    });
                }
                None => {
                    // Another entry of the same day leaves the blocker standing.
                    if let Some(mut b) = open.take_if(|b| r.date > b.entry.date) {
                        b.resolved = Some(r.clone());
                        archive.resolved_blockers.push(b);
                    }
                }
            }
        }
        if let Some(mut b) = open {
            let days = (today - b.since).get_days();
            b.stale = b.since.checked_add(stale_after).is_ok_and(|limit| today > limit);
            if b.stale {
                findings.push(Finding {
                    code: Code::StaleBlocker,
                    doc: b.entry.doc.clone(),
                    since: Some(b.since),
                    owner: Some(b.name.clone()),
                    message: format!(
                        "{} has been blocked since {} ({days} days, longer than {}): {}",
                        b.name,
                        b.since,
                        describe_duration(&stale_after),
                        b.text
                    ),
                    line: b.line,
                });
            }
            archive.open_blockers.push(b);
        }
    }
    archive.open_blockers.sort_by(|a, b| (a.since, &a.person).cmp(&(b.since, &b.person)));
    archive.resolved_blockers.sort_by(|a, b| {
        let end = |x: &Blocker| x.resolved.as_ref().map(|r| r.date);
        (end(b), &a.person).cmp(&(end(a), &b.person))
    });

    // Action items: the same owner and words in a later note are the same item; its latest
    // mention decides whether it is done.
    let mut mentions: Vec<(Option<Date>, &DocId, usize)> = Vec::new();
    for doc in docs.values() {
        if let Some(notes) = &doc.notes {
            for i in 0..notes.actions.len() {
                mentions.push((doc.date, &doc.id, i));
            }
        }
    }
    mentions.sort();
    let action = |id: &DocId, i: usize| &docs[id].notes.as_ref().expect("actions come from notes").actions[i];
    // (owner, words) → (date, document, index) of the latest mention, and the first mention's date.
    type Mention<'a> = (Option<Date>, &'a DocId, usize, Option<Date>);
    let mut latest: BTreeMap<(Option<String>, String), Mention> = BTreeMap::new();
    for (date, id, i) in mentions {
        let a = action(id, i);
        let owner = a.owner.as_deref().map(crate::model::site::person_key);
        let key = (owner, normalise(&a.text));
        let first = latest.get(&key).map_or(date, |l| l.3);
        latest.insert(key, (date, id, i, first));
    }
    for (_, (_, id, index, first_seen)) in latest {
        let a = action(id, index);
        let state = if a.done {
            ActionState::Done
        } else if a.due.is_some_and(|d| d < today) {
            ActionState::Overdue
        } else {
            ActionState::Open
        };
        if state == ActionState::Overdue {
            let due = a.due.expect("overdue items have a due date");
            let who = a.owner.as_deref().map_or(String::new(), |o| format!(" for {o}"));
            findings.push(Finding {
                code: Code::OverdueAction,
                doc: id.clone(),
                since: Some(due),
                owner: a.owner.clone(),
                message: format!(
                    "action item{who} was due on {due} ({} days ago): {}",
                    (today - due).get_days(),
                    a.text
                ),
                line: a.line,
            });
        }
        archive.actions.push(Action {
            doc: id.clone(),
            index,
            owner: a.owner.as_deref().and_then(person).map(|(s, _)| s),
            state,
            first_seen,
        });
    }
    archive.action_states = archive.actions.iter().map(|a| ((a.doc.clone(), a.index), a.state)).collect();
    archive.actions.sort_by(|x, y| {
        let (ax, ay) = (action(&x.doc, x.index), action(&y.doc, y.index));
        (x.state, ax.due.is_none(), ax.due, &x.doc, x.index).cmp(&(y.state, ay.due.is_none(), ay.due, &y.doc, y.index))
    });
    (archive, findings)
}

/// Words of an action item, for recognising it in a later note.
fn normalise(text: &str) -> String {
    text.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::standup::read;
    use jiff::civil::date;

    fn standup(id: &str, day: Date, person: &str, body: &str) -> Doc {
        let mut d = Doc::for_test(id, DocKind::Standup, None);
        d.date = Some(day);
        d.notes = Some(Box::new(read(body, 1, Some(person), Some(day), None)));
        d
    }

    fn site(docs: Vec<Doc>) -> BTreeMap<DocId, Doc> {
        docs.into_iter().map(|d| (d.id.clone(), d)).collect()
    }

    fn slug(name: &str) -> Option<(String, String)> {
        Some((crate::model::site::person_key(name), name.to_string()))
    }

    #[test]
    fn blockers_open_and_resolved() {
        let docs = site(vec![
            standup("s/1", date(2026, 3, 2), "Ana", "Blocked: VPN\n"),
            standup("s/2", date(2026, 3, 3), "@ana", "Blocked: still the VPN\n"),
            standup("s/3", date(2026, 3, 4), "Ana", "Blocked: none\n"),
            standup("s/4", date(2026, 3, 5), "Ben", "Blocked: waiting on legal\n"),
            standup("s/5", date(2026, 3, 5), "Chloe", "Done: x\n"),
        ]);
        let (a, findings) = build(&docs, &slug, date(2026, 3, 9), Span::new().days(7));
        assert_eq!(a.open_blockers.len(), 1);
        let b = &a.open_blockers[0];
        assert_eq!((b.person.as_str(), b.since, b.text.as_str()), ("ben", date(2026, 3, 5), "waiting on legal"));
        assert_eq!(a.resolved_blockers.len(), 1);
        let r = &a.resolved_blockers[0];
        assert_eq!((r.since, r.text.as_str()), (date(2026, 3, 2), "still the VPN"));
        assert_eq!(r.resolved.as_ref().unwrap().date, date(2026, 3, 4));
        assert!(findings.is_empty());
        assert_eq!(a.weeks.len(), 1);
        assert_eq!(a.weeks[0].slug(), "2026-w10");
        assert_eq!(a.weeks[0].monday, date(2026, 3, 2));
    }

    #[test]
    fn stale_blocker_boundary() {
        let docs = site(vec![standup("s/1", date(2026, 3, 2), "Ana", "Blocked: VPN\n")]);
        let at = |today| build(&docs, &slug, today, Span::new().days(7));
        let (a, f) = at(date(2026, 3, 9));
        assert!(f.is_empty() && !a.open_blockers[0].stale);
        let (a, f) = at(date(2026, 3, 10));
        assert!(a.open_blockers[0].stale);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, Code::StaleBlocker);
        assert_eq!(f[0].since, Some(date(2026, 3, 2)));
    }

    #[test]
    fn actions_latest_mention_wins() {
        let docs = site(vec![
            standup(
                "s/1",
                date(2026, 3, 2),
                "Ana",
                "- [ ] @ben: write the plan (due: March 6)\n- [ ] @ana: book a room (due: March 3)\n",
            ),
            standup("s/2", date(2026, 3, 4), "Ana", "- [x] @ana: book a room (due: March 3)\n"),
        ]);
        let at = |today| build(&docs, &slug, today, Span::new().days(7));
        let (a, f) = at(date(2026, 3, 6));
        assert!(f.is_empty(), "due today is not overdue");
        assert_eq!(a.actions.iter().map(|x| x.state).collect::<Vec<_>>(), [ActionState::Open, ActionState::Done]);
        assert_eq!(a.actions[1].first_seen, Some(date(2026, 3, 2)));
        let (a, f) = at(date(2026, 3, 7));
        assert_eq!(a.actions[0].state, ActionState::Overdue);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, Code::OverdueAction);
        assert_eq!(f[0].owner.as_deref(), Some("@ben"));
        assert_eq!(f[0].doc, DocId("s/1".into()));
    }
}
