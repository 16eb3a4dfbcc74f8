/**
 * An index of the named objects of a document, read defensively from the plain data, so that
 * references can be checked even where other parts of the file are broken. Building it reports
 * duplicate names.
 */
import type { Address, Prefix } from '@cloudroute/lpm';
import { splitPath } from '@cloudroute/model';
import type { Provider } from '@cloudroute/model';
import type { FindingSink, JsonPath } from '../findings.js';
import { tryParseAddress, tryParsePrefix } from '../internal/ip.js';
import { field, objects, stringField } from '../internal/raw.js';
import type { RawObject } from '../internal/raw.js';
import { PROVIDERS } from '../schema/registry.js';

export interface Entry {
  readonly name: string;
  readonly path: JsonPath;
  readonly raw: RawObject;
}

export interface SubnetEntry extends Entry {
  readonly cidr: Prefix | undefined;
}

export interface GatewayEntry extends Entry {
  readonly kind: string | undefined;
}

export interface NetworkEntry extends Entry {
  readonly provider: Provider | undefined;
  readonly cidrs: readonly { readonly prefix: Prefix; readonly path: JsonPath }[];
  readonly subnets: ReadonlyMap<string, SubnetEntry>;
  readonly routeTables: ReadonlyMap<string, Entry>;
  readonly hosts: ReadonlyMap<string, Entry>;
  readonly gateways: ReadonlyMap<string, GatewayEntry>;
}

interface TopologyIndex {
  readonly networks: ReadonlyMap<string, NetworkEntry>;
  readonly sites: ReadonlyMap<string, Entry>;
  readonly connections: ReadonlyMap<string, Entry>;
  /** Peerings that have a name (AWS `peering` next hops name them). */
  readonly peerings: ReadonlyMap<string, Entry>;
  readonly flows: ReadonlyMap<string, Entry>;
}

/** Everything a check needs: the document, where to report, the index, and line numbers for messages. */
export interface CheckContext {
  readonly data: RawObject | undefined;
  readonly sink: FindingSink;
  readonly index: TopologyIndex;
  readonly lineOf: (path: JsonPath) => number;
}

function parsePrefixValue(v: unknown): Prefix | undefined {
  if (typeof v !== 'string') return undefined;
  const r = tryParsePrefix(v);
  return r.ok ? r.value : undefined;
}

export function parseAddressValue(v: unknown): Address | undefined {
  if (typeof v !== 'string') return undefined;
  const r = tryParseAddress(v);
  return r.ok ? r.value : undefined;
}

/** Collects the named items of a list, reporting a repeated name at its `name` field. */
function named<T extends Entry>(
  owner: RawObject | undefined,
  ownerPath: JsonPath,
  key: string,
  what: string,
  scope: string,
  sink: FindingSink,
  lineOf: (path: JsonPath) => number,
  make: (entry: Entry) => T = (e) => e as T,
): Map<string, T> {
  const out = new Map<string, T>();
  for (const { item, index } of objects(owner, key)) {
    const name = stringField(item, 'name');
    if (name === undefined) continue;
    const path = [...ownerPath, key, index];
    const first = out.get(name);
    if (first !== undefined) {
      sink.error(
        [...path, 'name'],
        'duplicate-name',
        `duplicate ${what} name \`${name}\`${scope} — the first is at line ${lineOf(first.path)}; rename one`,
      );
      continue;
    }
    out.set(name, make({ name, path, raw: item }));
  }
  return out;
}

export function buildIndex(
  data: RawObject | undefined,
  sink: FindingSink,
  lineOf: (path: JsonPath) => number,
): TopologyIndex {
  const networks = named(data, [], 'networks', 'network', '', sink, lineOf, (e): NetworkEntry => {
    const provider = stringField(e.raw, 'provider');
    const scope = ` in network ${e.name}`;
    return {
      ...e,
      provider: PROVIDERS.find((p) => p === provider),
      cidrs: objectsOrStrings(field(e.raw, 'cidrs')).flatMap(({ value, index }) => {
        const prefix = parsePrefixValue(value);
        return prefix === undefined ? [] : [{ prefix, path: [...e.path, 'cidrs', index] }];
      }),
      subnets: named(e.raw, e.path, 'subnets', 'subnet', scope, sink, lineOf, (s) => ({
        ...s,
        cidr: parsePrefixValue(field(s.raw, 'cidr')),
      })),
      routeTables: named(e.raw, e.path, 'routeTables', 'route table', scope, sink, lineOf),
      hosts: named(e.raw, e.path, 'hosts', 'host', scope, sink, lineOf),
      gateways: named(e.raw, e.path, 'gateways', 'gateway', scope, sink, lineOf, (g) => ({
        ...g,
        kind: stringField(g.raw, 'kind'),
      })),
    };
  });
  return {
    networks,
    sites: named(data, [], 'sites', 'site', '', sink, lineOf),
    connections: named(data, [], 'connections', 'connection', '', sink, lineOf),
    peerings: named(data, [], 'peerings', 'peering', '', sink, lineOf),
    flows: named(data, [], 'flows', 'flow group', '', sink, lineOf),
  };
}

function objectsOrStrings(v: unknown): { value: unknown; index: number }[] {
  return Array.isArray(v) ? v.map((value: unknown, index) => ({ value, index })) : [];
}

/**
 * The two parts of a written `net/obj` reference (model's `splitPath`); undefined when the value
 * is not text or not exactly two non-empty parts.
 */
export function refParts(ref: unknown): { readonly network: string; readonly object: string } | undefined {
  if (typeof ref !== 'string') return undefined;
  const parts = splitPath(ref);
  if (parts === undefined || parts[1].includes('/')) return undefined;
  return { network: parts[0], object: parts[1] };
}
