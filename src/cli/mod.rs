//! The command line: parse what was typed, validate it into [`BuildOptions`], run, print
//! diagnostics and a summary, and map the outcome to an exit code (0 success; 1 content errors,
//! or warnings under `--strict`; 2 usage, configuration or internal error).

use crate::diagnostic::{self, MessageFormat, Tally};
use crate::pipeline::{self, BuildOptions, BuildReport};
use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use jiff::civil::Date;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

mod search;

/// `0.1.0 (commit 1a2b3c4d5e6f)`: the release and the commit it was built from, so that a bug
/// report names the exact build.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("ADRSITE_COMMIT"), ")");

/// Turn a repository's decision history into a cross-linked static site.
#[derive(Debug, Parser)]
#[command(name = "adrsite", version = VERSION, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into OUT (default DIR/_site)
    Build(BuildArgs),
    /// Report every diagnostic without writing anything (the CI lint)
    Check(CommonArgs),
    /// Answer a question from the decision log: adrsite search [DIR] "why did we choose postgres"
    Search(search::SearchArgs),
    /// Preview the site with live reload: rebuilds on every save, shows errors in the browser
    Serve(ServeArgs),
    /// Start the next document from its template: adrsite new adr "Use PostgreSQL"
    New(NewArgs),
    /// Set a repository up: adrsite.toml, templates, .gitignore and the GitHub Pages workflow
    Init(InitArgs),
    /// What was decided and proposed lately, and what needs attention, ready to post into chat
    Digest(DigestArgs),
}

#[derive(Debug, Args)]
struct DigestArgs {
    /// The site directory
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The window: a first day (2026-11-01) or a length back from today (7d, 2w, 1m)
    #[arg(long, default_value = "7d", value_name = "DATE|DURATION")]
    since: String,
    /// How to write it
    #[arg(long, value_enum, default_value_t = crate::render::digest::DigestFormat::Markdown)]
    format: crate::render::digest::DigestFormat,
    /// The URL the site is published at, to link each document [default: base_url in adrsite.toml]
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    base_url: Option<String>,
    /// The last day of the window instead of the clock's today
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
    /// Do not read dates from git history
    #[arg(long)]
    no_git: bool,
    /// In an organisation's site, read git sources from the cache as they are, without fetching
    #[arg(long)]
    offline: bool,
}

#[derive(Debug, Args)]
#[command(override_usage = "adrsite new [OPTIONS] <KIND> <TITLE>")]
struct NewArgs {
    /// adr, rfc, handbook, standup or meeting; or a collection's folder (docs/adr) when the site
    /// has several of a kind
    kind: String,
    /// The title
    title: String,
    /// The site directory
    #[arg(long, default_value = ".", value_name = "DIR")]
    dir: PathBuf,
    /// The document this one replaces (ADR-0005, 5, or its file); its status is set to superseded
    #[arg(long, value_name = "ID")]
    supersedes: Option<String>,
    /// The document this one amends; it gains an "Amended by" link
    #[arg(long, value_name = "ID")]
    amends: Option<String>,
    /// Status to start with [default: proposed for an ADR, draft for an RFC]
    #[arg(long, value_name = "STATUS")]
    status: Option<String>,
    /// A tag (repeat for more)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Date the document with this day instead of the clock
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
    /// Do not ask git for your name or for numbers used earlier in the folder's history
    #[arg(long)]
    no_git: bool,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The repository (or the folder in it that holds the documents); created when missing
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Replace files that already exist
    #[arg(long)]
    force: bool,
    /// Date the first decision with this day instead of the clock
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
    /// Do not ask git for the branch, the remote or the repository's top folder
    #[arg(long)]
    no_git: bool,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// The site directory
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Port to listen on [default: 3000, or the next free one]
    #[arg(long)]
    port: Option<u16>,
    /// Address to listen on; anything but loopback exposes the site to the network
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Open the site in a browser
    #[arg(long)]
    open: bool,
    /// Also answer requests addressed to this host name (repeatable); loopback names and the
    /// --bind address are always answered
    #[arg(long = "allowed-host", value_name = "NAME")]
    allowed_host: Vec<String>,
    /// How to notice changes: the system's notifications, or polling for file systems without them
    #[arg(long, value_enum, default_value_t = crate::serve::watch::WatcherKind::Native)]
    watcher: crate::serve::watch::WatcherKind,
    /// Evaluate dates against this day instead of the clock
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
    /// Where the search index and the preview are kept [default: DIR/.adrsite-cache]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Do not read dates from git history
    #[arg(long)]
    no_git: bool,
    /// In an organisation's site, read git sources from the cache as they are, without fetching
    #[arg(long)]
    offline: bool,
}

#[derive(Debug, Args)]
struct CommonArgs {
    /// The site directory: the repository or the folder holding the documents
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Evaluate dates against this day (YYYY-MM-DD) instead of the clock; also read from SOURCE_DATE_EPOCH
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<Date>,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    strict: bool,
    /// How to print diagnostics
    #[arg(long, value_enum, default_value_t = MessageFormat::Human, value_name = "FORMAT")]
    message_format: MessageFormat,
    /// Print only errors
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,
    /// Print the collections found and more detail
    #[arg(short, long)]
    verbose: bool,
    /// Do not read created and last-changed dates from git history
    #[arg(long)]
    no_git: bool,
    /// In an organisation's site, read git sources from the cache as they are, without fetching
    #[arg(long)]
    offline: bool,
    /// In an organisation's site, build the commits recorded in adrsite.lock
    #[arg(long, conflicts_with = "offline")]
    locked: bool,
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Output directory [default: DIR/_site]
    #[arg(short, long, value_name = "OUT")]
    out: Option<PathBuf>,
    /// Absolute URL the site is published at, for canonical links and the sitemap
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    base_url: Option<String>,
    /// Where the search index is kept between builds [default: DIR/.adrsite-cache]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
}

fn parse_base_url(s: &str) -> Result<String, String> {
    if s.starts_with("https://") || s.starts_with("http://") {
        Ok(s.to_string())
    } else {
        Err(format!("`{s}` is not an absolute URL; write it as https://example.org/path"))
    }
}

fn parse_today(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|_| format!("`{s}` is not a date; write it as YYYY-MM-DD"))
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn today(arg: Option<Date>) -> anyhow::Result<Date> {
    if let Some(d) = arg {
        return Ok(d);
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 =
            epoch.trim().parse().with_context(|| format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds"))?;
        let ts = jiff::Timestamp::from_second(secs)
            .with_context(|| format!("SOURCE_DATE_EPOCH `{epoch}` is out of range"))?;
        return Ok(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    Ok(jiff::Zoned::now().date())
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(args) => {
            let common = &args.common;
            let mut opts = BuildOptions::new(&common.dir, today(common.today)?);
            opts.git = !common.no_git;
            (opts.offline, opts.locked) = (common.offline, common.locked);
            opts.on_fetch = fetch_progress(common);
            opts.out = args.out.clone();
            opts.base_url = args.base_url.clone();
            opts.cache_dir = args.cache_dir.clone();
            let bar = progress_bar(common);
            if let Some(bar) = &bar {
                let bar = bar.clone();
                opts.on_page = Some(std::sync::Arc::new(move |n, total| {
                    bar.set_length(total as u64);
                    bar.set_position(n as u64);
                }));
            }
            let report = pipeline::build(&opts);
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            finish(common, &report?, "Built")
        }
        Command::Search(args) => search::run(args),
        Command::Serve(args) => {
            let mut build = BuildOptions::new(&args.dir, today(args.today)?);
            build.git = !args.no_git;
            build.offline = args.offline;
            build.cache_dir = args.cache_dir;
            crate::serve::run(crate::serve::ServeOptions {
                build,
                port: args.port,
                bind: args.bind,
                open: args.open,
                watcher: args.watcher,
                allowed_hosts: args.allowed_host,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::New(args) => {
            let created = crate::author::new::run(&crate::author::new::NewOptions {
                dir: args.dir.clone(),
                kind: args.kind,
                title: args.title,
                supersedes: args.supersedes,
                amends: args.amends,
                status: args.status,
                tags: args.tags,
                today: today(args.today)?,
                git: !args.no_git,
            })?;
            let mut err = std::io::stderr().lock();
            for source in &created.edited {
                let _ = writeln!(err, "updated {}", args.dir.join(source).display());
            }
            for note in &created.notes {
                let _ = writeln!(err, "note: {note}");
            }
            // The new file alone on stdout, so that `$EDITOR "$(adrsite new adr …)"` works.
            let _ = writeln!(std::io::stdout(), "{}", args.dir.join(&created.path).display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Init(args) => {
            let done = crate::author::init::run(&crate::author::init::InitOptions {
                dir: args.dir.clone(),
                force: args.force,
                today: today(args.today)?,
                git: !args.no_git,
            })?;
            let mut err = std::io::stderr().lock();
            for c in &done.collections {
                let _ = writeln!(err, "found {c}");
            }
            for w in &done.written {
                let _ = writeln!(err, "wrote {}", args.dir.join(w).display());
            }
            for k in &done.kept {
                let _ = writeln!(err, "kept {} (it exists; --force replaces it)", args.dir.join(k).display());
            }
            for note in &done.notes {
                let _ = writeln!(err, "note: {note}");
            }
            let serve = format!("adrsite serve {}", args.dir.display());
            let _ = writeln!(
                err,
                "\nNext:\n  {serve:<28} preview the site with live reload\n  {:<28} start the next decision\nBefore the first push, enable GitHub Pages once in the repository's\n  {}\nor the first deployment fails. Then:\n  git add -A && git commit -m \"Publish decisions with adrsite\" && git push\nEvery push to `{}` publishes the site; every pull request is checked with `adrsite check --strict`.",
                "adrsite new adr \"Title\"",
                crate::author::workflow::ENABLE_PAGES,
                done.branch,
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Digest(args) => digest(args),
        Command::Check(common) => {
            let mut opts = BuildOptions::new(&common.dir, today(common.today)?);
            opts.git = !common.no_git;
            (opts.offline, opts.locked) = (common.offline, common.locked);
            opts.on_fetch = fetch_progress(&common);
            finish(&common, &pipeline::check(&opts)?, "Checked")
        }
    }
}

/// Fetching an organisation's git sources: a line per source on a terminal.
fn fetch_progress(common: &CommonArgs) -> Option<pipeline::FetchProgress> {
    let bar = progress_bar(common)?;
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} fetching sources {pos}/{len} {wide_bar} {msg}")
            .expect("static template"),
    );
    Some(std::sync::Arc::new(move |name: &str, n, total| {
        bar.set_length(total as u64);
        bar.set_position(n as u64);
        bar.set_message(name.to_string());
        if n == total {
            bar.finish_and_clear();
        }
    }))
}

fn progress_bar(common: &CommonArgs) -> Option<indicatif::ProgressBar> {
    if common.quiet || !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} rendering {pos}/{len} pages {wide_bar} {eta}")
            .expect("static template"),
    );
    Some(bar)
}

fn finish(common: &CommonArgs, report: &BuildReport, verb: &str) -> anyhow::Result<ExitCode> {
    let prefix = common.dir.to_string_lossy();
    let prefix = prefix.trim_end_matches('/');
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let (mut out, mut err) = (stdout.lock(), stderr.lock());
    if common.verbose {
        for c in &report.collections {
            let path = if c.path.is_empty() { "(elsewhere)" } else { c.path.as_str() };
            let _ = writeln!(err, "collection {path}: {} → /{}/ ({:?})", c.kind, c.slug, c.origin);
        }
        for p in &report.placements {
            let c = &report.collections[p.collection];
            let folder = if p.folder.is_empty() { "(top level)" } else { p.folder.as_str() };
            let _ = writeln!(err, "folder {folder}: {} → /{}/ because {}", c.kind, c.slug, p.why);
        }
        for (path, why) in &report.skipped {
            let _ = writeln!(err, "skipped {path}: {}", why.reason());
        }
    }
    for d in &report.diagnostics {
        if common.quiet && d.severity != diagnostic::Severity::Error {
            continue;
        }
        let text = diagnostic::format(d, common.message_format, prefix);
        // Machine formats go to stdout so they can be piped; a closed pipe is not an error.
        let _ = match common.message_format {
            MessageFormat::Human => writeln!(err, "{text}"),
            MessageFormat::Json | MessageFormat::Github => writeln!(out, "{text}"),
        };
    }
    if !common.quiet {
        for note in &report.notes {
            let _ = writeln!(err, "note: {note}");
        }
    }
    let tally = Tally::of(&report.diagnostics);
    if common.verbose {
        let stages: Vec<String> = report.stages.iter().map(|(s, d)| format!("{s} {:.2} s", d.as_secs_f64())).collect();
        let _ = writeln!(err, "stages: {}", stages.join(", "));
    }
    if !common.quiet {
        let pages = if report.pages > 0 { format!(" into {} pages", report.pages) } else { String::new() };
        let dest = report.out.as_ref().map(|o| format!(" → {}", o.display())).unwrap_or_default();
        let _ = writeln!(
            err,
            "{verb} {} documents{pages} in {:.2} s: {} warning{}, {} error{}{}{dest}",
            report.documents,
            report.elapsed.as_secs_f64(),
            tally.warnings,
            if tally.warnings == 1 { "" } else { "s" },
            tally.errors,
            if tally.errors == 1 { "" } else { "s" },
            if tally.infos > 0 { format!(" ({} info)", tally.infos) } else { String::new() },
        );
    }
    if tally.errors > 0 || (common.strict && tally.warnings > 0) {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn digest(args: DigestArgs) -> anyhow::Result<ExitCode> {
    let today = today(args.today)?;
    let from = match crate::date::parse_date(&args.since) {
        Some(day) => day,
        None => {
            let span = crate::date::parse_duration(&args.since).with_context(|| {
                format!(
                    "`--since {}` is neither a date nor a length\n  = help: write 2026-11-01, 7d, 2w or 1m",
                    args.since
                )
            })?;
            today.checked_sub(span).with_context(|| format!("`--since {}` reaches before the calendar", args.since))?
        }
    };
    if from > today {
        anyhow::bail!(
            "`--since {}` is after today ({today})\n  = help: the window ends today; give an earlier day",
            args.since
        );
    }
    let mut opts = BuildOptions::new(&args.dir, today);
    opts.git = !args.no_git;
    opts.offline = args.offline;
    let (site, config) = pipeline::read_site(&opts)?;
    let base_url = args.base_url.or(config.base_url.clone()).map(|u| u.trim_end_matches('/').to_string());
    let title = config.title.clone().unwrap_or_else(|| pipeline::default_title(&args.dir));
    let digest = crate::model::digest::digest(&site, from, today);
    let text = crate::render::digest::write(&digest, args.format, &format!("{title} digest"), base_url.as_deref());
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(ExitCode::SUCCESS)
}
