/** Helpers of the importer tests: fixture files, golden files, loading an imported scenario. */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { effectiveRoutes, type Connection, type NetworkState, type RoutesView } from '@cloudroute/model';
import { loadScenario, type Scenario } from '@cloudroute/scenario';
import { stateAt, trace, type TraceResult } from '@cloudroute/sim';
import { expect, it } from 'vitest';
import type { SourceFile } from '@cloudroute/import';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The `.json` files under a fixture folder, in name order, with paths relative to the fixtures. */
export function fixtureFiles(...parts: string[]): SourceFile[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    if (statSync(p).isDirectory()) for (const n of readdirSync(p).sort()) walk(join(p, n));
    else if (p.endsWith('.json')) out.push(p);
  };
  walk(join(FIXTURES, ...parts));
  return out.map((p) => ({ path: relative(FIXTURES, p), text: readFileSync(p, 'utf8') }));
}

export function fixture(...parts: string[]): SourceFile {
  const p = join(FIXTURES, ...parts);
  return { path: relative(FIXTURES, p), text: readFileSync(p, 'utf8') };
}

/**
 * Compares with `test/golden/<name>` (a `.golden` extension, which the formatter leaves alone). A
 * missing golden fails the test; `UPDATE_GOLDENS=1` writes or rewrites it.
 */
export function golden(name: string, actual: string): string {
  return goldenIn(join(import.meta.dirname, 'golden'), name, actual);
}

/** {@link golden} with its folder given (the test of the helper itself uses a temporary one). */
export function goldenIn(dir: string, name: string, actual: string): string {
  const file = join(dir, name);
  if (process.env['UPDATE_GOLDENS'] === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  } else if (!existsSync(file))
    throw new Error(
      `golden file ${relative(process.cwd(), file)} is missing — create it with UPDATE_GOLDENS=1 npx -y pnpm@10 vitest run <this test file>, then review the file and commit it`,
    );
  return readFileSync(file, 'utf8');
}

/** Loads an imported scenario; fails the test with the problems when it does not validate. */
export function scenarioOf(text: string, file = 'imported.yaml'): Scenario {
  const r = loadScenario(text, file);
  if (!r.scenario || r.problems.length > 0)
    throw new Error(
      `does not validate:\n${r.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n')}`,
    );
  return r.scenario;
}

/** The network state of a scenario at a moment (its chaos block, if any, left out). */
export function stateOf(sc: Scenario, at = 0): NetworkState {
  const { chaos: _chaos, ...rest } = sc;
  return stateAt(rest, at);
}

/** The effective routes of a target at a moment, in the provider's view. */
export function routesAt(sc: Scenario, target: string, at = 0): RoutesView {
  return effectiveRoutes(stateOf(sc, at), target);
}

/** A scenario text with flow groups in place of `flows: []`. */
export function withFlows(text: string, flows: readonly string[]): string {
  return text.replace(/^flows: \[\]$/m, `flows:\n${flows.map((f) => `  - ${f}`).join('\n')}`);
}

/**
 * Traces `from` → `to` and expects it delivered through every node of `through` (among others, in
 * any order). The trace, for further checks.
 */
function expectDelivered(
  state: NetworkState,
  from: string,
  to: string,
  through: readonly string[],
): TraceResult {
  const t = trace(state, from, to);
  expect({ from, to, verdict: t.verdict, nodes: t.hops.map((h) => h.node) }).toMatchObject({
    from,
    to,
    verdict: 'delivered',
    nodes: expect.arrayContaining([...through]) as unknown,
  });
  return t;
}

/**
 * The connection an import writes for a virtual interface `vif` of the Direct Connect fixtures
 * (AWS-R46): the site dxcon-0dc, BGP, through the Direct Connect gateway corp-dx (ASN 64600) with
 * the association's allowed prefixes.
 */
export function dxConnection(
  name: string,
  vif: string,
  gateway: string,
  allowedPrefixes: readonly string[],
): Connection {
  return {
    name,
    id: vif,
    between: [gateway, 'dxcon-0dc'],
    bgp: true,
    directConnect: {
      gateway: 'corp-dx',
      gatewayId: '5f2e0c1a-0000-4000-8000-00000000d0c0',
      asn: 64600,
      allowedPrefixes: [...allowedPrefixes],
      vif,
    },
  };
}

/**
 * AWS-R46 over the Direct Connect fixtures' two VIFs, both ways: each VPC source in `sources`
 * (with the connection it leaves by) reaches the site (192.168.1.1), and the site reaches
 * 10.10.1.10 over dc-private and 10.20.1.10 over dc-transit. Declares the two tests; `check` is
 * given each VPC → site trace with its connection.
 */
export function directConnectTraces(
  state: NetworkState,
  sources: readonly (readonly [from: string, over: string])[],
  check?: (t: TraceResult, over: string) => void,
): void {
  it('AWS-R46: VPC → site over the private VIF and the transit VIF', () => {
    for (const [from, over] of sources)
      check?.(expectDelivered(state, from, '192.168.1.1', [`connection:${over}`, 'site:dxcon-0dc']), over);
  });
  it("AWS-R46: site → VPC over the associations' allowed prefixes", () => {
    for (const [to, over] of [
      ['10.10.1.10', 'dc-private'],
      ['10.20.1.10', 'dc-transit'],
    ] as const)
      expectDelivered(state, 'dxcon-0dc', to, ['site:dxcon-0dc', `connection:${over}`]);
  });
}

/** The outbound rules of a group that allows everything out (Terraform's usual egress block). */
export const ALL_OUT = [{ protocol: 'all', cidr: '0.0.0.0/0' }] as const;

/** Inbound rules admitting TCP from anywhere, one a port, in the order given. */
export function tcpFromAnywhere(...ports: number[]): { protocol: 'tcp'; port: number; cidr: string }[] {
  return ports.map((port) => ({ protocol: 'tcp', port, cidr: '0.0.0.0/0' }));
}
