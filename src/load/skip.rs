//! Which Markdown files are not pages, and why: templates, licences, partials and layouts; and
//! the reasons for files that are not read at all (an unread Markdown-like extension, another
//! markup language).
//!
//! Input: a Markdown file's path relative to the site directory. Output: the [`Skip`] reason,
//! or `None` for a document. `-v` lists each skipped file with its reason.

use crate::vocab::markdown_name;

/// Why a Markdown-like file, or a document in another markup language, is not a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Skip {
    /// A template for new documents (`0000-template.md`).
    Template,
    /// A licence or notice.
    Licence,
    /// A partial that other pages include (`_toc.html.md.erb`, `_includes/`, `partials/`).
    Partial,
    /// A layout a generator wraps pages in (`layouts/`, `_layouts/`).
    Layout,
    /// A name that looks like Markdown with an extension adrsite does not read (`notes.md.txt`).
    Extension,
    /// A document in another markup language (`0001-x.rst`, `design.adoc`).
    OtherMarkup,
}

impl Skip {
    /// Every reason, in the order `-v` reports them.
    pub const ALL: [Skip; 6] =
        [Skip::Template, Skip::Licence, Skip::Partial, Skip::Layout, Skip::Extension, Skip::OtherMarkup];

    /// Why, in words.
    pub fn reason(self) -> &'static str {
        match self {
            Skip::Template => "a template for new documents",
            Skip::Licence => "a licence or notice",
            Skip::Partial => "a partial that other pages include",
            Skip::Layout => "a layout",
            Skip::Extension => {
                "not a Markdown extension adrsite reads (.md, .markdown, .mdown, .mdx, .md.erb, .html.md)"
            }
            Skip::OtherMarkup => "written in a markup language adrsite does not read; it reads Markdown",
        }
    }
}

/// Why the Markdown-like file at `rel` is not a page, or `None` when it is a document.
pub fn skip_reason(rel: &str) -> Option<Skip> {
    let (dirs, file) = rel.rsplit_once('/').unwrap_or(("", rel));
    if !markdown_name::is_markdown(file) {
        return markdown_name::looks_like_markdown(file).then_some(Skip::Extension);
    }
    let folders = || dirs.split('/').map(str::to_ascii_lowercase);
    // Middleman and Jekyll partials start with `_`; Hugo's `_index.md` is a section's page.
    let stem = markdown_name::stem(file);
    if (stem.starts_with('_') && !stem.eq_ignore_ascii_case("_index"))
        || folders().any(|d| matches!(d.as_str(), "partials" | "_partials" | "_includes" | "includes"))
    {
        return Some(Skip::Partial);
    }
    if folders().any(|d| matches!(d.as_str(), "layouts" | "_layouts")) {
        return Some(Skip::Layout);
    }
    if is_licence(file) {
        return Some(Skip::Licence);
    }
    // Hugo's `archetypes/`: the front matter and body a new page starts from.
    if is_template(rel) || folders().any(|d| d == "archetypes") {
        return Some(Skip::Template);
    }
    None
}

/// `LICENSE.md`, `LICENCE-MIT.md`, `NOTICE.md`, `COPYING.md`.
fn is_licence(file: &str) -> bool {
    let file = file.to_lowercase();
    let stem = markdown_name::stem(&file);
    let licence = ["license", "licence", "copying", "notice", "patents", "unlicense"];
    let licence_variant = |rest: &str| {
        ["mit", "apache", "bsd", "gpl", "lgpl", "mpl", "cc", "cc0", "ofl", "docs", "code"]
            .iter()
            .any(|v| rest.starts_with(v))
    };
    licence.iter().any(|l| {
        stem == *l || stem.strip_prefix(l).and_then(|r| r.strip_prefix(['-', '.'])).is_some_and(licence_variant)
    })
}

/// `0000-template.md`, `adr-template.md`, `NNNN-kep-template/`: "template" in a name that has no
/// real number. `0042-template-engine.md` is a document about templates.
fn is_template(rel: &str) -> bool {
    let is_template = |s: &str| {
        let lower = s.to_lowercase();
        let tokens: Vec<&str> = lower.split(['-', '_', '.', ' ']).filter(|t| !t.is_empty()).collect();
        let numbered =
            tokens.first().is_some_and(|t| t.chars().all(|c| c.is_ascii_digit()) && t.chars().any(|c| c != '0'));
        // `RFC-0000/`, `0000.md`, `ADR-NNNN.md`: an id with no number yet, and nothing else.
        let unnumbered = |t: &str| t.len() >= 3 && ['0', 'n', 'x'].iter().any(|p| t.chars().all(|c| c == *p));
        let bare = match tokens.as_slice() {
            [n] => unnumbered(n),
            [prefix, n] => prefix.len() <= 4 && prefix.chars().all(|c| c.is_ascii_alphabetic()) && unnumbered(n),
            _ => false,
        };
        // The word in the languages whose records adrsite reads. French and Italian say "model"
        // with it too, so theirs counts only after a number to come: `0000-modele-adr.md`.
        const WORDS: &[&str] = &["template", "templates", "plantilla", "vorlage", "sjabloon"];
        const MODEL: &[&str] = &["modele", "modèle", "modello"];
        let to_come = tokens.first().is_some_and(|t| unnumbered(t));
        bare || (tokens.iter().any(|t| WORDS.contains(t)) && !numbered)
            || (to_come && tokens.iter().any(|t| MODEL.contains(t)))
    };
    let (dirs, file) = rel.rsplit_once('/').unwrap_or(("", rel));
    is_template(markdown_name::stem(file)) || dirs.split('/').any(is_template)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_and_licences() {
        for p in [
            "LICENSE.md",
            "LICENSE-MIT.md",
            "design/TEMPLATE.md",
            "keps/sig-x/0000-cloud-provider-template/README.md",
            "docs/adr/0000-template.md",
            "docs/decisions/adr-template-bare.md",
            "keps/NNNN-kep-template/README.md",
            "rfcs/RFC-0000/README.md",
            "docs/adr/0000.md",
            "proposals/NNNN.md",
            "template.md",
            "NOTICE.md",
            "docs/decisions/0000-modele-adr.md",
            "archetypes/minutes.md",
        ] {
            assert!(matches!(skip_reason(p), Some(Skip::Template | Skip::Licence)), "{p}");
        }
        for p in [
            "docs/adr/0005-use-templates-for-x.md",
            "README.md",
            "CONTRIBUTING.md",
            "process/license_keys.md",
            "keps/sig-node/5978-cluster-resource-claim-template/README.md",
            "0042-template-engine.md",
            "docs/decisions/0000-use-markdown-architectural-decision-records.md",
            "docs/modele-de-donnees.md",
            "rfcs/RFC-0001/README.md",
            "docs/box.md",
        ] {
            assert_eq!(skip_reason(p), None, "{p}");
        }
    }

    #[test]
    fn partials_layouts_and_other_extensions() {
        for (p, why) in [
            ("source/partials/_page_toc.html.md.erb", Some(Skip::Partial)),
            ("docs/_nav.md", Some(Skip::Partial)),
            ("_includes/footer.md", Some(Skip::Partial)),
            ("layouts/page.md", Some(Skip::Layout)),
            ("notes/2024-01-02.md.txt", Some(Skip::Extension)),
            ("notes/2024-01-02.txt", None),
            ("content/_index.md", None),
            ("source/index.html.md.erb", None),
            ("docs/LICENSE.mdx", Some(Skip::Licence)),
        ] {
            assert_eq!(skip_reason(p), why, "{p}");
        }
    }
}
