//! Authoring: the commands that write into the repository rather than the site. `init` sets a
//! repository up for adrsite and GitHub Pages; `new` starts the next document of a collection
//! from its template, in the collection's own dialect and numbering.

pub mod edit;
pub mod init;
pub mod native;
pub mod new;
pub mod scheme;
pub mod style;
pub mod template;
pub mod workflow;
