/**
 * `host.updated` (and the `host.restored` fact that ends a host fault), `subnet.updated`,
 * `network.updated`: field changes, each provider's own fields only, with the refusals of
 * OpenStack port security (OS-R7, OS-R8), AWS CIDRs (AWS-R13) and the OS-R4 rule that a
 * network's port-security default never changes existing ports.
 */
import type { Draft } from 'immer';
import type { Host, Network, NetworkState, Port, Provider } from '@cloudroute/model';
import { withLabel } from '../events.js';
import type { HostRestored, HostUpdated, NetworkUpdated, SubnetUpdated } from '../events.js';
import { contains, formatPrefix, parseAddress, parsePrefix } from './ip.js';
import { linksOf } from './links.js';
import { findHost, findNetwork, findSubnet, networkOfRef, qualify } from './lookup.js';
import type { Found } from './lookup.js';
import { STALE, assign, change, refuse } from './outcome.js';
import type { Outcome, Refused } from './outcome.js';
import { checkAwsNewCidr } from './rules/aws.js';
import { checkPort } from './rules/openstack.js';
import type { Touch } from './touched.js';

type Settings = Readonly<Record<string, unknown>>;

function fieldCheck(
  what: string,
  provider: Provider,
  set: Settings,
  allowed: Readonly<Record<Provider, readonly string[]>>,
  hints: Readonly<Record<string, string>> = {},
): Refused | undefined {
  for (const k of Object.keys(set)) {
    if (k === 'name' || k === 'provider') return refuse('immutable-field', `a ${what}'s ${k} cannot change`);
    if (allowed[provider].includes(k)) continue;
    const hint = hints[`${provider}:${k}`] ?? hints[k];
    const owners = (Object.keys(allowed) as Provider[]).filter((p) => allowed[p].includes(k));
    if (hint !== undefined) return refuse('wrong-provider-field', hint);
    if (owners.length > 0) {
      return refuse('wrong-provider-field', `${k} is a ${owners.join('/')} ${what} field, not ${provider}'s`);
    }
    return refuse(
      'unknown-field',
      `${what} has no field ${k} on ${provider} (fields: ${allowed[provider].join(', ')})`,
    );
  }
  return undefined;
}

// --- hosts -----------------------------------------------------------------------------------

const HOST_FIELDS: Readonly<Record<Provider, readonly string[]>> = {
  aws: ['sourceDestCheck', 'publicIp', 'ip', 'subnet', 'id'],
  azure: ['ipForwarding', 'publicIp', 'ip', 'subnet', 'id'],
  gcp: ['ipForwarding', 'publicIp', 'ip', 'subnet', 'tags', 'running', 'id'],
  openstack: [
    'ipForwarding',
    'publicIp',
    'ip',
    'subnet',
    'ports',
    'portSecurity',
    'allowedAddressPairs',
    'securityGroups',
    'id',
  ],
};
const HOST_HINTS: Readonly<Record<string, string>> = {
  'aws:ipForwarding':
    'AWS hosts forward when sourceDestCheck: false (the default is true); ipForwarding is Azure/GCP',
  sourceDestCheck: 'sourceDestCheck is AWS only: use ipForwarding (Azure AZ-R6, GCP canIpForward)',
};
/** Fields that live on an OpenStack port when the host has `ports`. */
const PORT_FIELDS = new Set(['portSecurity', 'allowedAddressPairs', 'securityGroups', 'ip', 'mac']);

interface HostTarget {
  readonly f: Found<Host>;
  /** Index in `host.ports` of the port addressed, when the host has ports. */
  readonly pi: number | undefined;
  /** The network the addressed port is on (OS-R4 defaults). */
  readonly portNet: string;
}

function hostTarget(
  state: NetworkState,
  path: string,
  port: string | undefined,
  set: Settings,
): HostTarget | Refused {
  const f = findHost(state.topology, path);
  if (!f) return refuse('not-found', `no host ${path}`);
  const net = f.network.name;
  if (port !== undefined && f.network.provider !== 'openstack') {
    return refuse('invalid-target', `port: picks an OpenStack port; ${path} is on ${f.network.provider}`);
  }
  const ports = f.item.ports ?? [];
  if (ports.length === 0) {
    if (
      port !== undefined &&
      (f.item.subnet === undefined || qualify(net, f.item.subnet) !== qualify(net, port))
    ) {
      return refuse('not-found', `${path} has no port on ${port}`);
    }
    return {
      f,
      pi: undefined,
      portNet: f.item.subnet === undefined ? net : networkOfRef(net, f.item.subnet),
    };
  }
  let pi: number | undefined;
  if (port !== undefined) {
    pi = ports.findIndex((p) => qualify(net, p.subnet) === qualify(net, port));
    if (pi < 0) return refuse('not-found', `${path} has no port on ${port}`);
  } else if (ports.length === 1) pi = 0;
  else if (Object.keys(set).some((k) => PORT_FIELDS.has(k))) {
    return refuse('ambiguous-port', `${path} has ${ports.length} ports: say which with port: net/subnet`);
  }
  const p = pi === undefined ? undefined : ports[pi];
  return { f, pi, portNet: p ? networkOfRef(net, p.subnet) : net };
}

function splitSet(
  target: HostTarget,
  set: Settings,
): { host: Record<string, unknown>; port: Record<string, unknown> } {
  const host: Record<string, unknown> = {};
  const port: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(set)) {
    if (target.pi !== undefined && PORT_FIELDS.has(k)) port[k] = v;
    else host[k] = v;
  }
  return { host, port };
}

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

function merged<T extends object>(base: T, set: Record<string, unknown>): T {
  const out = { ...base } as Record<string, unknown>;
  assign(out, set);
  return out as T;
}

/** OS-R7 / OS-R8 for the port an update addresses. */
function portSecurityCheck(state: NetworkState, target: HostTarget, set: Settings): Refused | undefined {
  if (!['portSecurity', 'allowedAddressPairs', 'securityGroups', 'ip'].some((k) => k in set))
    return undefined;
  const host = target.f.item;
  const { host: hs, port: ps } = splitSet(target, set);
  const netDefault = findNetwork(state.topology, target.portNet)?.network.portSecurity ?? true; // OS-R4
  const before: Port | undefined = target.pi === undefined ? undefined : host.ports?.[target.pi];
  const hostAfter = merged(host, hs);
  const portAfter = before ? merged(before, ps) : undefined;
  const wasSecured = before?.portSecurity ?? host.portSecurity ?? netDefault;
  const label = `${target.f.network.name}/${host.name}${before ? ` port ${before.subnet}` : ''}`;
  return checkPort(
    {
      label,
      portSecurity: portAfter?.portSecurity ?? hostAfter.portSecurity ?? netDefault,
      allowedAddressPairs:
        orUndefined(portAfter ? portAfter.allowedAddressPairs : hostAfter.allowedAddressPairs) ?? [],
      securityGroups: orUndefined(portAfter ? portAfter.securityGroups : hostAfter.securityGroups),
      ip: portAfter ? portAfter.ip : hostAfter.ip,
      mac: portAfter?.mac,
    },
    wasSecured,
  );
}

function applyHost(d: Draft<NetworkState>, target: HostTarget, set: Settings): void {
  const h = d.topology.networks[target.f.ni]?.hosts[target.f.i];
  if (!h) return;
  const { host, port } = splitSet(target, set);
  assign(h, host);
  const p = target.pi === undefined ? undefined : h.ports?.[target.pi];
  if (p) assign(p, port);
}

function touchHost(target: HostTarget): (t: Touch) => void {
  return (t) => {
    t.neighborhood(target.f.network.name);
    for (const p of target.f.item.ports ?? []) t.neighborhood(networkOfRef(target.f.network.name, p.subnet));
  };
}

export function hostUpdated(state: NetworkState, ev: HostUpdated): Outcome {
  const target = hostTarget(state, ev.host, ev.port, ev.set);
  if ('kind' in target) return target;
  const bad = fieldCheck('host', target.f.network.provider, ev.set, HOST_FIELDS, HOST_HINTS);
  if (bad) return bad;
  if (target.f.network.provider === 'openstack') {
    const os = portSecurityCheck(state, target, ev.set);
    if (os) return os;
  }
  const scheduled: HostRestored[] = [];
  if (ev.revertAfter !== undefined) {
    // A fault: remember what it replaced, restore it when it ends.
    const host = target.f.item as unknown as Record<string, unknown>;
    const port = (target.pi === undefined ? undefined : target.f.item.ports?.[target.pi]) as
      Record<string, unknown> | undefined;
    const prev: Record<string, unknown> = {};
    for (const k of Object.keys(ev.set)) {
      const from = port && PORT_FIELDS.has(k) ? port : host;
      prev[k] = from[k] ?? null;
    }
    scheduled.push(
      withLabel<HostRestored>({
        type: 'host.restored',
        at: ev.at + Math.max(0, ev.revertAfter),
        origin: 'engine',
        host: ev.host,
        ...(ev.port === undefined ? {} : { port: ev.port }),
        set: prev,
      }),
    );
  }
  return change((d) => applyHost(d, target, ev.set), touchHost(target), { scheduled });
}

export function hostRestored(state: NetworkState, ev: HostRestored): Outcome {
  const target = hostTarget(state, ev.host, ev.port, ev.set);
  if ('kind' in target) return STALE;
  return change((d) => applyHost(d, target, ev.set), touchHost(target));
}

// --- subnets ---------------------------------------------------------------------------------

const SUBNET_FIELDS: Readonly<Record<Provider, readonly string[]>> = {
  aws: ['id'],
  azure: ['cidr', 'defaultOutboundAccess', 'id'],
  gcp: ['cidr', 'secondaryCidrs', 'region', 'id'],
  openstack: ['hostRoutes', 'gatewayIp', 'secondaryCidrs', 'id'],
};
const SUBNET_HINTS: Readonly<Record<string, string>> = {
  routeTable: 'a subnet changes route table with routeTable.associate',
  'aws:cidr': "an AWS subnet's CIDR is fixed at creation",
  'openstack:cidr': "a Neutron subnet's CIDR is fixed at creation",
};

function prefixList(v: unknown, what: string): Refused | undefined {
  if (!Array.isArray(v)) return refuse('invalid-value', `${what} is a list of prefixes`);
  for (const x of v) {
    const p = typeof x === 'string' ? parsePrefix(x) : undefined;
    if (!p || p.hostBits) return refuse('invalid-value', `${String(x)} in ${what} is not a prefix`);
  }
  return undefined;
}

function checkSubnetValues(network: Network, cidr: string, set: Settings): Refused | undefined {
  if ('cidr' in set) {
    const np = typeof set['cidr'] === 'string' ? parsePrefix(set['cidr']) : undefined;
    const old = parsePrefix(cidr);
    if (!np || np.hostBits) return refuse('invalid-value', `${String(set['cidr'])} is not a prefix`);
    if (network.provider === 'gcp' && old && !contains(np, old)) {
      return refuse(
        'invalid-value',
        `a GCP subnet range can only be expanded (${cidr} → ${formatPrefix(np)})`,
      );
    }
    if (
      network.provider === 'azure' &&
      !network.cidrs.some((c) => {
        const cp = parsePrefix(c);
        return cp !== undefined && contains(cp, np);
      })
    ) {
      return refuse('invalid-value', `${formatPrefix(np)} lies outside ${network.name}'s address space`);
    }
  }
  if ('secondaryCidrs' in set && set['secondaryCidrs'] !== null) {
    const bad = prefixList(set['secondaryCidrs'], 'secondaryCidrs');
    if (bad) return bad;
  }
  if ('gatewayIp' in set && set['gatewayIp'] !== null) {
    const ip = typeof set['gatewayIp'] === 'string' ? parseAddress(set['gatewayIp']) : undefined;
    const sp = parsePrefix(cidr);
    if (!ip || !sp || !contains(sp, ip)) {
      return refuse(
        'invalid-value',
        `gatewayIp ${JSON.stringify(set['gatewayIp'])} is not an address of ${cidr} (OS-R2; null for none)`,
      );
    }
  }
  if ('hostRoutes' in set && set['hostRoutes'] !== null) {
    const routes = set['hostRoutes'];
    if (!Array.isArray(routes))
      return refuse('invalid-value', 'hostRoutes is a list of { prefix, nextHop: { type: ip, ip } }');
    for (const r of routes as unknown[]) {
      const rr = r as { prefix?: unknown; nextHop?: { ip?: unknown } } | null;
      const ok =
        rr !== null &&
        typeof rr.prefix === 'string' &&
        parsePrefix(rr.prefix) !== undefined &&
        typeof rr.nextHop?.ip === 'string' &&
        parseAddress(rr.nextHop.ip) !== undefined;
      if (!ok)
        return refuse(
          'invalid-value',
          `host route ${JSON.stringify(r)} needs a prefix and nextHop { type: ip, ip }`,
        );
    }
  }
  return undefined;
}

export function subnetUpdated(state: NetworkState, ev: SubnetUpdated): Outcome {
  const f = findSubnet(state.topology, ev.subnet);
  if (!f) return refuse('not-found', `no subnet ${ev.subnet}`);
  const bad =
    fieldCheck('subnet', f.network.provider, ev.set, SUBNET_FIELDS, SUBNET_HINTS) ??
    checkSubnetValues(f.network, f.item.cidr, ev.set);
  if (bad) return bad;
  const net = f.network.name;
  // AZ-R21: GatewaySubnet holds the default BGP peer addresses of the VPN gateway.
  const links =
    f.item.name === 'GatewaySubnet'
      ? f.network.gateways.flatMap((g) => linksOf(state.topology, `${net}/${g.name}`))
      : [];
  return change(
    (d) => {
      const s = d.topology.networks[f.ni]?.subnets[f.i];
      if (s) assign(s, ev.set, new Set(['gatewayIp']));
    },
    (t) => t.neighborhood(net),
    { links },
  );
}

// --- networks --------------------------------------------------------------------------------

const NETWORK_FIELDS: Readonly<Record<Provider, readonly string[]>> = {
  aws: ['cidrs', 'id'],
  azure: ['cidrs', 'id'],
  gcp: ['routingMode', 'bgpBestPath', 'defaultRoute', 'id'],
  openstack: ['portSecurity', 'external', 'id'],
};

const ENUMS: Readonly<Record<string, readonly unknown[]>> = {
  routingMode: ['regional', 'global'],
  bgpBestPath: ['legacy', 'standard'],
  defaultRoute: [true, false],
  portSecurity: [true, false],
  external: [true, false],
};

function checkCidrs(network: Network, v: unknown): Refused | undefined {
  const bad = prefixList(v, 'cidrs');
  if (bad) return bad;
  const next = v as readonly string[];
  const nextP = next.map((c) => parsePrefix(c)).filter((p) => p !== undefined);
  for (const s of network.subnets) {
    const sp = parsePrefix(s.cidr);
    if (sp && !nextP.some((p) => contains(p, sp))) {
      return refuse(
        'in-use',
        `subnet ${s.name} (${s.cidr}) would lie outside the address space — remove it first`,
      );
    }
  }
  if (network.provider === 'aws') {
    const old = new Set(
      network.cidrs.map((c) => {
        const p = parsePrefix(c);
        return p ? formatPrefix(p) : c;
      }),
    );
    for (const c of next) {
      const p = parsePrefix(c);
      if (p && !old.has(formatPrefix(p))) {
        const r = checkAwsNewCidr(network, c);
        if (r) return r;
      }
    }
  }
  return undefined;
}

export function networkUpdated(state: NetworkState, ev: NetworkUpdated): Outcome {
  const f = findNetwork(state.topology, ev.network);
  if (!f) return refuse('not-found', `no network ${ev.network}`);
  const n = f.network;
  const bad = fieldCheck('network', n.provider, ev.set, NETWORK_FIELDS);
  if (bad) return bad;
  for (const [k, allowed] of Object.entries(ENUMS)) {
    if (k in ev.set && ev.set[k] !== null && !allowed.includes(ev.set[k])) {
      return refuse(
        'invalid-value',
        `${k} is one of ${allowed.map(String).join(', ')}, not ${JSON.stringify(ev.set[k])}`,
      );
    }
  }
  if ('cidrs' in ev.set) {
    const r = checkCidrs(n, ev.set['cidrs']);
    if (r) return r;
  }
  const osDefaultChanges = n.provider === 'openstack' && 'portSecurity' in ev.set;
  const oldDefault = n.portSecurity ?? true;
  return change(
    (d) => {
      if (osDefaultChanges) {
        // OS-R4: the network's value is only the default for ports created later; existing ports keep theirs.
        for (const dn of d.topology.networks) {
          for (const h of dn.hosts) {
            const ports = h.ports ?? [];
            if (ports.length === 0) {
              const pn = h.subnet === undefined ? dn.name : networkOfRef(dn.name, h.subnet);
              if (pn === n.name && h.portSecurity === undefined) h.portSecurity = oldDefault;
              continue;
            }
            for (const p of ports) {
              if (
                networkOfRef(dn.name, p.subnet) === n.name &&
                p.portSecurity === undefined &&
                h.portSecurity === undefined
              ) {
                p.portSecurity = oldDefault;
              }
            }
          }
        }
      }
      const dn = d.topology.networks[f.ni];
      if (dn) assign(dn, ev.set);
    },
    (t) => t.neighborhood(n.name),
  );
}
