/** @cloudroute/sim: flow generation, forwarding over time, connectivity-loss measurement. */
export type * from './spec.js';
