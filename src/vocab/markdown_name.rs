//! How a Markdown document is named on disk: the Markdown family of extensions, the stem of a
//! file name without them, and the kinds of template that flavour a file (ERB, MDX).
//!
//! Input: file names. Output: whether a file is a Markdown document, its stem, its
//! [`Flavour`]. Load (which files to read), identity (slugs) and link resolution all ask here,
//! so `index.html.md.erb` is one name everywhere.

/// Extensions of Markdown documents, longest first so that a name is cut at its whole extension.
pub const EXTENSIONS: [&str; 7] = [".html.md.erb", ".html.md", ".md.erb", ".markdown", ".mdown", ".mdx", ".md"];

/// Names that introduce their folder rather than name a document of their own.
pub const FOLDER_INDEXES: [&str; 3] = ["readme", "index", "_index"];

/// What a file's extension says about template tags in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    /// Plain Markdown (Jekyll or Hugo may still put Liquid tags in it).
    Plain,
    /// Markdown with ERB tags (Middleman: `.html.md.erb`).
    Erb,
    /// MDX: imports, exports, JSX and `{/* comments */}`.
    Mdx,
}

/// The extension of a Markdown document, as written (`.md`, `.html.md.erb`); `None` for any
/// other file.
pub fn extension(name: &str) -> Option<&str> {
    let lower = name.to_ascii_lowercase();
    EXTENSIONS.iter().find(|e| lower.ends_with(*e) && lower.len() > e.len()).map(|e| &name[name.len() - e.len()..])
}

/// Whether `name` (a file name or path) is a Markdown document.
pub fn is_markdown(name: &str) -> bool {
    extension(name).is_some()
}

/// The markup language of a document written in another one than Markdown (`0001-x.rst`:
/// reStructuredText), which adrsite does not read but names, so that a repository of such
/// documents is not an unexplained empty site.
pub fn other_markup(name: &str) -> Option<&'static str> {
    let lower = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    let (stem, ext) = lower.rsplit_once('.')?;
    if stem.is_empty() {
        return None;
    }
    match ext {
        "rst" | "rest" => Some("reStructuredText"),
        "adoc" | "asciidoc" => Some("AsciiDoc"),
        "org" => Some("Org"),
        "textile" => Some("Textile"),
        _ => None,
    }
}

/// A name that looks like Markdown but has no extension adrsite reads (`notes.md.txt`,
/// `page.mkd`): reported as skipped rather than ignored in silence.
pub fn looks_like_markdown(name: &str) -> bool {
    let lower = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    !is_markdown(&lower)
        && (lower.split('.').skip(1).any(|p| matches!(p, "md" | "markdown" | "mdown" | "mdx"))
            || [".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext"].iter().any(|e| lower.ends_with(e)))
}

/// The file name without its Markdown extension (`index.html.md.erb` → `index`), or without its
/// last extension for any other file.
pub fn stem(file: &str) -> &str {
    match extension(file) {
        Some(ext) => &file[..file.len() - ext.len()],
        None => file.rsplit_once('.').map_or(file, |(s, _)| s),
    }
}

/// Whether the file introduces its folder (`README.md`, `index.html.md.erb`, `_index.md`, and
/// `000-index.md`, numbered zero to sort before the records it introduces).
pub fn is_folder_index(file: &str) -> bool {
    let file = file.rsplit('/').next().unwrap_or(file);
    let stem = stem(file).to_ascii_lowercase();
    let zeros = stem.bytes().take_while(|&b| b == b'0').count();
    let unnumbered = match stem[zeros..].strip_prefix(['-', '_', '.']) {
        Some(rest) if zeros > 0 => rest,
        _ => stem.as_str(),
    };
    is_markdown(file) && FOLDER_INDEXES.contains(&unnumbered)
}

/// The template flavour of a Markdown file.
pub fn flavour(name: &str) -> Flavour {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".erb") {
        Flavour::Erb
    } else if lower.ends_with(".mdx") {
        Flavour::Mdx
    } else {
        Flavour::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_markup_languages_are_named() {
        assert_eq!(other_markup("docs/decisions/0001-x.rst"), Some("reStructuredText"));
        assert_eq!(other_markup("design.ADOC"), Some("AsciiDoc"));
        assert_eq!(other_markup("notes.md"), None);
        assert_eq!(other_markup(".org"), None, "a hidden file is no Org document");
    }

    #[test]
    fn the_family() {
        for (name, s) in [
            ("index.html.md.erb", "index"),
            ("a.md", "a"),
            ("Notes.MD", "Notes"),
            ("b.markdown", "b"),
            ("c.mdown", "c"),
            ("d.mdx", "d"),
            ("e.md.erb", "e"),
            ("f.html.md", "f"),
            ("v1.2-notes.md", "v1.2-notes"),
        ] {
            assert!(is_markdown(name), "{name}");
            assert_eq!(stem(name), s, "{name}");
        }
        for name in ["a.txt", "md", ".md", "a.erb", "a.html", "mdx"] {
            assert!(!is_markdown(name), "{name}");
        }
        assert_eq!(stem("diagram.png"), "diagram");
        assert!(looks_like_markdown("notes.md.txt") && looks_like_markdown("x/page.mkd"));
        assert!(!looks_like_markdown("a.md") && !looks_like_markdown("a.txt"));
        assert!(
            is_folder_index("x/index.html.md.erb") && is_folder_index("README.md") && !is_folder_index("readme.txt")
        );
        assert!(is_folder_index("decisions/000-index.md") && is_folder_index("00_README.md"));
        assert!(!is_folder_index("001-index.md") && !is_folder_index("0-indexing.md"));
        assert_eq!(
            (flavour("a.html.md.erb"), flavour("a.mdx"), flavour("a.md")),
            (Flavour::Erb, Flavour::Mdx, Flavour::Plain)
        );
    }
}
