/** The assertion of a packet dropped by a traffic filter, on the product's traces and the reference's. */
import { expect } from 'vitest';

/** What a trace (the product's or the reference's) says of its end. */
interface Ended {
  readonly verdict: string;
  readonly reason?: string;
  readonly filter?: unknown;
}

/**
 * Asserts that `t` was dropped by a filter (FILTERS.md "Output": verdict `dropped`, reason
 * `firewall`) and that its deciding check has the fields of `decided`.
 */
export function expectFirewallDrop(t: Ended, decided: Readonly<Record<string, unknown>>): void {
  expect(t.verdict).toBe('dropped');
  expect(t.reason).toBe('firewall');
  expect(t.filter).toMatchObject(decided);
}
