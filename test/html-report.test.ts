// Over 400 lines: the cases of one subject (html-report), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * The HTML report in a real browser: headless Chromium (Debian's, /usr/bin/chromium) driven by
 * playwright-core opens reports from file:// and checks that the chart shows what the result
 * JSON says (lanes, outage bars, event markers, via their data-* attributes), that a tooltip
 * appears on hover and on focus, that the page logs no console error and makes no request
 * besides its own file, and that hostile names run nothing.
 *
 * Chromium missing: locally the suite is skipped with a message (run scripts/ensure-chromium.sh);
 * with CI=true it fails instead, so CI never passes without having opened a report.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '@cloudroute/report';
import type { ChaosResult, DiffResult, ReportScenario, RunResult } from '@cloudroute/sim';

/** Where Chromium is and its launch flags, shared with scripts/screenshot.mjs. */
const { CHROMIUM_PATH: CHROMIUM, CHROMIUM_ARGS: ARGS } = (await import(
  new URL('../scripts/chromium.mjs', import.meta.url).href
)) as { CHROMIUM_PATH: string; CHROMIUM_ARGS: string[] };
const IN_CI = process.env['CI'] === 'true' || process.env['CI'] === '1';
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '</style><b>bold</b>',
] as const;

/** The little of the DOM that the in-page callbacks use (the tests' tsconfig has no DOM lib). */
interface DomElement {
  readonly dataset: Record<string, string | undefined>;
  readonly textContent: string | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}
declare const document: DomElement & { getElementById(id: string): DomElement | null };

const present = existsSync(CHROMIUM);
if (!present && !IN_CI)
  console.warn(
    `test/html-report.test.ts: skipped — no Chromium at ${CHROMIUM}. Install it with scripts/ensure-chromium.sh (CI=true makes this a failure).`,
  );

/** The CLI in-process (imported lazily so the render-only tests run even while the CLI is broken). */
async function cli(argv: readonly string[], files: Record<string, string> = {}) {
  const { cli: run } = await import('./helpers.js');
  return run(argv, { files });
}

interface Opened {
  readonly page: Page;
  readonly url: string;
  readonly errors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

describe.skipIf(!present && !IN_CI)('HTML report in headless Chromium', () => {
  let browser: Browser;
  let launchError: string | undefined;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudroute-html-'));
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    } catch (e) {
      launchError = `cannot start Chromium at ${CHROMIUM}: ${(e as Error).message} — run scripts/ensure-chromium.sh`;
    }
  });

  // A failed test, not a skipped suite, when Chromium cannot start (CI sets CI=true).
  it('starts headless Chromium', () => {
    expect(launchError).toBeUndefined();
    expect(browser.isConnected()).toBe(true);
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let n = 0;
  /** Writes the page to disk and opens it from file://, recording errors, requests and dialogs. */
  async function open(html: string): Promise<Opened> {
    if (launchError !== undefined) throw new Error(launchError);
    const file = join(dir, `report-${n++}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()}`));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    // The script sets data-ready when it has run: proof that the CSP hash admits it.
    await page.waitForSelector('html[data-ready="1"]', { state: 'attached' });
    return { page, url, errors, requests, dialogs };
  }

  /**
   * Runs `cloudroute <argv> --out <dir>/<name>.html --json` (`files` as the CLI's inputs), asserts
   * an exit code of at most `maxCode` (1: an `expect` of the scenario failed) and opens the report.
   */
  async function report(
    name: string,
    argv: readonly string[],
    { files = {}, maxCode = 0 }: { files?: Record<string, string>; maxCode?: number } = {},
  ): Promise<{ o: Opened; json: unknown }> {
    const out = join(dir, `${name}.html`);
    const r = await cli([...argv, '--out', out, '--json'], files);
    expect(r.code, r.stderr).toBeLessThanOrEqual(maxCode);
    return { o: await open(r.files.get(out)!), json: JSON.parse(r.stdout) };
  }

  /** Nothing logged, nothing fetched but the page itself, no dialog. */
  function expectQuiet(o: Opened): void {
    expect(o.errors).toEqual([]);
    expect(o.requests).toEqual([o.url]);
    expect(o.dialogs).toEqual([]);
  }

  /** What the chart shows, read back from the DOM. */
  async function chart(page: Page) {
    return page.evaluate(() => {
      const data = (el: DomElement): Record<string, string | undefined> => ({ ...el.dataset });
      return {
        lanes: [...document.querySelectorAll('svg.timeline g.lane')].map((l) => ({
          group: data(l)['group'],
          bars: [...l.querySelectorAll('rect.o')].map(data),
          lines: [...l.querySelectorAll('path.dl')].length,
        })),
        markers: [...document.querySelectorAll('svg.timeline g.ev')].map(data),
      };
    });
  }

  /** Asserts the chart of a run report against its result JSON. */
  async function expectChartMatches(page: Page, r: RunResult): Promise<void> {
    const c = await chart(page);
    expect(c.lanes.map((l) => l.group)).toEqual(r.groups.map((g) => g.name));
    r.groups.forEach((g, i) => {
      const lane = c.lanes[i]!;
      expect(lane.lines).toBe(1);
      expect(lane.bars.map((b) => [Number(b['start']), Number(b['end']), b['reason'], b['group']])).toEqual(
        g.outages.map((o) => [o.start, o.end, o.reason, g.name]),
      );
    });
    expect(c.markers.map((m) => [Number(m['at']), m['type'], m['label']])).toEqual(
      r.events.slice(0, 1000).map((e) => [e.at, e.type, e.label]),
    );
  }

  describe('lesson 1 (run --out, through the CLI)', () => {
    let opened: Opened;
    let result: RunResult;
    let description: string;

    beforeAll(async () => {
      const out = join(dir, 'lesson-1.html');
      const r = await cli(['run', 'scenarios/lesson-1-bgp-default-route.yaml', '--out', out, '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      result = JSON.parse(r.stdout) as RunResult;
      const html = r.files.get(out);
      expect(html).toBeDefined();
      opened = await open(html!);
      const { parse } = await import('yaml');
      description = (
        parse(readFileSync('scenarios/lesson-1-bgp-default-route.yaml', 'utf8')) as { description: string }
      ).description;
    });

    afterAll(async () => {
      await opened?.page.close();
    });

    it("shows the scenario's name and description and the verdict", async () => {
      const { page } = opened;
      await expect(page.locator('h1').textContent()).resolves.toBe('lesson-1-bgp-default-route');
      expect(await page.locator('p.description').textContent()).toBe(description.trim());
      expect(await page.locator('#verdict .verdict-title').textContent()).toBe(
        `All ${result.expectations.length} expectations hold`,
      );
      expect(await page.locator('#verdict li[data-ok="true"]').count()).toBe(result.expectations.length);
      expect(await page.locator('table#groups tbody tr').count()).toBe(result.groups.length);
    });

    it('draws the outage bar from the advert (10m) to the withdrawal (40m) on the azure-web-internet lane', async () => {
      const { page } = opened;
      const bar = page.locator('g.lane[data-group="azure-web-internet"] rect.o');
      await expect(bar.count()).resolves.toBe(1);
      expect(await bar.getAttribute('data-start')).toBe('600');
      expect(await bar.getAttribute('data-end')).toBe('2400');
      // The bar's edges sit on the markers of the advert and of the withdrawal.
      const box = (await bar.boundingBox())!;
      const advert = (await page.locator('g.ev[data-at="600"] line.ev-line').first().boundingBox())!;
      const withdrawal = (await page.locator('g.ev[data-at="2400"] line.ev-line').first().boundingBox())!;
      expect(Math.abs(box.x - (advert.x + advert.width / 2))).toBeLessThan(1.5);
      expect(Math.abs(box.x + box.width - (withdrawal.x + withdrawal.width / 2))).toBeLessThan(1.5);
    });

    it('has lanes, bars and markers exactly as the result JSON says', async () => {
      await expectChartMatches(opened.page, result);
    });

    it('shows a tooltip with start, end, flows and reason on hover, and hides it again', async () => {
      const { page } = opened;
      const o = result.groups.find((g) => g.name === 'azure-web-internet')!.outages[0]!;
      await page.locator('g.lane[data-group="azure-web-internet"] rect.o').hover();
      const tip = page.locator('#tip');
      await tip.waitFor({ state: 'visible' });
      const text = (await tip.textContent())!;
      expect(text).toContain('azure-web-internet');
      expect(text).toContain('start 10m · end 40m (30m)');
      expect(text).toContain(`flows lost: ${o.flows.toLocaleString('en-US')} of 20,000`);
      expect(text).toContain(`reason: ${o.reason}`);
      await page.mouse.move(2, 2);
      await tip.waitFor({ state: 'hidden' });
    });

    it('shows an event marker’s tooltip on keyboard focus', async () => {
      const { page } = opened;
      const marker = page.locator('g.ev[data-at="600"]').first();
      await marker.focus();
      const tip = page.locator('#tip');
      await tip.waitFor({ state: 'visible' });
      expect(await tip.textContent()).toBe(
        `10m: ${await marker.getAttribute('data-label')} (${await marker.getAttribute('data-type')})`,
      );
    });

    it('logs no console error and makes no request but its own file', () => {
      expectQuiet(opened);
    });
  });

  describe('every other scenario in scenarios/ (run --out)', () => {
    const files = readdirSync('scenarios')
      .filter((f) => f.endsWith('.yaml') && !f.startsWith('lesson-1-bgp') && !f.startsWith('chaos-'))
      .map((f) => f.replace(/\.yaml$/, ''))
      .sort();
    for (const name of files) {
      it(`${name}: chart matches the JSON, quiet page`, async () => {
        const { o, json } = await report(name, ['run', `scenarios/${name}.yaml`], { maxCode: 1 });
        await expectChartMatches(o.page, json as RunResult);
        expectQuiet(o);
        await o.page.close();
      });
    }
  });

  it('merge --out: the report of 3 shards shows the same chart as the unsharded run', async () => {
    const sc = 'scenarios/lesson-1-bgp-default-route.yaml';
    const parts: Record<string, string> = {};
    for (let k = 0; k < 3; k++) {
      const r = await cli(['run', sc, '--shard', `${k}/3`, '--json']);
      expect(r.code, r.stderr).toBe(0);
      parts[join(dir, `part-${k}.json`)] = r.stdout;
    }
    const { o, json } = await report('merged', ['merge', ...Object.keys(parts)], { files: parts });
    await expectChartMatches(o.page, json as RunResult);
    expect(await o.page.locator('h1').textContent()).toBe('lesson-1-bgp-default-route');
    expectQuiet(o);
    await o.page.close();
  });

  it('diff --out: both what-ifs side by side, quiet page', async () => {
    const { o, json } = await report('diff', [
      'diff',
      'scenarios/lesson-1-bgp-default-route.yaml',
      'scenarios/lesson-1-no-advert.yaml',
    ]);
    const d = json as DiffResult;
    const rows = await o.page
      .locator('svg.chart.diff g.row')
      .evaluateAll((els: DomElement[]) => els.map((e) => ({ ...e.dataset })));
    expect(rows.map((x) => [x['group'], Number(x['changed'])])).toEqual(
      d.groups.map((g) => [g.name, g.changedFlows]),
    );
    expectQuiet(o);
    await o.page.close();
  });

  it('chaos --out: p50/p95/p99 of the worst outage per group, quiet page', async () => {
    const { o, json } = await report('chaos', ['chaos', 'scenarios/chaos-tunnel-flaps.yaml', '--runs', '8']);
    const c = json as ChaosResult;
    for (const g of c.groups)
      for (const stat of ['p50', 'p95', 'p99'] as const) {
        const v = await o.page
          .locator(`svg.chart.chaos g.row[data-group="${g.name}"] .out[data-stat="${stat}"]`)
          .getAttribute('data-value');
        expect(Number(v)).toBe(g.maxOutageSeconds[stat]);
      }
    expectQuiet(o);
    await o.page.close();
  });

  /** Nothing from the hostile strings ran or became markup; each is visible as literal text. */
  async function expectInert(
    o: Opened,
    visible: readonly string[],
    groups: readonly string[],
  ): Promise<void> {
    const { page } = o;
    // Move over and focus everything that reacts, so any injected handler would have fired.
    for (const el of await page.locator('[tabindex="0"]').all()) {
      await el.focus();
      await el.hover({ force: true });
    }
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('style').count()).toBe(1);
    expect(await page.locator('b:text-is("bold")').count()).toBe(0);
    for (const s of visible)
      await expect(page.getByText(s, { exact: true }).first().isVisible()).resolves.toBe(true);
    // The inline JSON still parses (the tooltip script read it) and holds the names unchanged.
    const names = await page.evaluate(() =>
      (
        JSON.parse(document.getElementById('report-data')!.textContent!) as { groups: { name: string }[] }
      ).groups.map((g) => g.name),
    );
    expect(names).toEqual(expect.arrayContaining([...groups]));
    expectQuiet(o);
  }

  it('a hostile-names scenario through the CLI runs nothing and shows the names literally', async () => {
    // Object names may hold no space and no `/` (the format's rule); the scenario's name and
    // description are free text.
    const flows = ['"><script>alert(2)<!--', '<style>*{display:none}<!--'];
    const base = readFileSync('scenarios/lesson-1-bgp-default-route.yaml', 'utf8');
    const fixture = base
      .replace(/^name: .*$/m, `name: ${JSON.stringify(HOSTILE[0])}`)
      .replace(
        /^description: >-\n(?: {2}.*\n)+/m,
        `description: ${JSON.stringify(`${HOSTILE[1]} ${HOSTILE[2]}`)}\n`,
      )
      .replace('name: azure-web-internet,', `name: ${JSON.stringify(flows[0])},`)
      .replace('name: aws-web-internet,', `name: ${JSON.stringify(flows[1])},`)
      .replace(/^expect:\n(?:.*\n)*/m, '');
    const path = join(dir, 'hostile.yaml');
    const { o, json } = await report('hostile', ['run', path], { files: { [path]: fixture } });
    expect(await o.page.locator('h1').textContent()).toBe(HOSTILE[0]);
    expect(await o.page.locator('p.description').textContent()).toBe(`${HOSTILE[1]} ${HOSTILE[2]}`);
    await expectInert(o, [HOSTILE[0], ...flows], flows);
    await expectChartMatches(o.page, json as RunResult);
    await o.page.close();
  });

  describe('hostile names rendered directly (run, diff, chaos)', () => {
    const sc = (name: string, description: string): ReportScenario => ({ name, description });
    const H = 3600;
    const run: RunResult = {
      kind: 'run',
      scenario: HOSTILE[0],
      seed: 1,
      horizon: H,
      groups: HOSTILE.map((name, i) => ({
        name,
        flows: 10,
        availability: 0.9,
        lostFlowSeconds: 600,
        maxOutageSeconds: 60,
        outages: [{ start: 600 * (i + 1), end: 600 * (i + 1) + 60, flows: 10, reason: 'no-route' }],
        reasons: { 'no-route': 600 },
        delivered: [
          [0, 1],
          [600 * (i + 1), 0],
          [600 * (i + 1) + 60, 1],
        ],
      })),
      expectations: HOSTILE.map((flows) => ({
        ok: false,
        flows,
        during: [0, H] as const,
        reachable: 1,
        actual: 0.9,
        delta: -0.1,
      })),
      rejected: HOSTILE.map((m) => ({ at: 60, action: 'route.add', rule: m, message: m })),
      events: HOSTILE.map((label, i) => ({ at: 300 * (i + 1), type: 'route.added', label })),
    };
    const diff: DiffResult = {
      kind: 'diff',
      a: HOSTILE[1],
      b: HOSTILE[2],
      seed: 1,
      groups: HOSTILE.map((name) => ({
        name,
        a: { availability: 1, lostFlowSeconds: 0 },
        b: { availability: 0.5, lostFlowSeconds: 9 },
        changedFlows: 3,
      })),
    };
    const chaos: ChaosResult = {
      kind: 'chaos',
      scenario: HOSTILE[2],
      seed: 1,
      runs: 4,
      groups: HOSTILE.map((name) => ({
        name,
        availability: { mean: 0.99, p50: 1, p5: 0.98, p1: 0.97, min: 0.97 },
        maxOutageSeconds: { p50: 60, p95: 120, p99: 180, max: 180 },
      })),
    };
    const pages = {
      run: () => renderHtml({ result: run, scenario: sc(HOSTILE[0], HOSTILE[1]) }),
      diff: () =>
        renderHtml({
          result: diff,
          scenario: sc(HOSTILE[1], HOSTILE[0]),
          other: sc(HOSTILE[2], HOSTILE[0]),
        }),
      chaos: () => renderHtml({ result: chaos, scenario: sc(HOSTILE[2], HOSTILE[0]) }),
    };
    for (const [kind, html] of Object.entries(pages)) {
      it(`${kind}: runs nothing, shows the names literally, quiet page`, async () => {
        const o = await open(html());
        await expectInert(o, HOSTILE, kind === 'diff' ? [] : HOSTILE);
        if (kind === 'run') await expectChartMatches(o.page, run);
        await o.page.close();
      });
    }

    it('run: hovering a hostile-named bar shows the name as text in the tooltip', async () => {
      const o = await open(pages.run());
      await o.page.locator('rect.o').first().hover();
      await o.page.locator('#tip').waitFor({ state: 'visible' });
      expect(await o.page.locator('#tip').textContent()).toContain(HOSTILE[0]);
      expect(await o.page.locator('#tip *').count()).toBe(0);
      expectQuiet(o);
      await o.page.close();
    });
  });
});
