/** DescribeTable + DescribeTimeToLive, normalised into ActualTable. */
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import type { DynamoApi } from '../aws/types.js';
import type { ActualIndex, ActualTable, KeyType } from './types.js';

/** True for the SDK's "no such table" error, whatever call raised it. */
export function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'ResourceNotFoundException';
}

function keyOf(schema: { AttributeName?: string; KeyType?: string }[] | undefined, type: 'HASH' | 'RANGE'): string | undefined {
  return schema?.find((key) => key.KeyType === type)?.AttributeName;
}

/**
 * Older provisioned tables carry no BillingModeSummary; on-demand ones report 0 capacity units.
 * DynamoDB Local reports neither mode, so no capacity and no summary means "unknown".
 */
function billingOf(table: TableDescription): string | undefined {
  if (table.BillingModeSummary?.BillingMode) return table.BillingModeSummary.BillingMode;
  return (table.ProvisionedThroughput?.ReadCapacityUnits ?? 0) > 0 ? 'PROVISIONED' : undefined;
}

/** The table part of ActualTable (TTL filled in by the caller). */
export function normaliseTable(table: TableDescription): Omit<ActualTable, 'ttlStatus' | 'ttlAttribute'> {
  const attributeTypes: Record<string, KeyType> = {};
  for (const def of table.AttributeDefinitions ?? []) {
    if (def.AttributeName && def.AttributeType) attributeTypes[def.AttributeName] = def.AttributeType as KeyType;
  }
  const indexes: ActualIndex[] = (table.GlobalSecondaryIndexes ?? []).map((index) => ({
    name: index.IndexName ?? '',
    partitionKey: keyOf(index.KeySchema, 'HASH'),
    sortKey: keyOf(index.KeySchema, 'RANGE'),
    projection: index.Projection?.ProjectionType,
    status: index.IndexStatus ?? 'ACTIVE',
    backfilling: index.Backfilling === true,
  }));
  const sse = table.SSEDescription;
  return {
    name: table.TableName ?? '',
    arn: table.TableArn ?? '',
    status: table.TableStatus ?? 'ACTIVE',
    partitionKey: keyOf(table.KeySchema, 'HASH'),
    sortKey: keyOf(table.KeySchema, 'RANGE'),
    attributeTypes,
    billingMode: billingOf(table),
    sse: sse ? { status: sse.Status, type: sse.SSEType, kmsKeyArn: sse.KMSMasterKeyArn } : undefined,
    indexes,
    deletionProtection: table.DeletionProtectionEnabled === true,
  };
}

/** DescribeTable only (the polls): undefined when the table does not exist. */
export async function describeTableOnly(dynamo: DynamoApi, name: string, signal?: AbortSignal) {
  try {
    const out = await dynamo.describeTable(name, signal);
    return out.Table ? normaliseTable(out.Table) : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** DescribeTable + DescribeTimeToLive, normalised; undefined when the table does not exist. */
export async function describe(dynamo: DynamoApi, name: string, signal?: AbortSignal): Promise<ActualTable | undefined> {
  const table = await describeTableOnly(dynamo, name, signal);
  if (!table) return undefined;
  try {
    const ttl = await dynamo.describeTimeToLive(name, signal);
    const desc = ttl.TimeToLiveDescription;
    return { ...table, ttlStatus: desc?.TimeToLiveStatus ?? 'DISABLED', ttlAttribute: desc?.AttributeName };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
