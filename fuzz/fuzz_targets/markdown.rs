//! A body rendered with every extension adrsite reads (alerts, footnotes, task lists, math, bare
//! URLs, raw HTML): it must never panic, and every alert or footnote it opens it closes.
#![no_main]

use adrsite::render::highlight::Highlighter;
use adrsite::render::markdown::{LinkRewriter, Rewrite, render_markdown};
use adrsite::render::sanitise::RawHtml;
use adrsite::vocab::DocNumber;
use libfuzzer_sys::fuzz_target;

struct Links;

impl LinkRewriter for Links {
    fn rewrite(&self, dest: &str) -> Rewrite {
        if dest.len() % 3 == 0 { Rewrite::Broken } else { Rewrite::Keep }
    }
    fn mention(&self, _prefix: &str, _number: &DocNumber) -> Option<(String, String)> {
        None
    }
}

fuzz_target!(|body: &str| {
    let highlighter = Highlighter::new();
    let html = render_markdown(body, &Links, &highlighter, RawHtml::Allow).html;
    // Raw `<div>`s of the input may add opens; every alert adrsite opens, it closes.
    let opened = html.matches("<div class=\"markdown-alert").count();
    if !body.contains("markdown-alert") {
        assert!(opened <= html.matches("</div>").count(), "{html}");
    }
    let _ = render_markdown(body, &Links, &highlighter, RawHtml::Sanitise);
});
