/** A small structured logger: one JSON line per event, to stdout. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

export function createLogger(level: keyof typeof LEVELS): Logger {
  const min = LEVELS[level];
  const write =
    (lvl: Exclude<keyof typeof LEVELS, 'silent'>) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (LEVELS[lvl] < min) return;
      process.stdout.write(
        JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }) + '\n',
      );
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
