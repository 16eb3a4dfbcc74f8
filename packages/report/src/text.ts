/**
 * Terminal output: the text tables of `routes`, `trace`, `run`, `diff` and `chaos`. Pure: every
 * function returns a string; the CLI prints it. Colour only when asked (`color: true`).
 */
import Table from 'cli-table3';
import pc from 'picocolors';
import type { RoutesView } from '@cloudroute/model';
import type { ChaosResult, DiffResult, RunResult, TraceResult, TraceRoute } from '@cloudroute/sim';
import { formatFlowHours, formatPercent, formatSeconds } from './values.js';

/** How text output is rendered: with terminal colours or plain. */
export interface TextOptions {
  /** Colour the output (a terminal that asked for it). */
  readonly color: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

function table(head: readonly string[], rows: readonly (readonly string[])[], c: Colors): string {
  const t = new Table({
    head: head.map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of rows) t.push([...r]);
  return t.toString();
}

/**
 * "at 15m", or "at 15m (unchanged since 10m)" when the answer held before the moment asked
 * (`since`, seconds, from `routes`/`trace --at`).
 */
function moment(at: number, since: number | undefined): string {
  return since !== undefined && since < at
    ? `${formatSeconds(at)} (unchanged since ${formatSeconds(since)})`
    : formatSeconds(at);
}

/** The `routes` table: a subnet's effective routes at a moment, one row per route with its source, state and next hop. */
export function formatRoutes(view: RoutesView & { readonly since?: number }, opts: TextOptions): string {
  const c = pc.createColors(opts.color);
  const rows = view.routes.map((r) => {
    const active = /^(active|ACTIVE|Active)$/.test(r.state);
    const state = active ? c.green(r.state) : c.yellow(r.state);
    return [r.prefix, r.source, state, r.nextHopType, r.nextHopIp ?? '', r.name ?? ''];
  });
  return `Effective routes of ${view.subnet} at ${moment(view.at, view.since)}\n${table(
    ['Prefix', 'Source', 'State', 'Next hop type', 'Next hop IP', 'Name'],
    rows,
    c,
  )}\n`;
}

/** A hop that is no table lookup (a connection or peering crossed, an opaque construct reached). */
function crossingText(node: string): string | undefined {
  if (node.startsWith('connection:') || node.startsWith('peering:')) return 'crossed';
  if (node.startsWith('opaque:')) return 'imported, not modelled';
  return undefined;
}

function routeText(r: TraceRoute | null): string {
  if (!r) return 'no matching route';
  const ip = r.nextHopIp ? ` ${r.nextHopIp}` : '';
  return `${r.prefix} → ${r.nextHopType}${ip} (${r.source}${r.name ? ` ${r.name}` : ''})`;
}

/** The `trace` text: the hops one packet takes, the route and filters that decided each, and whether it arrives or why it is dropped. */
export function formatTrace(t: TraceResult & { readonly since?: number }, opts: TextOptions): string {
  const c = pc.createColors(opts.color);
  const lines = [`Trace ${t.from} → ${t.to} at ${moment(t.at, t.since)}`];
  for (const n of t.notes ?? []) lines.push(`  ${c.dim(n)}`);
  t.hops.forEach((h, i) => {
    lines.push(
      `${String(i + 1).padStart(3)}. ${c.bold(h.node)}${h.id ? c.dim(` (${h.id})`) : ''}: ${(!h.route && crossingText(h.node)) || (h.route || !h.notes?.length ? routeText(h.route) : 'no route used')}`,
    );
    for (const b of h.beat)
      lines.push(`       ${c.dim(`beat ${routeText(b)}${b.state ? ` [${b.state}]` : ''}`)}`);
    for (const n of h.notes ?? []) lines.push(`       ${n}`);
  });
  // FILTERS.md "Output": a line per filter check, request then reply.
  if (t.filters?.length) {
    lines.push('Filters:');
    for (const f of t.filters) {
      const where = f.hop >= t.hops.length ? 'at the destination' : `at hop ${f.hop + 1}`;
      const verdict = f.action === 'allow' ? c.green('allow') : c.red('deny ');
      lines.push(
        `  ${f.phase.padEnd(7)} ${verdict} ${f.kind} ${c.bold(f.object)} ${f.direction} rule ${f.rule} (${f.at}, ${where})`,
      );
    }
  }
  const denied = t.filter
    ? ` by ${t.filter.kind} ${t.filter.object} ${t.filter.direction} rule ${t.filter.rule} (${t.filter.phase})`
    : '';
  lines.push(
    t.verdict === 'delivered'
      ? c.green('delivered')
      : t.verdict === 'unknown'
        ? c.yellow(
            `unknown: ${t.reason ?? 'unmodelled'}${t.construct ? ` (${t.construct.kind}${t.construct.id ? ` ${t.construct.id}` : ''}: imported, not modelled)` : ''}`,
          )
        : c.red(`dropped: ${t.reason ?? 'unknown'}${denied}`),
  );
  return `${lines.join('\n')}\n`;
}

/** An outage's reason, with the filter rule that lost the most flow-seconds when a filter decided (FILTERS.md). */
function reasonText(o: { readonly reason: string; readonly filter?: string }): string {
  return o.filter ? `${o.reason} (${o.filter})` : o.reason;
}

/** The first two lost destination prefixes of an outage, and how many more. */
function lostText(o: { readonly lostRanges?: readonly string[]; readonly moreLostRanges?: number }): string {
  const all = o.lostRanges ?? [];
  if (all.length === 0) return '-';
  const more = all.length - 2 + (o.moreLostRanges ?? 0);
  return more > 0 ? `${all.slice(0, 2).join(', ')} +${more}` : all.join(', ');
}

/** The `run` summary: per flow group its flows, availability and worst outage with its reason, then expectations and rejected changes. */
export function formatRun(r: RunResult, opts: TextOptions): string {
  const c = pc.createColors(opts.color);
  // DESIGN.md "Unknown": a column only when some flow reached a construct imported but not modelled.
  const unknown = r.groups.some((g) => (g.unknownFlowSeconds ?? 0) > 0);
  // DESIGN.md "Exact coverage": columns when the result has them.
  const exact = r.groups.some((g) => g.addressAvailability !== undefined);
  const rows = r.groups.map((g) => {
    const worst = g.outages.reduce<(typeof g.outages)[number] | undefined>(
      (w, o) => (!w || o.end - o.start > w.end - w.start ? o : w),
      undefined,
    );
    const avail =
      g.availability >= 1 ? c.green(formatPercent(g.availability)) : c.red(formatPercent(g.availability));
    return [
      g.name,
      String(g.flows),
      avail,
      ...(exact ? [g.addressAvailability === undefined ? '-' : formatPercent(g.addressAvailability)] : []),
      ...(unknown ? [g.unknownFlowSeconds ? c.yellow(formatFlowHours(g.unknownFlowSeconds)) : '-'] : []),
      worst ? `${formatSeconds(worst.end - worst.start)} from ${formatSeconds(worst.start)}` : '-',
      worst ? reasonText(worst) : '-',
      ...(exact ? [worst ? lostText(worst) : '-'] : []),
    ];
  });
  const out = [
    `${r.scenario} (seed ${r.seed}, horizon ${formatSeconds(r.horizon)})`,
    table(
      [
        'Group',
        'Flows',
        'Availability',
        ...(exact ? ['All addresses'] : []),
        ...(unknown ? ['Unknown (unmodelled)'] : []),
        'Worst outage',
        'Reason',
        ...(exact ? ['Lost destinations'] : []),
      ],
      rows,
      c,
    ),
  ];
  if (r.expectations.length) {
    out.push('Expectations:');
    for (const e of r.expectations) {
      const what = `${e.flows} during [${formatSeconds(e.during[0])}, ${formatSeconds(e.during[1])}) reachable ${e.reachable}`;
      out.push(
        e.ok
          ? `  ${c.green('ok')}    ${what}`
          : `  ${c.red('FAIL')}  ${what}: got ${formatPercent(e.actual)} (off by ${formatPercent(Math.abs(e.delta))})`,
      );
    }
  }
  if (r.rejected.length) {
    out.push('Refused by the provider:');
    for (const x of r.rejected) out.push(`  ${formatSeconds(x.at)} ${x.action} [${x.rule}]: ${x.message}`);
  }
  return `${out.join('\n')}\n`;
}

/** The `diff` table: per flow group the two scenarios' results side by side and how many flows changed. */
export function formatDiff(d: DiffResult, opts: TextOptions): string {
  const c = pc.createColors(opts.color);
  const side = (s: { availability: number; lostFlowSeconds: number } | null): [string, string] =>
    s ? [formatPercent(s.availability), formatFlowHours(s.lostFlowSeconds)] : ['-', '-'];
  const rows = d.groups.map((g) => {
    const changed = g.changedFlows > 0 ? c.yellow(String(g.changedFlows)) : '0';
    return [g.name, ...side(g.a), ...side(g.b), changed];
  });
  return `${d.a} vs ${d.b} (seed ${d.seed})\n${table(
    ['Group', 'Availability A', 'Lost A', 'Availability B', 'Lost B', 'Changed flows'],
    rows,
    c,
  )}\n`;
}

/** The `chaos` table: per flow group the availability and the longest outage over the runs, as mean and percentiles. */
export function formatChaos(r: ChaosResult, opts: TextOptions): string {
  const c = pc.createColors(opts.color);
  const rows = r.groups.map((g) => [
    g.name,
    formatPercent(g.availability.mean),
    formatPercent(g.availability.p5),
    formatPercent(g.availability.min),
    formatSeconds(g.maxOutageSeconds.p50),
    formatSeconds(g.maxOutageSeconds.p95),
    formatSeconds(g.maxOutageSeconds.p99),
    formatSeconds(g.maxOutageSeconds.max),
  ]);
  return `${r.scenario}: ${r.runs} chaos runs (seed ${r.seed})\n${table(
    ['Group', 'Avail. mean', 'Avail. p5', 'Avail. min', 'Outage p50', 'p95', 'p99', 'max'],
    rows,
    c,
  )}\n`;
}
