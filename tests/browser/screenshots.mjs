// Full-page screenshots of a built site in headless Chromium, and layout checks on them.
//
//   node screenshots.mjs SITE_DIR OUT_DIR [PAGE ...]
//
// PAGE is a path inside SITE_DIR; the default is one page of every kind the site has (home,
// the agreements list, an agreement, a report, the organisations list, an organisation, a
// public body with units and one of its units, public bodies, goals, a goal, funding, open
// data, a free page under pages/, and the 404 page at a missing address), each the largest of
// its kind, as the most likely to overflow. Each is taken at 1280 px and 390 px wide, saved as
// OUT_DIR/<page>-<width>.png.
//
// The site is served over HTTP on 127.0.0.1 under the path of its `base_url` (read from the
// home page's canonical link), so a page that names `base_url`'s host (blocked by the CSP
// there) shows unstyled, as it would on any other host. A missing path answers with 404.html.
//
// It prints one line per problem, naming page and width, and exits 1 if there is any:
// - a table whose right edge is beyond the viewport;
// - a page that scrolls sideways;
// - a chart wider than its page, chart text outside its SVG (its viewBox or its box on the
//   page), or two chart labels that overlap.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { launchOptions } from './chromium.mjs';

const [siteArg, outArg, ...pageArgs] = process.argv.slice(2);
if (!siteArg || !outArg) {
  console.error('usage: node screenshots.mjs SITE_DIR OUT_DIR [PAGE ...]');
  process.exit(2);
}
const SITE = path.resolve(siteArg);
const OUT = path.resolve(outArg);
const WIDTHS = [1280, 390];
/// The address the 404 page is loaded at: no file of the site, a few folders deep.
const MISSING = 'no/such/page.html';

if (!fs.existsSync(path.join(SITE, 'index.html'))) {
  console.error(`screenshots: ${SITE} has no index.html; is it a built site?`);
  process.exit(2);
}

/// The HTML files under `dir` (a path inside SITE), one level, largest first.
function largest(dir, keep = () => true) {
  const full = path.join(SITE, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full)
    .filter((f) => f.endsWith('.html'))
    .map((f) => `${dir}/${f}`)
    .filter(keep)
    .sort((a, b) => fs.statSync(path.join(SITE, b)).size - fs.statSync(path.join(SITE, a)).size);
}

/// Whether organisation page `p` is a public body with units.
const hasUnits = (p) => fs.existsSync(path.join(SITE, p.replace(/\.html$/, ''), 'units'));

/// One page of each kind, by kind; a kind the site lacks is reported, not skipped silently.
function pagesOfEachKind() {
  const body = largest('organisations', hasUnits)[0];
  const unitDir = body && `${body.replace(/\.html$/, '')}/units`;
  const kinds = [
    ['home', 'index.html'],
    ['agreements list', 'agreements.html'],
    ['agreement', largest('agreements')[0]],
    ['report', largest('reports')[0]],
    ['organisations list', 'organisations.html'],
    ['organisation', largest('organisations', (p) => !hasUnits(p))[0]],
    ['public body with units', body],
    ['unit', unitDir && largest(unitDir)[0]],
    ['public bodies', 'public-bodies.html'],
    ['goals', 'goals.html'],
    ['goal', largest('goals')[0]],
    ['funding', 'funding.html'],
    ['open data', 'open-data.html'],
    ['free page', largest('pages')[0]],
  ];
  const pages = [];
  for (const [kind, page] of kinds) {
    if (page && fs.existsSync(path.join(SITE, page))) pages.push(page);
    else console.log(`screenshots: the site has no page of kind "${kind}"; not checked`);
  }
  pages.push(MISSING);
  return pages;
}

const PAGES = pageArgs.length ? pageArgs : pagesOfEachKind();

/// The path the site is published under, from the home page's canonical link (`/` if none).
function basePath() {
  const home = fs.readFileSync(path.join(SITE, 'index.html'), 'utf8');
  const canonical = home.match(/<link rel="canonical" href="([^"]*)"/);
  if (!canonical) return '/';
  return new URL(canonical[1], 'http://localhost/').pathname.replace(/[^/]*$/, '');
}
const BASE = basePath();

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml',
  '.csv': 'text/csv; charset=utf-8',
};

/// A static server of SITE under BASE; anything else is the site's 404 page, status 404.
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost/');
  let rel = null;
  if (url.pathname.startsWith(BASE)) {
    rel = decodeURIComponent(url.pathname.slice(BASE.length)) || 'index.html';
  }
  const file = rel && path.resolve(SITE, rel);
  if (file && file.startsWith(SITE + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  } else {
    res.writeHead(404, { 'Content-Type': TYPES['.html'] });
    res.end(fs.readFileSync(path.join(SITE, '404.html')));
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const ORIGIN = `http://127.0.0.1:${server.address().port}`;

/// The layout problems of the page open in the tab, as sentences.
function layoutProblems() {
  const out = [];
  const pageWidth = window.innerWidth;
  const svgText = (t) => t.textContent.trim().replace(/\s+/g, ' ').slice(0, 60);
  document.querySelectorAll('table').forEach((table, n) => {
    const right = table.getBoundingClientRect().right;
    if (right > pageWidth + 1) {
      const name =
        table.querySelector('caption')?.textContent.trim().replace(/\s+/g, ' ').slice(0, 60) ||
        table.closest('section')?.querySelector('h2')?.textContent.trim() ||
        `table ${n + 1}`;
      out.push(`table "${name}" reaches ${Math.round(right)} px on a ${pageWidth} px screen`);
    }
  });
  document.querySelectorAll('svg.chart-svg').forEach((svg, n) => {
    const box = svg.getBoundingClientRect();
    if (box.right > pageWidth + 0.5) {
      out.push(`chart ${n + 1} is ${Math.round(box.right)} px wide on a ${pageWidth} px page`);
    }
    const view = svg.viewBox.baseVal;
    const hasView = view && (view.width > 0 || view.height > 0);
    const texts = [...svg.querySelectorAll('text')].map((t) => ({
      text: svgText(t),
      box: t.getBoundingClientRect(),
      bbox: t.getBBox(),
      // The text's own user units are the SVG's only if nothing transforms it.
      plain: !t.closest('[transform]') || t.closest('[transform]') === svg,
    }));
    for (const t of texts) {
      if (!t.text) continue;
      const outOfBox =
        t.box.left < box.left - 0.5 ||
        t.box.right > box.right + 0.5 ||
        t.box.top < box.top - 0.5 ||
        t.box.bottom > box.bottom + 0.5;
      const b = t.bbox;
      const outOfView =
        hasView &&
        t.plain &&
        (b.x < view.x - 0.5 ||
          b.y < view.y - 0.5 ||
          b.x + b.width > view.x + view.width + 0.5 ||
          b.y + b.height > view.y + view.height + 0.5);
      if (outOfBox || outOfView) {
        out.push(`chart ${n + 1}: text "${t.text}" overflows its SVG`);
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].box;
        const b = texts[j].box;
        const overlap =
          Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
          Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
        if (overlap) {
          out.push(`chart ${n + 1}: "${texts[i].text}" overlaps "${texts[j].text}"`);
        }
      }
    }
  });
  const scroll = document.documentElement.scrollWidth;
  if (scroll > pageWidth + 1) {
    out.push(`the page scrolls sideways (${scroll} px wide on a ${pageWidth} px screen)`);
  }
  // A page without its stylesheet is no layout to check; say so rather than pass it.
  const styled = [...document.styleSheets].some((s) => {
    try {
      return s.href && s.href.endsWith('/style.css') && s.cssRules.length > 0;
    } catch {
      return false;
    }
  });
  if (!styled) {
    out.push('the stylesheet did not load');
  }
  return out;
}

fs.mkdirSync(OUT, { recursive: true });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'iopsite-shots-'));
const browser = await chromium.launchPersistentContext(profile, launchOptions());

let problems = 0;
const failing = new Set();
try {
  for (const page of PAGES) {
    for (const width of WIDTHS) {
      const tab = await browser.newPage();
      const blocked = [];
      tab.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) blocked.push(m.text().slice(0, 160));
      });
      await tab.setViewportSize({ width, height: 900 });
      await tab.goto(`${ORIGIN}${BASE}${page}`, { waitUntil: 'load' });
      await tab.evaluate(() => document.fonts.ready);
      const found = await tab.evaluate(layoutProblems);
      for (const b of blocked) found.push(`the CSP blocked a request: ${b}`);
      const name = page === MISSING ? `404 (${page})` : page;
      for (const p of found) {
        console.log(`FAIL ${name} @ ${width} px: ${p}`);
        failing.add(`${name} @ ${width} px`);
      }
      problems += found.length;
      const file = path.join(OUT, `${page.replace(/[\/.]/g, '_')}-${width}.png`);
      await tab.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${file}`);
      await tab.close();
    }
  }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(
  `screenshots: ${PAGES.length} pages × ${WIDTHS.length} widths, ${problems} problem(s)` +
    (failing.size ? ` on ${[...failing].join(', ')}` : ''),
);
process.exit(problems ? 1 : 0);
