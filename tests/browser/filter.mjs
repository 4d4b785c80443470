// Filters a large collection's index in a real browser: by a word, then by a status, then from a
// shared address (`?q=…`). Rows that do not match are hidden, folders left empty are hidden,
// folders with a match open, and the count says how many rows are shown.
// Usage: node filter.mjs SITE_DIR PAGE WORD
import { serveStatic, launch, check, watchErrors } from './common.mjs';

const [site, pageUrl, word] = process.argv.slice(2);
const server = await serveStatic(site);
const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  watchErrors(page, errors);
  await page.goto(server.url + pageUrl);
  const rows = page.locator('main .doc-row');
  const total = await rows.count();
  check(total > 50, `a large collection: ${total} rows`);
  const visible = () => page.locator('main .doc-row:not([hidden])');
  const shownCount = async () => (await visible().count());

  // A word: every row still shown has it, and the count says so.
  await page.fill('form.filter input[name=q]', word);
  const afterWord = await shownCount();
  check(afterWord > 0 && afterWord < total, `"${word}" keeps some rows: ${afterWord} of ${total}`);
  const texts = await visible().allTextContents();
  check(texts.every((t) => t.toLowerCase().includes(word)), `every row shown has "${word}"`);
  check((await page.textContent('form.filter output')) === `${afterWord} of ${total}`, 'the count is shown');
  const emptyFolders = await page.evaluate(() => [...document.querySelectorAll('main details.folder')]
    .filter((d) => !d.parentElement.hidden && !d.querySelector('.doc-row:not([hidden])')).length);
  check(emptyFolders === 0, `no folder without a match is shown (${emptyFolders})`);
  const closed = await page.evaluate(() => [...document.querySelectorAll('main details.folder')]
    .filter((d) => !d.parentElement.hidden && !d.open).length);
  check(closed === 0, `every folder with a match is open (${closed} closed)`);
  check(new URL(page.url()).searchParams.get('q') === word, `the address keeps the filter: ${page.url()}`);

  // A status: each row shown has it, and as many as the option says.
  await page.fill('form.filter input[name=q]', '');
  check(await shownCount() === total, 'clearing the word shows every row');
  const option = await page.evaluate(() => {
    const o = document.querySelector('form.filter select[name=status] option[value]:not([value=""])');
    return o && { value: o.value, count: Number(o.textContent.match(/\((\d+)\)/)[1]) };
  });
  check(option, 'the status filter offers a status');
  await page.selectOption('form.filter select[name=status]', option.value);
  const statuses = await visible().evaluateAll((els) => els.map((e) => e.dataset.status));
  check(statuses.length === option.count, `${option.value}: ${statuses.length} rows, the option says ${option.count}`);
  check(statuses.every((s) => s === option.value), `every row shown is ${option.value}`);

  // The shared address gives the same view.
  await page.goto(`${server.url}${pageUrl}?q=${encodeURIComponent(word)}`);
  check(await shownCount() === afterWord, 'a filtered address shows the filtered view');
  check(errors.length === 0, `no page errors: ${errors.join('; ')}`);
  console.log(`ok: ${total} rows; "${word}" ${afterWord}; ${option.value} ${option.count}`);
} finally {
  await browser.close();
  server.close();
}
