//! Rendering tests: links, anchors, code, and each GitHub feature.

use super::*;

struct Fake;
impl LinkRewriter for Fake {
    fn rewrite(&self, dest: &str) -> Rewrite {
        match dest {
            "0002-a.md" => Rewrite::To("0002-a.html".into()),
            "img.png" => Rewrite::To("../files/img.png".into()),
            d if d.starts_with("http") || d.starts_with('#') => Rewrite::Keep,
            _ => Rewrite::Broken,
        }
    }
    fn mention(&self, prefix: &str, n: &DocNumber) -> Option<(String, String)> {
        (prefix.eq_ignore_ascii_case("adr") && n.value == 5).then(|| ("0005-x.html".into(), "Use X".into()))
    }
}

fn html(md: &str) -> String {
    render_markdown(md, &Fake, &Highlighter::new(), RawHtml::Sanitise).html
}

#[test]
fn h1_sections_sit_below_the_page_title() {
    let hl = Highlighter::new();
    let r = render_markdown("# Summary\n\nText.\n\n# Motivation\n\n## Detail\n", &Fake, &hl, RawHtml::Sanitise);
    assert!(r.html.contains("<h2 id=\"summary\">") && r.html.contains("<h3 id=\"detail\">"), "{}", r.html);
    let toc: Vec<(u8, &str)> = r.toc.iter().map(|t| (t.level, t.id.as_str())).collect();
    assert_eq!(toc, vec![(2, "summary"), (2, "motivation"), (3, "detail")]);
    assert!(has_h1("Title\n=====\n") && !has_h1("```\n# not\n```\n## Two\n") && !has_h1("#hashtag\n"));
    assert!(!has_h1("<!--\n# Template instructions\n-->\n## Summary\n"));
    let r = render_markdown("## Already\n", &Fake, &hl, RawHtml::Sanitise);
    assert!(r.html.contains("<h2 id=\"already\">"));
}

#[test]
fn headings_get_github_anchors_and_toc() {
    let r = render_markdown(
        "## Decision Outcome\n\n## Decision Outcome\n\n### Pros & cons\n",
        &Fake,
        &Highlighter::new(),
        RawHtml::Sanitise,
    );
    assert!(r.html.contains("<h2 id=\"decision-outcome\">"));
    assert!(r.html.contains("<h2 id=\"decision-outcome-1\">"));
    assert_eq!(
        r.toc.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        ["decision-outcome", "decision-outcome-1", "pros--cons"]
    );
}

#[test]
fn a_headings_attribute_block_names_its_anchor() {
    let h = html("## Rollout {#adr_0011}\n\n## Ambiguity { #ambig .note }\n\n## Notes {.aside}\n\n## Use {TITLE}\n");
    assert!(h.contains("<h2 id=\"adr_0011\">Rollout<a"), "{h}");
    assert!(h.contains("<h2 id=\"ambig\">Ambiguity<a"), "{h}");
    assert!(h.contains("<h2 id=\"notes\">Notes<a"), "{h}");
    assert!(h.contains(">Use {TITLE}<a"), "a template's placeholder stays: {h}");
}

#[test]
fn links_are_rewritten_or_marked_broken() {
    let h = html("[a](0002-a.md) [b](missing.md) [c](https://x.org) ![i](img.png) ![j](gone.png)\n");
    assert!(h.contains("href=\"0002-a.html\""));
    assert!(h.contains("<span class=\"broken-link\" title=\"broken link: missing.md\">b</span>"));
    assert!(h.contains("href=\"https://x.org\""));
    assert!(h.contains("src=\"../files/img.png\""));
    assert!(h.contains("<span class=\"broken-image\" title=\"image not found\">[j]</span>"));
}

#[test]
fn mentions_become_links_outside_code_and_links() {
    let h = html("See ADR-0005 and ADR-0009. `ADR-0005` [ADR-0005](0002-a.md)\n");
    assert!(h.contains("<a class=\"mention\" href=\"0005-x.html\" title=\"Use X\">ADR-0005</a> and ADR-0009."), "{h}");
    assert_eq!(h.matches("class=\"mention\"").count(), 1);
}

#[test]
fn code_is_highlighted_and_raw_html_rewritten() {
    let h = html(
        "```rust\nfn x() {}\n```\n\n<img src=\"img.png\"> <img src=nope.png width=50>\n\n```mermaid\ngraph TD; A-->B\n```\n",
    );
    assert!(h.contains("<pre class=\"code\"><code class=\"language-rust\"><span class=\"l"), "{h}");
    assert!(h.contains("src=\"../files/img.png\""));
    assert!(h.contains("data-broken-src=\"nope.png\""));
    assert!(h.contains("<pre class=\"mermaid\">graph TD; A--&gt;B"));
}

#[test]
fn unclosed_fence_and_raw_script_do_not_panic() {
    let h = html("```python\nprint(1)\n");
    assert!(h.contains("print"));
    let h = html("{% include x.html %} <% erb %> {{< hugo >}}\n");
    assert!(h.contains("{% include x.html %}"));
}

#[test]
fn github_features_render_as_on_github() {
    let h = html("> [!WARNING]\n> Mind the gap.\n");
    assert!(h.starts_with("<div class=\"markdown-alert markdown-alert-warning\">\n<p class=\"markdown-alert-title\">Warning</p>\n<p>Mind the gap.</p>\n</div>"), "{h}");
    let h = html("> [!TIP] Keep it short.\n> More.\n\n> Plain quote.\n\n> > [!NOTE] nested\n");
    assert!(h.starts_with("<div class=\"markdown-alert markdown-alert-tip\">\n<p class=\"markdown-alert-title\">Tip</p>\n<p>Keep it short.\nMore.</p>\n</div>\n<blockquote>\n<p>Plain quote.</p>\n</blockquote>\n<blockquote>\n<div class=\"markdown-alert markdown-alert-note\">"), "{h}");
    assert!(h.ends_with("<p>nested</p>\n</div>\n</blockquote>\n"), "{h}");
    let h = html("One[^a] two[^b][^a].\n\n[^b]: Bee.\n[^a]: Ay.\n");
    assert!(h.contains("<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup> two<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\">2</a></sup><sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\">1</a></sup>"), "{h}");
    let notes = &h[h.find("<section class=\"footnotes\"").expect("notes")..];
    assert!(notes.find("Ay.").unwrap() < notes.find("Bee.").unwrap(), "in citation order: {notes}");
    assert!(notes.contains("Ay. <a href=\"#fnref-1\" class=\"footnote-backref\" aria-label=\"Back to reference 1\">↩</a> <a href=\"#fnref-1-2\""), "{notes}");
    let h = html("- [x] done\n- [ ] todo\n- plain\n\n1. [ ] loose\n\n2. item\n");
    assert!(
        h.contains("<li class=\"task-list-item\"><input type=\"checkbox\" disabled=\"\" checked=\"\"> done</li>"),
        "{h}"
    );
    assert!(
        h.contains("<li class=\"task-list-item\"><input type=\"checkbox\" disabled=\"\"> todo</li>\n<li>plain</li>"),
        "{h}"
    );
    assert!(h.contains("<li class=\"task-list-item\"><p><input type=\"checkbox\" disabled=\"\"> loose</p>"), "{h}");
    let h = html("Costs $5 and $10. Area $\\pi r^2$.\n\n$$\nE = mc^2\n$$\n");
    assert!(h.contains("Costs $5 and $10."), "{h}");
    assert!(
        h.contains("<span class=\"math math-inline\"><math display=\"inline\">") && h.contains("math-display"),
        "{h}"
    );
    let h = html("Recording: https://youtu.be/x_y_z and [a link](https://x.org) `https://code.example`\n");
    assert!(h.contains("Recording: <a href=\"https://youtu.be/x_y_z\">https://youtu.be/x_y_z</a> and"), "{h}");
    assert_eq!(h.matches("<a ").count(), 2, "{h}");
}

#[test]
fn github_features_survive_sanitising() {
    let h = html("<kbd>x</kbd> $x^2$[^1] https://a.org\n\n- [x] t\n\n> [!NOTE]\n> n\n\n[^1]: f\n");
    for part in [
        "<math display=\"inline\">",
        "<msup>",
        "<section class=\"footnotes\"",
        "footnote-backref",
        "task-list-item",
        "checked",
        "markdown-alert-note",
        "href=\"https://a.org\"",
    ] {
        assert!(h.contains(part), "{part} in {h}");
    }
}

#[test]
fn an_alert_after_a_paragraph_or_with_a_hard_break_is_an_alert() {
    let h = html("Text before.\n> [!NOTE]\n> Each package.\n\n> [!NOTE]  \n> See this.\n");
    assert!(!h.contains("[!NOTE]"), "{h}");
    assert_eq!(h.matches("markdown-alert-note").count(), 2, "{h}");
    assert!(!h.contains("Note</p>\n<p><br"), "{h}");
}

#[test]
fn an_alert_that_runs_on_into_the_next_marker_is_two_alerts() {
    let h = html("> [!WARNING]  \n> **Careful**: text\nlazy line.\n> [!NOTE]\n> Each package.\n");
    assert!(!h.contains("[!NOTE]"), "{h}");
    assert!(h.contains("lazy line.\n</p>\n</div>\n<div class=\"markdown-alert markdown-alert-note\">"), "{h}");
    assert_eq!(h.matches("<div").count(), h.matches("</div>").count(), "{h}");
}

#[test]
fn a_paragraph_of_an_alert_that_starts_with_a_marker_is_the_next_alert() {
    let h = html(
        "> [!WARNING] **Only core data**.\n>\n> Details.\n>\n> [!NOTE] In some places you will see `$NS`.\n> More.\n",
    );
    assert!(!h.contains("[!NOTE]"), "{h}");
    assert!(h.contains("<p>Details.</p>\n</div>\n<div class=\"markdown-alert markdown-alert-note\">"), "{h}");
    assert_eq!(h.matches("<div").count(), h.matches("</div>").count(), "{h}");
}

#[test]
fn an_email_autolink_has_one_mailto() {
    let h = html("Write to <ana@example.org>.\n");
    assert!(h.contains("href=\"mailto:ana@example.org\""), "{h}");
}
