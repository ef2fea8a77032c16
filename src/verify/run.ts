/**
 * `verify`: runs Sentinel's access patterns (patterns.ts) on a live table and reports one result per
 * pattern. Probe items live under one random id prefix, carry a ttl minutes ahead, and are deleted at
 * the end with a condition on that prefix, so nothing else in the table is ever touched.
 */
import { randomBytes } from 'node:crypto';
import type { ItemApi } from '../aws/types.js';
import { Interrupted } from '../core/errors.js';
import { KINDS, type KindName } from '../core/kinds.js';
import { s } from '../sentinel/source.js';
import { checksFor, CLEANUP } from './patterns.js';
import { Mismatch, type CheckResult, type Probe, type VerifyReport } from './types.js';

/** How long probe items would live if cleanup never ran. */
const PROBE_TTL_MS = 5 * 60_000;

export function newProbe(now = new Date()): Probe {
  return { prefix: `sentinel-init-probe-${randomBytes(4).toString('hex')}-`, name: 'sentinel-init-probe', now, expiresAt: new Date(now.getTime() + PROBE_TTL_MS) };
}

/** "denied" with who lacks which action, from AWS's AccessDeniedException text; undefined for other errors. */
export function deniedDetail(error: unknown): string | undefined {
  const e = error as { name?: string; message?: string };
  if (e?.name !== 'AccessDeniedException') return undefined;
  const m = /User: (\S+) is not authorized to perform: (\S+) on resource: (\S+)/.exec(e.message ?? '');
  return m ? `${m[1]} may not call ${m[2]} on ${m[3]}` : `not allowed: ${e.message ?? 'AccessDeniedException'}`;
}

/** Errors that are about reaching AWS at all (network, credentials, abort): they end the run instead of failing one check. */
export type FatalTest = (error: unknown) => boolean;

function classify(error: unknown): Pick<CheckResult, 'outcome' | 'detail'> {
  const denied = deniedDetail(error);
  if (denied) return { outcome: 'denied', detail: denied };
  if (error instanceof Mismatch) return { outcome: 'fail', detail: error.message };
  const e = error as { name?: string; message?: string };
  return { outcome: 'fail', detail: `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}` };
}

export interface VerifyOptions {
  signal?: AbortSignal;
  /** Errors that end the run (rethrown) instead of failing a check: unreachable endpoint, bad credentials. */
  isFatal?: FatalTest;
  probe?: Probe;
  onResult?: (result: CheckResult) => void;
}

/** Runs every check for the kind, then deletes the probe items; returns the report. */
export async function verifyTable(kind: KindName, table: string, region: string, api: ItemApi, options: VerifyOptions = {}): Promise<VerifyReport> {
  const probe = options.probe ?? newProbe();
  const results: CheckResult[] = [];
  const created: string[] = [];
  let probesLeft: string[] = [];
  const report = (result: CheckResult) => {
    results.push(result);
    options.onResult?.(result);
  };
  try {
    for (const check of checksFor(kind, probe)) {
      const missing = (check.needs ?? []).find((m) => results.find((r) => r.method === m)?.outcome !== 'pass');
      if (missing) {
        report({ method: check.method, action: check.action, outcome: 'skipped', detail: `needs ${missing}` });
        continue;
      }
      try {
        await check.run(api, table, options.signal);
        created.push(...(check.creates ?? []));
        report({ method: check.method, action: check.action, outcome: 'pass' });
      } catch (error) {
        if (options.signal?.aborted || options.isFatal?.(error)) throw error;
        report({ method: check.method, action: check.action, ...classify(error) });
      }
    }
  } finally {
    // Cleanup runs even after Ctrl-C or a fatal error: without the run's signal, so it is not cut short.
    const left = await deleteProbes(api, table, KINDS[kind].partitionKey, CLEANUP[kind].keyPrefix(probe), created);
    if (!options.signal?.aborted) {
      const failed = left.find((l) => l.error);
      report(
        created.length === 0
          ? { method: CLEANUP[kind].method, action: 'DeleteItem', outcome: 'skipped', detail: 'no probe item was created' }
          : failed
            ? { method: CLEANUP[kind].method, action: 'DeleteItem', ...classify(failed.error) }
            : { method: CLEANUP[kind].method, action: 'DeleteItem', outcome: 'pass' },
      );
    }
    probesLeft = left.filter((l) => l.error).map((l) => l.id);
    if (options.signal?.aborted) {
      // Replaces the abort error on purpose: the interruption, with what cleanup did, is the answer.
      throw new Interrupted(`Stopped while verifying. ${probesLeft.length > 0 ? `Probe items left, which their ttl expires: ${probesLeft.join(', ')}.` : 'Its probe items were deleted.'}`);
    }
  }
  return { kind, table, region, passed: results.every((r) => r.outcome === 'pass'), checks: results, probesLeft };
}

/**
 * Deletes each probe item by the kind's partition key (`id`, or the limiter's `PK`), only if its key
 * starts with the run's probe prefix; returns each deletion's error, if any.
 */
async function deleteProbes(api: ItemApi, table: string, keyAttribute: string, keyPrefix: string, ids: string[]): Promise<{ id: string; error?: unknown }[]> {
  const out: { id: string; error?: unknown }[] = [];
  for (const id of ids) {
    try {
      await api.deleteItem({
        TableName: table,
        Key: { [keyAttribute]: s(id) },
        ConditionExpression: 'begins_with(#key, :probe)',
        ExpressionAttributeNames: { '#key': keyAttribute },
        ExpressionAttributeValues: { ':probe': s(keyPrefix) },
      });
      out.push({ id });
    } catch (error) {
      out.push({ id, error });
    }
  }
  return out;
}
