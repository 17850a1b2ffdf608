import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Where the server serves the app from (server/src/http/static.ts: `web/dist` under its cwd). */
export const WEB_DIST = path.join(ROOT, 'web/dist');

const CACHE_DIR = path.join(ROOT, 'node_modules/.cache/frontline-e2e');
const STAMP = path.join(CACHE_DIR, 'web-dist.json');
const LOCK = path.join(CACHE_DIR, 'build.lock');
const BUILD_INPUTS = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'shared'];
const isBuildInput = (file: string) => !/\.test\.tsx?$/.test(file);

interface Stamp {
  readonly inputs: string;
  /** The build this stamp describes: a later `npm run build:web` changes it. */
  readonly indexMtimeMs: number;
}

async function listFiles(entry: string): Promise<string[]> {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (!(await stat(full)).isDirectory()) return [entry];
  const dirents = await readdir(full, { recursive: true, withFileTypes: true });
  return dirents
    .filter((d) => d.isFile())
    .map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)))
    .filter(isBuildInput);
}

/** A hash of everything the build reads, so an unchanged tree reuses web/dist. */
async function hashInputs(): Promise<string> {
  const files = (await Promise.all([...BUILD_INPUTS, 'package-lock.json'].map(listFiles)))
    .flat()
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash
      .update(file)
      .update('\0')
      .update(await readFile(path.join(ROOT, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

async function readStamp(): Promise<Stamp | null> {
  try {
    return JSON.parse(await readFile(STAMP, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

async function indexMtime(): Promise<number | null> {
  try {
    return (await stat(path.join(WEB_DIST, 'index.html'))).mtimeMs;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One builder at a time across the test files running in parallel (each is its own process):
 * `mkdir` is atomic. A lock left by a dead process is taken over.
 */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  await mkdir(CACHE_DIR, { recursive: true });
  const deadline = Date.now() + 50_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      await writeFile(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(path.join(LOCK, 'pid'), 'utf8').catch(() => 'NaN'));
      const age = Date.now() - (await stat(LOCK).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      // No pid yet means the holder is between mkdir and writeFile: give it a moment.
      if ((Number.isInteger(holder) && !isAlive(holder)) || age > 60_000) {
        await rm(LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for the build lock ${LOCK} (held by pid ${holder})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

function runViteBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    // A child process with NODE_ENV=production, exactly as `npm run build:web`: vitest's
    // NODE_ENV=test would give a development build of Preact and no service worker registration.
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'web/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // A build takes a few seconds; one that hangs must fail inside the test's hook timeout.
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (${signal ?? code}):\n${output}`));
    });
  });
}

export interface WebBuild {
  readonly distDir: string;
  /** Whether this call built the app (false: web/dist was already built from these sources). */
  readonly isFresh: boolean;
}

/**
 * The production build of the PWA in web/dist, built at most once per run and reused while its
 * sources are unchanged (their hash is kept beside node_modules, not in web/dist, which the
 * service worker would otherwise precache).
 */
export async function ensureWebBuild(): Promise<WebBuild> {
  return withBuildLock(async () => {
    const inputs = await hashInputs();
    const stamp = await readStamp();
    const mtime = await indexMtime();
    if (stamp && mtime !== null && stamp.inputs === inputs && stamp.indexMtimeMs === mtime) {
      return { distDir: WEB_DIST, isFresh: false };
    }
    await runViteBuild();
    const built = await indexMtime();
    if (built === null) throw new Error('vite build wrote no web/dist/index.html');
    await writeFile(STAMP, JSON.stringify({ inputs, indexMtimeMs: built } satisfies Stamp));
    return { distDir: WEB_DIST, isFresh: true };
  });
}
