// Sorting and filtering of tables in the page, without a server.
//
// Every page reads completely without this script; it only enhances:
// - A `table.sortable` gets a button in each header with `data-sort-type` (text, number or
//   date). A cell's `data-sort` is its sort value where the text shown does not sort. The
//   header sorted by carries `aria-sort`, and the new order is announced.
// - A `form.table-filter` (partials/agreement_filter.html) filters the agreement table after
//   it: by text, public body, goal, status and year. Its choices come from
//   `lists/agreement-filters.js`. Where the table may be one page of the list of all
//   agreements (`data-rows-src`) and holds fewer rows than the site has, the first filter or
//   sort loads every row from `lists/agreements.js` and shows the matching ones, a hundred at
//   a time. Both files call `iopRows`, so they load with <script src> from disk too.
// Every word shown comes from the page (the theme's i18n file), never from here.
(() => {
  'use strict';

  const LANG = document.documentElement.lang || 'sv';
  const collator = new Intl.Collator(LANG);
  const numbers = new Intl.NumberFormat(LANG);
  const PAGE = 100;
  const COLUMNS = 6;

  // -------------------------------------------------------------------------------------------
  // The data files: each calls iopRows.NAME(data) when it runs.

  const received = {};
  window.iopRows = {
    filters(data) { received.filters = data; },
    load(data) { received.load = data; },
  };
  const loading = new Map();

  /// Loads the script at `src`, which hands its data to iopRows[kind].
  function loadData(src, kind) {
    if (!loading.has(src)) {
      loading.set(src, new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = () => (received[kind] ? resolve(received[kind]) : reject(new Error(src)));
        script.onerror = () => reject(new Error(src));
        document.head.append(script);
      }));
    }
    return loading.get(src);
  }

  // -------------------------------------------------------------------------------------------
  // Small helpers

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    e.append(...children);
    return e;
  }

  const camel = (key) => key.replace(/[_-](.)/g, (_, c) => c.toUpperCase());
  const words = (set) => (key) => set[camel(`t-${key}`)] || '';
  const isEmpty = (v) => v === '' || v === null || v === undefined || Number.isNaN(v);
  const tokens = (text) => (text || '').split(/\s+/).filter(Boolean);
  const fold = (text) => text.normalize('NFC').toLocaleLowerCase(LANG);

  /// Compares two non-empty sort values of a column type.
  function compareValues(type, a, b) {
    if (type === 'number') return a - b;
    if (type === 'date') return a < b ? -1 : a > b ? 1 : 0;
    return collator.compare(a, b);
  }

  /// The sort value of a cell.
  function cellValue(type, cell) {
    if (!cell) return '';
    const raw = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    if (type === 'number') return raw === '' ? '' : Number(raw);
    return raw;
  }

  /// Sorts `items` by `value(item)`, empty values last in either direction; ties keep their
  /// order.
  function sortItems(items, type, descending, value) {
    const keyed = items.map((item, index) => ({ item, index, key: value(item) }));
    keyed.sort((x, y) => {
      const ex = isEmpty(x.key);
      const ey = isEmpty(y.key);
      if (ex || ey) return ex === ey ? x.index - y.index : ex ? 1 : -1;
      const c = compareValues(type, x.key, y.key);
      return (descending ? -c : c) || x.index - y.index;
    });
    return keyed.map((k) => k.item);
  }

  // -------------------------------------------------------------------------------------------
  // Sortable tables

  class SortableTable {
    constructor(table) {
      this.table = table;
      this.t = words(table.dataset);
      this.heads = table.tHead ? [...table.tHead.rows[0].cells] : [];
      this.sorted = null; // { column, type, descending }
      // Sorts the rows in the page; a filter that shows other rows replaces it.
      this.sorter = (column, type, descending) => {
        const body = table.tBodies[0];
        const rows = [...body.rows];
        const sorted = sortItems(rows, type, descending, (row) => cellValue(type, row.cells[column]));
        body.append(...sorted);
      };
      this.live = el('p', { class: 'visually-hidden sort-status', 'aria-live': 'polite' });
      (table.closest('.table-wrap') || table).after(this.live);
      this.heads.forEach((th, column) => {
        const type = th.dataset.sortType;
        if (!type) return;
        const button = el('button', { type: 'button', class: 'sort-button' }, ...th.childNodes);
        th.append(button);
        button.addEventListener('click', () => this.sortBy(column));
      });
    }

    sortBy(column) {
      const th = this.heads[column];
      const type = th.dataset.sortType;
      const descending = !!this.sorted && this.sorted.column === column && !this.sorted.descending;
      this.sorted = { column, type, descending };
      for (const h of this.heads) h.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      this.resort();
      const said = this.t(descending ? 'descending' : 'ascending');
      this.live.textContent = said.replace('{column}', th.textContent.trim());
    }

    /// Sorts again by the current column, if any.
    resort() {
      if (this.sorted) this.sorter(this.sorted.column, this.sorted.type, this.sorted.descending);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Rows from lists/agreements.js, as partials/agreement_table.html writes them

  class RowMaker {
    constructor(data, form) {
      this.data = data;
      this.root = form.dataset.root || '';
      this.t = words(form.dataset);
      this.goalNames = {};
      for (const o of form.elements.goal.options) this.goalNames[o.value] = o.dataset.name || '';
    }

    statusLabel(d) {
      return d.e ? this.t(`outcome-${d.e}`) : this.t(`status-${d.s}`);
    }

    money(m) {
      if (!m.p && !m.u) return m.t;
      if (m.k === null || m.k === undefined) {
        return this.t(m.p && m.u ? 'not-published-or-known' : m.p ? 'not-published' : 'not-known');
      }
      return `${this.t('at-least').replace('{amount}', m.t)} ${this.t(m.p ? 'rest-unpublished' : 'rest-unknown')}`;
    }

    /// The keys the filter reads: as the data- attributes of a server-side row.
    facts(d) {
      const orgs = d.o.map((i) => this.data.orgs[i]);
      return {
        bodies: orgs.filter((o) => o[2] === 1).map((o) => o[0]),
        goals: d.g.map(String),
        status: d.s,
        years: d.y,
        text: fold(`${d.n} ${orgs.map((o) => o[1]).join(' ')}`),
      };
    }

    /// The sort value of column `column` of row `d`, as cellValue would read it from the row.
    value(d, column) {
      switch (column) {
        case 0: return d.n;
        case 1: return d.o.map((i) => this.data.orgs[i][1]).join('');
        case 2: return d.p.s;
        case 3: return d.u ? `${this.statusLabel(d)} ${this.t('outcome-judged-unlawful')}` : this.statusLabel(d);
        case 4: return d.m.k === null || d.m.k === undefined ? '' : d.m.k;
        default: return '';
      }
    }

    row(d) {
      const f = this.facts(d);
      const root = this.root;
      const tr = el('tr', {
        'data-bodies': f.bodies.join(' '),
        'data-goals': f.goals.join(' '),
        'data-status': d.s,
        'data-years': d.y.join(' '),
      });
      const name = el('a', { href: root + this.data.agreement_url.replace('{id}', d.i) }, d.n);
      if (d.l) name.lang = d.l;
      tr.append(el('th', { scope: 'row' }, name));
      tr.append(el('td', {}, el('ul', { class: 'plain-list' },
        ...d.o.map((i) => el('li', {}, el('a', { href: root + this.data.orgs[i][0] }, this.data.orgs[i][1]))))));
      const p = d.p;
      const period = el('td', { class: 'nowrap', 'data-sort': p.s }, el('time', { datetime: p.s }, p.s), ' – ');
      period.append(p.e ? el('time', { datetime: p.e }, p.e) : this.t('end-unknown'));
      if (p.a) period.append(`, ${this.t('approximately')}`);
      if (p.p) period.append(' ', el('span', { class: 'sub' }, `(${this.t('proposed-end').replace('{date}', p.p)})`));
      tr.append(period);
      const status = el('td', {}, el('span', { class: `status status-${d.s}${d.e ? ' status-outcome' : ''}` }, this.statusLabel(d)));
      if (d.u) status.append(' ', el('span', { class: 'status status-unlawful' }, this.t('outcome-judged-unlawful')));
      tr.append(status);
      const m = d.m;
      const money = el('td', { class: 'num', 'data-sort': this.value(d, 4) }, this.money(m));
      if (m.y) money.append(' ', el('span', { class: 'sub' }, String(m.y)));
      tr.append(money);
      const goals = el('td');
      if (d.g.length) {
        goals.append(el('ul', { class: 'goal-refs' }, ...d.g.map((n) => el('li', {}, el('a',
          { href: root + this.data.goal_urls[n - 1], class: `goal-ref goal-${n}` },
          el('span', { class: 'visually-hidden' }, `${this.t('goal')} `),
          String(n),
          el('span', { class: 'visually-hidden' }, `: ${this.goalNames[n]}`))))));
      } else {
        goals.append(el('span', { 'aria-hidden': 'true' }, '–'), el('span', { class: 'visually-hidden' }, this.t('none')));
      }
      tr.append(goals);
      return tr;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Filters

  /// The facts of a server-side row, from its data- attributes.
  function rowFacts(tr) {
    const years = tokens(tr.dataset.years).map(Number);
    const name = tr.cells[0] ? tr.cells[0].textContent : '';
    const orgs = tr.cells[1] ? tr.cells[1].textContent : '';
    return {
      bodies: tokens(tr.dataset.bodies),
      goals: tokens(tr.dataset.goals),
      status: tr.dataset.status,
      years: years.length ? [years[0], years[years.length - 1]] : null,
      text: fold(`${name} ${orgs}`),
    };
  }

  function matches(f, q) {
    if (q.text && !f.text.includes(q.text)) return false;
    if (q.body && !f.bodies.includes(q.body)) return false;
    if (q.goal && !f.goals.includes(q.goal)) return false;
    if (q.status && f.status !== q.status) return false;
    if (q.year && !(f.years && f.years[0] <= q.year && q.year <= f.years[1])) return false;
    return true;
  }

  class TableFilter {
    constructor(form, sortable) {
      this.form = form;
      this.sortable = sortable;
      this.table = sortable.table;
      this.body = this.table.tBodies[0];
      this.t = words(form.dataset);
      this.count = form.querySelector('.filter-count');
      // The rows the page came with, in their order, and their facts.
      this.pageRows = [...this.body.rows].filter((tr) => tr.dataset.status !== undefined);
      this.pageFacts = new Map(this.pageRows.map((tr) => [tr, rowFacts(tr)]));
      this.pageOrder = [...this.body.childNodes];
      this.all = null; // { maker, items: [{ d, facts, tr }] } once every row is loaded
      this.showing = PAGE;
      this.empty = el('tr', { class: 'filter-empty' }, el('td', { colspan: String(COLUMNS) }, this.t('no-match')));
      this.more = el('button', { type: 'button', class: 'show-more', hidden: '' });
      this.more.addEventListener('click', () => {
        // The reader goes on at the first row added.
        const first = this.showing;
        this.showing += PAGE;
        this.render(false);
        const link = this.body.rows[first] && this.body.rows[first].querySelector('a');
        if (link) link.focus();
      });
      (this.table.closest('.table-wrap') || this.table).after(this.more);
      this.pagination = [...document.querySelectorAll('.pagination, [data-pagination]')];
    }

    async start() {
      const filters = await loadData(this.form.dataset.filtersSrc, 'filters');
      this.total = filters.total;
      this.registry = !!this.form.dataset.rowsSrc && this.pageRows.length < filters.total;
      this.fillChoices(filters);
      let timer = 0;
      this.form.addEventListener('submit', (e) => e.preventDefault());
      this.form.addEventListener('input', (e) => {
        clearTimeout(timer);
        timer = setTimeout(() => this.update(true), e.target.type === 'search' ? 250 : 0);
      });
      this.form.addEventListener('reset', () => setTimeout(() => this.update(true), 0));
      // On a page of a paginated list, a sort orders every agreement, not just this page's.
      this.pageSorter = this.sortable.sorter;
      if (this.registry) {
        this.sortable.sorter = () => this.update(false);
      }
      this.form.hidden = false;
    }

    /// The choices the site's agreements give; in a table of some of them, those its rows
    /// give.
    fillChoices(filters) {
      const el_ = this.form.elements;
      let bodies = filters.bodies;
      let goals = filters.goals.map(String);
      let statuses = filters.statuses;
      let years = filters.years ? range(filters.years[0], filters.years[1]) : [];
      if (!this.registry) {
        const facts = [...this.pageFacts.values()];
        const has = (pick) => new Set(facts.flatMap(pick));
        const b = has((f) => f.bodies);
        const g = has((f) => f.goals);
        const s = has((f) => [f.status]);
        bodies = bodies.filter(([key]) => b.has(key));
        goals = goals.filter((n) => g.has(n));
        statuses = statuses.filter((x) => s.has(x));
        years = years.filter((y) => facts.some((f) => f.years && f.years[0] <= y && y <= f.years[1]));
      }
      for (const [key, name] of bodies) el_.body.append(el('option', { value: key }, name));
      for (const o of [...el_.goal.options]) if (o.value && !goals.includes(o.value)) o.remove();
      for (const o of [...el_.status.options]) if (o.value && !statuses.includes(o.value)) o.remove();
      for (const y of years.reverse()) el_.year.append(el('option', { value: String(y) }, String(y)));
    }

    query() {
      const e = this.form.elements;
      return {
        text: fold(e.text.value.trim()),
        body: e.body.value,
        goal: e.goal.value,
        status: e.status.value,
        year: e.year.value ? Number(e.year.value) : 0,
      };
    }

    active(q) {
      return !!(q.text || q.body || q.goal || q.status || q.year);
    }

    /// Applies the filters and the sort; `announce` says the count.
    async update(announce) {
      const q = this.query();
      const wantAll = this.registry && (this.active(q) || this.sortable.sorted);
      if (wantAll && !this.all) {
        this.count.textContent = this.t('loading');
        try {
          const data = await loadData(this.form.dataset.rowsSrc, 'load');
          if (!this.all) {
            // (Two changes may both have waited for the file.)
            const maker = new RowMaker(data, this.form);
            this.all = { maker, items: data.rows.map((d) => ({ d, facts: maker.facts(d), tr: null })) };
          }
        } catch {
          // Filter and sort this page's rows, and say so.
          this.registry = false;
          this.sortable.sorter = this.pageSorter;
          this.sortable.resort();
          this.showPage(this.query(), true);
          this.count.textContent = `${this.t('load-failed')} ${this.count.textContent}`;
          return;
        }
        // The count replaces the word "loading".
        announce = true;
      }
      // Another change may have come while the rows loaded: show the latest.
      if (wantAll) this.showAll(this.query(), announce);
      else this.showPage(q, announce);
    }

    /// Every agreement that matches, sorted, the first `showing` of them in the table.
    showAll(q, announce) {
      const { maker, items } = this.all;
      let found = items.filter((item) => matches(item.facts, q));
      const s = this.sortable.sorted;
      if (s) found = sortItems(found, s.type, s.descending, (item) => maker.value(item.d, s.column));
      if (announce) this.showing = PAGE;
      this.found = found;
      for (const p of this.pagination) p.hidden = true;
      this.render(announce);
    }

    render(announce) {
      const { maker } = this.all;
      const found = this.found;
      const shown = found.slice(0, this.showing).map((item) => item.tr || (item.tr = maker.row(item.d)));
      this.body.replaceChildren(...(shown.length ? shown : [this.empty]));
      this.table.classList.remove('filtered');
      const rest = found.length - shown.length;
      this.more.hidden = rest <= 0;
      this.more.textContent = this.t('show-more').replace('{n}', numbers.format(Math.min(rest, PAGE)));
      if (announce) this.say(found.length, this.all.items.length);
    }

    /// The page's own rows, those that match shown.
    showPage(q, announce) {
      if (this.body.contains(this.empty)) this.empty.remove();
      if (this.all && !this.body.contains(this.pageRows[0] || null)) {
        this.body.replaceChildren(...this.pageOrder);
        for (const p of this.pagination) p.hidden = false;
        this.more.hidden = true;
      }
      let n = 0;
      for (const tr of this.pageRows) {
        const hit = matches(this.pageFacts.get(tr), q);
        tr.hidden = !hit;
        if (hit) n++;
      }
      this.table.classList.toggle('filtered', n < this.pageRows.length);
      if (n === 0 && this.pageRows.length) this.body.append(this.empty);
      if (announce) this.say(n, this.pageRows.length);
    }

    say(n, total) {
      this.count.textContent = this.t('count')
        .replace('{n}', numbers.format(n))
        .replace('{total}', numbers.format(total));
    }
  }

  function range(first, last) {
    const out = [];
    for (let y = first; y <= last; y++) out.push(y);
    return out;
  }

  // -------------------------------------------------------------------------------------------

  const sortables = new Map();
  for (const table of document.querySelectorAll('table.sortable')) {
    sortables.set(table, new SortableTable(table));
  }
  for (const form of document.querySelectorAll('form.table-filter')) {
    // The table is the first agreement table after the form.
    let table = null;
    for (let next = form.nextElementSibling; next && !table; next = next.nextElementSibling) {
      table = next.matches('table.sortable') ? next : next.querySelector('table.sortable');
    }
    if (!table || !table.tBodies[0]) continue;
    new TableFilter(form, sortables.get(table)).start().catch(() => {
      // Without its choices the form stays hidden; sorting still works.
    });
  }
})();
