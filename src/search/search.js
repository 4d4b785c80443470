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
/** The passage mask of a term that is everywhere in a document (src/search/passage.rs). */
const EVERYWHERE = 0xffffffff;

/** Lowercase words, split exactly as tantivy's SimpleTokenizer and LowerCaser do. */
export function words(text) {
  return (text.match(WORD) || []).map((w) => w.toLowerCase());
}

/**
 * Which of a passage's pieces a hit shows: the first that holds the most of the question, each
 * concept given as `{ stems, counts }`: the index terms it may match and its weight times
 * rarity (src/search/passage.rs `best_piece`).
 */
export function bestPiece(pieces, concepts) {
  let best = 0;
  let most = 0;
  for (const [i, piece] of pieces.entries()) {
    const ws = words(piece);
    let held = 0;
    for (const { stems, counts } of concepts) {
      if (stems.some((s) => s !== '' && ws.some((w) => w.startsWith(s)))) held += counts;
    }
    if (held > most) {
      best = i;
      most = held;
    }
  }
  return best;
}

/**
 * What a hit on a document with passages shows instead of its excerpt, or null: of the passage
 * its question matched, the best piece; when no one passage matched, its best piece of all when
 * that holds more of the question than its opening (src/search/passage.rs `shown`).
 */
export function shownPiece(leads, passage, concepts) {
  if (passage !== null) {
    const pieces = leads[passage];
    if (pieces === undefined) return null;
    const best = pieces[bestPiece(pieces, concepts)];
    return best === undefined ? null : best;
  }
  const all = leads.flat();
  const best = bestPiece(all, concepts);
  return best > 0 ? all[best] : null;
}

/** The index terms an expansion may match (src/search/rank.rs `Expansion::stems`). */
function stemsOfExpansion(x, rules) {
  const single = x.related.filter((r) => r.length === 1).flat().filter((w) => !rules.stopwords.includes(w));
  return [...new Set([...x.exact, ...single, ...x.completions, ...x.corrections])];
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

/** Whether a word is a number or a version (src/search/weight.rs `is_number_like`). */
export function isNumberLike(word) {
  return /^[0-9]+$/.test(word) || /^v[0-9]+$/.test(word) || /^[0-9]+[a-z]{0,2}$/.test(word);
}

/** Whether a word reads as an adverb of manner (src/search/weight.rs `is_adverb`). */
export function isAdverb(word) {
  return [...word].length >= 8 && word.endsWith('ly') && !word.endsWith('bly');
}

function opens(words, opening) {
  return opening.length <= words.length && opening.every((o, i) => o === '*' || o === words[i]);
}

/** The intent of a question (src/search/intent.rs `detect`), as its row index. */
export function detectIntent(ws, rules) {
  const r = rules.intent;
  const anyOf = (set) => ws.some((w) => set.includes(w));
  let name = 'plain';
  if (r.why_openings.some((o) => opens(ws, o))) name = 'why';
  else if (r.discussed_openings.some((o) => opens(ws, o))) name = 'discussed';
  else if (anyOf(r.decided_words)) name = 'decided';
  else if (anyOf(r.discussed_words)) name = 'discussed';
  else if (r.decided_openings.some((o) => opens(ws, o))) name = 'decided';
  else if (r.howto_openings.some((o) => opens(ws, o)) || anyOf(r.howto_words)) name = 'how_to';
  return r.names.indexOf(name);
}

/** Words with a mark: written in backticks, which keeps them. */
function markedWords(text) {
  return text.split('`').flatMap((part, i) => words(part).map((w) => [w, i % 2 === 1]));
}

/** Parses a question into concepts, required concepts (quoted phrases), filters and intent. */
export function parse(query, rules) {
  const parsed = { concepts: [], required: [], filters: [], intent: 0 };
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
  parsed.intent = detectIntent(words(text), rules);
  for (const phrase of phrases) {
    for (const [w] of contentWords(markedWords(phrase), rules, [])) {
      const at = addConcept(parsed, w, rules);
      if (!parsed.required.includes(at)) parsed.required.push(at);
    }
  }
  const name = rules.intent.names[parsed.intent];
  const markers =
    name === 'decided' ? rules.intent.decided_words : name === 'discussed' ? rules.intent.discussed_words : [];
  let last = -1;
  const marked = markedWords(text);
  const [openerStart, openerEnd] = contrast(marked, rules);
  for (const [w, i] of contentWords(marked, rules, markers)) {
    if (i >= openerStart && i < openerEnd) continue;
    if (last >= 0 && parsed.concepts[last].next === null) parsed.concepts[last].next = w;
    const known = parsed.concepts.length;
    last = addConcept(parsed, w, rules);
    if (last === known && i >= openerEnd) {
      parsed.concepts[last].weight = Math.min(parsed.concepts[last].weight, rules.weights[2]);
    }
  }
  if (last >= 0) {
    const c = parsed.concepts[last];
    c.prefix = [...c.word].length >= rules.prefix_min_chars && !isNumberLike(c.word);
  }
  parsed.required.sort((a, b) => a - b);
  return parsed;
}

/** The indexes of the words that open the question's contrast clause ("why X instead of Y"),
 * as [start, end); the clause is every word after them (src/search/contrast.rs). */
function contrast(all, rules) {
  for (let i = 0; i < all.length; i++) {
    for (const opener of rules.contrast_openers) {
      const end = i + opener.length;
      if (end <= all.length && opener.every((o, k) => all[i + k][0] === o)) return [i, end];
    }
  }
  return [all.length, all.length];
}

/** Content words, each with its index among `all`. */
function contentWords(all, rules, markers) {
  const out = [];
  all.forEach(([w, kept], i) => {
    const before = i > 0 ? all[i - 1][0] : null;
    const after = i + 1 < all.length ? all[i + 1][0] : null;
    const topic =
      kept ||
      (rules.keywords.includes(w) &&
        ((before !== null && rules.topic_before.includes(before)) || (after !== null && rules.topic_after.includes(after))));
    if (!topic && (rules.stopwords.includes(w) || markers.includes(w))) return;
    if (!topic && rules.frame_verbs.includes(w) && before !== null && rules.frame_subjects.includes(before)) return;
    out.push([w, i]);
  });
  return out;
}

function addConcept(parsed, word, rules) {
  const i = parsed.concepts.findIndex((c) => c.word === word || c.surfaces.includes(word));
  if (i >= 0) return i;
  const own = Object.prototype.hasOwnProperty.call(rules.aliases, word);
  const surfaces = own ? [...rules.aliases[word]] : [word];
  const weight = isNumberLike(word) || isAdverb(word) ? rules.weights[1] : rules.weights[0];
  parsed.concepts.push({ word, surfaces, weight, prefix: false, next: null });
  return parsed.concepts.length - 1;
}

/** Edit distance with adjacent transpositions, over characters (src/search/spelling.rs). */
export function distance(a, b) {
  const x = [...a];
  const y = [...b];
  const rows = [];
  for (let i = 0; i <= x.length; i++) rows.push(new Array(y.length + 1).fill(0));
  for (let i = 0; i <= x.length; i++) rows[i][0] = i;
  for (let j = 0; j <= y.length; j++) rows[0][j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[x.length][y.length];
}

const charCount = (s) => [...s].length;
const shortestFirst = (a, b) => charCount(a) - charCount(b) || compareStrings(a, b);

/** Every cut of `word` into two words of `base_chars[1]` characters or more (spelling.rs `halves`). */
export function halves(word, rules) {
  const chars = [...word];
  const out = [];
  for (let at = rules.base_chars[1]; at <= chars.length - rules.base_chars[1]; at++) {
    out.push([chars.slice(0, at).join(''), chars.slice(at).join('')]);
  }
  return out;
}

function typosAllowed(word, rules) {
  const n = charCount(word);
  return n >= rules.spelling[3] ? 2 : n >= rules.spelling[2] ? 1 : 0;
}

function completions(prefix, scanned, rules) {
  return scanned.filter((w) => w.startsWith(prefix) && w !== prefix).sort(shortestFirst).slice(0, rules.spelling[1]);
}

function corrections(word, candidates, rules) {
  const allowed = typosAllowed(word, rules);
  if (allowed === 0) return [];
  const len = charCount(word);
  return candidates
    .filter((c) => Math.abs(charCount(c) - len) <= allowed && c !== word)
    .map((c) => [distance(word, c), c])
    .filter(([d]) => d <= allowed)
    .sort((p, q) => p[0] - q[0] || shortestFirst(p[1], q[1]))
    .filter(([d], _, all) => d === all[0][0])
    .slice(0, rules.spelling[1])
    .map(([, c]) => c);
}

/** The base forms of an inflected word (src/search/spelling.rs `inflection_bases`). */
export function inflectionBases(word, rules) {
  const out = [];
  const push = (w) => {
    if (charCount(w) >= rules.base_chars[1] && w !== word && !out.includes(w)) out.push(w);
  };
  const undouble = (b) => {
    const cs = [...b];
    const n = cs.length;
    return n >= 2 && cs[n - 1] === cs[n - 2] && !'aeiouls'.includes(cs[n - 1]) ? cs.slice(0, -1).join('') : null;
  };
  const strip = (w, suffix) => (w.endsWith(suffix) ? w.slice(0, -suffix.length) : null);
  const y = strip(word, 'ies') ?? strip(word, 'ied');
  const ing = strip(word, 'ing') ?? strip(word, 'ed');
  const es = strip(word, 'es');
  const s = strip(word, 's');
  if (y !== null) push(`${y}y`);
  else if (ing !== null) {
    push(ing);
    push(`${ing}e`);
    const u = undouble(ing);
    if (u !== null) push(u);
  } else if (es !== null) {
    push(es);
    push(`${es}e`);
  } else if (s !== null && !s.endsWith('s') && !s.endsWith('u') && !s.endsWith('i')) {
    push(s);
  }
  return out;
}

/** The plural, past and gerund of a base word (src/search/spelling.rs `inflections`). */
export function inflections(word) {
  const vowel = (c) => 'aeiou'.includes(c);
  const sibilant = ['s', 'x', 'z', 'ch', 'sh', 'o'].some((end) => word.endsWith(end));
  const out = [word, sibilant ? `${word}es` : `${word}s`];
  const cs = [...word];
  const n = cs.length;
  if (word.endsWith('e')) {
    out.push(`${word}d`, `${word.slice(0, -1)}ing`);
  } else if (word.endsWith('y') && n >= 2 && !vowel(cs[n - 2])) {
    const stem = word.slice(0, -1);
    out.push(`${stem}ies`, `${stem}ied`, `${word}ing`);
  } else {
    out.push(`${word}ed`, `${word}ing`);
    // Short consonant-vowel-consonant words double their last letter: ship, shipped.
    if (n >= 3 && n <= 5 && !vowel(cs[n - 1]) && vowel(cs[n - 2]) && !vowel(cs[n - 3]) && !'wxy'.includes(cs[n - 1])) {
      out.push(`${word}${cs[n - 1]}ed`, `${word}${cs[n - 1]}ing`);
    }
  }
  return out;
}

/** The other forms of a word the corpus lacks (src/search/spelling.rs `other_forms`). */
export function otherForms(word, rules) {
  const bases = inflectionBases(word, rules);
  const out = [];
  for (const form of [...bases, ...[word, ...bases].flatMap(inflections)]) {
    if (form !== word && !out.includes(form)) out.push(form);
  }
  return out;
}

/** The words left without a common prefix (src/search/spelling.rs `unprefixed`). */
export function unprefixed(word, rules) {
  const out = [];
  for (const form of [word, ...inflectionBases(word, rules)]) {
    for (const p of rules.prefixes) {
      if (!form.startsWith(p)) continue;
      const rest = form.slice(p.length);
      if (charCount(rest) >= rules.base_chars[0] && !out.includes(rest)) out.push(rest);
    }
  }
  return out;
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

  function stemOf(word) {
    return remember('s:' + word, () => findStem(word));
  }

  async function findStem(word) {
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

  // The index never changes under a client: decoded postings, stems and word ranges are kept, so
  // that a question asked again (or typed on) costs only the arithmetic.
  const memo = new Map();
  const remember = (key, compute) => {
    if (!memo.has(key)) memo.set(key, compute());
    return memo.get(key);
  };

  /**
   * `[ord, impact, mask]` of a term, by ord: the mask of the passages it is in, which the shard
   * carries after a negated impact when the term is not everywhere in the document
   * (src/search/export.rs).
   */
  function impacts(stem) {
    return remember('i:' + stem, async () => {
      const flat = (await postings(stem)) || [];
      const out = [];
      let ord = 0;
      for (let i = 0; i < flat.length; ) {
        ord += flat[i];
        if (flat[i + 1] < 0) {
          out.push([ord, -flat[i + 1], flat[i + 2]]);
          i += 3;
        } else {
          out.push([ord, flat[i + 1], EVERYWHERE]);
          i += 2;
        }
      }
      return out;
    });
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

  /** Up to `limit` corpus words, in byte order, that begin with `prefix`. */
  function wordsFrom(prefix, limit) {
    return remember(`w:${limit}:${prefix}`, () => scanWords(prefix, limit));
  }

  async function scanWords(prefix, limit) {
    const m = await manifest();
    const out = [];
    let i = Math.max(0, shardOf(m.words, prefix));
    for (; i < m.words.length && out.length < limit; i++) {
      let past = false;
      for (const entry of await load(`words/${i}.json`)) {
        if (compareStrings(entry[0], prefix) < 0) continue;
        if (!entry[0].startsWith(prefix)) {
          past = true;
          break;
        }
        out.push(entry[0]);
        if (out.length >= limit) break;
      }
      if (past) break;
    }
    return out;
  }

  async function stemsOf(ws, exact) {
    const out = new Set();
    for (const w of ws) {
      const stem = await stemOf(w);
      if (stem !== null && !exact.has(stem)) out.add(stem);
    }
    return out;
  }

  /** The thesaurus members a typed word may stand for, each as its stems (src/search/thesaurus.rs). */
  async function relatedMembers(m, word) {
    const i = shardOf(m.related, word);
    if (i < 0) return [];
    const shard = await load(`related/${i}.json`);
    return Object.prototype.hasOwnProperty.call(shard, word) ? shard[word] : [];
  }

  /** What a concept may match (src/search/rank.rs `Expansion::of`). */
  async function expansion(concept, m) {
    const rules = m.rules;
    const x = { exact: new Set(), related: [], completions: new Set(), corrections: new Set(), words: [] };
    for (const surface of concept.surfaces) {
      const stem = await stemOf(surface);
      if (stem !== null) x.exact.add(stem);
    }
    // Members of the word, and of the phrase it begins with the next word (rank.rs `Expansion::of`).
    const keys = [...concept.surfaces];
    const own = new Set(x.exact);
    if (concept.next !== null) {
      keys.push(`${concept.word} ${concept.next}`);
      const stem = await stemOf(concept.next);
      if (stem !== null) own.add(stem);
    }
    for (const key of keys) {
      for (const member of await relatedMembers(m, key)) {
        const same = (o) => o.length === member.length && o.every((s, i) => s === member[i]);
        if (!member.every((s) => own.has(s)) && !x.related.some(same)) x.related.push(member);
      }
    }
    // Two words the corpus writes as one (rank.rs `Expansion::of`).
    if (concept.next !== null) {
      const joined = await stemOf(`${concept.word}${concept.next}`);
      const same = (o) => o.length === 1 && o[0] === joined;
      if (joined !== null && !own.has(joined) && !x.related.some(same)) x.related.push([joined]);
    }
    if (concept.prefix) {
      const scanned = await wordsFrom(concept.word, rules.spelling[0]);
      const words = completions(concept.word, scanned, rules);
      x.completions = await stemsOf(words, x.exact);
      x.words.push(...words);
    }
    // A word the corpus lacks: its other forms, else the word without a prefix, else typos.
    const found = async (ws) => {
      const out = [];
      for (const w of ws) if ((await stemOf(w)) !== null) out.push(w);
      return out;
    };
    if (x.exact.size === 0) {
      const bases = await found(otherForms(concept.word, rules));
      x.corrections = await stemsOf(bases, x.exact);
      x.words.push(...bases);
    }
    if (x.exact.size === 0 && x.corrections.size === 0) {
      const rests = await found(unprefixed(concept.word, rules));
      x.corrections = await stemsOf(rests, x.exact);
      x.words.push(...rests);
    }
    if (x.exact.size === 0 && x.corrections.size === 0 && typosAllowed(concept.word, rules) > 0) {
      const candidates = await wordsFrom([...concept.word][0], Infinity);
      const words = corrections(concept.word, candidates, rules);
      x.corrections = await stemsOf(words, x.exact);
      x.words.push(...words);
    }
    // Last, a compound the corpus writes as two words, each cut as a phrase (rank.rs).
    if (x.exact.size === 0 && x.corrections.size === 0) {
      for (const [first, second] of halves(concept.word, rules)) {
        if (rules.stopwords.includes(first) || rules.stopwords.includes(second)) continue;
        const a = await stemOf(first);
        const b = a === null ? null : await stemOf(second);
        if (a === null || b === null) continue;
        if (!x.related.some((o) => o.length === 2 && o[0] === a && o[1] === b)) x.related.push([a, b]);
      }
    }
    return x;
  }

  /**
   * A concept's count per document: exact, or expanded (src/search/rank.rs `concept_impacts`).
   * Dense by ord (0: no match), which keeps a warm answer to a long question in milliseconds.
   */
  async function conceptImpacts(concept, m, intent) {
    const n = m.documents;
    const x = await expansion(concept, m);
    const exact = new Uint32Array(n);
    const masks = new Uint32Array(n);
    for (const stem of x.exact) {
      for (const [ord, impact, mask] of await impacts(stem)) {
        if (impact > exact[ord]) exact[ord] = impact;
        masks[ord] |= mask;
      }
    }
    const expanded = new Uint32Array(n);
    const expandedMasks = new Uint32Array(n);
    const takeAll = (postings) => {
      for (const [ord, impact, mask] of postings) {
        if (impact > expanded[ord]) expanded[ord] = impact;
        expandedMasks[ord] |= mask;
      }
    };
    for (const member of x.related) {
      if (member.length === 1) {
        takeAll(await impacts(member[0]));
        continue;
      }
      // A phrase matches where all its words do, with the least impact, in the passages where
      // they meet (or, when they never share one, where any of them is). Dense by ord: `seen`
      // counts the words found so far.
      const seen = new Uint8Array(n);
      const least = new Uint32Array(n);
      const both = new Uint32Array(n);
      const any = new Uint32Array(n);
      let last = [];
      for (const [j, stem] of member.entries()) {
        last = await impacts(stem);
        for (const [ord, impact, mask] of last) {
          if (seen[ord] !== j) continue;
          least[ord] = j === 0 ? impact : Math.min(least[ord], impact);
          both[ord] = j === 0 ? mask : both[ord] & mask;
          any[ord] = j === 0 ? mask : any[ord] | mask;
          seen[ord] = j + 1;
        }
      }
      const common = [];
      for (const [ord] of last) {
        if (seen[ord] === member.length) common.push([ord, least[ord], both[ord] !== 0 ? both[ord] : any[ord]]);
      }
      takeAll(common);
    }
    for (const stem of x.completions) takeAll(await impacts(stem));
    for (const stem of x.corrections) takeAll(await impacts(stem));
    const weights = m.rules.intent.class_weights[intent];
    const weight = (ord) => weights[m.classes.charCodeAt(ord) - 97];
    let least = null;
    for (let ord = 0; ord < n; ord++) {
      if (exact[ord] > 0) {
        const w = exact[ord] * weight(ord);
        least = least === null ? w : Math.min(least, w);
      }
    }
    const divisor = m.rules.expanded_divisor;
    for (let ord = 0; ord < n; ord++) {
      if (expanded[ord] === 0) continue;
      let impact = Math.floor(expanded[ord] / divisor);
      if (least !== null) impact = Math.min(impact, Math.floor(Math.max(0, least - 1) / weight(ord)));
      if (impact > 0) {
        if (impact > exact[ord]) exact[ord] = impact;
        masks[ord] |= expandedMasks[ord];
      }
    }
    return { impacts: exact, masks, stems: stemsOfExpansion(x, m.rules) };
  }

  /**
   * Ranks documents; returns `{ ord, score, passage }` best first, with `concepts`: per concept,
   * `{ stems, counts }`, the index terms it may match and its weight times rarity
   * (src/search/rank.rs `Ranking`).
   */
  async function rank(parsed, limit) {
    const m = await manifest();
    const n = parsed.concepts.length;
    if (limit <= 0 || (n === 0 && parsed.filters.length === 0)) return [];
    const perConcept = [];
    for (const concept of parsed.concepts) perConcept.push(await conceptImpacts(concept, m, parsed.intent));
    let allowed = null;
    for (const f of parsed.filters) {
      const set = new Set(await filtered(f));
      allowed = allowed === null ? set : new Set([...allowed].filter((o) => set.has(o)));
    }
    if (n === 0) {
      return [...allowed]
        .sort((p, q) => p - q)
        .slice(0, limit)
        .map((ord) => ({ ord, score: 0, passage: null }));
    }
    // How much matching each concept counts for the bonus: its weight times its rarity in whole
    // bits (src/search/rank.rs `rarity`).
    const documents = Math.max(1, m.documents);
    const rarity = perConcept.map(({ impacts: pc }, i) => {
      let matches = 0;
      for (let ord = 0; ord < pc.length; ord++) if (pc[ord] > 0) matches += 1;
      const perMatch = Math.max(1, Math.floor(documents / Math.max(1, matches)));
      return parsed.concepts[i].weight * (1 + (31 - Math.clz32(perMatch)));
    });
    const total = rarity.reduce((t, r) => t + r, 0);
    const a = m.rules.intent.coordination[parsed.intent];
    const weights = m.rules.intent.class_weights[parsed.intent];
    // The best `limit` so far, best first: sorting every match of a common word would cost more
    // than scoring them. Same order as rank.rs: higher score, then lower ord.
    const ranked = [];
    const before = (x, y) => x.score > y.score || (x.score === y.score && x.ord < y.ord);
    const scoreOf = (sum, matched, weight) => ((sum * (a * total + matched)) / ((a + 1) * total)) * weight / 1000;
    for (let ord = 0; ord < m.documents; ord++) {
      let sum = 0;
      // The rarities of the matched concepts that are everywhere, and of the others, and the
      // union of the others' passages.
      let everywhere = 0;
      let partly = 0;
      let some = 0;
      for (let i = 0; i < n; i++) {
        const impact = perConcept[i].impacts[ord];
        if (impact > 0) {
          sum += impact * parsed.concepts[i].weight;
          const mask = perConcept[i].masks[ord];
          if (mask === EVERYWHERE) everywhere += rarity[i];
          else {
            partly += rarity[i];
            some |= mask;
          }
        }
      }
      if (everywhere + partly === 0) continue;
      if (allowed !== null && !allowed.has(ord)) continue;
      if (parsed.required.some((i) => perConcept[i].impacts[ord] === 0)) continue;
      const weight = weights[m.classes.charCodeAt(ord) - 97];
      // What the best passage matched (src/search/rank.rs `best_passage`) is at most what the
      // document matched: a document that cannot reach the best `limit` even so is passed over.
      if (ranked.length === limit && !before({ ord, score: scoreOf(sum, everywhere + partly, weight) }, ranked[limit - 1])) continue;
      let best = 0;
      let passage = null;
      while (some !== 0) {
        const bit = 31 - Math.clz32(some & -some);
        some &= some - 1;
        let here = 0;
        for (let i = 0; i < n; i++) {
          const mask = perConcept[i].masks[ord];
          if (perConcept[i].impacts[ord] > 0 && mask !== EVERYWHERE && ((mask >>> bit) & 1) === 1) here += rarity[i];
        }
        if (here > best) {
          best = here;
          passage = bit;
        }
      }
      const hit = { ord, score: scoreOf(sum, everywhere + best, weight), passage };
      if (ranked.length === limit && !before(hit, ranked[limit - 1])) continue;
      let at = ranked.length;
      while (at > 0 && before(hit, ranked[at - 1])) at -= 1;
      ranked.splice(at, 0, hit);
      if (ranked.length > limit) ranked.pop();
    }
    ranked.concepts = perConcept.map(({ stems }, i) => ({ stems, counts: rarity[i] }));
    return ranked;
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
      const { passages, ...doc } = shard[r.ord % m.doc_shard];
      // A document that shows its passages shows the piece of the one that matched that holds
      // the most of the question (src/search/mod.rs `search`, src/search/passage.rs `shown`).
      if (passages) {
        const leads = await load(`passages/${r.ord}.json`);
        const piece = shownPiece(leads, r.passage, ranked.concepts || []);
        if (piece !== null) doc.excerpt = piece;
      }
      hits.push({ rank: i + 1, score: r.score, ...doc });
    }
    return hits;
  }

  /**
   * The words of `query` that results should highlight: its concepts, their aliases, completions
   * and corrections as written and as index terms (the terms `adrsite search` marks), and the
   * stems of related words (a highlighter matches those as prefixes).
   * A related phrase comes as its stems joined by a space: its words are marked only where they
   * stand together (src/search/rank.rs `Expansion::phrases`).
   */
  async function terms(query) {
    const m = await manifest();
    const parsed = parse(query, m.rules);
    const out = new Set();
    for (const c of parsed.concepts) {
      const x = await expansion(c, m);
      const phrases = x.related.filter((r) => r.length > 1).map((r) => r.join(' '));
      for (const w of [...c.surfaces, ...x.words, ...stemsOfExpansion(x, m.rules), ...phrases]) out.add(w);
    }
    return [...out];
  }

  /** The words of a query no document uses, even through an expansion (src/search/mod.rs `query_words`). */
  async function unmatched(query) {
    const m = await manifest();
    const out = [];
    for (const c of parse(query, m.rules).concepts) {
      const x = await expansion(c, m);
      if (x.exact.size + x.related.length + x.completions.size + x.corrections.size === 0) out.push(c.word);
    }
    return out;
  }

  return { search, terms, unmatched, parse: async (q) => parse(q, (await manifest()).rules) };
}
