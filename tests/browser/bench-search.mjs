// Search cost in the browser client, measured under Node on a built site:
// bytes a cold question downloads (client + manifest + shards) and the warm answer time.
// Usage: node bench-search.mjs SITE_DIR "QUESTION" [RUNS=50]
import { readFile, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const [site, question, runs = '50'] = process.argv.slice(2);
const clientPath = `${site}/search/search.js`;
let bytes = (await stat(clientPath)).size;
let gzipped = gzipSync(await readFile(clientPath)).length;
const fetched = [];
const fetch = async (url) => {
  const buf = await readFile(new URL(url));
  bytes += buf.length;
  gzipped += gzipSync(buf).length;
  fetched.push(url.slice(url.indexOf('/search/') + 8));
  return { ok: true, json: async () => JSON.parse(buf.toString('utf8')) };
};
const { createSearch } = await import(pathToFileURL(clientPath).href);
const engine = createSearch({ baseUrl: pathToFileURL(site + '/').href, fetch });
let t = performance.now();
const hits = await engine.search(question);
const cold = performance.now() - t;
const times = [];
for (let i = 0; i < Number(runs); i++) {
  t = performance.now();
  await engine.search(question);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(`question: ${question}`);
console.log(`first hit: ${hits[0]?.title}`);
console.log(`cold download: ${(bytes / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(1)} KB gzipped, ${fetched.length + 1} files (${fetched.join(' ')})`);
console.log(`cold answer: ${cold.toFixed(1)} ms; warm answer: median ${times[times.length >> 1].toFixed(2)} ms over ${runs} runs`);
