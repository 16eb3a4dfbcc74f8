/**
 * What connects networks: on-premises sites (with their own static routes and BGP
 * advertisements), connections (VPN tunnels between a gateway and a site or another gateway) and
 * peerings (VNet, VPC or GCP network peering).
 */
import * as z from 'zod';
import {
  address,
  asPath,
  asn,
  med,
  name,
  objectPath,
  prefix,
  providerId,
  reference,
  tunnels,
} from './leaves.js';
import { doc, strict } from './registry.js';
import { siteRoute } from './routes.js';

const id = providerId.exactOptional();

export const advertisement = strict(
  { context: 'advertisement', what: 'an advertisement' },
  { prefix, med: med.exactOptional(), asPath: asPath.exactOptional() },
);

export const site = strict(
  { context: 'site', what: 'a site' },
  {
    name,
    cidrs: doc(z.array(prefix), "The site's own address space; a packet to it is delivered there.").default(
      [],
    ),
    asn: asn.exactOptional(),
    internetEgress: doc(
      z.boolean(),
      'Does the site forward traffic on to the internet? (default false)',
    ).exactOptional(),
    bgpPeerIp: doc(
      address,
      'BGP from this address (a loopback); absent: the tunnel interface (AZ-R21).',
    ).exactOptional(),
    routes: doc(z.array(siteRoute), "The site's own routing table (static routes).").exactOptional(),
    advertise: doc(
      z.array(advertisement),
      'What the site advertises over BGP (default: its cidrs).',
    ).exactOptional(),
    id,
  },
);

// AWS-R46: a Direct Connect gateway (one per name, shared by its connections) and its association.
const directConnect = strict(
  { context: 'other', what: 'a Direct Connect block', provider: 'aws', variant: 'directConnect' },
  {
    gateway: doc(
      name,
      'The Direct Connect gateway (connections naming the same one share it); absent: a private VIF straight to the VGW.',
    ).exactOptional(),
    gatewayId: doc(providerId, "The Direct Connect gateway's provider id.").exactOptional(),
    asn: doc(
      asn,
      "The Direct Connect gateway's Amazon-side ASN, first in the AS path the site learns.",
    ).exactOptional(),
    allowedPrefixes: doc(
      z.array(prefix),
      "The association's allowed prefixes: what the gateway advertises to the site (default: a VGW's VPC CIDRs; a TGW nothing).",
    ).exactOptional(),
    vif: doc(providerId, "The virtual interface's provider id (`dxvif-…`).").exactOptional(),
  },
);

const endpoint = doc(z.string().regex(/^[^\s/]+(\/[^\s/]+)?$/), 'A `network/gateway` path or a site name.');

export const connection = strict(
  { context: 'connection', what: 'a connection' },
  {
    name,
    between: doc(
      z.tuple([objectPath('gateway'), endpoint]),
      '`[network/gateway, site]` or `[network/gateway, network/gateway]`.',
    ),
    bgp: doc(
      z.boolean(),
      "BGP over the tunnels (default false: the site's cidrs are static prefixes of the gateway).",
    ).default(false),
    tunnels: tunnels.exactOptional(),
    directConnect: doc(
      directConnect,
      "AWS Direct Connect (AWS-R46): this connection is the VIF of a site to a Direct Connect gateway associated with the connection's VGW (private VIF) or TGW (transit VIF, which a TGW attachment names as `connection:`); BGP only (`bgp: true`).",
    ).exactOptional(),
    id,
  },
);

export const peering = strict(
  { context: 'peering', what: 'a peering' },
  {
    name: doc(name, 'A name, which an AWS `peering` next hop names as its `gateway`.').exactOptional(),
    between: doc(z.tuple([reference('network'), reference('network')]), 'The two networks (same provider).'),
    customRoutes: doc(
      z.enum(['none', 'a-to-b', 'b-to-a', 'both']),
      'GCP: which side exports custom routes to the other (GCP-R23; default none).',
    ).exactOptional(),
    gatewayTransit: doc(
      z.boolean(),
      "Azure gateway transit (AZ-R34..R37): the first network of `between` is the hub that allows transit, the second the spoke that uses the hub's VPN gateway (default false).",
    ).exactOptional(),
    id,
  },
);
