//! The site model: documents with normalised metadata, and the graph between them.
//!
//! Input: the [`crate::load::SourceDoc`]s of the load stage. Output: a [`Site`] in which every
//! document has an id, a kind, a status and resolved links, relations and backlinks. Nothing here
//! reads the clock or the file system.

pub mod archive;
pub mod assemble;
pub mod attention;
pub mod decision_graph;
pub mod digest;
pub mod history;
pub mod identity;
pub mod links;
pub mod site;

pub use assemble::assemble;
pub use links::LinkTarget;
pub use site::{Doc, Site};
