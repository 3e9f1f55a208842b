/** CPU time from /proc: this process's own, a child's while it runs and once it has been reaped, found by its arguments. */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { childPids, cpuMeter, findPids, processCpuSeconds } from '../../bench/processCpu';
import { eventually } from '../helpers/waiting';

/** Burns about `ms` of CPU in this process. */
function burn(ms: number): void {
  const until = process.cpuUsage().user / 1000 + ms;
  while (process.cpuUsage().user / 1000 < until) Math.sqrt(Math.random());
}

/** A child that burns 400 ms of CPU (not of wall time: the machine may be busy). */
const BUSY_CHILD = 'const u = () => process.cpuUsage().user / 1000; const until = u() + 400; while (u() < until) Math.sqrt(Math.random());';

test("this process's own time agrees with process.cpuUsage (to the kernel's 10 ms ticks)", () => {
  burn(300);
  const usage = process.cpuUsage();
  const seconds = processCpuSeconds(process.pid);
  expect(Math.abs(seconds - (usage.user + usage.system) / 1e6)).toBeLessThan(0.1);
});

test("a child's time counts with its parent's while it runs and after it has exited", async () => {
  const before = processCpuSeconds(process.pid, true);
  const child = spawn(process.execPath, ['-e', `${BUSY_CHILD} setTimeout(() => {}, 60_000);`, 'cpu-meter-test-marker']);
  try {
    expect(
      await eventually(
        () => Promise.resolve(processCpuSeconds(child.pid!)),
        (s) => s > 0.35,
      ),
    ).toBeGreaterThan(0.35);
    expect(childPids(process.pid)).toContain(child.pid);
    expect(findPids((argv) => argv.includes('cpu-meter-test-marker'))).toEqual([child.pid]);
  } finally {
    child.kill();
    await once(child, 'exit');
  }
  // Waited for by node: its time is now in this process's reaped children.
  expect(processCpuSeconds(process.pid, true) - before).toBeGreaterThan(0.35);
  expect(processCpuSeconds(child.pid!)).toBe(0);
});

test('a meter answers what each source spent since a mark', () => {
  const meter = cpuMeter({ self: () => processCpuSeconds(process.pid, true) });
  const mark = meter.mark();
  spawnSync(process.execPath, ['-e', BUSY_CHILD]);
  burn(100);
  const spent = meter.since(mark);
  expect(Object.keys(spent)).toEqual(['self']);
  expect(spent.self).toBeGreaterThan(0.45);
});
