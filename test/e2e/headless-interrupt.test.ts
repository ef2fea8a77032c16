/**
 * Ctrl-C during a headless apply: DynamoDB Local holds a new index in CREATING (~30 s) the way the
 * real service does, the run is interrupted while it waits, says what exists, and a rerun finishes.
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { ensureBuilt, onlyTable, runCli } from '../cli/run-cli.js';

const REGION = 'eu-west-1';
const env = { AWS_ACCESS_KEY_ID: 'interrupt', AWS_SECRET_ACCESS_KEY: 'secret', HOME: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent/config' };
let local: DynamoDbLocal;
let client: DynamoDBClient;

beforeAll(async () => {
  ensureBuilt();
  local = await startDynamoDbLocal({ delayTransientStatuses: true });
  client = new DynamoDBClient({ region: REGION, endpoint: local.endpoint, credentials: { accessKeyId: 'interrupt', secretAccessKey: 'secret' } });
});

afterAll(async () => {
  client?.destroy();
  await local?.stop();
});

it('SIGINT while an index builds: exit 130, says what exists, and a rerun finishes', async () => {
  // A sessions table a run left half-made: everything but gsi-profile.
  const indexes = [['gsi-user', 'user', 'created_at'], ['gsi-status', 'status', 'created_at'], ['gsi-server-instance', 'server_instance_id', 'status']] as const;
  await client.send(
    new CreateTableCommand({
      TableName: 'interrupted',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: ['id', 'user', 'status', 'server_instance_id', 'created_at'].map((a) => ({ AttributeName: a, AttributeType: 'S' as const })),
      GlobalSecondaryIndexes: indexes.map(([name, pk, sk]) => ({
        IndexName: name,
        KeySchema: [{ AttributeName: pk, KeyType: 'HASH' as const }, { AttributeName: sk, KeyType: 'RANGE' as const }],
        Projection: { ProjectionType: 'ALL' as const },
      })),
    }),
  );
  const args = ['--table', 'interrupted', '--region', REGION, '--endpoint-url', local.endpoint, '--yes', '--json'];

  let sent = false;
  const stopped = await runCli(args, {
    env,
    onStderr: (text, child) => {
      // Interrupt once the index was requested and the run is waiting for it.
      if (!sent && /waiting: CREATING/.test(text)) {
        sent = true;
        child.kill('SIGINT');
      }
    },
  });
  expect(stopped.code, stopped.stderr).toBe(130);
  // --json: one document even when interrupted: the table in progress, with the call still in flight.
  expect(onlyTable(stopped)).toMatchObject({
    table: 'interrupted',
    state: 'in-progress',
    inFlight: [{ operation: 'UpdateTable', step: 'Add index gsi-profile (profile, created_at)' }],
  });
  // Said from a describe made after the interruption, not from what the run had asked for.
  expect(stopped.stderr).toMatch(/Now, as DynamoDB reports it: table interrupted ACTIVE; indexes .*gsi-profile CREATING/);
  expect(stopped.stderr).toMatch(/Running again finishes: wait for index gsi-profile \(now CREATING\) to become ACTIVE; enable TTL on attribute ttl/);
  const during = await client.send(new DescribeTableCommand({ TableName: 'interrupted' }));
  expect(during.Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === 'gsi-profile')?.IndexStatus).toBe('CREATING');

  const rerun = await runCli(args, { env });
  expect(rerun.code, rerun.stderr).toBe(0);
  expect(rerun.stderr).toMatch(/Wait for index gsi-profile, already building/);
  expect(onlyTable(rerun)).toMatchObject({ status: 'updated' });
  const after = await client.send(new DescribeTableCommand({ TableName: 'interrupted' }));
  expect(after.Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === 'gsi-profile')?.IndexStatus).toBe('ACTIVE');
}, 120_000);
