/**
 * `routes <scenario> --subnet net/subnet --compare <export.json>`: the provider's own effective
 * routes (Azure `az network nic show-effective-route-table`, AWS `describe-route-tables` of the
 * subnet) held against the simulated table. Prints the differences (text, or JSON with --json);
 * the exit code is 1 when there are differences, 0 when the tables agree.
 */
import { compareRoutes, ImportInputError } from '@cloudroute/import';
import type { RoutesView } from '@cloudroute/model';
import type { Scenario } from '@cloudroute/scenario';
import type { Io } from '../context.js';
import type { UsageErrorClass } from './import.js';

export interface CompareInput {
  readonly view: RoutesView;
  readonly scenario: Scenario;
  /** The export file to read. */
  readonly file: string;
  readonly json: boolean;
}

/** The subnet's provider id, when the scenario was imported. */
function subnetId(sc: Scenario, target: string): string | undefined {
  const [net, sub] = target.split('/');
  return sc.topology.networks.find((n) => n.name === net)?.subnets.find((s) => s.name === sub)?.id;
}

/** Runs the comparison; returns the exit code (0 alike, 1 differences). */
export function runCompare(io: Io, input: CompareInput, UsageError: UsageErrorClass): number {
  if (input.view.error !== undefined) throw new UsageError(input.view.error.message);
  let text: string;
  try {
    text = io.readFile(input.file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(
      `${input.file}: cannot read the export (${code === 'ENOENT' ? 'no such file' : (e as Error).message}) — check the path`,
    );
  }
  const id = subnetId(input.scenario, input.view.subnet);
  let r;
  try {
    r = compareRoutes(input.view, text, input.file, id !== undefined ? { subnetId: id } : {});
  } catch (e) {
    if (e instanceof ImportInputError) throw new UsageError(e.message);
    throw e;
  }
  if (input.json) {
    const { text: _t, ...doc } = r;
    io.stdout(`${JSON.stringify({ ...doc, at: input.view.at }, null, 2)}\n`);
  } else io.stdout(r.text);
  return r.differences.length === 0 ? 0 : 1;
}
