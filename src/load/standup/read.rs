//! The line-based reader: classifies every line, then walks them with the person and section in
//! scope.
//!
//! Input: the Markdown body of one standup or meeting note. Output: its [`Notes`].

use super::actions::action_item;
use super::labels::{Label, Part, heading_label, split_label};
use super::names::{clean_name, looks_like_name, participant, participants_in_line};
use super::*;

/// One line, classified.
#[derive(Clone, Debug)]
pub(super) enum Line<'a> {
    Heading { level: usize, text: &'a str },
    Label { label: Label, rest: String, indent: Option<usize>, level: Option<usize> },
    Person { name: String, level: Option<usize> },
    Content { text: String, indent: usize, raw: &'a str, list: bool },
    Blank,
}

/// Where the lines of an action-items section stand.
#[derive(Clone, Copy, Debug, Default)]
struct ActionsSection {
    paragraph: bool,
    inline: bool,
    list_indent: Option<usize>,
}

/// Where a section's content ends.
#[derive(Clone, Copy, Debug)]
pub(super) enum Scope {
    /// Until the next heading of this level or higher.
    Heading(usize),
    /// While lines are indented deeper than this list label.
    List(usize),
    /// Until the next label or heading.
    Paragraph,
}

/// Reads `body`, whose first line is line `first_line` of the file. `person` is who the file
/// belongs to (front matter or path), `date` its date when known, and `year` a year from the
/// path for dates written without one.
pub fn read(body: &str, first_line: u32, person: Option<&str>, date: Option<Date>, year: Option<i16>) -> Notes {
    let lines = classify(body);
    let persons = confirm_persons(&lines);
    let mut notes = Notes::default();
    let mut entry: Option<Entry> = None;
    let mut person_scope: Option<Option<usize>> = None;
    let mut section: Option<(Label, Scope)> = None;
    // An action-items section: whether its label's own paragraph is still open (each of its
    // lines is an item), whether items were written in that paragraph (then a blank line ends the
    // section), and the indent of its list's items (deeper lines are an item's details).
    let mut actions = ActionsSection::default();
    let mut file_entry = Entry { person: person.map(str::to_string), ..Entry::default() };
    let mut pending_date: Option<Date> = None;
    // `Issues snapshot collected on 2025-07-17`: a whole date in the opening lines, when no
    // heading has one.
    let mut opening_date: Option<Date> = None;
    // Whether the section a paragraph's label opened has had content: `Attendees:`, a blank line,
    // then the names one to a line (minutes exported from a shared document).
    let mut fed = false;

    let finish = |e: Option<Entry>, notes: &mut Notes| {
        if let Some(e) = e
            && !e.is_empty()
        {
            notes.entries.push(e);
        }
    };

    for (i, line) in lines.iter().enumerate() {
        let no = first_line + i as u32;
        // Does this line end the current section or person? Headings end what they outrank;
        // a Part heading (Agenda, Action items) also ends a person's entry, an answer heading
        // (`## Yesterday` under `## Ana`) does not.
        let heading = match line {
            Line::Heading { level, .. } => Some((*level, true)),
            Line::Person { level: Some(l), .. } => Some((*l, true)),
            Line::Label { level: Some(l), label, .. } => Some((*l, matches!(label, Label::Part(_)))),
            _ => None,
        };
        if let Some((level, ends_person)) = heading {
            if matches!(section, Some((_, Scope::List(_) | Scope::Paragraph)))
                || matches!(section, Some((_, Scope::Heading(l))) if level <= l)
            {
                section = None;
            }
            if ends_person
                && let Some(scope) = person_scope
                && scope.is_none_or(|l| level <= l)
            {
                finish(entry.take(), &mut notes);
                person_scope = None;
            }
        }
        if let Line::Content { indent, .. } = line
            && let Some((_, Scope::List(l))) = section
            && *indent <= l
        {
            section = None;
        }
        match line {
            Line::Heading { text, .. } => {
                if notes.date.is_none() && date.is_none() {
                    pending_date = pending_date.or_else(|| crate::date::date_in_text(text, year));
                }
            }
            Line::Person { name, level } if persons.contains(&i) => {
                finish(entry.take(), &mut notes);
                entry = Some(Entry {
                    person: Some(name.clone()),
                    line: no,
                    anchor: level.map(|_| crate::text::heading_anchor(name)),
                    ..Entry::default()
                });
                person_scope = Some(*level);
                section = None;
            }
            Line::Person { name, .. } => {
                if let Some((label, _)) = section {
                    add_content(label, name, false, no, &mut entry, &mut file_entry, &mut notes, date, year);
                    fed = true;
                }
            }
            Line::Label { label, rest, indent, level } => {
                let scope = match (indent, level) {
                    (_, Some(l)) => Scope::Heading(*l),
                    (Some(i), None) => Scope::List(*i),
                    (None, None) => Scope::Paragraph,
                };
                section = Some((*label, scope));
                fed = !rest.is_empty();
                // Only a paragraph's label (`Action Items:`) makes the lines under it items; under
                // a heading, prose is discussion and only list items count.
                let paragraph = matches!(scope, Scope::Paragraph);
                actions = ActionsSection { paragraph, inline: !rest.is_empty(), list_indent: None };
                let target = entry.as_mut().unwrap_or(&mut file_entry);
                if let Label::Answer(a) = label {
                    if target.line == 0 {
                        target.line = no;
                    }
                    if *a == Answer::Blocked && target.blocked.is_none() {
                        target.blocked = Some(Blocked { lines: Vec::new(), line: no });
                    }
                }
                if !rest.is_empty() {
                    if *label == Label::Part(Part::ActionItems)
                        && let Some(item) = action_item(&format!("- {rest}"), no, Some(*label), date.or(notes.date))
                    {
                        notes.actions.push(item);
                    }
                    add_content(*label, rest, false, no, &mut entry, &mut file_entry, &mut notes, date, year);
                }
            }
            Line::Content { text, raw, indent, list } => {
                if i < 12 && opening_date.is_none() {
                    opening_date = crate::date::date_in_name(text);
                }
                let label = section.map(|s| s.0);
                // `* [x] Ana Silva` under `## Attendance`: a checklist of who came, not actions;
                // an empty box is someone who did not.
                let attendance = label == Some(Label::Part(Part::Participants));
                let item = if attendance {
                    None
                } else if label == Some(Label::Part(Part::ActionItems)) {
                    if !list && actions.paragraph {
                        // `Action Items:` then a line per item, in the label's own paragraph.
                        actions.inline = true;
                        action_item(&format!("- {text}"), no, label, date.or(notes.date))
                    } else if *list && actions.list_indent.is_none_or(|top| *indent <= top) {
                        actions.list_indent = Some(*indent);
                        action_item(raw, no, label, date.or(notes.date))
                    } else {
                        // An item's details (`- 20 minute timebox`, `- refs:`), or prose: only
                        // an explicit action (`@ana to …`, `TODO:`) counts.
                        action_item(raw, no, None, date.or(notes.date))
                    }
                } else {
                    action_item(raw, no, label, date.or(notes.date))
                };
                if let Some(item) = item {
                    notes.actions.push(item);
                }
                let absent = attendance && split_marker(raw).2 == Some(false);
                if let Some((label, _)) = section
                    && !absent
                {
                    add_content(label, text, *list, no, &mut entry, &mut file_entry, &mut notes, date, year);
                }
                fed |= section.is_some();
            }
            Line::Blank => {
                actions.paragraph = false;
                if let Some((Label::Part(Part::ActionItems), Scope::Paragraph)) = section
                    && actions.inline
                {
                    // The items were written in the label's paragraph: what follows is not one.
                    section = None;
                }
                if let Some((_, Scope::Paragraph)) = section {
                    // A blank line after a label's own paragraph ends it only when the next
                    // non-blank line is not indented or listed under it.
                    let next = lines[i + 1..].iter().find(|l| !matches!(l, Line::Blank));
                    let listed =
                        matches!(next, Some(Line::Content { list: true, .. } | Line::Content { indent: 1.., .. }));
                    let names_below = !fed && matches!(section, Some((Label::Part(Part::Participants), _)));
                    if !listed && !names_below {
                        section = None;
                    }
                }
            }
        }
    }
    finish(entry.take(), &mut notes);
    // A person's own file that only says "Blocked: none" still says they are not blocked.
    if !file_entry.is_empty() || file_entry.blocked.is_some() {
        if file_entry.line == 0 {
            file_entry.line = first_line;
        }
        notes.entries.insert(0, file_entry);
    }
    if notes.date.is_none() && date.is_none() {
        notes.date = pending_date.or(opening_date);
    }
    let mut seen = std::collections::BTreeSet::new();
    notes.participants.retain(|p| seen.insert(crate::text::slugify(p.trim_start_matches('@'))));
    notes
}

#[allow(clippy::too_many_arguments)]
pub(super) fn add_content(
    label: Label,
    text: &str,
    list: bool,
    line: u32,
    entry: &mut Option<Entry>,
    file_entry: &mut Entry,
    notes: &mut Notes,
    date: Option<Date>,
    year: Option<i16>,
) {
    let text = text.trim();
    let target = entry.as_mut().unwrap_or(file_entry);
    match label {
        Label::Answer(Answer::Done) => target.done.push(text.to_string()),
        Label::Answer(Answer::Doing) => target.doing.push(text.to_string()),
        Label::Answer(Answer::Notes) => target.notes.push(text.to_string()),
        Label::Answer(Answer::Blocked) => {
            target.blocked.get_or_insert(Blocked { lines: Vec::new(), line }).lines.push(text.to_string())
        }
        // One person to a list item, whatever else it says about them; a line of its own lists
        // several (`Present: Ana, Ben`).
        Label::Part(Part::Participants) if list => notes.participants.extend(participant(text)),
        Label::Part(Part::Participants) => notes.participants.extend(participants_in_line(text)),
        Label::Part(Part::Decisions) => notes.decisions.push(text.to_string()),
        Label::Part(Part::Date) => {
            if date.is_none() && notes.date.is_none() {
                notes.date = crate::date::date_in_text(text, year);
            }
        }
        Label::Part(Part::Agenda | Part::ActionItems) => {}
    }
}

/// Splits a list marker and checkbox off a line: `(indent, is_list, checkbox, text)`.
pub(super) fn split_marker(raw: &str) -> (usize, bool, Option<bool>, &str) {
    let indent = raw.chars().take_while(|c| c.is_whitespace()).map(|c| if c == '\t' { 4 } else { 1 }).sum();
    let t = raw.trim_start();
    let (list, t) = if let Some(rest) = t.strip_prefix(['-', '*', '+']).filter(|r| r.starts_with(' ') || r.is_empty()) {
        (true, rest.trim_start())
    } else {
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        match t[digits..].strip_prefix(['.', ')']) {
            Some(rest) if digits > 0 && (rest.starts_with(' ') || rest.is_empty()) => (true, rest.trim_start()),
            _ => (false, t),
        }
    };
    let (check, t) = if list && (t.starts_with("[ ]") || t.starts_with("[x]") || t.starts_with("[X]")) {
        (Some(!t.starts_with("[ ]")), t[3..].trim_start())
    } else {
        (None, t)
    };
    (indent, list, check, t)
}

pub(super) fn classify(body: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut comment = false;
    for raw in body.split('\n') {
        let raw = raw.trim_end_matches('\r');
        let t = raw.trim();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            out.push(Line::Blank);
            continue;
        }
        if comment {
            if t.contains("-->") {
                comment = false;
            }
            out.push(Line::Blank);
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            out.push(Line::Blank);
            continue;
        }
        if t.starts_with("<!--") {
            comment = !t.contains("-->");
            out.push(Line::Blank);
            continue;
        }
        if t.is_empty() {
            out.push(Line::Blank);
            continue;
        }
        let hashes = t.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') && raw.starts_with('#') {
            let text = t[hashes..].trim().trim_end_matches('#').trim();
            if let Some(label) = heading_label(text) {
                out.push(Line::Label { label, rest: String::new(), indent: None, level: Some(hashes) });
            } else if looks_like_name(&clean_name(text)) {
                out.push(Line::Person { name: clean_name(text), level: Some(hashes) });
            } else {
                out.push(Line::Heading { level: hashes, text });
            }
            continue;
        }
        let (indent, list, check, text) = split_marker(raw);
        if check.is_none()
            && let Some((label, rest)) = split_label(text)
        {
            out.push(Line::Label { label, rest, indent: list.then_some(indent), level: None });
            continue;
        }
        // `@ana`, `**Ana**`, `**@ana**`, `Ana:` alone on a line, or `- @ana` over nested answers.
        let whole_bold = text.len() > 4 && text.starts_with("**") && text.ends_with("**");
        let candidate = clean_name(text);
        let shape = if list {
            whole_bold || (text.starts_with('@') && !text.contains(' '))
        } else {
            whole_bold || text.starts_with('@') || (text.ends_with(':') && !text.contains(' '))
        };
        if check.is_none() && shape && looks_like_name(&candidate) {
            out.push(Line::Person { name: candidate, level: None });
            continue;
        }
        out.push(Line::Content { text: crate::text::plain_inline(text), indent, raw, list });
    }
    out
}

/// The indexes of person lines that really start an entry: the next label after them (before
/// another person or a heading that would end them) is a standup answer.
pub(super) fn confirm_persons(lines: &[Line]) -> std::collections::BTreeSet<usize> {
    let mut out = std::collections::BTreeSet::new();
    for (i, line) in lines.iter().enumerate() {
        let Line::Person { level, .. } = line else { continue };
        for next in &lines[i + 1..] {
            match next {
                Line::Label { label: Label::Answer(a), .. } => {
                    if *a != Answer::Notes {
                        out.insert(i);
                    }
                    break;
                }
                Line::Label { .. } | Line::Person { .. } => break,
                Line::Heading { level: l, .. } if level.is_none_or(|p| *l <= p) => break,
                _ => {}
            }
        }
    }
    out
}
