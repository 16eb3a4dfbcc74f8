/**
 * GCP gateways in the plane: interned regions, ILB global access and the ILB backends, all and
 * healthy (GCP-R5, GCP-R8).
 */
import type { Gateway } from '@cloudroute/model';
import type { ForwardingPlane } from './compile.js';

/** GCP regions of gateways, ILB global access and backends (GCP-R5, GCP-R8). */
export function indexGcpGateways(
  plane: ForwardingPlane,
  gws: readonly { readonly net: number; readonly gateway: Gateway }[],
  regionOf: (r: string | undefined) => number,
): void {
  const G = gws.length;
  plane.gwRegion = new Int32Array(G).fill(-1);
  plane.gwGlobalAccess = new Uint8Array(G);
  plane.ilbStart = new Int32Array(G + 1);
  plane.ilbHealthyStart = new Int32Array(G + 1);
  const all: number[] = [];
  const healthy: number[] = [];
  gws.forEach((g, i) => {
    plane.ilbStart[i] = all.length;
    plane.ilbHealthyStart[i] = healthy.length;
    const net = plane.networks[g.net]!;
    if (net.provider !== 'gcp') return;
    const gw = g.gateway;
    const router = gw.router !== undefined ? net.gateways.find((x) => x.name === gw.router) : undefined;
    plane.gwRegion[i] = regionOf(gw.region ?? router?.region);
    plane.gwGlobalAccess[i] = gw.globalAccess === true ? 1 : 0;
    if (gw.kind !== 'ilb') return;
    for (const b of gw.backends ?? []) {
      const h = plane.hostIndex.get(b.includes('/') ? b : `${net.name}/${b}`);
      if (h === undefined) continue;
      all.push(h);
      // A backend takes traffic while it is running and forwards (health check; canIpForward).
      if (plane.hostForwards[h] === 1) healthy.push(h);
    }
  });
  plane.ilbStart[G] = all.length;
  plane.ilbHealthyStart[G] = healthy.length;
  plane.ilbAll = Int32Array.from(all);
  plane.ilbHealthy = Int32Array.from(healthy);
}
