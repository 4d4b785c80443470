//! The file that keeps highlighted code blocks between builds.
//!
//! Input: blocks (a key per block and its HTML) to write, or a file to read. Output: the file
//! `highlight-v1.bin` in the cache directory, and from it [`Blocks`]: the whole file in one
//! buffer and an index into it, so reading costs one allocation the size of the file. The file
//! starts with the adrsite version: another version may highlight differently, so its file is
//! ignored. Layout after the header line: per block, its key (two little-endian `u64`), the HTML's
//! length (`u32`) and the HTML.

use crate::output::{InPlace, OutputSink};
use std::collections::HashMap;
use std::path::Path;

/// A code block's identity: the hash of its language and text, and the text's length.
pub type Key = (u64, u64);

/// The file's name in the cache directory.
pub const FILE_NAME: &str = "highlight-v1.bin";

fn header() -> String {
    // The markup's own version: compact palette classes since format 2.
    format!("adrsite {} highlighted blocks, format 2\n", env!("CARGO_PKG_VERSION"))
}

/// Blocks read from the cache file.
#[derive(Debug, Default)]
pub struct Blocks {
    bytes: Vec<u8>,
    index: HashMap<Key, (usize, usize)>,
}

impl Blocks {
    /// Reads `path`; empty when it is missing, damaged or from another version.
    pub fn read(path: &Path) -> Blocks {
        let Ok(bytes) = std::fs::read(path) else { return Blocks::default() };
        Self::parse(bytes).unwrap_or_default()
    }

    fn parse(bytes: Vec<u8>) -> Option<Blocks> {
        let mut at = header().len();
        if !bytes.starts_with(header().as_bytes()) {
            return None;
        }
        let mut index = HashMap::new();
        while at < bytes.len() {
            let word = |from: usize, n: usize| bytes.get(from..from + n);
            let h = u64::from_le_bytes(word(at, 8)?.try_into().ok()?);
            let n = u64::from_le_bytes(word(at + 8, 8)?.try_into().ok()?);
            let len = u32::from_le_bytes(word(at + 16, 4)?.try_into().ok()?) as usize;
            let start = at + 20;
            std::str::from_utf8(word(start, len)?).ok()?;
            index.insert((h, n), (start, len));
            at = start + len;
        }
        Some(Blocks { bytes, index })
    }

    /// The HTML of a block.
    pub fn get(&self, key: &Key) -> Option<&str> {
        let (start, len) = *self.index.get(key)?;
        std::str::from_utf8(&self.bytes[start..start + len]).ok()
    }

    /// How many blocks there are.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// Writes `blocks`, sorted by key so that the file is the same for the same blocks, atomically.
pub fn write<'a>(cache_dir: &Path, blocks: impl Iterator<Item = (Key, &'a str)>) -> anyhow::Result<()> {
    let mut blocks: Vec<(Key, &str)> = blocks.collect();
    blocks.sort_unstable_by_key(|(k, _)| *k);
    blocks.dedup_by_key(|(k, _)| *k);
    let mut bytes = header().into_bytes();
    bytes.reserve(blocks.iter().map(|(_, h)| h.len() + 20).sum());
    for ((h, n), html) in blocks {
        // A block over 4 GiB of HTML is not kept; it is highlighted again next time.
        let Ok(len) = u32::try_from(html.len()) else { continue };
        bytes.extend_from_slice(&h.to_le_bytes());
        bytes.extend_from_slice(&n.to_le_bytes());
        bytes.extend_from_slice(&len.to_le_bytes());
        bytes.extend_from_slice(html.as_bytes());
    }
    std::fs::create_dir_all(cache_dir)?;
    InPlace::new(cache_dir).write(FILE_NAME, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), [((2, 5), "<b>x</b>"), ((1, 3), "ü")].into_iter()).unwrap();
        let blocks = Blocks::read(&tmp.path().join(FILE_NAME));
        assert_eq!(
            (blocks.len(), blocks.get(&(2, 5)), blocks.get(&(1, 3)), blocks.get(&(9, 9))),
            (2, Some("<b>x</b>"), Some("ü"), None)
        );
        let mut bytes = std::fs::read(tmp.path().join(FILE_NAME)).unwrap();
        bytes.truncate(bytes.len() - 1);
        std::fs::write(tmp.path().join(FILE_NAME), &bytes).unwrap();
        assert!(Blocks::read(&tmp.path().join(FILE_NAME)).is_empty(), "a cut-off file is ignored");
        std::fs::write(tmp.path().join(FILE_NAME), b"adrsite 0.0.0 highlighted blocks\n").unwrap();
        assert!(Blocks::read(&tmp.path().join(FILE_NAME)).is_empty());
    }
}
