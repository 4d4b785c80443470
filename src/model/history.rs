//! A document's status history: each status it has had, since when, set by which commit.
//!
//! Input: made by the assemble stage from what commits wrote into the document and into the
//! documents that supersede it (`model/assemble/history.rs`). Output: [`Step`]s, oldest first,
//! read by the page's timeline, `api/docs.json` and the digest.

use crate::vocab::{DocId, Status};
use jiff::civil::Date;
use serde::Serialize;

/// One status a document took.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Step {
    /// The day of the commit that set it.
    #[serde(serialize_with = "crate::model::attention::serialize_day")]
    pub date: Date,
    /// That commit's full hash.
    pub commit: String,
    /// The status.
    pub status: Status,
    /// The label as written (cleaned of Markdown).
    pub label: String,
    /// For a supersession: the document that replaced it, when it is in the site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<DocId>,
    /// Whether the other document said so (`Supersedes …`) while this one did not.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub declared_by_other: bool,
}

/// The day a document took `status` last, from its history.
pub fn since(history: &[Step], status: Status) -> Option<Date> {
    history.iter().rev().find(|s| s.status == status).map(|s| s.date)
}

/// The steps taken in the days `from` to `to`, with the status each came from (`None` for the
/// first).
pub fn changes_between(history: &[Step], from: Date, to: Date) -> Vec<(Option<Status>, &Step)> {
    history
        .iter()
        .enumerate()
        .filter(|(_, s)| s.date >= from && s.date <= to)
        .map(|(i, s)| (i.checked_sub(1).map(|p| history[p].status), s))
        .collect()
}
