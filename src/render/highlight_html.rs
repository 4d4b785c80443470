//! Highlighted code as compact HTML: each run of text gets one `<span>` naming its colour in the
//! light theme (`l3`) and in the dark one (`d5`), adjacent runs of the same colours merge, and
//! text in a theme's default colour gets no span. The scopes syntect reads stay in Rust; the page
//! carries only what a reader sees, a few times the size of the code rather than twenty.
//!
//! Input: a code block and its syntax. Output: the block's HTML, and (once per site) the
//! stylesheet that gives each class its colour. Scopes marked `invalid` are painted as if they
//! were not: a grammar that misreads valid code (`?Sized` in Rust) must not paint it as an error.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::LazyLock;
use syntect::easy::ScopeRangeIterator;
use syntect::highlighting::{Color, FontStyle, Highlighter as ThemeHighlighter, Style, Theme};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The two themes, loaded once.
static THEMES: LazyLock<two_face::theme::EmbeddedLazyThemeSet> = LazyLock::new(two_face::theme::extra);

fn light() -> &'static Theme {
    THEMES.get(two_face::theme::EmbeddedThemeName::InspiredGithub)
}

fn dark() -> &'static Theme {
    THEMES.get(two_face::theme::EmbeddedThemeName::OneHalfDark)
}

/// The colours a theme uses, in the order its rules name them: the index is the class.
fn palette(theme: &Theme) -> Vec<Color> {
    let mut colours: Vec<Color> = Vec::new();
    for item in &theme.scopes {
        if let Some(c) = item.style.foreground
            && !colours.contains(&c)
        {
            colours.push(c);
        }
    }
    colours
}

static PALETTES: LazyLock<[Vec<Color>; 2]> = LazyLock::new(|| [palette(light()), palette(dark())]);

/// The classes of one run: its colour in each theme and its font style.
fn classes(light: Style, dark: Style, defaults: [Color; 2]) -> String {
    let mut out = String::new();
    for (i, (style, prefix)) in [(light, 'l'), (dark, 'd')].into_iter().enumerate() {
        if style.foreground == defaults[i] {
            continue;
        }
        if let Some(n) = PALETTES[i].iter().position(|c| *c == style.foreground) {
            let _ = write!(out, "{}{prefix}{n}", if out.is_empty() { "" } else { " " });
        }
    }
    for (flag, class) in [(FontStyle::BOLD, "b"), (FontStyle::ITALIC, "i"), (FontStyle::UNDERLINE, "u")] {
        if light.font_style.contains(flag) {
            let _ = write!(out, "{}{class}", if out.is_empty() { "" } else { " " });
        }
    }
    out
}

/// `code` highlighted as `syntax`, or `None` when the grammar fails on it.
pub fn highlight(code: &str, syntax: &SyntaxReference, syntaxes: &SyntaxSet) -> Option<String> {
    static INVALID: LazyLock<Scope> = LazyLock::new(|| Scope::new("invalid").expect("static scope"));
    let themes = [ThemeHighlighter::new(light()), ThemeHighlighter::new(dark())];
    let defaults = [light(), dark()].map(|t| t.settings.foreground.unwrap_or(Color::BLACK));
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    // The same scopes recur on every line: their classes are worked out once per block.
    let mut known: HashMap<Vec<Scope>, String> = HashMap::new();
    let mut out = String::with_capacity(code.len() * 2);
    let mut open = String::new();
    let mut run = String::new();
    let flush = |out: &mut String, class: &str, run: &mut String| {
        if run.is_empty() {
            return;
        }
        if class.is_empty() {
            out.push_str(run);
        } else {
            let _ = write!(out, "<span class=\"{class}\">{run}</span>");
        }
        run.clear();
    };
    for line in LinesWithEndings::from(code) {
        let ops = state.parse_line(line, syntaxes).ok()?;
        for (range, op) in ScopeRangeIterator::new(&ops, line) {
            stack.apply(op).ok()?;
            if range.is_empty() {
                continue;
            }
            let scopes = stack.as_slice();
            let class = match known.get(scopes) {
                Some(c) => c.clone(),
                None => {
                    let valid: Vec<Scope> = scopes.iter().copied().filter(|s| !INVALID.is_prefix_of(*s)).collect();
                    let [l, d] = [&themes[0], &themes[1]].map(|h| h.style_for_stack(&valid));
                    let c = classes(l, d, defaults);
                    known.insert(scopes.to_vec(), c.clone());
                    c
                }
            };
            let text = &line[range];
            // Whitespace takes any colour, so it joins the run it sits in.
            if class != open && !text.trim().is_empty() {
                flush(&mut out, &open, &mut run);
                open = class;
            }
            pulldown_cmark_escape::escape_html_body_text(&mut run, text).ok()?;
        }
    }
    flush(&mut out, &open, &mut run);
    Some(out)
}

/// The colours of every class, light first and dark under `prefers-color-scheme: dark`.
pub fn stylesheet() -> String {
    let rgb = |c: &Color| format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b);
    let mut css = String::from("/* generated by adrsite from syntect themes */\n");
    for (n, c) in PALETTES[0].iter().enumerate() {
        let _ = writeln!(css, "pre .l{n} {{ color: {}; }}", rgb(c));
    }
    css.push_str(
        "pre .b { font-weight: bold; }\npre .i { font-style: italic; }\npre .u { text-decoration: underline; }\n",
    );
    css.push_str("@media (prefers-color-scheme: dark) {\n");
    for (n, c) in PALETTES[1].iter().enumerate() {
        let _ = writeln!(css, "  pre .d{n} {{ color: {}; }}", rgb(c));
    }
    // A run in the dark theme's default colour carries no `d` class: its light colour must go.
    let _ = writeln!(css, "  pre [class^=\"l\"]:not([class*=\" d\"]) {{ color: inherit; }}");
    css.push_str("}\n");
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rust(code: &str) -> String {
        let syntaxes = two_face::syntax::extra_newlines();
        let syntax = syntaxes.find_syntax_by_token("rust").unwrap().clone();
        highlight(code, &syntax, &syntaxes).unwrap()
    }

    #[test]
    fn runs_merge_and_plain_text_has_no_span() {
        let html = rust("fn main() {\n    let x = \"a < b\";\n}\n");
        assert!(html.contains("&lt;"), "{html}");
        assert!(!html.contains("hl-"), "{html}");
        assert!(!html.contains("<span class=\"\">"), "{html}");
        let text: String = regex::Regex::new("<[^>]+>").unwrap().replace_all(&html, "").into_owned();
        assert_eq!(text, "fn main() {\n    let x = \"a &lt; b\";\n}\n");
        let code = "/// Reads the configuration file and returns its settings.\npub fn read_config(path: &Path) -> Result<Config, Error> {\n    let text = std::fs::read_to_string(path)?;\n    toml::from_str(&text).map_err(Error::from)\n}\n";
        let html = rust(code);
        assert!(html.len() <= 4 * code.len(), "{} bytes for {}: {html}", html.len(), code.len());
    }

    #[test]
    fn valid_code_is_never_painted_invalid() {
        let stylesheet = stylesheet();
        let html = rust("fn f<T: ?Sized>(t: &T) {}\n");
        for class in regex::Regex::new(r#"class="([^"]+)""#).unwrap().captures_iter(&html) {
            for c in class[1].split(' ') {
                assert!(["b", "i", "u"].contains(&c) || stylesheet.contains(&format!(".{c} ")), "{c} styled");
            }
        }
        assert!(!stylesheet.contains("background"), "no class paints a background");
    }
}
