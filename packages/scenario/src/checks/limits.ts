/**
 * Size limits of a scenario: past them a run's memory would grow without bound (a flow's state
 * is about 30 bytes; each flow group keeps a row of counts per timeline moment), so the file is
 * refused up front with the limit and what to do, instead of a run that ends out of memory.
 * README "Limits" lists them.
 */
import type { FindingSink, JsonPath } from '../findings.js';
import { asArray, asObject, field, type RawObject } from '../internal/raw.js';
import { MAX_FLOW_COUNT } from '../schema/scenario.js';

/** At most this many flow groups in a file. */
export const MAX_FLOW_GROUPS = 10_000;
/** At most this many flows over all groups (the most one group may ask for). */
export const MAX_TOTAL_FLOWS = MAX_FLOW_COUNT;
/** At most this many timeline entries. */
export const MAX_TIMELINE_ENTRIES = 50_000;
/** Flow groups × (timeline entries + 1): the rows of counts a run keeps. */
export const MAX_GROUP_MOMENTS = 2_000_000;

const fmt = (n: number): string => n.toLocaleString('en-US');

/**
 * Checks the limits on the plain data before anything else reads it (the schema and the checks
 * walk every group and entry); returns whether the file is within them.
 */
export function checkLimits(data: RawObject, sink: FindingSink): boolean {
  const flows = asArray(field(data, 'flows'));
  const timeline = asArray(field(data, 'timeline'));
  let ok = true;
  const over = (path: JsonPath, message: string): void => {
    ok = false;
    sink.error(path, 'too-large', message, true);
  };
  if (flows.length > MAX_FLOW_GROUPS)
    over(
      ['flows'],
      `${fmt(flows.length)} flow groups — at most ${fmt(MAX_FLOW_GROUPS)}; merge groups with the same source and destination (raise their \`count\`)`,
    );
  if (timeline.length > MAX_TIMELINE_ENTRIES)
    over(
      ['timeline'],
      `${fmt(timeline.length)} timeline entries — at most ${fmt(MAX_TIMELINE_ENTRIES)}; split the scenario into shorter horizons`,
    );
  let total = 0;
  for (const f of flows) {
    const count = field(asObject(f), 'count');
    // A count past its own maximum is the schema's to report.
    if (typeof count === 'number' && count > 0 && count <= MAX_FLOW_COUNT) total += count;
  }
  if (total > MAX_TOTAL_FLOWS)
    over(
      ['flows'],
      `${fmt(total)} flows in all groups — at most ${fmt(MAX_TOTAL_FLOWS)}; lower the counts (availability is a fraction, so fewer flows give the same figures within sampling error)`,
    );
  const rows = flows.length * (timeline.length + 1);
  if (flows.length <= MAX_FLOW_GROUPS && timeline.length <= MAX_TIMELINE_ENTRIES && rows > MAX_GROUP_MOMENTS)
    over(
      ['flows'],
      `${fmt(flows.length)} flow groups × ${fmt(timeline.length + 1)} timeline moments = ${fmt(rows)} — at most ${fmt(MAX_GROUP_MOMENTS)}; use fewer groups or fewer timeline entries`,
    );
  return ok;
}
