import { chromium } from 'playwright-core';
import path from 'node:path';
const b = await chromium.launch({executablePath:'/usr/bin/chromium', args:['--headless','--no-sandbox','--disable-gpu','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync']});
const p = await b.newPage({viewport:{width:390,height:900}});
for (const page of process.argv.slice(2)) {
await p.goto('file://'+path.resolve(page));
console.log(page, await p.evaluate(() => { const out=[document.documentElement.scrollWidth]; document.querySelectorAll('body *').forEach(e => { if (e.scrollWidth > e.clientWidth+1 && getComputedStyle(e).overflowX==='visible') out.push(e.tagName+'.'+e.className+' '+e.scrollWidth+'/'+e.clientWidth); }); return out.slice(0,12); }));
}
await b.close();
