/**
 * From the validated document (zod's output: seconds, canonical prefixes) to the types the rest
 * of cloudroute works on: the model's Topology, the engine's TimelineAction (sorted stably by
 * `at`), the profile merged over the defaults.
 */
import { defaultProfile } from '@cloudroute/model';
import type { Network, Provider, ProviderProfile, Topology } from '@cloudroute/model';
import type {
  ChaosSpec,
  FilterRuleValue,
  FilterTarget,
  RouteTarget,
  TimelineAction,
} from '@cloudroute/engine';
import { FILTER_TARGETS, parseFilterRule, vocabularyOf } from './checks/filter-rule.js';
import { parseSet } from './checks/set-fields.js';
import type { SetTarget } from './checks/set-fields.js';
import type { ScenarioOutput } from './schema/scenario.js';

type NetworkOutput = ScenarioOutput['networks'][number];
type ActionOutput = ScenarioOutput['timeline'][number];

/** A broken invariant of the scenario layer: validation let through what building cannot take. */
class ScenarioInvariantError extends Error {
  override readonly name = 'ScenarioInvariantError';
}

function toNetwork(n: NetworkOutput): Network {
  switch (n.provider) {
    case 'aws':
    case 'azure':
      return n;
    case 'gcp':
    case 'openstack':
      // Ranges live on subnets; routes on the network (GCP) or subnets and routers (OpenStack).
      return { ...n, cidrs: [], routeTables: [] };
  }
}

function mergeProfile(p: ScenarioOutput['profile']): ProviderProfile {
  if (p === undefined) return defaultProfile;
  return {
    azure: { ...defaultProfile.azure, ...p.azure },
    aws: { ...defaultProfile.aws, ...p.aws },
    gcp: { ...defaultProfile.gcp, ...p.gcp },
    openstack: { ...defaultProfile.openstack, ...p.openstack },
    bgpSessionEstablish: p.bgpSessionEstablish ?? defaultProfile.bgpSessionEstablish,
    flows: { ...defaultProfile.flows, ...p.flows },
    filters: { ...defaultProfile.filters, ...p.filters },
  };
}

function routeTarget(a: {
  routeTable?: string;
  site?: string;
  network?: string;
  gateway?: string;
}): RouteTarget {
  if (a.routeTable !== undefined) return { routeTable: a.routeTable };
  if (a.site !== undefined) return { site: a.site };
  if (a.network !== undefined) return { network: a.network };
  if (a.gateway !== undefined) return { gateway: a.gateway };
  throw new ScenarioInvariantError('a route action without a target passed validation');
}

/** What a `set:` applies to, from the topology and the gateways created so far. */
interface Resolver {
  provider(network: string): Provider | undefined;
  gatewayKind(path: string): string | undefined;
}

function normalizedSet(
  set: Readonly<Record<string, unknown>>,
  target: SetTarget | undefined,
): Readonly<Record<string, unknown>> {
  const parsed = target === undefined ? undefined : parseSet(set, target, []);
  if (parsed === undefined)
    throw new ScenarioInvariantError('a `set:` that passed validation does not parse');
  return parsed;
}

function toAction(a: ActionOutput, r: Resolver): TimelineAction {
  const net = (path: string): string => path.split('/')[0] ?? '';
  const provider = (network: string): Provider => {
    const p = r.provider(network);
    if (p === undefined) throw new ScenarioInvariantError(`unknown network ${network} passed validation`);
    return p;
  };
  switch (a.do) {
    case 'route.add':
    case 'route.replace': {
      const { routeTable: _rt, site, network: _n, gateway: _g, route, ...rest } = a;
      const { via, nextHop, ...common } = route;
      if (site !== undefined) {
        if (via === undefined)
          throw new ScenarioInvariantError('a site route without `via` passed validation');
        return { ...rest, site, route: { ...common, via } };
      }
      if (nextHop === undefined)
        throw new ScenarioInvariantError('a route without `nextHop` passed validation');
      return { ...rest, ...routeTarget(a), route: { ...common, nextHop } };
    }
    case 'route.remove': {
      const { routeTable: _rt, site: _s, network: _n, gateway: _g, ...rest } = a;
      return { ...rest, ...routeTarget(a) };
    }
    case 'gateway.update':
      return { ...a, set: normalizedSet(a.set, kindTarget(r.gatewayKind(a.gateway))) };
    case 'host.update':
      return {
        ...a,
        set: normalizedSet(a.set, {
          kind: 'host',
          provider: provider(net(a.host)),
          port: a.port !== undefined,
        }),
      };
    case 'subnet.update':
      return { ...a, set: normalizedSet(a.set, { kind: 'subnet', provider: provider(net(a.subnet)) }) };
    case 'network.update':
      return { ...a, set: normalizedSet(a.set, { kind: 'network', provider: provider(a.network) }) };
    case 'filterRule.add':
    case 'filterRule.replace': {
      const target = filterTarget(a);
      return { at: a.at, do: a.do, ...target, rule: normalizedRule(a.rule, target, r) };
    }
    case 'filterRule.remove': {
      const target = filterTarget(a);
      return {
        at: a.at,
        do: a.do,
        ...target,
        ...(a.name === undefined ? {} : { name: a.name }),
        ...(a.ruleNumber === undefined ? {} : { ruleNumber: a.ruleNumber }),
        ...(a.rule === undefined ? {} : { rule: normalizedRule(a.rule, target, r) }),
      };
    }
    case 'filter.update':
      return { at: a.at, do: a.do, ...filterTarget(a), set: a.set };
    case 'routeTable.associate':
    case 'propagation.set':
    case 'bgp.advertise':
    case 'bgp.withdraw':
    case 'bgp.session.down':
    case 'bgp.session.up':
    case 'tunnel.down':
    case 'tunnel.up':
    case 'gateway.create':
    case 'gateway.delete':
    case 'gateway.failover':
      return a;
  }
}

/** The one target of a filter action (FILTERS.md "Timeline"), with its direction where it has one. */
function filterTarget(a: {
  securityGroup?: string;
  networkAcl?: string;
  networkSecurityGroup?: string;
  network?: string;
  direction?: 'inbound' | 'outbound';
}): FilterTarget {
  const dir = a.direction === undefined ? {} : { direction: a.direction };
  if (a.securityGroup !== undefined) return { securityGroup: a.securityGroup, ...dir };
  if (a.networkAcl !== undefined && a.direction !== undefined)
    return { networkAcl: a.networkAcl, direction: a.direction };
  if (a.networkSecurityGroup !== undefined) return { networkSecurityGroup: a.networkSecurityGroup };
  if (a.network !== undefined) return { network: a.network };
  throw new ScenarioInvariantError('a filter action without a target passed validation');
}

/** A timeline rule in its target's vocabulary, normalised as in the topology. */
function normalizedRule(rule: unknown, target: FilterTarget, r: Resolver): FilterRuleValue {
  const key = FILTER_TARGETS.find((k) => k in target);
  const written = key === undefined ? undefined : (target as Record<string, string>)[key];
  const network = key === 'network' ? written : written?.split('/')[0];
  const provider = network === undefined ? undefined : r.provider(network);
  const vocabulary = key === undefined || provider === undefined ? undefined : vocabularyOf(key, provider);
  const parsed = vocabulary === undefined ? undefined : parseFilterRule(rule, vocabulary, []);
  if (parsed === undefined)
    throw new ScenarioInvariantError('a filter rule that passed validation does not parse');
  return parsed;
}

function kindTarget(kind: string | undefined): SetTarget | undefined {
  return kind === undefined ? undefined : { kind: 'gateway', gatewayKind: kind };
}

/** The index order of a stable sort by `at`. */
function sortedOrder(actions: readonly { readonly at: number }[]): number[] {
  return actions.map((_, i) => i).sort((x, y) => (actions[x]?.at ?? 0) - (actions[y]?.at ?? 0) || x - y);
}

interface Built {
  readonly topology: Topology;
  readonly profile: ProviderProfile;
  readonly timeline: readonly TimelineAction[];
  /** `timelineOrder[i]`: the index in the file of `timeline[i]`. */
  readonly timelineOrder: readonly number[];
  readonly chaos: ChaosSpec | undefined;
}

export function buildScenarioParts(out: ScenarioOutput): Built {
  const networks = out.networks.map(toNetwork);
  const providers = new Map(networks.map((n) => [n.name, n.provider]));
  const kinds = new Map<string, string>(
    networks.flatMap((n) => n.gateways.map((g) => [`${n.name}/${g.name}`, g.kind] as const)),
  );
  const resolver: Resolver = { provider: (n) => providers.get(n), gatewayKind: (p) => kinds.get(p) };
  const order = sortedOrder(out.timeline);
  const timeline = order.map((i) => {
    const a = out.timeline[i];
    if (a === undefined) throw new ScenarioInvariantError('timeline index out of range');
    if (a.do === 'gateway.create') kinds.set(`${a.network}/${a.gateway.name}`, a.gateway.kind);
    return toAction(a, resolver);
  });
  const chaos: ChaosSpec | undefined =
    out.chaos === undefined
      ? undefined
      : {
          runs: out.chaos.runs,
          faults: out.chaos.faults.map((f) =>
            f.kind === 'host.update'
              ? {
                  ...f,
                  set: normalizedSet(f.set, {
                    kind: 'host',
                    provider: resolver.provider(f.host.split('/')[0] ?? '') ?? 'aws',
                    port: f.port !== undefined,
                  }),
                }
              : f,
          ),
        };
  return {
    topology: {
      networks,
      sites: out.sites,
      connections: out.connections,
      peerings: out.peerings,
      firewall: out.firewall,
      ...(out.serviceTags === undefined ? {} : { serviceTags: out.serviceTags }),
    },
    profile: mergeProfile(out.profile),
    timeline,
    timelineOrder: order,
    chaos,
  };
}
