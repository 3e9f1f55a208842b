import type { Client } from '@temporalio/client';
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
}
