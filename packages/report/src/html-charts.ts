/**
 * The charts of the `diff` and `chaos` reports, as server-side SVG (viewBox 1000 wide):
 *
 *   ┌ LABEL_W ─┬── left panel ──┬ GAP ┬── right panel ──┐
 *   │ group 1  │  ●───■          │     │ ▇▇▇▇ A          │   one row per group (ROW_H)
 *   │          │  availability   │     │ ▇▇ B  lost time │
 *   │          │  axis           │     │ axis            │
 *
 * diff: availability of A (●) and B (■) joined by a line (a "dumbbell"), and lost flow-seconds
 * as zero-based bars. chaos: availability as a box from p5 to p50 with ticks at p1 and min and a
 * diamond at the mean; worst outage (maxOutageSeconds) as a box from p50 to p95, a whisker to
 * max and a tick at p99. Marks carry `data-group`, `data-side`/`data-stat` and `data-value`.
 */
import type { ChaosResult, DiffResult } from '@cloudroute/sim';
import { AXIS_H, LABEL_W, PAD_R, WIDTH } from './html-layout.js';
import {
  c1,
  clip,
  dur,
  formatCount,
  formatFlowSeconds,
  escapeHtml as h,
  pct,
  timeTicks,
  valueTicks,
} from './html-format.js';

const GAP = 40;
const PANEL_W = (WIDTH - LABEL_W - GAP - PAD_R) / 2;
const ROW_H = 40;
const TOP = 26;

interface Axis {
  readonly lo: number;
  readonly hi: number;
  readonly ticks: readonly number[];
}

/** A rounded domain over `[lo, hi]` with its ticks. */
function niceAxis(lo: number, hi: number, count = 5): Axis {
  if (!(hi > lo)) {
    const pad = hi === 0 ? 1 : Math.abs(hi) * 0.001;
    lo = hi - pad;
  }
  const ticks = valueTicks(lo, hi, count);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : hi - lo;
  const lo2 = Math.floor(lo / step + 1e-9) * step;
  const hi2 = Math.ceil(hi / step - 1e-9) * step;
  return { lo: lo2, hi: hi2, ticks: valueTicks(lo2, hi2, count) };
}

/** An availability axis ending at 100%, starting a little below the worst value. */
function availabilityAxis(values: readonly number[]): Axis {
  const worst = Math.min(1, ...values);
  const spanV = 1 - worst;
  const lo = spanV < 1e-6 ? 0.999 : Math.max(0, 1 - spanV * 1.15);
  const a = niceAxis(lo, 1);
  return { lo: Math.max(0, a.lo), hi: 1, ticks: a.ticks.filter((t) => t >= 0 && t <= 1) };
}

/** A time axis from 0 past `max`, on round durations (`10m`, `1h`), like the run timeline's. */
function timeAxis(max: number): Axis {
  const first = timeTicks(max > 0 ? max : 60, 5);
  const step = first.length > 1 ? first[1]! - first[0]! : 60;
  const hi = Math.max(step, Math.ceil(max / step) * step);
  return { lo: 0, hi, ticks: timeTicks(hi, 6) };
}

/** `36000000` → `36M`: short numbers for axis ticks. */
function compact(v: number): string {
  for (const [d, s] of [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const)
    if (Math.abs(v) >= d) return `${Number((v / d).toPrecision(4))}${s}`;
  return String(Number(v.toPrecision(6)));
}

function scale(a: Axis, x0: number): (v: number) => number {
  return (v) => x0 + ((Math.max(a.lo, Math.min(a.hi, v)) - a.lo) / (a.hi - a.lo || 1)) * PANEL_W;
}

function axisSvg(a: Axis, x0: number, y: number, label: (v: number) => string, title: string): string {
  const x = scale(a, x0);
  const parts = [
    `<g class="axis">`,
    `<text class="axis-name" x="${c1(x0)}" y="${TOP - 10}">${h(title)}</text>`,
  ];
  for (const t of a.ticks) {
    const px = c1(x(t));
    parts.push(
      `<line class="grid" x1="${px}" x2="${px}" y1="${TOP - 4}" y2="${y}"/><text class="tick" x="${px}" y="${y + 16}" text-anchor="${t === a.hi && a.ticks.length > 1 ? 'end' : 'middle'}">${h(label(t))}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

function rowLabel(name: string, sub: string, y: number): string {
  return `<text class="lane-name" x="8" y="${y + 16}"><title>${h(name)}</title>${h(clip(name, 24))}</text><text class="lane-sub" x="8" y="${y + 30}">${h(sub)}</text>`;
}

const axisPct = (v: number): string => pct(Number(v.toPrecision(10)));

/** Where the left and the right panel of a chart start. */
const LEFT_X = LABEL_W;
const RIGHT_X = LABEL_W + PANEL_W + GAP;

/** A panel's axis, how its ticks read, and its title. */
type PanelAxis = readonly [Axis, (v: number) => string, string];

/** The opening of a two-panel chart of `rows` rows (class `chart <kind>`) and both panels' axes. */
function chartStart(
  kind: string,
  ariaLabel: string,
  rows: number,
  left: PanelAxis,
  right: PanelAxis,
): string[] {
  const height = TOP + rows * ROW_H + AXIS_H;
  const y1 = TOP + rows * ROW_H;
  return [
    `<svg class="chart ${kind}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${ariaLabel}">`,
    axisSvg(left[0], LEFT_X, y1, left[1], left[2]),
    axisSvg(right[0], RIGHT_X, y1, right[1], right[2]),
  ];
}

/** diff: availability dumbbells and lost-time bars per group, A against B. */
export function diffSvg(r: DiffResult): string {
  const av: number[] = [];
  let maxLost = 0;
  for (const g of r.groups)
    for (const s of [g.a, g.b])
      if (s) {
        av.push(s.availability);
        maxLost = Math.max(maxLost, s.lostFlowSeconds);
      }
  const aAxis = availabilityAxis(av);
  const lAxis = niceAxis(0, maxLost > 0 ? maxLost : 1, 4);
  const x1 = RIGHT_X;
  const ax = scale(aAxis, LEFT_X);
  const lx = scale(lAxis, x1);
  const out = chartStart(
    'diff',
    'Availability and lost time per group, A against B',
    r.groups.length,
    [aAxis, axisPct, 'availability (● A, ■ B)'],
    [lAxis, compact, 'lost flow-seconds (A above, B below)'],
  );
  r.groups.forEach((g, i) => {
    const y = TOP + i * ROW_H;
    const name = h(g.name);
    out.push(`<g class="row" data-group="${name}" data-changed="${g.changedFlows}">`);
    out.push(rowLabel(g.name, `${formatCount(g.changedFlows)} flows changed`, y));
    const cy = y + ROW_H / 2;
    if (g.a && g.b)
      out.push(
        `<line class="link" x1="${c1(ax(g.a.availability))}" x2="${c1(ax(g.b.availability))}" y1="${cy}" y2="${cy}"/>`,
      );
    for (const [side, s] of [
      ['a', g.a],
      ['b', g.b],
    ] as const) {
      const label = side.toUpperCase();
      if (!s) {
        out.push(
          `<text class="absent" x="${c1(x1 + 4)}" y="${c1(y + (side === 'a' ? 16 : 32))}" data-group="${name}" data-side="${side}">not in ${label}</text>`,
        );
        continue;
      }
      const tip = `${g.name} — ${label}\navailability ${pct(s.availability)}\nlost ${formatFlowSeconds(s.lostFlowSeconds)} flow-seconds`;
      const px = ax(s.availability);
      out.push(
        side === 'a'
          ? `<circle class="pt a" cx="${c1(px)}" cy="${cy}" r="5" data-group="${name}" data-side="a" data-value="${s.availability}" data-tip="${h(tip)}" tabindex="0"/>`
          : `<rect class="pt b" x="${c1(px - 4.5)}" y="${cy - 4.5}" width="9" height="9" data-group="${name}" data-side="b" data-value="${s.availability}" data-tip="${h(tip)}" tabindex="0"/>`,
      );
      const by = y + (side === 'a' ? 7 : 21);
      out.push(
        `<rect class="bar ${side}" x="${x1}" y="${by}" width="${c1(Math.max(1, lx(s.lostFlowSeconds) - x1))}" height="12" data-group="${name}" data-side="${side}" data-value="${s.lostFlowSeconds}" data-tip="${h(tip)}" tabindex="0"/>`,
      );
    }
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}

type ChaosGroup = ChaosResult['groups'][number];

function mark(cls: string, g: ChaosGroup, stat: string, value: number, tip: string, shape: string): string {
  return shape.replace(
    '/>',
    ` class="${cls}" data-group="${h(g.name)}" data-stat="${stat}" data-value="${value}" data-tip="${h(tip)}" tabindex="0"/>`,
  );
}

/** One panel of a chaos row: its scale, the row's centre, its class suffix and its tooltip text. */
interface ChaosPanel {
  readonly x: (v: number) => number;
  readonly cy: number;
  /** `''` for availability, `' out'` for the worst outage. */
  readonly cls: string;
  readonly tip: (stat: string, v: number) => string;
}

/** The box of a panel from `lo` (the value of stat `stat`) to `hi`; `span` names both in the tooltip. */
function box(p: ChaosPanel, g: ChaosGroup, span: string, stat: string, lo: number, hi: number): string {
  const bx = p.x(lo);
  return mark(
    `box${p.cls}`,
    g,
    stat,
    lo,
    p.tip(span, lo),
    `<rect x="${c1(bx)}" y="${p.cy - 8}" width="${c1(Math.max(2, p.x(hi) - bx))}" height="16"/>`,
  );
}

/** A tick mark for each stat of a panel; the `tall` one is drawn longer. */
function ticks(
  p: ChaosPanel,
  g: ChaosGroup,
  stats: readonly (readonly [string, number])[],
  tall?: string,
): string[] {
  return stats.map(([stat, v]) =>
    mark(
      `tick${p.cls} ${stat}`,
      g,
      stat,
      v,
      p.tip(stat, v),
      `<rect x="${c1(p.x(v) - 1.5)}" y="${p.cy - (stat === tall ? 10 : 7)}" width="3" height="${stat === tall ? 20 : 14}"/>`,
    ),
  );
}

/** chaos: per group, the distribution of availability and of the worst outage over the runs. */
export function chaosSvg(r: ChaosResult): string {
  const aAxis = availabilityAxis(
    r.groups.flatMap((g) => [g.availability.min, g.availability.p1, g.availability.mean]),
  );
  const maxOut = Math.max(0, ...r.groups.map((g) => g.maxOutageSeconds.max));
  const oAxis = timeAxis(maxOut);
  const ax = scale(aAxis, LEFT_X);
  const ox = scale(oAxis, RIGHT_X);
  const out = chartStart(
    'chaos',
    `Availability and worst outage per group over ${r.runs} runs`,
    r.groups.length,
    [aAxis, axisPct, 'availability per run: box p5–p50, ◆ mean, ticks p1 and min'],
    [oAxis, dur, 'worst outage per run: box p50–p95, tick p99, whisker to max'],
  );
  r.groups.forEach((g, i) => {
    const y = TOP + i * ROW_H;
    const cy = y + ROW_H / 2;
    const a = g.availability;
    const o = g.maxOutageSeconds;
    out.push(`<g class="row" data-group="${h(g.name)}">`);
    out.push(rowLabel(g.name, `p1 ${pct(a.p1)} · p99 outage ${dur(o.p99)}`, y));
    const av: ChaosPanel = { x: ax, cy, cls: '', tip: (s, v) => `${g.name}\navailability ${s}: ${pct(v)}` };
    out.push(
      `<line class="whisker" x1="${c1(ax(a.min))}" x2="${c1(ax(Math.max(a.p50, a.mean)))}" y1="${cy}" y2="${cy}"/>`,
    );
    out.push(box(av, g, 'p5–p50', 'p5', a.p5, a.p50));
    out.push(
      ...ticks(
        av,
        g,
        [
          ['min', a.min],
          ['p1', a.p1],
          ['p50', a.p50],
        ],
        'p50',
      ),
    );
    const mx = ax(a.mean);
    out.push(
      mark(
        'mean',
        g,
        'mean',
        a.mean,
        av.tip('mean', a.mean),
        `<path d="M${c1(mx)} ${cy - 6}l6 6l-6 6l-6 -6z"/>`,
      ),
    );
    const ou: ChaosPanel = {
      x: ox,
      cy,
      cls: ' out',
      tip: (s, v) => `${g.name}\nworst outage ${s}: ${dur(v)}`,
    };
    out.push(`<line class="whisker" x1="${c1(ox(o.p95))}" x2="${c1(ox(o.max))}" y1="${cy}" y2="${cy}"/>`);
    out.push(box(ou, g, 'p50–p95', 'p50', o.p50, o.p95));
    out.push(
      ...ticks(ou, g, [
        ['p95', o.p95],
        ['p99', o.p99],
        ['max', o.max],
      ]),
    );
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}
