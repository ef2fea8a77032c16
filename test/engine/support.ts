/** Shared by the engine's integration tests: SDK clients on DynamoDB Local with fixed fake keys. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoApi } from '../../src/aws/dynamo.js';
import type { DynamoApi } from '../../src/aws/types.js';
import type { ProgressEvent } from '../../src/engine/index.js';

export const REGION = 'us-east-1';
const credentials = async () => ({ accessKeyId: 'fakeAccessKey', secretAccessKey: 'fakeSecretKey' });

/** The engine's port, exactly as the CLI builds it (retries included). */
export function api(endpoint: string): Promise<DynamoApi> {
  return createDynamoApi({ region: REGION, endpointUrl: endpoint, credentials });
}

/** A plain client for what the engine never does: items, queries, and tables made the old way. */
export function rawClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ region: REGION, endpoint, credentials, maxAttempts: 1 });
}

/** Collects progress events for assertions. */
export function recorder(): { events: ProgressEvent[]; onProgress: (e: ProgressEvent) => void } {
  const events: ProgressEvent[] = [];
  return { events, onProgress: (e) => events.push(e) };
}

/** The sessions table as Sentinel's Go `init sessions` made it: four indexes, TTL off, no deletion protection. */
export function goStyleSessionsTable(name: string) {
  const gsi = (indexName: string, pk: string, sk: string) => ({
    IndexName: indexName,
    KeySchema: [
      { AttributeName: pk, KeyType: 'HASH' as const },
      { AttributeName: sk, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  return {
    TableName: name,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
    AttributeDefinitions: ['id', 'user', 'status', 'profile', 'server_instance_id', 'created_at'].map((n) => ({ AttributeName: n, AttributeType: 'S' as const })),
    BillingMode: 'PAY_PER_REQUEST' as const,
    GlobalSecondaryIndexes: [
      gsi('gsi-user', 'user', 'created_at'),
      gsi('gsi-status', 'status', 'created_at'),
      gsi('gsi-profile', 'profile', 'created_at'),
      gsi('gsi-server-instance', 'server_instance_id', 'status'),
    ],
  };
}
