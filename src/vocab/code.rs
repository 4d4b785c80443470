//! Diagnostic codes and severities: the stable names of every problem adrsite reports.
//!
//! Input: nothing of the crate. Output: [`Code`] and [`Severity`], used by every stage that
//! reports a problem and by the configuration that changes how loudly each is reported.

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Reported on the site and by `check`, never fails a build (a team's choice in
    /// `[attention.severity]`).
    Info,
    /// Reported; fails the build only under `--strict`.
    Warning,
    /// Reported and fails the build (exit code 1), though the site is still written.
    Error,
}

impl Severity {
    /// The lowercase word used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The stable code of a diagnostic, as printed in brackets and in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// Front matter that could not be parsed.
    FrontMatter,
    /// Bytes that are not UTF-8 (decoded as Windows-1252) or a binary file.
    Encoding,
    /// A status label that matches no known or configured status.
    UnknownStatus,
    /// A date that could not be read.
    BadDate,
    /// A relative link or relation that resolves to nothing in the site.
    BrokenLink,
    /// Two documents with the same id (`ADR-0005`).
    DuplicateId,
    /// A problem in `adrsite.toml`.
    Config,
    /// A Markdown structure problem, such as a code fence that is never closed.
    Markdown,
    /// A document with no content at all.
    EmptyDocument,
    /// A document larger than `max_file_size`: reported, and its page links to the source.
    FileTooLarge,
    /// A handbook page past its review date.
    ReviewOverdue,
    /// A decision past its `review_by` / `revisit` date.
    RevisitDue,
    /// A proposal or draft unchanged for longer than the stagnation window.
    Stagnant,
    /// A decision deadline in the past with no decision.
    DeadlinePassed,
    /// A document still in force although an in-force document supersedes it.
    Contradiction,
    /// A superseded document whose successor is not in the site.
    MissingSuccessor,
    /// Documents that supersede each other in a circle.
    SupersedeCycle,
    /// Git dates are not trusted because the clone is shallow.
    ShallowClone,
    /// A site directory with no document at all.
    EmptySite,
    /// A numeric date such as `03/04/2026` that reads either way.
    AmbiguousDate,
    /// An open action item past its due date.
    OverdueAction,
    /// A standup blocker open for longer than `stale_blocker_after`.
    StaleBlocker,
    /// A source of an organisation's site that could not be fetched: its last copy is shown.
    SourceStale,
    /// A source of an organisation's site that cannot be read at all.
    SourceUnavailable,
}

impl Code {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::FrontMatter => "front-matter",
            Code::Encoding => "encoding",
            Code::UnknownStatus => "unknown-status",
            Code::BadDate => "bad-date",
            Code::BrokenLink => "broken-link",
            Code::DuplicateId => "duplicate-id",
            Code::Config => "config",
            Code::Markdown => "markdown",
            Code::EmptyDocument => "empty-document",
            Code::FileTooLarge => "file-too-large",
            Code::ReviewOverdue => "review-overdue",
            Code::RevisitDue => "revisit-due",
            Code::Stagnant => "stagnant",
            Code::DeadlinePassed => "deadline-passed",
            Code::Contradiction => "contradiction",
            Code::MissingSuccessor => "missing-successor",
            Code::SupersedeCycle => "supersede-cycle",
            Code::ShallowClone => "shallow-clone",
            Code::EmptySite => "empty-site",
            Code::AmbiguousDate => "ambiguous-date",
            Code::OverdueAction => "overdue-action",
            Code::StaleBlocker => "stale-blocker",
            Code::SourceStale => "source-stale",
            Code::SourceUnavailable => "source-unavailable",
        }
    }

    /// Every code, for configuration and "did you mean".
    pub const ALL: [Code; 24] = [
        Code::FrontMatter,
        Code::Encoding,
        Code::UnknownStatus,
        Code::BadDate,
        Code::BrokenLink,
        Code::DuplicateId,
        Code::Config,
        Code::Markdown,
        Code::EmptyDocument,
        Code::FileTooLarge,
        Code::ReviewOverdue,
        Code::RevisitDue,
        Code::Stagnant,
        Code::DeadlinePassed,
        Code::Contradiction,
        Code::MissingSuccessor,
        Code::SupersedeCycle,
        Code::ShallowClone,
        Code::EmptySite,
        Code::AmbiguousDate,
        Code::OverdueAction,
        Code::StaleBlocker,
        Code::SourceStale,
        Code::SourceUnavailable,
    ];
}
