//! The digest: what a team should hear about a window of days — decisions recorded in it, new
//! proposals awaiting a decision (with their deadlines), what needs attention, open blockers and
//! overdue action items.
//!
//! Input: the [`Site`] and the window. Output: a [`Digest`] of plain values, ready for any
//! format. When git has a decision's status history, each step counts on the day of its commit:
//! a proposal accepted by editing its status line is decided that day, and a decision later
//! superseded or deprecated has changed status that day. Without a history, a document counts
//! once, on the date it states, else the day git first saw it.

use crate::model::Site;
use crate::model::attention::{serialize_date, serialize_day};
use crate::vocab::{DateKey, DocKind, Status};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// Decisions whose status changed in the window otherwise (superseded, deprecated,
    /// reopened), each with the status it came from as its note.
    pub changed: Vec<Item>,
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
            && self.changed.is_empty()
            && self.attention.is_empty()
            && self.blockers.is_empty()
            && self.overdue.is_empty()
    }
}

/// Which section of a digest a decision's step goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Event {
    Decided,
    Proposed,
    Changed,
}

/// Whether a status ends a proposal: in force, or decided against, or put off.
fn decides(s: Status) -> bool {
    s.is_in_force() || matches!(s, Status::Rejected | Status::Withdrawn | Status::Postponed)
}

/// What a decision gives a digest: each step of its status history, on its day; without one,
/// its current status on its own day (the date it states, else git's first). Nothing for
/// documents a digest does not tell.
fn events(doc: &crate::model::Doc) -> Vec<(Date, Event, Item)> {
    if !doc.kind.is_decision() {
        return Vec::new();
    }
    let open = |s: Status| matches!(s, Status::Proposed | Status::Draft);
    let deadline = || doc.dates.iter().find(|d| d.key == DateKey::Deadline).and_then(|d| d.date);
    let item = |status, day, note| Item {
        id: doc.display_id.clone(),
        title: doc.title.clone(),
        status: Some(status),
        date: Some(day),
        deadline: if open(status) { deadline() } else { None },
        url: doc.id.page_path(),
        note,
    };
    if doc.history.is_empty() {
        let (Some(day), Some(status)) = (doc.date.or(doc.git.as_ref().map(|g| g.created)), doc.status) else {
            return Vec::new();
        };
        let event = if open(status) {
            Event::Proposed
        } else if decides(status) {
            Event::Decided
        } else {
            return Vec::new();
        };
        return vec![(day, event, item(status, day, None))];
    }
    let still_open = doc.status.is_some_and(open);
    let mut out = Vec::new();
    let mut before: Option<Status> = None;
    for (i, step) in doc.history.iter().enumerate() {
        // A log imported in one commit: its documents were decided on the dates they state, not
        // the day of the import.
        let day = match doc.date {
            Some(stated) if i == 0 && stated < step.date => stated,
            _ => step.date,
        };
        let event = match before {
            // A proposal counts where it appeared, while it still awaits a decision.
            None if open(step.status) => still_open.then_some(Event::Proposed),
            None | Some(Status::Proposed | Status::Draft) if decides(step.status) => Some(Event::Decided),
            Some(from) if from != step.status => Some(Event::Changed),
            _ => None,
        };
        if let Some(event) = event {
            let note = (event == Event::Changed)
                .then(|| format!("{} → {} on {day}", before.map_or("", Status::as_str), step.status.as_str()));
            out.push((day, event, item(step.status, day, note)));
        }
        before = Some(step.status);
    }
    out
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
    let (mut decided, mut proposed, mut changed) = (Vec::new(), Vec::new(), Vec::new());
    for (day, event, it) in site.docs.values().flat_map(events) {
        if in_window(Some(day)) {
            match event {
                Event::Decided => decided.push(it),
                Event::Proposed => proposed.push(it),
                Event::Changed => changed.push(it),
            }
        }
    }
    sort(&mut decided, &mut proposed, &mut changed);
    let mut attention: Vec<Item> = site
        .docs
        .values()
        .flat_map(|d| d.findings.iter().map(move |f| (d, f)))
        // The attention rules (stale, overdue, contradictory), as the Needs attention page lists
        // them; a broken link is the build's to report, not news.
        .filter(|(d, f)| d.kind != DocKind::Standup && crate::vocab::rule::rule_of(f.code).is_some())
        .map(|(d, f)| item(d, f.since, Some(f.message.clone())))
        .collect();
    attention.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.url.cmp(&b.url)));
    attention.dedup();
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
    Digest { from, to, decided, proposed, changed, attention, blockers, overdue }
}

/// One ISO week's decisions and new proposals, for the site's digest pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Week {
    /// ISO week-numbering year.
    pub year: i16,
    /// ISO week.
    pub week: i8,
    /// Its Monday.
    pub monday: Date,
    /// Its digest: what was decided and proposed that week (what needs attention is today's, on
    /// the attention page, not a week's).
    pub digest: Digest,
}

impl Week {
    /// `2026-w47`, its page's name.
    pub fn slug(&self) -> String {
        format!("{}-w{:02}", self.year, self.week)
    }
}

/// Every week in which a decision was recorded, a proposal appeared or a status changed, newest
/// first.
pub fn weeks(site: &Site) -> Vec<Week> {
    // Per Monday: decided, proposed, changed.
    type Sections = (Vec<Item>, Vec<Item>, Vec<Item>);
    let mut buckets: BTreeMap<Date, Sections> = BTreeMap::new();
    for (day, event, it) in site.docs.values().flat_map(events) {
        let Some(monday) = monday_of(day) else { continue };
        let bucket = buckets.entry(monday).or_default();
        match event {
            Event::Decided => bucket.0.push(it),
            Event::Proposed => bucket.1.push(it),
            Event::Changed => bucket.2.push(it),
        }
    }
    buckets
        .into_iter()
        .rev()
        .filter_map(|(monday, (mut decided, mut proposed, mut changed))| {
            let sunday = monday.checked_add(jiff::Span::new().days(6)).ok()?;
            sort(&mut decided, &mut proposed, &mut changed);
            let iso = monday.iso_week_date();
            let digest = Digest {
                from: monday,
                to: sunday,
                decided,
                proposed,
                changed,
                attention: Vec::new(),
                blockers: Vec::new(),
                overdue: Vec::new(),
            };
            Some(Week { year: iso.year(), week: iso.week(), monday, digest })
        })
        .collect()
}

/// Newest decisions and changes first; proposals by deadline, then newest.
fn sort(decided: &mut [Item], proposed: &mut [Item], changed: &mut [Item]) {
    let newest_first = |a: &Item, b: &Item| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url));
    decided.sort_by(newest_first);
    changed.sort_by(newest_first);
    proposed.sort_by(|a, b| a.deadline.cmp(&b.deadline).then_with(|| newest_first(a, b)));
}

fn monday_of(day: Date) -> Option<Date> {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(jiff::Span::new().days(back)).ok()
}
