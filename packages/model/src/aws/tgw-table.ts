/**
 * Transit gateway route tables (PROVIDERS.md 1.6): one forwarding table `net/tgw#rt` per TGW
 * route table, with its static routes and the routes attachments propagate into it.
 */
import type { NetworkState } from '../state.js';
import type { ForwardingTable } from '../tables.js';
import type { Gateway, Network, TgwAttachment, TgwRouteTable } from '../topology.js';
import { learnedRoutes, type LearnedRoute } from '../bgp/learned.js';
import { draft, finish, pickPerPrefix, type Draft } from '../internal/candidate.js';
import { mustParsePrefix, prefixKey } from '../internal/ip.js';
import { Memo } from '../internal/memo.js';
import { topologyIndex } from '../internal/topology-index.js';
import type { RouteAction } from '../tables.js';

/**
 * AWS-R31: static (VPN static included, blackhole included) > VPC-propagated > Direct Connect
 * gateway (AWS-R46) > VPN-propagated.
 */
const rank = { static: 0, vpc: 1, dx: 2, vpn: 3 } as const;

function attachmentAction(
  att: TgwAttachment | undefined,
  peers: ReadonlyMap<string, string>,
): { action: RouteAction; type: string } | undefined {
  if (att?.peer !== undefined) {
    // AWS-R29, AWS-R30: across a peering attachment the packet continues in the peer transit
    // gateway, in the table its own attachment back to this gateway is associated with.
    const back = peers.get(att.name);
    return back === undefined
      ? undefined
      : { action: { kind: 'gateway', gateway: att.peer, attachment: back }, type: 'peering' };
  }
  if (att?.network !== undefined)
    return { action: { kind: 'peering', network: att.network, peering: att.name }, type: 'vpc' };
  if (att?.connection !== undefined)
    return { action: { kind: 'connection', connection: att.connection }, type: 'vpn' };
  return undefined;
}

/** AWS-R46: the connections of the topology that are Direct Connect (a DX gateway attachment). */
function isDirectConnect(state: NetworkState, connection: string | undefined): boolean {
  if (connection === undefined) return false;
  return topologyIndex(state.topology).connections.get(connection)?.connection.directConnect !== undefined;
}

/** The learned routes of every VPN attachment of the TGW (receiver = the TGW). */
function vpnLearned(
  state: NetworkState,
  tgwPath: string,
  tgw: Gateway,
): ReadonlyMap<string, readonly LearnedRoute[]> {
  const index = topologyIndex(state.topology);
  const out = new Map<string, readonly LearnedRoute[]>();
  for (const a of tgw.attachments ?? []) {
    if (a.connection === undefined) continue;
    const conn = index.connections.get(a.connection)?.connection;
    if (conn && conn.between.includes(tgwPath)) out.set(a.name, learnedRoutes(state, conn, tgwPath));
  }
  return out;
}

/**
 * Per peering attachment of `tgw` (by name): the name of the peer's attachment back to `tgw`
 * (its `peer` is `tgwPath`), when the peer has one.
 */
function peerAttachments(
  tgw: Gateway,
  tgwPath: string,
  peerGws: readonly (Gateway | undefined)[],
): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  (tgw.attachments ?? []).forEach((a, i) => {
    const back = (peerGws[i]?.attachments ?? []).find((b) => b.peer === tgwPath);
    if (a.peer !== undefined && back !== undefined) out.set(a.name, back.name);
  });
  return out;
}

const memo = new Memo<TgwRouteTable, ForwardingTable>();

export function tgwTable(
  state: NetworkState,
  network: Network,
  tgw: Gateway,
  rt: TgwRouteTable,
): ForwardingTable {
  const path = `${network.name}/${tgw.name}`;
  const index = topologyIndex(state.topology);
  const learned = vpnLearned(state, path, tgw);
  const vpcs = (tgw.attachments ?? []).map((a) =>
    a.network !== undefined ? index.networks.get(a.network)?.network : undefined,
  );
  const peerGws = (tgw.attachments ?? []).map((a) =>
    a.peer !== undefined ? index.gateways.get(a.peer)?.gateway : undefined,
  );
  return memo.get(rt, [tgw, ...vpcs, ...peerGws, ...learned.values()], () => {
    const attachments = new Map((tgw.attachments ?? []).map((a) => [a.name, a]));
    const peers = peerAttachments(tgw, path, peerGws);
    const drafts: Draft[] = [];
    for (const r of rt.routes) {
      const target = r.blackhole ? undefined : attachmentAction(attachments.get(r.attachment ?? ''), peers);
      drafts.push(
        draft({
          prefix: r.prefix,
          source: 'static',
          // AWS-R30: a static route may be a blackhole; one to a missing attachment is one too.
          state: target ? 'active' : 'blackhole',
          nextHopType: target?.type ?? 'blackhole',
          action: target?.action ?? { kind: 'drop', reason: 'blackhole' },
          name: r.attachment,
          rank: rank.static,
        }),
      );
    }
    const vpcSeen = new Set<number | string>();
    for (const a of tgw.attachments ?? []) {
      // AWS-R29: a peering attachment propagates nothing (static routes only).
      if (!(a.propagations ?? []).includes(rt.name) || a.peer !== undefined) continue;
      const target = attachmentAction(a, peers)!;
      if (a.network !== undefined) {
        const vpc = index.networks.get(a.network)?.network;
        for (const prefix of vpc?.cidrs ?? []) {
          const key = prefixKey(mustParsePrefix(prefix));
          // AWS-R32: a VPC whose CIDR is identical to an already attached VPC's does not get it propagated.
          if (vpcSeen.has(key)) continue;
          vpcSeen.add(key);
          drafts.push(
            draft({
              prefix,
              source: 'propagated',
              state: 'active',
              nextHopType: 'vpc',
              action: target.action,
              name: a.name,
              rank: rank.vpc,
            }),
          );
        }
      } else {
        // AWS-R29: dynamic VPN attachments propagate their BGP routes; a static VPN's routes count as static (AWS-R31).
        // AWS-R46: a Direct Connect gateway attachment propagates its BGP routes, ranked before VPN.
        const dx = isDirectConnect(state, a.connection);
        for (const r of learned.get(a.name) ?? [])
          drafts.push(
            draft({
              prefix: r.prefix,
              source: r.origin === 'static' ? 'static' : 'propagated',
              state: 'active',
              nextHopType: dx ? 'directConnect' : 'vpn',
              action: target.action,
              name: a.name,
              asPath: r.asPath,
              med: r.med,
              rank: r.origin === 'static' ? rank.static : dx ? rank.dx : rank.vpn,
              tie: a.name,
            }),
          );
      }
    }
    const flags = pickPerPrefix(drafts, (a, b) => {
      if (a.rank !== b.rank) return (a.rank ?? 9) - (b.rank ?? 9);
      const la = a.asPath?.length ?? 0;
      const lb = b.asPath?.length ?? 0;
      if (la !== lb) return la - lb;
      if ((a.med ?? 0) !== (b.med ?? 0)) return (a.med ?? 0) - (b.med ?? 0);
      return 0; // earlier attachment first (ECMP between equal VPN routes is the data plane's choice)
    });
    const routes = finish(drafts, flags, (d, winner) => {
      if (!winner) return undefined;
      if (d.source === 'propagated' && winner.source === 'static')
        return { state: d.state, reason: 'not installed: a static route of equal prefix', rule: 'AWS-R30' };
      return {
        state: d.state,
        reason: `a preferred route via ${winner.name ?? winner.source}`,
        rule: 'AWS-R31',
      };
    });
    return { id: `${path}#${rt.name}`, kind: 'tgw', provider: 'aws', routes };
  });
}
