/**
 * Sentinel's session store, session/dynamodb.go at b6142c9e: its item (dynamoItem, lines 78-95,
 * marshalled with attributevalue.MarshalMap and no omitempty, so empty strings are sent as {S: ""})
 * and every request its methods send.
 */
import { byId, createItem, queryByIndex, rfc3339Nano, s, unixSeconds, updateItem, type Item } from './source.js';

export interface Session {
  id: string;
  user: string;
  profile: string;
  serverInstanceId: string;
  status: 'active' | 'revoked' | 'expired';
  /** "" for every server-mode session and every Lambda request without a device id. */
  deviceId: string;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  requestCount?: number;
}

/** toItem (dynamodb.go:98-117): all sixteen attributes, always; ttl is expires_at in Unix seconds. */
export function sessionItem(x: Session): Item {
  return {
    id: s(x.id),
    user: s(x.user),
    profile: s(x.profile),
    server_instance_id: s(x.serverInstanceId),
    status: s(x.status),
    started_at: s(rfc3339Nano(x.createdAt)),
    last_access_at: s(rfc3339Nano(x.createdAt)),
    expires_at: s(rfc3339Nano(x.expiresAt)),
    request_count: { N: String(x.requestCount ?? 0) },
    // Never assigned by any writer (session/types.go; lambda/session.go:28-78).
    source_identity: s(''),
    device_id: s(x.deviceId),
    created_at: s(rfc3339Nano(x.createdAt)),
    updated_at: s(rfc3339Nano(x.updatedAt)),
    ttl: unixSeconds(x.expiresAt),
    revoked_by: s(''),
    revoked_reason: s(''),
  };
}

/** The requests, one per store method. */
export const sessionStore = {
  /** Create, dynamodb.go:173-194. */
  create: (table: string, x: Session) => createItem(table, sessionItem(x)),
  /** Get, dynamodb.go:197-218. */
  get: (table: string, id: string) => byId(table, id),
  /** Update, dynamodb.go:224-266: the whole item again, locked on the updated_at the caller read. */
  update: (table: string, x: Session, originalUpdatedAt: Date) => updateItem(table, sessionItem(x), rfc3339Nano(originalUpdatedAt)),
  /** Delete, dynamodb.go:269-281. */
  delete: (table: string, id: string) => byId(table, id),
  /** ListByUser / ListByStatus / ListByProfile, dynamodb.go:301-315 → queryByIndex 483-522. */
  listByUser: (table: string, user: string) => queryByIndex(table, 'gsi-user', 'user', user),
  listByStatus: (table: string, status: string) => queryByIndex(table, 'gsi-status', 'status', status),
  listByProfile: (table: string, profile: string) => queryByIndex(table, 'gsi-profile', 'profile', profile),
  /** ListByDeviceID, dynamodb.go:477-479: its index, gsi-device-id, is not in Sentinel's own schema. */
  listByDeviceId: (table: string, deviceId: string) => queryByIndex(table, 'gsi-device-id', 'device_id', deviceId),
  /**
   * FindActiveByServerInstance, dynamodb.go:319-350: status in a FilterExpression, though it is the
   * sort key of gsi-server-instance. DynamoDB rejects it on any table.
   */
  findActiveByServerInstance: (table: string, serverInstanceId: string) => ({
    TableName: table,
    IndexName: 'gsi-server-instance',
    KeyConditionExpression: 'server_instance_id = :server_instance_id',
    FilterExpression: '#status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':server_instance_id': s(serverInstanceId), ':status': s('active') },
    ScanIndexForward: false,
    Limit: 1,
  }),
  /** What gsi-server-instance serves: status in the key condition (the query to use instead). */
  activeByServerInstance: (table: string, serverInstanceId: string) => ({
    TableName: table,
    IndexName: 'gsi-server-instance',
    KeyConditionExpression: 'server_instance_id = :server_instance_id AND #status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':server_instance_id': s(serverInstanceId), ':status': s('active') },
    Limit: 1,
  }),
  /** Touch, dynamodb.go:354-378: the Lambda's update after each vend. */
  touch: (table: string, id: string, now: Date) => ({
    TableName: table,
    Key: { id: s(id) },
    UpdateExpression: 'SET last_access_at = :now, request_count = request_count + :inc, updated_at = :now',
    ExpressionAttributeValues: { ':now': s(rfc3339Nano(now)), ':inc': { N: '1' } },
    ConditionExpression: 'attribute_exists(id)',
  }),
  /** ListByTimeRange, dynamodb.go:383-431: a Scan filtered on created_at, paginated, no Limit. */
  listByTimeRange: (table: string, start: Date, end: Date, exclusiveStartKey?: Item) => ({
    TableName: table,
    FilterExpression: 'created_at BETWEEN :start AND :end',
    ExpressionAttributeValues: { ':start': s(rfc3339Nano(start)), ':end': s(rfc3339Nano(end)) },
    ...(exclusiveStartKey && { ExclusiveStartKey: exclusiveStartKey }),
  }),
  /** GetBySourceIdentity, dynamodb.go:448-473: Scan with Limit 1, applied before the filter. */
  getBySourceIdentity: (table: string, sourceIdentity: string) => ({
    TableName: table,
    FilterExpression: 'source_identity = :sid',
    ExpressionAttributeValues: { ':sid': s(sourceIdentity) },
    Limit: 1,
  }),
};
