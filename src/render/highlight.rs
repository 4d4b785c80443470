//! Syntax highlighting with syntect: code becomes compact `<span class="l3 d5">` markup
//! (`highlight_html.rs`), and colours live in a generated stylesheet with a light and a dark
//! theme, so themes can restyle code without touching the HTML.
//!
//! Input: a code block's text and language. Output: its highlighted HTML, the same for the same
//! block wherever it appears. The syntax set (syntect's defaults plus two-face's extras:
//! TypeScript, TOML, Dockerfile, …) is loaded once, on first need, and shared by reference between
//! rendering threads. Highlighting is the costliest part of rendering, so each distinct block is
//! highlighted once and the result kept in the cache directory for the next build.

use crate::render::highlight_cache::{self, Blocks, Key};
use crate::text::StableHasher;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use syntect::parsing::SyntaxSet;

/// Highlights code blocks, each distinct block once: results are kept by content hash, shared
/// between rendering threads and — with [`Highlighter::cached_in`] — between builds.
pub struct Highlighter {
    /// Loaded on first use: a build whose every block is cached never needs it.
    syntaxes: OnceLock<SyntaxSet>,
    /// Blocks highlighted by an earlier build, read once, never changed.
    earlier: Blocks,
    /// Blocks highlighted by this highlighter, and the earlier ones it used.
    made: Mutex<HashMap<Key, String>>,
    used: Mutex<HashSet<Key>>,
    /// The cache directory [`Highlighter::save`] writes to, when the cache is on disk.
    dir: Option<PathBuf>,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Highlighter").field("earlier", &self.earlier.len()).field("dir", &self.dir).finish()
    }
}

impl Highlighter {
    /// A highlighter that keeps results for this process only.
    pub fn new() -> Self {
        Highlighter {
            syntaxes: OnceLock::new(),
            earlier: Blocks::default(),
            made: Mutex::default(),
            used: Mutex::default(),
            dir: None,
        }
    }

    /// A highlighter that starts from the blocks an earlier build saved in `cache_dir` (none when
    /// the file is missing, damaged or from another version) and [saves](Highlighter::save) there.
    pub fn cached_in(cache_dir: &Path) -> Self {
        let earlier = Blocks::read(&cache_dir.join(highlight_cache::FILE_NAME));
        Highlighter { earlier, dir: Some(cache_dir.to_path_buf()), ..Self::new() }
    }

    /// Writes the blocks this highlighter used — those of the current build, so that the file
    /// never grows past what the site holds — to its cache directory.
    pub fn save(&self) -> anyhow::Result<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        let made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        if made.is_empty() && used.len() == self.earlier.len() {
            return Ok(());
        }
        let earlier = used.iter().filter_map(|k| Some((*k, self.earlier.get(k)?)));
        highlight_cache::write(dir, made.iter().map(|(k, html)| (*k, html.as_str())).chain(earlier))
    }

    /// Highlighted HTML for `code` in `lang`, or `None` when the language is unknown.
    pub fn highlight(&self, code: &str, lang: &str) -> Option<String> {
        let lang = lang.trim();
        if lang.is_empty() {
            return None;
        }
        let key = {
            use std::hash::Hasher as _;
            let mut h = StableHasher::default();
            // The same bytes as `lang \0 code`, without copying the block to hash it.
            h.write(lang.as_bytes());
            h.write(&[0]);
            h.write(code.as_bytes());
            (h.finish(), code.len() as u64)
        };
        if let Some(html) = self.earlier.get(&key) {
            self.used.lock().unwrap_or_else(|e| e.into_inner()).insert(key);
            return Some(html.to_string());
        }
        if let Some(html) = self.made.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return Some(html.clone());
        }
        let html = self.highlight_uncached(code, lang)?;
        self.made.lock().unwrap_or_else(|e| e.into_inner()).insert(key, html.clone());
        Some(html)
    }

    fn highlight_uncached(&self, code: &str, lang: &str) -> Option<String> {
        let syntaxes = self.syntaxes.get_or_init(two_face::syntax::extra_newlines);
        let syntax = syntaxes
            .find_syntax_by_token(lang)
            .or_else(|| syntaxes.find_syntax_by_token(&lang.to_lowercase()))
            .or_else(|| match lang.to_lowercase().as_str() {
                "ts" | "tsx" | "typescript" => syntaxes.find_syntax_by_extension("ts"),
                "shell" | "console" | "sh" | "zsh" => syntaxes.find_syntax_by_extension("sh"),
                "golang" => syntaxes.find_syntax_by_extension("go"),
                "proto" | "protobuf" => syntaxes.find_syntax_by_extension("proto"),
                _ => None,
            })?;
        crate::render::highlight_html::highlight(code, syntax, syntaxes)
    }

    /// The stylesheet: a light theme, and a dark one under `prefers-color-scheme: dark`.
    pub fn stylesheet() -> String {
        crate::render::highlight_html::stylesheet()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_only() {
        let h = Highlighter::new();
        let html = h.highlight("fn main() {}\n", "rust").unwrap();
        assert!(html.contains("<span class=\""), "{html}");
        assert!(h.highlight("x: 1\n", "yaml").is_some());
        assert!(h.highlight("let x: number = 1;\n", "typescript").is_some());
        assert!(h.highlight("a = 1\n", "toml").is_some());
        assert!(h.highlight("x", "no-such-language").is_none());
        assert!(Highlighter::stylesheet().contains("prefers-color-scheme"));
    }

    #[test]
    fn blocks_are_cached_between_builds_and_only_used_ones_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let first = Highlighter::cached_in(tmp.path());
        let a = first.highlight("fn a() {}\n", "rust").unwrap();
        let b = first.highlight("x: 1\n", "yaml").unwrap();
        assert_eq!(first.highlight("fn a() {}\n", "rust").unwrap(), a, "the same block twice");
        first.save().unwrap();

        let second = Highlighter::cached_in(tmp.path());
        assert_eq!(second.earlier.len(), 2);
        assert_eq!(second.highlight("fn a() {}\n", "rust").unwrap(), a);
        assert!(second.syntaxes.get().is_none(), "a cached block needs no syntax definitions");
        assert_ne!(second.highlight("fn a() {}\n", "python"), Some(a.clone()), "the language is part of the key");
        second.save().unwrap();

        let third = Highlighter::cached_in(tmp.path());
        assert_eq!(third.earlier.len(), 2, "the yaml block, unused by the second build, is dropped: {b}");
    }
}
