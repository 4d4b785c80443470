//! Typed views of the standup archive's pages and panels: entries, action items, blockers, the
//! calendar of weeks.
//!
//! Input: nothing but what the archive renderer fills in. Output: serialisable structs that the
//! `archive*.html` templates lay out. Every `href` is relative to the site root.

use crate::render::view::{DocLink, Group, Layout, NavLink};
use serde::Serialize;

/// A person, linked to their page when they have one.
#[derive(Clone, Debug, Serialize)]
pub struct PersonLink {
    /// Name as best written.
    pub name: String,
    /// Site-root-relative URL of their page.
    pub href: Option<String>,
}

/// One standup entry on archive pages.
#[derive(Clone, Debug, Serialize)]
pub struct EntryView {
    /// Site-root-relative URL of the entry (its document, at the person's heading).
    pub href: String,
    /// Date, ISO.
    pub date: String,
    /// Who.
    pub person: Option<PersonLink>,
    /// Done / Yesterday.
    pub done: Vec<String>,
    /// Doing / Today.
    pub doing: Vec<String>,
    /// What blocks them, when something does.
    pub blocker: Option<String>,
}

/// An action item.
#[derive(Clone, Debug, Serialize)]
pub struct ActionView {
    /// `overdue`, `open` or `done`.
    pub state: &'static str,
    /// What.
    pub text: String,
    /// Who owes it.
    pub owner: Option<PersonLink>,
    /// Due date, ISO.
    pub due: Option<String>,
    /// Days past due, for overdue items.
    pub late_days: Option<i32>,
    /// The note of its latest mention.
    pub doc: DocLink,
}

/// A blocker, open or resolved.
#[derive(Clone, Debug, Serialize)]
pub struct BlockerView {
    /// Who is blocked.
    pub person: PersonLink,
    /// What blocks them.
    pub text: String,
    /// Since when, ISO.
    pub since: String,
    /// Days open (until today, or until it was resolved).
    pub days: i32,
    /// Open longer than `stale_blocker_after`.
    pub stale: bool,
    /// The latest entry that reports it.
    pub entry: DocLink,
    /// The entry that no longer reports it.
    pub resolved: Option<DocLink>,
}

/// What a standup or meeting note's page shows above its text.
#[derive(Clone, Debug, Serialize)]
pub struct NotesPanel {
    /// The week page.
    pub week: Option<NavLink>,
    /// Entries with their blockers.
    pub entries: Vec<EntryView>,
    /// Action items written here.
    pub actions: Vec<ActionView>,
    /// A Decisions section's items.
    pub decisions: Vec<String>,
    /// Decisions and RFCs this note refers to.
    pub references: Vec<DocLink>,
}

/// A day in the archive calendar.
#[derive(Clone, Debug, Serialize)]
pub struct DayCell {
    /// Day of the month.
    pub day: i8,
    /// ISO date.
    pub date: String,
    /// Notes that day.
    pub count: usize,
}

/// A week row of the archive calendar.
#[derive(Clone, Debug, Serialize)]
pub struct WeekRow {
    /// `W46`.
    pub label: String,
    /// The week page, when the week has notes.
    pub href: Option<String>,
    /// The month name, on the first week of a month.
    pub month: Option<String>,
    /// Monday to Sunday.
    pub days: Vec<DayCell>,
    /// Notes in the week.
    pub count: usize,
}

/// A year of the archive calendar.
#[derive(Clone, Debug, Serialize)]
pub struct YearView {
    /// The ISO week-numbering year.
    pub year: i16,
    /// Its weeks, latest first.
    pub weeks: Vec<WeekRow>,
}

/// The archive: a calendar of weeks.
#[derive(Clone, Debug, Serialize)]
pub struct ArchivePage {
    /// Layout.
    pub layout: Layout,
    /// Latest year first.
    pub years: Vec<YearView>,
    /// Dated notes.
    pub notes: usize,
    /// Entries (one person's update in a note).
    pub entries: usize,
    /// Open blockers.
    pub open_blockers: usize,
    /// Overdue action items.
    pub overdue: usize,
    /// Open action items, overdue included.
    pub open_actions: usize,
    /// Notes without a date.
    pub undated: Vec<DocLink>,
}

/// A note on a week page.
#[derive(Clone, Debug, Serialize)]
pub struct WeekNote {
    /// The note.
    pub doc: DocLink,
    /// Its entries.
    pub entries: Vec<EntryView>,
    /// Its action items.
    pub actions: Vec<ActionView>,
    /// Its Decisions section.
    pub decisions: Vec<String>,
    /// Decisions and RFCs it refers to.
    pub references: Vec<DocLink>,
}

/// A day on a week page.
#[derive(Clone, Debug, Serialize)]
pub struct WeekDay {
    /// `Monday 9 November`.
    pub label: String,
    /// ISO date, also the anchor.
    pub date: String,
    /// Notes of the day.
    pub notes: Vec<WeekNote>,
}

/// One week of notes.
#[derive(Clone, Debug, Serialize)]
pub struct WeekPage {
    /// Layout.
    pub layout: Layout,
    /// `Week 46, 2026`.
    pub heading: String,
    /// `9–15 November 2026`.
    pub range: String,
    /// The week before with notes.
    pub previous: Option<NavLink>,
    /// The week after with notes.
    pub next: Option<NavLink>,
    /// Days with notes.
    pub days: Vec<WeekDay>,
}

/// The open-blockers page.
#[derive(Clone, Debug, Serialize)]
pub struct BlockersPage {
    /// Layout.
    pub layout: Layout,
    /// The date blockers are measured against.
    pub today: String,
    /// `7 days`.
    pub stale_after: String,
    /// Open, longest first.
    pub open: Vec<BlockerView>,
    /// Resolved, latest first.
    pub resolved: Vec<BlockerView>,
}

/// Action items of one owner.
#[derive(Clone, Debug, Serialize)]
pub struct OwnerActions {
    /// The owner, or no one named.
    pub owner: PersonLink,
    /// Anchor id.
    pub anchor: String,
    /// Overdue count.
    pub overdue: usize,
    /// Open count, overdue included.
    pub open: usize,
    /// Done count.
    pub done: usize,
    /// Their items.
    pub items: Vec<ActionView>,
}

/// The action-items page.
#[derive(Clone, Debug, Serialize)]
pub struct ActionsPage {
    /// Layout.
    pub layout: Layout,
    /// The date due dates are measured against.
    pub today: String,
    /// Counts.
    pub overdue: usize,
    /// Open, overdue included.
    pub open: usize,
    /// Done.
    pub done: usize,
    /// Overdue items, most overdue first.
    pub overdue_items: Vec<ActionView>,
    /// By owner.
    pub owners: Vec<OwnerActions>,
}

/// A person's page.
#[derive(Clone, Debug, Serialize)]
pub struct PersonPage {
    /// Layout.
    pub layout: Layout,
    /// Name.
    pub heading: String,
    /// Documents by role.
    pub groups: Vec<Group>,
    /// Their open blocker.
    pub blocker: Option<BlockerView>,
    /// Action items they owe.
    pub actions: Vec<ActionView>,
    /// Their standup entries, latest first.
    pub entries: Vec<EntryView>,
}
