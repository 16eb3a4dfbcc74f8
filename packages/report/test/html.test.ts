// Over 400 lines: the cases of one subject (html), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * The HTML report without a browser: what the markup says (data-* attributes of the chart, the
 * verdict, the tables), that scenario text stays text, the Content-Security-Policy, the inline
 * JSON, and that a 100-group run with thousands of outages stays under 2 MB.
 * The same page in Chromium: test/html-report.test.ts.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type {
  ChaosResult,
  DiffResult,
  GroupResult,
  Outage,
  ReportScenario,
  RunResult,
} from '@cloudroute/sim';
import { escapeHtml, renderHtml } from '../src/index.js';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '</style>',
  "'; alert(2); //",
  '\u2028&amp;',
];

/** A group whose delivered series and figures follow from its outages (one reason each). */
function group(name: string, flows: number, horizon: number, outages: readonly Outage[]): GroupResult {
  const delivered: [number, number][] = [[0, 1]];
  const reasons: Record<string, number> = {};
  let lost = 0;
  let worst = 0;
  for (const o of outages) {
    delivered.push([o.start, 1 - o.flows / flows], [o.end, 1]);
    const fs = o.flows * (o.end - o.start);
    lost += fs;
    worst = Math.max(worst, o.end - o.start);
    reasons[o.reason] = (reasons[o.reason] ?? 0) + fs;
  }
  return {
    name,
    flows,
    availability: 1 - lost / (flows * horizon),
    lostFlowSeconds: lost,
    maxOutageSeconds: worst,
    outages,
    reasons,
    delivered,
  };
}

/** The shape of lesson 1's result: internet lost on Azure from the advert (10m) to the withdrawal (40m). */
function lesson1(): RunResult {
  const H = 7200;
  return {
    kind: 'run',
    scenario: 'lesson-1-bgp-default-route',
    seed: 42,
    horizon: H,
    groups: [
      group('azure-web-internet', 20000, H, [{ start: 600, end: 2400, flows: 20000, reason: 'no-route' }]),
      group('azure-web-dc1', 10000, H, []),
      group('aws-web-internet', 20000, H, [
        { start: 3000, end: 3180, flows: 5000, reason: 'session-down' },
        { start: 4000, end: 4100, flows: 20000, reason: 'gateway-not-ready' },
      ]),
      group('aws-web-dc2', 10000, H, []),
    ],
    expectations: [
      { ok: true, flows: 'azure-web-internet', during: [600, 2400], reachable: 0, actual: 0, delta: 0 },
      { ok: false, flows: 'aws-web-internet', during: [0, 7200], reachable: 1, actual: 0.99, delta: -0.01 },
    ],
    rejected: [
      { at: 3600, action: 'gateway.update', rule: 'AZ-R17', message: 'vpnType cannot change in place' },
    ],
    events: [
      { at: 600, type: 'bgp.advertised', label: 'dc1 advertised 0.0.0.0/0' },
      { at: 600, type: 'bgp.advertised', label: 'dc2 advertised 0.0.0.0/0' },
      { at: 2400, type: 'bgp.withdrawn', label: 'dc1 withdrew 0.0.0.0/0' },
      { at: 4100, type: 'gateway.provisioned', label: 'vng1 provisioned' },
    ],
  };
}

function scenario(name: string, description?: string): ReportScenario {
  return description === undefined ? { name } : { name, description };
}

const unescape = (s: string): string =>
  s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

/** The data-* attributes of every element whose opening tag matches `open` (e.g. `<rect class="o `). */
function elements(html: string, open: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  let i = html.indexOf(open);
  while (i >= 0) {
    const tag = html.slice(i, html.indexOf('>', i));
    const attrs: Record<string, string> = {};
    for (const m of tag.matchAll(/ (data-[a-z-]+)="([^"]*)"/g)) attrs[m[1]!] = unescape(m[2]!);
    out.push(attrs);
    i = html.indexOf(open, i + 1);
  }
  return out;
}

/** Every tag of the page with its attribute values blanked (values are escaped text). */
function tags(html: string): string[] {
  return [...html.matchAll(/<[^>]*>/g)].map(([t]) => t.replace(/"[^"]*"/g, '""'));
}

function dataBlock(html: string): unknown {
  const m = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!);
}

function body(html: string): string {
  return html.slice(html.indexOf('<body>'), html.indexOf('<script type="application/json"'));
}

describe('renderHtml: run', () => {
  const html = renderHtml({
    result: lesson1(),
    scenario: scenario('lesson-1-bgp-default-route', 'On-prem advertises 0.0.0.0/0 for thirty minutes.'),
  });

  it("shows the scenario's name and description as text in the body", () => {
    expect(body(html)).toContain('<h1 id="scenario-name">lesson-1-bgp-default-route</h1>');
    expect(body(html)).toContain(
      '<p class="description">On-prem advertises 0.0.0.0/0 for thirty minutes.</p>',
    );
    expect(html).toContain('<title>lesson-1-bgp-default-route — cloudroute run</title>');
  });

  it('has a verdict banner with every expectation, pass or fail, and by how much', () => {
    expect(html).toContain('<section class="verdict fail" id="verdict" data-failed="1" data-total="2">');
    expect(html).toContain('1 of 2 expectations failed');
    const items = elements(html, '<li data-ok=');
    expect(items.map((e) => e['data-flows'])).toEqual(['azure-web-internet', 'aws-web-internet']);
    expect(html).toMatch(
      /PASS<\/span><b>azure-web-internet<\/b> during 10m–40m: expected 0% reachable, got 0% \(±0 pts\)/,
    );
    expect(html).toMatch(
      /FAIL<\/span><b>aws-web-internet<\/b> during 0s–2h: expected 100% reachable, got 99% \(−1 pts\)/,
    );
  });

  it('has the per-group table: flows, availability, lost flow-seconds, worst outage, reasons', () => {
    const rows = elements(html, '<tr data-group=');
    expect(rows.map((r) => r['data-group'])).toEqual([
      'azure-web-internet',
      'azure-web-dc1',
      'aws-web-internet',
      'aws-web-dc2',
    ]);
    expect(html).toContain(
      '<td>azure-web-internet</td><td class="num">20,000</td><td class="num">75%</td><td class="num">36,000,000 (10,000 flow-hours)</td><td class="num">1</td><td class="num">30m</td>',
    );
    expect(html).toMatch(
      /data-reason="no-route"><span class="sw c\d+" aria-hidden="true"><\/span>no-route 100%/,
    );
  });

  it('draws one lane per group and one bar per outage, with its data', () => {
    const r = lesson1();
    expect(elements(html, '<g class="lane"').map((l) => l['data-group'])).toEqual(
      r.groups.map((g) => g.name),
    );
    const bars = elements(html, '<rect class="o ');
    const expected = r.groups.flatMap((g) =>
      g.outages.map((o) => ({
        'data-group': g.name,
        'data-start': String(o.start),
        'data-end': String(o.end),
        'data-flows': String(o.flows),
        'data-reason': o.reason,
      })),
    );
    expect(bars).toEqual(expected);
  });

  it('places bars on the time axis: the 10m–40m outage spans 10/120 to 40/120 of the plot', () => {
    const m =
      /<rect class="o [^"]*" x="([\d.]+)" y="0" width="([\d.]+)"[^>]*data-group="azure-web-internet"/.exec(
        html,
      )!;
    const [x, w] = [Number(m[1]), Number(m[2])];
    // plot: 190 → 984 in viewBox units
    expect(x).toBeCloseTo(190 + (794 * 600) / 7200, 0);
    expect(w).toBeCloseTo((794 * 1800) / 7200, 0);
    for (const t of ['0s', '15m', '30m', '1h', '1h30m', '2h'])
      expect(html).toContain(`text-anchor="middle">${t}</text>`);
  });

  it('draws every event as a labelled marker and each group a delivered step line', () => {
    const marks = elements(html, '<g class="ev"');
    expect(marks.map((m) => [Number(m['data-at']), m['data-type'], m['data-label']])).toEqual(
      lesson1().events.map((e) => [e.at, e.type, e.label]),
    );
    expect(html).toContain('>10m dc1 advertised 0.0.0.0/0</text>');
    expect(html).toContain('>10m dc2 advertised 0.0.0.0/0</text>');
    expect(elements(html, '<path class="dl"').map((p) => p['data-group'])).toEqual(
      lesson1().groups.map((g) => g.name),
    );
  });

  it('lists refused changes with their rule ids', () => {
    expect(html).toContain(
      '<tr data-rule="AZ-R17"><td class="num">1h</td><td><code>gateway.update</code></td><td><code>AZ-R17</code></td>',
    );
    expect(html).toContain('1 timeline change was refused by the provider');
  });

  it('is deterministic', () => {
    const again = renderHtml({
      result: lesson1(),
      scenario: scenario('lesson-1-bgp-default-route', 'On-prem advertises 0.0.0.0/0 for thirty minutes.'),
    });
    expect(again).toBe(html);
  });

  it('after merge (no scenario): takes the name from the result and shows no description', () => {
    const merged = renderHtml({ result: lesson1() });
    expect(merged).toContain('<h1 id="scenario-name">lesson-1-bgp-default-route</h1>');
    expect(merged).not.toContain('class="description"');
  });
});

describe('renderHtml: self-contained and safe', () => {
  const H = 3600;
  const hostile: RunResult = {
    kind: 'run',
    scenario: HOSTILE[0]!,
    seed: 1,
    horizon: H,
    groups: HOSTILE.map((n, i) =>
      group(n, 100, H, [{ start: 60 * (i + 1), end: 60 * (i + 2), flows: 10, reason: 'no-route' }]),
    ),
    expectations: HOSTILE.map((n) => ({
      ok: false,
      flows: n,
      during: [0, H] as const,
      reachable: 1,
      actual: 0.9,
      delta: -0.1,
    })),
    rejected: HOSTILE.map((n) => ({ at: 60, action: n, rule: n, message: n })),
    events: HOSTILE.map((n, i) => ({ at: 60 * i, type: n, label: n })),
  };
  const pages = {
    run: renderHtml({ result: hostile, scenario: scenario(HOSTILE[0]!, HOSTILE.join(' ')) }),
    diff: renderHtml({
      result: {
        kind: 'diff',
        a: HOSTILE[1]!,
        b: HOSTILE[2]!,
        seed: 1,
        groups: HOSTILE.map((n) => ({
          name: n,
          a: { availability: 1, lostFlowSeconds: 0 },
          b: null,
          changedFlows: 1,
        })),
      },
      scenario: scenario(HOSTILE[1]!, HOSTILE[0]),
      other: scenario(HOSTILE[2]!, HOSTILE[3]),
    }),
    chaos: renderHtml({
      result: {
        kind: 'chaos',
        scenario: HOSTILE[0]!,
        seed: 1,
        runs: 3,
        groups: HOSTILE.map((n) => ({
          name: n,
          availability: { mean: 1, p50: 1, p5: 1, p1: 1, min: 1 },
          maxOutageSeconds: { p50: 0, p95: 0, p99: 0, max: 0 },
        })),
      },
      scenario: scenario(HOSTILE[0]!, HOSTILE[1]),
    }),
  };

  for (const [kind, html] of Object.entries(pages)) {
    describe(kind, () => {
      it('renders hostile names as text: no markup from the scenario, one style and two scripts', () => {
        expect(html).not.toContain('alert(1)</script>');
        expect(html).not.toContain('<img');
        // Every raw `<` opens one of the page's own tags: none has an event handler or a source.
        for (const tag of tags(html)) expect(tag).not.toMatch(/\s(on[a-z]+|src)=/i);
        expect(html.match(/<script/g)).toHaveLength(2);
        expect(html.match(/<\/script>/g)).toHaveLength(2);
        expect(html.match(/<style/g)).toHaveLength(1);
        expect(html.match(/<\/style>/g)).toHaveLength(1);
        expect(html).toContain(escapeHtml(HOSTILE[0]!));
        expect(html).toContain('&#34;&#62;&#60;img src=x onerror=alert(1)&#62;');
      });

      it('embeds its data as JSON that cannot close its element and reads back unchanged', () => {
        const m = /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(html)!;
        expect(m[1]).not.toMatch(/[<>&\u2028\u2029]/);
        const text = JSON.stringify(dataBlock(html));
        for (const n of HOSTILE) expect(text).toContain(JSON.stringify(n).slice(1, -1));
      });

      it('forbids the network with a Content-Security-Policy whose hashes match its style and script', () => {
        const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
        expect(csp).toContain("default-src 'none'");
        expect(csp).toContain('img-src data:');
        expect(csp).not.toContain('unsafe');
        const style = /<style>([^]*?)<\/style>/.exec(html)![1]!;
        const script = /<script>([^]*?)<\/script>/.exec(html)![1]!;
        const hash = (t: string): string => createHash('sha256').update(t).digest('base64');
        expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
        expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
      });

      it('references nothing outside itself', () => {
        expect(html).not.toMatch(/https?:\/\//);
        for (const tag of tags(html))
          expect(tag).not.toMatch(/\s(src|srcset|action|formaction|xlink:href)=/i);
        expect(html).not.toMatch(/@import|url\(/);
        for (const m of html.matchAll(/\shref="([^"]*)"/g)) expect(m[1]).toMatch(/^#/);
      });
    });
  }
});

/** A 100-group run of 10 million flows with thousands of short outages per group. */
function bigRun(): RunResult {
  const H = 30 * 86_400;
  const groups: GroupResult[] = [];
  let seed = 7;
  const rand = (): number => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  const reasons = ['no-route', 'session-down', 'tunnel-down', 'gateway-not-ready', 'blackhole'];
  for (let g = 0; g < 100; g++) {
    const outages: Outage[] = [];
    let t = 0;
    const n = 2000 + g * 30;
    for (let i = 0; i < n; i++) {
      t += 30 + Math.floor(rand() * ((H / n) * 2 - 200));
      const len = 10 + Math.floor(rand() * 120);
      if (t + len >= H) break;
      outages.push({
        start: t,
        end: t + len,
        flows: 1 + Math.floor(rand() * 100_000),
        reason: reasons[(i + g) % reasons.length]!,
      });
      t += len;
    }
    groups.push(group(`region-${g}-app-to-onprem-database-tier`, 100_000, H, outages));
  }
  return {
    kind: 'run',
    scenario: 'big-estate',
    seed: 1,
    horizon: H,
    groups,
    expectations: [],
    rejected: [],
    events: Array.from({ length: 200 }, (_, i) => ({
      at: i * 12_000,
      type: 'tunnel.flapped',
      label: `tunnel ${i} flapped`,
    })),
  };
}

describe('renderHtml: large runs stay light', () => {
  const r = bigRun();
  const html = renderHtml({ result: r });

  it('keeps a 100-group, 10-million-flow run with thousands of outages per group under 2 MB', () => {
    expect(r.groups.reduce((s, g) => s + g.flows, 0)).toBe(10_000_000);
    expect(Math.min(...r.groups.map((g) => g.outages.length))).toBeGreaterThan(1500);
    expect(Buffer.byteLength(html)).toBeLessThan(2 * 1024 * 1024);
  });

  it('still draws every lane, and its merged bars account for every outage and stay in order', () => {
    const lanes = elements(html, '<g class="lane"');
    expect(lanes).toHaveLength(100);
    const bars = elements(html, '<rect class="o ');
    for (const g of r.groups) {
      const mine = bars.filter((b) => b['data-group'] === g.name);
      expect(mine.length).toBeLessThanOrEqual(40);
      expect(mine.reduce((s, b) => s + Number(b['data-count'] ?? 1), 0)).toBe(g.outages.length);
      expect(Number(mine[0]!['data-start'])).toBe(g.outages[0]!.start);
      expect(Number(mine[mine.length - 1]!['data-end'])).toBe(g.outages[g.outages.length - 1]!.end);
      for (let i = 1; i < mine.length; i++)
        expect(Number(mine[i]!['data-start'])).toBeGreaterThan(Number(mine[i - 1]!['data-end']));
    }
    expect(elements(html, '<path class="dl"')).toHaveLength(100);
    expect(elements(html, '<g class="ev"')).toHaveLength(200);
  });
});

describe('renderHtml: diff', () => {
  const result: DiffResult = {
    kind: 'diff',
    a: 'lesson-1-bgp-default-route',
    b: 'lesson-1-no-advert',
    seed: 42,
    groups: [
      {
        name: 'azure-web-internet',
        a: { availability: 0.75, lostFlowSeconds: 36_000_000 },
        b: { availability: 1, lostFlowSeconds: 0 },
        changedFlows: 20000,
      },
      {
        name: 'azure-web-dc1',
        a: { availability: 1, lostFlowSeconds: 0 },
        b: { availability: 1, lostFlowSeconds: 0 },
        changedFlows: 0,
      },
      { name: 'only-in-b', a: null, b: { availability: 0.5, lostFlowSeconds: 100 }, changedFlows: 7 },
    ],
  };
  const html = renderHtml({
    result,
    scenario: scenario('lesson-1-bgp-default-route', 'With the advert.'),
    other: scenario('lesson-1-no-advert', 'Without it.'),
  });

  it('names both what-ifs with their descriptions', () => {
    expect(html).toContain('<h1 id="scenario-name">lesson-1-bgp-default-route vs lesson-1-no-advert</h1>');
    expect(html).toContain(
      '<h3>A: lesson-1-bgp-default-route</h3><p class="description">With the advert.</p>',
    );
    expect(html).toContain('<h3>B: lesson-1-no-advert</h3><p class="description">Without it.</p>');
    expect(html).toContain('20,007 flows change outcome in 2 of 3 groups');
  });

  it("shows each group's figures for A and B side by side, and the changed-flow counts", () => {
    expect(html).toContain(
      '<td>azure-web-internet</td><td class="num">75%</td><td class="num">100%</td><td class="num">+25 pts</td><td class="num">36,000,000 (10,000 flow-hours)</td><td class="num">0</td><td class="num">20,000</td>',
    );
    expect(elements(html, '<g class="row"').map((r) => [r['data-group'], r['data-changed']])).toEqual([
      ['azure-web-internet', '20000'],
      ['azure-web-dc1', '0'],
      ['only-in-b', '7'],
    ]);
    const bars = elements(html, '<rect class="bar ');
    expect(bars.map((b) => [b['data-group'], b['data-side'], Number(b['data-value'])])).toEqual([
      ['azure-web-internet', 'a', 36_000_000],
      ['azure-web-internet', 'b', 0],
      ['azure-web-dc1', 'a', 0],
      ['azure-web-dc1', 'b', 0],
      ['only-in-b', 'b', 100],
    ]);
    expect(html).toContain('>not in A</text>');
  });
});

describe('renderHtml: chaos', () => {
  const result: ChaosResult = {
    kind: 'chaos',
    scenario: 'chaos-tunnel-flaps',
    seed: 7,
    runs: 200,
    groups: [
      {
        name: 'web-to-dc1',
        availability: { mean: 0.995, p50: 0.998, p5: 0.985, p1: 0.97, min: 0.95 },
        maxOutageSeconds: { p50: 180, p95: 900, p99: 1500, max: 2700 },
      },
    ],
  };
  const html = renderHtml({
    result,
    scenario: scenario('chaos-tunnel-flaps', 'Tunnels flap.'),
  });

  it("marks each group's availability mean/p50/p5/p1/min and worst-outage p50/p95/p99/max", () => {
    const marks = elements(html, ' data-stat=').length;
    expect(marks).toBeGreaterThan(0);
    const stats = [
      ...html.matchAll(/data-group="web-to-dc1" data-stat="([a-z0-9]+)" data-value="([\d.]+)"/g),
    ].map((m) => [m[1], Number(m[2])]);
    expect(stats).toEqual([
      ['p5', 0.985],
      ['min', 0.95],
      ['p1', 0.97],
      ['p50', 0.998],
      ['mean', 0.995],
      ['p50', 180],
      ['p95', 900],
      ['p99', 1500],
      ['max', 2700],
    ]);
    expect(html).toContain(
      '<td>web-to-dc1</td><td class="num">99.5%</td><td class="num">99.8%</td><td class="num">98.5%</td><td class="num">97%</td><td class="num">95%</td><td class="num">3m</td><td class="num">15m</td><td class="num">25m</td><td class="num">45m</td>',
    );
    expect(html).toContain('<p class="description">Tunnels flap.</p>');
  });
});
