/**
 * AWS route targets: what a route's `nextHop` does (RouteAction), and the blackhole state of a
 * route whose target is gone (AWS-R12).
 */
import type { NetworkState } from '../state.js';
import type { RouteAction } from '../tables.js';
import { opaqueAction } from '../opaque.js';
import type { Gateway, Network, NextHop } from '../topology.js';
import { findHostByIp } from '../lookup.js';
import { gatewayPhase } from '../internal/status.js';
import { isAwsNextHop } from '../internal/next-hops.js';
import { topologyIndex, type GatewayRef } from '../internal/topology-index.js';

export interface ResolvedTarget {
  readonly nextHopType: string;
  readonly action: RouteAction;
  readonly nextHopIp?: string;
  /** AWS-R12: the target does not exist (deleted or never created): state `blackhole`. */
  readonly blackhole?: string;
}

const drop = (nextHopType: string, why: string, nextHopIp?: string): ResolvedTarget => ({
  nextHopType,
  action: { kind: 'drop', reason: 'blackhole' },
  blackhole: why,
  ...(nextHopIp !== undefined ? { nextHopIp } : {}),
});

/** A gateway of the VPC by name; deleted or missing → undefined. */
function ownGateway(
  state: NetworkState,
  network: Network,
  name: string,
  kind: Gateway['kind'],
): string | undefined {
  const gw = network.gateways.find((g) => g.name === name && g.kind === kind);
  if (!gw) return undefined;
  const path = `${network.name}/${name}`;
  return gatewayPhase(state, path) === 'deleted' ? undefined : path;
}

/** A transit gateway named from a VPC: `tgw1` (same network), `net/tgw1`, or a unique name elsewhere. */
export function resolveTgw(state: NetworkState, network: Network, name: string): GatewayRef | undefined {
  const index = topologyIndex(state.topology);
  const candidates = name.includes('/')
    ? [index.gateways.get(name)]
    : [
        index.gateways.get(`${network.name}/${name}`),
        ...[...index.gateways.values()].filter((g) => g.gateway.name === name),
      ];
  return candidates.find((g) => g?.gateway.kind === 'tgw');
}

/** The peering a `peering` target names: a peering `name`, or the network on the other side. */
export function resolvePeering(
  state: NetworkState,
  network: Network,
  name: string,
): { other: string; peering?: string } | undefined {
  const refs = topologyIndex(state.topology).peeringsByNetwork.get(network.name) ?? [];
  const byName = refs.find((r) => r.peering.name === name);
  if (byName)
    return byName.peering.name !== undefined
      ? { other: byName.other, peering: byName.peering.name }
      : { other: byName.other };
  const byNet = refs.find((r) => r.other === name);
  if (!byNet) return undefined;
  return byNet.peering.name !== undefined
    ? { other: byNet.other, peering: byNet.peering.name }
    : { other: byNet.other };
}

export function resolveAwsTarget(state: NetworkState, network: Network, hop: NextHop): ResolvedTarget {
  if (!isAwsNextHop(hop)) return drop(hop.type, `${hop.type} is not an AWS route target`);
  switch (hop.type) {
    case 'local':
      return { nextHopType: 'local', action: { kind: 'local', network: network.name } };
    case 'igw': {
      const gw = ownGateway(state, network, hop.gateway, 'igw');
      return gw
        ? { nextHopType: 'igw', action: { kind: 'internet', gateway: gw } }
        : drop('igw', `internet gateway ${hop.gateway} does not exist`);
    }
    case 'nat': {
      const gw = ownGateway(state, network, hop.gateway, 'nat');
      return gw
        ? { nextHopType: 'nat', action: { kind: 'nat', gateway: gw } }
        : drop('nat', `NAT gateway ${hop.gateway} does not exist`);
    }
    case 'vgw': {
      const gw = ownGateway(state, network, hop.gateway, 'vgw');
      return gw
        ? { nextHopType: 'vgw', action: { kind: 'gateway', gateway: gw } }
        : drop('vgw', `virtual private gateway ${hop.gateway} does not exist`);
    }
    case 'tgw': {
      const ref = resolveTgw(state, network, hop.gateway);
      if (!ref || gatewayPhase(state, ref.path) === 'deleted')
        return drop('tgw', `transit gateway ${hop.gateway} does not exist`);
      // AWS-R29/R32: the VPC reaches the TGW through its VPC attachment, whose associated table looks the packet up.
      const att = (ref.gateway.attachments ?? []).find((a) => a.network === network.name);
      if (!att) return drop('tgw', `transit gateway ${hop.gateway} has no attachment for ${network.name}`);
      return { nextHopType: 'tgw', action: { kind: 'gateway', gateway: ref.path, attachment: att.name } };
    }
    case 'vpce': {
      // AWS-R45: the routes to a gateway endpoint (its service's prefix list) deliver there.
      const gw = ownGateway(state, network, hop.gateway, 'vpcEndpoint');
      return gw
        ? { nextHopType: 'vpce', action: { kind: 'gateway', gateway: gw } }
        : drop('vpce', `gateway endpoint ${hop.gateway} does not exist`);
    }
    case 'eni': {
      const host = findHostByIp(state, hop.ip, [network.name]);
      // AWS-R12: a route to a deleted network interface is a blackhole.
      if (!host) return drop('eni', `no network interface has ${hop.ip}`, hop.ip);
      return {
        nextHopType: 'eni',
        nextHopIp: hop.ip,
        action: { kind: 'appliance', ip: hop.ip, host: host.path },
      };
    }
    case 'peering': {
      const p = resolvePeering(state, network, hop.gateway);
      if (!p) return drop('peering', `peering ${hop.gateway} does not exist`);
      const action: RouteAction =
        p.peering !== undefined
          ? { kind: 'peering', network: p.other, peering: p.peering }
          : { kind: 'peering', network: p.other };
      return { nextHopType: 'peering', action };
    }
    case 'blackhole':
      return drop('blackhole', 'blackhole route');
    case 'opaque':
      // Imported, not modelled (opaque.ts): kept and selected; the packet's verdict is `unknown`.
      return { nextHopType: 'opaque', action: opaqueAction(hop) };
  }
}
