/**
 * The reads a plan is made from, against hand-written answers: what DynamoDB says in the cases
 * DynamoDB Local never produces (a table mid-create unknown to the PITR call, paged tags, an empty
 * 200 from a proxy) must become the right table, "no table", or an error, never a wrong plan.
 */
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { describe as suite, expect, it } from 'vitest';
import type { DynamoApi } from '../../src/aws/types.js';
import { AwsFailure } from '../../src/core/errors.js';
import { describe, normaliseTable, readTags } from '../../src/engine/describe.js';

const ARN = 'arn:aws:dynamodb:eu-west-1:123456789012:table/t';
const meta = { $metadata: {} };
const named = (name: string, message = name) => Object.assign(new Error(message), { name });

interface Answers {
  table?: Partial<TableDescription> | Error | 'empty';
  ttl?: 'empty' | Error;
  pitr?: string | Error | 'empty';
  tags?: (Error | { Tags: { Key?: string; Value?: string }[]; NextToken?: string })[];
}

/** A DynamoApi answering the four reads as given; records the tag calls' NextTokens. */
function api(a: Answers) {
  const tokens: (string | undefined)[] = [];
  let page = 0;
  const dynamo = {
    describeTable: async () => {
      if (a.table instanceof Error) throw a.table;
      if (a.table === 'empty') return { ...meta };
      return { Table: { TableName: 't', TableArn: ARN, TableStatus: 'ACTIVE', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], ...a.table }, ...meta };
    },
    describeTimeToLive: async () => {
      if (a.ttl instanceof Error) throw a.ttl;
      return a.ttl === 'empty' ? { ...meta } : { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' }, ...meta };
    },
    describeContinuousBackups: async () => {
      if (a.pitr instanceof Error) throw a.pitr;
      if (a.pitr === 'empty') return { ContinuousBackupsDescription: {}, ...meta };
      return { ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', ...(a.pitr && { PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: a.pitr } }) }, ...meta };
    },
    listTagsOfResource: async (input: { NextToken?: string }) => {
      tokens.push(input.NextToken);
      const answer = a.tags?.[Math.min(page++, (a.tags?.length ?? 1) - 1)] ?? { Tags: [] };
      if (answer instanceof Error) throw answer;
      return { ...answer, ...meta };
    },
  } as unknown as DynamoApi;
  return { dynamo, tokens };
}

suite('describe', () => {
  it('no table (ResourceNotFoundException): undefined; any other error is thrown, not read as "no table"', async () => {
    expect(await describe(api({ table: named('ResourceNotFoundException') }).dynamo, 't')).toBeUndefined();
    await expect(describe(api({ table: named('ThrottlingException') }).dynamo, 't')).rejects.toThrow('ThrottlingException');
    await expect(describe(api({ table: named('AccessDeniedException') }).dynamo, 't')).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('an empty 200 (a proxy answering) is an error naming the call, never "no table"', async () => {
    await expect(describe(api({ table: 'empty' }).dynamo, 't')).rejects.toThrow('DynamoDB answered DescribeTable for t without its result (an empty 200).');
    await expect(describe(api({ ttl: 'empty' }).dynamo, 't')).rejects.toThrow('DynamoDB answered DescribeTimeToLive for t without its result');
    await expect(describe(api({ pitr: 'empty' }).dynamo, 't')).rejects.toBeInstanceOf(AwsFailure);
  });

  it('point-in-time recovery: its own status; DISABLED when DynamoDB names none; undefined where not implemented', async () => {
    expect((await describe(api({ pitr: 'ENABLED' }).dynamo, 't'))?.pitr).toBe('ENABLED');
    expect((await describe(api({}).dynamo, 't'))?.pitr).toBe('DISABLED');
    expect((await describe(api({ pitr: named('UnknownOperationException') }).dynamo, 't'))?.pitr).toBeUndefined();
  });

  it('a table still CREATING that the PITR and tagging calls do not know yet: there, with nothing on', async () => {
    const creating = api({ table: { TableStatus: 'CREATING' }, pitr: named('TableNotFoundException'), tags: [named('ResourceNotFoundException')] });
    expect(await describe(creating.dynamo, 't')).toMatchObject({ status: 'CREATING', pitr: 'DISABLED', tags: {} });
  });

  it('an ACTIVE table the PITR or tagging call does not find was deleted meanwhile: undefined; mid-create, only "not found" from tagging is tolerated', async () => {
    expect(await describe(api({ pitr: named('TableNotFoundException') }).dynamo, 't')).toBeUndefined();
    expect(await describe(api({ tags: [named('ResourceNotFoundException')] }).dynamo, 't')).toBeUndefined();
    await expect(describe(api({ table: { TableStatus: 'CREATING' }, tags: [named('ValidationException')] }).dynamo, 't')).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

suite('describe: a read after DescribeTable denied', () => {
  const denied = () => named('AccessDeniedException', 'User: x is not authorized to perform: dynamodb:Something');

  it('noted (--plan, --output): the table is there, the setting unknown and named with its call', async () => {
    const tags = await describe(api({ tags: [denied()] }).dynamo, 't', undefined, { noteDenied: true });
    expect(tags).toMatchObject({ name: 't', ttlStatus: 'ENABLED', pitr: 'DISABLED', unread: [{ setting: 'tags', operation: 'ListTagsOfResource' }] });
    expect(tags?.tags).toBeUndefined();
    const pitr = await describe(api({ pitr: denied() }).dynamo, 't', undefined, { noteDenied: true });
    expect(pitr).toMatchObject({ tags: {}, unread: [{ setting: 'pitr', operation: 'DescribeContinuousBackups' }] });
    expect(pitr?.pitr).toBeUndefined();
    const ttl = await describe(api({ ttl: denied() }).dynamo, 't', undefined, { noteDenied: true });
    expect(ttl).toMatchObject({ ttlStatus: 'UNKNOWN', unread: [{ setting: 'ttl', operation: 'DescribeTimeToLive' }] });
    // Every read answered: no `unread` at all.
    expect(await describe(api({}).dynamo, 't', undefined, { noteDenied: true })).not.toHaveProperty('unread');
  });

  it('not noted (a run that changes the table): the denial is thrown; other errors are thrown either way', async () => {
    await expect(describe(api({ tags: [denied()] }).dynamo, 't')).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(describe(api({ ttl: denied() }).dynamo, 't')).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(describe(api({ tags: [named('ThrottlingException')] }).dynamo, 't', undefined, { noteDenied: true })).rejects.toMatchObject({ name: 'ThrottlingException' });
  });
});

suite('readTags', () => {
  it('reads every page, passing each NextToken, and skips entries without a key', async () => {
    const { dynamo, tokens } = api({
      tags: [
        { Tags: [{ Key: 'a', Value: '1' }, { Value: 'no key' }], NextToken: 'p2' },
        { Tags: [{ Key: 'b' }], NextToken: 'p3' },
        { Tags: [{ Key: 'c', Value: '3' }] },
      ],
    });
    expect(await readTags(dynamo, ARN)).toEqual({ a: '1', b: '', c: '3' });
    expect(tokens).toEqual([undefined, 'p2', 'p3']);
  });

  it('a NextToken that never ends stops after 10 pages instead of looping', async () => {
    const { dynamo, tokens } = api({ tags: [{ Tags: [{ Key: 'k', Value: 'v' }], NextToken: 'again' }] });
    expect(await readTags(dynamo, ARN)).toEqual({ k: 'v' });
    expect(tokens).toHaveLength(10);
  });

  it('no tagging on the endpoint: undefined', async () => {
    expect(await readTags(api({ tags: [named('UnknownOperationException')] }).dynamo, ARN)).toBeUndefined();
  });
});

suite('normaliseTable', () => {
  it('keys, attribute types, index defaults, encryption and deletion protection as DynamoDB reports them', () => {
    const t = normaliseTable({
      TableName: 't',
      TableArn: ARN,
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      // Incomplete definitions (as a proxy or an old endpoint may send them) are skipped, not guessed.
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk' }, { AttributeType: 'N' }] as TableDescription['AttributeDefinitions'],
      GlobalSecondaryIndexes: [{ IndexName: 'i', KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }] }],
      SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: 'arn:k' },
    });
    expect(t).toMatchObject({ status: 'ACTIVE', partitionKey: 'pk', sortKey: 'sk', attributeTypes: { pk: 'S' }, deletionProtection: false, sse: { status: 'ENABLED', type: 'KMS', kmsKeyArn: 'arn:k' } });
    expect(Object.keys(t.attributeTypes)).toEqual(['pk']);
    // An index DynamoDB reports without status or projection: ACTIVE, projection unknown, not backfilling.
    expect(t.indexes).toEqual([{ name: 'i', partitionKey: 'x', sortKey: undefined, projection: undefined, status: 'ACTIVE', backfilling: false }]);
    expect(normaliseTable({ TableName: 't', DeletionProtectionEnabled: true }).deletionProtection).toBe(true);
    expect(normaliseTable({ TableName: 't' }).sse).toBeUndefined();
  });
});
