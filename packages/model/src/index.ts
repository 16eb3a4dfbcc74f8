/**
 * @cloudroute/model: provider semantics. Topology types, network state, provider profiles,
 * forwarding tables with per-provider route selection, effective routes and validation.
 */
export { defaultProfile } from './profile.js';

export type * from './topology.js';
export type * from './state.js';
export type { ProviderProfile } from './profile.js';
export type { Diagnostic } from './diagnostics.js';
export type * from './tables.js';
export { forwardingTables, effectiveRoutes, validateTopology } from './api-stubs.js';
export type { RoutesView } from './api-stubs.js';
