/**
 * AWS configurations the provider refuses (errors) or accepts but will not honour (warnings).
 */
import type { Network, Topology } from '../topology.js';
import { findHostByIp } from '../lookup.js';
import type { Diagnostics } from '../internal/diag.js';
import { inRange, type Path } from '../internal/diag.js';
import { formatPrefix } from '@cloudroute/lpm';
import { mustParsePrefix } from '../internal/ip.js';
import { networkInfo, topologyIndex } from '../internal/topology-index.js';
import { AWS_DEFAULT_ASN } from '../bgp/asn.js';
import { awsMoreSpecificRefusal, isAwsReservedDestination } from './route-selection.js';

/** AWS-R21 / AWS-R33: Amazon-side ASNs: 64512–65534 or 4200000000–4294967294. */
export function isAmazonSideAsn(asn: number): boolean {
  return inRange(asn, 64512, 65534) || inRange(asn, 4200000000, 4294967294);
}

/** AWS-R22: customer gateway ASNs: 1–4294967295 except the 32-bit private range (2023 text). */
export function isCustomerGatewayAsn(asn: number): boolean {
  return Number.isInteger(asn) && inRange(asn, 1, 4294967295) && !inRange(asn, 4200000000, 4294967294);
}

const AWS_ROUTES_PER_TABLE = 50;
const AWS_ROUTES_PER_TABLE_MAX = 1000;

export function validateAwsNetwork(d: Diagnostics, topology: Topology, network: Network, n: number): void {
  const base: Path = ['networks', n];
  const info = networkInfo(network);
  // AWS-R13: VPC and subnet IPv4 sizes are /16 … /28.
  info.cidrs.forEach((p, i) => {
    if (p.family === 4 && (p.length < 16 || p.length > 28))
      d.error(
        'AWS-R13',
        `VPC CIDR ${formatPrefix(p)} is a /${p.length} — AWS accepts IPv4 VPC CIDRs from /16 to /28`,
        [...base, 'cidrs', i],
      );
  });
  info.subnets.forEach((s) => {
    const p = s.prefixes[0]!;
    if (p.family === 4 && (p.length < 16 || p.length > 28))
      d.error(
        'AWS-R13',
        `subnet ${s.subnet.name} is a /${p.length} — AWS accepts IPv4 subnets from /16 to /28`,
        [...base, 'subnets', s.index, 'cidr'],
      );
  });
  const mains = network.routeTables.filter((t) => t.main === true);
  if (mains.length > 1)
    d.error(
      'AWS-R10',
      `${network.name} has ${mains.length} main route tables — a VPC has exactly one main table; keep main: true on one`,
      [...base, 'routeTables'],
    );
  const vgws = network.gateways.filter((g) => g.kind === 'vgw');
  if (vgws.length > 1)
    d.error(
      'AWS-R24',
      `${network.name} has ${vgws.length} virtual private gateways — one VGW can be attached to a VPC at a time; remove the others`,
      [...base, 'gateways'],
    );
  network.gateways.forEach((g, gi) => {
    if ((g.kind === 'vgw' || g.kind === 'tgw') && g.asn !== undefined && !isAmazonSideAsn(g.asn))
      d.error(
        g.kind === 'vgw' ? 'AWS-R21' : 'AWS-R33',
        `${g.name} has ASN ${g.asn} — the Amazon-side ASN must be 64512–65534 or 4200000000–4294967294`,
        [...base, 'gateways', gi, 'asn'],
      );
  });
  network.routeTables.forEach((table, ti) => {
    const tpath: Path = [...base, 'routeTables', ti];
    // AWS-R14: 50 non-propagated routes per table by default, adjustable to 1,000.
    if (table.routes.length > AWS_ROUTES_PER_TABLE_MAX)
      d.error(
        'AWS-R14',
        `${table.name} has ${table.routes.length} routes — AWS allows at most 1,000 per table; aggregate prefixes`,
        [...tpath, 'routes'],
      );
    else if (table.routes.length > AWS_ROUTES_PER_TABLE)
      d.warning(
        'AWS-R14',
        `${table.name} has ${table.routes.length} routes — above the default quota of 50: request a quota increase (up to 1,000)`,
        [...tpath, 'routes'],
      );
    table.routes.forEach((route, ri) => {
      const rpath: Path = [...tpath, 'routes', ri];
      const p = mustParsePrefix(route.prefix);
      if (isAwsReservedDestination(p)) {
        d.error(
          'AWS-R8',
          `route to ${route.prefix} lies in 169.254.168.0/22 or fd00:ec2::/32 — AWS refuses routes to these reserved ranges; remove it`,
          [...rpath, 'prefix'],
        );
        return;
      }
      const why = awsMoreSpecificRefusal(p, route.nextHop.type, info.cidrIndex, info.subnetIndex);
      if (why !== undefined)
        d.error(
          'AWS-R4',
          `route ${route.prefix} → ${route.nextHop.type} is refused: ${why} — within the VPC CIDR AWS accepts only a whole subnet CIDR (or the VPC CIDR) to a NAT gateway or network interface`,
          [...rpath, 'prefix'],
        );
      const hop = route.nextHop;
      if (hop.type === 'igw' || hop.type === 'nat' || hop.type === 'vgw') {
        if (!network.gateways.some((g) => g.name === hop.gateway && g.kind === hop.type))
          d.warning(
            'AWS-R12',
            `route ${route.prefix} names ${hop.type} ${hop.gateway}, which does not exist — the route is a blackhole; create the gateway or fix the name`,
            [...rpath, 'nextHop'],
          );
      } else if (hop.type === 'eni') {
        const host = findHostByIp(topology, hop.ip, [network.name]);
        if (!host)
          d.warning(
            'AWS-R12',
            `route ${route.prefix} targets ${hop.ip}, which no network interface in ${network.name} has — the route is a blackhole`,
            [...rpath, 'nextHop', 'ip'],
          );
        else if (host.host.sourceDestCheck !== false)
          d.warning(
            'AWS-R9',
            `${host.path} is a route target but keeps source/destination checking — it drops traffic not addressed to it; set sourceDestCheck: false`,
            [...rpath, 'nextHop', 'ip'],
          );
      }
    });
  });
}

/** AWS-R22 / AWS-R23 / AWS-R21: VPN connections of AWS gateways. */
export function validateAwsConnections(d: Diagnostics, topology: Topology): void {
  const index = topologyIndex(topology);
  topology.connections.forEach((c, ci) => {
    const gw = c.between
      .map((e) => index.gateways.get(e))
      .find(
        (g) => g && g.network.provider === 'aws' && (g.gateway.kind === 'vgw' || g.gateway.kind === 'tgw'),
      );
    if (!gw) return;
    if (c.tunnels !== undefined && c.tunnels !== 2)
      d.error(
        'AWS-R23',
        `${c.name} has ${c.tunnels} tunnels — every AWS VPN connection has exactly two; remove tunnels:`,
        ['connections', ci, 'tunnels'],
      );
    const siteName = c.between.find((e) => index.sites.has(e));
    const siteRef = siteName !== undefined ? index.sites.get(siteName) : undefined;
    const asn = siteRef?.site.asn;
    if (siteRef && asn !== undefined) {
      if (!isCustomerGatewayAsn(asn))
        d.error(
          'AWS-R22',
          `site ${siteRef.site.name} has ASN ${asn} — an AWS customer gateway ASN is 1–4294967295 outside 4200000000–4294967294`,
          ['sites', siteRef.index, 'asn'],
        );
      else if (asn === (gw.gateway.asn ?? AWS_DEFAULT_ASN))
        d.error(
          'AWS-R21',
          `site ${siteRef.site.name} uses ASN ${asn}, the same as ${gw.path} — the customer gateway ASN must differ from the Amazon-side ASN`,
          ['sites', siteRef.index, 'asn'],
        );
    }
  });
}
