//! `adrsite init [DIR]`: sets a repository up — `adrsite.toml` naming the collections it found,
//! templates in the collections' own dialects, `.gitignore` entries, and the GitHub Pages
//! workflow — and starts a decision log (`docs/decisions/`) when there is none.
//!
//! Input: [`InitOptions`]. Output: what was written and what was kept ([`Initialized`]). An
//! existing file is never replaced without `--force`; `.gitignore` only gains missing lines.

use crate::author::new::{self, NewOptions};
use crate::author::style;
use crate::author::template::Template;
use crate::author::workflow::Workflow;
use crate::config::Config;
use crate::load::discover::{self, Origin};
use crate::vocab::DocKind;
use anyhow::Context as _;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// What `adrsite init` was asked for.
#[derive(Clone, Debug)]
pub struct InitOptions {
    /// The site directory (created when missing).
    pub dir: PathBuf,
    /// Replace files that exist.
    pub force: bool,
    /// Today, for the first decision's date.
    pub today: Date,
    /// Whether git may be asked for the branch, the remote and the repository root.
    pub git: bool,
}

/// What `init` did, for the summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Initialized {
    /// Files written, relative to the site directory (the workflow may be above it: `../.github/…`).
    pub written: Vec<String>,
    /// Files that existed and were kept.
    pub kept: Vec<String>,
    /// Collections found, as `path (kind)`.
    pub collections: Vec<String>,
    /// The first decision, when the site had no decision log.
    pub first_decision: Option<String>,
    /// The branch the workflow publishes.
    pub branch: String,
    /// Things to know (a collection's own template is used instead of a new one).
    pub notes: Vec<String>,
}

/// Sets the repository up.
pub fn run(opts: &InitOptions) -> anyhow::Result<Initialized> {
    let dir = &opts.dir;
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!(
            "{} is a file, not a folder\n  = help: pass the repository's folder: adrsite init path/to/repo",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut done = Initialized::default();
    let git = |args: &[&str]| {
        if opts.git { crate::load::git::ask(dir, args).filter(|s| !s.is_empty()) } else { None }
    };
    let top = git(&["rev-parse", "--show-toplevel"]).map(PathBuf::from);
    let prefix = git(&["rev-parse", "--show-prefix"]).unwrap_or_default();
    let branch = opts
        .git
        .then(|| crate::load::git::checkout(dir))
        .flatten()
        .and_then(|c| c.branch)
        .unwrap_or_else(|| "main".to_string());
    let repository = git(&["remote", "get-url", "origin"]).and_then(|u| crate::load::git::web_url(&u));

    // Collections as adrsite finds them without configuration.
    let config = Config::default();
    let inv = discover::walk(dir, &config, &[dir.join("_site")])?;
    let cols: Vec<_> = discover::collections(dir, &config, &inv)
        .into_iter()
        .filter(|c| c.origin != Origin::Inferred && !c.path.is_empty())
        .collect();
    if !cols.iter().any(|c| c.kind == DocKind::Adr) {
        let created = new::run(&NewOptions {
            dir: dir.clone(),
            kind: "adr".into(),
            title: "Record architecture decisions".into(),
            supersedes: None,
            amends: None,
            status: Some("accepted".into()),
            tags: Vec::new(),
            today: opts.today,
            git: opts.git,
        })?;
        let body = FIRST_DECISION;
        let path = dir.join(&created.path);
        let text = std::fs::read_to_string(&path)?;
        let head_end = text.find("\n## Context").unwrap_or(text.len());
        new::replace(&path, &format!("{}\n{body}", &text[..head_end].trim_end_matches('\n')))?;
        done.first_decision = Some(created.path.clone());
        done.written.push(created.path);
    }
    // Read again: the first decision's folder is a collection now.
    let inv = discover::walk(dir, &config, &[dir.join("_site")])?;
    let cols: Vec<_> = discover::collections(dir, &config, &inv)
        .into_iter()
        .filter(|c| c.origin != Origin::Inferred && !c.path.is_empty())
        .collect();
    done.collections = cols.iter().map(|c| format!("{} ({})", c.path, c.kind.as_str())).collect();

    let title = top
        .as_deref()
        .and_then(Path::file_name)
        .map(|n| crate::text::title_from_name(&n.to_string_lossy()))
        .unwrap_or_else(|| crate::pipeline::default_title(dir));
    let mut toml = format!(
        "# adrsite configuration: https://github.com/adrsite/adrsite#configuration\n\
         title = {}\n",
        style::toml_value(&format!("{title} decisions"))
    );
    match &repository {
        Some(url) => toml.push_str(&format!("# Edit links go to this repository, on this branch.\nrepository = {}\nbranch = {}\n", style::toml_value(url), style::toml_value(&branch))),
        None => toml.push_str(&format!(
            "# Edit links: uncomment with your repository's URL.\n# repository = \"https://github.com/OWNER/REPO\"\n# branch = {}\n",
            style::toml_value(&branch)
        )),
    }
    toml.push_str("# The Pages workflow passes the published URL with --base-url; set it here for local builds.\n# base_url = \"https://OWNER.github.io/REPO\"\n");
    if !cols.is_empty() {
        // Commented out: listing collections turns detection off, and a folder `adrsite new`
        // creates later (docs/rfcs) should be found without editing this file.
        toml.push_str("\n# The folders adrsite found. Uncomment to fix the list: only listed folders are then read.\n");
        for c in &cols {
            toml.push_str(&format!(
                "# [[collections]]\n# path = {}\n# kind = \"{}\"\n",
                style::toml_value(&c.path),
                c.kind.as_str()
            ));
        }
    }
    toml.push_str(
        "\n[attention]\n# How long a page may go without review, and a proposal without activity.\n# review_every = \"180d\"\n# stagnant_after = \"60d\"\n",
    );
    // The file must load: a typo here would break the first build.
    let parsed: toml::Value = toml::from_str(&toml).context("the generated adrsite.toml does not parse")?;
    drop(parsed);
    put(dir, "adrsite.toml", &toml, opts.force, &mut done)?;

    let mut build = crate::pipeline::BuildOptions::new(dir, opts.today);
    build.git = false;
    let (site, _) = crate::pipeline::read_site(&build)?;
    for t in Template::ALL {
        // A collection with its own template keeps it: `new` fills that one in.
        let own = match (t, cols.iter().find(|c| c.kind == t.kind())) {
            (Template::Adr | Template::Rfc, Some(c)) => crate::author::native::find(dir, &c.path),
            _ => None,
        };
        if let Some((path, _)) = own {
            done.notes.push(format!("`adrsite new {}` fills in the collection's own template, {path}", t.name()));
            continue;
        }
        // The documents of the kind as the site reads them, also those outside a known folder
        // (RFCs in a repository's `text/`), so that the template writes their dialect.
        let texts: Vec<&str> = site
            .docs
            .values()
            .filter(|d| d.kind == t.kind() && !crate::vocab::markdown_name::is_folder_index(&d.source))
            .take(50)
            .map(|d| &*d.text)
            .collect();
        let s = style::detect(texts.iter().copied());
        put(dir, &format!(".adrsite/templates/{}.md", t.name()), &t.text(&s), opts.force, &mut done)?;
    }

    // .gitignore gains what is missing; nothing is removed.
    let ignore = dir.join(".gitignore");
    let existing = std::fs::read_to_string(&ignore).unwrap_or_default();
    let missing: Vec<&str> = ["/_site/", "/.adrsite-cache/"]
        .into_iter()
        .filter(|l| {
            !existing.lines().any(|e| e.trim().trim_start_matches('/').trim_end_matches('/') == l.trim_matches('/'))
        })
        .collect();
    if !missing.is_empty() {
        let mut text = existing.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("# adrsite: the built site and the search cache\n");
        for l in &missing {
            text.push_str(l);
            text.push('\n');
        }
        new::replace(&ignore, &text)?;
        done.written.push(".gitignore".into());
    }

    // The workflow lives at the repository's top, which may be above the site directory.
    let (root, site) = match &top {
        Some(top) if !prefix.is_empty() => (top.clone(), prefix.trim_end_matches('/').to_string()),
        _ => (dir.clone(), ".".to_string()),
    };
    let workflow = Workflow { branch: branch.clone(), site, action: crate::author::workflow::action() };
    let rel_root = if root == *dir { String::new() } else { "../".repeat(prefix.matches('/').count()) };
    put(dir, &format!("{rel_root}.github/workflows/adrsite.yml"), &workflow.yaml(), opts.force, &mut done)?;
    done.branch = branch;
    Ok(done)
}

/// Writes `rel` unless it exists (or `force`).
fn put(dir: &Path, rel: &str, text: &str, force: bool, done: &mut Initialized) -> anyhow::Result<()> {
    let path = dir.join(rel);
    if path.exists() && !force {
        done.kept.push(rel.to_string());
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    new::replace(&path, text)?;
    done.written.push(rel.to_string());
    Ok(())
}

/// The body of the first decision: the decision to keep decision records.
const FIRST_DECISION: &str = "## Context

We need to record the architectural decisions made on this project, so that people joining later \
can find out what was decided, why, and by whom — without asking someone who may have left.

## Options considered

1. **Architecture decision records** in the repository, reviewed like code.
2. **A wiki page** per decision.
3. **Nothing written down**; decisions live in chat and meetings.

## Decision

We will use architecture decision records, as described by Michael Nygard in \
[Documenting Architecture Decisions](https://cognitect.com/blog/2011/11/15/documenting-architecture-decisions), \
kept in this folder and published with adrsite. A new one starts with `adrsite new adr \"Title\"`.

## Consequences

Decisions are reviewed in pull requests, searchable on the published site, and marked when \
superseded. Writing one takes an hour; not writing one costs more the first time someone asks why.
";
