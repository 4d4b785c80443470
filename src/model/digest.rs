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
use std::collections::BTreeMap;

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

/// A decision as a digest counts it: its day (the date it states, else git's first), whether it
/// is still open (a proposal or draft) and its item; `None` for documents a digest does not tell.
fn recorded(doc: &crate::model::Doc) -> Option<(Date, bool, Item)> {
    if !doc.kind.is_decision() {
        return None;
    }
    let day = doc.date.or(doc.git.as_ref().map(|g| g.created))?;
    let open = match doc.status? {
        Status::Proposed | Status::Draft => true,
        s if s.is_in_force() || matches!(s, Status::Rejected | Status::Withdrawn | Status::Postponed) => false,
        _ => return None,
    };
    let deadline = open.then(|| doc.dates.iter().find(|d| d.key == DateKey::Deadline).and_then(|d| d.date)).flatten();
    Some((
        day,
        open,
        Item {
            id: doc.display_id.clone(),
            title: doc.title.clone(),
            status: doc.status,
            date: Some(day),
            deadline,
            url: doc.id.page_path(),
            note: None,
        },
    ))
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
    let (mut decided, mut proposed) = (Vec::new(), Vec::new());
    for (day, open, it) in site.docs.values().filter_map(recorded) {
        if in_window(Some(day)) {
            if open { proposed.push(it) } else { decided.push(it) }
        }
    }
    sort(&mut decided, &mut proposed);
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
    Digest { from, to, decided, proposed, attention, blockers, overdue }
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

/// Every week in which a decision was recorded or a proposal appeared, newest first.
pub fn weeks(site: &Site) -> Vec<Week> {
    let mut buckets: BTreeMap<Date, (Vec<Item>, Vec<Item>)> = BTreeMap::new();
    for (day, open, it) in site.docs.values().filter_map(recorded) {
        let Some(monday) = monday_of(day) else { continue };
        let bucket = buckets.entry(monday).or_default();
        if open { bucket.1.push(it) } else { bucket.0.push(it) }
    }
    buckets
        .into_iter()
        .rev()
        .filter_map(|(monday, (mut decided, mut proposed))| {
            let sunday = monday.checked_add(jiff::Span::new().days(6)).ok()?;
            sort(&mut decided, &mut proposed);
            let iso = monday.iso_week_date();
            let digest = Digest {
                from: monday,
                to: sunday,
                decided,
                proposed,
                attention: Vec::new(),
                blockers: Vec::new(),
                overdue: Vec::new(),
            };
            Some(Week { year: iso.year(), week: iso.week(), monday, digest })
        })
        .collect()
}

/// Newest decisions first; proposals by deadline, then newest.
fn sort(decided: &mut [Item], proposed: &mut [Item]) {
    let newest_first = |a: &Item, b: &Item| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url));
    decided.sort_by(newest_first);
    proposed.sort_by(|a, b| a.deadline.cmp(&b.deadline).then_with(|| newest_first(a, b)));
}

fn monday_of(day: Date) -> Option<Date> {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(jiff::Span::new().days(back)).ok()
}
