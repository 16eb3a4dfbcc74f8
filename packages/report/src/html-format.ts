/**
 * Small pure helpers of the HTML report: escaping (element text, attributes, JSON inside a
 * `<script type="application/json">`), number and time formatting, and the time axis's ticks.
 */
import { formatPercent, formatSeconds } from './values.js';

/** Escapes text for HTML element content and attribute values (also inside inline SVG). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` become `\u003c`,
 * `\u003e` and `\u0026` so no string inside can close the element or open a comment, and the
 * JavaScript line terminators U+2028/U+2029 are escaped too. `JSON.parse` reads it back unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** `1234567` → `1,234,567` (fixed grouping so the page is identical on every machine). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Math.round(n);
  const sign = rounded < 0 ? '-' : '';
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Lost flow-seconds, with a readable equivalent: `36,000,000 (10,000 flow-hours)`. */
export function formatFlowSeconds(n: number): string {
  if (n >= 36_000) return `${formatCount(n)} (${formatCount(n / 3600)} flow-hours)`;
  return formatCount(n);
}

/** A fraction as a percent: `0.75` → `75%`. */
export const pct = formatPercent;

/** A difference of fractions in percentage points with a sign: `-0.25` → `−25 pts`. */
export function formatPoints(delta: number): string {
  const v = Number((delta * 100).toFixed(4));
  if (v === 0) return '±0 pts';
  return `${v > 0 ? '+' : '−'}${Math.abs(v)} pts`;
}

/** Durations in the scenario's own units (`90s`, `10m`, `1h30m`). */
export const dur = formatSeconds;

/** A time interval `[a, b)` as `10m–40m`. */
export function span(a: number, b: number): string {
  return `${formatSeconds(a)}–${formatSeconds(b)}`;
}

/** SVG coordinate: one decimal, no trailing `.0`. */
export function c1(x: number): string {
  return String(Math.round(x * 10) / 10);
}

const TICK_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800,
  604_800, 1_209_600, 2_592_000,
] as const;

/** Evenly spaced time ticks over `[0, horizon]`, at most about `max`, on round durations. */
export function timeTicks(horizon: number, max = 10): number[] {
  if (!(horizon > 0)) return [0];
  let step: number = TICK_STEPS[TICK_STEPS.length - 1]!;
  for (const s of TICK_STEPS) {
    if (horizon / s <= max) {
      step = s;
      break;
    }
  }
  while (horizon / step > max) step *= 2;
  const ticks: number[] = [];
  for (let t = 0; t <= horizon + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** Value ticks for a linear axis over `[lo, hi]`: about `max` round numbers (1, 2 or 5 × 10^k). */
export function valueTicks(lo: number, hi: number, max = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / max;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * mag;
  const ticks: number[] = [];
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++)
    ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** Cuts a label to `n` characters with an ellipsis (the full text stays in a title/tooltip). */
export function clip(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, Math.max(1, n - 1))}…`;
}
