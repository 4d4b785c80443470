//! The identify pass: each source document's id, number, title, status, dates and people.
//!
//! Input: one [`SourceDoc`], its collection and the config. Output: what the document says about
//! itself, [`Identified`] (the resolve and graph passes find the rest, and the assemble stage
//! makes the [`Doc`](crate::model::Doc) from both), its parsed status (for the successor it may
//! name) and the problems found while reading its metadata.

use crate::config::Config;
use crate::date::{date_in_name, parse_date};
use crate::diagnostic::{Code, Diagnostic};
use crate::load::SourceDoc;
use crate::load::discover::Collection;
use crate::load::meta::Located;
use crate::load::standup::Notes;
use crate::load::status::{ParsedStatus, parse_status};
use crate::model::assemble::notes::read_notes;
use crate::model::identity;
use crate::model::site::NamedDate;
use crate::vocab::{DateKey, DocId, DocKind, DocNumber, Role};
use jiff::civil::Date;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Unique ids for every document, in source order so that suffixes (`-2`) are deterministic.
pub(super) fn allocate_ids(sources: &[SourceDoc], collections: &[Collection]) -> Vec<String> {
    let mut taken = BTreeSet::new();
    sources
        .iter()
        .map(|src| {
            let col = &collections[src.collection];
            let mut id = format!("{}/{}", col.slug, identity::page_slug(&src.source, &col.path));
            if taken.contains(&id) {
                let base = id.clone();
                let mut n = 2;
                while taken.contains(&format!("{base}-{n}")) {
                    n += 1;
                }
                id = format!("{base}-{n}");
            }
            taken.insert(id.clone());
            id
        })
        .collect()
}

/// What a document says about itself, normalised: the part of a [`Doc`](crate::model::Doc) that
/// needs no other document. The fields mean what `Doc`'s fields of the same names mean.
#[derive(Clone, Debug)]
pub(super) struct Identified {
    pub id: DocId,
    pub source: String,
    pub collection: usize,
    pub kind: DocKind,
    pub number: Option<DocNumber>,
    /// The prefix of the document's series: its own (`CIP`) or its collection's.
    pub prefix: Option<String>,
    pub display_id: Option<String>,
    pub title: String,
    pub status: Option<crate::vocab::Status>,
    pub status_label: Option<String>,
    pub status_line: u32,
    pub date: Option<Date>,
    pub date_raw: Option<String>,
    pub people: Vec<(Role, String)>,
    pub tags: Vec<String>,
    pub info: Vec<(&'static str, String)>,
    pub dates: Vec<NamedDate>,
    pub text: Arc<str>,
    pub body_start: usize,
    pub title_range: Option<(usize, usize)>,
    pub outline: Arc<crate::load::outline::Outline>,
    pub oversize: Option<u64>,
    pub notes: Option<Box<Notes>>,
}

/// Works out a document's identity and normalised metadata.
pub(super) fn identify(
    src: &SourceDoc,
    col: &Collection,
    config: &Config,
    id: String,
    diags: &mut Vec<Diagnostic>,
) -> (Identified, Option<ParsedStatus>) {
    let meta = &src.meta;

    // `# April 5`, then `# April 12`: a running log of days, whose first day is not its title.
    let heading = src.title_heading.as_ref().filter(|h| !first_day_of_a_log(&h.text, &src.outline.headings));
    let heading_title = heading.and_then(|h| identity::title_from_heading(&h.text));
    let mut number = None;
    let mut prefix = col.id_prefix.clone();
    if col.kind.is_decision() {
        // A series id stated in the metadata or the name (`CIP: 1`, `CIP-0001/`, `ADR-8.md`)
        // names the document's own series; a configured `id_prefix` still wins.
        let named = crate::vocab::series::from_name(identity::naming_stem(&src.source))
            .or_else(|| identity::series_in_plural_folder(&src.source));
        let series = match meta.number.as_ref().and_then(|n| crate::vocab::series::from_value(&n.value)) {
            // `CIP: 1` in `CIP-0001/`: the digits as the name writes them.
            Some(stated) => Some(match named {
                Some(n) if n.prefix == stated.prefix && n.number.value == stated.number.value => n,
                _ => stated,
            }),
            // `# RFC-0010: …`, `title: SIP-42 - …`: the id a title opens with, when the path
            // states no other (`2232-suspend-jobs/` over `# KEP-2322: …`, a typo) and the document
            // is not a part of a numbered one (`cip-0088/cips/common/`).
            None => named.or_else(|| {
                let title = meta.title.as_ref().map(|t| t.value.as_str());
                let stated = title.into_iter().chain(heading.map(|h| h.text.as_str()));
                let from_name = identity::number_from_name(&src.source);
                // A date that opens the file's name (`20211208-x.md`, Flow's FLIPs) is no number.
                let stem = identity::naming_stem(&src.source);
                let dirs = src.source.rsplit_once('/').map_or("", |(d, _)| d);
                let undated = stem.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '_');
                let stem_digits = if crate::date::date_in_name(stem).is_some() { undated } else { stem };
                let unnumbered = !dirs.bytes().chain(stem_digits.bytes()).any(|b| b.is_ascii_digit());
                stated.filter_map(crate::vocab::series::from_heading).find(|s| {
                    from_name.as_ref().map_or(unnumbered, |n| n.value == s.number.value) && meta.number.is_none()
                })
            }),
        };
        if let Some(s) = &series
            && !col.fixed_prefix
        {
            prefix = Some(s.prefix.clone());
        }
        number = series
            .map(|s| s.number)
            .or_else(|| {
                meta.number.as_ref().and_then(|n| {
                    DocNumber::parse(
                        n.value.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '-' || c == ' '),
                    )
                })
            })
            .or_else(|| identity::number_from_name(&src.source))
            .or_else(|| {
                heading.and_then(|h| {
                    identity::split_heading_number(crate::load::title_status::strip_title_status(&h.text)).0
                })
            })
            // `0000-kep-process`: zero is a placeholder, not an id.
            .filter(|n| n.value != 0);
    }
    // In an organisation's site, ids are the source's: `payments/ADR-0003`.
    if let Some(ns) = &col.namespace {
        prefix = prefix.map(|p| format!("{ns}/{p}"));
    }
    let display_id = match (&number, &prefix) {
        (Some(n), Some(prefix)) => Some(format!("{prefix}-{}", n.display())),
        _ => None,
    };

    // `title: 'ADR001: Log'` repeats the id the page already shows beside the title.
    let front_title = meta
        .title
        .as_ref()
        .map(|t| crate::text::plain_inline(&t.value))
        .map(|t| match identity::split_heading_number(&t) {
            (Some(n), rest) if number.as_ref().is_some_and(|own| own.value == n.value) && !rest.is_empty() => {
                rest.to_string()
            }
            _ => t,
        })
        // `title: "ADR: Naming"` names the kind the page already shows.
        .map(|t| identity::strip_record_prefix(&t).to_string())
        // `title: RFC`, a template's placeholder: the heading or the name says more.
        .filter(|t| !t.is_empty() && !identity::is_generic_title(t));
    // `0002: Remote Rule Evaluation` in a heading or `title:` repeats the number too.
    let own_number = |t: Option<String>| match &number {
        Some(n) => t.map(|t| identity::strip_own_number(&t, n).to_string()),
        None => t,
    };
    // `# Accepted Proposals:`: a heading that once introduced a list keeps its colon.
    let no_colon =
        |t: Option<String>| t.map(|t| t.trim_end_matches(':').trim_end().to_string()).filter(|t| !t.is_empty());
    let (front_title, heading_title) = (no_colon(own_number(front_title)), no_colon(own_number(heading_title)));
    // `title: redirecting-step-output-streams` over `# TEP-0011: Redirecting Step Output Streams`:
    // a name, not a title; the heading says it in words, or else it is read as a file name is.
    let file_name =
        meta.title.as_ref().is_some_and(|t| identity::is_file_name_title(&t.value, number.as_ref(), &src.source));
    let front_title = match front_title {
        Some(t) if identity::is_slug_title(&t) || file_name => {
            heading_title.is_none().then(|| crate::text::title_from_name(&t))
        }
        t => t,
    };
    let mut title_range = None;
    let title = match (&front_title, &heading_title) {
        (Some(t), Some(h)) => {
            if t.eq_ignore_ascii_case(h) {
                title_range = heading.map(|h| (h.start, h.end));
            }
            t.clone()
        }
        (Some(t), None) => t.clone(),
        (None, Some(h)) => {
            title_range = heading.map(|h| (h.start, h.end));
            h.clone()
        }
        (None, None) => fallback_title(src, col.kind),
    };

    // A collection's `default_status` stands in for a status nobody wrote.
    let default_status = || {
        let value = col.default_status.clone()?;
        Some(Located { value, line: 1, column: 1, file: Some(crate::config::FILE_NAME.to_string()) })
    };
    // `front-end/deprecated/x.md`: a folder of the collection named by a status is the status of
    // what it holds, when they state none.
    let folder_status = || {
        let rel = src.source.strip_prefix(&col.path).unwrap_or(&src.source);
        let (folders, _) = rel.rsplit_once('/')?;
        let folder = folders
            .split('/')
            .rev()
            .find(|f| crate::vocab::status::STATUS_FOLDERS.contains(&f.to_lowercase().as_str()))?;
        Some(Located { value: folder.to_string(), line: 1, column: 1, file: None })
    };
    // `Use of conditionals in JSX (deprecated)`: a status in brackets at the end of the title, when
    // the document states none; the badge says it, so the title drops it.
    let bracketed = title
        .trim_end()
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once('('))
        .filter(|(_, word)| crate::vocab::status::STATUS_FOLDERS.contains(&word.trim().to_lowercase().as_str()))
        .map(|(before, word)| (before.trim_end().to_string(), word.trim().to_string()))
        .filter(|(before, _)| !before.is_empty() && meta.stated_status().is_none());
    let title_status =
        || bracketed.as_ref().map(|(_, word)| Located { value: word.clone(), line: 1, column: 1, file: None });
    let stated = meta.stated_status().cloned().or_else(title_status).or_else(folder_status).or_else(default_status);
    let title = bracketed.as_ref().map_or(title, |(before, _)| before.clone());
    let parsed = stated.as_ref().map(|s| parse_status(&s.value, &config.statuses));
    let mut status = None;
    let mut status_label = None;
    if let (Some(p), Some(at)) = (&parsed, &stated) {
        status = p.status;
        if !p.label.is_empty() {
            status_label = Some(short_label(&p.label));
        }
        let file = at.file.clone().unwrap_or_else(|| src.source.clone());
        if p.placeholder {
            diags.push(
                Diagnostic::warning(
                    file,
                    at.line,
                    at.column,
                    Code::UnknownStatus,
                    format!("status `{}` is a template placeholder", p.label),
                )
                .with_help("replace it with one status, such as `accepted`"),
            );
            status_label = None;
        } else if p.status.is_none() {
            // The entry that maps the label, onto the status it most likely meant.
            let meant = p.suggestion.and_then(|s| parse_status(s, &Default::default()).status);
            let entry = format!("[statuses] \"{}\" = \"{}\"", p.key, meant.map_or("accepted", |s| s.as_str()));
            let help = match p.suggestion {
                Some(s) => format!("did you mean `{s}`? or map this label in adrsite.toml: {entry}"),
                None => format!(
                    "use a known status (accepted, proposed, rejected, deprecated, superseded, draft, …) or map it in adrsite.toml: {entry}"
                ),
            };
            diags.push(
                Diagnostic::warning(
                    file,
                    at.line,
                    at.column,
                    Code::UnknownStatus,
                    format!("unknown status `{}`", p.label),
                )
                .with_help(help),
            );
        }
    }

    let mut date = None;
    let mut date_raw = None;
    let path_date = date_from_path(&src.source, &col.path);
    if let Some((_, at)) = meta.date.as_ref().filter(|(_, at)| !crate::date::names_the_files_date(&at.value)) {
        date = parse_date(&at.value);
        if date.is_none() {
            date_raw = Some(at.value.clone());
            diags.push(bad_date(src, at));
        } else if crate::date::is_ambiguous(&at.value) {
            // `03/04/2026`: a date in the file name settles which reading is meant.
            let swapped = date.and_then(|d| jiff::civil::Date::new(d.year(), d.day(), d.month()).ok());
            match path_date {
                Some(p) if Some(p) == date || Some(p) == swapped => date = Some(p),
                _ => diags.push(ambiguous_date(src, at, date)),
            }
        }
    }
    if date.is_none() {
        date = path_date;
    }
    // `## Changelog` then `- 2019 Jul 31: Initial draft`: when the document was first written.
    if date.is_none() {
        date = meta.logged.as_ref().and_then(|at| parse_date(&at.value));
    }
    if date.is_none()
        && let Some(d) = meta.dates.iter().find(|(k, _)| *k == DateKey::LastUpdated)
    {
        date = parse_date(&d.1.value);
    }
    let mut people = meta.people.clone();
    let mut notes = None;
    if col.kind == DocKind::Standup {
        let (n, found) = read_notes(src, col, date, &title, &mut people);
        date = date.or(found);
        notes = Some(Box::new(n));
    }
    let dates = meta
        .dates
        .iter()
        .map(|(key, at)| {
            let parsed = if *key == DateKey::ReviewEvery { None } else { parse_date(&at.value) };
            if *key == DateKey::ReviewEvery {
                if crate::date::parse_duration(&at.value).is_none() {
                    let file = at.file.clone().unwrap_or_else(|| src.source.clone());
                    diags.push(
                        Diagnostic::warning(
                            file,
                            at.line,
                            at.column,
                            Code::BadDate,
                            format!("`{}` is not a duration", at.value),
                        )
                        .with_help("write a review interval as `90d`, `6 months` or `1y`"),
                    );
                }
            } else if parsed.is_none() {
                diags.push(bad_date(src, at));
            }
            NamedDate { key: *key, raw: at.value.clone(), date: parsed, line: at.line }
        })
        .collect();

    let mut tags: Vec<String> = Vec::new();
    for t in &meta.tags {
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            tags.push(t.clone());
        }
    }
    let doc = Identified {
        id: DocId(id),
        source: src.source.clone(),
        collection: src.collection,
        kind: col.kind,
        number,
        prefix,
        display_id,
        title,
        status,
        status_label,
        status_line: meta.stated_status().filter(|s| s.file.is_none()).map_or(1, |s| s.line),
        date,
        date_raw,
        people,
        tags,
        // `Discussion: NA`, `RFC PR: TBD`: a key the template left says nothing to show, though it
        // still tells what the document is.
        info: meta
            .info
            .iter()
            .filter(|(_, v)| !crate::load::meta::is_placeholder(v))
            .map(|(l, v)| (*l, crate::text::plain_inline(v)))
            .collect(),
        dates,
        text: src.text.clone(),
        body_start: src.body_start,
        title_range,
        outline: src.outline.clone(),
        oversize: src.oversize,
        notes,
    };
    (doc, parsed)
}

fn ambiguous_date(src: &SourceDoc, at: &Located, read: Option<Date>) -> Diagnostic {
    let file = at.file.clone().unwrap_or_else(|| src.source.clone());
    let read = read.map_or(String::new(), |d| d.strftime("%-d %B %Y").to_string());
    Diagnostic::info(
        file,
        at.line,
        at.column,
        Code::AmbiguousDate,
        format!("`{}` could be day-first or month-first; read as {read} (day first)", at.value.trim()),
    )
    .with_help("write dates as YYYY-MM-DD, or put the date in the file name (`2026-03-04-…`)")
}

fn bad_date(src: &SourceDoc, at: &Located) -> Diagnostic {
    let file = at.file.clone().unwrap_or_else(|| src.source.clone());
    // `(fill me in with today's date, YYYY-MM-DD)`, `<date>`: a template's prompt left in.
    let v = at.value.trim();
    let prompt = v.to_lowercase().contains("yyyy")
        || [('(', ')'), ('<', '>'), ('[', ']'), ('{', '}')].iter().any(|&(a, b)| v.starts_with(a) && v.ends_with(b));
    if prompt {
        return Diagnostic::warning(
            file,
            at.line,
            at.column,
            Code::BadDate,
            format!("`{v}` is the template's placeholder, not a date"),
        )
        .with_help("replace it with the date as YYYY-MM-DD, or remove the line");
    }
    let help = match crate::date::month_and_day_swapped(&at.value) {
        Some(meant) => format!("did you mean `{meant}`? YYYY-MM-DD puts the month before the day"),
        None => "write dates as YYYY-MM-DD; the text is shown as written".to_string(),
    };
    Diagnostic::warning(
        file,
        at.line,
        at.column,
        Code::BadDate,
        format!("`{}` is not a date adrsite can read", at.value),
    )
    .with_help(help)
}

/// A status label short enough for a badge: the first clause, without links or explanations.
fn short_label(label: &str) -> String {
    // The first line, up to the end of its first sentence: a qualifier (`Stable in 1.1`,
    // `Active review (July 17–31)`) stays whole, an explanation after it goes.
    let line = label.split_whitespace().collect::<Vec<_>>().join(" ");
    // `2020-05-07 proposed`: the day the status was reached is no part of its name.
    let line = match line.split_once(' ') {
        Some((day, rest)) if crate::date::parse_date(day).is_some() => rest.to_string(),
        _ => line,
    };
    let first = line.split(". ").next().unwrap_or(&line).trim().trim_end_matches('.');
    let first = if first.is_empty() { label.trim() } else { first };
    if first.chars().count() > 60 { first.chars().take(60).collect::<String>() + "…" } else { first.to_string() }
}

/// A date in the file name, else in a folder name inside the collection.
fn date_from_path(source: &str, collection_path: &str) -> Option<Date> {
    crate::date::date_in_path(source.strip_prefix(collection_path).unwrap_or(source))
}

/// Whether `heading` only names a day or a month (`April 5`, `2021-04-05`, `November`) and the
/// document has another heading that does too.
fn first_day_of_a_log(heading: &str, headings: &str) -> bool {
    // Any year will do: the day and month are what is looked for.
    let a_day = |h: &str| {
        (h.split_whitespace().count() <= 4 && crate::date::date_in_text(h, Some(2000)).is_some())
            || crate::date::names_a_month(h)
    };
    a_day(heading) && headings.lines().filter(|h| a_day(h)).count() >= 2
}

fn fallback_title(src: &SourceDoc, kind: DocKind) -> String {
    let stem = identity::naming_stem(&src.source);
    // A feature named in words (`feature: Dark mode for dashboards`) is the RFC's title; an
    // identifier (`const_generics`) only beats a file name of one word (`2094-nll`).
    let from_name = crate::text::title_from_name(stem);
    if let Some((_, name)) = src.meta.info.iter().find(|(l, _)| *l == "Feature name") {
        let name = crate::text::plain_inline(name);
        let usable = !name.is_empty() && !name.contains('[') && !crate::load::meta::is_placeholder(&name);
        if usable && (name.trim().contains(' ') || !from_name.contains(' ')) {
            return name;
        }
    }
    // `name:` or `sidebar_label:` in front matter says more than a file name.
    if let Some(alt) = &src.meta.alt_title {
        let alt = crate::text::plain_inline(&alt.value);
        if !alt.trim().is_empty() {
            return alt;
        }
    }
    if kind == DocKind::Standup
        && let Some((_, who)) = src.meta.people.iter().find(|(r, _)| matches!(r, Role::Author | Role::Owner))
    {
        let when =
            src.meta.date.as_ref().map(|(_, d)| d.value.clone()).or_else(|| date_in_name(stem).map(|d| d.to_string()));
        return match when {
            Some(d) => format!("{who} — {d}"),
            None => who.clone(),
        };
    }
    from_name
}

#[cfg(test)]
mod tests {
    use super::short_label;

    #[test]
    fn a_label_keeps_its_qualifier_and_loses_its_explanation() {
        assert_eq!(short_label("Stable in 1.1"), "Stable in 1.1");
        assert_eq!(short_label("Active review (July 17–31)"), "Active review (July 17–31)");
        assert_eq!(short_label("Accepted (tracked in\n#9256)"), "Accepted (tracked in #9256)");
        assert_eq!(short_label("Accepted. We will revisit this in a year."), "Accepted");
        assert_eq!(short_label("2020-05-07 proposed"), "proposed");
        assert_eq!(short_label("2020-05-07"), "2020-05-07");
        assert_eq!(short_label(&"Accepted because ".repeat(10)).chars().count(), 61);
    }
}
