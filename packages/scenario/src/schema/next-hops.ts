/**
 * Route next hops in each provider's own vocabulary (DESIGN.md "Scenario format", "GCP and
 * OpenStack networks"). A next hop of another provider is refused with its equivalent here.
 */
import * as z from 'zod';
import type { Provider } from '@cloudroute/model';
import { address, name } from './leaves.js';
import { A_PROVIDER, PROVIDER_NAMES, doc, strict, union } from './registry.js';

const hop = (provider: Provider, type: string) => ({
  context: 'nextHop' as const,
  what: `${A_PROVIDER[provider]} \`${type}\` next hop`,
  provider,
  variant: type,
});

/** One next hop of a provider: `type: <type>`, then its own fields. */
function variant<const T extends string, const F extends z.ZodRawShape = Record<never, never>>(
  provider: Provider,
  type: T,
  fields: F = {} as F,
) {
  return strict(hop(provider, type), { type: z.literal(type), ...fields });
}

/**
 * DESIGN.md "Unknown": a construct imported but not modelled (a gateway load balancer endpoint, a
 * network firewall, a carrier or local gateway, a core network, a virtual hub, a route server …),
 * kept with its kind and provider id. A flow that reaches it gets verdict `unknown`.
 */
const opaqueHop = (provider: Provider) =>
  variant(provider, 'opaque', {
    kind: doc(
      z.string().regex(/^[a-z][a-z0-9-]*$/),
      'What the construct is (lower case): gwlbe, firewall, carrier-gateway, local-gateway, core-network, virtual-hub, route-server, vpc-endpoint, instance, other.',
    ),
    id: doc(
      z.string().min(1),
      'The provider id of the construct (vpce-…, cagw-…, an Azure resource id).',
    ).exactOptional(),
  });

const gatewayName = doc(
  name,
  'The name of a gateway of this network (`tgw`: also `network/tgw` for a shared transit gateway).',
);

/**
 * The next hops of one provider: a union on `type` whose refusal of another provider's type names
 * its equivalent here (`foreignHint`; a policy-based route's hops name no equivalent).
 */
function providerHops<
  const T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]],
>(provider: Provider, what: string, options: T, policy = false): z.ZodDiscriminatedUnion<T, 'type'> {
  return union(
    { context: 'nextHop', what, provider, foreign: (t) => foreignHint(t, provider, policy) },
    'type',
    options,
  );
}

export const awsNextHop = providerHops('aws', 'an AWS next hop', [
  variant('aws', 'local'),
  variant('aws', 'igw', { gateway: gatewayName }),
  variant('aws', 'nat', { gateway: gatewayName }),
  variant('aws', 'vgw', { gateway: gatewayName }),
  variant('aws', 'tgw', { gateway: z.string().regex(/^[^\s/]+(\/[^\s/]+)?$/) }),
  variant('aws', 'vpce', {
    gateway: doc(name, 'The `name` of a `vpcEndpoint` gateway (gateway endpoint) of this VPC (AWS-R45).'),
  }),
  variant('aws', 'eni', { ip: doc(address, 'The address of the network interface (an appliance).') }),
  variant('aws', 'peering', { gateway: doc(name, 'The `name` of a peering of this VPC.') }),
  variant('aws', 'blackhole'),
  opaqueHop('aws'),
]);

export const azureNextHop = providerHops('azure', 'an Azure next hop', [
  variant('azure', 'VirtualAppliance', { ip: doc(address, 'A NIC address of the appliance (AZ-R6).') }),
  variant('azure', 'VirtualNetworkGateway'),
  variant('azure', 'VnetLocal'),
  variant('azure', 'Internet'),
  variant('azure', 'None'),
  opaqueHop('azure'),
]);

const ilbFields = {
  gateway: doc(name, 'The `ilb` gateway of this network.').exactOptional(),
  ip: doc(address, 'The forwarding-rule address of the internal load balancer.').exactOptional(),
};

export const gcpNextHop = providerHops('gcp', 'a GCP next hop', [
  variant('gcp', 'gateway', {
    gateway: doc(z.literal('default-internet-gateway'), 'The only gateway next hop of GCP (GCP-R5).'),
  }),
  variant('gcp', 'instance', { host: doc(name, 'A host of this network.') }),
  variant('gcp', 'address', { ip: doc(address, "A VM NIC's primary internal address.") }),
  variant('gcp', 'ilb', ilbFields),
  variant('gcp', 'vpnTunnel', { connection: doc(name, 'A connection of a Classic VPN gateway.') }),
]);

export const gcpPolicyNextHop = providerHops(
  'gcp',
  'a GCP policy-based route next hop',
  [variant('gcp', 'ilb', ilbFields), variant('gcp', 'defaultRouting')],
  true,
);

export const openstackNextHop = providerHops('openstack', 'an OpenStack next hop', [
  variant('openstack', 'ip', { ip: doc(address, 'The next-hop address.') }),
]);

/** Every provider's next hops (timeline routes, checked against the target's provider afterwards). */
export const anyNextHop = union({ context: 'nextHop', what: 'a next hop' }, 'type', [
  ...awsNextHop.options,
  ...azureNextHop.options.filter((o) => o.shape.type.value !== 'opaque'),
  ...gcpNextHop.options,
  ...openstackNextHop.options,
]);

/** Next-hop types by provider. */
export const NEXT_HOP_TYPES: Readonly<Record<Provider, readonly string[]>> = {
  aws: ['local', 'igw', 'nat', 'vgw', 'tgw', 'vpce', 'eni', 'peering', 'blackhole', 'opaque'],
  azure: ['VirtualAppliance', 'VirtualNetworkGateway', 'VnetLocal', 'Internet', 'None', 'opaque'],
  gcp: ['gateway', 'instance', 'address', 'ilb', 'vpnTunnel'],
  openstack: ['ip'],
};

/** Next hops that mean the same thing on each provider (`eni` on AWS is `VirtualAppliance` on Azure). */
const EQUIVALENTS: readonly Partial<Record<Provider, string>>[] = [
  {
    aws: '{ type: eni, ip: ... }',
    azure: '{ type: VirtualAppliance, ip: ... }',
    gcp: '{ type: address, ip: ... }',
    openstack: '{ type: ip, ip: ... }',
  },
  {
    aws: '{ type: igw, gateway: ... }',
    azure: '{ type: Internet }',
    gcp: '{ type: gateway, gateway: default-internet-gateway }',
  },
  {
    aws: '{ type: vgw, gateway: ... }',
    azure: '{ type: VirtualNetworkGateway }',
    gcp: '{ type: vpnTunnel, connection: ... }',
  },
  { aws: '{ type: blackhole }', azure: '{ type: None }' },
  { aws: '{ type: local }', azure: '{ type: VnetLocal }' },
];
const EQUIVALENT_TYPES: readonly (readonly string[])[] = [
  ['eni', 'VirtualAppliance', 'address', 'instance', 'ip'],
  ['igw', 'Internet', 'gateway'],
  ['vgw', 'VirtualNetworkGateway', 'vpnTunnel'],
  ['blackhole', 'None'],
  ['local', 'VnetLocal'],
];

/** `VirtualAppliance is an Azure next hop — on AWS use { type: eni, ip: ... }`, or undefined. */
export function foreignHint(type: string, provider: Provider, policy = false): string | undefined {
  const owner = (Object.keys(NEXT_HOP_TYPES) as Provider[]).find(
    (p) => p !== provider && NEXT_HOP_TYPES[p].includes(type),
  );
  if (owner === undefined || NEXT_HOP_TYPES[provider].includes(type)) return undefined;
  const here = PROVIDER_NAMES[provider];
  const group = EQUIVALENT_TYPES.findIndex((g) => g.includes(type));
  const equivalent = policy ? undefined : EQUIVALENTS[group]?.[provider];
  return equivalent === undefined
    ? `\`${type}\` is ${A_PROVIDER[owner]} next hop — ${here} next hops here: ${(policy ? ['ilb', 'defaultRouting'] : NEXT_HOP_TYPES[provider]).join(', ')}`
    : `\`${type}\` is ${A_PROVIDER[owner]} next hop — on ${here} use \`${equivalent}\``;
}
