/**
 * The filter layer of the model (FILTERS.md): object types, the compiled program shape, and the
 * per-state check points. Importing this module registers every provider's compiler.
 */
export { compileFilters, firewallMode, registerFilterCompiler } from './compile.js';
export type { NetworkFilters, NetworkFiltersCompiler, NetworkFiltersDeps } from './compile.js';
export { ANY_PROTOCOL, PROTO_ICMP, PROTO_TCP, PROTO_UDP, allows, firstMatch } from './program.js';
export type { FilterChecks, FilterEntry, FilterKind, FilterProgram } from './program.js';
// Provider compilers register themselves on import (one line each, added with each provider):
import '../aws/filters.js';
import '../azure/filters.js';
import '../gcp/filters.js';
import '../openstack/filters.js';
