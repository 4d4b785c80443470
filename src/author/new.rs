//! `adrsite new KIND TITLE`: the next document of a collection, from its template, in its
//! dialect and numbering scheme; with `--supersedes` or `--amends`, the other document is edited
//! too.
//!
//! Input: [`NewOptions`]. Output: the file written and the files edited ([`Created`]), or an error
//! that says what to do (an unknown kind, an ambiguous collection, an id that names nothing).

use crate::author::edit::{self, Reference, Relation};
use crate::author::native;
use crate::author::scheme::{self, Naming, Scheme};
use crate::author::style::{self, Style, TitleStyle};
use crate::author::template::{self, Template, Values};
use crate::load::discover::Collection;
use crate::model::{Doc, Site};
use crate::pipeline::{self, BuildOptions};
use crate::vocab::DocKind;
use anyhow::{Context as _, bail};
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// What `adrsite new` was asked for.
#[derive(Clone, Debug)]
pub struct NewOptions {
    /// The site directory.
    pub dir: PathBuf,
    /// `adr`, `rfc`, `handbook`, `standup`, `meeting`, or a collection's folder or URL segment.
    pub kind: String,
    /// The title.
    pub title: String,
    /// The document the new one supersedes (`ADR-0005`, `5`, a file name or path).
    pub supersedes: Option<String>,
    /// The document the new one amends.
    pub amends: Option<String>,
    /// The status; the template's default when `None`.
    pub status: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Today, for dates and date-based names.
    pub today: Date,
    /// Whether git may be asked for the author and for numbers used in the folder's history.
    pub git: bool,
}

/// What `new` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created {
    /// The new document, relative to the site directory.
    pub path: String,
    /// Documents edited (the superseded or amended one), relative to the site directory.
    pub edited: Vec<String>,
    /// Things the author should know (a folder created, a status adrsite does not know).
    pub notes: Vec<String>,
}

/// Creates the next document.
pub fn run(opts: &NewOptions) -> anyhow::Result<Created> {
    let title = opts.title.trim();
    if title.is_empty() {
        bail!("the title is empty\n  = help: adrsite new adr \"Use PostgreSQL for orders\"");
    }
    let mut build = BuildOptions::new(&opts.dir, opts.today);
    // `new` needs collections and numbers, not dates; git is asked once below for the folder.
    build.git = false;
    let (site, config) = pipeline::read_site(&build)?;
    let mut notes = Vec::new();
    let (template, col) = choose(&site, &opts.kind, &mut notes)?;
    let docs: Vec<&Doc> = match &col {
        Some((i, _)) => site.docs.values().filter(|d| d.collection == *i).collect(),
        None => Vec::new(),
    };
    let folder = match &col {
        // Documents found outside a known folder (ADRs at the repository's top): where they are.
        Some((_, c)) if c.path.is_empty() => common_dir(docs.iter().map(|d| d.source.as_str())),
        Some((_, c)) => c.path.clone(),
        None => default_folder(&opts.dir, template.kind()),
    };
    let rel = |d: &Doc| {
        if folder.is_empty() {
            d.source.clone()
        } else {
            d.source.strip_prefix(&format!("{folder}/")).unwrap_or(&d.source).to_string()
        }
    };
    let rels: Vec<String> = docs.iter().map(|d| rel(d)).collect();
    let style = style::detect(docs.iter().map(|d| &*d.text));
    let fallback = match template {
        Template::Adr | Template::Rfc => Naming::Numbered { prefix: String::new(), width: 4, sep: Some('-') },
        Template::Handbook => Naming::Slug,
        Template::Standup | Template::Meeting => Naming::Dated { compact: false, slug: true },
    };
    let mut scheme = scheme::detect(rels.iter().map(String::as_str), fallback);
    if let (Template::Standup, Naming::Dated { slug, .. }) = (template, &mut scheme.naming) {
        // One file a day per person, where the collection names files by date alone.
        *slug = true;
    }
    let history = if opts.git { crate::load::git::paths_in_history(&opts.dir, &folder) } else { Vec::new() };
    let mut current: Vec<u64> = docs
        .iter()
        .filter_map(|d| scheme::number_of(&scheme.naming, &rel(d)).or(d.number.as_ref().map(|n| u64::from(n.value))))
        .collect();
    // A file of the folder read as another kind still holds its number.
    let in_folder = |d: &&Doc| folder.is_empty() || d.source.starts_with(&format!("{folder}/"));
    current.extend(site.docs.values().filter(in_folder).filter_map(|d| scheme::number_of(&scheme.naming, &rel(d))));
    let number = scheme::next_number(&scheme.naming, &current, &history);
    let author = if opts.git { crate::load::git::user_name(&opts.dir) } else { None };
    let slug = match template {
        // A standup is named after its author, so that each person has their own file a day.
        Template::Standup => file_slug(author.as_deref().unwrap_or(title)),
        _ => file_slug(title),
    };
    let uses_slug = !matches!(scheme.naming, Naming::Dated { slug: false, .. } | Naming::Numbered { sep: None, .. });
    if slug.is_empty() && uses_slug {
        bail!(
            "the title `{title}` has no letters or digits to name the file after\n  = help: use words: adrsite new {} \"Use PostgreSQL for orders\"",
            template.name()
        );
    }
    let sub = subfolder(&rels, &scheme, opts.today);
    let join = |file: &str| {
        [folder.as_str(), sub.as_str(), file].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join("/")
    };
    let mut path = join(&scheme::file_name(&scheme, number, &slug, opts.today));
    if opts.dir.join(&path).exists()
        && !slug.is_empty()
        && let Naming::Dated { compact, slug: false } = scheme.naming
    {
        // A second meeting on a day of a collection named by date: told apart by its title.
        let named = Scheme { naming: Naming::Dated { compact, slug: true }, ..scheme.clone() };
        path = join(&scheme::file_name(&named, number, &slug, opts.today));
    }
    let abs = opts.dir.join(&path);
    if abs.exists() {
        bail!("{} already exists\n  = help: choose another title, or edit the existing document", abs.display());
    }

    let number_text = match (&scheme.naming, number) {
        (Naming::Numbered { width, .. }, Some(n)) => format!("{n:0width$}", width = *width),
        _ => String::new(),
    };
    let mut status = opts.status.clone().or_else(|| template.default_status().map(str::to_string)).unwrap_or_default();
    // `Proposed` where the collection writes `Accepted`.
    let labels: Vec<&str> = docs.iter().filter_map(|d| d.status_label.as_deref()).collect();
    if labels.iter().filter(|l| l.starts_with(char::is_uppercase)).count() * 2 > labels.len()
        && let Some(first) = status.chars().next()
    {
        status = format!("{}{}", first.to_uppercase(), &status[first.len_utf8()..]);
    }
    if let Some(s) = &opts.status {
        let parsed = crate::load::status::parse_status(s, &config.statuses);
        if parsed.status.is_none() {
            let hint = parsed.suggestion.map(|w| format!("; did you mean `{w}`?")).unwrap_or_default();
            notes.push(format!("`{s}` is not a status adrsite knows{hint} It is written as given."));
        }
    }
    let values = Values {
        title: title.to_string(),
        number_short: number.map(|n| n.to_string()).unwrap_or_default(),
        number: number_text.clone(),
        date: opts.today.to_string(),
        status,
        handle: author.as_deref().map(crate::text::slugify).filter(|h| !h.is_empty()).unwrap_or_else(|| "owner".into()),
        author: author.unwrap_or_else(|| "TBD".to_string()),
        tags: opts.tags.join(", "),
        tag_list: opts.tags.clone(),
        comments_by: in_days(opts.today, 7),
        deadline: in_days(opts.today, 14),
    };
    // The team's adrsite template, else the collection's own (`template.md`), else built in.
    let custom = opts.dir.join(".adrsite/templates").join(format!("{}.md", template.name()));
    let native = match template {
        Template::Adr | Template::Rfc if col.is_some() => native::find(&opts.dir, &folder),
        _ => None,
    };
    let mut text = match (std::fs::read_to_string(&custom), native) {
        (Ok(t), _) => template::render(&custom.display().to_string(), &t, &values)?,
        (Err(_), Some((_, t))) => native::fill(
            &t,
            &style,
            &native::Fill {
                title,
                number: (!number_text.is_empty()).then_some(number_text.as_str()),
                status: (!values.status.is_empty()).then_some(values.status.as_str()),
                date: &values.date,
                author: (values.author != "TBD").then_some(values.author.as_str()),
            },
        ),
        (Err(_), None) => {
            template::render(&format!("built-in {} template", template.name()), &template.text(&style), &values)?
        }
    };

    // The link text other documents use for the new one.
    let prefix = col.as_ref().and_then(|(_, c)| c.id_prefix.clone());
    let new_label =
        link_label(&style, title, (!number_text.is_empty()).then_some(number_text.as_str()), prefix.as_deref());
    let new_id =
        col.as_ref().and_then(|(i, _)| unique_id(&site, *i, (!number_text.is_empty()).then_some(number_text.as_str())));
    let mut edits: Vec<(String, String)> = Vec::new();
    for (arg, relation) in [(&opts.supersedes, Relation::Supersedes), (&opts.amends, Relation::Amends)] {
        let Some(arg) = arg else { continue };
        let old = resolve(&site, col.as_ref().map(|(i, _)| *i), arg)?;
        let old_text = match edits.iter().find(|(p, _)| *p == old.source) {
            Some((_, t)) => t.clone(),
            None => std::fs::read_to_string(opts.dir.join(&old.source))
                .with_context(|| format!("reading {}", old.source))?,
        };
        let old_style = style::detect([&*old.text]);
        let old_label = link_label(
            &old_style,
            &old.title,
            old.number.as_ref().map(|n| n.digits.as_str()),
            site.collections[old.collection].id_prefix.as_deref(),
        );
        let to_old = Reference {
            label: old_label,
            path: crate::model::links::relative_from(&path, &old.source),
            id: unique_id(&site, old.collection, old.number.as_ref().map(|n| n.digits.as_str())),
        };
        let to_new = Reference {
            label: new_label.clone(),
            path: crate::model::links::relative_from(&old.source, &path),
            id: new_id.clone(),
        };
        text = edit::add_relation(&text, relation, &to_old);
        let edited = match relation {
            Relation::Supersedes => {
                let upper = old.status_label.as_deref().is_some_and(|l| l.starts_with(char::is_uppercase))
                    || matches!(old_style.meta, style::MetaStyle::Nygard);
                let word = if upper { "Superseded by" } else { "superseded by" };
                edit::set_status_naming(&old_text, word, &to_new)
            }
            _ => edit::add_relation(&old_text, Relation::AmendedBy, &to_new),
        };
        edits.retain(|(p, _)| *p != old.source);
        edits.push((old.source.clone(), edited));
    }

    if !folder.is_empty() && !opts.dir.join(&folder).exists() {
        notes.push(format!("created the folder {folder} for {}", template.kind().plural().to_lowercase()));
    }
    if let Some(parent) = abs.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    write_new(&abs, &text)?;
    // A site that lists its collections reads only those: a new folder must be listed too.
    if col.is_none() && !config.collections.is_empty() {
        let toml_path = opts.dir.join("adrsite.toml");
        let mut toml =
            std::fs::read_to_string(&toml_path).with_context(|| format!("reading {}", toml_path.display()))?;
        if !toml.ends_with('\n') {
            toml.push('\n');
        }
        toml.push_str(&format!(
            "\n[[collections]]\npath = {}\nkind = \"{}\"\n",
            style::toml_value(&folder),
            template.kind().as_str()
        ));
        replace(&toml_path, &toml)?;
        notes.push(format!("added {folder} to the collections in adrsite.toml"));
    }
    for (source, edited) in &edits {
        replace(&opts.dir.join(source), edited)?;
    }
    Ok(Created { path, edited: edits.into_iter().map(|(p, _)| p).collect(), notes })
}

/// The template and collection KIND names. A kind with several collections takes the one
/// nearest the top of the site, unless two are equally near.
fn choose(site: &Site, kind: &str, notes: &mut Vec<String>) -> anyhow::Result<(Template, Option<(usize, Collection)>)> {
    let wanted = kind.trim().trim_end_matches('/');
    if let Some(template) = Template::parse(wanted) {
        let mut cols: Vec<(usize, &Collection)> = site
            .collections
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind == template.kind() && !c.path.is_empty())
            .collect();
        if cols.is_empty() {
            // Documents of the kind outside any known folder still set the scheme and dialect,
            // unless they are only folder introductions: a repository's README is read as a
            // handbook page, but the repository's top is no place to add more.
            cols = site
                .collections
                .iter()
                .enumerate()
                .filter(|(i, c)| {
                    c.kind == template.kind()
                        && site
                            .docs
                            .values()
                            .any(|d| d.collection == *i && !crate::vocab::markdown_name::is_folder_index(&d.source))
                })
                .collect();
        }
        cols.sort_by_key(|(_, c)| (c.path.matches('/').count(), c.path.clone()));
        return match cols.as_slice() {
            [] => Ok((template, None)),
            [(i, c)] => Ok((template, Some((*i, (*c).clone())))),
            [(i, c), (_, d), ..] if c.path.matches('/').count() < d.path.matches('/').count() => {
                let others: Vec<&str> = cols[1..].iter().map(|(_, c)| c.path.as_str()).collect();
                notes.push(format!(
                    "wrote into {}; to write into another collection name its folder instead of `{kind}`: {}",
                    c.path,
                    others.join(", ")
                ));
                Ok((template, Some((*i, (*c).clone()))))
            }
            _ => {
                let paths: Vec<&str> = cols.iter().map(|(_, c)| c.path.as_str()).collect();
                bail!(
                    "the site has {} {} collections: {}\n  = help: name the folder instead of `{kind}`: adrsite new {} \"Title\"",
                    cols.len(),
                    template.kind().label(),
                    paths.join(", "),
                    paths[0]
                )
            }
        };
    }
    if let Some((i, c)) =
        site.collections.iter().enumerate().find(|(_, c)| !c.path.is_empty() && (c.path == wanted || c.slug == wanted))
    {
        return Ok((Template::of_kind(c.kind), Some((i, c.clone()))));
    }
    let mut known: Vec<String> = Template::ALL.iter().map(|t| t.name().to_string()).collect();
    known.extend(site.collections.iter().filter(|c| !c.path.is_empty()).map(|c| c.path.clone()));
    let suggestion = known
        .iter()
        .map(|k| (strsim::jaro_winkler(k, wanted), k))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!("did you mean `{k}`? "))
        .unwrap_or_default();
    bail!(
        "`{kind}` is neither a kind nor a collection of this site\n  = help: {suggestion}use one of: {}",
        known.join(", ")
    )
}

/// The title as a file-name slug of at most 60 bytes, cut at a word where it can be (and never
/// inside a character: `ü` is two bytes).
fn file_slug(title: &str) -> String {
    let mut slug = crate::text::slugify(title);
    if slug.len() > 60 {
        let mut end = 60;
        while !slug.is_char_boundary(end) {
            end -= 1;
        }
        let cut = slug[..end].rfind('-').filter(|c| *c > 0).unwrap_or(end);
        slug.truncate(cut);
    }
    slug
}

/// `days` after `today`, ISO; today itself at the end of the calendar (`--today 9999-12-31`).
fn in_days(today: Date, days: i64) -> String {
    today.checked_add(jiff::Span::new().days(days)).unwrap_or(today).to_string()
}

/// The deepest folder holding all of `paths`.
fn common_dir<'a>(paths: impl Iterator<Item = &'a str>) -> String {
    let mut common: Option<Vec<&str>> = None;
    for p in paths {
        let mut dirs: Vec<&str> = p.split('/').collect();
        dirs.pop();
        common = Some(match common {
            None => dirs,
            Some(c) => c.iter().zip(&dirs).take_while(|(a, b)| a == b).map(|(a, _)| *a).collect(),
        });
    }
    common.unwrap_or_default().join("/")
}

/// Where a kind's first collection goes: under `docs/` when the repository has one.
fn default_folder(dir: &Path, kind: DocKind) -> String {
    let name = match kind {
        DocKind::Adr => "decisions",
        DocKind::Rfc => "rfcs",
        DocKind::Handbook => "handbook",
        DocKind::Standup => "standups",
    };
    if is_docs_folder(dir) {
        return name.to_string();
    }
    if dir.join("docs").is_dir() || kind == DocKind::Adr { format!("docs/{name}") } else { name.to_string() }
}

/// Whether the site directory is itself a documentation folder (`adrsite init docs`), which
/// holds collections directly rather than in another `docs/`.
pub fn is_docs_folder(dir: &Path) -> bool {
    std::path::absolute(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().to_lowercase()))
        .is_some_and(|n| matches!(n.as_str(), "docs" | "doc" | "documentation"))
}

/// The folder inside the collection for the next document: none when documents sit at its top;
/// otherwise the newest document's folder, with its year (and quarter) moved to today's, as in
/// `meeting-notes/2026/Q4/`.
fn subfolder(rels: &[String], scheme: &Scheme, today: Date) -> String {
    let dirs: Vec<String> = rels
        .iter()
        .map(|r| {
            let mut parts: Vec<&str> = r.split('/').collect();
            parts.pop();
            if scheme.folder_file.is_some() {
                parts.pop();
            }
            parts.join("/")
        })
        .collect();
    if dirs.is_empty() || dirs.iter().any(String::is_empty) {
        return String::new();
    }
    let newest = rels.iter().zip(&dirs).max_by(|a, b| a.0.cmp(b.0)).map(|(_, d)| d.clone()).unwrap_or_default();
    newest
        .split('/')
        .map(|seg| {
            if seg.len() == 4
                && seg.chars().all(|c| c.is_ascii_digit())
                && (seg.starts_with("19") || seg.starts_with("20"))
            {
                today.year().to_string()
            } else if seg.len() == 2 && seg.starts_with(['Q', 'q']) && seg[1..].chars().all(|c| c.is_ascii_digit()) {
                format!("{}{}", &seg[..1], (today.month() - 1) / 3 + 1)
            } else {
                seg.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// How a document is named in a link: `12. Title` where titles carry their number (adr-tools),
/// else its id (`ADR-0012`), else its title.
fn link_label(style: &Style, title: &str, number: Option<&str>, prefix: Option<&str>) -> String {
    match (number, &style.title, prefix) {
        (Some(n), TitleStyle::Numbered, _) => format!("{}. {title}", n.trim_start_matches('0').max("0")),
        (Some(n), _, Some(p)) => format!("{p}-{n}"),
        _ => title.to_string(),
    }
}

/// `ADR-0012` for number `0012` of collection `collection`, when the site reads that id as one
/// document: its collection has an id prefix that no other collection shares, and no other
/// document of it has the number. Otherwise references use the path.
fn unique_id(site: &Site, collection: usize, digits: Option<&str>) -> Option<String> {
    let digits = digits?;
    let prefix = site.collections[collection].id_prefix.as_deref()?;
    let shared = site
        .collections
        .iter()
        .enumerate()
        .any(|(i, c)| i != collection && c.id_prefix.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(prefix)));
    let value = digits.parse::<u64>().ok()?;
    let holders = site
        .docs
        .values()
        .filter(|d| d.collection == collection && d.number.as_ref().is_some_and(|n| u64::from(n.value) == value))
        .count();
    (!shared && holders <= 1).then(|| format!("{prefix}-{digits}"))
}

/// The document `arg` names: an id (`ADR-0005`, `adr-5`, `5`, preferring the target
/// collection), a path, a file name or a page id.
fn resolve<'a>(site: &'a Site, collection: Option<usize>, arg: &str) -> anyhow::Result<&'a Doc> {
    let arg = arg.trim();
    let by_path: Vec<&Doc> = site
        .docs
        .values()
        .filter(|d| {
            d.source == arg
                || d.id.0 == arg
                || d.source.ends_with(&format!("/{arg}"))
                || d.source.rsplit('/').next().and_then(|f| f.rsplit_once('.')).is_some_and(|(stem, _)| stem == arg)
        })
        .collect();
    if let [doc] = by_path.as_slice() {
        return Ok(doc);
    }
    let by_id: Vec<&Doc> = match crate::model::identity::parse_id_reference(arg)
        .or_else(|| crate::vocab::DocNumber::parse(arg).map(|n| (None, n)))
    {
        Some((prefix, number)) => {
            let matching: Vec<&Doc> = site
                .docs
                .values()
                .filter(|d| {
                    d.number.as_ref().is_some_and(|n| n.value == number.value && n.suffix == number.suffix)
                        && prefix.as_ref().is_none_or(|p| {
                            site.collections[d.collection]
                                .id_prefix
                                .as_deref()
                                .is_some_and(|q| q.eq_ignore_ascii_case(p))
                        })
                })
                .collect();
            let in_target: Vec<&Doc> = matching.iter().copied().filter(|d| Some(d.collection) == collection).collect();
            if in_target.is_empty() { matching } else { in_target }
        }
        None => Vec::new(),
    };
    match by_id.as_slice() {
        [doc] => Ok(doc),
        [] => bail!(
            "no document is `{arg}`\n  = help: name it by id (ADR-0005), number, file name or path relative to the site"
        ),
        many => {
            let names: Vec<&str> = many.iter().map(|d| d.source.as_str()).collect();
            bail!("`{arg}` could be any of: {}\n  = help: name it by its path instead", names.join(", "))
        }
    }
}

/// Writes a new file; fails rather than replace one that appeared meanwhile.
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    f.write_all(text.as_bytes()).with_context(|| format!("writing {}", path.display()))
}

/// Replaces a file's content atomically: a failed write leaves the old file whole.
pub fn replace(path: &Path, text: &str) -> anyhow::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.adrsite-tmp"));
    std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("replacing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn year_and_quarter_folders_move_to_today() {
        let rels = vec!["2022/Q2/2022-05-01.md".to_string(), "2021/Q4/2021-11-01.md".to_string()];
        let s = Scheme { naming: Naming::Dated { compact: false, slug: false }, folder_file: None, ext: "md".into() };
        assert_eq!(subfolder(&rels, &s, date(2026, 11, 21)), "2026/Q4");
        let flat = vec!["0001-a.md".to_string(), "x/0002-b.md".to_string()];
        assert_eq!(subfolder(&flat, &s, date(2026, 11, 21)), "");
    }

    #[test]
    fn long_titles_are_cut_at_a_word_and_never_inside_a_character() {
        let odd = format!("a{}", "ä".repeat(50));
        let slug = file_slug(&odd);
        assert!(slug.len() <= 60 && odd.starts_with(&slug), "{slug}");
        assert_eq!(file_slug(&format!("use {} now", "x".repeat(70))), "use");
        assert_eq!(file_slug("Use PostgreSQL"), "use-postgresql");
    }

    #[test]
    fn link_labels_follow_the_title_style() {
        let numbered = Style { meta: style::MetaStyle::Nygard, title: TitleStyle::Numbered };
        assert_eq!(link_label(&numbered, "Use X", Some("0012"), Some("ADR")), "12. Use X");
        assert_eq!(link_label(&Style::default(), "Use X", Some("0012"), Some("ADR")), "ADR-0012");
        assert_eq!(link_label(&Style::default(), "Use X", None, Some("ADR")), "Use X");
    }
}
