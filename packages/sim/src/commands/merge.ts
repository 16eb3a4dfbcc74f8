/**
 * `cloudroute merge`: the parts of one sharded job combined into the document the unsharded job
 * prints.
 */
import type { RunResult } from '../result.js';
import { finishChaos, type ChaosPayload, type ChaosResult } from './chaos.js';
import { finishDiff, type DiffPayload, type DiffResult } from './diff.js';
import { sumCounts } from './job.js';
import { partChecksum, type PartDocument } from './part.js';
import { finishRun, type RunPayload } from './run.js';

/** A whole job's result, as `run`, `diff`, `chaos` and `merge` print it. */
export type SimResult = RunResult | DiffResult | ChaosResult;

/** Parts that cannot be merged (another job, a missing or repeated shard, an edited part): bad input. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

/**
 * Combines the parts of one sharded job into the document the unsharded job prints. Refuses a
 * part whose content does not match its checksum, parts of different jobs, a missing or repeated
 * shard, or a different shard count. The report context (`doc.report`) is the same in every part.
 */
export function mergeParts(
  parts: readonly { readonly file: string; readonly doc: PartDocument }[],
): SimResult {
  if (parts.length === 0) throw new MergeError('no parts given');
  const first = parts[0]!.doc;
  const seen = new Map<number, string>();
  for (const { file, doc } of parts) {
    if (doc.checksum !== partChecksum(doc))
      throw new MergeError(
        `${file}: the part does not match its checksum (it was edited, damaged or made by another version of cloudroute) — regenerate it with \`cloudroute ${doc.command} … --shard ${doc.shard.k}/${doc.shard.n}\``,
      );
    if (doc.shard.n !== first.shard.n)
      throw new MergeError(
        `${file}: shard ${doc.shard.k}/${doc.shard.n} is from a split into ${doc.shard.n}, not ${first.shard.n}`,
      );
    if (doc.command !== first.command || doc.fingerprint !== first.fingerprint)
      throw new MergeError(
        `${file}: belongs to another job (${doc.command} of ${doc.scenario}, seed ${doc.seed}) than ${parts[0]!.file} (${first.command} of ${first.scenario}, seed ${first.seed})`,
      );
    const dup = seen.get(doc.shard.k);
    if (dup !== undefined)
      throw new MergeError(`${file}: shard ${doc.shard.k}/${doc.shard.n} is repeated (also in ${dup})`);
    seen.set(doc.shard.k, file);
  }
  const missing = Array.from({ length: first.shard.n }, (_, k) => k).filter((k) => !seen.has(k));
  if (missing.length)
    throw new MergeError(
      `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${first.shard.n}`).join(', ')}`,
    );
  const ordered = [...parts].sort((x, y) => x.doc.shard.k - y.doc.shard.k).map((p) => p.doc.payload);
  switch (first.command) {
    case 'run': {
      const rs = ordered as RunPayload[];
      return finishRun({ meta: rs[0]!.meta, ...sumCounts(rs) });
    }
    case 'diff': {
      const ds = ordered as DiffPayload[];
      return finishDiff({
        meta: ds[0]!.meta,
        a: sumCounts(ds.map((d) => d.a)),
        b: sumCounts(ds.map((d) => d.b)),
        changed: ds[0]!.changed.map((_, g) => ds.reduce((acc, d) => acc + d.changed[g]!, 0)),
      });
    }
    case 'chaos': {
      const cs = ordered as ChaosPayload[];
      return finishChaos({ meta: cs[0]!.meta, runs: cs[0]!.runs, results: cs.flatMap((c) => c.results) });
    }
  }
}
