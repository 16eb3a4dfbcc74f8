/**
 * DESIGN.md "Unknown (added 2026-12)": a route target the importers read but cloudroute does not
 * model (a gateway load balancer endpoint, a carrier or local gateway, a Cloud WAN core network,
 * an Azure Virtual WAN hub or route server …) is kept as an opaque next hop with its kind and
 * provider id, never dropped: a flow that reaches it gets verdict `unknown`. The warnings name
 * every such construct once per import, however many routes point at it.
 */
import type { DHop } from './draft.js';

const seen = new WeakMap<object, Set<string>>();

/** The opaque next hop for construct `id` of `kind`; `warn` is called the first time `ctx` meets `id`. */
export function opaqueHop(ctx: object, kind: string, id: string, warn: (message: string) => void): DHop {
  let s = seen.get(ctx);
  if (!s) {
    s = new Set();
    seen.set(ctx, s);
  }
  if (!s.has(id)) {
    s.add(id);
    warn(
      `${id} (${kind}) is not modelled: the routes to it are kept as opaque next hops, and a flow that reaches it has verdict unknown`,
    );
  }
  return { type: 'opaque', kind, id };
}
