/**
 * Filter tests of the data plane: programs written by hand and served by a compiler registered in
 * the test (registerFilterCompiler), so the plane's check order, replies and outputs are tested
 * apart from the providers' compilers (packages/model).
 */
import {
  ANY_PROTOCOL,
  type FilterEntry,
  type FilterKind,
  type FilterProgram,
  type Network,
  type NetworkState,
} from '@cloudroute/model';
import { registerFilterCompiler } from '../../model/src/filters/compile.js';
import { parsePrefix4 } from '../src/internal/lpm-adapter.js';

export interface Point {
  readonly in?: FilterProgram;
  readonly out?: FilterProgram;
}

/** One network's check points, by host name (`name` or `name:k` for port k), subnet name. */
export interface TestFilters {
  readonly host?: Readonly<Record<string, Point>>;
  readonly subnet?: Readonly<Record<string, Point>>;
  readonly defaultHost?: Readonly<Record<string, Point>>;
}

/** Serves every provider's filters from `fn` (per state and network). */
export function useTestFilters(fn: (state: NetworkState, network: Network) => TestFilters): void {
  for (const provider of ['aws', 'azure', 'gcp', 'openstack'] as const)
    registerFilterCompiler(provider, (state, network) => {
      const f = fn(state, network);
      const pick = (p: Point | undefined, d: 'in' | 'out'): FilterProgram | undefined => p?.[d];
      return {
        host: (host, port, d) => pick(f.host?.[`${host}:${port}`] ?? f.host?.[host], d),
        defaultHost: (subnet, d) => pick(f.defaultHost?.[subnet], d),
        subnet: (subnet, d) => pick(f.subnet?.[subnet], d),
      };
    });
}

function range(cidr: string | undefined): number[] | null {
  if (cidr === undefined) return null;
  const p = parsePrefix4(cidr)!;
  return [p.network, p.network + 2 ** (32 - p.length) - 1];
}

export interface RuleSpec {
  readonly protocol?: number;
  readonly ports?: readonly [number, number];
  readonly sourcePorts?: readonly [number, number];
  readonly src?: string;
  readonly dst?: string;
}

export function rule(object: string, name: string, allow: boolean, m: RuleSpec = {}): FilterEntry {
  return {
    object,
    rule: name,
    allow,
    protocol: m.protocol ?? ANY_PROTOCOL,
    dstPortLo: m.ports?.[0] ?? 0,
    dstPortHi: m.ports?.[1] ?? 65535,
    srcPortLo: m.sourcePorts?.[0] ?? 0,
    srcPortHi: m.sourcePorts?.[1] ?? 65535,
    src: range(m.src),
    dst: range(m.dst),
  };
}

export function program(
  kind: FilterKind,
  direction: string,
  entries: readonly FilterEntry[],
  o: {
    readonly object: string;
    readonly rule?: string;
    readonly allow?: boolean;
    readonly stateful?: boolean;
  },
): FilterProgram {
  return {
    kind,
    direction,
    entries,
    defaultObject: o.object,
    defaultRule: o.rule ?? 'implicit-deny',
    defaultAllow: o.allow ?? false,
    stateful: o.stateful ?? kind !== 'networkAcl',
  };
}

/** An allow-all program (a NACL's rule 100, an open SG). */
export function open(kind: FilterKind, direction: string, object: string, stateful?: boolean): FilterProgram {
  return program(kind, direction, [rule(object, kind === 'networkAcl' ? '100' : 'all', true)], {
    object,
    rule: kind === 'networkAcl' ? '*' : 'implicit-deny',
    ...(stateful === undefined ? {} : { stateful }),
  });
}

export const TCP = 6;
