import pino from 'pino';

export type Logger = pino.Logger;

/**
 * The engine's pino logger: JSON lines on stdout, or on `destination` (a test captures the stream).
 * API lines and the worker's (SDK, workflow and activity lines) carry `requestId` when a request caused them.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', name = 'engine', destination?: pino.DestinationStream): Logger {
  return destination ? pino({ name, level }, destination) : pino({ name, level });
}
