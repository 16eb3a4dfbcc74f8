/** @cloudroute/cli: the `cloudroute` command. */
export { main, UsageError } from './main.js';
export type { Io } from './main.js';
