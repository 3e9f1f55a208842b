/**
 * `npm run simulator`: the simulator alone (dialer /v2/*, SMS gateway /sms/*, admin /sim/*), on
 * $SIMULATOR_PORT (default 4010). SIMULATOR_SCRIPT=file.json replaces the built-in call script;
 * SIMULATOR_REPRESENTATIVES='{"count":5,"handleMs":30000}' switches the representative pool on;
 * SIMULATOR_ACK_DELAY_MS=1500 makes the dialer acknowledge every /v2/call that late (a slow dialer).
 *
 * Stochastic mode (outcomes, ring, talk and wrap-up times drawn from a scenario of bench/pacing's format):
 *   npm run simulator -- --scenario bench/pacing/scenarios.json [--scenario-name collections] [--seed 7]
 * or SIMULATOR_SCENARIO (a file path or a JSON scenario), SIMULATOR_SCENARIO_NAME, SIMULATOR_SEED;
 * PUT /sim/stochastic changes it at run time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseScenario, type Scenario } from '../domain/callModel';
import { representativesConfig } from './app';
import { DEFAULT_CALL_SCRIPT, type CallScript } from './callScript';
import { startSimulator } from './server';

/** `--flag value` pairs of the command line (the flags win over the environment). */
function flags(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (!flag.startsWith('--')) throw new Error(`unexpected argument ${flag}`);
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    out[flag.slice(2)] = value;
    i++;
  }
  return out;
}

function stochasticScenario(args: Record<string, string>): Scenario | undefined {
  const source = args.scenario ?? process.env.SIMULATOR_SCENARIO;
  if (!source) return undefined;
  const json = source.trim().startsWith('{') || !existsSync(source) ? source : readFileSync(source, 'utf8');
  const seed = args.seed ?? process.env.SIMULATOR_SEED;
  return parseScenario(
    json,
    args['scenario-name'] ?? process.env.SIMULATOR_SCENARIO_NAME,
    seed === undefined ? {} : { seed: Number(seed) },
  );
}

async function main(): Promise<void> {
  const args = flags(process.argv.slice(2));
  const scriptFile = process.env.SIMULATOR_SCRIPT;
  const script: CallScript = scriptFile ? (JSON.parse(readFileSync(scriptFile, 'utf8')) as CallScript) : DEFAULT_CALL_SCRIPT;
  const reps = process.env.SIMULATOR_REPRESENTATIVES;
  const representatives = reps ? representativesConfig.parse(JSON.parse(reps)) : undefined;
  const stochastic = stochasticScenario(args);
  const sim = await startSimulator({
    port: Number(args.port ?? process.env.SIMULATOR_PORT ?? 4010),
    host: process.env.SIMULATOR_HOST ?? '127.0.0.1',
    script,
    representatives,
    stochastic,
    acknowledgeDelayMs: Number(args['ack-delay-ms'] ?? process.env.SIMULATOR_ACK_DELAY_MS ?? 0),
    // SIMULATOR_SEED004_ONLY=true: results carry seed 004's fields only (a dialer that speaks nothing more).
    seed004Only: process.env.SIMULATOR_SEED004_ONLY === 'true',
  });
  console.log(`simulator listening on ${sim.url}: dialer POST /v2/call, /v2/callresult; SMS POST /sms/messages; admin /sim/*`);
  if (stochastic)
    console.log(
      `stochastic mode: scenario "${stochastic.name}", seed ${stochastic.seed}, ${stochastic.agents} representatives (GET/PUT /sim/stochastic)`,
    );
  else if (representatives)
    console.log(`representative pool: ${representatives.count} representatives, ${representatives.handleMs} ms per call`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
