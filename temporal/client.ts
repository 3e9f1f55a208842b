import { Client, Connection } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { codecDataConverter } from './payloadCodec';
import { engineClientInterceptors } from './requestIdClientInterceptor';

export interface TemporalClient {
  client: Client;
  /** The gRPC connection under the client (search-attribute registration uses its operator service). */
  connection: Connection;
}

/**
 * The engine's Temporal client over `connection`: with `codec` (PAYLOAD_CODEC_KEYS set), everything it
 * sends is encrypted and everything it reads decrypted; every start, signal and update carries the
 * current request id (temporal/requestIdClientInterceptor.ts).
 */
export function engineClient(connection: Connection, namespace: string, codec?: PayloadCodec): Client {
  return new Client({ connection, namespace, dataConverter: codecDataConverter(codec), interceptors: engineClientInterceptors });
}

/** The engine's client on a new connection to `address`: the API, the worker's activities and npm start each open one. */
export async function connectTemporalClient(address: string, namespace: string, codec?: PayloadCodec): Promise<TemporalClient> {
  const connection = await Connection.connect({ address });
  return { client: engineClient(connection, namespace, codec), connection };
}
