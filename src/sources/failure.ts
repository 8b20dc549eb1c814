/**
 * How the readers stop on bad input. Inside a reader a `SourceFailure` is thrown where reading cannot
 * go on (a truncated gzip stream, a file over the size cap); the reader's caller turns it into the
 * file's last `SourceError`. Nothing else escapes `readInput`: bad input is an outcome, not a crash.
 */
import type { SourceError } from "./types.ts";

export class SourceFailure extends Error {
  constructor(
    readonly reason: string,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = "SourceFailure";
  }

  at(index: number): SourceError {
    return { ok: false, index, reason: this.reason, detail: this.detail };
  }
}

/** A short description of an error from the file system or zlib, with its code. */
export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

export function mib(bytes: number): string {
  return `${Math.round((bytes / 1048576) * 10) / 10} MiB`;
}
