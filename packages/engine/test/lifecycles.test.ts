// Over 400 lines: the cases of one subject (lifecycles), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * Virtual-time tests of every lifecycle: marble diagrams on RxJS `TestScheduler.run` (one frame =
 * one simulated millisecond), plus state checks from the same fold. Nothing sleeps.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkState } from '@cloudroute/model';
import { replay } from '../src/index.js';
import type { TimelineAction, TimelineInput, TimelineStep } from '../src/index.js';
import { MIN, awsVpc, azureHub, input, profile } from './fixtures.js';
import { expectEvents, stateAt, tunnelsUp } from './marbles.js';

const established = (s: NetworkState, c: string): boolean[] =>
  (s.sessions[c] ?? []).map((x) => x.established);

describe('AZ-R17: gateway recreation', () => {
  const timeline: TimelineAction[] = [
    {
      at: 10 * MIN,
      do: 'gateway.update',
      gateway: 'hub/vng1',
      set: { vpnType: 'RouteBased' },
      recreate: true,
    },
  ];
  const topo = azureHub({ vpnType: 'PolicyBased', activeActive: false });

  it('AZ-R17: policy-based → route-based with recreate: true is a 45-minute outage, then the connections come back', () => {
    expectEvents(input(topo, timeline, 60 * MIN), [
      [10 * MIN, 'gateway.updated'],
      [55 * MIN, 'gateway.provisioned', 'bgp.session.established'],
    ]);
    const inp = input(topo, timeline, 60 * MIN);
    const during = stateAt(inp, 30 * MIN);
    expect(during.gateways['hub/vng1']).toEqual({
      phase: 'provisioning',
      since: 600,
      generation: 1,
      until: 3300,
    });
    expect(during.tunnels['dc1-vpn']).toEqual([{ up: false, reason: 'gateway-provisioning' }]);
    expect(during.tunnels['branch-vpn']).toEqual([{ up: false, reason: 'gateway-provisioning' }]);
    expect(during.sessions['dc1-vpn']).toEqual([
      { adminUp: true, established: false, reason: 'gateway-provisioning' },
    ]);
    const after = stateAt(inp, 55 * MIN);
    expect(after.gateways['hub/vng1']).toEqual({ phase: 'ready', since: 3300, generation: 1 });
    expect(tunnelsUp(after, 'branch-vpn')).toEqual([true]);
    expect(established(after, 'dc1-vpn')).toEqual([true]);
  });

  it('AZ-R17: the gateway own provisioning time overrides the profile', () => {
    const t = azureHub({ vpnType: 'PolicyBased', activeActive: false });
    const fast = {
      ...t,
      networks: t.networks.map((n) => ({
        ...n,
        gateways: n.gateways.map((g) => ({ ...g, provisioning: 30 * MIN })),
      })),
    };
    expectEvents(input(fast, timeline, 60 * MIN), [
      [10 * MIN, 'gateway.updated'],
      [40 * MIN, 'gateway.provisioned', 'bgp.session.established'],
    ]);
  });

  it('AZ-R17: a refused update is a step with a rejection and no state change', () => {
    const inp = input(
      topo,
      [{ at: 10 * MIN, do: 'gateway.update', gateway: 'hub/vng1', set: { vpnType: 'RouteBased' } }],
      20 * MIN,
    );
    expectEvents(inp, [[10 * MIN, 'gateway.updated']]);
    const r = replay(inp);
    expect(r.steps[0]?.rejections.map((x) => x.rule)).toEqual(['AZ-R17']);
    expect(r.steps[0]?.state).toBe(r.initial);
  });

  it('AZ-R17: deleting and creating a gateway again brings its connections back after provisioning', () => {
    const inp = input(
      azureHub(),
      [
        { at: 5 * MIN, do: 'gateway.delete', gateway: 'hub/vng1' },
        {
          at: 6 * MIN,
          do: 'gateway.create',
          network: 'hub',
          gateway: { name: 'vng1', kind: 'vpn', sku: 'VpnGw2', activeActive: true },
        },
      ],
      60 * MIN,
    );
    expectEvents(inp, [
      [5 * MIN, 'gateway.deleted'],
      [6 * MIN, 'gateway.created'],
      [51 * MIN, 'gateway.provisioned', 'bgp.session.established', 'bgp.session.established'],
    ]);
    expect(stateAt(inp, 5 * MIN).tunnels['dc1-vpn']?.[0]).toEqual({ up: false, reason: 'gateway-deleted' });
    expect(stateAt(inp, 6 * MIN).gateways['hub/vng1']).toMatchObject({
      phase: 'provisioning',
      generation: 1,
    });
  });
});

describe('AZ-R19 / AZ-R20: failover windows', () => {
  it('AZ-R19: a planned active-standby failover is a 15-second outage', () => {
    const inp = input(
      azureHub({ activeActive: false }),
      [{ at: 100 * MIN, do: 'gateway.failover', gateway: 'hub/vng1', planned: true }],
      101 * MIN,
    );
    expectEvents(inp, [
      [100 * MIN, 'gateway.failover.started'],
      [100 * MIN + 15, 'gateway.failover.completed', 'bgp.session.established'],
    ]);
    const during = stateAt(inp, 100 * MIN + 10);
    expect(during.gateways['hub/vng1']).toEqual({
      phase: 'failing-over',
      since: 6000,
      generation: 0,
      until: 6015,
    });
    expect(tunnelsUp(during, 'dc1-vpn')).toEqual([false]);
    expect(established(during, 'dc1-vpn')).toEqual([false]);
  });

  it('AZ-R19: an unplanned active-standby failover lasts up to 180 seconds', () => {
    const inp = input(
      azureHub({ activeActive: false }),
      [{ at: 60, do: 'gateway.failover', gateway: 'hub/vng1' }],
      5 * MIN,
    );
    expectEvents(inp, [
      [60, 'gateway.failover.started'],
      [240, 'gateway.failover.completed', 'bgp.session.established'],
    ]);
  });

  it('AZ-R20: an active-active failover takes down only one instance tunnels; the other keeps its session', () => {
    const inp = input(
      azureHub(),
      [{ at: 60, do: 'gateway.failover', gateway: 'hub/vng1', planned: true }],
      2 * MIN,
    );
    expectEvents(inp, [
      [60, 'gateway.failover.started'],
      [75, 'gateway.failover.completed', 'bgp.session.established'],
    ]);
    const r = replay(inp);
    const during = r.steps[0]?.state as NetworkState;
    expect(during.gateways['hub/vng1']).toEqual({
      phase: 'ready',
      since: 0,
      generation: 0,
      until: 75,
      failingInstance: 0,
    });
    expect(tunnelsUp(during, 'dc1-vpn')).toEqual([false, true]);
    expect(established(during, 'dc1-vpn')).toEqual([false, true]);
    expect(r.steps[0]?.notes.map((n) => n.message)).toEqual([
      'dc1-vpn tunnel 0: BGP session dropped (gateway-failing-over)',
    ]);
    expect(established(stateAt(inp, 75), 'dc1-vpn')).toEqual([true, true]);
  });

  it('AZ-R19: a failover during another is refused (gateway-busy)', () => {
    const r = replay(
      input(
        azureHub({ activeActive: false }),
        [
          { at: 60, do: 'gateway.failover', gateway: 'hub/vng1' },
          { at: 70, do: 'gateway.failover', gateway: 'hub/vng1' },
        ],
        10 * MIN,
      ),
    );
    expect(r.steps.map((s) => [s.time, s.event.type, s.rejections.map((x) => x.rule).join()])).toEqual([
      [60, 'gateway.failover.started', ''],
      [70, 'gateway.failover.started', 'gateway-busy'],
      [240, 'gateway.failover.completed', ''],
      [240, 'bgp.session.established', ''],
    ]);
  });
});

describe('BGP sessions', () => {
  it('bgp.session.down / up: the session drops at once and comes back when enabled', () => {
    const inp = input(
      azureHub(),
      [
        { at: 90 * MIN, do: 'bgp.session.down', connection: 'dc1-vpn', tunnel: 1 },
        { at: 95 * MIN, do: 'bgp.session.up', connection: 'dc1-vpn', tunnel: 1 },
      ],
      100 * MIN,
    );
    expectEvents(inp, [
      [90 * MIN, 'bgp.session.disabled'],
      [95 * MIN, 'bgp.session.enabled', 'bgp.session.established'],
    ]);
    expect(stateAt(inp, 91 * MIN).sessions['dc1-vpn']).toEqual([
      { adminUp: true, established: true },
      { adminUp: false, established: false, reason: 'admin-down' },
    ]);
  });

  it('tunnel.down takes its session down at once; tunnel.up brings it back after bgpSessionEstablish', () => {
    const inp: TimelineInput = {
      ...input(
        awsVpc(),
        [
          { at: 50 * MIN, do: 'tunnel.down', connection: 'dc-vpn', tunnel: 0 },
          { at: 55 * MIN, do: 'tunnel.down', connection: 'dc-vpn', tunnel: 1 },
          { at: 60 * MIN, do: 'tunnel.up', connection: 'dc-vpn' },
        ],
        70 * MIN,
      ),
      profile: { ...profile, bgpSessionEstablish: 30 },
    };
    expectEvents(inp, [
      [50 * MIN, 'tunnel.downed'],
      [55 * MIN, 'tunnel.downed'],
      [60 * MIN, 'tunnel.upped'],
      [60 * MIN + 30, 'bgp.session.established', 'bgp.session.established'],
    ]);
    const s = stateAt(inp, 56 * MIN);
    expect(s.tunnels['dc-vpn']).toEqual([
      { up: false, adminUp: false, reason: 'admin-down' },
      { up: false, adminUp: false, reason: 'admin-down' },
    ]);
    expect(established(s, 'dc-vpn')).toEqual([false, false]);
    const waiting = stateAt(inp, 60 * MIN);
    expect(tunnelsUp(waiting, 'dc-vpn')).toEqual([true, true]);
    expect(waiting.sessions['dc-vpn']?.[0]).toEqual({
      adminUp: true,
      established: false,
      reason: 'establishing',
      establishAt: 3630,
    });
  });

  it('AZ-R21 / AZ-R22: removing the peer route drops the session at the 180-second hold time', () => {
    const inp = input(
      azureHub(),
      [
        { at: 120 * MIN, do: 'route.remove', site: 'dc1', prefix: '10.1.255.5/32' },
        { at: 125 * MIN, do: 'route.add', site: 'dc1', route: { prefix: '10.1.255.5/32', via: 'dc1-vpn' } },
      ],
      130 * MIN,
    );
    expectEvents(inp, [
      [120 * MIN, 'route.removed'],
      [123 * MIN, 'bgp.session.dropped'],
      [125 * MIN, 'route.added', 'bgp.session.established'],
    ]);
    const waiting = stateAt(inp, 122 * MIN);
    expect(waiting.sessions['dc1-vpn']?.[1]).toEqual({ adminUp: true, established: true, holdExpires: 7380 });
    const dropped = stateAt(inp, 124 * MIN);
    expect(dropped.sessions['dc1-vpn']?.[1]?.established).toBe(false);
    expect(dropped.sessions['dc1-vpn']?.[1]?.reason).toMatch(/AZ-R21/);
    expect(established(dropped, 'dc1-vpn')).toEqual([true, false]);
  });

  it('AZ-R21: a peer route restored before the hold time keeps the session (the drop goes stale)', () => {
    const inp = input(
      azureHub(),
      [
        { at: 60, do: 'route.remove', site: 'dc1', prefix: '10.1.255.5/32' },
        { at: 120, do: 'route.add', site: 'dc1', route: { prefix: '10.1.255.5/32', via: 'dc1-vpn' } },
      ],
      10 * MIN,
    );
    expectEvents(inp, [
      [60, 'route.removed'],
      [120, 'route.added'],
    ]);
    expect(stateAt(inp, 10 * MIN).sessions['dc1-vpn']).toEqual([
      { adminUp: true, established: true },
      { adminUp: true, established: true },
    ]);
  });

  it('AZ-R21: a session whose peer is unreachable comes up once the site route exists', () => {
    const inp = input(
      azureHub({ siteRoutes: false }),
      [{ at: 60, do: 'route.add', site: 'dc1', route: { prefix: '10.1.255.0/27', via: 'dc1-vpn' } }],
      2 * MIN,
    );
    expectEvents(inp, [[60, 'route.added', 'bgp.session.established', 'bgp.session.established']]);
  });

  it('AZ-R22: more than 4,000 prefixes drop the session at once; withdrawing brings it back', () => {
    const prefixes = Array.from({ length: 4000 }, (_, i) => `10.${100 + (i >> 8)}.${i & 255}.0/24`);
    const inp = input(
      azureHub(),
      [
        { at: 60, do: 'bgp.advertise', site: 'dc1', prefixes },
        { at: 120, do: 'bgp.withdraw', site: 'dc1', prefixes: prefixes.slice(0, 10) },
      ],
      3 * MIN,
    );
    expectEvents(inp, [
      [60, 'bgp.advertised'],
      [120, 'bgp.withdrawn', 'bgp.session.established', 'bgp.session.established'],
    ]);
    const r = replay(inp);
    const over = r.steps[0] as TimelineStep;
    expect(over.state.adverts['dc1']).toHaveLength(4001); // the advertisement is applied
    expect(established(over.state, 'dc1-vpn')).toEqual([false, false]);
    expect(over.state.sessions['dc1-vpn']?.[0]?.reason).toMatch(
      /^AZ-R22 prefix limit: 4001 prefixes from dc1 > 4000/,
    );
    expect(over.notes.map((n) => n.rule)).toEqual(['AZ-R22', 'AZ-R22']);
    expect(over.touched).toContain('hub/web');
    expect(over.touched).toContain('spoke/app'); // learned routes reach the peered VNet (gateway transit)
    expect(over.touched).toContain('site:dc1');
  });
});

describe('AWS-R28: AWS gateways provision in minutes', () => {
  it('AWS-R28: a NAT gateway is pending for natProvisioning (2 min), a recreated VGW for vgwProvisioning (5 min)', () => {
    const inp = input(
      awsVpc(),
      [
        { at: 70 * MIN, do: 'gateway.delete', gateway: 'prod/nat1' },
        {
          at: 75 * MIN,
          do: 'gateway.create',
          network: 'prod',
          gateway: { name: 'nat2', kind: 'nat', subnet: 'public' },
        },
        { at: 80 * MIN, do: 'gateway.update', gateway: 'prod/vgw1', set: { asn: 64700 }, recreate: true },
      ],
      90 * MIN,
    );
    expectEvents(inp, [
      [70 * MIN, 'gateway.deleted'],
      [75 * MIN, 'gateway.created'],
      [77 * MIN, 'gateway.provisioned'],
      [80 * MIN, 'gateway.updated'],
      [85 * MIN, 'gateway.provisioned', 'bgp.session.established', 'bgp.session.established'],
    ]);
    const s = stateAt(inp, 76 * MIN);
    expect(s.gateways['prod/nat2']).toEqual({
      phase: 'provisioning',
      since: 4500,
      generation: 0,
      until: 4620,
    });
    expect(s.gateways['prod/nat1']).toEqual({ phase: 'deleted', since: 4200, generation: 0 });
    expect(stateAt(inp, 81 * MIN).sessions['dc-vpn']?.map((x) => x.reason)).toEqual([
      'gateway-provisioning',
      'gateway-provisioning',
    ]);
  });
});

describe('timeline$', () => {
  it('completes at the horizon and drops events after it', () => {
    expectEvents(
      input(
        azureHub(),
        [
          { at: 60, do: 'tunnel.down', connection: 'branch-vpn' },
          { at: 200, do: 'tunnel.up', connection: 'branch-vpn' },
        ],
        100,
      ),
      [[60, 'tunnel.downed']],
    );
  });

  it('applies events at the same time in timeline order, then the facts they scheduled', () => {
    const inp = input(
      azureHub(),
      [
        { at: 60, do: 'tunnel.down', connection: 'dc1-vpn', tunnel: 0 },
        { at: 60, do: 'tunnel.up', connection: 'dc1-vpn', tunnel: 0 },
        { at: 60, do: 'bgp.advertise', site: 'dc1', prefixes: ['0.0.0.0/0'] },
      ],
      90,
    );
    // The tunnel's session drops with tunnel.down and is re-established by a fact scheduled with no
    // delay, which runs after the other commands of the same instant.
    expectEvents(inp, [[60, 'tunnel.downed', 'tunnel.upped', 'bgp.advertised', 'bgp.session.established']]);
  });
});
