//! Raw HTML written in documents, cleaned to the allow-list GitHub uses: details and summary,
//! images, tables, `kbd`, `sup` and `sub` stay; `script`, `style`, `iframe`, event handlers and
//! the frame of a whole saved `<html>` page go. The theme promises that nothing loads from other
//! hosts and that a document cannot run code in the reader's browser.
//!
//! Input: a rendered body that had raw HTML in its source. Output: the same body with only
//! allowed tags and attributes (everything adrsite itself writes is allowed). Bodies without
//! raw HTML are never passed here, so they cost nothing.

use std::sync::LazyLock;

/// What to do with raw HTML in documents (`allow_raw_html` in `adrsite.toml`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RawHtml {
    /// Keep what GitHub keeps.
    #[default]
    Sanitise,
    /// Keep it as written: for teams that trust every author of the repository.
    Allow,
}

/// MathML Core's presentation elements.
const MATHML_TAGS: [&str; 26] = [
    "math",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "mrow",
    "mfrac",
    "msqrt",
    "mroot",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mtable",
    "mtr",
    "mtd",
    "mpadded",
    "mphantom",
    "mstyle",
    "merror",
    "semantics",
    "annotation",
];

/// Their attributes that change layout, not behaviour.
const MATHML_ATTRIBUTES: [&str; 20] = [
    "display",
    "displaystyle",
    "scriptlevel",
    "mathvariant",
    "stretchy",
    "largeop",
    "movablelimits",
    "symmetric",
    "maxsize",
    "minsize",
    "linethickness",
    "width",
    "height",
    "depth",
    "lspace",
    "rspace",
    "columnalign",
    "accent",
    "accentunder",
    "encoding",
];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags(["input", "section"])
        .add_generic_attributes(["id", "class", "aria-label", "aria-hidden", "align", "dir"])
        .add_tag_attributes("a", ["title"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        // A link or image whose target is missing keeps it here, for the reader to see.
        .add_generic_attributes(["data-broken-href", "data-broken-src"])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("ol", ["start"])
        // Math, as the build writes it from `$…$` (MathML Core, no script).
        .add_tags(MATHML_TAGS)
        .add_generic_attributes(MATHML_ATTRIBUTES)
        .filter_style_properties(std::collections::HashSet::from(["text-align"]))
        .add_clean_content_tags(["title", "noscript"])
        .link_rel(None);
    b
});

/// `html` with only what GitHub would keep.
pub fn sanitise(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_github_keeps_and_what_it_drops() {
        let kept = "<details><summary>More</summary><p>x <kbd>Ctrl</kbd> H<sub>2</sub>O <sup>1</sup></p></details>\
                    <table><tr><td style=\"text-align: center\">c</td></tr></table><img src=\"a.png\" alt=\"A\">";
        let out = sanitise(kept);
        for part in [
            "<details>",
            "<summary>More</summary>",
            "<kbd>Ctrl</kbd>",
            "<sub>2</sub>",
            "text-align:center",
            "<img src=\"a.png\" alt=\"A\">",
        ] {
            assert!(out.contains(part), "{part} in {out}");
        }
        let out = sanitise(
            "<html><head><title>Saved</title><script src=\"https://cdn.example/x.js\"></script></head>\
             <body><p onclick=\"steal()\" style=\"color:red\">Text</p><iframe src=\"https://x\"></iframe></body></html>",
        );
        assert_eq!(out, "<p>Text</p>");
    }

    #[test]
    fn what_adrsite_writes_survives() {
        let ours = "<h2 id=\"a\">A<a class=\"anchor\" href=\"#a\" aria-label=\"Link to this section\">#</a></h2>\n\
                    <pre class=\"code\"><code class=\"language-rust\"><span class=\"l2 d2 b\">fn</span></code></pre>\n\
                    <p><a class=\"mention\" href=\"../adr/0001.html\" title=\"T\">ADR-1</a></p>\n\
                    <ul><li><input disabled=\"\" type=\"checkbox\" checked=\"\"> done</li></ul>\n";
        assert_eq!(sanitise(ours), ours);
    }
}
