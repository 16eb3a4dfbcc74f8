/**
 * Unknown, never silently wrong (DESIGN.md "Unknown (added 2026-12)"): a construct the product
 * imports but does not model (an AWS gateway load balancer endpoint, a network firewall, a
 * carrier or local gateway, a Cloud WAN core network, an Azure Virtual WAN hub or route server …)
 * stays in the scenario as an opaque next hop with its provider `kind` and `id`. A route to it is
 * kept and selected like any other route of its table; a packet that takes it is neither
 * delivered nor dropped: its verdict is `unknown`, reason `unmodelled`.
 */
import type { RouteAction } from './tables.js';

/** The kinds importers write (any lower-case word is accepted: a provider may add constructs). */
export const OPAQUE_KINDS = [
  'gwlbe',
  'firewall',
  'carrier-gateway',
  'local-gateway',
  'core-network',
  'virtual-hub',
  'route-server',
  'vpc-endpoint',
  'instance',
  'other',
] as const;

/** A next hop the product keeps but does not model: `{ type: opaque, kind, id }`. */
export interface OpaqueNextHop {
  readonly type: 'opaque';
  /** What the construct is, e.g. `gwlbe`, `firewall`, `carrier-gateway`, `virtual-hub`. */
  readonly kind: string;
  /** The provider id (`vpce-…`, `cagw-…`, an Azure resource id). */
  readonly id?: string;
}

/** The route action of an opaque next hop: the walker stops there with verdict `unknown`. */
export function opaqueAction(hop: OpaqueNextHop): RouteAction {
  return hop.id !== undefined
    ? { kind: 'opaque', construct: hop.kind, id: hop.id }
    : { kind: 'opaque', construct: hop.kind };
}
