// Runs the exported search.js under Node on a built site, for comparison with `adrsite search`.
// Usage: node search-cli.mjs SITE_DIR LIMIT < queries.json   (a JSON array of strings)
// Prints a JSON array with each query's hits (with LIMIT `terms`: each query's words to highlight).
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const [site, limit] = process.argv.slice(2);
const { createSearch } = await import(pathToFileURL(`${site}/search/search.js`).href);
const fetch = async (url) => {
  try {
    const text = await readFile(new URL(url), 'utf8');
    return { ok: true, json: async () => JSON.parse(text) };
  } catch {
    return { ok: false, json: async () => null };
  }
};
let input = '';
for await (const chunk of process.stdin) input += chunk;
const engine = createSearch({ baseUrl: pathToFileURL(site + '/').href, fetch });
const out = [];
for (const q of JSON.parse(input)) {
  out.push(limit === 'terms' ? await engine.terms(q) : await engine.search(q, { limit: Number(limit) }));
}
console.log(JSON.stringify(out));
