/** Creating and converging real tables on DynamoDB Local (one JVM for the file). */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe as suite, expect, it } from 'vitest';
import type { DynamoApi } from '../../src/aws/types.js';
import { apply, describe, desiredTable, plan } from '../../src/engine/index.js';
import { AwsFailure } from '../../src/core/errors.js';
import { KINDS, KIND_NAMES } from '../../src/core/kinds.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { api, goStyleSessionsTable, rawClient, recorder, REGION } from './support.js';

let local: DynamoDbLocal;
let proxy: FaultProxy;
let dynamo: DynamoApi;
let raw: DynamoDBClient;

beforeAll(async () => {
  local = await startDynamoDbLocal();
  proxy = await startFaultProxy(local.endpoint);
  dynamo = await api(proxy.endpoint);
  raw = rawClient(local.endpoint);
});
afterAll(async () => {
  raw?.destroy();
  await proxy?.stop();
  await local?.stop();
});

/** Plan from the live table, then apply: what one CLI run does. */
async function run(kind: (typeof KIND_NAMES)[number], table: string, deletionProtection = true) {
  const p = plan(desiredTable(kind, table, deletionProtection), await describe(dynamo, table), REGION);
  const progress = recorder();
  const result = await apply(p, dynamo, { onProgress: progress.onProgress });
  return { p, result, events: progress.events };
}

suite.each(KIND_NAMES)('a new %s table', (kind) => {
  const name = `${KINDS[kind].defaultTable}-new`;

  it('is created exactly as the spec says, then left alone on the next run', async () => {
    const before = proxy.count('CreateTable');
    const first = await run(kind, name);
    expect(first.p.action).toBe('create');
    expect(first.result).toEqual({ kind, table: name, region: REGION, status: 'created', tableArn: `arn:aws:dynamodb:ddblocal:000000000000:table/${name}` });
    expect(first.events.filter((e) => e.type === 'step').map((e) => e.id)).toEqual(['create-table', 'wait-table', 'ttl']);

    // What was sent: DynamoDB Local ignores SSE, so check the request itself.
    const sent = proxy.bodies('CreateTable').slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ BillingMode: 'PAY_PER_REQUEST', SSESpecification: { Enabled: true, SSEType: 'KMS' }, DeletionProtectionEnabled: true });
    expect(sent[0]).not.toHaveProperty('Tags');
    expect(sent[0]).not.toHaveProperty('ProvisionedThroughput');
    expect(sent[0]?.SSESpecification).not.toHaveProperty('KMSMasterKeyId');

    const table = (await raw.send(new DescribeTableCommand({ TableName: name }))).Table!;
    expect(table.TableStatus).toBe('ACTIVE');
    expect(table.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    const keyNames = new Set(['id', ...KINDS[kind].indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
    expect(new Set(table.AttributeDefinitions?.map((a) => a.AttributeName))).toEqual(keyNames);
    expect(table.AttributeDefinitions?.every((a) => a.AttributeType === 'S')).toBe(true);
    expect(table.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.DeletionProtectionEnabled).toBe(true);
    expect(table.SSEDescription).toBeUndefined(); // DynamoDB Local reports no encryption at all
    const indexes = (table.GlobalSecondaryIndexes ?? []).map((i) => ({ name: i.IndexName, keys: i.KeySchema, projection: i.Projection, status: i.IndexStatus }));
    expect(indexes.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
      KINDS[kind].indexes
        .map((i) => ({
          name: i.name,
          keys: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
          projection: { ProjectionType: 'ALL' },
          status: 'ACTIVE',
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    const ttl = await raw.send(new DescribeTimeToLiveCommand({ TableName: name }));
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' });

    const creates = proxy.count('CreateTable');
    const again = await run(kind, name);
    expect(again.p.action).toBe('none');
    expect(again.p.notes).toEqual([]);
    expect(again.result.status).toBe('unchanged');
    expect(again.result.tableArn).toBe(first.result.tableArn);
    expect(proxy.count('CreateTable')).toBe(creates);
  });
});

suite('an existing table', () => {
  it('made by the Go tool is converged: gsi-device-id, TTL, deletion protection; then nothing to do', async () => {
    const name = 'go-made-sessions';
    await raw.send(new CreateTableCommand(goStyleSessionsTable(name)));
    const { p, result, events } = await run('sessions', name);
    expect(p.action).toBe('update');
    expect(p.changes.map((c) => c.target)).toEqual(['gsi-device-id', 'ttl', 'deletion-protection']);
    expect(result.status).toBe('updated');
    expect(events.filter((e) => e.type === 'done').map((e) => e.id)).toEqual(['index:gsi-device-id', 'ttl', 'deletion-protection']);
    const now = await describe(dynamo, name);
    expect(now?.indexes.find((i) => i.name === 'gsi-device-id')).toMatchObject({ partitionKey: 'device_id', sortKey: 'created_at', projection: 'ALL', status: 'ACTIVE' });
    expect(now?.attributeTypes.device_id).toBe('S');
    expect(now).toMatchObject({ ttlStatus: 'ENABLED', ttlAttribute: 'ttl', deletionProtection: true });
    expect(plan(desiredTable('sessions', name, true), now, REGION).action).toBe('none');
  });

  it('with --no-deletion-protection: protection is not turned on, and never turned off', async () => {
    const name = 'go-made-unprotected';
    await raw.send(new CreateTableCommand(goStyleSessionsTable(name)));
    const { p, result } = await run('sessions', name, false);
    expect(p.changes.map((c) => c.target)).toEqual(['gsi-device-id', 'ttl']);
    expect(result.status).toBe('updated');
    expect((await describe(dynamo, name))?.deletionProtection).toBe(false);

    const protectedName = 'already-protected';
    await run('sessions', protectedName, true);
    const again = await run('sessions', protectedName, false);
    expect(again.p.action).toBe('none');
    expect(again.p.notes).toContain('Deletion protection is on and stays on (this tool never turns it off).');
    expect((await describe(dynamo, protectedName))?.deletionProtection).toBe(true);
  });

  it('with another key schema is refused and nothing is changed', async () => {
    const name = 'wrong-key-table';
    await raw.send(
      new CreateTableCommand({
        TableName: name,
        KeySchema: [
          { AttributeName: 'id', KeyType: 'HASH' },
          { AttributeName: 'created_at', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'created_at', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const updatesBefore = proxy.count('UpdateTable') + proxy.count('UpdateTimeToLive');
    const actual = await describe(dynamo, name);
    expect(() => plan(desiredTable('sessions', name, true), actual, REGION)).toThrow(AwsFailure);
    expect(() => plan(desiredTable('sessions', name, true), actual, REGION)).toThrow(/has a sort key \(`created_at`\).*Nothing was changed/);
    expect(proxy.count('UpdateTable') + proxy.count('UpdateTimeToLive')).toBe(updatesBefore);
    expect((await describe(dynamo, name))?.indexes).toEqual([]);
  });

  it('two concurrent creators of the same table both succeed, and it is made once', async () => {
    const name = 'raced-table';
    const desired = desiredTable('approvals', name, true);
    const p = plan(desired, await describe(dynamo, name), REGION);
    const results = await Promise.all([apply(p, dynamo), apply(p, await api(proxy.endpoint))]);
    const statuses = results.map((r) => r.status).sort();
    // The loser waits for the winner's table, then finishes whatever the winner had not yet done.
    expect([['created', 'unchanged'], ['created', 'updated']]).toContainEqual(statuses);
    expect(results[0]?.tableArn).toBe(results[1]?.tableArn);
    expect(proxy.bodies('CreateTable').filter((b) => b.TableName === name)).toHaveLength(2);
    expect(plan(desired, await describe(dynamo, name), REGION).action).toBe('none');
  });
});

suite('the created sessions table serves Sentinel\'s session store', () => {
  const name = 'store-sessions';
  const item = {
    id: { S: 'sess-1' },
    user: { S: 'alice' },
    status: { S: 'active' },
    profile: { S: 'prod' },
    server_instance_id: { S: 'srv-1' },
    device_id: { S: 'dev-1' },
    created_at: { S: '2024-01-01T00:00:00Z' },
    updated_at: { S: '2024-01-01T00:00:00Z' },
    request_count: { N: '0' },
    ttl: { N: '1893456000' },
  };

  beforeAll(async () => {
    await run('sessions', name);
    await raw.send(new PutItemCommand({ TableName: name, Item: item, ConditionExpression: 'attribute_not_exists(id)' }));
  });

  it('refuses a second create of the same session id (attribute_not_exists(id))', async () => {
    await expect(raw.send(new PutItemCommand({ TableName: name, Item: item, ConditionExpression: 'attribute_not_exists(id)' }))).rejects.toThrow(
      expect.objectContaining({ name: 'ConditionalCheckFailedException' }),
    );
  });

  it.each([
    ['gsi-user', 'user', 'alice'],
    ['gsi-status', 'status', 'active'],
    ['gsi-profile', 'profile', 'prod'],
    ['gsi-device-id', 'device_id', 'dev-1'],
    ['gsi-server-instance', 'server_instance_id', 'srv-1'],
  ])('finds the session through %s by %s, newest first', async (index, key, value) => {
    const out = await raw.send(
      new QueryCommand({
        TableName: name,
        IndexName: index,
        KeyConditionExpression: '#pk = :v',
        ExpressionAttributeNames: { '#pk': key },
        ExpressionAttributeValues: { ':v': { S: value } },
        ScanIndexForward: false,
      }),
    );
    expect(out.Items?.map((i) => i.id?.S)).toEqual(['sess-1']);
  });

  it('finds active sessions of a server instance with status in the key condition', async () => {
    const out = await raw.send(
      new QueryCommand({
        TableName: name,
        IndexName: 'gsi-server-instance',
        KeyConditionExpression: 'server_instance_id = :id AND #status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':id': { S: 'srv-1' }, ':status': { S: 'active' } },
      }),
    );
    expect(out.Items?.map((i) => i.id?.S)).toEqual(['sess-1']);
  });

  it('updates only existing sessions (attribute_exists(id)), with optimistic locking on updated_at', async () => {
    await raw.send(
      new UpdateItemCommand({
        TableName: name,
        Key: { id: { S: 'sess-1' } },
        UpdateExpression: 'SET #status = :revoked, updated_at = :now',
        ConditionExpression: 'attribute_exists(id) AND updated_at = :old_updated_at',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':revoked': { S: 'revoked' }, ':now': { S: '2024-01-02T00:00:00Z' }, ':old_updated_at': { S: '2024-01-01T00:00:00Z' } },
      }),
    );
    await raw.send(
      new UpdateItemCommand({
        TableName: name,
        Key: { id: { S: 'sess-1' } },
        UpdateExpression: 'SET request_count = request_count + :inc',
        ConditionExpression: 'attribute_exists(id)',
        ExpressionAttributeValues: { ':inc': { N: '1' } },
      }),
    );
    const missing = raw.send(
      new UpdateItemCommand({
        TableName: name,
        Key: { id: { S: 'no-such-session' } },
        UpdateExpression: 'SET request_count = :one',
        ConditionExpression: 'attribute_exists(id)',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
    await expect(missing).rejects.toThrow(expect.objectContaining({ name: 'ConditionalCheckFailedException' }));
    const revoked = await raw.send(
      new QueryCommand({
        TableName: name,
        IndexName: 'gsi-status',
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'revoked' } },
      }),
    );
    expect(revoked.Items?.map((i) => [i.id?.S, i.request_count?.N])).toEqual([['sess-1', '1']]);
  });

  it('rejects the Go store\'s FilterExpression on the index key status, as the spec warns', async () => {
    const goQuery = raw.send(
      new QueryCommand({
        TableName: name,
        IndexName: 'gsi-server-instance',
        KeyConditionExpression: 'server_instance_id = :server_instance_id',
        FilterExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':server_instance_id': { S: 'srv-1' }, ':status': { S: 'active' } },
      }),
    );
    await expect(goQuery).rejects.toThrow(/Filter Expression can only contain non-primary key attributes/);
  });
});
