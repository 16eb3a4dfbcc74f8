/**
 * The semantic checks of a scenario document, run on the plain data whatever else is wrong with
 * it, so that one run reports every problem of the file.
 */
import { DEFAULT_HORIZON_SECONDS } from '../defaults.js';
import { parseDuration } from '../duration.js';
import type { FindingSink, JsonPath } from '../findings.js';
import { asObject, field } from '../internal/raw.js';
import { checkAddresses } from './addresses.js';
import { checkFilters } from './filters.js';
import { checkFlowsAndChaos } from './flows.js';
import { checkReferences } from './references.js';
import { checkTimeline } from './timeline.js';
import { buildIndex } from './topology-index.js';
import type { CheckContext } from './topology-index.js';

export function runChecks(document: unknown, sink: FindingSink, lineOf: (path: JsonPath) => number): void {
  const data = asObject(document);
  const written = field(data, 'horizon');
  const parsed = written === undefined ? undefined : parseDuration(written);
  // An unreadable horizon is reported by the schema; then nothing is compared with it.
  const horizon = parsed === undefined ? DEFAULT_HORIZON_SECONDS : parsed.ok ? parsed.seconds : undefined;
  const ctx: CheckContext = { data, sink, index: buildIndex(data, sink, lineOf), lineOf };
  checkAddresses(ctx);
  checkReferences(ctx);
  checkFilters(ctx);
  checkTimeline(ctx, horizon);
  checkFlowsAndChaos(ctx, horizon);
}
