/** A described table exactly as a kind wants it on real AWS, for the plan's tests to change one thing at a time. */
import { KINDS, type KindName } from '../../src/core/kinds.js';
import type { ActualTable } from '../../src/engine/index.js';

export const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1111aaaa-11aa-11aa-11aa-111111aaaaaa';

export function matching(kind: KindName = 'sessions', name: string = KINDS[kind].defaultTable): ActualTable {
  const attributeTypes: ActualTable['attributeTypes'] = { [KINDS[kind].partitionKey]: 'S' };
  for (const i of KINDS[kind].indexes) attributeTypes[i.partitionKey] = attributeTypes[i.sortKey] = 'S';
  return {
    name,
    arn: `arn:aws:dynamodb:eu-west-1:123456789012:table/${name}`,
    status: 'ACTIVE',
    partitionKey: KINDS[kind].partitionKey,
    attributeTypes,
    billingMode: 'PAY_PER_REQUEST',
    sse: { status: 'ENABLED', type: 'KMS', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/aws-managed' },
    indexes: KINDS[kind].indexes.map((i) => ({ name: i.name, partitionKey: i.partitionKey, sortKey: i.sortKey, projection: 'ALL', status: 'ACTIVE', backfilling: false })),
    ttlStatus: 'ENABLED',
    ttlAttribute: KINDS[kind].ttlAttribute,
    deletionProtection: true,
    pitr: 'ENABLED',
    tags: { 'managed-by': 'sentinel-init', 'sentinel:table-kind': kind },
  };
}
