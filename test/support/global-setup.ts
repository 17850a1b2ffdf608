import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresCluster } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the PostgreSQL server for this run, or null when none could be started. */
    pgUrl: string | null;
    /** A directory for this run's temp files (SQLite databases); deleted in teardown. */
    tmpDir: string;
  }
}

let cluster: PostgresCluster | undefined;
let tmpDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  // Cleaned here, not in the test files: forked workers are killed without running exit hooks.
  tmpDir = await mkdtemp(path.join(os.tmpdir(), 'frontline-test-'));
  project.provide('tmpDir', tmpDir);
  project.provide('pgUrl', await providePostgres());
}

async function providePostgres(): Promise<string | null> {
  // An external server (e.g. a CI service container) wins over starting our own.
  const externalUrl = process.env.TEST_DATABASE_URL;
  if (externalUrl) return externalUrl;
  try {
    cluster = await startPostgres();
  } catch (error) {
    // In CI a missing database is a failure, never a silent skip of half the suite.
    if (process.env.CI === 'true') {
      if (tmpDir !== undefined) await rm(tmpDir, { recursive: true, force: true });
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`CI=true but PostgreSQL could not be started for the tests: ${reason}`, {
        cause: error,
      });
    }
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.warn(`WARNING: PostgreSQL tests will be skipped (${reason})`);
    return null;
  }
  return cluster.url;
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  cluster = undefined;
  if (tmpDir !== undefined) await rm(tmpDir, { recursive: true, force: true });
  tmpDir = undefined;
}
