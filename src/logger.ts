import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths pino blanks out: tokens must never reach a log line, whatever object carries them. */
export const REDACT_PATHS = [
  'token', '*.token', '*.*.token', 'config.telegram.token', 'config.discord.token',
  'headers.authorization', '*.headers.authorization', 'secret', '*.secret',
];

export interface LoggerOptions {
  level: string;
  /** Pretty, human lines when a person watches a terminal; JSON otherwise. */
  pretty?: boolean;
  /** Known secret values scrubbed from every line, wherever they appear (URLs, error messages). */
  secrets?: string[];
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 6);
  const scrub = (line: string) => secrets.reduce((out, s) => out.split(s).join('[redacted]'), line);
  const target = options.destination ?? process.stderr;
  // A real stream, not just an object with write(): pino-pretty pipes into it and needs on().
  // pino writes whole lines, so a secret is never split across two chunks.
  const stream = secrets.length === 0
    ? target
    : new Writable({
        write(chunk: Buffer, _encoding, done) {
          target.write(scrub(chunk.toString('utf8')));
          done();
        },
      });
  if (options.pretty) {
    return pino({ level: options.level, redact: REDACT_PATHS }, prettyStream(stream));
  }
  return pino({ level: options.level, redact: REDACT_PATHS }, stream as NodeJS.WritableStream);
}

function prettyStream(destination: { write(line: string): unknown }): NodeJS.WritableStream {
  // pino-pretty is loaded lazily so a production install without it still logs JSON.
  const pretty = requirePretty();
  if (!pretty) return destination as NodeJS.WritableStream;
  return pretty({ destination, colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname', sync: true });
}

type PrettyFactory = (opts: Record<string, unknown>) => NodeJS.WritableStream;
function requirePretty(): PrettyFactory | undefined {
  try {
    return createRequire(import.meta.url)('pino-pretty') as PrettyFactory;
  } catch {
    return undefined;
  }
}
