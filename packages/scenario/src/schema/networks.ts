/**
 * Networks, subnets and hosts, one vocabulary per provider: AWS VPCs and Azure VNets have address
 * spaces and route tables; GCP networks have ranges on subnets, one route table and policy
 * routes; OpenStack networks have subnets with host routes and ports with port security.
 */
import * as z from 'zod';
import type { Provider } from '@cloudroute/model';
import { awsGateway, azureGateway, gcpGateway, openstackGateway } from './gateways.js';
import {
  address,
  addressOrPrefix,
  localOrPath,
  name,
  prefix,
  providerId,
  reference,
  tags,
} from './leaves.js';
import {
  awsSecurityGroup,
  defaultHostByProvider,
  defaultHostDoc,
  firewallMode,
  firewallRule,
  networkAcl,
  networkSecurityGroup,
  openstackSecurityGroup,
  prefixList,
} from './filters.js';
import { A_PROVIDER, PROVIDERS, PROVIDER_NAMES, coded, doc, strict, union } from './registry.js';
import { awsRouteTable, azureRouteTable, gcpPolicyRoute, gcpRoute, openstackRoute } from './routes.js';

const id = providerId.exactOptional();
const info = (context: 'network' | 'subnet' | 'host', provider: Provider) => ({
  context,
  what: `${A_PROVIDER[provider]} ${context}`,
  provider,
});

const routeTableRef = doc(
  reference('route table').nullable(),
  'A route table of this network; absent or null: the main table (AWS) or system routes only (Azure).',
).exactOptional();
const hostSubnet = doc(reference('subnet'), 'The subnet of this network the host is in.');
const hostIp = doc(
  address,
  "The host's private address, inside its subnet and not one the provider reserves.",
);
const publicIp = doc(
  z.boolean(),
  'A public address (AWS public IPv4 or EIP, Azure public IP, GCP external IP, OpenStack floating IP).',
).exactOptional();
const ipForwarding = doc(
  z.boolean(),
  'The host forwards traffic not addressed to it: Azure NIC IP forwarding (AZ-R6), GCP canIpForward, OpenStack guest forwarding.',
).exactOptional();

const nsgRef = doc(
  localOrPath('network security group'),
  "An NSG of this network's `networkSecurityGroups`, or `network/nsg` of another VNet (AZ-R25); absent: none.",
).exactOptional();

/** A provider's subnet: its `name` and `cidr`, the provider's own fields, then its default host and provider id. */
function subnetOf<const S extends z.ZodRawShape, const H extends z.ZodType>(
  provider: Provider,
  defaultHost: H,
  fields: S,
) {
  return strict(info('subnet', provider), {
    name,
    cidr: prefix,
    ...fields,
    defaultHost: doc(defaultHost, defaultHostDoc).exactOptional(),
    id,
  });
}

/** A provider's host with one interface: its `name`, `subnet` and `ip`, the provider's own fields, then its provider id. */
function hostOf<const S extends z.ZodRawShape>(provider: Provider, fields: S) {
  return strict(info('host', provider), { name, subnet: hostSubnet, ip: hostIp, ...fields, id });
}

const awsSubnet = subnetOf('aws', defaultHostByProvider.aws, {
  routeTable: routeTableRef,
  mapPublicIpOnLaunch: doc(
    z.boolean(),
    "AWS MapPublicIpOnLaunch (default false): an instance launched here gets a public IPv4, so flows drawn from the subnet and its hosts without their own `publicIp` have one (AWS-R15); a host's `publicIp: false` is an instance launched without one.",
  ).exactOptional(),
  zone: doc(
    name,
    "The subnet's Availability Zone, e.g. `us-east-2a` (AWS-R32: a transit gateway attachment with `zones` serves only those).",
  ).exactOptional(),
  networkAcl: doc(
    reference('network ACL'),
    "The subnet's network ACL, one of this network's `networkAcls` (AWS-R40); absent: the VPC's default NACL.",
  ).exactOptional(),
});
const azureSubnet = subnetOf('azure', defaultHostByProvider.azure, {
  routeTable: routeTableRef,
  defaultOutboundAccess: doc(
    z.boolean(),
    'Default outbound internet access (default true, AZ-R15).',
  ).exactOptional(),
  networkSecurityGroup: nsgRef,
});
const gcpSubnet = subnetOf('gcp', defaultHostByProvider.gcp, {
  region: doc(name, 'The GCP region, e.g. `us-central1`.'),
  secondaryCidrs: doc(z.array(prefix), 'Secondary ranges.').exactOptional(),
});
const openstackSubnet = subnetOf('openstack', defaultHostByProvider.openstack, {
  gatewayIp: doc(
    address.nullable(),
    "The subnet's gateway address; null: no gateway (OS-R2). Default: the first host address.",
  ).exactOptional(),
  hostRoutes: doc(z.array(openstackRoute), 'Routes pushed to guests by DHCP (OS-R3).').exactOptional(),
  secondaryCidrs: doc(z.array(prefix), 'Further ranges.').exactOptional(),
});

const awsHost = hostOf('aws', {
  sourceDestCheck: doc(
    z.boolean(),
    'Source/destination check (default true); `false` lets the instance forward (an appliance).',
  ).exactOptional(),
  publicIp,
  securityGroups: doc(
    z.array(name),
    "The ENI's security groups, names of this network's `securityGroups` (default `[default]`; at least one, AWS-R36).",
  ).exactOptional(),
});
const azureHost = hostOf('azure', {
  ipForwarding,
  publicIp,
  networkSecurityGroup: nsgRef,
});
const gcpHost = hostOf('gcp', {
  ipForwarding,
  publicIp,
  tags: doc(tags, 'Network tags (select tagged routes, GCP-R4).').exactOptional(),
  running: doc(z.boolean(), 'The VM is RUNNING (default true, GCP-R6).').exactOptional(),
  serviceAccount: doc(
    name,
    "The VM's service account, matched by firewall rules' service accounts (default `default`, GCP-R29).",
  ).exactOptional(),
});

const mac = doc(
  z.string().regex(/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/),
  'A MAC address `fa:16:3e:00:00:01`.',
);
export const addressPair = strict(
  { context: 'addressPair', what: 'an allowed address pair', provider: 'openstack' },
  {
    ip: doc(addressOrPrefix, 'An address or prefix the port may also send from or receive for (OS-R7).'),
    mac: mac.exactOptional(),
  },
);
const portSecurity = doc(
  z.boolean(),
  'Port security (anti-spoofing and security groups, OS-R4).',
).exactOptional();
const allowedAddressPairs = doc(z.array(addressPair), 'Allowed address pairs (OS-R7).').exactOptional();
const securityGroups = doc(
  z.array(localOrPath('security group')),
  "Security groups: a name of this network's `securityGroups` or `network/group` (`default` is implicit, OS-R23).",
).exactOptional();

export const openstackPort = strict(
  { context: 'port', what: 'an OpenStack port', provider: 'openstack' },
  {
    subnet: localOrPath('subnet'),
    ip: hostIp,
    portSecurity,
    allowedAddressPairs,
    securityGroups,
    mac: mac.exactOptional(),
  },
);
const openstackHost = strict(info('host', 'openstack'), {
  name,
  subnet: doc(reference('subnet'), 'Shorthand for one port: the subnet (with `ip`).').exactOptional(),
  ip: doc(address, 'Shorthand for one port: its address (with `subnet`).').exactOptional(),
  ports: doc(
    z.array(openstackPort),
    'One port per network joined; instead of `subnet` and `ip`.',
  ).exactOptional(),
  ipForwarding,
  publicIp,
  portSecurity,
  allowedAddressPairs,
  securityGroups,
  id,
});

const networkCidrs = doc(
  z.array(prefix).min(1, {
    error: coded(
      'missing-cidrs',
      'no cidrs — give the network its address space, e.g. `cidrs: [10.1.0.0/16]`',
    ),
  }),
  'The address space; subnets lie inside it.',
);
const list = <T extends z.ZodType>(item: T, description: string) =>
  doc(z.array(item), description).default([]);

const networkFirewall = doc(
  firewallMode,
  "This network's filter mode, over the top-level `firewall`.",
).exactOptional();

const awsNetwork = strict(info('network', 'aws'), {
  name,
  provider: z.literal('aws'),
  cidrs: networkCidrs,
  subnets: list(awsSubnet, 'Subnets.'),
  routeTables: list(awsRouteTable, 'Route tables; subnets name theirs with `routeTable`.'),
  hosts: list(awsHost, 'Instances (one ENI each).'),
  gateways: list(awsGateway, 'Gateways: igw, nat, vgw, tgw, egressOnlyIgw.'),
  firewall: networkFirewall,
  prefixLists: doc(z.array(prefixList), 'Customer-managed prefix lists (AWS-R38).').exactOptional(),
  securityGroups: doc(
    z.array(awsSecurityGroup),
    'Security groups (AWS-R35..R37); `default` is implicit (inbound from itself, outbound all).',
  ).exactOptional(),
  networkAcls: doc(
    z.array(networkAcl),
    'Network ACLs (AWS-R40..R42); without a `default: true` one, the default NACL allows all.',
  ).exactOptional(),
  id,
});
const azureNetwork = strict(info('network', 'azure'), {
  name,
  provider: z.literal('azure'),
  cidrs: networkCidrs,
  subnets: list(azureSubnet, 'Subnets (a VPN gateway needs `GatewaySubnet`, AZ-R16).'),
  routeTables: list(azureRouteTable, 'Route tables (UDRs); subnets name theirs with `routeTable`.'),
  hosts: list(azureHost, 'VMs (one NIC each).'),
  gateways: list(azureGateway, 'Gateways: vpn.'),
  firewall: networkFirewall,
  networkSecurityGroups: doc(
    z.array(networkSecurityGroup),
    'Network security groups (AZ-R25..R31), named by subnets and hosts with `networkSecurityGroup`.',
  ).exactOptional(),
  id,
});
const gcpNetwork = strict(info('network', 'gcp'), {
  name,
  provider: z.literal('gcp'),
  routingMode: doc(
    z.enum(['regional', 'global']),
    'Dynamic routing mode (default regional, GCP-R16).',
  ).exactOptional(),
  bgpBestPath: doc(
    z.enum(['legacy', 'standard']),
    'BGP best path selection (default legacy, GCP-R17).',
  ).exactOptional(),
  defaultRoute: doc(
    z.boolean(),
    'The system 0.0.0.0/0 route to the default internet gateway (default true, GCP-R15).',
  ).exactOptional(),
  subnets: list(gcpSubnet, 'Subnets; the ranges live here (no network cidrs).'),
  routes: doc(z.array(gcpRoute), 'Custom static routes: one table per network (GCP-R1..R5).').exactOptional(),
  policyRoutes: doc(
    z.array(gcpPolicyRoute),
    'Policy-based routes, evaluated first (GCP-R8).',
  ).exactOptional(),
  hosts: list(gcpHost, 'VM instances.'),
  gateways: list(gcpGateway, 'Gateways: cloudRouter, haVpn, classicVpn, cloudNat, ilb.'),
  firewall: networkFirewall,
  firewallRules: doc(
    z.array(firewallRule),
    'VPC firewall rules (GCP-R25..R30); the implied rules are implicit (GCP-R27).',
  ).exactOptional(),
  id,
});
const openstackNetwork = strict(info('network', 'openstack'), {
  name,
  provider: z.literal('openstack'),
  portSecurity: doc(z.boolean(), 'The default of new ports (default true, OS-R4).').exactOptional(),
  external: doc(z.boolean(), 'An external network (floating IPs, router gateways).').exactOptional(),
  subnets: list(openstackSubnet, 'Subnets (one L2 domain, OS-R1).'),
  hosts: list(openstackHost, 'Instances, with ports.'),
  gateways: list(openstackGateway, 'Neutron routers.'),
  firewall: networkFirewall,
  securityGroups: doc(
    z.array(openstackSecurityGroup),
    'Neutron security groups (OS-R18..R23); `default` is implicit and one per scenario (OS-R23).',
  ).exactOptional(),
  id,
});

export const network = doc(
  union({ context: 'network', what: 'a network' }, 'provider', [
    awsNetwork,
    azureNetwork,
    gcpNetwork,
    openstackNetwork,
  ]),
  `A network: an AWS VPC, an Azure VNet, a GCP VPC network or an OpenStack network, each in its provider's vocabulary (${PROVIDERS.map((p) => PROVIDER_NAMES[p]).join(', ')}).`,
);

/** The strict schemas of each provider's objects, for `set:` fields of updates. */
export const HOST_BY_PROVIDER = {
  aws: awsHost,
  azure: azureHost,
  gcp: gcpHost,
  openstack: openstackHost,
} as const;
export const SUBNET_BY_PROVIDER = {
  aws: awsSubnet,
  azure: azureSubnet,
  gcp: gcpSubnet,
  openstack: openstackSubnet,
} as const;
export const NETWORK_BY_PROVIDER = {
  aws: awsNetwork,
  azure: azureNetwork,
  gcp: gcpNetwork,
  openstack: openstackNetwork,
} as const;
