/**
 * A shard's partial document: what it holds, its checksum, and how a job makes one.
 */
import { createHash } from 'node:crypto';
import type { SimScenario } from '../sim-scenario.js';
import { fingerprint, type ReportContext, type Shard } from './job.js';

/**
 * A shard's partial result; `merge` refuses parts whose `fingerprint`, `command` or `n` differ,
 * and a part whose content does not match its `checksum` (edited or damaged).
 */
export interface PartDocument {
  /** The document's kind in memory (as `cloudroute`); not printed (`toJson` leaves it out). */
  readonly kind: 'part';
  readonly cloudroute: 'part';
  readonly command: 'run' | 'diff' | 'chaos';
  readonly scenario: string;
  readonly seed: number;
  readonly fingerprint: string;
  readonly shard: Shard;
  /** What `merge --out` needs to write the report the unsharded command writes. */
  readonly report: ReportContext;
  readonly payload: unknown;
  /** SHA-256 (hex) of every other field, as `partChecksum` computes it. */
  readonly checksum: string;
}

/**
 * The checksum of a part: SHA-256 of its fields (all but `checksum`) as JSON, in a fixed order.
 * A part read back from its printed JSON gives the same text, so any edit of the file shows.
 */
export function partChecksum(doc: Omit<PartDocument, 'kind' | 'checksum'>): string {
  const text = JSON.stringify([
    doc.cloudroute,
    doc.command,
    doc.scenario,
    doc.seed,
    doc.fingerprint,
    doc.shard,
    doc.report,
    doc.payload,
  ]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Shard `shard`'s part of job `command` on `sc`; `extra` (the other side, the run count) joins its fingerprint. */
export function partDoc(
  command: PartDocument['command'],
  sc: SimScenario,
  shard: Shard,
  report: ReportContext,
  payload: unknown,
  ...extra: unknown[]
): PartDocument {
  const { chaos, ...rest } = sc;
  const doc: Omit<PartDocument, 'kind' | 'checksum'> = {
    cloudroute: 'part',
    command,
    scenario: sc.name,
    seed: sc.seed,
    fingerprint: fingerprint(
      command,
      rest,
      chaos ?? null,
      shard.n,
      ...extra.map((e) => (typeof e === 'object' ? fingerprint(e) : e)),
    ),
    shard,
    report,
    payload,
  };
  return { kind: 'part', ...doc, checksum: partChecksum(doc) };
}
