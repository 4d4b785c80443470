//! Integration tests: fixture sites built through the library, the real binary's exit codes and
//! output, and every shared corpus.

mod adoption;
mod architecture;
mod attention;
mod authoring;
mod cli;
mod corpora;
mod dialects;
mod digest;
mod federation;
mod github;
mod graph;
mod history;
mod limits;
mod output;
mod pages;
mod publish;
mod real_repos;
mod search;
mod serve;
mod standups;
mod support;
