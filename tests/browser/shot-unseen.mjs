import { chromium } from 'playwright-core';
const b = await chromium.launch({executablePath:'/usr/bin/chromium', args:['--no-sandbox']});
const p = await b.newPage({viewport:{width:1280,height:1000}});
const shots = process.argv.slice(2);
for (const s of shots) {
  const [file, out] = s.split('=');
  await p.goto('file://' + file);
  await p.screenshot({path: out, fullPage: false});
}
await b.close();
