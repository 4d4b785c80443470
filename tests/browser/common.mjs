// Shared by the browser tests: a static file server on loopback that serves a built site under a
// sub-path (as GitHub Pages does for a project site), and Debian's chromium driven by
// playwright-core.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml' };

/** Serves `dir` at http://127.0.0.1:PORT/<prefix>/; resolves to { url, close }. */
export async function serveStatic(dir, prefix = '/team/decisions/') {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(normalize(dir))) { res.writeHead(400); res.end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404); res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}${prefix}`, close: () => server.close() };
}

/** Launches Debian's chromium headless, with no background traffic. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Collects page errors and failed requests into `errors`. A request aborted because the page
 * navigated away (net::ERR_ABORTED, e.g. a lazily loaded script when a result is opened) is not a
 * failure of the site; a missing file (404) still is.
 */
export function watchErrors(page, errors) {
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => {
    const reason = r.failure()?.errorText || '';
    if (!reason.includes('ERR_ABORTED')) errors.push(`request failed: ${r.url()} (${reason})`);
  });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()}: ${r.url()}`); });
}

export function check(cond, message) {
  if (!cond) throw new Error(message);
}
