/**
 * @cloudroute/scenario: the scenario file format. Parsing (YAML or JSON), validation with
 * line:column problems, the JSON Schema, and the map from a scenario's JSON paths to the file.
 */
export { loadScenario } from './load-scenario.js';
export { topologyOfDocument } from './document-topology.js';
export { formatProblem } from './problem.js';
export { locate } from './source-map.js';
export { scenarioJsonSchema } from './json-schema.js';
export { parseDuration, formatDuration, MAX_DURATION_SECONDS } from './duration.js';
export { DEFAULT_SEED, DEFAULT_HORIZON_SECONDS, DEFAULT_CHAOS_RUNS } from './defaults.js';
export { MAX_FLOW_COUNT } from './schema/scenario.js';

export type { Scenario, LoadResult } from './scenario.js';
export type { Problem, Severity } from './problem.js';
export type { SourceMap, SourcePosition } from './source-map.js';
export type { JsonPath } from './findings.js';
export type { DocumentIssue } from './document-topology.js';
export type { DurationKind, DurationResult } from './duration.js';
