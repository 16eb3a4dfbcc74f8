/**
 * Temporary stubs of the engine's public functions, so that packages to the right compile while
 * the engine is written. The engine's own implementation replaces this file.
 */
import type { NetworkState, ProviderProfile, Topology } from '@cloudroute/model';
import type { ChaosSpec, TimelineAction } from './actions.js';

/** A timeline change the provider refused (DESIGN.md `run` JSON `rejected`). */
export interface Rejection {
  readonly at: number;
  readonly action: string;
  readonly rule: string;
  readonly message: string;
  /** Index of the action in the scenario's `timeline` (absent for engine-scheduled facts and chaos). */
  readonly index?: number;
}

/** One engine event applied: a timeline action or a derived fact the engine scheduled. */
export interface EngineEvent {
  /** Dotted, past tense: `route.added`, `gateway.provisioned`, `bgp.session.established`, … */
  readonly type: string;
  readonly at: number;
  /** Short human label for reports: `dc1 advertised 0.0.0.0/0`. */
  readonly label: string;
  readonly [field: string]: unknown;
}

/** One state change of the timeline. */
export interface TimelineStep {
  readonly time: number;
  readonly state: NetworkState;
  readonly event: EngineEvent;
  /** Forwarding-table ids (see model `ForwardingTable.id`) whose routes this step may have changed. */
  readonly touched: readonly string[];
  readonly rejections: readonly Rejection[];
}

export interface TimelineInput {
  readonly topology: Topology;
  readonly profile: ProviderProfile;
  readonly timeline: readonly TimelineAction[];
  /** Seconds; events after the horizon are not applied. */
  readonly horizon: number;
  readonly seed: number;
}

/** The converged state at time 0 (DESIGN.md: gateways provisioned, tunnels up, sessions up where reachable). */
export function initialState(topology: Topology, profile: ProviderProfile): NetworkState {
  return { time: 0, topology, profile, gateways: {}, tunnels: {}, sessions: {}, adverts: {} };
}

/** The whole timeline folded synchronously in virtual time: every step, in order. */
export function replay(input: TimelineInput): { readonly initial: NetworkState; readonly steps: readonly TimelineStep[] } {
  return { initial: initialState(input.topology, input.profile), steps: [] };
}

/** One chaos repetition's faults as timeline actions (each fault and its repair), sorted by time. */
export function chaosActions(_spec: ChaosSpec, _horizon: number, _seed: number, _run: number): readonly TimelineAction[] {
  return [];
}
