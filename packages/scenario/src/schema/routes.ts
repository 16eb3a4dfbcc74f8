/**
 * Routes and route tables by provider: AWS and Azure route tables, GCP's one table per network
 * with priorities and tags (GCP-R1..R5) and policy-based routes (GCP-R8), OpenStack host routes
 * and router extra routes (OS-R3, OS-R14), and sites' own static routes.
 */
import * as z from 'zod';
import type { Provider } from '@cloudroute/model';
import { name, prefix, priority, providerId, reference, tags } from './leaves.js';
import { awsNextHop, azureNextHop, gcpNextHop, gcpPolicyNextHop, openstackNextHop } from './next-hops.js';
import { A_PROVIDER, doc, strict } from './registry.js';

const routeName = doc(
  name,
  'The route name (Azure and GCP routes have one; `route.remove` may use it).',
).exactOptional();

const route = (provider: Provider) => ({
  context: 'route' as const,
  what: `${A_PROVIDER[provider]} route`,
  provider,
});

const awsRoute = strict(route('aws'), { name: routeName, prefix, nextHop: awsNextHop });
const azureRoute = strict(route('azure'), { name: routeName, prefix, nextHop: azureNextHop });
export const gcpRoute = strict(route('gcp'), {
  name: routeName,
  prefix,
  priority: priority.exactOptional(),
  tags: doc(
    tags,
    'Instances with one of these tags use the route (GCP-R4); none: every instance.',
  ).exactOptional(),
  nextHop: gcpNextHop,
});
export const openstackRoute = strict(route('openstack'), {
  name: routeName,
  prefix,
  nextHop: openstackNextHop,
});

export const gcpPolicyRoute = strict(
  { context: 'policyRoute', what: 'a GCP policy-based route', provider: 'gcp' },
  {
    name,
    priority: doc(priority, 'Lower is evaluated first (default 1000).').default(1000),
    match: strict(
      { context: 'other', what: 'a policy-route match', provider: 'gcp', variant: 'policyRouteMatch' },
      {
        src: doc(prefix, 'Source range.').exactOptional(),
        dst: doc(prefix, 'Destination range.').exactOptional(),
        protocol: doc(z.enum(['all', 'tcp', 'udp', 'icmp']), 'IP protocol (default all).').exactOptional(),
      },
    ),
    nextHop: gcpPolicyNextHop,
    tags: doc(tags, 'Instances with one of these tags (none: every instance).').exactOptional(),
  },
);

export const siteRoute = strict(
  { context: 'siteRoute', what: 'a site route' },
  {
    name: routeName,
    prefix,
    via: doc(reference('connection'), 'The connection whose tunnels carry the traffic.'),
  },
);

const propagate = doc(
  z.boolean(),
  'Gateway route propagation: Azure BGP routes (default true, the inverse of disableBgpRoutePropagation, AZ-R10); AWS VGW propagation (default false, AWS-R27).',
).exactOptional();

export const awsRouteTable = strict(
  { context: 'routeTable', what: 'an AWS route table', provider: 'aws' },
  {
    name,
    main: doc(
      z.boolean(),
      "The VPC's main table: subnets without `routeTable` use it (AWS-R10).",
    ).exactOptional(),
    propagateGatewayRoutes: propagate,
    routes: z.array(awsRoute).default([]),
    id: providerId.exactOptional(),
  },
);

export const azureRouteTable = strict(
  { context: 'routeTable', what: 'an Azure route table', provider: 'azure' },
  {
    name,
    propagateGatewayRoutes: propagate,
    routes: z.array(azureRoute).default([]),
    id: providerId.exactOptional(),
  },
);
