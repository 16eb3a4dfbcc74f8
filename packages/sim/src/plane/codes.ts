/**
 * Numeric codes of the data plane's hot loop: outcomes (delivered or a drop reason) and the kinds
 * of resolved route actions. The strings are the stable vocabulary of the JSON output.
 */
import type { DropReason, RouteAction } from '@cloudroute/model';

/** Outcome 0 is "delivered"; every other code is a drop reason. */
export const DELIVERED = 0;

/** Drop reasons in code order; index = outcome code. */
export const OUTCOMES = [
  'delivered',
  'no-route',
  'none-route',
  'blackhole',
  'next-hop-not-forwarding',
  'no-public-ip',
  'gateway-not-ready',
  'session-down',
  'tunnel-down',
  'loop',
  'ttl',
  'port-security',
  'firewall',
  'reserved-address',
  // Not a drop: the packet reached a construct imported but not modelled (verdict `unknown`).
  'unmodelled',
] as const satisfies readonly ('delivered' | DropReason | 'unmodelled')[];

/** The outcome of a packet that reached an opaque construct: neither delivered nor lost (DESIGN.md "Unknown"). */
export const UNMODELLED: number = OUTCOMES.indexOf('unmodelled');

export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_COUNT = OUTCOMES.length;

const codeOf = new Map<string, number>(OUTCOMES.map((o, i) => [o, i]));

/** The numeric code of a drop reason (or `delivered`). */
export function outcomeCode(reason: Outcome | DropReason): number {
  const c = codeOf.get(reason);
  if (c === undefined) throw new RangeError(`unknown outcome ${reason}`);
  return c;
}

/** Route action kinds, as small integers for typed arrays. */
export const Act = {
  Local: 0,
  Peering: 1,
  Internet: 2,
  Nat: 3,
  Appliance: 4,
  Gateway: 5,
  Connection: 6,
  Site: 7,
  Drop: 8,
  /** GCP internal passthrough load balancer next hop (static route or policy-based route, GCP-R5, GCP-R8). */
  Ilb: 9,
  /** GCP policy-based route with next hop `defaultRouting`: skip the remaining policy-based routes (GCP-R8). */
  SkipPolicy: 10,
  /** An imported construct the product does not model (opaque next hop): verdict `unknown`. */
  Opaque: 11,
} as const;
export type Act = (typeof Act)[keyof typeof Act];

export const ACT_OF: Readonly<Record<RouteAction['kind'], Act>> = {
  local: Act.Local,
  peering: Act.Peering,
  internet: Act.Internet,
  nat: Act.Nat,
  appliance: Act.Appliance,
  gateway: Act.Gateway,
  connection: Act.Connection,
  site: Act.Site,
  drop: Act.Drop,
  opaque: Act.Opaque,
};

/** `connPeer` value of a connection whose peer is unknown. */
export const NO_PEER = 0x7fffffff;

/** Provider codes of the plane's `netProvider` array. */
export const PROVIDER_CODE = { aws: 0, azure: 1, gcp: 2, openstack: 3 } as const;
