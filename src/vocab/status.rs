//! The closed set of statuses a document can have, whatever label its team wrote.
//!
//! Input: nothing of the crate. Output: [`Status`], and [`CustomStatuses`] (a team's own labels
//! mapped onto it in `adrsite.toml`). Reading a label is the assemble stage's job.

use serde::Serialize;
use std::collections::BTreeMap;

/// The normalised status of a document. ADRs use the first six; RFCs add active, final,
/// implemented, postponed and withdrawn; handbook pages use current and archived. A team may map
/// its own labels onto these in `adrsite.toml` (`[statuses]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Accepted: the decision stands.
    Accepted,
    /// Active: an RFC or process in force.
    Active,
    /// Implemented: accepted and carried out.
    Implemented,
    /// Final: closed and in force.
    Final,
    /// Current: a handbook page in use.
    Current,
    /// Proposed: under discussion.
    Proposed,
    /// Draft: not yet proposed.
    Draft,
    /// Postponed: deferred or on hold.
    Postponed,
    /// Deprecated: no longer recommended.
    Deprecated,
    /// Superseded: replaced by another document.
    Superseded,
    /// Rejected: decided against.
    Rejected,
    /// Withdrawn: abandoned by its authors.
    Withdrawn,
    /// Archived: a handbook page kept for history.
    Archived,
}

impl Status {
    /// Every status, in the order indexes group them.
    pub const ALL: [Status; 13] = [
        Status::Accepted,
        Status::Active,
        Status::Implemented,
        Status::Final,
        Status::Current,
        Status::Proposed,
        Status::Draft,
        Status::Postponed,
        Status::Deprecated,
        Status::Superseded,
        Status::Rejected,
        Status::Withdrawn,
        Status::Archived,
    ];

    /// The kebab-case name, as written in config and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::Active => "active",
            Status::Implemented => "implemented",
            Status::Final => "final",
            Status::Current => "current",
            Status::Proposed => "proposed",
            Status::Draft => "draft",
            Status::Postponed => "postponed",
            Status::Deprecated => "deprecated",
            Status::Superseded => "superseded",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
            Status::Archived => "archived",
        }
    }

    /// The capitalised name, for headings.
    pub fn label(self) -> &'static str {
        match self {
            Status::Accepted => "Accepted",
            Status::Active => "Active",
            Status::Implemented => "Implemented",
            Status::Final => "Final",
            Status::Current => "Current",
            Status::Proposed => "Proposed",
            Status::Draft => "Draft",
            Status::Postponed => "Postponed",
            Status::Deprecated => "Deprecated",
            Status::Superseded => "Superseded",
            Status::Rejected => "Rejected",
            Status::Withdrawn => "Withdrawn",
            Status::Archived => "Archived",
        }
    }

    /// Whether the decision is in force (shown first, ranked first).
    pub fn is_in_force(self) -> bool {
        matches!(self, Status::Accepted | Status::Active | Status::Implemented | Status::Final | Status::Current)
    }

    /// Whether the document no longer applies (shown with a banner).
    pub fn is_retired(self) -> bool {
        matches!(self, Status::Deprecated | Status::Superseded | Status::Archived)
    }
}

/// Folder names that say the status of the documents in them, and the words that do so in
/// brackets at the end of a title. Words that name a status only in some teams' usage (`open`,
/// `current`, `active`, `review`) are left out: as folders they say something else.
pub const STATUS_FOLDERS: &[&str] = &[
    "accepted",
    "proposed",
    "draft",
    "implemented",
    "postponed",
    "deferred",
    "deprecated",
    "obsolete",
    "defunct",
    "superseded",
    "rejected",
    "declined",
    "withdrawn",
    "abandoned",
    "archived",
];

/// Of those, the words only a proposal's course has: a folder named so (`proposed/`,
/// `accepted/`) holds decisions or proposals, where `draft/` or `archived/` may hold any pages.
pub const PROPOSAL_FOLDERS: &[&str] = &[
    "accepted",
    "proposed",
    "implemented",
    "postponed",
    "deferred",
    "superseded",
    "rejected",
    "declined",
    "withdrawn",
];

/// A team's own status labels (lowercase) and the status each means.
pub type CustomStatuses = BTreeMap<String, Status>;
