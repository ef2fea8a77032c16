/**
 * Tables as Sentinel's own provisioner makes them (infrastructure/schema.go and provisioner.go at
 * b6142c9e), written out here from that source, not from src/core/kinds.ts, so the compatibility
 * suite compares our tables with Sentinel's and not with themselves.
 */
import { CreateTableCommand, UpdateTimeToLiveCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

const gsi = (IndexName: string, pk: string, sk: string) => ({
  IndexName,
  KeySchema: [
    { AttributeName: pk, KeyType: 'HASH' as const },
    { AttributeName: sk, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});

/** schema.go: SessionTableSchema 346-382, ApprovalTableSchema 267-297, BreakGlassTableSchema 306-336. */
const INDEXES = {
  sessions: [gsi('gsi-user', 'user', 'created_at'), gsi('gsi-status', 'status', 'created_at'), gsi('gsi-profile', 'profile', 'created_at'), gsi('gsi-server-instance', 'server_instance_id', 'status')],
  approvals: [gsi('gsi-requester', 'requester', 'created_at'), gsi('gsi-status', 'status', 'created_at'), gsi('gsi-profile', 'profile', 'created_at')],
  breakglass: [gsi('gsi-invoker', 'invoker', 'created_at'), gsi('gsi-status', 'status', 'created_at'), gsi('gsi-profile', 'profile', 'created_at')],
};

/** schemaToCreateTableInput (provisioner.go:329-452): PAY_PER_REQUEST, SSE with the AWS managed key, no deletion protection. */
export function sentinelCreateTableInput(kind: keyof typeof INDEXES, name: string): CreateTableCommandInput {
  const indexes = INDEXES[kind];
  const attributes = new Set(['id', ...indexes.flatMap((i) => i.KeySchema.map((k) => k.AttributeName))]);
  return {
    TableName: name,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: indexes,
    SSESpecification: { Enabled: true, SSEType: 'KMS' },
  };
}

/** Create (provisioner.go:101-209): CreateTable, then TTL on `ttl` (DynamoDB Local makes tables ACTIVE at once). */
export async function createSentinelTable(client: DynamoDBClient, kind: keyof typeof INDEXES, name: string): Promise<void> {
  await client.send(new CreateTableCommand(sentinelCreateTableInput(kind, name)));
  await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } }));
}

/** A sessions table as sentinel-init 0.1.0 made it: Sentinel's four indexes plus gsi-device-id (device_id, created_at). */
export async function createV010SessionsTable(client: DynamoDBClient, name: string): Promise<void> {
  const input = sentinelCreateTableInput('sessions', name);
  input.GlobalSecondaryIndexes = [...(input.GlobalSecondaryIndexes ?? []), gsi('gsi-device-id', 'device_id', 'created_at')];
  input.AttributeDefinitions = [...(input.AttributeDefinitions ?? []), { AttributeName: 'device_id', AttributeType: 'S' }];
  input.DeletionProtectionEnabled = true;
  await client.send(new CreateTableCommand(input));
  await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } }));
}
