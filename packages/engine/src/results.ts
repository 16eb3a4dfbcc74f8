/**
 * What the engine hands back: rejections (failures as values, never thrown), notes, and the
 * steps of a timeline.
 */
import type { Patch } from 'immer';
import type { NetworkState, ProviderProfile, Topology } from '@cloudroute/model';
import type { ChaosSpec, TimelineAction } from './actions.js';
import type { EngineEvent } from './events.js';

/** A timeline change the provider refused (DESIGN.md `run` JSON `rejected`). The state is unchanged. */
export interface Rejection {
  readonly at: number;
  /** The timeline action (`route.add`, `gateway.update`, …). */
  readonly action: string;
  /** A PROVIDERS.md rule id (`AWS-R4`, `AZ-R17`) or a stable code (`not-found`, `already-exists`, …). */
  readonly rule: string;
  readonly message: string;
  /** Index of the action in the scenario's `timeline` (absent for chaos faults). */
  readonly index?: number;
}

/**
 * Something worth reporting that is not a refusal: a warning the provider would accept silently
 * (AZ-R10 propagation off on GatewaySubnet, AZ-R6 appliance IP that is no NIC), or a consequence
 * applied in the same step (a BGP session dropped at once by a tunnel going down or AZ-R22).
 */
export interface Note {
  readonly at: number;
  readonly severity: 'warning' | 'info';
  readonly rule: string;
  readonly message: string;
  readonly index?: number;
}

/** One state change of the timeline. */
export interface TimelineStep {
  readonly time: number;
  /** The state after the event (the same object as before when the event was refused). */
  readonly state: NetworkState;
  readonly event: EngineEvent;
  /** Forwarding-table ids (model `ForwardingTable.id`) whose routes this step may have changed. */
  readonly touched: readonly string[];
  readonly rejections: readonly Rejection[];
  readonly notes: readonly Note[];
  /** Immer patches from the previous state (only with `audit: true`). */
  readonly patches?: readonly Patch[];
  readonly inversePatches?: readonly Patch[];
}

/** What a timeline runs on: the topology, the profile, the scenario's actions, the horizon and seed, and optionally one chaos repetition. */
export interface TimelineInput {
  /** The topology at time 0. */
  readonly topology: Topology;
  /** The provider profile (durations and behaviours). */
  readonly profile: ProviderProfile;
  /** The scenario's timeline actions, in file order. */
  readonly timeline: readonly TimelineAction[];
  /** Seconds; events after the horizon are not applied (events at the horizon are). */
  readonly horizon: number;
  /** The seed of the chaos faults drawn for `chaos.run`. */
  readonly seed: number;
  /** One chaos repetition merged into the timeline (`chaosActions(spec, horizon, seed, run)`). */
  readonly chaos?: { readonly spec: ChaosSpec; readonly run: number };
  /** Record immer patches on every step (audit trail, undo). Off by default: it costs time. */
  readonly audit?: boolean;
}

/** What the reducer returns for one event. Pure data; nothing has run yet. */
export interface Transition {
  readonly state: NetworkState;
  /** False when the event was refused or was a stale fact: `state` is the input state. */
  readonly applied: boolean;
  /** Facts to apply later, each with its own `at`. */
  readonly scheduled: readonly EngineEvent[];
  readonly rejections: readonly Rejection[];
  readonly touched: readonly string[];
  readonly notes: readonly Note[];
  readonly patches?: readonly Patch[];
  readonly inversePatches?: readonly Patch[];
}
