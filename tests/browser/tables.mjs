// Sorting and filtering of agreement tables (themes/default/static/tables.js) in Chromium.
//
//   node tables.mjs [--shots OUT_DIR] SITE_DIR ...
//
// For each built site, from disk (file://) and over HTTP under the sub-path /iop/:
// - the list of all agreements: a click on a column header sorts (aria-sort, names in the
//   order of Intl.Collator(lang), a name or public body beginning with Å, Ä or Ö after every
//   one beginning with Z); filters by public body, goal and year announce the number of
//   matching rows, which is the number of rows shown and the number the site's data gives;
//   clearing the filters gives back the page as it came; a header button is reached with Tab
//   and sorts with Enter; axe finds nothing after sorting and after filtering;
// - the same on a page that holds only the first 100 agreements, as a page of a paginated
//   list does (agreements.html once the list is paginated; until then a copy of it cut to 100
//   rows, made beside it and removed again): the first filter loads every agreement's row, shows the first 100 and a "show
//   more" button, hides the page links, and clearing gives the page back;
// - the home page: its table sorts.
// With --shots, saves screenshots of the filtered list at 1280 and 390 px to OUT_DIR.
//
// Prints every problem, one a line; exits 1 if there is any.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { launchOptions } from './chromium.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PREFIX = '/iop/';
const PAGE = 100;
const PAGED = 'agreements-tables-test.html';

const args = process.argv.slice(2);
let shots = null;
if (args[0] === '--shots') {
  shots = path.resolve(args[1]);
  args.splice(0, 2);
}
if (!args.length) {
  console.error('usage: node tables.mjs [--shots OUT_DIR] SITE_DIR ...');
  process.exit(2);
}

const problems = [];
let checks = 0;
function check(ok, what) {
  checks++;
  if (!ok) problems.push(what);
  return ok;
}

// ---------------------------------------------------------------------------------------------
// The site's own data, as tables.js gets it

function readCall(file, name) {
  let data = null;
  const iopRows = { [name]: (d) => { data = d; } };
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), { iopRows });
  return data;
}

/// How many agreements of the rows file match a filter, as the filter means it.
function expected(rows, q) {
  return rows.rows.filter((d) => {
    const orgs = d.o.map((i) => rows.orgs[i]);
    if (q.body && !orgs.some((o) => o[2] === 1 && o[0] === q.body)) return false;
    if (q.goal && !d.g.includes(Number(q.goal))) return false;
    if (q.status && d.s !== q.status) return false;
    if (q.year && !(d.y[0] <= q.year && q.year <= d.y[1])) return false;
    return true;
  }).length;
}

// ---------------------------------------------------------------------------------------------
// A static server for one site under /iop/

function serve(site) {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = p.startsWith(PREFIX) ? path.resolve(site, p.slice(PREFIX.length)) : null;
    if (!file || !file.startsWith(site + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------------------------------------
// In the page

async function axe(page, where) {
  // axe takes about a minute over a table of a thousand rows; a page of a list has at most a
  // hundred, and the example site's list is checked whole.
  const rows = await page.locator('table.sortable tbody tr:not([hidden])').count();
  if (rows > 2 * PAGE) return;
  if (process.env.TRACE) console.error("axe", where, new Date().toISOString());
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}: ${v.help}`));
  }, AXE_TAGS);
  for (const v of violations) check(false, `${where}: axe: ${v}`);
}

/// The table's shown rows: names, first organisation, ids (from the link).
function shownRows(page) {
  return page.evaluate(() => [...document.querySelector('table.sortable').tBodies[0].rows]
    .filter((tr) => !tr.hidden && tr.dataset.status !== undefined)
    .map((tr) => ({
      name: tr.cells[0].textContent.trim(),
      orgs: tr.cells[1].textContent.trim(),
      href: tr.cells[0].querySelector('a').getAttribute('href'),
    })));
}

/// The numbers in the count line ("52 av 1 000 överenskommelser" → [52, 1000]).
async function announced(page) {
  const text = await page.locator('.filter-count').textContent();
  return { text, numbers: (text.match(/\d[\d\s\u00a0,.]*/g) || []).map((n) => Number(n.replace(/\D/g, ''))) };
}

async function settle(page) {
  // Filters run on input (the text field after a pause); let them and any loading finish.
  await page.waitForTimeout(50);
  await page.waitForFunction(() => {
    const c = document.querySelector('.filter-count');
    return c && !/…/.test(c.textContent);
  });
}

function sortedCopy(list, lang, key) {
  const collator = new Intl.Collator(lang);
  return [...list].sort((a, b) => collator.compare(key(a), key(b)));
}

/// Names beginning with Å, Ä or Ö come after every name beginning with Z.
function swedishTail(values, where) {
  const firstA = values.findIndex((v) => /^[ÅÄÖ]/.test(v));
  const lastZ = values.map((v) => /^Z/.test(v)).lastIndexOf(true);
  if (firstA >= 0) check(lastZ < firstA, `${where}: ${values[firstA]} comes before a name with Z`);
  return firstA >= 0;
}

async function sortBy(page, column) {
  if (process.env.TRACE) console.error("sort", column, new Date().toISOString());
  await page.locator('table.sortable thead th').nth(column).locator('button').click();
  await page.waitForTimeout(20);
  await settle(page).catch(() => {});
}

// ---------------------------------------------------------------------------------------------
// The checks of one page of agreements

let shotMore = false;

async function checkList(page, url, rows, lang, where, paged) {
  await page.goto(url);
  await page.waitForSelector('form.table-filter:not([hidden])', { timeout: 10000 });
  const total = rows.rows.length;
  const before = await shownRows(page);
  const registry = before.length < total;
  check(registry === paged, `${where}: ${before.length} of ${total} rows on the page, expected ${paged ? 'a page' : 'all'}`);
  const pagination = async () => page.evaluate(() => [...document.querySelectorAll('.pagination, [data-pagination]')].map((p) => p.hidden));

  // Sort by name, then the other way.
  await sortBy(page, 0);
  const th = page.locator('table.sortable thead th').first();
  check(await th.getAttribute('aria-sort') === 'ascending', `${where}: aria-sort not ascending after a click`);
  check(await page.locator('table.sortable thead th[aria-sort]').count() === 1, `${where}: more than one header sorted`);
  let names = (await shownRows(page)).map((r) => r.name);
  const expectNames = sortedCopy(registry ? rows.rows.map((d) => d.n) : before.map((r) => r.name), lang, (n) => n).slice(0, names.length);
  check(JSON.stringify(names) === JSON.stringify(expectNames), `${where}: names not in ${lang} order: ${names.slice(0, 5).join(' | ')} … expected ${expectNames.slice(0, 5).join(' | ')}`);
  swedishTail(names, `${where}: names`);
  const live = await page.locator('p.sort-status[aria-live]').first().textContent();
  check(live.includes(await th.textContent()), `${where}: the order is not announced (${live})`);
  await axe(page, `${where} sorted`);
  await sortBy(page, 0);
  check(await th.getAttribute('aria-sort') === 'descending', `${where}: aria-sort not descending after a second click`);
  names = (await shownRows(page)).map((r) => r.name);
  check(JSON.stringify(names) === JSON.stringify(sortedCopy(registry ? rows.rows.map((d) => d.n) : before.map((r) => r.name), lang, (n) => n).reverse().slice(0, names.length)), `${where}: names not in reverse order`);

  // Sort by the parties: the public bodies first; Å, Ä, Ö after Z.
  await sortBy(page, 1);
  const orgs = (await shownRows(page)).map((r) => r.orgs);
  check(JSON.stringify(orgs) === JSON.stringify(sortedCopy(orgs, lang, (o) => o)), `${where}: parties not in ${lang} order`);
  if (lang === 'sv' && !registry) swedishTail(orgs, `${where}: parties`);
  const options = await page.locator('select[name=body] option').allTextContents();
  if (lang === 'sv') swedishTail(options.slice(1), `${where}: public bodies`);

  // Back to the page as it came: reload (a sort is kept while filters change).
  await page.goto(url);
  await page.waitForSelector('form.table-filter:not([hidden])');

  // Filters: public body, goal, year; each announced, shown and as the data says.
  const bodies = await page.locator('select[name=body] option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  const goals = await page.locator('select[name=goal] option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  const years = await page.locator('select[name=year] option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  // The body with most agreements tests "show more" on a page of the list.
  const counts = bodies.map((b) => expected(rows, { body: b }));
  const body = bodies[counts.indexOf(Math.max(...counts))];
  const filters = [
    { body },
    { goal: goals[goals.length - 1] },
    { year: Number(years[Math.floor(years.length / 2)]) },
    { body, goal: goals[0] },
  ];
  for (const q of filters) {
    await page.locator('button.filter-clear').click();
    await settle(page);
    if (q.body) await page.selectOption('select[name=body]', q.body);
    if (q.goal) await page.selectOption('select[name=goal]', String(q.goal));
    if (q.year) await page.selectOption('select[name=year]', String(q.year));
    await settle(page);
    const want = expected(rows, q);
    const said = await announced(page);
    const shown = (await shownRows(page)).length;
    const label = `${where}: filter ${JSON.stringify(q)}`;
    check(said.numbers[0] === want && said.numbers[1] === total, `${label}: announced "${said.text}", the data has ${want} of ${total}`);
    check(shown === (registry ? Math.min(want, PAGE) : want), `${label}: ${shown} rows shown for ${want} matching`);
    if (registry) {
      check((await pagination()).every((h) => h), `${label}: the page links are still shown`);
      const more = page.locator('button.show-more');
      check(await more.isVisible() === want > PAGE, `${label}: "show more" ${want > PAGE ? 'missing' : 'shown'} for ${want} rows`);
      if (want > PAGE) {
        if (shots && !shotMore) {
          shotMore = true;
          await screenshots(page, `${where} more`);
        }
        await more.click();
        const now = (await shownRows(page)).length;
        check(now === Math.min(want, 2 * PAGE), `${label}: ${now} rows after "show more"`);
        const focused = await page.evaluate(() => document.activeElement && document.activeElement.closest('tr') && [...document.activeElement.closest('tbody').rows].indexOf(document.activeElement.closest('tr')));
        check(focused === PAGE, `${label}: focus is not on the first row added (${focused})`);
      }
    }
    if (q === filters[0]) {
      await axe(page, `${label}`);
      if (shots) await screenshots(page, where);
    }
  }

  // A text filter.
  await page.locator('button.filter-clear').click();
  const word = rows.rows[0].n.split(/\s+/)[0];
  await page.locator('input[name=text]').fill(word);
  await page.waitForTimeout(400);
  await settle(page);
  const byText = rows.rows.filter((d) => `${d.n} ${d.o.map((i) => rows.orgs[i][1]).join(' ')}`.toLocaleLowerCase(lang).includes(word.toLocaleLowerCase(lang))).length;
  check((await announced(page)).numbers[0] === byText, `${where}: text "${word}": announced ${(await announced(page)).text}, the data has ${byText}`);

  // Clear: the page as it came.
  await page.locator('button.filter-clear').click();
  await settle(page);
  const after = await shownRows(page);
  check(JSON.stringify(after) === JSON.stringify(before), `${where}: clearing the filters does not give back the page (${after.length} rows, ${before.length} before)`);
  if (registry) {
    check((await pagination()).every((h) => !h), `${where}: the page links stay hidden after clearing`);
    check(!(await page.locator('button.show-more').isVisible()), `${where}: "show more" stays after clearing`);
  }

  // Keyboard: from the table's scroll region, Tab reaches the first header button; Enter sorts.
  await page.goto(url);
  await page.waitForSelector('form.table-filter:not([hidden])');
  await page.locator('.table-wrap').first().focus();
  await page.keyboard.press('Tab');
  const onButton = await page.evaluate(() => document.activeElement.matches('th > button.sort-button'));
  check(onButton, `${where}: Tab from the table does not reach a header button`);
  if (onButton) {
    await page.keyboard.press('Enter');
    await settle(page).catch(() => {});
    check(await th.getAttribute('aria-sort') === 'ascending', `${where}: Enter on a header button does not sort`);
  }
}

/// A page that holds only the first 100 rows and page links, as page 1 of a paginated list;
/// none when the list has no more than 100 rows or is paginated already.
function makePaged(site, total) {
  const html = fs.readFileSync(path.join(site, 'agreements.html'), 'utf8');
  if ((html.match(/<tr data-bodies/g) || []).length < total) return null;
  let n = 0;
  const cut = html.replace(/<tr data-bodies[\s\S]*?<\/tr>\n/g, (row) => (++n <= PAGE ? row : ''));
  if (n <= PAGE) return null;
  const paged = cut.replace(/(<\/table>\n<\/div>\n)/, '$1<nav class="pagination" aria-label="Sidor"><a href="agreements.html">2</a></nav>\n');
  fs.writeFileSync(path.join(site, PAGED), paged);
  return PAGED;
}

async function screenshots(page, where) {
  const name = where.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
  fs.mkdirSync(shots, { recursive: true });
  const size = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 1400 });
    await page.locator('form.table-filter').evaluate((f) => f.scrollIntoView());
    await page.screenshot({ path: path.join(shots, `${name}-${width}.png`) });
    if (await page.locator('button.show-more').isVisible()) {
      await page.locator('button.show-more').evaluate((b) => b.scrollIntoView({ block: 'end' }));
      await page.screenshot({ path: path.join(shots, `${name}-${width}-end.png`) });
    }
  }
  await page.setViewportSize(size);
}

// ---------------------------------------------------------------------------------------------

const browser = await chromium.launch(launchOptions());
try {
  for (const arg of args) {
    const site = fs.realpathSync(path.resolve(arg));
    const rows = readCall(path.join(site, 'lists/agreements.js'), 'load');
    const lang = (fs.readFileSync(path.join(site, 'index.html'), 'utf8').match(/<html lang="([^"]+)"/) || [])[1] || 'sv';
    const server = await serve(site);
    const origin = `http://127.0.0.1:${server.address().port}${PREFIX}`;
    const paged = makePaged(site, rows.rows.length);
    // Once the list is paginated, agreements.html is page 1 of it.
    const listPaged = (fs.readFileSync(path.join(site, 'agreements.html'), 'utf8').match(/<tr data-bodies/g) || []).length < rows.rows.length;
    try {
      for (const [how, base] of [['file', pathToFileURL(site + path.sep).href], ['http', origin]]) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        // axe reads the stylesheets again with XMLHttpRequest, which file:// refuses; the
        // site's own script makes no such request.
        page.on('requestfailed', (r) => { if (r.resourceType() !== 'xhr') errors.push(`${r.url()} failed`); });
        page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.url()}: ${r.status()}`); });
        const where = `${path.basename(path.dirname(site))}/${path.basename(site)} ${lang} ${how}`;
        await checkList(page, `${base}agreements.html`, rows, lang, `${where} agreements.html`, listPaged);
        if (paged) await checkList(page, base + paged, rows, lang, `${where} ${paged}`, true);
        await page.goto(`${base}index.html`);
        if (await page.locator('table.sortable').count()) {
          await sortBy(page, 4);
          check(await page.locator('table.sortable thead th').nth(4).getAttribute('aria-sort') === 'ascending', `${where} index.html: no aria-sort after a click`);
        }
        for (const e of errors) check(false, `${where}: error: ${e}`);
        await context.close();
      }
    } finally {
      server.close();
      if (paged) fs.rmSync(path.join(site, paged));
    }
  }
} finally {
  await browser.close();
}

for (const p of problems) console.log(p);
console.log(`tables: ${checks} checks, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
