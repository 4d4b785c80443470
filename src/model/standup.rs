//! Reading standups and meeting notes: who reported what, what blocks them, who owes what.
//!
//! Input: the Markdown body of one document of kind `standup`, with the line its body starts on,
//! the person its metadata or path names and its date. Output: a [`Notes`] — one [`Entry`] per
//! person (the three answers and the blocker), the meeting's participants and decisions, and
//! every [`ActionItem`] with its owner, due date and state.
//!
//! The reader is line based, because teams write these by hand in every shape: sections as
//! headings (`## Yesterday`), bold labels (`**Today:** …`), list labels (`- Blocked:` with the
//! answer nested below) or plain `Done:` lines, and a person per file, per heading (`## Ana`,
//! `### @ana`), per bold line (`**Ana**`) or per `@ana` line. A heading or line that looks like a
//! name counts as a person only when the next label after it is one of the standup answers, so
//! `### Week update` over a list of people is not mistaken for one.

use crate::model::date::due_date;
use jiff::civil::Date;
use std::sync::LazyLock;

/// What a section of a standup answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Answer {
    /// Yesterday, Done, Shipped, Progress.
    Done,
    /// Today, Doing, Working on, Plans, Next.
    Doing,
    /// Blocked, Blockers, Help needed.
    Blocked,
    /// Notes.
    Notes,
}

impl Answer {
    /// Heading for the answer on archive pages.
    pub fn label(self) -> &'static str {
        match self {
            Answer::Done => "Done",
            Answer::Doing => "Doing",
            Answer::Blocked => "Blocked",
            Answer::Notes => "Notes",
        }
    }
}

/// A part of meeting notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Participants,
    Agenda,
    Decisions,
    ActionItems,
    Date,
}

/// What a label introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Answer(Answer),
    Part(Part),
}

/// Section names as teams write them, lowercased without punctuation.
fn label_of(text: &str) -> Option<Label> {
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

/// One person's entry: the three answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Entry {
    /// The person as written (`Ana`, `@ana`, `Alan Shaw (@alanshaw)`), `None` when the notes do
    /// not say whose they are.
    pub person: Option<String>,
    /// 1-based line of the entry (the person's heading, or the first answer).
    pub line: u32,
    /// The heading anchor, when the entry starts at a heading.
    pub anchor: Option<String>,
    /// Done / Yesterday lines, as plain text.
    pub done: Vec<String>,
    /// Doing / Today lines.
    pub doing: Vec<String>,
    /// The Blocked section, when there is one.
    pub blocked: Option<Blocked>,
    /// Notes lines.
    pub notes: Vec<String>,
}

impl Entry {
    /// The blocker, when the Blocked section says something other than "none".
    pub fn blocker(&self) -> Option<&Blocked> {
        self.blocked.as_ref().filter(|b| b.is_blocker())
    }

    /// Whether it answers anything: notes alone (a meeting's `## Notes`) and a template's empty
    /// `@name` / `- Done:` / `- Blocked:` are not an entry.
    fn is_empty(&self) -> bool {
        self.done.is_empty() && self.doing.is_empty() && self.blocker().is_none()
    }
}

/// A Blocked section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Blocked {
    /// Its lines, as plain text.
    pub lines: Vec<String>,
    /// 1-based line of the label.
    pub line: u32,
}

impl Blocked {
    /// Whether this says something blocks the person: not empty, and not "none", "n/a", "no",
    /// "`null`" or the like.
    pub fn is_blocker(&self) -> bool {
        !self.lines.iter().all(|l| is_nothing(l))
    }

    /// The blocker in one line.
    pub fn text(&self) -> String {
        self.lines.iter().filter(|l| !is_nothing(l)).cloned().collect::<Vec<_>>().join(" · ")
    }
}

fn is_nothing(line: &str) -> bool {
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

/// An action item.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ActionItem {
    /// Who owes it, as written (`@alex`, `Ben`).
    pub owner: Option<String>,
    /// What, as plain text without the owner and due date.
    pub text: String,
    /// When it is due.
    pub due: Option<Date>,
    /// The due date as written.
    pub due_raw: Option<String>,
    /// Ticked (`[x]`), struck through or marked done.
    pub done: bool,
    /// 1-based line.
    pub line: u32,
    /// 1-based column of the item's text.
    pub column: u32,
}

/// What one document of standups or meeting notes says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Notes {
    /// One per person (or one for the whole document, in the per-person-file forms).
    pub entries: Vec<Entry>,
    /// Participants listed in the notes.
    pub participants: Vec<String>,
    /// Items of a Decisions section, as plain text.
    pub decisions: Vec<String>,
    /// Action items.
    pub actions: Vec<ActionItem>,
    /// A date found in a `Date:` line or a heading, when the caller had none.
    pub date: Option<Date>,
}

/// One line, classified.
#[derive(Clone, Debug)]
enum Line<'a> {
    Heading { level: usize, text: &'a str },
    Label { label: Label, rest: String, indent: Option<usize>, level: Option<usize> },
    Person { name: String, level: Option<usize> },
    Content { text: String, indent: usize, raw: &'a str, list: bool },
    Blank,
}

/// Where a section's content ends.
#[derive(Clone, Copy, Debug)]
enum Scope {
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
    let mut file_entry = Entry { person: person.map(str::to_string), ..Entry::default() };
    let mut pending_date: Option<Date> = None;
    // `Issues snapshot collected on 2025-07-17`: a whole date in the opening lines, when no
    // heading has one.
    let mut opening_date: Option<Date> = None;

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
                    pending_date = pending_date.or_else(|| crate::model::date::date_in_text(text, year));
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
                    add_content(label, name, no, &mut entry, &mut file_entry, &mut notes, date, year);
                }
            }
            Line::Label { label, rest, indent, level } => {
                let scope = match (indent, level) {
                    (_, Some(l)) => Scope::Heading(*l),
                    (Some(i), None) => Scope::List(*i),
                    (None, None) => Scope::Paragraph,
                };
                section = Some((*label, scope));
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
                    add_content(*label, rest, no, &mut entry, &mut file_entry, &mut notes, date, year);
                }
            }
            Line::Content { text, raw, .. } => {
                if i < 12 && opening_date.is_none() {
                    opening_date = crate::model::date::date_in_name(text);
                }
                if let Some(item) = action_item(raw, no, section.map(|s| s.0), date.or(notes.date)) {
                    notes.actions.push(item);
                }
                if let Some((label, _)) = section {
                    add_content(label, text, no, &mut entry, &mut file_entry, &mut notes, date, year);
                }
            }
            Line::Blank => {
                if let Some((_, Scope::Paragraph)) = section {
                    // A blank line after a label's own paragraph ends it only when the next
                    // non-blank line is not indented or listed under it.
                    let next = lines[i + 1..].iter().find(|l| !matches!(l, Line::Blank));
                    if !matches!(next, Some(Line::Content { list: true, .. } | Line::Content { indent: 1.., .. })) {
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
fn add_content(
    label: Label,
    text: &str,
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
        Label::Part(Part::Participants) => {
            for name in text.split([',', ';']).map(clean_name).filter(|n| looks_like_name(n)) {
                notes.participants.push(name);
            }
        }
        Label::Part(Part::Decisions) => notes.decisions.push(text.to_string()),
        Label::Part(Part::Date) => {
            if date.is_none() && notes.date.is_none() {
                notes.date = crate::model::date::date_in_text(text, year);
            }
        }
        Label::Part(Part::Agenda | Part::ActionItems) => {}
    }
}

/// `**Ana**`, `@ana:`, `Alan Shaw (@alanshaw)` → the name without markup.
fn clean_name(s: &str) -> String {
    s.trim().trim_matches(|c: char| matches!(c, '*' | '_' | ':' | '`' | '~')).trim().to_string()
}

fn looks_like_name(s: &str) -> bool {
    if s.is_empty() || s.len() > 40 || s.ends_with('?') || s.contains("...") || s.contains('…') {
        return false;
    }
    // Headings over a team's updates, not people.
    const SECTIONS: &[&str] = &[
        "updates",
        "update",
        "status",
        "status updates",
        "team",
        "team updates",
        "general",
        "announcements",
        "demos",
        "questions",
        "discussion",
        "summary",
        "highlights",
        "news",
        "intro",
        "introduction",
        "round",
        "round of updates",
        "week update",
        "weekly update",
        "individual updates",
        "reports",
    ];
    if SECTIONS.contains(&s.to_lowercase().as_str()) {
        return false;
    }
    if let Some(handle) = s.strip_prefix('@') {
        return is_handle(handle);
    }
    let (name, paren) = match s.split_once('(') {
        Some((n, p)) => (n.trim(), Some(p.trim_end_matches(')').trim())),
        None => (s, None),
    };
    if paren.is_some_and(|p| !p.strip_prefix('@').is_some_and(is_handle)) {
        return false;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
        })
}

fn is_handle(h: &str) -> bool {
    !h.is_empty() && h.len() <= 39 && h.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Splits a list marker and checkbox off a line: `(indent, is_list, checkbox, text)`.
fn split_marker(raw: &str) -> (usize, bool, Option<bool>, &str) {
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

/// A label at the start of a line: `**Today:** rest`, `**Today**: rest`, `Today: rest`,
/// `**Today**`, `*Blocked*:`.
fn split_label(t: &str) -> Option<(Label, String)> {
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

fn classify(body: &str) -> Vec<Line<'_>> {
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
            if let Some(label) = label_of(text) {
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
fn confirm_persons(lines: &[Line]) -> std::collections::BTreeSet<usize> {
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

static HANDLE: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"(?:^|[^\w@./])@([A-Za-z0-9][A-Za-z0-9_-]{0,38})").expect("static regex"));
static DUE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)[(\[,;—–-]?\s*\b(?:due(?:\s+(?:date|on|by))?|by|deadline|until)\s*:?\s+([A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?(?:\s+\d{4})?|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\s*[)\]]?")
        .expect("static regex")
});
static TO_DO: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"^@([A-Za-z0-9][A-Za-z0-9_-]*)\s+(?:to|will)\s+\S").expect("static regex"));
static ACTION: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"(?i)^(?:action(?:\s+item)?|AI|todo)\s*:\s*(.+)$").expect("static regex"));

/// Reads an action item from a content line: a task-list item with an owner or due date (any
/// task-list item in an Action items section), `@alex to do X by 2026-03-07`, `Action: … —
/// owner, due …`, or any item of an Action items section.
fn action_item(raw: &str, line: u32, section: Option<Label>, written: Option<Date>) -> Option<ActionItem> {
    let (_, list, check, text) = split_marker(raw);
    let in_actions = section == Some(Label::Part(Part::ActionItems));
    let column = u32::try_from(raw.len() - text.len() + 1).unwrap_or(1);
    let mut body = crate::text::plain_inline(text);
    let struck = text.trim().starts_with("~~") && text.trim().ends_with("~~");
    let action = ACTION.captures(&body).map(|c| c[1].to_string());
    let is_action = action.is_some()
        || TO_DO.is_match(&body)
        || (check.is_some() && (in_actions || HANDLE.is_match(&body) || DUE.is_match(&body)))
        || (in_actions && list);
    if !is_action {
        return None;
    }
    if let Some(a) = action {
        body = a;
    }
    let mut due = None;
    let mut due_raw = None;
    if let Some(c) = DUE.captures(&body) {
        let raw_due = c[1].trim().to_string();
        due = due_date(&raw_due, written);
        if due.is_some() {
            due_raw = Some(raw_due);
            let whole = c.get(0).expect("match");
            body = format!("{}{}", &body[..whole.start()], &body[whole.end()..]);
        }
    }
    // Owner: a leading `@alex:` / `Alex:`, else a trailing `— @alex`, else the first @mention.
    let mut owner = None;
    let trimmed = body.trim();
    if let Some((head, tail)) = trimmed.split_once(':')
        && looks_like_name(&clean_name(head))
        && head.split_whitespace().count() <= 3
    {
        owner = Some(clean_name(head));
        body = tail.trim().to_string();
    } else if let Some((head, tail)) =
        trimmed.rsplit_once(" — ").or_else(|| trimmed.rsplit_once(" – ")).or_else(|| trimmed.rsplit_once(" - "))
    {
        let who = clean_name(tail.trim().trim_end_matches(','));
        if looks_like_name(&who) {
            owner = Some(who);
            body = head.trim().to_string();
        }
    } else if let Some((head, tail)) = trimmed.split_once(" to ").or_else(|| trimmed.split_once(" will "))
        && !head.starts_with('@')
        && head.split_whitespace().count() <= 2
        && looks_like_name(head)
    {
        // `Ana to draft the FAQ`.
        owner = Some(head.to_string());
        body = tail.to_string();
    }
    if owner.is_none()
        && let Some(c) = HANDLE.captures(&body)
    {
        owner = Some(format!("@{}", &c[1]));
        if let Some(rest) = body.trim().strip_prefix(&format!("@{}", &c[1])) {
            // `@alex to upgrade the runners`: the owner is shown apart from what they do.
            let rest = rest.trim_start();
            body = rest.strip_prefix("to ").or_else(|| rest.strip_prefix("will ")).unwrap_or(rest).to_string();
        }
    }
    let lower = body.to_lowercase();
    let done = check == Some(true)
        || struck
        || lower.contains("(done)")
        || lower.trim_end().ends_with(" done")
        || body.contains('✅')
        || lower.starts_with("done:");
    let text = body
        .trim()
        .trim_matches(|c: char| matches!(c, '~' | ',' | ';' | '—' | '–' | '-'))
        .trim()
        .replace("(done)", "")
        .replace('✅', "")
        .trim()
        .to_string();
    if text.is_empty() {
        return None;
    }
    Some(ActionItem { owner, text, due, due_raw, done, line, column })
}

/// The handles `@name` written in `text` (not e-mail addresses).
pub fn handles(text: &str) -> impl Iterator<Item = &str> {
    HANDLE.captures_iter(text).map(|c| c.get(1).expect("group").as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn notes(body: &str) -> Notes {
        read(body, 1, None, Some(date(2026, 3, 4)), None)
    }

    #[test]
    fn per_person_file_with_headings() {
        let n = read(
            "## Yesterday\n- shipped the importer\n\n## Today\n- review ADR-0012\n\n## Blockers\n- none\n",
            5,
            Some("Ana"),
            None,
            None,
        );
        assert_eq!(n.entries.len(), 1);
        let e = &n.entries[0];
        assert_eq!(e.person.as_deref(), Some("Ana"));
        assert_eq!(e.done, ["shipped the importer"]);
        assert_eq!(e.doing, ["review ADR-0012"]);
        assert!(e.blocked.is_some() && e.blocker().is_none());
        assert_eq!(e.line, 5);
    }

    #[test]
    fn sections_per_person_three_ways() {
        let body = "# Standup 2026-03-04\n\n## Ana\n### Done\n- a\n### Blocked\n- waiting on the VPN\n\n\
                    ## @ben\n**Yesterday:** b\n**Today:** c\n**Blockers:** n/a\n\n\
                    **Chloe**\n\nShipped: d\nWorking on: e\nHelp needed: staging is down\n";
        let n = notes(body);
        let people: Vec<_> = n.entries.iter().map(|e| e.person.clone().unwrap()).collect();
        assert_eq!(people, ["Ana", "@ben", "Chloe"]);
        assert_eq!(n.entries[0].blocker().unwrap().text(), "waiting on the VPN");
        assert_eq!(n.entries[0].anchor.as_deref(), Some("ana"));
        assert!(n.entries[1].blocker().is_none());
        assert_eq!(n.entries[1].doing, ["c"]);
        assert_eq!(n.entries[2].done, ["d"]);
        assert_eq!(n.entries[2].blocker().unwrap().text(), "staging is down");
    }

    #[test]
    fn list_labels_under_handles() {
        // The shape of the IPFS weekly notes.
        let body = "### Week Update\n\n@alanshaw\n  - Done:\n    - Investigated [#5146](https://x)\n  - Blocked:\n    - `null`\n  - Next:\n    - Finish tests\n\n@vmx\n - Done:\n   - GraphSync\n - Blocked: No\n - Next:\n   - Reviews\n\n@fsdiogo\n- Done:\n    - errors\n- Blocked:\n    - the CI is red\n- Next:\n    - codes\n\n### Questions\n- none\n";
        let n = notes(body);
        let people: Vec<_> = n.entries.iter().map(|e| e.person.clone().unwrap()).collect();
        assert_eq!(people, ["alanshaw", "vmx", "fsdiogo"].map(|p| format!("@{p}")));
        assert_eq!(n.entries[0].done, ["Investigated #5146"]);
        assert!(n.entries[0].blocker().is_none());
        assert!(n.entries[1].blocker().is_none());
        assert_eq!(n.entries[2].blocker().unwrap().text(), "the CI is red");
        assert_eq!(n.entries[2].doing, ["codes"]);
    }

    #[test]
    fn handles_as_list_items() {
        // The shape of the IPFS browser-team notes: a list of people, answers nested under each.
        let n = notes(
            "### Updates\n\n- @lidel\n    - Done: reviews\n    - Next: the status page\n- @olizilla\n    - Blocked: CI\n\n## Attendees\n- @vmx\n- @ana\n",
        );
        let people: Vec<_> = n.entries.iter().map(|e| e.person.clone().unwrap()).collect();
        assert_eq!(people, ["@lidel", "@olizilla"]);
        assert_eq!(n.entries[0].doing, ["the status page"]);
        assert_eq!(n.entries[1].blocker().unwrap().text(), "CI");
        assert_eq!(n.participants, ["@vmx", "@ana"]);
    }

    #[test]
    fn heading_over_people_is_not_a_person() {
        let n = notes("## Team Updates\n\n### Ana\n- Progress: x\n");
        assert_eq!(n.entries.len(), 1);
        assert_eq!(n.entries[0].person.as_deref(), Some("Ana"));
        assert_eq!(n.entries[0].done, ["x"]);
    }

    #[test]
    fn section_name_families() {
        for (done, doing, blocked) in [
            ("Yesterday", "Today", "Blocked"),
            ("Done", "Doing", "Blockers"),
            ("Shipped", "Working on", "Blockers"),
            ("Progress", "Plans", "Help needed"),
        ] {
            let n = read(&format!("## {done}\nx\n## {doing}\ny\n## {blocked}\nz\n## Notes\nw\n"), 1, None, None, None);
            let e = &n.entries[0];
            assert_eq!((e.done.as_slice(), e.doing.as_slice()), (&["x".to_string()][..], &["y".to_string()][..]));
            assert_eq!(e.blocker().map(Blocked::text).as_deref(), Some("z"));
            assert_eq!(e.notes, ["w"]);
        }
    }

    #[test]
    fn nothing_is_not_a_blocker() {
        for none in ["none", "None.", "n/a", "N/A", "`null`", "No", "-", "nothing blocking", "_None_"] {
            let n = read(&format!("Blocked: {none}\n"), 1, None, None, None);
            assert!(n.entries[0].blocker().is_none(), "{none}");
        }
        let n = read("## Blockers\n\n## Notes\nfine\n", 1, None, None, None);
        assert!(n.entries[0].blocked.is_some() && n.entries[0].blocker().is_none());
    }

    #[test]
    fn meeting_notes() {
        let body = "**Date:** March 4, 2026\n**Attendees:** @ana, Ben Okafor, **Chloe**\n\n## Agenda\n- retries\n\n## Decisions\n- Adopt RFC-0002 as written\n\n## Action items\n- [ ] @ben: write the migration plan (due: March 7)\n- [x] Chloe: book the room\n- Ana to draft the FAQ by 2026-03-10\n- Action: rotate keys — @chloe, due 2026-03-20\n";
        let n = read(body, 1, None, None, None);
        assert_eq!(n.date, Some(date(2026, 3, 4)));
        assert_eq!(n.participants, ["@ana", "Ben Okafor", "Chloe"]);
        assert_eq!(n.decisions, ["Adopt RFC-0002 as written"]);
        assert!(n.entries.is_empty());
        let a = &n.actions;
        assert_eq!(a.len(), 4, "{a:#?}");
        assert_eq!(
            (a[0].owner.as_deref(), a[0].text.as_str(), a[0].due, a[0].done),
            (Some("@ben"), "write the migration plan", Some(date(2026, 3, 7)), false)
        );
        assert_eq!((a[1].owner.as_deref(), a[1].text.as_str(), a[1].done), (Some("Chloe"), "book the room", true));
        assert_eq!(a[2].due, Some(date(2026, 3, 10)));
        assert_eq!(
            (a[3].owner.as_deref(), a[3].text.as_str(), a[3].due),
            (Some("@chloe"), "rotate keys", Some(date(2026, 3, 20)))
        );
    }

    #[test]
    fn action_items_anywhere() {
        let n = notes(
            "Some text.\n\n@alex to upgrade the runners by 2026-03-07\n- [ ] @dana: renew the cert (due: March 9)\n- [ ] a personal todo\n",
        );
        assert_eq!(n.actions.len(), 2);
        assert_eq!(n.actions[0].owner.as_deref(), Some("@alex"));
        assert_eq!(n.actions[0].text, "upgrade the runners");
        assert_eq!(n.actions[0].due, Some(date(2026, 3, 7)));
        assert_eq!(n.actions[1].due, Some(date(2026, 3, 9)));
        assert_eq!(n.actions[1].column, 7);
    }

    #[test]
    fn dates_from_headings_and_opening_lines() {
        let read_date = |body| read(body, 1, None, None, Some(2026)).date;
        assert_eq!(read_date("# Standup March 4\n"), Some(date(2026, 3, 4)));
        assert_eq!(
            read_date("# Review\n\n*Issues snapshot collected on 2025-07-17T12:25:42Z*\n"),
            Some(date(2025, 7, 17))
        );
        assert_eq!(read_date("Date: 04/03/2026\n# Sync 2026-05-01\n"), Some(date(2026, 3, 4)));
        assert_eq!(read_date("# Future agenda\n\nSee the doc.\n"), None);
    }

    #[test]
    fn template_leftovers_are_not_entries() {
        let n = notes("@alanshaw\n- Done:\n  - x\n\n@name\n- Done:\n- Blocked:\n- Next:\n");
        assert_eq!(n.entries.len(), 1);
    }

    #[test]
    fn code_and_comments_are_skipped() {
        let n = notes("```\nBlocked: fake\n```\n<!-- Blocked: also fake -->\n");
        assert!(n.entries.is_empty());
    }

    #[test]
    fn handles_not_emails() {
        let found: Vec<_> = handles("ping @ana and a@b.com, (@ben)").collect();
        assert_eq!(found, ["ana", "ben"]);
    }
}
