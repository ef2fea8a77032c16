/** Pure comparison of the desired table with the described one: the plan is data. */
import { AwsFailure } from '../core/errors.js';
import { aKind, type RetiredIndex } from '../core/kinds.js';
import { MAX_TAGS } from '../core/tags.js';
import { unreadNote, unreadOf } from './change-text.js';
import { complianceOf } from './compliance.js';
import { kindsOfIndex, lookalikeKind } from './lookalike.js';
import { tableStateProblem } from './states.js';
import type { ActualIndex, ActualTable, Change, DesiredTable, Feature, Plan } from './types.js';

const TTL_ON = new Set(['ENABLED', 'ENABLING']);

/** Raised for a table this tool must not touch: says why, and that nothing changed. */
function refuse(table: string, why: string, hint: string): never {
  throw new AwsFailure(`Table ${table} cannot be used as Sentinel's table: ${why}. Nothing was changed.`, hint);
}

const OTHER_NAME = 'DynamoDB cannot change this on an existing table: choose another name with --table, or fix the table yourself.';

/** Key schema, key types, index shapes, TTL attribute: anything UpdateTable cannot fix. */
function checkConvergeable(desired: DesiredTable, actual: ActualTable): void {
  const name = actual.name;
  // A state the tool cannot wait out (DELETING, ARCHIVED, a lost KMS key...) is the answer, not a wait.
  const stateProblem = tableStateProblem(actual.status);
  if (stateProblem) refuse(name, stateProblem.why, stateProblem.hint);
  if (actual.partitionKey !== desired.partitionKey) {
    refuse(name, `its partition key is \`${actual.partitionKey ?? '?'}\`, Sentinel needs \`${desired.partitionKey}\` (S)`, OTHER_NAME);
  }
  if (actual.sortKey !== undefined) refuse(name, `it has a sort key (\`${actual.sortKey}\`), Sentinel's tables have none`, OTHER_NAME);
  const stringTyped = (attribute: string) => {
    const type = actual.attributeTypes[attribute];
    if (type !== undefined && type !== 'S') {
      refuse(name, `attribute \`${attribute}\` is a key of type ${type}, Sentinel stores it as a string (S)`, OTHER_NAME);
    }
  };
  stringTyped(desired.partitionKey);
  for (const want of desired.indexes) {
    stringTyped(want.partitionKey);
    stringTyped(want.sortKey);
    const have = actual.indexes.find((index) => index.name === want.name);
    if (!have) continue;
    if (have.partitionKey !== want.partitionKey || have.sortKey !== want.sortKey) {
      refuse(
        name,
        `index ${want.name} has keys (${have.partitionKey ?? '?'}, ${have.sortKey ?? 'none'}), Sentinel needs (${want.partitionKey}, ${want.sortKey})`,
        'An index cannot be changed in place: delete it yourself and run again, or use another --table.',
      );
    }
    if (have.projection !== 'ALL') {
      refuse(name, `index ${want.name} projects ${have.projection ?? 'unknown'}, Sentinel needs ALL`, 'An index cannot be changed in place: delete it yourself and run again, or use another --table.');
    }
    if (have.status === 'DELETING') refuse(name, `index ${want.name} is being deleted`, 'Wait until it is gone, then run again to add it back.');
  }
  if (TTL_ON.has(actual.ttlStatus) && actual.ttlAttribute !== desired.ttlAttribute) {
    refuse(name, `TTL is on attribute \`${actual.ttlAttribute ?? '?'}\`, Sentinel expires items by \`${desired.ttlAttribute}\``, 'Disable TTL on the table yourself (it can change once an hour), then run again.');
  }
  if (actual.ttlStatus === 'DISABLING') {
    refuse(name, 'its TTL is being disabled and cannot be enabled until that finishes', 'Run again later (TTL changes can take up to an hour).');
  }
  if (actual.tags) {
    const all = new Set([...Object.keys(actual.tags), ...Object.keys(desired.tags)].filter((key) => !key.startsWith('aws:')));
    if (all.size > MAX_TAGS) {
      refuse(name, `with its ${Object.keys(actual.tags).length} tags and this run's it would have ${all.size}, DynamoDB allows ${MAX_TAGS}`, 'Remove tags the table no longer needs, or pass fewer --tag flags.');
    }
  }
}

/** The tags to add or update: wanted ones the table lacks or holds with another value. */
function missingTags(desired: DesiredTable, actual: ActualTable): Record<string, string> | undefined {
  if (!actual.tags) return undefined;
  const have = actual.tags;
  const missing = Object.entries(desired.tags).filter(([key, value]) => have[key] !== value);
  return missing.length > 0 ? Object.fromEntries(missing) : undefined;
}

/** Things left alone on purpose, said aloud. */
function notesFor(desired: DesiredTable, actual: ActualTable): string[] {
  const notes: string[] = [];
  if (actual.billingMode && actual.billingMode !== 'PAY_PER_REQUEST') {
    notes.push(`Billing mode is ${actual.billingMode}, not PAY_PER_REQUEST; left as is.`);
  }
  // DynamoDB Local accepts SSESpecification but never reports encryption: no note for it. With
  // --kms-key the encryption is converged, not left as is.
  const local = actual.arn.includes(':ddblocal:') || desired.kmsKey !== undefined;
  if (!local && (!actual.sse || actual.sse.status === 'DISABLED' || actual.sse.status === 'DISABLING')) {
    notes.push('Encrypted with the default AWS owned key, not the AWS managed KMS key (alias/aws/dynamodb); left as is.');
  } else if (!local && actual.sse?.type && actual.sse.type !== 'KMS') {
    notes.push(`Encryption type is ${actual.sse.type}, not KMS; left as is.`);
  }
  const wanted = new Set(desired.indexes.map((index) => index.name));
  for (const extra of actual.indexes.filter((index) => !wanted.has(index.name) && !retiredMatch(desired, index))) {
    const owners = kindsOfIndex(desired.kind, extra);
    notes.push(
      owners.length > 0
        ? `Index ${extra.name} belongs to ${owners.map(aKind).join(' or ')} table, not to ${aKind(desired.kind)} table; left as is.`
        : `Index ${extra.name} is not one of Sentinel's; left as is.`,
    );
  }
  if (!desired.deletionProtection && actual.deletionProtection) {
    notes.push('Deletion protection is on and stays on (this tool never turns it off).');
  }
  if (!desired.pitr && actual.pitr === 'ENABLED') {
    notes.push('Point-in-time recovery is on and stays on (--no-pitr never turns it off).');
  }
  notes.push(...(actual.unread ?? []).map(unreadNote));
  return notes;
}

/** The retired index this one is (same name and partition key), if it is one: the only kind the tool deletes. */
function retiredMatch(desired: DesiredTable, index: ActualIndex): RetiredIndex | undefined {
  return desired.retiredIndexes.find((r) => r.name === index.name && r.partitionKey === index.partitionKey);
}

/** What the endpoint does not implement, as the describe found it (undefined status: not implemented). */
function unsupportedBy(actual: ActualTable): Feature[] {
  const lacks = (feature: Feature) => actual[feature] === undefined && !unreadOf(actual, feature);
  return (['pitr', 'tags'] as const).filter(lacks);
}

/**
 * Pure: compares desired with actual (undefined: no table). Throws AwsFailure for an unconvergeable
 * table. `unsupported` says, for a table not yet there, what the endpoint does not implement (an
 * existing table's describe says it itself).
 */
export function plan(desired: DesiredTable, actual: ActualTable | undefined, region: string, unsupported: readonly Feature[] = []): Plan {
  const base = { kind: desired.kind, table: desired.name, region, desired, compared: true };
  if (!actual) {
    const changes: Change[] = [
      { op: 'create-table', target: desired.name },
      { op: 'enable-ttl', target: 'ttl', attribute: desired.ttlAttribute },
    ];
    // CreateTable has no PITR parameter: it takes a call of its own once the table is ACTIVE.
    if (desired.pitr && !unsupported.includes('pitr')) changes.push({ op: 'enable-pitr', target: 'pitr' });
    const created = { ...base, action: 'create' as const, changes, notes: [], unsupported: [...unsupported] };
    return { ...created, compliance: complianceOf(created) };
  }
  checkConvergeable(desired, actual);
  const changes: Change[] = [];
  if (actual.status !== 'ACTIVE') changes.push({ op: 'wait-table', target: actual.name, status: actual.status });
  for (const want of desired.indexes) {
    const have = actual.indexes.find((index) => index.name === want.name);
    if (!have) {
      changes.push({ op: 'add-index', target: want.name, partitionKey: want.partitionKey, sortKey: want.sortKey });
    } else if (have.status === 'CREATING' || have.backfilling) {
      changes.push({ op: 'wait-index', target: want.name, status: have.backfilling ? `${have.status} (backfilling)` : have.status });
    }
  }
  for (const index of actual.indexes) {
    const retired = retiredMatch(desired, index);
    if (!retired) continue;
    const change: Change = { op: 'remove-index', target: index.name, partitionKey: retired.partitionKey, reason: retired.reason };
    changes.push(index.status === 'DELETING' ? { ...change, status: index.status } : change);
  }
  // Index waits first (UpdateTable cannot add or delete an index while another one builds), then
  // removals, which make Sentinel's writes work again, then additions.
  changes.sort((a, b) => rank(a) - rank(b));
  if (!TTL_ON.has(actual.ttlStatus) && !unreadOf(actual, 'ttl')) changes.push({ op: 'enable-ttl', target: 'ttl', attribute: desired.ttlAttribute });
  if (desired.deletionProtection && !actual.deletionProtection) {
    changes.push({ op: 'enable-deletion-protection', target: 'deletion-protection' });
  }
  if (desired.pitr && actual.pitr !== undefined && actual.pitr !== 'ENABLED') changes.push({ op: 'enable-pitr', target: 'pitr' });
  const tags = missingTags(desired, actual);
  if (tags) changes.push({ op: 'tag', target: 'tags', tags });
  const keyArn = desired.kmsKey?.arn;
  if (keyArn && !(actual.sse?.kmsKeyArn === keyArn && actual.sse.status !== 'DISABLED' && actual.sse.status !== 'DISABLING')) {
    changes.push({ op: 'set-kms-key', target: 'encryption', keyArn, ...(actual.sse?.kmsKeyArn && { from: actual.sse.kmsKeyArn }) });
  }
  const lookalike = changes.length > 0 ? lookalikeKind(desired, actual) : undefined;
  const updated = {
    ...base,
    action: changes.length > 0 ? ('update' as const) : ('none' as const),
    changes,
    notes: notesFor(desired, actual),
    actual,
    unsupported: unsupportedBy(actual),
    ...(lookalike && { lookalike }),
  };
  return { ...updated, compliance: complianceOf(updated) };
}

const RANK: Partial<Record<Change['op'], number>> = { 'wait-table': 0, 'wait-index': 1, 'remove-index': 2 };

function rank(change: Change): number {
  return RANK[change.op] ?? 3;
}
