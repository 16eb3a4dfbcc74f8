/**
 * OpenStack ports: the plane's host arrays are per port; an owner (host) has one or more ports,
 * each with its port security, allowed address pairs (OS-R4..R9) and security groups (OS-R11).
 */
import type { AllowedAddressPair, Host, Network, Port } from '@cloudroute/model';
import type { ForwardingPlane } from './compile.js';
import { range4 } from './tables.js';

/** OS-R4 / OS-R5 / OS-R11: the security settings of one OpenStack port. */
export interface PortSecurity {
  readonly on: boolean;
  readonly pairs: readonly AllowedAddressPair[];
  /** Security groups; the project's `default` group when port security is on and none is given (OS-R8). */
  readonly groups: readonly string[];
}

/** Per-port arrays: owners, OpenStack port security and pairs (OS-R4..R9), security groups (OS-R11). */
export function indexPorts(
  plane: ForwardingPlane,
  ports: readonly { readonly owner: number; readonly ip: number; readonly sec: PortSecurity }[],
  owners: number,
): void {
  const P = ports.length;
  plane.portOwner = Int32Array.from(ports, (p) => p.owner);
  plane.ownerFirst = new Int32Array(owners).fill(-1);
  plane.ownerCount = new Int32Array(owners);
  ports.forEach((p, i) => {
    if (plane.ownerFirst[p.owner] === -1) plane.ownerFirst[p.owner] = i;
    plane.ownerCount[p.owner]!++;
  });
  plane.portSecurity = Uint8Array.from(ports, (p) => (p.sec.on ? 1 : 0));
  plane.pairStart = new Int32Array(P + 1);
  const lo: number[] = [];
  const hi: number[] = [];
  const mLo: number[] = [];
  const mHi: number[] = [];
  plane.portGroups = new Uint8Array(P);
  ports.forEach((p, i) => {
    plane.pairStart[i] = lo.length;
    const member = p.sec.on && p.sec.groups.includes('default');
    plane.portGroups[i] = (p.sec.groups.length > 0 ? 1 : 0) | (member ? 2 : 0);
    if (member) {
      mLo.push(p.ip);
      mHi.push(p.ip);
    }
    if (!p.sec.on) return; // OS-R7: pairs take effect only with port security
    for (const pair of p.sec.pairs) {
      const r = range4(pair.ip.includes('/') ? pair.ip : `${pair.ip}/32`);
      if (r.lo > r.hi) continue;
      lo.push(r.lo);
      hi.push(r.hi);
      if (member) {
        mLo.push(r.lo);
        mHi.push(r.hi);
      }
    }
  });
  plane.pairStart[P] = lo.length;
  plane.pairLo = Float64Array.from(lo);
  plane.pairHi = Float64Array.from(hi);
  plane.memberLo = Float64Array.from(mLo);
  plane.memberHi = Float64Array.from(mHi);
}

/** OS-R4: port, then host shorthand, then the port's network, then true; OS-R8: default group. */
export function portSecurity(portNet: Network, h: Host, port: Port | undefined): PortSecurity {
  if (portNet.provider !== 'openstack') return { on: false, pairs: [], groups: [] };
  const on = port?.portSecurity ?? h.portSecurity ?? portNet.portSecurity ?? true;
  const pairs = (port ? port.allowedAddressPairs : h.allowedAddressPairs) ?? [];
  const groups = (port ? port.securityGroups : h.securityGroups) ?? (on ? ['default'] : []);
  return { on, pairs, groups: on ? groups : [] };
}
