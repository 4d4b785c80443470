//! adrsite turns a repository's written decision history — ADRs, RFCs, design docs, handbook pages and
//! standups — into a cross-linked static website.
//!
//! The library does the work; `main.rs` only parses arguments. The stages, in order, are owned by
//! [`pipeline`]:
//!
//! ```text
//! load      (walk, decode, split front matter, read every dialect) -> Vec<SourceDoc> + diagnostics
//! assemble  (ids, statuses, link graph, backlinks)                 -> Site
//! render    (markdown, highlighting, templates)                    -> pages in an OutputSink
//! write     (staging directory swapped into place)
//! ```
//!
//! [`author`] holds the commands that write into the repository instead: `init` and `new`.
#![warn(missing_docs)]

pub mod author;
pub mod cli;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod text;
pub mod vocab;

pub use pipeline::{BuildOptions, BuildReport, build, check};
