/**
 * Standard output and error of the real process for scripts: a reader that closes early
 * (`cloudroute schema | head -1`) ends the output quietly. Its `EPIPE` is the reader's choice, not
 * a failure: further output is dropped, the command finishes (a report is still written) and
 * exits with its own code, with no message and no stack trace. Any other write error of stdout (a
 * full disk behind `> result.json`) is said once on stderr and makes the exit code 2.
 */

/** A stream's writer that survives the reader going away. */
export interface Sink {
  readonly write: (text: string) => void;
  /** The message of a write failure other than a closed reader, once one happened. */
  readonly failure: () => string | undefined;
}

interface Writable {
  write(text: string): boolean;
  on(event: 'error', listener: (e: Error) => void): unknown;
}

/** Wraps `process.stdout` or `process.stderr`. */
export function sink(stream: Writable): Sink {
  let closed = false;
  let failure: string | undefined;
  stream.on('error', (e) => {
    closed = true;
    const code = (e as { code?: string }).code;
    // A closed reader (and the writes queued after it) end the output quietly.
    if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') return;
    failure ??= e.message;
  });
  return {
    write: (text) => {
      if (!closed) stream.write(text);
    },
    failure: () => failure,
  };
}
