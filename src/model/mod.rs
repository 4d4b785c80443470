//! The site model: documents with normalised metadata, and the graph between them.
//!
//! Input: the [`crate::load::SourceDoc`]s of the load stage. Output: a [`Site`] in which every
//! document has an id, a kind, a status and resolved links, relations and backlinks. Nothing here
//! reads the clock or the file system.

pub mod archive;
pub mod attention;
pub mod date;
pub mod doc;
pub mod identity;
pub mod links;
pub mod site;
pub mod standup;
pub mod status;

pub use doc::{DocId, DocKind, DocNumber};
pub use site::{Doc, LinkTarget, Relation, RelationKind, Site, assemble};
pub use status::Status;
