/**
 * What a traced walk reports: each table lookup, each thing the packet meets, each gateway or
 * connection it crosses, and (as a FilterRecorder) each note and filter check. The flow loop passes
 * no recorder.
 */
import type { FilterRecorder } from './filter-walk.js';

/** Receives each hop of a traced packet (trace mode only; the flow loop passes none). */
export interface HopRecorder extends FilterRecorder {
  /** A table lookup: `route` indexes the table's selected routes, -1 when nothing matched. */
  lookup(table: number, route: number): void;
  /**
   * The packet enters a gateway (`index` into the plane's gateways) or a connection (into its
   * connections), whatever its kind: every gateway crossed is a hop of the trace.
   */
  cross?(kind: 'gateway' | 'connection', index: number): void;
}
