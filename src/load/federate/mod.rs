//! An organisation's site: the documents of many repositories read as one. Git sources are
//! fetched into the cache ([`fetch`]), each source is loaded from its own directory with its own
//! `adrsite.toml` and moved under its namespace ([`mount`]), and the commits built are recorded
//! in `adrsite.lock` ([`lock`]).
//!
//! Input: `[[sources]]` of the site's configuration. Output: the pieces the pipeline joins.

pub mod fetch;
pub mod lock;
pub mod mount;
pub mod published;
