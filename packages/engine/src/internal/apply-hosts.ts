/**
 * `host.updated` and the `host.restored` fact that ends a host fault: each provider's own host
 * fields only, and on OpenStack the port-security refusals (OS-R7, OS-R8) of the port addressed.
 */
import type { Draft } from 'immer';
import { openstackPortRefusal } from '@cloudroute/model';
import type { Host, NetworkState, Port, Provider } from '@cloudroute/model';
import { withLabel } from '../labels.js';
import type { HostRestored, HostUpdated } from '../events.js';
import { fieldCheck } from './fields.js';
import { hostFilterCheck } from './filter-refs.js';
import type { Settings } from './fields.js';
import { findHost, findNetwork, networkOfRef, qualify } from './lookup.js';
import type { Found } from './lookup.js';
import { STALE, assign, change, refuse } from './outcome.js';
import type { Outcome, Refused } from './outcome.js';
import type { Touch } from './touched.js';

const HOST_FIELDS: Readonly<Record<Provider, readonly string[]>> = {
  aws: ['sourceDestCheck', 'publicIp', 'ip', 'subnet', 'securityGroups', 'id'],
  azure: ['ipForwarding', 'publicIp', 'ip', 'subnet', 'networkSecurityGroup', 'id'],
  gcp: ['ipForwarding', 'publicIp', 'ip', 'subnet', 'tags', 'serviceAccount', 'running', 'id'],
  openstack: [
    'ipForwarding',
    'publicIp',
    'ip',
    'subnet',
    'ports',
    'portSecurity',
    'allowedAddressPairs',
    'securityGroups',
    'id',
  ],
};
const HOST_HINTS: Readonly<Record<string, string>> = {
  'aws:ipForwarding':
    'AWS hosts forward when sourceDestCheck: false (the default is true); ipForwarding is Azure/GCP',
  sourceDestCheck: 'sourceDestCheck is AWS only: use ipForwarding (Azure AZ-R6, GCP canIpForward)',
};
/** Fields that live on an OpenStack port when the host has `ports`. */
const PORT_FIELDS = new Set(['portSecurity', 'allowedAddressPairs', 'securityGroups', 'ip', 'mac']);

interface HostTarget {
  readonly f: Found<Host>;
  /** Index in `host.ports` of the port addressed, when the host has ports. */
  readonly pi: number | undefined;
  /** The network the addressed port is on (OS-R4 defaults). */
  readonly portNet: string;
}

function hostTarget(
  state: NetworkState,
  path: string,
  port: string | undefined,
  set: Settings,
): HostTarget | Refused {
  const f = findHost(state.topology, path);
  if (!f) return refuse('not-found', `no host ${path}`);
  const net = f.network.name;
  if (port !== undefined && f.network.provider !== 'openstack') {
    return refuse('invalid-target', `port: picks an OpenStack port; ${path} is on ${f.network.provider}`);
  }
  const ports = f.item.ports ?? [];
  if (ports.length === 0) {
    if (
      port !== undefined &&
      (f.item.subnet === undefined || qualify(net, f.item.subnet) !== qualify(net, port))
    ) {
      return refuse('not-found', `${path} has no port on ${port}`);
    }
    return {
      f,
      pi: undefined,
      portNet: f.item.subnet === undefined ? net : networkOfRef(net, f.item.subnet),
    };
  }
  let pi: number | undefined;
  if (port !== undefined) {
    pi = ports.findIndex((p) => qualify(net, p.subnet) === qualify(net, port));
    if (pi < 0) return refuse('not-found', `${path} has no port on ${port}`);
  } else if (ports.length === 1) pi = 0;
  else if (Object.keys(set).some((k) => PORT_FIELDS.has(k))) {
    return refuse('ambiguous-port', `${path} has ${ports.length} ports: say which with port: net/subnet`);
  }
  const p = pi === undefined ? undefined : ports[pi];
  return { f, pi, portNet: p ? networkOfRef(net, p.subnet) : net };
}

function splitSet(
  target: HostTarget,
  set: Settings,
): { host: Record<string, unknown>; port: Record<string, unknown> } {
  const host: Record<string, unknown> = {};
  const port: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(set)) {
    if (target.pi !== undefined && PORT_FIELDS.has(k)) port[k] = v;
    else host[k] = v;
  }
  return { host, port };
}

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

function merged<T extends object>(base: T, set: Record<string, unknown>): T {
  const out = { ...base } as Record<string, unknown>;
  assign(out, set);
  return out as T;
}

/** OS-R7 / OS-R8 for the port an update addresses. */
function portSecurityCheck(state: NetworkState, target: HostTarget, set: Settings): Refused | undefined {
  if (!['portSecurity', 'allowedAddressPairs', 'securityGroups', 'ip'].some((k) => k in set))
    return undefined;
  const host = target.f.item;
  const { host: hs, port: ps } = splitSet(target, set);
  const netDefault = findNetwork(state.topology, target.portNet)?.network.portSecurity ?? true; // OS-R4
  const before: Port | undefined = target.pi === undefined ? undefined : host.ports?.[target.pi];
  const hostAfter = merged(host, hs);
  const portAfter = before ? merged(before, ps) : undefined;
  const wasSecured = before?.portSecurity ?? host.portSecurity ?? netDefault;
  const label = `${target.f.network.name}/${host.name}${before ? ` port ${before.subnet}` : ''}`;
  const refusal = openstackPortRefusal(
    {
      label,
      portSecurity: portAfter?.portSecurity ?? hostAfter.portSecurity ?? netDefault,
      allowedAddressPairs:
        orUndefined(portAfter ? portAfter.allowedAddressPairs : hostAfter.allowedAddressPairs) ?? [],
      securityGroups: orUndefined(portAfter ? portAfter.securityGroups : hostAfter.securityGroups),
      ip: portAfter ? portAfter.ip : hostAfter.ip,
      mac: portAfter?.mac,
    },
    wasSecured,
  );
  return refusal ? refuse(refusal.rule, refusal.message) : undefined;
}

function applyHost(d: Draft<NetworkState>, target: HostTarget, set: Settings): void {
  const h = d.topology.networks[target.f.ni]?.hosts[target.f.i];
  if (!h) return;
  const { host, port } = splitSet(target, set);
  assign(h, host);
  const p = target.pi === undefined ? undefined : h.ports?.[target.pi];
  if (p) assign(p, port);
}

function touchHost(target: HostTarget): (t: Touch) => void {
  return (t) => {
    t.neighborhood(target.f.network.name);
    for (const p of target.f.item.ports ?? []) t.neighborhood(networkOfRef(target.f.network.name, p.subnet));
  };
}

export function hostUpdated(state: NetworkState, ev: HostUpdated): Outcome {
  const target = hostTarget(state, ev.host, ev.port, ev.set);
  if ('kind' in target) return target;
  const bad = fieldCheck('host', target.f.network.provider, ev.set, HOST_FIELDS, HOST_HINTS);
  if (bad) return bad;
  if (target.f.network.provider === 'openstack') {
    const os = portSecurityCheck(state, target, ev.set);
    if (os) return os;
  }
  // FILTERS.md: the host's filter associations (AWS-R36, AWS-R44, AZ-R25, GCP-R29, OS-R18).
  const notes = hostFilterCheck(state, target.f.network, ev.set, ev.host, target.portNet);
  if ('kind' in notes) return notes;
  const scheduled: HostRestored[] = [];
  if (ev.revertAfter !== undefined) {
    // A fault: remember what it replaced, restore it when it ends.
    const host = target.f.item as unknown as Record<string, unknown>;
    const port = (target.pi === undefined ? undefined : target.f.item.ports?.[target.pi]) as
      Record<string, unknown> | undefined;
    const prev: Record<string, unknown> = {};
    for (const k of Object.keys(ev.set)) {
      const from = port && PORT_FIELDS.has(k) ? port : host;
      prev[k] = from[k] ?? null;
    }
    scheduled.push(
      withLabel<HostRestored>({
        type: 'host.restored',
        at: ev.at + Math.max(0, ev.revertAfter),
        origin: 'engine',
        host: ev.host,
        ...(ev.port === undefined ? {} : { port: ev.port }),
        set: prev,
      }),
    );
  }
  return change((d) => applyHost(d, target, ev.set), touchHost(target), { scheduled, notes });
}

export function hostRestored(state: NetworkState, ev: HostRestored): Outcome {
  const target = hostTarget(state, ev.host, ev.port, ev.set);
  if ('kind' in target) return STALE;
  return change((d) => applyHost(d, target, ev.set), touchHost(target));
}
