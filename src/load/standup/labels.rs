//! The labels teams write in standups and meeting notes (`Yesterday`, `**Blocked:**`, `Action
//! items`), and whether an answer says there is nothing to report.
//!
//! Input: a heading, a label or one answer. Output: the [`Label`] it introduces, or whether it
//! means "nothing".

use super::Answer;

/// A part of meeting notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    Participants,
    Agenda,
    Decisions,
    ActionItems,
    Date,
}

/// What a label introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Label {
    Answer(Answer),
    Part(Part),
}

/// Section names as teams write them, lowercased without punctuation.
pub(super) fn label_of(text: &str) -> Option<Label> {
    let t: String = text
        .trim()
        .trim_end_matches([':', '?', '.'])
        .trim()
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '#'))
        .collect::<String>()
        .to_lowercase();
    let t = t.trim().trim_start_matches(|c: char| !c.is_alphanumeric()).trim_end_matches(':').trim();
    let answer = |a| Some(Label::Answer(a));
    let part = |p| Some(Label::Part(p));
    match t {
        "yesterday"
        | "done"
        | "shipped"
        | "progress"
        | "accomplished"
        | "completed"
        | "what i did"
        | "what i did yesterday"
        | "since last time"
        | "last week"
        | "this week i did" => answer(Answer::Done),
        "today"
        | "doing"
        | "working on"
        | "plans"
        | "plan"
        | "next"
        | "up next"
        | "next up"
        | "planned"
        | "what i will do today"
        | "what i'm working on"
        | "this week"
        | "next week"
        | "in progress" => answer(Answer::Doing),
        "blocked"
        | "blockers"
        | "blocker"
        | "blocking"
        | "blocked by"
        | "help needed"
        | "need help"
        | "impediments"
        | "blocks"
        | "blockers / help needed"
        | "any blockers"
        | "risks and blockers" => answer(Answer::Blocked),
        "notes" | "other" | "misc" | "comments" => answer(Answer::Notes),
        "participants" | "attendees" | "attendance" | "present" | "people" => part(Part::Participants),
        "agenda" | "topics" => part(Part::Agenda),
        "decisions" | "decision" | "decided" | "resolutions" | "outcomes" => part(Part::Decisions),
        "action items" | "action item" | "actions" | "next steps" | "todo" | "todos" | "follow-ups" | "follow ups"
        | "followups" | "tasks" => part(Part::ActionItems),
        "date" | "when" => part(Part::Date),
        _ => None,
    }
}

/// A section heading's label. A note in brackets to whoever fills the section in does not change
/// what it is (`## Attendance (please add yourself)`, `### Blockers (if any)`); in a line of a list
/// (`- Next up (priorities):`) the words are a topic's, and [`split_label`] reads them as written.
pub(super) fn heading_label(text: &str) -> Option<Label> {
    label_of(text)
        .or_else(|| {
            let t = text.trim().trim_end_matches([':', '*', '_']).trim_end();
            let (name, _) = t.strip_suffix(')')?.rsplit_once('(')?;
            (!name.trim().is_empty()).then(|| label_of(name)).flatten()
        })
        .or_else(|| {
            // `## Voting Member Attendees`, `## TSC Attendees`: whose attendance a section lists.
            let lower: String = text.chars().filter(|c| !matches!(c, '*' | '_' | '`')).collect();
            let lower = lower.trim().trim_end_matches(':').to_lowercase();
            let words: Vec<&str> = lower.split_whitespace().collect();
            let last = words.last()?;
            (words.len() <= 4 && matches!(*last, "attendees" | "attendance" | "participants"))
                .then_some(Label::Part(Part::Participants))
        })
}

/// A label at the start of a line: `**Today:** rest`, `**Today**: rest`, `Today: rest`,
/// `**Today**`, `*Blocked*:`.
pub(super) fn split_label(t: &str) -> Option<(Label, String)> {
    let stripped = t.trim_start_matches(['*', '_']);
    let lead = t.len() - stripped.len();
    let end = stripped.find([':', '*', '_']).unwrap_or(stripped.len());
    let name = &stripped[..end];
    if name.is_empty() || name.len() > 40 {
        return None;
    }
    let label = label_of(name)?;
    let mut rest = &stripped[end..];
    rest = rest.trim_start_matches(['*', '_']);
    let colon = rest.starts_with(':');
    rest = rest.trim_start_matches(':').trim_start_matches(['*', '_']).trim();
    // `Done` alone on a line only counts when it is emphasised or followed by a colon, so a
    // sentence starting with "Next" is not a label.
    if !colon && lead == 0 && !t.trim_end().ends_with(['*', '_']) {
        return None;
    }
    if !colon && lead > 0 && !rest.is_empty() && !rest.starts_with(['-', '—', '–']) {
        return None;
    }
    Some((label, rest.trim_start_matches(['-', '—', '–']).trim().to_string()))
}

pub(super) fn is_nothing(line: &str) -> bool {
    let t: String = line
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace() || *c == '/')
        .collect::<String>()
        .to_lowercase();
    let t = t.trim();
    const NOTHING: &[&str] = &[
        "",
        "none",
        "no",
        "nope",
        "na",
        "n/a",
        "null",
        "nil",
        "nothing",
        "not blocked",
        "no blockers",
        "no blocker",
        "none so far",
        "none yet",
        "none today",
        "none right now",
        "nothing blocking",
        "nothing new",
        "all good",
        "not really",
        "none at the moment",
        "no blockers today",
        "nothing so far",
        "none currently",
    ];
    NOTHING.contains(&t)
}
