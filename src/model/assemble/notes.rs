//! What a standup or meeting note adds to its document's identity: its entries, the people it
//! names, and a date read from its text or path.
//!
//! Input: one standup [`SourceDoc`] and what the identify pass knows of it. Output: its
//! [`Notes`], the people added to the document and the date found.

use crate::date::date_in_name;
use crate::load::SourceDoc;
use crate::load::discover::Collection;
use crate::load::standup::Notes;
use crate::model::site::person_key;
use crate::vocab::Role;
use jiff::civil::Date;

/// Reads a standup's entries, participants and action items; adds the people it names to
/// `people` and returns the date it found (a `Date:` line, a heading or the title) for a document
/// that had none.
pub(super) fn read_notes(
    src: &SourceDoc,
    col: &Collection,
    date: Option<Date>,
    title: &str,
    people: &mut Vec<(Role, String)>,
) -> (Notes, Option<Date>) {
    let rel = src.source.strip_prefix(&col.path).unwrap_or(&src.source).trim_start_matches('/');
    let year = year_from_path(rel);
    let first_line = u32::try_from(src.text[..src.body_start].matches('\n').count() + 1).unwrap_or(1);
    let author = people.iter().find(|(r, _)| matches!(r, Role::Author | Role::Owner)).map(|(_, p)| p.clone());
    let mut notes = crate::load::standup::read(&src.text[src.body_start..], first_line, author.as_deref(), date, year);
    let found = if date.is_none() { notes.date.or_else(|| crate::date::date_in_text(title, year)) } else { None };
    // One person's file, named by its path: `ana/2026-03-04.md`, `2026-03-04-ana.md`.
    if let [only] = notes.entries.as_mut_slice()
        && only.person.is_none()
    {
        // A handle from a path (`ana`) reads as a name (`Ana`) until a fuller one turns up.
        only.person = person_from_path(rel).map(|p| {
            let mut chars = p.chars();
            chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        });
    }
    let known = |people: &Vec<(Role, String)>, name: &str| {
        let key = person_key(name);
        people.iter().any(|(_, p)| person_key(p) == key)
    };
    for name in notes.entries.iter().filter_map(|e| e.person.clone()) {
        if !known(people, &name) {
            people.push((Role::Author, name));
        }
    }
    for name in &notes.participants {
        if !known(people, name) {
            people.push((Role::Participant, name.clone()));
        }
    }
    (notes, found)
}

/// A four-digit year among the folders of a path inside its collection (`2026/Q1/…`).
fn year_from_path(rel: &str) -> Option<i16> {
    let (folders, _) = rel.rsplit_once('/')?;
    folders.split('/').filter_map(|f| f.parse::<i16>().ok()).find(|y| (1970..=2100).contains(y))
}

/// Words that name a note rather than its author, after the date in a file name.
const NOTE_WORDS: &[&str] =
    &["notes", "note", "sync", "call", "agenda", "summary", "update", "updates", "review", "planning"];

/// The person a per-person standup file belongs to, from its path: the folder in
/// `ana/2026-03-04.md`, or the word after the date in `2026-03-04-ana.md`.
fn person_from_path(rel: &str) -> Option<String> {
    let (folders, file) = rel.rsplit_once('/').map_or(("", rel), |(f, n)| (f, n));
    let stem = crate::vocab::markdown_name::stem(file);
    let word = |w: &str| {
        !w.is_empty()
            && w.len() <= 30
            && w.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
            && w.chars().any(char::is_alphabetic)
    };
    if date_in_name(stem).is_some() {
        let rest: String = stem.chars().skip_while(|c| c.is_ascii_digit() || matches!(c, '-' | '_' | '.')).collect();
        let rest = rest.trim_matches(['-', '_']);
        // `2021.04.20_meeting_notes.md`: the word says what the file is, not whose.
        let names_the_notes = crate::load::infer::folder_kind(rest, false).is_some()
            || rest.split(['_', '.', '-']).any(|w| NOTE_WORDS.contains(&w.to_lowercase().as_str()));
        if word(rest) && !names_the_notes && crate::date::date_in_text(rest, Some(2000)).is_none() {
            return Some(rest.to_string());
        }
    }
    let folder = folders.rsplit('/').next().unwrap_or("");
    let date_like = folder.chars().all(|c| c.is_ascii_digit())
        || (folder.len() == 2 && folder.starts_with(['q', 'Q']))
        || crate::date::date_in_text(&format!("{folder} 1"), Some(2000)).is_some();
    (word(folder) && !date_like && date_in_name(stem).is_some()).then(|| folder.to_string())
}

#[cfg(test)]
mod tests {
    use super::person_from_path;

    #[test]
    fn the_person_a_standup_file_belongs_to() {
        assert_eq!(person_from_path("2026-03-04-ana.md").as_deref(), Some("ana"));
        assert_eq!(person_from_path("ana/2026-03-04.md").as_deref(), Some("ana"));
        for notes in
            ["2021.04.20_meeting_notes.md", "2024-01-05-weekly-sync.md", "2024-01-05-minutes.md", "2024/2024-01-05.md"]
        {
            assert_eq!(person_from_path(notes), None, "{notes}");
        }
    }
}
