/** @cloudroute/report: text tables, JSON and the HTML report. Pure: returns strings. */
export {
  formatRoutes,
  formatTrace,
  formatRun,
  formatDiff,
  formatChaos,
  formatSeconds,
  formatPercent,
  toJson,
  documentJson,
} from './text.js';
export type { TextOptions } from './text.js';
export { renderHtml, escapeHtml } from './html.js';
export type { ReportInput } from './html.js';
