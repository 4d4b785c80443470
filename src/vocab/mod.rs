//! The vocabulary floor: the words every stage shares, importing nothing else of the crate.
//!
//! Input: nothing. Output: document kinds, ids and numbers; statuses; relation kinds and roles;
//! named-date keys; the names of Markdown files; diagnostic codes and severities; the attention-rule table; and the routes
//! that name every page of a site. Config, load, assemble, search and render all import from
//! here, so none of them needs to import a later stage to name a thing.

pub mod code;
pub mod date_key;
pub mod kind;
pub mod markdown_name;
pub mod relation;
pub mod route;
pub mod rule;
pub mod section_name;
pub mod series;
pub mod status;

pub use code::{Code, Severity};
pub use date_key::DateKey;
pub use kind::{DocId, DocKind, DocNumber};
pub use relation::{Relation, RelationKind, Role};
pub use route::Route;
pub use status::{CustomStatuses, Status};
