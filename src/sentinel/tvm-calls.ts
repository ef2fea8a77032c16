/**
 * What Sentinel's Lambda TVM calls on each of its tables, read from its code (mateoblack/sentinel
 * b6142c9e): the handler, then the store method, then the SDK call. Fewer than its stores can call
 * (src/policy/iam.ts OPERATION_ACTIONS): the TVM never deletes, never scans, and queries one index
 * of the approvals and break-glass tables. Sentinel logs a failed call and carries on (session
 * tracking off, no approval or break-glass found, rate limiting open), so a denied call shows only
 * in its logs: `doctor` asks IAM about each of these.
 */
import { KINDS, KIND_NAMES, type KindName } from '../core/kinds.js';
import type { OperationAction } from '../policy/iam.js';

export interface TvmCall {
  action: OperationAction;
  /** The index the call names (its ARN is the resource), or none: the table. */
  index?: string;
  /** What the Lambda loses when the call is denied. */
  loses: string;
  /** Where in Sentinel's code. */
  at: string;
}

export const TVM_CALLS: Readonly<Record<KindName, readonly TvmCall[]>> = {
  sessions: [
    // CreateSessionContext → store.Create; failure logged, session not tracked.
    { action: 'dynamodb:PutItem', loses: 'no session is recorded, so none can be listed or revoked', at: 'lambda/session.go:64, session/dynamodb.go:180' },
    // CheckRevocation → session.IsSessionRevoked → store.Get; fails open.
    { action: 'dynamodb:GetItem', loses: 'revocation is never seen (it fails open)', at: 'lambda/session.go:100, session/revoke.go:105, session/dynamodb.go:198' },
    // Touch → store.Touch.
    { action: 'dynamodb:UpdateItem', loses: 'sessions are never touched', at: 'lambda/session.go:87, session/dynamodb.go:357' },
  ],
  approvals: [
    // request.FindApprovedRequest → store.ListByRequester → queryByIndex(GSIRequester).
    { action: 'dynamodb:Query', index: 'gsi-requester', loses: 'no approved request is ever found', at: 'lambda/handler.go:190, request/checker.go:18, request/dynamodb.go:295,328' },
  ],
  breakglass: [
    // breakglass.FindActiveBreakGlass → store.ListByInvoker → queryByIndex(GSIInvoker).
    { action: 'dynamodb:Query', index: 'gsi-invoker', loses: 'no active break-glass is ever found', at: 'lambda/handler.go:199, breakglass/checker.go:116, breakglass/dynamodb.go:285,355' },
  ],
  ratelimit: [
    // RateLimiter.Allow; fails open ("Availability is preferred over strict rate limiting").
    { action: 'dynamodb:UpdateItem', loses: 'rate limiting fails open', at: 'lambda/handler.go:79-83, ratelimit/dynamodb.go:91,145' },
  ],
};

/** The Lambda TVM's environment variable for each kind's table name (from src/core/kinds.ts). */
export const TVM_TABLE_VARIABLES: readonly { kind: KindName; variable: string }[] = KIND_NAMES.flatMap((kind) =>
  KINDS[kind].wiring.filter((w) => w.consumer === 'Lambda TVM' && w.kind === 'env').map((w) => ({ kind, variable: w.name })),
);

/** The indexes the Lambda TVM queries on a kind's table. */
export function queriedIndexes(kind: KindName): string[] {
  return TVM_CALLS[kind].flatMap((c) => (c.index ? [c.index] : []));
}
