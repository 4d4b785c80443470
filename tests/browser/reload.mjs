// Opens a page served by `adrsite serve`, scrolls, edits its document on disk, and expects the
// page to reload by itself with the new text and the same scroll position; then breaks the
// document and expects the error overlay while the last good page stays.
// Usage: node reload.mjs URL SITE_DIR RELATIVE_DOC PAGE_PATH
import { readFile, writeFile, rename } from 'node:fs/promises';
import { launch, check } from './common.mjs';

const [url, site, doc, pagePath] = process.argv.slice(2);
const file = `${site}/${doc}`;
const original = await readFile(file, 'utf8');
const save = async (text) => {
  await writeFile(file + '.tmp', text);
  await rename(file + '.tmp', file);
};
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 400 } });
  const long = original + '\n' + 'Added paragraph.\n\n'.repeat(60);
  await page.goto(url + pagePath);
  await save(long);
  await page.waitForFunction(() => document.body.innerText.includes('Added paragraph'), null, { timeout: 20000 });
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.evaluate(() => { window.__marker = 'before'; window.scrollTo(0, 300); });
  await page.waitForTimeout(300);
  const scrolled = await page.evaluate(() => scrollY);
  check(scrolled > 100, `the page scrolled (${scrolled})`);
  await save(long.replace(/\n# (.*)\n/, '\n# $1, edited live\n'));
  await page.waitForFunction(() => document.body.innerText.includes('edited live'), null, { timeout: 20000 });
  check(await page.evaluate(() => window.__marker === undefined), 'the page reloaded by itself');
  await page.waitForTimeout(300);
  const after = await page.evaluate(() => scrollY);
  check(Math.abs(after - scrolled) < 5, `scroll position kept (${scrolled} → ${after})`);

  await save('---\nstatus: [broken\n---\n# Broken\n');
  await page.waitForSelector('#adrsite-overlay', { timeout: 20000 });
  await page.evaluate(() => { window.__marker = 'broken'; });
  const overlay = await page.locator('#adrsite-overlay').innerText();
  check(overlay.includes('front-matter') && overlay.includes(doc), `the overlay names the problem: ${overlay}`);
  check((await page.locator('main h1').innerText()).includes('edited live'), 'the last good page stays');

  await save(original);
  try {
    await page.waitForFunction(() => !document.querySelector('#adrsite-overlay') && !document.body.innerText.includes('edited live'), null, { timeout: 20000 });
  } catch (e) {
    const state = await page.evaluate(() => ({ overlay: !!document.querySelector('#adrsite-overlay'), h1: document.querySelector('main h1')?.innerText, marker: window.__marker }));
    const status = await (await fetch(url + '__adrsite/status')).text();
    const served = await (await fetch(url + pagePath)).text();
    throw new Error(`after the fix: page ${JSON.stringify(state)}, server status ${status}, served page has "edited live": ${served.includes('edited live')}`);
  }
  console.log('ok: live reload, scroll kept, overlay shown and cleared');
} finally {
  await save(original);
  await browser.close();
}
