/**
 * What the provider builders share while they write one scenario document: the document's lists,
 * an address plan that keeps every network and site apart, and the registries that later steps
 * draw from — flow sources and destinations, VPN endpoints for sites, candidate timeline actions,
 * gateway lifecycles (delete, then create again) and topology edits for what-if variants.
 *
 * Address plan: network k owns 10.B.0.0/16 with B = 10 + k (AWS and Azure write it as `cidrs`;
 * every provider's subnets are /24s or smaller inside it); site s owns 192.168.16s.0/20 and peers
 * from the loopback 172.16.s.1; external OpenStack networks take 198.51.(100 + e).0/24.
 */
import type { Draw } from './draw.js';

/** A plain JSON object of the scenario document. */
export type Obj = Record<string, unknown>;

export type Provider = 'aws' | 'azure' | 'gcp' | 'openstack';

/** A scenario document as the format writes it (only the parts the generators fill). */
export interface ScenarioDoc {
  name: string;
  seed: number;
  horizon: string;
  firewall?: 'none' | 'provider-default' | 'rules';
  serviceTags?: Obj;
  profile?: Obj;
  networks: Obj[];
  sites: Obj[];
  connections: Obj[];
  peerings: Obj[];
  flows: Obj[];
  timeline: Obj[];
  expect?: Obj[];
}

/** A gateway that sites may connect to. */
export interface Endpoint {
  /** `net/gw`. */
  readonly gateway: string;
  readonly provider: Provider;
  readonly kind: string;
  /** Whether connections to it may (or must) run BGP. */
  readonly bgp: 'yes' | 'no' | 'either';
  /** The gateway's ASN (a site's must differ). */
  readonly asn: number;
  /** Addresses a site peering from a loopback needs routes to (AZ-R21). */
  readonly peerIps: readonly string[];
  /** Tunnels of a connection to it (for `tunnel:` indexes). */
  readonly tunnels: number;
  /** Called once a site is connected (adds routes that name the connection, attachments, ...). */
  readonly connected?: (connection: string, siteCidr: string) => void;
}

/** A candidate timeline action: `make(at)` writes it. */
export interface Candidate {
  readonly label: string;
  readonly make: (at: string) => Obj;
}

/** A gateway the timeline deletes and later creates again (or recreates by update). */
export interface Lifecycle {
  readonly gateway: string;
  readonly network: string;
  readonly spec: Obj;
}

/** A topology edit for the B side of a what-if, applied to a copy of the document. */
export interface Mutation {
  readonly label: string;
  readonly apply: (doc: ScenarioDoc) => void;
}

/** A network as later steps see it. */
export interface NetInfo {
  readonly name: string;
  readonly provider: Provider;
  readonly block: number;
  readonly doc: Obj;
  /** Subnets that flows may start from or go to: name and CIDR. */
  readonly subnets: { readonly name: string; readonly cidr: string }[];
  /** Hosts: name and address. */
  readonly hosts: { readonly name: string; readonly ip: string }[];
  /** Route tables (AWS, Azure) that peering and connection steps may add routes to. */
  readonly tables: Obj[];
}

export class GenContext {
  readonly networks: NetInfo[] = [];
  readonly sites: Obj[] = [];
  readonly connections: Obj[] = [];
  readonly peerings: Obj[] = [];
  readonly endpoints: Endpoint[] = [];
  readonly candidates: Candidate[] = [];
  readonly lifecycles: Lifecycle[] = [];
  readonly mutations: Mutation[] = [];
  /** Extra flow destinations (prefixes) beyond subnets, hosts and sites. */
  readonly destinations: string[] = [];
  /** The mix asks for traffic filters (gen/filters.ts): flows get protocols and ports. */
  filters = false;
  private nextBlock = 10;
  private nextExternal = 100;

  constructor(readonly d: Draw) {}

  /** The next free second octet of 10.B.0.0/16. */
  block(): number {
    return this.nextBlock++;
  }

  /** The next external network range. */
  externalRange(): string {
    return `198.51.${this.nextExternal++}.0/24`;
  }

  action(label: string, make: (at: string) => Obj): void {
    this.candidates.push({ label, make: (at) => ({ at, ...make(at) }) });
  }

  /**
   * A candidate `gateway.update` of `gateway` that only a recreation may make (AWS-R21 and GCP-R19
   * ASNs, AZ-R17 VPN type): refused without `recreate`, drawn with it or without.
   */
  recreateOnly(label: string, gateway: string, set: Obj): void {
    this.action(label, () => ({
      do: 'gateway.update',
      gateway,
      set: { ...set },
      ...(this.d.bool() ? { recreate: true } : {}),
    }));
  }

  mutate(label: string, apply: (doc: ScenarioDoc) => void): void {
    this.mutations.push({ label, apply });
  }

  network(name: string): NetInfo | undefined {
    return this.networks.find((n) => n.name === name);
  }
}

/**
 * Network document `doc` (of address block `block`) as later steps see it: its subnets (Azure's
 * GatewaySubnet left out) and, unless `hosts` lists them, its hosts, by name and address.
 */
export function netInfo(doc: Obj, block: number, tables: Obj[], hosts?: NetInfo['hosts']): NetInfo {
  const provider = doc['provider'] as Provider;
  const subnets = (doc['subnets'] as Obj[]).filter(
    (s) => provider !== 'azure' || s['name'] !== 'GatewaySubnet',
  );
  return {
    name: doc['name'] as string,
    provider,
    block,
    doc,
    subnets: subnets.map((s) => ({ name: s['name'] as string, cidr: s['cidr'] as string })),
    hosts:
      hosts ?? (doc['hosts'] as Obj[]).map((h) => ({ name: h['name'] as string, ip: h['ip'] as string })),
    tables,
  };
}

/** The object named `name` in `list` (for mutations on a copied document). */
export function named(list: unknown, name: string): Obj {
  const found = (list as Obj[]).find((o) => o['name'] === name);
  if (found === undefined) throw new Error(`generator: no object ${name}`);
  return found;
}

/** A network of the document by name. */
export function netOf(doc: ScenarioDoc, name: string): Obj {
  return named(doc.networks, name);
}

/** `10.B.n.0/24`. */
export function subnet24(block: number, n: number): string {
  return `10.${block}.${n}.0/24`;
}

/** An address `10.B.n.h`. */
export function addr(block: number, n: number, h: number): string {
  return `10.${block}.${n}.${h}`;
}
