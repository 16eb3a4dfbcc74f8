/**
 * AZ-R17 / AZ-R18: Azure VPN gateway SKU changes on virtual time. An upgrade Azure makes in place
 * takes the profile's `skuUpgrade` (45 min) with the gateway forwarding on its old SKU and public
 * IP; same tier → AZ has no downtime, any other resize ends in a planned switchover window. What
 * Azure only does by migration or a delete and create is rejected (rule id in `rejections`), or with
 * `recreate: true` is a delete and create with its provisioning time. Nothing sleeps.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkState } from '@cloudroute/model';
import { replay } from '../src/index.js';
import type { TimelineAction, TimelineInput } from '../src/index.js';
import { MIN, azureHub, input, profile } from './fixtures.js';
import { expectEvents, stateAt, tunnelsUp } from './marbles.js';

const update = (at: number, set: Record<string, unknown>, recreate?: boolean): TimelineAction => ({
  at,
  do: 'gateway.update',
  gateway: 'hub/vng1',
  set,
  ...(recreate === undefined ? {} : { recreate }),
});
const skuOf = (s: NetworkState): string | undefined =>
  s.topology.networks[0]?.gateways.find((g) => g.name === 'vng1')?.sku;

describe('AZ-R18: in-place SKU upgrade', () => {
  it('AZ-R18: VpnGw2 → VpnGw3 takes skuUpgrade (45 min) forwarding on the old SKU, then a 15 s switchover', () => {
    const inp = input(azureHub({ activeActive: false }), [update(10 * MIN, { sku: 'VpnGw3' })], 60 * MIN);
    expectEvents(inp, [
      [10 * MIN, 'gateway.updated'],
      [55 * MIN, 'gateway.upgraded'],
      [55 * MIN + 15, 'gateway.failover.completed', 'bgp.session.established'],
    ]);
    const during = stateAt(inp, 30 * MIN);
    expect(during.gateways['hub/vng1']).toEqual({
      phase: 'ready',
      since: 0,
      generation: 0,
      until: 55 * MIN,
      upgradingTo: 'VpnGw3',
    });
    expect(skuOf(during)).toBe('VpnGw2'); // the new SKU is in force when the upgrade completes
    expect(tunnelsUp(during, 'dc1-vpn')).toEqual([true]); // public IP kept: the tunnels stay up
    expect(tunnelsUp(during, 'branch-vpn')).toEqual([true]);
    const switching = stateAt(inp, 55 * MIN);
    expect(skuOf(switching)).toBe('VpnGw3');
    expect(switching.gateways['hub/vng1']).toMatchObject({ phase: 'failing-over', until: 55 * MIN + 15 });
    expect(tunnelsUp(switching, 'dc1-vpn')).toEqual([false]);
    const after = stateAt(inp, 56 * MIN);
    expect(after.gateways['hub/vng1']).toEqual({ phase: 'ready', since: 55 * MIN + 15, generation: 0 });
    expect(tunnelsUp(after, 'dc1-vpn')).toEqual([true]);
  });

  it('AZ-R18 / AZ-R20: on an active-active gateway the switchover takes one instance at a time', () => {
    const inp = input(azureHub(), [update(10 * MIN, { sku: 'VpnGw3' })], 60 * MIN);
    expectEvents(inp, [
      [10 * MIN, 'gateway.updated'],
      [55 * MIN, 'gateway.upgraded'],
      [55 * MIN + 15, 'gateway.failover.completed', 'bgp.session.established'],
    ]);
    expect(tunnelsUp(stateAt(inp, 55 * MIN), 'dc1-vpn')).toEqual([false, true]);
  });

  it("AZ-R18: profile.azure.skuUpgrade sets the upgrade's duration", () => {
    const inp: TimelineInput = {
      ...input(azureHub({ activeActive: false }), [update(10 * MIN, { sku: 'VpnGw3' })], 60 * MIN),
      profile: { ...profile, azure: { ...profile.azure, skuUpgrade: 20 * MIN } },
    };
    expectEvents(inp, [
      [10 * MIN, 'gateway.updated'],
      [30 * MIN, 'gateway.upgraded'],
      [30 * MIN + 15, 'gateway.failover.completed', 'bgp.session.established'],
    ]);
  });

  it('AZ-R17: same tier → its AZ SKU (VpnGw2 → VpnGw2AZ) takes 45 min with no downtime', () => {
    const inp = input(azureHub({ activeActive: false }), [update(10 * MIN, { sku: 'VpnGw2AZ' })], 60 * MIN);
    expectEvents(inp, [
      [10 * MIN, 'gateway.updated'],
      [55 * MIN, 'gateway.upgraded'],
    ]);
    const r = replay(inp);
    for (const step of r.steps) expect(tunnelsUp(step.state, 'dc1-vpn')).toEqual([true]);
    expect(skuOf(stateAt(inp, 55 * MIN))).toBe('VpnGw2AZ');
    expect(stateAt(inp, 55 * MIN).gateways['hub/vng1']).toEqual({ phase: 'ready', since: 0, generation: 0 });
  });

  it('AZ-R18: another update or a failover during the upgrade is refused (gateway-busy); the run goes on', () => {
    const r = replay(
      input(
        azureHub({ activeActive: false }),
        [
          update(10 * MIN, { sku: 'VpnGw3' }),
          update(20 * MIN, { sku: 'VpnGw4' }),
          { at: 25 * MIN, do: 'gateway.failover', gateway: 'hub/vng1', planned: true },
          { at: 30 * MIN, do: 'tunnel.down', connection: 'branch-vpn' },
        ],
        60 * MIN,
      ),
    );
    expect(r.steps.map((s) => [s.time, s.event.type, s.rejections.map((x) => x.rule).join()])).toEqual([
      [10 * MIN, 'gateway.updated', ''],
      [20 * MIN, 'gateway.updated', 'gateway-busy'],
      [25 * MIN, 'gateway.failover.started', 'gateway-busy'],
      [30 * MIN, 'tunnel.downed', ''],
      [55 * MIN, 'gateway.upgraded', ''],
      [55 * MIN + 15, 'gateway.failover.completed', ''],
      [55 * MIN + 15, 'bgp.session.established', ''],
    ]);
  });

  it('AZ-R18: a gateway deleted during its upgrade never completes it (the fact goes stale)', () => {
    const inp = input(
      azureHub({ activeActive: false }),
      [update(10 * MIN, { sku: 'VpnGw3' }), { at: 20 * MIN, do: 'gateway.delete', gateway: 'hub/vng1' }],
      60 * MIN,
    );
    expectEvents(inp, [
      [10 * MIN, 'gateway.updated'],
      [20 * MIN, 'gateway.deleted'],
    ]);
  });
});

describe('AZ-R18: SKU changes Azure refuses in place', () => {
  const cases: readonly (readonly [string, string, string])[] = [
    ['Basic', 'VpnGw1', 'a Basic gateway cannot be upgraded'],
    ['VpnGw3', 'VpnGw2', 'downgrade'],
    ['VpnGw2', 'Basic', 'downgrade'],
    ['VpnGw2AZ', 'VpnGw2', 'zone redundancy'],
    ['VpnGw1', 'VpnGw4AZ', 'Generation 2'],
    ['Standard', 'VpnGw1AZ', 'migration'],
  ];
  for (const [from, to, why] of cases) {
    it(`AZ-R18: ${from} → ${to} is rejected with the rule id; the run goes on`, () => {
      const inp = input(
        azureHub({ sku: from, activeActive: false }),
        [update(10 * MIN, { sku: to }), { at: 20 * MIN, do: 'tunnel.down', connection: 'branch-vpn' }],
        30 * MIN,
      );
      const r = replay(inp);
      expect(r.steps.map((s) => [s.event.type, s.rejections.length])).toEqual([
        ['gateway.updated', 1],
        ['tunnel.downed', 0],
      ]);
      const rej = r.steps[0]?.rejections[0];
      expect(rej).toMatchObject({ at: 10 * MIN, action: 'gateway.update', rule: 'AZ-R18', index: 0 });
      expect(rej?.message).toContain(why);
      expect(rej?.message).toContain('recreate: true');
      expect(r.steps[0]?.state).toBe(r.initial);
    });
  }
});

describe('AZ-R18 / AZ-R17: recreate: true', () => {
  it('AZ-R18: VpnGw1 → VpnGw4AZ (Generation 1 → 2) with recreate: true is a delete and create: 45 min provisioning', () => {
    const inp = input(
      azureHub({ sku: 'VpnGw1', activeActive: false }),
      [update(10 * MIN, { sku: 'VpnGw4AZ' }, true)],
      60 * MIN,
    );
    expectEvents(inp, [
      [10 * MIN, 'gateway.updated'],
      [55 * MIN, 'gateway.provisioned', 'bgp.session.established'],
    ]);
    const during = stateAt(inp, 30 * MIN);
    expect(during.gateways['hub/vng1']).toEqual({
      phase: 'provisioning',
      since: 10 * MIN,
      generation: 1,
      until: 55 * MIN,
    });
    expect(during.tunnels['branch-vpn']).toEqual([{ up: false, reason: 'gateway-provisioning' }]);
    expect(skuOf(during)).toBe('VpnGw4AZ');
    const r = replay(inp);
    expect(r.steps[0]?.notes.filter((n) => n.rule === 'AZ-R18').map((n) => n.message)).toEqual([
      'hub/vng1 recreated (VpnGw1 (Generation 1) → VpnGw4AZ (Generation 2) is a migration, not an upgrade: only by migration or a delete and create): new public IP, its connections are down until it is provisioned at 3300 s',
    ]);
  });

  it('AZ-R18: recreate: true on a change made in place warns and upgrades in place (no recreation)', () => {
    const inp = input(
      azureHub({ activeActive: false }),
      [update(10 * MIN, { sku: 'VpnGw2AZ' }, true)],
      60 * MIN,
    );
    expectEvents(inp, [
      [10 * MIN, 'gateway.updated'],
      [55 * MIN, 'gateway.upgraded'],
    ]);
    const r = replay(inp);
    const first = r.steps[0];
    expect(first?.rejections).toEqual([]);
    expect(first?.notes.filter((n) => n.severity === 'warning')).toEqual([
      {
        at: 10 * MIN,
        severity: 'warning',
        rule: 'AZ-R18',
        message:
          'hub/vng1: recreate: true is not needed — sku: "VpnGw2AZ" changes in place, without a delete and create; remove recreate: true',
        index: 0,
      },
    ]);
    expect(first?.state.gateways['hub/vng1']?.generation).toBe(0); // same gateway, same public IP
  });
});
