/**
 * What a table is, said from a describe and nothing else: the sentence a failed or interrupted apply
 * ends with, so it never claims a change the tool did not see in DynamoDB's own answer.
 */
import { describeChange } from './change-text.js';
import { plan as makePlan } from './plan.js';
import type { ActualTable, Plan } from './types.js';

/** "table X ACTIVE; indexes a, b ACTIVE, c CREATING; TTL on ttl; deletion protection on; point-in-time recovery on". */
export function tableNow(actual: ActualTable): string {
  const indexes = actual.indexes.map((i) => `${i.name} ${i.backfilling ? `${i.status} (backfilling)` : i.status}`);
  const ttl = actual.ttlStatus === 'ENABLED' || actual.ttlStatus === 'ENABLING' ? `TTL ${actual.ttlStatus.toLowerCase()} on ${actual.ttlAttribute ?? '?'}` : `TTL ${actual.ttlStatus.toLowerCase()}`;
  // Point-in-time recovery only where the endpoint reports it (DynamoDB Local does not).
  const pitr = actual.pitr === undefined ? [] : [`point-in-time recovery ${actual.pitr === 'ENABLED' ? 'on' : actual.pitr.toLowerCase()}`];
  return [`table ${actual.name} ${actual.status}`, indexes.length > 0 ? `indexes ${indexes.join(', ')}` : 'no indexes', ttl, `deletion protection ${actual.deletionProtection ? 'on' : 'off'}`, ...pitr].join('; ');
}

/** The changes the plan still has for this table, in words; undefined when it cannot be converged any more. */
function stillToDo(p: Plan, actual: ActualTable | undefined): string[] | undefined {
  try {
    const next = makePlan(p.desired, actual, p.region);
    return next.changes.map((c) => describeChange(c, next));
  } catch {
    return undefined;
  }
}

/**
 * The sentence after a failure: what DynamoDB reports now, and what a rerun would still do.
 * `actual`: the describe (undefined: no table); `unreadable`: why no describe could be made.
 */
export function stateSentence(p: Plan, actual: ActualTable | undefined, unreadable?: string, uncertain?: string): string {
  const sent = uncertain ? ` ${uncertain} was sent but its answer was lost or unreadable` : '';
  const lost = sent && `${sent}, so it may still take effect.`;
  if (unreadable) return `Could not read the table to say what exists now (${unreadable}).${lost} Running again picks up whatever exists.`;
  if (!actual) return `Table ${p.table} does not exist.${lost} Running again creates it.`;
  const readAfter = sent && `${sent}; this was read after it.`;
  const todo = stillToDo(p, actual);
  if (todo?.length === 0) return `Now, as DynamoDB reports it: ${tableNow(actual)}.${readAfter} Nothing is left to do.`;
  const rest = todo === undefined ? '' : ` Running again finishes: ${todo.join('; ')}.`;
  return `Now, as DynamoDB reports it: ${tableNow(actual)}.${readAfter}${rest}`;
}
