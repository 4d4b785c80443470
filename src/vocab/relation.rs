//! How documents relate to each other and to people: relation kinds and roles.
//!
//! Input: nothing of the crate. Output: [`RelationKind`], [`Relation`] and [`Role`], read by the
//! load stage from every dialect and resolved by the assemble stage.

use crate::vocab::DocId;
use serde::Serialize;

/// The part a person played in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Made the decision.
    Decider,
    /// Wrote the document.
    Author,
    /// Owns the page and keeps it current.
    Owner,
    /// Was consulted.
    Consulted,
    /// Was informed.
    Informed,
    /// Took part in a meeting.
    Participant,
}

impl Role {
    /// Every role, in the order pages list them.
    pub const ALL: [Role; 6] =
        [Role::Decider, Role::Author, Role::Owner, Role::Consulted, Role::Informed, Role::Participant];
    /// Who answers for a document, in order of preference: its owner, else its deciders, else its
    /// authors (named on findings).
    pub const ACCOUNTABLE: [Role; 3] = [Role::Owner, Role::Decider, Role::Author];
    /// Who a document is by, in order of preference: its authors, else its deciders, else its
    /// owner (shown on lists and search hits). A KEP's row names who wrote it, not its approvers.
    pub const CREDITED: [Role; 3] = [Role::Author, Role::Decider, Role::Owner];

    /// Label for the metadata panel.
    pub fn label(self) -> &'static str {
        match self {
            Role::Decider => "Deciders",
            Role::Author => "Authors",
            Role::Owner => "Owner",
            Role::Consulted => "Consulted",
            Role::Informed => "Informed",
            Role::Participant => "Participants",
        }
    }
}

/// How two documents relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationKind {
    /// This document replaces the target.
    Supersedes,
    /// The target replaces this document.
    SupersededBy,
    /// This document amends the target.
    Amends,
    /// The target amends this document.
    AmendedBy,
    /// Related, in both directions.
    RelatesTo,
}

impl RelationKind {
    /// The relation as seen from the other document.
    pub fn inverse(self) -> RelationKind {
        match self {
            RelationKind::Supersedes => RelationKind::SupersededBy,
            RelationKind::SupersededBy => RelationKind::Supersedes,
            RelationKind::Amends => RelationKind::AmendedBy,
            RelationKind::AmendedBy => RelationKind::Amends,
            RelationKind::RelatesTo => RelationKind::RelatesTo,
        }
    }

    /// Label for the document page.
    pub fn label(self) -> &'static str {
        match self {
            RelationKind::Supersedes => "Supersedes",
            RelationKind::SupersededBy => "Superseded by",
            RelationKind::Amends => "Amends",
            RelationKind::AmendedBy => "Amended by",
            RelationKind::RelatesTo => "Related",
        }
    }
}

/// A resolved relation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Relation {
    /// How this document relates to the target.
    pub kind: RelationKind,
    /// The other document.
    pub target: DocId,
}
