/**
 * Tags: set with CreateTable for a new table, added or updated with TagResource on an existing one
 * (never removed), and read back with ListTagsOfResource before a step ends. TagResource is
 * asynchronous: "If you issue a ListTagsOfResource request immediately after a TagResource request,
 * DynamoDB might return your previous tag set" (API_TagResource), so the read-back waits a while.
 */
import { tagsText } from '../core/tags.js';
import { AwsFailure } from '../core/errors.js';
import { readTags } from './describe.js';
import type { DesiredTable } from './types.js';
import { mutating, SETTLE_MS, tableActive, waitFor, type RunContext } from './wait.js';
import { states, waitForRead } from './wait-read.js';

/** Waits until ListTagsOfResource lists every one of `want`; 'unsupported' when the endpoint has no tagging. */
export async function tagsListed(ctx: RunContext, id: string, arn: string, want: Readonly<Record<string, string>>, after: string): Promise<'listed' | 'unsupported'> {
  let lacking = '';
  const { state } = await waitForRead(ctx, id, {
    what: `tags of ${ctx.table} to be listed`,
    pending: states(),
    target: states('LISTED', 'UNSUPPORTED'),
    settling: {
      states: states('NOT YET LISTED'),
      ms: SETTLE_MS,
      error: () => new AwsFailure(`DynamoDB accepted ${after}, but ListTagsOfResource still lacks ${lacking} after ${SETTLE_MS / 1000} s.`, 'Run again to add them.'),
    },
    read: async () => {
      ctx.operation = 'ListTagsOfResource';
      const have = await readTags(ctx.dynamo, arn, ctx.signal);
      ctx.fresh.tags = { tags: have };
      if (!have) return 'UNSUPPORTED';
      lacking = tagsText(Object.fromEntries(Object.entries(want).filter(([key, value]) => have[key] !== value)));
      return lacking ? 'NOT YET LISTED' : 'LISTED';
    },
  });
  return state === 'UNSUPPORTED' ? 'unsupported' : 'listed';
}

/** TagResource with the tags the table lacks, then the read-back. */
export async function tagTable(ctx: RunContext, desired: DesiredTable, tags: Record<string, string>, id: string): Promise<void> {
  // The ARN names the table for the tagging calls; the table must be ACTIVE for them to know it.
  const { table } = await waitFor(ctx, id, tableActive(desired.name));
  const input = { ResourceArn: table.arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
  await mutating(ctx, 'TagResource', () => ctx.dynamo.tagResource(input, ctx.signal));
  await tagsListed(ctx, id, table.arn, tags, 'TagResource');
}
