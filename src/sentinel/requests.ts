/**
 * Sentinel's approval-request store, request/dynamodb.go at b6142c9e: its item (dynamoItem, lines
 * 69-82, no omitempty) and the requests its methods send. Its API has PutItem, GetItem, DeleteItem
 * and Query only (lines 30-35): no UpdateItem, no Scan.
 */
import { byId, createItem, queryByIndex, rfc3339Nano, s, unixSeconds, updateItem, type Item } from './source.js';

export interface ApprovalRequest {
  id: string;
  requester: string;
  profile: string;
  justification: string;
  /** Nanoseconds (Go's time.Duration), as the store writes it. */
  durationNs: bigint;
  status: 'pending' | 'approved' | 'denied' | 'expired' | 'cancelled';
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  approver: string;
  approverComment: string;
}

/** requestToItem (dynamodb.go:84-98). */
export function requestItem(x: ApprovalRequest): Item {
  return {
    id: s(x.id),
    requester: s(x.requester),
    profile: s(x.profile),
    justification: s(x.justification),
    duration: { N: x.durationNs.toString() },
    status: s(x.status),
    created_at: s(rfc3339Nano(x.createdAt)),
    updated_at: s(rfc3339Nano(x.updatedAt)),
    expires_at: s(rfc3339Nano(x.expiresAt)),
    ttl: unixSeconds(x.expiresAt),
    // "" until someone approves or denies.
    approver: s(x.approver),
    approver_comment: s(x.approverComment),
  };
}

export const requestStore = {
  /** Create, dynamodb.go:133-154. */
  create: (table: string, x: ApprovalRequest) => createItem(table, requestItem(x)),
  /** Get, dynamodb.go:157-178 (Update reads with it first, line 187). */
  get: (table: string, id: string) => byId(table, id),
  /** Update, dynamodb.go:185-241: the whole item, locked on the updated_at it read. */
  update: (table: string, x: ApprovalRequest, originalUpdatedAt: Date) => updateItem(table, requestItem(x), rfc3339Nano(originalUpdatedAt)),
  /** Delete, dynamodb.go:244-256. */
  delete: (table: string, id: string) => byId(table, id),
  /** ListByRequester / ListByStatus / ListByProfile, dynamodb.go:294-308 → queryByIndex 312-358. */
  listByRequester: (table: string, requester: string) => queryByIndex(table, 'gsi-requester', 'requester', requester),
  listByStatus: (table: string, status: string) => queryByIndex(table, 'gsi-status', 'status', status),
  listByProfile: (table: string, profile: string) => queryByIndex(table, 'gsi-profile', 'profile', profile),
};
