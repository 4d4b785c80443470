//! Routes: one name for every page and file of a built site, and the one place its path is
//! spelled.
//!
//! Input: ids and slugs. Output: paths relative to the site root (`people/ana-silva.html`). Render,
//! search export, feeds and the API all ask a [`Route`] for a path; no other module formats one.

use crate::vocab::DocId;

/// A page or file of the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route<'a> {
    /// The home page.
    Home,
    /// A document's page.
    Doc(&'a DocId),
    /// A section's index: a collection's slug, or `timeline`, `tags`, `people`, `attention`,
    /// `archive`, `search`.
    Section(&'a str),
    /// A tag's page, by slug.
    Tag(&'a str),
    /// A person's page, by slug.
    Person(&'a str),
    /// A week of the standup archive, by its slug (`2026-w10`).
    Week(&'a str),
    /// The open blockers of the standup archive.
    Blockers,
    /// The action items of the standup archive.
    Actions,
    /// A week's digest, by its slug (`2026-w47`).
    DigestWeek(&'a str),
    /// The not-found page.
    NotFound,
    /// The sitemap.
    Sitemap,
    /// The site-wide Atom feed of decisions.
    Feed,
    /// A collection's Atom feed, by slug.
    CollectionFeed(&'a str),
    /// A collection's decision graph page, by slug.
    CollectionGraph(&'a str),
    /// A collection's decision graph as an SVG file, by slug.
    CollectionGraphImage(&'a str),
    /// The status badge of one document.
    DocBadge(&'a DocId),
    /// The count badge of a collection, by slug.
    CollectionBadge(&'a str),
    /// `llms.txt`.
    Llms,
    /// A file of the JSON API, by name without extension (`docs`, `attention`, `standups`).
    Api(&'a str),
    /// A file of the theme or the highlighter, by name.
    Asset(&'a str),
    /// A non-document file of the repository that a document links to, by its source path.
    File(&'a str),
}

/// The sections every site has besides its collections.
pub const TIMELINE: &str = "timeline";
/// The tags section.
pub const TAGS: &str = "tags";
/// The people section.
pub const PEOPLE: &str = "people";
/// The needs-attention section.
pub const ATTENTION: &str = "attention";
/// The standup archive.
pub const ARCHIVE: &str = "archive";
/// The search page.
pub const SEARCH: &str = "search";
/// An organisation's sources.
pub const SOURCES: &str = "sources";
/// The weekly digest: an index, a page per week and a feed.
pub const DIGEST: &str = "digest";

/// The collections' decision graphs.
pub const GRAPH: &str = "graph";

/// The top-level folders the site itself writes: no collection or source may publish there.
pub const RESERVED: &[&str] = &[
    "index", TAGS, PEOPLE, TIMELINE, "api", "assets", "files", SEARCH, "badges", ATTENTION, ARCHIVE, SOURCES, DIGEST,
    GRAPH, "404",
];

impl Route<'_> {
    /// The path relative to the site root.
    pub fn path(&self) -> String {
        match self {
            Route::Home => "index.html".into(),
            Route::Doc(id) => format!("{}.html", id.0),
            Route::Section(slug) => format!("{slug}/index.html"),
            Route::Tag(slug) => format!("{TAGS}/{slug}.html"),
            Route::Person(slug) => format!("{PEOPLE}/{slug}.html"),
            Route::Week(slug) => format!("{ARCHIVE}/{slug}.html"),
            Route::Blockers => format!("{ARCHIVE}/blockers.html"),
            Route::Actions => format!("{ARCHIVE}/actions.html"),
            Route::DigestWeek(slug) => format!("{DIGEST}/{slug}.html"),
            Route::NotFound => "404.html".into(),
            Route::Sitemap => "sitemap.xml".into(),
            Route::Feed => "feed.xml".into(),
            Route::CollectionFeed(slug) => format!("{slug}/feed.xml"),
            Route::CollectionGraph(slug) => format!("{GRAPH}/{slug}.html"),
            Route::CollectionGraphImage(slug) => format!("{GRAPH}/{slug}.svg"),
            Route::DocBadge(id) => format!("badges/{}.svg", id.0),
            Route::CollectionBadge(slug) => format!("badges/{slug}.svg"),
            Route::Llms => "llms.txt".into(),
            Route::Api(name) => format!("api/{name}.json"),
            Route::Asset(name) => format!("assets/{name}"),
            Route::File(source) => format!("files/{source}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let id = DocId("decisions/0005-use-postgres".into());
        assert_eq!(Route::Doc(&id).path(), "decisions/0005-use-postgres.html");
        assert_eq!(Route::Section("decisions").path(), "decisions/index.html");
        assert_eq!(Route::Person("ana-silva").path(), "people/ana-silva.html");
        assert_eq!(Route::Week("2026-w10").path(), "archive/2026-w10.html");
        assert_eq!(Route::DigestWeek("2026-w47").path(), "digest/2026-w47.html");
        assert_eq!(Route::DocBadge(&id).path(), "badges/decisions/0005-use-postgres.svg");
        assert_eq!(Route::Api("docs").path(), "api/docs.json");
        assert_eq!(Route::File("docs/a.png").path(), "files/docs/a.png");
    }
}
