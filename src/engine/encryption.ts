/**
 * A customer managed KMS key on an existing table: UpdateTable SSESpecification. DynamoDB switches
 * between the AWS owned key, the AWS managed key and customer managed keys "at any given time", with
 * no downtime; the switch is done "when the table's SSEDescription Status is ENABLED and the
 * KMSMasterKeyArn of the new customer managed key is displayed" (DynamoDB developer guide,
 * encryption.usagenotes.html), which is what the wait below waits for.
 */
import { AwsFailure } from '../core/errors.js';
import type { DesiredTable } from './types.js';
import { whenSettled } from './steps.js';
import { mutating, SETTLE_MS, waitFor, type TableNow, type Wait } from './wait.js';
import type { RunContext } from './wait.js';

const set = (...names: string[]): ReadonlySet<string> => new Set(names);

/** The SSE part of a table's state: UPDATING while the key changes, then ENABLED on the new key. */
function sseState(t: TableNow | undefined, keyArn: string): string {
  if (!t) return 'NOT FOUND';
  if (t.status !== 'ACTIVE' && t.status !== 'UPDATING') return t.status;
  const sse = t.sse;
  if (sse?.status === 'UPDATING' || sse?.status === 'ENABLING' || t.status === 'UPDATING') return 'UPDATING';
  if (!sse || sse.status === 'DISABLED' || sse.status === 'DISABLING') return 'AWS OWNED KEY';
  return sse.kmsKeyArn === keyArn ? (sse.status ?? 'ENABLED') : 'ON ANOTHER KEY';
}

/** Table encrypted with `keyArn`; the old key is tolerated a while after DynamoDB accepted the switch. */
export function onKey(name: string, keyArn: string): Wait {
  return {
    what: `table ${name} to be encrypted with ${keyArn}`,
    pending: set('UPDATING'),
    target: set('ENABLED'),
    settling: {
      states: set('ON ANOTHER KEY', 'AWS OWNED KEY'),
      ms: SETTLE_MS,
      error: () => new AwsFailure(`DynamoDB accepted switching table ${name} to ${keyArn}, but after ${SETTLE_MS / 1000} s it still reports the old key.`, 'Run again to switch it.'),
    },
    state: (t) => sseState(t, keyArn),
  };
}

/** Switches the table to the customer managed key (unless it is on it already), then waits for the switch. */
export async function setKmsKey(ctx: RunContext, desired: DesiredTable, keyArn: string, id: string): Promise<{ polls: number }> {
  let sent = false;
  await whenSettled(ctx, id, async (table) => {
    if (sseState(table, keyArn) === 'ENABLED') return;
    const input = { TableName: desired.name, SSESpecification: { Enabled: true, SSEType: 'KMS' as const, KMSMasterKeyId: keyArn } };
    await mutating(ctx, 'UpdateTable', () => ctx.dynamo.updateTable(input, ctx.signal));
    sent = true;
  });
  if (!sent) return { polls: 0 };
  const { polls } = await waitFor(ctx, id, onKey(desired.name, keyArn));
  return { polls };
}
