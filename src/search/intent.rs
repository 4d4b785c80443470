//! What a question asks for, and which documents answer that kind of question.
//!
//! Input: the lowercase words of a question. Output: its [`Intent`] (why did we choose / what
//! did we decide / how do we / when did we discuss / anything else), and for each intent a
//! weight per [`DocClass`] (kind × status group) and the strength of the bonus for matching more
//! of the question. The rules are plain data, exported to `search.js` with the rest of the
//! query rules, so the browser reads questions exactly as the terminal does.

use crate::vocab::{DocKind, Status};
use serde::Serialize;

/// The frame of a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// "why did we choose X", "what was the reason for X": decisions in force first.
    Why,
    /// "what did we decide about X", "was X accepted", "who decided X": a decision of any
    /// outcome is a full answer, rejected and withdrawn ones included.
    Decided,
    /// "how do we X", "what is our policy on X": handbook pages first.
    HowTo,
    /// "when did we discuss X", "which meeting covered X": meeting notes first, and a note that
    /// matches every word before documents that match one word well.
    Discussed,
    /// Anything else: keywords as typed.
    Plain,
}

impl Intent {
    /// Every intent, in the order of [`CLASS_WEIGHTS`].
    pub const ALL: [Intent; 5] = [Intent::Why, Intent::Decided, Intent::HowTo, Intent::Discussed, Intent::Plain];

    fn index(self) -> usize {
        Intent::ALL.iter().position(|i| *i == self).expect("listed")
    }
}

/// Words that, anywhere in a question not framed by "why", ask what became of a decision.
pub const DECIDED_WORDS: &[&str] = &[
    "decide",
    "decided",
    "decision",
    "decisions",
    "accepted",
    "accept",
    "rejected",
    "reject",
    "approved",
    "approve",
    "declined",
    "withdrawn",
    "withdraw",
    "abandoned",
    "adopted",
    "adopt",
    "stick",
    "postponed",
    "deferred",
    "happened",
    "happen",
    "became",
    "become",
    "settle",
    "settled",
    "agreed",
    "agree",
    "outcome",
    "verdict",
    "conclusion",
    "concluded",
];

/// Openings of yes-or-no questions about what became of something ("did we ever …", "did
/// Kubernetes go ahead with …", "was the proposal …", "is the old design still …"): what was
/// decided, whatever the outcome. A question that opens with "did" asks whether something
/// happened, whoever its subject.
pub const DECIDED_OPENINGS: &[&[&str]] =
    &[&["did"], &["was", "the"], &["were", "the"], &["is", "the"], &["has", "the"], &["have", "we"]];

/// Words that ask when something was talked about.
pub const DISCUSSED_WORDS: &[&str] = &[
    "discuss",
    "discussed",
    "discussing",
    "talk",
    "talked",
    "mention",
    "mentioned",
    "brought",
    "raised",
    "covered",
    "meeting",
    "meetings",
    "minutes",
    "standup",
];

/// Words that ask how things are done.
pub const HOWTO_WORDS: &[&str] = &[
    "policy",
    "policies",
    "process",
    "procedure",
    "guideline",
    "guidelines",
    "guidance",
    "rule",
    "rules",
    "steps",
    "practice",
    "practices",
    "convention",
    "conventions",
    "expected",
    "supposed",
    "allowed",
];

/// Openings of how-to questions ("*" is any one word): matched at the start of the question.
pub const HOWTO_OPENINGS: &[&[&str]] = &[
    &["how"],
    &["what", "should"],
    &["who", "should"],
    &["who", "do"],
    &["who", "can"],
    &["who", "is", "responsible"],
    &["where", "do"],
    &["where", "should"],
    &["where", "can"],
    &["can", "i"],
    &["can", "we"],
    &["should", "i"],
    &["should", "we"],
    &["do", "i"],
    &["do", "we", "need"],
    &["is", "it", "ok"],
    &["what", "do", "*", "do"],
    &["when", "is"],
    &["when", "are"],
    &["when", "do"],
    &["when", "does"],
    &["when", "should"],
    &["when", "can"],
    &["when", "must"],
];

/// Openings of why-questions.
pub const WHY_OPENINGS: &[&[&str]] = &[
    &["why"],
    &["what", "*", "the", "reason"],
    &["what", "*", "the", "reasons"],
    &["what", "*", "the", "rationale"],
    &["what", "*", "the", "motivation"],
    &["what", "motivated"],
    &["reason", "for"],
    &["rationale", "for"],
];

/// Openings of when-questions.
/// "when" asks about the past ("when did we …", "when was X raised"); "when is it acceptable to
/// …" or "when does my leave expire" asks for a rule, which is a how-to question.
pub const DISCUSSED_OPENINGS: &[&[&str]] = &[
    &["when", "did"],
    &["when", "was"],
    &["when", "were"],
    &["when", "had"],
    &["when", "has"],
    &["when", "have"],
    &["when", "we"],
    &["which", "meeting"],
    &["what", "meeting"],
    &["in", "which", "meeting"],
    &["at", "which", "meeting"],
];

fn opens(words: &[String], opening: &[&str]) -> bool {
    opening.len() <= words.len() && opening.iter().zip(words).all(|(o, w)| *o == "*" || o == w)
}

fn any_of(words: &[String], set: &[&str]) -> bool {
    words.iter().any(|w| set.contains(&w.as_str()))
}

/// The intent of a question, from its lowercase words. Why-openings win; then when-openings;
/// then words that ask what became of a decision; then talk of meetings; then yes-or-no
/// openings about an outcome; then how-to openings and words.
pub fn detect(words: &[String]) -> Intent {
    if WHY_OPENINGS.iter().any(|o| opens(words, o)) {
        Intent::Why
    } else if DISCUSSED_OPENINGS.iter().any(|o| opens(words, o)) {
        Intent::Discussed
    } else if any_of(words, DECIDED_WORDS) {
        Intent::Decided
    } else if any_of(words, DISCUSSED_WORDS) {
        Intent::Discussed
    } else if DECIDED_OPENINGS.iter().any(|o| opens(words, o)) {
        Intent::Decided
    } else if HOWTO_OPENINGS.iter().any(|o| opens(words, o)) || any_of(words, HOWTO_WORDS) {
        Intent::HowTo
    } else {
        Intent::Plain
    }
}

/// How a document's status bears on ranking: the groups [`CLASS_WEIGHTS`] distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusGroup {
    /// Accepted, active, implemented, final, current.
    InForce,
    /// Proposed, draft, or no status.
    Open,
    /// Postponed.
    Postponed,
    /// Deprecated, superseded, archived.
    Retired,
    /// Rejected, withdrawn.
    Rejected,
}

impl StatusGroup {
    const ALL: [StatusGroup; 5] =
        [StatusGroup::InForce, StatusGroup::Open, StatusGroup::Postponed, StatusGroup::Retired, StatusGroup::Rejected];

    /// The group of a status.
    pub fn of(status: Option<Status>) -> StatusGroup {
        match status {
            Some(s) if s.is_in_force() => StatusGroup::InForce,
            Some(Status::Postponed) => StatusGroup::Postponed,
            Some(s) if s.is_retired() => StatusGroup::Retired,
            Some(Status::Rejected | Status::Withdrawn) => StatusGroup::Rejected,
            _ => StatusGroup::Open,
        }
    }
}

/// A document's kind and status group, as one small number (its index into a row of
/// [`CLASS_WEIGHTS`]); the browser gets one letter per document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DocClass(pub u8);

impl DocClass {
    /// The class of a document.
    pub fn of(kind: DocKind, status: Option<Status>) -> DocClass {
        let k = DocKind::ALL.iter().position(|x| *x == kind).expect("listed");
        let s = StatusGroup::ALL.iter().position(|x| *x == StatusGroup::of(status)).expect("listed");
        DocClass((k * StatusGroup::ALL.len() + s) as u8)
    }

    /// The letter that stands for it in the browser's index (`a` is class 0).
    pub fn letter(self) -> char {
        char::from(b'a' + self.0)
    }
}

/// Weights per mille, per intent (rows, in [`Intent::ALL`] order) and class (columns: for each
/// kind adr, rfc, handbook, standup, the status groups in-force, open, postponed, retired,
/// rejected).
pub const CLASS_WEIGHTS: [[u32; 20]; 5] = [
    // Why: decisions in force first; replaced and rejected ones still answer, lower.
    [1300, 1000, 900, 600, 500, 1300, 1000, 900, 600, 500, 1170, 900, 810, 540, 450, 910, 700, 630, 420, 350],
    // Decided: every outcome of a decision is an answer.
    [1000, 1000, 1000, 950, 1000, 1000, 1000, 1000, 950, 1000, 800, 800, 800, 700, 700, 700, 700, 700, 700, 700],
    // How-to: handbook pages first, then the decisions in force.
    [1100, 900, 800, 550, 450, 1100, 900, 800, 550, 450, 1300, 1300, 1000, 700, 600, 700, 700, 700, 600, 600],
    // Discussed: meeting notes first; any decision next, whatever its outcome.
    [900, 900, 900, 850, 900, 900, 900, 900, 850, 900, 800, 800, 800, 700, 700, 1300, 1300, 1300, 1300, 1300],
    // Plain keywords: as Why.
    [1300, 1000, 900, 600, 500, 1300, 1000, 900, 600, 500, 1170, 900, 810, 540, 450, 910, 700, 630, 420, 350],
];

/// How much of the score does not depend on matching every concept: the score is scaled by
/// `(a·W + M) / ((a+1)·W)`, with `W` the question's concept weights and `M` those matched.
/// Meeting questions ask for the note that covers all of it.
pub const COORDINATION: [u32; 5] = [1, 1, 1, 0, 1];

/// The words that mark an intent, and so frame the question rather than say what it is about:
/// dropped from the concepts of a question of that intent.
pub fn markers(intent: Intent) -> &'static [&'static str] {
    match intent {
        Intent::Decided => DECIDED_WORDS,
        Intent::Discussed => DISCUSSED_WORDS,
        Intent::Why | Intent::HowTo | Intent::Plain => &[],
    }
}

/// The weight of a class under an intent, per mille.
pub fn class_weight(intent: Intent, class: DocClass) -> u32 {
    CLASS_WEIGHTS[intent.index()][class.0 as usize]
}

/// The coordination constant of an intent.
pub fn coordination(intent: Intent) -> u32 {
    COORDINATION[intent.index()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intent(q: &str) -> Intent {
        detect(&crate::search::analysis::words(q))
    }

    #[test]
    fn frames() {
        assert_eq!(intent("why did we choose postgres"), Intent::Why);
        assert_eq!(intent("what was the reason for the outbox"), Intent::Why);
        assert_eq!(intent("what did we decide about a remote mempool"), Intent::Decided);
        assert_eq!(intent("was the proposal for generics accepted"), Intent::Decided);
        assert_eq!(intent("who decided to drop graphql"), Intent::Decided);
        assert_eq!(intent("how do we rotate on-call"), Intent::HowTo);
        assert_eq!(intent("what is our policy on expenses"), Intent::HowTo);
        assert_eq!(intent("when did we discuss the code of conduct"), Intent::Discussed);
        assert_eq!(intent("which meeting covered the budget"), Intent::Discussed);
        assert_eq!(intent("when was the kickoff call"), Intent::Discussed);
        assert_eq!(intent("when is it acceptable to panic"), Intent::HowTo);
        assert_eq!(intent("when does my comp time expire"), Intent::HowTo);
        assert_eq!(intent("kafka partitions"), Intent::Plain);
        assert_eq!(intent("did we adopt connection strings"), Intent::Decided);
        assert_eq!(intent("did the sender tracking change stick"), Intent::Decided);
        assert_eq!(intent("is the old subscribe design still current"), Intent::Decided);
        assert_eq!(intent("did we discuss the budget"), Intent::Discussed);
        // Whoever the subject: a rejected proposal is the answer, not ranked down as for a why.
        assert_eq!(intent("did kubernetes go ahead with dropping kustomize"), Intent::Decided);
        assert_eq!(intent("did sig cli remove kustomize from kubectl"), Intent::Decided);
    }

    #[test]
    fn classes_index_the_weight_rows() {
        let rejected = DocClass::of(DocKind::Adr, Some(Status::Rejected));
        let accepted = DocClass::of(DocKind::Adr, Some(Status::Accepted));
        assert!(class_weight(Intent::Why, accepted) > class_weight(Intent::Why, rejected));
        assert_eq!(class_weight(Intent::Decided, accepted), class_weight(Intent::Decided, rejected));
        let page = DocClass::of(DocKind::Handbook, None);
        assert!(class_weight(Intent::HowTo, page) > class_weight(Intent::HowTo, accepted));
        let notes = DocClass::of(DocKind::Standup, None);
        assert!(class_weight(Intent::Discussed, notes) > class_weight(Intent::Discussed, accepted));
        assert_eq!(DocClass::of(DocKind::Standup, Some(Status::Withdrawn)).letter(), 't');
    }
}
