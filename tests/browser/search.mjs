// Loads a built site over HTTP on loopback under a sub-path, types a question into the search box
// and expects the right decision first; then opens it with the keyboard.
// Usage: node search.mjs SITE_DIR "QUESTION" "EXPECTED TITLE"
import { serveStatic, launch, check, watchErrors } from './common.mjs';

const [site, question, expected] = process.argv.slice(2);
const server = await serveStatic(site);
const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  watchErrors(page, errors);
  await page.goto(server.url + 'index.html');
  await page.keyboard.press('/');
  check(await page.evaluate(() => document.activeElement?.name === 'q'), 'the / shortcut focuses the search box');
  // Slow downloads and a typist slower than the box waits: each first few letters ask while the
  // answer to the ones before is still downloading. Only the last question's answer may show.
  await page.route('**/search/**', async (route) => {
    await new Promise((done) => setTimeout(done, 150));
    await route.continue();
  });
  await page.keyboard.type(question, { delay: 100 });
  await page.waitForFunction(
    (q) => document.querySelector('form.site-search .search-results')?.dataset.query === q,
    question,
    { timeout: 15000 },
  );
  await page.unrouteAll({ behavior: 'wait' });
  const first = page.locator('form.site-search .search-results a.search-hit').first();
  await first.waitFor({ timeout: 10000 });
  const shown = await page.locator('form.site-search .search-results a.search-hit').count();
  check(shown <= 8, `only the last question's answers are shown, not earlier ones too: ${shown} hits`);
  const title = await first.locator('.search-hit-title').innerText();
  check(title.includes(expected), `first result is "${title}", expected "${expected}"`);
  check((await first.locator('mark').count()) > 0, 'matched words are highlighted');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForLoadState();
  check(page.url().startsWith(server.url), `the result opens under the sub-path: ${page.url()}`);
  const h1 = await page.locator('main h1').innerText();
  check(h1.includes(expected), `opened page is "${h1}"`);

  // The search page reads ?q= so results can be linked.
  await page.goto(server.url + 'search/index.html?q=' + encodeURIComponent(question));
  const pageFirst = page.locator('#search-page-results a.search-hit').first();
  await pageFirst.waitFor({ timeout: 10000 });
  check((await pageFirst.innerText()).includes(expected), 'the search page answers ?q=');
  check((await page.locator('#search-page-results .search-unmatched').count()) === 0, 'every word is used: no note');

  // A word no document uses is named on the search page, and the words that match still answer.
  await page.goto(server.url + 'search/index.html?q=' + encodeURIComponent(`flibbertigibbet ${question}`));
  const note = page.locator('#search-page-results .search-unmatched');
  await note.waitFor({ timeout: 10000 });
  const said = await note.innerText();
  check(said.includes('“flibbertigibbet”'), `the unused word is named: ${said}`);
  check((await page.locator('#search-page-results a.search-hit').count()) > 0, 'the other words still answer');
  check(errors.length === 0, `no page errors: ${errors.join('; ')}`);
  console.log(`ok: "${question}" → ${title}`);
} finally {
  await browser.close();
  server.close();
}
