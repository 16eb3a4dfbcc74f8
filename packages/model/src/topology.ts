/**
 * The provider-neutral topology: the objects of a scenario file after validation.
 *
 * Field names are those of the scenario format (DESIGN.md "Scenario format"), so a reader can map
 * every object back to the file. Durations are seconds; prefixes and addresses stay in their
 * written (canonical) text form here and are compiled to numbers by `compileNetwork` /
 * the forwarding plane, never parsed on a hot path.
 *
 * Everything is plain readonly data so that the engine can keep it inside immer state.
 */

/** The cloud a network belongs to; it decides which rules, next hops and filters apply. */
export type Provider = 'aws' | 'azure' | 'gcp' | 'openstack';

/** A prefix in canonical text form: `10.0.0.0/16`, `2001:db8::/32`. */
export type PrefixText = string;
/** An address in canonical text form: `10.0.0.4`. */
export type IpText = string;

/** An imported construct the product does not model (opaque.ts): verdict `unknown`. */
export type { OpaqueNextHop } from './opaque.js';
export type * from './filters/types.js';
export type * from './topology/routes.js';
export type * from './topology/hosts.js';
export type * from './topology/networks.js';
export type * from './topology/gateways.js';
export type * from './topology/sites.js';
import type { FirewallMode, ServiceTags } from './filters/types.js';
import type { Network } from './topology/networks.js';
import type { Connection, Peering, Site } from './topology/sites.js';

/** The network as it stands: everything a scenario's topology sections describe. */
export interface Topology {
  readonly networks: readonly Network[];
  readonly sites: readonly Site[];
  readonly connections: readonly Connection[];
  readonly peerings: readonly Peering[];
  /** `none` (default), `provider-default` (GCP-R24, OS-R11) or `rules` (FILTERS.md). */
  readonly firewall?: FirewallMode;
  /** Azure service tags' offline contents (AZ-R30). */
  readonly serviceTags?: ServiceTags;
}
