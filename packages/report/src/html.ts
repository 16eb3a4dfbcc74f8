/**
 * The self-contained HTML report of `run`, `diff`, `chaos` and `merge` (`--out report.html`): one
 * file, every style and script inline, system fonts, no network request (a Content-Security-Policy
 * with `default-src 'none'` and hashes for the one style and the one script forbids any), made
 * to be attached to a change request and read without explanation.
 *
 * Charts: server-side SVG, no charting library. The brief's default was uPlot for the delivered
 * step lines and hand-drawn SVG for the outage lanes; pure SVG is clearly better here because:
 * - the step lines, outage bars and event markers share one time axis per lane: in one SVG they
 *   line up exactly, where a canvas library beside SVG lanes needs two scales kept in step;
 * - the chart needs no script at all: it prints, exports to PDF and shows in viewers that run no
 *   JavaScript; the page's only script is ~70 lines of tooltips (the SVG keeps `<title>`s too);
 * - it is smaller: after downsampling (html-downsample.ts) a lane's step line is a few hundred
 *   path commands, less than uPlot's ~50 KB of code, and this package stays pure (no reading a
 *   library's file from node_modules at run time, no bundling step);
 * - it is testable without a browser: unit tests read the data-* attributes of the markup, and
 *   the browser tests check the same attributes in Chromium.
 * What a library would add (zoom, cursor sync over 100k points) does not apply once the series
 * are reduced to the chart's pixel width.
 *
 * Safety: every scenario-supplied string (names, descriptions, labels, messages) goes through
 * `escapeHtml` in text and attributes, and through `scriptJson` (`<` as `\u003c`) inside the
 * `<script type="application/json">` data block; the script writes with `textContent` only.
 */
import { createHash } from 'node:crypto';
import type { ChaosResult, DiffResult, ReportScenario, RunResult, SimResult } from '@cloudroute/sim';
import { REPORT_CSS } from './assets/report-css.js';
import { REPORT_SCRIPT } from './assets/report-script.js';
import { chaosSvg, diffSvg } from './html-charts.js';
import {
  dur,
  escapeHtml,
  escapeHtml as h,
  formatCount,
  formatFlowSeconds,
  formatPoints,
  pct,
  scriptJson,
  span,
} from './html-format.js';
import { palette, swatch, type Palette } from './html-palette.js';
import { MAX_MARKERS, timelineSvg } from './html-timeline.js';

export { escapeHtml };

/**
 * What the report page is made of: a result (its `kind` picks the page) and the scenario's name
 * and description (`other`: the B side of a diff). Without a scenario the result's own names are
 * used.
 */
export interface ReportInput {
  readonly result: SimResult;
  readonly scenario?: ReportScenario;
  readonly other?: ReportScenario;
}

/** At most this many rows in the outage and event lists (the chart and the JSON keep the rest). */
const MAX_OUTAGE_ROWS = 300;
const MAX_EVENT_ROWS = 500;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

interface Page {
  readonly title: string;
  readonly css: string;
  readonly body: string;
  readonly data: unknown;
}

function page(p: Page): string {
  const css = REPORT_CSS + p.css;
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256(REPORT_SCRIPT)}'`,
    `style-src 'sha256-${sha256(css)}'`,
    'img-src data:',
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="cloudroute">',
    `<title>${h(p.title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    `<main>${p.body}`,
    '<footer>Made by cloudroute. This page is self-contained: it loads nothing from the network and opens from disk. The figures behind it are in the <code>report-data</code> block of its source.</footer>',
    '</main>',
    '<div id="tip" role="tooltip" hidden></div>',
    `<script type="application/json" id="report-data">${scriptJson(p.data)}</script>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function header(kind: string, name: string, description: string | undefined, meta: string): string {
  const desc = description?.trim() ? `<p class="description">${h(description.trim())}</p>` : '';
  return `<header><p class="kind">${h(kind)}</p><h1 id="scenario-name">${h(name)}</h1>${desc}<p class="meta">${meta}</p></header>`;
}

// ------------------------------------------------------------------------------------------------
// run

function verdictRun(r: RunResult): string {
  const ex = r.expectations;
  const failed = ex.filter((e) => !e.ok).length;
  const cls = ex.length === 0 ? 'none' : failed ? 'fail' : 'pass';
  const title =
    ex.length === 0
      ? 'No expectations in this scenario'
      : failed
        ? `${failed} of ${ex.length} expectation${ex.length === 1 ? '' : 's'} failed`
        : `All ${ex.length} expectation${ex.length === 1 ? '' : 's'} hold`;
  const items = ex.map((e) => {
    const mark = e.ok ? '<span class="mark ok">PASS</span>' : '<span class="mark bad">FAIL</span>';
    return `<li data-ok="${e.ok}" data-flows="${h(e.flows)}">${mark}<b>${h(e.flows)}</b> during ${span(e.during[0], e.during[1])}: expected ${pct(e.reachable)} reachable, got ${pct(e.actual)} (${formatPoints(e.delta)})</li>`;
  });
  const hit = r.groups.filter((g) => g.outages.length > 0);
  const worst = [...r.groups].sort((a, b) => b.maxOutageSeconds - a.maxOutageSeconds)[0];
  const lines: string[] = [];
  if (r.groups.length)
    lines.push(
      hit.length === 0
        ? `<li>No flow group lost connectivity over the ${dur(r.horizon)} simulated.</li>`
        : `<li>${hit.length} of ${r.groups.length} flow groups had outages over the ${dur(r.horizon)} simulated; the longest: <b>${h(worst!.name)}</b>, ${dur(worst!.maxOutageSeconds)}.</li>`,
    );
  if (r.rejected.length)
    lines.push(
      `<li class="warn">${r.rejected.length} timeline change${r.rejected.length === 1 ? ' was' : 's were'} refused by the provider (see <a href="#rejected">Refused changes</a>).</li>`,
    );
  return `<section class="verdict ${cls}" id="verdict" data-failed="${failed}" data-total="${ex.length}"><p class="verdict-title">${title}</p><ul>${items.join('')}${lines.join('')}</ul></section>`;
}

function reasonsCell(g: RunResult['groups'][number], p: Palette): string {
  const entries = Object.entries(g.reasons).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((s, [, v]) => s + v, 0);
  if (!entries.length) return '—';
  return entries
    .map(
      ([r, v]) =>
        `<span class="reason" data-reason="${h(r)}">${swatch(p, r)} ${pct(total > 0 ? v / total : 0)}</span>`,
    )
    .join('<br>');
}

function groupTable(r: RunResult, p: Palette): string {
  // DESIGN.md "Unknown": a column only when some flow reached a construct imported but not modelled.
  const unknown = r.groups.some((g) => (g.unknownFlowSeconds ?? 0) > 0);
  // DESIGN.md "Exact coverage": every address of the group's destinations, not the sampled flows.
  const exact = r.groups.some((g) => g.addressAvailability !== undefined);
  const unknownCell = (g: RunResult['groups'][number]): string =>
    unknown ? `<td class="num unknown">${formatFlowSeconds(g.unknownFlowSeconds ?? 0)}</td>` : '';
  const rows = r.groups.map(
    (g) =>
      `<tr data-group="${h(g.name)}"${g.outages.length ? ' class="bad"' : ''}><td>${h(g.name)}</td><td class="num">${formatCount(g.flows)}</td><td class="num">${pct(g.availability)}</td>${exact ? `<td class="num">${g.addressAvailability === undefined ? '—' : pct(g.addressAvailability)}</td>` : ''}<td class="num">${formatFlowSeconds(g.lostFlowSeconds)}</td>${unknownCell(g)}<td class="num">${formatCount(g.outages.length)}</td><td class="num">${dur(g.maxOutageSeconds)}</td><td>${reasonsCell(g, p)}</td></tr>`,
  );
  return `<table id="groups"><thead><tr><th>Flow group</th><th class="num">Flows</th><th class="num">Availability</th>${exact ? '<th class="num" title="exact: the delivered share of every destination address of the group over time, not only the sampled flows">All addresses</th>' : ''}<th class="num">Lost flow-seconds</th>${unknown ? '<th class="num" title="flows that reached a construct imported but not modelled: neither delivered nor lost">Unknown flow-seconds (unmodelled)</th>' : ''}<th class="num">Outages</th><th class="num">Worst outage</th><th>Drop reasons (share of lost time)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function legend(p: Palette, merged: boolean): string {
  const reasons = p.reasons.map((r) => `<span>${swatch(p, r)}</span>`).join('');
  const m = merged
    ? '<span><span class="merged"></span>dashed outline: several outages merged at this scale</span>'
    : '';
  return `<div class="legend" id="legend">${reasons}<span><span class="line"></span>delivered fraction (top 100%, bottom 0%)</span><span><span class="evk"></span>timeline event</span>${m}</div>`;
}

function outageList(r: RunResult, p: Palette): string {
  const total = r.groups.reduce((s, g) => s + g.outages.length, 0);
  if (total === 0) return '<p>No outages.</p>';
  const rows: string[] = [];
  // DESIGN.md "Exact coverage": the destination ranges each outage lost, when the run has them.
  const exact = r.groups.some((g) => g.outages.some((o) => o.lostRanges !== undefined));
  for (const g of r.groups)
    for (const o of g.outages) {
      if (rows.length >= MAX_OUTAGE_ROWS) break;
      rows.push(
        `<tr><td>${h(g.name)}</td><td class="num">${dur(o.start)}</td><td class="num">${dur(o.end)}</td><td class="num">${dur(o.end - o.start)}</td><td class="num">${formatCount(o.flows)} of ${formatCount(g.flows)}</td><td>${swatch(p, o.reason)}${o.filter ? ` <code class="filter">${h(o.filter)}</code>` : ''}</td>${exact ? `<td class="lost-ranges">${lostRangesCell(o)}</td>` : ''}</tr>`,
      );
    }
  const more =
    total > rows.length
      ? `<p class="caption">… and ${formatCount(total - rows.length)} more outages, not listed (the chart and the JSON result have them all).</p>`
      : '';
  return `<details id="outages"${total <= 20 ? ' open' : ''}><summary>${formatCount(total)} outage${total === 1 ? '' : 's'}</summary><table><thead><tr><th>Flow group</th><th class="num">Start</th><th class="num">End</th><th class="num">Duration</th><th class="num">Most flows lost at once</th><th>Main reason</th>${exact ? '<th>Destinations lost (all addresses)</th>' : ''}</tr></thead><tbody>${rows.join('')}</tbody></table>${more}</details>`;
}

/** An outage's lost destination prefixes, and how many more there are. */
function lostRangesCell(o: RunResult['groups'][number]['outages'][number]): string {
  const ranges = (o.lostRanges ?? []).map((x) => `<code>${h(x)}</code>`).join(' ');
  return o.moreLostRanges ? `${ranges} … and ${formatCount(o.moreLostRanges)} more` : ranges;
}

function eventList(r: RunResult): string {
  if (!r.events.length) return '<p>No timeline events.</p>';
  const rows = r.events
    .slice(0, MAX_EVENT_ROWS)
    .map(
      (e) =>
        `<tr><td class="num">${dur(e.at)}</td><td>${h(e.label)}</td><td><code>${h(e.type)}</code></td></tr>`,
    );
  const more =
    r.events.length > MAX_EVENT_ROWS
      ? `<p class="caption">… and ${formatCount(r.events.length - MAX_EVENT_ROWS)} more events.</p>`
      : '';
  return `<table id="events"><thead><tr><th class="num">At</th><th>Event</th><th>Type</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}`;
}

function rejectedList(r: RunResult): string {
  if (!r.rejected.length)
    return '<p id="rejected-none">None: the provider accepted every change of the timeline.</p>';
  const rows = r.rejected.map(
    (x) =>
      `<tr data-rule="${h(x.rule)}"><td class="num">${dur(x.at)}</td><td><code>${h(x.action)}</code></td><td><code>${h(x.rule)}</code></td><td>${h(x.message)}</td></tr>`,
  );
  return `<table id="rejected-table"><thead><tr><th class="num">At</th><th>Change</th><th>Rule</th><th>Why the provider refused it</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderRun(r: RunResult, sc: ReportScenario | undefined): string {
  const used = new Set<string>();
  for (const g of r.groups) {
    for (const k of Object.keys(g.reasons)) used.add(k);
    for (const o of g.outages) used.add(o.reason);
  }
  const p = palette(used);
  const name = sc?.name ?? r.scenario;
  const flows = r.groups.reduce((s, g) => s + g.flows, 0);
  const meta = `Simulated ${dur(r.horizon)} · seed ${r.seed} · ${r.groups.length} flow group${r.groups.length === 1 ? '' : 's'}, ${formatCount(flows)} flows · ${r.events.length} timeline event${r.events.length === 1 ? '' : 's'}`;
  const timeline = timelineSvg(r, p);
  const drawn =
    r.events.length > MAX_MARKERS ? ` (the first ${MAX_MARKERS} of ${r.events.length} events are drawn)` : '';
  const body = [
    header('cloudroute run', name, sc?.description, meta),
    verdictRun(r),
    '<h2>Flow groups</h2>',
    '<p class="caption">Availability is the share of flow-seconds delivered over the whole horizon. An outage is an interval during which some of the group\'s flows are lost.</p>',
    groupTable(r, p),
    '<h2 id="timeline-title">Timeline</h2>',
    `<p class="caption">One lane per flow group. Coloured blocks are outages, coloured by their main drop reason (hover or focus one for its start, end, flows and reason); the green line is the fraction of the group's flows delivered. Dashed lines are timeline events and the facts they led to${drawn}.</p>`,
    legend(p, timeline.merged),
    `<div class="chart-wrap">${timeline.svg}</div>`,
    '<h2>Outages</h2>',
    outageList(r, p),
    '<h2>Timeline events</h2>',
    eventList(r),
    '<h2 id="rejected">Refused changes</h2>',
    rejectedList(r),
  ].join('\n');
  const data = {
    kind: 'run',
    scenario: name,
    description: sc?.description ?? null,
    seed: r.seed,
    horizon: r.horizon,
    groups: r.groups.map((g) => ({
      name: g.name,
      flows: g.flows,
      availability: g.availability,
      lostFlowSeconds: g.lostFlowSeconds,
      maxOutageSeconds: g.maxOutageSeconds,
      outages: g.outages.length,
      reasons: g.reasons,
    })),
    expectations: r.expectations,
    rejected: r.rejected,
    events: r.events.slice(0, MAX_MARKERS),
  };
  return page({ title: `${name} — cloudroute run`, css: p.css, body, data });
}

// ------------------------------------------------------------------------------------------------
// diff

function renderDiff(r: DiffResult, a: ReportScenario | undefined, b: ReportScenario | undefined): string {
  const nameA = a?.name ?? r.a;
  const nameB = b?.name ?? r.b;
  const changed = r.groups.filter((g) => g.changedFlows > 0);
  const total = r.groups.reduce((s, g) => s + g.changedFlows, 0);
  const side = (label: string, name: string, sc: ReportScenario | undefined): string =>
    `<div class="side" data-side="${label.toLowerCase()}"><h3>${label}: ${h(name)}</h3>${sc?.description?.trim() ? `<p class="description">${h(sc.description.trim())}</p>` : ''}</div>`;
  const verdict = `<section class="verdict ${total ? 'fail' : 'pass'}" id="verdict" data-changed="${total}"><p class="verdict-title">${
    total
      ? `${formatCount(total)} flow${total === 1 ? '' : 's'} change outcome in ${changed.length} of ${r.groups.length} group${r.groups.length === 1 ? '' : 's'}`
      : 'No flow changes outcome between A and B'
  }</p><ul>${changed
    .map((g) => {
      const d =
        g.a && g.b
          ? ` — availability ${pct(g.a.availability)} → ${pct(g.b.availability)} (${formatPoints(g.b.availability - g.a.availability)})`
          : '';
      return `<li><b>${h(g.name)}</b>: ${formatCount(g.changedFlows)} flows changed${d}</li>`;
    })
    .join('')}</ul></section>`;
  const cell = (s: DiffResult['groups'][number]['a'], f: (x: NonNullable<typeof s>) => string): string =>
    s ? f(s) : '<i>not in this what-if</i>';
  const rows = r.groups.map(
    (g) =>
      `<tr data-group="${h(g.name)}"${g.changedFlows ? ' class="bad"' : ''}><td>${h(g.name)}</td><td class="num">${cell(g.a, (s) => pct(s.availability))}</td><td class="num">${cell(g.b, (s) => pct(s.availability))}</td><td class="num">${g.a && g.b ? formatPoints(g.b.availability - g.a.availability) : '—'}</td><td class="num">${cell(g.a, (s) => formatFlowSeconds(s.lostFlowSeconds))}</td><td class="num">${cell(g.b, (s) => formatFlowSeconds(s.lostFlowSeconds))}</td><td class="num">${formatCount(g.changedFlows)}</td></tr>`,
  );
  const body = [
    header(
      'cloudroute diff (what-if)',
      `${nameA} vs ${nameB}`,
      undefined,
      `seed ${r.seed} · ${r.groups.length} flow groups`,
    ),
    side('A', nameA, a),
    side('B', nameB, b),
    verdict,
    '<h2>Flow groups, A against B</h2>',
    `<table id="groups"><thead><tr><th>Flow group</th><th class="num">Availability A</th><th class="num">Availability B</th><th class="num">Change</th><th class="num">Lost flow-seconds A</th><th class="num">Lost flow-seconds B</th><th class="num">Flows changed</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    '<h2>Chart</h2>',
    '<p class="caption">Left: each group\'s availability in A (●) and B (■). Right: lost flow-seconds, A (upper bar) and B (lower bar), on a scale from zero.</p>',
    `<div class="chart-wrap">${diffSvg(r)}</div>`,
  ].join('\n');
  // `kind: "diff"` comes first, from the result (its first key).
  const data = { ...r, descriptions: { a: a?.description ?? null, b: b?.description ?? null } };
  return page({ title: `${nameA} vs ${nameB} — cloudroute diff`, css: '', body, data });
}

// ------------------------------------------------------------------------------------------------
// chaos

function renderChaos(r: ChaosResult, sc: ReportScenario | undefined): string {
  const name = sc?.name ?? r.scenario;
  const worstA = [...r.groups].sort((x, y) => x.availability.p1 - y.availability.p1)[0];
  const worstO = [...r.groups].sort((x, y) => y.maxOutageSeconds.p99 - x.maxOutageSeconds.p99)[0];
  const items =
    worstA && worstO
      ? `<li>Bad tail of availability (1 run in 100 is worse): <b>${h(worstA.name)}</b>, ${pct(worstA.availability.p1)}.</li><li>Worst outage in 1 run in 100: <b>${h(worstO.name)}</b>, ${dur(worstO.maxOutageSeconds.p99)} or longer (longest seen ${dur(worstO.maxOutageSeconds.max)}).</li>`
      : '';
  const verdict = `<section class="verdict none" id="verdict"><p class="verdict-title">${formatCount(r.runs)} seeded run${r.runs === 1 ? '' : 's'} of the chaos faults</p><ul>${items}</ul></section>`;
  const rows = r.groups.map((g) => {
    const a = g.availability;
    const o = g.maxOutageSeconds;
    return `<tr data-group="${h(g.name)}"><td>${h(g.name)}</td><td class="num">${pct(a.mean)}</td><td class="num">${pct(a.p50)}</td><td class="num">${pct(a.p5)}</td><td class="num">${pct(a.p1)}</td><td class="num">${pct(a.min)}</td><td class="num">${dur(o.p50)}</td><td class="num">${dur(o.p95)}</td><td class="num">${dur(o.p99)}</td><td class="num">${dur(o.max)}</td></tr>`;
  });
  const body = [
    header(
      'cloudroute chaos',
      name,
      sc?.description,
      `seed ${r.seed} · ${formatCount(r.runs)} runs · ${r.groups.length} flow groups`,
    ),
    verdict,
    '<h2>Distribution per flow group</h2>',
    '<p class="caption">Availability is the share of flow-seconds delivered in one run; p5 and p1 are the bad tails (5 and 1 runs in 100 do worse). Worst outage is the longest outage of a run; p95 and p99 are its long tails.</p>',
    `<table id="groups"><thead><tr><th>Flow group</th><th class="num">Mean</th><th class="num">p50</th><th class="num">p5</th><th class="num">p1</th><th class="num">Min</th><th class="num">Worst outage p50</th><th class="num">p95</th><th class="num">p99</th><th class="num">Max</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    '<h2>Chart</h2>',
    `<div class="chart-wrap">${chaosSvg(r)}</div>`,
  ].join('\n');
  // `kind: "chaos"` comes first, from the result (its first key).
  const data = { ...r, description: sc?.description ?? null };
  return page({ title: `${name} — cloudroute chaos`, css: '', body, data });
}

/**
 * The report page for a `run`, `diff` or `chaos` result (also after `merge`, where no scenario
 * is passed and the result's own names are used). Deterministic: the same input gives the same
 * bytes.
 */
export function renderHtml(input: ReportInput): string {
  const r = input.result;
  switch (r.kind) {
    case 'run':
      return renderRun(r, input.scenario);
    case 'diff':
      return renderDiff(r, input.scenario, input.other);
    case 'chaos':
      return renderChaos(r, input.scenario);
  }
}
