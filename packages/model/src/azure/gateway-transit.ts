/**
 * Azure gateway transit, hub and spoke (PROVIDERS.md AZ-R34..R37). A peering with
 * `gatewayTransit: true` makes the first network of `between` the hub (its side *allows gateway
 * transit*) and the second the spoke (its side *uses remote gateways*):
 *
 * - AZ-R34: the spoke uses the hub's VPN gateway as if it were its own;
 * - AZ-R35: the hub gateway's routes reach the spoke's subnets (source `VirtualNetworkGateway`,
 *   next hop the hub's gateway, unless their table disables propagation, AZ-R10), and the hub
 *   gateway advertises the spoke's address space to its peers as its own VNet's (AZ-R22);
 * - AZ-R36: refusals — a spoke with a gateway of its own, a second transit peering of one spoke,
 *   a hub without a VPN gateway or with a Basic one, a transit peering that is not Azure;
 * - AZ-R37: the spokes depend on the hub gateway's life (its learned routes are absent while it
 *   is provisioned or deleted, AZ-R17, and it forwards nothing while failing over, AZ-R19).
 *
 * Looked up per topology object (immer keeps it identical while nothing changes).
 */
import type { Diagnostics } from '../internal/diag.js';
import type { Gateway, Network, Peering, Topology } from '../topology.js';
import { addressSpaceText, topologyIndex } from '../internal/topology-index.js';

/** The hub a spoke uses: the hub network, its VPN gateway (if any) and the transit peering. */
export interface TransitHub {
  readonly hub: Network;
  readonly gateway: Gateway | undefined;
  /** `hub/gateway`, when the hub has a VPN gateway. */
  readonly path: string | undefined;
  readonly peering: Peering;
  readonly index: number;
}

interface TransitIndex {
  /** Spoke name → its (first) transit peering's hub. */
  readonly hubOf: ReadonlyMap<string, TransitHub>;
  /** Hub name → its spokes, in peering order. */
  readonly spokesOf: ReadonlyMap<string, readonly Network[]>;
}

const cache = new WeakMap<Topology, TransitIndex>();
const NO_SPOKES: readonly Network[] = [];

function transitIndex(topology: Topology): TransitIndex {
  let t = cache.get(topology);
  if (t) return t;
  const index = topologyIndex(topology);
  const hubOf = new Map<string, TransitHub>();
  const spokesOf = new Map<string, Network[]>();
  topology.peerings.forEach((peering, i) => {
    if (peering.gatewayTransit !== true) return;
    const hub = index.networks.get(peering.between[0])?.network;
    const spoke = index.networks.get(peering.between[1])?.network;
    if (!hub || !spoke || hub === spoke || hub.provider !== 'azure' || spoke.provider !== 'azure') return;
    if (hubOf.has(spoke.name)) return; // AZ-R36: only one (validation refuses the second)
    const gateway = hub.gateways.find((g) => g.kind === 'vpn');
    hubOf.set(spoke.name, {
      hub,
      gateway,
      path: gateway ? `${hub.name}/${gateway.name}` : undefined,
      peering,
      index: i,
    });
    const list = spokesOf.get(hub.name) ?? [];
    list.push(spoke);
    spokesOf.set(hub.name, list);
  });
  t = { hubOf, spokesOf };
  cache.set(topology, t);
  return t;
}

/** AZ-R34: the hub whose gateway `network` uses (it is the spoke of a transit peering), if any. */
export function transitHubOf(topology: Topology, network: Network | string): TransitHub | undefined {
  return transitIndex(topology).hubOf.get(typeof network === 'string' ? network : network.name);
}

/** AZ-R35: the spokes that use `hub`'s gateway, in peering order. */
export function transitSpokesOf(topology: Topology, hub: Network | string): readonly Network[] {
  return transitIndex(topology).spokesOf.get(typeof hub === 'string' ? hub : hub.name) ?? NO_SPOKES;
}

/**
 * A network's address space as its gateway's peers see it (`addressSpaceText`), with, on an Azure
 * hub, the spokes that use its gateway (AZ-R35; for a static connection the peer is configured
 * with the same prefixes [GUESS: the address space a local network gateway's peer must route]).
 */
export function transitAddressSpace(topology: Topology, network: Network): readonly string[] {
  const own = addressSpaceText(network);
  if (network.provider !== 'azure') return own;
  const spokes = transitSpokesOf(topology, network);
  if (spokes.length === 0) return own;
  let t = spaceCache.get(network);
  if (!t || t.spokes !== spokes) {
    t = { spokes, space: [...own, ...spokes.flatMap((s) => s.cidrs)] };
    spaceCache.set(network, t);
  }
  return t.space;
}
const spaceCache = new WeakMap<Network, { spokes: readonly Network[]; space: readonly string[] }>();

/**
 * AZ-R36 for a timeline change: why a VPN gateway may not be created in `network` (it uses a
 * remote gateway), or undefined.
 */
export function transitRefusesGatewayIn(topology: Topology, network: string): string | undefined {
  const hub = transitHubOf(topology, network);
  return hub
    ? `${network} uses the remote gateway of ${hub.hub.name} (gateway transit): a VNet that uses remote gateways cannot have a gateway of its own — remove gatewayTransit from its peering first`
    : undefined;
}

/**
 * AZ-R36 for a timeline change: why `hub/gateway` may not be deleted or made Basic while spokes
 * use it, or undefined.
 */
export function transitRefusesHubChange(
  topology: Topology,
  hub: string,
  what: 'delete' | 'basic',
): string | undefined {
  const spokes = transitSpokesOf(topology, hub);
  if (spokes.length === 0) return undefined;
  const names = spokes.map((s) => s.name).join(', ');
  return what === 'delete'
    ? `${hub}'s VPN gateway is used by ${names} (gateway transit): it cannot be deleted while a peering uses it — remove gatewayTransit from those peerings first`
    : `${hub}'s VPN gateway is used by ${names} (gateway transit): a Basic gateway cannot offer transit — keep a VpnGw SKU`;
}

/** AZ-R36 at load: the refusals, each at the peering's `gatewayTransit` field. */
export function validateGatewayTransit(d: Diagnostics, topology: Topology): void {
  const index = topologyIndex(topology);
  const spokes = new Map<string, number>();
  topology.peerings.forEach((peering, i) => {
    if (peering.gatewayTransit !== true) return;
    const at = ['peerings', i, 'gatewayTransit'];
    const [hubName, spokeName] = peering.between;
    const hub = index.networks.get(hubName)?.network;
    const spoke = index.networks.get(spokeName)?.network;
    if (!hub || !spoke) return; // unknown references are reported elsewhere
    if (hub.provider !== 'azure' || spoke.provider !== 'azure') {
      d.error(
        'AZ-R34',
        `gatewayTransit is an Azure VNet peering setting; ${hubName} and ${spokeName} are not both Azure — remove gatewayTransit`,
        at,
      );
      return;
    }
    const first = spokes.get(spokeName);
    if (first !== undefined) {
      d.error(
        'AZ-R36',
        `${spokeName} already uses the remote gateway of peering ${first + 1} (${topology.peerings[first]!.between[0]}) — only one peering of a VNet may use remote gateways; remove gatewayTransit here`,
        at,
      );
      return;
    }
    spokes.set(spokeName, i);
    const own = spoke.gateways.find((g) => g.kind === 'vpn');
    if (own)
      d.error(
        'AZ-R36',
        `${spokeName} has a gateway of its own (${own.name}): a VNet that uses remote gateways cannot — delete ${own.name} or remove gatewayTransit`,
        at,
      );
    const gw = hub.gateways.find((g) => g.kind === 'vpn');
    if (!gw)
      d.error(
        'AZ-R36',
        `${hubName} has no VPN gateway to offer transit to ${spokeName} — add one to ${hubName} (any SKU but Basic)`,
        at,
      );
    else if (gw.sku === 'Basic')
      d.error(
        'AZ-R36',
        `${hubName}/${gw.name} is a Basic gateway, which cannot offer gateway transit — use VpnGw1 or higher`,
        at,
      );
    if (transitHubOf(topology, hubName) !== undefined)
      d.error(
        'AZ-R36',
        `${hubName} uses a remote gateway itself, so it has no gateway of its own to offer ${spokeName}`,
        at,
      );
  });
}
