/**
 * Logging: pino, always to stderr so that stdout stays for results. JSON by default; pretty when
 * stderr is a terminal (or TIDINGS_LOG_PRETTY=1). Level from TIDINGS_LOG_LEVEL (default "info").
 */
import { type Logger, pino } from "pino";

export type { Logger };

export interface LoggerOptions {
  level?: string;
  pretty?: boolean;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.TIDINGS_LOG_LEVEL ?? "info";
  const pretty = options.pretty ?? (process.env.TIDINGS_LOG_PRETTY === "1" || process.stderr.isTTY === true);
  if (pretty) {
    return pino({
      name: "tidings",
      level,
      transport: { target: "pino-pretty", options: { destination: 2, colorize: true, ignore: "pid,hostname" } },
    });
  }
  return pino({ name: "tidings", level }, pino.destination({ dest: 2, sync: true }));
}

/** A logger that drops everything: the default for library calls and tests. */
export const silentLogger: Logger = pino({ level: "silent" });
