//! The attention rules, each written once: its code, its title, the flag shown beside a document,
//! its default severity and what to do about it.
//!
//! Input: nothing of the crate. Output: [`RULES`], in the order the Needs-attention page shows
//! them, and [`rule`] to look one up. The assemble stage evaluates the rules; render and `check`
//! only read this table.

use crate::vocab::{Code, Severity};

/// One attention rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The diagnostic code its findings carry.
    pub code: Code,
    /// The heading of its group on the Needs-attention page.
    pub title: &'static str,
    /// The short label shown beside a document in lists (`deadline passed`), when it has one.
    pub flag: Option<&'static str>,
    /// How loudly its findings are reported unless `[attention.severity]` says otherwise.
    pub severity: Severity,
    /// What to do about a finding.
    pub help: &'static str,
}

const fn rule(code: Code, title: &'static str, flag: Option<&'static str>, help: &'static str) -> Rule {
    Rule { code, title, flag, severity: Severity::Warning, help }
}

/// Every rule, in the order the Needs-attention page shows them.
pub const RULES: [Rule; 12] = [
    rule(
        Code::DeadlinePassed,
        "Decision deadline passed",
        Some("deadline passed"),
        "record the decision (accepted or rejected), or move the deadline",
    ),
    rule(
        Code::OverdueAction,
        "Overdue action items",
        Some("action overdue"),
        "do it and tick it (`- [x]`) in a later note, or write a new due date",
    ),
    rule(
        Code::StaleBlocker,
        "Stale blockers",
        Some("blocked"),
        "ask who can unblock them, or write `Blocked: none` in their next update",
    ),
    rule(
        Code::ReviewOverdue,
        "Due for review",
        Some("review overdue"),
        "review the page, then update `last_reviewed` (or set `review_every`)",
    ),
    rule(
        Code::RevisitDue,
        "Due to be revisited",
        Some("revisit due"),
        "revisit the decision and move `review_by` forward, or supersede it",
    ),
    rule(
        Code::Stagnant,
        "Stagnant proposals",
        Some("stagnant"),
        "accept, reject or withdraw it, or record progress with `last_updated`",
    ),
    rule(
        Code::Contradiction,
        "Contradictions",
        Some("contradiction"),
        "set its status to `superseded by …` its successor",
    ),
    rule(
        Code::MissingSuccessor,
        "Successor not found",
        Some("successor missing"),
        "link the successor by relative path (`0007-x.md`) or id (`ADR-0007`)",
    ),
    rule(
        Code::SupersedeCycle,
        "Supersede cycles",
        Some("supersede cycle"),
        "one of them is the decision in force: remove its `superseded by`",
    ),
    rule(Code::BrokenLink, "Broken links", None, "fix the path, or link to an absolute URL"),
    rule(Code::DuplicateId, "Duplicate ids", None, "give each document its own number"),
    rule(Code::UnknownStatus, "Unknown statuses", None, "use a known status or map the label in `[statuses]`"),
];

/// The rule whose findings carry `code`, if any.
pub fn rule_of(code: Code) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// The heading of a rule's group; `Other` for a code that is no rule.
pub fn title(code: Code) -> &'static str {
    rule_of(code).map_or("Other", |r| r.title)
}

/// The short label of a finding, shown beside a document in lists.
pub fn flag(code: Code) -> Option<&'static str> {
    rule_of(code).and_then(|r| r.flag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_written_once() {
        let mut codes: Vec<Code> = RULES.iter().map(|r| r.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), RULES.len());
        assert!(RULES.iter().all(|r| !r.title.is_empty() && !r.help.is_empty()));
        assert_eq!(title(Code::Stagnant), "Stagnant proposals");
        assert_eq!(flag(Code::StaleBlocker), Some("blocked"));
        assert_eq!(flag(Code::BrokenLink), None);
        assert_eq!(title(Code::Config), "Other");
    }
}
