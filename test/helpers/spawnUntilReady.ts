import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Starts an entry point in its own process and resolves once its output (stdout or stderr) says it is
 * ready; rejects with the end of its output if it exits first. A TypeScript script runs as
 * `node --import tsx script`, not through the tsx CLI: the CLI runs the script in a child, and a signal
 * sent to the process must reach the script. An array is node's own arguments (a built bundle).
 */
export async function spawnUntilReady(
  script: string | readonly string[],
  env: NodeJS.ProcessEnv,
  ready: (output: string) => boolean,
  /** Every chunk written on stdout, before and after it is ready. */
  onStdout?: (chunk: string) => void,
): Promise<ChildProcess> {
  const args = typeof script === 'string' ? ['--import', 'tsx', script] : [...script];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let settled = false;
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      if (settled) return;
      output += chunk.toString();
      if (ready(output)) {
        settled = true;
        resolve();
      }
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      onStdout?.(chunk.toString());
      read(chunk);
    });
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`${args.join(' ')} exited (${code}) before it was ready: ${output.slice(-2000)}`));
    });
  });
  return child;
}
