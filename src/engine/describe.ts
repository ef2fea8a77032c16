/** DescribeTable, DescribeTimeToLive, DescribeContinuousBackups and ListTagsOfResource, normalised into ActualTable. */
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { errorName } from '../aws/transport-errors.js';
import type { DynamoApi } from '../aws/types.js';
import { AwsFailure } from '../core/errors.js';
import type { ActualIndex, ActualTable, Feature, KeyType, UnreadSetting } from './types.js';

/** True for the SDK's "no such table" error, whatever call raised it. */
export function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'ResourceNotFoundException';
}

function keyOf(schema: { AttributeName?: string; KeyType?: string }[] | undefined, type: 'HASH' | 'RANGE'): string | undefined {
  return schema?.find((key) => key.KeyType === type)?.AttributeName;
}

/**
 * Older provisioned tables carry no BillingModeSummary, but report their capacity units (so do
 * provisioned tables on DynamoDB Local); on-demand ones report the summary and 0 units. No summary
 * and no capacity means "unknown": the plan then claims nothing about capacity.
 */
function billingOf(table: TableDescription): string | undefined {
  if (table.BillingModeSummary?.BillingMode) return table.BillingModeSummary.BillingMode;
  return (table.ProvisionedThroughput?.ReadCapacityUnits ?? 0) > 0 ? 'PROVISIONED' : undefined;
}

/** The table part of ActualTable (TTL filled in by the caller). */
export function normaliseTable(table: TableDescription): Omit<ActualTable, 'ttlStatus' | 'ttlAttribute'> {
  const attributeTypes: Record<string, KeyType> = {};
  for (const def of table.AttributeDefinitions ?? []) {
    if (def.AttributeName && def.AttributeType) attributeTypes[def.AttributeName] = def.AttributeType as KeyType;
  }
  const indexes: ActualIndex[] = (table.GlobalSecondaryIndexes ?? []).map((index) => ({
    name: index.IndexName ?? '',
    partitionKey: keyOf(index.KeySchema, 'HASH'),
    sortKey: keyOf(index.KeySchema, 'RANGE'),
    projection: index.Projection?.ProjectionType,
    status: index.IndexStatus ?? 'ACTIVE',
    backfilling: index.Backfilling === true,
  }));
  const sse = table.SSEDescription;
  return {
    name: table.TableName ?? '',
    arn: table.TableArn ?? '',
    status: table.TableStatus ?? 'ACTIVE',
    partitionKey: keyOf(table.KeySchema, 'HASH'),
    sortKey: keyOf(table.KeySchema, 'RANGE'),
    attributeTypes,
    billingMode: billingOf(table),
    sse: sse ? { status: sse.Status, type: sse.SSEType, kmsKeyArn: sse.KMSMasterKeyArn } : undefined,
    indexes,
    deletionProtection: table.DeletionProtectionEnabled === true,
  };
}

/** An answer without what the call always returns (a proxy or a captive portal answered 200): never read as "no table". */
function emptyAnswer(operation: string, name: string): AwsFailure {
  return new AwsFailure(`DynamoDB answered ${operation} for ${name} without its result (an empty 200).`, 'Something between here and DynamoDB is answering for it: check --endpoint-url, AWS_ENDPOINT_URL* and any proxy.');
}

/** DescribeTable only (the polls): undefined when the table does not exist. */
export async function describeTableOnly(dynamo: DynamoApi, name: string, signal?: AbortSignal) {
  try {
    const out = await dynamo.describeTable(name, signal);
    if (!out.Table?.TableName) throw emptyAnswer('DescribeTable', name);
    return normaliseTable(out.Table);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** DescribeTimeToLive: its status (ENABLED | ENABLING | DISABLED | DISABLING) and attribute. */
export async function readTtl(dynamo: DynamoApi, name: string, signal?: AbortSignal): Promise<{ status: string; attribute?: string }> {
  const out = await dynamo.describeTimeToLive(name, signal);
  const desc = out.TimeToLiveDescription;
  if (!desc?.TimeToLiveStatus) throw emptyAnswer('DescribeTimeToLive', name);
  return { status: desc.TimeToLiveStatus, attribute: desc.AttributeName };
}

/** UnknownOperationException: the endpoint does not implement the call (DynamoDB Local: PITR and tagging). */
export function isUnsupported(error: unknown): boolean {
  return errorName(error) === 'UnknownOperationException';
}

/**
 * DescribeContinuousBackups: PointInTimeRecoveryStatus (ENABLED | DISABLED), `NOT FOUND` for no
 * table (the PITR calls say TableNotFoundException, not ResourceNotFoundException), undefined when
 * the endpoint does not implement it.
 */
export async function readPitr(dynamo: DynamoApi, name: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const desc = (await dynamo.describeContinuousBackups(name, signal)).ContinuousBackupsDescription;
    if (!desc?.ContinuousBackupsStatus) throw emptyAnswer('DescribeContinuousBackups', name);
    // ContinuousBackupsStatus is ENABLED on every table; point-in-time recovery has its own status.
    return desc.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus ?? 'DISABLED';
  } catch (error) {
    if (isUnsupported(error)) return undefined;
    if (errorName(error) === 'TableNotFoundException' || isNotFound(error)) return 'NOT FOUND';
    throw error;
  }
}

/**
 * For a table not yet there: what the endpoint does not implement. DescribeContinuousBackups on a
 * missing table answers TableNotFoundException from DynamoDB and UnknownOperationException from
 * DynamoDB Local, which lacks tagging too: the only endpoint known to lack either lacks both.
 */
export async function unsupportedFeatures(dynamo: DynamoApi, name: string, signal?: AbortSignal): Promise<Feature[]> {
  return (await readPitr(dynamo, name, signal)) === undefined ? ['pitr', 'tags'] : [];
}

/** A table has at most 50 tags; a NextToken that never ends is an endpoint's bug, not a reason to loop. */
const MAX_TAG_PAGES = 10;

/** ListTagsOfResource, every page; undefined when the endpoint does not implement tagging. */
export async function readTags(dynamo: DynamoApi, arn: string, signal?: AbortSignal): Promise<Record<string, string> | undefined> {
  const tags: Record<string, string> = {};
  let token: string | undefined;
  for (let page = 0; page < MAX_TAG_PAGES; page++) {
    let out;
    try {
      out = await dynamo.listTagsOfResource({ ResourceArn: arn, ...(token && { NextToken: token }) }, signal);
    } catch (error) {
      if (isUnsupported(error)) return undefined;
      throw error;
    }
    for (const tag of out.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
    token = out.NextToken;
    if (!token) break;
  }
  return tags;
}

export interface DescribeOptions {
  /**
   * --plan and --output: a later read AWS denies (TTL, PITR, tags) is noted in `unread` instead of
   * failing, so a table DescribeTable found is never taken for a missing one. Runs that change the
   * table leave it off: they must not act on what they could not read.
   */
  noteDenied?: boolean;
  /** Answers already read since the setting last changed (apply's own read-backs): not asked again. */
  known?: KnownReads;
}

export interface KnownReads {
  ttl?: { status: string; attribute?: string };
  /** status undefined: the endpoint does not implement point-in-time recovery. */
  pitr?: { status: string | undefined };
  /** tags undefined: the endpoint does not implement tagging. */
  tags?: { tags: Record<string, string> | undefined };
}

/** Every read a plan needs, normalised; undefined when the table does not exist. */
export async function describe(dynamo: DynamoApi, name: string, signal?: AbortSignal, options: DescribeOptions = {}): Promise<ActualTable | undefined> {
  const table = await describeTableOnly(dynamo, name, signal);
  return table && withSettings(dynamo, table, signal, options);
}

/** A DescribeTable answer completed with TTL, point-in-time recovery and tags (read unless known); undefined when the table is gone. */
export async function withSettings(dynamo: DynamoApi, table: Omit<ActualTable, 'ttlStatus' | 'ttlAttribute'>, signal?: AbortSignal, options: DescribeOptions = {}): Promise<ActualTable | undefined> {
  const name = table.name;
  const known = options.known ?? {};
  const creating = table.status === 'CREATING';
  const unread: UnreadSetting[] = [];
  /** One read; when denied and noted, `unknown` stands for its answer. */
  const read = async <T>(what: UnreadSetting, call: () => Promise<T>, unknown: T): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (!options.noteDenied || errorName(error) !== 'AccessDeniedException') throw error;
      unread.push(what);
      return unknown;
    }
  };
  try {
    const ttl = known.ttl ?? (await read({ setting: 'ttl', operation: 'DescribeTimeToLive' }, () => readTtl(dynamo, name, signal), { status: 'UNKNOWN' }));
    const pitr = known.pitr ? known.pitr.status : await read({ setting: 'pitr', operation: 'DescribeContinuousBackups' }, () => readPitr(dynamo, name, signal), undefined);
    // A table still being created may not be known to the PITR and tagging calls yet: nothing is on.
    if (pitr === 'NOT FOUND' && !creating) return undefined;
    const tags = known.tags
      ? known.tags.tags
      : await read(
          { setting: 'tags', operation: 'ListTagsOfResource' },
          () =>
            readTags(dynamo, table.arn, signal).catch((error: unknown) => {
              if (creating && isNotFound(error)) return {};
              throw error;
            }),
          undefined,
        );
    const found = { ...table, ttlStatus: ttl.status, ttlAttribute: ttl.attribute, pitr: pitr === 'NOT FOUND' ? 'DISABLED' : pitr, tags };
    return unread.length > 0 ? { ...found, unread } : found;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
