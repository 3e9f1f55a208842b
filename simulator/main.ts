/** `npm run simulator`: the dialer simulator alone, on $SIMULATOR_PORT (default 4010). */
import { readFileSync } from 'node:fs';
import { DEFAULT_CALL_SCRIPT, type CallScript } from './callScript';
import { startSimulator } from './server';

async function main(): Promise<void> {
  const scriptFile = process.env.SIMULATOR_SCRIPT;
  const script: CallScript = scriptFile ? (JSON.parse(readFileSync(scriptFile, 'utf8')) as CallScript) : DEFAULT_CALL_SCRIPT;
  const sim = await startSimulator({ port: Number(process.env.SIMULATOR_PORT ?? 4010), host: process.env.SIMULATOR_HOST ?? '127.0.0.1', script });
  console.log(`dialer simulator listening on ${sim.url}`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
