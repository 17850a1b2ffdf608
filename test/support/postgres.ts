import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

export interface PostgresCluster {
  /** Superuser URL of the `postgres` database, e.g. `postgres://postgres@127.0.0.1:54321/postgres`. */
  url: string;
  /** Kills the server (`-m immediate`: the data is throwaway) and deletes its directory. */
  stop(): Promise<void>;
}

interface RunAs {
  uid: number;
  gid: number;
}

const baseSettings = ['listen_addresses=127.0.0.1', 'max_connections=200'];
// Durability is worthless for a cluster deleted after the test run; these make it fast.
const throwawaySettings = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

export interface StartOptions {
  /** Keep PostgreSQL's default durability (fsync, synchronous commit): for benchmarks. */
  readonly durable?: boolean;
}

/**
 * Starts a private throwaway PostgreSQL cluster on a free loopback port.
 * Throws with the server log if the binaries are missing or the server will not start.
 */
export async function startPostgres(options: StartOptions = {}): Promise<PostgresCluster> {
  const serverSettings = options.durable ? baseSettings : [...baseSettings, ...throwawaySettings];
  const bindir = findPostgresBindir();
  if (bindir === null) {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian `postgresql` package',
    );
  }
  const runAs = postgresUserIfRoot();
  // The postgres user must be able to reach the directory, and TMPDIR may point inside /root.
  const base = runAs === undefined ? os.tmpdir() : '/tmp';
  const dir = await mkdtemp(path.join(base, 'frontline-pg-'));
  try {
    if (runAs !== undefined) await chown(dir, runAs.uid, runAs.gid);
    await chmod(dir, 0o700);
    const dataDir = path.join(dir, 'data');
    const logFile = path.join(dir, 'server.log');
    const run = (tool: string, args: string[]) =>
      runTool(path.join(bindir, tool), args, dir, runAs);

    await run('initdb', [
      '-D',
      dataDir,
      '--auth=trust',
      '-U',
      'postgres',
      '--no-sync',
      '--encoding=UTF8',
      '--locale=C',
    ]);
    const port = await startOnFreePort(run, dataDir, logFile, dir, serverSettings);
    const stop = stopper(path.join(bindir, 'pg_ctl'), dataDir, dir, runAs);
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Creates database `name` on the server behind `baseUrl` and returns the URL that points at it. */
export async function createDatabase(baseUrl: string, name: string): Promise<string> {
  // Identifiers cannot be bound as parameters, so only allow names that need no quoting tricks.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

type Run = (tool: string, args: string[]) => Promise<void>;

async function startOnFreePort(
  run: Run,
  dataDir: string,
  logFile: string,
  socketDir: string,
  serverSettings: readonly string[],
): Promise<number> {
  // Another process can take the port between probing and binding, so retry with a new one.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const settings = [...serverSettings, `unix_socket_directories=${socketDir}`].map(
      (s) => `-c ${s}`,
    );
    try {
      // -l matters: without it the postmaster inherits our stdout pipe and the call never returns.
      await run('pg_ctl', [
        'start',
        '-w',
        '-t',
        '30',
        '-D',
        dataDir,
        '-l',
        logFile,
        '-o',
        `-p ${port} ${settings.join(' ')}`,
      ]);
      return port;
    } catch (error) {
      if (attempt >= 3) {
        const log = await readFile(logFile, 'utf8').catch(() => '');
        throw new Error(`PostgreSQL did not start: ${errorText(error)}\n${log}`, { cause: error });
      }
    }
  }
}

function stopper(
  pgCtl: string,
  dataDir: string,
  dir: string,
  runAs: RunAs | undefined,
): () => Promise<void> {
  let isStopped = false;
  // Last resort if the test runner exits without calling stop(): never leave a server running.
  const stopSync = () => {
    if (isStopped) return;
    isStopped = true;
    try {
      execFileSync(pgCtl, ['stop', '-m', 'immediate', '-D', dataDir], {
        stdio: 'ignore',
        cwd: dir,
        ...runAs,
      });
    } catch {
      // Already gone; nothing to stop.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);
  return async () => {
    if (isStopped) return;
    isStopped = true;
    process.off('exit', stopSync);
    try {
      await runTool(pgCtl, ['stop', '-m', 'immediate', '-w', '-D', dataDir], dir, runAs);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

async function runTool(
  file: string,
  args: string[],
  cwd: string,
  runAs: RunAs | undefined,
): Promise<void> {
  try {
    // cwd is the cluster dir because the postgres user may not be allowed into the caller's cwd.
    await execFileAsync(file, args, { cwd, env: { ...process.env, LC_ALL: 'C' }, ...runAs });
  } catch (error) {
    throw new Error(`${path.basename(file)} ${args[0] ?? ''} failed: ${errorText(error)}`, {
      cause: error,
    });
  }
}

/** PostgreSQL refuses to run as root, so as root we run its tools as the `postgres` OS user. */
function postgresUserIfRoot(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === 'postgres');
  if (entry === undefined)
    throw new Error('running as root but there is no `postgres` OS user to run the server as');
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

let cachedBindir: string | null | undefined;

/** Prefers `pg_config --bindir`, then the newest /usr/lib/postgresql/N/bin, then PATH. */
export function findPostgresBindir(): string | null {
  if (cachedBindir !== undefined) return cachedBindir;
  const candidates: string[] = [];
  try {
    candidates.push(
      execFileSync('pg_config', ['--bindir'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim(),
    );
  } catch {
    // No pg_config (it ships with libpq-dev); the other places still work.
  }
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => path.join(debianRoot, version, 'bin')));
  }
  candidates.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  // pg_config may belong to a client-only install, so demand the server tools themselves.
  cachedBindir =
    candidates.find(
      (dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')),
    ) ?? null;
  return cachedBindir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() =>
        port > 0 ? resolve(port) : reject(new Error('could not find a free port')),
      );
    });
  });
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    return typeof stderr === 'string' && stderr.trim() !== ''
      ? `${error.message.split('\n')[0]}: ${stderr.trim()}`
      : error.message;
  }
  return String(error);
}
