/**
 * The topology sections of a scenario document (plain data, as written) as the model's Topology:
 * read by the scenario schema (long route lists by its fast path) and built as a loaded
 * scenario's topology is, with none of the semantic checks and no text. For a caller that checks
 * only the provider rules of a document too large for the full check (the importer's large
 * documents).
 */
import type { Topology } from '@cloudroute/model';
import { buildScenarioParts } from './build.js';
import { parseWithFastRoutes } from './fast-routes.js';
import type { JsonPath } from './findings.js';
import { scenarioSchema } from './schema/scenario.js';

/** What the schema refused in a document, at the path of the value in the document. */
export interface DocumentIssue {
  readonly path: JsonPath;
  readonly message: string;
}

/**
 * The model's Topology of a document's `networks`, `sites`, `connections` and `peerings` (the
 * other sections are not read; the firewall mode is left at its default), or what the schema
 * refused in them. Fields whose value is `undefined` count as absent, as in a written document.
 * The document is not changed.
 */
export function topologyOfDocument(
  doc: Readonly<Record<string, unknown>>,
): { readonly topology: Topology } | { readonly issues: readonly DocumentIssue[] } {
  // As a written document reads: a field whose value is `undefined` is not written at all.
  const sections: unknown = JSON.parse(
    JSON.stringify({
      name: 'topology',
      networks: doc['networks'],
      sites: doc['sites'],
      connections: doc['connections'],
      peerings: doc['peerings'],
    }),
  );
  const parsed = parseWithFastRoutes(sections, (d) => scenarioSchema.safeParse(d));
  if (!parsed.success)
    return {
      issues: parsed.error.issues.map((i) => ({
        path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: i.message,
      })),
    };
  const { firewall: _firewall, ...topology } = buildScenarioParts(parsed.data).topology;
  return { topology };
}
