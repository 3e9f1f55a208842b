import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { AvailabilityClient } from '../activities/availabilityClient';
import type { Db } from '../db/connect';
import type { Logger } from '../runtime/logger';

export interface AppDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  /** Where deliveries link to in the Temporal Web UI. */
  temporalUi?: { url: string; namespace: string };
  /** Base URL the seed-compatible response's @odata.context is built on. */
  publicUrl?: string;
  /** The payload codec (PAYLOAD_CODEC_KEYS) served at /codec/* to admins, for the Temporal UI at `allowedOrigins`. */
  payloadCodec?: { codec: PayloadCodec; namespace: string; allowedOrigins: readonly string[] };
  /** The representative-availability source the dispatcher paces on; the product's availability actions answer from it. */
  availability?: AvailabilityClient;
  /** RESULT_DESTINATION_SECRET: checks the token of results the dialer pushes; the endpoint is off without it. */
  resultDestinationSecret?: string;
  /** The built console served under /console (default console/dist, where `npm install` builds it). */
  consoleDist?: string;
}
