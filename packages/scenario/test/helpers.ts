/**
 * Test helpers: the contract examples (from ../shared/examples beside the repository, or the
 * copies in fixtures/ when that folder is absent, byte-for-byte equal) and a loader that returns formatted problems.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScenario, formatProblem } from '../src/index.js';
import type { LoadResult } from '../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const shared = `${repoRoot}../shared/examples/`;
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

export const EXAMPLE_NAMES = ['aws-vpc', 'azure-hub', 'gcp-openstack'] as const;
export type ExampleName = (typeof EXAMPLE_NAMES)[number];

/** Where the examples were read from (the shared contract folder when present). */
export const examplesDir = existsSync(shared) ? shared : fixtures;

export function example(name: ExampleName): string {
  return readFileSync(
    examplesDir === shared ? `${shared}${name}.yaml` : `${fixtures}${name}.yaml.txt`,
    'utf8',
  );
}

/** Loads `text` as `f.yaml` and gives the formatted problems and warnings too. */
export function load(text: string, file = 'f.yaml'): LoadResult & { readonly lines: readonly string[] } {
  const r = loadScenario(text, file);
  return { ...r, lines: [...r.problems, ...r.warnings].map(formatProblem) };
}

/** Replaces exactly one occurrence of `from` (fails loudly if it is not there once). */
export function edit(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0)
    throw new Error(`edit: \`${from}\` is not in the text exactly once`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** The problems and warnings of a text (loaded as `f.yaml`), without their `file:line:column: `. */
export function messages(text: string): string[] {
  return load(text).lines.map((l) => l.replace(/^f\.yaml:\d+:\d+: /, ''));
}

/**
 * The aws-vpc example with more gateways in network prod, after its last one (vgw1): `gateways`
 * is YAML list items at the gateways' indentation (six spaces before each `- `).
 */
export function awsWithGateways(gateways: string): string {
  const last = '{ name: vgw1, kind: vgw, asn: 64512 }';
  return edit(
    example('aws-vpc'),
    last,
    `${last}
${gateways}`,
  );
}
