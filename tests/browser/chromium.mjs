// How every browser script here starts Debian's Chromium: headless, with the flags that keep
// it off the network (this machine's network is closed), from CHROMIUM or /usr/bin/chromium.

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/// Options for playwright's launch or launchPersistentContext, plus `extra`.
export function launchOptions(extra = {}) {
  return {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    ...extra,
  };
}
