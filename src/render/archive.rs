//! The standup archive's pages: the calendar of weeks, each week, open blockers, action items,
//! and the archive parts of person and note pages.
//!
//! Input: the [`Site`](crate::model::Site) and its [`Archive`](crate::model::archive::Archive)
//! through the page context. Output: typed views rendered with the theme's `archive*.html`
//! templates. Every URL is relative to the site root, as everywhere else.

use crate::date::describe_duration;
use crate::load::standup::Entry;
use crate::model::archive::{Action, ActionState, Blocker, EntryRef, Week};
use crate::model::{Doc, LinkTarget};
use crate::render::context::Ctx;
use crate::render::view::*;
use crate::vocab::Route;
use crate::vocab::route::ARCHIVE;
use crate::vocab::{DocId, DocKind};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// The page of a week.
pub fn week_path(week: &Week) -> String {
    Route::Week(&week.slug()).path()
}

impl Ctx<'_> {
    fn person_link(&self, name: &str) -> PersonLink {
        let slug = self.site.person_slug(name);
        PersonLink {
            name: slug.and_then(|s| self.site.people.get(s)).map_or_else(|| name.to_string(), |p| p.name.clone()),
            href: slug.map(|s| Route::Person(s).path()),
        }
    }

    fn entry_view(&self, doc: &Doc, entry: &Entry) -> EntryView {
        let href = match &entry.anchor {
            Some(a) => format!("{}#{a}", doc.id.page_path()),
            None => doc.id.page_path(),
        };
        EntryView {
            href,
            date: doc.date.map(|d| d.to_string()).unwrap_or_default(),
            person: entry.person.as_deref().map(|p| self.person_link(p)),
            done: entry.done.clone(),
            doing: entry.doing.clone(),
            blocker: entry.blocker().map(|b| b.text()),
        }
    }

    fn entry_ref_view(&self, r: &EntryRef) -> EntryView {
        let doc = &self.site.docs[&r.doc];
        self.entry_view(doc, &doc.notes.as_ref().expect("entries come from notes").entries[r.index])
    }

    fn action_view(&self, doc: &Doc, index: usize, state: ActionState) -> ActionView {
        let item = &doc.notes.as_ref().expect("actions come from notes").actions[index];
        ActionView {
            state: state.as_str(),
            text: item.text.clone(),
            owner: item.owner.as_deref().map(|o| self.person_link(o)),
            due: item.due.map(|d| d.to_string()),
            late_days: (state == ActionState::Overdue)
                .then(|| item.due.map(|d| (self.opts.today - d).get_days()))
                .flatten(),
            doc: DocLink::of(doc, self.site.names),
        }
    }

    fn archived_action(&self, a: &Action) -> ActionView {
        self.action_view(&self.site.docs[&a.doc], a.index, a.state)
    }

    fn blocker_view(&self, b: &Blocker) -> BlockerView {
        let end = b.resolved.as_ref().map_or(self.opts.today, |r| r.date);
        BlockerView {
            person: self.person_link(&b.name),
            text: b.text.clone(),
            since: b.since.to_string(),
            days: (end - b.since).get_days(),
            stale: b.stale,
            entry: DocLink::of(&self.site.docs[&b.entry.doc], self.site.names),
            resolved: b.resolved.as_ref().map(|r| DocLink::of(&self.site.docs[&r.doc], self.site.names)),
        }
    }

    /// Decisions and RFCs a note links to or mentions.
    fn references(&self, doc: &Doc) -> Vec<DocLink> {
        let mut ids: Vec<&DocId> = doc.mentions.values().collect();
        ids.extend(doc.links.values().filter_map(|t| match t {
            LinkTarget::Doc(id, _) => Some(id),
            _ => None,
        }));
        ids.sort();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| self.site.docs.get(id))
            .filter(|d| d.kind.is_decision() && d.id != doc.id)
            .map(|d| DocLink::of(d, self.site.names))
            .collect()
    }

    fn week_of(&self, date: Date) -> Option<&Week> {
        let iso = date.iso_week_date();
        let weeks = &self.site.archive.weeks;
        weeks.binary_search_by_key(&(iso.year(), iso.week()), |w| (w.year, w.week)).ok().map(|i| &weeks[i])
    }

    /// The panel above a standup's text.
    pub(super) fn notes_panel(&self, doc: &Doc) -> Option<NotesPanel> {
        let notes = doc.notes.as_ref()?;
        let actions = (0..notes.actions.len())
            .map(|i| {
                // An item that a later note repeats is shown with its state as written here.
                let state = self
                    .site
                    .archive
                    .action_states
                    .get(&(doc.id.clone(), i))
                    .copied()
                    .unwrap_or(if notes.actions[i].done { ActionState::Done } else { ActionState::Open });
                self.action_view(doc, i, state)
            })
            .collect();
        let panel = NotesPanel {
            week: doc.date.and_then(|d| self.week_of(d)).map(|w| NavLink {
                href: week_path(w),
                label: format!("Week {}, {}", w.week, w.year),
                current: false,
            }),
            entries: notes.entries.iter().map(|e| self.entry_view(doc, e)).collect(),
            actions,
            decisions: notes.decisions.clone(),
            references: self.references(doc),
        };
        Some(panel)
    }

    pub(super) fn archive_index(&self) -> anyhow::Result<String> {
        let archive = &self.site.archive;
        let mut per_day: BTreeMap<Date, usize> = BTreeMap::new();
        for w in &archive.weeks {
            for id in &w.docs {
                if let Some(d) = self.site.docs[id].date {
                    *per_day.entry(d).or_default() += 1;
                }
            }
        }
        let by_week: BTreeMap<(i16, i8), &Week> = archive.weeks.iter().map(|w| ((w.year, w.week), w)).collect();
        let mut years: Vec<YearView> = Vec::new();
        if let (Some(first), Some(last)) = (archive.weeks.first(), archive.weeks.last()) {
            // Every week from the first note to the last, so gaps show as gaps.
            let mut monday = first.monday;
            let mut previous_month = None;
            while monday <= last.monday {
                let iso = monday.iso_week_date();
                let week = by_week.get(&(iso.year(), iso.week()));
                let days: Vec<DayCell> = (0..7)
                    .filter_map(|k| monday.checked_add(jiff::Span::new().days(k)).ok())
                    .map(|d| DayCell {
                        day: d.day(),
                        date: d.to_string(),
                        count: per_day.get(&d).copied().unwrap_or(0),
                    })
                    .collect();
                let month = (previous_month != Some(monday.month())).then(|| monday.strftime("%B").to_string());
                previous_month = Some(monday.month());
                let row = WeekRow {
                    label: format!("W{:02}", iso.week()),
                    href: week.map(|w| week_path(w)),
                    month,
                    count: days.iter().map(|d| d.count).sum(),
                    days,
                };
                match years.last_mut() {
                    Some(y) if y.year == iso.year() => y.weeks.push(row),
                    _ => years.push(YearView { year: iso.year(), weeks: vec![row] }),
                }
                monday = match monday.checked_add(jiff::Span::new().days(7)) {
                    Ok(next) => next,
                    Err(_) => break,
                };
            }
        }
        years.reverse();
        let view = ArchivePage {
            layout: self.layout(&Route::Section(ARCHIVE).path(), "Standup archive", ARCHIVE),
            years,
            notes: archive.weeks.iter().map(|w| w.docs.len()).sum(),
            entries: archive.entries.len(),
            open_blockers: archive.open_blockers.len(),
            overdue: archive.actions.iter().filter(|a| a.state == ActionState::Overdue).count(),
            open_actions: archive.actions.iter().filter(|a| a.state != ActionState::Done).count(),
            undated: archive.undated.iter().filter_map(|id| self.link(id)).collect(),
        };
        self.theme.render("archive.html", &view)
    }

    pub(super) fn week_page(&self, index: usize) -> anyhow::Result<(String, String)> {
        let weeks = &self.site.archive.weeks;
        let week = &weeks[index];
        let path = week_path(week);
        let mut days: Vec<WeekDay> = Vec::new();
        for id in &week.docs {
            let doc = &self.site.docs[id];
            let Some(date) = doc.date else { continue };
            let note = match self.notes_panel(doc) {
                Some(p) => WeekNote {
                    doc: DocLink::of(doc, self.site.names),
                    entries: p.entries,
                    actions: p.actions,
                    decisions: p.decisions,
                    references: p.references,
                },
                None => WeekNote {
                    doc: DocLink::of(doc, self.site.names),
                    entries: Vec::new(),
                    actions: Vec::new(),
                    decisions: Vec::new(),
                    references: self.references(doc),
                },
            };
            match days.last_mut() {
                Some(d) if d.date == date.to_string() => d.notes.push(note),
                _ => days.push(WeekDay {
                    label: date.strftime("%A %-d %B").to_string(),
                    date: date.to_string(),
                    notes: vec![note],
                }),
            }
        }
        let sunday = week.monday.checked_add(jiff::Span::new().days(6)).unwrap_or(week.monday);
        let range = if sunday.month() == week.monday.month() {
            format!("{}–{}", week.monday.day(), sunday.strftime("%-d %B %Y"))
        } else {
            format!("{} – {}", week.monday.strftime("%-d %B"), sunday.strftime("%-d %B %Y"))
        };
        let nav =
            |w: &Week| NavLink { href: week_path(w), label: format!("Week {}, {}", w.week, w.year), current: false };
        let heading = format!("Week {}, {}", week.week, week.year);
        let view = WeekPage {
            layout: self.layout(&path, &heading, ARCHIVE),
            heading,
            range,
            previous: index.checked_sub(1).map(|i| nav(&weeks[i])),
            next: weeks.get(index + 1).map(nav),
            days,
        };
        Ok((path, self.theme.render("week.html", &view)?))
    }

    pub(super) fn blockers_page(&self) -> anyhow::Result<String> {
        let archive = &self.site.archive;
        let view = BlockersPage {
            layout: self.layout(&Route::Blockers.path(), "Open blockers", ARCHIVE),
            today: self.opts.today.to_string(),
            stale_after: describe_duration(&self.opts.stale_blocker_after),
            open: archive.open_blockers.iter().map(|b| self.blocker_view(b)).collect(),
            resolved: archive.resolved_blockers.iter().take(50).map(|b| self.blocker_view(b)).collect(),
        };
        self.theme.render("blockers.html", &view)
    }

    pub(super) fn actions_page(&self) -> anyhow::Result<String> {
        let archive = &self.site.archive;
        let mut owners: BTreeMap<String, OwnerActions> = BTreeMap::new();
        for a in &archive.actions {
            let view = self.archived_action(a);
            let key = a.owner.clone().unwrap_or_else(|| {
                view.owner.as_ref().map_or_else(|| "~".to_string(), |o| format!("~{}", o.name.to_lowercase()))
            });
            let group = owners.entry(key.clone()).or_insert_with(|| OwnerActions {
                owner: view.owner.clone().unwrap_or(PersonLink { name: "No owner named".into(), href: None }),
                anchor: format!("owner-{}", crate::text::slugify(&key).trim_start_matches('-')),
                overdue: 0,
                open: 0,
                done: 0,
                items: Vec::new(),
            });
            match a.state {
                ActionState::Overdue => {
                    group.overdue += 1;
                    group.open += 1;
                }
                ActionState::Open => group.open += 1,
                ActionState::Done => group.done += 1,
            }
            group.items.push(view);
        }
        let mut owners: Vec<OwnerActions> = owners.into_values().collect();
        owners.sort_by(|a, b| {
            (b.overdue, b.open, a.owner.name.to_lowercase()).cmp(&(a.overdue, a.open, b.owner.name.to_lowercase()))
        });
        let mut overdue_items: Vec<ActionView> = archive
            .actions
            .iter()
            .filter(|a| a.state == ActionState::Overdue)
            .map(|a| self.archived_action(a))
            .collect();
        overdue_items.sort_by_key(|a| std::cmp::Reverse(a.late_days));
        let view = ActionsPage {
            layout: self.layout(&Route::Actions.path(), "Action items", ARCHIVE),
            today: self.opts.today.to_string(),
            overdue: overdue_items.len(),
            open: archive.actions.iter().filter(|a| a.state != ActionState::Done).count(),
            done: archive.actions.iter().filter(|a| a.state == ActionState::Done).count(),
            overdue_items,
            owners,
        };
        self.theme.render("actions.html", &view)
    }

    /// The archive part of a person's page: open blocker, action items, entries.
    pub(super) fn person_archive(&self, slug: &str) -> (Option<BlockerView>, Vec<ActionView>, Vec<EntryView>) {
        let archive = &self.site.archive;
        let blocker = archive.open_blockers.iter().find(|b| b.person == slug).map(|b| self.blocker_view(b));
        let actions = archive
            .actions
            .iter()
            .filter(|a| a.owner.as_deref() == Some(slug))
            .map(|a| self.archived_action(a))
            .collect();
        let entries = archive
            .entries
            .iter()
            .rev()
            .filter(|e| e.person.as_deref() == Some(slug))
            .map(|e| self.entry_ref_view(e))
            .collect();
        (blocker, actions, entries)
    }

    /// Whether the site has an archive to show.
    pub(super) fn has_archive(&self) -> bool {
        self.site.docs.values().any(|d| d.kind == DocKind::Standup)
    }
}
