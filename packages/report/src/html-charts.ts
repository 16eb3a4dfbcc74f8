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

const WIDTH = 1000;
const LABEL_W = 190;
const GAP = 40;
const PAD_R = 16;
const PANEL_W = (WIDTH - LABEL_W - GAP - PAD_R) / 2;
const ROW_H = 40;
const TOP = 26;
const AXIS_H = 26;

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

/** diff: availability dumbbells and lost-time bars per group, A against B. */
export function diffSvg(r: DiffResult): string {
  const height = TOP + r.groups.length * ROW_H + AXIS_H;
  const y1 = TOP + r.groups.length * ROW_H;
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
  const x0 = LABEL_W;
  const x1 = LABEL_W + PANEL_W + GAP;
  const ax = scale(aAxis, x0);
  const lx = scale(lAxis, x1);
  const out = [
    `<svg class="chart diff" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Availability and lost time per group, A against B">`,
  ];
  out.push(axisSvg(aAxis, x0, y1, axisPct, 'availability (● A, ■ B)'));
  out.push(axisSvg(lAxis, x1, y1, compact, 'lost flow-seconds (A above, B below)'));
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

/** chaos: per group, the distribution of availability and of the worst outage over the runs. */
export function chaosSvg(r: ChaosResult): string {
  const height = TOP + r.groups.length * ROW_H + AXIS_H;
  const y1 = TOP + r.groups.length * ROW_H;
  const aAxis = availabilityAxis(
    r.groups.flatMap((g) => [g.availability.min, g.availability.p1, g.availability.mean]),
  );
  const maxOut = Math.max(0, ...r.groups.map((g) => g.maxOutageSeconds.max));
  const oAxis = timeAxis(maxOut);
  const x0 = LABEL_W;
  const x1 = LABEL_W + PANEL_W + GAP;
  const ax = scale(aAxis, x0);
  const ox = scale(oAxis, x1);
  const out = [
    `<svg class="chart chaos" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Availability and worst outage per group over ${r.runs} runs">`,
  ];
  out.push(axisSvg(aAxis, x0, y1, axisPct, 'availability per run: box p5–p50, ◆ mean, ticks p1 and min'));
  out.push(axisSvg(oAxis, x1, y1, dur, 'worst outage per run: box p50–p95, tick p99, whisker to max'));
  r.groups.forEach((g, i) => {
    const y = TOP + i * ROW_H;
    const cy = y + ROW_H / 2;
    const a = g.availability;
    const o = g.maxOutageSeconds;
    out.push(`<g class="row" data-group="${h(g.name)}">`);
    out.push(rowLabel(g.name, `p1 ${pct(a.p1)} · p99 outage ${dur(o.p99)}`, y));
    const tipA = (s: string, v: number): string => `${g.name}\navailability ${s}: ${pct(v)}`;
    out.push(
      `<line class="whisker" x1="${c1(ax(a.min))}" x2="${c1(ax(Math.max(a.p50, a.mean)))}" y1="${cy}" y2="${cy}"/>`,
    );
    const bx = ax(a.p5);
    out.push(
      mark(
        'box',
        g,
        'p5',
        a.p5,
        tipA('p5–p50', a.p5),
        `<rect x="${c1(bx)}" y="${cy - 8}" width="${c1(Math.max(2, ax(a.p50) - bx))}" height="16"/>`,
      ),
    );
    for (const [stat, v] of [
      ['min', a.min],
      ['p1', a.p1],
      ['p50', a.p50],
    ] as const)
      out.push(
        mark(
          `tick ${stat}`,
          g,
          stat,
          v,
          tipA(stat, v),
          `<rect x="${c1(ax(v) - 1.5)}" y="${cy - (stat === 'p50' ? 10 : 7)}" width="3" height="${stat === 'p50' ? 20 : 14}"/>`,
        ),
      );
    const mx = ax(a.mean);
    out.push(
      mark(
        'mean',
        g,
        'mean',
        a.mean,
        tipA('mean', a.mean),
        `<path d="M${c1(mx)} ${cy - 6}l6 6l-6 6l-6 -6z"/>`,
      ),
    );
    const tipO = (s: string, v: number): string => `${g.name}\nworst outage ${s}: ${dur(v)}`;
    out.push(`<line class="whisker" x1="${c1(ox(o.p95))}" x2="${c1(ox(o.max))}" y1="${cy}" y2="${cy}"/>`);
    const ob = ox(o.p50);
    out.push(
      mark(
        'box out',
        g,
        'p50',
        o.p50,
        tipO('p50–p95', o.p50),
        `<rect x="${c1(ob)}" y="${cy - 8}" width="${c1(Math.max(2, ox(o.p95) - ob))}" height="16"/>`,
      ),
    );
    for (const [stat, v] of [
      ['p95', o.p95],
      ['p99', o.p99],
      ['max', o.max],
    ] as const)
      out.push(
        mark(
          `tick out ${stat}`,
          g,
          stat,
          v,
          tipO(stat, v),
          `<rect x="${c1(ox(v) - 1.5)}" y="${cy - 7}" width="3" height="14"/>`,
        ),
      );
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}
