/**
 * DESIGN.md "Unknown (added 2026-12)": a flow that reaches a construct imported but not modelled
 * (an opaque next hop with its provider kind and id) is neither delivered nor dropped. `trace`
 * gives verdict `unknown`, reason `unmodelled` and the construct; `run` groups count it in
 * `unknownFlowSeconds`, apart from `lostFlowSeconds`; `availability` counts only delivered
 * flow-seconds; outages (lost flows) are not opened by it; the text table shows the column only
 * when some group has unknown flow-seconds.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const SCENARIO = `
name: unknown-gwlbe
seed: 1
horizon: 1h
networks:
  - name: vpc
    provider: aws
    cidrs: [10.30.0.0/16]
    subnets:
      - { name: app, cidr: 10.30.1.0/24, routeTable: app-rt }
      - { name: db, cidr: 10.30.2.0/24, routeTable: db-rt }
    routeTables:
      - name: app-rt
        routes:
          - { prefix: 0.0.0.0/0, nextHop: { type: opaque, kind: gwlbe, id: vpce-0f1e2d3c4b5a69788 } }
      - { name: db-rt, routes: [] }
    gateways:
      - { name: igw1, kind: igw }
flows:
  - { name: app-out, from: vpc/app, to: internet, count: 100 }
  - { name: db-out, from: vpc/db, to: internet, count: 100 }
timeline:
  - { at: 30m, do: route.remove, routeTable: vpc/app-rt, prefix: 0.0.0.0/0 }
`;
const files = { 'u.yaml': SCENARIO };

describe('unknown: a flow reaching an opaque construct (DESIGN.md "Unknown")', () => {
  it('validates: an opaque next hop with kind and provider id is part of the format', async () => {
    const r = await cli(['validate', 'u.yaml'], { files });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
  });

  it('trace: verdict unknown, reason unmodelled, the construct named by kind and id (last hop)', async () => {
    const r = await cli(['trace', 'u.yaml', '--from', 'vpc/app', '--to', '8.8.8.8', '--json'], { files });
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as {
      verdict: string;
      reason: string;
      construct: unknown;
      hops: { node: string; id?: string; route: { nextHopType: string } | null }[];
    };
    expect(t.verdict).toBe('unknown');
    expect(t.reason).toBe('unmodelled');
    expect(t.construct).toEqual({ kind: 'gwlbe', id: 'vpce-0f1e2d3c4b5a69788' });
    expect(t.hops.map((h) => h.node)).toEqual(['vpc/app', 'opaque:gwlbe']);
    expect(t.hops[0]!.route?.nextHopType).toBe('opaque');
    expect(t.hops[1]).toMatchObject({ id: 'vpce-0f1e2d3c4b5a69788', route: null });
  });

  it('run: unknownFlowSeconds apart from lostFlowSeconds; availability counts delivered only; no outage', async () => {
    const r = await cli(['run', 'u.yaml', '--json'], { files });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      groups: {
        name: string;
        availability: number;
        lostFlowSeconds: number;
        unknownFlowSeconds?: number;
        outages: { start: number; end: number; reason: string }[];
        reasons: Record<string, number>;
      }[];
    };
    const app = doc.groups.find((g) => g.name === 'app-out')!;
    // 0–30m: unknown (opaque route); 30m–1h: no route (lost).
    expect(app.unknownFlowSeconds).toBe(100 * 1800);
    expect(app.lostFlowSeconds).toBe(100 * 1800);
    expect(app.availability).toBe(0);
    expect(app.outages).toEqual([expect.objectContaining({ start: 1800, end: 3600, reason: 'no-route' })]);
    expect(Object.keys(app.reasons)).toEqual(['no-route']);
    const db = doc.groups.find((g) => g.name === 'db-out')!;
    expect(db.unknownFlowSeconds).toBeUndefined();
  });

  it('the text table and the HTML report show unknown flow-seconds only when some group has them; trace says unknown', async () => {
    const r = await cli(['run', 'u.yaml'], { files });
    expect(r.stdout).toMatch(/Unknown \(unmodelled\)/);
    // Availability, then every address (exact coverage: unknown is not delivered), then unknown time.
    expect(r.stdout).toMatch(/│ app-out +│ 100 +│ 0% +│ 0% +│ 50 flow-hours +│/);
    const plain = await cli(['run', 'scenarios/lesson-3-internet-by-default.yaml']);
    expect(plain.stdout).not.toMatch(/Unknown/);
    const t = await cli(['trace', 'u.yaml', '--from', 'vpc/app', '--to', '8.8.8.8'], { files });
    const html = await cli(['run', 'u.yaml', '--out', 'r.html'], { files });
    expect(html.files.get('r.html')).toMatch(/Unknown flow-seconds \(unmodelled\)<\/th>/);
    const plainHtml = await cli(['run', 'scenarios/lesson-3-internet-by-default.yaml', '--out', 'p.html']);
    expect(plainHtml.files.get('p.html')).not.toMatch(/Unknown flow-seconds/);
    expect(t.stdout).toMatch(/2\. opaque:gwlbe \(vpce-0f1e2d3c4b5a69788\): imported, not modelled/);
    expect(t.stdout).toMatch(/unknown: unmodelled \(gwlbe vpce-0f1e2d3c4b5a69788: imported, not modelled\)/);
  });
});
