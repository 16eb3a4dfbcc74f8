/**
 * Colours of drop reasons: one stable class per reason (`c0`, `c1`, …) shared by the outage bars,
 * the legend and the table, so a reason has the same colour everywhere on the page. Known reasons
 * come in the simulator's order; a reason the palette does not know still gets a colour.
 */
import { OUTCOMES } from '@cloudroute/sim';
import { escapeHtml as h } from './html-format.js';

const COLOURS: Readonly<Record<string, string>> = {
  'no-route': '#d55e00',
  'none-route': '#cc3d8a',
  blackhole: '#3b3b3b',
  'next-hop-not-forwarding': '#e69f00',
  'no-public-ip': '#3a9bd9',
  'gateway-not-ready': '#0b5fa5',
  'session-down': '#8e5cc2',
  'tunnel-down': '#8c564b',
  loop: '#a8a21b',
  ttl: '#7f7f7f',
  'port-security': '#129fb0',
  firewall: '#e05ab8',
  'reserved-address': '#6b8fbf',
};

const SPARE = ['#b24a4a', '#4a8f3c', '#6b5b95', '#c17d11', '#2f6f8f', '#9b3d6e'] as const;

export interface Palette {
  /** The CSS class of a reason's colour. */
  readonly cls: (reason: string) => string;
  /** Reasons in legend order. */
  readonly reasons: readonly string[];
  /** The CSS rules of the palette. */
  readonly css: string;
}

/** A palette for the reasons that appear in one report. */
export function palette(used: Iterable<string>): Palette {
  const set = new Set(used);
  const known: string[] = OUTCOMES.filter((o) => o !== 'delivered' && set.has(o));
  const extra = [...set].filter((r) => !known.includes(r)).sort();
  const reasons = [...known, ...extra];
  const index = new Map(reasons.map((r, i) => [r, i]));
  const css = reasons
    .map((r, i) => {
      const colour = COLOURS[r] ?? SPARE[i % SPARE.length]!;
      return `.c${i}{fill:${colour};background:${colour}}`;
    })
    .join('');
  return { cls: (r) => `c${index.get(r) ?? 0}`, reasons, css };
}

/** A colour swatch and the reason's name, for legends and tables. */
export function swatch(p: Palette, reason: string): string {
  return `<span class="sw ${p.cls(reason)}" aria-hidden="true"></span>${h(reason)}`;
}
