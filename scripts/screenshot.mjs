// Makes docs/report-lesson-1.png: the HTML report of lesson 1, as a reader sees it, taken by
// headless Chromium (Debian's, see scripts/ensure-chromium.sh) through playwright-core.
// Uses the built CLI (run `pnpm build` first):
//   node scripts/screenshot.mjs [scenario.yaml] [out.png]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scenario = process.argv[2] ?? 'scenarios/lesson-1-bgp-default-route.yaml';
const png = resolve(root, process.argv[3] ?? 'docs/report-lesson-1.png');

const dir = mkdtempSync(join(tmpdir(), 'cloudroute-shot-'));
const html = join(dir, 'report.html');
try {
  try {
    execFileSync(process.execPath, [join(root, 'packages/cli/dist/bin.js'), 'run', scenario, '--out', html], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } catch (e) {
    // Exit 1 means an `expect` failed: the report is written all the same and worth a picture.
    if (e.status !== 1) throw e;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="1"]', { state: 'attached' });
    mkdirSync(dirname(png), { recursive: true });
    await page.screenshot({ path: png, fullPage: true });
    console.log(`wrote ${png}`);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
