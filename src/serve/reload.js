// Live reload for `iopsite serve`. The preview server adds this script to the pages it
// serves (never to built files). It long-polls the server for the build generation: a newer
// good build reloads the page; a failed build shows its problems in a banner until a good
// build arrives. The site's Content-Security-Policy allows no inline script or style, so the
// banner is made with DOM calls and styled through the CSSOM.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var src = new URL(script.src);
  var pageGeneration = Number(src.searchParams.get('g'));
  var pollUrl = new URL('poll', src);
  var banner = null;

  function sleep(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function style(el, rules) {
    Object.keys(rules).forEach(function (key) { el.style[key] = rules[key]; });
    return el;
  }

  function showErrors(errors) {
    if (!banner) {
      banner = style(document.createElement('div'), {
        position: 'fixed', top: '0', left: '0', right: '0', zIndex: '2147483647',
        maxHeight: '50vh', overflow: 'auto', margin: '0', padding: '0.75rem 1rem',
        background: '#8b0000', color: '#ffffff', font: '15px/1.4 system-ui, sans-serif',
        boxShadow: '0 2px 8px rgba(0, 0, 0, 0.4)', textAlign: 'left',
      });
      banner.id = 'iopsite-build-errors';
      banner.setAttribute('role', 'alert');
      document.body.appendChild(banner);
    }
    banner.replaceChildren();
    var title = style(document.createElement('p'), { margin: '0 0 0.5rem', fontWeight: 'bold' });
    title.textContent = 'iopsite: the last build failed (' + errors.length +
      ' problem' + (errors.length === 1 ? '' : 's') + '). This is the previous good build; ' +
      'the page reloads when the problems are fixed.';
    banner.appendChild(title);
    var list = style(document.createElement('ul'), { margin: '0', paddingLeft: '1.25rem' });
    errors.forEach(function (e) {
      var item = document.createElement('li');
      var where = style(document.createElement('code'), {
        font: 'inherit', fontFamily: 'ui-monospace, monospace', fontWeight: 'bold',
        color: 'inherit', background: 'transparent',
      });
      where.textContent = e.file + (e.line ? ':' + e.line + (e.column ? ':' + e.column : '') : '');
      item.appendChild(where);
      item.appendChild(document.createTextNode(' ' + e.message));
      list.appendChild(item);
    });
    banner.appendChild(list);
  }

  async function run() {
    var since = -1; // the first question is answered at once, so a page loaded after a failed build shows it
    var delay = 250;
    for (;;) {
      var state;
      try {
        var url = new URL(pollUrl);
        url.searchParams.set('since', String(since));
        var response = await fetch(url, { cache: 'no-store' });
        if (response.status === 429) {
          // This browser has as many polls waiting as the server allows (many open tabs):
          // ask again in a second; a newer build is then answered at once.
          await sleep(1000);
          continue;
        }
        if (!response.ok) throw new Error('HTTP ' + response.status);
        state = await response.json();
        delay = 250;
      } catch (err) {
        // The server is restarting or stopped: ask again, less and less often.
        since = -1;
        await sleep(delay);
        delay = Math.min(delay * 2, 5000);
        continue;
      }
      if (state.errors.length > 0) {
        showErrors(state.errors);
      } else if (state.generation !== pageGeneration) {
        location.reload();
        return;
      }
      since = state.generation;
    }
  }

  run();
})();
