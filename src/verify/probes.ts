/**
 * verify's probe items on the table: their key prefix, their removal, and finding those of earlier
 * runs. Every probe key starts with PROBE_PREFIX (the limiter's with "RL#" before it), which no item
 * Sentinel writes can start with: session, request and break-glass ids are 16 lowercase hex
 * characters (session/types.go:133-144, request/types.go:154-165, breakglass/types.go:201-212), and
 * the limiter's keys are "RL#" + the caller's ARN (lambda/handler.go:79). So a Scan filtered on the
 * prefix finds verify's probes of any run, and never a real item; each delete checks it again.
 */
import type { ItemApi } from '../aws/types.js';
import { KINDS, type KindName } from '../core/kinds.js';
import { rateLimitKey } from '../sentinel/ratelimit.js';
import { s } from '../sentinel/source.js';

export const PROBE_PREFIX = 'sentinel-init-probe-';

/** How every probe key of `kind` starts: the probe prefix, under the limiter's "RL#" for ratelimit. */
export const probeKeyPrefix = (kind: KindName): string => (kind === 'ratelimit' ? rateLimitKey(PROBE_PREFIX) : PROBE_PREFIX);

/** What removing one probe found: deleted, not there, or still there as far as anyone knows. */
export type Removal = { id: string; outcome: 'deleted' | 'absent' } | { id: string; outcome: 'left'; error: unknown };

const isConditionFailed = (error: unknown) => (error as { name?: string })?.name === 'ConditionalCheckFailedException';

/**
 * Deletes each probe by the kind's partition key, only if the key starts with the probe prefix, all
 * at once so one hung call does not hold up the rest. The condition can only fail on an item that is
 * not there (every probe key has the prefix): so a retry after a lost answer of a delete that
 * worked, or a write that never landed, reads as "absent".
 */
export async function removeProbes(api: ItemApi, table: string, kind: KindName, ids: readonly string[], signal?: AbortSignal): Promise<Removal[]> {
  const key = KINDS[kind].partitionKey;
  return Promise.all(
    ids.map(async (id): Promise<Removal> => {
      try {
        await api.deleteItem(
          {
            TableName: table,
            Key: { [key]: s(id) },
            ConditionExpression: 'begins_with(#key, :probe)',
            ExpressionAttributeNames: { '#key': key },
            ExpressionAttributeValues: { ':probe': s(probeKeyPrefix(kind)) },
          },
          signal,
        );
        return { id, outcome: 'deleted' };
      } catch (error) {
        return isConditionFailed(error) ? { id, outcome: 'absent' } : { id, outcome: 'left', error };
      }
    }),
  );
}

/** The keys of every probe item in the table, from any run: a Scan filtered on the prefix, page by page. */
export async function findProbes(api: ItemApi, table: string, kind: KindName, signal?: AbortSignal): Promise<string[]> {
  const key = KINDS[kind].partitionKey;
  const found: string[] = [];
  let start: Record<string, { S: string }> | undefined;
  do {
    const page = await api.scan(
      {
        TableName: table,
        FilterExpression: 'begins_with(#key, :probe)',
        ProjectionExpression: '#key',
        ExpressionAttributeNames: { '#key': key },
        ExpressionAttributeValues: { ':probe': s(probeKeyPrefix(kind)) },
        ...(start && { ExclusiveStartKey: start }),
      },
      signal,
    );
    for (const item of page.Items ?? []) if (item[key]?.S) found.push(item[key].S);
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return found.sort();
}
