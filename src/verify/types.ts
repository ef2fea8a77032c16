/** What `verify` reports: one check per Sentinel access pattern. */
import type { ItemApi } from '../aws/types.js';
import type { KindName } from '../core/kinds.js';

export type ItemAction = 'PutItem' | 'GetItem' | 'UpdateItem' | 'DeleteItem' | 'Query' | 'Scan';

/** pass; fail: the table (or its data) made the call fail; denied: the caller lacks the permission; skipped: an earlier check it needs failed. */
export type Outcome = 'pass' | 'fail' | 'denied' | 'skipped';

export interface CheckResult {
  /** The Sentinel method it stands for, e.g. "session.Create (server mode, no device)". */
  method: string;
  action: ItemAction;
  outcome: Outcome;
  /** Why it did not pass: DynamoDB's error, the missing permission, or the check it needed. */
  detail?: string;
}

export interface VerifyReport {
  kind: KindName;
  table: string;
  region: string;
  passed: boolean;
  checks: CheckResult[];
  /** Probe items the run could not remove, or could not confirm removed. */
  probesLeft: string[];
  /** The command that removes them (`verify KIND --clean` with the same target), when there are any. */
  cleanCommand?: string;
}

/** The probe items of one run: ids under one prefix, so cleanup deletes only them. */
export interface Probe {
  prefix: string;
  /** A name for every probe field a person might see (user, profile, invoker...). */
  name: string;
  now: Date;
  /** ttl a few minutes ahead: a run that dies leaves nothing lasting. */
  expiresAt: Date;
}

/** One access pattern: its label, its DynamoDB action, what it needs first, and the call. */
export interface Check {
  method: string;
  action: ItemAction;
  /** Methods whose pass this check depends on (their probe item must exist). */
  needs?: string[];
  /** Ids of probe items this check creates: recorded before its call is sent, removed at the end. */
  creates?: string[];
  run(api: ItemApi, table: string, signal?: AbortSignal): Promise<unknown>;
}

/** A call that worked but answered wrong (the probe item missing from an index, say). */
export class Mismatch extends Error {
  override name = 'Mismatch';
}

/** A run that could not go on (AWS unreachable, credentials): the error, and what became of its probe items. */
export class ProbesAfterError extends Error {
  override name = 'ProbesAfterError';
  constructor(
    readonly error: unknown,
    readonly probes: string,
  ) {
    super(probes, { cause: error });
  }
}
