/**
 * An index still building, on DynamoDB Local with -delayTransientStatuses (a new GSI stays CREATING
 * ~30 s): waited for, never re-created; Ctrl-C stops the wait at once; the next run finishes it.
 */
import { CreateTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apply, describe, desiredTable, plan, type ProgressEvent } from '../../src/engine/index.js';
import { Interrupted } from '../../src/core/errors.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { api, goStyleSessionsTable, rawClient, recorder, REGION } from './support.js';

let local: DynamoDbLocal;
let proxy: FaultProxy;
const name = 'half-made-sessions';

beforeAll(async () => {
  local = await startDynamoDbLocal({ delayTransientStatuses: true });
  proxy = await startFaultProxy(local.endpoint);
  // A run interrupted right after it asked for gsi-server-instance: the index is CREATING.
  const raw = rawClient(local.endpoint);
  await raw.send(new CreateTableCommand(goStyleSessionsTable(name, ['gsi-server-instance'])));
  await raw.send(
    new UpdateTableCommand({
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: 'server_instance_id', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexUpdates: [
        {
          Create: {
            IndexName: 'gsi-server-instance',
            KeySchema: [
              { AttributeName: 'server_instance_id', KeyType: 'HASH' },
              { AttributeName: 'status', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        },
      ],
    }),
  );
  raw.destroy();
});
afterAll(async () => {
  await proxy?.stop();
  await local?.stop();
});

it('is planned as a wait, stops at once on abort, and the next run waits it out without re-creating it', async () => {
  const dynamo = await api(proxy.endpoint);
  const desired = desiredTable('sessions', name, true);
  const first = plan(desired, await describe(dynamo, name), REGION);
  expect(first.changes.map((c) => `${c.op}:${c.target}`)).toEqual(['wait-index:gsi-server-instance', 'enable-ttl:ttl', 'enable-deletion-protection:deletion-protection']);
  expect(first.changes[0]).toMatchObject({ status: expect.stringMatching(/^CREATING/) });

  // Ctrl-C during the wait: rejected promptly with Interrupted, nothing changed yet.
  const controller = new AbortController();
  const stopped = apply(first, dynamo, {
    signal: controller.signal,
    onProgress: (e: ProgressEvent) => {
      if (e.type === 'waiting') controller.abort();
    },
  });
  const error = await stopped.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Interrupted);
  expect((error as Interrupted).message).toBe('Stopped while waiting. Nothing was changed.');

  // The next run re-plans from what is there and waits; it never asks for the index again.
  const updatesBefore = proxy.bodies('UpdateTable').length;
  const second = plan(desired, await describe(dynamo, name), REGION);
  expect(second.changes[0]).toMatchObject({ op: 'wait-index', target: 'gsi-server-instance' });
  const { events, onProgress } = recorder();
  const result = await apply(second, dynamo, { onProgress });
  expect(result.status).toBe('updated');
  const waits = events.filter((e): e is Extract<ProgressEvent, { type: 'waiting' }> => e.type === 'waiting' && e.id === 'index:gsi-server-instance');
  expect(waits.length).toBeGreaterThan(3);
  expect(waits.every((w) => w.status.startsWith('CREATING'))).toBe(true);
  const done = events.find((e) => e.type === 'done' && e.id === 'index:gsi-server-instance');
  expect(done).toMatchObject({ polls: waits.length + 1 });
  const sent = proxy.bodies('UpdateTable').slice(updatesBefore);
  expect(sent.filter((b) => 'GlobalSecondaryIndexUpdates' in b)).toEqual([]);
  expect(sent).toEqual([{ TableName: name, DeletionProtectionEnabled: true }]);

  const after = await describe(dynamo, name);
  expect(after?.indexes.find((i) => i.name === 'gsi-server-instance')).toMatchObject({ status: 'ACTIVE', backfilling: false });
  expect(plan(desired, after, REGION).action).toBe('none');
});
