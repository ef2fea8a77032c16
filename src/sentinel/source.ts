/**
 * Sentinel's own code as data: the items its stores write and the requests they send, read from
 * mateoblack/sentinel at the commit below (file:line references in each module are at that commit).
 * `verify` runs these against a live table; test/compat runs every one of them on DynamoDB Local.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** The Sentinel source these modules follow. */
export const SENTINEL_SOURCE = { repository: 'mateoblack/sentinel', commit: 'b6142c9e' } as const;

export type Item = Record<string, AttributeValue>;

/** Go's time.Format(time.RFC3339Nano) of a UTC time: trailing zeros of the fraction dropped, `Z`. */
export function rfc3339Nano(date: Date): string {
  return date.toISOString().replace(/\.?0+Z$/, 'Z');
}

/** Go's time.Format(time.RFC3339) of a UTC time: seconds, `Z`. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Unix seconds, as Go's Time.Unix(), in a DynamoDB number. */
export function unixSeconds(date: Date): AttributeValue {
  return { N: String(Math.floor(date.getTime() / 1000)) };
}

/** A DynamoDB string: Sentinel marshals every Go string without omitempty, so "" is sent as {S: ""}. */
export const s = (value: string): AttributeValue => ({ S: value });

/** The store's queryByIndex (the same in session, request and breakglass stores): newest first by the sort key. */
export function queryByIndex(table: string, index: string, keyAttribute: string, value: string, limit = 100) {
  return {
    TableName: table,
    IndexName: index,
    KeyConditionExpression: '#pk = :v',
    ExpressionAttributeNames: { '#pk': keyAttribute },
    ExpressionAttributeValues: { ':v': s(value) },
    ScanIndexForward: false,
    Limit: limit,
  };
}

/** Create in every store: a PutItem of the whole item that refuses an existing id. */
export function createItem(table: string, item: Item) {
  return { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(id)' };
}

/** Update in every store: a PutItem of the whole item, with optimistic locking on updated_at. */
export function updateItem(table: string, item: Item, originalUpdatedAt: string) {
  return {
    TableName: table,
    Item: item,
    ConditionExpression: 'attribute_exists(id) AND updated_at = :old_updated_at',
    ExpressionAttributeValues: { ':old_updated_at': s(originalUpdatedAt) },
  };
}

/** Get (and Delete) in every store: by `id`. */
export function byId(table: string, id: string) {
  return { TableName: table, Key: { id: s(id) } };
}
