// Loads a built site over HTTP on loopback and checks what a published site offers besides
// pages: a Mermaid diagram drawn from the site's own copy of the library (no request may leave
// loopback), no library on pages without a diagram, and status badges that the browser decodes
// as SVG images.
// Usage: node published.mjs SITE_DIR
import { serveStatic, launch, check, watchErrors } from './common.mjs';

const [site] = process.argv.slice(2);
const server = await serveStatic(site);
const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  const outside = [];
  watchErrors(page, errors);
  page.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1:')) outside.push(r.url()); });

  await page.goto(server.url + 'decisions/0009-use-a-transactional-outbox-for-parcel-events.html');
  const svg = page.locator('pre.mermaid svg');
  await svg.first().waitFor({ timeout: 15000 });
  const box = await svg.first().boundingBox();
  check(box && box.width > 200 && box.height > 100, `the diagram has a size: ${JSON.stringify(box)}`);
  const text = await svg.first().textContent();
  const role = await svg.first().getAttribute('aria-roledescription');
  check(role !== 'error', `Mermaid drew the diagram, not its error: ${text.slice(-200)}`);
  for (const actor of ['ingest', 'PostgreSQL', 'outbox relay', 'Kafka']) {
    check(text.includes(actor), `the diagram shows "${actor}"`);
  }

  await page.goto(server.url + 'decisions/0002-use-postgresql-as-the-primary-database.html');
  check(await page.evaluate(() => typeof window.mermaid === 'undefined'), 'a page without a diagram does not load Mermaid');

  // Badges decode as images: an SVG with an error does not.
  const sizes = await page.evaluate(async (root) => {
    const load = (src) => new Promise((resolve) => {
      const img = new Image();
      img.onload = () => resolve([src, img.naturalWidth, img.naturalHeight]);
      img.onerror = () => resolve([src, 0, 0]);
      img.src = root + src;
    });
    return Promise.all([
      'badges/decisions/0002-use-postgresql-as-the-primary-database.svg',
      'badges/decisions/0003-use-rest-with-json-for-the-public-api.svg',
      'badges/decisions.svg',
    ].map(load));
  }, server.url);
  for (const [src, w, h] of sizes) check(w > 40 && h === 20, `${src} decodes as an image (${w}×${h})`);

  check(outside.length === 0, `no request leaves the site: ${outside.join(', ')}`);
  check(errors.length === 0, `no page errors: ${errors.join('; ')}`);
  console.log('ok: the Mermaid diagram is drawn and badges decode');
} finally {
  await browser.close();
  server.close();
}
