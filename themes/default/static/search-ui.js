// The search box on every page and the search page (search/index.html?q=…). It uses the
// dependency-free client that `adrsite build` writes to search/search.js, so results are the
// same as `adrsite search` in a terminal. No other host is contacted.
import { createSearch } from '../search/search.js';

const root = new URL('../', import.meta.url);
const engine = createSearch({ baseUrl: root.href });

/** Builds an element with a class and children (strings become text nodes, so nothing is parsed as HTML). */
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const c of children) node.append(c);
  return node;
}

/**
 * The excerpt with the query's words marked; a term with a space is a related phrase, whose words
 * are marked only where they stand together.
 */
function highlighted(text, terms) {
  const out = el('span', 'excerpt');
  // Odd parts are words.
  const parts = text.split(/([\p{Alphabetic}\p{N}]+)/u);
  const lower = parts.map((p) => p.toLowerCase());
  const matches = (word, t) => word === t || (t.length >= 3 && word.startsWith(t));
  const marked = parts.map((p, i) => i % 2 === 1 && terms.some((t) => !t.includes(' ') && matches(lower[i], t)));
  for (const phrase of terms.filter((t) => t.includes(' ')).map((t) => t.split(' '))) {
    for (let i = 1; i + 2 * (phrase.length - 1) < parts.length; i += 2) {
      if (phrase.every((t, k) => matches(lower[i + 2 * k], t))) phrase.forEach((_, k) => (marked[i + 2 * k] = true));
    }
  }
  parts.forEach((part, i) => out.append(marked[i] ? el('mark', '', part) : part));
  return out;
}

function hitElement(hit, terms) {
  const link = el('a', 'search-hit');
  link.href = new URL(hit.url, root).href;
  const status = hit.status || 'unknown';
  const label = hit.status ? hit.status[0].toUpperCase() + hit.status.slice(1) : hit.kind.toUpperCase();
  const title = el('span', 'search-hit-title');
  // In an organisation's site, the source the hit comes from (an id already names it).
  if (hit.origin && !(hit.display_id || '').startsWith(`${hit.origin}/`)) {
    title.append(el('span', 'hit-source', hit.origin), ' ');
  }
  if (hit.display_id) title.append(el('span', 'doc-id', hit.display_id), ' ');
  title.append(hit.title);
  link.append(el('span', `badge badge-${status}`, label), ' ', title);
  if (hit.date) link.append(' ', el('time', '', hit.date));
  if (hit.people && hit.people.length) link.append(' ', el('span', 'search-people', hit.people.join(', ')));
  link.append(highlighted(hit.excerpt, terms));
  if (hit.successor) link.append(el('span', 'search-successor', `Superseded by ${hit.successor.title}`));
  return link;
}

/** "No document uses “a” or “b”." */
function unmatchedNote(words) {
  const quoted = words.map((w) => `“${w}”`);
  const list = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : quoted[0];
  return el('p', 'search-unmatched', `No document uses ${list}; the documents may say it in other words.`);
}

// Answers `query` into `list`, whose `data-query` then names the question it shows. While the
// shards a question needs download, the reader types on: an answer that `current()` says is no
// longer wanted leaves the list to the later question's, so answers never mix or arrive out of
// order.
async function render(list, query, limit, explain, current = () => true) {
  if (!query.trim()) {
    list.replaceChildren();
    list.dataset.query = query;
    return [];
  }
  const [hits, terms, unmatched] = await Promise.all([
    engine.search(query, { limit }),
    engine.terms(query),
    explain ? engine.unmatched(query) : [],
  ]);
  if (!current()) return hits;
  const items = [];
  if (hits.length === 0) items.push(el('p', 'search-empty', `Nothing matches “${query}”.`));
  if (unmatched.length > 0) items.push(unmatchedNote(unmatched));
  for (const hit of hits) items.push(hitElement(hit, terms));
  list.replaceChildren(...items);
  list.dataset.query = query;
  return hits;
}

// The box in the header: results as you type, arrows to move, Enter to open, Escape to close.
const form = document.querySelector('form.site-search');
if (form) {
  const input = form.querySelector('input[name=q]');
  const list = form.querySelector('.search-results');
  let selected = -1;
  let pending = 0;
  const links = () => [...list.querySelectorAll('a.search-hit')];
  const select = (i) => {
    const all = links();
    selected = Math.max(-1, Math.min(i, all.length - 1));
    all.forEach((a, j) => a.setAttribute('aria-selected', String(j === selected)));
    if (selected >= 0) all[selected].scrollIntoView({ block: 'nearest' });
  };
  input.addEventListener('input', () => {
    const ticket = ++pending;
    setTimeout(async () => {
      if (ticket !== pending) return;
      const query = input.value;
      await render(list, query, 8, false, () => ticket === pending);
      if (ticket !== pending) return;
      list.hidden = query.trim() === '';
      select(-1);
    }, 60);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); select(selected + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); select(selected - 1); }
    else if (e.key === 'Escape') { list.hidden = true; input.blur(); }
    else if (e.key === 'Enter' && selected >= 0) { e.preventDefault(); links()[selected].click(); }
  });
  document.addEventListener('keydown', (e) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName || '') || document.activeElement?.isContentEditable;
    if (e.key === '/' && !typing) { e.preventDefault(); input.focus(); input.select(); }
  });
  document.addEventListener('click', (e) => { if (!form.contains(e.target)) list.hidden = true; });
}

// The search page: results for ?q=, linkable.
const page = document.querySelector('#search-page');
if (page) {
  const input = page.querySelector('input[name=q]');
  const list = document.querySelector('#search-page-results');
  const query = new URLSearchParams(location.search).get('q') || '';
  input.value = query;
  // The page has room to say which words no document uses.
  render(list, query, 50, true);
}
