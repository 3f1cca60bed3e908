// The JSON-LD blocks under the site's CSP (`script-src 'self'`): a data block is not run, so
// the policy has nothing to block. Loads every agreement and organisation page (and the home
// page, which has none) over HTTP in Chromium and fails on any `securitypolicyviolation`
// event, console error or page error, on a page without exactly one ld+json block where one
// belongs, and on a block that JSON.parse rejects or whose @type is not the page's.
//
//   node linked_data.mjs SITE_DIR

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { launchOptions } from './chromium.mjs';

const siteArg = process.argv[2];
if (!siteArg) {
  console.error('usage: node linked_data.mjs SITE_DIR');
  process.exit(2);
}
const SITE = fs.realpathSync(path.resolve(siteArg));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml; charset=utf-8',
};

// SITE under /iop/ on loopback; nothing outside it.
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/favicon.ico') {
    res.writeHead(204).end(); // the browser asks on its own; the site has none
    return;
  }
  const rel = decodeURIComponent(url.pathname).replace(/^\/iop\//, '');
  const full = path.resolve(SITE, rel);
  if (!url.pathname.startsWith('/iop/') || !full.startsWith(SITE + path.sep) || !fs.existsSync(full) || !fs.statSync(full).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(full)] || 'application/octet-stream' });
  fs.createReadStream(full).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}/iop/`;

const htmlIn = (dir) => fs.readdirSync(path.join(SITE, dir))
  .filter((f) => f.endsWith('.html'))
  .map((f) => `${dir}/${f}`);
// [page, the @types its block may have; [] for none]
const pages = [
  ['index.html', []],
  ...htmlIn('agreements').map((p) => [p, ['MonetaryGrant']]),
  ...htmlIn('organisations').map((p) => [p, ['GovernmentOrganization', 'NGO']]),
];

const problems = [];
const browser = await chromium.launch(launchOptions());
const context = await browser.newContext();
// Registered before any of the page's own code, so no violation goes unseen.
await context.addInitScript(() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sample || ''})`);
  });
});
for (const [rel, types] of pages) {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${rel}: console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${rel}: page error: ${e}`));
  await page.goto(new URL(rel, base).href, { waitUntil: 'load', timeout: 60000 });
  const found = await page.evaluate(() => ({
    csp: window.__csp,
    blocks: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => {
      try {
        return { type: JSON.parse(s.textContent)['@type'] };
      } catch (e) {
        return { error: String(e) };
      }
    }),
  }));
  for (const v of found.csp) problems.push(`${rel}: CSP violation: ${v}`);
  const want = types.length ? 1 : 0;
  if (found.blocks.length !== want) problems.push(`${rel}: ${found.blocks.length} ld+json blocks, expected ${want}`);
  for (const b of found.blocks) {
    if (b.error) problems.push(`${rel}: ld+json does not parse: ${b.error}`);
    else if (!types.includes(b.type)) problems.push(`${rel}: ld+json @type ${b.type}, expected ${types.join(' or ')}`);
  }
  await page.close();
}
await browser.close();
server.close();

for (const p of problems) console.log(`  ${p}`);
console.log(`linked data: ${pages.length} pages loaded under the CSP, ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
