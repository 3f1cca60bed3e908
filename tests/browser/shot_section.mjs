// A screenshot of one part of a page, for a person to look at closely.
//
//   node shot_section.mjs FILE.html SELECTOR WIDTH OUT.png
//
// Loads the file from disk at WIDTH px and saves the element SELECTOR matches (its nearest
// section, if it is a heading) as OUT.png.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { launchOptions } from './chromium.mjs';

const [file, selector, width, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node shot_section.mjs FILE.html SELECTOR WIDTH OUT.png');
  process.exit(2);
}
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'iopsite-shot-'));
const browser = await chromium.launchPersistentContext(profile, launchOptions());
try {
  const tab = await browser.newPage();
  await tab.setViewportSize({ width: Number(width), height: 900 });
  await tab.goto(pathToFileURL(path.resolve(file)).href);
  let target = tab.locator(selector).first();
  const tag = await target.evaluate((el) => el.tagName);
  if (/^H[1-6]$/.test(tag)) target = target.locator('xpath=ancestor::section[1]');
  await target.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
