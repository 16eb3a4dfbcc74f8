/**
 * `subnet.updated` and `network.updated`: each provider's own fields only, with the refusals of
 * AWS CIDRs (AWS-R13) and the OS-R4 rule that a network's port-security default never changes
 * existing ports.
 */
import { awsNewCidrRefusal } from '@cloudroute/model';
import type { Network, NetworkState, Provider } from '@cloudroute/model';
import type { NetworkUpdated, SubnetUpdated } from '../events.js';
import { fieldCheck } from './fields.js';
import { subnetFilterCheck } from './filter-refs.js';
import type { Settings } from './fields.js';
import { contains, formatPrefix, parseAddress, parsePrefix } from './ip.js';
import { linksOf } from './links.js';
import { findNetwork, findSubnet, networkOfRef } from './lookup.js';
import { assign, change, refuse } from './outcome.js';
import type { Outcome, Refused } from './outcome.js';

// --- subnets ---------------------------------------------------------------------------------

const SUBNET_FIELDS: Readonly<Record<Provider, readonly string[]>> = {
  aws: ['networkAcl', 'defaultHost', 'id'],
  azure: ['cidr', 'defaultOutboundAccess', 'networkSecurityGroup', 'defaultHost', 'id'],
  gcp: ['cidr', 'secondaryCidrs', 'region', 'defaultHost', 'id'],
  openstack: ['hostRoutes', 'gatewayIp', 'secondaryCidrs', 'defaultHost', 'id'],
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
  // FILTERS.md: the subnet's NACL (AWS-R40), NSG (AZ-R25, AZ-R32) and implicit hosts' filters.
  const notes = subnetFilterCheck(state, f.network, f.item, ev.set);
  if ('kind' in notes) return notes;
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
    { links, notes },
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
        const r = awsNewCidrRefusal(network, c);
        if (r) return refuse(r.rule, r.message);
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
