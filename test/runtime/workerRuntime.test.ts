import { Writable } from 'node:stream';
import pino from 'pino';
import { pinoSdkLogger } from '../../runtime/workerRuntime';

test("the SDK's log calls become pino JSON lines with their level and metadata", () => {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const sdk = pinoSdkLogger(pino({ level: 'debug' }, sink));
  sdk.info('Activity completed', { activityType: 'dialNumber', workflowId: 'delivery-1' });
  sdk.log('WARN', 'call recorded as Unknown', { callId: 'c1' });
  sdk.trace('below the level');
  expect(lines).toEqual([
    expect.objectContaining({ level: 30, msg: 'Activity completed', activityType: 'dialNumber', workflowId: 'delivery-1' }),
    expect.objectContaining({ level: 40, msg: 'call recorded as Unknown', callId: 'c1' }),
  ]);
});
