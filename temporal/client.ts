import { Client, Connection } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { codecDataConverter } from './payloadCodec';

export interface TemporalClient {
  client: Client;
  /** The gRPC connection under the client (search-attribute registration uses its operator service). */
  connection: Connection;
}

/**
 * The engine's Temporal client on `namespace`: the API, the worker's activities and npm start each open one.
 * With `codec` (PAYLOAD_CODEC_KEYS set), everything it sends is encrypted and everything it reads decrypted.
 */
export async function connectTemporalClient(address: string, namespace: string, codec?: PayloadCodec): Promise<TemporalClient> {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection, namespace, dataConverter: codecDataConverter(codec) }), connection };
}
