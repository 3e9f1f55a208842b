/**
 * bench/pacing: runs every policy against every scenario for N seeds and prints one table per
 * scenario, averaged over seeds.
 *
 *   npm run bench:pacing -- [--scenario file.json] [--seeds N] [--hours H] [--only name]
 *                           [--policy label] [--per-seed] [--targets 0.01,0.02,0.03]
 *                           [--agents N --answer-prob P --talk S --wrap S --grace S --seed N]
 *
 * Flags after the file override every scenario's fields (e.g. `--agents 50`); without a file the
 * built-in bench/pacing/scenarios.json is used. `--answer-prob` also takes a schedule
 * "0:0.3,4:0.15" (from hour 0 p=0.3, from hour 4 p=0.15). `--policy` keeps the policies whose label
 * contains the text; `--per-seed` prints each seed's worst rolling hour and hourly abandon rates;
 * `--targets` adds a predictive policy per abandon target (a frontier sweep).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ShiftMetrics, average, hourlyAbandonRates, summarise, worstRollingHourAt } from './metrics';
import { type Scenario, type ScenarioFile, scenariosOf } from '../../domain/callModel';
import { type PolicyRun, simulateShift } from './simulation';

interface Args {
  scenarioFile: string;
  seeds: number;
  hours: number | undefined;
  only: string | undefined;
  policy: string | undefined;
  perSeed: boolean;
  targets: number[] | undefined;
  overrides: Record<string, unknown>;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    scenarioFile: path.join(__dirname, 'scenarios.json'),
    seeds: 3,
    hours: undefined,
    only: undefined,
    policy: undefined,
    perSeed: false,
    targets: undefined,
    overrides: {},
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    switch (flag) {
      case '--scenario':
        args.scenarioFile = path.resolve(need());
        break;
      case '--seeds':
        args.seeds = Math.max(1, Number.parseInt(need(), 10));
        break;
      case '--hours':
        args.hours = Number.parseFloat(need());
        break;
      case '--only':
        args.only = need();
        break;
      case '--policy':
        args.policy = need();
        break;
      case '--per-seed':
        args.perSeed = true;
        break;
      case '--targets':
        args.targets = need()
          .split(',')
          .map((x) => Number(x.trim()))
          .filter((x) => x > 0 && x < 1);
        break;
      case '--agents':
        args.overrides.agents = Number.parseInt(need(), 10);
        break;
      case '--answer-prob': {
        const v = need();
        args.overrides.answerProbability = v.includes(':')
          ? v.split(',').map((step) => {
              const [h, p] = step.split(':');
              return { fromHour: Number(h), p: Number(p) };
            })
          : Number(v);
        break;
      }
      case '--talk':
        args.overrides.talk = { mean: Number(need()), cv: 1 };
        break;
      case '--wrap':
        args.overrides.wrapSeconds = Number(need());
        break;
      case '--grace':
        args.overrides.graceSeconds = Number(need());
        break;
      case '--seed':
        args.overrides.seed = Number.parseInt(need(), 10);
        break;
      case '--help':
        console.log(
          'usage: npm run bench:pacing -- [--scenario file.json] [--seeds N] [--hours H] [--only name] [--policy label] [--per-seed] [--targets a,b,..] [--agents N] [--answer-prob P|h:p,..] [--talk S] [--wrap S] [--grace S] [--seed N]',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown flag ${String(flag)}`);
    }
  }
  return args;
}

type BenchFile = ScenarioFile & { policies?: PolicyRun[] };

const DEFAULT_POLICIES: PolicyRun[] = [
  { label: 'progressive x1', policy: { kind: 'progressive', callsPerRep: 1 }, abandonTarget: 0.03 },
  { label: 'fixed ratio 2.0', policy: { kind: 'fixedRatio', ratio: 2 }, abandonTarget: 0.03 },
  { label: 'fixed ratio 3.0', policy: { kind: 'fixedRatio', ratio: 3 }, abandonTarget: 0.03 },
  { label: 'predictive 1%', policy: { kind: 'predictive' }, abandonTarget: 0.01, decisionIntervalMs: 500 },
  { label: 'predictive 3%', policy: { kind: 'predictive' }, abandonTarget: 0.03, decisionIntervalMs: 500 },
];

function pct(x: number): string {
  return (100 * x).toFixed(1);
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const file = JSON.parse(readFileSync(args.scenarioFile, 'utf8')) as BenchFile;
  const sweep: PolicyRun[] = (args.targets ?? []).map((t) => ({
    label: `predictive ${(100 * t).toFixed(1)}%`,
    policy: { kind: 'predictive' },
    abandonTarget: t,
    decisionIntervalMs: 500,
  }));
  const policies = [...(file.policies ?? DEFAULT_POLICIES), ...sweep].filter(
    (p) => args.policy === undefined || p.label.includes(args.policy),
  );
  const scenarios: Scenario[] = scenariosOf(file, args.overrides).filter((s) => args.only === undefined || s.name.includes(args.only));
  const started = Date.now();
  console.log(
    `bench/pacing: ${scenarios.length} scenario(s), ${args.seeds} seed(s), ${args.hours ?? 'scenario'} h shift; figures are means over seeds`,
  );
  const header = ['policy', 'occ %', 'aband %', 'worst hr %', 'worst hr max %', 'conn/agent-h', 'dials/conn', 'idle gap s', 'p99 delay s'];
  const widths = [16, 6, 7, 10, 14, 12, 10, 10, 11];
  for (const s of scenarios) {
    const hours = args.hours ?? s.shiftHours;
    const p =
      typeof s.answerProbability === 'number'
        ? String(s.answerProbability)
        : s.answerProbability.map((x) => `${x.fromHour}h:${x.p}`).join(',');
    console.log(
      `\n== ${s.name}: ${s.agents} agents, answer p ${p}, talk ${s.talk.mean}s (cv ${s.talk.cv}), wrap ${s.wrapSeconds}s, grace ${s.graceSeconds}s, ${hours} h`,
    );
    console.log(row(header, widths));
    for (const run of policies) {
      const per: ShiftMetrics[] = [];
      const details: string[] = [];
      for (let k = 0; k < args.seeds; k++) {
        const rec = simulateShift(s, run, s.seed * 1000 + k, hours);
        const sm = summarise(rec);
        per.push(sm);
        if (args.perSeed) {
          const w = worstRollingHourAt(rec.live, rec.shiftMs);
          const hourly = hourlyAbandonRates(rec.live, rec.shiftMs).map(pct).join(' ');
          details.push(
            `    seed ${s.seed * 1000 + k}: occ ${pct(sm.occupancy)}  aband ${pct(sm.abandonRate)}  worst hr ${pct(w.rate)} from ${(w.startMs / 60_000).toFixed(0)} min  hourly ${hourly}`,
          );
        }
      }
      const m = average(per);
      console.log(
        row(
          [
            run.label,
            pct(m.occupancy),
            pct(m.abandonRate),
            pct(m.worstHourAbandonRate),
            pct(m.worstHourMax),
            m.connectsPerAgentHour.toFixed(2),
            m.dialsPerConnect.toFixed(2),
            m.meanIdleGapS.toFixed(1),
            m.p99ConnectDelayS.toFixed(2),
          ],
          widths,
        ),
      );
      for (const d of details) console.log(d);
    }
  }
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main();
