//! Dates as the corpora write them.
//!
//! Input: a raw string (`2020-01-05`, `2024-2-1`, `2020/05/18`, `January 5, 2020`, `5 Jan 2020`,
//! `January, 2020`, `10/04/18`, `22-10-2019`, `2020-01-05T10:00:00Z`, `20210315`).
//! Output: a [`jiff::civil::Date`], or `None` when the text is not a date.

use jiff::civil::Date;

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Reads a date. Day-first is assumed for `DD/MM/YY` unless the middle number cannot be a month.
pub fn parse_date(raw: &str) -> Option<Date> {
    let s = raw.trim().trim_matches(['"', '\'', '`', '*', '_']).trim().trim_end_matches(['.', ',']);
    if s.is_empty() {
        return None;
    }
    numeric(s).or_else(|| worded(s))
}

/// Whether `raw` asks the site generator for the file's own date rather than giving one:
/// Eleventy's `Last Modified`, `Created`, `git Last Modified` and `git Created`. Such a page is
/// dated as one that writes no date is (from its name or its history), without a warning.
pub fn names_the_files_date(raw: &str) -> bool {
    let s = raw.trim().trim_matches(['"', '\'']).trim().to_ascii_lowercase();
    let s = s.strip_prefix("git ").unwrap_or(&s);
    matches!(s, "last modified" | "created")
}

/// Whether `text` names a month alone, as a log's heading does (`November`, `December 2020`).
pub fn names_a_month(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [month] => month_of(month).is_some(),
        [month, year] => month_of(month).is_some() && year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    }
}

/// The date `raw` means when its author wrote the day before the month in a year-first date
/// (`2023-13-10` for 13 October): only when the month cannot be one and the day can.
pub fn month_and_day_swapped(raw: &str) -> Option<Date> {
    let s = raw.trim().trim_matches(['"', '\'', '`', '*', '_']).trim();
    let token = s.split(|c: char| c.is_whitespace() || matches!(c, 'T' | ';' | ',')).next()?;
    let parts: Vec<&str> = token.split(['-', '/', '.']).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    let (m, d): (i32, i32) = (m.parse().ok()?, d.parse().ok()?);
    (y.len() == 4 && m > 12 && d <= 12).then(|| ymd(y.parse().ok()?, d, m)).flatten()
}

fn ymd(y: i32, m: i32, d: i32) -> Option<Date> {
    let y = if y < 100 { 2000 + y } else { y };
    if !(1970..=2100).contains(&y) {
        return None;
    }
    Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

fn numeric(s: &str) -> Option<Date> {
    // Keep only the leading date-like token: `2020-01-05T10:00Z`, `2020-01-05 (updated)` or
    // `2018-08-30; Last update date: 2019-04-09` (the date a decision was made comes first).
    let token: &str = s.split(|c: char| c.is_whitespace() || matches!(c, 'T' | ';' | ',')).next()?;
    let parts: Vec<&str> = token.split(['-', '/', '.']).collect();
    let nums: Option<Vec<i32>> = parts.iter().map(|p| p.parse::<i32>().ok()).collect();
    let nums = nums?;
    match (parts.as_slice(), nums.as_slice()) {
        ([y], [_]) if y.len() == 8 => {
            let n = nums[0];
            ymd(n / 10000, n / 100 % 100, n % 100)
        }
        ([y, _], [yy, m]) if y.len() == 4 => ymd(*yy, *m, 1),
        // `01/2023`: a month, read as its first day, as `January 2023` is.
        ([m, y], [mm, yy]) if y.len() == 4 && m.len() <= 2 => ymd(*yy, *mm, 1),
        ([y, _, _], [yy, m, d]) if y.len() == 4 => ymd(*yy, *m, *d),
        ([_, _, y], [a, b, yy]) if y.len() == 4 || y.len() == 2 => {
            // DD/MM/YYYY unless the middle number cannot be a month (then MM/DD/YYYY).
            if *b > 12 { ymd(*yy, *a, *b) } else { ymd(*yy, *b, *a) }
        }
        _ => None,
    }
}

fn month_of(word: &str) -> Option<i32> {
    let w = word.trim_end_matches([',', '.']).to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .filter(|_| {
            // `march`, `mar`, `sept`: a prefix of the full month name.
            const FULL: [&str; 12] = [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ];
            FULL.iter().any(|f| f.starts_with(w.as_str()))
        })
        .map(|i| i as i32 + 1)
}

fn day_of(word: &str) -> Option<i32> {
    let w = word.trim_end_matches([',', '.']);
    let w = w.trim_end_matches("st").trim_end_matches("nd").trim_end_matches("rd").trim_end_matches("th");
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(word: &str) -> Option<i32> {
    let w = word.trim_end_matches([',', '.']);
    (w.len() == 4).then(|| w.parse().ok()).flatten()
}

fn worded(s: &str) -> Option<Date> {
    // `30th of May 2025`, `the 3rd of June`: the little words say nothing of the date.
    // `11-April-2023`: dashes between the words of a worded date.
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("of") && !w.eq_ignore_ascii_case("the"))
        .take(4)
        .collect();
    match words.as_slice() {
        [m, d, y, ..] if month_of(m).is_some() && day_of(d).is_some() && year_of(y).is_some() => {
            ymd(year_of(y)?, month_of(m)?, day_of(d)?)
        }
        [d, m, y, ..] if day_of(d).is_some() && month_of(m).is_some() && year_of(y).is_some() => {
            ymd(year_of(y)?, month_of(m)?, day_of(d)?)
        }
        // `2019 Jul 31`: the year first, as a change log's entries are sorted.
        [y, m, d, ..] if year_of(y).is_some() && month_of(m).is_some() && day_of(d).is_some() => {
            ymd(year_of(y)?, month_of(m)?, day_of(d)?)
        }
        [m, y, ..] if month_of(m).is_some() && year_of(y).is_some() => ymd(year_of(y)?, month_of(m)?, 1),
        _ => None,
    }
}

/// The date a document's path gives it: a full date in its file name or a folder's
/// ([`date_in_name`], the nearest first), else a year folder with the month and day in the file
/// name (`2023/wasmtime-02-16.md`) or a month folder and the day (`2023/02/16-notes.md`).
pub fn date_in_path(rel: &str) -> Option<Date> {
    if let Some(date) = rel.rsplit('/').find_map(date_in_name) {
        return Some(date);
    }
    let (folders, file) = rel.rsplit_once('/')?;
    let stem = file.split('.').next().unwrap_or(file);
    let folders: Vec<&str> = folders.split('/').collect();
    let two = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    let year_at =
        folders.iter().rposition(|f| f.len() == 4 && f.parse::<i32>().is_ok_and(|y| (1970..=2100).contains(&y)))?;
    let year: i32 = folders[year_at].parse().ok()?;
    match &folders[year_at + 1..] {
        // `2023/wasmtime-02-16.md`: the month and day are the only two-digit pair in the name.
        [] => {
            let parts: Vec<&str> = stem.split(['-', '_']).collect();
            let mut pairs = parts.windows(2).filter(|w| two(w[0]) && two(w[1]));
            match (pairs.next(), pairs.next()) {
                (Some(w), None) => ymd(year, w[0].parse().ok()?, w[1].parse().ok()?),
                _ => None,
            }
        }
        // `2023/02/16-notes.md`.
        [month] if two(month) => {
            let day = stem.split(['-', '_']).next().filter(|d| two(d))?;
            ymd(year, month.parse().ok()?, day.parse().ok()?)
        }
        _ => None,
    }
}

/// Finds a date written in a file or folder name: `2022-02-03-slug`, `20210315-slug`,
/// `T-compiler Meeting Agenda 2022-09-15`, `2018-05-24-to-2018-10-30--archive` (the first wins),
/// and the unpadded `2017-10-6--all-hands`.
pub fn date_in_name(name: &str) -> Option<Date> {
    let bytes = name.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    // Length of a run of one or two digits at `i` that is not followed by a third.
    let short = |i: usize| match (digit(i), digit(i + 1), digit(i + 2)) {
        (true, true, false) => Some(2),
        (true, false, _) => Some(1),
        _ => None,
    };
    for start in 0..bytes.len() {
        if start > 0 && bytes[start - 1].is_ascii_digit() {
            continue;
        }
        if (0..4).all(|k| digit(start + k)) {
            let sep = bytes.get(start + 4).copied();
            if matches!(sep, Some(b'-' | b'_' | b'.'))
                && let Some(m) = short(start + 5)
                && bytes.get(start + 5 + m) == sep.as_ref()
                && let Some(d) = short(start + 6 + m)
                && let Some(date) = numeric(&name[start..start + 6 + m + d].replace(['_', '.'], "-"))
            {
                return Some(date);
            }
            if (4..8).all(|k| digit(start + k))
                && !digit(start + 8)
                && let Some(d) = numeric(&name[start..start + 8])
            {
                return Some(d);
            }
        }
    }
    None
}

/// Whether a numeric date such as `03/04/2026` could be read day-first or month-first.
pub fn is_ambiguous(raw: &str) -> bool {
    let token = raw.split_whitespace().next().unwrap_or("");
    let parts: Vec<&str> = token.split(['/', '.', '-']).collect();
    match parts.as_slice() {
        [a, b, y] if y.len() != 1 && a.len() <= 2 && b.len() <= 2 => {
            matches!((a.parse::<u8>(), b.parse::<u8>()), (Ok(a), Ok(b)) if a != b && (1..=12).contains(&a) && (1..=12).contains(&b))
        }
        _ => false,
    }
}

/// `March 4`, `4 March`, `Mar 4th`: a month and day with no year, in `year`.
fn month_day(words: &[&str], year: i16) -> Option<Date> {
    match words {
        [m, d, ..] if month_of(m).is_some() && day_of(d).is_some() => ymd(year.into(), month_of(m)?, day_of(d)?),
        [d, m, ..] if day_of(d).is_some() && month_of(m).is_some() => ymd(year.into(), month_of(m)?, day_of(d)?),
        _ => None,
    }
}

/// Finds a date anywhere in a line of text, such as a heading (`IPFS All Hands Call 08 January
/// 2018`, `Standup — 2026-03-04`, `Weekly sync, June 25, 2018`). With a `year` (from a folder
/// such as `2026/Q1/`), a month and day without a year count too (`Standup March 4`).
pub fn date_in_text(text: &str, year: Option<i16>) -> Option<Date> {
    if let Some(d) = date_in_name(text) {
        return Some(d);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '—' | '–' | '|' | '*' | '_'))
        .filter(|w| !w.is_empty())
        .collect();
    for i in 0..words.len() {
        let rest = &words[i..];
        let window = rest.iter().take(3).copied().collect::<Vec<_>>().join(" ");
        if let Some(d) =
            worded(&window).filter(|_| day_of(rest[0]).is_some() || rest.get(1).is_some_and(|w| day_of(w).is_some()))
        {
            return Some(d);
        }
        if rest[0].contains('/')
            && let Some(d) = numeric(rest[0].trim_end_matches([',', '.', ':']))
        {
            return Some(d);
        }
    }
    let year = year?;
    (0..words.len()).find_map(|i| month_day(&words[i..], year))
}

/// A due date as action items write it: a whole date, or a month and day (`March 7`, `7 Mar`)
/// taken as the first such day on or after about six months before `written` — so a note from
/// December that says `due: Jan 10` means the next January.
pub fn due_date(raw: &str, written: Option<Date>) -> Option<Date> {
    if let Some(d) = parse_date(raw) {
        return Some(d);
    }
    let written = written?;
    let words: Vec<&str> = raw.split_whitespace().collect();
    let d = month_day(&words, written.year()).or_else(|| {
        // `3/7`: month first, as schedules write it.
        let (m, d) = raw.trim().split_once('/')?;
        ymd(written.year().into(), m.parse().ok()?, d.trim_end_matches([',', '.', ')']).parse().ok()?)
    })?;
    if d < written.checked_sub(jiff::Span::new().days(183)).ok()? {
        return d.checked_add(jiff::Span::new().years(1)).ok();
    }
    Some(d)
}

/// Reads a duration: `90d`, `90 days`, `6 months`, `6mo`, `1y`, `2 weeks`, ISO `P6M`, or a bare
/// number of days. `None` for anything else, and for zero or negative lengths.
pub fn parse_duration(raw: &str) -> Option<jiff::Span> {
    let s = raw.trim().trim_matches(['"', '\'']).trim();
    if let Ok(days) = s.parse::<i64>() {
        return (days > 0).then(|| jiff::Span::new().try_days(days).ok()).flatten();
    }
    let span: jiff::Span = s.parse().ok()?;
    (span.signum() > 0).then_some(span)
}

/// A duration in words for messages: `180 days`, `6 months`.
pub fn describe_duration(span: &jiff::Span) -> String {
    use jiff::fmt::friendly::{Designator, Spacing, SpanPrinter};
    SpanPrinter::new().designator(Designator::Verbose).spacing(Spacing::BetweenUnitsAndDesignators).span_to_string(span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_month_alone() {
        assert!(names_a_month("November") && names_a_month("Dec 2020"));
        assert!(!names_a_month("November 2") && !names_a_month("Marching orders") && !names_a_month("May we"));
    }

    #[test]
    fn a_generators_word_for_the_files_date_is_not_a_date() {
        for word in ["git Last Modified", "Last Modified", "git Created", "\"Created\""] {
            assert!(names_the_files_date(word), "{word}");
        }
        assert!(!names_the_files_date("2020-01-05") && !names_the_files_date("modified"));
    }

    #[test]
    fn formats_from_the_corpora() {
        assert_eq!(parse_date("2020-01-05"), Some(date(2020, 1, 5)));
        assert_eq!(parse_date("30th of May 2025"), Some(date(2025, 5, 30)));
        assert_eq!(parse_date("11-April-2023"), Some(date(2023, 4, 11)));
        assert_eq!(parse_date("2019 Jul 31"), Some(date(2019, 7, 31)));
        assert_eq!(parse_date("the 3rd of June, 2024"), Some(date(2024, 6, 3)));
        assert_eq!(parse_date("2024-2-1"), Some(date(2024, 2, 1)));
        assert_eq!(parse_date("2020/05/18"), Some(date(2020, 5, 18)));
        assert_eq!(parse_date("23-07-2014"), Some(date(2014, 7, 23)));
        assert_eq!(parse_date("10/04/18"), Some(date(2018, 4, 10)));
        assert_eq!(parse_date("04/23/18"), Some(date(2018, 4, 23)));
        assert_eq!(parse_date("January 5, 2020"), Some(date(2020, 1, 5)));
        assert_eq!(parse_date("5th Jan 2020"), Some(date(2020, 1, 5)));
        assert_eq!(parse_date("January, 2020"), Some(date(2020, 1, 1)));
        assert_eq!(parse_date("01/2023"), Some(date(2023, 1, 1)));
        assert_eq!(parse_date("13/2023"), None);
        assert_eq!(parse_date("Sept 2019"), Some(date(2019, 9, 1)));
        assert_eq!(parse_date("2020-01-05T10:00:00Z"), Some(date(2020, 1, 5)));
        assert_eq!(parse_date("\"2019-10-20\""), Some(date(2019, 10, 20)));
        assert_eq!(parse_date("20210315"), Some(date(2021, 3, 15)));
        assert_eq!(parse_date("2017-10"), Some(date(2017, 10, 1)));
        assert_eq!(parse_date("2018-08-30; Last update date: 2019-04-09"), Some(date(2018, 8, 30)));
        assert_eq!(parse_date("2018-08-30, amended 2019-01-02"), Some(date(2018, 8, 30)));
        assert_eq!(parse_date("2023-13-10"), None);
        assert_eq!(date_in_path("wasmtime/2023/wasmtime-02-16.md"), Some(date(2023, 2, 16)));
        assert_eq!(date_in_path("notes/2023/02/16-sync.md"), Some(date(2023, 2, 16)));
        assert_eq!(date_in_path("minutes/2022-02-03-slug/README.md"), Some(date(2022, 2, 3)));
        assert_eq!(date_in_path("docs/2023/guide.md"), None, "a year folder alone is no day");
        assert_eq!(date_in_path("docs/2023/v1-02-03-04.md"), None, "two pairs: which one?");
        assert_eq!(date_in_path("docs/2023/13-40.md"), None);
        assert_eq!(month_and_day_swapped("2023-13-10"), Some(date(2023, 10, 13)));
        assert_eq!(month_and_day_swapped("2023-10-13"), None, "nothing swapped");
        assert_eq!(month_and_day_swapped("2023-13-14"), None, "neither is a month");
    }

    #[test]
    fn non_dates() {
        assert_eq!(parse_date("yyyy-mm-dd"), None);
        assert_eq!(parse_date("2023-24-05"), None);
        assert_eq!(parse_date("[YYYY-MM-DD when the decision was last updated]"), None);
        assert_eq!(parse_date("Mayhem 2020"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn durations() {
        let d = |s| parse_duration(s).map(|s| date(2026, 1, 31).checked_add(s).unwrap());
        assert_eq!(d("90d"), Some(date(2026, 5, 1)));
        assert_eq!(d("90 days"), Some(date(2026, 5, 1)));
        assert_eq!(d("180"), Some(date(2026, 7, 30)));
        assert_eq!(d("6 months"), Some(date(2026, 7, 31)));
        assert_eq!(d("1y"), Some(date(2027, 1, 31)));
        assert_eq!(d("2 weeks"), Some(date(2026, 2, 14)));
        assert_eq!(d("P1M"), Some(date(2026, 2, 28)));
        assert_eq!(d("soon"), None);
        assert_eq!(d("0"), None);
        assert_eq!(describe_duration(&parse_duration("180d").unwrap()), "180 days");
        assert_eq!(describe_duration(&parse_duration("6 months").unwrap()), "6 months");
    }

    #[test]
    fn dates_in_names() {
        assert_eq!(date_in_name("2022-02-03-integration-testing"), Some(date(2022, 2, 3)));
        assert_eq!(date_in_name("20210315-use-markdown"), Some(date(2021, 3, 15)));
        assert_eq!(date_in_name("T-compiler Meeting Agenda 2022-09-15"), Some(date(2022, 9, 15)));
        assert_eq!(date_in_name("0005-use-postgres"), None);
        assert_eq!(date_in_name("43651-type-parameters"), None);
        assert_eq!(date_in_name("2017-10-6--all-hands"), Some(date(2017, 10, 6)));
        assert_eq!(date_in_name("T-compiler Meeting Agenda 2026-04-2"), Some(date(2026, 4, 2)));
        assert_eq!(date_in_name("v2019-123-4"), None);
    }

    #[test]
    fn dates_in_text() {
        assert_eq!(date_in_text("IPFS All Hands Call 08 January 2018", None), Some(date(2018, 1, 8)));
        assert_eq!(date_in_text("⚡️ⒿⓈ Core Dev Team Weekly Sync 🙌🏽 June 25, 2018", None), Some(date(2018, 6, 25)));
        assert_eq!(date_in_text("Standup — 2026-03-04", None), Some(date(2026, 3, 4)));
        assert_eq!(date_in_text("Sync of 04/03/2026", None), Some(date(2026, 3, 4)));
        assert_eq!(date_in_text("Standup March 4", Some(2026)), Some(date(2026, 3, 4)));
        assert_eq!(date_in_text("Standup March 4", None), None);
        assert_eq!(date_in_text("Team sync", Some(2026)), None);
        assert_eq!(date_in_text("Q2 2026 planning", None), None);
    }

    #[test]
    fn ambiguous_dates() {
        assert!(is_ambiguous("03/04/2026"));
        assert!(is_ambiguous("3.4.26"));
        assert!(!is_ambiguous("13/04/2026"));
        assert!(!is_ambiguous("04/04/2026"));
        assert!(!is_ambiguous("2026-03-04"));
        assert!(!is_ambiguous("March 4, 2026"));
    }

    #[test]
    fn due_dates() {
        let written = Some(date(2026, 3, 2));
        assert_eq!(due_date("2026-03-07", written), Some(date(2026, 3, 7)));
        assert_eq!(due_date("March 7", written), Some(date(2026, 3, 7)));
        assert_eq!(due_date("7 Mar", written), Some(date(2026, 3, 7)));
        assert_eq!(due_date("3/7", written), Some(date(2026, 3, 7)));
        assert_eq!(due_date("Jan 10", Some(date(2026, 12, 14))), Some(date(2027, 1, 10)));
        assert_eq!(due_date("March 7", None), None);
        assert_eq!(due_date("Friday", written), None);
    }
}
