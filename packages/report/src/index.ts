/** @cloudroute/report: text tables, JSON and the HTML report. Pure: returns strings. */
export { formatRoutes, formatTrace, formatRun, formatDiff, formatChaos } from './text.js';
export { formatSeconds, formatPercent } from './values.js';
export { toJson, documentJson } from './json.js';
export type { TextOptions } from './text.js';
export { renderHtml, escapeHtml } from './html.js';
export type { ReportInput } from './html.js';
