// Live reload of `iopsite serve` in a real browser.
//
//   node reload.mjs IOPSITE_BINARY CONTENT_DIR [EDITS]
//
// Copies CONTENT_DIR (the example site) into a temporary site, starts `iopsite serve` on a free
// port under the sub-path /iop/, and opens a report page in headless Chromium. Then:
// 1. EDITS times (default 7) appends a new sentence to the report's Markdown and waits, without
//    any navigation by this script, until the open tab has reloaded and shows the sentence;
//    the time from the file write to that page's `load` event is recorded, and the median is
//    printed.
//    Then four reload polls sent from this script hold every place the server keeps for one
//    address: the tab's polls get 429, and one more edit must still reload it.
// 2. Breaks an agreement's YAML: the open tab must show the error banner (role=alert) naming
//    the file and line without reloading, and so must a tab opened after the failed build.
// 3. Fixes it: both tabs reload and the banner is gone.
// 4. No console error or CSP violation on any page; Ctrl-C (SIGINT) ends the server with 0.
//
// Prints every problem, one a line; exits 1 if there is any.
// Environment: CHROMIUM (default /usr/bin/chromium), SCREENSHOT (a PNG path for the banner),
// REPORT, REPORT_PAGE and AGREEMENT (the report's Markdown, its page and an agreement's YAML,
// for another site than the example; defaults are the example's kalmar-stadsmission files).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { launchOptions } from './chromium.mjs';

const [binary, contentDir, editsArg] = process.argv.slice(2);
if (!binary || !contentDir) {
  console.error('usage: node reload.mjs IOPSITE_BINARY CONTENT_DIR [EDITS]');
  process.exit(2);
}
const EDITS = Number(editsArg || 7);
// The files edited, relative to the site folder; the defaults are the example site's.
const REPORT = process.env.REPORT || 'content/reports/kalmar-stadsmission-2024.md';
const REPORT_PAGE = process.env.REPORT_PAGE || 'reports/kalmar-stadsmission-2024.html';
const AGREEMENT = process.env.AGREEMENT || 'content/agreements/kalmar-stadsmission.yaml';
const TIMEOUT = 10_000;

const problems = [];
function problem(line) {
  problems.push(line);
  console.log(`problem: ${line}`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iopsite-reload-'));
const site = path.join(tmp, 'site');
fs.cpSync(contentDir, path.join(site, 'content'), { recursive: true });
const reportPath = path.join(site, REPORT);
const agreementPath = path.join(site, AGREEMENT);
const reportText = fs.readFileSync(reportPath, 'utf8');
const agreementText = fs.readFileSync(agreementPath, 'utf8');

// The server, with a private TMPDIR so that its temporary folder can be checked afterwards.
const serverTmp = path.join(tmp, 'server-tmp');
fs.mkdirSync(serverTmp);
const server = spawn(binary, ['serve', site, '--port', '0', '--base-path', '/iop/', '--as-of', '2026-11-23'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, TMPDIR: serverTmp },
});
let serverOut = '';
server.stdout.on('data', (d) => { serverOut += d; });
server.stderr.on('data', (d) => { serverOut += d; });
const serverExit = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`serve printed no address:\n${serverOut}`)), TIMEOUT);
  const look = () => {
    const m = serverOut.match(/http:\/\/\S+/);
    if (m) {
      clearTimeout(timer);
      resolve(m[0]);
    }
  };
  server.stdout.on('data', look);
  serverExit.then(() => reject(new Error(`serve exited:\n${serverOut}`)));
});
console.log(`serving at ${url}`);

const profile = path.join(tmp, 'profile');
const context = await chromium.launchPersistentContext(profile, launchOptions({ serviceWorkers: 'block' }));

function watch(page, name) {
  page.on('console', (msg) => {
    // Chromium asks for /favicon.ico by itself; the site has none, and outside /iop/ is 404.
    // With more than four tabs open, some reload polls are answered 429 (see step 1b).
    const where = msg.location().url;
    const refusedPoll = where.includes('/__iopsite/poll') && msg.text().includes('429');
    if (msg.type() === 'error' && !where.endsWith('/favicon.ico') && !refusedPoll) {
      problem(`${name}: console error: ${msg.text()} (${msg.location().url})`);
    }
  });
  page.on('pageerror', (err) => problem(`${name}: script error: ${err.message}`));
  page.on('response', (res) => {
    const refusedPoll = res.status() === 429 && res.url().includes('/__iopsite/poll');
    if (res.status() >= 400 && !refusedPoll) problem(`${name}: ${res.status()} for ${res.url()}`);
  });
  return page;
}

/** Facts about the page now: whether it holds `text`, its load time (ms since 1970), its marker. */
function pageState(page, text) {
  return page.evaluate((text) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const banner = document.getElementById('iopsite-build-errors');
    return {
      has: document.body.innerText.includes(text),
      loadedAt: performance.timeOrigin + (nav ? nav.loadEventStart : 0),
      marker: window.__reloadTestMarker,
      banner: banner ? { text: banner.innerText, role: banner.getAttribute('role') } : null,
    };
  }, text);
}

/** Waits until `page` has fired `load` for a document that holds `text`. */
async function reloadedWith(page, text, firstLoad) {
  const deadline = Date.now() + TIMEOUT;
  let load = firstLoad;
  for (;;) {
    await load;
    const state = await pageState(page, text);
    if (state.has) return state;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`page did not show "${text}" within ${TIMEOUT} ms`);
    load = page.waitForEvent('load', { timeout: left });
  }
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

try {
  const page = watch(await context.newPage(), 'tab 1');
  await page.goto(url + REPORT_PAGE);
  if (!(await page.content()).includes('__iopsite/reload.js')) problem('served page has no reload script');

  // 1. Edits, timed from the write to the reloaded page's load event.
  const timings = [];
  for (let i = 1; i <= EDITS; i++) {
    const sentence = `Provmening nummer ${i} från webbläsartestet.`;
    await page.evaluate((i) => { window.__reloadTestMarker = i; }, i);
    // Give the page's script time to be waiting for the next build, as it is when a person types.
    await page.waitForTimeout(300);
    const load = page.waitForEvent('load', { timeout: TIMEOUT });
    const written = Date.now();
    fs.writeFileSync(reportPath, `${reportText}\n${sentence}\n`);
    try {
      const state = await reloadedWith(page, sentence, load);
      if (state.marker !== undefined) problem(`edit ${i}: the page shows the text but was not reloaded`);
      timings.push(Math.round(state.loadedAt - written));
    } catch (err) {
      problem(`edit ${i}: ${err.message}`);
    }
  }
  if (timings.length) {
    console.log(`save → reloaded page (ms), ${timings.length} edits: ${timings.join(', ')}`);
    console.log(`median save → reloaded page: ${median(timings)} ms`);
  }

  // 1b. Four reload polls from another program on this machine hold every place the server
  //     keeps for one address: the tab's own polls are answered 429, it asks again each
  //     second, and it still reloads after an edit. (Several tabs do not get there by
  //     themselves: Chromium sends one request at a time for the same URL.)
  {
    let refused = 0;
    const count = (res) => { if (res.status() === 429) refused++; };
    // The tab's own waiting poll ends when it leaves the page, and the four take the places.
    await page.goto('about:blank');
    await page.waitForTimeout(300);
    const state = await (await fetch(`${url}__iopsite/poll?since=-1`)).json();
    const holders = new AbortController();
    const held = [1, 2, 3, 4].map((i) =>
      fetch(`${url}__iopsite/poll?since=${state.generation}&holder=${i}`, { signal: holders.signal })
        .then((r) => r.status, () => 'aborted'));
    await page.waitForTimeout(300);
    page.on('response', count);
    await page.goto(url + REPORT_PAGE);
    await page.evaluate(() => { window.__reloadTestMarker = 'held'; });
    await page.waitForTimeout(1500);
    if (refused === 0) problem('with four polls held elsewhere, the tab\'s polls were not answered 429');
    const sentence = 'Provmening medan fyra frågor väntar.';
    const load = page.waitForEvent('load', { timeout: TIMEOUT });
    const written = Date.now();
    fs.writeFileSync(reportPath, `${reportText}\n${sentence}\n`);
    try {
      const reloaded = await reloadedWith(page, sentence, load);
      if (reloaded.marker !== undefined) problem('places held: the page shows the text but was not reloaded');
      console.log(`with every poll place held: ${refused} poll(s) answered 429, reloaded ${Math.round(reloaded.loadedAt - written)} ms after the save`);
    } catch (err) {
      problem(`places held: ${err.message}`);
    }
    holders.abort();
    const statuses = await Promise.all(held);
    if (statuses.some((s) => s !== 200 && s !== 'aborted')) problem(`held polls answered ${statuses.join(', ')}`);
    page.off('response', count);
  }

  // 2. A broken file: banner in the open tab (no reload) and in a tab opened afterwards.
  await page.evaluate(() => { window.__reloadTestMarker = 'broken'; });
  await page.waitForTimeout(300);
  fs.writeFileSync(agreementPath, agreementText.replace('title: ', 'title: ['));
  const expect = `${AGREEMENT}:1:`;
  try {
    await page.waitForSelector('#iopsite-build-errors', { timeout: TIMEOUT });
    const state = await pageState(page, '');
    if (!state.banner.text.includes(expect)) problem(`banner does not name ${expect}: ${state.banner.text}`);
    if (state.banner.role !== 'alert') problem(`banner role is ${state.banner.role}, not alert`);
    if (state.marker !== 'broken') problem('the page reloaded after a failed build');
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });
  } catch (err) {
    problem(`no error banner after a failed build: ${err.message}`);
  }
  const late = watch(await context.newPage(), 'tab 2');
  await late.goto(url + 'index.html');
  try {
    await late.waitForSelector('#iopsite-build-errors', { timeout: TIMEOUT });
    const state = await pageState(late, '');
    if (!state.banner.text.includes(expect)) problem(`late tab's banner does not name ${expect}`);
  } catch (err) {
    problem(`a tab opened after the failed build shows no banner: ${err.message}`);
  }

  // 3. Fixed: both tabs reload, without the banner.
  await late.evaluate(() => { window.__reloadTestMarker = 'late'; });
  const loads = [page.waitForEvent('load', { timeout: TIMEOUT }), late.waitForEvent('load', { timeout: TIMEOUT })];
  fs.writeFileSync(agreementPath, agreementText);
  try {
    await Promise.all(loads);
    for (const [name, p] of [['tab 1', page], ['tab 2', late]]) {
      const state = await pageState(p, '');
      if (state.banner) problem(`${name}: banner still there after the fix`);
      if (state.marker !== undefined) problem(`${name}: not reloaded after the fix`);
    }
  } catch (err) {
    problem(`tabs did not reload after the fix: ${err.message}`);
  }
} catch (err) {
  problem(`unexpected: ${err.stack || err}`);
} finally {
  await context.close();
}

// 4. Ctrl-C ends the server cleanly and removes its temporary folder.
server.kill('SIGINT');
const exit = await Promise.race([serverExit, new Promise((r) => setTimeout(() => r(null), TIMEOUT))]);
if (!exit) {
  problem('serve did not stop on SIGINT');
  server.kill('SIGKILL');
} else if (exit.code !== 0) {
  problem(`serve exited with ${exit.code ?? exit.signal} on SIGINT`);
}
const left = fs.readdirSync(serverTmp);
if (left.length) problem(`serve left ${left.join(', ')} in its temporary folder`);
fs.rmSync(tmp, { recursive: true, force: true });

console.log(`live reload: ${problems.length} problem(s)`);
if (problems.length) {
  console.log(`--- serve's output\n${serverOut}`);
  process.exit(1);
}
