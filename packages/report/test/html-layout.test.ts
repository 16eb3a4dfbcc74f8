/**
 * The report's layout in headless Chromium (Debian's /usr/bin/chromium via playwright-core;
 * skipped without it unless CI=true): event labels on the timeline never overlap, even for
 * events seconds apart with wide labels, and at 420 px wide a table's first column keeps whole
 * words (it broke one letter per line).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupResult, RunResult } from '@cloudroute/sim';
import { renderHtml } from '../src/index.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const IN_CI = process.env['CI'] === 'true' || process.env['CI'] === '1';
const present = existsSync(CHROMIUM);

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
/** The little of the DOM the in-page callbacks use (the tests' tsconfig has no DOM lib). */
interface DomElement {
  getBoundingClientRect(): Box;
  readonly textContent: string | null;
}
interface DomRange {
  selectNodeContents(node: DomElement): void;
  getClientRects(): Iterable<Box>;
}
declare const document: {
  querySelectorAll(selector: string): Iterable<DomElement>;
  createRange(): DomRange;
};

function group(name: string, flows: number): GroupResult {
  return {
    name,
    flows,
    availability: 1,
    lostFlowSeconds: 0,
    maxOutageSeconds: 0,
    outages: [],
    reasons: {},
    delivered: [[0, 1]],
  };
}

/** Events close together with wide labels (capitals, digits): the case that overlapped. */
function crowded(): RunResult {
  const events: RunResult['events'][number][] = [];
  const labels = [
    'WWW-GATEWAY-PRIMARY MAINTENANCE WINDOW',
    'dc1 advertised 0.0.0.0/0',
    'MMMMMMMM 0000000000 MMMMMMMMM',
    'vng1 provisioned',
    'HUB-VNET-ROUTE-TABLE UPDATED (UDR)',
  ];
  // Wide labels spaced by about their width in average characters: one row, if widths are guessed.
  for (const at of [100, 2100, 4100, 6100])
    events.push({ at, type: 'route.added', label: `${'W'.repeat(20)} ${'M'.repeat(10)}` });
  for (let i = 0; i < 40; i++)
    events.push({
      at: 600 + Math.floor(i / 3) * 20 + (i % 3),
      type: 'route.added',
      label: labels[i % labels.length]!,
    });
  events.sort((a, b) => a.at - b.at);
  return {
    kind: 'run',
    scenario: 'crowded',
    seed: 1,
    horizon: 7200,
    groups: [group('azure-web-internet-egress-through-the-hub', 20000), group('aws', 10)],
    expectations: [],
    rejected: [],
    events,
  };
}

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(!present && !IN_CI)('HTML report layout in headless Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudroute-layout-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(html: string, width: number): Promise<Page> {
    const file = join(dir, `r-${width}.html`);
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return page;
  }

  const html = (): string => renderHtml({ result: crowded(), scenario: { name: 'crowded' } });

  for (const width of [1280, 420]) {
    it(`event labels do not overlap (${width} px wide)`, async () => {
      const page = await open(html(), width);
      const boxes = await page.evaluate(() =>
        [...document.querySelectorAll('svg.timeline text.ev-label')].map((t) => {
          const r = t.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height, text: t.textContent };
        }),
      );
      await page.close();
      expect(boxes.length).toBeGreaterThan(3);
      const clashes: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          if (overlap(boxes[i]!, boxes[j]!)) clashes.push(`${boxes[i]!.text} / ${boxes[j]!.text}`);
      expect(clashes).toEqual([]);
    });
  }

  it('at 420 px wide the first column of the groups table keeps whole words', async () => {
    const page = await open(html(), 420);
    const cells = await page.evaluate(() =>
      [...document.querySelectorAll('table#groups tbody tr td:first-child')].map((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.y))).size;
        return { text: td.textContent, lines, width: td.getBoundingClientRect().width };
      }),
    );
    await page.close();
    // A 41-letter name took 41 lines (one letter each); now a few, a short name one.
    expect(cells.map((c) => c.text)).toEqual(['azure-web-internet-egress-through-the-hub', 'aws']);
    expect(cells[0]!.lines).toBeLessThanOrEqual(4);
    expect(cells[1]!.lines).toBe(1);
    expect(cells[0]!.width).toBeGreaterThan(160);
  });
});
