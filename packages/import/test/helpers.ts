/** Helpers of the importer tests: fixture files, golden files, loading an imported scenario. */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { effectiveRoutes, type NetworkState, type RoutesView } from '@cloudroute/model';
import { loadScenario, type Scenario } from '@cloudroute/scenario';
import { stateAt } from '@cloudroute/sim';
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
