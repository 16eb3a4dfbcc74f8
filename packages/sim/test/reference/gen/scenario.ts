/**
 * A whole scenario document from a mix of providers: networks, then what links them (peerings,
 * transit gateway, external networks), sites and connections, flow groups, a timeline drawn from
 * the builders' candidate actions at a few distinct times (several at one time too, `0s` now and
 * then), gateways deleted and created again, and now and then `firewall: provider-default` and
 * profile overrides. Valid by construction: every name, address and reference is taken from what
 * the builders made.
 */
import { buildAws, linkAws } from './aws.js';
import { buildAzure, linkAzure } from './azure.js';
import type { Draw } from './draw.js';
import { GenContext, type Obj, type Provider, type ScenarioDoc } from './context.js';
import { buildGcp, linkGcp } from './gcp.js';
import { buildOpenstack, linkOpenstack } from './openstack.js';
import { buildSites } from './sites.js';
import { buildFilters, flowFilterFields } from './filters.js';

/** How many networks of each provider (inclusive ranges), and sites. */
export interface Mix {
  readonly label: string;
  readonly aws?: readonly [number, number];
  readonly azure?: readonly [number, number];
  readonly gcp?: readonly [number, number];
  readonly openstack?: readonly [number, number];
  readonly sites: readonly [number, number];
  /** Traffic filters (FILTERS.md): `firewall: rules` and filter objects, flows with protocols and ports. */
  readonly filters?: boolean;
}

/** A built scenario, with what the variant step needs to edit it further. */
export interface Built {
  readonly doc: ScenarioDoc;
  readonly ctx: GenContext;
  /** The timeline's distinct times, in minutes. */
  readonly times: readonly number[];
  /** Timeline entries that belong together (a gateway's delete and create): removed together. */
  readonly linked: readonly (readonly Obj[])[];
}

const BUILDERS: Readonly<Record<Provider, (ctx: GenContext, k: number) => unknown>> = {
  aws: buildAws,
  azure: buildAzure,
  gcp: buildGcp,
  openstack: buildOpenstack,
};

export function buildScenario(d: Draw, mix: Mix): Built {
  const ctx = new GenContext(d);
  const counts = (['aws', 'azure', 'gcp', 'openstack'] as const).map((p) => {
    const r = mix[p];
    return [p, r ? d.int(r[0], r[1]) : 0] as const;
  });
  for (const [p, n] of counts)
    for (let k = 0; k < n; k++) ctx.networks.push(BUILDERS[p](ctx, k) as GenContext['networks'][number]);
  linkAws(ctx);
  linkAzure(ctx);
  linkGcp(ctx);
  linkOpenstack(ctx);
  buildSites(ctx, d.int(mix.sites[0], mix.sites[1]));
  ctx.filters = mix.filters === true;
  const filters = ctx.filters ? buildFilters(ctx) : undefined;
  const flows = buildFlows(ctx);
  const { timeline, times, linked } = buildTimeline(ctx);
  const present = new Set(ctx.networks.map((n) => n.provider));
  const providerDefault = d.bool(0.3);
  const doc: ScenarioDoc = {
    name: `gen-${mix.label}`,
    seed: d.int(1, 999),
    horizon: '1h',
    ...(filters
      ? { firewall: filters.firewall as NonNullable<ScenarioDoc['firewall']> }
      : providerDefault
        ? { firewall: 'provider-default' as const }
        : {}),
    ...(filters?.serviceTags ? { serviceTags: filters.serviceTags } : {}),
    ...profile(d, present),
    networks: ctx.networks.map((n) => n.doc),
    sites: ctx.sites,
    connections: ctx.connections,
    peerings: ctx.peerings,
    flows,
    timeline,
    ...expectations(d, flows, times),
  };
  return { doc, ctx, times, linked };
}

/** Now and then an expectation or two (their verdicts are part of the `run` result compared). */
function expectations(d: Draw, flows: readonly Obj[], times: readonly number[]): { expect?: Obj[] } {
  if (!d.bool(0.4)) return {};
  const t = times.find((x) => x > 0) ?? 30;
  return {
    expect: [
      { flows: flows[0]!['name'], during: ['0s', '1h'], reachable: d.pick([1, 0, 0.5]) },
      ...(flows.length > 1 && d.bool()
        ? [{ flows: flows[1]!['name'], during: [minutes(t), '1h'], reachable: 1 }]
        : []),
    ],
  };
}

function profile(d: Draw, present: ReadonlySet<Provider>): { profile?: Obj } {
  if (!d.bool(0.3)) return {};
  const p: Obj = {};
  if (present.has('azure') && d.bool())
    p['azure'] = { vpnGatewayProvisioning: '30m', failoverUnplanned: '5m', bgpHoldTime: '90s' };
  if (present.has('aws') && d.bool()) p['aws'] = { vgwProvisioning: '2m', natProvisioning: '1m' };
  if (present.has('openstack'))
    p['openstack'] = { firewallDriver: d.pick(['ovn', 'iptables', 'openvswitch']) };
  if (d.bool()) p['bgpSessionEstablish'] = '30s';
  return { profile: p };
}

/** Every `from` a flow group may have: `net/subnet` and `net/host`. */
export function flowSources(ctx: GenContext): string[] {
  return ctx.networks.flatMap((n) => [
    ...n.subnets.map((s) => `${n.name}/${s.name}`),
    ...n.hosts.map((h) => `${n.name}/${h.name}`),
  ]);
}

/** Every `to` a flow group may have: subnets, hosts, networks, sites by name and prefix, `internet`. */
export function flowDestinations(ctx: GenContext): string[] {
  return [
    'internet',
    ...ctx.networks.flatMap((n) => [
      ...n.subnets.map((s) => s.cidr),
      ...n.hosts.map((h) => `${h.ip}/32`),
      ...(n.block >= 0 ? [`10.${n.block}.0.0/16`] : []),
    ]),
    ...ctx.sites.map((s) => s['name'] as string),
    ...ctx.destinations,
    '10.250.0.0/24',
    // AWS-R8: never forwarded.
    '169.254.169.0/24',
  ];
}

/**
 * A flow group `f{i}`: 10 to 60 flows from a subnet, a host or (traffic from on-premises) a site
 * to a drawn destination.
 */
export function flowGroup(ctx: GenContext, i: number): Obj {
  const { d } = ctx;
  return {
    name: `f${i}`,
    from:
      ctx.sites.length > 0 && d.bool(0.3)
        ? d.pick(ctx.sites.map((s) => s['name'] as string))
        : d.pick(flowSources(ctx)),
    to: d.bool(0.2)
      ? 'internet'
      : ctx.sites.length > 0 && d.bool(0.35)
        ? d.pick([
            ...ctx.sites.map((s) => s['name'] as string),
            ...ctx.sites.map((_, i) => `192.168.${16 * i}.0/24`),
          ])
        : d.pick(flowDestinations(ctx)),
    count: d.int(10, 60),
    ...(ctx.filters ? flowFilterFields(ctx) : {}),
  };
}

function buildFlows(ctx: GenContext): Obj[] {
  const n = ctx.d.int(2, 6);
  return Array.from({ length: n }, (_, i) => flowGroup(ctx, i));
}

/** `12m`, or `0s` for time 0. */
export function minutes(m: number): string {
  return m === 0 ? '0s' : `${m}m`;
}

/**
 * Draws a candidate action at `at` — first a kind (label), then one of its candidates, so that
 * kinds with few candidates (a tunnel, a failover) come up as often as the many route actions —
 * or undefined when the draw names a gateway the timeline deletes.
 */
export function candidateAction(ctx: GenContext, at: string, deleted: ReadonlySet<string>): Obj | undefined {
  if (ctx.candidates.length === 0) return undefined;
  const labels = [...new Set(ctx.candidates.map((c) => c.label))];
  const label = ctx.d.pick(labels);
  const a = ctx.d.pick(ctx.candidates.filter((c) => c.label === label)).make(at);
  return typeof a['gateway'] === 'string' && deleted.has(a['gateway']) ? undefined : a;
}

function buildTimeline(ctx: GenContext): { timeline: Obj[]; times: number[]; linked: Obj[][] } {
  const { d } = ctx;
  const times = new Set<number>();
  if (d.bool(0.15)) times.add(0);
  const want = d.int(1, 4);
  for (let i = 0; i < want; i++) times.add(d.int(1, 59));
  const sorted = [...times].sort((a, b) => a - b);
  const timeline: Obj[] = [];
  const linked: Obj[][] = [];
  const deleted = new Set<string>();
  for (const life of ctx.lifecycles) {
    if (!d.bool(0.5)) continue;
    const i = d.int(0, sorted.length - 1);
    const del = { at: minutes(sorted[i]!), do: 'gateway.delete', gateway: life.gateway };
    const pair: Obj[] = [del];
    if (i + 1 < sorted.length && d.bool(0.8))
      pair.push({
        at: minutes(sorted[d.int(i + 1, sorted.length - 1)]!),
        do: 'gateway.create',
        network: life.network,
        gateway: structuredClone(life.spec),
      });
    deleted.add(life.gateway);
    timeline.push(...pair);
    linked.push(pair);
  }
  const created = new Set<string>();
  const n = d.int(0, 8);
  for (let k = 0; k < n; k++) {
    const a = candidateAction(ctx, minutes(d.pick(sorted)), deleted);
    if (a === undefined) continue;
    if (a['do'] === 'gateway.create') {
      // The checker takes a created gateway as existing even when the provider refuses it.
      const key = `${String(a['network'])}/${String((a['gateway'] as Obj)['name'])}`;
      if (created.has(key)) continue;
      created.add(key);
    }
    timeline.push(a);
  }
  return { timeline, times: sorted, linked };
}
