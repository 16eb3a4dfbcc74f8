/**
 * validateTopology: configurations the provider refuses (severity error) or accepts but will not
 * honour (warning), each with its PROVIDERS.md rule id as `code` and the JSON path of the
 * offending field in the scenario document. Never throws: text that does not parse is reported
 * (`bad-prefix`, `bad-address`) and the checks that need it are skipped.
 */
import type { Diagnostic } from './diagnostics.js';
import type { Network, Topology } from './topology.js';
import { validateAwsConnections, validateAwsNetwork } from './aws/validate.js';
import { validateAzureConnections, validateAzureNetwork } from './azure/validate.js';
import { validateGatewayTransit } from './azure/gateway-transit.js';
import { validateGcpNetwork, validateGcpPeerings } from './gcp/validate.js';
import { validateOpenstackNetwork } from './openstack/validate.js';
import { defaultProfile } from './profile.js';
import { Diagnostics, type Path } from './internal/diag.js';
import { comparePrefixes, prefixContainsPrefix, prefixesOverlap } from '@cloudroute/lpm';
import { InvalidTopologyText, parseAddress, parsePrefix } from './internal/ip.js';
import { topologyIndex } from './internal/topology-index.js';

/** Every prefix of a network parses; reports those that do not. */
function checkText(d: Diagnostics, network: Network, n: number): boolean {
  let ok = true;
  const prefix = (text: string, path: Path): void => {
    if (!parsePrefix(text)) {
      ok = false;
      d.error(
        'bad-prefix',
        `'${text}' is not a prefix — write an address and length with host bits zero, e.g. 10.0.0.0/16`,
        path,
      );
    }
  };
  const address = (text: string, path: Path): void => {
    if (!parseAddress(text)) {
      ok = false;
      d.error('bad-address', `'${text}' is not an IP address — write e.g. 10.0.1.4`, path);
    }
  };
  const base: Path = ['networks', n];
  network.cidrs.forEach((c, i) => prefix(c, [...base, 'cidrs', i]));
  network.subnets.forEach((s, i) => {
    prefix(s.cidr, [...base, 'subnets', i, 'cidr']);
    (s.secondaryCidrs ?? []).forEach((c, k) => prefix(c, [...base, 'subnets', i, 'secondaryCidrs', k]));
    (s.hostRoutes ?? []).forEach((r, k) =>
      prefix(r.prefix, [...base, 'subnets', i, 'hostRoutes', k, 'prefix']),
    );
  });
  network.routeTables.forEach((t, ti) =>
    t.routes.forEach((r, ri) => {
      prefix(r.prefix, [...base, 'routeTables', ti, 'routes', ri, 'prefix']);
      if ('ip' in r.nextHop && r.nextHop.ip !== undefined)
        address(r.nextHop.ip, [...base, 'routeTables', ti, 'routes', ri, 'nextHop', 'ip']);
    }),
  );
  (network.routes ?? []).forEach((r, ri) => prefix(r.prefix, [...base, 'routes', ri, 'prefix']));
  network.gateways.forEach((g, gi) =>
    (g.routes ?? []).forEach((r, ri) => prefix(r.prefix, [...base, 'gateways', gi, 'routes', ri, 'prefix'])),
  );
  return ok;
}

/** AWS and Azure subnets lie inside their network's cidrs and do not overlap (both providers refuse). */
function checkSubnets(d: Diagnostics, network: Network, n: number): void {
  const cidrs = network.cidrs.map((c) => parsePrefix(c)!);
  const subs = network.subnets.map((s, i) => ({ s, i, p: parsePrefix(s.cidr)! }));
  if (network.provider === 'aws' || network.provider === 'azure')
    for (const { s, i, p } of subs)
      if (!cidrs.some((c) => prefixContainsPrefix(c, p)))
        d.error(
          'subnet-outside-network',
          `subnet ${s.name} (${s.cidr}) is outside ${network.name}'s cidrs — put it inside ${network.cidrs.join(', ')} or add a CIDR`,
          ['networks', n, 'subnets', i, 'cidr'],
        );
  const sorted = [...subs].sort((a, b) => comparePrefixes(a.p, b.p));
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (prefixesOverlap(prev.p, cur.p))
      d.error(
        'overlapping-subnets',
        `subnets ${prev.s.name} and ${cur.s.name} overlap — give each subnet its own range`,
        ['networks', n, 'subnets', cur.i, 'cidr'],
      );
  }
}

function checkConnections(d: Diagnostics, topology: Topology): void {
  const index = topologyIndex(topology);
  topology.connections.forEach((c, ci) => {
    c.between.forEach((e, k) => {
      if (!index.gateways.has(e) && !index.sites.has(e))
        d.error(
          'unknown-reference',
          `connection ${c.name} names ${e}, which is neither a gateway (net/gw) nor a site`,
          ['connections', ci, 'between', k],
        );
    });
  });
}

/** Run a check; text that does not parse was reported already, so a check that meets it stops. */
function guarded(check: () => void): void {
  try {
    check();
  } catch (e) {
    if (!(e instanceof InvalidTopologyText)) throw e;
  }
}

/**
 * Problems the provider would refuse (errors) or accept but not honour (warnings), with rule ids.
 * `maxPrefixesFromPeer` (AZ-R22) comes from the default profile unless given.
 */
export function validateTopology(
  topology: Topology,
  options: { readonly maxPrefixesFromPeer?: number } = {},
): readonly Diagnostic[] {
  const d = new Diagnostics();
  topology.networks.forEach((network, n) => {
    if (!checkText(d, network, n)) return;
    checkSubnets(d, network, n);
    guarded(() => {
      switch (network.provider) {
        case 'aws':
          return validateAwsNetwork(d, topology, network, n);
        case 'azure':
          return validateAzureNetwork(d, topology, network, n);
        case 'gcp':
          return validateGcpNetwork(d, topology, network, n);
        case 'openstack':
          return validateOpenstackNetwork(d, topology, network, n);
      }
    });
  });
  topology.sites.forEach((s, si) => {
    s.cidrs.forEach((c, i) => {
      if (!parsePrefix(c))
        d.error('bad-prefix', `'${c}' is not a prefix — write e.g. 192.168.0.0/16`, [
          'sites',
          si,
          'cidrs',
          i,
        ]);
    });
  });
  checkConnections(d, topology);
  guarded(() => validateAwsConnections(d, topology));
  guarded(() =>
    validateAzureConnections(
      d,
      topology,
      options.maxPrefixesFromPeer ?? defaultProfile.azure.maxPrefixesFromPeer,
    ),
  );
  guarded(() => validateGcpPeerings(d, topology));
  guarded(() => validateGatewayTransit(d, topology));
  return d.list;
}
