import { chromium } from 'playwright-core';
import path from 'node:path';
const [out, width, ...pages] = process.argv.slice(2);
const b = await chromium.launch({executablePath:'/usr/bin/chromium', args:['--headless','--no-sandbox','--disable-gpu','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync']});
const p = await b.newPage({viewport:{width:+width,height:900}});
for (const page of pages) {
  await p.goto('file://'+path.resolve(page));
  const figs = await p.$$('figure.chart');
  let i=0;
  for (const f of figs) { i++; await f.screenshot({path:`${out}/${path.basename(page)}-${width}-${i}.png`}); }
  console.log(page, figs.length);
}
await b.close();
