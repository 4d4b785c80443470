//! The theme: tera templates and static files, embedded in the binary and overridable file by
//! file from the site's `themes/default/templates/` and `themes/default/static/`.
//!
//! Input: the site directory. Output: a [`Theme`] ready to render pages; a template with a syntax
//! error is an operational error naming the file.

use anyhow::Context as _;
use std::collections::BTreeMap;
use std::path::Path;

macro_rules! embedded {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/", $dir, "/", $name)))),*]
    };
}

/// Built-in templates, by name.
const TEMPLATES: &[(&str, &str)] = embedded!("templates":
    "base.html", "components.html", "home.html", "collection.html", "doc.html", "timeline.html",
    "tags.html", "tag.html", "people.html", "person.html", "attention.html", "search.html", "404.html", "sitemap.xml", "archive.html", "week.html", "blockers.html",
    "actions.html", "feed.xml", "badge.svg", "llms.txt", "sources.html", "digest.html", "graph.html",
);

/// Built-in static files, by path under `assets/`.
const STATIC: &[(&str, &str)] = embedded!("static": "style.css", "search-ui.js", "mermaid-init.js", "filter.js");

/// File name of the Mermaid library under `assets/`.
pub const MERMAID: &str = "mermaid.tiny.js";

/// Mermaid's browser bundle (`@mermaid-js/tiny`, MIT), gzipped: it is written only into sites
/// whose pages have a diagram, so it costs the binary 0.8 MB and other sites nothing.
const MERMAID_GZ: &[u8] = include_bytes!("../../themes/default/vendor/mermaid.tiny.js.gz");

/// The Mermaid library, inflated.
pub fn mermaid_library() -> anyhow::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut out = Vec::with_capacity(3 << 20);
    flate2::read::GzDecoder::new(MERMAID_GZ).read_to_end(&mut out).context("inflating the Mermaid library")?;
    Ok(out)
}

/// Templates and static files for one build.
pub struct Theme {
    tera: tera::Tera,
    /// Static files by path under `assets/`.
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Loads the built-in theme with the site's overrides.
    pub fn load(site_dir: &Path) -> anyhow::Result<Theme> {
        let mut sources: BTreeMap<String, String> =
            TEMPLATES.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect();
        let mut statics: BTreeMap<String, Vec<u8>> =
            STATIC.iter().map(|(n, s)| (n.to_string(), s.as_bytes().to_vec())).collect();
        let user = site_dir.join("themes/default");
        for (sub, is_template) in [("templates", true), ("static", false)] {
            let dir = user.join(sub);
            if !dir.is_dir() {
                continue;
            }
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = crate::load::discover::relative(&dir, entry.path());
                if is_template {
                    let text = std::fs::read_to_string(entry.path())
                        .with_context(|| format!("reading {}", entry.path().display()))?;
                    sources.insert(rel, text);
                } else {
                    statics.insert(
                        rel,
                        std::fs::read(entry.path()).with_context(|| format!("reading {}", entry.path().display()))?,
                    );
                }
            }
        }
        let mut tera = tera::Tera::default();
        // Badges are XML too: a title with `<` or `&` must not break them.
        tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);
        // Text adrsite quotes from documents (a blocker, a finding) keeps its URLs clickable.
        tera.register_filter("linkify", |text: &str, _: tera::Kwargs, _: &tera::State| {
            tera::Value::safe_string(&crate::render::markdown::linked_text(text))
        });
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|e| anyhow::anyhow!("{e}"))
            .context("loading the theme's templates")?;
        Ok(Theme { tera, statics })
    }

    /// Renders template `name` with a serialisable view.
    pub fn render<T: serde::Serialize>(&self, name: &str, view: &T) -> anyhow::Result<String> {
        let context = tera::Context::from_serialize(view).map_err(|e| anyhow::anyhow!("{e}"))?;
        self.tera
            .render(name, &context)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .with_context(|| format!("rendering template {name}"))
    }
}
