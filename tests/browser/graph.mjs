// Clicks a node of a collection's decision graph in a real browser: the drawing needs no script,
// each box is a link, and following one opens that document's page, whose own drawing links back.
// Usage: node graph.mjs SITE_DIR GRAPH_PAGE [MIN_NODES]
import { serveStatic, launch, check, watchErrors } from './common.mjs';

const [site, graphPage, minNodes = '1'] = process.argv.slice(2);
const server = await serveStatic(site);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, javaScriptEnabled: false });
  const errors = [];
  watchErrors(page, errors);
  await page.goto(server.url + graphPage);
  const nodes = page.locator('main svg.dg g.nodes a');
  const count = await nodes.count();
  check(count >= Number(minNodes), `at least ${minNodes} nodes: ${count}`);
  // A node in the middle of the drawing, scrolled into view as a reader would.
  const node = nodes.nth(Math.floor(count / 2));
  const heading = (await node.locator('text.h').textContent()).trim();
  const href = await node.getAttribute('href');
  await node.scrollIntoViewIfNeeded();
  await Promise.all([page.waitForURL((u) => u.pathname.endsWith(href.replace(/^(\.\.\/)+/, ''))), node.click()]);
  const title = await page.textContent('main h1');
  check(title.includes(heading) || heading.length < 2, `the page of ${heading} opened: ${title}`);
  // Its page draws its neighbourhood, with itself in it.
  const own = page.locator('main .doc-graph svg.dg g.n.focus');
  check(await own.count() === 1, 'the document is the focus of its own drawing');
  const neighbours = await page.locator('main .doc-graph svg.dg g.nodes a').count();
  check(neighbours >= 2, `its neighbourhood has its neighbours: ${neighbours}`);
  check(errors.length === 0, `no page errors: ${errors.join('; ')}`);
  console.log(`ok: ${count} nodes; clicked ${heading} → ${page.url()}; ${neighbours} in its neighbourhood`);
} finally {
  await browser.close();
  server.close();
}
