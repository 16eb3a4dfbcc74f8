// Over 400 lines: the cases of one subject (model-based), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * Model-based test (fast-check `fc.commands`): random command sequences run against the engine
 * and against a naive model of the `hybrid()` world written directly from the rules (AZ-R17..R22,
 * AWS-R4, AWS-R21, AWS-R28). After every command the observable facts must agree: gateway phases
 * and generations, which tunnels are up, which sessions are established, the route lists of two
 * tables, and whether the command was refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkState } from '@cloudroute/model';
import { createTimeline, eventOfAction, initialState } from '../src/index.js';
import type { TimelineAction, TimelineRun } from '../src/index.js';
import { hybrid, profile } from './fixtures.js';

const MAX_PREFIXES = 3; // AZ-R22, lowered so that the test reaches it
const testProfile = { ...profile, azure: { ...profile.azure, maxPrefixesFromPeer: MAX_PREFIXES } };

type GwName = 'hub/vng1' | 'prod/vgw1' | 'prod/nat1';
type Phase = 'ready' | 'provisioning' | 'failing-over' | 'deleted';
interface GwModel {
  phase: Phase;
  generation: number;
  until?: number | undefined;
  /** Active-active failover in progress: instance 0 is out. */
  failing?: boolean;
  asn?: number;
  tier?: number;
  /** An in-place SKU upgrade to this tier ends at `until` (AZ-R17, AZ-R18). */
  upgradingTo?: number | undefined;
}
type Conn = 'dc1-vpn' | 'branch-vpn' | 'dc-vpn';
const CONNS: readonly Conn[] = ['dc1-vpn', 'branch-vpn', 'dc-vpn'];
const GATEWAY_OF: Record<Conn, GwName> = {
  'dc1-vpn': 'hub/vng1',
  'branch-vpn': 'hub/vng1',
  'dc-vpn': 'prod/vgw1',
};
const HOLD: Record<'dc1-vpn' | 'dc-vpn', number> = {
  'dc1-vpn': profile.azure.bgpHoldTime,
  'dc-vpn': profile.aws.bgpHoldTime,
};
const PEER_ROUTES = ['10.1.255.4/32', '10.1.255.5/32'];

interface Model {
  now: number;
  gw: Record<GwName, GwModel>;
  tunnelAdmin: Record<Conn, boolean[]>;
  sessionAdmin: Record<'dc1-vpn' | 'dc-vpn', boolean[]>;
  established: Record<'dc1-vpn' | 'dc-vpn', boolean[]>;
  /** When the path of an established session failed silently (AZ-R21); it drops at silentSince + hold. */
  silentSince: Record<'dc1-vpn' | 'dc-vpn', (number | undefined)[]>;
  peerRoutes: Set<string>;
  adverts: Set<string>;
  webRt: string[];
  privateRt: string[];
  /** Was the last command refused? */
  refused: boolean;
}

function newModel(): Model {
  return {
    now: 0,
    gw: {
      'hub/vng1': { phase: 'ready', generation: 0, tier: 2 },
      'prod/vgw1': { phase: 'ready', generation: 0, asn: 64512 },
      'prod/nat1': { phase: 'ready', generation: 0 },
    },
    tunnelAdmin: { 'dc1-vpn': [true, true], 'branch-vpn': [true, true], 'dc-vpn': [true, true] },
    sessionAdmin: { 'dc1-vpn': [true, true], 'dc-vpn': [true, true] },
    established: { 'dc1-vpn': [true, true], 'dc-vpn': [true, true] },
    silentSince: { 'dc1-vpn': [undefined, undefined], 'dc-vpn': [undefined, undefined] },
    peerRoutes: new Set(PEER_ROUTES),
    adverts: new Set(['192.168.0.0/16']),
    webRt: ['10.2.0.0/16'],
    privateRt: ['0.0.0.0/0', '10.60.0.0/16'],
    refused: false,
  };
}

function tunnelUp(m: Model, c: Conn, i: number): boolean {
  const g = m.gw[GATEWAY_OF[c]];
  return (m.tunnelAdmin[c][i] ?? true) && g.phase === 'ready' && !(g.failing === true && i === 0);
}

/** 'up' | 'down' (at once) | 'silent' (hold timer) for session i. */
function condition(m: Model, c: 'dc1-vpn' | 'dc-vpn', i: number): 'up' | 'down' | 'silent' {
  if (!m.sessionAdmin[c][i] || !tunnelUp(m, c, i)) return 'down';
  if (c === 'dc1-vpn') {
    if (m.adverts.size > MAX_PREFIXES) return 'down';
    if (!m.peerRoutes.has(PEER_ROUTES[i] ?? '')) return 'silent';
  }
  return 'up';
}

/** Sessions as of `m.now`, after every transition at or before it. */
function settle(m: Model): void {
  for (const c of ['dc1-vpn', 'dc-vpn'] as const) {
    for (let i = 0; i < 2; i++) {
      const cond = condition(m, c, i);
      if (cond === 'up') {
        m.established[c][i] = true;
        m.silentSince[c][i] = undefined;
      } else if (cond === 'down') {
        m.established[c][i] = false;
        m.silentSince[c][i] = undefined;
      } else if (m.established[c][i]) {
        const since = (m.silentSince[c][i] ??= m.now);
        if (m.now >= since + HOLD[c]) {
          m.established[c][i] = false;
          m.silentSince[c][i] = undefined;
        }
      }
    }
  }
}

/** Moves the model's clock, firing gateway transitions and hold timers in time order. */
function advance(m: Model, to: number): void {
  for (;;) {
    const times: number[] = [];
    for (const g of Object.values(m.gw)) if (g.until !== undefined) times.push(g.until);
    for (const c of ['dc1-vpn', 'dc-vpn'] as const) {
      m.silentSince[c].forEach((s) => {
        if (s !== undefined) times.push(s + HOLD[c]);
      });
    }
    const next = Math.min(...times.filter((t) => t <= to));
    if (!Number.isFinite(next)) break;
    m.now = next;
    for (const g of Object.values(m.gw)) {
      if (g.until === next && g.upgradingTo !== undefined) {
        // AZ-R18: the new SKU, then a planned switchover of instance 0 (active-active, AZ-R20).
        g.tier = g.upgradingTo;
        g.upgradingTo = undefined;
        g.failing = true;
        g.until = next + profile.azure.failoverPlanned;
      } else if (g.until === next) {
        if (g.phase === 'provisioning' || g.phase === 'failing-over') g.phase = 'ready';
        g.failing = false;
        g.until = undefined;
      }
    }
    settle(m);
  }
  m.now = to;
  settle(m);
}

interface Real {
  run: TimelineRun;
  refused: boolean;
}

function dispatch(r: Real, m: Model, a: Omit<TimelineAction, 'at'>): void {
  const ev = eventOfAction({ ...a, at: m.now } as TimelineAction);
  r.run.push([ev]);
  const steps = r.run.runUntil(m.now);
  const own = steps.find((s) => s.event === ev);
  expect(own).toBeDefined();
  r.refused = (own?.rejections.length ?? 0) > 0;
}

function compare(m: Model, r: Real): void {
  const s: NetworkState = r.run.state;
  expect(r.refused).toBe(m.refused);
  for (const [name, g] of Object.entries(m.gw)) {
    expect({ name, phase: s.gateways[name]?.phase, generation: s.gateways[name]?.generation }).toEqual({
      name,
      phase: g.phase,
      generation: g.generation,
    });
  }
  for (const c of CONNS) {
    expect({ c, up: s.tunnels[c]?.map((t) => t.up) }).toEqual({
      c,
      up: [0, 1].map((i) => tunnelUp(m, c, i)),
    });
  }
  for (const c of ['dc1-vpn', 'dc-vpn'] as const) {
    expect({ c, established: s.sessions[c]?.map((x) => x.established) }).toEqual({
      c,
      established: m.established[c],
    });
  }
  const routes = (net: number, rt: string): string[] =>
    s.topology.networks[net]?.routeTables.find((t) => t.name === rt)?.routes.map((x) => x.prefix) ?? [];
  expect(routes(0, 'web-rt')).toEqual(m.webRt);
  expect(routes(2, 'private-rt')).toEqual(m.privateRt);
}

type Cmd = fc.Command<Model, Real>;

/** A command: `model` says what the provider does (and whether it refuses), `act` is the action. */
function cmd(name: string, act: () => Omit<TimelineAction, 'at'>, model: (m: Model) => boolean): Cmd {
  return {
    check: () => true,
    run(m, r) {
      m.refused = !model(m);
      settle(m);
      dispatch(r, m, act());
      compare(m, r);
    },
    toString: () => name,
  };
}

const advanceCmd = (dt: number): Cmd => ({
  check: () => true,
  run(m, r) {
    advance(m, m.now + dt);
    r.run.runUntil(m.now);
    m.refused = r.refused = false;
    compare(m, r);
  },
  toString: () => `advance(${dt})`,
});

const tunnelCmd = (c: Conn, up: boolean, t: number | undefined): Cmd =>
  cmd(
    `${up ? 'tunnel.up' : 'tunnel.down'}(${c},${String(t)})`,
    () => ({
      do: up ? 'tunnel.up' : 'tunnel.down',
      connection: c,
      ...(t === undefined ? {} : { tunnel: t }),
    }),
    (m) => {
      for (const i of t === undefined ? [0, 1] : [t]) m.tunnelAdmin[c][i] = up;
      return true;
    },
  );

const sessionCmd = (c: 'dc1-vpn' | 'dc-vpn', up: boolean, t: number | undefined): Cmd =>
  cmd(
    `${up ? 'bgp.session.up' : 'bgp.session.down'}(${c},${String(t)})`,
    () => ({
      do: up ? 'bgp.session.up' : 'bgp.session.down',
      connection: c,
      ...(t === undefined ? {} : { tunnel: t }),
    }),
    (m) => {
      for (const i of t === undefined ? [0, 1] : [t]) m.sessionAdmin[c][i] = up;
      return true;
    },
  );

const peerRouteCmd = (i: number, add: boolean): Cmd => {
  const prefix = PEER_ROUTES[i] ?? '';
  return cmd(
    `${add ? 'add' : 'remove'} dc1 route ${prefix}`,
    () =>
      add
        ? { do: 'route.add', site: 'dc1', route: { prefix, via: 'dc1-vpn' } }
        : { do: 'route.remove', site: 'dc1', prefix },
    (m) => {
      if (add === m.peerRoutes.has(prefix)) return false; // already-exists / not-found
      if (add) m.peerRoutes.add(prefix);
      else m.peerRoutes.delete(prefix);
      return true;
    },
  );
};

const advertCmd = (prefix: string, add: boolean): Cmd =>
  cmd(
    `${add ? 'advertise' : 'withdraw'} ${prefix}`,
    () => ({ do: add ? 'bgp.advertise' : 'bgp.withdraw', site: 'dc1', prefixes: [prefix] }),
    (m) => {
      if (!add && !m.adverts.has(prefix)) return false;
      if (add) m.adverts.add(prefix);
      else m.adverts.delete(prefix);
      return true;
    },
  );

const failoverCmd = (planned: boolean): Cmd =>
  cmd(
    `failover(${planned})`,
    () => ({ do: 'gateway.failover', gateway: 'hub/vng1', planned }),
    (m) => {
      const g = m.gw['hub/vng1'];
      if (g.phase !== 'ready' || g.failing === true || g.upgradingTo !== undefined) return false; // gateway-busy
      g.failing = true; // AZ-R20: active-active, instance 0
      g.until = m.now + (planned ? profile.azure.failoverPlanned : profile.azure.failoverUnplanned);
      return true;
    },
  );

const skuCmd = (tier: number, recreate: boolean): Cmd =>
  cmd(
    `sku VpnGw${tier}${recreate ? ' recreate' : ''}`,
    () => ({ do: 'gateway.update', gateway: 'hub/vng1', set: { sku: `VpnGw${tier}` }, recreate }),
    (m) => {
      const g = m.gw['hub/vng1'];
      if (g.phase === 'provisioning' || g.upgradingTo !== undefined) return false; // gateway-busy
      const down = tier < (g.tier ?? 2);
      if (down && !recreate) return false; // AZ-R18
      if (tier > (g.tier ?? 2)) {
        // AZ-R17 / AZ-R18: in place for skuUpgrade, forwarding meanwhile; not during a failover.
        if (g.phase !== 'ready' || g.failing === true) return false; // gateway-busy
        g.upgradingTo = tier;
        g.until = m.now + profile.azure.skuUpgrade;
        return true;
      }
      g.tier = tier;
      if (down) {
        g.phase = 'provisioning';
        g.generation += 1;
        g.failing = false;
        g.until = m.now + profile.azure.vpnGatewayProvisioning;
      }
      return true;
    },
  );

const asnCmd = (asn: number, recreate: boolean): Cmd =>
  cmd(
    `vgw asn ${asn}${recreate ? ' recreate' : ''}`,
    () => ({ do: 'gateway.update', gateway: 'prod/vgw1', set: { asn }, recreate }),
    (m) => {
      const g = m.gw['prod/vgw1'];
      if (g.phase === 'provisioning') return false;
      if (asn === g.asn) return true;
      if (!recreate) return false; // AWS-R21
      g.asn = asn;
      g.phase = 'provisioning';
      g.generation += 1;
      g.until = m.now + profile.aws.vgwProvisioning;
      return true;
    },
  );

const natCmd = (create: boolean): Cmd =>
  cmd(
    create ? 'create nat1' : 'delete nat1',
    () =>
      create
        ? { do: 'gateway.create', network: 'prod', gateway: { name: 'nat1', kind: 'nat', subnet: 'public' } }
        : { do: 'gateway.delete', gateway: 'prod/nat1' },
    (m) => {
      const g = m.gw['prod/nat1'];
      if (create !== (g.phase === 'deleted')) return false; // already-exists / not-found
      if (create) {
        g.phase = 'provisioning';
        g.generation += 1;
        g.until = m.now + profile.aws.natProvisioning; // AWS-R28
      } else {
        g.phase = 'deleted';
        g.until = undefined;
      }
      return true;
    },
  );

const webRouteCmd = (prefix: string, add: boolean): Cmd =>
  cmd(
    `${add ? 'add' : 'remove'} hub/web-rt ${prefix}`,
    () =>
      add
        ? {
            do: 'route.add',
            routeTable: 'hub/web-rt',
            route: { prefix, nextHop: { type: 'VirtualAppliance', ip: '10.1.2.4' } },
          }
        : { do: 'route.remove', routeTable: 'hub/web-rt', prefix },
    (m) => {
      const has = m.webRt.includes(prefix);
      if (add === has) return false;
      m.webRt = add ? [...m.webRt, prefix] : m.webRt.filter((p) => p !== prefix);
      return true;
    },
  );

/** AWS-R4 in the model: inside 172.20.0.0/16 only a whole subnet CIDR (to an eni) is accepted. */
const privateRouteCmd = (prefix: string, add: boolean): Cmd =>
  cmd(
    `${add ? 'add' : 'remove'} prod/private-rt ${prefix}`,
    () =>
      add
        ? {
            do: 'route.add',
            routeTable: 'prod/private-rt',
            route: { prefix, nextHop: { type: 'eni', ip: '172.20.9.10' } },
          }
        : { do: 'route.remove', routeTable: 'prod/private-rt', prefix },
    (m) => {
      const has = m.privateRt.includes(prefix);
      if (add === has) return false;
      if (add && prefix === '172.20.2.128/25') return false; // AWS-R4
      m.privateRt = add ? [...m.privateRt, prefix] : m.privateRt.filter((p) => p !== prefix);
      return true;
    },
  );

const commands = [
  fc.integer({ min: 1, max: 3000 }).map(advanceCmd),
  // Durations just short of and at the engine's timers (failover 15/180 s, hold 30/180 s, AWS 120/300 s).
  fc.constantFrom(1, 14, 15, 29, 30, 119, 120, 179, 180, 299, 300, 2699, 2700).map(advanceCmd),
  fc.constantFrom(14, 15, 29, 30, 179, 180).map(advanceCmd),
  fc.constantFrom(14, 15, 29, 30, 179, 180).map(advanceCmd),
  fc
    .tuple(fc.constantFrom(...CONNS), fc.boolean(), fc.option(fc.constantFrom(0, 1), { nil: undefined }))
    .map(([c, up, t]) => tunnelCmd(c, up, t)),
  fc
    .tuple(
      fc.constantFrom('dc1-vpn' as const, 'dc-vpn' as const),
      fc.boolean(),
      fc.option(fc.constantFrom(0, 1), { nil: undefined }),
    )
    .map(([c, up, t]) => sessionCmd(c, up, t)),
  fc.tuple(fc.constantFrom(0, 1), fc.boolean()).map(([i, add]) => peerRouteCmd(i, add)),
  fc.tuple(fc.constantFrom(0, 1), fc.boolean()).map(([i, add]) => peerRouteCmd(i, add)),
  fc
    .tuple(fc.constantFrom('10.70.0.0/16', '10.71.0.0/16', '10.72.0.0/16', '192.168.0.0/16'), fc.boolean())
    .map(([p, add]) => advertCmd(p, add)),
  fc.boolean().map(failoverCmd),
  fc.tuple(fc.constantFrom(1, 2, 3), fc.boolean()).map(([t, r]) => skuCmd(t, r)),
  fc.tuple(fc.constantFrom(64512, 64600), fc.boolean()).map(([a, r]) => asnCmd(a, r)),
  fc.boolean().map(natCmd),
  fc
    .tuple(fc.constantFrom('10.2.0.0/16', '10.9.0.0/16', '0.0.0.0/0'), fc.boolean())
    .map(([p, add]) => webRouteCmd(p, add)),
  fc
    .tuple(fc.constantFrom('172.20.1.0/24', '172.20.2.128/25', '10.50.0.0/16', '0.0.0.0/0'), fc.boolean())
    .map(([p, add]) => privateRouteCmd(p, add)),
];

describe('model-based (fc.commands)', () => {
  it('AZ-R17..R22, AWS-R4, AWS-R21, AWS-R28: the engine agrees with a naive model after every command', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 80, size: '+1' }), (cmds) => {
        const setup = () => ({
          model: newModel(),
          real: { run: createTimeline(initialState(hybrid(), testProfile)), refused: false },
        });
        fc.modelRun(setup, cmds);
      }),
      { seed: 0xc0ffee, numRuns: 300 },
    );
  });
});
