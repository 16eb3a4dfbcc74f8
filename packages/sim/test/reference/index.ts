/**
 * The reference simulator: a deliberately naive, independent second implementation of the data
 * plane, to check `run`, `diff`, `chaos` and `trace` end to end (issue 13). It shares no code with
 * the product's forwarding plane (`src/plane/`, `simulate.ts`, `trace.ts`).
 *
 * Route choice comes from the model (`forwardingTables` on a fresh copy of each moment's state),
 * whose precedence is proven separately against the naive oracle (packages/model/test/oracle.ts);
 * moments come from the engine's `replay`; flows from the product's flow generation. Everything
 * else — longest-prefix match, the hop-by-hop walk, provider data-plane rules — is written here
 * from PROVIDERS.md and DESIGN.md. README.md lists every disagreement found and how it was settled.
 */
export { referenceMoments, referenceOutcomes, referenceCounts, referenceChangedFlows } from './run.js';
export { referenceTrace, type RefTraceOptions, type RefTraceResult } from './trace.js';
export type { RefCheck, RefFlow } from './filters.js';
export type { RefOutcome, RefHop, RefVerdict, RefRoute } from './packet.js';
