// The search box in the header of every page (partials/search_box.html).
//
// The build writes the index as small script files under search/ (see src/search/ in
// iopsite); this script loads them with <script src> as the reader types, which works from
// disk and under the site's CSP, where fetching JSON would not. Each file calls back into
// window.iopSearch:
//   search/index.js   iopSearch.manifest({keys, split, block, docs})  which chunks exist
//   search/k-ma.js    iopSearch.add("ma", {word: [names, texts, context], ...})
//                     the words starting with "ma" and, per field, the numbers of the
//                     documents they are in (see decode)
//   search/d-3.js     iopSearch.docs(3, [[kind, name, link, context, year?, lang?], ...])
//                     what the results show, 64 documents a file
//
// Focusing the box loads only the manifest. A query word of one letter is left out; a
// query of nothing else asks for two letters. A word of two letters finds the beginnings of
// words in names; from three letters on, words in texts count too. Every word of a query
// must match (AND); a match of a whole word counts more than of its beginning, and a match
// in a name far more than one in a text. Every text the reader sees comes from the theme's
// i18n files, through the data- attributes of the box.
(() => {
  'use strict';

  const manifestWaiters = [];
  const chunks = new Map(); // key -> {words, sorted}
  const blocks = new Map(); // block number -> records
  let manifest = null;

  window.iopSearch = {
    manifest(m) {
      manifest = { ...m, keys: new Set(m.keys), split: new Set(m.split) };
      manifestWaiters.splice(0).forEach((f) => f());
    },
    add(key, words) {
      chunks.set(key, { words, sorted: Object.keys(words).sort(), decoded: new Map() });
    },
    docs(n, records) {
      blocks.set(n, records);
    },
  };

  const box = document.querySelector('[data-search]');
  if (!box) return;
  const root = box.dataset.root || '';
  const input = box.querySelector('input');
  const panel = box.querySelector('.search-panel');
  const count = box.querySelector('.search-count');
  const live = box.querySelector('[aria-live]');
  const list = box.querySelector('.search-results');
  const SHOWN = 20;
  // What a match of a query word counts, by field (name, text, context): whole word, beginning.
  const SCORE = [[100, 60], [10, 6], [30, 18]];

  // The same folding and splitting as the build (src/search/fold.rs).
  const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const words = (s) =>
    fold(s).replace(/(?<=[0-9])[-\u2010-\u2014\u2212](?=[0-9])/g, '').match(/[\p{Alphabetic}\p{N}]+/gu) || [];
  const chars = (s) => [...s];
  const chunkFile = (key) =>
    'k-' + chars(key).map((c) => (/[a-z0-9]/.test(c) ? c : '_' + c.codePointAt(0).toString(16) + '_')).join('') + '.js';

  // The numbers of a posting list: gaps in base 32, the last digit of each from another
  // alphabet (src/search/index.rs, encode).
  const DIGIT = {};
  [...'0123456789abcdefghijklmnopqrstuv'].forEach((c, i) => { DIGIT[c] = [i, false]; });
  [...'ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz()'].forEach((c, i) => { DIGIT[c] = [i, true]; });
  function decode(text) {
    const out = [];
    let previous = -1;
    let value = 0;
    for (const c of text) {
      const [d, last] = DIGIT[c];
      value = value * 32 + d;
      if (last) {
        previous += value + 1;
        out.push(previous);
        value = 0;
      }
    }
    return out;
  }

  const loading = new Map();
  function load(file) {
    if (!loading.has(file)) {
      loading.set(file, new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = root + 'search/' + file;
        script.onload = () => { script.remove(); resolve(); };
        script.onerror = () => { script.remove(); loading.delete(file); reject(new Error(file)); };
        document.head.appendChild(script);
      }));
    }
    return loading.get(file);
  }
  const loadManifest = () =>
    load('index.js').then(() => manifest || new Promise((resolve) => manifestWaiters.push(resolve)));

  // The chunk that holds the words starting with `term`, or null if no word does.
  function chunkKey(term) {
    const c = chars(term);
    const k2 = c.slice(0, 2).join('');
    const k3 = c.slice(0, 3).join('');
    if (c.length >= 3 && manifest.keys.has(k3)) return k3;
    if (c.length >= 3 && manifest.split.has(k2)) return null;
    return manifest.keys.has(k2) ? k2 : null;
  }

  // The documents `term` matches: number -> [score, whether a name or text matched].
  function match(term) {
    const found = new Map();
    const key = chunkKey(term);
    const chunk = key && chunks.get(key);
    if (!chunk) return found;
    const fields = chars(term).length >= 3 ? 3 : 1;
    const sorted = chunk.sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < term) lo = mid + 1; else hi = mid;
    }
    for (let i = lo; i < sorted.length && sorted[i].startsWith(term); i++) {
      const word = sorted[i];
      const whole = word === term ? 0 : 1;
      const postings = chunk.words[word];
      for (let f = 0; f < Math.min(fields, postings.length); f++) {
        const id = word + '\u0000' + f;
        let docs = chunk.decoded.get(id);
        if (!docs) { docs = decode(postings[f]); chunk.decoded.set(id, docs); }
        const score = SCORE[f][whole];
        const own = f < 2;
        for (const d of docs) {
          const seen = found.get(d);
          if (!seen) found.set(d, [score, own]);
          else { if (score > seen[0]) seen[0] = score; if (own) seen[1] = true; }
        }
      }
    }
    return found;
  }

  // Every document all terms match, best first: [number, score].
  function rank(terms) {
    const maps = terms.map(match).sort((a, b) => a.size - b.size);
    const out = [];
    for (const [d, [score, own]] of maps[0]) {
      let total = score;
      let anyOwn = own;
      let all = true;
      for (let i = 1; i < maps.length && all; i++) {
        const m = maps[i].get(d);
        if (!m) all = false; else { total += m[0]; anyOwn = anyOwn || m[1]; }
      }
      if (all && anyOwn) out.push([d, total]);
    }
    return out.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }

  const text = (name) => box.dataset[name] || '';
  const number = (n) => new Intl.NumberFormat(document.documentElement.lang || undefined).format(n);
  function say(message) {
    count.textContent = message;
    live.textContent = message;
  }

  let current = 0;
  async function search() {
    const query = input.value;
    const asked = ++current;
    const all = words(query);
    const terms = [...new Set(all.filter((w) => chars(w).length >= 2))];
    if (all.length === 0) {
      close();
      return;
    }
    open();
    try {
      await loadManifest();
      if (asked !== current) return;
      if (terms.length === 0) {
        show([], 0, text('tShort'));
        return;
      }
      const keys = [...new Set(terms.map(chunkKey).filter(Boolean))];
      await Promise.all(keys.map((k) => load(chunkFile(k))));
      if (asked !== current) return;
      const ranked = rank(terms);
      const top = ranked.slice(0, SHOWN);
      const needed = [...new Set(top.map(([d]) => Math.floor(d / manifest.block)))];
      await Promise.all(needed.map((b) => load('d-' + b + '.js')));
      if (asked !== current) return;
      const records = top.map(([d]) => blocks.get(Math.floor(d / manifest.block))[d % manifest.block]);
      let message;
      if (ranked.length === 0) message = text('tNone');
      else if (ranked.length === 1) message = text('tOne');
      else if (ranked.length <= SHOWN) message = text('tMany').replace('{n}', number(ranked.length));
      else message = text('tFirst').replace('{n}', number(ranked.length)).replace('{shown}', number(SHOWN));
      show(records, ranked.length, message);
    } catch {
      if (asked === current) show([], 0, text('tError'));
    }
  }

  function show(records, total, message) {
    list.replaceChildren(...records.map(item));
    list.hidden = records.length === 0;
    say(message);
    box.dataset.results = String(total);
  }

  function item([kind, name, link, context, year, lang]) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = root + link;
    const label = document.createElement('span');
    label.className = 'search-kind';
    label.textContent = text('tKind' + kind.toUpperCase());
    const title = document.createElement('span');
    title.className = 'search-name';
    title.textContent = name || `${text('tKindR')} ${year}`;
    if (lang && name) title.lang = lang;
    a.append(label, ' ', title);
    if (context) {
      const more = document.createElement('span');
      more.className = 'search-context';
      more.textContent = context;
      if (lang) more.lang = lang;
      a.append(' ', more);
    }
    li.append(a);
    return li;
  }

  function open() {
    panel.hidden = false;
  }
  function close() {
    current++;
    panel.hidden = true;
    list.replaceChildren();
    say('');
  }

  const links = () => [...list.querySelectorAll('a')];
  input.addEventListener('input', search);
  // The manifest is tiny; loading it on focus saves the first search a round trip.
  input.addEventListener('focus', () => {
    loadManifest().catch(() => {});
    if (input.value.trim()) search();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && !panel.hidden && links().length) {
      e.preventDefault();
      links()[0].focus();
    } else if (e.key === 'Enter' && !panel.hidden && links().length) {
      e.preventDefault();
      links()[0].click();
    } else if (e.key === 'Escape') {
      if (!panel.hidden) close(); else input.value = '';
    }
  });
  list.addEventListener('keydown', (e) => {
    const all = links();
    const i = all.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = i + (e.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) input.focus(); else all[Math.min(next, all.length - 1)].focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      all[e.key === 'Home' ? 0 : all.length - 1].focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
      input.focus();
    }
  });
  box.addEventListener('focusout', (e) => {
    if (!box.contains(e.relatedTarget)) close();
  });
  document.addEventListener('click', (e) => {
    if (!box.contains(e.target)) close();
  });

  // Shown only with script; without it, the links to the lists stand in for the box.
  box.querySelector('.search-fallback').hidden = true;
  box.querySelector('.search-form').hidden = false;
})();
