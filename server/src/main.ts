import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config.ts';
import { createApp } from './http/app.ts';
import { startApprovalTimers } from './jobs/approval-timers.ts';
import { createLogger } from './logger.ts';
import { seedDemoIfEmpty } from './seed/seed.ts';
import { systemClock } from './services/clock.ts';
import { createServices } from './services/index.ts';
import { isPostgresUrl, openStore } from './storage/open.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  log.info('database ready', {
    database: store.dialect,
    where: isPostgresUrl(config.databaseUrl)
      ? config.databaseUrl.replace(/\/\/[^@]*@/, '//***@')
      : config.dataDir,
  });

  if (config.seed === 'demo') {
    const logins = await seedDemoIfEmpty(store, systemClock, config.passwordHashCost);
    if (logins) {
      const lines = logins.map(
        (l) => `  ${l.username.padEnd(22)} ${l.password.padEnd(18)} ${l.role}`,
      );
      process.stdout.write(
        `\nSeeded the demo organisation. Demo logins:\n  ${'username'.padEnd(22)} ${'password'.padEnd(18)} role\n${lines.join('\n')}\n\n`,
      );
    }
  }

  const services = createServices(store, config, systemClock, { logger: log });
  const app = createApp(services, {
    serveWeb: true,
    logger: log,
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log.info('listening', { url: `http://localhost:${info.port}` });
  });
  // Approval SLAs and expiries fall due whether or not anyone is looking (docs/approvals.md).
  const timers = startApprovalTimers({
    // The services' store: what the timers commit wakes the watches held here (docs/sync.md SY18).
    store: services.store,
    clock: systemClock,
    intervalMs: config.approvalTimerIntervalMs,
    logger: log,
  });

  const shutdown = (signal: string) => {
    log.info('shutting down', { signal });
    // Held watches answer now, or `close` would wait for each of them to time out.
    services.feed.close();
    server.close(() => {
      void timers
        .stop()
        .then(() => store.close())
        .then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
