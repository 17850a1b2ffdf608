// CPU time outside this process, read from Linux's /proc: what a database server on the same
// machine spends, and how much of the machine sits idle. Elsewhere every reading is undefined.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's counters (USER_HZ, 100 on Linux everywhere). */
const TICKS_PER_SECOND = 100;

/** Total and idle (idle + iowait) ticks of every core together, from /proc/stat. */
function machineTicks(): { total: number; idle: number } | undefined {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { total, idle: (fields[3] ?? 0) + (fields[4] ?? 0) };
  } catch {
    return undefined;
  }
}

/** User + system ticks of every running process whose command name is `command`. */
function commandTicks(command: string): number | undefined {
  try {
    let ticks = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // the process ended meanwhile
      }
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== command) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks;
  } catch {
    return undefined;
  }
}

export interface CpuReading {
  /** CPU seconds of the `command` processes (a process that ended meanwhile is not counted). */
  readonly commandSeconds?: number;
  /** Share of all cores' time spent idle, 0 to 1. */
  readonly machineIdle?: number;
}

/** Starts a reading (of `command` too, if given); the returned function ends it. */
export function startCpuReading(command?: string): () => CpuReading {
  const machine = machineTicks();
  const own = command === undefined ? undefined : commandTicks(command);
  return () => {
    const machineNow = machineTicks();
    const ownNow = command === undefined ? undefined : commandTicks(command);
    const spent = machine && machineNow ? machineNow.total - machine.total : 0;
    return {
      ...(own !== undefined && ownNow !== undefined
        ? { commandSeconds: (ownNow - own) / TICKS_PER_SECOND }
        : {}),
      ...(machine && machineNow && spent > 0
        ? { machineIdle: (machineNow.idle - machine.idle) / spent }
        : {}),
    };
  };
}
