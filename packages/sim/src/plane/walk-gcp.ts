/**
 * GCP in a walk: an internal load balancer next hop hands the flow to one of its healthy backends
 * (GCP-R5, GCP-R8), and the implied deny-ingress rule under `firewall: provider-default` (GCP-R24).
 */
import { DELIVERED, outcomeCode } from './codes.js';
import type { HopRecorder } from './hop-recorder.js';
import type { Walker } from './walk.js';

const NOT_FORWARDING = outcomeCode('next-hop-not-forwarding');
const NOT_READY = outcomeCode('gateway-not-ready');
const LOOP = outcomeCode('loop');
const FIREWALL = outcomeCode('firewall');

/** GCP-R24: the `default` network's `default-allow-internal` source range, 10.128.0.0/9. */
const GCP_INTERNAL_LO = 0x0a800000;
const GCP_INTERNAL_HI = 0x0affffff;

/**
 * GCP-R5 / GCP-R8: the backend of ILB `g` that takes w flow, or `-1 - outcome`. Records every
 * backend (a change in any of them may move the flow).
 */
export function ilbBackend(
  w: Walker,
  g: number,
  region: number,
  from: number,
  rec: HopRecorder | null,
): number {
  const p = w.p;
  if (g < 0) {
    rec?.note('ilb', 'the next hop names no internal load balancer of the network');
    return -1 - NOT_FORWARDING;
  }
  w.enter(g, rec);
  if (p.gwReady[g] === 0) return -1 - NOT_READY;
  const lbRegion = p.gwRegion[g]!;
  if (p.gwGlobalAccess[g] === 0 && lbRegion >= 0 && region >= 0 && region !== lbRegion) {
    rec?.note(
      'ilb',
      `${p.gwPath[g]} lives in ${p.regions[lbRegion]} without global access: packets from ${p.regions[region]} are dropped (GCP-R5)`,
    );
    return -1 - NOT_FORWARDING;
  }
  for (let k = p.ilbStart[g]!, e = p.ilbStart[g + 1]!; k < e; k++) w.push(p.hostNode[p.ilbAll[k]!]!);
  const first = p.ilbHealthyStart[g]!;
  const n = p.ilbHealthyStart[g + 1]! - first;
  if (n === 0) {
    rec?.note('ilb', `${p.gwPath[g]} has no running backend that forwards`);
    return -1 - NOT_FORWARDING;
  }
  if (n >= 2) w.hashed = true;
  const b = p.ilbHealthy[first + (w.hash % n)]!;
  if (b === from) {
    // The flow hashes to the same backend again: it would go round for ever.
    rec?.note(
      'ilb',
      `${p.gwPath[g]} hands the packet back to ${p.hostPath[b]}, which sent it: the route also applies to the backend's own forwarded packets (give the route network tags the backends lack)`,
    );
    return -1 - LOOP;
  }
  rec?.note(
    'ilb',
    `${p.gwPath[g]} hands the flow to backend ${p.hostPath[b]} (hash over ${n} healthy backends)`,
  );
  return b;
}

/** GCP-R24: the implied deny-ingress rule (the `default` network allows 10.128.0.0/9). */
export function gcpIngress(w: Walker, n: number, host: number, rec: HopRecorder | null): number {
  const p = w.p;
  if (host >= 0) w.push(p.hostNode[host]!);
  if (p.netDefaultRules[n] === 1 && w.srcLo >= GCP_INTERNAL_LO && w.srcHi <= GCP_INTERNAL_HI)
    return DELIVERED;
  rec?.note(
    'firewall',
    `the implied deny-ingress rule of ${p.networks[n]!.name} drops it: no firewall rule allows it in (GCP-R24)`,
  );
  return FIREWALL;
}
