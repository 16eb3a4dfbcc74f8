/** VNet peerings, with gateway transit (AZ-R34) when one side uses the other's VPN gateway. */
import type { DPeering } from '../draft.js';
import { arr, obj, str, type JsonObject } from '../internal/json.js';
import { canonicalPrefix } from '../internal/ip.js';
import { T } from './inventory.js';
import { idKey, lastSegment, parentId, prefixes, ref, type AzureObject } from './normalize.js';
import type { Ctx } from './context.js';

export function buildPeerings(c: Ctx): void {
  const seen = new Set<string>();
  /** AZ-R34: pair → the side whose peering uses remote gateways (the spoke). */
  const spokeOf = new Map<string, { key: string; where: AzureObject; name: string }>();
  const byPair = new Map<string, DPeering>();
  const candidates: { o: JsonObject; parent: string | undefined; where: AzureObject }[] = [];
  for (const v of c.all(T.vnet))
    for (const p of arr(v.o['virtualNetworkPeerings'])) {
      const o = obj(p);
      if (o !== undefined) candidates.push({ o, parent: v.id, where: v });
    }
  for (const p of c.all(T.peering))
    candidates.push({ o: p.o, parent: parentId(p.id, 'virtualNetworkPeerings'), where: p });
  for (const { o, parent, where } of candidates) {
    const name = str(o['name']) ?? '?';
    const remote = ref(o['remoteVirtualNetwork']);
    const a = parent === undefined ? undefined : c.nets.get(idKey(parent));
    if (a === undefined || remote === undefined) continue;
    const state = str(o['peeringState']) ?? 'Connected';
    if (state.toLowerCase() !== 'connected') {
      c.warn(
        where,
        'stale',
        `peering ${name} is ${state} — skipped (a peering carries traffic once Connected on both sides)`,
      );
      continue;
    }
    let b = c.nets.get(idKey(remote));
    if (b === undefined) {
      const space = prefixes(
        obj(o['remoteVirtualNetworkAddressSpace'] ?? o['remoteAddressSpace'])?.['addressPrefixes'],
      )
        .map((p) => canonicalPrefix(p))
        .filter((p) => p !== undefined);
      if (space.length === 0) {
        c.warn(
          where,
          'missing-reference',
          `peering ${name}: remote network ${remote} is not in the input — skipped`,
        );
        continue;
      }
      b = {
        key: idKey(remote),
        id: remote,
        names: [lastSegment(remote)],
        provider: 'azure',
        cidrs: space,
        subnets: [],
        routeTables: [],
        hosts: [],
        gateways: [],
      };
      c.nets.set(b.key, b);
      c.t.networks.push(b);
      c.warn(
        where,
        'missing-reference',
        `virtual network ${lastSegment(remote)} (peer of ${a.names[0] ?? a.key}) is not in the input — added with its address space and no subnets`,
      );
    }
    const pair = [a.key, b.key].sort().join('|');
    // AZ-R34: the side that uses remote gateways is the spoke (Azure requires the other side to allow transit).
    if (o['useRemoteGateways'] === true && !spokeOf.has(pair)) spokeOf.set(pair, { key: a.key, where, name });
    if (seen.has(pair)) continue;
    seen.add(pair);
    const id = str(o['id']);
    const peering: DPeering = {
      key: `peering:${pair}`,
      ...(id !== undefined ? { id } : {}),
      names: [name],
      a: a.key,
      b: b.key,
    };
    byPair.set(pair, peering);
    c.t.peerings.push(peering);
  }
  // AZ-R34: a transit peering names the hub first and the spoke second. What Azure would refuse
  // (AZ-R36) cannot come from a real export unless the input is partial: warned, transit dropped.
  const transitSpokes = new Set<string>();
  const hasVpn = (key: string): boolean => c.nets.get(key)?.gateways.some((g) => g.kind === 'vpn') === true;
  for (const [pair, spoke] of spokeOf) {
    const p = byPair.get(pair);
    if (!p) continue;
    const hub = p.a === spoke.key ? p.b : p.a;
    const hubName = c.nets.get(hub)?.names[0] ?? hub;
    const problem = !hasVpn(hub)
      ? `the remote network ${hubName} has no VPN gateway in the input`
      : hasVpn(spoke.key)
        ? 'the network has a VPN gateway of its own'
        : transitSpokes.has(spoke.key)
          ? 'another peering of the network already uses remote gateways'
          : undefined;
    if (problem !== undefined) {
      c.warn(
        spoke.where,
        'unsupported',
        `peering ${spoke.name} uses remote gateways but ${problem} — imported without gateway transit (AZ-R36)`,
      );
      continue;
    }
    transitSpokes.add(spoke.key);
    p.a = hub;
    p.b = spoke.key;
    p.gatewayTransit = true;
  }
}
