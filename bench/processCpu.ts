/**
 * CPU time of the processes a bench starts, read from /proc (Linux), so a bench can say what each
 * process spent on the work it measured instead of a rate alone: on a shared 2-core machine the rates
 * move by a third from one run to the next, the split of CPU between processes much less.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The kernel's clock ticks per second in /proc/<pid>/stat (USER_HZ: 100 on Linux, whatever the arch). */
const USER_HZ = 100;

interface StatFields {
  ppid: number;
  /** Seconds of user + system time of the process itself. */
  own: number;
  /** Seconds of its children that have exited and been waited for. */
  reapedChildren: number;
}

function readStat(pid: number): StatFields | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone
  }
  // The command name is in parentheses and may hold spaces: the fields that follow start after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
  const field = (n: number) => Number(rest[n - 3]);
  return { ppid: field(4), own: (field(14) + field(15)) / USER_HZ, reapedChildren: (field(16) + field(17)) / USER_HZ };
}

/** CPU seconds a process has used; with `withChildren`, its children too (live ones and those it has reaped). 0 once gone. */
export function processCpuSeconds(pid: number, withChildren = false): number {
  const stat = readStat(pid);
  if (!stat) return 0;
  if (!withChildren) return stat.own;
  return stat.own + stat.reapedChildren + childPids(pid).reduce((sum, child) => sum + processCpuSeconds(child, true), 0);
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** The live processes whose parent is `parent`. */
export function childPids(parent: number): number[] {
  return allPids().filter((pid) => readStat(pid)?.ppid === parent);
}

/** The live processes whose arguments (argv) satisfy `match`. */
export function findPids(match: (argv: string[]) => boolean): number[] {
  return allPids().filter((pid) => {
    try {
      return match(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean));
    } catch {
      return false;
    }
  });
}

/** Named sources of cumulative CPU seconds; `since(mark)` answers what each spent since that mark. */
export function cpuMeter(sources: Record<string, () => number>) {
  const read = () => Object.fromEntries(Object.entries(sources).map(([name, seconds]) => [name, seconds()]));
  return {
    mark: read,
    since: (mark: Record<string, number>): Record<string, number> => {
      const now = read();
      return Object.fromEntries(Object.keys(sources).map((name) => [name, now[name]! - (mark[name] ?? 0)]));
    },
  };
}
