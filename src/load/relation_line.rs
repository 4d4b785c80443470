//! A line that declares a relation to other documents (`Supersedes [ADR-3](0003-x.md)`,
//! `* Amended by: ADR-9`), in a document's head, its status section or a commit's change.
//!
//! Input: one line, or the text after its key. Output: the [`RelationKind`] and the raw
//! references it names (link destinations, else an id or a slug).

use crate::vocab::RelationKind;
use regex::Regex;
use std::sync::LazyLock;

static RELATION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[-*+]\s+)?(?:\*\*|__)?(supersedes|superseded by|superceded by|replaces|replaced by|amends|amended by|relates to|related to)\b(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?\s*(.+)$")
        .expect("static regex")
});
static LINK_DEST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[^)]*)?\)").expect("static regex"));

/// `Supersedes [ADR-3](0003-x.md)`, `* Amended by: ADR-9`: the relation a line declares and the
/// text naming its targets.
pub fn relation_line(line: &str) -> Option<(RelationKind, String)> {
    let c = RELATION_LINE.captures(line)?;
    let kind = match c[1].to_lowercase().as_str() {
        "supersedes" | "replaces" => RelationKind::Supersedes,
        "superseded by" | "superceded by" | "replaced by" => RelationKind::SupersededBy,
        "amends" => RelationKind::Amends,
        "amended by" => RelationKind::AmendedBy,
        _ => RelationKind::RelatesTo,
    };
    Some((kind, c[2].to_string()))
}

/// The targets a relation's text names: each Markdown link's destination, else the first
/// reference (`ADR-0007`, a slug), placeholders left out.
pub fn relation_targets(rest: &str) -> Vec<String> {
    let mut targets: Vec<String> = LINK_DEST.captures_iter(rest).map(|c| c[1].to_string()).collect();
    if targets.is_empty()
        && let Some(t) = crate::load::status::reference_target(rest)
    {
        targets.push(t);
    }
    targets.retain(|t| !crate::load::meta::is_placeholder(t));
    targets
}
