/**
 * Traffic from on-premises (DESIGN.md "Flows." and "`trace`", added 2026-12), end to end, for
 * every lesson scenario with a site: traces from the site into the cloud and from the cloud to
 * the site, flow groups from the site (`run` availability), each expected verdict derived from
 * the rules and written out in test/fixtures/from-site.yaml, and the reference simulator's answers
 * equal to the product's. The cases' reasons cite AWS-R5, AWS-R27, AZ-R17, AZ-R34..R37, GCP-R8,
 * GCP-R16 and GCP-R18 (each case's `why` says which).
 *
 * The site's table (`site:<name>`) holds its cidrs, its static routes and what the cloud
 * advertised to it over BGP (only while a session is up) or, over a static connection, the
 * connection's cloud ranges; the gateway then takes the packet into the cloud (Azure: the
 * GatewaySubnet's table on the gateway's ingress; AWS: the VGW's table, the VPC's local route;
 * GCP: the network's routes at the VPN gateway).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadOrThrow, simInputOf } from './scenario-input.js';
import { simulateSlice, stateAt, trace } from '@cloudroute/sim';
import { generateFlows, resolveGroup } from '../packages/sim/src/flows.js';
import { referenceCounts, referenceTrace } from '../packages/sim/test/reference/index.js';
import { cli } from './helpers.js';

interface TraceCase {
  readonly from: string;
  readonly to: string;
  readonly at: string;
  /** `delivered`, or the drop reason. */
  readonly verdict: string;
  /** The tables the packet was looked up in, in order (the crossings between them left out). */
  readonly lookups: readonly string[];
  /** The route hops[0] took (prefix and next hop type), null when none matched. */
  readonly first: string | null;
  /** Why, from the rules. */
  readonly why: string;
}

interface SiteGroup {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** `run` availability, from the rules. */
  readonly availability: number;
  readonly why: string;
}

interface Lesson {
  readonly file: string;
  readonly traces: readonly TraceCase[];
  readonly groups: readonly SiteGroup[];
}

/**
 * A trace case from its one-line form: `from → to at moment`, and what it must give: `verdict via
 * table > table…, first route <prefix> <next hop type>` (`first route none` when none matched).
 */
function traceCase(query: string, expected: string, why: string): TraceCase {
  const q = /^(\S+) → (\S+) at (\d+[sm])$/.exec(query);
  const e = /^(\S+) via (.+), first route (.+)$/.exec(expected);
  if (!q || !e) throw new Error(`not a trace case: ${query}: ${expected}`);
  const first = e[3]!;
  return {
    from: q[1]!,
    to: q[2]!,
    at: q[3]!,
    verdict: e[1]!,
    lookups: e[2]!.split(' > '),
    first: first === 'none' ? null : first,
    why,
  };
}

/** A flow group from the site from its one-line form `name: from → to`, and its `run` availability. */
function siteGroup(group: string, availability: number, why: string): SiteGroup {
  const g = /^(\S+): (\S+) → (\S+)$/.exec(group);
  if (!g) throw new Error(`not a site group: ${group}`);
  return { name: g[1]!, from: g[2]!, to: g[3]!, availability, why };
}

/** `n/d` as a number (availabilities are written as delivered minutes over the horizon). */
function fraction(v: number | string): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)\/(\d+)$/.exec(v);
  if (!m) throw new Error(`not a fraction: ${v}`);
  return Number(m[1]) / Number(m[2]);
}

interface LessonCases {
  readonly traces: readonly { readonly trace: string; readonly expect: string; readonly why: string }[];
  readonly groups: readonly {
    readonly group: string;
    readonly availability: number | string;
    readonly why: string;
  }[];
}

/** The cases by lesson, from test/fixtures/from-site.yaml (its header says how they are written). */
const LESSONS: readonly Lesson[] = Object.entries(
  parse(readFileSync(new URL('fixtures/from-site.yaml', import.meta.url), 'utf8')) as Record<
    string,
    LessonCases
  >,
).map(([file, l]) => ({
  file,
  traces: l.traces.map((t) => traceCase(t.trace, t.expect, t.why)),
  groups: l.groups.map((g) => siteGroup(g.group, fraction(g.availability), g.why)),
}));

function text(file: string): string {
  return readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8');
}

/** The lesson's text with the site groups added at the top of `flows:`. */
function withGroups(file: string, groups: readonly SiteGroup[]): string {
  const lines = groups.map((g) => `  - { name: ${g.name}, from: ${g.from}, to: ${g.to}, count: 200 }\n`);
  const t = text(file);
  expect(t).toMatch(/^flows:\n/m);
  return t.replace(/^flows:\n/m, `flows:\n${lines.join('')}`);
}

const load = loadOrThrow;
const input = simInputOf;

function seconds(at: string): number {
  const m = /^(\d+)(s|m)$/.exec(at)!;
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
}

describe('traffic from on-premises, every lesson with a site', () => {
  for (const lesson of LESSONS) {
    describe(lesson.file, () => {
      it('traces from the site and to it: verdicts, the site table first, the cloud tables after', async () => {
        const path = `scenarios/${lesson.file}`;
        for (const c of lesson.traces) {
          const r = await cli(['trace', path, '--from', c.from, '--to', c.to, '--at', c.at, '--json']);
          expect({ ...c, code: r.code, stderr: r.stderr.includes('error') ? r.stderr : '' }).toMatchObject({
            code: 0,
            stderr: '',
          });
          const t = JSON.parse(r.stdout) as {
            verdict: string;
            reason?: string;
            hops: { node: string; route: { prefix: string; nextHopType: string } | null }[];
          };
          const got = {
            verdict: t.verdict === 'delivered' ? 'delivered' : t.reason,
            lookups: t.hops.filter((h, i) => i === 0 || h.route !== null).map((h) => h.node),
            first: t.hops[0]!.route ? `${t.hops[0]!.route.prefix} ${t.hops[0]!.route.nextHopType}` : null,
          };
          expect({ from: c.from, to: c.to, at: c.at, ...got }).toEqual({
            from: c.from,
            to: c.to,
            at: c.at,
            verdict: c.verdict,
            lookups: c.lookups,
            first: c.first,
          });
        }
      });

      it('the reference simulator gives the same verdicts and hops', () => {
        const sc = load(text(lesson.file), lesson.file);
        for (const c of lesson.traces) {
          const state = stateAt(input(sc), seconds(c.at));
          const p = trace(state, c.from, c.to);
          const r = referenceTrace(state, c.from, c.to);
          const view = (hops: readonly { node: string; route: { prefix: string } | null }[]): string[] =>
            hops.map((h) => `${h.node} ${h.route?.prefix ?? '-'}`);
          expect({ ...c, verdict: p.reason ?? p.verdict, hops: view(p.hops) }).toEqual({
            ...c,
            verdict: r.reason ?? r.verdict,
            hops: view(r.hops),
          });
        }
      });

      it('flow groups from the site: run availability as the rules say, counts equal the reference', async () => {
        const source = withGroups(lesson.file, lesson.groups);
        const path = `site-groups-${lesson.file}`;
        const r = await cli(['run', path, '--json'], { files: { [path]: source } });
        expect(r.stderr).not.toMatch(/error/);
        const run = JSON.parse(r.stdout) as { groups: { name: string; availability: number }[] };
        for (const g of lesson.groups) {
          const got = run.groups.find((x) => x.name === g.name);
          expect({ group: g.name, availability: got?.availability }).toEqual({
            group: g.name,
            availability: expect.closeTo(g.availability, 9) as unknown,
          });
        }
        const sc = load(source, path);
        const inp = input({
          ...sc,
          flows: sc.flows.filter((f) => lesson.groups.some((g) => g.name === f.name)),
        });
        const slice = inp.flows.map((f) => [0, f.count] as const);
        const ref = referenceCounts(inp, slice);
        const got = simulateSlice(inp, slice);
        expect(got.times).toEqual(ref.times);
        expect(got.counts).toEqual(ref.counts);
      });
    });
  }
});

describe('site sources', () => {
  const source = text('udr-overview-example.yaml')
    .replace('cidrs: [10.10.0.0/16] }', 'cidrs: [10.10.0.0/16, 10.11.0.0/30] }')
    .replace(/^flows:\n/m, 'flows:\n  - { name: from-onprem, from: onprem, to: 10.0.1.0/24, count: 4000 }\n');
  const sc = load(source, 'two-cidrs.yaml');
  const g = resolveGroup(
    sc.topology,
    sc.flows.find((f) => f.name === 'from-onprem')!,
  );

  function draw(seed: number, start: number, end: number): Uint32Array {
    const src = new Uint32Array(end - start);
    generateFlows(g, seed, start, end, src, new Uint32Array(end - start));
    return src;
  }

  it("are drawn from the site's cidrs, weighted by size, a pure function of seed, group and flow index", () => {
    const all = draw(1, 0, 4000);
    const in16 = [...all].filter((a) => a >>> 16 === ((10 << 8) | 10)).length;
    const in30 = [...all].filter((a) => a >>> 2 === ((10 << 24) | (11 << 16)) >>> 2).length;
    expect(in16 + in30).toBe(4000); // nothing outside the cidrs
    expect(in30).toBeLessThan(5); // 4 of 65,540 addresses
    expect(new Set(all).size).toBeGreaterThan(3800);
    // Any split (workers, shards) draws the same addresses; another seed others.
    expect([...draw(1, 0, 1234), ...draw(1, 1234, 4000)]).toEqual([...all]);
    expect([...draw(1, 3999, 4000)]).toEqual([all[3999]]);
    expect([...draw(2, 0, 4000)]).not.toEqual([...all]);
  });

  it('trace --from an address in a second cidr starts at the site', () => {
    const state = stateAt(input(sc), 0);
    const t = trace(state, '10.11.0.2', '10.0.1.10');
    expect(t.verdict).toBe('delivered');
    expect(t.hops[0]!.node).toBe('site:onprem');
  });
});

describe('bad site sources', () => {
  const base = text('lesson-1-bgp-default-route.yaml');

  it('a flow group from an unknown site is an error naming the sites', async () => {
    const bad = base.replace(
      /^flows:\n/m,
      'flows:\n  - { name: x, from: dc9, to: 10.1.1.0/24, count: 10 }\n',
    );
    const r = await cli(['validate', 'bad.yaml'], { files: { 'bad.yaml': bad } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+/);
    expect(r.stderr).toMatch(/dc9/);
    expect(r.stderr).toMatch(/dc1/);
  });

  it('a flow group from a site validates', async () => {
    const ok = base.replace(/^flows:\n/m, 'flows:\n  - { name: x, from: dc1, to: 10.1.1.0/24, count: 10 }\n');
    const r = await cli(['validate', 'ok.yaml'], { files: { 'ok.yaml': ok } });
    expect(r.code).toBe(0);
  });

  it('a flow group from a site without an IPv4 cidr is an error at its `from`, not a crash', async () => {
    const bad = base
      .replace('cidrs: [172.16.0.0/16]', 'cidrs: [fd00::/48]')
      .replace(/^flows:\n/m, 'flows:\n  - { name: x, from: dc2, to: 10.2.1.0/24, count: 10 }\n');
    for (const cmd of ['validate', 'run']) {
      const r = await cli([cmd, 'v6.yaml'], { files: { 'v6.yaml': bad } });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/v6\.yaml:\d+:\d+: .*site `dc2` has no IPv4 cidr/);
      expect(r.stderr).not.toMatch(/RangeError|at .*\.js/);
    }
  });

  it('trace --from an address in no subnet or site says what to give, exit 2', async () => {
    const r = await cli([
      'trace',
      'scenarios/lesson-1-bgp-default-route.yaml',
      '--from',
      '8.8.8.8',
      '--to',
      '10.1.1.10',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from 8\.8\.8\.8: no subnet or site/);
  });
});
