/**
 * Sentinel's break-glass store, breakglass/dynamodb.go at b6142c9e: its item (dynamoItem, lines
 * 71-86, no omitempty) and the requests its methods send. Its API has PutItem, GetItem, DeleteItem
 * and Query only (lines 29-34): no UpdateItem, no Scan.
 */
import { byId, createItem, queryByIndex, rfc3339Nano, s, unixSeconds, updateItem, type Item } from './source.js';

export interface BreakGlassEvent {
  id: string;
  invoker: string;
  profile: string;
  reasonCode: 'incident' | 'maintenance' | 'security' | 'recovery' | 'other';
  justification: string;
  durationNs: bigint;
  status: 'active' | 'closed' | 'expired';
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  closedBy: string;
  closedReason: string;
  requestId: string;
}

/** eventToItem (dynamodb.go:88-103). */
export function breakGlassItem(x: BreakGlassEvent): Item {
  return {
    id: s(x.id),
    invoker: s(x.invoker),
    profile: s(x.profile),
    reason_code: s(x.reasonCode),
    justification: s(x.justification),
    duration: { N: x.durationNs.toString() },
    status: s(x.status),
    created_at: s(rfc3339Nano(x.createdAt)),
    updated_at: s(rfc3339Nano(x.updatedAt)),
    expires_at: s(rfc3339Nano(x.expiresAt)),
    ttl: unixSeconds(x.expiresAt),
    // "" until the event is closed.
    closed_by: s(x.closedBy),
    closed_reason: s(x.closedReason),
    request_id: s(x.requestId),
  };
}

export const breakGlassStore = {
  /** Create, dynamodb.go:141-162. */
  create: (table: string, x: BreakGlassEvent) => createItem(table, breakGlassItem(x)),
  /** Get, dynamodb.go:165-186 (Update reads with it first, line 195). */
  get: (table: string, id: string) => byId(table, id),
  /** Update, dynamodb.go:193-249: the whole item, locked on the updated_at it read. */
  update: (table: string, x: BreakGlassEvent, originalUpdatedAt: Date) => updateItem(table, breakGlassItem(x), rfc3339Nano(originalUpdatedAt)),
  /** Delete, dynamodb.go:252-264. */
  delete: (table: string, id: string) => byId(table, id),
  /** ListByInvoker / ListByStatus / ListByProfile, dynamodb.go:284-298 → queryByIndex 339-385. */
  listByInvoker: (table: string, invoker: string) => queryByIndex(table, 'gsi-invoker', 'invoker', invoker),
  listByStatus: (table: string, status: string) => queryByIndex(table, 'gsi-status', 'status', status),
  listByProfile: (table: string, profile: string) => queryByIndex(table, 'gsi-profile', 'profile', profile),
  /** FindActiveByInvokerAndProfile, dynamodb.go:303-335: Limit 1 is applied before the filter. */
  findActiveByInvokerAndProfile: (table: string, invoker: string, profile: string) => ({
    TableName: table,
    IndexName: 'gsi-invoker',
    KeyConditionExpression: 'invoker = :invoker',
    FilterExpression: 'profile = :profile AND #status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':invoker': s(invoker), ':profile': s(profile), ':status': s('active') },
    ScanIndexForward: false,
    Limit: 1,
  }),
  /** GetLastByInvokerAndProfile, dynamodb.go:401-428: Limit 1 before the filter as well. */
  getLastByInvokerAndProfile: (table: string, invoker: string, profile: string) => ({
    TableName: table,
    IndexName: 'gsi-invoker',
    KeyConditionExpression: 'invoker = :invoker',
    FilterExpression: 'profile = :profile',
    ExpressionAttributeValues: { ':invoker': s(invoker), ':profile': s(profile) },
    ScanIndexForward: false,
    Limit: 1,
  }),
  /**
   * CountByInvokerSince / CountByProfileSince → countByIndexSince, dynamodb.go:389-397, 432-455:
   * created_at, the sort key of the queried index, in a FilterExpression. Rejected on any table.
   */
  countSince: (table: string, index: 'gsi-invoker' | 'gsi-profile', value: string, since: Date) => ({
    TableName: table,
    IndexName: index,
    KeyConditionExpression: '#pk = :v',
    FilterExpression: 'created_at >= :since',
    ExpressionAttributeNames: { '#pk': index === 'gsi-invoker' ? 'invoker' : 'profile' },
    ExpressionAttributeValues: { ':v': s(value), ':since': s(rfc3339Nano(since)) },
    Select: 'COUNT' as const,
  }),
  /** What the index serves for those counts: created_at in the key condition. */
  countSinceByKey: (table: string, index: 'gsi-invoker' | 'gsi-profile', value: string, since: Date) => ({
    TableName: table,
    IndexName: index,
    KeyConditionExpression: '#pk = :v AND created_at >= :since',
    ExpressionAttributeNames: { '#pk': index === 'gsi-invoker' ? 'invoker' : 'profile' },
    ExpressionAttributeValues: { ':v': s(value), ':since': s(rfc3339Nano(since)) },
    Select: 'COUNT' as const,
  }),
};
