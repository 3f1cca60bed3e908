// The search box in a real browser, from disk (file://) and over HTTP.
//
//   node search.mjs [--example SITE] [--corpus SITE]... [--measure SITE] [--shots DIR SITE...]
//
// SITE is a built output folder.
// --example  the example site (content/): finds Malmö stad by "malmo", the Kvinnojouren agreement
//            by a word of its title, Kalmar kommun by its organisation number with and without
//            the dash, a report by agreement and year; one letter asks for two; keyboard
//            (arrows, Escape, Enter); no console error or CSP violation; axe with results open.
// --corpus   a generated corpus (examples/corpus.rs): cases are drawn from its
//            data/agreements.json — an agreement by the rarest word of its title, by the
//            organisation number of its non-profit (with and without the dash), and a
//            municipality with å, ä or ö typed without them, alone and with a title word.
// --measure  prints the size of search/, the bytes the first keystroke and the first search
//            (two letters) load, and the median time from the last keystroke to the results
//            shown over 10 queries typed at 60 ms a key, each on a freshly opened page, and
//            the same for each query pasted whole into a fresh page.
// --shots    screenshots with results open at 1280 and 390 px into DIR, one per SITE
//            (named after the site's <html lang>).
//
// Every check runs both from disk and over HTTP (a loopback server under /iop/).
// Prints every problem, one a line; exits 1 if there is any.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { launchOptions } from './chromium.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const args = { example: [], corpus: [], measure: [], shots: null, shotSites: [] };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--example' || a === '--corpus' || a === '--measure') args[a.slice(2)].push(process.argv[++i]);
  else if (a === '--shots') {
    args.shots = process.argv[++i];
    while (process.argv[i + 1] && !process.argv[i + 1].startsWith('--')) args.shotSites.push(process.argv[++i]);
  } else {
    console.error(`unknown argument ${a}`);
    process.exit(2);
  }
}

const problems = [];
const problem = (line) => {
  problems.push(line);
  console.log(`PROBLEM ${line}`);
};
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

// ---------------------------------------------------------------------------------------------
// Serving a site under /iop/ on loopback.

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
async function serve(site) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = rel.startsWith('/iop/') ? path.join(site, rel.slice(5)) : null;
    if (!file || !file.startsWith(site) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}/iop/` };
}

// ---------------------------------------------------------------------------------------------
// A page with the search box.

const browser = await chromium.launch(launchOptions());

async function openPage(base, rel, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  // (axe reads the stylesheets again itself, which a page from disk may not: not counted.)
  page.on('console', (m) => {
    if (m.type() === 'error' && !/XMLHttpRequest|Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.url()} answered ${r.status()}`); });
  page.on('requestfailed', (r) => { if (!/\.css$/.test(r.url())) errors.push(`${r.url()} failed`); });
  await page.goto(new URL(rel, base).href, { waitUntil: 'load', timeout: 60000 });
  await page.waitForSelector('.search-form:not([hidden])', { timeout: 30000 });
  return { page, context, errors };
}

// Types `query` into the box (after clearing it) and waits until the results for it are shown.
async function search(page, query, delay = 0) {
  await page.fill('#site-search-input', '');
  await page.click('#site-search-input');
  await page.keyboard.type(query, { delay });
  await page.waitForFunction(() => {
    const box = document.querySelector('[data-search]');
    return box.querySelector('.search-count').textContent !== '' && !box.querySelector('.search-panel').hidden;
  }, null, { timeout: 5000 });
  // The count is written with the results; wait a little for a later keystroke's search.
  await page.waitForTimeout(50);
  return page.evaluate(() => ({
    count: document.querySelector('.search-count').textContent,
    live: document.querySelector('[data-search] [aria-live]').textContent,
    results: [...document.querySelectorAll('.search-results a')].map((a) => ({
      href: a.getAttribute('href'),
      kind: a.querySelector('.search-kind').textContent,
      name: a.querySelector('.search-name').textContent,
      context: a.querySelector('.search-context')?.textContent || '',
    })),
  }));
}

function expectResult(where, query, got, predicate, what) {
  if (!got.results.some(predicate)) {
    problem(`${where}: "${query}" did not find ${what}; got ${got.count}: ${got.results.slice(0, 5).map((r) => `${r.kind} ${r.name} <${r.href}>`).join(' | ')}`);
    return false;
  }
  return true;
}

async function runAxe(page, where) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE_TAGS);
  for (const v of violations) problem(`${where}: axe ${v}`);
  return violations.length;
}

// Both ways of opening a site: from disk and over HTTP.
async function bases(site) {
  const { server, base } = await serve(site);
  return { list: [['file', pathToFileURL(site + '/').href], ['http', base]], close: () => server.close() };
}

// ---------------------------------------------------------------------------------------------
// The example site.

async function checkExample(site) {
  const { list, close } = await bases(site);
  for (const [how, base] of list) {
    for (const rel of ['index.html', 'agreements/kalmar-kvinnojouren.html']) {
      const where = `example ${how} ${rel}`;
      const { page, context, errors } = await openPage(base, rel);
      const up = rel.includes('/') ? '../' : '';
      let got = await search(page, 'malmo');
      if (got.results[0]?.href !== `${up}organisations/malmo-stad.html` && !got.results[0]?.name.startsWith('Malmö')) {
        problem(`${where}: "malmo" should give Malmö stad first, got ${got.results.map((r) => r.name).join(' | ')}`);
      }
      expectResult(where, 'malmo', got, (r) => r.href === `${up}agreements/malmo-region-skane-roda-korset-barn.html`, 'the Malmö agreement');
      got = await search(page, 'KVINNOJOUR');
      expectResult(where, 'KVINNOJOUR', got, (r) => r.href === `${up}agreements/kalmar-kvinnojouren.html`, 'the Kvinnojouren agreement');
      for (const q of ['212000-0746', '2120000746', '212000–0746']) {
        got = await search(page, q);
        expectResult(where, q, got, (r) => r.name === 'Kalmar kommun' && r.context === '212000-0746', 'Kalmar kommun');
      }
      got = await search(page, 'stadsmission 2024');
      expectResult(where, 'stadsmission 2024', got, (r) => r.href === `${up}reports/kalmar-stadsmission-2024.html`, 'the 2024 report');
      got = await search(page, 'k');
      if (got.results.length || !/2|two|två/i.test(got.count)) problem(`${where}: one letter should ask for two, got "${got.count}" and ${got.results.length} results`);
      got = await search(page, 'zzqx');
      if (got.results.length) problem(`${where}: "zzqx" found ${got.results.length}`);
      // Keyboard: down into the list, down again, up twice back to the box, Escape closes,
      // Enter opens the first result.
      got = await search(page, 'kalmar');
      if (got.live !== got.count || !/\d/.test(got.count)) problem(`${where}: the live region says "${got.live}", the count "${got.count}"`);
      await page.keyboard.press('ArrowDown');
      const first = await page.evaluate(() => document.activeElement.getAttribute('href'));
      await page.keyboard.press('ArrowDown');
      const second = await page.evaluate(() => document.activeElement.getAttribute('href'));
      if (first !== got.results[0].href || second !== got.results[1].href) problem(`${where}: arrows moved to ${first}, ${second}`);
      if (how === 'http') await runAxe(page, `${where} with results open`);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      if (!(await page.evaluate(() => document.activeElement.id === 'site-search-input'))) problem(`${where}: ArrowUp from the first result does not return to the box`);
      await page.keyboard.press('Escape');
      if (!(await page.evaluate(() => document.querySelector('.search-panel').hidden))) problem(`${where}: Escape does not close the results`);
      if (how === 'file') await runAxe(page, `${where} with results open`);
      got = await search(page, 'kvinnojouren');
      const target = new URL(got.results[0].href, page.url()).href;
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      if (page.url() !== target) problem(`${where}: Enter led to ${page.url()}, not to the first result ${target}`);
      for (const e of errors) problem(`${where}: console: ${e}`);
      await context.close();
    }
    // Without script: the links to the lists, no box.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(new URL('index.html', base).href);
    const noScript = await page.evaluate(() => ({
      fallback: [...document.querySelectorAll('.search-fallback a')].map((a) => a.getAttribute('href')),
      boxHidden: document.querySelector('.search-form').hidden,
    }));
    if (!noScript.boxHidden || noScript.fallback.join() !== 'agreements.html,organisations.html') problem(`example ${how}: without script ${JSON.stringify(noScript)}`);
    await context.close();
    console.log(`example ${how}: checked`);
  }
  close();
}

// ---------------------------------------------------------------------------------------------
// A generated corpus: cases from its data.

/** The names of an agreement's parties, in the agreements file's order. */
const namesOf = (a) => a.parties.map((p) => p.name);
/** The organisation numbers of an agreement's parties that are known. */
const numbersOf = (a) => a.parties.map((p) => p.org_number).filter(Boolean);

function corpusCases(site) {
  const agreements = JSON.parse(fs.readFileSync(path.join(site, 'data/agreements.json'), 'utf8'));
  const words = (s) => fold(s).match(/[\p{Alphabetic}\p{N}]+/gu) || [];
  const df = new Map();
  for (const a of agreements) for (const w of new Set(words(a.short_title || a.title))) df.set(w, (df.get(w) || 0) + 1);
  // The agreement with the rarest title word of five letters or more.
  let best = null;
  for (const a of agreements) {
    for (const w of new Set(words(a.short_title || a.title))) {
      if (w.length >= 5 && !/\d/.test(w) && (!best || df.get(w) < best.n)) best = { a, w, n: df.get(w) };
    }
  }
  const link = (a) => `agreements/${a.id}.html`;
  const cases = [{ query: best.w, href: link(best.a), what: `${best.a.id} by the title word "${best.w}"` }];
  // Its non-profit's organisation number, with and without the dash.
  const numbered = agreements.find((a) => numbersOf(a).some((n) => n.startsWith('8')));
  const number = numbersOf(numbered).find((n) => n.startsWith('8'));
  cases.push({ query: number, href: link(numbered), what: `${numbered.id} by ${number}` });
  cases.push({ query: number.replace('-', ''), href: link(numbered), what: `${numbered.id} by ${number} without the dash` });
  cases.push({ query: number, context: number, kind: 'o', what: `the organisation with ${number}` });
  // Municipalities with å, ä or ö, typed without them: the body itself, and one agreement of it
  // with a word of its title.
  const withAccents = agreements.filter((a) => /[åäöÅÄÖ]/.test(namesOf(a)[0]));
  for (const name of ['Malmö stad', 'Göteborgs stad', 'Norrköpings kommun']) {
    const a = withAccents.find((x) => namesOf(x).includes(name));
    if (a) {
      const plain = fold(name.split(' ')[0]);
      cases.push({ query: plain, name, what: `${name} by "${plain}"` });
      const w = words(a.short_title || a.title).find((x) => x.length >= 5 && !fold(name).includes(x));
      cases.push({ query: `${plain} ${w}`, href: link(a), what: `${a.id} by "${plain} ${w}"` });
    }
  }
  if (!cases.some((c) => c.name)) {
    const a = withAccents[0];
    const name = namesOf(a)[0];
    const plain = fold(name.split(' ')[0]);
    cases.push({ query: plain, name, what: `${name} by "${plain}"` });
  }
  return cases;
}

async function checkCorpus(site) {
  const cases = corpusCases(site);
  const { list, close } = await bases(site);
  for (const [how, base] of list) {
    const { page, context, errors } = await openPage(base, 'index.html');
    let found = 0;
    for (const c of cases) {
      const got = await search(page, c.query);
      const ok = expectResult(`corpus ${path.basename(path.dirname(site))} ${how}`, c.query, got, (r) =>
        (!c.href || r.href === c.href) && (!c.name || r.name === c.name) && (!c.context || r.context === c.context), c.what);
      if (ok) found++;
    }
    await search(page, cases[0].query);
    await runAxe(page, `corpus ${how} with results open`);
    for (const e of errors) problem(`corpus ${how}: console: ${e}`);
    console.log(`corpus ${site} ${how}: ${found} of ${cases.length} cases found (${cases.map((c) => `"${c.query}"`).join(', ')})`);
    await context.close();
  }
  close();
}

// ---------------------------------------------------------------------------------------------
// Figures.

function dirSize(dir) {
  let total = 0;
  let files = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { const s = dirSize(p); total += s.total; files += s.files; } else { total += fs.statSync(p).size; files++; }
  }
  return { total, files };
}

// The search files a page has loaded so far, and their bytes on disk.
// (search.js adds a <script> to <head> for each; measure() records their src.)
async function loaded(page, site) {
  const names = await page.evaluate(() => window.__scripts);
  const files = [...new Set(names.map((n) => n.replace(/^.*\/search\//, '')))];
  return { files, bytes: files.reduce((s, f) => s + fs.statSync(path.join(site, 'search', f)).size, 0) };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

async function measure(site) {
  const { total, files } = dirSize(path.join(site, 'search'));
  console.log(`measure ${site}: search/ holds ${files} files, ${(total / 1024).toFixed(0)} kB`);
  const agreements = JSON.parse(fs.readFileSync(path.join(site, 'data/agreements.json'), 'utf8'));
  const queries = ['malmo', 'goteborg', 'stockholm stad', 'vantjansten', 'kvinnojour', 'idrott barn', 'arbetstraning', 'uppsala', 'rodakorset', 'ungdom'];
  // One number: the first non-profit's organisation number.
  queries[8] = numbersOf(agreements[0]).pop();
  const { server, base } = await serve(site);
  const results = [];
  for (const [how, url] of [['file', pathToFileURL(site + '/').href], ['http', base]]) {
    const times = [];
    let firstKey = 0;
    let firstSearch = 0;
    for (const q of queries) {
      const { page, context } = await openPage(url, 'pages/om.html');
      await page.evaluate(() => {
        window.__marks = { input: 0, shown: 0 };
        window.__scripts = [];
        new MutationObserver((records) => {
          for (const r of records) for (const n of r.addedNodes) if (n.src) window.__scripts.push(n.src);
        }).observe(document.head, { childList: true });
        const box = document.querySelector('[data-search]');
        document.querySelector('#site-search-input').addEventListener('input', () => { window.__marks.input = performance.now(); }, true);
        new MutationObserver(() => { window.__marks.shown = performance.now(); })
          .observe(box.querySelector('.search-panel'), { subtree: true, childList: true, characterData: true });
      });
      await page.click('#site-search-input');
      await page.keyboard.type(q.slice(0, 1));
      await page.waitForTimeout(300);
      const one = await loaded(page, site);
      await page.keyboard.type(q.slice(1, 2));
      await page.waitForTimeout(300);
      const two = await loaded(page, site);
      firstKey = Math.max(firstKey, one.bytes);
      firstSearch = Math.max(firstSearch, two.bytes);
      await page.keyboard.type(q.slice(2), { delay: 60 });
      await page.waitForTimeout(600);
      const m = await page.evaluate(() => window.__marks);
      const count = await page.evaluate(() => document.querySelector('.search-count').textContent);
      times.push(m.shown - m.input);
      results.push(`${how} "${q}": ${(m.shown - m.input).toFixed(1)} ms, ${count}`);
      await context.close();
    }
    // The whole query at once (pasted) on a freshly opened page: manifest, chunks and records
    // all load after the one input event.
    const pasted = [];
    for (const q of queries) {
      const { page, context } = await openPage(url, 'pages/om.html');
      await page.evaluate(() => {
        window.__marks = { input: 0, shown: 0 };
        document.querySelector('#site-search-input').addEventListener('input', () => { window.__marks.input = performance.now(); }, true);
        new MutationObserver(() => { window.__marks.shown = performance.now(); })
          .observe(document.querySelector('.search-panel'), { subtree: true, childList: true, characterData: true });
      });
      await page.fill('#site-search-input', q);
      await page.waitForTimeout(600);
      const m = await page.evaluate(() => window.__marks);
      pasted.push(m.shown - m.input);
      await context.close();
    }
    console.log(`measure ${how}: a whole query pasted into a fresh page: median ${median(pasted).toFixed(1)} ms, max ${Math.max(...pasted).toFixed(1)} ms`);
    console.log(`measure ${how}: first keystroke loads at most ${(firstKey / 1024).toFixed(1)} kB; the first search (two letters) at most ${(firstSearch / 1024).toFixed(1)} kB in all; last keystroke to results: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms over ${times.length} queries`);
  }
  for (const r of results) console.log(`  ${r}`);
  server.close();
}

// ---------------------------------------------------------------------------------------------
// Screenshots.

async function shots(dir, sites) {
  fs.mkdirSync(dir, { recursive: true });
  for (const site of sites) {
    for (const width of [1280, 390]) {
      const { page, context } = await openPage(pathToFileURL(site + '/').href, 'index.html', { width, height: 800 });
      const lang = await page.evaluate(() => document.documentElement.lang);
      await search(page, 'kalmar');
      const file = path.join(dir, `search-${lang}-${width}.png`);
      await page.screenshot({ path: file });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      if (overflow) problem(`${file}: the page is wider than the window`);
      console.log(`screenshot ${file}`);
      await context.close();
    }
  }
}

try {
  for (const s of args.example) await checkExample(fs.realpathSync(s));
  for (const s of args.corpus) await checkCorpus(fs.realpathSync(s));
  for (const s of args.measure) await measure(fs.realpathSync(s));
  if (args.shots) await shots(args.shots, args.shotSites.map((s) => fs.realpathSync(s)));
} finally {
  await browser.close();
}
console.log(problems.length ? `${problems.length} problem(s)` : 'search: no problems');
process.exit(problems.length ? 1 : 0);
