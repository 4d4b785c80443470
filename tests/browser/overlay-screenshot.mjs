// Takes the README's screenshot of serve's error overlay: breaks a document's front matter and
// captures the page while the last good build is still shown.
// Usage: node overlay-screenshot.mjs URL SITE_DIR RELATIVE_DOC PAGE_PATH OUT_PNG
import { readFile, writeFile, rename } from 'node:fs/promises';
import { launch } from './common.mjs';

const [url, site, doc, pagePath, png] = process.argv.slice(2);
const file = `${site}/${doc}`;
const original = await readFile(file, 'utf8');
const save = async (text) => { await writeFile(file + '.tmp', text); await rename(file + '.tmp', file); };
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url + pagePath);
  await page.waitForTimeout(500);
  await save(original.replace(/^status: (.*)$/m, 'status: [$1'));
  await page.waitForSelector('#adrsite-overlay', { timeout: 20000 });
  await page.screenshot({ path: png });
} finally {
  await save(original);
  await browser.close();
}
