/**
 * Values as people read them, in the text tables and the HTML report alike: durations
 * (`1h30m`), flow-seconds as flow-hours, fractions as percentages.
 */

/** `5400` → `1h30m`; `0` → `0s`. */
export function formatSeconds(total: number): string {
  if (!Number.isFinite(total)) return String(total);
  if (total === 0) return '0s';
  let s = Math.round(total);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  return parts.join('') || `${total}s`;
}

/**
 * Flow-seconds as flow-hours, the unit lost connectivity of many flows is read in: 2,000 flows
 * out for 15 minutes are `500 flow-hours` (as a duration, 1,800,000 s would read `20d20h`).
 * Whole numbers from 100, two decimals below; `<0.01` for a loss too small to show.
 */
export function formatFlowHours(flowSeconds: number): string {
  if (!Number.isFinite(flowSeconds)) return String(flowSeconds);
  const h = flowSeconds / 3600;
  if (h === 0) return '0 flow-hours';
  if (h < 0.005) return '<0.01 flow-hours';
  const n = h >= 100 ? Math.round(h).toLocaleString('en-US') : String(Number(h.toFixed(2)));
  return `${n} flow-hour${n === '1' ? '' : 's'}`;
}

/** `0.99875` → `99.875%` (up to 4 decimals, no trailing zeros). */
export function formatPercent(x: number): string {
  return `${Number((x * 100).toFixed(4))}%`;
}
