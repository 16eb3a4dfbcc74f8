/**
 * What a traced walk reports: each table lookup, each thing the packet meets, each gateway or
 * connection it crosses, each filter check. The flow loop passes no recorder.
 */
import type { FilterProgram } from '@cloudroute/model';

/** Receives each hop of a traced packet (trace mode only; the flow loop passes none). */
export interface HopRecorder {
  /** A table lookup: `route` indexes the table's selected routes, -1 when nothing matched. */
  lookup(table: number, route: number): void;
  /** Something the packet met between lookups (an appliance, a tunnel, the internet). */
  note(kind: string, detail: string): void;
  /**
   * The packet enters a gateway (`index` into the plane's gateways) or a connection (into its
   * connections), whatever its kind: every gateway crossed is a hop of the trace.
   */
  cross?(kind: 'gateway' | 'connection', index: number): void;
  /** `firewall: rules`: one filter check (program, deciding entry or -1, verdict, where, phase). */
  filter?(
    program: FilterProgram,
    entry: number,
    allowed: boolean,
    at: string,
    phase: 'request' | 'reply',
    dest: boolean,
  ): void;
}
