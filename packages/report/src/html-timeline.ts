/**
 * The timeline chart of a `run` report, as server-side SVG. Layout (viewBox units, 1000 wide):
 *
 *   ┌ LABEL_W ─┬──────────────── plot (PLOT_W) ─────────────────┬ PAD_R ┐
 *   │          │ event labels, stacked in rows (no overlaps)     │       │  top
 *   │ group 1  │ ▒▒▒ outage bars (colour = reason) ── step line  │       │  lane (LANE_H)
 *   │ group 2  │        ┆ event marker (dashed, all lanes)       │       │  lane
 *   │          │ 0s     10m     20m …  time axis                 │       │  AXIS_H
 *
 * Every element a test or a reader needs to find carries data-* attributes: lanes
 * `data-lane`/`data-group`, bars `data-group data-start data-end data-flows data-reason
 * data-count`, markers `data-at data-type data-label`, step lines `data-group`.
 */
import type { RunResult } from '@cloudroute/sim';
import { AXIS_H, LABEL_W, PAD_R, WIDTH } from './html-layout.js';
import { outageBars, stepSegments, type StepSegment } from './html-downsample.js';
import { c1, clip, dur, escapeHtml as h, pct, timeTicks } from './html-format.js';
import type { Palette } from './html-palette.js';

const PLOT_W = WIDTH - LABEL_W - PAD_R;
const LANE_H = 34;
const LANE_GAP = 8;
const ROW_H = 13;
const MAX_ROWS = 6;
/**
 * Event labels are set in a monospace font (report-css `.ev-label`, 10px), so their width is
 * known here: 0.6em per character in DejaVu Sans Mono, Liberation Mono, Menlo and SF Mono (under
 * it in Consolas); a little more for safety. A proportional font's capitals ran past the guess
 * and labels overlapped.
 */
const CHAR_W = 6.2;

/** The width of a label in viewBox units: wide (East Asian, emoji) characters count twice. */
function labelWidth(text: string): number {
  let cols = 0;
  for (const ch of text) cols += (ch.codePointAt(0) ?? 0) >= 0x1100 ? 2 : 1;
  return cols * CHAR_W;
}

/** Budgets that keep a 100-group, thousands-of-outages run under 2 MB (see html-downsample). */
export const BAR_BUDGET_TOTAL = 4000;
export const STEP_BUDGET_TOTAL = 24_000;
/** At most this many event markers are drawn; the rest are counted in the events list. */
export const MAX_MARKERS = 1000;

function segmentsPath(
  segs: readonly StepSegment[],
  horizon: number,
  x: (t: number) => number,
  y: (v: number) => number,
): string {
  if (segs.length === 0) return '';
  const first = segs[0]!;
  let d = `M${c1(x(Math.min(first.t, horizon)))} ${c1(y(first.values[0]!))}`;
  let prevY = c1(y(first.values[0]!));
  first.values.slice(1).forEach((v) => {
    const yy = c1(y(v));
    if (yy !== prevY) d += `V${yy}`;
    prevY = yy;
  });
  for (const s of segs.slice(1)) {
    d += `H${c1(x(Math.min(s.t, horizon)))}`;
    for (const v of s.values) {
      const yy = c1(y(v));
      if (yy !== prevY) d += `V${yy}`;
      prevY = yy;
    }
  }
  return `${d}H${c1(x(horizon))}`;
}

interface Placed {
  readonly at: number;
  readonly type: string;
  readonly label: string;
  readonly row: number | null;
  readonly anchorEnd: boolean;
}

/** Greedy rows for event labels, so labels never overlap; a label with no free row is left to its tooltip. */
function placeLabels(
  events: RunResult['events'],
  x: (t: number) => number,
): { placed: Placed[]; rows: number } {
  const rowEnds: number[] = [];
  const placed: Placed[] = [];
  for (const e of events) {
    const text = `${dur(e.at)} ${clip(e.label, 40)}`;
    const w = labelWidth(text) + 6;
    const px = x(e.at);
    const anchorEnd = px + w > WIDTH - 2;
    const left = anchorEnd ? px - w : px;
    const right = anchorEnd ? px : px + w;
    let row: number | null = null;
    for (let r = 0; r < MAX_ROWS; r++) {
      if ((rowEnds[r] ?? -Infinity) < left) {
        row = r;
        rowEnds[r] = right;
        break;
      }
    }
    placed.push({ at: e.at, type: e.type, label: e.label, row, anchorEnd });
  }
  return { placed, rows: Math.max(1, rowEnds.length) };
}

/**
 * The `<svg>` timeline of a run: one lane per group, outage bars, step lines, event markers;
 * `merged` tells whether some bars stand for several outages (the legend then explains them).
 */
export function timelineSvg(r: RunResult, p: Palette): { readonly svg: string; readonly merged: boolean } {
  const horizon = r.horizon > 0 ? r.horizon : 1;
  const x = (t: number): number => LABEL_W + (Math.max(0, Math.min(t, horizon)) / horizon) * PLOT_W;
  const events = r.events.slice(0, MAX_MARKERS);
  const { placed, rows } = placeLabels(events, x);
  const top = rows * ROW_H + 10;
  const lanesH = r.groups.length * (LANE_H + LANE_GAP);
  const height = top + lanesH + AXIS_H;
  const n = Math.max(1, r.groups.length);
  const barBudget = Math.max(20, Math.min(2000, Math.floor(BAR_BUDGET_TOTAL / n)));
  const stepBudget = Math.max(60, Math.min(PLOT_W, Math.floor(STEP_BUDGET_TOTAL / (4 * n))));
  const pixel = horizon / PLOT_W;

  const out: string[] = [];
  let merged = false;
  out.push(
    `<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="timeline-title" data-horizon="${horizon}">`,
  );
  // Grid and axis.
  out.push('<g class="axis">');
  for (const t of timeTicks(horizon)) {
    const px = c1(x(t));
    out.push(
      `<line class="grid" x1="${px}" x2="${px}" y1="${top - 4}" y2="${top + lanesH}"/><text class="tick" x="${px}" y="${top + lanesH + 16}" text-anchor="middle">${dur(t)}</text>`,
    );
  }
  out.push(
    `<text class="axis-name" x="${LABEL_W - 22}" y="${top + lanesH + 16}" text-anchor="end">time</text></g>`,
  );

  // Lanes.
  r.groups.forEach((g, i) => {
    const y0 = top + i * (LANE_H + LANE_GAP);
    const name = h(g.name);
    const outs = g.outages.length;
    const sub = `${pct(g.availability)} · ${outs} outage${outs === 1 ? '' : 's'}`;
    out.push(`<g class="lane" data-lane="${i}" data-group="${name}" transform="translate(0 ${y0})">`);
    out.push(
      `<text class="lane-name" x="8" y="14"><title>${name}</title>${h(clip(g.name, 24))}</text><text class="lane-sub" x="8" y="28">${h(sub)}</text>`,
    );
    out.push(`<rect class="lane-bg" x="${LABEL_W}" y="0" width="${PLOT_W}" height="${LANE_H}"/>`);
    for (const b of outageBars(g.outages, barBudget, pixel)) {
      const bx = x(b.start);
      const bw = Math.max(1.5, x(b.end) - bx);
      const count = b.count > 1 ? ` data-count="${b.count}"` : '';
      merged ||= b.count > 1;
      out.push(
        `<rect class="o ${p.cls(b.reason)}${b.count > 1 ? ' m' : ''}" x="${c1(bx)}" y="0" width="${c1(bw)}" height="${LANE_H}" data-group="${name}" data-start="${b.start}" data-end="${b.end}" data-flows="${b.flows}" data-reason="${h(b.reason)}"${b.filter ? ` data-filter="${h(b.filter)}"` : ''}${count} tabindex="0"/>`,
      );
    }
    const y = (v: number): number => 3 + (1 - v) * (LANE_H - 6);
    const d = segmentsPath(stepSegments(g.delivered, horizon, stepBudget), horizon, x, y);
    if (d) out.push(`<path class="dl" data-group="${name}" d="${d}"/>`);
    out.push('</g>');
  });

  // Event markers on top, so their hit areas win over bars.
  out.push('<g class="events">');
  for (const e of placed) {
    const px = c1(x(e.at));
    const tip = `${dur(e.at)}: ${e.label} (${e.type})`;
    const label =
      e.row === null
        ? ''
        : `<text class="ev-label" x="${c1(x(e.at) + (e.anchorEnd ? -3 : 3))}" y="${e.row * ROW_H + 11}"${e.anchorEnd ? ' text-anchor="end"' : ''}>${h(`${dur(e.at)} ${clip(e.label, 40)}`)}</text>`;
    const y1 = e.row === null ? top - 4 : e.row * ROW_H + 2;
    out.push(
      `<g class="ev" data-at="${e.at}" data-type="${h(e.type)}" data-label="${h(e.label)}" data-tip="${h(tip)}" tabindex="0"><line class="ev-line" x1="${px}" x2="${px}" y1="${y1}" y2="${top + lanesH}"/><line class="ev-hit" x1="${px}" x2="${px}" y1="${y1}" y2="${top + lanesH}"/>${label}</g>`,
    );
  }
  out.push('</g></svg>');
  return { svg: out.join(''), merged };
}
