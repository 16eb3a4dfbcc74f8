/**
 * Problems: bad input found in a scenario file, returned as values (never thrown). Each names the
 * file, the 1-based line and column, a stable `code` and a one-line message of the form
 * `what is wrong — what to do`.
 */

/** How bad a problem is: an `error` stops the scenario from loading; a `warning` is accepted but probably not what was meant. */
export type Severity = 'error' | 'warning';

/** One thing wrong in a scenario file, at a line and column, with a stable code and a message saying what to do. */
export interface Problem {
  /** The file the problem is in, as given to the loader. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** A stable code (`unknown-field`, `bad-prefix`, ...) or a PROVIDERS.md rule id (`AWS-R4`). */
  readonly code: string;
  /** One line: what is wrong — what to do. */
  readonly message: string;
  /** Whether the problem stops the scenario from loading. */
  readonly severity: Severity;
}

const RULE_ID = /^[A-Z]+-R\d+$/;

/** The longest excerpt of the file a message quotes, and the longest message printed. */
export const MAX_EXCERPT = 80;
const MAX_MESSAGE = 1000;

/** At most `max` characters of `text`, the cut marked with an ellipsis. */
export function excerpt(text: string, max: number = MAX_EXCERPT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A message with every quoted excerpt (between backticks) cut to {@link MAX_EXCERPT} characters,
 * and the whole cut to a screenful: garbage in a file is never echoed back in full.
 */
export function clipMessage(message: string): string {
  return excerpt(
    message.replace(/`([^`]*)`/g, (_, inner: string) => `\`${excerpt(inner)}\``),
    MAX_MESSAGE,
  );
}

/**
 * One line: `file:line:column: message` (errors) or `file:line:column: warning: message`. A
 * message from a provider rule ends with its id (`[AWS-R4]`) unless it already names it.
 */
export function formatProblem(p: Problem): string {
  let message = clipMessage(p.message);
  if (RULE_ID.test(p.code) && !message.includes(p.code)) message += ` [${p.code}]`;
  const text = `${p.file}:${p.line}:${p.column}: ${p.severity === 'warning' ? 'warning: ' : ''}${message}`;
  return text.replace(/[\r\n]+/g, ' ');
}

/** Orders problems by position (line, then column), keeping the order of equal positions. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.line - b.p.line || a.p.column - b.p.column || a.i - b.i)
    .map(({ p }) => p);
}

/** Drops repeats of the same message at the same place. */
export function dedupeProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.severity}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
