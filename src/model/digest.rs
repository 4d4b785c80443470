//! The digest: what a team should hear about a window of days — decisions recorded in it, new
//! proposals awaiting a decision (with their deadlines), what needs attention, open blockers and
//! overdue action items.
//!
//! Input: the [`Site`] and the window. Output: a [`Digest`] of plain values, ready for any
//! format. A document's day is the date it states, else the day git first saw it: a decision is
//! "recorded" in the window when that day is in it. (Status changes within a document's history
//! are not read yet: a proposal accepted by editing its status line counts on its own date.)

use crate::model::Site;
use crate::model::attention::serialize_date;
use crate::vocab::{DateKey, DocKind, Status};
use jiff::civil::Date;
use serde::Serialize;

fn serialize_day<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    serialize_date(&Some(*d), s)
}

/// One document named in a digest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    /// `ADR-0012`, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Title.
    pub title: String,
    /// Status, as adrsite reads it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The day it counts for.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialize_date")]
    pub date: Option<Date>,
    /// Its decision deadline, for a proposal; its due date, for an action item.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialize_date")]
    pub deadline: Option<Date>,
    /// Its page, relative to the site's root.
    pub url: String,
    /// What to say about it (a finding's message, a blocker's text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A window's digest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Digest {
    /// First day, inclusive.
    #[serde(serialize_with = "serialize_day")]
    pub from: Date,
    /// Last day, inclusive.
    #[serde(serialize_with = "serialize_day")]
    pub to: Date,
    /// Decisions recorded in the window: in force, rejected, withdrawn or postponed.
    pub decided: Vec<Item>,
    /// Proposals and drafts that appeared in the window and await a decision.
    pub proposed: Vec<Item>,
    /// What needs attention now.
    pub attention: Vec<Item>,
    /// Standup blockers still open.
    pub blockers: Vec<Item>,
    /// Action items past their due date.
    pub overdue: Vec<Item>,
}

impl Digest {
    /// Whether there is nothing to say.
    pub fn is_empty(&self) -> bool {
        self.decided.is_empty()
            && self.proposed.is_empty()
            && self.attention.is_empty()
            && self.blockers.is_empty()
            && self.overdue.is_empty()
    }
}

/// The digest of `site` for the days `from` to `to`.
pub fn digest(site: &Site, from: Date, to: Date) -> Digest {
    let in_window = |d: Option<Date>| d.is_some_and(|d| d >= from && d <= to);
    let item = |doc: &crate::model::Doc, date: Option<Date>, note: Option<String>| Item {
        id: doc.display_id.clone(),
        title: doc.title.clone(),
        status: doc.status,
        date,
        deadline: None,
        url: doc.id.page_path(),
        note,
    };
    let mut decided = Vec::new();
    let mut proposed = Vec::new();
    for doc in site.docs.values().filter(|d| d.kind.is_decision()) {
        let day = doc.date.or(doc.git.as_ref().map(|g| g.created));
        if !in_window(day) {
            continue;
        }
        match doc.status {
            Some(Status::Proposed | Status::Draft) => proposed.push(Item {
                deadline: doc.dates.iter().find(|d| d.key == DateKey::Deadline).and_then(|d| d.date),
                ..item(doc, day, None)
            }),
            Some(s) if s.is_in_force() || matches!(s, Status::Rejected | Status::Withdrawn | Status::Postponed) => {
                decided.push(item(doc, day, None))
            }
            _ => {}
        }
    }
    let newest_first = |a: &Item, b: &Item| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url));
    decided.sort_by(newest_first);
    proposed.sort_by(|a, b| a.deadline.cmp(&b.deadline).then_with(|| newest_first(a, b)));
    let mut attention: Vec<Item> = site
        .docs
        .values()
        .flat_map(|d| d.findings.iter().map(move |f| (d, f)))
        .filter(|(d, _)| d.kind != DocKind::Standup)
        .map(|(d, f)| item(d, f.since, Some(f.message.clone())))
        .collect();
    attention.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.url.cmp(&b.url)));
    let archive = &site.archive;
    let blockers = archive
        .open_blockers
        .iter()
        .filter_map(|b| {
            let doc = site.docs.get(&b.entry.doc)?;
            // The note's title names its author; the blocker is what they wrote.
            Some(item(doc, Some(b.since), Some(b.text.clone())))
        })
        .collect();
    let overdue = archive
        .actions
        .iter()
        .filter(|a| a.state == crate::model::archive::ActionState::Overdue)
        .filter_map(|a| {
            let doc = site.docs.get(&a.doc)?;
            let action = doc.notes.as_ref()?.actions.get(a.index)?;
            let owner =
                action.owner.as_deref().map(|o| format!("@{}: ", o.trim_start_matches('@'))).unwrap_or_default();
            Some(Item { deadline: action.due, ..item(doc, a.first_seen, Some(format!("{owner}{}", action.text))) })
        })
        .collect();
    Digest { from, to, decided, proposed, attention, blockers, overdue }
}
