/**
 * The access patterns `verify` runs for each kind: the calls of Sentinel's stores (src/sentinel/),
 * on probe items shaped exactly as Sentinel writes them, in the order a session, request or event
 * lives: create, read, the store's update, one query per index with the store's key condition,
 * then delete. Where Sentinel's own request fails on every table (docs/sentinel-compatibility.md),
 * the check sends what the index serves instead and says so in its label.
 */
import type { ItemApi } from '../aws/types.js';
import type { KindName } from '../core/kinds.js';
import { breakGlassStore, type BreakGlassEvent } from '../sentinel/breakglass.js';
import { requestStore, type ApprovalRequest } from '../sentinel/requests.js';
import { sessionStore, type Session } from '../sentinel/sessions.js';
import type { QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { sleep } from '../core/duration.js';
import { putItem } from './lost-answers.js';
import { rateLimitChecks } from './ratelimit-checks.js';
import { Mismatch, type Check, type Probe } from './types.js';

/** Global secondary indexes are eventually consistent: a new item may take a moment to appear. */
const INDEX_WAIT_MS = 10_000;

/** Polls `input` until every id shows up (or fails with Mismatch naming the index). */
async function expectFound(api: ItemApi, input: QueryCommandInput, ids: string[], signal?: AbortSignal): Promise<void> {
  const until = Date.now() + INDEX_WAIT_MS;
  for (;;) {
    const out = await api.query(input, signal);
    const found = new Set((out.Items ?? []).map((i) => i.id?.S));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length === 0) return;
    if (Date.now() > until) throw new Mismatch(`${input.IndexName} did not return the probe item ${missing.join(', ')} within ${INDEX_WAIT_MS / 1000} s`);
    await sleep(500, signal);
  }
}

async function expectItem(api: ItemApi, input: Parameters<ItemApi['getItem']>[0], id: string, signal?: AbortSignal): Promise<void> {
  const out = await api.getItem(input, signal);
  if (out.Item?.id?.S !== id) throw new Mismatch(`GetItem did not return the probe item ${id}`);
}

function sessionChecks(p: Probe): Check[] {
  const base = { user: p.name, profile: p.name, serverInstanceId: `${p.prefix}srv`, status: 'active' as const, createdAt: p.now, updatedAt: p.now, expiresAt: p.expiresAt };
  // sentinel/server.go:284-296 sets no device; lambda/session.go:58 a 64-hex device id when the request has one.
  const serverMode: Session = { ...base, id: `${p.prefix}server-mode`, deviceId: '' };
  const lambda: Session = { ...base, id: `${p.prefix}lambda`, deviceId: 'a'.repeat(64) };
  const create = 'session.Create (server mode, no device)';
  const createLambda = 'session.Create (Lambda, with device)';
  const both = [create, createLambda];
  return [
    { method: create, action: 'PutItem', creates: [serverMode.id], run: (api, t, sig) => putItem(api, sessionStore.create(t, serverMode), sig) },
    { method: createLambda, action: 'PutItem', creates: [lambda.id], run: (api, t, sig) => putItem(api, sessionStore.create(t, lambda), sig) },
    { method: 'session.Get', action: 'GetItem', needs: [create], run: (api, t, sig) => expectItem(api, sessionStore.get(t, serverMode.id), serverMode.id, sig) },
    { method: 'session.Touch', action: 'UpdateItem', needs: [createLambda], run: (api, t, sig) => api.updateItem(sessionStore.touch(t, lambda.id, new Date()), sig) },
    { method: 'session.ListByUser (gsi-user)', action: 'Query', needs: both, run: (api, t, sig) => expectFound(api, sessionStore.listByUser(t, p.name), [serverMode.id, lambda.id], sig) },
    { method: 'session.ListByStatus (gsi-status)', action: 'Query', needs: both, run: (api, t, sig) => expectFound(api, sessionStore.listByStatus(t, 'active'), [serverMode.id, lambda.id], sig) },
    { method: 'session.ListByProfile (gsi-profile)', action: 'Query', needs: both, run: (api, t, sig) => expectFound(api, sessionStore.listByProfile(t, p.name), [serverMode.id, lambda.id], sig) },
    {
      // Sentinel filters on status, the index's sort key, which DynamoDB refuses on any table.
      method: 'session.FindActiveByServerInstance, status in the key condition (gsi-server-instance)',
      action: 'Query',
      needs: both,
      run: (api, t, sig) => expectFound(api, { ...sessionStore.activeByServerInstance(t, base.serverInstanceId), Limit: 10 }, [serverMode.id, lambda.id], sig),
    },
    // One page is enough to prove the call: Sentinel pages through the whole table.
    { method: 'session.ListByTimeRange (Scan)', action: 'Scan', run: (api, t, sig) => api.scan({ ...sessionStore.listByTimeRange(t, p.now, p.expiresAt), Limit: 25 }, sig) },
    { method: 'session.GetBySourceIdentity (Scan)', action: 'Scan', run: (api, t, sig) => api.scan(sessionStore.getBySourceIdentity(t, p.name), sig) },
    {
      method: 'session.Update (server mode, no device)',
      action: 'PutItem',
      needs: [create],
      run: (api, t, sig) => putItem(api, sessionStore.update(t, { ...serverMode, status: 'revoked', updatedAt: new Date() }, serverMode.updatedAt), sig),
    },
  ];
}

function requestChecks(p: Probe): Check[] {
  // cli/request.go:153-164: a pending request, approver fields "" until someone acts.
  const request: ApprovalRequest = {
    id: `${p.prefix}request`,
    requester: p.name,
    profile: p.name,
    justification: 'sentinel-init verify: a probe request, deleted at once',
    durationNs: 3_600_000_000_000n,
    status: 'pending',
    createdAt: p.now,
    updatedAt: p.now,
    expiresAt: p.expiresAt,
    approver: '',
    approverComment: '',
  };
  const create = 'request.Create';
  const found = (api: ItemApi, input: QueryCommandInput, sig?: AbortSignal) => expectFound(api, input, [request.id], sig);
  return [
    { method: create, action: 'PutItem', creates: [request.id], run: (api, t, sig) => putItem(api, requestStore.create(t, request), sig) },
    { method: 'request.Get', action: 'GetItem', needs: [create], run: (api, t, sig) => expectItem(api, requestStore.get(t, request.id), request.id, sig) },
    { method: 'request.ListByRequester (gsi-requester)', action: 'Query', needs: [create], run: (api, t, sig) => found(api, requestStore.listByRequester(t, p.name), sig) },
    { method: 'request.ListByStatus (gsi-status)', action: 'Query', needs: [create], run: (api, t, sig) => found(api, requestStore.listByStatus(t, 'pending'), sig) },
    { method: 'request.ListByProfile (gsi-profile)', action: 'Query', needs: [create], run: (api, t, sig) => found(api, requestStore.listByProfile(t, p.name), sig) },
    {
      method: 'request.Update (approve)',
      action: 'PutItem',
      needs: [create],
      run: (api, t, sig) => putItem(api, requestStore.update(t, { ...request, status: 'approved', approver: p.name, updatedAt: new Date() }, request.updatedAt), sig),
    },
  ];
}

function breakGlassChecks(p: Probe): Check[] {
  // cli/breakglass.go:331-357: an active event, closed_by and closed_reason "" until closed.
  const event: BreakGlassEvent = {
    id: `${p.prefix}event`,
    invoker: p.name,
    profile: p.name,
    reasonCode: 'other',
    justification: 'sentinel-init verify: a probe event, deleted at once',
    durationNs: 3_600_000_000_000n,
    status: 'active',
    createdAt: p.now,
    updatedAt: p.now,
    expiresAt: p.expiresAt,
    closedBy: '',
    closedReason: '',
    requestId: `${p.prefix}request`,
  };
  const create = 'breakglass.Create';
  const found = (api: ItemApi, input: QueryCommandInput, sig?: AbortSignal) => expectFound(api, input, [event.id], sig);
  const since = new Date(p.now.getTime() - 60_000);
  return [
    { method: create, action: 'PutItem', creates: [event.id], run: (api, t, sig) => putItem(api, breakGlassStore.create(t, event), sig) },
    { method: 'breakglass.Get', action: 'GetItem', needs: [create], run: (api, t, sig) => expectItem(api, breakGlassStore.get(t, event.id), event.id, sig) },
    { method: 'breakglass.ListByInvoker (gsi-invoker)', action: 'Query', needs: [create], run: (api, t, sig) => found(api, breakGlassStore.listByInvoker(t, p.name), sig) },
    { method: 'breakglass.ListByStatus (gsi-status)', action: 'Query', needs: [create], run: (api, t, sig) => found(api, breakGlassStore.listByStatus(t, 'active'), sig) },
    { method: 'breakglass.ListByProfile (gsi-profile)', action: 'Query', needs: [create], run: (api, t, sig) => found(api, breakGlassStore.listByProfile(t, p.name), sig) },
    {
      method: 'breakglass.FindActiveByInvokerAndProfile (gsi-invoker)',
      action: 'Query',
      needs: [create],
      run: (api, t, sig) => found(api, breakGlassStore.findActiveByInvokerAndProfile(t, p.name, p.name), sig),
    },
    {
      method: 'breakglass.GetLastByInvokerAndProfile (gsi-invoker)',
      action: 'Query',
      needs: [create],
      run: (api, t, sig) => found(api, breakGlassStore.getLastByInvokerAndProfile(t, p.name, p.name), sig),
    },
    {
      // Sentinel filters on created_at, the index's sort key, which DynamoDB refuses on any table.
      method: 'breakglass.CountByInvokerSince, created_at in the key condition (gsi-invoker)',
      action: 'Query',
      needs: [create],
      run: async (api, t, sig) => {
        const out = await api.query(breakGlassStore.countSinceByKey(t, 'gsi-invoker', p.name, since), sig);
        if ((out.Count ?? 0) < 1) throw new Mismatch('gsi-invoker counted no probe event');
      },
    },
    {
      method: 'breakglass.Update (close)',
      action: 'PutItem',
      needs: [create],
      run: (api, t, sig) => putItem(api, breakGlassStore.update(t, { ...event, status: 'closed', closedBy: p.name, closedReason: 'verify', updatedAt: new Date() }, event.updatedAt), sig),
    },
  ];
}

/** The checks for a kind, in order; the probe items' deletion follows them (see run.ts). */
export function checksFor(kind: KindName, probe: Probe): Check[] {
  switch (kind) {
    case 'sessions':
      return sessionChecks(probe);
    case 'approvals':
      return requestChecks(probe);
    case 'breakglass':
      return breakGlassChecks(probe);
    case 'ratelimit':
      return rateLimitChecks(probe);
  }
}

/** The label of the cleanup's line per kind: the store's Delete, where the store has one. */
export const CLEANUP_METHOD: Record<KindName, string> = {
  sessions: 'session.Delete',
  approvals: 'request.Delete',
  breakglass: 'breakglass.Delete',
  // The limiter never deletes (its TTL expires counters): this DeleteItem is verify's own.
  ratelimit: 'cleanup (the limiter itself never deletes)',
};
