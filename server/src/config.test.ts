import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, slaMsFor } from './config.ts';

const HOUR = 3_600_000;

/** The ConfigError that loading `env` throws (fails the test when it loads). */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: './data',
      sessionLifetimeMs: 14 * 24 * HOUR,
      maxLimitsAgeMs: 24 * HOUR,
      passwordHashCost: 15,
      seed: 'demo',
      logLevel: 'info',
      bodyLimitBytes: 4 * 1024 * 1024,
      approvalSlaBands: [
        { upToMinor: 50_000, minutes: 15 },
        { upToMinor: 500_000, minutes: 60 },
        { upToMinor: null, minutes: 240 },
      ],
      approvalExpiryMs: 24 * HOUR,
      approvalTimerIntervalMs: 15_000,
      trustProxyHops: 0,
    });
  });

  it('reads every variable, converting numbers and hours', () => {
    const config = loadConfig({
      PORT: '3000',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/frontline',
      SESSION_LIFETIME_HOURS: '12',
      MAX_LIMIT_STALENESS_HOURS: '0.5',
      PASSWORD_HASH_COST: '12',
      SEED: 'none',
      LOG_LEVEL: 'warn',
      BODY_LIMIT_BYTES: '2048',
      TRUST_PROXY_HOPS: '1',
    });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/var/lib/frontline',
      sessionLifetimeMs: 12 * HOUR,
      maxLimitsAgeMs: 0.5 * HOUR,
      passwordHashCost: 12,
      seed: 'none',
      logLevel: 'warn',
      bodyLimitBytes: 2048,
      trustProxyHops: 1,
    });
  });

  it.each([
    'postgres://app:secret@db.internal:5432/frontline',
    'postgresql://localhost/frontline',
    'sqlite:./data/frontline.db',
  ])('accepts DATABASE_URL %s', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['a non-numeric PORT', { PORT: 'eighty' }, 'PORT'],
    ['a PORT out of range', { PORT: '70000' }, 'PORT'],
    ['a fractional PORT', { PORT: '80.5' }, 'PORT'],
    [
      'a mysql:// DATABASE_URL',
      { DATABASE_URL: 'mysql://root@localhost/frontline' },
      'DATABASE_URL',
    ],
    ['an unknown SEED', { SEED: 'production' }, 'SEED'],
    ['an unknown LOG_LEVEL', { LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    ['a zero session lifetime', { SESSION_LIFETIME_HOURS: '0' }, 'SESSION_LIFETIME_HOURS'],
    ['a password hash cost too low to be safe', { PASSWORD_HASH_COST: '4' }, 'PASSWORD_HASH_COST'],
    ['a body limit under 1 KiB', { BODY_LIMIT_BYTES: '100' }, 'BODY_LIMIT_BYTES'],
    ['an empty DATA_DIR', { DATA_DIR: '' }, 'DATA_DIR'],
    [
      'SLA bands out of order',
      { APPROVAL_SLA_MINUTES: '5000:60,500:15,*:240' },
      'APPROVAL_SLA_MINUTES',
    ],
    [
      'SLA bands without a last *',
      { APPROVAL_SLA_MINUTES: '500:15,5000:60' },
      'APPROVAL_SLA_MINUTES',
    ],
    ['an SLA of zero minutes', { APPROVAL_SLA_MINUTES: '500:0,*:60' }, 'APPROVAL_SLA_MINUTES'],
    ['a zero approval expiry', { APPROVAL_EXPIRY_HOURS: '0' }, 'APPROVAL_EXPIRY_HOURS'],
    ['a negative number of proxies', { TRUST_PROXY_HOPS: '-1' }, 'TRUST_PROXY_HOPS'],
    ['a fractional number of proxies', { TRUST_PROXY_HOPS: '1.5' }, 'TRUST_PROXY_HOPS'],
    [
      'a zero timer interval',
      { APPROVAL_TIMER_INTERVAL_SECONDS: '0' },
      'APPROVAL_TIMER_INTERVAL_SECONDS',
    ],
  ])('refuses %s with a ConfigError naming the variable', (_label, env, name) => {
    expect(configError(env).message).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
  });

  it('reads the approval SLA bands, expiry and timer interval', () => {
    const config = loadConfig({
      APPROVAL_SLA_MINUTES: '100:5, 1000:30 ,*:120',
      APPROVAL_EXPIRY_HOURS: '8',
      APPROVAL_TIMER_INTERVAL_SECONDS: '2.5',
    });
    expect(config.approvalSlaBands).toEqual([
      { upToMinor: 10_000, minutes: 5 },
      { upToMinor: 100_000, minutes: 30 },
      { upToMinor: null, minutes: 120 },
    ]);
    expect(config.approvalExpiryMs).toBe(8 * HOUR);
    expect(config.approvalTimerIntervalMs).toBe(2_500);
    const minutes = (cents: number) => slaMsFor(config.approvalSlaBands, cents) / 60_000;
    expect([0, 10_000, 10_001, 100_000, 100_001, 1e9].map(minutes)).toEqual([
      5, 5, 30, 30, 120, 120,
    ]);
  });

  it('names every bad variable at once, and only those', () => {
    const { message } = configError({ PORT: '-1', DATABASE_URL: 'mysql://x', HOST: 'localhost' });
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('HOST');
  });

  it('never echoes the rejected value, which may hold a password', () => {
    const { message } = configError({ DATABASE_URL: 'mysql://root:hunter2@db/frontline' });
    expect(message).not.toContain('hunter2');
  });
});
