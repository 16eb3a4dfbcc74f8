/**
 * Transit in a walk: the ingress table of an AWS transit gateway (AWS-R29) and its Availability
 * Zone check (AWS-R32), and the trace note of Azure gateway transit (AZ-R34).
 */
import { transitHubOf } from '@cloudroute/model';
import type { HopRecorder } from './hop-recorder.js';
import type { Walker } from './walk.js';

/**
 * The table a packet entering transit gateway `tgw` is looked up in (AWS-R29): from another
 * transit gateway's table, the table of `tgw`'s peering attachment to it; else the table of the
 * attachment of the packet's network.
 */
export function tgwIngress(w: Walker, tgw: number, net: number): number {
  const p = w.p;
  const from = p.tgwOfTable.get(w.lastTable);
  if (from !== undefined) return p.tgwPeerIngress.get(tgw * 65536 + from) ?? -1;
  return p.tgwIngress.get(tgw * 65536 + net) ?? -1;
}

/** AZ-R34 (trace only): traffic from `hub`'s VPN gateway crosses the transit peering into `spoke`. */
export function noteTransitIn(w: Walker, hub: number, spoke: number, rec: HopRecorder): void {
  const p = w.p;
  if (transitHubOf(p.state.topology, p.networks[spoke]!)?.hub !== p.networks[hub]) return;
  let g = 0;
  while (g < p.gwPath.length && !(p.gwNet[g] === hub && p.gwTable[g]! >= 0)) g++;
  const from = g < p.gwPath.length ? p.gwPath[g]! : p.networks[hub]!.name;
  rec.note(
    'peering',
    `from ${from} over the peering to ${p.networks[spoke]!.name} (gateway transit, AZ-R34)`,
  );
}

/**
 * AWS-R32: traffic toward a transit gateway from a subnet (not from another TGW) is dropped when
 * the gateway's attachment of the VPC has no subnet in that subnet's Availability Zone.
 */
export function zoneBlocked(w: Walker, tgw: number, subnet: number, rec: HopRecorder | null): boolean {
  const p = w.p;
  if (subnet < 0 || p.tgwOfTable.has(w.lastTable)) return false;
  if (!p.tgwZoneBlocked.has(tgw * 16777216 + subnet)) return false;
  rec?.note(
    'tgw',
    `${p.gwPath[tgw]}'s attachment has no subnet in the Availability Zone of ${p.subnetPath[subnet]}: dropped (AWS-R32)`,
  );
  return true;
}
