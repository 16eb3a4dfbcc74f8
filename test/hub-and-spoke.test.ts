/**
 * Azure gateway transit end to end (AZ-R34..R37) on scenarios/hub-and-spoke-gateway-transit.yaml:
 * the spokes reach the data centre through the hub gateway and back, `trace` shows the peering and
 * the hub gateway, the refusals are located errors at load (exit 2, file:line:column, rule id) or
 * timeline rejections with the rule id, and the hub gateway's recreate costs the spokes too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const path = 'scenarios/hub-and-spoke-gateway-transit.yaml';
const text = readFileSync(path, 'utf8');

interface RunDoc {
  groups: { name: string; availability: number; outages: { start: number; end: number; reason: string }[] }[];
  rejected: { at: number; action: string; rule: string; message: string }[];
}
interface TraceDoc {
  verdict: string;
  reason?: string;
  hops: {
    node: string;
    route: { prefix: string; source: string; nextHopType: string } | null;
    notes?: string[];
  }[];
}

async function traceOf(args: readonly string[]): Promise<TraceDoc> {
  const r = await cli(['trace', path, ...args, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as TraceDoc;
}

describe('hub and spoke with gateway transit (AZ-R34..R37)', () => {
  it('AZ-R37: the hub gateway recreate is an outage of the hub and of both spokes, 30m to 75m', async () => {
    const r = await cli(['run', path, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as RunDoc;
    for (const g of ['hub-dc1', 'spoke1-dc1', 'spoke2-dc1']) {
      const group = doc.groups.find((x) => x.name === g)!;
      expect(group.outages.map((o) => [o.start, o.end])).toEqual([[1800, 4500]]);
    }
    // AZ-R35 / AZ-R10: a spoke subnet whose table does not propagate gateway routes never reaches it.
    expect(doc.groups.find((x) => x.name === 'spoke2-isolated-dc1')!.availability).toBe(0);
  });

  it('AZ-R37: an unplanned failover of an active-standby hub gateway costs the spokes the same 180 s', async () => {
    const fo = text
      .replace('sku: VpnGw2, activeActive: true, asn: 65515', 'sku: VpnGw2, asn: 65515')
      .replace(
        /^ {2}- \{ at: 20m, do: gateway\.update.*$/m,
        '  - { at: 20m, do: gateway.failover, gateway: hub/vng1, planned: false }',
      )
      .replace(/^expect:[\s\S]*$/m, '');
    expect(fo).toContain('gateway.failover');
    const r = await cli(['run', 'fo.yaml', '--json'], { files: { 'fo.yaml': fo } });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as RunDoc;
    for (const g of ['hub-dc1', 'spoke1-dc1', 'spoke2-dc1'])
      expect(doc.groups.find((x) => x.name === g)!.outages.map((o) => [o.start, o.end])).toEqual([
        [1200, 1380],
        [1800, 4500],
      ]);
  });

  it('AZ-R36: a gateway in a spoke, a Basic hub gateway and deleting the hub gateway are rejected with the rule id', async () => {
    const doc = JSON.parse((await cli(['run', path, '--json'])).stdout) as RunDoc;
    expect(doc.rejected.map((x) => [x.at, x.action, x.rule])).toEqual([
      [600, 'gateway.create', 'AZ-R36'],
      [1200, 'gateway.update', 'AZ-R36'],
      [6000, 'gateway.delete', 'AZ-R36'],
    ]);
  });

  it('AZ-R34 / AZ-R35: spoke → site crosses the peering and the hub gateway; the trace shows both', async () => {
    const t = await traceOf(['--from', 'spoke1/app', '--to', '192.168.0.10']);
    expect(t.verdict).toBe('delivered');
    expect(t.hops[0]).toMatchObject({
      node: 'spoke1/app',
      route: {
        prefix: '192.168.0.0/16',
        source: 'VirtualNetworkGateway',
        nextHopType: 'VirtualNetworkGateway',
      },
    });
    const notes = t.hops.flatMap((h) => h.notes ?? []);
    expect(notes.some((n) => n.includes('peering to hub') && n.includes('hub/vng1'))).toBe(true);
    expect(t.hops.some((h) => h.node === 'hub/vng1')).toBe(true);
    expect(t.hops[t.hops.length - 1]!.node).toBe('site:dc1');
  });

  it('AZ-R35: site → spoke comes back through the hub gateway and the peering', async () => {
    const t = await traceOf(['--from', 'dc1', '--to', '10.2.1.10']);
    expect(t.verdict).toBe('delivered');
    expect(t.hops[0]!.route).toMatchObject({ prefix: '10.2.0.0/16' });
    expect(
      t.hops.some((h) => h.route?.prefix === '10.2.0.0/16' && h.route.nextHopType === 'VNetPeering'),
    ).toBe(true);
    const notes = t.hops.flatMap((h) => h.notes ?? []);
    expect(notes.some((n) => n.includes('from hub/vng1 over the peering to spoke2'))).toBe(true);
  });

  it('AZ-R37: while the hub gateway is provisioned the spoke has no route to the site', async () => {
    const t = await traceOf(['--from', 'spoke1/app', '--to', '192.168.0.10', '--at', '40m']);
    expect(t).toMatchObject({ verdict: 'dropped', reason: 'none-route' });
  });

  it('AZ-R36: a spoke with a gateway of its own is bad topology: exit 2, file:line:column and rule id', async () => {
    const bad = text.replace(
      '      - { name: GatewaySubnet, cidr: 10.1.255.0/27 }\n',
      '      - { name: GatewaySubnet, cidr: 10.1.255.0/27 }\n    gateways:\n      - { name: own, kind: vpn, sku: VpnGw1 }\n',
    );
    expect(bad).not.toBe(text);
    const r = await cli(['validate', 'bad.yaml'], { files: { 'bad.yaml': bad } });
    expect(r.code).toBe(2);
    const line = bad.split('\n').findIndex((l) => l.includes('between: [hub, spoke1], gatewayTransit')) + 1;
    expect(r.stderr).toMatch(new RegExp(`^bad\\.yaml:${line}:\\d+: .*AZ-R36`, 'm'));
    expect(r.stderr).toContain('spoke1 has a gateway of its own');
  });

  it('AZ-R36: a Basic hub gateway cannot offer transit (exit 2)', async () => {
    const bad = text.replace('sku: VpnGw2, activeActive: true,', 'sku: Basic,');
    expect(bad).not.toBe(text);
    const r = await cli(['validate', 'bad.yaml'], { files: { 'bad.yaml': bad } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/AZ-R36/);
    expect(r.stderr).toContain('Basic gateway, which cannot offer gateway transit');
  });
});
