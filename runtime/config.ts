import { readFileSync } from 'node:fs';
import type { HttpDialerClientOptions } from '../activities/dialerClient';
import { parsePayloadCodecKeys, type PayloadCodecKey } from '../temporal/payloadCodec';
import { resultDestination } from './resultDestination';

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
  /**
   * The seed-004 AccessToken: DIALER_ACCESS_TOKEN for every engagement, DIALER_ACCESS_TOKENS (a JSON
   * object, engagement id → token) per engagement; either may instead be read from a file named by
   * the same variable with `_FILE` (a mounted secret). Never logged, never returned by the API.
   */
  dialerAccessToken?: string;
  dialerAccessTokens: Record<string, string>;
  /**
   * RESULT_DESTINATION_URL: the API's base URL as the dialer reaches it. When set (with
   * RESULT_DESTINATION_SECRET), every call asks the dialer to push its result there; polling stays as
   * the fallback, every DIALER_PUSH_FALLBACK_POLL_MS (default 30000) while a push is awaited.
   */
  resultDestinationUrl?: string;
  resultDestinationSecret?: string;
  pushFallbackPollMs: number;
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
   * their tasks, on each of its two delivery queues (one by one, bulk). A waiting delivery evicted from
   * the cache costs nothing until it wakes, then replays its (short) history once; so 100,000 waiting
   * deliveries hold memory for 500, not for all of them.
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
    ...dialerSecrets(env),
    pushFallbackPollMs: msFromEnv(env, 'DIALER_PUSH_FALLBACK_POLL_MS', 30_000),
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

/** A secret from NAME, or from the file NAME_FILE names (trailing newline dropped). */
function secretFromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const file = env[`${name}_FILE`];
  if (file) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new Error(`${name}_FILE: cannot read "${file}" (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return env[name] || undefined;
}

function dialerSecrets(env: NodeJS.ProcessEnv) {
  const perEngagement = secretFromEnv(env, 'DIALER_ACCESS_TOKENS');
  let dialerAccessTokens: Record<string, string> = {};
  if (perEngagement) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(perEngagement);
    } catch {
      // The message must not quote the value: it holds secrets.
      throw new Error('DIALER_ACCESS_TOKENS must be a JSON object of engagement id to token (it is not valid JSON)');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
      throw new Error('DIALER_ACCESS_TOKENS must be a JSON object of engagement id to token (string values)');
    }
    dialerAccessTokens = parsed as Record<string, string>;
  }
  const resultDestinationUrl = env.RESULT_DESTINATION_URL || undefined;
  const resultDestinationSecret = secretFromEnv(env, 'RESULT_DESTINATION_SECRET');
  if (resultDestinationUrl) {
    try {
      new URL(resultDestinationUrl);
    } catch {
      throw new Error(`RESULT_DESTINATION_URL must be a URL, got "${resultDestinationUrl}"`);
    }
    if (!resultDestinationSecret)
      throw new Error("RESULT_DESTINATION_URL needs RESULT_DESTINATION_SECRET (the key that signs each call's address)");
  }
  return {
    dialerAccessToken: secretFromEnv(env, 'DIALER_ACCESS_TOKEN'),
    dialerAccessTokens,
    resultDestinationUrl,
    resultDestinationSecret,
  };
}

/** The AccessToken of an engagement's calls: its own, else the default, else none. */
export function accessTokenFor(config: Pick<EngineConfig, 'dialerAccessToken' | 'dialerAccessTokens'>, engagementId: string | undefined) {
  return (engagementId !== undefined ? config.dialerAccessTokens[engagementId] : undefined) ?? config.dialerAccessToken;
}

/** The dialer client's options from the configuration (token and push address only when configured). */
export function dialerClientOptions(config: EngineConfig): HttpDialerClientOptions {
  const hasTokens = config.dialerAccessToken !== undefined || Object.keys(config.dialerAccessTokens).length > 0;
  return {
    deduplicatesConversationId: config.dialerDeduplicates,
    timeoutMs: config.dialerTimeoutMs,
    ...(hasTokens ? { accessTokenFor: (engagementId: string | undefined) => accessTokenFor(config, engagementId) } : {}),
    ...(config.resultDestinationUrl && config.resultDestinationSecret
      ? { resultDestination: resultDestination(config.resultDestinationUrl, config.resultDestinationSecret) }
      : {}),
  };
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
