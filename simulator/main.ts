/**
 * `npm run simulator`: the simulator alone (dialer /v2/*, SMS gateway /sms/*, admin /sim/*), on
 * $SIMULATOR_PORT (default 4010). SIMULATOR_SCRIPT=file.json replaces the built-in call script;
 * SIMULATOR_REPRESENTATIVES='{"count":5,"handleMs":30000}' switches the representative pool on;
 * SIMULATOR_ACK_DELAY_MS=1500 makes the dialer acknowledge every /v2/call that late (a slow dialer).
 */
import { readFileSync } from 'node:fs';
import { representativesConfig } from './app';
import { DEFAULT_CALL_SCRIPT, type CallScript } from './callScript';
import { startSimulator } from './server';

async function main(): Promise<void> {
  const scriptFile = process.env.SIMULATOR_SCRIPT;
  const script: CallScript = scriptFile ? (JSON.parse(readFileSync(scriptFile, 'utf8')) as CallScript) : DEFAULT_CALL_SCRIPT;
  const reps = process.env.SIMULATOR_REPRESENTATIVES;
  const representatives = reps ? representativesConfig.parse(JSON.parse(reps)) : undefined;
  const sim = await startSimulator({
    port: Number(process.env.SIMULATOR_PORT ?? 4010),
    host: process.env.SIMULATOR_HOST ?? '127.0.0.1',
    script,
    representatives,
    acknowledgeDelayMs: Number(process.env.SIMULATOR_ACK_DELAY_MS ?? 0),
  });
  console.log(`simulator listening on ${sim.url}: dialer POST /v2/call, /v2/callresult; SMS POST /sms/messages; admin /sim/*`);
  if (representatives)
    console.log(`representative pool: ${representatives.count} representatives, ${representatives.handleMs} ms per call`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
