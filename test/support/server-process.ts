import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Loaded first in the child: if the test process dies without cleaning up (a killed worker skips
 * every hook), the orphaned server notices its parent changed and exits instead of living on.
 */
const EXIT_WITH_PARENT =
  'data:text/javascript,const p=process.ppid;setInterval(()=>{if(process.ppid!==p)process.exit(1)},500).unref();';

export interface ServerProcessOptions {
  /** A `postgres://` URL; SQLite when absent. */
  readonly databaseUrl?: string;
  /** Where SQLite keeps `frontline.db`. */
  readonly dataDir: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** The real server (`server/src/main.ts`) as a child process on a loopback port. */
export interface ServerProcess {
  readonly baseUrl: string;
  readonly port: number;
  readonly isRunning: boolean;
  /** Sends `signal` and waits until the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port and data, and waits until it answers. */
  restart(): Promise<void>;
  /** Kills the process if it still runs; safe to call more than once. */
  stop(): Promise<void>;
  /** The tail of what the process wrote, for failure messages. */
  output(): string;
}

const running = new Set<ChildProcess>();
// Last resort if a test forgets to stop a server: synchronous, so it works inside 'exit'.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Starts the server over the given database, seeded with the demo organisation, and waits for it. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };

  const start = async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      SEED: 'demo',
      PASSWORD_HASH_COST: '10',
      LOG_LEVEL: 'warn',
      ...(options.databaseUrl !== undefined && { DATABASE_URL: options.databaseUrl }),
      ...options.env,
    };
    // `node --import tsx`, not the tsx binary: the binary runs the server in a grandchild, which a
    // SIGKILL to the binary would leave running.
    const proc = spawn(
      process.execPath,
      ['--import', EXIT_WITH_PARENT, '--import', 'tsx', 'server/src/main.ts'],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = proc;
    running.add(proc);
    proc.stdout?.on('data', append);
    proc.stderr?.on('data', append);
    exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        running.delete(proc);
        log += `\n[process exited: ${signal ?? code}]\n`;
        resolve();
      });
    });
    await waitUntilHealthy(baseUrl, proc, () => log);
  };

  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(signal);
    await exited;
  };

  await start();
  return {
    baseUrl,
    port,
    get isRunning() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    kill,
    async restart() {
      await kill('SIGKILL');
      await start();
    },
    stop: () => kill('SIGKILL'),
    output: () => log,
  };
}

async function waitUntilHealthy(
  baseUrl: string,
  proc: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`the server exited while starting:\n${output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
      await res.arrayBuffer();
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`the server did not answer /api/health within 20 s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
