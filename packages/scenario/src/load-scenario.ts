/**
 * Loading a scenario file: YAML → schema → semantic checks → provider rules (the model's
 * `validateTopology`), every problem of the file collected and located, never an exception.
 */
import { validateTopology } from '@cloudroute/model';
import type { Diagnostic } from '@cloudroute/model';
import { buildScenarioParts } from './build.js';
import { checkLimits } from './checks/limits.js';
import { runChecks } from './checks/run-checks.js';
import { parseWithFastRoutes } from './fast-routes.js';
import { findingSink } from './findings.js';
import type { Finding } from './findings.js';
import { reportIssues } from './issues.js';
import { dedupeProblems, sortProblems } from './problem.js';
import type { Problem } from './problem.js';
import type { LoadResult, Scenario } from './scenario.js';
import { scenarioSchema } from './schema/scenario.js';
import { looksLikeJson, readJson } from './json-read.js';
import { createSourceMap, yamlOffsets } from './source-map.js';
import type { OffsetOf, SourceMap } from './source-map.js';
import { readYamlFast } from './yaml-fast-read.js';
import { readYaml } from './yaml-read.js';

function toProblems(
  findings: readonly Finding[],
  file: string,
  map: SourceMap,
  offsetPos: (o: number) => { line: number; col: number },
): LoadResult {
  const problems = findings.map((f): Problem => {
    const pos =
      f.offset !== undefined
        ? (({ line, col }) => ({ line, column: col }))(offsetPos(f.offset))
        : map.position(f.path ?? [], f.atKey === true);
    return {
      file,
      line: Math.max(1, pos.line),
      column: Math.max(1, pos.column),
      code: f.code,
      message: f.message || f.code,
      severity: f.severity,
    };
  });
  // What the schema says about a refused alias's stand-in (null) is said by the alias problem.
  const aliases = new Set(
    problems.filter((p) => p.code === 'yaml-alias').map((p) => `${p.line}:${p.column}`),
  );
  const kept = problems.filter((p) => p.code.startsWith('yaml-') || !aliases.has(`${p.line}:${p.column}`));
  const sorted = sortProblems(dedupeProblems(kept));
  return {
    problems: sorted.filter((p) => p.severity === 'error'),
    warnings: sorted.filter((p) => p.severity === 'warning'),
  };
}

function modelDiagnostics(run: () => readonly Diagnostic[]): Finding[] {
  try {
    return run().map((d) => ({ path: d.path, code: d.code, message: d.message, severity: d.severity }));
  } catch (e) {
    return [
      {
        path: [],
        code: 'internal-error',
        severity: 'error',
        message: `the provider rules failed (${e instanceof Error ? e.message : String(e)}) — this is a cloudroute bug; please report it`,
      },
    ];
  }
}

/**
 * Bytes that are not UTF-8 reach us decoded as U+FFFD (the file system layer decodes leniently):
 * refused with the place of the first, since a name silently changed is worse than an error.
 */
function invalidUtf8(text: string, file: string): LoadResult | undefined {
  const at = text.indexOf('\uFFFD');
  if (at < 0) return undefined;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  const more = text.indexOf('\uFFFD', at + 1) < 0 ? '' : ' (and more after it)';
  const message = `bytes that are not UTF-8 text here${more} — save the file as UTF-8 (scenario files are UTF-8; a U+FFFD replacement character is refused too)`;
  return {
    problems: [{ file, line, column, code: 'bad-encoding', message, severity: 'error' }],
    warnings: [],
  };
}

/**
 * At most this many YAML values, counted before parsing (newlines, `,`, `:`, `[`, `{`): parsing
 * YAML keeps about 0.7–1.2 KB per value, so this bounds a load below the default 4 GB heap. A
 * 500,000-route file has about 4.5 million (measured: 37 MiB, 3.5 GB peak; 640,000 routes ran out
 * of memory). A JSON file read by the fast path counts only `,`, `:`, `[` and `{` outside strings
 * and keeps the data alone: 500,000 routes (34 MiB, 4.5 million values) peak at about 0.45 GB for
 * `validate` (measured with `pnpm bench load` and `/usr/bin/time`, issue 14).
 */
export const MAX_YAML_VALUES = 4_600_000;

function tooManyValues(text: string, file: string): LoadResult | undefined {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44 || c === 58 || c === 91 || c === 123) n++;
  }
  if (n <= MAX_YAML_VALUES) return undefined;
  const fmt = (x: number): string => x.toLocaleString('en-US');
  const message = `about ${fmt(n)} YAML values — a scenario file holds at most ${fmt(MAX_YAML_VALUES)} (about 500,000 routes); split it into smaller scenarios`;
  return {
    problems: [{ file, line: 1, column: 1, code: 'too-large', message, severity: 'error' }],
    warnings: [],
  };
}

/** A file's text read into plain data, with its findings and where paths and offsets are. */
interface Read {
  readonly data: unknown;
  readonly findings: readonly Finding[];
  readonly offsetOf: OffsetOf;
  readonly linePos: (offset: number) => { line: number; col: number };
}

/**
 * JSON by the fast path when it reads the text exactly as YAML would (see `json-read.ts`), else
 * YAML: by the fast YAML path when the text is in its subset (`yaml-fast-read.ts`), else by the
 * YAML library. `fast: false` forces the YAML library (the reference the fast paths are tested
 * against).
 */
function read(text: string, file: string, fast: boolean): Read | LoadResult {
  const badBytes = invalidUtf8(text, file);
  if (badBytes) return badBytes;
  // JSON keeps nothing per value but the data: a JSON file's newlines and strings count for
  // nothing. Past the limit all the same, the file is refused as YAML would refuse it.
  const json = fast && looksLikeJson(text) ? readJson(text, MAX_YAML_VALUES) : undefined;
  if (json !== undefined)
    return { data: json.data, findings: [], offsetOf: json.offsetOf, linePos: json.linePos };
  const tooMany = tooManyValues(text, file);
  if (tooMany) return tooMany;
  // YAML in the subset our emitters and people write, by the fast path (`yaml-fast-read.ts`).
  const fastYaml = fast ? readYamlFast(text) : undefined;
  if (fastYaml !== undefined)
    return { data: fastYaml.data, findings: [], offsetOf: fastYaml.offsetOf, linePos: fastYaml.linePos };
  const yaml = readYaml(text);
  return {
    data: yaml.data,
    findings: yaml.findings,
    offsetOf: yamlOffsets(yaml.doc),
    linePos: (o) => yaml.lineCounter.linePos(o),
  };
}

function load(text: string, file: string, fast: boolean): LoadResult {
  const got = read(text, file, fast);
  if ('problems' in got) return got;
  const findings: Finding[] = got.findings.slice();
  const offsetPos = got.linePos;
  let map = createSourceMap(file, got.offsetOf, offsetPos);
  const data = got.data;
  if (data === undefined) return toProblems(findings, file, map, offsetPos);
  const sink = findingSink(findings);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    sink.error(
      [],
      'not-a-scenario',
      data === null
        ? 'the file is empty — a scenario needs at least `name:`'
        : 'a scenario file is a mapping of fields (`name:`, `networks:`, ...) — not a list or a single value',
    );
    return toProblems(findings, file, map, offsetPos);
  }
  // Past the size limits nothing else is read: checking a huge file would take the memory the
  // limits are there to bound.
  if (!checkLimits(data as Record<string, unknown>, sink)) return toProblems(findings, file, map, offsetPos);
  const parsed = parseWithFastRoutes(data, (d) => scenarioSchema.safeParse(d));
  if (!parsed.success) reportIssues(parsed.error.issues, data, sink);
  runChecks(data, sink, (path) => map.position(path).line);
  const clean = (): boolean => !findings.some((f) => f.severity === 'error');
  let scenario: Scenario | undefined;
  if (parsed.success && clean()) {
    const out = parsed.data;
    const parts = buildScenarioParts(out);
    // One at a time: 500,000 routes may each have a diagnostic, past a call's arguments.
    for (const d of modelDiagnostics(() => validateTopology(parts.topology))) findings.push(d);
    map = createSourceMap(file, got.offsetOf, offsetPos, parts.timelineOrder);
    if (clean()) {
      scenario = {
        name: out.name,
        ...(out.description === undefined ? {} : { description: out.description }),
        seed: out.seed,
        horizon: out.horizon,
        firewall: out.firewall,
        topology: parts.topology,
        profile: parts.profile,
        flows: out.flows,
        timeline: parts.timeline,
        expect: out.expect,
        ...(parts.chaos === undefined ? {} : { chaos: parts.chaos }),
        sourceMap: map,
      };
    }
  }
  const result = toProblems(findings, file, map, offsetPos);
  return scenario === undefined ? result : { ...result, scenario };
}

/**
 * Parses and validates a scenario file's text (YAML or JSON). Returns the scenario when the file
 * has no error, and every problem found, each with the file, a 1-based line and column, a stable
 * code and a message saying what to fix. Never throws, whatever the text.
 *
 * @param text - the file's contents
 * @param file - the name to report problems under (the CLI passes the path it read)
 */
export function loadScenario(text: string, file: string): LoadResult {
  return loadWith(text, file, true);
}

/**
 * {@link loadScenario} with the JSON fast path on or off: off, every file is read by the YAML
 * reader. Internal: for the tests and the benchmark that compare the two.
 */
export function loadWith(text: string, file: string, fast: boolean): LoadResult {
  try {
    return load(typeof text === 'string' ? text : String(text), file, fast);
  } catch (e) {
    const message = `could not read the scenario (${e instanceof Error ? e.message : String(e)}) — this is a cloudroute bug; please report it with the file`;
    return {
      problems: [{ file, line: 1, column: 1, code: 'internal-error', message, severity: 'error' }],
      warnings: [],
    };
  }
}
