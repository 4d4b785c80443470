//! Tests of link resolution.
use super::*;

fn index() -> PathIndex {
    let mut idx = PathIndex::default();
    idx.docs.insert("docs/adr/0002-a.md".into(), DocId("adr/0002-a".into()));
    idx.docs.insert("docs/guide/README.md".into(), DocId("pages/guide".into()));
    idx.docs.insert("content/field marketing.md".into(), DocId("pages/fm".into()));
    idx.files.insert("docs/adr/img/x.png".into());
    idx
}

#[test]
fn resolves_docs_assets_and_externals() {
    let idx = index();
    let from = "docs/adr/0001-b.md";
    assert_eq!(idx.resolve(from, "0002-a.md#ctx"), LinkTarget::Doc(DocId("adr/0002-a".into()), Some("ctx".into())));
    assert_eq!(idx.resolve(from, "./0002-a.md"), LinkTarget::Doc(DocId("adr/0002-a".into()), None));
    assert_eq!(idx.resolve(from, "../guide/"), LinkTarget::Doc(DocId("pages/guide".into()), None));
    assert_eq!(idx.resolve(from, "../guide"), LinkTarget::Doc(DocId("pages/guide".into()), None));
    assert_eq!(idx.resolve(from, "img/x.png?raw=true"), LinkTarget::Asset("docs/adr/img/x.png".into(), None));
    assert_eq!(idx.resolve("content/a.md", "field%20marketing.md"), LinkTarget::Doc(DocId("pages/fm".into()), None));
    assert_eq!(idx.resolve(from, "https://x.org/a.md"), LinkTarget::External);
    assert_eq!(idx.resolve(from, "mailto:a@b"), LinkTarget::External);
    assert_eq!(idx.resolve(from, "/abs/path"), LinkTarget::Broken);
    assert_eq!(idx.resolve(from, "/docs/adr/0002-a.md"), LinkTarget::Doc(DocId("adr/0002-a".into()), None));
    assert_eq!(idx.resolve(from, "/docs/guide#x"), LinkTarget::Doc(DocId("pages/guide".into()), Some("x".into())));
    assert_eq!(idx.resolve(from, "/guide/"), LinkTarget::Doc(DocId("pages/guide".into()), None), "from docs/");
    assert_eq!(idx.resolve(from, "#here"), LinkTarget::External);
    assert_eq!(idx.resolve(from, "0002-A.md"), LinkTarget::Broken);
    assert_eq!(idx.resolve(from, "../../../x.md"), LinkTarget::Broken);
}

#[test]
fn a_page_served_at_its_permalink_has_its_relative_links_followed_from_there() {
    let mut idx = PathIndex::default();
    let (index_page, css) = ("source/manuals/languages/index.md", "source/manuals/languages/css.md");
    idx.docs.insert(index_page.into(), DocId("pages/languages".into()));
    idx.docs.insert(css.into(), DocId("pages/css".into()));
    idx.docs.insert("source/accessibility.md".into(), DocId("pages/a11y".into()));
    idx.served_at.insert(index_page.into(), "manuals/languages.html".into());
    idx.addresses.insert(address_key(None, "/manuals/languages/css.html"), DocId("pages/css".into()));
    let css_page = LinkTarget::Doc(DocId("pages/css".into()), Some("x".into()));
    assert_eq!(idx.resolve(index_page, "languages/css.html#x"), css_page, "by the target's permalink");
    assert_eq!(idx.resolve(index_page, "../accessibility.html"), LinkTarget::Doc(DocId("pages/a11y".into()), None));
    // As written from the source, a link still works; a page with no permalink is unchanged.
    assert_eq!(idx.resolve(index_page, "css.md"), LinkTarget::Doc(DocId("pages/css".into()), None));
    assert_eq!(idx.resolve(css, "languages/css.html"), LinkTarget::Broken);
}

#[test]
fn paths_from_the_repository_root_as_github_reads_them() {
    let mut idx = index();
    idx.repo_prefix = "site/".into();
    let from = "docs/adr/0001-b.md";
    assert_eq!(idx.resolve(from, "/site/docs/adr/0002-a.md"), LinkTarget::Doc(DocId("adr/0002-a".into()), None));
    assert_eq!(idx.resolve(from, "/docs/adr/0002-a.md"), LinkTarget::Broken, "outside the site, no repository");
    assert!(idx.suggest(from, "../../../src/main.rs").unwrap().contains("`src/main.rs` is outside the site"));
    idx.has_repository = true;
    assert_eq!(
        idx.resolve(from, "../../../src/main.rs#L3"),
        LinkTarget::Repository("src/main.rs".into(), Some("L3".into()))
    );
    assert_eq!(idx.resolve(from, "/CONTRIBUTING.md"), LinkTarget::Repository("CONTRIBUTING.md".into(), None));
    assert_eq!(idx.resolve(from, "../../../../x.md"), LinkTarget::Broken, "above the repository");
    // GitHub's web view of the file, from GitHub's root.
    assert_eq!(
        idx.resolve(from, "/acme/site/blob/main/site/docs/adr/0002-a.md#why"),
        LinkTarget::Doc(DocId("adr/0002-a".into()), Some("why".into()))
    );
    assert_eq!(
        idx.resolve(from, "/acme/site/tree/main/site/docs/adr/0002-a.md"),
        LinkTarget::Doc(DocId("adr/0002-a".into()), None)
    );
    assert_eq!(web_view_path("/acme/site/issues/4/x"), None);
}

#[test]
fn suggestions() {
    let idx = index();
    assert!(idx.suggest("docs/adr/0001-b.md", "0002-A.md").unwrap().contains("case-sensitive"));
    assert_eq!(idx.suggest("docs/x.md", "a/0002-a.md").as_deref(), Some("did you mean `adr/0002-a.md`?"));
    // An image is found as a file of its name, never as a document whose name ends like it.
    assert_eq!(idx.suggest("docs/x.md", "img/x.png").as_deref(), Some("did you mean `adr/img/x.png`?"));
    assert_eq!(idx.suggest("docs/x.md", "../assets/adr/a.png"), None);
    assert_eq!(idx.suggest("docs/x.md", "0002-diagram.png"), None, "a number names no document here");
}

#[test]
fn a_web_address_without_its_scheme_is_pointed_out() {
    let idx = index();
    let from = "docs/adr/0001-b.md";
    let hint = idx.suggest(from, "golang.org/issue/16093").unwrap();
    assert!(hint.starts_with("did you mean `https://golang.org/issue/16093`?"), "{hint}");
    assert!(idx.suggest(from, "www.boost.org/doc/x.html#y").unwrap().contains("https://www.boost.org/doc/x.html#y"));
    assert_eq!(web_host("github.com/epage"), Some("github.com"));
    let hint = idx.suggest(from, "(https://x.org/a)").unwrap();
    assert!(hint.contains("`[text](https://x.org/a)`"), "{hint}");
    assert_eq!(web_host("parallel-rustc.html"), None);
    assert_eq!(web_host("application.txt"), None);
    assert_eq!(web_host("lib.rs"), None);
    assert_eq!(web_host("scripts.sh/x"), None);
    assert_eq!(web_host("2022-04-07-timing.html"), None);
    assert_eq!(web_host("img/x.png"), None);
    assert_eq!(web_host("../x.md"), None);
}

#[test]
fn zola_internal_links_start_from_the_content_folder() {
    let mut idx = PathIndex::default();
    idx.docs.insert("content/inside-rust/x.md".into(), DocId("posts/x".into()));
    idx.docs.insert("content/inside-rust/y/index.md".into(), DocId("posts/y".into()));
    let from = "content/inside-rust/y/index.md";
    assert_eq!(idx.resolve(from, "@/inside-rust/x.md#q4"), LinkTarget::Doc(DocId("posts/x".into()), Some("q4".into())));
    assert_eq!(
        idx.resolve("content/inside-rust/x.md", "@/inside-rust/y/index.md"),
        LinkTarget::Doc(DocId("posts/y".into()), None)
    );
    assert_eq!(idx.resolve(from, "@/missing.md"), LinkTarget::Broken);
    assert_eq!(idx.resolve(from, "a@b.org"), LinkTarget::External);
    // A blog's permalink has the post's date before its name.
    assert_eq!(idx.resolve(from, "/inside-rust/2023/01/30/x/"), LinkTarget::Doc(DocId("posts/x".into()), None));
    assert_eq!(
        idx.resolve(from, "/inside-rust/2023/01/30/x.html#a"),
        LinkTarget::Doc(DocId("posts/x".into()), Some("a".into()))
    );
    assert_eq!(idx.resolve(from, "/2023/01/30/inside-rust/y/"), LinkTarget::Doc(DocId("posts/y".into()), None));
    assert_eq!(idx.resolve(from, "/inside-rust/2023/01/30/"), LinkTarget::Broken);
    assert_eq!(undated("blog/2019/09/30/post/"), Some("blog/post/".into()));
    // A page published at its name, wherever its file is; never a name two pages share.
    idx.docs.insert("pages/general/software.md".into(), DocId("pages/software".into()));
    idx.docs.insert("pages/tools/github/README.md".into(), DocId("pages/github".into()));
    idx.docs.insert("pages/a/shared.md".into(), DocId("pages/a".into()));
    idx.docs.insert("pages/b/shared.md".into(), DocId("pages/b".into()));
    assert_eq!(idx.resolve(from, "/software/#a"), LinkTarget::Doc(DocId("pages/software".into()), Some("a".into())));
    assert_eq!(idx.resolve(from, "/github"), LinkTarget::Doc(DocId("pages/github".into()), None));
    assert_eq!(idx.resolve(from, "/tools/github.html"), LinkTarget::Doc(DocId("pages/github".into()), None));
    assert_eq!(idx.resolve(from, "/shared/"), LinkTarget::Broken);
    assert_eq!(idx.resolve(from, "/b/shared/"), LinkTarget::Doc(DocId("pages/b".into()), None));
    assert_eq!(idx.resolve(from, "/ware/"), LinkTarget::Broken, "whole names only");
    assert_eq!(idx.resolve(from, "../software/"), LinkTarget::Broken, "only a path from the root");
    // Jekyll publishes a collection's folder without its underscore.
    idx.docs.insert("_guides/card-sort.md".into(), DocId("pages/guides/card-sort".into()));
    assert_eq!(idx.resolve(from, "/guides/card-sort"), LinkTarget::Doc(DocId("pages/guides/card-sort".into()), None));
    assert_eq!(without_collection_marks("a/_guides/_x"), "a/guides/_x");
    // A path a page says it was served at.
    idx.addresses.insert(address_key(None, "/old-software-page/"), DocId("pages/software".into()));
    assert_eq!(idx.resolve(from, "/old-software-page"), LinkTarget::Doc(DocId("pages/software".into()), None));
    assert_eq!(
        idx.resolve(from, "/old-software-page.html#x"),
        LinkTarget::Doc(DocId("pages/software".into()), Some("x".into()))
    );
    assert_eq!(undated("blog/2019/09/post"), None);
}

#[test]
fn a_numbered_name_that_drifted_is_found_by_its_number() {
    let mut idx = index();
    idx.docs.insert("keps/sig-node/3570-cpumanager/README.md".into(), DocId("kep/3570".into()));
    idx.docs.insert("keps/sig-node/3570-cpumanager/notes.md".into(), DocId("pages/notes".into()));
    idx.docs.insert("keps/sig-node/357-other/README.md".into(), DocId("kep/357".into()));
    let from = "keps/sig-apps/1-x/README.md";
    let hint = idx.suggest(from, "/keps/sig-node/3570-cpu-manager").unwrap();
    assert!(hint.starts_with("did you mean `../../sig-node/3570-cpumanager/README.md`?"), "{hint}");
    let hint = idx.suggest("docs/adr/0001-b.md", "2-adopt-a.md").unwrap();
    assert!(hint.starts_with("did you mean `0002-a.md`?"), "{hint}");
    assert_eq!(idx.suggest(from, "/keps/sig-node/9-none"), None);
    let hint = idx.suggest(from, "/keps/sig-node/3570-cpu-manager/README.md").unwrap();
    assert!(hint.starts_with("did you mean `../../sig-node/3570-cpumanager/README.md`?"), "{hint}");
    assert_eq!(idx.suggest("keps/sig-node/357-other/README.md", "KEP-32"), None, "only the name's own number");
    assert_eq!(idx.suggest("docs/adr/0001-b.md", "v1.2-x.md"), None);
    // A dated note is not numbered: one note of 2021 is not what a broken `2021-03-01.md` meant.
    idx.docs.insert("notes/2021-05-04-weekly.md".into(), DocId("notes/a".into()));
    assert_eq!(idx.suggest("notes/x.md", "2021-03-01-weekly.md"), None);
    idx.docs.insert("adr/adr-004-loading.md".into(), DocId("adr/4".into()));
    assert!(
        idx.suggest("adr/x.md", "adr-004-module-loading.md").unwrap().starts_with("did you mean `adr-004-loading.md`?")
    );
}

#[test]
fn relative_paths() {
    assert_eq!(relative_from("a/b/c.html", "a/d/e.html"), "../d/e.html");
    assert_eq!(relative_from("index.html", "a/e.html"), "a/e.html");
    assert_eq!(relative_from("a/b.html", "a/c.html"), "c.html");
}
