// adrsite search client: a dependency-free ES module. It reads the static index that
// `adrsite build` exports into search/ and ranks exactly as `adrsite search` does: the same query
// rules (src/search/analysis.rs) and the same formula over the same integer impacts
// (src/search/rank.rs). Keep the three in step; a test compares them on real corpora.
//
//   import { createSearch } from './search/search.js';
//   const s = createSearch({ baseUrl: 'https://org.github.io/repo/' });
//   const hits = await s.search('why did we choose postgres?');
//
// Works in browsers and under Node 20 (pass a `fetch` that reads files).

const WORD = /[\p{Alphabetic}\p{N}]+/gu;

/** Lowercase words, split exactly as tantivy's SimpleTokenizer and LowerCaser do. */
export function words(text) {
  return (text.match(WORD) || []).map((w) => w.toLowerCase());
}

/** The site's URL slug rule (src/text.rs `slugify`). */
export function slugify(s) {
  let out = '';
  let dash = false;
  for (const c of s) {
    if (/[\p{Alphabetic}\p{N}]/u.test(c)) {
      if (dash && out.length > 0) out += '-';
      dash = false;
      out += c.toLowerCase();
    } else {
      dash = true;
    }
  }
  return out;
}

/** Parses a question into concepts, required concepts (quoted phrases) and filters. */
export function parse(query, rules) {
  const parsed = { concepts: [], required: [], filters: [] };
  let free = '';
  const phrases = [];
  let rest = query;
  for (;;) {
    const open = rest.indexOf('"');
    if (open < 0) break;
    free += rest.slice(0, open) + ' ';
    const after = rest.slice(open + 1);
    const close = after.indexOf('"');
    if (close >= 0) {
      phrases.push(after.slice(0, close));
      rest = after.slice(close + 1);
    } else {
      rest = after;
    }
  }
  free += rest;
  let text = '';
  for (const token of free.split(/\s+/).filter((t) => t.length > 0)) {
    const colon = token.indexOf(':');
    if (colon >= 0) {
      const key = token.slice(0, colon).toLowerCase();
      const value = token.slice(colon + 1);
      if (rules.filter_keys.includes(key) && value.length > 0) {
        const v = key === 'tag' ? slugify(value) : value.toLowerCase();
        parsed.filters.push(`${key}:${v}`);
        continue;
      }
    }
    text += token + ' ';
  }
  parsed.filters = [...new Set(parsed.filters)].sort(compareStrings);
  for (const phrase of phrases) {
    for (const w of contentWords(words(phrase), rules)) {
      const at = addConcept(parsed, w, rules);
      if (!parsed.required.includes(at)) parsed.required.push(at);
    }
  }
  for (const w of contentWords(words(text), rules)) addConcept(parsed, w, rules);
  parsed.required.sort((a, b) => a - b);
  return parsed;
}

function contentWords(all, rules) {
  const out = [];
  all.forEach((w, i) => {
    if (rules.stopwords.includes(w)) return;
    if (rules.frame_verbs.includes(w) && i > 0 && rules.frame_subjects.includes(all[i - 1])) return;
    out.push(w);
  });
  return out;
}

function addConcept(parsed, word, rules) {
  const i = parsed.concepts.findIndex((c) => c.word === word || c.surfaces.includes(word));
  if (i >= 0) return i;
  const own = Object.prototype.hasOwnProperty.call(rules.aliases, word);
  const surfaces = own ? [...rules.aliases[word]] : [word];
  parsed.concepts.push({ word, surfaces });
  return parsed.concepts.length - 1;
}

/** Byte-wise order of UTF-8 strings, as Rust sorts them. */
function compareStrings(a, b) {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) if (ea[i] !== eb[i]) return ea[i] - eb[i];
  return ea.length - eb.length;
}

/** Index of the shard whose first key is the greatest one not after `key`. */
function shardOf(firstKeys, key) {
  let lo = 0;
  let hi = firstKeys.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (compareStrings(firstKeys[mid], key) <= 0) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Creates a search over the site at `baseUrl` (the site root; `search/` is below it).
 * `fetch` defaults to the global one; anything returning `{ ok, json() }` works.
 */
export function createSearch({ baseUrl = './', fetch: fetchImpl = globalThis.fetch } = {}) {
  const base = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
  const files = new Map();
  const load = (path) => {
    if (!files.has(path)) {
      files.set(
        path,
        Promise.resolve(fetchImpl(base + 'search/' + path)).then((r) => {
          if (!r.ok) throw new Error(`adrsite search: cannot load search/${path}`);
          return r.json();
        }),
      );
    }
    return files.get(path);
  };
  const manifest = () => load('manifest.json');

  async function stemOf(word) {
    const m = await manifest();
    const i = shardOf(m.words, word);
    if (i < 0) return null;
    for (const entry of await load(`words/${i}.json`)) {
      if (entry[0] === word) return entry.length > 1 ? entry[1] : entry[0];
    }
    return null;
  }

  async function postings(key) {
    const m = await manifest();
    const i = shardOf(m.terms, key);
    if (i < 0) return null;
    const shard = await load(`terms/${i}.json`);
    return Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : null;
  }

  async function impacts(stem) {
    const flat = (await postings(stem)) || [];
    const out = [];
    let ord = 0;
    for (let i = 0; i < flat.length; i += 2) {
      ord += flat[i];
      out.push([ord, flat[i + 1]]);
    }
    return out;
  }

  async function filtered(filter) {
    const deltas = (await postings(filter)) || [];
    const out = [];
    let ord = 0;
    for (const d of deltas) {
      ord += d;
      out.push(ord);
    }
    return out;
  }

  /** Ranks documents; returns `{ ord, score }` best first (src/search/rank.rs). */
  async function rank(parsed, limit) {
    const n = parsed.concepts.length;
    if (n === 0 && parsed.filters.length === 0) return [];
    const perConcept = [];
    for (const concept of parsed.concepts) {
      const stems = new Set();
      for (const surface of concept.surfaces) {
        const stem = await stemOf(surface);
        if (stem !== null) stems.add(stem);
      }
      const best = new Map();
      for (const stem of stems) {
        for (const [ord, impact] of await impacts(stem)) {
          best.set(ord, Math.max(best.get(ord) || 0, impact));
        }
      }
      perConcept.push(best);
    }
    let allowed = null;
    for (const f of parsed.filters) {
      const set = new Set(await filtered(f));
      allowed = allowed === null ? set : new Set([...allowed].filter((o) => set.has(o)));
    }
    let candidates;
    if (n === 0) {
      candidates = allowed === null ? [] : [...allowed];
    } else {
      const all = new Set();
      for (const m of perConcept) for (const ord of m.keys()) all.add(ord);
      candidates = [...all];
    }
    candidates.sort((a, b) => a - b);
    const ranked = [];
    for (const ord of candidates) {
      if (allowed !== null && !allowed.has(ord)) continue;
      if (parsed.required.some((i) => !perConcept[i].has(ord))) continue;
      let sum = 0;
      let matched = 0;
      for (const m of perConcept) {
        if (m.has(ord)) {
          sum += m.get(ord);
          matched += 1;
        }
      }
      const score = n === 0 ? 0 : (sum * (n + matched)) / (2 * n);
      ranked.push({ ord, score });
    }
    ranked.sort((a, b) => b.score - a.score || a.ord - b.ord);
    return ranked.slice(0, limit);
  }

  /**
   * Answers a question. Resolves to hits `{ rank, score, title, display_id?, kind, status, date?,
   * url, source, excerpt, successor? }`, best first; `url` is relative to the site root.
   */
  async function search(query, { limit = 10 } = {}) {
    const m = await manifest();
    const parsed = parse(query, m.rules);
    const ranked = await rank(parsed, limit);
    const hits = [];
    for (const [i, r] of ranked.entries()) {
      const shard = await load(`docs/${Math.floor(r.ord / m.doc_shard)}.json`);
      hits.push({ rank: i + 1, score: r.score, ...shard[r.ord % m.doc_shard] });
    }
    return hits;
  }

  /** The words of `query` that results should highlight: its concepts and their aliases. */
  async function terms(query) {
    const m = await manifest();
    const parsed = parse(query, m.rules);
    return [...new Set(parsed.concepts.flatMap((c) => c.surfaces))];
  }

  return { search, terms, parse: async (q) => parse(q, (await manifest()).rules) };
}
