/**
 * A state's filters, compiled once per topology (and profile) into {@link FilterPrograms}: the
 * dispatcher over each provider's `<provider>/filters.ts`, which owns that provider's rules.
 *
 * Only `firewall: rules` (the topology's, or a network's override) compiles anything here;
 * `provider-default` keeps its existing implementation in the data plane (GCP-R24, OS-R11).
 */
import type { NetworkState } from '../state.js';
import type { Network } from '../topology.js';
import type { FilterChecks, FilterProgram } from './program.js';

/** One network's check points (names are the network's own subnets and hosts). */
export interface NetworkFilters {
  host(host: string, port: number, direction: 'in' | 'out'): FilterProgram | undefined;
  defaultHost(subnet: string, direction: 'in' | 'out'): FilterProgram | undefined;
  subnet(subnet: string, direction: 'in' | 'out'): FilterProgram | undefined;
}

/** What a provider's compiler receives: the whole state (remote groups, peers, service tags) and the network. */
export type NetworkFiltersCompiler = (state: NetworkState, network: Network) => NetworkFilters;

const NONE: NetworkFilters = {
  host: () => undefined,
  defaultHost: () => undefined,
  subnet: () => undefined,
};

/** Provider compilers, registered by each provider's module (see `filters/index.ts`). */
const compilers: Partial<Record<Network['provider'], NetworkFiltersCompiler>> = {};

/**
 * What a network's compiled filters depend on besides the topology and the profile (objects
 * compared by identity), e.g. the routes an Azure gateway learned now (AZ-R30: tag contents at
 * time t follow the routes at time t). A change recompiles the state's filters.
 */
export type NetworkFiltersDeps = (state: NetworkState, network: Network) => readonly unknown[];

const dependencies: Partial<Record<Network['provider'], NetworkFiltersDeps>> = {};

/** Registers a provider's compiler (called once per provider at module load), with its runtime dependencies if any. */
export function registerFilterCompiler(
  provider: Network['provider'],
  compile: NetworkFiltersCompiler,
  deps?: NetworkFiltersDeps,
): void {
  compilers[provider] = compile;
  if (deps) dependencies[provider] = deps;
}

/** The effective firewall mode of a network. */
export function firewallMode(state: NetworkState, network: Network): 'none' | 'provider-default' | 'rules' {
  return network.firewall ?? state.topology.firewall ?? 'none';
}

const byTopology = new WeakMap<
  object,
  WeakMap<object, { readonly checks: FilterChecks; readonly deps: readonly unknown[] }>
>();

/** The filter check points of a state (memoised by topology and profile identity, and each provider's dependencies). */
export function compileFilters(state: NetworkState): FilterChecks {
  let inner = byTopology.get(state.topology);
  if (!inner) byTopology.set(state.topology, (inner = new WeakMap()));
  const deps = runtimeDeps(state);
  let hit = inner.get(state.profile);
  if (!hit || !sameDeps(hit.deps, deps)) inner.set(state.profile, (hit = { checks: build(state), deps }));
  return hit.checks;
}

function runtimeDeps(state: NetworkState): readonly unknown[] {
  const out: unknown[] = [];
  for (const n of state.topology.networks) {
    const deps = dependencies[n.provider];
    if (deps && firewallMode(state, n) === 'rules') out.push(...deps(state, n));
  }
  return out;
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function build(state: NetworkState): FilterChecks {
  const perNetwork = new Map<string, NetworkFilters>();
  const modes = new Map<string, 'none' | 'provider-default' | 'rules'>();
  for (const n of state.topology.networks) {
    const mode = firewallMode(state, n);
    modes.set(n.name, mode);
    const compile = compilers[n.provider];
    perNetwork.set(n.name, mode === 'rules' && compile ? compile(state, n) : NONE);
  }
  return {
    mode: (network) => modes.get(network) ?? 'none',
    host: (network, host, port, direction) => perNetwork.get(network)?.host(host, port, direction),
    defaultHost: (network, subnet, direction) => perNetwork.get(network)?.defaultHost(subnet, direction),
    subnet: (network, subnet, direction) => perNetwork.get(network)?.subnet(subnet, direction),
  };
}
