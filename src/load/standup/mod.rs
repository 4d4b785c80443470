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

mod actions;
mod labels;
mod names;
mod read;
#[cfg(test)]
mod tests;

pub use names::handles;
pub use read::read;

use jiff::civil::Date;
use labels::is_nothing;

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
