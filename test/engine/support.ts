/** Shared by the engine's integration tests: SDK clients on DynamoDB Local with fixed fake keys. */
import { DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { createDynamoApi } from '../../src/aws/dynamo.js';
import type { DynamoApi } from '../../src/aws/types.js';
import type { ProgressEvent } from '../../src/engine/index.js';
import { sentinelCreateTableInput } from '../compat/sentinel-schema.js';

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

/**
 * The sessions table as Sentinel's Go `init sessions` made it before it enabled TTL: four indexes,
 * TTL off, no deletion protection (test/compat/sentinel-schema.ts has Sentinel's schema). `without`
 * leaves indexes out, as a run interrupted before adding them would.
 */
export function goStyleSessionsTable(name: string, without: string[] = []): CreateTableCommandInput {
  const input = sentinelCreateTableInput('sessions', name);
  const indexes = input.GlobalSecondaryIndexes?.filter((i) => !without.includes(i.IndexName ?? '')) ?? [];
  // DynamoDB refuses attribute definitions that no key uses.
  const used = new Set(['id', ...indexes.flatMap((i) => i.KeySchema?.map((k) => k.AttributeName) ?? [])]);
  return { ...input, GlobalSecondaryIndexes: indexes, AttributeDefinitions: input.AttributeDefinitions?.filter((a) => used.has(a.AttributeName ?? '')) };
}
