import { Client, Connection } from '@temporalio/client';

export interface TemporalClient {
  client: Client;
  /** The gRPC connection under the client (search-attribute registration uses its operator service). */
  connection: Connection;
}

/** The engine's Temporal client on `namespace`: the API, the worker's activities and npm start each open one. */
export async function connectTemporalClient(address: string, namespace: string): Promise<TemporalClient> {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection, namespace }), connection };
}
