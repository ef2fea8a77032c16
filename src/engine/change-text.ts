/** A change in words: one line each, the same in --plan, the wizard's end screens and failure sentences. */
import { tagsText } from '../core/tags.js';
import type { ActualTable, Change, DesiredTable, Plan, ReadSetting, UnreadSetting } from './types.js';

/** PITR is billed on table size; the issue's one short phrase about cost, said wherever PITR is turned on. */
export const PITR_COST = 'billed per GB-month of table size; these tables are small';

/** Which key a new table is encrypted with, in words. */
export function encryptionText(desired: DesiredTable): string {
  const key = desired.kmsKey;
  return key ? `customer managed KMS key ${key.arn ?? key.given}` : 'AWS managed KMS key (alias/aws/dynamodb)';
}

const FEATURE_WORDS: Record<Plan['unsupported'][number], string> = { pitr: 'point-in-time recovery', tags: 'tagging' };

/** What the endpoint lacks, in one sentence (DynamoDB Local implements neither PITR nor tags). */
export function unsupportedText(plan: Pick<Plan, 'unsupported'>): string {
  return `This endpoint does not implement ${plan.unsupported.map((f) => FEATURE_WORDS[f]).join(' or ')} (DynamoDB Local does not): left out.`;
}

const READ_WORDS: Record<ReadSetting, string> = { ttl: 'TTL', pitr: 'point-in-time recovery', tags: 'tags' };

/** Why a setting is unknown: "AWS denied dynamodb:ListTagsOfResource". */
const deniedText = (unread: UnreadSetting) => `AWS denied dynamodb:${unread.operation}`;

/** What could not be read of a table, in words ("TTL and tags"), each with why when `why`; empty when everything was. */
export function unreadList(actual: Pick<ActualTable, 'unread'> | undefined, why = false): string {
  return (actual?.unread ?? []).map((u) => `${READ_WORDS[u.setting]}${why ? ` (${deniedText(u)})` : ''}`).join(' and ');
}

/** The plan's note on it: "Tags could not be read (AWS denied dynamodb:ListTagsOfResource): ...". */
export function unreadNote(unread: UnreadSetting): string {
  const words = READ_WORDS[unread.setting];
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} could not be read (${deniedText(unread)}): not compared, and left as is.`;
}

/** The denied read of `setting`, if that is why it is unknown. */
export function unreadOf(actual: Pick<ActualTable, 'unread'> | undefined, setting: ReadSetting): UnreadSetting | undefined {
  return actual?.unread?.find((u) => u.setting === setting);
}

/** One line per change, naming what it touches. */
export function describeChange(change: Change, plan: Pick<Plan, 'desired'>): string {
  switch (change.op) {
    case 'create-table': {
      const d = plan.desired;
      const protection = d.deletionProtection ? 'deletion protection on' : 'deletion protection off';
      const indexes = d.indexes.length > 0 ? `indexes ${d.indexes.map((i) => i.name).join(', ')}` : 'no indexes';
      return `create table ${change.target}: key ${d.partitionKey} (S), on-demand, encrypted with the ${encryptionText(d)}, ${protection}, ${indexes}, tags ${tagsText(d.tags)}`;
    }
    case 'wait-table':
      return `wait for table ${change.target} (now ${change.status}) to become ACTIVE`;
    case 'add-index':
      return `add index ${change.target} (${change.partitionKey}, ${change.sortKey})`;
    case 'wait-index':
      return `wait for index ${change.target} (now ${change.status}) to become ACTIVE`;
    case 'remove-index':
      return change.status
        ? `wait for index ${change.target} (now ${change.status}) to be removed: ${change.reason}`
        : `remove index ${change.target}: ${change.reason}`;
    case 'enable-ttl':
      return `enable TTL on attribute ${change.attribute}`;
    case 'enable-deletion-protection':
      return 'turn on deletion protection';
    case 'enable-pitr':
      return `turn on point-in-time recovery (${PITR_COST})`;
    case 'tag':
      return `add or update tags ${tagsText(change.tags)} (no tag is removed)`;
    case 'set-kms-key':
      return `switch encryption ${change.from ? `from KMS key ${change.from} ` : 'from the AWS owned key '}to the customer managed KMS key ${change.keyArn} (DynamoDB allows switching keys at any time, without downtime)`;
    default: {
      const unknown: never = change;
      return JSON.stringify(unknown);
    }
  }
}

