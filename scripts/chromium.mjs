// Headless Chromium for the HTML report's pictures and browser tests: where it is and how it is
// started, in one place for scripts/screenshot.mjs and test/html-report.test.ts.

/** The Chromium binary: $CHROMIUM_PATH, else Debian's (scripts/ensure-chromium.sh installs it). */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The flags of every launch: headless, no sandbox (containers), no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
