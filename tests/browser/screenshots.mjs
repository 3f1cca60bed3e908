// Full-page screenshots of a built site in headless Chromium, for a person to look at.
//
//   node screenshots.mjs SITE_DIR OUT_DIR [PAGE ...]
//
// PAGE is a path inside SITE_DIR; the default is the home page, one agreement with a stacked
// funding chart, the funding overview and one goal page. Each is taken at 1280 px and 390 px
// wide, loaded from disk (file://), and saved as OUT_DIR/<page>-<width>.png. The script also
// reports any chart that is wider than its page, any text that sticks out of its chart, and
// any two chart labels that overlap; it exits 1 if it finds one.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { launchOptions } from './chromium.mjs';

const [siteArg, outArg, ...pageArgs] = process.argv.slice(2);
if (!siteArg || !outArg) {
  console.error('usage: node screenshots.mjs SITE_DIR OUT_DIR [PAGE ...]');
  process.exit(2);
}
const SITE = path.resolve(siteArg);
const OUT = path.resolve(outArg);
const PAGES = pageArgs.length
  ? pageArgs
  : [
      'index.html',
      'agreements/malmo-region-skane-roda-korset-barn.html',
      'funding.html',
      'goals/5.html',
    ];
const WIDTHS = [1280, 390];

fs.mkdirSync(OUT, { recursive: true });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'iopsite-shots-'));
const browser = await chromium.launchPersistentContext(profile, launchOptions());

let problems = 0;
try {
  for (const page of PAGES) {
    for (const width of WIDTHS) {
      const tab = await browser.newPage();
      await tab.setViewportSize({ width, height: 900 });
      await tab.goto(pathToFileURL(path.join(SITE, page)).href);
      await tab.evaluate(() => document.fonts.ready);
      const found = await tab.evaluate(() => {
        const out = [];
        const pageWidth = document.documentElement.clientWidth;
        document.querySelectorAll('svg.chart-svg').forEach((svg, n) => {
          const box = svg.getBoundingClientRect();
          if (box.right > pageWidth + 0.5) {
            out.push(`chart ${n + 1} is ${Math.round(box.right)} px wide on a ${pageWidth} px page`);
          }
          const texts = [...svg.querySelectorAll('text')].map((t) => ({
            text: t.textContent.trim(),
            box: t.getBoundingClientRect(),
          }));
          for (const t of texts) {
            if (t.box.left < box.left - 0.5 || t.box.right > box.right + 0.5) {
              out.push(`chart ${n + 1}: "${t.text}" sticks out of the chart`);
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
        if (document.documentElement.scrollWidth > pageWidth + 1) {
          out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
        }
        return out;
      });
      for (const p of found) {
        console.log(`${page} @ ${width}: ${p}`);
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
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(`screenshots: ${PAGES.length} pages × ${WIDTHS.length} widths, ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
