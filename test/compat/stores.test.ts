/**
 * Sentinel's stores on our tables and on Sentinel's own, on DynamoDB Local. Every write and query of
 * session/, request/ and breakglass/dynamodb.go (b6142c9e), and both updates of the rate limiter
 * (ratelimit/dynamodb.go), is sent exactly as Go sends it
 * (src/sentinel/ holds the requests, each naming its Go method and lines), with items shaped as
 * Sentinel writes them, empty strings included. Each table's outcomes are compared with a table made
 * by Sentinel's provisioner: what works there must work on ours, and the known Sentinel bugs fail
 * the same way on both (docs/sentinel-compatibility.md).
 */
import {
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type DynamoDBClient,
  type QueryCommandInput,
  type ScanCommandInput,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KindName } from '../../src/core/kinds.js';
import { apply, desiredTable, plan } from '../../src/engine/index.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { breakGlassStore, type BreakGlassEvent } from '../../src/sentinel/breakglass.js';
import { rateLimiter } from '../../src/sentinel/ratelimit.js';
import { requestStore, type ApprovalRequest } from '../../src/sentinel/requests.js';
import { sessionStore, type Session } from '../../src/sentinel/sessions.js';
import { api, rawClient, REGION } from '../engine/support.js';
import { createSentinelTable, createV010SessionsTable } from './sentinel-schema.js';

let local: DynamoDbLocal;
let raw: DynamoDBClient;

beforeAll(async () => {
  local = await startDynamoDbLocal();
  raw = rawClient(local.endpoint);
});
afterAll(async () => {
  raw?.destroy();
  await local?.stop();
});

/** A table the tool makes: plan from nothing, apply, as `sentinel-init KIND --yes` does. */
async function ourTable(kind: KindName, name: string): Promise<void> {
  const dynamo = await api(local.endpoint);
  await apply(plan(desiredTable(kind, name, false), undefined, REGION), dynamo);
}

/** "ok", or the error's name and message: what Sentinel's store would see. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

const minutes = (n: number, from = Date.now()) => new Date(from + n * 60_000);

/** Every item a paginated Scan returns (what a Scan without Limit would eventually see). */
async function scanAll(input: ScanCommandInput) {
  const items = [];
  let start: ScanCommandInput['ExclusiveStartKey'];
  do {
    const page = await raw.send(new ScanCommand({ ...input, Limit: undefined, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

describe('sessions (session/dynamodb.go)', () => {
  const t0 = Date.now() - 60_000;
  // lambda/session.go:28-78: a Lambda session; server mode (sentinel/server.go:284-296) has no device.
  const serverMode: Session = { id: 'a1b2c3d4e5f60001', user: 'alice', profile: 'prod', serverInstanceId: '9f8e7d6c', status: 'active', deviceId: '', createdAt: minutes(0, t0), updatedAt: minutes(0, t0), expiresAt: minutes(15, t0) };
  const withDevice: Session = { ...serverMode, id: 'a1b2c3d4e5f60002', deviceId: '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8', createdAt: minutes(1, t0), updatedAt: minutes(1, t0) };

  /** Runs every store call on `table`; returns each outcome by Go method. */
  async function sessionOutcomes(table: string): Promise<Record<string, string>> {
    const o: Record<string, string> = {};
    o['Create (server mode, device_id "")'] = await outcome(raw.send(new PutItemCommand(sessionStore.create(table, serverMode))));
    o['Create (Lambda, with device)'] = await outcome(raw.send(new PutItemCommand(sessionStore.create(table, withDevice))));
    o['Create (same id again)'] = await outcome(raw.send(new PutItemCommand(sessionStore.create(table, serverMode))));
    const got = await raw.send(new GetItemCommand(sessionStore.get(table, serverMode.id)));
    o.Get = got.Item ? `ok: device_id ${JSON.stringify(got.Item.device_id)}` : 'not found';
    o.Touch = await outcome(raw.send(new UpdateItemCommand(sessionStore.touch(table, withDevice.id, minutes(2, t0)))));
    // Update with the updated_at the caller read (as server shutdown would): the lock holds.
    const touched = { ...serverMode, status: 'expired' as const, updatedAt: minutes(3, t0) };
    o['Update (server mode)'] = await outcome(raw.send(new PutItemCommand(sessionStore.update(table, touched, serverMode.updatedAt))));
    // session/revoke.go:86-93: Revoke sets UpdatedAt itself before Update, which then locks on that new value.
    const revokeNow = minutes(4, t0);
    o['Revoke (as Sentinel calls Update)'] = await outcome(raw.send(new PutItemCommand(sessionStore.update(table, { ...withDevice, status: 'revoked', updatedAt: revokeNow }, revokeNow))));
    const ids = async (input: QueryCommandInput) => {
      const out = await raw.send(new QueryCommand(input));
      return `ok: ${(out.Items ?? []).map((i) => i.id?.S).join(',')}`;
    };
    o.ListByUser = await ids(sessionStore.listByUser(table, 'alice')).catch((e: Error) => `${e.name}: ${e.message}`);
    o.ListByStatus = await ids(sessionStore.listByStatus(table, 'active')).catch((e: Error) => `${e.name}: ${e.message}`);
    o.ListByProfile = await ids(sessionStore.listByProfile(table, 'prod')).catch((e: Error) => `${e.name}: ${e.message}`);
    o.ListByDeviceID = await ids(sessionStore.listByDeviceId(table, withDevice.deviceId)).catch((e: Error) => `${e.name}: ${e.message}`);
    o.FindActiveByServerInstance = await outcome(raw.send(new QueryCommand(sessionStore.findActiveByServerInstance(table, '9f8e7d6c'))));
    o['gsi-server-instance with status in the key condition'] = await ids({ ...sessionStore.activeByServerInstance(table, '9f8e7d6c'), ScanIndexForward: false, Limit: 100 }).catch((e: Error) => `${e.name}: ${e.message}`);
    const scanned = await scanAll(sessionStore.listByTimeRange(table, minutes(-5, t0), minutes(5, t0)));
    o.ListByTimeRange = `ok: ${scanned.map((i) => i.id?.S).sort().join(',')}`;
    o.Delete = await outcome(raw.send(new DeleteItemCommand(sessionStore.delete(table, withDevice.id))));
    return o;
  }

  it('every store call on our table has the outcome it has on Sentinel\'s own', async () => {
    await ourTable('sessions', 'our-sessions');
    await createSentinelTable(raw, 'sessions', 'their-sessions');
    const ours = await sessionOutcomes('our-sessions');
    const theirs = await sessionOutcomes('their-sessions');
    expect(ours).toEqual(theirs);
    expect(ours).toEqual({
      'Create (server mode, device_id "")': 'ok',
      'Create (Lambda, with device)': 'ok',
      'Create (same id again)': 'ConditionalCheckFailedException: The conditional request failed',
      Get: 'ok: device_id {"S":""}',
      Touch: 'ok',
      'Update (server mode)': 'ok',
      'Revoke (as Sentinel calls Update)': 'ConditionalCheckFailedException: The conditional request failed',
      // Newest first by created_at: the Lambda session was created a minute later.
      ListByUser: 'ok: a1b2c3d4e5f60002,a1b2c3d4e5f60001',
      ListByStatus: 'ok: a1b2c3d4e5f60002',
      ListByProfile: 'ok: a1b2c3d4e5f60002,a1b2c3d4e5f60001',
      ListByDeviceID: 'ValidationException: The table does not have the specified index: gsi-device-id',
      FindActiveByServerInstance: expect.stringMatching(/^ValidationException: Filter Expression can only contain non-primary key attributes: Primary key attribute: status$/),
      'gsi-server-instance with status in the key condition': 'ok: a1b2c3d4e5f60002',
      ListByTimeRange: 'ok: a1b2c3d4e5f60001,a1b2c3d4e5f60002',
      Delete: 'ok',
    });
  });

  it('GetBySourceIdentity: Limit 1 is applied before the filter, so it misses an item a full scan finds', async () => {
    const table = 'our-sessions-sid';
    await ourTable('sessions', table);
    for (let n = 0; n < 8; n++) {
      await raw.send(new PutItemCommand(sessionStore.create(table, { ...serverMode, id: `b1b2c3d4e5f6000${n}` })));
    }
    // Give the source identity to an item that is not the first one a scan evaluates.
    const first = (await raw.send(new ScanCommand({ TableName: table, Limit: 1 }))).Items?.[0]?.id?.S;
    const target = [...Array(8).keys()].map((n) => `b1b2c3d4e5f6000${n}`).find((id) => id !== first) as string;
    await raw.send(
      new UpdateItemCommand({ TableName: table, Key: { id: { S: target } }, UpdateExpression: 'SET source_identity = :s', ExpressionAttributeValues: { ':s': { S: 'sentinel:alice:abc' } } }),
    );
    const sentinel = await raw.send(new ScanCommand(sessionStore.getBySourceIdentity(table, 'sentinel:alice:abc')));
    expect(sentinel.Items).toEqual([]);
    expect(sentinel.LastEvaluatedKey).toBeDefined();
    expect((await scanAll(sessionStore.getBySourceIdentity(table, 'sentinel:alice:abc'))).map((i) => i.id?.S)).toEqual([target]);
  });

  it('a sessions table made by sentinel-init 0.1.0 (gsi-device-id) rejects the server-mode write, which ours accepts', async () => {
    await createV010SessionsTable(raw, 'v010-sessions');
    const rejected = await outcome(raw.send(new PutItemCommand(sessionStore.create('v010-sessions', serverMode))));
    expect(rejected).toBe(
      'ValidationException: One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: gsi-device-id, IndexKey: device_id',
    );
    expect(await outcome(raw.send(new PutItemCommand(sessionStore.create('v010-sessions', withDevice))))).toBe('ok');
    // Update rewrites the whole item: a session whose device is cleared cannot be saved either.
    const cleared = await outcome(raw.send(new PutItemCommand(sessionStore.update('v010-sessions', { ...withDevice, deviceId: '', updatedAt: minutes(5, t0) }, withDevice.updatedAt))));
    expect(cleared).toMatch(/cannot contain an empty string value\. IndexName: gsi-device-id/);
  });
});

describe('approval requests (request/dynamodb.go)', () => {
  const t0 = Date.now() - 60_000;
  // cli/request.go:153-164: a pending request; approver fields are "" until someone acts.
  const pending: ApprovalRequest = {
    id: '8c2f4e6a1b3d5f70',
    requester: 'alice',
    profile: 'prod',
    justification: 'Investigate failed deploy INC-1234',
    durationNs: 3_600_000_000_000n,
    status: 'pending',
    createdAt: minutes(0, t0),
    updatedAt: minutes(0, t0),
    expiresAt: minutes(24 * 60, t0),
    approver: '',
    approverComment: '',
  };

  async function requestOutcomes(table: string): Promise<Record<string, string>> {
    const o: Record<string, string> = {};
    o.Create = await outcome(raw.send(new PutItemCommand(requestStore.create(table, pending))));
    o['Create (same id again)'] = await outcome(raw.send(new PutItemCommand(requestStore.create(table, pending))));
    const got = await raw.send(new GetItemCommand(requestStore.get(table, pending.id)));
    o.Get = got.Item ? `ok: approver ${JSON.stringify(got.Item.approver)}` : 'not found';
    // cli/approve.go:138-174: Get, then Update with status, approver and comment ("" allowed).
    o['Update (approve)'] = await outcome(raw.send(new PutItemCommand(requestStore.update(table, { ...pending, status: 'approved', approver: 'bob', updatedAt: minutes(1, t0) }, pending.updatedAt))));
    const list = async (input: QueryCommandInput) => {
      const out = await raw.send(new QueryCommand(input));
      return `ok: ${(out.Items ?? []).map((i) => `${i.id?.S}/${i.status?.S}`).join(',')}`;
    };
    o.ListByRequester = await list(requestStore.listByRequester(table, 'alice'));
    o.ListByStatus = await list(requestStore.listByStatus(table, 'approved'));
    o.ListByProfile = await list(requestStore.listByProfile(table, 'prod'));
    o.Delete = await outcome(raw.send(new DeleteItemCommand(requestStore.delete(table, pending.id))));
    return o;
  }

  it('every store call on our table has the outcome it has on Sentinel\'s own', async () => {
    await ourTable('approvals', 'our-requests');
    await createSentinelTable(raw, 'approvals', 'their-requests');
    const ours = await requestOutcomes('our-requests');
    expect(ours).toEqual(await requestOutcomes('their-requests'));
    expect(ours).toEqual({
      Create: 'ok',
      'Create (same id again)': 'ConditionalCheckFailedException: The conditional request failed',
      Get: 'ok: approver {"S":""}',
      'Update (approve)': 'ok',
      ListByRequester: 'ok: 8c2f4e6a1b3d5f70/approved',
      ListByStatus: 'ok: 8c2f4e6a1b3d5f70/approved',
      ListByProfile: 'ok: 8c2f4e6a1b3d5f70/approved',
      Delete: 'ok',
    });
  });
});

describe('break-glass events (breakglass/dynamodb.go)', () => {
  // Ten minutes ago: events expire an hour after they start, and DynamoDB Local does delete expired items.
  const t0 = Date.now() - 10 * 60_000;
  // cli/breakglass.go:331-357: an active event; closed_by and closed_reason are "" until closed.
  const event = (id: string, profile: string, at: number, status: BreakGlassEvent['status'] = 'active'): BreakGlassEvent => ({
    id,
    invoker: 'alice',
    profile,
    reasonCode: 'incident',
    justification: 'Production outage INC-1234, rolling back the deploy',
    durationNs: 3_600_000_000_000n,
    status,
    createdAt: minutes(at, t0),
    updatedAt: minutes(at, t0),
    expiresAt: minutes(at + 60, t0),
    closedBy: '',
    closedReason: '',
    requestId: '0a1b2c3d4e5f6071',
  });
  const older = event('d41d8cd98f00b204', 'prod', 0);
  const newer = event('d41d8cd98f00b205', 'staging', 5);

  async function breakGlassOutcomes(table: string): Promise<Record<string, string>> {
    const o: Record<string, string> = {};
    o['Create (prod)'] = await outcome(raw.send(new PutItemCommand(breakGlassStore.create(table, older))));
    o['Create (staging, later)'] = await outcome(raw.send(new PutItemCommand(breakGlassStore.create(table, newer))));
    const got = await raw.send(new GetItemCommand(breakGlassStore.get(table, older.id)));
    o.Get = got.Item ? `ok: closed_by ${JSON.stringify(got.Item.closed_by)}` : 'not found';
    // cli/breakglass_close.go:135-158: Get, then Update to closed.
    o['Update (close staging)'] = await outcome(
      raw.send(new PutItemCommand(breakGlassStore.update(table, { ...newer, status: 'closed', closedBy: 'alice', closedReason: 'done', updatedAt: minutes(6, t0) }, newer.updatedAt))),
    );
    const list = async (input: QueryCommandInput) => {
      const out = await raw.send(new QueryCommand(input));
      return `ok: ${(out.Items ?? []).map((i) => `${i.profile?.S}/${i.status?.S}`).join(',')}${out.Count !== undefined && input.Select === 'COUNT' ? `count ${out.Count}` : ''}`;
    };
    const attempt = (input: QueryCommandInput) => list(input).catch((e: Error) => `${e.name}: ${e.message}`);
    o.ListByInvoker = await attempt(breakGlassStore.listByInvoker(table, 'alice'));
    o.ListByStatus = await attempt(breakGlassStore.listByStatus(table, 'active'));
    o.ListByProfile = await attempt(breakGlassStore.listByProfile(table, 'prod'));
    // The newest event of alice is for staging: Limit 1 evaluates only it, so the active prod event is missed.
    o.FindActiveByInvokerAndProfile = await attempt(breakGlassStore.findActiveByInvokerAndProfile(table, 'alice', 'prod'));
    o['FindActiveByInvokerAndProfile without Limit'] = await attempt({ ...breakGlassStore.findActiveByInvokerAndProfile(table, 'alice', 'prod'), Limit: undefined });
    o.GetLastByInvokerAndProfile = await attempt(breakGlassStore.getLastByInvokerAndProfile(table, 'alice', 'prod'));
    o.CountByInvokerSince = await attempt(breakGlassStore.countSince(table, 'gsi-invoker', 'alice', minutes(-1, t0)));
    o.CountByProfileSince = await attempt(breakGlassStore.countSince(table, 'gsi-profile', 'prod', minutes(-1, t0)));
    o['count with created_at in the key condition'] = await attempt(breakGlassStore.countSinceByKey(table, 'gsi-invoker', 'alice', minutes(-1, t0)));
    o.Delete = await outcome(raw.send(new DeleteItemCommand(breakGlassStore.delete(table, newer.id))));
    return o;
  }

  it('every store call on our table has the outcome it has on Sentinel\'s own', async () => {
    await ourTable('breakglass', 'our-breakglass');
    await createSentinelTable(raw, 'breakglass', 'their-breakglass');
    const ours = await breakGlassOutcomes('our-breakglass');
    expect(ours).toEqual(await breakGlassOutcomes('their-breakglass'));
    const keyFilter = /^ValidationException: Filter Expression can only contain non-primary key attributes: Primary key attribute: created_at$/;
    expect(ours).toEqual({
      'Create (prod)': 'ok',
      'Create (staging, later)': 'ok',
      Get: 'ok: closed_by {"S":""}',
      'Update (close staging)': 'ok',
      ListByInvoker: 'ok: staging/closed,prod/active',
      ListByStatus: 'ok: prod/active',
      ListByProfile: 'ok: prod/active',
      FindActiveByInvokerAndProfile: 'ok: ',
      'FindActiveByInvokerAndProfile without Limit': 'ok: prod/active',
      GetLastByInvokerAndProfile: 'ok: ',
      CountByInvokerSince: expect.stringMatching(keyFilter),
      CountByProfileSince: expect.stringMatching(keyFilter),
      'count with created_at in the key condition': 'ok: count 2',
      Delete: 'ok',
    });
  });
});

describe('rate limiter (ratelimit/dynamodb.go)', () => {
  // The Lambda limits by the caller's user ARN (lambda/handler.go:79) with the default 60 s window.
  const caller = 'arn:aws:iam::123456789012:user/alice';
  const now = new Date();
  const next = new Date(now.getTime() + 60_000);
  /** The minute `at` falls in, as the limiter writes it (RFC 3339, seconds, UTC), and its TTL: window end + 1 h. */
  const minuteOf = (at: Date) => {
    const start = Math.floor(at.getTime() / 60_000) * 60_000;
    return { WindowStart: { S: new Date(start).toISOString().replace('.000Z', 'Z') }, TTL: { N: String(start / 1000 + 60 + 3600) } };
  };

  /** Both paths of Allow, as the Lambda runs them: increments in one window, then a request in the next. */
  async function limiterOutcomes(table: string): Promise<Record<string, string>> {
    const o: Record<string, string> = {};
    const counted = async (input: UpdateItemCommandInput) => {
      try {
        const out = await raw.send(new UpdateItemCommand(input));
        return `ok: Count ${out.Attributes?.Count?.N}`;
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    o['Allow (first request)'] = await counted(rateLimiter.allow(table, caller, now));
    o['Allow (same window)'] = await counted(rateLimiter.allow(table, caller, now));
    o['Allow (next window)'] = await counted(rateLimiter.allow(table, caller, next));
    o['resetAndIncrement (next window)'] = await counted(rateLimiter.resetAndIncrement(table, caller, next));
    o['Allow (after the reset)'] = await counted(rateLimiter.allow(table, caller, next));
    return o;
  }

  it('both paths work on our table as on a table keyed as Sentinel documents it, and leave the item Sentinel expects', async () => {
    await ourTable('ratelimit', 'our-ratelimit');
    // Sentinel provisions nothing for this table; lambda/config.go:66-68 says: PK (string) partition key, TTL attribute "TTL".
    await raw.send(new CreateTableCommand({ TableName: 'their-ratelimit', KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }));
    const ours = await limiterOutcomes('our-ratelimit');
    expect(ours).toEqual(await limiterOutcomes('their-ratelimit'));
    expect(ours).toEqual({
      'Allow (first request)': 'ok: Count 1',
      'Allow (same window)': 'ok: Count 2',
      // ratelimit/dynamodb.go:94-98: this failure is how the limiter sees the window roll over.
      'Allow (next window)': 'ConditionalCheckFailedException: The conditional request failed',
      'resetAndIncrement (next window)': 'ok: Count 1',
      'Allow (after the reset)': 'ok: Count 2',
    });
    const item = await raw.send(new GetItemCommand({ TableName: 'our-ratelimit', Key: { PK: { S: `RL#${caller}` } } }));
    expect(item.Item).toEqual({ PK: { S: `RL#${caller}` }, Count: { N: '2' }, ...minuteOf(next) });
    expect((await raw.send(new DescribeTimeToLiveCommand({ TableName: 'our-ratelimit' }))).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'TTL' });
  });

  it('on a table keyed like the other kinds (id), every update fails, which the limiter treats as "allow"', async () => {
    await ourTable('approvals', 'id-keyed-ratelimit');
    const outcomes = await limiterOutcomes('id-keyed-ratelimit');
    // ratelimit/dynamodb.go:99-101 and lambda/handler.go:80-83: any error but ConditionalCheckFailed fails open.
    expect(new Set(Object.values(outcomes))).toEqual(new Set(['ValidationException: One of the required keys was not given a value']));
  });
});
