/**
 * `verify`: runs Sentinel's access patterns (patterns.ts) on a live table and reports one result per
 * pattern. Probe items live under the probe prefix (probes.ts) and one random id per run, carry a ttl
 * minutes ahead, and are deleted at the end with a condition on that prefix, so nothing else in the
 * table is ever touched.
 */
import { randomBytes } from 'node:crypto';
import type { ItemApi } from '../aws/types.js';
import { Interrupted } from '../core/errors.js';
import type { KindName } from '../core/kinds.js';
import { probesSentence } from './format.js';
import { attemptsOf } from './lost-answers.js';
import { checksFor, CLEANUP_METHOD } from './patterns.js';
import { PROBE_PREFIX, removeProbes, type Removal } from './probes.js';
import { Mismatch, ProbesAfterError, type CheckResult, type Probe, type VerifyReport } from './types.js';

/**
 * How long removing the probe items may take. Within GRACE_MS (src/cli/signals.ts, 5 s), so a run
 * stopped by a signal still removes them, or names what it could not, before the process is ended.
 */
export const CLEANUP_MS = 3_500;

/** How long probe items would live if cleanup never ran. */
const PROBE_TTL_MS = 5 * 60_000;

export function newProbe(now = new Date()): Probe {
  return { prefix: `${PROBE_PREFIX}${randomBytes(4).toString('hex')}-`, name: 'sentinel-init-probe', now, expiresAt: new Date(now.getTime() + PROBE_TTL_MS) };
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
  /** The command that removes probe items a run leaves (`verify KIND --clean` with the same target). */
  cleanCommand: string;
  /** The probe items that may exist right now, each time that changes: what a stop this instant would leave. */
  onProbes?: (ids: readonly string[]) => void;
}

/** A write DynamoDB answered with a refusal on its only attempt: it was not applied, so it made no item. */
const refused = (error: unknown) => (error as { $fault?: string })?.$fault === 'client' && attemptsOf(error) === 1;

/**
 * Runs every check for the kind, then removes the probe items; returns the report. A probe is
 * recorded before its write is sent, so whatever ends the run (a check's failure, an unreachable
 * endpoint, a stop) finds every item that may exist; the removal is bounded by CLEANUP_MS.
 */
export async function verifyTable(kind: KindName, table: string, region: string, api: ItemApi, options: VerifyOptions): Promise<VerifyReport> {
  const probe = options.probe ?? newProbe();
  const results: CheckResult[] = [];
  const report = (result: CheckResult) => {
    results.push(result);
    options.onResult?.(result);
  };
  // Probe ids a write was sent for; cleared only by a refusal or by the removal at the end.
  const sent = new Set<string>();
  const told = () => options.onProbes?.([...sent]);
  // Writes in flight when the run was stopped: one the removal finds absent may still land.
  let inFlight: string[] = [];
  let stop: unknown;
  try {
    for (const check of checksFor(kind, probe)) {
      const missing = (check.needs ?? []).find((m) => results.find((r) => r.method === m)?.outcome !== 'pass');
      if (missing) {
        report({ method: check.method, action: check.action, outcome: 'skipped', detail: `needs ${missing}` });
        continue;
      }
      const creates = (check.creates ?? []).filter((id) => !sent.has(id));
      creates.forEach((id) => sent.add(id));
      told();
      try {
        await check.run(api, table, options.signal);
        report({ method: check.method, action: check.action, outcome: 'pass' });
      } catch (error) {
        if (options.signal?.aborted) inFlight = creates;
        if (options.signal?.aborted || options.isFatal?.(error)) throw error;
        if (refused(error)) creates.forEach((id) => sent.delete(id));
        told();
        report({ method: check.method, action: check.action, ...classify(error) });
      }
    }
  } catch (error) {
    stop = error;
  }
  // Not the run's signal: the removal goes on after a stop, within its own bound.
  const removals = await removeProbes(api, table, kind, [...sent], AbortSignal.timeout(CLEANUP_MS));
  const left = removals.filter((r) => r.outcome === 'left' || (r.outcome === 'absent' && inFlight.includes(r.id))).map((r) => r.id);
  options.onProbes?.(left);
  const cleanCommand = left.length > 0 ? { cleanCommand: options.cleanCommand } : {};
  if (options.signal?.aborted) {
    // Replaces the abort error on purpose: the stop, with what became of the probes, is the answer.
    throw new Interrupted(`Stopped while verifying table ${table}. ${probesSentence('it', left, options.cleanCommand)}`);
  }
  if (stop !== undefined) throw new ProbesAfterError(stop, probesSentence(`table ${table}`, left, options.cleanCommand));
  report(cleanupResult(kind, removals, left));
  return { kind, table, region, passed: results.every((r) => r.outcome === 'pass'), checks: results, probesLeft: left, ...cleanCommand };
}

/** The cleanup's line: skipped when no write of a probe item was sent, else whether every one is gone. */
function cleanupResult(kind: KindName, removals: readonly Removal[], left: readonly string[]): CheckResult {
  const line = { method: CLEANUP_METHOD[kind], action: 'DeleteItem' as const };
  const failed = removals.find((r) => r.outcome === 'left');
  if (failed && failed.outcome === 'left') return { ...line, ...classify(failed.error) };
  if (left.length > 0) return { ...line, outcome: 'fail', detail: `not confirmed removed: ${left.join(', ')}` };
  if (removals.length === 0) return { ...line, outcome: 'skipped', detail: 'no probe item was written' };
  return { ...line, outcome: 'pass' };
}
