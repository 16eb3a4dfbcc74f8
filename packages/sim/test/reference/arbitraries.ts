/**
 * fast-check arbitraries of scenario documents (plain JSON in the DESIGN.md scenario format) for
 * the reference properties: one per provider, two mixes (hybrid AWS + Azure + sites, and GCP +
 * OpenStack), one of all four, and what-if pairs for `diff`. The documents pass the product's
 * validator by construction (gen/: one builder per provider, sites, flows and timeline), not by
 * filtering; each choice shrinks towards the plainer scenario.
 */
import * as fc from 'fast-check';
import { drawFrom } from './gen/draw.js';
import { buildScenario, type Built, type Mix } from './gen/scenario.js';
import { variantOf } from './gen/variant.js';
import type { ScenarioDoc } from './gen/context.js';

export type { ScenarioDoc } from './gen/context.js';
export type { Mix } from './gen/scenario.js';

/** The provider mixes the properties draw from. */
export const MIXES = {
  aws: { label: 'aws', aws: [1, 3], sites: [0, 2] },
  azure: { label: 'azure', azure: [1, 3], sites: [0, 2] },
  gcp: { label: 'gcp', gcp: [1, 2], sites: [0, 2] },
  openstack: { label: 'openstack', openstack: [1, 3], sites: [0, 0] },
  hybrid: { label: 'hybrid', aws: [1, 2], azure: [1, 2], sites: [1, 3] },
  gcpOpenstack: { label: 'gcp-openstack', gcp: [1, 2], openstack: [1, 2], sites: [0, 2] },
  all: { label: 'all', aws: [1, 1], azure: [1, 1], gcp: [1, 1], openstack: [1, 1], sites: [1, 3] },
} as const satisfies Record<string, Mix>;

/** The same mixes with traffic filters (FILTERS.md; gen/filters.ts). */
export const FILTERED_MIXES = {
  aws: { ...MIXES.aws, label: 'aws-filtered', filters: true },
  azure: { ...MIXES.azure, label: 'azure-filtered', filters: true },
  gcp: { ...MIXES.gcp, label: 'gcp-filtered', filters: true },
  openstack: { ...MIXES.openstack, label: 'openstack-filtered', filters: true },
  hybrid: { ...MIXES.hybrid, label: 'hybrid-filtered', filters: true },
  gcpOpenstack: { ...MIXES.gcpOpenstack, label: 'gcp-openstack-filtered', filters: true },
  all: { ...MIXES.all, label: 'all-filtered', filters: true },
} as const satisfies Record<string, Mix>;

/** A scenario document of `mix`. */
export function scenarioArbitrary(mix: Mix): fc.Arbitrary<ScenarioDoc> {
  return fc.gen().map((g) => buildScenario(drawFrom(g), mix).doc);
}

/** A what-if pair: B is A with a few timeline, topology or flow-group edits. */
export interface VariantPair {
  readonly a: ScenarioDoc;
  readonly b: ScenarioDoc;
  readonly edits: readonly string[];
}

/** Two scenarios A and B of `mix` that differ by a few edits and share most flow group names. */
export function variantArbitrary(mix: Mix = MIXES.hybrid): fc.Arbitrary<VariantPair> {
  return fc.gen().map((g) => {
    const a: Built = buildScenario(drawFrom(g), mix);
    const { doc, edits } = variantOf(a);
    return { a: a.doc, b: doc, edits };
  });
}
