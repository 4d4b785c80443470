//! The named dates a document can carry (deadline, last reviewed, review interval, …).
//!
//! Input: nothing of the crate. Output: [`DateKey`], read by the load stage and used by the
//! attention rules and the metadata panel.

/// Named dates and durations kept for attention rules and the metadata panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateKey {
    /// A decision deadline.
    Deadline,
    /// Comments are welcome until this date.
    CommentsBy,
    /// Review or revisit the decision by this date.
    ReviewBy,
    /// The page was last reviewed on this date.
    LastReviewed,
    /// How often the page should be reviewed (`90d`, `6 months`).
    ReviewEvery,
    /// The date of the last update.
    LastUpdated,
}

impl DateKey {
    /// The label shown in the metadata panel.
    pub fn label(self) -> &'static str {
        match self {
            DateKey::Deadline => "Decision deadline",
            DateKey::CommentsBy => "Comments by",
            DateKey::ReviewBy => "Review by",
            DateKey::LastReviewed => "Last reviewed",
            DateKey::ReviewEvery => "Review every",
            DateKey::LastUpdated => "Last updated",
        }
    }
}
