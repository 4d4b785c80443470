//! Template tags in Markdown-family files, neutralised before anything reads the text: a site
//! generator would have replaced them, and a reader must never see them.
//!
//! - ERB (`.html.md.erb`, Middleman): `<%= current_page.data.title %>` becomes the front-matter
//!   value it names; every other tag is removed, wherever it is.
//! - Liquid and Nunjucks shortcodes (Jekyll, Eleventy), outside code: a tag used as a link
//!   destination, `]({% page "/travel/" %})`, becomes its quoted argument (a path from the site's
//!   root); others are removed,
//!   keeping what a block tag wraps. `{{ page.title }}` becomes the front-matter value.
//!   `{{generator:team_list}}` and other bare template expressions (a name or dotted path, with
//!   Liquid filters) are removed too; `{{` followed by anything else may be text about templates.
//! - MDX: `import`/`export` lines are removed, and components (`<Pitfall>`, `<Sandpack deps={…}>`,
//!   `<Intro />`: tags whose name starts with a capital) give way to their children. In every
//!   flavour, `{/* comments */}` outside code are removed (Docusaurus reads `.md` as MDX).
//!
//! Input: the file's [`Flavour`], its text, where the body starts and the front matter's fields.
//! Output: the rewritten text, or `None` when nothing changed (the common case costs one search
//! for each tag opener). Line breaks inside a tag are kept, so line numbers stay true.

use crate::load::front_matter::{Field, FieldValue};
use crate::vocab::markdown_name::Flavour;

/// The text with template tags neutralised, or `None` when it has none.
pub fn neutralise(flavour: Flavour, text: &str, body_start: usize, fields: &[Field]) -> Option<String> {
    let body = &text[body_start..];
    let has = |s: &str| body.contains(s);
    let rewritten = match flavour {
        Flavour::Erb if has("<%") => erb(body, fields),
        Flavour::Mdx if has("import ") || has("export ") || has("{/*") || has("<") => outside_code(body, mdx),
        _ if has("{%") || has("{{") || has("{/*") => outside_code(body, |line, out| liquid(line, fields, out)),
        _ => return None,
    };
    (rewritten != body).then(|| format!("{}{rewritten}", &text[..body_start]))
}

/// The front-matter value a template expression names: `current_page.data.title`,
/// `page.data.title`, `page.title`.
fn value_of<'a>(expr: &str, fields: &'a [Field]) -> Option<&'a str> {
    let expr = expr.trim();
    let key = ["current_page.data.", "page.data.", "page."].iter().find_map(|p| expr.strip_prefix(p))?;
    fields.iter().find(|f| f.key == key).and_then(|f| match &f.value {
        FieldValue::Scalar(s) => Some(s.as_str()),
        FieldValue::List(_) => None,
    })
}

/// The newlines of a removed tag, so that later lines keep their numbers.
fn keep_lines(tag: &str, out: &mut String) {
    out.extend(tag.chars().filter(|c| *c == '\n'));
}

fn erb(body: &str, fields: &[Field]) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find("<%") {
        out.push_str(&rest[..open]);
        let tag = &rest[open..];
        // The closer is looked for after the opener: in `<%>` the `%` is the opener's.
        let Some(close) = tag[2..].find("%>").map(|c| c + 2) else {
            // An unclosed tag: the rest is template code, not text.
            keep_lines(tag, &mut out);
            return out;
        };
        let inner = &tag[2..close];
        match inner.strip_prefix('=').and_then(|e| value_of(e, fields)) {
            Some(value) => out.push_str(value),
            None => keep_lines(inner, &mut out),
        }
        rest = &tag[close + 2..];
    }
    out.push_str(rest);
    out
}

/// Applies `rewrite` to each line outside fenced code; inline code is the rewriter's to skip.
fn outside_code(body: &str, mut rewrite: impl FnMut(&str, &mut String)) -> String {
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<(char, usize)> = None;
    for line in body.split_inclusive('\n') {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        let run = |ch: char| t.chars().take_while(|c| *c == ch).count();
        match fence {
            Some((ch, len)) => {
                if run(ch) >= len && t.trim_start_matches(ch).trim().is_empty() {
                    fence = None;
                }
                out.push_str(line);
            }
            None if indent <= 3 && (run('`') >= 3 || run('~') >= 3) => {
                let ch = t.chars().next().unwrap_or('`');
                fence = Some((ch, run(ch)));
                out.push_str(line);
            }
            None => rewrite(line, &mut out),
        }
    }
    out
}

/// Liquid tags in one line, outside inline code.
fn liquid(line: &str, fields: &[Field], out: &mut String) {
    let mut in_code = false;
    let mut rest = line;
    while !rest.is_empty() {
        let next = rest.find(['`', '{']).unwrap_or(rest.len());
        out.push_str(&rest[..next]);
        rest = &rest[next..];
        if rest.starts_with('`') {
            in_code = !in_code;
            out.push('`');
            rest = &rest[1..];
            continue;
        }
        if rest.is_empty() {
            break;
        }
        if !in_code
            && rest.starts_with("{/*")
            && let Some(close) = rest.find("*/}")
        {
            rest = &rest[close + 3..];
            continue;
        }
        let (closer, is_statement) = if rest.starts_with("{%") {
            ("%}", true)
        } else if rest.starts_with("{{") {
            ("}}", false)
        } else {
            ("", false)
        };
        let close = (!in_code && !closer.is_empty()).then(|| rest[2..].find(closer)).flatten();
        let Some(close) = close else {
            out.push('{');
            rest = &rest[1..];
            continue;
        };
        let inner = &rest[2..2 + close];
        if is_statement {
            // `]({% page "/travel/" %})`: the tag is the link's destination, a path from the
            // site's root whether or not it starts with `/`.
            let line_so_far = out.rsplit('\n').next().unwrap_or("").trim();
            let definition = line_so_far.starts_with('[') && line_so_far.ends_with("]:");
            if (out.ends_with("](") || definition)
                && let Some(path) = quoted(inner)
            {
                if !path.starts_with('/') && !path.contains("://") {
                    out.push('/');
                }
                out.push_str(path);
            }
        } else if let Some(value) = value_of(inner.trim_matches('-'), fields) {
            out.push_str(value);
        } else if TEMPLATE_EXPRESSION.is_match(inner) {
            // A generator's tag (`{{generator:team_members_list}}`, `{{ site.url }}`): what it
            // stood for is not in the repository.
        } else {
            // `{{ x }}` that is not a page value may be text about templates: keep it.
            out.push_str(&rest[..close + 4]);
        }
        rest = &rest[close + 4..];
    }
}

/// The inside of `{{ … }}` as a template writes it: a name or dotted path, optionally with a
/// `prefix:` and Liquid filters.
static TEMPLATE_EXPRESSION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"^-?\s*[A-Za-z_][\w.:-]*(\s*\|\s*[\w]+(:\s*("[^"]*"|'[^']*'|[\w.]+))?)*\s*-?$"#)
        .expect("static regex")
});

/// A JSX component's tag: its name starts with a capital letter (lower-case names are HTML).
static COMPONENT_TAG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r#"</?[A-Z][\w.]*(\s+(\{[^{}]*(\{[^{}]*\}[^{}]*)*\}|[\w:.-]+(=(\{[^{}]*(\{[^{}]*\}[^{}]*)*\}|"[^"]*"|'[^']*'|[^\s<>"'{}/]+))?))*\s*/?>"#,
    )
        .expect("static regex")
});

/// The first quoted argument of a tag: `page "/travel/"` → `/travel/`.
fn quoted(inner: &str) -> Option<&str> {
    let start = inner.find(['"', '\''])?;
    let q = inner[start..].chars().next()?;
    let end = inner[start + 1..].find(q)?;
    Some(&inner[start + 1..start + 1 + end])
}

/// MDX `import`/`export` statements and `{/* comments */}` in one line.
fn mdx(line: &str, out: &mut String) {
    let t = line.trim_start();
    if line.len() - t.len() == 0 && (t.starts_with("import ") || t.starts_with("export ")) {
        // The statement goes; its line stays (and a last line without a newline gains none).
        if line.ends_with('\n') {
            out.push('\n');
        }
        return;
    }
    let mut rest = line;
    let start = out.len();
    while let Some(open) = rest.find("{/*") {
        let Some(close) = rest[open..].find("*/}") else { break };
        out.push_str(&rest[..open]);
        rest = &rest[open + close + 3..];
    }
    out.push_str(rest);
    let written = &out[start..];
    if written.contains('<') && !written.contains('`') {
        let children = COMPONENT_TAG.replace_all(written, "");
        if children.len() != written.len() {
            // A line that held only tags becomes blank, so the children around it are Markdown.
            let children = match children.trim().is_empty() {
                true if written.ends_with('\n') => "\n".to_string(),
                true => String::new(),
                false => children.into_owned(),
            };
            out.truncate(start);
            out.push_str(&children);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(t: &str) -> Vec<Field> {
        vec![Field { key: "title".into(), value: FieldValue::Scalar(t.into()), line: 2 }]
    }

    #[test]
    fn erb_expressions_become_values_and_other_tags_go() {
        let text = "# <%= current_page.data.title %>\n\n<%= partial('partials/toc') %>\n\n<% if x %>\nshown\n<% end %>\nUse <%= data.site.tools %>.\n";
        let out = neutralise(Flavour::Erb, text, 0, &title("Technical guidance")).unwrap();
        assert_eq!(out, "# Technical guidance\n\n\n\n\nshown\n\nUse .\n");
        assert_eq!(out.lines().count(), text.lines().count());
    }

    #[test]
    fn liquid_outside_code_only() {
        let text = "[t]: {% page \"t/\" %}\nSee [travel]({% page \"/travel/\" %}).\n{% alert \"Note\" %}\nKept.\n{% endalert %}\n`{% raw %}` and {{ page.title }} and {{ other }} {{ a + b }}\n```\n{% keep %}\n```\n";
        let out = neutralise(Flavour::Plain, text, 0, &title("T")).unwrap();
        assert_eq!(
            out,
            "[t]: /t/\nSee [travel](/travel/).\n\nKept.\n\n`{% raw %}` and T and  {{ a + b }}\n```\n{% keep %}\n```\n"
        );
        assert_eq!(neutralise(Flavour::Plain, "No tags { here }.\n", 0, &[]), None);
    }

    #[test]
    fn mdx_imports_and_comments() {
        let text = "import X from './x';\n\n# Title {/* id */}\n\n```js\nimport y from 'y';\n```\n";
        let out = neutralise(Flavour::Mdx, text, 0, &[]).unwrap();
        assert_eq!(out, "\n\n# Title \n\n```js\nimport y from 'y';\n```\n");
    }

    #[test]
    fn mdx_components_give_way_to_their_children() {
        let text = "<Intro>\n\nHooks let you use state.\n\n</Intro>\n\n<Sandpack deps={['a', 'b']} title=\"x\">\n\n```js\n<App />\n```\n\n</Sandpack>\n<Note>Be **careful**.</Note> <kbd>K</kbd>\n<Diagram name=\"x\" />\n";
        let out = neutralise(Flavour::Mdx, text, 0, &[]).unwrap();
        assert_eq!(
            out,
            "\n\nHooks let you use state.\n\n\n\n\n\n```js\n<App />\n```\n\n\nBe **careful**. <kbd>K</kbd>\n\n"
        );
    }

    #[test]
    fn comments_and_generator_tags_go_in_every_flavour() {
        let text = "## Team {/* anchor */}\n\n{{generator:team_members_list}}\n{{ site.url | relative_url }} {{color: a ? b : c}}\n`{/* code */}`\n";
        let out = neutralise(Flavour::Plain, text, 0, &[]).unwrap();
        assert_eq!(out, "## Team \n\n\n {{color: a ? b : c}}\n`{/* code */}`\n");
    }

    #[test]
    fn an_erb_opener_is_not_its_own_closer() {
        // Found by the `template` fuzz target: `<%>` panicked on a backwards byte range.
        assert_eq!(neutralise(Flavour::Erb, "\n\n<%>", 0, &[]).unwrap(), "\n\n");
        assert_eq!(neutralise(Flavour::Erb, "a <%> b %> c", 0, &[]).unwrap(), "a  c");
    }

    #[test]
    fn a_last_line_without_a_newline_gains_none() {
        // Found by the `template` fuzz target.
        assert_eq!(neutralise(Flavour::Mdx, "export '", 0, &[]).unwrap(), "");
        assert_eq!(neutralise(Flavour::Mdx, "a\nimport x from 'y'", 0, &[]).unwrap(), "a\n");
    }

    #[test]
    fn front_matter_is_left_alone() {
        let text = "---\ntitle: <% x %>\n---\n<% y %>body\n";
        let start = text.find("<% y").unwrap();
        assert_eq!(neutralise(Flavour::Erb, text, start, &[]).unwrap(), "---\ntitle: <% x %>\n---\nbody\n");
    }
}
