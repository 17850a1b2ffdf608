import { z } from 'zod';

const HOUR = 3_600_000;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must be a postgres:// URL or sqlite:')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_LIFETIME_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(24 * 14),
  MAX_LIMIT_STALENESS_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** log2 of scrypt's N: 15 → 32 MiB per hash. Tests lower it. */
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(15),
  SEED: z.enum(['demo', 'none']).default('demo'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly sessionLifetimeMs: number;
  readonly maxLimitsAgeMs: number;
  readonly passwordHashCost: number;
  readonly seed: 'demo' | 'none';
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  readonly bodyLimitBytes: number;
}

export class ConfigError extends Error {}

/** Reads configuration from the environment; a bad value stops start-up with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    sessionLifetimeMs: e.SESSION_LIFETIME_HOURS * HOUR,
    maxLimitsAgeMs: e.MAX_LIMIT_STALENESS_HOURS * HOUR,
    passwordHashCost: e.PASSWORD_HASH_COST,
    seed: e.SEED,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
  };
}
