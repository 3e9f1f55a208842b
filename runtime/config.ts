import { parsePayloadCodecKeys, type PayloadCodecKey } from '../temporal/payloadCodec';

/** Every setting the engine reads from the environment, with its default, in one place. */
export interface EngineConfig {
  temporalAddress?: string;
  temporalNamespace: string;
  taskQueue: string;
  databaseUrl?: string;
  dialerUrl?: string;
  /**
   * DIALER_DEDUPLICATES (true|false, default true: the simulator does): whether the dialer treats a
   * repeated ConversationId as the same call. false: a /v2/call whose answer was lost is never sent
   * again; the call is recorded as Unknown (README, "Dialling exactly once").
   */
  dialerDeduplicates: boolean;
  /** DIALER_TIMEOUT_MS (default 10000): how long one dialer request may take before it counts as lost. */
  dialerTimeoutMs: number;
  smsGatewayUrl?: string;
  /** Representative availability (seed 003 shape); the dialer's URL when unset (the simulator serves both). */
  availabilityUrl?: string;
  apiPort: number;
  simulatorPort: number;
  temporalPort: number;
  temporalUiPort: number;
  postgresPort: number;
  temporalUiUrl?: string;
  dataDir: string;
  logLevel: string;
  /** PAYLOAD_CODEC_KEYS: when set, every Temporal payload is encrypted (the first key encrypts, all decrypt). */
  payloadCodecKeys?: PayloadCodecKey[];
  /** Browser origins of the Temporal UI allowed to call the API's /codec endpoints (PAYLOAD_CODEC_CORS_ORIGINS). */
  payloadCodecCorsOrigins: string[];
  /**
   * WORKER_MAX_CACHED_WORKFLOWS (default 500): delivery workflows a worker keeps in memory between
   * their tasks. A waiting delivery evicted from the cache costs nothing until it wakes, then replays
   * its (short) history once; so 100,000 waiting deliveries hold memory for 500, not for all of them.
   */
  workerMaxCachedWorkflows: number;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return value;
}

function boolFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

function msFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive number of milliseconds, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  return {
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    temporalNamespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE || 'deliveries',
    databaseUrl: env.DATABASE_URL || undefined,
    dialerUrl: env.DIALER_URL || undefined,
    dialerDeduplicates: boolFromEnv(env, 'DIALER_DEDUPLICATES', true),
    dialerTimeoutMs: msFromEnv(env, 'DIALER_TIMEOUT_MS', 10_000),
    smsGatewayUrl: env.SMS_GATEWAY_URL || undefined,
    availabilityUrl: env.AVAILABILITY_URL || undefined,
    apiPort: intFromEnv(env, 'API_PORT', 3000),
    simulatorPort: intFromEnv(env, 'SIMULATOR_PORT', 4010),
    temporalPort: intFromEnv(env, 'TEMPORAL_PORT', 7233),
    temporalUiPort: intFromEnv(env, 'TEMPORAL_UI_PORT', 8233),
    postgresPort: intFromEnv(env, 'POSTGRES_PORT', 5433),
    temporalUiUrl: env.TEMPORAL_UI_URL || undefined,
    dataDir: env.DATA_DIR || 'data',
    logLevel: env.LOG_LEVEL || 'info',
    payloadCodecKeys: env.PAYLOAD_CODEC_KEYS ? parsePayloadCodecKeys(env.PAYLOAD_CODEC_KEYS) : undefined,
    payloadCodecCorsOrigins: codecCorsOrigins(env, intFromEnv(env, 'TEMPORAL_UI_PORT', 8233)),
    workerMaxCachedWorkflows: msFromEnv(env, 'WORKER_MAX_CACHED_WORKFLOWS', 500),
  };
}

/** The dialer client's options from the configuration. */
export function dialerClientOptions(config: EngineConfig): { deduplicatesConversationId: boolean; timeoutMs: number } {
  return { deduplicatesConversationId: config.dialerDeduplicates, timeoutMs: config.dialerTimeoutMs };
}

/**
 * The UI's origin from TEMPORAL_UI_URL, and the dev server UI under both names a browser may use for
 * it; PAYLOAD_CODEC_CORS_ORIGINS (comma-separated) replaces them all.
 */
function codecCorsOrigins(env: NodeJS.ProcessEnv, devUiPort: number): string[] {
  const listed = (env.PAYLOAD_CODEC_CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const origins = listed.length
    ? listed
    : [env.TEMPORAL_UI_URL, `http://localhost:${devUiPort}`, `http://127.0.0.1:${devUiPort}`].filter((o) => !!o);
  return [
    ...new Set(
      origins.map((o) => {
        try {
          return new URL(o!).origin;
        } catch {
          throw new Error(`PAYLOAD_CODEC_CORS_ORIGINS/TEMPORAL_UI_URL must be URLs, got "${o}"`);
        }
      }),
    ),
  ];
}
