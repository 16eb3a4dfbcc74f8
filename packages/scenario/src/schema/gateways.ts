/**
 * Gateways by provider and kind (DESIGN.md; PROVIDERS.md §1.5, §1.6, §2.4, §3.4, §4.4). Each kind
 * takes only its own fields; a kind of another provider is refused with its equivalent here.
 */
import * as z from 'zod';
import type { Provider } from '@cloudroute/model';
import {
  address,
  asn,
  duration,
  localOrPath,
  name,
  objectPath,
  prefix,
  providerId,
  reference,
} from './leaves.js';
import { openstackRoute } from './routes.js';
import { A_PROVIDER, PROVIDER_NAMES, doc, strict, union } from './registry.js';

const gw = (provider: Provider, kind: string) => ({
  context: 'gateway' as const,
  what: `${A_PROVIDER[provider]} \`${kind}\` gateway`,
  provider,
  variant: kind,
});

const base = { name, id: providerId.exactOptional() };
const provisioning = duration(
  'span',
  'How long the gateway takes to provision when created or recreated by the timeline (default: the provider profile).',
).exactOptional();
const bgpPeerIps = doc(
  z.array(address),
  "The gateway's BGP peer addresses (default: the provider's choice, AZ-R21).",
).exactOptional();
const region = doc(name, 'The GCP region, e.g. `us-central1`.');

// AWS transit gateway (AWS-R29..R33): attachments associate with one TGW route table and propagate
// into any number; TGW route tables hold static routes to attachments or blackholes.
const tgwAttachment = strict(
  { context: 'tgwAttachment', what: 'a transit gateway attachment', provider: 'aws' },
  {
    name,
    network: doc(reference('network'), 'A VPC attachment: the attached network.').exactOptional(),
    connection: doc(
      reference('connection'),
      'A VPN attachment: the connection that ends at this transit gateway.',
    ).exactOptional(),
    peer: doc(
      objectPath('transit gateway'),
      "A peering attachment: the peer transit gateway, `network/tgw` (AWS-R29). Only static routes cross it; the peer's attachment back to this gateway picks the peer's table.",
    ).exactOptional(),
    zones: doc(
      z.array(name),
      'A VPC attachment: the Availability Zones it has a subnet in (AWS-R32). Traffic toward the transit gateway from a subnet of the VPC whose `zone` is another is dropped. Absent: every zone.',
    ).exactOptional(),
    routeTable: doc(
      reference('transit gateway route table'),
      'The TGW route table this attachment is associated with (AWS-R29).',
    ).exactOptional(),
    propagations: doc(
      z.array(reference('transit gateway route table')),
      'TGW route tables this attachment propagates its routes into.',
    ).exactOptional(),
  },
);
const tgwRoute = strict(
  { context: 'tgwRoute', what: 'a transit gateway route', provider: 'aws' },
  {
    prefix,
    attachment: doc(reference('attachment'), 'The attachment traffic is sent to.').exactOptional(),
    blackhole: doc(z.boolean(), '`true`: drop the traffic (instead of `attachment`).').exactOptional(),
  },
);
const tgwRouteTable = strict(
  { context: 'tgwRouteTable', what: 'a transit gateway route table', provider: 'aws' },
  {
    name,
    routes: doc(
      z.array(tgwRoute),
      'Static routes (AWS-R30); propagated routes come from the attachments.',
    ).default([]),
  },
);

const awsGateways = [
  strict(gw('aws', 'igw'), { ...base, kind: z.literal('igw') }),
  strict(gw('aws', 'egressOnlyIgw'), { ...base, kind: z.literal('egressOnlyIgw') }),
  strict(gw('aws', 'vpcEndpoint'), {
    ...base,
    kind: z.literal('vpcEndpoint'),
    service: doc(
      z.string().min(1),
      'A gateway endpoint (AWS-R45): its service, e.g. `com.amazonaws.us-east-1.s3` or `…dynamodb`. Routes `{ type: vpce }` to it deliver their prefixes (the service prefix list) there.',
    ).exactOptional(),
  }),
  strict(gw('aws', 'nat'), {
    ...base,
    kind: z.literal('nat'),
    subnet: doc(
      reference('subnet'),
      'The subnet the NAT gateway lives in; its route table carries the traffic on (AWS-R16).',
    ),
    connectivity: doc(
      z.enum(['public', 'private']),
      'Public (default) or private NAT gateway.',
    ).exactOptional(),
    provisioning,
  }),
  strict(gw('aws', 'vgw'), {
    ...base,
    kind: z.literal('vgw'),
    asn: doc(asn, 'Amazon-side ASN, fixed at creation (default 64512, AWS-R21).').exactOptional(),
    provisioning,
  }),
  strict(gw('aws', 'tgw'), {
    ...base,
    kind: z.literal('tgw'),
    asn: doc(asn, 'Amazon-side ASN (AWS-R33).').exactOptional(),
    attachments: doc(z.array(tgwAttachment), 'VPC, VPN and peering attachments (AWS-R29).').default([]),
    routeTables: doc(z.array(tgwRouteTable), 'TGW route tables (AWS-R29, AWS-R30).').default([]),
    provisioning,
  }),
] as const;

const azureGateways = [
  strict(gw('azure', 'vpn'), {
    ...base,
    kind: z.literal('vpn'),
    vpnType: doc(
      z.enum(['RouteBased', 'PolicyBased']),
      'Fixed for life: changing it needs `recreate: true` (AZ-R17). Default RouteBased.',
    ).exactOptional(),
    sku: doc(
      z.string().regex(/^(Basic|Standard|HighPerformance|UltraPerformance|VpnGw[1-5](AZ)?)$/),
      'Gateway SKU, e.g. `VpnGw2` (AZ-R18).',
    ).exactOptional(),
    activeActive: doc(
      z.boolean(),
      'Two active instances, each with its own BGP peer address (AZ-R20).',
    ).exactOptional(),
    asn: doc(asn, 'Gateway ASN (default 65515, AZ-R23).').exactOptional(),
    bgpPeerIps,
    provisioning,
  }),
] as const;

const gcpGateways = [
  strict(gw('gcp', 'cloudRouter'), {
    ...base,
    kind: z.literal('cloudRouter'),
    region,
    asn: doc(asn, 'Cloud Router ASN.').exactOptional(),
    keepalive: duration('span', 'BGP keepalive interval (GCP-R17).').exactOptional(),
    bgpPeerIps,
  }),
  strict(gw('gcp', 'haVpn'), {
    ...base,
    kind: z.literal('haVpn'),
    region,
    router: doc(
      reference('cloudRouter gateway'),
      'The Cloud Router that runs its BGP sessions.',
    ).exactOptional(),
  }),
  strict(gw('gcp', 'classicVpn'), { ...base, kind: z.literal('classicVpn'), region }),
  strict(gw('gcp', 'cloudNat'), {
    ...base,
    kind: z.literal('cloudNat'),
    region,
    router: doc(reference('cloudRouter gateway'), 'The Cloud Router the NAT is configured on.'),
  }),
  strict(gw('gcp', 'ilb'), {
    ...base,
    kind: z.literal('ilb'),
    region,
    backends: doc(z.array(reference('host')), 'Backend hosts of this network.').default([]),
    globalAccess: doc(z.boolean(), 'Reachable from every region (GCP-R5).').exactOptional(),
  }),
] as const;

const openstackGateways = [
  strict(gw('openstack', 'router'), {
    ...base,
    kind: z.literal('router'),
    interfaces: doc(z.array(localOrPath('subnet')), 'Subnets attached to the router (OS-R12).').default([]),
    externalGateway: doc(
      strict(
        { context: 'other', what: 'an external gateway', provider: 'openstack', variant: 'externalGateway' },
        {
          network: doc(reference('network'), 'An external network (`external: true`).'),
          enableSnat: doc(z.boolean(), 'Source NAT to the router address (default true).').exactOptional(),
        },
      ).nullable(),
      "The router's external gateway (OS-R13, OS-R15); null: none.",
    ).exactOptional(),
    routes: doc(z.array(openstackRoute), 'Extra routes (OS-R14).').exactOptional(),
    ha: z.boolean().exactOptional(),
    distributed: z.boolean().exactOptional(),
  }),
] as const;

export const GATEWAY_KINDS: Readonly<Record<Provider, readonly string[]>> = {
  aws: ['igw', 'nat', 'vgw', 'tgw', 'egressOnlyIgw', 'vpcEndpoint'],
  azure: ['vpn'],
  gcp: ['cloudRouter', 'haVpn', 'classicVpn', 'cloudNat', 'ilb'],
  openstack: ['router'],
};

const EQUIVALENT_KINDS: readonly Partial<Record<Provider, string>>[] = [
  { aws: 'vgw', azure: 'vpn', gcp: 'haVpn' },
  { aws: 'nat', gcp: 'cloudNat' },
  { aws: 'igw', openstack: 'router' },
];

/** `vpn is an Azure gateway kind — on AWS use vgw`, or undefined. */
export function foreignKindHint(kind: string, provider: Provider): string | undefined {
  const owner = (Object.keys(GATEWAY_KINDS) as Provider[]).find(
    (p) => p !== provider && GATEWAY_KINDS[p].includes(kind),
  );
  if (owner === undefined || GATEWAY_KINDS[provider].includes(kind)) return undefined;
  const equivalent = EQUIVALENT_KINDS.find((e) => e[owner] === kind)?.[provider];
  return equivalent === undefined
    ? `\`${kind}\` is ${A_PROVIDER[owner]} gateway kind — ${PROVIDER_NAMES[provider]} kinds: ${GATEWAY_KINDS[provider].join(', ')}`
    : `\`${kind}\` is ${A_PROVIDER[owner]} gateway kind — on ${PROVIDER_NAMES[provider]} use \`kind: ${equivalent}\``;
}

const gatewayUnion = <T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(
  provider: Provider,
  options: T,
) =>
  union(
    {
      context: 'gateway',
      what: `${A_PROVIDER[provider]} gateway`,
      provider,
      foreign: (k) => foreignKindHint(k, provider),
    },
    'kind',
    options,
  );

export const awsGateway = gatewayUnion('aws', awsGateways);
export const azureGateway = gatewayUnion('azure', azureGateways);
export const gcpGateway = gatewayUnion('gcp', gcpGateways);
export const openstackGateway = gatewayUnion('openstack', openstackGateways);

/** A gateway of any provider (`gateway.create`; the kind is checked against the network afterwards). */
export const anyGateway = union({ context: 'gateway', what: 'a gateway' }, 'kind', [
  ...awsGateways,
  ...azureGateways,
  ...gcpGateways,
  ...openstackGateways,
]);

/** The strict object of one gateway kind (for `gateway.update` `set:` fields). */
export const GATEWAY_BY_KIND = new Map(
  [...awsGateways, ...azureGateways, ...gcpGateways, ...openstackGateways].map(
    (s) => [s.shape.kind.value as string, s] as const,
  ),
);
