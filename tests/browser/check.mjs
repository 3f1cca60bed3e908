// Browser and HTML checks for a built iopsite site.
//
//   node check.mjs SITE_DIR
//
// 1. Serves SITE_DIR under base_url's path (else the sub-path /iop/) on 127.0.0.1 (random free port; 404 outside /iop/).
// 2. Loads every .html page of SITE_DIR in Chromium at 1280x900 and 390x844, runs axe-core
//    (WCAG 2.0/2.1 A and AA) and records every network request to a host other than 127.0.0.1.
// 3. Crawls from /iop/index.html over the links found in each page's DOM (href, src, srcset,
//    stylesheets and the url()s inside them, ...): every internal reference must answer 200 under
//    /iop/, every page must be reachable from home, and nothing but plain <a href> links may point
//    to another host. The same references are then resolved from disk (file://) and must name
//    existing files (404.html is exempt: its links are absolute, from base_url, by design).
// 4. Runs the Nu Html Checker (vnu.jar) on every .html page: zero errors.
//
// Prints every problem, one a line, and a summary line; exits 1 if there is any problem.
//
// Environment: CHROMIUM (default /usr/bin/chromium), JAVA (default java),
// BASE_URL (default: taken from the canonical link of index.html).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { launchOptions } from './chromium.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VNU_JAR = path.join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

const VIEWPORTS = [
  { name: '1280x900', width: 1280, height: 900 },
  { name: '390x844', width: 390, height: 844 },
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// Pages whose links are absolute (from base_url) by design, and that nothing needs to link to.
const ABSOLUTE_LINK_PAGES = new Set(['404.html']);

const siteArg = process.argv[2];
if (!siteArg) {
  console.error('usage: node check.mjs SITE_DIR');
  process.exit(2);
}
const SITE = fs.realpathSync(path.resolve(siteArg));

// base_url: the site's public address, from index.html's canonical link unless given.
function findBaseUrl() {
  if (process.env.BASE_URL) return process.env.BASE_URL.replace(/\/?$/, '/');
  const html = fs.readFileSync(path.join(SITE, 'index.html'), 'utf8');
  const m = html.match(/<link\b[^>]*\brel=["']?canonical["']?[^>]*>/i);
  const href = m && m[0].match(/\bhref=["']?([^"'\s>]+)/i);
  if (href && /index\.html$/.test(href[1])) return href[1].replace(/index\.html$/, '');
  return null;
}
const BASE_URL = findBaseUrl();
// The sub-path the site is served under: base_url's path, as on its real host (the 404 page
// links by that path), else /iop/.
const PREFIX = BASE_URL ? new URL(BASE_URL).pathname.replace(/\/?$/, '/') : '/iop/';

// ---------------------------------------------------------------------------------------------
// Problems

const problems = { axe: [], links: [], disk: [], network: [], vnu: [] };
function problem(kind, line) {
  problems[kind].push(line);
}

// ---------------------------------------------------------------------------------------------
// The site's files

function walk(dir, rel = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(path.join(dir, entry.name), r));
    else if (entry.isFile()) out.push(r);
  }
  return out;
}
const allFiles = walk(SITE).sort();
const htmlPages = allFiles.filter((f) => f.endsWith('.html'));
if (!htmlPages.includes('index.html')) {
  console.error(`no index.html in ${SITE}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// The Nu Html Checker runs in the background while the browser works.

function runVnu() {
  return new Promise((resolve) => {
    const java = process.env.JAVA || 'java';
    const args = ['-Xss4m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', '--stdout',
      ...htmlPages.map((p) => path.join(SITE, p))];
    const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', (err) => resolve({ error: `could not run ${java}: ${err.message}` }));
    child.on('close', (code) => {
      try {
        resolve({ code, messages: JSON.parse(stdout).messages || [] });
      } catch {
        resolve({ error: `vnu exited ${code} without JSON output:\n${stdout}\n${stderr}` });
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// A static server for SITE under /iop/, on loopback only.

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

// The file under SITE that a URL path names, or null.
function fileForPath(urlPath) {
  if (!urlPath.startsWith(PREFIX)) return null;
  let rel;
  try {
    rel = decodeURIComponent(urlPath.slice(PREFIX.length));
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const full = path.resolve(SITE, rel);
  if (full !== SITE && !full.startsWith(SITE + path.sep)) return null;
  try {
    if (!fs.statSync(full).isFile()) return null; // no directory listings, no index.html guessing
  } catch {
    return null;
  }
  return full;
}

const server = http.createServer((req, res) => {
  const urlPath = new URL(req.url, 'http://127.0.0.1').pathname;
  const file = req.method === 'GET' || req.method === 'HEAD' ? fileForPath(urlPath) : null;
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  const body = fs.readFileSync(file);
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const ORIGIN = `http://127.0.0.1:${server.address().port}`;
const ROOT_URL = `${ORIGIN}${PREFIX}`;
const pageUrl = (rel) => ROOT_URL + rel.split('/').map(encodeURIComponent).join('/');

// A URL on the public site, mapped to the same place on the local server.
const toLocal = (url) => (BASE_URL && url.startsWith(BASE_URL) ? ROOT_URL + url.slice(BASE_URL.length) : null);

// ---------------------------------------------------------------------------------------------
// Browser

const vnuPromise = runVnu();
const started = Date.now();

const browser = await chromium.launch(launchOptions());

// Every request the browser makes, per page; anything off loopback is recorded and aborted.
// Requests to the site's own base_url (only 404.html makes them, by design) are answered from
// the local server so that page renders as it would on the real host.
let currentPage = null;
const offHostRequests = [];
const failedResponses = [];

async function newContext(viewport) {
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    javaScriptEnabled: true,
    serviceWorkers: 'block',
  });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    let u;
    try {
      u = new URL(url);
    } catch {
      return route.continue();
    }
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return route.continue();
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.host === new URL(ORIGIN).host) return route.continue();
    const local = toLocal(url);
    if (local && currentPage && ABSOLUTE_LINK_PAGES.has(currentPage)) {
      const res = await fetch(local);
      return route.fulfill({ status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) });
    }
    offHostRequests.push({ page: currentPage, viewport: viewport.name, url, type: route.request().resourceType() });
    return route.abort('blockedbyclient');
  });
  context.on('response', (response) => {
    if (response.status() >= 400) failedResponses.push({ page: currentPage, viewport: viewport.name, url: response.url(), status: response.status() });
  });
  return context;
}

// Runs in the page: every reference to another resource, as written, and every fragment target.
function extractReferences() {
  const refs = [];
  const push = (el, attr, value) => {
    if (value == null) return;
    value = value.trim();
    if (value === '') return;
    refs.push({ tag: el.tagName.toLowerCase(), attr, rel: (el.getAttribute('rel') || '').toLowerCase(), value });
  };
  const cssUrls = (text) => {
    const out = [];
    const re = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/g;
    let m;
    while ((m = re.exec(text))) out.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]);
    return out;
  };
  const single = ['href', 'src', 'poster', 'data', 'action', 'formaction', 'cite', 'longdesc', 'background', 'manifest', 'xlink:href', 'ping'];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of single) {
      if (!el.hasAttribute(attr)) continue;
      if (attr === 'data' && el.tagName.toLowerCase() !== 'object') continue;
      if (attr === 'ping') {
        for (const v of el.getAttribute(attr).split(/\s+/)) push(el, attr, v);
      } else push(el, attr, el.getAttribute(attr));
    }
    for (const attr of ['srcset', 'imagesrcset']) {
      if (!el.hasAttribute(attr)) continue;
      // The srcset grammar: URL (a run of non-space), then descriptors up to a comma.
      const s = el.getAttribute(attr);
      let i = 0;
      while (i < s.length) {
        while (i < s.length && /[\s,]/.test(s[i])) i++;
        let j = i;
        while (j < s.length && !/\s/.test(s[j])) j++;
        let url = s.slice(i, j);
        i = j;
        if (url.endsWith(',')) url = url.replace(/,+$/, '');
        else {
          let depth = 0;
          while (i < s.length && !(s[i] === ',' && depth === 0)) {
            if (s[i] === '(') depth++;
            if (s[i] === ')') depth--;
            i++;
          }
        }
        if (url) push(el, attr, url);
      }
    }
    if (el.hasAttribute('style')) for (const u of cssUrls(el.getAttribute('style'))) push(el, 'style', u);
  }
  for (const el of document.querySelectorAll('style')) for (const u of cssUrls(el.textContent)) push(el, 'style', u);
  for (const el of document.querySelectorAll('meta[http-equiv]')) {
    if (el.getAttribute('http-equiv').toLowerCase() !== 'refresh') continue;
    const m = (el.getAttribute('content') || '').match(/url\s*=\s*['"]?([^'"]+)/i);
    if (m) push(el, 'content', m[1]);
  }
  const ids = new Set();
  for (const el of document.querySelectorAll('[id]')) ids.add(el.id);
  for (const el of document.querySelectorAll('a[name]')) ids.add(el.getAttribute('name'));
  return { refs, ids: [...ids] };
}

async function runAxe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim() })),
    }));
  }, AXE_TAGS);
}

const pageData = new Map(); // rel path -> { refs, ids }
let axeChecks = 0;
for (const viewport of VIEWPORTS) {
  const context = await newContext(viewport);
  const page = await context.newPage();
  for (const rel of htmlPages) {
    currentPage = rel;
    const response = await page.goto(pageUrl(rel), { waitUntil: 'load' });
    if (!response || response.status() !== 200) {
      problem('links', `${rel}  served with status ${response ? response.status() : 'none'}`);
      continue;
    }
    if (!pageData.has(rel)) pageData.set(rel, await page.evaluate(extractReferences));
    const violations = await runAxe(page);
    axeChecks++;
    for (const v of violations) {
      for (const n of v.nodes) {
        problem('axe', `${rel} [${viewport.name}]  ${v.id}  ${n.target}  ${v.help} (${v.impact}): ${n.summary}`);
      }
    }
  }
  currentPage = null;
  await context.close();
}
await browser.close();
const browserSeconds = ((Date.now() - started) / 1000).toFixed(1);

// (axe-core itself re-fetches a page's stylesheets to read them: one line per page, viewport and URL.)
const seenRequests = new Set();
for (const r of offHostRequests) {
  const key = `${r.page} ${r.viewport} ${r.url}`;
  if (seenRequests.has(key)) continue;
  seenRequests.add(key);
  problem('network', `${r.page} [${r.viewport}]  request to another host (${r.type}): ${r.url}`);
}
for (const r of failedResponses) {
  problem('network', `${r.page} [${r.viewport}]  ${r.url} answered ${r.status}`);
}

// ---------------------------------------------------------------------------------------------
// Links over HTTP: status of every internal reference, reachability from home, no third party.

const NAVIGATION = (ref) => ((ref.tag === 'a' || ref.tag === 'area') && ref.attr === 'href') || ref.attr === 'cite' || ref.attr === 'longdesc';
const METADATA = (ref) => ref.tag === 'link' && ref.attr === 'href' && /\b(canonical|alternate)\b/.test(ref.rel);

const statusCache = new Map();
async function statusOf(url) {
  if (!statusCache.has(url)) {
    statusCache.set(url, fetch(url, { redirect: 'manual' }).then(async (res) => ({
      status: res.status,
      type: res.headers.get('content-type') || '',
      text: (res.headers.get('content-type') || '').startsWith('text/css') ? await res.text() : (await res.arrayBuffer(), ''),
    })));
  }
  return statusCache.get(url);
}

// rel path of a local URL (no query, no fragment), or null if it is not under /iop/.
function relOf(url) {
  const u = new URL(url);
  if (u.origin !== ORIGIN || !u.pathname.startsWith(PREFIX)) return null;
  try {
    return decodeURIComponent(u.pathname.slice(PREFIX.length));
  } catch {
    return null;
  }
}

const fragmentChecks = []; // { from, target rel, fragment, value }
const edges = new Map(); // rel page -> Set of rel pages
let linksCrawled = 0;
let outboundLinks = 0;
const checkedTargets = new Set();

async function checkHttpReference(from, fromUrl, ref) {
  const value = ref.value;
  if (/^(mailto|tel|sms|javascript|data|blob|about):/i.test(value)) {
    if (/^javascript:/i.test(value)) problem('links', `${from}  <${ref.tag} ${ref.attr}>  javascript: URL "${value}"`);
    return;
  }
  if (value.startsWith('#')) {
    linksCrawled++;
    fragmentChecks.push({ from, target: from, fragment: value.slice(1), value });
    return;
  }
  let url;
  try {
    url = new URL(value, fromUrl);
  } catch {
    problem('links', `${from}  <${ref.tag} ${ref.attr}>  unparsable URL "${value}"`);
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problem('links', `${from}  <${ref.tag} ${ref.attr}>  unexpected URL scheme "${value}"`);
    return;
  }
  let target = url.href;
  if (url.origin !== ORIGIN) {
    const local = toLocal(url.href);
    if (local && (ABSOLUTE_LINK_PAGES.has(from) || METADATA(ref))) {
      target = local; // the site's own public address: checked against the local copy
      if (METADATA(ref) && ref.rel.includes('canonical') && !ABSOLUTE_LINK_PAGES.has(from) && url.href !== BASE_URL + from) {
        problem('links', `${from}  <link rel=canonical>  points to ${url.href}, expected ${BASE_URL + from}`);
      }
    } else if (local) {
      problem('links', `${from}  <${ref.tag} ${ref.attr}>  absolute link to the site's own base_url "${value}" (internal links must be relative)`);
      return;
    } else if (NAVIGATION(ref)) {
      outboundLinks++;
      return; // a plain link out: allowed, never fetched
    } else {
      problem('links', `${from}  <${ref.tag} ${ref.attr}${ref.rel ? ` rel=${ref.rel}` : ''}>  reference to a third-party host: ${value}`);
      return;
    }
  }
  const t = new URL(target);
  const fragment = t.hash ? t.hash.slice(1) : '';
  t.hash = '';
  const rel = relOf(t.href);
  linksCrawled++;
  if (rel === null) {
    problem('links', `${from}  <${ref.tag} ${ref.attr}>  "${value}" leaves the site's sub-path ${PREFIX}`);
    return;
  }
  const res = await statusOf(t.href);
  if (res.status !== 200) {
    problem('links', `${from}  <${ref.tag} ${ref.attr}>  "${value}" -> ${t.pathname} answered ${res.status}`);
    return;
  }
  if (rel.endsWith('.html')) {
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(rel);
    if (fragment) fragmentChecks.push({ from, target: rel, fragment, value });
  }
  if (res.type.startsWith('text/css') && !checkedTargets.has(t.href)) {
    checkedTargets.add(t.href);
    cssFiles.set(rel, res.text);
  }
}

const cssFiles = new Map(); // rel -> text, for every stylesheet reached
for (const rel of htmlPages) {
  const data = pageData.get(rel);
  if (!data) continue;
  for (const ref of data.refs) await checkHttpReference(rel, pageUrl(rel), ref);
}
// References inside stylesheets (url(), @import), also nested.
const cssDone = new Set();
while ([...cssFiles.keys()].some((k) => !cssDone.has(k))) {
  for (const [rel, text] of [...cssFiles]) {
    if (cssDone.has(rel)) continue;
    cssDone.add(rel);
    const re = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/g;
    let m;
    while ((m = re.exec(text.replace(/\/\*[\s\S]*?\*\//g, '')))) {
      const value = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
      if (value) await checkHttpReference(rel, pageUrl(rel), { tag: 'css', attr: 'url', rel: '', value });
    }
  }
}
// Fragment targets.
for (const f of fragmentChecks) {
  const data = pageData.get(f.target);
  let id = f.fragment;
  try {
    id = decodeURIComponent(id);
  } catch { /* keep as written */ }
  if (id === '' || id === 'top') continue; // both scroll to the top of the page
  if (data && !data.ids.includes(id)) problem('links', `${f.from}  "${f.value}"  no element with id "${id}" in ${f.target}`);
}
// Reachability from home.
const reached = new Set(['index.html']);
const queue = ['index.html'];
while (queue.length) {
  const p = queue.shift();
  for (const q of edges.get(p) || []) {
    if (!reached.has(q)) {
      reached.add(q);
      queue.push(q);
    }
  }
}
for (const rel of htmlPages) {
  if (!reached.has(rel) && !ABSOLUTE_LINK_PAGES.has(rel)) problem('links', `${rel}  not reachable by links from index.html`);
}
// The feed and the sitemap point at the public site: each of their addresses must exist here
// (the site's root, base_url itself, is its index.html, as on any web server). The sitemap lists
// every page but 404.html.
const inSitemap = new Set();
for (const [file, re] of [['sitemap.xml', /<loc>\s*([^<\s]+)\s*<\/loc>/g], ['feed.xml', /<link\b[^>]*\bhref="([^"]+)"/g]]) {
  if (!fs.existsSync(path.join(SITE, file))) continue;
  const text = fs.readFileSync(path.join(SITE, file), 'utf8');
  let m;
  while ((m = re.exec(text))) {
    const url = m[1].replace(/&amp;/g, '&');
    const local = toLocal(url);
    linksCrawled++;
    if (!local) {
      problem('links', `${file}  ${url}  is not under base_url ${BASE_URL}`);
      continue;
    }
    const u = new URL(local);
    u.hash = '';
    if (u.pathname.endsWith('/')) u.pathname += 'index.html';
    if (file === 'sitemap.xml') inSitemap.add(relOf(u.href));
    const res = await statusOf(u.href);
    if (res.status !== 200) problem('links', `${file}  ${url}  -> ${u.pathname} answered ${res.status}`);
  }
}
if (fs.existsSync(path.join(SITE, 'sitemap.xml'))) {
  for (const rel of htmlPages) {
    if (!inSitemap.has(rel) && !ABSOLUTE_LINK_PAGES.has(rel)) problem('links', `sitemap.xml  does not list ${rel}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Links from disk: every relative reference resolved against the file must name an existing file.

let diskLinks = 0;
function checkDiskReference(from, ref) {
  const value = ref.value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//') || value.startsWith('#')) return;
  const fromUrl = pathToFileURL(path.join(SITE, from));
  const u = new URL(value, fromUrl);
  u.hash = '';
  u.search = '';
  diskLinks++;
  const file = fileURLToPath(u);
  if (value.startsWith('/')) {
    problem('disk', `${from}  <${ref.tag} ${ref.attr}>  "${value}" is root-relative: opened from disk it points to ${file}`);
    return;
  }
  if (file !== SITE && !file.startsWith(SITE + path.sep)) {
    problem('disk', `${from}  <${ref.tag} ${ref.attr}>  "${value}" points outside the site folder: ${file}`);
    return;
  }
  let ok = false;
  try {
    ok = fs.statSync(file).isFile();
  } catch { /* missing */ }
  if (!ok) problem('disk', `${from}  <${ref.tag} ${ref.attr}>  "${value}" -> ${path.relative(SITE, file) || '.'} is not a file (opened from disk)`);
}
for (const rel of htmlPages) {
  if (ABSOLUTE_LINK_PAGES.has(rel)) continue;
  for (const ref of pageData.get(rel)?.refs || []) checkDiskReference(rel, ref);
}
for (const [rel, text] of cssFiles) {
  const re = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/g;
  let m;
  while ((m = re.exec(text.replace(/\/\*[\s\S]*?\*\//g, '')))) {
    const value = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
    if (value) checkDiskReference(rel, { tag: 'css', attr: 'url', value });
  }
}

server.close();

// ---------------------------------------------------------------------------------------------
// vnu

const vnu = await vnuPromise;
let vnuValid = 0;
if (vnu.error) {
  problem('vnu', vnu.error);
} else {
  const bad = new Set();
  for (const m of vnu.messages) {
    if (m.type !== 'error' && !(m.type === 'non-document-error')) continue;
    const file = m.url ? path.relative(SITE, fileURLToPath(m.url)) : '(vnu)';
    bad.add(file);
    problem('vnu', `${file}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}  ${m.message}${m.extract ? `  [${m.extract.replace(/\s+/g, ' ').trim()}]` : ''}`);
  }
  vnuValid = htmlPages.filter((p) => !bad.has(p)).length;
}

// ---------------------------------------------------------------------------------------------
// Report

const sections = [
  ['axe', 'accessibility (axe-core, WCAG 2.0/2.1 A+AA): page [viewport]  rule  target  message'],
  ['network', 'network requests made by the browser'],
  ['links', `links and hosting under ${PREFIX}`],
  ['disk', 'links opened from disk'],
  ['vnu', 'HTML validity (vnu --errors-only): page:line:column  message'],
];
let total = 0;
for (const [kind, title] of sections) {
  const list = problems[kind];
  total += list.length;
  if (!list.length) continue;
  console.log(`\n== FAIL ${title}: ${list.length} problem(s)`);
  for (const line of list) console.log(`  ${line}`);
}
console.log('');
console.log(`served ${SITE} at ${ROOT_URL}; base_url ${BASE_URL ?? '(unknown)'}`);
console.log(`axe: ${htmlPages.length} pages × ${VIEWPORTS.length} viewports = ${axeChecks} page loads checked (browser ${browserSeconds}s), ${problems.axe.length} violation node(s)`);
console.log(`links: ${linksCrawled} links crawled over HTTP (${statusCache.size} distinct URLs, ${reached.size} pages reachable from home, ${outboundLinks} plain links out), ${diskLinks} checked from disk, ${offHostRequests.length} off-host request(s)`);
console.log(`vnu: ${vnuValid} of ${htmlPages.length} pages valid HTML`);
const allAxeClean = problems.axe.length === 0;
console.log(
  `browser checks: ${htmlPages.length} pages × ${VIEWPORTS.length} viewports ${allAxeClean ? 'axe-clean' : `with ${problems.axe.length} axe violation(s)`}, ` +
  `${linksCrawled} links crawled${problems.links.length + problems.disk.length + problems.network.length ? ` with ${problems.links.length + problems.disk.length + problems.network.length} problem(s)` : ''}, ` +
  `${vnuValid} pages valid HTML${vnuValid === htmlPages.length ? '' : ` of ${htmlPages.length}`}` +
  (total ? ` — FAILED (${total} problem(s))` : ''),
);
process.exit(total ? 1 : 0);
