import { z } from 'zod';
import type { DeviceSettings } from '../../shared/index.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** One SLA band: requests up to `upToMinor` (null: any amount) must be decided in `minutes`. */
export interface SlaBand {
  readonly upToMinor: number | null;
  readonly minutes: number;
}

/**
 * `APPROVAL_SLA_MINUTES`: `amount:minutes` pairs in whole currency units (dollars), ascending,
 * the last one `*` for any amount. `500:15,5000:60,*:240` means up to HK$500 in 15 minutes, up to
 * HK$5,000 in an hour, anything more in four hours.
 */
const slaBandsSchema = z.string().transform((text, ctx): SlaBand[] => {
  const bands: SlaBand[] = [];
  const parts = text.split(',').map((p) => p.trim());
  for (const [i, part] of parts.entries()) {
    const m = /^(\d+|\*):(\d+)$/.exec(part);
    const minutes = Number(m?.[2]);
    const isLast = i === parts.length - 1;
    const upTo = m?.[1] === '*' ? null : Number(m?.[1]) * 100;
    const previous = bands.at(-1)?.upToMinor ?? -1;
    if (!m || minutes <= 0 || (upTo === null) !== isLast || (upTo !== null && upTo <= previous)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must be ascending amount:minutes pairs ending with *:minutes, e.g. 500:15,5000:60,*:240',
      });
      return z.NEVER;
    }
    bands.push({ upToMinor: upTo, minutes });
  }
  return bands;
});

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
  APPROVAL_SLA_MINUTES: slaBandsSchema.default(slaBandsSchema.parse('500:15,5000:60,*:240')),
  APPROVAL_EXPIRY_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  APPROVAL_TIMER_INTERVAL_SECONDS: z.coerce.number().min(0.01).max(3600).default(15),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
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
  /** How long an approval request may wait before it escalates, by amount. */
  readonly approvalSlaBands: readonly SlaBand[];
  /** How long an undecided approval request lives before it expires. */
  readonly approvalExpiryMs: number;
  /** How often the server looks for approval requests past their SLA or expiry. */
  readonly approvalTimerIntervalMs: number;
  /**
   * Reverse proxies in front of the server (load balancer, TLS terminator) whose
   * `X-Forwarded-For` entries are trusted: 0 ignores the header (it can be forged), 1 takes the
   * address the nearest proxy saw, and so on. Sign-in throttling counts per client address.
   */
  readonly trustProxyHops: number;
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
    approvalSlaBands: e.APPROVAL_SLA_MINUTES,
    approvalExpiryMs: e.APPROVAL_EXPIRY_HOURS * HOUR,
    approvalTimerIntervalMs: Math.round(e.APPROVAL_TIMER_INTERVAL_SECONDS * 1000),
    trustProxyHops: e.TRUST_PROXY_HOPS,
  };
}

/** The SLA for an amount (minor units), in ms: the first band that holds it. */
export function slaMsFor(bands: readonly SlaBand[], amountMinor: number): number {
  const band = bands.find((b) => b.upToMinor === null || amountMinor <= b.upToMinor);
  return (band ?? bands.at(-1) ?? { minutes: 60 }).minutes * MINUTE;
}

/** What a device must know to behave offline as the server would: sent at sign-in and with every pull (SY19). */
export function deviceSettingsOf(
  config: Pick<Config, 'maxLimitsAgeMs' | 'sessionLifetimeMs'>,
): DeviceSettings {
  return { maxLimitsAgeMs: config.maxLimitsAgeMs, sessionLifetimeMs: config.sessionLifetimeMs };
}
