//! Headings that name a section of a document rather than the document: `# Summary` opens React's
//! and Rust's RFCs, `Abstract` the first section of Erlang's EEPs, `## Agenda` a meeting's notes.
//!
//! Input: a heading's lowercase plain text. Output: whether it names a section, so that neither
//! the scan of a document's head nor its title takes it for the title.

/// Headings that name a section, not the document (React and Rust RFCs start with `# Summary`).
const SECTION_NAMES: &[&str] = &[
    "summary",
    "preamble",
    "motivation",
    "context",
    "decision",
    "abstract",
    "introduction",
    "overview",
    "background",
    "status",
    "tl;dr",
    "tldr",
    "problem",
    "proposal",
    "description",
    "title",
    "contents",
    // The section of a proposal's metadata (Cilium's CFPs: `# **Meta**`).
    "meta",
    "metadata",
    "table of contents",
    // A meeting's or a standup's sections, which a note without a title of its own opens with.
    "agenda",
    "attendees",
    "attendance",
    "participants",
    "present",
    "notes",
    "minutes",
    "meeting details",
    "action items",
    "yesterday",
    "today",
    "blockers",
    // MADR's sections, which a record that skips the template's title starts with.
    "context and problem statement",
    "problem statement",
    "decision drivers",
    "considered options",
    "decision outcome",
];

/// Whether a lowercase heading, without a trailing colon, names a section.
pub fn is_section_name(lower: &str) -> bool {
    SECTION_NAMES.contains(&lower)
}
