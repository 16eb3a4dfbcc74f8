/**
 * AZ-R17 / AZ-R18 end to end: an Azure VPN gateway SKU change through `cloudroute run` and
 * `validate`. The outage a branch sees (or does not see) follows the rule: an in-place resize
 * keeps the tunnels up for the 45-minute upgrade and ends in a 15-second planned switchover; the
 * same tier to its AZ SKU has no downtime; a refused change is listed under `rejected` and the run
 * goes on; `recreate: true` on a migration is a delete and create with 45 minutes of provisioning.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';
import { hubBranchYaml } from './hub-branch.js';

function scenario(opts: { sku: string; update: string; profile?: string }): string {
  return hubBranchYaml({
    head: `name: sku-change
seed: 3
horizon: 2h
${opts.profile ?? ''}`,
    sku: opts.sku,
    count: 200,
    tail: `timeline:
  - { at: 5m, do: tunnel.down, connection: branch-vpn }
  - { at: 6m, do: tunnel.up, connection: branch-vpn }
  - ${opts.update}
`,
  });
}

interface RunDoc {
  groups: { name: string; outages: { start: number; end: number; reason: string }[] }[];
  rejected: { at: number; action: string; rule: string; message: string }[];
}

async function run(text: string): Promise<{ code: number; doc: RunDoc; stderr: string }> {
  const r = await cli(['run', 'sku.yaml', '--json'], { files: { 'sku.yaml': text } });
  return { code: r.code, doc: JSON.parse(r.stdout) as RunDoc, stderr: r.stderr };
}

/** The outages after the 5m–6m tunnel flap every scenario opens with (a check that flows are measured). */
const outages = (doc: RunDoc): [number, number, string][] =>
  (doc.groups[0]?.outages ?? []).filter((o) => o.start !== 300).map((o) => [o.start, o.end, o.reason]);

describe('AZ-R18: SKU changes through run', () => {
  it('AZ-R18: VpnGw1 → VpnGw2 in place: the branch is reachable for 45 min, then a 15 s switchover outage', async () => {
    const r = await run(
      scenario({
        sku: 'VpnGw1',
        update: '{ at: 10m, do: gateway.update, gateway: hub/vng1, set: { sku: VpnGw2 } }',
      }),
    );
    expect(r.code).toBe(0);
    expect(r.doc.groups[0]?.outages[0]).toMatchObject({ start: 300, end: 360 });
    expect(outages(r.doc)).toEqual([[3300, 3315, 'gateway-not-ready']]);
    expect(r.doc.rejected).toEqual([]);
  });

  it('AZ-R18: profile.azure.skuUpgrade moves the end of the upgrade', async () => {
    const r = await run(
      scenario({
        sku: 'VpnGw1',
        profile: 'profile: { azure: { skuUpgrade: 20m } }',
        update: '{ at: 10m, do: gateway.update, gateway: hub/vng1, set: { sku: VpnGw2 } }',
      }),
    );
    expect(outages(r.doc)).toEqual([[1800, 1815, 'gateway-not-ready']]);
  });

  it('AZ-R17: VpnGw1 → VpnGw1AZ (same tier to AZ) has no outage at all', async () => {
    const r = await run(
      scenario({
        sku: 'VpnGw1',
        update: '{ at: 10m, do: gateway.update, gateway: hub/vng1, set: { sku: VpnGw1AZ } }',
      }),
    );
    expect(outages(r.doc)).toEqual([]);
    expect(r.doc.rejected).toEqual([]);
  });

  it('AZ-R18: a downgrade is rejected with the rule id; the run goes on without an outage', async () => {
    const r = await run(
      scenario({
        sku: 'VpnGw2',
        update: '{ at: 10m, do: gateway.update, gateway: hub/vng1, set: { sku: VpnGw1 } }',
      }),
    );
    expect(r.code).toBe(0);
    expect(r.doc.rejected.map((x) => [x.at, x.action, x.rule])).toEqual([[600, 'gateway.update', 'AZ-R18']]);
    expect(r.doc.rejected[0]?.message).toMatch(/downgrade.*recreate: true/);
    expect(outages(r.doc)).toEqual([]);
  });

  it('AZ-R18: VpnGw1 → VpnGw4AZ (Generation 1 → 2) with recreate: true is a delete and create: a 45 min outage', async () => {
    const r = await run(
      scenario({
        sku: 'VpnGw1',
        update: '{ at: 10m, do: gateway.update, gateway: hub/vng1, set: { sku: VpnGw4AZ }, recreate: true }',
      }),
    );
    expect(r.doc.rejected).toEqual([]);
    expect(outages(r.doc)).toEqual([[600, 3300, 'none-route']]);
  });

  it('AZ-R18: the same migration without recreate: true is rejected, naming the rule', async () => {
    const r = await run(
      scenario({
        sku: 'VpnGw1',
        update: '{ at: 10m, do: gateway.update, gateway: hub/vng1, set: { sku: VpnGw4AZ } }',
      }),
    );
    expect(r.doc.rejected.map((x) => x.rule)).toEqual(['AZ-R18']);
    expect(r.doc.rejected[0]?.message).toMatch(/Generation 1.*Generation 2.*recreate: true/);
    expect(outages(r.doc)).toEqual([]);
  });
});

describe('AZ-R18: recreate: true that is not needed', () => {
  const text = scenario({
    sku: 'VpnGw2',
    update: '{ at: 10m, do: gateway.update, gateway: hub/vng1, set: { sku: VpnGw2AZ }, recreate: true }',
  });

  it('validate warns on stderr at the entry, with the rule id, and exits 0', async () => {
    const r = await cli(['validate', 'sku.yaml'], { files: { 'sku.yaml': text } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'sku.yaml:23:79: warning: `recreate: true` is not needed: VpnGw2 → VpnGw2AZ is an in-place upgrade (public IP kept), not a delete and create — remove `recreate: true` [AZ-R18]\n',
    );
  });

  it('run warns the same way and upgrades in place: no outage', async () => {
    const r = await run(text);
    expect(r.stderr).toMatch(/^sku\.yaml:23:79: warning: `recreate: true` is not needed/);
    expect(outages(r.doc)).toEqual([]);
  });

  it('an earlier upgrade counts: after VpnGw2 → VpnGw3, VpnGw3 → VpnGw2 needs its recreate: true (no warning)', async () => {
    const t = `${text.replace('set: { sku: VpnGw2AZ }, recreate: true', 'set: { sku: VpnGw3 }')}  - { at: 90m, do: gateway.update, gateway: hub/vng1, set: { sku: VpnGw2 }, recreate: true }\n`;
    const r = await cli(['validate', 'sku.yaml'], { files: { 'sku.yaml': t } });
    expect(r.stderr).toBe(''); // VpnGw3 → VpnGw2 is a downgrade: recreate: true is needed
  });
});
