/**
 * A DescribeTable `Table` for a kind's table as sentinel-init makes it (ACTIVE, on demand, SSE,
 * deletion protection, every index ACTIVE), for the in-process engine tests that hand-write DynamoDB's
 * answers; `index(name)` adds to or changes one index's description (its status, backfilling).
 */
import type { GlobalSecondaryIndexDescription, TableDescription } from '@aws-sdk/client-dynamodb';
import { KINDS, type KindName } from '../../src/core/kinds.js';

export const tableArn = (table: string) => `arn:aws:dynamodb:eu-west-1:123456789012:table/${table}`;

export function madeTable(
  kind: KindName,
  table: string,
  over: Partial<TableDescription> = {},
  index: (name: string) => Partial<GlobalSecondaryIndexDescription> = () => ({}),
): TableDescription {
  const { indexes, partitionKey } = KINDS[kind];
  const attributes = [...new Set([partitionKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])])];
  return {
    TableName: table,
    TableArn: tableArn(table),
    TableStatus: 'ACTIVE',
    KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
    AttributeDefinitions: attributes.map((n) => ({ AttributeName: n, AttributeType: 'S' as const })),
    BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
    SSEDescription: { Status: 'ENABLED', SSEType: 'KMS' },
    DeletionProtectionEnabled: true,
    GlobalSecondaryIndexes: indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
      IndexStatus: 'ACTIVE',
      ...index(i.name),
    })),
    ...over,
  };
}
