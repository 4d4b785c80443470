//! `adrsite search`: the question and the site directory, from the command line, to the hits
//! printed on the terminal (each with its status, source and the excerpt that matched, the
//! question's words marked) or as JSON, and a note naming the question's words no document uses.

use crate::pipeline::{self, BuildOptions};
use clap::Args;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(override_usage = "adrsite search [OPTIONS] [DIR] <QUERY>")]
pub(super) struct SearchArgs {
    /// The site directory (default: the current one), then the question
    #[arg(required = true, num_args = 1..=2, value_name = "[DIR] QUERY")]
    args: Vec<String>,
    /// How many hits to print
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print hits as a JSON array
    #[arg(long)]
    json: bool,
    /// Where the search index is kept [default: DIR/.adrsite-cache]
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Do not read dates from git history
    #[arg(long)]
    no_git: bool,
    /// In an organisation's site, read git sources from the cache as they are, without fetching
    #[arg(long)]
    offline: bool,
}

/// Answers the question on the terminal, or as JSON.
pub(super) fn run(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let (dir, query) = match args.args.as_slice() {
        [query] => (PathBuf::from("."), query.clone()),
        [dir, query] => (PathBuf::from(dir), query.clone()),
        _ => unreachable!("clap allows one or two values"),
    };
    let mut opts = BuildOptions::new(&dir, super::today(None)?);
    opts.git = !args.no_git;
    opts.offline = args.offline;
    opts.cache_dir = args.cache_dir;
    let index = pipeline::search_index(&opts)?;
    let hits = index.search(&query, args.limit)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&hits)?);
        return Ok(ExitCode::SUCCESS);
    }
    let words = index.query_words(&query)?;
    // Words no document uses are where a team's vocabulary differs from the question's: say so,
    // and where to teach adrsite the team's word.
    let note = |err: &mut std::io::StderrLock| {
        if !words.unmatched.is_empty() {
            let words = words.unmatched.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ");
            let _ = writeln!(err, "note: no document uses {words}");
            let _ = writeln!(
                err,
                "  = help: if the documents say it in other words, add them as a group to `related` under [search] in adrsite.toml"
            );
        }
    };
    if hits.is_empty() {
        let mut err = std::io::stderr().lock();
        let ask = "\n  = help: name what the question is about, as in \"why did we choose postgres\"";
        let help = if words.asks_nothing() { ask } else { "" };
        let _ = writeln!(err, "no document matches `{query}`{help}");
        note(&mut err);
        return Ok(ExitCode::from(1));
    }
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for hit in &hits {
        let m = &hit.meta;
        let status = m.status.map_or(m.kind.as_str(), |s| s.as_str());
        let id = m.display_id.as_deref().map(|i| format!("{i} ")).unwrap_or_default();
        let title = if color { format!("\x1b[1m{id}{}\x1b[0m", m.title) } else { format!("{id}{}", m.title) };
        let _ = writeln!(out, "{:>2}. [{status}] {title}", hit.rank);
        // A source of an organisation's site is named, not joined to this folder.
        let mut line = match &m.origin {
            Some(origin) => format!("{origin}: {}", m.source.strip_prefix(&format!("{origin}/")).unwrap_or(&m.source)),
            None => dir.join(&m.source).display().to_string(),
        };
        for part in m.date.iter().chain(std::iter::once(&m.people.join(", ")).filter(|p| !p.is_empty())) {
            line.push_str(" · ");
            line.push_str(part);
        }
        let _ = writeln!(out, "    {line}");
        let _ = writeln!(out, "    {}", highlight(&m.excerpt, &words.stems, &words.phrases, color));
        if let Some(s) = &m.successor {
            let _ = writeln!(out, "    superseded by {}", s.title);
        }
    }
    note(&mut std::io::stderr().lock());
    Ok(ExitCode::SUCCESS)
}

/// Marks the words of `text` whose stem is one of the query's, and the words of a related phrase
/// where they stand together: bold on a terminal, `**word**` otherwise.
fn highlight(text: &str, stems: &[String], phrases: &[Vec<String>], color: bool) -> String {
    // The text as runs of word and non-word characters.
    let mut runs: Vec<(String, bool)> = Vec::new();
    for c in text.chars() {
        match runs.last_mut() {
            Some((run, word)) if *word == c.is_alphanumeric() => run.push(c),
            _ => runs.push((c.to_string(), c.is_alphanumeric())),
        }
    }
    let words: Vec<usize> = (0..runs.len()).filter(|&i| runs[i].1).collect();
    let lower: Vec<String> = words.iter().map(|&i| runs[i].0.to_lowercase()).collect();
    let starts = |w: &str, s: &String| !s.is_empty() && w.starts_with(s.as_str());
    let mut marked: Vec<bool> = lower.iter().map(|w| stems.iter().any(|s| starts(w, s))).collect();
    for phrase in phrases.iter().filter(|p| !p.is_empty()) {
        for at in 0..lower.len().saturating_sub(phrase.len() - 1) {
            if phrase.iter().zip(&lower[at..]).all(|(s, w)| starts(w, s)) {
                marked[at..at + phrase.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut next = 0;
    for (i, (run, _)) in runs.iter().enumerate() {
        let word = words.get(next) == Some(&i);
        let hit = word && marked[next];
        next += usize::from(word);
        match (hit, color) {
            (true, true) => out.push_str(&format!("\x1b[1;33m{run}\x1b[0m")),
            (true, false) => out.push_str(&format!("**{run}**")),
            (false, _) => out.push_str(run),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::highlight;

    #[test]
    fn a_related_phrase_is_marked_only_where_its_words_stand_together() {
        let (stems, phrases) = (["budget".to_string()], [vec!["spend".to_string(), "plan".to_string()]]);
        let text = "We planned the budget, a spending plan.";
        assert_eq!(highlight(text, &stems, &phrases, false), "We planned the **budget**, a **spending** **plan**.");
        assert_eq!(highlight("no plan", &[], &[vec!["is".into(), "down".into()]], false), "no plan");
    }
}
